"""How a diagram or the chain-rule text writes a value: numbers, small arrays, shapes, summaries.

Scalars print in ``%.4g`` style, so the J example reads 6, 11, 33 (not 6.000000). Small arrays
(up to :data:`SMALL`, 4 x 4 by default) are written out in full, so a learner can check dW by
hand; larger ones are never dumped: they show their shape, in course terms where the name tells
the role (``Z1`` is (n[1], m) = (4, 400)), and a one-line summary (mean, min, max).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

#: Arrays up to this shape (rows, columns) are written out in full; larger ones are summarized.
#: A vector counts as one row.
SMALL = (4, 4)

#: Significant digits of each entry of an array written out in full.
ENTRY_DIGITS = 3

_LAYER_NAME = re.compile(r"^d?(W|b|Z|A)\[?(\d+)\]?$")


def number(x: Any, digits: int = 4) -> str:
    """Write one number the way the course does: ``6``, ``11``, ``0.25``, ``-0.0137``.

    ``digits`` significant digits (4; the entries of an array are written with 3).
    """
    value = float(np.asarray(x).reshape(()))  # one entry of any shape: (), (1,), (1, 1)
    if value == 0.0:
        return "0"  # no "-0"
    return format(value, f".{digits}g")


def is_small(array: np.ndarray, small: tuple[int, int] = SMALL) -> bool:
    """True when ``array`` fits in ``small`` = (rows, columns) and is written out in full.

    >>> is_small(np.zeros((2, 2))), is_small(np.zeros((4, 400))), is_small(np.zeros(3))
    (True, False, True)
    """
    shape = np.shape(array)
    if np.size(array) == 1 or len(shape) == 0:
        return True
    if len(shape) == 1:
        return 0 < shape[0] <= small[1]
    return len(shape) == 2 and 0 < shape[0] <= small[0] and 0 < shape[1] <= small[1]


def small_array(array: np.ndarray) -> str:
    """Write a small array in full: ``[1, 2]`` or ``[[1, 2], [3, 4]]``."""
    if array.ndim == 0:
        return number(array, ENTRY_DIGITS)
    return "[" + ", ".join(small_array(row) for row in array) + "]"


def summary(array: np.ndarray) -> str:
    """A one-line summary of a large array: ``mean 0.012, min -0.3, max 0.41``."""
    if array.size == 0:
        return "empty"
    finite = np.isfinite(array)
    if not finite.all():
        return f"{int((~finite).sum())} non-finite entries"

    def short(x: Any) -> str:
        return "0" if float(x) == 0.0 else format(float(x), ".2g")

    return f"mean {short(array.mean())}, min {short(array.min())}, max {short(array.max())}"


def course_shape(name: str | None, shape: tuple[int, ...]) -> str:
    """Write a shape in course terms when the name tells the role, else as a plain tuple.

    Args:
        name: the tensor's name, e.g. ``"W1"``, ``"b2"``, ``"Z1"``, ``"A1"``, ``"X"``, ``"Y"``
            (a leading ``d`` for gradients is accepted: ``"dW1"``).
        shape: the tensor's shape.

    Returns:
        For example ``"(n[1], m) = (4, 400)"`` for Z1 of shape (4, 400),
        ``"(n[1], n[0]) = (4, 2)"`` for W1, ``"(n[1], 1) = (4, 1)"`` for b1, and
        ``"(4, 400)"`` when the role is unknown.
    """
    plain = str(tuple(shape)) if len(shape) != 1 else f"({shape[0]},)"
    if len(shape) != 2 or not name:
        return plain
    symbolic: tuple[str, str] | None = None
    if name in ("X", "A0", "A[0]"):
        symbolic = ("n[0]", "m")
    elif name == "Y" and shape[0] == 1:
        symbolic = ("1", "m")
    else:
        match = _LAYER_NAME.match(name)
        if match:
            kind, layer = match.group(1), int(match.group(2))
            if kind == "W":
                symbolic = (f"n[{layer}]", f"n[{layer - 1}]")
            elif kind == "b" and shape[1] == 1:
                symbolic = (f"n[{layer}]", "1")
            elif kind in ("Z", "A"):
                symbolic = (f"n[{layer}]", "m")
    if symbolic is None:
        return plain
    return f"({symbolic[0]}, {symbolic[1]}) = {plain}"


def value(array: np.ndarray, name: str | None = None, small: tuple[int, int] = SMALL) -> list[str]:
    """The lines that show a value: one number, a small array in full, or shape plus summary.

    Args:
        array: the value (or gradient) to show.
        name: the tensor's name, used to write the shape in course terms.
        small: arrays up to this shape (rows, columns) are written out in full.

    Returns:
        One line for scalars, one-entry arrays and small arrays (``["6"]``,
        ``["-0.015  (1, 1)"]``, ``["[[1, 2], [3, 4]]"]``), two for the rest
        (``["(n[1], m) = (4, 400)", "mean 0.01, min -0.3, max 0.4"]``).
    """
    array = np.asarray(array)
    if array.ndim == 0:
        return [number(array)]
    if array.size == 1:
        return [f"{number(array.reshape(()))}  {course_shape(name, array.shape)}"]
    if is_small(array, small):
        return [small_array(array)]
    return [course_shape(name, array.shape), summary(array)]


def inline(array: np.ndarray, name: str | None = None, small: tuple[int, int] = SMALL) -> str:
    """``value`` on one line: ``6``, ``[1, 2]`` or ``(4, 400), mean 0.01, min -0.3, max 0.4``."""
    return ", ".join(value(array, name, small))


def short(array: np.ndarray, name: str | None = None, small: tuple[int, int] = SMALL) -> str:
    """A value in a formula: its entries when small, else its shape: ``[1, 2]``, ``(4, 400)``."""
    array = np.asarray(array)
    if array.size == 1:
        return number(array.reshape(()))
    if is_small(array, small):
        return small_array(array)
    return course_shape(name, array.shape)
