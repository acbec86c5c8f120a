"""The mistakes a learner makes with the chain rule, computed from the graph for each blank.

For the course's J = 3(a + bc) at a = 5, b = 3, c = 2 (u = bc, v = a + u):

- **other operand**: du/db = 3 is b itself; the local derivative of b * c with respect to b is
  the other factor, c = 2 (for any op of two inputs: the derivative with respect to the other);
- **missing upstream**: dJ/db = 2 is du/db alone; the upstream gradient dJ/du = 3 is missing;
- **missing path**: y = x*x + 2*x uses x three times; a sum with one path left out;
- **sign**: the right value with the wrong sign (one path's sign, where there are several);
- **missing 1/m**: m times the gradient, the 1/m of J = (1/m) sum L forgotten;
- **transposed**: a matrix gradient transposed (dW1 has W1's shape);
- **wrong point**: tanh' taken at Z1 instead of at A1 = tanh(Z1): 1 - Z1^2 instead of 1 - A1^2
  (any op whose local derivative is written with its output, ``{out}``, as tanh and sigmoid);
- **gradient for local**: the gradient dJ/db given where the local derivative du/db is asked;
- **not summed**: dJ/db1 before the sum over the m examples that undoes b1's broadcast.

Each mistake is a value computed with the op table (``vjp`` with another upstream, another
output, another input) and a sentence; a candidate equal to the right value, or to an earlier
candidate, is dropped, so every named mistake can be told apart from the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..graph import toposort
from ..tensor import Tensor
from ..viz.naming import NameTable, is_constant
from .answers import Answer, agrees
from .blanks import (
    Edge,
    Mistake,
    is_elementwise,
    local_formula,
    local_name,
    local_value,
    short,
    vjp,
    vjp_formula,
)

#: The ops whose local derivative is easily confused with the other input's: d(bc)/db = c, not b.
OTHER_OPERAND = ("mul", "div")


@dataclass(frozen=True)
class Average:
    """A 1/m in the graph: J = mean(L) (m entries averaged), or a division by the number m.

    Attributes:
        node: the node that divides (the mean, or the division).
        m: the number divided by.
        text: how it is written, ``J = mean(L)``.
        inputs: ids of every node the average depends on (their gradients carry the 1/m).
    """

    node: Tensor
    m: int
    text: str
    inputs: frozenset[int]


def averages(J: Tensor, table: NameTable) -> list[Average]:
    """The places where the graph divides by a number of examples m > 1."""
    found = []
    for t in toposort(J):
        op = t.op
        if op is None:
            continue
        m = 0
        if op.name == "mean":
            m = t.parents[0].size // max(1, t.size)
        elif op.name == "div" and is_constant(t.parents[1]):
            m = _whole(float(t.parents[1].data))
        elif op.name == "mul":
            for p in t.parents:
                value = float(p.data) if is_constant(p) else 0.0
                if value and 0 < value < 1:
                    m = m or _whole(1.0 / value)
        if m > 1:
            inputs = frozenset(id(n) for n in toposort(t) if n is not t)
            found.append(Average(t, m, table.equation(t), inputs))
    return found


def _whole(x: float) -> int:
    """x as a whole number when it is one (2.0 -> 2), else 0."""
    return round(x) if abs(x - round(x)) < 1e-9 and 1 < x < 1e9 else 0


def _keep(candidates: list[Mistake], expected: np.ndarray) -> tuple[Mistake, ...]:
    """Drop candidates that are not finite, equal the right value, or repeat an earlier one."""
    kept: list[Mistake] = []
    for mistake in candidates:
        value = np.asarray(mistake.value, dtype=float)
        if not np.all(np.isfinite(value)):
            continue
        exact = Answer(value, np.zeros(value.shape))
        if agrees(exact, expected) or any(
            np.shape(k.value) == value.shape and agrees(exact, k.value) for k in kept
        ):
            continue
        kept.append(Mistake(mistake.kind, value, mistake.feedback))
    return tuple(kept)


def _transposed(expected: np.ndarray) -> np.ndarray | None:
    """The transpose of a matrix whose transpose differs (a symmetric matrix cannot be told)."""
    if expected.ndim != 2 or expected.size < 2:
        return None
    return expected.T.copy()


def _other_name(child: Tensor, index: int, table: NameTable) -> tuple[int, str] | None:
    """The other input of a product or a quotient (its index and name), or None."""
    if child.op is None or child.op.name not in OTHER_OPERAND or index > 1:
        return None
    other = 1 - index
    return other, table[child.parents[other]]


def local_mistakes(edge: Edge, table: NameTable, expected: np.ndarray) -> tuple[Mistake, ...]:
    """The named wrong answers to the local derivative on ``edge`` (d(child)/d(parent))."""
    child, index, parent = edge.child, edge.index, edge.parent
    name = local_name(table, child, parent)
    formula = local_formula(child, index, table)
    right = f"{name} = {formula} = {short(expected)}"
    if formula in (short(expected), "1"):
        right = f"{name} = {short(expected)}"
    equation = table.equation(child)
    out: list[Mistake] = []
    other = _other_name(child, index, table)
    if other is not None and is_elementwise(child, index):
        k, other_name = other
        wrong = local_value(child, k)
        if wrong is not None and wrong.shape == expected.shape:
            if child.op is not None and child.op.name == "mul":
                text = (
                    f"{short(wrong)} is {table[parent]} itself: the local derivative of "
                    f"{equation} with respect to {table[parent]} is the other factor, {right}"
                )
            else:
                text = (
                    f"{short(wrong)} is {local_name(table, child, child.parents[k])}, the local "
                    f"derivative with respect to the other input {other_name}; {right}"
                )
            out.append(Mistake("other operand", wrong, text))
    if np.shape(parent.data) == expected.shape:
        value = np.array(parent.data, dtype=float)
        out.append(
            Mistake(
                "input value",
                value,
                f"{short(value)} is the value of {table[parent]}, not a derivative; {right}",
            )
        )
    point = _wrong_point(edge, table, np.ones(np.shape(child.data)))
    if point is not None:
        out.append(Mistake("wrong point", point[0], f"{short(point[0])} {point[1]}"))
    up = edge.upstream
    if is_elementwise(child, index) and up.shape == expected.shape:
        out.append(
            Mistake(
                "gradient for local",
                edge.contribution,
                f"{short(edge.contribution)} is {table.d(child)} * {name}, the gradient "
                f"{table.d(parent)} through this edge; the local derivative is the factor "
                f"{right} alone",
            )
        )
    if child.op is not None and child.op.name == "mean":
        m = parent.size // max(1, child.size)
        out.append(
            Mistake(
                "missing 1/m",
                expected * m,
                f"the 1/m of {equation} is missing: each of the m = {m} entries counts 1/m; "
                f"{right}",
            )
        )
    flipped = _transposed(expected)
    if flipped is not None:
        out.append(
            Mistake(
                "transposed",
                flipped,
                f"that is {name} transposed; it has the shape of {table[parent]}, {expected.shape}",
            )
        )
    out.append(Mistake("sign", -expected, f"the sign is wrong: {right}"))
    return _keep(out, expected)


def _wrong_point(edge: Edge, table: NameTable, g: np.ndarray) -> tuple[np.ndarray, str] | None:
    """The VJP of ``edge`` with the derivative taken at the input instead of the output, and
    why it is wrong: ``1 - Z1^2`` for tanh'(Z1) instead of ``1 - A1^2``.

    Only for ops whose local derivative is written with their output (``{out}``).
    """
    child, index, parent = edge.child, edge.index, edge.parent
    op = child.op
    if op is None or not is_elementwise(child, index):
        return None
    if "{out}" not in (op.local[min(index, len(op.local) - 1)] or ""):
        return None
    value = vjp(child, index, g, out=child.parents[index].data)
    if value is None or value.shape != np.shape(parent.data):
        return None
    inputs = [table[p] for p in child.parents]
    at_input = op.write("local", index, inputs, out=table[child.parents[index]])
    name = local_name(table, child, parent)
    formula = local_formula(child, index, table)
    reason = (
        f"takes {op.name}' at {table[parent]} instead of at {table[child]} = "
        f"{table.expression(child)}: {name} = {formula}, not {at_input}"
    )
    return value, reason


def gradient_mistakes(
    parent: Tensor,
    edges: Sequence[Edge],
    table: NameTable,
    found: Sequence[Average],
    expected: np.ndarray,
) -> tuple[Mistake, ...]:
    """The named wrong answers to dJ/d(parent), which sums the contributions of ``edges``."""
    target = table.d(parent)
    several = len(edges) > 1
    out: list[Mistake] = []
    # first, as the most telling name where it is also the upstream forgotten (dZ = A - Y)
    for average in found:
        if id(parent) in average.inputs:
            value = expected * average.m
            out.append(
                Mistake(
                    "missing 1/m",
                    value,
                    f"{short(value)} is m = {average.m} times {target}: the 1/m of "
                    f"{average.text} is missing",
                )
            )
    for edge in edges:
        child = edge.child
        through = f" on the path through {table[child]}" if several else ""
        local = local_value(child, edge.index)
        if local is not None and local.shape == expected.shape:
            value = expected - edge.contribution + local
            rule = vjp_formula(edge, table)
            out.append(
                Mistake(
                    "missing upstream",
                    value,
                    f"{short(value)} leaves out the upstream gradient {table.d(child)} = "
                    f"{short(edge.upstream)}{through}: {target} = {rule}, the upstream gradient "
                    "times the local derivative",
                )
            )
    if several:
        for edge in edges:
            value = expected - edge.contribution
            out.append(
                Mistake(
                    "missing path",
                    value,
                    f"{short(value)} leaves out the path through {table[edge.child]} "
                    f"({table.equation(edge.child)}): {table[parent]} is used {len(edges)} "
                    f"times, and {target} adds one term per path, "
                    + " + ".join(short(e.contribution) for e in edges),
                )
            )
    for edge in edges:
        child = edge.child
        other = _other_name(child, edge.index, table)
        through = f" on the path through {table[child]}" if several else ""
        if other is not None and is_elementwise(child, edge.index):
            k, other_name = other
            value = vjp(child, k, edge.upstream)
            if value is not None and value.shape == expected.shape:
                value = expected - edge.contribution + value
                local = local_name(table, child, parent)
                if child.op is not None and child.op.name == "mul":
                    why = (
                        f"uses {table[parent]} itself as {local}{through}: the local derivative "
                        f"of {table.equation(child)} with respect to {table[parent]} is the "
                        f"other factor, {local_formula(child, edge.index, table)}"
                    )
                else:
                    why = (
                        f"uses {local_name(table, child, child.parents[k])} (the derivative with "
                        f"respect to {other_name}) instead of {local}{through}"
                    )
                out.append(Mistake("other operand", value, f"{short(value)} {why}"))
        point = _wrong_point(edge, table, edge.upstream)
        if point is not None:
            value = expected - edge.contribution + point[0]
            out.append(Mistake("wrong point", value, f"{short(value)} {point[1]}{through}"))
    for edge in edges:
        child = edge.child
        if child.op is not None and child.op.name == "broadcast_to":
            value = edge.upstream
            out.append(
                Mistake(
                    "not summed",
                    value,
                    f"that is {table.d(child)} before the sum: {table[parent]} "
                    f"{parent.shape} was stretched to {child.shape}, so {target} sums "
                    f"{table.d(child)} over the stretched axis",
                )
            )
    flipped = _transposed(expected)
    if flipped is not None:
        out.append(
            Mistake(
                "transposed",
                flipped,
                f"that is {target} transposed: {target} has the shape of {table[parent]}, "
                f"{expected.shape}",
            )
        )
    out.append(Mistake("sign", -expected, f"the sign is wrong: {target} = {short(expected)}"))
    if several:
        for edge in edges:
            value = expected - 2 * edge.contribution
            out.append(
                Mistake(
                    "sign",
                    value,
                    f"{short(value)} has the wrong sign on the path through "
                    f"{table[edge.child]}, whose term is {short(edge.contribution)}",
                )
            )
    return _keep(out, expected)


def forward_mistakes(t: Tensor, table: NameTable, expected: np.ndarray) -> tuple[Mistake, ...]:
    """The named wrong answers to the value of ``t``: the sign only."""
    return _keep(
        [Mistake("sign", -expected, f"the sign is wrong: {table.equation(t)} = {short(expected)}")],
        expected,
    )
