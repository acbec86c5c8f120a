"""The report: the rows of the comparison in backward order, and the table they make.

:class:`ComparisonReport` holds the :class:`~autograd_nn.compare.rows.ComparisonRow` of each
quantity (dZ[l], dW[l], db[l], dA[l-1]) in backward order and renders them as an aligned text
table, Markdown or HTML (notebooks), or plain records, with the "Finding the bug" section that
prints the :class:`~autograd_nn.compare.diagnosis.Finding` of the first mismatch.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..gradcheck import verdict as gradient_check_verdict
from .diagnosis import Finding, find_the_bug
from .rows import ComparisonRow, row_relative_difference


def format_number(x: float | None) -> str:
    """A difference in a report's table: ``1.234e-12``, ``inf``, or "" for none."""
    if x is None:
        return ""
    return f"{x:.3e}" if np.isfinite(x) else str(x)


def html_table(header: Sequence[str], rows: Sequence[tuple[Sequence[str], bool]]) -> str:
    """A report's table as HTML: every text escaped, the rows that disagree (False) shaded."""
    esc = html.escape
    body = []
    for cells, matches in rows:
        style = "" if matches else ' style="background:#fdd"'
        body.append(f"<tr{style}>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{esc(c)}</th>" for c in header)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def preview(array: np.ndarray | None, entries: int = 2) -> str:
    """The first entries of an array, e.g. "[0.01234, -0.5, ...]"; "-" for none."""
    if array is None:
        return "-"
    flat = np.ravel(array)
    shown = ", ".join(f"{x:.4g}" for x in flat[:entries])
    return f"[{shown}{', ...' if flat.size > entries else ''}]"


