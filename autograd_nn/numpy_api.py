"""numpy's dispatch protocols on Tensor: the course's own numpy code records the graph.

numpy hands every call that involves a Tensor to it: ufuncs (``np.exp(Z)``,
``np.maximum(0, Z)``, and every operator with a numpy array on the left, ``X @ W`` or
``Y * np.log(A)``) through ``Tensor.__array_ufunc__``, the other functions (``np.dot(W1, X)``,
``np.sum(dZ, axis=1, keepdims=True)``, ``np.squeeze(cost)``) through
``Tensor.__array_function__``. Both land here, and each call is one of three kinds:

* **recorded**: a function with a derivative rule runs the same op as the Tensor method, with
  numpy's signature (positional order, ``axis``, ``keepdims``, numbers and arrays in any
  position): ``np.dot(W1, X)`` is ``W1 @ X``, ``np.tanh(Z1)`` is ``Z1.tanh()``. See
  :data:`RECORDED`.
* **data**: a result with no gradient to keep gives plain numpy values: comparisons and tests
  (``Z > 0``, ``np.isnan(A)``) give boolean arrays, shape queries give shapes, and the
  piecewise-constant functions (``np.round``, ``np.sign``, ``np.floor``) give arrays, since their
  derivative is 0 wherever it exists. See :data:`DATA`.
* **refused**: anything else raises :class:`~autograd_nn.errors.UnsupportedNumpyFunctionError`,
  naming the function and the way out. numpy is never left to compute on a silent copy of the
  values, which would drop the graph without a word (``W1.grad`` None after ``backward()``).

The explicit ways out of the graph stay: ``t.numpy()``, ``np.asarray(t)``, ``np.array(t)``,
``float(t)``. They give plain values with no history, on purpose. No protocol reaches the
places where numpy converts a Tensor to numbers by itself (through ``__array__``, as
``np.asarray`` does): a Python list of Tensors (``np.sum([J1, J2])``), a numpy array's own
methods (``X.dot(W)`` with X a numpy array; ``np.dot(X, W)`` and ``X @ W`` record), and the
``math`` module; docs/guides/course-code.md says so.

>>> import numpy as np
>>> from autograd_nn import Tensor
>>> W1 = Tensor([[1.0, 2.0]], name="W1")
>>> X = np.array([[3.0], [4.0]])
>>> Z1 = np.dot(W1, X) + 1
>>> Z1.op.name, Z1.item()
('add', 12.0)
>>> np.sum(np.maximum(0, Z1)).backward()
>>> W1.grad
array([[3., 4.]])
>>> W1 > 1.5
array([[False,  True]])
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from . import checks, conversions, functions, ops
from .describe import describe
from .errors import IndexingError, InPlaceError, ShapeError, UnsupportedNumpyFunctionError
from .graph import is_grad_enabled
from .tensor import Tensor, binary, lift

__all__ = [
    "COMPARISONS",
    "DATA",
    "DATA_UFUNCS",
    "IN_PLACE",
    "OTHER_UFUNCS",
    "RECORDED",
    "array_function",
    "array_ufunc",
    "compare",
    "in_place",
    "install",
    "recorded_ufuncs",
    "set_items",
    "supported",
    "ufunc_rule",
]


# ---------------------------------------------------------------------- ufuncs with a rule
def positive(x: Any) -> Tensor:
    """np.positive(t): t itself (+t)."""
    return lift(x, name="positive")


OTHER_UFUNCS: dict[np.ufunc, Callable[..., Tensor]] = {
    np.positive: positive,
    np.square: functions.square,
}
"""The ufuncs that record the graph without an op of their own (+t; x ** 2)."""


def recorded_ufuncs() -> list[np.ufunc]:
    """Every ufunc that records the graph on Tensors: the table's (``ufunc=``) and the others."""
    return [*ops.UFUNCS, *OTHER_UFUNCS]


