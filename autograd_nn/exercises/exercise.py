"""An exercise made from any recorded graph: the blanks, their grading, and the page.

>>> from autograd_nn import Tensor
>>> from autograd_nn.exercises import Exercise
>>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
>>> u = b * c; v = a + u; J = 3 * v
>>> J.backward()
>>> ex = Exercise(J, ask="local", names=locals())
>>> print(", ".join(blank.id for blank in ex.blanks))
dJ/dv, dv/da, dv/du, du/db, du/dc
>>> grade = ex.grade({"du/db": 3})
>>> grade.verdicts["du/db"].mistake
'other operand'
>>> import textwrap
>>> print(textwrap.fill(grade.verdicts["du/db"].feedback, 90))
3 is b itself: the local derivative of u = b * c with respect to b is the other factor,
du/db = c = 2
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..checks import is_int
from ..graph import toposort
from ..tensor import Tensor
from ..viz import chain_steps
from ..viz.naming import NameTable, is_constant
from ..viz.options import check_names, check_options, check_root
from ..viz.page import Shown
from . import page
from .answers import as_text
from .blanks import (
    Blank,
    Edge,
    edge_id,
    forward_nodes,
    gradient_nodes,
    has_local,
    local_formula,
    local_name,
    local_value,
    node_id,
    short,
    unique_id,
    vjp_formula,
)
from .grading import Grade, judge, summary
from .mistakes import averages, forward_mistakes, gradient_mistakes, local_mistakes

#: What an exercise can ask: local derivatives, gradients, both, or the forward values.
ASKS = ("local", "gradients", "both", "forward")
#: The most nodes a graph may have to become an exercise (one is worked by hand).
MAX_NODES = 200


class Exercise(Shown):
    """Blanks to fill on the graph of ``J``, graded edge by edge with the mistakes named.

    Args:
        J: the cost, after ``J.backward()`` (not needed for ``ask="forward"``).
        ask: ``"local"`` (the local derivative on each edge, du/db), ``"gradients"`` (dJ/dx at
            each node), ``"both"`` (the default: local derivatives and gradients) or
            ``"forward"`` (the values).
        seed: None asks every blank of that kind; an int asks about half of them, chosen by the
            seed (the same on every machine), and shows the others filled in.
        names: variable names for the nodes, typically ``locals()`` (``u`` rather than ``t2``).
        grad_names: ``"fraction"`` (ids ``dJ/dW1``) or ``"course"`` (ids ``dW1``).
        title: the page's title (default: what is asked, and of which J).

    Attributes:
        blanks: the asked :class:`Blank` s, in backward order (forward order for values): each
            with its ``id``, ``shape``, ``prompt``, ``expected`` value, ``hint`` and mistakes.
        shown: the blanks of the same kinds not asked (with a seed), shown filled in.
        J: the cost the exercise was made from.
        graph: the page's picture as DOT text (asked blanks as markers ``#3``).
        ask, seed, title: as given.

    Raises:
        TypeError, ValueError: a wrong argument (named in the message).
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """

    def __init__(
        self,
        J: Tensor,
        ask: str = "both",
        seed: int | None = None,
        *,
        names: Mapping[str, Any] | None = None,
        grad_names: str = "fraction",
        title: str | None = None,
    ) -> None:
        check_root("Exercise", J, "J")
        if not isinstance(ask, str) or ask not in ASKS:
            raise ValueError(f"Exercise: ask must be one of {', '.join(ASKS)}; got {ask!r}")
        if seed is not None and (not is_int(seed) or seed < 0):
            raise ValueError(f"Exercise: seed must be None or an int >= 0; got {seed!r}")
        options = check_options("Exercise", grad_names=grad_names)
        names = check_names("Exercise", names)
        if title is not None and not isinstance(title, str):
            raise TypeError(f"Exercise: title must be a string, got {type(title).__name__}")
        order = toposort(J)
        nodes = sum(not is_constant(t) for t in order)  # as drawn: numbers are folded in
        if nodes > MAX_NODES:
            raise ValueError(
                f"Exercise: the graph of {J.name or 'J'} has {nodes} nodes; an exercise is "
                f"worked by hand, so at most {MAX_NODES}: make it from a smaller graph"
            )
        table = NameTable(order, J, names, options.grad_names)
        if ask == "forward":
            every = _forward_blanks(J, table)
        else:
            steps = chain_steps(J, names=names, grad_names=options.grad_names)
            every = _backward_blanks(J, table, list(steps), ask)
        if not every:
            raise ValueError(
                f"Exercise: {table.root} has no {ask} blanks to ask (it is a variable, or "
                "made from data only)"
            )
        asked = _choose(len(every), seed)
        self.J = J
        self.ask = ask
        self.seed = seed
        self.blanks: list[Blank] = [b for b, keep in zip(every, asked, strict=True) if keep]
        self.shown: list[Blank] = [b for b, keep in zip(every, asked, strict=True) if not keep]
        what = {"local": "local derivatives", "gradients": "gradients", "forward": "values"}
        self.title = title or (
            f"Practise backprop: the {what.get(ask, 'local derivatives and gradients')} of "
            f"{table.root}"
        )
        self.graph = page.graph_source(J, table, self.blanks, self.shown)
        self._by_id = {blank.id: blank for blank in self.blanks}

    def __repr__(self) -> str:
        return f"<Exercise: {len(self.blanks)} blanks ({self.ask}) on {self.title!r}>"

    def __str__(self) -> str:
        lines = [self.title]
        lines += [f"  {k}. {blank.prompt}" for k, blank in enumerate(self.blanks, start=1)]
        return "\n".join(lines)

    def solutions(self) -> dict[str, np.ndarray]:
        """Every blank's right value, by id (copies)."""
        return {blank.id: blank.expected.copy() for blank in self.blanks}

    def grade(self, answers: Mapping[str, Any]) -> Grade:
        """Grade the learner's answers.

        Args:
            answers: blank id -> a number (``2``, ``0.46``), a fraction as text (``"1/3"``) or
                a ``fractions.Fraction``, a nested list or an array; blanks left out are
                "missing".

        Returns:
            A :class:`Grade`: per blank a verdict (right, wrong with the mistake named, or
            missing), the score out of the total, and the first wrong blank explained.

        Raises:
            TypeError: ``answers`` is not a mapping, or an answer is not a number, text, list
                or array.
            KeyError: an id that is not a blank of this exercise (the message lists them).
        """
        if not isinstance(answers, Mapping):
            raise TypeError(
                f"Exercise.grade: answers must be a dict {{blank id: answer}}, got "
                f"{type(answers).__name__}"
            )
        unknown = [key for key in answers if key not in self._by_id]
        if unknown:
            raise KeyError(
                f"Exercise.grade: {unknown[0]!r} is not a blank of this exercise; the blanks "
                f"are {', '.join(self._by_id)}"
            )
        texts: dict[str, str | None] = {}
        for key, answer in answers.items():
            try:
                texts[key] = as_text(answer)
            except TypeError as error:
                raise TypeError(f"Exercise.grade: the answer to {key}: {error}") from None
        verdicts = {
            blank.id: judge(blank, texts.get(blank.id), isinstance(answers.get(blank.id), str))
            for blank in self.blanks
        }
        score = sum(v.status == "right" for v in verdicts.values())
        return Grade(verdicts, score, len(verdicts), summary(verdicts))

    # ------------------------------------------------------------------ the page
    def page(self) -> Any:
        """The exercise page (an :class:`autograd_nn.viz.page.Page`)."""
        return page.exercise_page(self)


