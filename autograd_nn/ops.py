"""The operation table: every primitive's forward rule beside its backward rule.

Each primitive is declared once, here, with :func:`defop`, and that one entry is the whole
public surface of the op: ``autograd_nn.<name>`` (and the package's ``__all__``), numpy's
``np.<name>(t)`` (with ``ufunc=``), the command line's expression language and its help, the
diagrams, the chain-rule text, the error messages and the op test sweep all read it. Adding an
op is adding an entry::

    sinh = defop(
        "sinh",
        np.sinh,
        lambda g, out, x: g * np.cosh(x),  # d sinh(x)/dx = cosh(x)
        label="sinh({x})",
        local=("cosh({x})",),
        ufunc=np.sinh,
    )

An entry's fields (the arguments of :func:`defop`, kept on the :class:`Op`):

- ``name``: the op's name: ``autograd_nn.<name>``, the expression language's ``name(x)``, and
  the name error messages give it.
- ``forward``: the forward rule on numpy values, ``forward(*inputs, **params)``.
- ``*vjps``: one vector-Jacobian product (VJP) per input, beside its forward rule with a
  comment of its maths (the course's notation, ``docs/notation.md``). A VJP receives the
  upstream gradient ``g`` (dJ/dout, the shape of the output), the output ``out``, the inputs
  and the op's parameters, and returns dJ/d(input), the shape of that input:
  ``vjp(g, out, *inputs, **params)``. A variadic op (concatenate, stack) has one VJP taking the
  input's index first: ``vjp(i, g, out, **params)``.
- ``label``: how the op is written, ``{x} * {y}`` (the template language below).
- ``local``: for an element-wise op, per input, the local derivative d(out)/d(input), ``{y}``;
  its VJP text is then ``{g} * local``. Any other op gives ``vjp_text`` instead.
- ``vjp_text``: per input, the VJP as a formula, ``{g} @ {y}.T``.
- ``ufunc``: the numpy ufunc that records this op on Tensors (``np.sinh``), if any.
- ``check``: called with the input Tensors and the parameters before anything is computed;
  it raises a named error for input outside the op's domain (log of 0, division by 0).
- ``operator``: the Python operator that writes the op (``+``, ``@``, ``[...]``). An op with
  one is reached through it and is not a function of the package, ``matmul`` aside (a
  hand-written builder, see :mod:`autograd_nn.functions`).
- ``variadic``: the op takes any number of inputs (concatenate, stack).
- ``reports``: the inputs whose gradient is reported, not sent on through them (below).

An element-wise op of one or two inputs needs nothing more: :mod:`autograd_nn.functions` makes
its function (two inputs broadcast as ``+`` does). An op whose arguments need more than that
(an axis, a slope, a condition) has a hand-written builder there, which holds that logic.

Broadcasting is not undone here: the Tensor layer inserts an explicit ``broadcast_to`` node
whenever an operand that needs a gradient is stretched, so every binary VJP below sees operands
of the output's shape, and the single ``broadcast_to`` VJP (a sum over the stretched axes) is
the one place where gradients are summed back. It is also the step that explains why
db = (1/m) np.sum(dZ, axis=1, keepdims=True).

Conventions at non-differentiable points (documented in docs/concepts/activations.md):
relu'(0) = 0 (as the course's ``relu_backward``), leaky_relu'(0) = slope, |x|'(0) = 0,
``max`` shares the gradient equally between tied maxima, and ``clip`` passes the gradient where
lo <= x <= hi (boundaries included). Where a local derivative is infinite (sqrt and x ** p with
p < 1 at x = 0) a zero upstream gradient sends 0 (no gradient flows on that path) and a non-zero
one is refused with a DomainError, never a silent inf or NaN.

How an op is written, in one template language (filled by :func:`fill`): ``{x}``, ``{y}`` (and
``{a}``) are the inputs, ``{out}`` the output, ``{g}`` the upstream gradient dJ/dout, and the
operation's parameters by name (``{slope}``, ``{lo}``, ``{hi}``). Diagrams, the chain-rule
explainer and error messages all read ``label``, ``local`` and ``vjp_text``.

One op reports a gradient without sending it on: the logistic loss, given A[L] = sigmoid(Z[L])
as a third input, sends dL/dZ = A - Y straight to Z[L] (stable when A saturates) and reports the
course's dA[L] to A[L] (``Op.reports``): A[L].grad is what the course computes, and Z[L] does not
receive it a second time through the sigmoid.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import checks
from .errors import DomainError

Array = np.ndarray
VJP = Callable[..., Array]
INPUTS = ("x", "y", "a")  # the placeholders of the inputs ("a": A[L] given to logistic_loss)


@dataclass(frozen=True, repr=False, eq=False, slots=True)
class Op:
    """One primitive: its name, forward rule, one VJP per input, and how to write it.

    The fields are those of :func:`defop`, described in this module's docstring.
    """

    name: str
    forward: Callable[..., Array]
    vjps: tuple[VJP, ...]
    label: str
    local: tuple[str | None, ...]
    vjp_text: tuple[str, ...]
    ufunc: np.ufunc | None = None
    check: Callable[..., None] | None = None
    operator: str | None = None
    variadic: bool = False
    reports: tuple[int, ...] = ()

    def __repr__(self) -> str:
        return f"Op({self.name!r}: {self.label})"  # Op('mul': {x} * {y})

    @property
    def inputs(self) -> int:
        """How many inputs the op takes (0 for a variadic op: any number)."""
        return 0 if self.variadic else len(self.vjps)

    def vjp(self, i: int, g: Array, out: Array, inputs: Sequence[Array], params: Any) -> Array:
        """dJ/d(input i), given the upstream gradient ``g`` = dJ/dout."""
        if self.variadic:
            return self.vjps[0](i, g, out, **params)
        return self.vjps[i](g, out, *inputs, **params)

    def write(self, part: str, i: int, inputs: Sequence[str], **names: Any) -> str:
        """This op's ``part`` ("label", "local" or "vjp_text") for input ``i``, filled by
        :func:`fill`.

        ``local`` of an op that is not element-wise is None: its VJP formula says it instead.
        """
        if part == "label":
            template: str | None = self.label
        else:
            texts = self.local if part == "local" else self.vjp_text
            template = texts[min(i, len(texts) - 1)]  # a variadic op has one text for all
        return "" if template is None else fill(template, inputs, **names)


def fill(template: str, inputs: Sequence[str], **names: Any) -> str:
    """Write a template: ``{x}``, ``{y}`` become the inputs, every other ``{name}`` names[name].

    Numbers are written with ``format(value, "g")``; a placeholder with no value is left as
    written (``{g}`` stays ``g``), so a template is always readable.

    >>> fill("{g} * {y}", ["u", "c"], g="3")
    '3 * c'
    >>> fill("1[{lo} <= {x} <= {hi}]", ["logits"], lo=-0.5, hi=1)
    '1[-0.5 <= logits <= 1]'
    """
    values: dict[str, Any] = dict(zip(INPUTS, inputs))  # noqa: B905 - one or two inputs
    values.update(names)

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return name
        v = values[name]
        return format(v, "g") if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    return re.sub(r"\{(\w+)\}", value, template)


OPS: dict[str, Op] = {}
"""Every op of the table, by name, in the order declared."""

UFUNCS: dict[np.ufunc, Op] = {}
"""numpy ufunc -> the op that records it on Tensors (the entries declared with ``ufunc=``)."""


def defop(
    name: str,
    forward: Callable[..., Array],
    *vjps: VJP,
    label: str,
    local: tuple[str, ...] = (),
    vjp_text: tuple[str, ...] = (),
    ufunc: np.ufunc | None = None,
    check: Callable[..., None] | None = None,
    operator: str | None = None,
    variadic: bool = False,
    reports: tuple[int, ...] = (),
) -> Op:
    """Declare a primitive and register it in :data:`OPS` (and :data:`UFUNCS`).

    The fields are described in this module's docstring. An element-wise op gives ``local``
    (its VJP text is then ``{g} * local``); any other gives ``vjp_text``.
    """
    if local:
        vjp_text = tuple(
            "{g}" if d == "1" else "-{g}" if d == "-1" else f"{{g}} * {_wrap(d)}" for d in local
        )
    op = Op(
        name,
        forward,
        tuple(vjps),
        label,
        local or (None,) * len(vjp_text),
        vjp_text,
        ufunc=ufunc,
        check=check,
        operator=operator,
        variadic=variadic,
        reports=reports,
    )
    OPS[name] = op
    if ufunc is not None:
        UFUNCS[ufunc] = op
    return op


def _wrap(formula: str) -> str:
    """Parenthesize a multi-term formula before multiplying: ``g * (1 - out^2)``."""
    return formula if re.fullmatch(r"[\w{}.]+|\(.*\)|\w+\(.*\)", formula) else f"({formula})"


# ---------------------------------------------------------------- element-wise, two inputs
add = defop(
    "add",
    operator.add,
    lambda g, out, x, y: g,  # d(x + y)/dx = 1
    lambda g, out, x, y: g,  # d(x + y)/dy = 1
    label="{x} + {y}",
    local=("1", "1"),
    ufunc=np.add,
    operator="+",
)
sub = defop(
    "sub",
    operator.sub,
    lambda g, out, x, y: g,  # d(x - y)/dx = 1
    lambda g, out, x, y: -g,  # d(x - y)/dy = -1
    label="{x} - {y}",
    local=("1", "-1"),
    ufunc=np.subtract,
    operator="-",
)
mul = defop(
    "mul",
    operator.mul,
    lambda g, out, x, y: g * y,  # d(x y)/dx = y
    lambda g, out, x, y: g * x,  # d(x y)/dy = x
    label="{x} * {y}",
    local=("{y}", "{x}"),
    ufunc=np.multiply,
    operator="*",
)
div = defop(
    "div",
    operator.truediv,
    lambda g, out, x, y: g / y,  # d(x / y)/dx = 1 / y
    lambda g, out, x, y: -g * out / y,  # d(x / y)/dy = -x / y^2 = -out / y
    label="{x} / {y}",
    local=("1/{y}", "-{x}/{y}^2"),
    ufunc=np.divide,
    check=checks.check_divisor,
    operator="/",
)


def _infinite_slope(g: Array, slope: Array, where: Array, rule: str) -> Array:
    """g * slope, where ``slope`` is infinite at the entries ``where``: a zero upstream gradient
    sends 0 there (0 * inf is taken as 0: no gradient flows on that path); a non-zero one is
    refused (the derivative does not exist as a number)."""
    n = int(np.sum(where & (g != 0)))
    if n:
        raise DomainError(f"{rule} is infinite at {n} {'entry' if n == 1 else 'entries'}")
    return np.where(where, 0.0, g * np.where(where, 1.0, slope))


def _pow_base_vjp(g: Array, out: Array, x: Array, p: Array) -> Array:
    # d(x^p)/dx = p x^(p - 1); 0 where p = 0 (x^0 = 1, also at x = 0); infinite at x = 0, p < 1
    p = np.broadcast_to(p, x.shape)
    zero_power = p == 0
    infinite = (x == 0) & (p < 1) & ~zero_power
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(zero_power, 0.0, p * np.power(x, p - 1))
    return _infinite_slope(g, slope, infinite, "d(x^p)/dx = p x^(p - 1) at x = 0 for p < 1")


def _pow_exponent_vjp(g: Array, out: Array, x: Array, p: Array) -> Array:
    # d(x^p)/dp = x^p log(x) for x > 0; at x = 0 (p > 0) the limit x^p log(x) -> 0
    return g * out * np.log(np.where(x > 0, x, 1.0))


pow_ = defop(
    "pow",
    operator.pow,
    _pow_base_vjp,
    _pow_exponent_vjp,
    label="{x} ** {y}",
    local=("{y} * {x}^({y} - 1)", "{out} * log({x})"),
    ufunc=np.power,
    check=checks.check_power,
    operator="**",
)
# maximum and minimum: the gradient goes to the operand that wins; at a tie (x = y) to neither,
# so d max(0, z)/dz = 0 at z = 0 whichever side the 0 is on: relu'(0) = 0, as the course.
maximum = defop(
    "maximum",
    np.maximum,
    lambda g, out, x, y: g * (x > y),  # d max(x, y)/dx = 1 where x > y
    lambda g, out, x, y: g * (y > x),  # d max(x, y)/dy = 1 where y > x
    label="maximum({x}, {y})",
    local=("1[{x} > {y}]", "1[{y} > {x}]"),
    ufunc=np.maximum,
)
minimum = defop(
    "minimum",
    np.minimum,
    lambda g, out, x, y: g * (x < y),  # d min(x, y)/dx = 1 where x < y
    lambda g, out, x, y: g * (y < x),  # d min(x, y)/dy = 1 where y < x
    label="minimum({x}, {y})",
    local=("1[{x} < {y}]", "1[{y} < {x}]"),
    ufunc=np.minimum,
)
where = defop(
    "where",
    lambda x, y, condition: np.where(condition, x, y),
    lambda g, out, x, y, condition: np.where(condition, g, 0.0),  # 1 where the condition holds
    lambda g, out, x, y, condition: np.where(condition, 0.0, g),  # 1 where it does not
    label="where(condition, {x}, {y})",
    local=("1[condition]", "1[not condition]"),
)


# ---------------------------------------------------------------- element-wise, one input
neg = defop(
    "neg",
    operator.neg,
    lambda g, out, x: -g,  # d(-x)/dx = -1
    label="-{x}",
    local=("-1",),
    ufunc=np.negative,
    operator="-",
)
exp = defop(
    "exp",
    np.exp,
    lambda g, out, x: g * out,  # d e^x/dx = e^x
    label="exp({x})",
    local=("exp({x})",),
    ufunc=np.exp,
)
log = defop(
    "log",
    np.log,
    lambda g, out, x: g / x,  # d log(x)/dx = 1/x
    label="log({x})",
    local=("1/{x}",),
    ufunc=np.log,
    check=lambda x: checks.check_positive("log", x),  # log(0) = -inf
)
sqrt = defop(
    "sqrt",
    np.sqrt,
    lambda g, out, x: _infinite_slope(  # d sqrt(x)/dx = 1 / (2 sqrt(x)), infinite at 0
        g, 0.5 / np.where(out == 0, 1.0, out), out == 0, "d sqrt(x)/dx = 1/(2 sqrt(x)) at x = 0"
    ),
    label="sqrt({x})",
    local=("1/(2 sqrt({x}))",),
    ufunc=np.sqrt,
    check=lambda x: checks.check_positive("sqrt", x, allow_zero=True),
)
abs_ = defop(
    "abs",
    np.abs,
    lambda g, out, x: g * np.sign(x),  # d|x|/dx = sign(x), 0 at x = 0
    label="|{x}|",
    local=("sign({x})",),
    ufunc=np.absolute,
)
tanh = defop(
    "tanh",
    np.tanh,
    lambda g, out, x: g * (1.0 - out * out),  # tanh'(z) = 1 - a^2
    label="tanh({x})",
    local=("1 - {out}^2",),
    ufunc=np.tanh,
)


def _sigmoid(z: Array) -> Array:
    """sigma(z) = 1 / (1 + e^(-z)) = e^min(z, 0) / (1 + e^(-|z|)): no exponent is positive, so
    it never overflows, and both tails keep full relative precision (sigma(-40) = 4.2e-18,
    sigma(1000) = 1.0 exactly)."""
    if z.ndim == 0:  # ufuncs return scalars for 0-d input: work on a (1,) view
        return _sigmoid(z.reshape(1)).reshape(())
    numerator = np.minimum(z, 0.0)
    np.exp(numerator, out=numerator)
    denominator = np.abs(z)
    np.negative(denominator, out=denominator)
    np.exp(denominator, out=denominator)
    denominator += 1.0
    numerator /= denominator
    return numerator


sigmoid = defop(
    "sigmoid",
    _sigmoid,
    lambda g, out, z: g * out * (1.0 - out),  # sigma'(z) = a (1 - a)
    label="sigmoid({x})",
    local=("{out} (1 - {out})",),
)
relu = defop(
    "relu",
    lambda z: np.maximum(z, 0.0),
    lambda g, out, z: g * (z > 0),  # relu'(z) = 1 if z > 0 else 0 (0 at z = 0)
    label="relu({x})",
    local=("1[{x} > 0]",),
)
leaky_relu = defop(
    "leaky_relu",
    lambda z, slope: np.where(z > 0, z, slope * z),
    lambda g, out, z, slope: g * np.where(z > 0, 1.0, slope),  # 1 if z > 0 else slope
    label="leaky_relu({x})",
    local=("1 if {x} > 0 else {slope}",),
)
clip = defop(
    "clip",
    lambda x, lo, hi: np.clip(x, lo, hi),
    lambda g, out, x, lo, hi: g * ((x >= lo) & (x <= hi)),  # 1 inside [lo, hi], 0 outside
    label="clip({x})",
    local=("1[{lo} <= {x} <= {hi}]",),
)


# ---------------------------------------------------------------- linear algebra and shapes
def _matmul_left_vjp(g: Array, out: Array, x: Array, y: Array) -> Array:
    # Z = W A  =>  dJ/dW = dZ A^T   (1-D operands: outer products and dot products)
    if y.ndim == 1:
        return np.multiply.outer(g, y) if x.ndim == 2 else g * y
    return g @ y.T if g.ndim == 2 else y @ g


def _matmul_right_vjp(g: Array, out: Array, x: Array, y: Array) -> Array:
    # Z = W A  =>  dJ/dA = W^T dZ
    if x.ndim == 1:
        return np.multiply.outer(x, g) if y.ndim == 2 else g * x
    return x.T @ g


matmul = defop(
    "matmul",
    np.matmul,
    _matmul_left_vjp,
    _matmul_right_vjp,
    label="{x} @ {y}",
    vjp_text=("{g} @ {y}.T", "{x}.T @ {g}"),
    ufunc=np.matmul,
    operator="@",
)


def _inverse_axes(axes: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if axes is None else tuple(int(i) for i in np.argsort(axes))


transpose = defop(
    "transpose",
    lambda x, axes: np.transpose(x, axes),
    lambda g, out, x, axes: np.transpose(g, _inverse_axes(axes)),  # transpose back
    label="{x}.T",
    vjp_text=("{g}.T",),
)
reshape = defop(
    "reshape",
    lambda x, shape: np.reshape(x, shape),
    lambda g, out, x, shape: np.reshape(g, x.shape),  # reshape back
    label="reshape({x})",
    vjp_text=("{g} reshaped to {x}'s shape",),
)


def sum_to_shape(g: Array, shape: tuple[int, ...]) -> Array:
    """Sum ``g`` over the axes that broadcasting stretched, back to ``shape``.

    This is the one place where broadcasting is undone: for Z = W A + b with b of shape
    (n, 1) stretched to (n, m), dJ/db = np.sum(dZ, axis=1, keepdims=True).
    """
    extra = g.ndim - len(shape)
    if extra:
        g = np.add.reduce(g, axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    if stretched:
        g = np.add.reduce(g, axis=stretched, keepdims=True)
    return g


def _broadcast_view(x: Array, shape: tuple[int, ...]) -> Array:
    """A read-only view of x stretched to ``shape`` (stride 0 along the stretched axes).

    Same result as ``np.broadcast_to``, several times faster for the contiguous biases that
    training stretches on every step; ``shape`` must be a valid broadcast target of x.
    """
    if not x.flags.c_contiguous:
        return np.broadcast_to(x, shape)
    extra = len(shape) - x.ndim
    strides = [0] * len(shape)
    for axis in range(x.ndim):
        if x.shape[axis] != 1 or shape[extra + axis] == 1:
            strides[extra + axis] = x.strides[axis]
    view = np.ndarray(shape, x.dtype, x, 0, strides)
    view.flags.writeable = False
    return view


broadcast_to = defop(
    "broadcast_to",
    _broadcast_view,
    lambda g, out, x, shape: sum_to_shape(g, x.shape),  # sum over the stretched axes
    label="broadcast({x})",
    vjp_text=("sum of {g} over the stretched axes",),
)


def _expand_reduced(g: Array, axis: Any, keepdims: bool) -> Array:
    """Give a reduced array back its reduced axes (as size 1), ready to broadcast to the input."""
    if axis is None or keepdims:
        return g
    return np.expand_dims(g, axis)


def _spread(g: Array, x: Array, axis: Any, keepdims: bool, scale: float = 1.0) -> Array:
    """g (times ``scale``) copied back to every entry that was reduced, in x's shape."""
    if axis is None:
        return np.full(x.shape, g * scale if scale != 1.0 else g, dtype=x.dtype)
    spread = np.broadcast_to(_expand_reduced(g, axis, keepdims), x.shape)
    return spread * scale if scale != 1.0 else spread.copy()