def ufunc_rule(ufunc: np.ufunc) -> Callable[..., Tensor] | None:
    """The function that records ``ufunc`` on Tensors: the function of the op declared with
    ``ufunc=`` in the table (``np.tanh`` is ``autograd_nn.tanh``, ``np.add`` the ``+`` of
    Tensors with the operands in numpy's order), or one of :data:`OTHER_UFUNCS`."""
    op = ops.UFUNCS.get(ufunc)
    return functions.function(op) if op is not None else OTHER_UFUNCS.get(ufunc)


# Comparisons: boolean numpy arrays (masks), the same for Z > 0 and np.greater(Z, 0).
COMPARISONS: dict[np.ufunc, str] = {
    np.greater: ">",
    np.greater_equal: ">=",
    np.less: "<",
    np.less_equal: "<=",
    np.equal: "==",
    np.not_equal: "!=",
}

# Other ufuncs whose result carries no gradient: tests (booleans) and piecewise-constant
# functions (derivative 0 wherever it exists). They run on the values and return numpy arrays.
DATA_UFUNCS = frozenset(
    {
        np.logical_and,
        np.logical_or,
        np.logical_xor,
        np.logical_not,
        np.isfinite,
        np.isinf,
        np.isnan,
        np.signbit,
        np.sign,
        np.floor,
        np.ceil,
        np.trunc,
        np.rint,
    }
)


def array_ufunc(ufunc: np.ufunc, method: str, inputs: tuple, kwargs: dict) -> Any:
    """``Tensor.__array_ufunc__``: record a ufunc with a derivative rule, compute a data ufunc
    on the values, refuse the rest (and every keyword: ``out=`` would write outside the graph).
    """
    if isinstance(inputs[0], (np.generic, np.matrix)) or (
        len(inputs) > 1 and isinstance(inputs[1], np.matrix)
    ):
        _refuse_matrix_or_write_back(ufunc, inputs)
    rule = ufunc_rule(ufunc)
    if rule is not None and method == "__call__" and not kwargs:
        return rule(*inputs)
    name = f"np.{ufunc.__name__}"
    if name.endswith(" (vectorized)"):  # a ufunc np.frompyfunc made from a Python function
        name = f"np.frompyfunc({ufunc.__name__[: -len(' (vectorized)')]})"
    if method != "__call__":
        raise UnsupportedNumpyFunctionError(
            f"{name}.{method}: ufunc methods are not supported on Tensors "
            f"({_first_tensor(inputs)}); use the function (np.sum, np.matmul, ...) or the "
            "Tensor methods, which record the graph"
        )
    if kwargs:
        out = kwargs.get("out")
        into_first = out is not None and len(out) == 1 and out[0] is inputs[0]
        if into_first and isinstance(inputs[0], Tensor) and ufunc in IN_PLACE and len(kwargs) == 1:
            return in_place(inputs[0], ufunc, inputs[1])  # W += x is np.add(W, x, out=W)
        _refuse_keywords(name, inputs, kwargs)
    if ufunc in COMPARISONS:
        return compare(ufunc, *inputs)
    if ufunc in DATA_UFUNCS:
        return _on_values(name, ufunc, inputs, {})
    raise UnsupportedNumpyFunctionError(_no_rule(name, inputs))


def _refuse_matrix_or_write_back(ufunc: np.ufunc, inputs: tuple) -> None:
    """``M * W`` with M an np.matrix; ``dw[j] += t`` with dw a numpy array (numpy's number
    ``dw[j]`` plus a Tensor, about to be stored back into the array)."""
    if any(isinstance(x, np.matrix) for x in inputs):
        raise UnsupportedNumpyFunctionError(checks.MATRIX.format(what=f"np.{ufunc.__name__}"))
    for x in inputs[1:]:
        if isinstance(x, Tensor) and x.requires_grad and is_grad_enabled():
            conversions.check_write_back(x, inputs[0])


