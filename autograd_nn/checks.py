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

import numbers
from typing import Any

import numpy as np

from .describe import describe, entries, label
from .errors import (
    BackwardError,
    ConversionError,
    DomainError,
    IndexingError,
    ShapeError,
    UnsupportedNumpyFunctionError,
)
from .history import RELEASED


def check_broadcast(name: str, symbol: str, x: Any, y: Any) -> tuple[int, ...]:
    """Return the shape of ``x op y`` under numpy broadcasting, or raise ShapeError.

    Refuses a rank-1 operand (n,), n > 1, against a 2-D or larger one (see the module docstring).
    """
    xs, ys = x.data.shape, y.data.shape
    if not xs or not ys:  # a number stretches to any shape (1 - A2)
        return xs or ys
    if len(xs) == len(ys) == 2:  # the common case: (n, m) with (n, 1), (1, m) or (1, 1)
        (a0, a1), (b0, b1) = xs, ys
        if (a0 == b0 or a0 == 1 or b0 == 1) and (a1 == b1 or a1 == 1 or b1 == 1):
            return (a0 if b0 == 1 else b0, a1 if b1 == 1 else b1)
    for vec, other in ((xs, ys), (ys, xs)):
        if len(vec) == 1 and vec[0] > 1 and len(other) >= 2:
            n = vec[0]
            raise ShapeError(
                f"{name}: {describe(x)} {symbol} {describe(y)}: rank-1 tensor "
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
                f"{name}: {describe(x)} {symbol} {describe(y)}: shapes do not broadcast "
                f"(axis {axis}: {a} vs {b}; each axis must be equal or 1)"
            )
    return tuple(shape)


def check_matmul(x: Any, y: Any) -> None:
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


def is_int(value: Any) -> bool:
    """An int or numpy integer, and not a bool (True is an int to Python, never an axis)."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def is_real(value: Any) -> bool:
    """A real number (int, float or their numpy kinds), and not a bool."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def normalize_axis(name: str, t: Any, axis: Any) -> Any:
    """Normalize ``axis`` (None, an int or a tuple of ints) for ``t``, or raise ShapeError."""
    if axis is None:
        return None
    axes = axis if isinstance(axis, tuple) else (axis,)
    normalized = []
    for a in axes:
        if not is_int(a):
            raise TypeError(f"{name}: axis must be an int or a tuple of ints, got {a!r}")
        if not -t.ndim <= a < t.ndim:
            raise ShapeError(
                f"{name}: axis {a} is out of range for {describe(t)} "
                f"(valid: {-t.ndim} to {t.ndim - 1})"
                if t.ndim
                else f"{name}: axis {a} given for {describe(t)}, which has no axes"
            )
        normalized.append(int(a) % t.ndim)
    if len(set(normalized)) != len(normalized):
        raise ShapeError(f"{name}: repeated axis in {axis!r} for {describe(t)}")
    return tuple(normalized) if isinstance(axis, tuple) else normalized[0]


def check_nonempty(name: str, t: Any, axis: Any) -> None:
    """Refuse a reduction (mean, max, softmax) over no entries at all, which has no value."""
    if t.data.size:  # every axis has at least one entry
        return
    axes = range(t.ndim) if axis is None else axis if isinstance(axis, tuple) else (axis,)
    if any(t.shape[a] == 0 for a in axes) or (axis is None and t.size == 0):
        where = "" if axis is None else f" along axis {axis}"
        raise ShapeError(f"{name}: {describe(t)} has no entries{where} to take the {name} of")


def check_number(name: str, argument: str, value: Any, *, finite: bool = False) -> float:
    """A real, non-NaN number argument (a slope, a bound; ``finite``: not infinite either), or
    a TypeError/ValueError naming it."""
    if not is_real(value):
        raise TypeError(f"{name}: {argument} must be a number, got {type(value).__name__}")
    if value != value:
        raise ValueError(f"{name}: {argument} must be a number, got NaN")
    if isinstance(value, int) and not -LARGEST < value < LARGEST:
        raise ValueError(f"{name}: {argument} = {str(value)[:20]}... is too large for float64")
    if finite and not np.isfinite(value):
        raise ValueError(f"{name}: {argument} must be finite, got {value}")
    return float(value)


