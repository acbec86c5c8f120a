"""The operations as functions: ``exp(z)``, ``sigmoid(z)``, ``sum(x, axis=1)`` ...

Each accepts a Tensor, a number or a numpy array (numbers and arrays become constant tensors)
and returns a Tensor; ``sigmoid(Z1)`` is the same as ``Z1.sigmoid()``. The command line's
expression language calls these.
"""

from __future__ import annotations

from typing import Any

from . import ops
from .describe import describe
from .tensor import Tensor, binary, broadcast_to, concatenate, lift, matmul, record, stack

__all__ = [
    "abs",
    "broadcast_to",
    "clip",
    "concatenate",
    "exp",
    "leaky_relu",
    "log",
    "log_softmax",
    "logistic_loss",
    "matmul",
    "max",
    "mean",
    "relu",
    "reshape",
    "sigmoid",
    "softmax",
    "sqrt",
    "stack",
    "sum",
    "tanh",
    "transpose",
]


def exp(x: Any) -> Tensor:
    """e^x, element-wise; d/dx = e^x."""
    return lift(x).exp()


def log(x: Any) -> Tensor:
    """Natural logarithm; d/dx = 1/x. Entries <= 0 raise DomainError."""
    return lift(x).log()


def sqrt(x: Any) -> Tensor:
    """Square root; d/dx = 1 / (2 sqrt(x)). Negative entries raise DomainError."""
    return lift(x).sqrt()


def abs(x: Any) -> Tensor:
    """|x|; d/dx = sign(x), taken as 0 at x = 0."""
    return lift(x).abs()


def tanh(z: Any) -> Tensor:
    """tanh(z); g'(z) = 1 - a^2."""
    return lift(z).tanh()


def sigmoid(z: Any) -> Tensor:
    """sigma(z) = 1 / (1 + e^(-z)), stable for large |z|; g'(z) = a (1 - a)."""
    return lift(z).sigmoid()


def relu(z: Any) -> Tensor:
    """max(0, z); g'(z) = 1 for z > 0 and 0 for z <= 0."""
    return lift(z).relu()


def leaky_relu(z: Any, slope: float = 0.01) -> Tensor:
    """max(slope z, z); g'(z) = 1 for z > 0 and ``slope`` for z <= 0."""
    return lift(z).leaky_relu(slope)


def softmax(z: Any, axis: int = 0) -> Tensor:
    """exp(z) / sum(exp(z)) along ``axis`` (0: classes are rows, examples are columns)."""
    return lift(z).softmax(axis)


def log_softmax(z: Any, axis: int = 0) -> Tensor:
    """log(softmax(z)) along ``axis``, computed stably."""
    return lift(z).log_softmax(axis)


def clip(x: Any, lo: float, hi: float) -> Tensor:
    """Limit entries to [lo, hi]; the gradient passes where lo <= x <= hi."""
    return lift(x).clip(lo, hi)


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis``: db = (1/m) sum(dZ, axis=1, keepdims=True) uses it."""
    return lift(x).sum(axis, keepdims)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Mean over ``axis``."""
    return lift(x).mean(axis, keepdims)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis``; tied maxima share the gradient."""
    return lift(x).max(axis, keepdims)


def transpose(x: Any, *axes: int) -> Tensor:
    """Permute axes (reverse them by default)."""
    return lift(x).transpose(*axes)


def reshape(x: Any, *shape: int) -> Tensor:
    """The same entries in a new shape."""
    return lift(x).reshape(*shape)


def logistic_loss(Z: Any, Y: Any, A: Tensor | None = None) -> Tensor:
    """The per-example logistic loss L(a, y) = -(y log a + (1 - y) log(1 - a)), a = sigma(z).

    Computed from the pre-activation Z (not from A), as max(z, 0) - z y + log(1 + e^(-|z|)),
    so it is finite, with a finite gradient, even when sigma(z) rounds to exactly 0 or 1.
    dL/dz = a - y: with J = logistic_loss(Z, Y).mean(), dJ/dZ = (A - Y) / m, the course's
    dZ = A - Y with its 1/m.

    Args:
        Z: pre-activations, shape (1, m).
        Y: labels in {0, 1}, the same shape as Z.
        A: optionally the tensor ``Z.sigmoid()`` already computed (A[L] of a network); its
            values are reused by the backward pass instead of computing sigma(Z) again. It
            must be the sigmoid of this very Z (checked).
    """
    if A is None:
        return binary(ops.logistic_loss, ",", Z, Y)
    if not (isinstance(A, Tensor) and A.op is ops.sigmoid and A.parents[0] is Z):
        raise ValueError(
            "logistic_loss: A must be the tensor Z.sigmoid() of the same Z "
            f"(got {describe(A) if isinstance(A, Tensor) else type(A).__name__})"
        )
    Y = lift(Y, like=Z)
    if Y.data.shape != Z.data.shape:
        return binary(ops.logistic_loss, ",", Z, Y)
    return record(ops.logistic_loss, (Z, Y), a=A.data)