sum_ = defop(
    "sum",
    lambda x, axis, keepdims: np.sum(x, axis=axis, keepdims=keepdims),
    lambda g, out, x, axis, keepdims: _spread(g, x, axis, keepdims),  # d(sum x)/dx_i = 1
    label="sum({x})",
    vjp_text=("{g} copied to every summed entry",),
)


def _averaged(x: Array, out: Array) -> int:
    """How many entries of x each entry of the mean ``out`` averages (1 when there are none)."""
    return x.size // np.size(out) if np.size(out) else 1


def _mean(x: Array, axis: Any, keepdims: bool) -> Array:
    """The mean over ``axis``: the sum divided by the number of entries averaged."""
    total = np.add.reduce(x, axis=axis, keepdims=keepdims)
    return total / _averaged(x, total)


mean = defop(
    "mean",
    _mean,
    lambda g, out, x, axis, keepdims: _spread(g, x, axis, keepdims, 1.0 / _averaged(x, out)),
    label="mean({x})",
    vjp_text=("{g} / (entries averaged)",),  # d(mean x)/dx_i = 1/n
)


def _max_vjp(g: Array, out: Array, x: Array, axis: Any, keepdims: bool) -> Array:
    # d(max x)/dx_i = 1/k for each of the k entries equal to the maximum, 0 elsewhere
    top = _expand_reduced(out, axis, keepdims)
    mask = x == top
    count = mask.sum(axis=axis, keepdims=True)
    return _expand_reduced(g, axis, keepdims) * mask / count


