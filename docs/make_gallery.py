"""Make the diagrams that the documentation shows (docs/images/), from the library itself.

Run from the repository root: ``python docs/make_gallery.py`` (needs Graphviz's ``dot`` program
for PNG and SVG; without it, DOT files are written instead; the player's screenshots need
Debian's ``chromium`` and Playwright, from the dev extra). Pictures:

- ``j-forward``, ``j-backward``: J = 3(a + bc) with a = 5, b = 3, c = 2 (the course's example),
  the backward picture with the chain rule on every edge; ``j-backward-values``: the same with
  only the values on the edges; ``j-backward-course``: with the course's gradient names (db);
- ``reused-backward``: y = x*x + 2*x at x = 3, the sum dy/dx = 2 + 3 + 3 = 8 at the reused x;
- ``matmul-backward``: a 2 x 2 matrix product, every entry written out;
- ``logistic-forward``, ``logistic-backward``: one example of logistic regression,
  z = w1 x1 + w2 x2 + b, a = sigmoid(z), L(a, y), with z and the loss drawn as one box each
  as on the course's slide (``logistic-full-backward``: every operation);
- ``two-layer-forward``, ``two-layer-backward``: a 2-layer network on m = 400 examples
  (W1 (4, 2), b1 (4, 1), tanh; W2 (1, 4), b2 (1, 1), sigmoid; logistic cost J);
- ``two-layer-collapsed``: the same network, one box per layer;
- ``deep-network-collapsed``: the course's L-layer network [12288, 20, 7, 5, 1], one box per
  layer;
- ``j-steps/``: the backward pass of the J example step by step (one frame per edge);
- ``player-step-1``, ``-2``, ``-4`` (the forward pass), ``-5``, ``-9``, ``-10`` (the backward
  pass): screenshots of the step-through player (``viz.player(J).save(...)``) opened in
  headless Chromium, after pressing the right arrow key and clicking a node;
  ``player-untrusted``: the same page with scripts off (an untrusted notebook, GitHub);
- ``jupyterlab-*.png``, ``nbconvert-export.png``: the player in a real JupyterLab, written by
  ``AUTOGRAD_NN_GALLERY=docs/images python -m pytest tests/test_jupyterlab.py``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from autograd_nn import Tensor, scope, viz
from autograd_nn import functions as fn

OUT = Path(__file__).resolve().parent / "images"

# the graphs the tests check (tests/course_graphs.py): what they assert of a picture (the 2-layer
# network's width, the sums at a reused node) holds for the one drawn here
sys.path.insert(0, str(OUT.parent.parent / "tests"))
from course_graphs import j_example, matmul_2x2, reused_value, two_layer  # noqa: E402


def logistic_example() -> tuple[Tensor, dict[str, Tensor]]:
    """One example: z = w1 x1 + w2 x2 + b, a = sigmoid(z), L(a, y) = -(y log a + (1-y) log(1-a))."""
    x1 = Tensor(1.0, name="x1", requires_grad=False)
    x2 = Tensor(2.0, name="x2", requires_grad=False)
    y = Tensor(1.0, name="y", requires_grad=False)
    w1, w2, b = Tensor(0.5, name="w1"), Tensor(-0.25, name="w2"), Tensor(0.1, name="b")
    with scope("z = w1 x1 + w2 x2 + b"):
        z = w1 * x1 + w2 * x2 + b
    z.name = "z"
    a = fn.sigmoid(z)
    a.name = "a"
    with scope("L(a, y)"):
        L = -(y * fn.log(a) + (1 - y) * fn.log(1 - a))
    L.name = "L"
    L.backward()
    return L, {"z": z, "a": a, "L": L}


def write(graph: object, stem: str, **options: object) -> None:
    """Write ``stem``.png and .svg (or .dot without Graphviz) into docs/images/."""
    formats = ("png", "svg") if shutil.which("dot") else ("dot",)
    for fmt in formats:
        path = viz.save(graph, OUT / f"{stem}.{fmt}", **options)  # type: ignore[arg-type]
        print("wrote", path.relative_to(OUT.parent.parent))


def main() -> None:
    """Make every picture of the gallery."""
    OUT.mkdir(parents=True, exist_ok=True)
    J, names = j_example()
    write(J, "j-forward", mode="forward", names=names)
    write(J, "j-backward", mode="backward", names=names)
    write(J, "j-backward-values", mode="backward", names=names, detail="values")
    write(J, "j-backward-course", mode="backward", names=names, grad_names="course")
    y, names = reused_value()
    write(y, "reused-backward", mode="backward", names=names)
    write(matmul_2x2(), "matmul-backward", mode="backward")
    L, names = logistic_example()
    boxes = ["z = w1 x1 + w2 x2 + b", "L(a, y)"]
    write(L, "logistic-forward", mode="forward", names=names, collapse=boxes)
    write(L, "logistic-backward", mode="backward", names=names, collapse=boxes)
    write(L, "logistic-full-backward", mode="backward", names=names)
    J2 = two_layer()
    write(J2, "two-layer-forward", mode="forward")
    write(J2, "two-layer-backward", mode="backward")
    write(J2, "two-layer-collapsed", mode="backward", collapse=True)
    write(J2, "two-layer-backward-course", mode="backward", grad_names="course")
    JL = deep_network_example()
    write(JL, "deep-network-collapsed", mode="backward", collapse=True)
    J, names = j_example()
    fmt = "png" if shutil.which("dot") else "dot"
    for old in (OUT / "j-steps").glob("backward-*"):
        old.unlink()
    for path in viz.save_frames(J, OUT / "j-steps", fmt, names=names):
        print("wrote", path.relative_to(OUT.parent.parent))
    # the forward pass (steps 1 to 4), then the backward pass (steps 5 to 10)
    screenshots(viz.player(J, names=names), {1: 0, 2: 1, 4: 3, 5: 4, 9: 8, 10: 9}, click="b")


def screenshots(player: viz.Player, steps: dict[int, int], click: str) -> None:
    """Open the saved player in headless Chromium and screenshot it at the given steps (and,
    with scripts off, the static picture a notebook shows where it cannot run them)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("skipped the player's screenshots: needs chromium and playwright")
        return
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = player.save(Path(folder) / "player.html")
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 900, "height": 600})
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector(".agnn-player[data-ready]")
        (node,) = [k for k, card in player.data()["nodes"].items() if card["title"] == click]
        at = 0
        for number, index in sorted(steps.items()):
            for _ in range(index - at):
                page.keyboard.press("ArrowRight")
            at = index
            if number == max(steps):
                page.locator(f'.agnn-stage g[data-agnn^="{node}"]:visible').first.click()
            path = OUT / f"player-step-{number}.png"
            page.locator(".agnn-player").screenshot(path=str(path))
            print("wrote", path.relative_to(OUT.parent.parent))
        static = browser.new_page(viewport={"width": 900, "height": 600}, java_script_enabled=False)
        static.goto(page_path.resolve().as_uri())
        path = OUT / "player-untrusted.png"
        static.locator(".agnn-player").screenshot(path=str(path))
        print("wrote", path.relative_to(OUT.parent.parent))
        browser.close()


def deep_network_example() -> Tensor:
    """The course's L-layer network [12288, 20, 7, 5, 1] (relu hidden layers, sigmoid output)
    on m = 8 random 64 x 64 x 3 "images", built with autograd_nn.nn, after one backward pass."""
    from autograd_nn.nn import Model, logistic_cost

    model = Model.from_layer_dims([12288, 20, 7, 5, 1], seed=1)
    rng = np.random.default_rng(0)
    X = rng.random((12288, 8))
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    J = logistic_cost(model.forward(X), Y)
    J.backward()
    return J


if __name__ == "__main__":
    main()
