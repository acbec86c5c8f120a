"""The chain rule in words: the backward pass listed edge by edge, in the order it ran.

For J = 3(a + bc) with a = 5, b = 3, c = 2 (u = bc, v = a + u, J = 3v), :func:`explain` gives::

    dJ/dJ = 1
    dJ/dv = d(3 * v)/dv = 3
    dJ/da = dJ/dv * dv/da = 3 * 1 = 3
    dJ/du = dJ/dv * dv/du = 3 * 1 = 3
    dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6
    dJ/dc = dJ/du * du/dc = 3 * b = 3 * 3 = 9

Each line is one edge: upstream x local = downstream, the upstream gradient (dJ/du = 3) times the
local derivative (du/db = c, here 2). A node used several times gets one line per path and then
its total (``total dJ/dx = 3 + 3 + 2 = 8``). Small arrays (up to 4 x 4 by default) are written
out in full; larger ones use the vector-Jacobian wording with shapes, e.g.
``dJ/dW1 = dJ/dZ1 @ X.T   (4, 400) @ (2, 400).T -> (n[1], n[0]) = (4, 2)``, and the broadcast
of a bias b[l] across the m examples shows as a sum over the m columns: db = (1/m) sum(dZ).

The same arithmetic (:func:`edge_math`) labels the edges of the backward picture
(``3 × c = 3 × 2 = 6``) and captions the frames and the player. Every number comes from the
replay of ``J.backward_trace`` (what the engine did): the local derivative's value is asked of
the op table, its formula is the op's own template, filled by :meth:`autograd_nn.ops.Op.write`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import AutogradError, BackwardError
from ..graph import toposort
from ..tensor import Tensor
from . import labels
from .broadcast import describe_sum, sum_words
from .naming import NameTable, is_constant
from .options import check_names, check_options, check_root
from .replay import Replay, State, Step

STYLES = ("text", "markdown")

#: A piece of a formula: text, or a value (written in full when small, else by its shape).
Token = str | np.ndarray
_MARK = "\x00"  # brackets a placeholder's name while a template is split into tokens


@dataclass(frozen=True)
class EdgeMath:
    """The chain rule on one edge, in pieces that the words and the pictures both write.

    Attributes:
        target: what the edge computes, ``dJ/db``.
        symbolic: upstream x local in symbols, ``dJ/du * du/db`` (the VJP formula for an op
            that is not element-wise, ``dJ/dZ1 @ X.T``).
        terms: the right-hand sides that follow, each a list of tokens:
            ``[[3, "*", "c"], [3, "*", 2], [6]]``.
        note: for arrays too big to write out, their shapes and a summary; else "".
    """

    target: str
    symbolic: str
    terms: tuple[tuple[Token, ...], ...]
    note: str


@dataclass(frozen=True)
class ChainStep(Step):
    """One edge of the backward pass, explained: a :class:`~autograd_nn.viz.replay.Step` (child,
    index, parent, upstream, contribution, path of paths, ...) with its words.

    Attributes:
        total: on the last path of a node with several consumers, the summed gradient.
        text: the plain-text line(s).
        markdown: the Markdown line(s), with LaTeX.
    """

    total: np.ndarray | None
    text: str
    markdown: str


# --------------------------------------------------------------------------- tokens
def write(tokens: Sequence[Token], small: tuple[int, int], times: str = "*") -> str:
    """Tokens as one line of text: values inline (``[[1, 2], [3, 4]]``), `` * `` as ``times``.

    Text tokens carry their own spaces (``" * "``); a negative value after an operator is
    parenthesized (``3 * (-1)``), a result is not (``= -0.95``).
    """
    out: list[str] = []
    for token in tokens:
        if isinstance(token, str):
            out.append(token.replace(" * ", f" {times} "))
        else:
            shown = labels.short(token, small=small)
            after_operator = bool(out) and out[-1].rstrip()[-1:] in ("*", "+", "-", "/", "@", times)
            out.append(_signed(shown) if after_operator else shown)
    return "".join(out)


def _signed(text: str) -> str:
    """Parenthesize a negative number that follows an operator: ``3 * (-1)``, ``0 + (-1.9)``."""
    return f"({text})" if text.startswith("-") else text


def _wrap(formula: str) -> str:
    """Parenthesize a multi-term local derivative before multiplying: ``3 * (1 - a^2)``."""
    if re.fullmatch(r"-?[\w.]+|\(.*\)|\w+\(.*\)|\w+\[[^\]]*\]", formula):  # x, (..), f(..), 1[..]
        return formula
    return f"({formula})"


def sum_terms(pieces: Sequence[np.ndarray]) -> list[Token]:
    """The contributions of several paths as a sum: ``[3, "+", 3, "+", 2]``."""
    tokens: list[Token] = []
    for k, piece in enumerate(pieces):
        if k:
            tokens.append(" + ")
        tokens.append(np.asarray(piece))
    return tokens


# --------------------------------------------------------------------------- one edge
def _params(child: Tensor) -> dict[str, Any]:
    """The op's parameters as its templates write them (numbers as the course writes them)."""
    out: dict[str, Any] = {}
    for key, value in child.params.items():
        if key in ("g", "out"):
            continue
        is_number = isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
        out[key] = labels.number(value) if is_number else value
    return out