max_ = defop(
    "max",
    lambda x, axis, keepdims: np.max(x, axis=axis, keepdims=keepdims),
    _max_vjp,
    label="max({x})",
    vjp_text=("{g} shared among the maxima",),
)


min_ = defop(
    "min",
    lambda x, axis, keepdims: np.min(x, axis=axis, keepdims=keepdims),
    _max_vjp,  # the same rule: 1/k for each of the k entries equal to the minimum, 0 elsewhere
    label="min({x})",
    vjp_text=("{g} shared among the minima",),
)


def _softmax(z: Array, axis: int) -> Array:
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _log_softmax(z: Array, axis: int) -> Array:
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


softmax = defop(
    "softmax",
    _softmax,
    # s = softmax(z): dJ/dz = s * (g - sum(g * s))
    lambda g, out, z, axis: out * (g - (g * out).sum(axis=axis, keepdims=True)),
    label="softmax({x})",
    vjp_text=("{out} * ({g} - sum({g} {out}))",),
)
log_softmax = defop(
    "log_softmax",
    _log_softmax,
    # l = log softmax(z): dJ/dz = g - softmax(z) * sum(g)
    lambda g, out, z, axis: g - np.exp(out) * g.sum(axis=axis, keepdims=True),
    label="log_softmax({x})",
    vjp_text=("{g} - softmax({x}) sum({g})",),
)


