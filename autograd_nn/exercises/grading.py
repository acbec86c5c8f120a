"""Grading: a verdict per blank, and the grade of a whole exercise.

One answer is graded in this order (the page's script does the same, on the same data):

1. no answer (None or empty text): **missing**;
2. text that is not a number, a fraction or an array: **wrong**, saying how to write one;
3. right by the rule of :mod:`autograd_nn.exercises.answers` (relative 1e-6, or the digits
   typed): **right**;
4. equal to one of the blank's named mistakes (in the blank's order): **wrong**, with that
   mistake's feedback;
5. of another shape than the blank's: **wrong**, naming both shapes;
6. anything else: **wrong**, with the blank's rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .answers import UNREADABLE, AnswerError, agrees, fits, read, shape_text
from .blanks import Blank

STATUSES = ("right", "wrong", "missing")
MISSING = "no answer yet"
RIGHT = "right: {solution}"
SHAPE = "{id} has shape {expected}; this answer has shape {given}"


@dataclass(frozen=True)
class Verdict:
    """The verdict on one blank.

    Attributes:
        blank: the blank's id (``"du/db"``).
        status: ``"right"``, ``"wrong"`` or ``"missing"``.
        expected: the right value.
        given: the learner's value as read (None when missing or unreadable).
        feedback: what the page shows at the blank: the named mistake, or the rule.
        mistake: the kind of the named mistake (``"other operand"``), or None.
    """

    blank: str
    status: str
    expected: np.ndarray = field(repr=False)
    given: np.ndarray | None = field(repr=False)
    feedback: str
    mistake: str | None = None


def judge(blank: Blank, text: str | None, typed: bool = True) -> Verdict:
    """The verdict on ``text`` (the answer as typed; None for no answer) for ``blank``.

    ``typed`` is False for the text of a value given in Python (a (4, 400) array has no
    length limit).
    """
    if text is None or not text.strip():
        return Verdict(blank.id, "missing", blank.expected, None, MISSING)
    try:
        answer = read(text) if typed else read(text, longest=None)
    except AnswerError:
        return Verdict(blank.id, "wrong", blank.expected, None, UNREADABLE)
    if agrees(answer, blank.expected):
        feedback = RIGHT.format(solution=blank.solution.splitlines()[-1].strip())
        return Verdict(blank.id, "right", blank.expected, answer.values, feedback)
    for mistake in blank.mistakes:
        if agrees(answer, mistake.value):
            return Verdict(
                blank.id, "wrong", blank.expected, answer.values, mistake.feedback, mistake.kind
            )
    if fits(answer, blank.expected) is None:
        feedback = SHAPE.format(
            id=blank.id, expected=shape_text(blank.shape), given=shape_text(answer.values.shape)
        )
        return Verdict(blank.id, "wrong", blank.expected, answer.values, feedback)
    return Verdict(blank.id, "wrong", blank.expected, answer.values, blank.wrong)


@dataclass(frozen=True)
class Grade:
    """The grade of an exercise.

    Attributes:
        verdicts: per blank id, in the exercise's order (backward order for derivatives).
        score: how many blanks are right.
        total: how many blanks there are.
        feedback: the first wrong blank explained (``"du/db: 3 is b itself: ..."``), or how
            many are left to fill, or that all are right.
    """

    verdicts: dict[str, Verdict]
    score: int
    total: int
    feedback: str

    def __repr__(self) -> str:
        return f"<Grade: {self.score} of {self.total}: {self.feedback}>"

    def __str__(self) -> str:
        marks = {"right": "✓", "wrong": "✗", "missing": "·"}
        lines = [f"{self.score} of {self.total}"]
        for verdict in self.verdicts.values():
            lines.append(f"  {marks[verdict.status]} {verdict.blank}: {verdict.feedback}")
        return "\n".join(lines)


def summary(verdicts: Mapping[str, Verdict]) -> str:
    """The grade's feedback: the first wrong blank, else what is missing, else all right."""
    for verdict in verdicts.values():
        if verdict.status == "wrong":
            return f"{verdict.blank}: {verdict.feedback}"
    missing = [v.blank for v in verdicts.values() if v.status == "missing"]
    if missing:
        return f"no mistakes so far; {len(missing)} of {len(verdicts)} left (next: {missing[0]})"
    return f"all {len(verdicts)} right"
