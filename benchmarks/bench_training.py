"""One training iteration through autograd_nn against the same iteration written by hand.

Run from the repository root (the OpenBLAS variables are unset because they slow current numpy;
do this for the benchmark command only)::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_training.py

An iteration is forward, cost, backward and a gradient-descent update, in float64:

* autograd_nn: ``autograd_nn.nn.train_step`` (zero_grad, model.forward, logistic_cost from Z,
  ``J.backward(keep_grads=False)``, ``GradientDescent.step``), exactly what ``train`` runs
  after its first iteration (which also checks that Y holds 0s and 1s);
* by hand: the course's vectorized formulas in numpy (sigmoid 1 / (1 + e^(-Z)), the cost with
  logs, dZ[L] = A[L] - Y, dW[l] = (1/m) dZ[l] A[l-1]^T, db[l] = (1/m) sum(dZ[l]),
  dZ[l-1] = W[l]^T dZ[l] * g'(Z[l-1])), computing only what the update needs (no dA[0] for X,
  which autodiff skips as well since X needs no gradient);
* by hand, 1/m folded: the same, with the 1/m applied once to dZ[L] = (A[L] - Y) / m rather than
  to every dW[l] and db[l] (where autodiff applies it: the backward of the mean). On the large
  networks this saves one pass over dW[1] (20 x 12288), so it is the stricter baseline there.

Times: the sides take turns, repetition after repetition, the one going first rotating (each
repetition times one
iteration, or 50 in a row for the tiny flower network, whose ~50 us would otherwise be close to
the timer's noise), so that all see the same machine state; the medians of the per-iteration
times and their ratio are reported. Memory: the peak of ``tracemalloc`` during one
iteration (after warm-up), as a ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from autograd_nn import Tensor
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import GradientDescent, Model, logistic_cost, train_step


# --- the hand-written iterations ----------------------------------------------------------------
def hand_iteration(
    parameters: dict[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    hidden: str,
    learning_rate: float,
    fold_one_over_m: bool = False,
) -> float:
    """One iteration of an L-layer network (L = len(parameters) // 2) by the course's formulas.

    With ``fold_one_over_m``, the 1/m is applied once to dZ[L] = (A[L] - Y) / m instead of to
    every dW[l] and db[l] (the same numbers; it saves a pass over the large dW[1], and it is
    where autodiff puts it: the backward of the mean in J).
    """
    L = len(parameters) // 2
    m = X.shape[1]
    A = X
    cache = [(X, None)]
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        if l == L:
            A = 1 / (1 + np.exp(-Z))
        elif hidden == "tanh":
            A = np.tanh(Z)
        else:
            A = np.maximum(Z, 0)
        cache.append((A, Z))
    AL = A
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    if fold_one_over_m:
        dZ = (AL - Y) / m
    else:
        dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev = cache[l - 1][0]
        if fold_one_over_m:
            dW = dZ @ A_prev.T
            db = np.sum(dZ, axis=1, keepdims=True)
        else:
            dW = (1 / m) * (dZ @ A_prev.T)
            db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = parameters[f"W{l}"].T @ dZ
            A_prev, Z_prev = cache[l - 1]
            if hidden == "tanh":
                dZ = dA_prev * (1 - A_prev**2)
            else:
                dZ = dA_prev * (Z_prev > 0)
        parameters[f"W{l}"] -= learning_rate * dW
        parameters[f"b{l}"] -= learning_rate * db
    return float(cost)


# --- the workloads ------------------------------------------------------------------------------
def workloads(
    quick: bool,
) -> list[tuple[str, list[int], str, np.ndarray, np.ndarray, int, int]]:
    """(name, layer_dims, hidden activation, X, Y, repetitions, iterations per repetition)."""
    rng = np.random.RandomState(0)
    X_cat = rng.rand(12288, 209)  # the course's cat images: 64 x 64 x 3 in [0, 1], m = 209
    Y_cat = (rng.rand(1, 209) > 0.5).astype(np.float64)
    X_flower, Y_flower = load_planar_dataset()
    big, small = (5, 5) if quick else (101, 101)
    return [
        ("logistic regression, X (12288, 209)", [12288, 1], "relu", X_cat, Y_cat, big, 1),
        ("2-layer tanh n_h = 4, flower X (2, 400)", [2, 4, 1], "tanh", X_flower, Y_flower,
         small, 50),
        ("4-layer [12288, 20, 7, 5, 1], X (12288, 209)", [12288, 20, 7, 5, 1], "relu", X_cat,
         Y_cat, big, 1),
    ]  # fmt: skip


def peak_memory(iteration: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc while running ``iteration`` once."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    iteration()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def run(quick: bool = False) -> list[dict[str, float | str]]:
    """Measure every workload; return one row of figures per workload."""
    rows = []
    learning_rate = 0.0075
    for name, layer_dims, hidden, X, Y, repetitions, number in workloads(quick):
        model = Model.from_layer_dims(layer_dims, hidden_activation=hidden, seed=1)
        parameters = model.get_parameters()
        folded_parameters = model.get_parameters()
        optimizer = GradientDescent(model.parameters(), learning_rate)
        X_t = Tensor(X, name="X", requires_grad=False)
        Y_t = Tensor(Y, name="Y", requires_grad=False)

        def autodiff() -> float:
            # what train() runs at every iteration after the first (labels checked once)
            return train_step(model, X_t, Y_t, optimizer, logistic_cost, check_labels=False)  # noqa: B023

        def by_hand() -> float:
            return hand_iteration(parameters, X, Y, hidden, learning_rate)  # noqa: B023

        def by_hand_folded() -> float:
            return hand_iteration(folded_parameters, X, Y, hidden, learning_rate, True)  # noqa: B023

        sides = {"hand": by_hand, "folded": by_hand_folded, "autograd": autodiff}
        times: dict[str, list[float]] = {side: [] for side in sides}
        for _ in range(3):  # warm-up
            for side in sides.values():
                side()
        names = list(sides)
        for repetition in range(repetitions):
            # rotate which side goes first, so that none always follows another
            shift = repetition % len(names)
            for side in names[shift:] + names[:shift]:
                start = time.perf_counter()
                for _ in range(number):
                    sides[side]()
                times[side].append((time.perf_counter() - start) / number)
        medians = {side: statistics.median(t) for side, t in times.items()}
        peaks = {
            side: statistics.median(peak_memory(f) for _ in range(3)) for side, f in sides.items()
        }
        rows.append(
            {
                "workload": name,
                "hand_ms": medians["hand"] * 1e3,
                "folded_ms": medians["folded"] * 1e3,
                "autograd_ms": medians["autograd"] * 1e3,
                "time_ratio": medians["autograd"] / medians["hand"],
                "folded_time_ratio": medians["autograd"] / medians["folded"],
                "hand_peak_kib": peaks["hand"] / 1024,
                "autograd_peak_kib": peaks["autograd"] / 1024,
                "memory_ratio": peaks["autograd"] / peaks["hand"],
                "folded_memory_ratio": peaks["autograd"] / peaks["folded"],
            }
        )
    return rows


def main() -> None:
    """Print the table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (a smoke test)")
    args = parser.parse_args()
    rows = run(quick=args.quick)
    print(f"numpy {np.__version__}, float64, medians of interleaved repetitions")
    print(
        "| workload | by hand (ms) | by hand, 1/m folded (ms) | autograd_nn (ms) | time ratio "
        "(vs folded) | peak memory ratio (vs folded) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['workload']} | {row['hand_ms']:.3f} | {row['folded_ms']:.3f} | "
            f"{row['autograd_ms']:.3f} | {row['time_ratio']:.2f}x "
            f"({row['folded_time_ratio']:.2f}x) | "
            f"{row['memory_ratio']:.2f}x ({row['folded_memory_ratio']:.2f}x); "
            f"{row['autograd_peak_kib']:.0f} / {row['hand_peak_kib']:.0f} KiB |"
        )


if __name__ == "__main__":
    main()
