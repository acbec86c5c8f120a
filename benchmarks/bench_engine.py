"""Engine benchmark: forward + backward through autograd_nn against the same computation by hand.

Two cases, measured side by side in one run (repetitions interleaved, medians reported), because
these machines are shared and noisy: the ratio is the figure that counts.

1. Scalar: the course's J = 3(a + bc) with a = 5, b = 3, c = 2, leaves created, forward, backward.
   Peers: the same derivatives written by hand in Python floats, and, when installed, micrograd
   (the scalar-only teaching engine) and PyTorch. Peers are optional: skipped when absent.
2. Matrix: logistic regression's cost and gradients on X of shape (12288, 209) (the course's cat
   images), float64: Z = w^T X + b, J = logistic cost, dw = (1/m) X dZ^T, db = (1/m) sum(dZ),
   against the same formulas written by hand in numpy.

Run: ``make bench`` (or ``python benchmarks/bench_engine.py``; unset OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE in that command only, as ``make bench`` does).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from autograd_nn import Tensor
from autograd_nn.functions import logistic_loss


def interleaved(cases: dict[str, Callable[[], object]], repeats: int, number: int) -> dict:
    """Median seconds per call of each case, the cases taking turns in every repetition."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for f in cases.values():  # warm up
        f()
    for _ in range(repeats):
        for name, f in cases.items():
            start = time.perf_counter()
            for _ in range(number):
                f()
            samples[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(s) for name, s in samples.items()}


# ----------------------------------------------------------------- scalar J = 3(a + bc)
def scalar_autograd_nn() -> float:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    J.backward()
    return c.grad.item()


def scalar_by_hand() -> float:
    a, b, c = 5.0, 3.0, 2.0
    u = b * c
    v = a + u
    J = 3 * v  # noqa: F841 - the forward pass, as in the course
    dv = 3.0
    du = dv
    da = dv  # noqa: F841
    db = du * c  # noqa: F841
    dc = du * b
    return dc


def scalar_peers() -> dict[str, Callable[[], object]]:
    peers: dict[str, Callable[[], object]] = {}
    try:
        from micrograd.engine import Value

        def micrograd_case() -> float:
            a, b, c = Value(5.0), Value(3.0), Value(2.0)
            J = 3 * (a + b * c)
            J.backward()
            return c.grad

        peers["micrograd"] = micrograd_case
    except ImportError:
        pass
    try:
        import torch

        def torch_case() -> float:
            a = torch.tensor(5.0, dtype=torch.float64, requires_grad=True)
            b = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
            c = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
            J = 3 * (a + b * c)
            J.backward()
            return c.grad.item()

        peers["pytorch"] = torch_case
    except ImportError:
        pass
    return peers


# ----------------------------------------------------------------- logistic regression
def logistic_data(n_x: int = 12288, m: int = 209, seed: int = 1) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    X = rng.random((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    w = rng.standard_normal((n_x, 1)) * 0.01
    return X, Y, w


def logistic_by_hand(X: np.ndarray, Y: np.ndarray, w: np.ndarray, b: float) -> tuple:
    """The course's propagate(w, b, X, Y), with the cost written in Z so it stays finite."""
    m = X.shape[1]
    Z = w.T @ X + b
    A = 1 / (1 + np.exp(-Z))
    cost = np.mean(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))))
    dZ = A - Y
    dw = (1 / m) * (X @ dZ.T)
    db = (1 / m) * np.sum(dZ)
    return cost, dw, db


def logistic_autograd_nn(X: Tensor, Y: Tensor, w: Tensor, b: Tensor) -> tuple:
    w.grad = b.grad = None
    J = logistic_loss(w.T @ X + b, Y).mean()
    J.backward()
    return J.data, w.grad, b.grad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    args = parser.parse_args()
    repeats = 3 if args.quick else args.repeats

    scalar = {"autograd_nn": scalar_autograd_nn, "by hand (floats)": scalar_by_hand}
    scalar.update(scalar_peers())
    times = interleaved(scalar, repeats, 200 if args.quick else 2000)
    print("J = 3(a + bc): leaves, forward and backward, microseconds per call (median)")
    base = times["autograd_nn"]
    for name, t in times.items():
        print(f"  {name:18s} {t * 1e6:8.2f} us   autograd_nn / this = {base / t:5.2f}")

    X, Y, w0 = logistic_data()
    _, dw, db = logistic_by_hand(X, Y, w0, 0.0)
    tensors = (
        Tensor(X, name="X", requires_grad=False),
        Tensor(Y, name="Y", requires_grad=False),
        Tensor(w0, name="w"),
        Tensor(np.zeros((1, 1)), name="b"),
    )
    _, dw_auto, db_auto = logistic_autograd_nn(*tensors)
    assert np.allclose(dw_auto, dw, rtol=1e-12, atol=1e-15) and np.isclose(db_auto, db)
    matrix = {
        "by hand (numpy)": lambda: logistic_by_hand(X, Y, w0, 0.0),
        "autograd_nn": lambda: logistic_autograd_nn(*tensors),
    }
    times = interleaved(matrix, repeats, 5 if args.quick else 20)
    ratio = times["autograd_nn"] / times["by hand (numpy)"]
    print("\nLogistic regression cost and gradients, X (12288, 209) float64 (median per call)")
    for name, t in times.items():
        print(f"  {name:18s} {t * 1e3:8.3f} ms")
    print(f"  ratio autograd_nn / by hand = {ratio:.3f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
