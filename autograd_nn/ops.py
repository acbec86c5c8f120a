"""The operation table: every primitive's forward rule beside its backward rule.

Each primitive is declared once with :func:`defop`: a forward function on numpy arrays and, for
each input, its vector-Jacobian product (VJP). A VJP receives the upstream gradient ``g`` (dJ/dout,
the shape of the output), the output ``out``, the inputs and the operation's parameters, and
returns dJ/d(input), the shape of that input. The comment on each VJP line is the maths it
implements, in the notation of NOTATION.md.

Broadcasting is not undone here: the Tensor layer inserts an explicit ``broadcast_to`` node
whenever an operand that needs a gradient is stretched, so every binary VJP below sees operands
of the output's shape, and the single ``broadcast_to`` VJP (a sum over the stretched axes) is
the one place where gradients are summed back. It is also the step that explains why
db = (1/m) np.sum(dZ, axis=1, keepdims=True).

Conventions at non-differentiable points (documented in docs/concepts/activations.md):
relu'(0) = 0 (as the course's ``relu_backward``), leaky_relu'(0) = slope, |x|'(0) = 0,
``max`` shares the gradient equally between tied maxima, and ``clip`` passes the gradient where
lo <= x <= hi (boundaries included).

``label`` is how a diagram writes the operation (``{0}``, ``{1}`` are the inputs); ``local`` is,
per input, the local derivative d(out)/d(input) for element-wise operations, or the VJP formula
written with ``g`` (the upstream gradient) for the others. The renderer and the chain-rule
explainer read both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

Array = np.ndarray
VJP = Callable[..., Array]


@dataclass(frozen=True)
class Op:
    """One primitive: its name, forward rule, one VJP per input, and how to write it."""

    name: str
    forward: Callable[..., Array]
    vjps: tuple[VJP, ...]
    label: str
    local: tuple[str, ...]
    variadic: VJP | None = field(default=None)

    def vjp(self, index: int) -> VJP:
        """Return the VJP for input ``index`` (variadic ops take the index as first argument)."""
        if self.variadic is not None:
            return partial(self.variadic, index)
        return self.vjps[index]


OPS: dict[str, Op] = {}


def defop(
    name: str,
    forward: Callable[..., Array],
    *vjps: VJP,
    label: str,
    local: tuple[str, ...] = (),
    variadic: VJP | None = None,
) -> Op:
    """Declare a primitive and register it in :data:`OPS`."""
    op = Op(name, forward, tuple(vjps), label, local, variadic)
    OPS[name] = op
    return op


# ---------------------------------------------------------------- element-wise, two inputs
add = defop(
    "add",
    np.add,
    lambda g, out, x, y: g,  # d(x + y)/dx = 1
    lambda g, out, x, y: g,  # d(x + y)/dy = 1
    label="{0} + {1}",
    local=("1", "1"),
)
sub = defop(
    "sub",
    np.subtract,
    lambda g, out, x, y: g,  # d(x - y)/dx = 1
    lambda g, out, x, y: -g,  # d(x - y)/dy = -1
    label="{0} - {1}",
    local=("1", "-1"),
)
mul = defop(
    "mul",
    np.multiply,
    lambda g, out, x, y: g * y,  # d(x y)/dx = y
    lambda g, out, x, y: g * x,  # d(x y)/dy = x
    label="{0} * {1}",
    local=("{1}", "{0}"),
)
div = defop(
    "div",
    np.divide,
    lambda g, out, x, y: g / y,  # d(x / y)/dx = 1 / y
    lambda g, out, x, y: -g * out / y,  # d(x / y)/dy = -x / y^2 = -out / y
    label="{0} / {1}",
    local=("1/{1}", "-{0}/{1}^2"),
)


def _pow_base_vjp(g: Array, out: Array, x: Array, p: Array) -> Array:
    # d(x^p)/dx = p x^(p - 1)
    return g * p * np.power(x, p - 1)


def _pow_exponent_vjp(g: Array, out: Array, x: Array, p: Array) -> Array:
    # d(x^p)/dp = x^p log(x) for x > 0; at x = 0 (p > 0) the limit x^p log(x) -> 0
    return g * out * np.log(np.where(x > 0, x, 1.0))


pow_ = defop(
    "pow",
    np.power,
    _pow_base_vjp,
    _pow_exponent_vjp,
    label="{0} ** {1}",
    local=("{1} * {0}^({1} - 1)", "{out} * log({0})"),
)


# ---------------------------------------------------------------- element-wise, one input
neg = defop("neg", np.negative, lambda g, out, x: -g, label="-{0}", local=("-1",))  # d(-x)/dx = -1
exp = defop("exp", np.exp, lambda g, out, x: g * out, label="exp({0})", local=("exp({0})",))
log = defop("log", np.log, lambda g, out, x: g / x, label="log({0})", local=("1/{0}",))
sqrt = defop(
    "sqrt",
    np.sqrt,
    lambda g, out, x: g * 0.5 / out,  # d sqrt(x)/dx = 1 / (2 sqrt(x))
    label="sqrt({0})",
    local=("1/(2 sqrt({0}))",),
)
abs_ = defop(
    "abs",
    np.abs,
    lambda g, out, x: g * np.sign(x),  # d|x|/dx = sign(x), 0 at x = 0
    label="|{0}|",
    local=("sign({0})",),
)
tanh = defop(
    "tanh",
    np.tanh,
    lambda g, out, x: g * (1.0 - out * out),  # tanh'(z) = 1 - a^2
    label="tanh({0})",
    local=("1 - {out}^2",),
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
    label="sigmoid({0})",
    local=("{out} (1 - {out})",),
)
relu = defop(
    "relu",
    lambda z: np.maximum(z, 0.0),
    lambda g, out, z: g * (z > 0),  # relu'(z) = 1 if z > 0 else 0 (0 at z = 0)
    label="relu({0})",
    local=("1[{0} > 0]",),
)
leaky_relu = defop(
    "leaky_relu",
    lambda z, slope: np.where(z > 0, z, slope * z),
    lambda g, out, z, slope: g * np.where(z > 0, 1.0, slope),  # 1 if z > 0 else slope
    label="leaky_relu({0})",
    local=("1 if {0} > 0 else slope",),
)
clip = defop(
    "clip",
    lambda x, lo, hi: np.clip(x, lo, hi),
    lambda g, out, x, lo, hi: g * ((x >= lo) & (x <= hi)),  # 1 inside [lo, hi], 0 outside
    label="clip({0})",
    local=("1[lo <= {0} <= hi]",),
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
    label="{0} @ {1}",
    local=("g @ {1}.T", "{0}.T @ g"),
)


def _inverse_axes(axes: tuple[int, ...] | None) -> tuple[int, ...] | None:
    return None if axes is None else tuple(int(i) for i in np.argsort(axes))


transpose = defop(
    "transpose",
    lambda x, axes: np.transpose(x, axes),
    lambda g, out, x, axes: np.transpose(g, _inverse_axes(axes)),  # transpose back
    label="{0}.T",
    local=("g.T",),
)
reshape = defop(
    "reshape",
    lambda x, shape: np.reshape(x, shape),
    lambda g, out, x, shape: np.reshape(g, x.shape),  # reshape back
    label="reshape({0})",
    local=("g reshaped to {0}'s shape",),
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
    label="broadcast({0})",
    local=("sum of g over the stretched axes",),
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
    label="sum({0})",
    local=("g copied to every summed entry",),
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
    label="mean({0})",
    local=("g / (entries averaged)",),  # d(mean x)/dx_i = 1/n
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
    label="max({0})",
    local=("g shared among the maxima",),
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
    label="softmax({0})",
    local=("s * (g - sum(g s))",),
)
log_softmax = defop(
    "log_softmax",
    _log_softmax,
    # l = log softmax(z): dJ/dz = g - softmax(z) * sum(g)
    lambda g, out, z, axis: g - np.exp(out) * g.sum(axis=axis, keepdims=True),
    label="log_softmax({0})",
    local=("g - softmax({0}) sum(g)",),
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
    label="{0}[...]",
    local=("g scattered back to the selected entries",),
)


def _concatenate_vjp(i: int, g: Array, out: Array, *xs: Array, axis: int) -> Array:
    # the slice of g that input i filled
    start = sum(x.shape[axis] for x in xs[:i])
    return np.take(g, range(start, start + xs[i].shape[axis]), axis=axis)


concatenate = defop(
    "concatenate",
    lambda *xs, axis: np.concatenate(xs, axis=axis),
    label="concatenate",
    local=("the slice of g from that input",),
    variadic=_concatenate_vjp,
)
stack = defop(
    "stack",
    lambda *xs, axis: np.stack(xs, axis=axis),
    label="stack",
    local=("the slice of g from that input",),
    variadic=lambda i, g, out, *xs, axis: np.take(g, i, axis=axis),  # slice i of g
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
    return loss - z * y  # y may broadcast against z


logistic_loss = defop(
    "logistic_loss",
    _logistic_loss,
    # dL/dz = a - y   (the course's dZ = A - Y)
    lambda g, out, z, y, a=None: g * ((_sigmoid(z) if a is None else a) - y),
    lambda g, out, z, y, a=None: g * -z,  # dL/dy = -z   (labels are data; rarely needed)
    label="L(sigmoid({0}), {1})",
    local=("sigmoid({0}) - {1}", "-{0}"),
)
