"""The chain rule in words: the backward pass listed edge by edge, in the order it ran.

For J = 3(a + bc) with a = 5, b = 3, c = 2 (u = bc, v = a + u, J = 3v), :func:`explain` gives::

    dJ/dJ = 1
    dJ/dv = d(3 * v)/dv = 3
    dJ/da = dJ/dv * dv/da = 3 * 1 = 3
    dJ/du = dJ/dv * dv/du = 3 * 1 = 3
    dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6
    dJ/dc = dJ/du * du/dc = 3 * b = 3 * 3 = 9

Each line is one edge: the upstream gradient (dJ/du), the local derivative (du/db = c), their
product. A node used several times gets one line per path and then its total (the sum). For
arrays the lines use the vector-Jacobian wording with shapes, e.g.
``dJ/dW1 = dJ/dt3 @ X.T   (4, 400) @ (400, 2) -> (4, 2)``, and the broadcast of a bias b[l]
across the m examples shows as a sum over the m columns: db = (1/m) sum(dZ) comes from there.

Everything is read from ``J.backward_trace`` (what the engine actually did): this module never
computes a gradient itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import BackwardError
from ..graph import toposort
from ..tensor import Tensor
from . import labels
from .naming import NameTable, is_constant
from .render import describe_sum

STYLES = ("text", "markdown")


@dataclass(frozen=True)
class ChainStep:
    """One edge of the backward pass, explained.

    Attributes:
        child: the node that sent the gradient (u in ``dJ/db = dJ/du * du/db``).
        index: which input of ``child`` received it.
        parent: the node that received it (b).
        upstream: dJ/d(child), complete when the edge ran.
        contribution: dJ/d(parent) through this edge.
        path: 1 for the first edge into ``parent``, 2 for the second, ...
        paths: how many edges reach ``parent`` in the whole pass (its consumers).
        total: on the last path of a node with several consumers, the summed gradient.
        text: the plain-text line(s).
        markdown: the Markdown line(s), with LaTeX.
    """

    child: Tensor
    index: int
    parent: Tensor
    upstream: np.ndarray
    contribution: np.ndarray
    path: int
    paths: int
    total: np.ndarray | None
    text: str
    markdown: str


def _d(num: str, den: str) -> str:
    def wrap(name: str) -> str:
        return name if name.isidentifier() else f"({name})"

    return f"d{wrap(num)}/d{wrap(den)}"


def _latex(text: str) -> str:
    """Turn one plain-text part (``dJ/du * c``, ``dJ/dt3 @ X.T``) into LaTeX."""
    out = text.replace("_", r"\_")
    out = re.sub(
        r"d(\w+|\([^()]*\))/d(\w+|\([^()]*\))",
        lambda m: r"\frac{d" + m.group(1) + "}{d" + m.group(2) + "}",
        out,
    )
    out = re.sub(r"(\w+)\.T\b", r"\1^{T}", out)
    out = out.replace(" @ ", " ").replace(" * ", r" \cdot ").replace("sigmoid", r"\sigma")
    for fn in ("exp", "log", "tanh"):
        out = re.sub(rf"\b{fn}\(", rf"\\{fn}(", out)
    return out


def _signed(text: str) -> str:
    """Parenthesize a negative number that follows an operator: ``3 * (-1)``, ``0 + (-1.9)``."""
    return f"({text})" if text.startswith("-") else text


def _wrap(formula: str) -> str:
    """Parenthesize a multi-term local derivative before multiplying: ``3 * (1 - a^2)``."""
    if re.fullmatch(r"-?[\w.]+|\(.*\)|\w+\(.*\)", formula):
        return formula
    return f"({formula})"


class _Explainer:
    def __init__(self, root: Tensor, names: Mapping[str, Any] | None) -> None:
        self.root = root
        self.names = NameTable(toposort(root), root, names)
        self.J = self.names[root]

    def target(self, t: Tensor) -> str:
        return _d(self.J, self.names[t])

    def formula(self, child: Tensor, index: int) -> str:
        """The local derivative of an element-wise op (``c``), else its VJP (``g @ X.T``)."""
        op = child.op
        assert op is not None  # an edge always starts at a computed node
        part = "vjp" if op.local[min(index, len(op.local) - 1)] is None else "local"
        params = {
            k: labels.number(v) for k, v in child.params.items() if k in ("slope", "lo", "hi")
        }
        inputs = [self.names[p] for p in child.parents]
        return op.write(part, index, inputs, out=self.names[child], **params)

    def scalar_parts(
        self, child: Tensor, index: int, parent: Tensor, up: np.ndarray, contribution: np.ndarray
    ) -> list[str]:
        formula = self.formula(child, index)
        # one entry each, whatever the shape ((1, 1) for a b[L] or a single example's Z)
        up, contribution = np.asarray(up).reshape(()), np.asarray(contribution).reshape(())
        result = labels.number(contribution)
        if re.search(r"\bg\b", formula):
            # a vector-Jacobian wording ("g copied to every summed entry"); for one entry it is
            # one factor, the local derivative itself: d(sum(t))/dt = 1
            formula = labels.number(contribution / up) if float(up) != 0.0 else "0"
        if child is self.root and float(up) == 1.0:
            parts = [f"d({self.names.expression(child)})/d{self.names[parent]}"]
            if formula != result:
                parts.append(formula)
            return [*parts, result]
        local = _d(self.names[child], self.names[parent])
        up_text = _signed(labels.number(up))
        parts = [f"{self.target(child)} * {local}"]
        wrapped = _wrap(formula)
        local_value = float(contribution) / float(up) if float(up) != 0.0 else None
        if local_value is None:
            if wrapped != "0":
                parts.append(f"{up_text} * {_signed(wrapped)}")
        else:
            value_text = _signed(labels.number(local_value))
            if _signed(wrapped) != value_text:
                parts.append(f"{up_text} * {_signed(wrapped)}")
            parts.append(f"{up_text} * {value_text}")
        parts.append(result)
        return parts

    def array_parts(
        self, child: Tensor, index: int, parent: Tensor, contribution: np.ndarray
    ) -> tuple[list[str], list[str], str]:
        """Plain parts, LaTeX parts and the shape note for an edge that carries arrays."""
        op = child.op
        assert op is not None
        up = self.target(child)
        result_shape = labels.course_shape("d" + self.names[parent], parent.shape)
        value = labels.value(contribution)[-1]  # the numbers, or the summary (shape is shown)
        if op.name == "mean":
            count = parent.size // max(1, child.size)
            expr = f"{up} / {count}"
            note = f"{child.shape} -> {result_shape}, each of the {count} entries; {value}"
            return [expr], [_latex(expr)], note
        if op.name == "broadcast_to":
            words = describe_sum(parent.shape, child.shape)
            text = [f"{words.split(' (')[0].replace('sum', 'sum of ' + up, 1)}"]
            latex = [
                r"\sum_{\text{" + words.split(" over ")[-1].split(" (")[0] + "}} " + _latex(up)
            ]
            note = f"{child.shape} -> {parent.shape} ({words.split(' (')[-1]}; {value}"
            return text, latex, note
        formula = self.formula(child, index)
        if re.search(r"\bg\b", formula):
            expr = re.sub(r"\bg\b", up, formula)
            shapes = re.sub(r"\bg\b", str(child.shape), self.formula_shapes(child, index))
            note = f"{shapes} -> {result_shape}; {value}"
            return [expr], [_latex(expr)], note
        if formula == "1":
            expr = up
        elif formula == "-1":
            expr = f"-{up}"
        else:
            expr = f"{up} * {_wrap(formula)}"
        note = f"element-wise, {child.shape} -> {result_shape}; {value}"
        return [expr], [_latex(expr)], note

    def formula_shapes(self, child: Tensor, index: int) -> str:
        op = child.op
        assert op is not None
        text = op.write("vjp", index, [f"{{{i}}}" for i in range(len(child.parents))])
        if "@" not in text:
            return "g"
        for i, p in enumerate(child.parents):
            text = text.replace("{" + str(i) + "}.T", str(tuple(reversed(p.shape))))
            text = text.replace("{" + str(i) + "}", str(p.shape))
        return text

    def steps(self) -> list[ChainStep]:
        trace = self.root.backward_trace
        if not trace and self.root.is_leaf and self.root.grad is not None:
            return []  # J is a variable itself (J = a): its backward pass is the seed dJ/dJ only
        if not trace:
            name = self.J
            raise BackwardError(
                f"explain: {name} has no recorded backward pass: call {name}.backward() first "
                "(with keep_grads=True, the default)"
            )
        seed = np.ones(self.root.shape) if self.root.size == 1 else self.root.grad
        upstream: dict[int, np.ndarray] = {id(self.root): np.asarray(seed)}
        paths: dict[int, int] = {}
        for edge in trace:
            paths[id(edge.parent)] = paths.get(id(edge.parent), 0) + 1
        seen: dict[int, int] = {}
        received: dict[int, list[np.ndarray]] = {}
        out: list[ChainStep] = []
        for edge in trace:
            child, index, parent, contribution = edge
            key = id(parent)
            seen[key] = seen.get(key, 0) + 1
            received.setdefault(key, []).append(contribution)
            total_paths = paths[key]
            up = upstream[id(child)]
            upstream[key] = contribution if key not in upstream else upstream[key] + contribution
            target = self.target(parent)
            if total_paths > 1:
                target += f" (path {seen[key]} of {total_paths}, through {self.names[child]})"
            scalar = np.size(up) == 1 and np.size(contribution) == 1 and parent.size == 1
            if scalar:
                parts = self.scalar_parts(child, index, parent, up, contribution)
                text = " = ".join([target, *parts])
                markdown = "$" + " = ".join(_latex(p) for p in [self.target(parent), *parts])
                markdown += "$" + (
                    f" (path {seen[key]} of {total_paths})" if total_paths > 1 else ""
                )
            else:
                plain, latex, note = self.array_parts(child, index, parent, contribution)
                text = " = ".join([target, *plain]) + "   " + note
                markdown = (
                    "$"
                    + " = ".join([_latex(self.target(parent)), *latex])
                    + "$ &nbsp; `"
                    + note
                    + "`"
                    + (f" (path {seen[key]} of {total_paths})" if total_paths > 1 else "")
                )
            total = None
            if total_paths > 1 and seen[key] == total_paths:
                total = upstream[key]
                pieces = received[key]
                if all(np.size(p) == 1 for p in pieces):
                    summed = " + ".join(_signed(labels.number(p)) for p in pieces)
                    text += f"\n  total {self.target(parent)} = {summed} = {labels.number(total)}"
                    markdown += (
                        f"\n  - total ${_latex(self.target(parent))} = "
                        f"{summed} = {labels.number(total)}$"
                    )
                else:
                    text += (
                        f"\n  total {self.target(parent)} = sum of its {total_paths} paths = "
                        f"{labels.inline(total)}"
                    )
                    markdown += (
                        f"\n  - total ${_latex(self.target(parent))}$ = sum of its "
                        f"{total_paths} paths: `{labels.inline(total)}`"
                    )
            out.append(
                ChainStep(
                    child,
                    index,
                    parent,
                    np.asarray(up),
                    np.asarray(contribution),
                    seen[key],
                    total_paths,
                    total,
                    text,
                    markdown,
                )
            )
        return out


def chain_steps(J: Tensor, *, names: Mapping[str, Any] | None = None) -> list[ChainStep]:
    """The backward pass of ``J`` as a list of :class:`ChainStep`, one per edge, in run order.

    Args:
        J: the tensor ``backward()`` was called on (keep_grads=True, the default).
        names: a mapping of variable names to tensors, typically ``locals()``.

    Raises:
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """
    return _Explainer(J, names).steps()


def explain(J: Tensor, style: str = "text", *, names: Mapping[str, Any] | None = None) -> str:
    """The chain rule in words: one line per edge of the backward pass, in the order it ran.

    Args:
        J: the tensor ``backward()`` was called on (the cost).
        style: ``"text"`` for terminals, ``"markdown"`` (with LaTeX) for notebooks.
        names: a mapping of variable names to tensors, typically ``locals()``, so unnamed
            intermediates read as the user's variables (u, v) rather than ``t<k>``.

    Returns:
        The lines joined by newlines; the first is the seed ``dJ/dJ = 1``.

    Raises:
        ValueError: unknown ``style``.
        BackwardError: ``J.backward()`` has not run.

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> print(explain(J, names=locals()).splitlines()[4])
        dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6
    """
    if style not in STYLES:
        raise ValueError(f"explain: style must be one of {', '.join(STYLES)}; got {style!r}")
    explainer = _Explainer(J, names)
    steps = explainer.steps()
    name = explainer.J
    seed = "1" if J.size == 1 else "the given gradient " + labels.inline(J.grad)  # type: ignore[arg-type]
    if style == "text":
        return "\n".join([f"{_d(name, name)} = {seed}"] + [s.text for s in steps])
    head = f"- ${_latex(_d(name, name))} = 1$" if J.size == 1 else f"- seed: {seed}"
    body = []
    for s in steps:
        first, *rest = s.markdown.split("\n")
        body.append("- " + first)
        body.extend(rest)
    return "\n".join([head, *body])


def explain_forward(J: Tensor, *, names: Mapping[str, Any] | None = None) -> str:
    """The forward pass in words, one line per node, parents first: ``u = b * c = 6``.

    Leaves read ``a = 5``; arrays show their shape in course terms and a summary instead of
    their entries; constants are folded into the equations (``J = 3 * v = 33``).
    """
    order = toposort(J)
    table = NameTable(order, J, names)
    lines = []
    for t in order:
        if is_constant(t):
            continue
        shown = labels.inline(t.data, table[t])
        lines.append(
            f"{table.equation(t)} = {shown}"
            if np.ndim(t.data) == 0 or t.size <= 4
            else f"{table.equation(t)}: {shown}"
        )
    return "\n".join(lines)


def explain_gradients(J: Tensor, *, names: Mapping[str, Any] | None = None) -> str:
    """The gradients of the leaves that need one, one line each: ``dJ/da = 3``.

    Raises:
        BackwardError: ``J.backward()`` has not run.
    """
    if J.grad is None:
        name = J.name or "J"
        raise BackwardError(
            f"explain_gradients: {name} has no gradient: call {name}.backward() first (with "
            "keep_grads=True, the default; keep_grads=False keeps only the leaves' gradients, "
            "read them as W.grad)"
        )
    order = toposort(J)
    table = NameTable(order, J, names)
    lines = []
    for t in order:
        if t.is_leaf and t.requires_grad and t.grad is not None:
            lines.append(f"{_d(table[J], table[t])} = {labels.inline(t.grad, 'd' + table[t])}")
    return "\n".join(lines)
