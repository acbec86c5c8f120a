"""The blanks of an exercise, read off the recorded graph: what is asked, and what is expected.

Three kinds of blank, each with the id the course writes:

- ``"local"``: the local derivative on an edge, ``du/db`` (d(out)/d(input)), asked where it is
  a number or an array of the input's shape: on an element-wise op (``b * c``, ``tanh(Z1)``) and
  on any op whose output is one number (``mean(L)``). The Jacobian of ``W1 @ X`` is not asked.
- ``"gradient"``: dJ/dx at a node, ``dJ/db`` (``db`` with ``grad_names="course"``): for every
  node that receives one, except J itself (dJ/dJ = 1) and the broadcasts the engine inserts.
- ``"forward"``: the value of a computed node, ``u``.

Every expected value is asked of the op table (``Op.vjp`` with a gradient of ones gives the
local derivative) or read from the replay of the backward pass
(:func:`autograd_nn.viz.chain_steps`), and copied: changing the tensors afterwards does not
change the exercise.

The mistakes a learner makes (:mod:`autograd_nn.exercises.mistakes`) are computed beside the
expected value, from the same edge: each blank carries its table of named wrong answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import AutogradError
from ..graph import toposort
from ..tensor import Tensor
from ..viz import ChainStep, labels
from ..viz.naming import NameTable, fraction, is_constant

KINDS = ("local", "gradient", "forward")


@dataclass(frozen=True)
class Mistake:
    """A named wrong answer to a blank.

    Attributes:
        kind: what went wrong, e.g. ``"other operand"``, ``"missing upstream"``,
            ``"missing path"``, ``"sign"``, ``"missing 1/m"``, ``"transposed"``,
            ``"wrong point"``.
        value: the number (or array) that this mistake gives.
        feedback: one or two sentences saying what the learner did and what the rule is.
    """

    kind: str
    value: np.ndarray
    feedback: str

    def __post_init__(self) -> None:
        value = np.array(self.value, dtype=float)  # an array of its own, read-only
        value.flags.writeable = False
        object.__setattr__(self, "value", value)


@dataclass(frozen=True)
class Blank:
    """One value the learner fills in.

    Attributes:
        id: as the course writes it: ``"du/db"`` (local), ``"dJ/db"`` or ``"db"`` (gradient),
            ``"u"`` (forward).
        kind: ``"local"``, ``"gradient"`` or ``"forward"``.
        shape: the expected value's shape (``()`` for one number).
        prompt: one line saying what to compute.
        expected: the right value (a float64 array; 0-d for one number).
        hint: the rule to apply, from the op table: ``d(b * c)/db = c``.
        solution: the worked answer, as the chain rule writes it.
        where: the graph element the blank belongs to (``n3`` a node, ``e5_1`` an edge).
        mistakes: the named wrong answers, checked in this order.
        wrong: what to say about a wrong answer that matches no named mistake.
    """

    id: str
    kind: str
    shape: tuple[int, ...]
    prompt: str
    expected: np.ndarray
    hint: str
    solution: str
    where: str
    mistakes: tuple[Mistake, ...] = field(default=(), repr=False)
    wrong: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        expected = np.array(self.expected, dtype=float)  # an array of its own, read-only
        expected.flags.writeable = False
        object.__setattr__(self, "expected", expected)


Edge = ChainStep
"""One edge of the backward pass with its chain rule in words: the step
:func:`autograd_nn.viz.chain_steps` gives (child, index, parent, upstream, contribution, path,
paths, text), the one record of an edge's fields (:class:`autograd_nn.viz.replay.Step`)."""


def vjp(edge_child: Tensor, index: int, g: Any, out: Any = None) -> np.ndarray | None:
    """dJ/d(input ``index``) of ``edge_child`` given the upstream ``g``, from the op table.

    ``out`` replaces the op's output in the rule (the derivative taken at the wrong point:
    tanh' from Z instead of from A). None where the rule has no finite value.
    """
    op = edge_child.op
    if op is None:
        return None
    inputs = [p.data for p in edge_child.parents]
    given_out = edge_child.data if out is None else out
    try:
        with np.errstate(all="ignore"):
            value = op.vjp(index, np.asarray(g, dtype=float), given_out, inputs, edge_child.params)
    except (AutogradError, ArithmeticError, ValueError, TypeError):
        return None
    value = np.array(value, dtype=float)
    return value if np.all(np.isfinite(value)) else None