def compare(ufunc: np.ufunc, x: Any, y: Any) -> Any:
    """``x > y`` and friends on the values: a boolean numpy array (a mask; no gradient).

    Broadcasting follows the Tensor operators' rule (a rank-1 (n,) against a matrix is refused),
    so a mask has the shape the course expects.
    """
    symbol = COMPARISONS[ufunc]
    try:
        xt = lift(x, like=y if isinstance(y, Tensor) else None)
        yt = lift(y, like=x if isinstance(x, Tensor) else None)
    except TypeError:
        other = y if isinstance(x, Tensor) else x
        raise TypeError(
            f"{symbol}: cannot compare {_first_tensor((x, y))} with {type(other).__name__}; "
            "compare with a number, a numpy array or a Tensor"
        ) from None
    if xt.shape != yt.shape:
        checks.check_broadcast(ufunc.__name__, symbol, xt, yt)
    return ufunc(xt.data, yt.data)


# ---------------------------------------------------------------------- other numpy functions
RECORDED: dict[Callable, Callable[..., Tensor]] = {}
"""numpy function -> the rule that records it (numpy's own signature)."""

DATA = frozenset(
    {
        # shapes, and new arrays of the same shape
        np.shape,
        np.ndim,
        np.size,
        np.zeros_like,
        np.ones_like,
        np.empty_like,
        np.full_like,
        # booleans, counts and indices
        np.isclose,
        np.allclose,
        np.array_equal,
        np.any,
        np.all,
        np.count_nonzero,
        np.argmax,
        np.argmin,
        np.nonzero,
        # piecewise constant: derivative 0 wherever it exists
        np.round,
        np.around,
    }
)
"""numpy functions computed on the values, whose results carry no gradient to keep."""


def _recorded(*funcs: Callable) -> Callable:
    def register(rule: Callable[..., Tensor]) -> Callable[..., Tensor]:
        for func in funcs:
            RECORDED[func] = rule
        return rule

    return register


def array_function(func: Callable, types: tuple, args: tuple, kwargs: dict) -> Any:
    """``Tensor.__array_function__``: dispatch a numpy function given a Tensor."""
    if not all(issubclass(t, (Tensor, np.ndarray)) for t in types):
        return NotImplemented  # another library's array type: let it answer
    name = _numpy_name(func)
    if any(issubclass(t, np.matrix) for t in types):
        raise UnsupportedNumpyFunctionError(checks.MATRIX.format(what=name))
    rule = RECORDED.get(func)
    if rule is not None:
        try:
            return rule(*args, **kwargs)
        except TypeError as error:
            if _binds(rule, args, kwargs):
                raise
            raise TypeError(f"{name}: {error}".replace(f"{rule.__qualname__}() ", "")) from None
    if func in DATA:
        if kwargs.get("out") is not None:
            _refuse_keywords(name, args, {"out": kwargs["out"]})
        if func in LIKE:
            _refuse_values_in_a_like(name, func, args, kwargs)
        return _on_values(name, func, args, kwargs)
    outer = conversions.numpy_function_calling()  # np.full hands the Tensor to np.copyto
    if outer is not None:
        hint = _fill_hint(outer, args[1] if len(args) > 1 else args[0])
        name = f"{outer} (through {name})"
        raise UnsupportedNumpyFunctionError(f"{_no_rule(name, args)}{hint}")
    raise UnsupportedNumpyFunctionError(_no_rule(name, args))


LIKE = frozenset({np.zeros_like, np.ones_like, np.empty_like, np.full_like})
"""The DATA functions that make a new array of a tensor's shape: its values never enter it."""