def normalize_shape(t: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """Return the full target shape of ``t.reshape(shape)`` (resolving -1), or raise."""
    shape = normalize_sizes("reshape", shape)
    try:
        return np.empty(t.shape, dtype=np.bool_).reshape(shape).shape
    except (ValueError, TypeError):
        raise ShapeError(
            f"reshape: {describe(t)} has {t.size} entries and cannot become {shape} "
            "(the product of the new shape must equal the number of entries; one -1 is allowed)"
        ) from None


def normalize_axes(t: Any, axes: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """Check that ``axes`` is a permutation of t's axes."""
    if axes is None:
        return None
    axes = normalize_sizes("transpose", axes)
    normalized = tuple(a % t.ndim if -t.ndim <= a < t.ndim else -1 for a in axes)
    if sorted(normalized) != list(range(t.ndim)):
        raise ShapeError(
            f"transpose: {axes} is not a permutation of the {t.ndim} axes of {describe(t)}"
        )
    return normalized


def check_positive(name: str, t: Any, *, allow_zero: bool = False) -> None:
    """Refuse entries outside (0, inf) (or [0, inf) with ``allow_zero``): log, sqrt."""
    bad = t.data < 0 if allow_zero else t.data <= 0
    if bad.any():
        kind = "negative" if allow_zero else "<= 0"
        hint = (
            " For the logistic cost after a sigmoid, use autograd_nn.nn.logistic_cost, which "
            "works from Z and stays finite when A saturates to 0 or 1."
            if name == "log"
            else ""
        )
        raise DomainError(
            f"{name}: {describe(t)} has {entries(int(bad.sum()))} {kind} "
            f"(smallest {t.data.min():g}); {name} needs "
            f"{'non-negative' if allow_zero else 'positive'} inputs.{hint}"
        )


def check_divisor(x: Any, y: Any) -> None:
    """Refuse division by an exact zero."""
    zeros = y.data == 0
    if zeros.any():
        raise DomainError(
            f"div: {describe(x)} / {describe(y)}: {label(y)} has {entries(int(zeros.sum()))} "
            "equal to 0; division by zero is undefined"
        )


def check_power(x: Any, p: Any) -> None:
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


FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


def replacement(t: Any, value: Any) -> Any:
    """``t.data = value``: the new values as ``t`` holds them (its dtype; a copy for a tensor
    that requires a gradient). Another shape is refused: the graphs made from ``t`` and its
    gradient have its shape, and backward would fail far from the cause."""
    if value is t.data:  # W.data -= x: numpy already changed the values in place
        return value
    what = f"data: {describe(t)} = ..."
    array = as_array(value, t.data.dtype, type(t), copy=t.requires_grad, what=what)
    if np.shape(array) != t.shape:
        raise ShapeError(
            f"data: {describe(t)} = values of shape {np.shape(array)}: a tensor keeps its shape "
            f"(its graph and gradient have it); make a new Tensor for another shape"
        )
    return array


MATRIX = (
    "{what}: np.matrix operands are not supported (numpy's matrix multiplies with * as a "
    "matrix product, a Tensor entry by entry); the course uses arrays: np.asarray(M)"
)


def as_array(
    data: Any, dtype: Any, tensor_type: type, *, copy: bool, what: str = "Tensor"
) -> np.ndarray:
    """User input as a float ndarray (a copy when ``copy``), or an error saying what was given
    and to what (``what``: "Tensor", or the operation given it as an operand)."""
    if dtype is None or dtype is FLOAT64 or dtype is FLOAT32:  # the common cases, at once
        target = FLOAT64 if dtype is None else dtype
    else:
        target = float_dtype(dtype, what)
    if type(data) is float or (type(data) is int and -LARGEST < data < LARGEST):
        return target.type(data)  # one number (a numpy scalar): the common case
    if isinstance(data, tensor_type):
        raise TypeError(
            f"{what}: got a Tensor; use t.detach() for a copy without history, "
            "or Tensor(t.numpy()) for a new leaf"
        )
    if isinstance(data, (list, tuple)) and any(isinstance(x, tensor_type) for x in data):
        raise TypeError(
            f"{what}: got a list of Tensors; join them with autograd_nn.stack([...]) "
            "(or concatenate), which keeps their gradients"
        )
    if isinstance(data, np.ma.MaskedArray):
        raise TypeError(
            f"{what}: a masked array's mask would be lost; pass data.filled(value) "
            "or the unmasked entries"
        )
    if isinstance(data, np.matrix) and what != "Tensor":  # (Tensor(M) makes an array of it)
        raise UnsupportedNumpyFunctionError(MATRIX.format(what=what))
    if not isinstance(data, (numbers.Real, np.ndarray, np.number, np.bool_, list, tuple)):
        raise TypeError(
            f"{what}: expected a number, a nested list of numbers or a numpy array, "
            f"got {type(data).__name__}"
        )
    if isinstance(data, int) and not isinstance(data, bool):
        raise ValueError(f"{what}: the integer {str(data)[:20]}... is too large for float64")
    try:
        array = np.asarray(data)
    except ValueError as error:  # ragged nested lists
        raise TypeError(f"{what}: nested lists must be rectangular ({error})") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{what}: expected numbers, got an array of {array.dtype} "
            f"(kind {array.dtype.kind!r}) from {type(data).__name__}"
        )
    return np.array(array, dtype=target, copy=copy or None)


FLOAT64, FLOAT32 = np.dtype(np.float64), np.dtype(np.float32)
LARGEST = 2**1024  # integers from here on have no float64


def float_dtype(dtype: Any, what: str = "Tensor") -> np.dtype:
    """float64 or float32, given as a numpy dtype or type, or a TypeError."""
    try:
        target = np.dtype(dtype)
    except (TypeError, ValueError):
        target = None
    if target is None or target not in FLOAT_DTYPES:
        shown = repr(dtype)[:60] if target is None else target
        raise TypeError(f"{what}: dtype must be float64 or float32, got {shown}")
    return target


def seed(t: Any, gradient: Any, keep_grads: Any = True, accumulate: Any = False) -> np.ndarray:
    """The seed dJ/dJ of ``t.backward(gradient)``: 1 for a one-entry t, else the given array
    (the flags checked first: True or False)."""
    if type(keep_grads) is not bool or type(accumulate) is not bool:
        flags("backward", keep_grads=keep_grads, accumulate=accumulate)
    if t.params is RELEASED:
        raise BackwardError(
            f"backward: {describe(t)} is a cost kept from an earlier backward pass; its graph "
            "was let go after three later iterations of the same computation (a kept cost "
            "keeps its value and gradient). Call backward on the cost of this iteration."
        )
    if not t.requires_grad:
        raise BackwardError(
            f"backward: {describe(t)} does not require a gradient (it was made "
            "from data tensors only, or under no_grad()), so there is nothing to backpropagate"
        )
    if gradient is None:
        if t.data.size != 1:
            raise BackwardError(
                f"backward: {describe(t)} has {entries(t.data.size)}; "
                "the seed is 1 only for a single-entry tensor (a cost J). Reduce it first "
                "(e.g. .sum() or .mean()) or pass gradient= an array of shape "
                f"{t.shape} (dJ/d{label(t)})"
            )
        return np.ones(t.shape, dtype=t.dtype) if t.ndim else t.dtype.type(1.0)
    try:
        seed = np.asarray(gradient)
    except ValueError:
        raise TypeError(
            f"backward: gradient must be an array of numbers, got {gradient!r:.60}"
        ) from None
    if seed.dtype.kind not in "biuf":
        raise TypeError(f"backward: gradient must be numbers, got {seed.dtype}")
    if seed.shape != t.shape:
        raise BackwardError(
            f"backward: gradient of shape {seed.shape} given for {describe(t)}; "
            f"it must have the tensor's own shape {t.shape}"
        )
    if not np.all(np.isfinite(seed)):
        raise BackwardError(
            f"backward: the gradient given for {describe(t)} contains NaN or infinity"
        )
    return seed.astype(t.dtype, copy=True)


def check_flag(name: str, argument: str, value: Any) -> bool:
    """A True/False argument (keepdims, requires_grad), or a TypeError naming it."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: {argument} must be True or False, got {value!r}")
    return bool(value)


def normalize_single_axis(name: str, t: Any, axis: Any) -> int:
    """One axis (softmax, stack's input), not None nor a tuple."""
    if not is_int(axis):
        raise TypeError(f"{name}: axis must be one int, got {axis!r}")
    return normalize_axis(name, t, int(axis))


def normalize_sizes(name: str, shape: Any) -> tuple[int, ...]:
    """A shape given by the user: non-negative ints (or -1 for reshape), as a tuple."""
    sizes = shape if isinstance(shape, (tuple, list)) else (shape,)
    for n in sizes:
        if not is_int(n):
            raise TypeError(f"{name}: a shape is made of ints, got {n!r} in {tuple(sizes)!r}")
    return tuple(int(n) for n in sizes)


def copy_index(t: Any, index: Any, tensor_type: type) -> Any:
    """Check ``t[index]`` and return the index with its arrays copied (later changes to the
    caller's index array cannot reach the backward pass)."""
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(i, tensor_type) for i in parts):
        raise TypeError("getitem: index with ints, slices or numpy arrays, not Tensors")
    try:
        copied = tuple(np.array(i) if isinstance(i, (np.ndarray, list)) else i for i in parts)
        index = copied if isinstance(index, tuple) else copied[0]
        t.data[index]
    except IndexError as error:
        reason = error if str(error).startswith("index ") else f"not a valid index: {error}"
        raise IndexingError(f"getitem: {describe(t)}[{index!r}]: {reason}") from None
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"getitem: {describe(t)}[{index!r}] is not a valid index: {error}"
        ) from None
    return index


