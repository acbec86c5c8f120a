"""The small graphs several test modules build (the course's J = 3(a + bc), a reused value, a
2 x 2 product, one dense layer, the 2-layer network); scripts/make_gallery.py draws the same ones,
so what the tests check of a picture holds for the gallery's."""

from __future__ import annotations

import numpy as np

from autograd_nn import Tensor, scope


def j_example(run_backward: bool = True) -> tuple[Tensor, dict[str, Tensor]]:
    """J = 3(a + bc) at a = 5, b = 3, c = 2 (u = bc, v = a + u), after backward by default."""
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    if run_backward:
        J.backward()
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v, "J": J}


def small_layer(m: int = 400) -> tuple[Tensor, dict[str, Tensor]]:
    """J = mean(Z1), Z1 = W1 X + b1 with W1 (4, 2), b1 (4, 1), X (2, m), after backward."""
    rng = np.random.default_rng(0)
    X = Tensor(rng.standard_normal((2, m)), name="X", requires_grad=False)
    with scope("layer 1"):
        W1 = Tensor(rng.standard_normal((4, 2)), name="W1")
        b1 = Tensor(np.zeros((4, 1)), name="b1")
        Z1 = W1 @ X + b1
        Z1.name = "Z1"
    J = Z1.mean()
    J.backward()
    return J, {"X": X, "W1": W1, "b1": b1, "Z1": Z1}


def reused_value(x_value: float = 3.0) -> tuple[Tensor, dict[str, Tensor]]:
    """y = x * x + 2 * x at x = 3: x is used three times; dy/dx = 2x + 2 = 8 by hand."""
    x = Tensor(x_value, name="x")
    y = x * x + 2 * x
    y.name = "y"
    y.backward()
    return y, {"x": x, "y": y}


def two_layer(m: int = 400) -> Tensor:
    """The course's 2-layer network (W1 (4, 2), tanh; W2 (1, 4), sigmoid; logistic cost J)
    with every tensor named as the course names it, after backward."""
    from autograd_nn import functions as fn

    rng = np.random.default_rng(1)
    X = Tensor(rng.standard_normal((2, m)), name="X", requires_grad=False)
    Y = Tensor((rng.random((1, m)) > 0.5).astype(float), name="Y", requires_grad=False)
    with scope("layer 1"):
        W1 = Tensor(rng.standard_normal((4, 2)) * 0.01, name="W1")
        b1 = Tensor(np.zeros((4, 1)), name="b1")
        Z1 = W1 @ X + b1
        Z1.name = "Z1"
        A1 = fn.tanh(Z1)
        A1.name = "A1"
    with scope("layer 2"):
        W2 = Tensor(rng.standard_normal((1, 4)) * 0.01, name="W2")
        b2 = Tensor(np.zeros((1, 1)), name="b2")
        Z2 = W2 @ A1 + b2
        Z2.name = "Z2"
    with scope("cost"):
        L = fn.logistic_loss(Z2, Y)
        L.name = "L"
        J = L.mean()
    J.name = "J"
    J.backward()
    return J


def matmul_2x2() -> Tensor:
    """J = sum(W @ A) with W, A of shape (2, 2): dW = 1 A^T, dA = W^T 1, entries in full."""
    W = Tensor([[1.0, 2.0], [3.0, 4.0]], name="W")
    A = Tensor([[0.5, -1.0], [2.0, 0.0]], name="A")
    Z = W @ A
    Z.name = "Z"
    J = Z.sum()
    J.backward()
    return J