def _local_value(step: Step) -> np.ndarray | None:
    """d(child)/d(parent) as a number (or, element-wise, an array of the parent's shape).

    Asked of the op table as the VJP of a gradient of ones; None where it is not a number
    (an infinite slope) or not element-wise.
    """
    child = step.child
    op = child.op
    assert op is not None  # an edge always starts at a computed node
    inputs = [p.data for p in child.parents]
    try:
        with np.errstate(all="ignore"):
            local = op.vjp(step.index, np.ones_like(child.data), child.data, inputs, child.params)
    except (AutogradError, ArithmeticError, ValueError, TypeError):
        return None
    local = np.asarray(local)
    return local if np.all(np.isfinite(local)) else None


def _split(text: str, values: Mapping[str, np.ndarray]) -> list[Token]:
    """A filled template whose placeholders were written ``\\x00name\\x00`` as tokens."""
    tokens: list[Token] = []
    for k, piece in enumerate(text.split(_MARK)):
        if k % 2:
            tokens.append(values[piece])
        elif piece:
            tokens.append(piece)
    return tokens


def edge_math(
    step: Step, table: NameTable, small: tuple[int, int], seed_form: bool = True
) -> EdgeMath:
    """The chain rule on the edge ``step``: upstream x local = downstream, in pieces.

    Args:
        step: the edge (from :class:`~autograd_nn.viz.replay.Replay`).
        table: the names of the graph's nodes.
        small: arrays up to this shape are written out in full.
        seed_form: write the root's own edges as the words do, ``dJ/dv = d(3 * v)/dv = 3``
            (the upstream dJ/dJ = 1 left out); False keeps ``1 * 3 = 3`` (the pictures).
    """
    child, index, parent = step.child, step.index, step.parent
    op = child.op
    assert op is not None
    up, result = step.upstream, step.contribution
    inputs = [table[p] for p in child.parents]
    params = _params(child)
    fits = all(labels.is_small(a, small) for a in (up, result, parent.data, child.data))
    scalar = parent.size == 1 and child.size == 1
    target = table.d(parent)
    upstream = table.d(child)
    if op.name == "broadcast_to":
        words = sum_words(parent.shape, child.shape).replace("sum", f"sum of {upstream}", 1)
        if fits:
            return EdgeMath(target, words, ((result,),), "")
        note = f"{child.shape} -> {parent.shape} ({describe_sum(parent.shape, child.shape)})"
        return EdgeMath(target, words, (), f"{note.split(' (sum')[0]}; {_summary(result)}")
    elementwise = op.local[min(index, len(op.local) - 1)] is not None
    if elementwise or scalar:
        local_value = _local_value(step)
        if elementwise:
            local = op.write("local", index, inputs, out=table[child], **params)
        else:  # one entry in, one out: the VJP is multiplication by one number
            local = "?" if local_value is None else labels.number(local_value)
        seed = table.is_root(child) and up.size == 1 and float(up.reshape(())) == 1
        if seed_form and seed and scalar:
            symbolic = f"d({table.expression(child)})/d{_wrap_name(table[parent])}"
            same = local_value is not None and labels.number(local_value) == labels.number(result)
            terms = [] if local == labels.number(result) or same else [(local,)]
            return EdgeMath(target, symbolic, (*terms, (result,)), "")
        symbolic = f"{upstream} * {table.local(child, parent)}"
        if fits:
            terms: list[tuple[Token, ...]] = [(up, " * ", _wrap(local))]
            if local_value is not None:
                shown = labels.short(local_value, small=small)
                if _wrap(local) != _signed(shown):
                    terms.append((up, " * ", np.asarray(local_value)))
            return EdgeMath(target, symbolic, (*terms, (result,)), "")
        expr = upstream if local == "1" else f"-{upstream}" if local == "-1" else None
        expr = expr or f"{upstream} * {_wrap(local)}"
        shape = labels.course_shape("d" + table[parent], parent.shape)
        return EdgeMath(
            target, expr, (), f"element-wise, {child.shape} -> {shape}; {_summary(result)}"
        )
    if op.name == "mean":
        count = parent.size // max(1, child.size)
        formula = f"{upstream} / {count}"
        numbers: list[Token] = [up, f" / {count}"]
    else:
        formula = op.write("vjp_text", index, inputs, g=upstream, out=table[child], **params)
        marks = [f"{_MARK}{k}{_MARK}" for k in range(len(child.parents))]
        values = {str(k): p.data for k, p in enumerate(child.parents)}
        values.update(g=up, out=child.data)
        numbers = _split(
            op.write(
                "vjp_text", index, marks, g=f"{_MARK}g{_MARK}", out=f"{_MARK}out{_MARK}", **params
            ),
            values,
        )
    if fits:
        changed = any(not isinstance(t, str) for t in numbers)
        return EdgeMath(target, formula, ((tuple(numbers),) if changed else ()) + ((result,),), "")
    shapes = "".join(t if isinstance(t, str) else str(np.shape(t)) for t in numbers)
    shape = labels.course_shape("d" + table[parent], parent.shape)
    return EdgeMath(target, formula, (), f"{shapes} -> {shape}; {_summary(result)}")


