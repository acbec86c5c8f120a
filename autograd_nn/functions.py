"""The operations as functions: ``exp(z)``, ``sigmoid(z)``, ``sum(x, axis=1)`` ...

Each accepts a Tensor, a number or a numpy array (numbers and arrays become constant tensors)
and returns a Tensor; ``sigmoid(Z1)`` is the same as ``Z1.sigmoid()``. The command line's
expression language calls these.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import checks, ops
from .describe import describe
from .errors import ShapeError
from .tensor import Tensor, binary, broadcast_to, concatenate, lift, matmul, record, stack, stretch

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
    "maximum",
    "mean",
    "minimum",
    "relu",
    "reshape",
    "sigmoid",
    "softmax",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "sum",
    "tanh",
    "transpose",
    "where",
]


def exp(x: Any) -> Tensor:
    """e^x, element-wise; d/dx = e^x."""
    return lift(x, op="exp").exp()


def log(x: Any) -> Tensor:
    """Natural logarithm; d/dx = 1/x. Entries <= 0 raise DomainError."""
    return lift(x, op="log").log()


def sqrt(x: Any) -> Tensor:
    """Square root; d/dx = 1 / (2 sqrt(x)). Negative entries raise DomainError."""
    return lift(x, op="sqrt").sqrt()


def abs(x: Any) -> Tensor:
    """|x|; d/dx = sign(x), taken as 0 at x = 0."""
    return lift(x, op="abs").abs()


def tanh(z: Any) -> Tensor:
    """tanh(z); g'(z) = 1 - a^2."""
    return lift(z, op="tanh").tanh()


def sigmoid(z: Any) -> Tensor:
    """sigma(z) = 1 / (1 + e^(-z)), stable for large |z|; g'(z) = a (1 - a)."""
    return lift(z, op="sigmoid").sigmoid()


def relu(z: Any) -> Tensor:
    """max(0, z); g'(z) = 1 for z > 0 and 0 for z <= 0."""
    return lift(z, op="relu").relu()


def leaky_relu(z: Any, slope: float = 0.01) -> Tensor:
    """max(slope z, z); g'(z) = 1 for z > 0 and ``slope`` for z <= 0."""
    return lift(z, op="leaky_relu").leaky_relu(slope)


def softmax(z: Any, axis: int = 0) -> Tensor:
    """exp(z) / sum(exp(z)) along ``axis`` (0: classes are rows, examples are columns)."""
    return lift(z, op="softmax").softmax(axis)


def log_softmax(z: Any, axis: int = 0) -> Tensor:
    """log(softmax(z)) along ``axis``, computed stably."""
    return lift(z, op="log_softmax").log_softmax(axis)


def clip(x: Any, lo: float, hi: float) -> Tensor:
    """Limit entries to [lo, hi]; the gradient passes where lo <= x <= hi."""
    return lift(x, op="clip").clip(lo, hi)


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis``: db = (1/m) sum(dZ, axis=1, keepdims=True) uses it."""
    return lift(x, op="sum").sum(axis, keepdims)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Mean over ``axis``."""
    return lift(x, op="mean").mean(axis, keepdims)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis``; tied maxima share the gradient."""
    return lift(x, op="max").max(axis, keepdims)


def transpose(x: Any, *axes: int) -> Tensor:
    """Permute axes (reverse them by default)."""
    return lift(x, op="transpose").transpose(*axes)


def reshape(x: Any, *shape: int) -> Tensor:
    """The same entries in a new shape."""
    return lift(x, op="reshape").reshape(*shape)


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
            values are reused by the backward pass instead of computing sigma(Z) again, and it
            receives the gradient the course computes, dA[L] = -(Y/A - (1-Y)/(1-A)) (times
            the upstream gradient, 1/m under a mean), while Z[L] gets A - Y directly. It must
            be the sigmoid of this very Z (checked).
    """
    if A is None:
        return binary(ops.logistic_loss, ",", Z, Y)
    if not (isinstance(A, Tensor) and A.op is ops.sigmoid and A.parents[0] is Z):
        raise ValueError(
            "logistic_loss: A must be the tensor Z.sigmoid() of the same Z "
            f"(got {describe(A) if isinstance(A, Tensor) else type(A).__name__})"
        )
    Y = lift(Y, like=Z, op="logistic_loss")
    if Y.data.shape != Z.data.shape:
        return binary(ops.logistic_loss, ",", Z, Y)
    return record(ops.logistic_loss, (Z, Y, A))  # A[L] receives the course's dA[L] (reported)