@dataclass
class ComparisonReport:
    """The comparison of autodiff with the course's formulas (or yours), row by row.

    Print it for an aligned table; in a notebook it renders as a table too. ``to_records()``
    gives plain data.

    Attributes:
        rows: one :class:`ComparisonRow` per quantity, in backward order
            (dZ[L], dW[L], db[L], dA[L-1], dZ[L-1], ..., db[1], dA[0]).
        m: the number of examples.
        layer_dims: [n[0], ..., n[L]].
        hidden_activation, output_activation: the activations g[1..L-1] and g[L].
        tolerance: the relative difference up to which a row is "ok".
        formula_label: "reference" (the course's formulas) or "yours" (``manual``).
        skipped: optional quantities your ``manual`` did not return (no row).
        notes: paragraphs printed under the summary, each on its own: how your function was
            read, arrays it changed in place, rows that agree only up to rounding, hidden units
            that start equal (symmetry).
    """

    rows: list[ComparisonRow]
    m: int
    layer_dims: list[int]
    hidden_activation: str
    output_activation: str
    tolerance: float
    formula_label: str = "reference"
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    # --- summary ----------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """True when every row matches and the gradient check, if run, is not "wrong"."""
        check = self.gradient_check
        return all(row.matches for row in self.rows) and (check is None or check[1] != "wrong")

    @property
    def gradient_check(self) -> tuple[float, str] | None:
        """The course's gradient check over all of dW and db at once, or None if not run.

        One relative difference ||g - g_num|| / (||g|| + ||g_num||) between the formula column
        and the finite differences, all dW[l], db[l] flattened into one vector as the course
        does, with its verdict ("fine" <= 1e-7, "look closer" <= 1e-5, "check" <= 1e-3, else
        "wrong"). The per-row values in the table are noisier: centered differences carry an
        absolute error near 1e-10, which is large next to a tiny gradient.
        """
        checked = [row for row in self.rows if row.numeric is not None]
        if not checked:
            return None
        if any(row.formula_shape != row.shape for row in checked):
            return float("inf"), "wrong"
        g = np.concatenate([np.ravel(row.formula) for row in checked])
        g_num = np.concatenate([np.ravel(row.numeric) for row in checked])
        difference = row_relative_difference(g, g_num)
        return difference, gradient_check_verdict(difference)

    @property
    def mismatches(self) -> list[ComparisonRow]:
        """The rows that disagree, in backward order."""
        return [row for row in self.rows if not row.matches]

    @property
    def first_mismatch(self) -> ComparisonRow | None:
        """The first row, in backward order, that disagrees: where the mistake is; or None."""
        mismatches = self.mismatches
        return mismatches[0] if mismatches else None

    @property
    def convention(self) -> str:
        """The one sentence on the 1/m convention printed with the table, or "" when the table
        has no dZ or dA row (week 3's grads: dW and db only, which need no factor)."""
        if not any(row.quantity in ("dZ", "dA") for row in self.rows):
            return ""
        return (
            "The course puts 1/m inside dW and db and starts backprop from the derivatives of "
            "the per-example loss (dZ[L] = A[L] - Y), so its dA[l] and dZ[l] are m times the "
            "dJ/dZ[l], dJ/dA[l] of the mean cost J that "
            f"autodiff computes: the autodiff column shows m * dJ/dZ and m * dJ/dA (m = {self.m}),"
            " so equal numbers mean equal gradients."
        )

    @property
    def has_numeric(self) -> bool:
        """Whether finite differences were computed."""
        return any(row.numeric is not None for row in self.rows)

    # --- plain data -------------------------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: name, quantity, layer, shape, formula_shape, scale, autodiff,
        formula (nested lists), max_abs_difference, relative_difference, absolute_floor,
        matches, verdict, numeric_relative_difference, numeric_verdict, hint."""
        return [
            {
                "name": row.name,
                "quantity": row.quantity,
                "layer": row.layer,
                "shape": row.shape,
                "formula_shape": row.formula_shape,
                "scale": row.scale,
                "autodiff": np.asarray(row.autodiff).tolist(),
                "formula": np.asarray(row.formula).tolist(),
                "max_abs_difference": row.max_abs_difference,
                "relative_difference": row.relative_difference,
                "absolute_floor": row.absolute_floor,
                "matches": row.matches,
                "verdict": row.verdict,
                "numeric_relative_difference": row.numeric_relative_difference,
                "numeric_verdict": row.numeric_verdict,
                "hint": row.hint,
            }
            for row in self.rows
        ]

    # --- text -------------------------------------------------------------------------------
    def _header(self) -> list[str]:
        columns = ["quantity", "shape", "autodiff", self.formula_label, "max |diff|", "rel. diff"]
        columns.append("verdict")
        if self.has_numeric:
            columns += ["FD rel. diff", "grad check"]
        return columns

    def _cells(self, row: ComparisonRow) -> list[str]:
        shape = (
            str(row.shape)
            if row.formula_shape == row.shape
            else (f"{row.shape} vs {row.formula_shape}")
        )
        cells = [
            row.name,
            shape,
            preview(row.autodiff),
            preview(row.formula),
            format_number(row.max_abs_difference),
            format_number(row.relative_difference),
            row.verdict,
        ]
        if self.has_numeric:
            if row.numeric_relative_difference is None:
                cells += ["", ""]
            else:
                cells += [format_number(row.numeric_relative_difference), row.numeric_verdict]
        return cells

    def _title(self) -> str:
        g = (
            self.output_activation
            if len(self.layer_dims) == 2
            else (f"{self.hidden_activation} hidden, {self.output_activation} output")
        )
        who = (
            "the course's formulas (reference)"
            if self.formula_label == "reference"
            else ("your gradients")
        )
        return f"autodiff vs {who}: layer_dims {self.layer_dims}, {g}, m = {self.m}"

    def _summary(self) -> str:
        bad = self.mismatches
        if not bad:
            text = f"All {len(self.rows)} rows agree (relative difference <= {self.tolerance:g})."
        else:
            verb = "disagrees" if len(bad) == 1 else "disagree"
            text = (
                f"{len(bad)} of {len(self.rows)} rows {verb} (relative difference above "
                f"{self.tolerance:g}); the first is {bad[0].name}."
            )
        check = self.gradient_check
        if check is not None:
            text += (
                f" Gradient check of the {self.formula_label} dW and db against finite "
                f"differences (all at once, as the course does): {format_number(check[0])}, "
                f"{check[1]}."
            )
        return text

    @property
    def finding(self) -> Finding | None:
        """The first mismatch with what to show about it (None when every row agrees)."""
        return find_the_bug(
            self.rows, len(self.layer_dims) - 1, self.skipped, self.hidden_activation
        )

    def finding_the_bug(self) -> str:
        """The "Finding the bug" section: the first mismatch, entries side by side, a hint.

        Returns "" when every row agrees.
        """
        finding = self.finding
        return "" if finding is None else _format_finding(finding, self.formula_label)

    def __str__(self) -> str:
        header = self._header()
        body = [self._cells(row) for row in self.rows]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

        def render(cells: list[str]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        lines = [self._title(), "", render(header), render(["-" * w for w in widths])]
        lines += [render(cells) for cells in body]
        lines.append("")
        if self.convention:
            lines.append(textwrap.fill(self.convention, width=100))
        lines.append(textwrap.fill(self._summary(), 100))
        for note in self.notes:
            lines += ["", textwrap.fill(note, 100)]
        section = self.finding_the_bug()
        if section:
            lines += ["", section]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The report as Markdown: a title, the table (mismatches in bold), the "Finding the bug"
        section. Notebooks show it this way."""
        header = self._header()
        lines = [f"**{self._title()}**", ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in header) + " |")
        lines.append("|" + "|".join(" --- " for _ in header) + "|")
        for row in self.rows:
            cells = [c.replace("|", "\\|") for c in self._cells(row)]
            if not row.matches:
                cells[-1 if not self.has_numeric else -3] = f"**{row.verdict}**"
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", self.convention, ""] if self.convention else [""]
        lines.append(self._summary())
        for note in self.notes:
            lines += ["", note]
        section = self.finding_the_bug()
        if section:
            title, *rest = section.split("\n")
            lines += ["", f"### {title}", "", "```text", *rest, "```"]
        return "\n".join(lines)

    def to_html(self) -> str:
        """The report as an HTML fragment: the table with mismatches shaded, the summary and the
        "Finding the bug" section."""
        esc = html.escape
        table = html_table(self._header(), [(self._cells(r), r.matches) for r in self.rows])
        parts = [
            f"<p><b>{esc(self._title())}</b></p>",
            table,
            f"<p>{esc(self.convention)}</p>" if self.convention else "",
            f"<p>{esc(self._summary())}</p>",
            *(f"<p>{esc(note)}</p>" for note in self.notes),
        ]
        parts = [part for part in parts if part]
        section = self.finding_the_bug()
        if section:
            title, *rest = section.split("\n")
            parts.append(f"<h4>{esc(title)}</h4><pre>{esc(chr(10).join(rest))}</pre>")
        return "\n".join(parts)

    _repr_markdown_ = to_markdown  # notebooks (IPython's display protocol)
    _repr_html_ = to_html