def _wrap_name(name: str) -> str:
    return name if name.isidentifier() else f"({name})"


def _summary(array: np.ndarray) -> str:
    return labels.value(array, small=(0, 0))[-1]


def edge_line(
    step: Step, table: NameTable, small: tuple[int, int], times: str = "*", seed_form: bool = True
) -> str:
    """One edge as a line of text: ``dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6``.

    ``times`` is the multiplication sign (``×`` in pictures and the player); ``seed_form`` as
    for :func:`edge_math`.
    """
    math = edge_math(step, table, small, seed_form)
    target = math.target
    if step.paths > 1:
        target += f" (path {step.path} of {step.paths}, through {table[step.child]})"
    parts = [target, math.symbolic.replace(" * ", f" {times} ")]
    parts += [write(term, small, times) for term in math.terms]
    line = " = ".join(parts)
    return f"{line}   {math.note}" if math.note else line


def node_lines(
    t: Tensor,
    replay: Replay,
    table: NameTable,
    small: tuple[int, int],
    times: str = "*",
) -> list[str]:
    """What follows the last path into ``t``: its total over several paths, and a note when
    its gradient includes earlier passes (``backward(accumulate=True)``)."""
    lines = []
    steps = replay.incoming.get(id(t), [])
    total = replay.total(t)
    if len(steps) > 1 and total is not None:
        pieces = steps[-1].pieces
        if all(labels.is_small(p, small) for p in pieces):
            summed = write(sum_terms(pieces), small, times)
            lines.append(f"total {table.d(t)} = {summed} = {labels.short(total, small=small)}")
        else:
            lines.append(
                f"total {table.d(t)} = sum of its {len(steps)} paths = "
                f"{labels.inline(total, small=small)}"
            )
    if replay.earlier(t):
        held = labels.inline(np.asarray(t.grad), small=small)
        sent = labels.inline(np.asarray(total), small=small)
        lines.append(
            f"{table[t]}.grad = {held} includes earlier passes (backward(accumulate=True)); "
            f"this graph sends {sent}"
        )
    return lines