def square(x: Any) -> Tensor:
    """x^2, element-wise, recorded as ``x ** 2``; d/dx = 2x."""
    return lift(x, op="square") ** 2


def _is_zero(value: Any) -> bool:
    """True for the number 0 (int, float or numpy scalar), the 0 of ``np.maximum(0, Z)``."""
    return isinstance(value, (int, float, np.integer, np.floating)) and value == 0


def maximum(x: Any, y: Any) -> Tensor:
    """max(x, y), element-wise with numpy broadcasting; the course's ReLU is maximum(0, Z).

    The gradient goes to the larger operand, and at a tie (x = y) to neither: so
    d max(0, z)/dz at z = 0 is 0 whichever side the 0 is on, the course's relu'(0) = 0.
    With the number 0 on either side the result is recorded as ``relu(z)`` (one box, as the
    course draws it). Where both operands come from the same tensor, as in the leaky ReLU
    max(0.01 z, z), the point z = 0 is a tie and gets 0; ``z.leaky_relu(0.01)`` gives it the
    slope instead.
    """
    if _is_zero(x) and isinstance(y, Tensor):
        return y.relu()
    if _is_zero(y) and isinstance(x, Tensor):
        return x.relu()
    return binary(ops.maximum, ",", x, y)


def minimum(x: Any, y: Any) -> Tensor:
    """min(x, y), element-wise with numpy broadcasting; the gradient goes to the smaller operand
    and, at a tie, to neither (as :func:`maximum`)."""
    return binary(ops.minimum, ",", x, y)


def where(condition: Any, x: Any, y: Any) -> Tensor:
    """x where ``condition`` holds, y elsewhere: numpy's ``np.where(condition, x, y)``.

    The gradient flows to x where the condition holds and to y elsewhere, so
    ``np.where(Z > 0, Z, 0)`` is a ReLU with relu'(0) = 0, and
    ``np.where(Z > 0, Z, 0.01 * Z)`` a leaky ReLU with slope 0.01 at 0.

    Args:
        condition: booleans (a numpy array such as ``Z > 0``, or True/False); it is data, with
            no gradient. All three broadcast together.
        x: the values where the condition holds (a Tensor, a number or an array).
        y: the values elsewhere.
    """
    if isinstance(condition, Tensor):
        raise TypeError(
            f"where: the condition {describe(condition)} is a Tensor of numbers; give booleans, "
            f"e.g. {condition.name or 'Z'} > 0 (a numpy array of True/False)"
        )
    mask = np.asarray(condition)
    if mask.dtype != np.bool_:
        raise TypeError(
            f"where: the condition must be booleans (e.g. Z > 0), got an array of {mask.dtype}; "
            "compare it first (condition != 0)"
        )
    x = lift(x, like=y if isinstance(y, Tensor) else None, op="where")
    y = lift(y, like=x, op="where")
    shape = x.shape if x.shape == y.shape else checks.check_broadcast("where", ",", x, y)
    try:
        shape = np.broadcast_shapes(mask.shape, shape)
    except ValueError:
        raise ShapeError(
            f"where: the condition {mask.shape} does not broadcast with {describe(x)} and "
            f"{describe(y)}"
        ) from None
    x = stretch(x, shape) if x.requires_grad and x.shape != shape else x
    y = stretch(y, shape) if y.requires_grad and y.shape != shape else y
    mask = np.array(np.broadcast_to(mask, shape))  # a copy the caller cannot change
    mask.flags.writeable = False
    return record(ops.where, (x, y), condition=mask)


def squeeze(x: Any, axis: int | tuple[int, ...] | None = None) -> Tensor:
    """Drop axes of size 1 (all of them by default), recorded as a reshape.

    The course's ``cost = np.squeeze(cost)`` turns J of shape (1, 1) into shape ().
    """
    x = lift(x, op="squeeze")
    axis = checks.normalize_axis("squeeze", x, axis)
    axes = range(x.ndim) if axis is None else axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if axis is not None and x.shape[a] != 1:
            raise ShapeError(
                f"squeeze: axis {a} of {describe(x)} has size {x.shape[a]}; only axes of "
                "size 1 can be squeezed"
            )
    return x.reshape(tuple(n for a, n in enumerate(x.shape) if not (a in axes and n == 1)))
