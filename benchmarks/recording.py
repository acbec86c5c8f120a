"""What ``train(..., record_every=100)`` pays for its snapshots (issue 21).

The course's flower run (layer_dims [2, 4, 1], tanh, learning_rate 1.2, 10,000 iterations,
recorded every 100: 101 snapshots) is trained twice side by side, taking turns in each
repetition: keeping the costs only (``snapshots=False``, the baseline) and keeping the
snapshots (the default: W[l], b[l], dW[l], db[l], the accuracy and the output on a 100 x 100
grid at each recorded iteration). Reported: the median time per run, the median ratio of the
two (the issue's bound: at most 1.10); the snapshots' work timed by itself (101 snapshots in a
loop, steadier than a difference of two noisy runs) as a share of a run; the snapshots'
memory (``history.nbytes``) and the size of the replay page
(``viz.training_player(history, X, Y)``, without and with the two backward passes).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import GradientDescent, History, Model, train, train_step
from autograd_nn.nn.layers import data_tensor
from autograd_nn.nn.training import SnapshotRecorder
from benchmarks.measure import interleaved

BOUND = 1.10
"""The issue's bound on (time with snapshots) / (time with the costs only)."""


def flower_run(num_iterations: int, snapshots: bool) -> Callable[[], History]:
    """One training of the flower network from the course's initialization (seed 2)."""
    X, Y = load_planar_dataset()

    def run() -> History:
        model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
        return train(model, X, Y, num_iterations, 1.2, record_every=100, snapshots=snapshots)

    return run


def snapshot_seconds(count: int, repeats: int = 5) -> float:
    """The time ``count`` snapshots take by themselves (median of ``repeats``): what the
    recording adds to a run, measured without the run's noise around it."""
    X, Y = load_planar_dataset()
    X, Y = data_tensor("bench", "X", X), data_tensor("bench", "Y", Y)
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    train_step(model, X, Y, GradientDescent(model, 1.2))  # gradients to copy
    AL = model.forward(X)
    recorder = SnapshotRecorder(model, X, Y)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for i in range(count):
            recorder.after(model, i, 0.5, AL, recorder.before(model))
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def measure(num_iterations: int = 10000, repeats: int = 5) -> dict[str, Any]:
    """Time both sides, then the memory and page sizes of one recorded run."""
    from autograd_nn import viz

    cases = {
        "costs only": flower_run(num_iterations, False),
        "snapshots": flower_run(num_iterations, True),
    }
    timings = interleaved(cases, "costs only", repeats, target=0.0)
    history = cases["snapshots"]()
    alone = snapshot_seconds(len(history.snapshots), repeats)
    X, Y = load_planar_dataset()
    started = time.perf_counter()
    light = viz.training_player(history, X, Y, backward="none").nbytes
    full = viz.training_player(history, X, Y).nbytes
    page_seconds = time.perf_counter() - started
    return {
        "iterations": num_iterations,
        "snapshots": len(history.snapshots),
        "costs_only": timings["costs only"].median,
        "with_snapshots": timings["snapshots"].median,
        "ratio": timings["snapshots"].ratio,
        "ratio_q1": timings["snapshots"].ratio_q1,
        "ratio_q3": timings["snapshots"].ratio_q3,
        "repeats": repeats,
        "snapshot_work": alone,
        "snapshot_share": alone / timings["costs only"].median,
        "memory": history.nbytes,
        "page": light,
        "page_with_backward": full,
        "page_seconds": page_seconds,
    }


def report(result: dict[str, Any]) -> str:
    """The figures as a few lines of text."""
    verdict = "within" if result["ratio"] <= BOUND else "OVER"
    return "\n".join(
        [
            f"r. recording snapshots: the flower network, {result['iterations']:,} iterations "
            f"recorded every 100 ({result['snapshots']} snapshots), {result['repeats']} "
            "interleaved runs",
            f"  costs only (snapshots=False)   {result['costs_only']:.3f} s",
            f"  with snapshots (the default)   {result['with_snapshots']:.3f} s",
            f"  ratio {result['ratio']:.3f} (interquartile {result['ratio_q1']:.3f} to "
            f"{result['ratio_q3']:.3f}): {verdict} the bound {BOUND:.2f}",
            f"  the {result['snapshots']} snapshots by themselves: "
            f"{result['snapshot_work']:.3f} s, {100 * result['snapshot_share']:.1f} % of a run "
            "with the costs only",
            f"  snapshots' memory (history.nbytes) {result['memory'] / 1e6:.2f} MB; replay "
            f"page {result['page'] / 1e6:.2f} MB, {result['page_with_backward'] / 1e6:.2f} MB "
            f"with the first and last backward passes (made in {result['page_seconds']:.1f} s)",
        ]
    )
