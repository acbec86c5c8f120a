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
arguments (``params``): the graph is plain data. :func:`record` is the one place a result is
made; :meth:`Tensor.backward` walks the graph once in reverse topological order and sums, into
each input, what :func:`chain_rule` sends it. Read in order: construction, ``record``,
``backward`` (its steps follow the class), the operators, the conveniences. The package adds
the functions' methods (``Z.sigmoid()`` is ``sigmoid(Z)``, see :mod:`autograd_nn.functions`) and
numpy's protocols (``np.exp(Z)``, ``Z > 0``, ``W += x``, see :mod:`autograd_nn.numpy_api`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

import numpy as np

from . import checks, conversions, history, ops
from .describe import describe, show
from .errors import AutogradError, BackwardError, ShapeError
from .gradient import Gradient
from .graph import state, toposort

NO_PARAMS: dict[str, Any] = {}
VALUE_TYPES = {np.ndarray, np.float64, np.float32}  # an array, or one number as numpy holds it
_writing = threading.Lock()  # gradients are written under it: concurrent passes never interleave


class Tensor:
    """A value in a computation graph: data, gradient, name and the operation that made it.

    Args:
        data: a number, a nested list of numbers or a numpy array. Integers and booleans become
            floats.
        name: optional; used in error messages, diagrams and the chain-rule text.
        requires_grad: True (the default) for every value a learner makes; set False for data
            (X, Y), which then gets no gradient work.
        dtype: ``np.float64`` (default) or ``np.float32``.

    Memory: a Tensor that requires a gradient copies its input; a data tensor shares memory with
    a numpy array of its dtype (wrapping X costs nothing); see docs/design.md.

    Attributes:
        data: the value, a numpy ndarray; one number is held as a numpy scalar (np.float64),
            numpy's own type for it, which has the same attributes and is much faster.
        grad: None until a backward pass reaches this tensor, then dJ/d(this), an ndarray of
            ``data``'s shape (a parameter's own, a :class:`~autograd_nn.gradient.Gradient`).
        name: the name given, or None.
        requires_grad: whether backward computes a gradient for this tensor.
        group: the group (e.g. "layer 1") it was created in, see :func:`autograd_nn.scope`.
        op: the :class:`autograd_nn.ops.Op` that made it (None for a leaf).
        parents: the inputs of that operation, in order (duplicates kept: ``a + a``).
        params: the operation's other arguments (axis, shape, slope, ...); read-only.
    """

    __slots__ = ("_data", "grad", "group", "name", "op", "params", "parents", "requires_grad")
    __slots__ += ("__weakref__",)  # (weakly referable: the replay and the tests of freeing)

    # ------------------------------------------------------------------ construction
    def __init__(
        self, data: Any, *, name: str | None = None, requires_grad: bool = True, dtype: Any = None
    ) -> None:
        if name is not None or requires_grad is not True:  # (the common case needs no call)
            requires_grad = checks.tensor_arguments(name, requires_grad)
        self._set(checks.as_array(data, dtype, Tensor, copy=requires_grad), requires_grad)
        self.name = name

    def _set(
        self,
        data: Any,
        requires_grad: bool,
        op: ops.Op | None = None,
        parents: tuple[Tensor, ...] = (),
        params: dict[str, Any] = NO_PARAMS,
    ) -> None:
        """Every field of a tensor, set in one place (by the constructor and by :func:`record`)."""
        self._data = data if type(data) in VALUE_TYPES else np.asarray(data)
        self.grad: np.ndarray | None = None
        self.name: str | None = None
        self.group: str | None = state.group
        self.op = op
        self.parents = parents
        self.params = params
        self.requires_grad = requires_grad

    # ------------------------------------------------------------------ record
    @staticmethod
    def record(op: ops.Op, parents: tuple[Tensor, ...], **params: Any) -> Tensor:
        """Run ``op`` forward on the parents' values and return the result as a recorded Tensor.

        The op's own check (``ops.Op.check``: log of 0, division by 0) runs first. Results are
        recorded even when no parent needs a gradient (1 - Y), so diagrams show the whole
        computation; backward skips such nodes. Under ``no_grad()`` nothing is recorded.
        """
        if op.check is not None:
            op.check(*parents, **params)
        out = Tensor.__new__(Tensor)
        data = op.forward(*[p._data for p in parents], **params)
        if not state.grad_enabled:
            out._set(data, False)
        else:
            requires_grad = False
            for parent in parents:  # (a loop: any([...]) would cost a list and a frame)
                requires_grad = requires_grad or parent.requires_grad
            out._set(data, requires_grad, op, parents, params or NO_PARAMS)
        return out

    # ------------------------------------------------------------------ backward
    def backward(
        self, gradient: Any = None, *, keep_grads: bool = True, accumulate: bool = False
    ) -> None:
        """Backpropagate: set ``t.grad = dJ/dt`` for every tensor t this one (J) depends on.

        One walk of the graph in reverse topological order (iterative: a chain of a million
        operations works); each node sends its inputs what :func:`chain_rule` says, and a tensor
        used several times receives the sum of its contributions.

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
        grads = {self: checks.seed(self, gradient, keep_grads, accumulate)}  # dJ/dt so far
        kept: dict[Tensor, Any] = {}  # the gradients to write once the whole pass succeeded
        order = toposort(self, requiring_grad_only=True)
        for node in reversed(order):
            g = grads.pop(node, None)
            if g is None:
                continue  # reached only by a reported gradient (dA[L]): nothing to send on
            if keep_grads or node.op is None:
                kept[node] = g
            for _, parent, contribution in chain_rule(node, g) if node.op else ():
                total = grads.get(parent)
                grads[parent] = contribution if total is None else total + contribution
        history.after_backward(self, order, accumulate)  # a kept cost, a growing graph
        if keep_grads:
            report(kept)
        write_grads(kept, accumulate)

    # ------------------------------------------------------------------ operators
    def __add__(self, other: Any) -> Tensor:
        return binary(ops.add, self, other)

    def __radd__(self, other: Any) -> Tensor:
        return binary(ops.add, other, self)

    def __sub__(self, other: Any) -> Tensor:
        if type(other) is Gradient and self.op is None and self.requires_grad:
            return assigned(self, other)  # the course's update W = W - learning_rate * dW
        return binary(ops.sub, self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return binary(ops.sub, other, self)

    def __mul__(self, other: Any) -> Tensor:
        return binary(ops.mul, self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return binary(ops.mul, other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return binary(ops.div, self, other)

    def __rtruediv__(self, other: Any) -> Tensor:
        return binary(ops.div, other, self)

    def __pow__(self, other: Any) -> Tensor:
        return binary(ops.pow_, self, other)

    def __rpow__(self, other: Any) -> Tensor:
        return binary(ops.pow_, other, self)

    def __matmul__(self, other: Any) -> Tensor:
        return matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return matmul(other, self)

    def __neg__(self) -> Tensor:
        return record(ops.neg, (self,))

    def __pos__(self) -> Tensor:
        return self

    def __abs__(self) -> Tensor:
        return record(ops.abs_, (self,))

    def __getitem__(self, index: Any) -> Tensor:
        return record(ops.getitem, (self,), index=checks.copy_index(self, index, Tensor))

    def dot(self, other: Any) -> Tensor:
        """``W.dot(A)`` as the course writes it: the matrix product W @ A."""
        return matmul(self, other)

    # ------------------------------------------------------------------ conveniences
    data = property(  # (read in the loops above as the slot _data: this is for your code)
        attrgetter("_data"), lambda t, value: setattr(t, "_data", checks.replacement(t, value))
    )

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
    def T(self) -> Tensor:
        """The transpose (axes reversed): W.T is (n[l-1], n[l])."""
        return self.transpose()

    @property
    def is_leaf(self) -> bool:
        """True for tensors made by the user rather than by an operation."""
        return self.op is None

    def zero_grad(self) -> None:
        """Forget this tensor's gradient (set ``grad`` to None)."""
        self.grad = None

    def detach(self) -> Tensor:
        """A new leaf sharing this value, with no history and ``requires_grad=False``."""
        out = constant(self.data)
        out.name, out.group = self.name, self.group
        return out

    def numpy(self) -> np.ndarray:
        """A copy of the value as a numpy array: the explicit way out of the graph."""
        return np.array(self.data, copy=True)

    def item(self) -> float:
        """The value of a one-entry tensor as a Python float."""
        return float(checks.one_number(self, "item()"))

    def __float__(self) -> float:
        conversions.check(self, "__float__")  # numpy converting it by itself? (refused)
        return float(checks.one_number(self, "float()"))

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """``np.asarray(t)``: the value (a copy), without history (see conversions)."""
        conversions.check(self, "__array__")
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
        return show(self)

    def __format__(self, spec: str) -> str:
        """``f"{cost:.4f}"`` formats a one-number tensor's value; ``f"{t}"`` is its repr."""
        value = checks.one_number(self, f"format(t, {spec!r})") if spec else None
        return show(self) if value is None else format(float(value), spec)

    def __int__(self) -> int:
        conversions.check(self, "__int__")  # numpy converting it by itself? (refused)
        return int(checks.one_number(self, "int()"))

    def __round__(self, ndigits: int | None = None) -> float | int:
        return round(float(checks.one_number(self, "round()")), ndigits)

    def __copy__(self) -> Tensor:
        """``copy.copy(W)``, ``copy.deepcopy(W)``: a fresh leaf with W's values, name, gradient
        and requires_grad, and no history (the course's ``copy.deepcopy(parameters["W1"])``)."""
        out = Tensor(self.data, name=self.name, requires_grad=True, dtype=self.dtype)
        out.requires_grad, out.grad = self.requires_grad, copy.copy(self.grad)
        return out

    def __deepcopy__(self, memo: dict) -> Tensor:
        return self.__copy__()


