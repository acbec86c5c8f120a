"""Finding the bug: where a learner's backprop first disagrees, and what the mistake looks like.

The first row, in backward order, that disagrees is where the mistake is, since each quantity
is computed from the ones before it. :func:`finding_the_bug` shows it with a few entries side
by side; the hints recognise the usual mistakes: a missing 1/m, 1/m applied twice, a wrong
sign, a transposed dW, db without ``keepdims=True``, a forgotten g'(Z), g' evaluated at A, or
Z put where A belongs in g'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .. import reference
from ..gradcheck import relative_difference

if TYPE_CHECKING:
    from .report import ComparisonReport, ComparisonRow

SHOWN_ENTRIES = 4  # entries shown side by side in "Finding the bug"


FORMULAS = {
    "dZ": "dZ[l] = dA[l] * g[l]'(Z[l])",
    "dW": "dW[l] = (1/m) dZ[l] A[l-1]^T",
    "db": "db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)",
    "dA": "dA[l-1] = W[l]^T dZ[l]",
}


def _side_by_side(row: ComparisonRow, label: str) -> list[str]:
    """A few entries of autodiff and the formula, next to each other."""
    ours, theirs = np.asarray(row.autodiff), np.asarray(row.formula)
    if ours.shape == theirs.shape:
        difference = np.abs(ours - theirs)
        difference = np.where(np.isnan(difference), np.inf, difference)
        order = np.argsort(-difference, axis=None, kind="stable")[:SHOWN_ENTRIES]
        indices = sorted(np.unravel_index(i, ours.shape) for i in order)
        rows = [("entry", "autodiff", label)]
        rows += [
            (str(tuple(int(k) for k in ix)), f"{ours[ix]:.6g}", f"{theirs[ix]:.6g}")
            for ix in indices
        ]
        caption = f"The {len(indices)} entries of {row.name} {ours.shape} that differ most:"
    else:
        rows = [("", f"autodiff {ours.shape}", f"{label} {theirs.shape}")]
        a, b = np.ravel(ours), np.ravel(theirs)
        for i in range(min(SHOWN_ENTRIES, max(a.size, b.size))):
            rows.append(
                (
                    f"[{i}]",
                    f"{a[i]:.6g}" if i < a.size else "",
                    f"{b[i]:.6g}" if i < b.size else "",
                )
            )
        caption = f"{row.name}: the shapes differ; the first entries in reading order:"
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    table = ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return [caption, *table]


def finding_the_bug(report: ComparisonReport) -> str:
    """The "Finding the bug" section of a report: the first mismatch, entries side by side,
    a hint, and the optional quantities your ``manual`` did not return.

    Returns "" when every row agrees (this is :meth:`ComparisonReport.finding_the_bug`).
    """
    row = report.first_mismatch
    if row is None:
        return ""
    agreed = [r.name for r in report.rows[: report.rows.index(row)]]
    formula = FORMULAS[row.quantity]
    if row.name == f"dZ{len(report.layer_dims) - 1}":
        formula = "dZ[L] = A[L] - Y"
    lines = [
        "Finding the bug",
        f"The first disagreement in backward order is {row.name} (layer {row.layer}), "
        f"computed by {formula}.",
    ]
    if agreed:
        after = (
            "rows after it inherit it"
            if row.quantity in ("dZ", "dA")
            else f"no other row uses {row.name}"
        )
        lines.append(
            f"Everything before it agrees ({', '.join(agreed)}), so the mistake is in this "
            f"step ({after})."
        )
    lines += ["", *_side_by_side(row, report.formula_label)]
    if row.hint:
        lines += ["", f"Hint: {row.hint}"]
    if report.skipped:
        lines += [
            "",
            f"Your grads had no {', '.join(report.skipped)}; return them too to narrow the "
            "search down.",
        ]
    return "\n".join(lines)


# --- Hints: what a disagreement looks like ------------------------------------------------------


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    if not np.any(a) and not np.any(b):
        return True
    return relative_difference(a, b) <= 1e-6


@dataclass(frozen=True)
class _LayerContext:
    """What a hint needs about layer l, from the (correct) reference pass."""

    m: int
    activation: str
    Z: np.ndarray  # Z[l]
    A: np.ndarray  # A[l]
    upstream: np.ndarray | None  # the course's correct dA[l] (None for l = L with a sigmoid output)
    is_output: bool


def _hint(
    name: str,
    quantity: str,
    layer: int,
    correct: np.ndarray,
    yours: np.ndarray,
    context: _LayerContext,
) -> str:
    """A sentence on how ``yours`` differs from ``correct`` (the course's convention)."""
    m = context.m
    l = layer
    label = {"dZ": f"dZ[{l}]", "dW": f"dW[{l}]", "db": f"db[{l}]", "dA": f"dA[{l - 1}]"}[quantity]
    if yours.shape != correct.shape:
        if quantity == "db" and yours.shape == (correct.shape[0],):
            values = (
                " (its values are right)" if _close(yours.reshape(correct.shape), correct) else ""
            )
            n = correct.shape[0]
            trap = (
                f" A ({n},) db would broadcast against b{l} {correct.shape} into an {(n, n)} "
                "update."
                if n > 1
                else ""
            )
            return (
                f"{name} has shape {yours.shape}, a rank-1 array{values}: db[{l}] must be "
                f"(n[{l}], 1) = {correct.shape}; write np.sum(dZ{l}, axis=1, keepdims=True).{trap}"
            )
        if yours.shape == correct.T.shape:
            if quantity == "dW":
                return (
                    f"{name} is transposed: {yours.shape} instead of (n[{l}], n[{l - 1}]) = "
                    f"{correct.shape}; dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T, not "
                    f"(1/m) A[{l - 1}] dZ[{l}]^T."
                )
            return f"{name} is transposed: {yours.shape} instead of {correct.shape}."
        return f"{name} must have the shape of {label[1:]}, {correct.shape}, got {yours.shape}."
    if quantity in ("dW", "db") and _close(yours, m * correct):
        return f"{name} is m = {m} times too large: the 1/m of {FORMULAS[quantity]} is missing."
    if _close(yours, correct / m) and m != 1:
        return (
            f"{name} is m = {m} times too small: 1/m applied twice? In the course's convention "
            "only dW and db carry 1/m; dZ and dA do not."
        )
    if _close(yours, -correct):
        return f"{name} has the wrong sign (dZ[L] = A[L] - Y, not Y - A[L])."
    if quantity == "dW" and yours.shape == correct.T.shape and _close(yours, correct.T):
        return (
            f"{name} is transposed (a square layer, so the shapes did not catch it): "
            f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T, not (1/m) A[{l - 1}] dZ[{l}]^T."
        )
    if quantity == "dZ" and context.upstream is not None:
        g = context.activation
        backward = reference.ACTIVATIONS[g][1]
        dA = context.upstream
        if _close(yours, dA):
            return (
                f"{name} equals dA[{l}]: g'(Z[{l}]) is missing; dZ[{l}] = dA[{l}] * g'(Z[{l}]) "
                f"with g = {g}."
            )
        if _close(yours, dA * context.A):
            return (
                f"{name} equals dA[{l}] * A[{l}]: that multiplies by g(Z[{l}]) = A[{l}]; the "
                f"rule needs the derivative, dZ[{l}] = dA[{l}] * g'(Z[{l}]) with g = {g}."
            )
        with np.errstate(all="ignore"):
            at_A = backward(dA, context.A)
        if _close(yours, at_A):
            return (
                f"{name} equals dA[{l}] * g'(A[{l}]): g' is evaluated at A[{l}]; it must be "
                f"evaluated at Z[{l}] (the cached pre-activation), g = {g}."
            )
        Z = context.Z
        in_terms_of_A = {"tanh": ("1 - A^2", 1 - Z**2), "sigmoid": ("A (1 - A)", Z * (1 - Z))}
        if g in in_terms_of_A and _close(yours, dA * in_terms_of_A[g][1]):
            return (
                f"{name} uses Z[{l}] where A[{l}] belongs: {g}'s derivative g'(Z) = "
                f"{in_terms_of_A[g][0]} is written with A[{l}] = g(Z[{l}]); you put Z[{l}] in it."
            )
    if quantity in ("dW", "db", "dA"):
        return (
            f"recheck {FORMULAS[quantity]}; its inputs (the rows before it) agree, or you did "
            "not return them."
        )
    if context.is_output:
        return "recheck dZ[L] = A[L] - Y (the sigmoid output with the logistic loss)."
    return f"recheck {FORMULAS['dZ']} with g = {context.activation}."