# ---------------------------------------------------------------- numpy's array habits
copy = defop(
    "copy",
    lambda x: x.copy(),  # the values in memory of their own
    lambda g, out, x: g,  # d copy(x)/dx = 1
    label="copy({x})",
    local=("1",),
)
astype = defop(
    "astype",
    lambda x, dtype: x.astype(dtype),  # float64 <-> float32
    lambda g, out, x, dtype: g.astype(x.dtype),  # d x/dx = 1, back in x's dtype
    label="{x}.astype({dtype})",
    vjp_text=("{g} in the dtype of {x}",),
)


def _getitem_vjp(g: Array, out: Array, x: Array, index: Any) -> Array:
    # scatter g back to the selected entries; repeated indices accumulate
    grad = np.zeros_like(x)
    np.add.at(grad, index, g)
    return grad


getitem = defop(
    "getitem",
    lambda x, index: x[index],
    _getitem_vjp,
    label="{x}[...]",
    vjp_text=("{g} scattered back to the selected entries",),
    operator="[...]",
)


def _concatenate(*xs: Array, axis: int, starts: tuple[int, ...]) -> Array:
    return np.concatenate(xs, axis=axis)


concatenate = defop(
    "concatenate",
    _concatenate,
    # input i filled the slice starts[i]:starts[i + 1] of the output: its gradient is that slice
    lambda i, g, out, axis, starts: np.take(g, range(starts[i], starts[i + 1]), axis=axis),
    label="concatenate",
    vjp_text=("the slice of {g} from that input",),
    variadic=True,
)
stack = defop(
    "stack",
    lambda *xs, axis: np.stack(xs, axis=axis),
    lambda i, g, out, axis: np.take(g, i, axis=axis),  # input i is slice i of the output
    label="stack",
    vjp_text=("the slice of {g} from that input",),
    variadic=True,
)


