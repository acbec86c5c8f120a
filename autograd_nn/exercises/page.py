"""The exercise page: the graph with its blanks numbered, an answer sheet, checked in the browser.

The page is a :class:`autograd_nn.viz.page.Page` of kind ``"exercise"`` (the player's shell:
a root JupyterLab leaves alone, started from its own script so copies work, a static fallback
for untrusted notebooks, JSON escaped inside the script element).

- **The graph** is drawn from the recorded graph with each asked blank written as a marker,
  ``du/db = #3`` on an edge, ``dJ/db = #4`` or ``u = #1`` in a node; the values the learner is
  given (the leaves, and the forward values when derivatives are asked) are written out. It is
  SVG made here when Graphviz's ``dot`` is installed, else laid out in the browser by the
  vendored WebAssembly Graphviz, as the player does.
- **An input in each blank of the graph**, laid over its marker, and **the answer sheet**
  beside the graph listing the blanks in backward order, each with its prompt, its input
  (``<input data-blank="du/db">``; the graph's input mirrors it), Check, Hint and Reveal, and
  its feedback under it. Check all and the score ("4 of 10") are in the sticky bar. Enter checks
  a blank, Ctrl+Enter checks all; a checked blank turns green or red on the graph.
- **One source for the verdicts.** Python writes, per blank, the expected value, the table of
  named mistakes (each a value and its feedback) and the messages; the page's script only
  reads the learner's text and compares numbers with the rule of
  :mod:`autograd_nn.exercises.answers`, in :func:`judge`'s order. A test grades the same
  answers in both on generated exercises of every level.
"""

from __future__ import annotations

import html
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from ..graph import toposort
from ..tensor import Tensor
from ..viz import markup
from ..viz.naming import NameTable, is_constant, is_data, is_parameter
from ..viz.output import has_dot
from ..viz.page import Page
from ..viz.player import viz_js
from ..viz.render import BLUE, COST_FILL, DATA_FILL, PARAMETER_FILL, RED
from .answers import RELATIVE, ROUNDING_DIGITS, UNREADABLE
from .blanks import Blank, short
from .grading import MISSING, RIGHT, SHAPE

if TYPE_CHECKING:
    from .exercise import Exercise

_ASSETS = resources.files(__package__)
#: A graph with a longer chain of nodes is drawn top to bottom, so that it keeps a readable
#: size beside the answer sheet (J = 3(a + bc) stays left to right, as the course draws it).
LONGEST_ROW = 4
KEYS = (("Enter", "check the blank"), ("Ctrl+Enter", "check all"), ("Tab", "next blank"))
ALL_RIGHT = "all {total} right"
LEFT = "no mistakes so far; {missing} of {total} left (next: {next})"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def marker(number: int) -> str:
    """How the answer sheet writes asked blank ``number``: ``#3``."""
    return f"#{number}"


def blank_space(number: int, shape: tuple[int, ...]) -> str:
    """How the graph writes asked blank ``number``: ``#3 ______``, room for the input the page
    lays over it (wider for an array), and a line to write on in a printout."""
    size = int(np.prod(shape))
    return f"{marker(number)} " + "_" * (4 if size == 1 else min(6 + 3 * size, 24))


def graph_source(J: Tensor, table: NameTable, asked: list[Blank], shown: list[Blank]) -> str:
    """The graph as DOT text, with the asked blanks as markers and the shown ones filled in.

    Nodes are ``n<index>`` and edges ``e<child>_<input>`` as in the renderer's pictures; edges
    point forward (left to right), and each carries its local derivative's blank, if asked.
    """
    number = {blank.id: k for k, blank in enumerate(asked, start=1)}
    at: dict[str, list[tuple[Blank, str]]] = {}
    for blank in asked:
        at.setdefault(blank.where, []).append((blank, blank_space(number[blank.id], blank.shape)))
    for blank in shown:
        at.setdefault(blank.where, []).append((blank, short(blank.expected)))
    order = [t for t in toposort(J) if not is_constant(t)]
    longest: dict[int, int] = {}
    for t in order:
        longest[id(t)] = 1 + max((longest.get(id(p), 0) for p in t.parents), default=0)
    rankdir = "TB" if max(longest.values()) > LONGEST_ROW else "LR"
    lines = [
        "digraph exercise {",
        f'  graph [rankdir={rankdir} nodesep=0.35 ranksep=0.6 fontname="Helvetica"]',
        '  node [shape=box style="rounded,filled" fontname="Helvetica" fontsize=14 '
        'fillcolor=white color="#555555"]',
        f'  edge [color="{BLUE}" fontname="Helvetica" fontsize=13 arrowsize=0.8]',
    ]
    for t in order:
        key = f"n{table.index(t)}"
        rows = [markup.font(table.equation(t) if t.op is not None else table[t], bold=True)]
        forward = [(b, text) for b, text in at.get(key, []) if b.kind == "forward"]
        if forward:
            rows += [markup.font(f"{table[t]} = {text}") for _, text in forward]
        else:
            rows.append(markup.font(short(t.data)))
        rows += [
            markup.font(f"{b.id} = {text}", RED)
            for b, text in at.get(key, [])
            if b.kind == "gradient"
        ]
        fill = "white"
        if t is J:
            fill = COST_FILL
        elif is_data(t):
            fill = DATA_FILL
        elif is_parameter(t):
            fill = PARAMETER_FILL
        values = {"id": key, "label": markup.label(rows), "fillcolor": fill}
        lines.append(f"  {key}{markup.attrs(values)}")
    for t in order:
        for i, p in enumerate(t.parents):
            if is_constant(p):
                continue
            key = f"e{table.index(t)}_{i}"
            values = {"id": key}
            texts = [f"{b.id} = {text}" for b, text in at.get(key, [])]
            if texts:
                values["label"] = markup.label([markup.font(s, RED) for s in texts])
            if is_data(p):
                values["color"] = "#999999"
            lines.append(f"  n{table.index(p)} -> n{table.index(t)}{markup.attrs(values)}")
    lines.append("}")
    return "\n".join(lines)