def _choose(count: int, seed: int | None) -> list[bool]:
    """Which of ``count`` blanks are asked: all without a seed, about half with one."""
    if seed is None:
        return [True] * count
    rng = np.random.Generator(np.random.PCG64(seed))
    asked = [bool(k) for k in rng.integers(0, 2, size=count)]
    if not any(asked):
        asked[int(rng.integers(0, count))] = True
    return asked


def _backward_blanks(J: Tensor, table: NameTable, edges: list[Edge], ask: str) -> list[Blank]:
    """The local and gradient blanks, edge by edge in the order the backward pass ran."""
    found = averages(J, table)
    complete = {id(parent): into for parent, into in gradient_nodes(J, edges)}
    taken: set[str] = set()
    blanks: list[Blank] = []
    for edge in edges:
        root_edge = edge.child is J and ask == "both"  # its local derivative is dJ/dx itself
        if ask in ("local", "both") and has_local(edge.child, edge.index) and not root_edge:
            blank = _local_blank(edge, table, taken)
            if blank is not None:
                blanks.append(blank)
        into = complete.get(id(edge.parent))
        if ask in ("gradients", "both") and into and edge is into[-1]:
            blanks.append(_gradient_blank(edge.parent, into, table, found, taken))
    return blanks


def _shape_words(shape: tuple[int, ...]) -> str:
    return "" if shape == () else f" (shape {shape})"


