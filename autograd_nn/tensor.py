"""The Tensor: a numpy array that records the operations made with it.

>>> from autograd_nn import Tensor
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.item(), v.item(), u.item()
(33.0, 11.0, 6.0)
>>> J.backward()
>>> a.grad.item(), b.grad.item(), c.grad.item(), u.grad.item(), v.grad.item()
(3.0, 6.0, 9.0, 3.0, 3.0)

Every result remembers the operation (an entry of :data:`autograd_nn.ops.OPS`) and the ordered
parents that made it; :meth:`Tensor.backward` walks that graph once in reverse topological order
and adds each node's vector-Jacobian products into its parents' gradients.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from . import checks, ops
from .errors import BackwardError, IndexingError, ShapeError
from .graph import _GradMode, _Scope, toposort

_FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


def _to_array(data: Any, dtype: Any, copy: bool) -> np.ndarray:
    """Convert user input to a float ndarray, or raise TypeError saying what was given."""
    target = np.dtype(np.float64 if dtype is None else dtype)
    if target not in _FLOAT_DTYPES:
        raise TypeError(f"Tensor: dtype must be float64 or float32, got {target}")
    if isinstance(data, Tensor):
        raise TypeError(
            "Tensor: got a Tensor; use t.detach() for a copy without history, "
            "or Tensor(t.numpy()) for a new leaf"
        )
    if isinstance(data, (list, tuple)) and any(isinstance(x, Tensor) for x in data):
        raise TypeError(
            "Tensor: got a list of Tensors; join them with autograd_nn.stack([...]) "
            "(or concatenate), which keeps their gradients"
        )
    if isinstance(data, (numbers.Real, np.ndarray, np.number, np.bool_, list, tuple)):
        try:
            array = np.asarray(data)
        except ValueError as error:  # ragged nested lists
            raise TypeError(f"Tensor: nested lists must be rectangular ({error})") from None
        if array.dtype.kind in "biuf":
            if isinstance(data, np.ma.MaskedArray):
                raise TypeError(
                    "Tensor: a masked array's mask would be lost; pass data.filled(value) "
                    "or the unmasked entries"
                )
            return array.astype(target, copy=copy and array is data)
        raise TypeError(
            f"Tensor: expected numbers, got an array of {array.dtype} "
            f"(kind {array.dtype.kind!r}) from {type(data).__name__}"
        )
    raise TypeError(
        "Tensor: expected a number, a nested list of numbers or a numpy array, "
        f"got {type(data).__name__}"
    )


class Edge(NamedTuple):
    """One step of a backward pass: ``child`` sent ``contribution`` to its input ``index``.

    ``contribution`` is dJ/d(parent) through this edge only; a parent with several consumers
    receives the sum of its edges' contributions.
    """

    child: Tensor
    index: int
    parent: Tensor
    contribution: np.ndarray


class Tensor:
    """A value in a computation graph: data, gradient, name and the operation that made it.

    Args:
        data: a number, a nested list of numbers or a numpy array. Integers and booleans become
            floats.
        name: optional; used in error messages, diagrams and the chain-rule text.
        requires_grad: True (the default) for every value a learner makes; set False for data
            (X, Y), which then gets no gradient work.
        dtype: ``np.float64`` (default) or ``np.float32``.

    Memory: a Tensor that requires a gradient copies its input (parameters are updated in
    place, never the caller's array); a data tensor (``requires_grad=False``) shares memory with
    a numpy array of its dtype, so wrapping X costs nothing.

    Attributes:
        data: the value, a numpy ndarray.
        grad: None until a backward pass reaches this tensor, then dJ/d(this), an ndarray of
            ``data``'s shape. Gradients accumulate across backward calls; see :meth:`zero_grad`.
        name: the name given, or None.
        requires_grad: whether backward computes a gradient for this tensor.
        group: the group (e.g. "layer 1") it was created in, see :func:`autograd_nn.scope`.
    """

    __slots__ = (
        "_g",
        "_op",
        "_params",
        "_parents",
        "_trace",
        "data",
        "grad",
        "group",
        "name",
        "requires_grad",
    )
    __array_ufunc__ = None  # make numpy defer: `numpy_array + t` calls Tensor.__radd__

    def __init__(
        self,
        data: Any,
        *,
        name: str | None = None,
        requires_grad: bool = True,
        dtype: Any = None,
    ) -> None:
        if name is not None and type(name) is not str:
            raise TypeError(f"Tensor: name must be a string, got {type(name).__name__}")
        if (type(data) is float or type(data) is int) and dtype is None:
            self.data: np.ndarray = np.array(data, dtype=np.float64)
        else:
            self.data = _to_array(data, dtype, copy=requires_grad)
        self.grad: np.ndarray | None = None
        self.name = name
        self.requires_grad = requires_grad is True or bool(requires_grad)
        self.group: str | None = _Scope.current
        self._op: ops.Op | None = None
        self._parents: tuple[Tensor, ...] = ()
        self._params: dict[str, Any] = _NO_PARAMS
        self._g: Any = None  # the gradient being accumulated during a backward pass

    # ------------------------------------------------------------------ description
    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``data``, e.g. (n[l], m) for Z[l]."""
        return self.data.shape

    @property
    def ndim(self) -> int:
        """The number of axes."""
        return self.data.ndim

    @property
    def size(self) -> int:
        """The number of entries."""
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        """float64 unless float32 was asked for."""
        return self.data.dtype

    @property
    def op(self) -> str | None:
        """The name of the operation that made this tensor (None for a leaf)."""
        return None if self._op is None else self._op.name

    @property
    def parents(self) -> tuple[Tensor, ...]:
        """The inputs of the operation that made this tensor, in order (duplicates kept)."""
        return self._parents

    @property
    def params(self) -> dict[str, Any]:
        """The operation's non-tensor arguments (axis, shape, slope, ...)."""
        return dict(self._params)

    @property
    def is_leaf(self) -> bool:
        """True for tensors made by the user rather than by an operation."""
        return self._op is None

    @property
    def backward_trace(self) -> list[Edge]:
        """The edges of the last backward pass started from this tensor, in the order they ran.

        Empty before :meth:`backward` and after ``backward(keep_grads=False)``.
        """
        trace = getattr(self, "_trace", None) or []
        return [Edge(child, i, child._parents[i], g) for child, i, g in trace]

    def item(self) -> float:
        """The value of a one-entry tensor as a Python float."""
        if self.data.size != 1:
            raise ValueError(
                f"item: {checks.describe(self)} has {self.data.size} entries; "
                "item() needs exactly one"
            )
        return float(self.data.reshape(()))

    def __float__(self) -> float:
        return self.item()

    def numpy(self) -> np.ndarray:
        """A copy of the value as a numpy array."""
        return self.data.copy()

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """``np.asarray(t)``: the value (a copy), without history."""
        return self.data.astype(dtype or self.data.dtype, copy=True)

    def __bool__(self) -> bool:
        if self.data.size != 1:
            raise TypeError(
                f"bool: the truth value of {checks.describe(self)} with {self.data.size} "
                "entries is ambiguous; use (t.data > 0).any() or .all()"
            )
        return bool(self.data.reshape(()))

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError(f"len: {checks.describe(self)} is a scalar")
        return self.shape[0]

    def __repr__(self) -> str:
        parts = []
        if self.data.ndim == 0:
            parts.append(repr(float(self.data)))
        elif self.data.size <= 8:
            value = np.array2string(self.data, precision=4, separator=", ", floatmode="maxprec")
            parts.append(value.replace("\n", ""))
        else:
            d = self.data
            parts.append(f"shape={self.shape}, mean={d.mean():.4g}, min={d.min():.4g}, ")
            parts[-1] += f"max={d.max():.4g}"
        if self.name:
            parts.append(f"name={self.name!r}")
        if self.data.size <= 8 and self.ndim:
            parts.append(f"shape={self.shape}")
        if self._op is not None:
            parts.append(f"op={self._op.name!r}")
        if self.dtype != np.float64:
            parts.append(f"dtype={self.dtype}")
        if not self.requires_grad:
            parts.append("requires_grad=False")
        return f"Tensor({', '.join(parts)})"

    # ------------------------------------------------------------------ backward
    def backward(self, gradient: Any = None, *, keep_grads: bool = True) -> None:
        """Backpropagate: set ``t.grad = dJ/dt`` for every tensor t this one (J) depends on.

        One walk of the graph in reverse topological order (iterative: a chain of a million
        operations works); each node's vector-Jacobian products are added into its parents'
        gradients, so a tensor used several times receives the sum of its contributions.

        Args:
            gradient: the seed dJ/dJ. Omit it for a one-entry tensor (seed 1); for a larger
                tensor give an array of its shape (the upstream gradient).
            keep_grads: True (default) keeps dJ/dt on every intermediate node (learners read
                ``u.grad``) and records :attr:`backward_trace`; False keeps leaves' gradients
                only, for lean training.

        Gradients accumulate: a second ``backward()`` adds to ``.grad`` (as in the course's
        ``dw += ...`` loop); call :meth:`zero_grad` (or an optimizer's ``zero_grad``) between
        steps.
        """
        seed = self._seed(gradient)
        order = toposort(self, requiring_grad_only=True)
        trace: list[tuple[Tensor, int, np.ndarray]] | None = [] if keep_grads else None
        self._g = seed
        try:
            for node in reversed(order):
                g = node._g
                node._g = None
                op = node._op
                if op is None or keep_grads:
                    if type(g) is not np.ndarray or g.dtype != node.data.dtype:
                        g = np.asarray(g, dtype=node.data.dtype)  # a float32 tensor: float32 grad
                    node.grad = g if node.grad is None else node.grad + g
                if op is None:
                    continue
                parents = node._parents
                if len(parents) == 2:
                    arrays: Any = (parents[0].data, parents[1].data)
                elif len(parents) == 1:
                    arrays = (parents[0].data,)
                else:
                    arrays = [p.data for p in parents]
                params = node._params
                vjps = op.vjps
                i = -1
                for parent in parents:
                    i += 1
                    if not parent.requires_grad:
                        continue
                    vjp = vjps[i] if vjps else op.vjp(i)
                    if params:
                        contribution = vjp(g, node.data, *arrays, **params)
                    else:
                        contribution = vjp(g, node.data, *arrays)
                    if contribution.shape != parent.data.shape:
                        raise BackwardError(
                            f"{op.name} backward: gradient for input {i} {checks.describe(parent)} "
                            f"has shape {np.shape(contribution)} (internal error: please report)"
                        )
                    previous = parent._g
                    parent._g = contribution if previous is None else previous + contribution
                    if trace is not None:
                        trace.append((node, i, contribution))
        except BaseException:  # leave no half-accumulated gradient behind for the next pass
            for node in order:
                node._g = None
            raise
        self._trace = trace

    def _seed(self, gradient: Any) -> np.ndarray:
        if not self.requires_grad:
            raise BackwardError(
                f"backward: {checks.describe(self)} does not require a gradient (it was made "
                "from data tensors only, or under no_grad()), so there is nothing to "
                "backpropagate"
            )
        if gradient is None:
            if self.data.size != 1:
                raise BackwardError(
                    f"backward: {checks.describe(self)} has {self.data.size} entries; "
                    "the seed is 1 only for a single-entry tensor (a cost J). Reduce it first "
                    "(e.g. .sum() or .mean()) or pass gradient= an array of shape "
                    f"{self.shape} (dJ/d{checks.label(self)})"
                )
            seed = np.array(1.0, dtype=self.data.dtype)
            return seed if self.data.ndim == 0 else seed.reshape(self.data.shape)
        seed = gradient.data if isinstance(gradient, Tensor) else np.asarray(gradient)
        if seed.dtype.kind not in "biuf":
            raise TypeError(f"backward: gradient must be numbers, got {seed.dtype}")
        if seed.shape != self.shape:
            raise BackwardError(
                f"backward: gradient of shape {seed.shape} given for {checks.describe(self)}; "
                f"it must have the tensor's own shape {self.shape}"
            )
        if not np.all(np.isfinite(seed)):
            raise BackwardError(
                f"backward: the gradient given for {checks.describe(self)} contains NaN or infinity"
            )
        return seed.astype(self.dtype, copy=True)

    def zero_grad(self) -> None:
        """Forget this tensor's gradient (set ``grad`` to None) before the next backward."""
        self.grad = None

    def detach(self) -> Tensor:
        """A new leaf sharing this value, with no history and ``requires_grad=False``."""
        out = _constant(self.data)
        out.name, out.group = self.name, self.group
        return out

    # ------------------------------------------------------------------ arithmetic
    def __add__(self, other: Any) -> Tensor:
        return _binary(ops.add, "+", self, other)

    def __radd__(self, other: Any) -> Tensor:
        return _binary(ops.add, "+", other, self)

    def __sub__(self, other: Any) -> Tensor:
        return _binary(ops.sub, "-", self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return _binary(ops.sub, "-", other, self)

    def __mul__(self, other: Any) -> Tensor:
        return _binary(ops.mul, "*", self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return _binary(ops.mul, "*", other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return _binary(ops.div, "/", self, other, checks.nonzero_divisor)

    def __rtruediv__(self, other: Any) -> Tensor:
        return _binary(ops.div, "/", other, self, checks.nonzero_divisor)

    def __pow__(self, other: Any) -> Tensor:
        return _binary(ops.pow_, "**", self, other, checks.power)

    def __rpow__(self, other: Any) -> Tensor:
        return _binary(ops.pow_, "**", other, self, checks.power)

    def __neg__(self) -> Tensor:
        return _record(ops.neg, ops.neg.forward(self.data), (self,), _NO_PARAMS)

    def __matmul__(self, other: Any) -> Tensor:
        return matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return matmul(other, self)

    def __getitem__(self, index: Any) -> Tensor:
        if isinstance(index, Tensor) or (
            isinstance(index, tuple) and any(isinstance(i, Tensor) for i in index)
        ):
            raise TypeError("getitem: index with ints, slices or numpy arrays, not Tensors")
        try:
            self.data[index]
        except IndexError as error:
            raise IndexingError(f"getitem: {checks.describe(self)}[{index!r}]: {error}") from None
        return _apply(ops.getitem, (self,), index=index)

    # ------------------------------------------------------------------ shapes
    @property
    def T(self) -> Tensor:
        """The transpose (axes reversed): W.T is (n[l-1], n[l])."""
        return self.transpose()

    def transpose(self, *axes: int) -> Tensor:
        """Permute the axes (reverse them when none are given), as ``np.transpose``."""
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        normalized = checks.transpose_axes(self, axes or None)
        return _apply(ops.transpose, (self,), axes=normalized)

    def reshape(self, *shape: int) -> Tensor:
        """The same entries in a new shape (one -1 allowed), e.g. b.reshape(n, 1)."""
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return _apply(ops.reshape, (self,), shape=checks.reshape(self, shape))

    # ------------------------------------------------------------------ reductions
    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Sum over ``axis`` (all entries by default); db uses ``sum(axis=1, keepdims=True)``."""
        return _apply(ops.sum_, (self,), axis=checks.axis("sum", self, axis), keepdims=keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Mean over ``axis``: the cost J = (1/m) sum of losses is ``losses.mean()``."""
        axis = checks.axis("mean", self, axis)
        checks.nonempty("mean", self, axis)
        return _apply(ops.mean, (self,), axis=axis, keepdims=keepdims)

    def max(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Maximum over ``axis``; tied maxima share the gradient equally."""
        axis = checks.axis("max", self, axis)
        checks.nonempty("max", self, axis)
        return _apply(ops.max_, (self,), axis=axis, keepdims=keepdims)

    # ------------------------------------------------------------------ element-wise
    def exp(self) -> Tensor:
        """e^x, element-wise."""
        return _record(ops.exp, ops.exp.forward(self.data), (self,), _NO_PARAMS)

    def log(self) -> Tensor:
        """Natural logarithm; entries <= 0 raise DomainError (log(0) = -inf)."""
        checks.positive("log", self)
        return _record(ops.log, ops.log.forward(self.data), (self,), _NO_PARAMS)

    def sqrt(self) -> Tensor:
        """Square root; negative entries raise DomainError."""
        checks.positive("sqrt", self, allow_zero=True)
        return _record(ops.sqrt, ops.sqrt.forward(self.data), (self,), _NO_PARAMS)

    def abs(self) -> Tensor:
        """|x|, with the convention |x|'(0) = 0."""
        return _record(ops.abs_, ops.abs_.forward(self.data), (self,), _NO_PARAMS)

    def tanh(self) -> Tensor:
        """tanh(z); its derivative is 1 - a^2."""
        return _record(ops.tanh, ops.tanh.forward(self.data), (self,), _NO_PARAMS)

    def sigmoid(self) -> Tensor:
        """sigma(z) = 1 / (1 + e^(-z)), stable for large |z|; its derivative is a (1 - a)."""
        return _record(ops.sigmoid, ops.sigmoid.forward(self.data), (self,), _NO_PARAMS)

    def relu(self) -> Tensor:
        """max(0, z); derivative 1 for z > 0, 0 for z <= 0 (relu'(0) = 0, as the course)."""
        return _record(ops.relu, ops.relu.forward(self.data), (self,), _NO_PARAMS)

    def leaky_relu(self, slope: float = 0.01) -> Tensor:
        """max(slope z, z); derivative 1 for z > 0, ``slope`` for z <= 0."""
        return _apply(ops.leaky_relu, (self,), slope=checks.number("leaky_relu", "slope", slope))

    def softmax(self, axis: int = 0) -> Tensor:
        """exp(z) / sum(exp(z)) along ``axis`` (default 0: classes are rows, examples columns)."""
        axis = checks.axis("softmax", self, axis)
        checks.nonempty("softmax", self, axis)
        return _apply(ops.softmax, (self,), axis=axis)

    def log_softmax(self, axis: int = 0) -> Tensor:
        """log(softmax(z)) along ``axis``, computed stably (default 0, classes in rows)."""
        axis = checks.axis("log_softmax", self, axis)
        checks.nonempty("log_softmax", self, axis)
        return _apply(ops.log_softmax, (self,), axis=axis)

    def clip(self, lo: float, hi: float) -> Tensor:
        """Limit entries to [lo, hi]; the gradient passes where lo <= x <= hi."""
        lo, hi = checks.number("clip", "lo", lo), checks.number("clip", "hi", hi)
        if not lo <= hi:
            raise ValueError(f"clip: {checks.describe(self)}: lo = {lo:g} must be <= hi = {hi:g}")
        return _apply(ops.clip, (self,), lo=lo, hi=hi)


def _constant(array: np.ndarray) -> Tensor:
    """A leaf that needs no gradient (a number or data operand), built without re-checking."""
    out = Tensor.__new__(Tensor)
    out.data, out.grad, out.name, out.requires_grad = array, None, None, False
    out.group, out._op, out._parents, out._params = _Scope.current, None, (), _NO_PARAMS
    out._g = None
    return out


_NO_PARAMS: dict[str, Any] = {}


def _lift(value: Any, like: Tensor | None = None) -> Tensor:
    """Make a constant (requires_grad=False) tensor from a number or array operand."""
    if isinstance(value, Tensor):  # (a subclass too)
        return value
    if type(value) is float or type(value) is int:
        return _constant(np.array(value, dtype=np.float64 if like is None else like.data.dtype))
    dtype = like.dtype if like is not None and isinstance(value, numbers.Real) else None
    if isinstance(value, np.ndarray) and value.dtype in _FLOAT_DTYPES and dtype is None:
        dtype = value.dtype
    return _constant(_to_array(value, dtype, copy=False))


def _apply(op: ops.Op, parents: tuple[Tensor, ...], **params: Any) -> Tensor:
    """Run ``op`` forward on the parents' data and record the result in the graph."""
    return _record(op, op.forward(*[p.data for p in parents], **params), parents, params)


def _record(op: ops.Op, data: Any, parents: tuple[Tensor, ...], params: dict[str, Any]) -> Tensor:
    """Wrap a forward result as a Tensor that remembers ``op`` and its parents (when recording).

    Results are recorded even when no parent needs a gradient (1 - Y), so diagrams show the
    whole computation; backward skips such nodes.
    """
    out = Tensor.__new__(Tensor)
    out.data = data if type(data) is np.ndarray else np.asarray(data)
    out.grad = None
    out.name = None
    out.group = _Scope.current
    out._g = None
    if _GradMode.enabled:
        requires_grad = False
        for parent in parents:
            if parent.requires_grad:
                requires_grad = True
                break
        out.requires_grad = requires_grad
        out._op, out._parents, out._params = op, parents, params
    else:
        out.requires_grad = False
        out._op, out._parents, out._params = None, (), _NO_PARAMS
    return out


def _binary(op: ops.Op, symbol: str, x: Any, y: Any, check: Any = None) -> Tensor:
    """An element-wise binary op with numpy broadcasting made explicit in the graph."""
    if type(x) is not Tensor:
        x = _lift(x, like=y)
    if type(y) is not Tensor:
        y = _lift(y, like=x)
    if x.data.shape != y.data.shape:
        shape = checks.broadcast_shape(op.name, symbol, x, y)
        if _GradMode.enabled:  # stretch operands that need a gradient with a recorded node
            if x.requires_grad and x.data.shape != shape:
                x = _stretch(x, shape)
            if y.requires_grad and y.data.shape != shape:
                y = _stretch(y, shape)
    if check is not None:
        check(x, y)
    return _record(op, op.forward(x.data, y.data), (x, y), _NO_PARAMS)


def broadcast_to(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Stretch ``x`` to ``shape`` as numpy broadcasting would; its gradient is summed back.

    The tensor layer inserts this node whenever an operand needing a gradient is stretched
    (b[l] of shape (n[l], 1) across the m columns of Z[l]), which is why
    db = np.sum(dZ, axis=1, keepdims=True).
    """
    x = _lift(x)
    try:
        if np.broadcast_shapes(x.shape, tuple(shape)) != tuple(shape):
            raise ValueError
    except ValueError:
        raise ShapeError(
            f"broadcast_to: {checks.describe(x)} cannot be stretched to {tuple(shape)}"
        ) from None
    return _stretch(x, tuple(shape))


def _stretch(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Record the ``broadcast_to`` node stretching x to ``shape`` (a valid broadcast target)."""
    return _record(
        ops.broadcast_to, ops.broadcast_to.forward(x.data, shape), (x,), {"shape": shape}
    )


def matmul(x: Any, y: Any) -> Tensor:
    """Matrix product x @ y (matrix-matrix, matrix-vector, vector-matrix, vector-vector).

    Z = W A: W (n[l], n[l-1]) @ A (n[l-1], m) is (n[l], m); dW = dZ A^T, dA = W^T dZ.
    """
    x, y = _lift(x), _lift(y)
    xs, ys = x.data.shape, y.data.shape
    if not (len(xs) == len(ys) == 2 and xs[1] == ys[0]):  # the common case needs no check
        checks.matmul(x, y)
    return _record(ops.matmul, np.matmul(x.data, y.data), (x, y), _NO_PARAMS)


def concatenate(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Join tensors along an existing axis; each gets back its slice of the gradient."""
    ts = tuple(_lift(t) for t in tensors)
    if not ts:
        raise ValueError("concatenate: needs at least one tensor")
    axis = checks.axis("concatenate", ts[0], axis)
    _check_joinable("concatenate", ts, lambda s: s[:axis] + s[axis + 1 :], ts[0].ndim)
    return _apply(ops.concatenate, ts, axis=axis)


def stack(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Join same-shaped tensors along a new axis; each gets back its slice of the gradient."""
    ts = tuple(_lift(t) for t in tensors)
    if not ts:
        raise ValueError("stack: needs at least one tensor")
    if not -ts[0].ndim - 1 <= axis <= ts[0].ndim:
        raise ShapeError(f"stack: axis {axis} is out of range for {checks.describe(ts[0])}")
    _check_joinable("stack", ts, lambda s: s, ts[0].ndim)
    return _apply(ops.stack, ts, axis=axis % (ts[0].ndim + 1))


def _check_joinable(op: str, ts: tuple[Tensor, ...], key: Any, ndim: int) -> None:
    first = ts[0]
    for t in ts[1:]:
        if t.ndim != ndim or key(t.shape) != key(first.shape):
            shapes = ", ".join(checks.describe(t) for t in ts)
            raise ShapeError(
                f"{op}: {shapes}: "
                + (
                    "all shapes must be equal"
                    if op == "stack"
                    else "all shapes must match except along the joined axis"
                )
            )
