"""The operations as functions: ``exp(z)``, ``sigmoid(z)``, ``sum(x, axis=1)`` ...

Each accepts a Tensor, a number or a numpy array (numbers and arrays become constant tensors)
and returns a Tensor. There is one function per op of the table (:mod:`autograd_nn.ops`) that
has no Python operator, named after the op:

- an element-wise op of one or two inputs needs nothing more than its entry: its function is
  made here from it (:func:`function`), with its docstring, so declaring ``sinh`` in ``ops.py``
  is what makes ``autograd_nn.sinh``;
- an op whose arguments need more than the entry says (an axis, a slope, a condition, the 0 of
  ``maximum(0, Z)``) has a hand-written builder below, which holds that logic;
- ``square`` and ``squeeze`` are composed of other ops.

:func:`public` lists them all (the package's ``__all__`` and the command line's expression
language read it), and :func:`install` makes each function of one tensor a Tensor method:
``Z.sigmoid()`` is ``sigmoid(Z)``, ``b.sum(axis=1, keepdims=True)`` is ``sum(b, axis=1,
keepdims=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import checks, ops
from .describe import describe
from .errors import BackwardError, ShapeError, UnsupportedNumpyFunctionError
from .graph import is_grad_enabled
from .tensor import Tensor, binary, lift, matmul, record, stretch

HAND_WRITTEN: dict[str, Callable[..., Tensor]] = {}
"""The public functions written by hand below, by name."""


def hand_written(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """Register a public function written by hand (a builder with logic, or a composition)."""
    HAND_WRITTEN[function.__name__] = function
    return function


# ---------------------------------------------------------------------- made from the table
MADE: dict[str, tuple[ops.Op, Callable[..., Tensor]]] = {}  # op name -> (op, its function)


def function(op: ops.Op) -> Callable[..., Tensor]:
    """The public function that records ``op``: its hand-written builder, or the function made
    from its entry (an element-wise op of one or two inputs; two inputs broadcast as ``+``)."""
    if op.name in HAND_WRITTEN:
        return HAND_WRITTEN[op.name]
    made = MADE.get(op.name)
    if made is None or made[0] is not op:  # (declared again: make it again)
        made = MADE[op.name] = (op, make(op))
    return made[1]


def made_from_entry(op: ops.Op) -> bool:
    """True for an op whose function is made from its entry: element-wise (it has ``local``),
    of one or two inputs, and with no hand-written builder."""
    return op.name not in HAND_WRITTEN and op.inputs in (1, 2) and op.local[0] is not None


def make(op: ops.Op) -> Callable[..., Tensor]:
    """The function of an element-wise op of one or two inputs, written from its entry."""
    if not made_from_entry(op):
        raise TypeError(
            f"{op.name}: only an element-wise op of one or two inputs has a function made from "
            "its entry; write its builder in autograd_nn.functions (@hand_written)"
        )
    if op.inputs == 1:

        def made(x: Any) -> Tensor:
            return record(op, (lift(x, name=op.name),))

    else:

        def made(x: Any, y: Any) -> Tensor:  # type: ignore[misc]
            return binary(op, x, y)

    inputs = ops.INPUTS[: op.inputs]
    rules = "; ".join(
        f"d/d{x} = {op.write('local', i, inputs, out='out')}" for i, x in enumerate(inputs)
    )
    made.__name__ = made.__qualname__ = op.name
    made.__doc__ = f"{op.write('label', 0, inputs)}, element-wise; {rules}."
    return made


def public() -> dict[str, Callable[..., Tensor]]:
    """Every public function by name: one per op of the table without an operator (made from
    its entry or written by hand), and the compositions (``square``, ``squeeze``)."""
    made = {name: function(op) for name, op in ops.OPS.items() if op.operator is None}
    return dict(sorted({**made, **HAND_WRITTEN}.items()))


def install(tensor_type: type) -> None:
    """Give Tensor a method for the function of each op of one input: ``Z.sigmoid()``,
    ``b.sum(axis=1, keepdims=True)``, ``W.T`` (through ``transpose``)."""
    for name, op in ops.OPS.items():
        if op.inputs == 1 and op.operator is None:
            setattr(tensor_type, name, function(op))
    for name in ("squeeze", "flatten", "ravel", "var", "std"):  # numpy's habits, composed
        setattr(tensor_type, name, HAND_WRITTEN[name])


def __getattr__(name: str) -> Callable[..., Tensor]:
    """The function of an op declared after this module loaded (``ops.defop`` in your code)."""
    found = public().get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return found


# ---------------------------------------------------------------------- written by hand
@hand_written
def leaky_relu(z: Any, slope: float = 0.01) -> Tensor:
    """max(slope z, z); g'(z) = 1 for z > 0 and ``slope`` for z <= 0."""
    slope = checks.check_number("leaky_relu", "slope", slope, finite=True)
    return record(ops.leaky_relu, (lift(z, name="leaky_relu"),), slope=slope)


