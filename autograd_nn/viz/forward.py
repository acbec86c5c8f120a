"""The forward pass step by step: the values appear node by node, parents first.

For J = 3(a + bc) with a = 5, b = 3, c = 2 the inputs are given and three nodes are computed,
each with its line as the course writes it::

    the inputs: a = 5, b = 3, c = 2
    u = b * c = 3 * 2 = 6
    v = a + u = 5 + 6 = 11
    J = 3 * v = 3 * 11 = 33

Small arrays (up to 4 x 4 by default) are written out in full; a larger one as its shape in
course terms and a summary (``Z1 = W1 @ X + b1: (n[1], m) = (4, 400), mean 0.01, ...``).
:class:`Forward` is the pass after its first k computed nodes, what a forward frame of the
player shows (:mod:`autograd_nn.viz.film`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..tensor import Tensor
from . import labels
from .markup import visible
from .naming import NameTable, is_constant

#: How many inputs the first forward caption lists by name before "and N more".
LISTED_INPUTS = 8


@dataclass(frozen=True)
class Forward:
    """The forward pass after its first ``done`` computed nodes (in topological order).

    Attributes:
        order: the computed nodes (those with an op), parents before children.
        done: how many of them have their value (0: only the inputs are known).
        position: each computed node's place in ``order``, by ``id``.
    """

    order: tuple[Tensor, ...]
    done: int
    position: Mapping[int, int]

    @classmethod
    def start(cls, nodes: list[Tensor]) -> Forward:
        """The pass before its first step, for ``nodes`` in topological order."""
        order = tuple(t for t in nodes if t.op is not None and not is_constant(t))
        return cls(order, 0, {id(t): k for k, t in enumerate(order)})

    def after(self, done: int) -> Forward:
        """The same pass after its first ``done`` computed nodes."""
        return Forward(self.order, done, self.position)

    def known(self, t: Tensor) -> bool:
        """True when ``t`` has its value in this frame (an input, or computed already)."""
        place = self.position.get(id(t))
        return place is None or place < self.done

    def current(self, t: Tensor) -> bool:
        """True for the node computed in this step."""
        return self.done > 0 and t is self.order[self.done - 1]


def _number(value: np.ndarray, small: tuple[int, int]) -> str:
    text = labels.short(value, small=small)
    return f"({text})" if text.startswith("-") else text


def forward_line(t: Tensor, table: NameTable, small: tuple[int, int]) -> str:
    """The line that computes ``t`` (control characters in names shown as escapes)."""
    return visible(_forward_line(t, table, small))


def _forward_line(t: Tensor, table: NameTable, small: tuple[int, int]) -> str:
    """The line that computes ``t``: ``u = b * c = 3 * 2 = 6``.

    The equation, then (when every input and the result are small) the same with the inputs'
    values (negative ones in parentheses), then the value; for bigger arrays the equation, the
    shape in course terms and a summary.
    """
    equation = table.equation(t)
    shown = labels.inline(t.data, table[t], small)
    if not labels.is_small(t.data, small):
        return f"{equation}: {shown}"
    op = t.op
    parents = [] if op is None else list(t.parents)
    if op is None or "{x}" not in op.label or not parents:
        return f"{equation} = {shown}"
    if not all(labels.is_small(p.data, small) for p in parents):
        return f"{equation} = {shown}"
    numbers = op.write("label", 0, [_number(np.asarray(p.data), small) for p in parents])
    if numbers == table.expression(t) or numbers == shown:
        return f"{equation} = {shown}"
    return f"{equation} = {numbers} = {shown}"


def inputs_line(nodes: list[Tensor], table: NameTable, small: tuple[int, int]) -> str:
    """The first forward caption: the inputs that are given (``a = 5, b = 3, c = 2``)."""
    leaves = [t for t in nodes if t.op is None and not is_constant(t)]
    parts = []
    for t in leaves[:LISTED_INPUTS]:
        value = labels.inline(t.data, table[t], small)
        parts.append(f"{table[t]} = {value}" if labels.is_small(t.data, small) else table[t])
    more = len(leaves) - LISTED_INPUTS
    if more > 0:
        parts.append(f"and {more} more")
    return visible("the forward pass starts from the inputs: " + ", ".join(parts))