def _refuse_values_in_a_like(name: str, func: Callable, args: tuple, kwargs: dict) -> None:
    """``np.full_like(W, s)`` with s a Tensor that requires a gradient: its value would fill a
    plain array; ``np.empty_like(W)``: memory as found (often W's own values, copied)."""
    bound = inspect.signature(func).bind(*args, **kwargs).arguments
    fill = bound.get("fill_value")
    if isinstance(fill, Tensor) and fill.requires_grad and is_grad_enabled():
        raise UnsupportedNumpyFunctionError(
            f"{name}: the fill value {describe(fill)} requires a gradient; a plain array filled "
            f"with it would lose the graph.{_fill_hint('np.full_like', fill)} To fill with its "
            f"value on purpose, use {fill.name or 't'}.numpy()."
        )
    a = bound.get("a", bound.get("prototype"))
    if func is np.empty_like and isinstance(a, Tensor) and a.requires_grad and is_grad_enabled():
        raise UnsupportedNumpyFunctionError(
            f"{name}: {describe(a)} requires a gradient, and an empty array holds whatever the "
            f"memory held (often a copy of its values); use np.zeros_like({a.name or 't'}), or "
            f"np.empty_like({a.name or 't'}.numpy()) on purpose"
        )


def _fill_hint(outer: str, fill: Any) -> str:
    if outer not in ("np.full", "np.full_like") or not isinstance(fill, Tensor):
        return ""
    return (
        f" A Tensor filled with {describe(fill)} is autograd_nn.broadcast_to("
        f"{fill.name or 't'}, shape), recorded."
    )


@_recorded(np.dot)
def _dot(a: Any, b: Any, out: Any = None) -> Tensor:
    """np.dot(W, A): the matrix product W @ A for 1-D and 2-D operands; times a scalar."""
    _refuse_keywords("np.dot", (a, b), {"out": out})
    if np.ndim(_values(a)) == 0 or np.ndim(_values(b)) == 0:
        return binary(ops.mul, a, b)
    return functions.matmul(a, b)


@_recorded(np.sum)
def _sum(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: Any = False,
    initial: Any = None,
    where: Any = None,
) -> Tensor:
    """np.sum(dZ, axis=1, keepdims=True)."""
    options = {"dtype": dtype, "out": out, "initial": initial, "where": where}
    _refuse_keywords("np.sum", (a,), options)
    return lift(a, name="sum").sum(axis, keepdims)


@_recorded(np.mean)
def _mean(
    a: Any,
    axis: Any = None,
    dtype: Any = None,
    out: Any = None,
    keepdims: Any = False,
    *,
    where: Any = None,
) -> Tensor:
    """np.mean(losses), np.mean(x, axis=1, keepdims=True)."""
    _refuse_keywords("np.mean", (a,), {"dtype": dtype, "out": out, "where": where})
    return lift(a, name="mean").mean(axis, keepdims)


def _extremum(name: str, largest: bool) -> Callable[..., Tensor]:
    """The rule of np.max (``largest``) or np.min; tied entries share the gradient."""

    def rule(
        a: Any,
        axis: Any = None,
        out: Any = None,
        keepdims: Any = False,
        initial: Any = None,
        where: Any = None,
    ) -> Tensor:
        _refuse_keywords(name, (a,), {"out": out, "initial": initial, "where": where})
        x = lift(a, name=name)
        return x.max(axis, keepdims) if largest else x.min(axis, keepdims)

    rule.__doc__ = f"{name}(x, axis, keepdims=...): tied entries share the gradient."
    return rule


_recorded(np.max, np.amax)(_extremum("np.max", largest=True))
_recorded(np.min, np.amin)(_extremum("np.min", largest=False))