@hand_written
def softmax(z: Any, axis: int = 0) -> Tensor:
    """exp(z) / sum(exp(z)) along ``axis`` (0: classes are rows, examples are columns)."""
    z = lift(z, name="softmax")
    return record(ops.softmax, (z,), axis=checks.softmax_axis("softmax", z, axis))


@hand_written
def log_softmax(z: Any, axis: int = 0) -> Tensor:
    """log(softmax(z)) along ``axis``, computed stably."""
    z = lift(z, name="log_softmax")
    return record(ops.log_softmax, (z,), axis=checks.softmax_axis("log_softmax", z, axis))


@hand_written
def clip(x: Any, lo: float, hi: float) -> Tensor:
    """Limit entries to [lo, hi]; the gradient passes where lo <= x <= hi."""
    x = lift(x, name="clip")
    return record(ops.clip, (x,), **checks.clip_bounds(x, lo, hi))


def reduce(op: ops.Op, x: Any, axis: Any, keepdims: Any) -> Tensor:
    """A reduction (sum, mean, max) over ``axis``, with its arguments checked."""
    x = lift(x, name=op.name)
    axis = checks.normalize_axis(op.name, x, axis)
    keepdims = checks.check_flag(op.name, "keepdims", keepdims)
    if op is not ops.sum_:
        checks.check_nonempty(op.name, x, axis)
    return record(op, (x,), axis=axis, keepdims=keepdims)