def check_joinable(name: str, ts: tuple[Any, ...], axis: Any) -> int:
    """Check the inputs of concatenate (all shapes equal but along ``axis``) or stack (all
    equal); return the axis normalized."""
    if not ts:
        raise ValueError(f"{name}: needs at least one tensor")
    first = ts[0]
    if name == "stack":
        if not is_int(axis):
            raise TypeError(f"stack: axis must be one int, got {axis!r}")
        if not -first.ndim - 1 <= axis <= first.ndim:
            raise ShapeError(f"stack: axis {axis} is out of range for {describe(first)}")
        axis = int(axis) % (first.ndim + 1)
    else:
        axis = normalize_single_axis(name, first, axis)
    for t in ts[1:]:
        same = t.shape == first.shape
        if name == "concatenate" and t.ndim == first.ndim:
            same = (
                t.shape[:axis] + t.shape[axis + 1 :] == first.shape[:axis] + first.shape[axis + 1 :]
            )
        if not same:
            shapes = ", ".join(describe(t) for t in ts[:5]) + (", ..." if len(ts) > 5 else "")
            rule = "be equal" if name == "stack" else "match except along the joined axis"
            raise ShapeError(f"{name}: {shapes}: all shapes must {rule}")
    return axis


def check_operand(name: str, value: Any) -> Any:
    """A number or array operand of an arithmetic op must be finite: ``t * inf`` turns a 0 into
    NaN. (A Tensor's own values are not checked: NaN in data propagates, as in numpy.)"""
    if isinstance(value, float) and not -np.inf < value < np.inf:
        bad = f"the number operand {value} is not finite"
    elif isinstance(value, np.ndarray) and value.dtype.kind == "f" and not np.isfinite(value).all():
        count = int(value.size - np.isfinite(value).sum())
        bad = f"the array operand {value.shape} has {entries(count)} that are infinite or NaN"
    else:
        return value
    raise ValueError(f"{name}: {bad}; it would turn entries into inf or NaN")


