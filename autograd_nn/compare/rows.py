"""One row of the comparison: a quantity of backprop, autodiff's value next to the formula's.

:class:`ComparisonRow` holds dZ[l], dW[l], db[l] or dA[l-1] with both values, their differences
and the verdicts; :mod:`~autograd_nn.compare.diagnosis` reads rows to find the bug and
:mod:`~autograd_nn.compare.report` lines them up in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..gradcheck import relative_difference
from ..gradcheck import verdict as gradient_check_verdict

FLOOR_RATIO = 1e-12
"""Entries below this times the size of the numbers their formula multiplies, in both columns,
count as equal (:func:`floor_of`).

Two correct computations of dW[l] = (1/m) dZ[l] A[l-1]^T that add the same terms in another
order differ by rounding, about 1e-16 times the terms; where the true value is 0 (the zero
initialization: dZ[2] = +-0.5 against A[1] = 0.5 everywhere) one gives 0 and the other 2e-17,
a relative difference of 1. Next to terms of size 0.25 that is rounding, not a mistake.
"""

UNDERFLOW_FLOOR = float(np.finfo(np.float64).tiny)
"""2.2e-308, the smallest normal float64: entries below it in both columns count as equal.

Below it the subnormal numbers keep fewer and fewer significant bits, down to one at 4.9e-324.
The vanishing gradients of a deep network (300 layers with the course's randn * 0.01) end
there, where two correct computations differ by a few units of 4.9e-324: a relative difference
far above any tolerance, and nothing a learner could have done wrong.
"""


@dataclass(frozen=True)
class ComparisonRow:
    """One quantity of backprop: autodiff against the formula (the reference's, or yours).

    Attributes:
        name: the course's name, e.g. "dW2", "db2", "dZ2", "dA1".
        quantity: "dZ", "dW", "db" or "dA". layer: l of dZ[l], dW[l], db[l]; for dA[l-1] the
            layer l whose backward step produced it (so "dA1" belongs to layer 2); dA[L], where
            backprop starts, belongs to layer L.
        shape: the shape of the quantity (autodiff's), e.g. (n[l], n[l-1]) for dW[l].
        autodiff: autodiff's value in the course's convention (dZ, dA times ``scale``).
        formula: the formula's value (``formula_shape`` may differ from ``shape``).
        scale: m for dZ and dA (autodiff's dJ/dZ is multiplied by m), 1 for dW and db.
        max_abs_difference, relative_difference: of autodiff and formula (inf on a shape error).
        matches: relative_difference <= the tolerance, and the shapes agree.
        numeric: centered finite differences of J (dW and db, when asked), else None.
        numeric_relative_difference: formula against numeric, the course's gradient check.
        numeric_resolution: the absolute difference finite differences cannot resolve
            (``FD_RESOLUTION`` * max(1, |J|)).
        hint: for a mismatch, what the disagreement looks like (e.g. "m times too large").
        absolute_floor: entries below it in both columns counted as equal
            (:func:`floor_of`: rounding next to 0, or subnormal numbers).
    """

    name: str
    quantity: str
    layer: int
    shape: tuple[int, ...]
    autodiff: np.ndarray
    formula: np.ndarray
    scale: float
    max_abs_difference: float
    relative_difference: float
    matches: bool
    numeric: np.ndarray | None = None
    numeric_relative_difference: float | None = None
    numeric_resolution: float | None = None
    hint: str = ""
    absolute_floor: float = 0.0

    @property
    def formula_shape(self) -> tuple[int, ...]:
        """The shape of the formula's value (differs from ``shape`` on a shape mistake)."""
        return tuple(np.shape(self.formula))

    @property
    def verdict(self) -> str:
        """ "ok", "MISMATCH" or "wrong shape"."""
        if self.matches:
            return "ok"
        return "wrong shape" if self.formula_shape != self.shape else "MISMATCH"

    @property
    def numeric_verdict(self) -> str | None:
        """The course's gradient-check reading: "fine", "look closer", "check" or "wrong".

        "fine (FD noise)" when formula and finite differences differ by no more than finite
        differences can resolve (``numeric_resolution``), however small the gradient.
        """
        if self.numeric_relative_difference is None:
            return None
        verdict = gradient_check_verdict(self.numeric_relative_difference)
        if verdict != "fine" and self.numeric is not None and self.numeric_resolution is not None:
            if np.shape(self.formula) == np.shape(self.numeric):
                gap = float(np.max(np.abs(self.formula - self.numeric), initial=0.0))
                if gap <= self.numeric_resolution:
                    return "fine (FD noise)"
        return verdict


def _shared_non_finite_as_zero(
    g1: Any, g2: Any, floor: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Both as float arrays, with 0 where both hold the same infinity, both hold NaN, or both
    are at most ``floor`` in size."""
    g1, g2 = np.asarray(g1, dtype=float), np.asarray(g2, dtype=float)
    same = (np.isinf(g1) & (g1 == g2)) | (np.isnan(g1) & np.isnan(g2))
    if floor > 0:
        same |= (np.abs(g1) <= floor) & (np.abs(g2) <= floor)
    return np.where(same, 0.0, g1), np.where(same, 0.0, g2)


def row_relative_difference(g1: np.ndarray, g2: np.ndarray, floor: float = 0.0) -> float:
    """||g1 - g2|| / (||g1|| + ||g2||) as a row reports it: gradcheck's relative difference
    (0 when both are zero, at any magnitude of the entries), where entries that are the same
    infinity in both, NaN in both, or at most ``floor`` in size in both count as equal.

    The course's dA[L] = -(Y / A - (1 - Y) / (1 - A)) is infinite or 0/0 where A[L] saturates
    to exactly 0 or 1, and so is autodiff's: those entries agree. Any other infinity or NaN
    gives NaN (a mismatch). ``floor`` (see :func:`floor_of`) keeps 2e-17 against 0 from
    reading as a relative difference of 1.
    """
    return relative_difference(*_shared_non_finite_as_zero(g1, g2, floor))


def differences(ours: np.ndarray, theirs: np.ndarray, floor: float = 0.0) -> tuple[float, float]:
    """(max |ours - theirs|, :func:`row_relative_difference`) of two arrays of one shape.

    Entries that are the same infinity, or NaN, in both count as a difference of 0 (in the
    maximum too); entries within ``floor`` count as equal in the relative difference only, so
    the maximum still shows the rounding.
    """
    a, b = _shared_non_finite_as_zero(ours, theirs)
    with np.errstate(all="ignore"):  # a huge difference may overflow to inf
        max_abs = float(np.max(np.abs(a - b), initial=0.0))
    return max_abs, row_relative_difference(ours, theirs, floor)


def floor_of(*factors: np.ndarray) -> float:
    """The absolute floor of a row: :data:`FLOOR_RATIO` times the product of the largest finite
    entry of each factor of its formula, and never below :data:`UNDERFLOW_FLOOR`.

    The factors are the course's (correct) values the formula multiplies: dZ[l] and A[l-1] for
    dW[l] = (1/m) dZ[l] A[l-1]^T, dZ[l] for db[l], W[l] and dZ[l] for dA[l-1] = W[l]^T dZ[l],
    dA[l] for dZ[l] = dA[l] * g'(Z[l]) (|g'| <= 1 for the course's activations), so the floor
    has the units of the row and scales with it.

    >>> floor_of(np.array([[0.5, -0.5]]), np.array([[0.5], [0.5]]))  # dZ[2], A[1]^T
    2.5e-13
    """
    size = FLOOR_RATIO
    for factor in factors:
        finite = np.abs(factor[np.isfinite(factor)])
        size *= float(np.max(finite, initial=0.0))
    return max(size, UNDERFLOW_FLOOR)


def backward_order(L: int) -> list[str]:
    """The quantities of backprop in the order it computes them, one row each.

    dA[L], then for l = L..1: dZ[l], dW[l], db[l], dA[l-1]; e.g. for L = 2:
    ["dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1", "dA0"].
    """
    steps = [name for l in range(L, 0, -1) for name in (f"dZ{l}", f"dW{l}", f"db{l}", f"dA{l - 1}")]
    return [f"dA{L}", *steps]
