"""The report of a comparison with PyTorch: one row per tensor, value and gradient side by side.

:class:`TorchRow` holds a tensor's value and gradient from autograd_nn and from PyTorch with
their differences; :class:`TorchReport` lines the rows up in backward order (J first, the
leaves last, as backprop visits them), as an aligned text table, Markdown or HTML (notebooks
show it as a table), and ends with the section that locates the first disagreement. It is the
style of :class:`autograd_nn.compare.ComparisonReport`, with PyTorch in the place of the
course's formulas.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..compare.report import format_number, html_table, preview
from ..compare.rows import differences

TOLERANCES = {np.dtype(np.float64): 1e-10, np.dtype(np.float32): 1e-5}
"""The relative difference up to which two values or gradients agree, by dtype."""


def tolerance_for(dtype: Any) -> float:
    """1e-10 for float64 (rounding only), 1e-5 for float32."""
    return TOLERANCES.get(np.dtype(dtype), 1e-5)


@dataclass
class TorchRow:
    """One tensor: its value and gradient from autograd_nn and from PyTorch.

    Attributes:
        name: the tensor's name ("Z1", "J") or, unnamed, the op and its inputs ("mul(b, c)").
        made_by: the op that made it and its PyTorch counterpart ("matmul: x @ y"), or "leaf".
        shape: the shape in autograd_nn's layout (the course's: one example per column).
        value, torch_value: the two values (PyTorch's in autograd_nn's layout).
        gradient, torch_gradient: dJ/d(tensor) from each, None for a tensor that needs none.
        tolerance: the relative difference up to which they agree.
        convention: for a disagreement at an op where PyTorch's convention differs from
            autograd_nn's at a non-differentiable point, what differs ("" otherwise).
        value_floor, gradient_floor: differences up to which entries agree whatever their
            relative difference: the tolerance times the largest value (gradient) of the whole
            comparison. A quantity that is zero up to rounding (the gradient of a shift that
            softmax ignores) has a relative difference near 1 between two libraries; its
            rounding noise is far below this floor.
    """

    name: str
    made_by: str
    shape: tuple[int, ...]
    value: np.ndarray
    torch_value: np.ndarray
    gradient: np.ndarray | None
    torch_gradient: np.ndarray | None
    tolerance: float
    convention: str = ""
    value_floor: float = 0.0
    gradient_floor: float = 0.0
    value_max_abs: float = field(init=False)
    value_difference: float = field(init=False)
    gradient_max_abs: float | None = field(init=False)
    gradient_difference: float | None = field(init=False)

    def __post_init__(self) -> None:
        self.value_max_abs, self.value_difference = _compare(self.value, self.torch_value)
        if self.gradient is None and self.torch_gradient is None:
            self.gradient_max_abs = self.gradient_difference = None
        elif self.gradient is None or self.torch_gradient is None:
            self.gradient_max_abs = self.gradient_difference = float("inf")
        else:
            self.gradient_max_abs, self.gradient_difference = _compare(
                self.gradient, self.torch_gradient
            )

    @property
    def value_matches(self) -> bool:
        """The values agree (same shape, relative difference within the tolerance)."""
        return self.value_difference <= self.tolerance or self.value_max_abs <= self.value_floor

    @property
    def gradient_matches(self) -> bool:
        """The gradients agree, or neither library has one (a data tensor)."""
        if self.gradient_difference is None:
            return True
        return (
            self.gradient_difference <= self.tolerance
            or self.gradient_max_abs <= self.gradient_floor  # (inf for a missing gradient)
        )

    @property
    def matches(self) -> bool:
        """Value and gradient both agree."""
        return self.value_matches and self.gradient_matches

    @property
    def verdict(self) -> str:
        """ "ok", "VALUE", "GRADIENT" or "VALUE, GRADIENT"."""
        checks = (("VALUE", self.value_matches), ("GRADIENT", self.gradient_matches))
        wrong = [what for what, ok in checks if not ok]
        return ", ".join(wrong) if wrong else "ok"


def agree(ours: Any, theirs: Any, tolerance: float, floor: float = 0.0) -> bool:
    """Two arrays of one shape whose relative difference is at most ``tolerance``, or whose
    entries differ by at most ``floor``."""
    max_abs, relative = _compare(ours, theirs)
    return relative <= tolerance or max_abs <= floor


def set_floors(rows: list[TorchRow]) -> None:
    """Give every row its floors: its tolerance times the largest finite value (gradient) of
    all the rows."""
    values = [_largest(row.value) for row in rows] + [_largest(row.torch_value) for row in rows]
    gradients = [_largest(row.gradient) for row in rows]
    gradients += [_largest(row.torch_gradient) for row in rows]
    for row in rows:
        row.value_floor = row.tolerance * max(values, default=0.0)
        row.gradient_floor = row.tolerance * max(gradients, default=0.0)


def _largest(array: Any) -> float:
    """The largest finite |entry| of an array (0 for None or no finite entry)."""
    if array is None:
        return 0.0
    finite = np.abs(np.asarray(array, dtype=float))
    finite = finite[np.isfinite(finite)]
    return float(finite.max()) if finite.size else 0.0


def _compare(ours: Any, theirs: Any) -> tuple[float, float]:
    """(max |difference|, relative difference); infinite when the shapes differ."""
    if np.shape(ours) != np.shape(theirs):
        return float("inf"), float("inf")
    max_abs, relative = differences(np.asarray(ours), np.asarray(theirs))
    return max_abs, (float("inf") if np.isnan(relative) else relative)


@dataclass
class TorchReport:
    """autograd_nn against PyTorch, tensor by tensor, in backward order.

    Print it for an aligned table; a notebook shows it as a table (``_repr_html_``);
    ``to_records()`` gives plain data.

    Attributes:
        title: what was compared, e.g. "autograd_nn vs PyTorch: J = 3 * v, 7 tensors".
        rows: one :class:`TorchRow` per tensor, J first, in backward order.
        finding: the section locating the first disagreement ("" when every row agrees).
        notes: sentences on how the comparison was made.
    """

    title: str
    rows: list[TorchRow]
    finding: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every value and every gradient agrees."""
        return all(row.matches for row in self.rows)

    @property
    def mismatches(self) -> list[TorchRow]:
        """The rows that disagree, in backward order."""
        return [row for row in self.rows if not row.matches]

    def __bool__(self) -> bool:
        return self.ok

    def __getitem__(self, name: str) -> TorchRow:
        """The row of the tensor named ``name`` (the first one, if several share it)."""
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no tensor named {name!r} in this report")

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: name, made_by, shape, value_difference, gradient_difference
        (relative), value_max_abs, gradient_max_abs, matches, verdict."""
        return [
            {
                "name": row.name,
                "made_by": row.made_by,
                "shape": row.shape,
                "value_difference": row.value_difference,
                "value_max_abs": row.value_max_abs,
                "gradient_difference": row.gradient_difference,
                "gradient_max_abs": row.gradient_max_abs,
                "matches": row.matches,
                "verdict": row.verdict,
            }
            for row in self.rows
        ]

    def summary(self) -> str:
        """One sentence: how many rows agree, and the first that does not."""
        bad = self.mismatches
        if not bad:
            text = (
                f"All {len(self.rows)} tensors agree in value and gradient (relative "
                f"difference <= {_tolerances(self.rows)}, or a difference below that times the "
                "largest value or gradient: rounding)."
            )
        else:
            verb = "disagrees" if len(bad) == 1 else "disagree"
            text = f"{len(bad)} of {len(self.rows)} tensors {verb}."
        return " ".join([text, *self.notes])

    # --- rendering -------------------------------------------------------------------------
    HEADER = (
        "tensor",
        "made by",
        "shape",
        "value rel. diff",
        "grad (autograd_nn)",
        "grad (PyTorch)",
        "grad rel. diff",
        "verdict",
    )

    def _cells(self, row: TorchRow) -> list[str]:
        return [
            row.name,
            row.made_by,
            str(row.shape),
            format_number(row.value_difference),
            preview(row.gradient),
            preview(row.torch_gradient),
            format_number(row.gradient_difference),
            row.verdict,
        ]

    def __str__(self) -> str:
        body = [self._cells(row) for row in self.rows]
        widths = [max(len(line[i]) for line in [self.HEADER, *body]) for i in range(8)]

        def render(cells: Any) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        lines = [self.title, "", render(self.HEADER), render(["-" * w for w in widths])]
        lines += [render(cells) for cells in body]
        lines += ["", textwrap.fill(self.summary(), 100)]
        if self.finding:
            lines += ["", self.finding]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The report as Markdown: title, table (disagreements in bold), the finding."""
        lines = [f"**{self.title}**", ""]
        lines.append("| " + " | ".join(self.HEADER) + " |")
        lines.append("|" + "|".join(" --- " for _ in self.HEADER) + "|")
        for row in self.rows:
            cells = [c.replace("|", "\\|") for c in self._cells(row)]
            if not row.matches:
                cells[-1] = f"**{cells[-1]}**"
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", self.summary()]
        if self.finding:
            title, *rest = self.finding.split("\n")
            lines += ["", f"### {title}", "", "```text", *rest, "```"]
        return "\n".join(lines)

    def to_html(self) -> str:
        """The report as an HTML fragment (every text escaped), disagreements shaded."""
        esc = html.escape
        table = html_table(self.HEADER, [(self._cells(r), r.matches) for r in self.rows])
        parts = [
            f"<p><b>{esc(self.title)}</b></p>",
            table,
            f"<p>{esc(self.summary())}</p>",
        ]
        if self.finding:
            title, *rest = self.finding.split("\n")
            parts.append(f"<h4>{esc(title)}</h4><pre>{esc(chr(10).join(rest))}</pre>")
        return "\n".join(parts)

    _repr_markdown_ = to_markdown
    _repr_html_ = to_html


def _tolerances(rows: list[TorchRow]) -> str:
    """The tolerances used, e.g. "1e-10" or "1e-10 (float64), 1e-05 (float32)"."""
    used = sorted({row.tolerance for row in rows})
    return ", ".join(f"{t:g}" for t in used) if used else "0"


def differing_entries(ours: np.ndarray, theirs: np.ndarray, count: int = 3) -> list[str]:
    """The ``count`` entries where two arrays of one shape differ most, as aligned lines
    ``(0, 1)  autograd_nn 0.25  PyTorch 0.5``."""
    a, b = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    if a.shape != b.shape:
        return [f"  shapes differ: autograd_nn {a.shape}, PyTorch {b.shape}"]
    with np.errstate(invalid="ignore", over="ignore"):
        gap = np.abs(a - b)
    gap = np.where(np.isnan(gap), np.inf, gap)
    order = np.argsort(-gap, axis=None, kind="stable")[:count]
    table = [("entry", "autograd_nn", "PyTorch")]
    for flat in order:
        where = np.unravel_index(flat, a.shape) if a.ndim else ()
        table.append((str(tuple(int(i) for i in where)), f"{a[where]:.10g}", f"{b[where]:.10g}"))
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    return ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in table]