record = Tensor.record  # the one place a result is made, as the other modules call it


# ---------------------------------------------------------------------- backward's steps
def chain_rule(node: Tensor, g: Any, reported: bool = False) -> Iterator[tuple]:
    """The chain rule at one node: ``(index, parent, contribution)`` for each input that needs a
    gradient, where contribution = dJ/d(parent) through this edge = the VJP of the node's op at
    g = dJ/d(node). Shared by :meth:`Tensor.backward` and the pictures' replay.

    ``reported=True`` gives instead the inputs whose gradient the op reports without sending it
    on (``ops.Op.reports``: the course's dA[L], see :func:`report`).
    """
    op = node.op
    if op is None:
        return
    inputs = [p._data for p in node.parents]
    for i, parent in enumerate(node.parents):
        if parent.requires_grad and (i in op.reports) is reported:
            try:
                contribution = op.vjp(i, g, node._data, inputs, node.params)
            except AutogradError as error:  # name the operation and the input where it failed
                raise type(error)(f"{op.name} backward: {describe(parent)}: {error}") from None
            if contribution.shape != parent._data.shape:
                raise BackwardError(
                    f"{op.name} backward: {describe(parent)}: the op table gave a "
                    f"{contribution.shape} gradient"
                )
            yield i, parent, contribution


