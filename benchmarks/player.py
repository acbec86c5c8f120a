"""The player's page size and build time on chains of n operations, the refusal above the
node limit, and ``explain`` on long names: ``python benchmarks/player.py`` (stand-alone; not
part of ``make bench``).

The budget (docs/guides/render-a-graph.md): a 200-operation chain's page is at most 2 MB and is
built in at most 2 s; a graph of 10,000 nodes is refused in well under 5 s. The size is also
checked by tests/test_viz_player.py (size only: times on a shared machine are not tests).
Times here are one build each, on whatever machine runs it: read them as orders of magnitude.
"""

from __future__ import annotations

import time

from autograd_nn import Tensor, viz
from autograd_nn.viz.film import GraphTooBigError


def chain(n: int) -> Tensor:
    """n operations (add 0.1, then tanh(1.01 y), alternately) after x = 0.5, after backward."""
    y = Tensor(0.5, name="x")
    for k in range(n):
        y = (y * 1.01).tanh() if k % 2 else y + 0.1
    y.backward()
    return y


def main() -> None:
    print("operations  frames  page (MB)  build (s)  layout")
    for layout in ("auto", "browser"):
        for n in (50, 100, 200, 400):
            J = chain(n)
            start = time.perf_counter()
            player = viz.player(J, layout=layout)
            page = player.html(standalone=True).encode()
            took = time.perf_counter() - start
            where = "in the browser" if player.in_browser else "dot, here"
            print(f"{n:10d}  {len(player):6d}  {len(page) / 1e6:9.2f}  {took:9.2f}  {where}")
    y = Tensor(0.5, name="x")
    for _ in range(10_000):
        y = y + 0.1
    y.backward()
    start = time.perf_counter()
    try:
        viz.player(y)
    except GraphTooBigError as error:
        print(f"10,001 nodes refused in {time.perf_counter() - start:.3f} s: {str(error)[:80]}...")

    print("name length  explain text (s)  explain markdown (s)   (linear: x4 length, ~x4 time)")
    for length in (16_000, 64_000, 256_000):
        for name in ("d" * length, "a" * length, "d(" * (length // 2)):
            a = Tensor(2.0, name=name)
            J = a * Tensor(3.0, name="b") + a
            J.backward()
            start = time.perf_counter()
            viz.explain(J)
            text = time.perf_counter() - start
            start = time.perf_counter()
            viz.explain(J, style="markdown")
            markdown = time.perf_counter() - start
            print(f"{length:11,d}  {text:16.3f}  {markdown:20.3f}   {name[:3]}...")


if __name__ == "__main__":
    main()