def _spread_of(name: str, composed: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """The rule of np.var or np.std, composed of mean, subtraction and multiplication."""

    def rule(
        a: Any,
        axis: Any = None,
        dtype: Any = None,
        out: Any = None,
        ddof: Any = 0,
        keepdims: Any = False,
        *,
        where: Any = None,
        mean: Any = None,
        correction: Any = None,
    ) -> Tensor:
        _refuse_keywords(name, (a,), {"dtype": dtype, "out": out, "where": where, "mean": mean})
        return composed(a, axis, keepdims, ddof if correction is None else correction)

    rule.__doc__ = f"{name}(x, axis, keepdims=..., ddof=...), recorded."
    return rule


_recorded(np.var)(_spread_of("np.var", functions.var))
_recorded(np.std)(_spread_of("np.std", functions.std))


@_recorded(np.copy)
def _copy(a: Any, order: Any = "K", subok: Any = False) -> Tensor:
    """np.copy(t): a recorded copy (its own memory; the gradient passes unchanged)."""
    return functions.copy(a)


@_recorded(np.transpose)
def _transpose(a: Any, axes: Any = None) -> Tensor:
    """np.transpose(W), np.transpose(x, (1, 0, 2))."""
    return (
        lift(a, name="transpose").transpose()
        if axes is None
        else lift(a, name="transpose").transpose(tuple(axes))
    )


@_recorded(np.reshape)
def _reshape(
    a: Any, shape: Any = None, order: str = "C", *, newshape: Any = None, copy: Any = None
) -> Tensor:
    """np.reshape(a, (n, 1)) (row-major order only)."""
    _refuse_keywords("np.reshape", (a,), {"order": None if order == "C" else order, "copy": copy})
    shape = newshape if shape is None else shape
    return lift(a, name="reshape").reshape(shape if isinstance(shape, (tuple, list)) else (shape,))


@_recorded(np.ravel)
def _ravel(a: Any, order: str = "C") -> Tensor:
    """np.ravel(a): the entries as one row-major axis."""
    _refuse_keywords("np.ravel", (a,), {"order": None if order == "C" else order})
    return lift(a, name="reshape").reshape(-1)


@_recorded(np.squeeze)
def _squeeze(a: Any, axis: Any = None) -> Tensor:
    """np.squeeze(cost): drop the axes of size 1."""
    return functions.squeeze(a, axis)


@_recorded(np.expand_dims)
def _expand_dims(a: Any, axis: Any) -> Tensor:
    """np.expand_dims(b, 1): insert axes of size 1."""
    x = lift(a)
    try:
        shape = np.expand_dims(np.empty(x.shape, dtype=np.bool_), axis).shape
    except (ValueError, TypeError, IndexError) as error:
        raise ShapeError(f"np.expand_dims: {describe(x)}, axis {axis!r}: {error}") from None
    return x.reshape(shape)


@_recorded(np.broadcast_to)
def _broadcast_to(array: Any, shape: Any, subok: bool = False) -> Tensor:
    """np.broadcast_to(b, (n, m)): the gradient is summed back over the stretched axes."""
    return functions.broadcast_to(array, shape)


@_recorded(np.concatenate)
def _concatenate(
    arrays: Any, axis: Any = 0, out: Any = None, *, dtype: Any = None, casting: Any = None
) -> Tensor:
    """np.concatenate([A, B], axis=1); axis=None joins the flattened entries."""
    arrays = tuple(arrays)
    _refuse_keywords("np.concatenate", arrays, {"out": out, "dtype": dtype, **_cast(casting)})
    if axis is None:
        return functions.concatenate([lift(t, name="reshape").reshape(-1) for t in arrays], 0)
    return functions.concatenate(arrays, axis)


@_recorded(np.stack)
def _stack(
    arrays: Any, axis: Any = 0, out: Any = None, *, dtype: Any = None, casting: Any = None
) -> Tensor:
    """np.stack([a, b], axis=0)."""
    arrays = tuple(arrays)
    _refuse_keywords("np.stack", arrays, {"out": out, "dtype": dtype, **_cast(casting)})
    return functions.stack(arrays, axis)


@_recorded(np.clip)
def _clip(
    a: Any,
    a_min: Any = None,
    a_max: Any = None,
    out: Any = None,
    *,
    min: Any = None,
    max: Any = None,
    **kwargs: Any,
) -> Tensor:
    """np.clip(A, 1e-12, 1 - 1e-12); one bound may be None. Bounds are numbers."""
    _refuse_keywords("np.clip", (a,), {"out": out, **kwargs})
    lo, hi = (min if a_min is None else a_min), (max if a_max is None else a_max)
    for bound in (lo, hi):
        if bound is not None and (isinstance(bound, Tensor) or np.ndim(bound) != 0):
            raise UnsupportedNumpyFunctionError(
                f"np.clip: {_first_tensor((a,))}: the bounds must be numbers; for bounds that "
                "vary by entry use np.minimum(np.maximum(x, lo), hi)"
            )
    lo = -np.inf if lo is None else float(lo)
    hi = np.inf if hi is None else float(hi)
    return lift(a, name="clip").clip(lo, hi)


@_recorded(np.where)
def _where(condition: Any, x: Any = None, y: Any = None) -> Any:
    """np.where(Z > 0, Z, 0): x where the condition holds, y elsewhere."""
    if x is None and y is None:  # np.where(condition): the indices where it holds (data)
        return np.where(_values(condition))
    if x is None or y is None:
        raise TypeError("np.where: give both x and y, or neither")
    return functions.where(condition, x, y)


# ---------------------------------------------------------------------- writing into a tensor
def set_items(t: Tensor, index: Any, value: Any) -> None:
    """``t[index] = value``: allowed on data and, inside ``no_grad()``, on parameters; refused on
    a recorded tensor and on a parameter outside ``no_grad()``, with the graph-preserving way."""
    name = t.name or "t"
    if t.op is not None:
        raise InPlaceError(
            f"setitem: {describe(t)}[...] = ...: made by {t.op.name}, it belongs to a recorded "
            "graph; writing into it would change values the backward pass reads. Make a new "
            "tensor instead, which keeps the graph: A = np.where(Z > 0, Z, 0) (or "
            f"np.maximum(0, Z), Z.relu()); or work on a copy outside it: {name}.numpy(). To "
            "change a parameter's values on purpose, write inside `with no_grad():`."
        )
    if t.requires_grad and is_grad_enabled():
        raise InPlaceError(
            f"setitem: {describe(t)}[...] = ...: it requires a gradient (a parameter); "
            "outside no_grad() the change would not be recorded, and gradients would describe "
            "values it no longer holds. To change its values on purpose (an update, an "
            "initialization), write inside `with no_grad():`; to compute with other values, "
            f"make a new tensor: np.where(mask, value, {name})."
        )
    if any(isinstance(i, Tensor) for i in (index if isinstance(index, tuple) else (index,))):
        raise TypeError("setitem: index with ints, slices or numpy arrays (Z > 0), not Tensors")
    if isinstance(value, Tensor) and value.requires_grad and is_grad_enabled():
        raise InPlaceError(
            f"setitem: {describe(t)}[...] = {describe(value)}: {describe(value)} requires a "
            "gradient; its values written into a data tensor would lose the graph. "
            "Make a new tensor (np.where(mask, value, X), autograd_nn.stack), or write "
            f"{value.name or 't'}.numpy() on purpose."
        )
    try:
        t.data[index] = value.data if isinstance(value, Tensor) else value
    except IndexError as error:
        raise IndexingError(f"setitem: {describe(t)}[{index!r}]: {error}") from None
    except (TypeError, ValueError) as error:
        raise TypeError(f"setitem: {describe(t)}[{index!r}] = ...: {error}") from None


IN_PLACE: dict[np.ufunc, str] = {
    np.add: "+=",
    np.subtract: "-=",
    np.multiply: "*=",
    np.divide: "/=",
    np.power: "**=",
    np.matmul: "@=",
}


def in_place(t: Tensor, ufunc: np.ufunc, other: Any) -> Tensor:
    """``t += other`` and friends.

    * On a recorded tensor (J made by an operation): ``J += x`` is ``J = J + x``, a new
      recorded tensor, as the course's loop ``cost += ...`` needs (the old J stays in the graph).
    * On a leaf inside ``no_grad()`` or a data leaf: the values change in place, as numpy's
      (the optimizers' update ``W -= learning_rate * dW``).
    * On a parameter (a leaf that requires a gradient) outside ``no_grad()``: refused. Python
      would silently bind the name to a new tensor and leave the model's W unchanged.
    """
    symbol = IN_PLACE[ufunc]
    if t.op is not None:
        return ufunc_rule(ufunc)(t, other)  # type: ignore[misc]
    if t.requires_grad and is_grad_enabled():
        name, operator = t.name or "W", symbol[:-1]
        raise InPlaceError(
            f"{symbol}: {describe(t)} {symbol} ...: {name} requires a gradient (a parameter); "
            f"outside no_grad() Python would bind the name to a new tensor {name} {operator} ... "
            f"and leave the model's {name} unchanged. Update it inside `with no_grad():` "
            f"({name} -= learning_rate * {name}.grad), or assign, as the course does: {name} = "
            f"{name} - learning_rate * {name}.grad (a new parameter; the gradient must come from "
            f"{name}.grad, or the update is recorded and the graph grows every iteration)."
        )
    value = other.data if isinstance(other, Tensor) else other
    try:
        result = ufunc(t.data, value)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{symbol}: {describe(t)} {symbol} {type(other).__name__}: {error}"
        ) from None
    if np.shape(result) != t.shape:
        raise ShapeError(
            f"{symbol}: {describe(t)} {symbol} operand of shape {np.shape(value)}: the result has "
            f"shape {np.shape(result)}; an in-place update keeps the tensor's shape {t.shape}"
        )
    if isinstance(t.data, np.ndarray):
        t.data[...] = result
    else:  # one number held as a numpy scalar
        t.data = t.data.dtype.type(result)
    return t