def report(kept: dict[Tensor, Any]) -> None:
    """Add to ``kept`` the gradients an op reports without sending them on.

    The logistic loss sends dZ[L] = A - Y straight to Z[L] and reports the course's
    dA[L] = -(Y/A - (1-Y)/(1-A)) to A[L], so that ``AL.grad`` is what the course computes
    while Z[L] does not receive it a second time through the sigmoid.
    """
    for node in tuple(kept):  # (a copy: kept grows)
        if node.op is not None and node.op.reports:
            for _, parent, dA in chain_rule(node, kept[node], True):
                kept[parent] = dA if parent not in kept else kept[parent] + dA


def write_grads(kept: dict[Tensor, Any], accumulate: bool) -> None:
    """Give each tensor its gradient, in its dtype, under one lock.

    A leaf (a parameter: the array a user changes, ``W.grad *= 0.5``) gets an array it alone
    owns, copied where backward handed the same array to several tensors (``a + b``) or a view
    of another's (``W.T``). An intermediate's gradient is made read-only instead of copied:
    writing into it raises, so no tensor can change another's gradient, and the arrays backward
    shares between nodes are stored once.
    """
    seen, shared = set(), set()
    for g in kept.values():
        if type(g) is np.ndarray:  # (one number is an immutable numpy scalar: never shared)
            (shared if id(g) in seen else seen).add(id(g))
    with _writing:
        for node, g in kept.items():
            if g.dtype is not node._data.dtype:  # a float32 tensor gets a float32 gradient
                g = g.astype(node._data.dtype)
            if accumulate and node.grad is not None:
                g = node.grad + g
            if isinstance(g, np.ndarray):
                if node.op is not None:
                    g.flags.writeable = False
                else:  # a parameter's own array, marked as its gradient (see gradient.py)
                    g = (g.copy() if g.base is not None or id(g) in shared else g).view(Gradient)
            node.grad = g