def frame_caption(state: State, table: NameTable, small: tuple[int, int]) -> str:
    """What frame ``state`` shows, as the chain rule: the edge just run and, on a node's last
    path, its total: ``dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6``."""
    step = state.step
    replay = state.replay
    if step is None:
        root = replay.root
        seed = "1" if root.size == 1 else labels.inline(replay.seed, small=small)
        line = f"{table.d(root)} = {seed}: the backward pass starts at {table[root]}"
        extra = node_lines(root, replay, table, small, "×")
        return "; ".join([line, *extra])
    line = edge_line(step, table, small, "×", seed_form=False)
    if step.path == step.paths:
        line = "; ".join([line, *node_lines(step.parent, replay, table, small, "×")])
    return line


# --------------------------------------------------------------------------- LaTeX
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


def _markdown(step: Step, table: NameTable, small: tuple[int, int]) -> str:
    math = edge_math(step, table, small)
    parts = [_latex(math.target), _latex(math.symbolic)]
    parts += [_latex(write(term, small)) for term in math.terms]
    line = "$" + " = ".join(parts) + "$"
    if math.note:
        line += f" &nbsp; `{math.note}`"
    if step.paths > 1:
        line += f" (path {step.path} of {step.paths})"
    return line


# --------------------------------------------------------------------------- public
def _steps(J: Tensor, table: NameTable, small: tuple[int, int], function: str) -> list[ChainStep]:
    replay = Replay(J, function)
    out = []
    for step in replay.steps:
        text = edge_line(step, table, small)
        markdown = _markdown(step, table, small)
        total = None
        if step.path == step.paths:
            extra = node_lines(step.parent, replay, table, small)
            if step.paths > 1:
                total = replay.total(step.parent)
            text += "".join(f"\n  {line}" for line in extra)
            markdown += "".join(f"\n  - {_latex_total(line)}" for line in extra)
        out.append(ChainStep(**vars(step), total=total, text=text, markdown=markdown))
    return out


def _latex_total(line: str) -> str:
    if line.startswith("total ") and "sum of its" not in line:
        head, _, rest = line.partition(" = ")
        return f"total ${_latex(head[6:])} = {rest}$"
    return f"`{line}`"


def _table(J: Tensor, names: Any, grad_names: str) -> NameTable:
    return NameTable(toposort(J), J, names, grad_names)


def chain_steps(
    J: Tensor,
    *,
    names: Mapping[str, Any] | None = None,
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
) -> list[ChainStep]:
    """The backward pass of ``J`` as a list of :class:`ChainStep`, one per edge, in run order.

    Args:
        J: the tensor ``backward()`` was called on (keep_grads=True, the default).
        names: a mapping of variable names to tensors, typically ``locals()``.
        grad_names: ``"fraction"`` (dJ/dW1, the default) or ``"course"`` (dW1).
        small: arrays up to this shape (an int n for n x n) are written out in full.

    Raises:
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """
    check_root("chain_steps", J, "J")
    options = check_options("chain_steps", grad_names=grad_names, small=small)
    table = _table(J, check_names("chain_steps", names), options.grad_names)
    if _only_seed(J):
        return []
    return _steps(J, table, options.small, "chain_steps")


def _only_seed(J: Tensor) -> bool:
    """J is a variable itself (J = a): its backward pass is the seed dJ/dJ only."""
    return J.is_leaf and J.grad is not None