def local_value(child: Tensor, index: int, out: Any = None) -> np.ndarray | None:
    """The local derivative d(child)/d(input ``index``): the VJP of a gradient of ones.

    For an element-wise op it has the input's shape, entry by entry; for an op with one number
    out it is the row of its Jacobian, again of the input's shape.
    """
    return vjp(child, index, np.ones(np.shape(child.data)), out)


def is_elementwise(child: Tensor, index: int) -> bool:
    """True when the op writes a local derivative template for this input (``{y}`` for mul)."""
    op = child.op
    return op is not None and op.local[min(index, len(op.local) - 1)] is not None


def has_local(child: Tensor, index: int) -> bool:
    """True when the local derivative on this edge is asked: a number or an input-shaped array."""
    op = child.op
    if op is None or op.name == "broadcast_to":
        return False
    return is_elementwise(child, index) or child.size == 1


def local_formula(child: Tensor, index: int, table: NameTable) -> str:
    """The local derivative in symbols, from the op table: ``c`` for du/db with u = b * c."""
    op = child.op
    assert op is not None
    inputs = [table[p] for p in child.parents]
    if is_elementwise(child, index):
        return op.write("local", index, inputs, out=table[child], **_params(child))
    return op.write("vjp_text", index, inputs, g="1", out=table[child], **_params(child))


def vjp_formula(edge: Edge, table: NameTable) -> str:
    """The chain rule on ``edge`` in symbols: ``dJ/du * du/db``, or the op's VJP formula where
    the local derivative is not a number or an input-shaped array: ``dZ1 @ X.T``."""
    child, parent = edge.child, edge.parent
    op = child.op
    assert op is not None
    if has_local(child, edge.index):
        local = local_name(table, child, parent)
        return local if table.is_root(child) else f"{table.d(child)} * {local}"
    inputs = [table[p] for p in child.parents]
    return op.write("vjp_text", edge.index, inputs, g=table.d(child), out=table[child])


def _params(child: Tensor) -> dict[str, Any]:
    """The op's parameters as the templates write them (numbers as the course writes them)."""
    out: dict[str, Any] = {}
    for key, value in child.params.items():
        if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
            out[key] = labels.number(value)
        else:
            out[key] = value
    return out


def short(value: Any) -> str:
    """A value as a formula writes it: ``6``, ``-0.25``, ``[[1, 2], [3, 4]]``."""
    return labels.short(np.asarray(value), small=(8, 8))


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``... when an earlier blank has that id."""
    name, k = wanted, 1
    while name in taken:
        k += 1
        name = f"{wanted} ({k})"
    taken.add(name)
    return name


def local_name(table: NameTable, child: Tensor, parent: Tensor) -> str:
    """The local derivative on an edge as the course writes it, in every naming mode: ``du/db``,
    ``dA1/dZ1`` (a blank's id stays the same when the pictures write ``∂A1/∂Z1``)."""
    return fraction(table[child], table[parent])


def edge_id(table: NameTable, edge: Edge) -> str:
    """The graph id of an edge as the renderer writes it: ``e<child>_<input>``."""
    return f"e{table.index(edge.child)}_{edge.index}"


def node_id(table: NameTable, t: Tensor) -> str:
    """The graph id of a node as the renderer writes it: ``n<index>``."""
    return f"n{table.index(t)}"


def gradient_nodes(J: Tensor, edges: Sequence[Edge]) -> list[tuple[Tensor, list[Edge]]]:
    """The nodes whose gradient is asked, each with the edges into it, in backward order.

    A node comes when its last edge has run (its gradient is complete then); J itself is left
    out (dJ/dJ = 1).
    """
    into: dict[int, list[Edge]] = {}
    out: list[tuple[Tensor, list[Edge]]] = []
    for edge in edges:
        into.setdefault(id(edge.parent), []).append(edge)
        if edge.path == edge.paths and edge.parent is not J:
            out.append((edge.parent, into[id(edge.parent)]))
    return out


def forward_nodes(J: Tensor) -> list[Tensor]:
    """The computed nodes whose value is asked, parents first (data and broadcasts left out)."""
    return [
        t
        for t in toposort(J)
        if t.op is not None
        and t.requires_grad
        and not is_constant(t)
        and t.op.name != "broadcast_to"
    ]