# ---------------------------------------------------------------------- messages and helpers
def _numpy_name(func: Callable) -> str:
    """``np.sum``, ``np.linalg.norm``: a numpy function as the learner wrote it."""
    module = getattr(func, "__module__", None) or "numpy"
    public = module.startswith("numpy.") and "core" not in module and "._" not in module
    return f"np.{module[len('numpy.') :]}.{func.__name__}" if public else f"np.{func.__name__}"


def _names(table: Any) -> str:
    names = {f"np.{f.__name__}" for f in table}
    if np.absolute in table:
        names.add("np.abs")
    return ", ".join(sorted(names))


def supported() -> str:
    """The numpy functions and ufuncs that record the graph on Tensors, as one sorted list."""
    return _names([*recorded_ufuncs(), *RECORDED])


def _no_rule(name: str, inputs: Any) -> str:
    return (
        f"{name} has no derivative rule in autograd_nn, so it cannot keep "
        f"{_first_tensor(inputs)} in the graph (numpy would compute it on a copy of the values "
        "and the gradient would be silently lost). Use a supported function or the Tensor's "
        f"methods: {supported()}; comparisons (Z > 0) give boolean arrays. To leave the graph "
        f"on purpose, call it on t.numpy() (or np.asarray(t)): a plain array with no gradient."
    )


