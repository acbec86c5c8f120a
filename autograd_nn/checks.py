"""Checks that run before an operation, so that a bad call fails with a message in course terms.

Each check names the operation, the tensors (by name and shape) and what would have been valid,
and raises before anything is computed or recorded: a failed call changes nothing the user holds.

Broadcasting decision (documented in docs/concepts/broadcasting.md): numpy's rules apply, except
that a rank-1 tensor of shape (n,) with n > 1 meeting a tensor of two or more dimensions is an
error. numpy would line (n,) up with the *last* axis, so a bias b of shape (n,) added to
Z of shape (n, m) either fails or (when n == m) silently adds b across the wrong axis; the course
keeps b as (n, 1). The message says which reshape was probably meant.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import DomainError, ShapeError


def describe(t: Any) -> str:
    """How messages name a tensor: ``W2 (1, 4)``; an unnamed one by what made it."""
    return f"{label(t)} {tuple(t.shape)}"


def label(t: Any, depth: int = 1) -> str:
    """A tensor's name; for an unnamed one, its value (a small constant) or the formula that
    made it, one level deep (``1 - A2``, ``W1 @ X``, ``sum(...)``)."""
    if t.name:
        return t.name
    if t._op is None:
        return format(t.data.item(), "g") if t.data.size == 1 else "unnamed tensor"
    if depth <= 0:
        return "(...)"
    return t._op.label.format(*(label(p, depth - 1) for p in t._parents))


def entries(n: int) -> str:
    """``1 entry``, ``3 entries``: counts in messages."""
    return f"{n} entry" if n == 1 else f"{n} entries"


def broadcast_shape(op: str, symbol: str, x: Any, y: Any) -> tuple[int, ...]:
    """Return the shape of ``x op y`` under numpy broadcasting, or raise ShapeError.

    Refuses a rank-1 operand (n,), n > 1, against a 2-D or larger one (see the module docstring).
    """
    xs, ys = x.data.shape, y.data.shape
    if len(xs) == len(ys) == 2:  # the common case: (n, m) with (n, 1), (1, m) or (1, 1)
        (a0, a1), (b0, b1) = xs, ys
        if (a0 == b0 or a0 == 1 or b0 == 1) and (a1 == b1 or a1 == 1 or b1 == 1):
            return (a0 if b0 == 1 else b0, a1 if b1 == 1 else b1)
    for vec, other in ((xs, ys), (ys, xs)):
        if len(vec) == 1 and vec[0] > 1 and len(other) >= 2:
            n = vec[0]
            raise ShapeError(
                f"{op}: {describe(x)} {symbol} {describe(y)}: rank-1 tensor "
                f"{describe(x if vec is xs else y)} against a {len(other)}-D tensor; numpy would "
                f"line it up with the last axis ({other[-1]}), which is rarely what the course's "
                f"notation means. Reshape it to a column ({n}, 1) (a bias b[l] is (n[l], 1)) "
                f"or a row (1, {n})."
            )
    # numpy's rule, axis by axis from the right: equal sizes, or one of them is 1
    ndim = max(len(xs), len(ys))
    xs_full = (1,) * (ndim - len(xs)) + xs
    ys_full = (1,) * (ndim - len(ys)) + ys
    shape = []
    for axis, (a, b) in enumerate(zip(xs_full, ys_full)):  # noqa: B905 - equal lengths
        if a == b or b == 1:
            shape.append(a)
        elif a == 1:
            shape.append(b)
        else:
            raise ShapeError(
                f"{op}: {describe(x)} {symbol} {describe(y)}: shapes do not broadcast "
                f"(axis {axis}: {a} vs {b}; each axis must be equal or 1)"
            )
    return tuple(shape)


def matmul(x: Any, y: Any) -> None:
    """Check ``x @ y``: 1-D or 2-D operands whose inner dimensions agree."""
    for t in (x, y):
        if t.ndim not in (1, 2):
            raise ShapeError(
                f"matmul: {describe(x)} @ {describe(y)}: {describe(t)} is {t.ndim}-D; "
                "@ takes 1-D or 2-D tensors (use * to scale by a number)"
            )
    inner_x, inner_y = x.shape[-1], y.shape[0]
    if inner_x != inner_y:
        raise ShapeError(
            f"matmul: {describe(x)} @ {describe(y)}: inner dimensions {inner_x} and {inner_y} "
            f"differ (the columns of {label(x)} must equal the rows of {label(y)})"
        )


def axis(op: str, t: Any, axis: Any) -> Any:
    """Normalize ``axis`` (None, an int or a tuple of ints) for ``t``, or raise ShapeError."""
    if axis is None:
        return None
    axes = axis if isinstance(axis, tuple) else (axis,)
    normalized = []
    for a in axes:
        if not isinstance(a, (int, np.integer)) or isinstance(a, bool):
            raise TypeError(f"{op}: axis must be an int or a tuple of ints, got {a!r}")
        if not -t.ndim <= a < t.ndim:
            raise ShapeError(
                f"{op}: axis {a} is out of range for {describe(t)} "
                f"(valid: {-t.ndim} to {t.ndim - 1})"
                if t.ndim
                else f"{op}: axis {a} given for {describe(t)}, which has no axes"
            )
        normalized.append(int(a) % t.ndim)
    if len(set(normalized)) != len(normalized):
        raise ShapeError(f"{op}: repeated axis in {axis!r} for {describe(t)}")
    return tuple(normalized) if isinstance(axis, tuple) else normalized[0]


def nonempty(op: str, t: Any, axis: Any) -> None:
    """Refuse a reduction (mean, max, softmax) over no entries at all, which has no value."""
    if t.data.size:  # every axis has at least one entry
        return
    axes = range(t.ndim) if axis is None else axis if isinstance(axis, tuple) else (axis,)
    if any(t.shape[a] == 0 for a in axes) or (axis is None and t.size == 0):
        where = "" if axis is None else f" along axis {axis}"
        raise ShapeError(f"{op}: {describe(t)} has no entries{where} to take the {op} of")


def number(op: str, name: str, value: Any) -> float:
    """A real, non-NaN number argument (a slope, a bound), or a TypeError/ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{op}: {name} must be a number, got {type(value).__name__}")
    if value != value:
        raise ValueError(f"{op}: {name} must be a number, got NaN")
    return float(value)


