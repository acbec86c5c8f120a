"""Reading a learner's answer and comparing it with a number: one rule, in Python and on the page.

An answer is text, as typed into the page or given to :meth:`Exercise.grade`: a number (``6``,
``-0.25``, ``1e-3``), a fraction (``1/3``, ``-2/3``) or an array written as nested brackets
(``[[1, 2], [3, 4]]``; commas or spaces between entries, so numpy's own printout
``[[1. 2.] [3. 4.]]`` reads too). Nothing is ever evaluated: the text is split into brackets
and numbers by one regular expression, and anything else is refused.

An entry is right when it is within a relative 1e-6 of the value, or when the learner typed a
decimal point and at least :data:`ROUNDING_DIGITS` significant digits and the value rounds to
what they typed (``0.46`` for 0.4621, ``0.333`` for 1/3, ``6.4`` for 6.4023). A whole number
(``6``) and a fraction (``1/3``) are taken as exact: ``6`` is not accepted for 6.4. The page's
script (``exercise.js``) implements the same rule on the same numbers, and a test checks that
both give the same verdicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

RELATIVE = 1e-6  #: an entry within this relative distance of the value is right
ROUNDING_DIGITS = 2  #: significant digits a learner must type to be graded by their rounding
LONGEST = 2000  #: the longest answer typed as text that is read, in characters

UNREADABLE = (
    "cannot read this answer: write a number (6, -0.25, 1/3) or an array as nested brackets "
    "([[1, 2], [3, 4]])"
)

# one token: a bracket, a separator, or a number or fraction (digits, point, exponent)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TOKEN = re.compile(rf"\s*(?:(\[)|(\])|(,)|({_NUMBER}(?:\s*/\s*{_NUMBER})?))")


class AnswerError(ValueError):
    """Text that is not a number, a fraction or an array of them."""


@dataclass(frozen=True)
class Answer:
    """A learner's answer, read.

    Attributes:
        values: the numbers, as an array of the shape the brackets gave (``()`` for one).
        tolerance: per entry, the distance the digits typed allow (0 for a fraction or an
            entry with fewer than :data:`ROUNDING_DIGITS` significant digits).
    """

    values: np.ndarray
    tolerance: np.ndarray


def _entry(text: str) -> tuple[float, float]:
    """One number or fraction: its value and the rounding tolerance its digits allow."""
    if "/" in text:
        top, bottom = (part.strip() for part in text.split("/"))
        if float(bottom) == 0:
            raise AnswerError("cannot read this answer: a fraction with 0 below the line")
        return float(top) / float(bottom), 0.0
    value = float(text)
    mantissa, _, exponent = text.lower().lstrip("+-").partition("e")
    whole, _, decimals = mantissa.partition(".")
    significant = len((whole + decimals).lstrip("0"))
    places = len(decimals) - (int(exponent) if exponent else 0)
    if not decimals or significant < ROUNDING_DIGITS:
        return value, 0.0
    return value, half_unit(places)


def half_unit(places: int) -> float:
    """Half a unit in the last place typed: 0.005 for 2 decimals, 50 for ``1e2``.

    Written as a division or a product by a power of ten (exact in both Python and JavaScript),
    so that both compute the same tolerance to the last bit.
    """
    if places >= 0:
        return 0.5 / 10.0 ** min(places, 300)
    return 0.5 * 10.0 ** min(-places, 300)


def read(text: str, longest: int | None = LONGEST) -> Answer:
    """Read an answer typed as text.

    Args:
        text: ``"6"``, ``"-0.25"``, ``"1/3"``, ``"[[1, 2], [3, 4]]"``; a Unicode minus (−) is
            read as ``-``.
        longest: the most characters read (None: any number, for an array given in Python).

    Returns:
        An :class:`Answer`.

    Raises:
        AnswerError: anything else (letters, operators, ragged arrays, more than
            :data:`LONGEST` characters), with :data:`UNREADABLE` as the message.
    """
    text = text.replace("\u2212", "-").strip()
    if not text or (longest is not None and len(text) > longest):
        raise AnswerError(UNREADABLE)
    stack: list[list[Any]] = [[]]
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise AnswerError(UNREADABLE)
        position = match.end()
        opening, closing, comma, number = match.groups()
        if opening:
            stack.append([])
        elif closing:
            if len(stack) == 1:
                raise AnswerError(UNREADABLE)
            done = stack.pop()
            stack[-1].append(done)
        elif comma:
            if len(stack) == 1:
                raise AnswerError(UNREADABLE)
        elif number:
            stack[-1].append(_entry(number))
    if len(stack) != 1 or len(stack[0]) != 1:
        raise AnswerError(UNREADABLE)
    nested = stack[0][0]
    shape = _shape(nested)
    flat: list[tuple[float, float]] = []
    _flatten(nested, flat)
    values = np.array([v for v, _ in flat], dtype=float).reshape(shape)
    tolerance = np.array([t for _, t in flat], dtype=float).reshape(shape)
    if not np.all(np.isfinite(values)):
        raise AnswerError(UNREADABLE)
    return Answer(values, tolerance)


def _shape(nested: Any) -> tuple[int, ...]:
    """The shape of nested lists of entries; ragged or empty lists are refused."""
    if isinstance(nested, tuple):
        return ()
    if not nested:
        raise AnswerError(UNREADABLE)
    inner = [_shape(item) for item in nested]
    if any(s != inner[0] for s in inner):
        raise AnswerError(UNREADABLE)
    return (len(nested), *inner[0])


def _flatten(nested: Any, out: list[tuple[float, float]]) -> None:
    if isinstance(nested, tuple):
        out.append(nested)
    else:
        for item in nested:
            _flatten(item, out)


def as_text(answer: Any) -> str | None:
    """An answer given in Python as the text it stands for; None for no answer.

    Numbers are written with ``repr`` (the digits Python keeps: ``0.33`` stays ``0.33``, and
    ``2.0`` is ``2``),
    fractions as ``1/3``, arrays and nested lists with brackets, and text is kept.

    Raises:
        TypeError: a bool, or anything that is not a number, text, a list or an array.
    """
    if answer is None:
        return None
    if isinstance(answer, str):
        return answer
    if isinstance(answer, bool) or isinstance(answer, np.bool_):
        raise TypeError(f"expected a number, a nested list, an array or text; got {answer!r}")
    if isinstance(answer, Fraction):
        return f"{answer.numerator}/{answer.denominator}"
    if isinstance(answer, (int, float, np.integer, np.floating)):
        text = repr(float(answer))
        return text[:-2] if text.endswith(".0") else text  # 2.0 is the whole number 2
    data = getattr(answer, "data", None)  # a Tensor: its value
    if data is not None and not isinstance(answer, (list, tuple, np.ndarray)):
        answer = data
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return as_text(float(answer))
    if isinstance(answer, (list, tuple, np.ndarray)):
        return "[" + ", ".join(as_text(item) or "" for item in answer) + "]"
    raise TypeError(
        f"expected a number, a nested list, an array or text; got {type(answer).__name__}"
    )


def fits(answer: Answer, expected: np.ndarray) -> np.ndarray | None:
    """The answer's values in ``expected``'s shape, or None when they cannot be.

    One number answers a one-entry array (``-0.5`` for a (1, 1) dZ); a vector answers an array
    with a single axis longer than 1 (``[1, 2]`` for a (1, 2) row).
    """
    values = answer.values
    if values.shape == expected.shape:
        return values
    if values.size == expected.size and (
        values.size == 1 or sum(n > 1 for n in expected.shape) == 1 == values.ndim
    ):
        return values.reshape(expected.shape)
    return None


def agrees(answer: Answer, expected: np.ndarray) -> bool:
    """True when every entry of the answer is right for ``expected`` (see the module's rule)."""
    expected = np.asarray(expected, dtype=float)
    values = fits(answer, expected)
    if values is None:
        return False
    tolerance = answer.tolerance.reshape(values.shape)
    distance = np.abs(values - expected)
    close = distance <= RELATIVE * np.abs(expected) + 1e-12
    rounded = distance <= tolerance * (1 + 1e-9)
    return bool(np.all(close | rounded))


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as Python writes a tuple: ``()``, ``(3,)``, ``(2, 2)``."""
    return str(tuple(int(n) for n in shape))