def explain(
    J: Tensor,
    style: str = "text",
    *,
    names: Mapping[str, Any] | None = None,
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
) -> str:
    """The chain rule in words: one line per edge of the backward pass, in the order it ran.

    Args:
        J: the tensor ``backward()`` was called on (the cost).
        style: ``"text"`` for terminals, ``"markdown"`` (with LaTeX) for notebooks.
        names: a mapping of variable names to tensors, typically ``locals()``, so unnamed
            intermediates read as the user's variables (u, v) rather than ``t<k>``.
        grad_names: ``"fraction"`` writes dJ/db (the default); ``"course"`` writes db, dW1,
            dZ2 as the course's assignments name them.
        small: arrays up to this shape (an int n for n x n; default 4 x 4) are written out
            in full; larger ones as shapes and a summary.

    Returns:
        The lines joined by newlines; the first is the seed ``dJ/dJ = 1``.

    Raises:
        TypeError: J is not a Tensor, or an option of the wrong type.
        ValueError: unknown ``style`` or option value.
        BackwardError: ``J.backward()`` has not run.

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> print(explain(J, names=locals()).splitlines()[4])
        dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6
        >>> print(explain(J, names=locals(), grad_names="course").splitlines()[4])
        db = du * du/db = 3 * c = 3 * 2 = 6
    """
    check_root("explain", J, "J")
    if not isinstance(style, str) or style not in STYLES:
        raise ValueError(f"explain: style must be one of {', '.join(STYLES)}; got {style!r}")
    options = check_options("explain", grad_names=grad_names, small=small)
    table = _table(J, check_names("explain", names), options.grad_names)
    if _only_seed(J):
        replay_steps: list[ChainStep] = []
    else:
        replay_steps = _steps(J, table, options.small, "explain")
    root = table.d(J)
    seed = "1" if J.size == 1 else "the given gradient " + labels.inline(np.asarray(J.grad))
    if style == "text":
        return "\n".join([f"{root} = {seed}"] + [s.text for s in replay_steps])
    head = f"- ${_latex(root)} = 1$" if J.size == 1 else f"- seed: {seed}"
    body = []
    for s in replay_steps:
        first, *rest = s.markdown.split("\n")
        body.append("- " + first)
        body.extend(rest)
    return "\n".join([head, *body])


def explain_forward(
    J: Tensor,
    *,
    names: Mapping[str, Any] | None = None,
    small: int | tuple[int, int] = labels.SMALL,
) -> str:
    """The forward pass in words, one line per node, parents first: ``u = b * c = 6``.

    Leaves read ``a = 5``; small arrays are written out; larger ones show their shape in course
    terms and a summary; constants are folded into the equations (``J = 3 * v = 33``).
    """
    check_root("explain_forward", J, "J")
    options = check_options("explain_forward", small=small)
    order = toposort(J)
    table = NameTable(order, J, check_names("explain_forward", names))
    lines = []
    for t in order:
        if is_constant(t):
            continue
        shown = labels.inline(t.data, table[t], options.small)
        joiner = " = " if labels.is_small(t.data, options.small) else ": "
        lines.append(f"{table.equation(t)}{joiner}{shown}")
    return "\n".join(lines)


def explain_gradients(
    J: Tensor,
    *,
    names: Mapping[str, Any] | None = None,
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
) -> str:
    """The gradients of the leaves that need one, one line each: ``dJ/da = 3``.

    Raises:
        BackwardError: ``J.backward()`` has not run.
    """
    check_root("explain_gradients", J, "J")
    options = check_options("explain_gradients", grad_names=grad_names, small=small)
    if J.grad is None:
        name = J.name or "J"
        raise BackwardError(
            f"explain_gradients: {name} has no gradient: call {name}.backward() first (with "
            "keep_grads=True, the default; keep_grads=False keeps only the leaves' gradients, "
            "read them as W.grad)"
        )
    order = toposort(J)
    table = NameTable(order, J, check_names("explain_gradients", names), options.grad_names)
    lines = []
    for t in order:
        if t.is_leaf and t.requires_grad and t.grad is not None:
            shown = labels.inline(t.grad, "d" + table[t], options.small)
            lines.append(f"{table.d(t)} = {shown}")
    return "\n".join(lines)