def _local_blank(edge: Edge, table: NameTable, taken: set[str]) -> Blank | None:
    child, index, parent = edge.child, edge.index, edge.parent
    expected = local_value(child, index)
    if expected is None:
        return None
    name = local_name(table, child, parent)
    blank_id = unique_id(name, taken)
    formula = local_formula(child, index, table)
    written = short(expected)
    solution = (
        f"{name} = {written}" if formula in (written, "1") else f"{name} = {formula} = {written}"
    )
    which = ""
    if child.parents.count(parent) > 1:
        which = f" (input {index + 1})"
    expression = table.expression(child)
    prompt = (
        f"{blank_id}: the local derivative of {table.equation(child)} with respect to "
        f"{table[parent]}{which}{_shape_words(expected.shape)}"
    )
    return Blank(
        blank_id,
        "local",
        expected.shape,
        prompt,
        expected,
        f"d({expression})/d{table[parent]} = {formula}",
        solution,
        edge_id(table, edge),
        local_mistakes(edge, table, expected),
        f"not {name}: differentiate {table.equation(child)} with respect to {table[parent]} "
        "alone (the other inputs held fixed), at the values of the forward pass",
    )


def _gradient_blank(
    parent: Tensor, into: list[Edge], table: NameTable, found: Any, taken: set[str]
) -> Blank:
    expected = into[0].contribution.copy()
    for edge in into[1:]:
        expected = expected + edge.contribution
    target = table.d(parent)
    blank_id = unique_id(target, taken)
    terms = [
        local_formula(e.child, e.index, table) if table.is_root(e.child) else vjp_formula(e, table)
        for e in into
    ]
    rule = f"{target} = {' + '.join(terms)}"
    if len(into) > 1:
        rule += f" (one term per path: {table[parent]} is used {len(into)} times)"
    lines = [line.strip() for edge in into for line in edge.text.splitlines()]  # and the total
    prompt = (
        f"{blank_id}: the gradient of {table.root} with respect to {table[parent]}"
        f"{_shape_words(expected.shape)}"
    )
    return Blank(
        blank_id,
        "gradient",
        expected.shape,
        prompt,
        expected,
        rule,
        "\n".join(lines),
        node_id(table, parent),
        gradient_mistakes(parent, into, table, found, expected),
        f"not {target}: {rule}",
    )


def _forward_blanks(J: Tensor, table: NameTable) -> list[Blank]:
    taken: set[str] = set()
    blanks = []
    for t in forward_nodes(J):
        expected = np.array(t.data, dtype=float)
        blank_id = unique_id(table[t], taken)
        inputs = ", ".join(
            f"{table[p]} = {short(p.data)}" for p in t.parents if table[p] != short(p.data)
        )
        equation = table.equation(t)
        blanks.append(
            Blank(
                blank_id,
                "forward",
                expected.shape,
                f"{blank_id}: the value of {equation}{_shape_words(expected.shape)}",
                expected,
                f"{equation}, with {inputs}" if inputs else equation,
                f"{equation} = {short(expected)}",
                node_id(table, t),
                forward_mistakes(t, table, expected),
                f"not {table[t]}: compute {equation}" + (f" from {inputs}" if inputs else ""),
            )
        )
    return blanks