def _refuse_keywords(name: str, inputs: Any, options: dict) -> None:
    """Refuse numpy keyword arguments the op table does not implement (``out=``, ``dtype=``)."""
    for key, value in options.items():
        if value is None:
            continue
        if key == "out":
            target = value[0] if isinstance(value, tuple) and len(value) == 1 else value
            hint = (
                "x += t on a numpy array x would write a Tensor's values into it and drop the "
                "graph; write x = x + t, which gives a recorded Tensor"
                if inputs and target is inputs[0] and not isinstance(target, Tensor)
                else f"assign the result instead (Z = {name}(...)), which records the graph"
            )
            raise UnsupportedNumpyFunctionError(f"{name}: out= is not supported on Tensors; {hint}")
        raise UnsupportedNumpyFunctionError(
            f"{name}: {key}={value!r} is not supported on Tensors ({_first_tensor(inputs)}); "
            "call it with the arguments the Tensor methods take (axis, keepdims), or on "
            "t.numpy() to leave the graph on purpose"
        )


def _cast(casting: Any) -> dict:
    """``casting=`` to refuse: any rule but numpy's default (values keep the Tensors' dtype)."""
    return {} if casting in (None, "same_kind") else {"casting": casting}


def _first_tensor(inputs: Any) -> str:
    for x in inputs:
        if isinstance(x, Tensor):
            return describe(x)
        if isinstance(x, (list, tuple)):
            for y in x:
                if isinstance(y, Tensor):
                    return describe(y)
    return "a Tensor"


