"""g. A chain of n = 1,000,000 operations: x = x * 1.0000001, repeated, then backward.

Each side runs once per fresh process (``run.py --probe g <side>``), which times the forward
pass, the backward pass and freeing the graph (``del``), and reads the peak RSS growth over the
forward and backward passes: divided by n, the memory one recorded node costs. The gradient
dx_n/dx_0 = 1.0000001^n is checked.

By default only autograd_nn and the hand-written floats run (about 10 s); ``--long`` adds the
peers and three repetitions. micrograd is skipped: its ``backward`` sorts the graph recursively,
which fails beyond Python's recursion limit (about a thousand nodes).
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.measure import peak_growth
from benchmarks.workload import UnavailableError, toolbox

FACTOR = 1.0000001
SIDES = [
    "Python floats (by hand)",
    "autograd_nn",
    "PyTorch",
    "MyGrad",
    "HIPS autograd",
    "micrograd",
]
DEFAULT_SIDES = SIDES[:2]


def by_hand(n: int) -> tuple[float, float, float]:
    """x_n = x_0 * FACTOR^n one multiplication at a time, and dx_n/dx_0 the same way back."""
    start = time.perf_counter()
    x = 1.0
    for _ in range(n):
        x = x * FACTOR
    middle = time.perf_counter()
    dx = 1.0
    for _ in range(n):
        dx = dx * FACTOR
    return middle - start, time.perf_counter() - middle, dx


def run(side: str, n: int) -> dict[str, Any]:
    """Times (forward, backward, free), peak RSS growth and the gradient for one side."""
    if side == "micrograd":
        raise UnavailableError("micrograd's backward sorts the graph recursively (RecursionError)")
    if side == SIDES[0]:
        F = None
    else:
        F = toolbox(side)
    result: dict[str, Any] = {}

    def forward_backward() -> None:
        if F is None:
            result["forward"], result["backward"], result["grad"] = by_hand(n)
            return
        if side == "HIPS autograd":  # one call: forward and backward cannot be timed apart
            start = time.perf_counter()
            _, (g,) = F.gradients(lambda x: chain(x, n), (1.0,))
            result["forward"], result["backward"] = time.perf_counter() - start, None
            result["grad"] = float(g)
            return
        start = time.perf_counter()
        x0 = F.scalar(1.0)
        x = chain(x0, n)
        middle = time.perf_counter()
        F.backward(x)
        result["forward"], result["backward"] = middle - start, time.perf_counter() - middle
        result["grad"] = float(x0.grad)
        result["graph"] = x

    growth, method = peak_growth(forward_backward)
    start = time.perf_counter()
    result.pop("graph", None)  # the last reference to the chain: freeing it frees every node
    result["free"] = time.perf_counter() - start
    result["total"] = result["forward"] + (result["backward"] or 0.0) + result["free"]
    result.update(rss=growth, per_node=growth / n, method=method, n=n)
    expected = FACTOR**n
    if abs(result["grad"] - expected) > 1e-9 * expected:
        raise AssertionError(f"{side}: dx_n/dx_0 = {result['grad']}, expected {expected}")
    return result


def chain(x: Any, n: int) -> Any:
    """The learner's loop: x = x * 1.0000001, n times."""
    for _ in range(n):
        x = x * FACTOR
    return x