def reshape(t: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """Return the full target shape of ``t.reshape(shape)`` (resolving -1), or raise."""
    try:
        return np.empty(t.shape, dtype=np.bool_).reshape(shape).shape
    except (ValueError, TypeError):
        raise ShapeError(
            f"reshape: {describe(t)} has {t.size} entries and cannot become {shape} "
            "(the product of the new shape must equal the number of entries; one -1 is allowed)"
        ) from None


def transpose_axes(t: Any, axes: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """Check that ``axes`` is a permutation of t's axes."""
    if axes is None:
        return None
    normalized = tuple(a % t.ndim if -t.ndim <= a < t.ndim else -1 for a in axes)
    if sorted(normalized) != list(range(t.ndim)):
        raise ShapeError(
            f"transpose: {axes} is not a permutation of the {t.ndim} axes of {describe(t)}"
        )
    return normalized


def positive(op: str, t: Any, *, allow_zero: bool = False) -> None:
    """Refuse entries outside (0, inf) (or [0, inf) with ``allow_zero``): log, sqrt."""
    bad = t.data < 0 if allow_zero else t.data <= 0
    if bad.any():
        kind = "negative" if allow_zero else "<= 0"
        hint = (
            " For the logistic cost after a sigmoid, use autograd_nn.nn.logistic_cost, which "
            "works from Z and stays finite when A saturates to 0 or 1."
            if op == "log"
            else ""
        )
        raise DomainError(
            f"{op}: {describe(t)} has {entries(int(bad.sum()))} {kind} "
            f"(smallest {t.data.min():g}); {op} needs "
            f"{'non-negative' if allow_zero else 'positive'} inputs.{hint}"
        )


def nonzero_divisor(x: Any, y: Any) -> None:
    """Refuse division by an exact zero."""
    zeros = y.data == 0
    if zeros.any():
        raise DomainError(
            f"div: {describe(x)} / {describe(y)}: {label(y)} has {entries(int(zeros.sum()))} "
            "equal to 0; division by zero is undefined"
        )


def power(x: Any, p: Any) -> None:
    """Refuse x ** p where it is undefined in the reals, and p's gradient where log(x) is."""
    fractional = p.data != np.round(p.data)
    negative_base = x.data < 0
    if np.any(negative_base & fractional):
        raise DomainError(
            f"pow: {describe(x)} ** {describe(p)}: a negative base to a fractional power is "
            "not a real number"
        )
    if np.any((x.data == 0) & (p.data < 0)):
        raise DomainError(f"pow: {describe(x)} ** {describe(p)}: 0 to a negative power")
    if p.requires_grad and np.any(x.data < 0):
        raise DomainError(
            f"pow: {describe(x)} ** {describe(p)}: the gradient with respect to the exponent "
            f"needs log({label(x)}), so the base must not be negative"
        )
