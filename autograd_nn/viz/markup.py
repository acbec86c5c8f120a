"""Graphviz's HTML-like labels and DOT attribute lists, written safely.

Every piece of text a diagram shows (names the user chose, numbers, formulas) goes through
:func:`escape`, so that nothing in a name can break the DOT text: ``<``, ``>`` and ``&`` become
entities, and control characters, which Graphviz's label parser rejects, are written visibly as
their Python escapes (a name ``"a\\x01"`` shows as ``a\\x01``, a newline as ``\\n``).

>>> escape("b<1 & a\\x01")
'b&lt;1 &amp; a\\\\x01'
>>> label([font("u = b * c"), font("dJ/du = 3", color="#d62728", bold=True)])
'<u = b * c<BR/><FONT COLOR="#d62728"><B>dJ/du = 3</B></FONT>>'
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np

from . import labels

#: Longest run of characters a name keeps in a picture (longer ones end in "...").
LONGEST_TEXT = 120


def escape(text: str) -> str:
    """``text`` as HTML-label content: entities for ``<>&``, control characters made visible."""
    if len(text) > LONGEST_TEXT:
        text = text[: LONGEST_TEXT - 3] + "..."
    return html.escape(visible(text), quote=True)


def visible(text: str) -> str:
    """Control, format, separator and surrogate characters as escapes (``\\n``, ``\\x01``)."""
    if text.isprintable():
        return text
    hidden = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char) in hidden else char for char in text
    )


def font(text: str, color: str | None = None, size: float | None = None, bold: bool = False) -> str:
    """One piece of label text (escaped), optionally coloured, sized and bold."""
    return styled(escape(text), color, size, bold)


def styled(
    markup: str, color: str | None = None, size: float | None = None, bold: bool = False
) -> str:
    """Label markup (already escaped) wrapped in ``<B>`` and ``<FONT>`` as asked."""
    if bold:
        markup = f"<B>{markup}</B>"
    attrs = (f' COLOR="{color}"' if color else "") + (f' POINT-SIZE="{size:g}"' if size else "")
    return f"<FONT{attrs}>{markup}</FONT>" if attrs else markup


def label(lines: Sequence[str]) -> str:
    """An HTML-like label: the lines (markup) one under the other.

    Lines of text are joined with ``<BR/>``; when a line holds a table (a grid of entries),
    every line becomes a row of one table, as Graphviz does not mix text and tables.
    """
    if not any("<TABLE" in line for line in lines):
        return "<" + "<BR/>".join(lines) + ">"
    rows = "".join(f"<TR><TD>{line}</TD></TR>" for line in lines)
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>'


def row(cells: Sequence[str]) -> str:
    """Pieces of markup side by side (e.g. ``3 ×``, a matrix, ``= 6``), vertically centred."""
    tds = "".join(f"<TD>{cell}</TD>" for cell in cells)
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    return f"{table}<TR>{tds}</TR></TABLE>"


def matrix(array: np.ndarray, color: str | None = None, size: float | None = None) -> str:
    """A small array as a grid of its entries (a vector as one row, a scalar as a number)."""
    array = np.asarray(array)
    if array.ndim == 0:
        return font(labels.number(array), color, size)
    rows = array.reshape(1, -1) if array.ndim == 1 else array.reshape(array.shape[0], -1)
    colour = f' COLOR="{color}"' if color else ""
    cells = [[font(labels.number(x, labels.ENTRY_DIGITS), color, size) for x in r] for r in rows]
    body = "".join(
        "<TR>" + "".join(f'<TD ALIGN="RIGHT">{c}</TD>' for c in r) + "</TR>" for r in cells
    )
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"{colour}>{body}</TABLE>'
    )


def attrs(values: Mapping[str, str]) -> str:
    """A DOT attribute list ``[key="value" ...]``; values written ``<...>`` are HTML labels."""
    parts = []
    for key, val in values.items():
        if val.startswith("<") and val.endswith(">"):
            parts.append(f"{key}={val}")
        else:
            text = visible(val).replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'{key}="{text}"')
    return " [" + " ".join(parts) + "]" if parts else ""
