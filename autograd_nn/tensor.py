"""The Tensor: a numpy array that records the operations made with it.

>>> from autograd_nn import Tensor
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.item(), v.item(), u.item()
(33.0, 11.0, 6.0)
>>> J.backward()
>>> a.grad.item(), b.grad.item(), c.grad.item(), u.grad.item(), v.grad.item()
(3.0, 6.0, 9.0, 3.0, 3.0)

Every result remembers the operation that made it (``op``, an entry of
:data:`autograd_nn.ops.OPS`), its ordered inputs (``parents``) and the operation's other
arguments (``params``): the graph is plain data, which backward, diagrams and error messages all
read. :meth:`Tensor.backward` walks it once in reverse topological order and adds each node's
vector-Jacobian products into its parents' gradients.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from . import checks, ops
from .describe import describe
from .errors import AutogradError, BackwardError, ShapeError
from .graph import state, toposort

NO_PARAMS: dict[str, Any] = {}
VALUE_TYPES = {np.ndarray, np.float64, np.float32}  # an array, or one number as numpy holds it
_writing = threading.Lock()  # gradients are written under it: concurrent passes never interleave


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
    a numpy array of its dtype, so wrapping X costs nothing (do not change X while a graph made
    from it waits for its backward pass). A numpy array used directly as an operand
    (``W @ X_array``) is copied, so that later changes to it cannot reach the gradients.

    Attributes:
        data: the value, a numpy ndarray; one number is held as a numpy scalar (np.float64),
            numpy's own type for it, which has the same attributes and is much faster.
        grad: None until a backward pass reaches this tensor, then dJ/d(this), an ndarray of
            ``data``'s shape, owned by this tensor.
        name: the name given, or None.
        requires_grad: whether backward computes a gradient for this tensor.
        group: the group (e.g. "layer 1") it was created in, see :func:`autograd_nn.scope`.
        op: the :class:`autograd_nn.ops.Op` that made it (None for a leaf).
        parents: the inputs of that operation, in order (duplicates kept: ``a + a``).
        params: the operation's other arguments (axis, shape, slope, ...); read-only.
    """

    __slots__ = (
        "__weakref__",
        "data",
        "grad",
        "group",
        "name",
        "op",
        "params",
        "parents",
        "requires_grad",
    )

    def __init__(
        self, data: Any, *, name: str | None = None, requires_grad: bool = True, dtype: Any = None
    ) -> None:
        if name is not None and type(name) is not str:
            raise TypeError(f"Tensor: name must be a string, got {type(name).__name__}")
        if requires_grad is not True and requires_grad is not False:
            requires_grad = checks.check_flag("Tensor", "requires_grad", requires_grad)
        self._set(
            checks.as_array(data, dtype, requires_grad, Tensor), None, (), NO_PARAMS, requires_grad
        )
        self.name = name

    def _set(self, data: Any, op: Any, parents: tuple, params: dict, requires_grad: bool) -> None:
        """Every field of a tensor, set in one place (by the constructor and by :func:`record`)."""
        self.data = data if type(data) in VALUE_TYPES else np.asarray(data)
        self.grad: np.ndarray | None = None
        self.name: str | None = None
        self.group: str | None = state.group
        self.op: ops.Op | None = op
        self.parents: tuple[Tensor, ...] = parents
        self.params: dict[str, Any] = params
        self.requires_grad = requires_grad

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
    def is_leaf(self) -> bool:
        """True for tensors made by the user rather than by an operation."""
        return self.op is None

    def item(self) -> float:
        """The value of a one-entry tensor as a Python float."""
        if self.data.size != 1:
            raise ValueError(f"item: {describe(self)} has {self.data.size} entries; item() needs 1")
        return float(self.data.reshape(()))

    def numpy(self) -> np.ndarray:
        """A copy of the value as a numpy array: the explicit way out of the graph."""
        return np.array(self.data, copy=True)

    def __float__(self) -> float:
        return self.item()

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """``np.asarray(t)``: the value (a copy), without history."""
        return np.array(self.data, dtype=dtype or self.data.dtype, copy=True)

    def __bool__(self) -> bool:
        if self.data.size != 1:
            raise TypeError(
                f"bool: the truth value of {describe(self)} with {self.data.size} entries is "
                "ambiguous; use (t.data > 0).any() or .all()"
            )
        return bool(self.data.reshape(()))

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError(f"len: {describe(self)} is a scalar and has no length")
        return self.shape[0]

    def __iter__(self) -> Any:
        if self.ndim == 0:
            raise TypeError(f"iter: {describe(self)} is a scalar; use t.item() for its value")
        return (self[i] for i in range(self.shape[0]))

    def __repr__(self) -> str:
        d = self.data
        if d.ndim == 0:
            parts = [repr(float(d))]
        elif d.size <= 8:
            value = np.array2string(d, precision=4, separator=", ", floatmode="maxprec")
            parts = [value.replace("\n", ""), f"shape={self.shape}"]
        else:
            parts = [
                f"shape={self.shape}, mean={d.mean():.4g}, min={d.min():.4g}, max={d.max():.4g}"
            ]
        if self.name:
            parts.insert(1, f"name={self.name!r}")
        if self.op is not None:
            parts.append(f"op={self.op.name!r}")
        if self.dtype != np.float64:
            parts.append(f"dtype={self.dtype}")
        if not self.requires_grad:
            parts.append("requires_grad=False")
        return f"Tensor({', '.join(parts)})"

    # ------------------------------------------------------------------ backward
    def backward(
        self, gradient: Any = None, *, keep_grads: bool = True, accumulate: bool = False
    ) -> None:
        """Backpropagate: set ``t.grad = dJ/dt`` for every tensor t this one (J) depends on.

        One walk of the graph in reverse topological order (iterative: a chain of a million
        operations works); each node's vector-Jacobian products are added into its parents'
        gradients, so a tensor used several times receives the sum of its contributions.

        Args:
            gradient: the seed dJ/dJ. Omit it for a one-entry tensor (seed 1); for a larger
                tensor give an array of its shape (the upstream gradient).
            keep_grads: True (default) keeps dJ/dt on every intermediate node (learners read
                ``u.grad``, diagrams show it); False keeps the leaves' gradients only.
            accumulate: False (default) replaces the gradients a tensor held, so running a
                notebook cell twice never doubles them; True adds to them (the course's
                ``dw += ...`` over examples, or two costs sharing parameters).

        A failed pass changes no gradient: they are written only once the whole pass succeeded.
        """
        if not (type(keep_grads) is bool and type(accumulate) is bool):
            checks.check_flag("backward", "keep_grads", keep_grads)
            checks.check_flag("backward", "accumulate", accumulate)
        seed = checks.seed(self, gradient.data if isinstance(gradient, Tensor) else gradient)
        order = toposort(self, requiring_grad_only=True)
        grads = {self: seed}  # dJ/dt of every tensor t reached so far (tensors hash by identity)
        reported: dict[Tensor, Any] = {}  # dJ/dt reported to t but not sent on (ops.Op.reports)
        kept, kept_grads = [], []  # the tensors and gradients to write once the pass succeeded
        try:
            for node in reversed(order):
                g = grads.pop(node, 0.0)  # (0: a tensor that was only reported to)
                if keep_grads or node.op is None:
                    kept.append(node)
                    kept_grads.append(g + reported.pop(node) if node in reported else g)
                if node.op is None:
                    continue
                inputs = [p.data for p in node.parents]
                for i, parent in enumerate(node.parents):
                    if parent.requires_grad and (keep_grads or i not in node.op.reports):
                        contribution = node.op.vjp(i, g, node.data, inputs, node.params)
                        if contribution.shape != parent.data.shape:
                            raise BackwardError(
                                f"the op table gave a {contribution.shape} gradient"
                            )
                        sums = reported if i in node.op.reports else grads
                        total = sums.get(parent)
                        sums[parent] = contribution if total is None else total + contribution
        except AutogradError as error:  # name the operation and the input where it failed
            raise type(error)(f"{node.op.name} backward: {describe(parent)}: {error}") from None
        _write_grads(kept, kept_grads, accumulate)

    @property
    def backward_trace(self) -> list[Edge]:
        """The edges of the backward pass from this tensor, in the order backward runs them.

        Each edge's contribution is computed by the op table from the gradients the tensors
        hold now, so a diagram never disagrees with them. Empty before :meth:`backward` and
        after ``backward(keep_grads=False)``.
        """
        trace: list[Edge] = []
        reported: dict[Tensor, Any] = {}  # as in backward: reported to a tensor, not sent on
        for child in reversed(toposort(self, requiring_grad_only=True)):
            if child.op is None:
                continue
            if child.grad is None:
                return []
            if child in reported:  # send on only what was not merely reported (dA[L])
                g = child.grad - reported.pop(child)
                if not np.any(g):
                    continue  # nothing was sent on from here: no edge to draw
            else:
                g = child.grad
            inputs = [p.data for p in child.parents]
            for i, parent in enumerate(child.parents):
                if parent.requires_grad:
                    contribution = np.array(child.op.vjp(i, g, child.data, inputs, child.params))
                    contribution.flags.writeable = False
                    trace.append(Edge(child, i, parent, contribution))
                    if i in child.op.reports:
                        reported[parent] = reported.get(parent, 0.0) + contribution
        return trace

    def zero_grad(self) -> None:
        """Forget this tensor's gradient (set ``grad`` to None)."""
        self.grad = None

    def detach(self) -> Tensor:
        """A new leaf sharing this value, with no history and ``requires_grad=False``."""
        out = constant(self.data)
        out.name, out.group = self.name, self.group
        return out

    # ------------------------------------------------------------------ arithmetic
    def __add__(self, other: Any) -> Tensor:
        return binary(ops.add, "+", self, other)

    def __radd__(self, other: Any) -> Tensor:
        return binary(ops.add, "+", other, self)

    def __sub__(self, other: Any) -> Tensor:
        return binary(ops.sub, "-", self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return binary(ops.sub, "-", other, self)

    def __mul__(self, other: Any) -> Tensor:
        return binary(ops.mul, "*", self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return binary(ops.mul, "*", other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return binary(ops.div, "/", self, other, checks.check_divisor)

    def __rtruediv__(self, other: Any) -> Tensor:
        return binary(ops.div, "/", other, self, checks.check_divisor)

    def __pow__(self, other: Any) -> Tensor:
        return binary(ops.pow_, "**", self, other, checks.check_power)

    def __rpow__(self, other: Any) -> Tensor:
        return binary(ops.pow_, "**", other, self, checks.check_power)

    def __neg__(self) -> Tensor:
        return record(ops.neg, (self,))

    def __pos__(self) -> Tensor:
        return self

    def __abs__(self) -> Tensor:
        return self.abs()

    def __matmul__(self, other: Any) -> Tensor:
        return matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return matmul(other, self)

    def dot(self, other: Any) -> Tensor:
        """``W.dot(A)`` as the course writes it: the matrix product W @ A."""
        return matmul(self, other)

    def __getitem__(self, index: Any) -> Tensor:
        return record(ops.getitem, (self,), index=checks.copy_index(self, index, Tensor))

    # ------------------------------------------------------------------ numpy (see numpy_api)
    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        return numpy_api.array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        return numpy_api.array_function(func, types, args, kwargs)

    def __setitem__(self, index: Any, value: Any) -> None:
        numpy_api.set_items(self, index, value)

    def __gt__(self, other: Any) -> Any:  # comparisons: boolean numpy arrays (masks)
        return np.greater(self, other)

    def __ge__(self, other: Any) -> Any:
        return np.greater_equal(self, other)

    def __lt__(self, other: Any) -> Any:
        return np.less(self, other)

    def __le__(self, other: Any) -> Any:
        return np.less_equal(self, other)

    def __iadd__(self, other: Any) -> Tensor:  # as numpy's: np.add(W, x, out=W)
        return np.add(self, other, out=self)

    def __isub__(self, other: Any) -> Tensor:
        return np.subtract(self, other, out=self)

    def __imul__(self, other: Any) -> Tensor:
        return np.multiply(self, other, out=self)

    def __itruediv__(self, other: Any) -> Tensor:
        return np.divide(self, other, out=self)

    def __ipow__(self, other: Any) -> Tensor:
        return np.power(self, other, out=self)

    def __imatmul__(self, other: Any) -> Tensor:
        return np.matmul(self, other, out=self)

    # ------------------------------------------------------------------ shapes
    @property
    def T(self) -> Tensor:
        """The transpose (axes reversed): W.T is (n[l-1], n[l])."""
        return self.transpose()

    def transpose(self, *axes: int) -> Tensor:
        """Permute the axes (reverse them when none are given), as ``np.transpose``."""
        axes = tuple(axes[0]) if len(axes) == 1 and isinstance(axes[0], (tuple, list)) else axes
        return record(ops.transpose, (self,), axes=checks.normalize_axes(self, axes or None))

    def reshape(self, *shape: int) -> Tensor:
        """The same entries in a new shape (one -1 allowed), e.g. b.reshape(n, 1)."""
        shape = (
            tuple(shape[0]) if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        )
        return record(ops.reshape, (self,), shape=checks.normalize_shape(self, shape))

    # ------------------------------------------------------------------ reductions
    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Sum over ``axis`` (all entries by default); db uses ``sum(axis=1, keepdims=True)``."""
        return reduce(ops.sum_, self, axis, keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Mean over ``axis``: the cost J = (1/m) sum of losses is ``losses.mean()``."""
        return reduce(ops.mean, self, axis, keepdims)

    def max(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Maximum over ``axis``; tied maxima share the gradient equally."""
        return reduce(ops.max_, self, axis, keepdims)

    # ------------------------------------------------------------------ element-wise
    def exp(self) -> Tensor:
        """e^x, element-wise."""
        return record(ops.exp, (self,))

    def log(self) -> Tensor:
        """Natural logarithm; entries <= 0 raise DomainError (log(0) = -inf)."""
        checks.check_positive("log", self)
        return record(ops.log, (self,))

    def sqrt(self) -> Tensor:
        """Square root; negative entries raise DomainError."""
        checks.check_positive("sqrt", self, allow_zero=True)
        return record(ops.sqrt, (self,))

    def abs(self) -> Tensor:
        """|x|, with the convention |x|'(0) = 0."""
        return record(ops.abs_, (self,))

    def tanh(self) -> Tensor:
        """tanh(z); its derivative is 1 - a^2."""
        return record(ops.tanh, (self,))

    def sigmoid(self) -> Tensor:
        """sigma(z) = 1 / (1 + e^(-z)), stable for large |z|; its derivative is a (1 - a)."""
        return record(ops.sigmoid, (self,))

    def relu(self) -> Tensor:
        """max(0, z); derivative 1 for z > 0, 0 for z <= 0 (relu'(0) = 0, as the course)."""
        return record(ops.relu, (self,))

    def leaky_relu(self, slope: float = 0.01) -> Tensor:
        """max(slope z, z); derivative 1 for z > 0, ``slope`` for z <= 0."""
        return record(
            ops.leaky_relu,
            (self,),
            slope=checks.check_number("leaky_relu", "slope", slope, finite=True),
        )

    def softmax(self, axis: int = 0) -> Tensor:
        """exp(z) / sum(exp(z)) along ``axis`` (default 0: classes are rows, examples columns)."""
        axis = checks.normalize_single_axis("softmax", self, axis)
        checks.check_nonempty("softmax", self, axis)
        checks.check_finite("softmax", self)
        return record(ops.softmax, (self,), axis=axis)

    def log_softmax(self, axis: int = 0) -> Tensor:
        """log(softmax(z)) along ``axis``, computed stably (default 0, classes in rows)."""
        axis = checks.normalize_single_axis("log_softmax", self, axis)
        checks.check_nonempty("log_softmax", self, axis)
        checks.check_finite("log_softmax", self)
        return record(ops.log_softmax, (self,), axis=axis)

    def clip(self, lo: float, hi: float) -> Tensor:
        """Limit entries to [lo, hi]; the gradient passes where lo <= x <= hi."""
        lo, hi = checks.check_number("clip", "lo", lo), checks.check_number("clip", "hi", hi)
        if not lo <= hi:
            raise ValueError(f"clip: {describe(self)}: lo = {lo:g} must be <= hi = {hi:g}")
        return record(ops.clip, (self,), lo=lo, hi=hi)


# ---------------------------------------------------------------------- recording
def record(op: ops.Op, parents: tuple[Tensor, ...], **params: Any) -> Tensor:
    """Run ``op`` forward on the parents' values and return the result as a recorded Tensor.

    Results are recorded even when no parent needs a gradient (1 - Y), so diagrams show the
    whole computation; backward skips such nodes. Under ``no_grad()`` nothing is recorded.
    """
    out = Tensor.__new__(Tensor)
    data = op.forward(*[p.data for p in parents], **params)
    if state.grad_enabled:
        out._set(data, op, parents, params or NO_PARAMS, any([p.requires_grad for p in parents]))
    else:
        out._set(data, None, (), NO_PARAMS, False)
    return out


def constant(array: np.ndarray) -> Tensor:
    """A leaf that needs no gradient (a number or data operand)."""
    out = Tensor.__new__(Tensor)
    out._set(array, None, (), NO_PARAMS, False)
    return out


def lift(value: Any, like: Any = None, op: str = "Tensor") -> Tensor:
    """A Tensor as it is; a number or array operand of ``op`` as a constant (an array is copied,
    so a later change to it cannot reach the backward pass; numbers take ``like``'s dtype)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, np.ndarray):
        dtype = value.dtype if value.dtype in checks.FLOAT_DTYPES else None
    else:
        dtype = like.data.dtype if isinstance(like, Tensor) else None
    return constant(checks.as_array(value, dtype, True, Tensor, op))


def _write_grads(kept: list[Tensor], grads: list[Any], accumulate: bool) -> None:
    """Give each tensor its gradient, in its dtype.

    A leaf (a parameter: the array a user changes, ``W.grad *= 0.5``) gets an array it alone
    owns, copied where backward handed the same array to several tensors (``a + b``) or a view
    of another's (``W.T``). An intermediate's gradient is made read-only instead of copied:
    writing into it raises, so no tensor can change another's gradient, and the arrays backward
    shares between nodes are stored once.
    """
    seen, shared = set(), set()
    for g in grads:
        if type(g) is np.ndarray:  # (one number is an immutable numpy scalar: never shared)
            (shared if id(g) in seen else seen).add(id(g))
    with _writing:
        for node, g in zip(kept, grads):  # noqa: B905 - equal lengths
            if g.dtype is not node.data.dtype:  # a float32 tensor gets a float32 gradient
                g = g.astype(node.data.dtype)
            if accumulate and node.grad is not None:
                g = node.grad + g
            if type(g) is np.ndarray:  # (one number is an immutable numpy scalar)
                if node.op is not None:
                    g.flags.writeable = False
                elif g.base is not None or id(g) in shared:
                    g = g.copy()
            node.grad = g


def binary(op: ops.Op, symbol: str, x: Any, y: Any, check: Any = None) -> Tensor:
    """An element-wise binary op with numpy broadcasting made explicit in the graph."""
    if type(x) is not Tensor:
        x = lift(checks.check_operand(op.name, x), y, op.name)
    if type(y) is not Tensor:
        y = lift(checks.check_operand(op.name, y), x, op.name)
    if x.data.shape != y.data.shape:
        shape = checks.check_broadcast(op.name, symbol, x, y)
        if state.grad_enabled:  # stretch operands that need a gradient with a recorded node
            x = stretch(x, shape) if x.requires_grad and x.data.shape != shape else x
            y = stretch(y, shape) if y.requires_grad and y.data.shape != shape else y
    if check is not None:
        check(x, y)
    return record(op, (x, y))


def stretch(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Record the ``broadcast_to`` node stretching x to ``shape`` (a valid broadcast target)."""
    return record(ops.broadcast_to, (x,), shape=shape)


def reduce(op: ops.Op, x: Tensor, axis: Any, keepdims: Any) -> Tensor:
    """A reduction (sum, mean, max) over ``axis``, with its arguments checked."""
    axis = checks.normalize_axis(op.name, x, axis)
    keepdims = checks.check_flag(op.name, "keepdims", keepdims)
    if op is not ops.sum_:
        checks.check_nonempty(op.name, x, axis)
    return record(op, (x,), axis=axis, keepdims=keepdims)


def broadcast_to(x: Any, shape: Any) -> Tensor:
    """Stretch ``x`` to ``shape`` as numpy broadcasting would; its gradient is summed back.

    The tensor layer inserts this node whenever an operand needing a gradient is stretched
    (b[l] of shape (n[l], 1) across the m columns of Z[l]), which is why
    db = np.sum(dZ, axis=1, keepdims=True).
    """
    x, shape = lift(x, op="broadcast_to"), checks.normalize_sizes("broadcast_to", shape)
    try:
        if np.broadcast_shapes(x.shape, shape) != shape:
            raise ValueError
    except ValueError:
        raise ShapeError(f"broadcast_to: {describe(x)} cannot be stretched to {shape}") from None
    return stretch(x, shape)


def matmul(x: Any, y: Any) -> Tensor:
    """Matrix product x @ y (matrix-matrix, matrix-vector, vector-matrix, vector-vector).

    Z = W A: W (n[l], n[l-1]) @ A (n[l-1], m) is (n[l], m); dW = dZ A^T, dA = W^T dZ.
    """
    x, y = lift(x, op="matmul"), lift(y, op="matmul")
    if not (x.data.ndim == y.data.ndim == 2 and x.data.shape[1] == y.data.shape[0]):
        checks.check_matmul(x, y)  # (the common case, two matrices that fit, needs no check)
    return record(ops.matmul, (x, y))


def concatenate(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Join tensors along an existing axis; each gets back its slice of the gradient."""
    ts = tuple(lift(t, op="concatenate") for t in checks.check_sequence("concatenate", tensors))
    axis = checks.check_joinable("concatenate", ts, axis)
    starts = tuple(int(n) for n in np.cumsum([0] + [t.shape[axis] for t in ts]))
    return record(ops.concatenate, ts, axis=axis, starts=starts)


def stack(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Join same-shaped tensors along a new axis; each gets back its slice of the gradient."""
    ts = tuple(lift(t, op="stack") for t in checks.check_sequence("stack", tensors))
    return record(ops.stack, ts, axis=checks.check_joinable("stack", ts, axis))


from . import numpy_api  # noqa: E402 - last: numpy_api builds on the names above