def assigned(W: Tensor, step: Gradient) -> Tensor:
    """The course's update ``W - learning_rate * dW``, dW from ``W.grad``: an assignment, a new
    parameter (W's name and group, no history), not an operation (see gradient.py)."""
    value = W.data - step.view(np.ndarray)
    if value.shape != W.data.shape:
        raise ShapeError(f"update: {describe(W)} - a step of shape {step.shape} changes its shape")
    out = constant(value.astype(W.data.dtype, copy=False))
    out.name, out.group, out.requires_grad = W.name, W.group, True
    return out


# ---------------------------------------------------------------------- building results
def constant(array: Any) -> Tensor:
    """A leaf that needs no gradient (a number or data operand)."""
    out = Tensor.__new__(Tensor)
    out._set(array, False)
    return out


def lift(value: Any, like: Any = None, name: str = "Tensor") -> Tensor:
    """A Tensor as it is; a number or array operand of the op ``name`` as a constant (an array
    is copied, so a later change to it cannot reach the backward pass; numbers take ``like``'s
    dtype)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, np.ndarray):
        dtype = value.dtype if value.dtype in checks.FLOAT_DTYPES else None
    else:
        dtype = like.data.dtype if isinstance(like, Tensor) else None
    return constant(checks.as_array(value, dtype, Tensor, copy=True, what=name))


def binary(op: ops.Op, x: Any, y: Any) -> Tensor:
    """An element-wise op of two inputs, with numpy broadcasting made explicit in the graph."""
    if type(x) is not Tensor:
        x = lift(checks.check_operand(op.name, x), y, op.name)
    if type(y) is not Tensor:
        y = lift(checks.check_operand(op.name, y), x, op.name)
    if x._data.shape != y._data.shape:
        shape = checks.check_broadcast(op.name, op.operator or ",", x, y)
        if state.grad_enabled:  # stretch operands that need a gradient with a recorded node
            x = stretch(x, shape) if x.requires_grad and x._data.shape != shape else x
            y = stretch(y, shape) if y.requires_grad and y._data.shape != shape else y
    return record(op, (x, y))


def stretch(x: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Record the ``broadcast_to`` node stretching x to ``shape`` (a valid broadcast target)."""
    return record(ops.broadcast_to, (x,), shape=shape)


def matmul(x: Any, y: Any) -> Tensor:
    """Matrix product x @ y (matrix-matrix, matrix-vector, vector-matrix, vector-vector).

    Z = W A: W (n[l], n[l-1]) @ A (n[l-1], m) is (n[l], m); dW = dZ A^T, dA = W^T dZ.
    """
    x, y = lift(x, name="matmul"), lift(y, name="matmul")
    if not (x._data.ndim == y._data.ndim == 2 and x._data.shape[1] == y._data.shape[0]):
        checks.check_matmul(x, y)  # (fast path: two matrices that fit need no check call)
    return record(ops.matmul, (x, y))
