"""Two versions of the engine side by side in one process: the scalar J, the flower step and
the MLP step, the two taking turns in every repetition.

For a change to the core (``tensor.py``, ``ops.py``, ...): check the old version out somewhere
(``git worktree add ../old-engine main``), then, from this checkout,

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \\
        .venv/bin/python benchmarks/engines.py ../old-engine

The old ``autograd_nn`` package is loaded under another name (``old_autograd_nn``: the core's
imports are relative), so both engines run the same workloads on the same data in the same
process, alternating; each repetition gives one new/old ratio, and the median of the ratios
is what counts (a shared machine slows both alike within a repetition). The workloads are
those of ``make bench``: a (J = 3(a + bc), leaves made, forward, backward), d (the flower
network's step: zero the gradients, forward, backward, ``p.data -= learning_rate * p.grad``)
and f64 (the MLP [784, 256, 128, 10] on X (784, 4096), the same step).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.dense import flower_network, softmax_mlp


def load(tree: Path, name: str) -> ModuleType:
    """The ``autograd_nn`` package of ``tree`` imported under ``name``."""
    spec = importlib.util.spec_from_file_location(
        name, tree / "autograd_nn" / "__init__.py", submodule_search_locations=[]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Engine:
    """The toolbox ``benchmarks.dense``'s cost functions ask for (F.tanh, F.log, ...)."""

    def __init__(self, package: ModuleType) -> None:
        self.Tensor = package.Tensor
        self.tanh, self.sigmoid, self.relu = package.tanh, package.sigmoid, package.relu
        self.log, self.exp = package.log, package.exp


def scalar_J(F: Engine) -> Callable[[], float]:
    def step() -> float:
        a, b, c = F.Tensor(5.0), F.Tensor(3.0), F.Tensor(2.0)
        J = 3 * (a + b * c)
        J.backward()
        return J.item() + a.grad + b.grad + c.grad

    return step


def network_step(F: Engine, cost: Callable, sizes: list[int], m: int) -> Callable[[], float]:
    rng = np.random.default_rng(1)
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = F.Tensor(rng.standard_normal((sizes[l], sizes[l - 1])) * 0.01)
        params[f"b{l}"] = F.Tensor(np.full((sizes[l], 1), 0.01))
    X = F.Tensor(rng.standard_normal((sizes[0], m)), requires_grad=False)
    labels = rng.integers(0, sizes[-1], m) if sizes[-1] > 1 else rng.integers(0, 2, m)
    Y_array = np.eye(sizes[-1])[:, labels] if sizes[-1] > 1 else labels[None, :] * 1.0
    Y = F.Tensor(Y_array, requires_grad=False)

    def step() -> float:
        for p in params.values():
            p.zero_grad()
        J = cost(F, params, X, Y)
        J.backward()
        for p in params.values():
            p.data -= 0.01 * p.grad
        return J.item()

    return step


WORKLOADS = {
    "a": ("J = 3(a + bc) forward + backward", lambda F: scalar_J(F), 2000),
    "d": (
        "flower step, X (2, 400)",
        lambda F: network_step(F, flower_network, [2, 4, 1], 400),
        200,
    ),
    "f64": (
        "MLP [784, 256, 128, 10] step, X (784, 4096)",
        lambda F: network_step(F, softmax_mlp, [784, 256, 128, 10], 4096),
        1,
    ),
}


def seconds(step: Callable[[], Any], iterations: int) -> float:
    start = time.perf_counter()
    for _ in range(iterations):
        step()
    return (time.perf_counter() - start) / iterations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="a checkout of the old version")
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--only", default="a,d,f64")
    args = parser.parse_args()
    old = Engine(load(args.old.resolve(), "old_autograd_nn"))
    new = Engine(load(Path(__file__).resolve().parent.parent, "autograd_nn"))
    for key in args.only.split(","):
        title, make, iterations = WORKLOADS[key]
        steps = {"old": make(old), "new": make(new)}
        for step in steps.values():
            seconds(step, iterations)  # warm up
        times: dict[str, list[float]] = {"old": [], "new": []}
        for repeat in range(args.repeats):
            for side in ("old", "new") if repeat % 2 else ("new", "old"):
                times[side].append(seconds(steps[side], iterations))
        ratios = sorted(n / o for n, o in zip(times["new"], times["old"], strict=True))
        quartiles = statistics.quantiles(ratios, n=4)
        print(
            f"{key}. {title}: old {statistics.median(times['old']) * 1e6:,.1f} µs, "
            f"new {statistics.median(times['new']) * 1e6:,.1f} µs per iteration; new/old "
            f"{statistics.median(ratios):.3f} (IQR {quartiles[0]:.3f}-{quartiles[2]:.3f})"
        )


if __name__ == "__main__":
    main()