@hand_written
def sum(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis`` (all entries by default): db = (1/m) sum(dZ, axis=1, keepdims=True)."""
    return reduce(ops.sum_, x, axis, keepdims)


@hand_written
def mean(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Mean over ``axis``: the cost J = (1/m) sum of the losses is ``mean(losses)``."""
    return reduce(ops.mean, x, axis, keepdims)


@hand_written
def max(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis``; tied maxima share the gradient equally."""
    return reduce(ops.max_, x, axis, keepdims)


@hand_written
def min(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Minimum over ``axis``; tied minima share the gradient equally."""
    return reduce(ops.min_, x, axis, keepdims)


@hand_written
def var(
    x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False, ddof: int = 0
) -> Tensor:
    """Variance over ``axis``, composed of recorded ops: mean((x - mu)^2) * n / (n - ddof),
    with mu = mean(x) over the same axis; d var/dx_i = 2 (x_i - mu) / (n - ddof)."""
    x = lift(x, name="var")
    deviation = x - mean(x, axis, keepdims=True)
    v = mean(deviation * deviation, axis, keepdims)
    n = x.size // v.size if v.size else 0
    if not checks.is_int(ddof) or not 0 <= ddof < n:
        raise ValueError(f"var: ddof must be an int from 0 to {n - 1} for {describe(x)}: {ddof}")
    return v * (n / (n - ddof)) if ddof else v


@hand_written
def std(
    x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False, ddof: int = 0
) -> Tensor:
    """Standard deviation over ``axis``: sqrt(var(x));
    d std/dx_i = (x_i - mu) / ((n - ddof) std)."""
    return function(ops.sqrt)(var(x, axis, keepdims, ddof))


@hand_written
def flatten(x: Any) -> Tensor:
    """The entries as one row-major axis (numpy's ``a.flatten()``), recorded as a reshape."""
    return reshape(x, -1)


@hand_written
def ravel(x: Any) -> Tensor:
    """The entries as one row-major axis (``np.ravel(a)``), recorded as a reshape."""
    return reshape(x, -1)


@hand_written
def astype(x: Any, dtype: Any) -> Any:
    """The values in another float dtype (float64, float32), recorded: the gradient comes back
    in x's dtype. A cast to integers or booleans has no derivative: refused for a tensor that
    requires a gradient (by name); for data (Y, masks) it gives the plain numpy array."""
    x = lift(x, name="astype")
    target = np.dtype(dtype)
    if target in checks.FLOAT_DTYPES:
        return record(ops.astype, (x,), dtype=target)
    if x.requires_grad and is_grad_enabled():
        name = x.name or "t"
        raise UnsupportedNumpyFunctionError(
            f"astype({target}): {describe(x)} requires a gradient, and a cast to {target} has "
            f"no derivative (the graph would be lost). For the values on purpose: "
            f"{name}.numpy().astype({target}); for whole numbers that keep the graph: "
            f"np.round({name}) gives a plain array (derivative 0)"
        )
    return x.data.astype(target)


@hand_written
def transpose(x: Any, *axes: Any) -> Tensor:
    """Permute the axes (reverse them when none are given), as ``np.transpose``."""
    x = lift(x, name="transpose")
    axes = tuple(axes[0]) if len(axes) == 1 and isinstance(axes[0], (tuple, list)) else axes
    return record(ops.transpose, (x,), axes=checks.normalize_axes(x, axes or None))


@hand_written
def reshape(x: Any, *shape: Any) -> Tensor:
    """The same entries in a new shape (one -1 allowed), e.g. ``b.reshape(n, 1)``."""
    x = lift(x, name="reshape")
    shape = tuple(shape[0]) if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
    return record(ops.reshape, (x,), shape=checks.normalize_shape(x, shape))


@hand_written
def broadcast_to(x: Any, shape: Any) -> Tensor:
    """Stretch ``x`` to ``shape`` as numpy broadcasting would; its gradient is summed back.

    The tensor layer inserts this node whenever an operand needing a gradient is stretched
    (b[l] of shape (n[l], 1) across the m columns of Z[l]), which is why
    db = np.sum(dZ, axis=1, keepdims=True).
    """
    x, shape = lift(x, name="broadcast_to"), checks.normalize_sizes("broadcast_to", shape)
    try:
        if np.broadcast_shapes(x.shape, shape) != shape:
            raise ValueError
    except ValueError:
        raise ShapeError(f"broadcast_to: {describe(x)} cannot be stretched to {shape}") from None
    return stretch(x, shape)


hand_written(matmul)  # Z = W @ A; its fast path and check live beside the @ operator


@hand_written
def concatenate(tensors: Any, axis: int = 0) -> Tensor:
    """Join tensors along an existing axis; each gets back its slice of the gradient."""
    ts = tuple(lift(t, name="concatenate") for t in checks.check_sequence("concatenate", tensors))
    axis = checks.check_joinable("concatenate", ts, axis)
    starts = tuple(int(n) for n in np.cumsum([0] + [t.shape[axis] for t in ts]))
    return record(ops.concatenate, ts, axis=axis, starts=starts)


@hand_written
def stack(tensors: Any, axis: int = 0) -> Tensor:
    """Join same-shaped tensors along a new axis; each gets back its slice of the gradient."""
    ts = tuple(lift(t, name="stack") for t in checks.check_sequence("stack", tensors))
    return record(ops.stack, ts, axis=checks.check_joinable("stack", ts, axis))


@hand_written
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
        return binary(ops.logistic_loss, Z, Y)
    if not (isinstance(A, Tensor) and A.op is ops.sigmoid and A.parents[0] is Z):
        raise ValueError(
            "logistic_loss: A must be the tensor Z.sigmoid() of the same Z "
            f"(got {describe(A) if isinstance(A, Tensor) else type(A).__name__})"
        )
    Y = lift(Y, like=Z, name="logistic_loss")
    if Y.data.shape != Z.data.shape:
        return binary(ops.logistic_loss, Z, Y)
    return record(ops.logistic_loss, (Z, Y, A))  # A[L] receives the course's dA[L] (reported)


@hand_written
def square(x: Any) -> Tensor:
    """x^2, element-wise, recorded as ``x ** 2``; d/dx = 2x."""
    return lift(x, name="square") ** 2


def is_zero(value: Any) -> bool:
    """True for the number 0 (int, float or numpy scalar), the 0 of ``np.maximum(0, Z)``."""
    return isinstance(value, (int, float, np.integer, np.floating)) and value == 0


@hand_written
def maximum(x: Any, y: Any) -> Tensor:
    """max(x, y), element-wise with numpy broadcasting; the course's ReLU is maximum(0, Z).

    The gradient goes to the larger operand, and at a tie (x = y) to neither: so
    d max(0, z)/dz at z = 0 is 0 whichever side the 0 is on, the course's relu'(0) = 0.
    With the number 0 on either side the result is recorded as ``relu(z)`` (one box, as the
    course draws it). Where both operands come from the same tensor, as in the leaky ReLU
    max(0.01 z, z), the point z = 0 is a tie and gets 0; ``z.leaky_relu(0.01)`` gives it the
    slope instead.
    """
    if is_zero(x) and isinstance(y, Tensor):
        return record(ops.relu, (y,))
    if is_zero(y) and isinstance(x, Tensor):
        return record(ops.relu, (x,))
    return binary(ops.maximum, x, y)


@hand_written
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
    x = lift(x, like=y if isinstance(y, Tensor) else None, name="where")
    y = lift(y, like=x, name="where")
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


@hand_written
def squeeze(x: Any, axis: int | tuple[int, ...] | None = None) -> Tensor:
    """Drop axes of size 1 (all of them by default), recorded as a reshape.

    The course's ``cost = np.squeeze(cost)`` turns J of shape (1, 1) into shape ().
    """
    x = lift(x, name="squeeze")
    axis = checks.normalize_axis("squeeze", x, axis)
    axes = range(x.ndim) if axis is None else axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if axis is not None and x.shape[a] != 1:
            raise ShapeError(
                f"squeeze: axis {a} of {describe(x)} has size {x.shape[a]}; only axes of "
                "size 1 can be squeezed"
            )
    return reshape(x, tuple(n for a, n in enumerate(x.shape) if not (a in axes and n == 1)))


def backward(cost: Any, **options: Any) -> None:
    """``cost.backward()``, with a message when ``cost`` is a number, not a Tensor.

    The course's ``compute_cost`` often ends with ``cost = float(np.squeeze(cost))``: on a
    Tensor that keeps the value and drops the graph, and ``cost.backward()`` then fails with
    Python's ``'float' object has no attribute 'backward'``. ``backward(cost)`` says why and
    what to write instead (end with ``cost = np.squeeze(cost)``; print ``float(cost)``).

    Args:
        cost: the Tensor J to backpropagate from.
        options: ``gradient``, ``keep_grads``, ``accumulate``, as :meth:`Tensor.backward`.
    """
    if not isinstance(cost, Tensor):
        raise BackwardError(
            f"backward: the cost is a {type(cost).__name__} ({cost!r:.20}), not a Tensor, so it "
            "has no graph to go back through: float(np.squeeze(cost)) (or cost.item()) keeps "
            "the value and drops the graph. End compute_cost with cost = np.squeeze(cost) "
            "(a Tensor) and print float(cost) or f'{cost:.4f}' instead."
        )
    cost.backward(**options)


globals().update(public())  # exp, log, tanh, sigmoid, relu, ...: the functions made from the table
__all__ = [*public()]