def check_sequence(name: str, tensors: Any) -> Any:
    """The inputs of stack/concatenate: a list or tuple of tensors or arrays."""
    if not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{name}: expected a list or tuple of tensors, got {type(tensors).__name__}"
        )
    return tensors


def check_finite(name: str, t: Any) -> None:
    """Refuse infinite or NaN entries where the op cannot give a number (softmax of inf)."""
    bad = ~np.isfinite(t.data)
    if bad.any():
        raise DomainError(
            f"{name}: {describe(t)} has {entries(int(bad.sum()))} that are infinite or NaN; "
            f"{name} needs finite inputs"
        )


# ---------------------------------------------------------------------- the Tensor's arguments
def tensor_arguments(name: Any, requires_grad: Any) -> bool:
    """``Tensor(data, name=..., requires_grad=...)``: the name is a string (or None) and
    requires_grad True or False (numpy's booleans too); returns requires_grad as a bool."""
    if name is not None and type(name) is not str:
        raise TypeError(f"Tensor: name must be a string, got {type(name).__name__}")
    if requires_grad is True or requires_grad is False:  # the common case, at once
        return requires_grad
    return check_flag("Tensor", "requires_grad", requires_grad)


def flags(name: str, **values: Any) -> None:
    """Refuse any of the named arguments that is not True or False (``backward(keep_grads=1)``)."""
    for argument, value in values.items():
        check_flag(name, argument, value)


def softmax_axis(name: str, t: Any, axis: Any) -> int:
    """The one axis of softmax or log_softmax, along which t has entries, all of them finite."""
    axis = normalize_single_axis(name, t, axis)
    check_nonempty(name, t, axis)
    check_finite(name, t)
    return axis


def clip_bounds(t: Any, lo: Any, hi: Any) -> dict[str, float]:
    """``t.clip(lo, hi)``'s bounds: numbers with lo <= hi, as the op's parameters."""
    lo, hi = check_number("clip", "lo", lo), check_number("clip", "hi", hi)
    if not lo <= hi:
        raise ValueError(f"clip: {describe(t)}: lo = {lo:g} must be <= hi = {hi:g}")
    return {"lo": lo, "hi": hi}


def one_number(t: Any, conversion: str) -> Any:
    """The value of a one-entry tensor, for ``conversion``, or a ConversionError naming it."""
    if t.data.size != 1:
        raise conversion_error(t, conversion)
    return t.data.reshape(())


def conversion_error(t: Any, conversion: str) -> ConversionError:
    """The error for ``conversion`` (``float()``, ``item()``, ...) of a tensor that is not one
    number, naming that conversion."""
    return ConversionError(
        f"{conversion}: {describe(t)} has {entries(t.data.size)}; {conversion} needs a tensor "
        "of one entry (a cost J). Reduce it first (.sum(), .mean()) or index one entry "
        "(t[0, 0])"
    )