def _values(x: Any) -> Any:
    """A Tensor's values; any other argument as it is (lists and tuples looked into)."""
    if isinstance(x, Tensor):
        return x.data
    if isinstance(x, (list, tuple)) and any(isinstance(y, Tensor) for y in x):
        return type(x)(_values(y) for y in x)
    return x


def _on_values(name: str, func: Callable, args: tuple, kwargs: dict) -> Any:
    """A data function on the values: numpy arrays out, no graph (nothing to differentiate)."""
    try:
        return func(*[_values(a) for a in args], **{k: _values(v) for k, v in kwargs.items()})
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name}: {_first_tensor(args)}: {error}") from None


def _binds(rule: Callable, args: tuple, kwargs: dict) -> bool:
    """Do the arguments fit the rule's (numpy's) signature? (A TypeError raised inside the rule
    is then the rule's own, and is passed on as it is.)"""
    try:
        inspect.signature(rule).bind(*args, **kwargs)
    except TypeError:
        return False
    return True


# ---------------------------------------------------------------------- the adapter
def install(tensor_type: type) -> None:
    """Install numpy's protocols on Tensor (called once, by the package's ``__init__``).

    ``np.exp(Z)``, ``X @ W`` with a numpy X (ufuncs) and ``np.dot(W, X)``, ``np.sum(dZ, ...)``
    (other functions) land in :func:`array_ufunc` and :func:`array_function`; ``Z > 0`` gives a
    boolean numpy array (:func:`compare`); ``t[index] = value`` and ``W += x`` are
    :func:`set_items` and :func:`in_place`.
    """

    def ufunc_protocol(self: Any, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        return array_ufunc(ufunc, method, inputs, kwargs)

    def function_protocol(self: Any, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        return array_function(func, types, args, kwargs)

    tensor_type.__array_ufunc__ = ufunc_protocol  # type: ignore[attr-defined]
    tensor_type.__array_function__ = function_protocol  # type: ignore[attr-defined]
    tensor_type.__setitem__ = set_items  # type: ignore[attr-defined]
    for attribute in conversions.PROBES:  # numpy reading a Tensor as an array or a file
        setattr(tensor_type, attribute, property(conversions.probe(attribute)))
    for ufunc, symbol in COMPARISONS.items():  # Z > 0 is np.greater(Z, 0): a mask
        if symbol in DUNDERS:
            setattr(tensor_type, DUNDERS[symbol], comparison(ufunc))
    for ufunc, symbol in IN_PLACE.items():  # W += x is np.add(W, x, out=W)
        setattr(tensor_type, DUNDERS[symbol], augmented(ufunc))


DUNDERS = {
    ">": "__gt__",
    ">=": "__ge__",
    "<": "__lt__",
    "<=": "__le__",
    "+=": "__iadd__",
    "-=": "__isub__",
    "*=": "__imul__",
    "/=": "__itruediv__",
    "**=": "__ipow__",
    "@=": "__imatmul__",
}
"""The Python method of each comparison and augmented assignment that numpy answers for Tensors
(``==`` and ``!=`` stay identity: tensors are graph nodes, used as keys)."""


def comparison(ufunc: np.ufunc) -> Callable[[Any, Any], Any]:
    """``t > other`` and friends: :func:`compare`."""

    def method(self: Any, other: Any) -> Any:
        return compare(ufunc, self, other)

    return method


def augmented(ufunc: np.ufunc) -> Callable[[Any, Any], Any]:
    """``t += other`` and friends: :func:`in_place`."""

    def method(self: Any, other: Any) -> Any:
        return in_place(self, ufunc, other)

    return method