# ---------------------------------------------------------------- costs
def _logistic_loss(z: Array, y: Array, a: Array | None = None) -> Array:
    """L(a, y) = -(y log a + (1 - y) log(1 - a)) with a = sigma(z), written in z so it stays
    finite when a saturates: L = max(z, 0) - z y + log(1 + e^(-|z|)).

    ``a``, when given, is sigma(z) already computed (by the sigmoid node of the same z); the
    backward rule reuses it instead of computing sigma(z) again.
    """
    loss = np.abs(z, out=np.empty_like(z, dtype=np.result_type(z, 1.0)))
    np.negative(loss, out=loss)
    np.exp(loss, out=loss)
    np.log1p(loss, out=loss)  # log(1 + e^(-|z|))
    loss += np.maximum(z, 0.0)
    zy = np.multiply(
        z, y, out=np.zeros(np.broadcast(z, y).shape, loss.dtype), where=y != 0
    )  # 0 * inf is 0
    return loss - zy  # y may broadcast against z


def _dAL(g: Array, out: Array, z: Array, y: Array, a: Array) -> Array:
    # the course's dA[L] = -(y / a - (1 - y) / (1 - a)), reported, not sent on (see Op.reports)
    with np.errstate(divide="ignore", invalid="ignore"):  # infinite where a saturates to 0 or 1
        return g * -(y / a - (1 - y) / (1 - a))


logistic_loss = defop(
    "logistic_loss",
    _logistic_loss,
    # dL/dz = a - y   (the course's dZ = A - Y)
    lambda g, out, z, y, a=None: g * ((_sigmoid(z) if a is None else a) - y),
    lambda g, out, z, y, a=None: g * -z,  # dL/dy = -z   (labels are data; rarely needed)
    _dAL,
    label="L(sigmoid({x}), {y})",
    local=("sigmoid({x}) - {y}", "-{x}", "-({y}/{a} - (1 - {y})/(1 - {a}))"),
    reports=(2,),
)