def svg(source: str) -> str | None:
    """The graph as inline SVG text, or None when Graphviz's ``dot`` is not installed."""
    if not has_dot():
        return None
    import graphviz

    picture = graphviz.Source(source).pipe(format="svg").decode("utf-8")
    return picture[picture.index("<svg") :]


def _array(value: Any) -> dict[str, Any]:
    """A value as the script reads it: its shape and its entries in order."""
    array = np.asarray(value, dtype=float)
    return {"shape": list(array.shape), "values": array.reshape(-1).tolist()}


def blank_data(blank: Blank, number: int) -> dict[str, Any]:
    """What the page needs of a blank to grade it as :func:`judge` does."""
    last = blank.solution.splitlines()[-1].strip()
    return {
        "id": blank.id,
        "number": number,
        "kind": blank.kind,
        "shape": list(blank.shape),
        "expected": _array(blank.expected),
        "mistakes": [
            {"kind": m.kind, "feedback": m.feedback, **_array(m.value)} for m in blank.mistakes
        ],
        "wrong": blank.wrong,
        "right": RIGHT.format(solution=last),
        "hint": blank.hint,
        "solution": blank.solution,
        "where": blank.where,
    }


def page_data(exercise: Exercise) -> dict[str, Any]:
    """Everything the page's script reads: blanks, messages, the rule's numbers, the graph."""
    return {
        "blanks": [blank_data(b, k) for k, b in enumerate(exercise.blanks, start=1)],
        "rule": {"relative": RELATIVE, "roundingDigits": ROUNDING_DIGITS},
        "messages": {
            "missing": MISSING,
            "unreadable": UNREADABLE,
            "shape": SHAPE,
            "allRight": ALL_RIGHT,
            "left": LEFT,
        },
    }


def _sheet(exercise: Exercise) -> str:
    rows = []
    for k, blank in enumerate(exercise.blanks, start=1):
        prompt = html.escape(blank.prompt.partition(": ")[2] or blank.prompt)
        ident = html.escape(blank.id, quote=True)
        rows.append(
            f'<li class="agnn-ex-row" data-row="{ident}">'
            f'<div class="agnn-ex-prompt"><span class="agnn-ex-number">{marker(k)}</span> '
            f"<b>{html.escape(blank.id)}</b> {prompt}</div>"
            '<div class="agnn-ex-answer">'
            f'<input type="text" class="agnn-ex-input" data-blank="{ident}" '
            f'aria-label="{html.escape(blank.prompt, quote=True)}" autocomplete="off" '
            'spellcheck="false">'
            '<button type="button" data-action="check" title="check this blank (Enter)">'
            "Check</button>"
            '<button type="button" data-action="hint" title="the rule to apply">Hint</button>'
            '<button type="button" data-action="reveal" title="show the answer">Reveal</button>'
            '<span class="agnn-ex-mark" aria-hidden="true"></span></div>'
            '<div class="agnn-ex-feedback" aria-live="polite"></div></li>'
        )
    return '<ol class="agnn-ex-blanks">' + "".join(rows) + "</ol>"


def exercise_page(exercise: Exercise) -> Page:
    """The exercise as a :class:`Page` (``kind="exercise"``)."""
    picture = svg(exercise.graph)
    data = page_data(exercise)
    script = _asset("exercise.js")
    if picture is None:
        data["dot"] = exercise.graph
        script = viz_js() + "\n" + script
    stage = picture if picture is not None else ""
    wide = "rankdir=LR" in exercise.graph  # a wide graph above the sheet, a tall one beside it
    body = (
        f'<div class="agnn-ex-layout{" agnn-ex-wide" if wide else ""}">'
        f'<div class="agnn-stage agnn-ex-stage">{stage}</div>'
        f'<div class="agnn-ex-sheet">{_sheet(exercise)}</div>'
        "</div>"
    )
    lines = [exercise.title, ""]
    lines += [f"{marker(k)}  {b.prompt}" for k, b in enumerate(exercise.blanks, start=1)]
    lines += ["", "Grade in Python: ex.grade({" + repr(exercise.blanks[0].id) + ": ...})"]
    return Page(
        "exercise",
        exercise.title,
        body=body,
        data=data,
        script=script,
        style=_asset("exercise.css"),
        fallback_svg=picture,
        fallback_text="\n".join(lines),
        what="exercise",
        keys=KEYS,
    )