def _format_entries(finding: Finding, label: str) -> list[str]:
    """The entries of autodiff and the formula, next to each other, under a caption."""
    row = finding.row
    if row.shape == row.formula_shape:
        caption = f"The {len(finding.entries)} entries of {row.name} {row.shape} that differ most:"
        table = [("entry", "autodiff", label)]
    else:
        caption = f"{row.name}: the shapes differ; the first entries in reading order:"
        table = [("", f"autodiff {row.shape}", f"{label} {row.formula_shape}")]
    table += [
        (
            entry.where,
            "" if entry.autodiff is None else f"{entry.autodiff:.6g}",
            "" if entry.formula is None else f"{entry.formula:.6g}",
        )
        for entry in finding.entries
    ]
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    lines = ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in table]
    return [caption, *lines]


def _format_finding(finding: Finding, label: str) -> str:
    """The "Finding the bug" section of a report."""
    row = finding.row
    lines = [
        "Finding the bug",
        f"The first disagreement in backward order is {row.name} (layer {row.layer}), "
        f"computed by {finding.formula}.",
    ]
    if finding.agreed:
        agreed = f"Everything before it agrees ({', '.join(finding.agreed)})"
        unreturned = ", ".join(finding.unreturned)
        if not finding.unreturned:
            if row.quantity not in ("dZ", "dA"):
                after = f"no other row uses {row.name}"
            elif finding.later_agree:
                after = "every dW and db after it agrees: the wrong values were not used further"
            else:
                after = "rows after it inherit it"
            lines.append(f"{agreed}, so the mistake is in this step ({after}).")
        elif finding.located:
            lines.append(
                f"{agreed}; your grads do not return {unreturned} in between, so the mistake is "
                "in this step or one of those: the hint says which."
            )
        else:
            lines.append(
                f"{agreed}; the mistake is in this step or in {unreturned}, which your grads "
                "do not return."
            )
    lines += ["", *_format_entries(finding, label), "", f"Hint: {finding.hint}"]
    if not finding.located:
        lines += [
            "",
            f"Your grads had no {', '.join(finding.unreturned)}; return them too to tell which "
            "step is wrong.",
        ]
    return "\n".join(lines)
