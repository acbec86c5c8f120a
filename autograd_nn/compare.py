"""Autodiff next to the course's hand-derived backprop, quantity by quantity, in backward order.

``compare(parameters, X, Y)`` runs the L-layer network twice on the same numbers:

* **autodiff**: the forward pass written with Tensor operations (for l = 1..L,
  Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]); J = logistic_loss(Z[L], Y).mean() for the
  sigmoid output), then ``J.backward()``, which leaves dJ/dW[l], dJ/db[l], dJ/dZ[l], dJ/dA[l]
  on the recorded tensors;
* **the formulas**: :func:`autograd_nn.reference.L_model_backward` (the course's vectorized
  backprop), or your own hand-written gradient function (``manual=``).

and reports, for l = L..1, the rows dZ[l], dW[l], db[l], dA[l-1] (backward order): shape, the
two values, max absolute difference, relative difference ||g1 - g2|| / (||g1|| + ||g2||) and a
verdict at the tolerance. Optionally a third check runs centered finite differences on dW[l],
db[l] (the course's gradient check: about 1e-7 fine, 1e-5 look closer, 1e-3 wrong).

The 1/m convention. The course applies 1/m inside dW and db only and seeds backprop with
dZ[L] = A[L] - Y, the derivative of the per-example loss::

    dZ[l] = dA[l] * g[l]'(Z[l])                           (n[l], m)
    dW[l] = (1/m) dZ[l] A[l-1]^T                          (n[l], n[l-1])
    db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)    (n[l], 1)
    dA[l-1] = W[l]^T dZ[l]                                (n[l-1], m)

so its dW[l], db[l] are the partials of the mean cost J, but its dZ[l] and dA[l] are m times
dJ/dZ[l] and dJ/dA[l], which is what autodiff computes. The report therefore shows
m * dJ/dZ[l] and m * dJ/dA[l] in the autodiff column (``scale`` = m in the records), so equal
numbers mean equal gradients and no row is a false mismatch. dA[L] gets no row: the cost is
computed stably from Z[L], so A[L] is not on autodiff's path to J.

Your own gradients (``manual=``). ``manual(parameters, X, Y)`` gets copies of the course's
``parameters`` dict and of X, Y, and returns a ``grads`` dict like the course's: dW1, db1, ...,
dWL, dbL are required; dZ1, ..., dZL and dA0, ..., dA{L-1} are optional and compared when
present (they narrow down where a mistake is). With ``manual`` the formula column is "yours"
instead of "reference", and every row checks your value against autodiff (which the test suite
checks against the reference to 1e-10). A value of the wrong shape is a finding, not an error:
its row says "wrong shape" and the hint says which shape the course's formula gives.

Finding the bug. :attr:`ComparisonReport.first_mismatch` is the first row, in backward order,
that disagrees: since each quantity is computed from the ones before it, that is where your
mistake is. The report prints it with a few entries side by side and a hint (a missing 1/m, a
transposed product, db without ``keepdims=True``, a forgotten g'(Z), g' evaluated at A, ...).

>>> import numpy as np
>>> from autograd_nn import reference
>>> parameters = reference.initialize_parameters_deep([2, 3, 1], seed=1, scale=0.5)
>>> rng = np.random.RandomState(0)
>>> X, Y = rng.randn(2, 5), (rng.rand(1, 5) > 0.5).astype(float)
>>> report = compare(parameters, X, Y, hidden_activation="tanh")
>>> " ".join(row.name for row in report.rows)
'dZ2 dW2 db2 dA1 dZ1 dW1 db1 dA0'
>>> report.ok, report.first_mismatch
(True, None)
"""

from __future__ import annotations

import argparse
import html
import importlib
import importlib.util
import pathlib
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import reference
from .errors import AutogradError
from .functions import logistic_loss
from .gradcheck import FINE, LOOK_CLOSER, WRONG, gradcheck, relative_difference
from .graph import no_grad, scope
from .tensor import Tensor

__all__ = [
    "ComparisonError",
    "ComparisonReport",
    "ComparisonRow",
    "ManualGradientError",
    "add_compare_command",
    "autodiff_grads",
    "compare",
    "run_compare_command",
]

Parameters = dict[str, np.ndarray]
ManualGradients = Callable[[Parameters, np.ndarray, np.ndarray], Mapping[str, Any]]

DEFAULT_TOLERANCE = 1e-7
SHOWN_ENTRIES = 4  # entries shown side by side in "Finding the bug"
FD_RESOLUTION = 1e-8
"""Finite differences resolve a gradient to about this times max(1, |J|), absolutely.

Centered differences with eps = 1e-6 in float64 carry a rounding error near
1e-16 |J| / 1e-6 = 1e-10 |J| per entry; this keeps a 100x margin. A row whose formula and finite
differences differ by less is read "fine (FD noise)" whatever its relative difference: next to
a gradient of 1e-7 that noise alone is a relative difference of 1e-3.
"""


class ComparisonError(AutogradError, ValueError):
    """Inputs that ``compare`` cannot line up: X, Y, parameters or activations (course terms)."""


class ManualGradientError(ComparisonError):
    """Your ``manual`` gradient function failed, or returned something that is not a grads dict."""


# --- Inputs, checked in course terms ------------------------------------------------------------


def _as_array(value: Any, what: str) -> np.ndarray:
    """A float64 copy of a numpy array, nested list or Tensor, or a ComparisonError."""
    data = value.data if isinstance(value, Tensor) else value
    try:
        array = np.array(data, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ComparisonError(
            f"{what} must be an array of numbers, got {type(value).__name__}"
        ) from exc
    return array


def _check_data(X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
    """X as (n_x, m) and Y as (1, m), float64 copies."""
    X = _as_array(X, "X")
    Y = _as_array(Y, "Y")
    if X.ndim != 2:
        raise ComparisonError(f"X must be (n_x, m), one example per column, got shape {X.shape}")
    m = X.shape[1]
    if m == 0 or X.shape[0] == 0:
        raise ComparisonError(
            f"X {X.shape} is empty: it needs n_x >= 1 features and m >= 1 examples"
        )
    if Y.shape != (1, m):
        if Y.shape == (m,):
            hint = ": a rank-1 array; use Y.reshape(1, m)"
        elif Y.shape == (m, 1):
            hint = ": one label per row; use Y.T"
        else:
            hint = ""
        raise ComparisonError(f"Y must be (1, m) = (1, {m}) for X {X.shape}, got {Y.shape}{hint}")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
        raise ComparisonError("X and Y must be finite numbers (no NaN or infinity)")
    return X, Y


def _check_parameters(parameters: Any, n_x: int) -> tuple[Parameters, list[int]]:
    """The parameters dict as float64 copies, and layer_dims = [n[0], ..., n[L]]."""
    if not isinstance(parameters, Mapping):
        raise ComparisonError(
            "parameters must be a dict keyed W1, b1, ..., WL, bL (the course's parameters), "
            f"got {type(parameters).__name__}"
        )
    L = sum(1 for key in parameters if isinstance(key, str) and key.startswith("W"))
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    missing = [key for key in expected if key not in parameters]
    extra = [str(key) for key in parameters if key not in expected]
    if L == 0 or missing or extra:
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"unexpected {', '.join(extra)}"] if extra else []
        if L == 0:
            parts.append("no W1")
        raise ComparisonError(
            f"parameters must be keyed W1, b1, ..., WL, bL: {'; '.join(parts)} "
            f"(got keys {', '.join(map(str, parameters))})"
        )
    arrays: Parameters = {}
    layer_dims = [n_x]
    for l in range(1, L + 1):
        W = _as_array(parameters[f"W{l}"], f"W{l}")
        b = _as_array(parameters[f"b{l}"], f"b{l}")
        if W.ndim != 2 or W.shape[1] != layer_dims[l - 1]:
            source = "n_x, the rows of X" if l == 1 else f"the rows of W{l - 1}"
            raise ComparisonError(
                f"W{l} must be (n[{l}], n[{l - 1}]) with n[{l - 1}] = {layer_dims[l - 1]} "
                f"({source}), got {W.shape}"
            )
        if b.shape != (W.shape[0], 1):
            raise ComparisonError(f"b{l} must be (n[{l}], 1) = ({W.shape[0]}, 1), got {b.shape}")
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            raise ComparisonError(f"W{l} and b{l} must be finite numbers (no NaN or infinity)")
        arrays[f"W{l}"], arrays[f"b{l}"] = W, b
        layer_dims.append(W.shape[0])
    if layer_dims[-1] != 1:
        raise ComparisonError(
            f"the output layer must have n[{L}] = 1 unit (one sigmoid output per label in Y of "
            f"shape (1, m)), but W{L} is {arrays[f'W{L}'].shape}"
        )
    return arrays, layer_dims


def _check_output(name: Any) -> str:
    if name != "sigmoid":
        raise ComparisonError(
            "output_activation must be 'sigmoid': compare follows the course's binary "
            f"classifier (a sigmoid output and the logistic cost), got {name!r}"
        )
    return name


def _check_activation(name: Any, role: str) -> str:
    if not isinstance(name, str) or name not in reference.ACTIVATIONS:
        known = ", ".join(repr(known) for known in reference.ACTIVATIONS)
        raise ComparisonError(
            f"{role} must be one of {known} (the course's formulas), got {name!r}"
        )
    return name


def _from_model(model: Any) -> tuple[Any, str | None, str | None]:
    """(parameters, hidden activation, output activation) of an nn Model, duck-typed.

    Parameters: a ``get_parameters()`` dict of arrays, else a ``parameters()`` (or
    ``parameters`` attribute) dict of Tensors or arrays keyed W1, b1, ... . Activations: the
    model's ``layers``, each with an ``activation_name`` (or a string ``activation``); the
    hidden layers must share one activation.
    """
    parameters: Any = None
    for attribute in ("get_parameters", "parameters"):
        export = getattr(model, attribute, None)
        if export is None:
            continue
        export = export() if callable(export) else export
        if isinstance(export, Mapping):
            parameters = export
            break
    if parameters is None:
        raise ComparisonError(
            f"compare needs the course's parameters dict (W1, b1, ..., WL, bL) or a model with "
            f"get_parameters() or parameters() returning one, got {type(model).__name__}"
        )
    names: list[str] = []
    for layer in getattr(model, "layers", None) or []:
        name = getattr(layer, "activation_name", None)
        if name is None and isinstance(getattr(layer, "activation", None), str):
            name = layer.activation
        if name is None:
            return parameters, None, None
        names.append(name)
    if not names:
        return parameters, None, None
    hidden = set(names[:-1])
    if len(hidden) > 1:
        raise ComparisonError(
            f"the hidden layers use different activations {names[:-1]}; compare follows the "
            "course's L-layer network, one activation g for layers 1..L-1"
        )
    return parameters, (names[0] if len(names) > 1 else None), names[-1]


# --- The autodiff side --------------------------------------------------------------------------


def _activate(Z: Tensor, name: str) -> Tensor:
    """A = g(Z) with Tensor operations (leaky ReLU slope 0.01, as reference)."""
    if name == "sigmoid":
        return Z.sigmoid()
    if name == "tanh":
        return Z.tanh()
    if name == "relu":
        return Z.relu()
    if name == "leaky_relu":
        return Z.leaky_relu(0.01)
    return Z  # linear: A[l] is Z[l]


def _cost(
    weights: list[Tensor],
    X: Tensor,
    Y: np.ndarray,
    hidden_activation: str,
    cache: dict[str, Tensor] | None = None,
) -> Tensor:
    """J for weights [W1, b1, ..., WL, bL]: forward with Tensor ops, then the mean logistic cost.

    For l = 1..L: Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]). With a sigmoid output,
    J = logistic_loss(Z[L], Y).mean(): the mean logistic loss of A[L] = sigmoid(Z[L]), computed
    stably from Z[L], with dJ/dZ[L] = (A[L] - Y) / m. Z[l] and A[l] go into ``cache`` if given.
    """
    L = len(weights) // 2
    A = X
    Z = X
    for l in range(1, L + 1):
        W, b = weights[2 * l - 2], weights[2 * l - 1]
        with scope(f"layer {l}"):
            Z = W @ A + b
            Z.name = f"Z{l}"
            A = _activate(Z, hidden_activation) if l < L else Z.sigmoid()
            if A is not Z:
                A.name = f"A{l}"
        if cache is not None:
            cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return logistic_loss(Z, Tensor(Y, name="Y", requires_grad=False)).mean()


def _autodiff(
    parameters: Parameters,
    X: np.ndarray,
    Y: np.ndarray,
    hidden_activation: str,
) -> dict[str, np.ndarray]:
    """dJ/dq of the mean cost for q in W[l], b[l], Z[l], A[l-1] (keys dW1, dZ1, dA0, ...)."""
    L = len(parameters) // 2
    weights = [
        Tensor(parameters[f"{p}{l}"], name=f"{p}{l}") for l in range(1, L + 1) for p in ("W", "b")
    ]
    A0 = Tensor(X, name="X")  # requires a gradient, so that dA0 = dJ/dX is computed too
    cache: dict[str, Tensor] = {"A0": A0}
    J = _cost(weights, A0, Y, hidden_activation, cache)
    J.backward()
    tensors: dict[str, Tensor] = {}
    for l in range(1, L + 1):
        tensors[f"dW{l}"], tensors[f"db{l}"] = weights[2 * l - 2], weights[2 * l - 1]
        tensors[f"dZ{l}"], tensors[f"dA{l - 1}"] = cache[f"Z{l}"], cache[f"A{l - 1}"]
    return {
        key: np.zeros_like(t.data) if t.grad is None else np.array(t.grad)
        for key, t in tensors.items()
    }


def autodiff_grads(
    parameters: Mapping[str, Any],
    X: Any,
    Y: Any,
    *,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    course_convention: bool = True,
) -> dict[str, np.ndarray]:
    """The course's ``grads`` dict, computed by autodiff instead of by hand.

    Forward with Tensor operations, Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]), cost
    J = (1/m) sum of the logistic losses, then ``J.backward()``.

    Args:
        parameters: W1, b1, ..., WL, bL; W[l] (n[l], n[l-1]), b[l] (n[l], 1), n[L] = 1.
        X: inputs (n_x, m). Y: labels (1, m).
        hidden_activation: g[1] .. g[L-1]; output_activation: g[L], "sigmoid" only.
        course_convention: True (default) multiplies dZ[l] and dA[l] by m, giving the course's
            dZ[l] = dA[l] * g'(Z[l]) seeded with dZ[L] = A[L] - Y; False gives dJ/dZ[l], dJ/dA[l]
            of the mean cost. dW[l], db[l] are the same either way.

    Returns:
        dict with dW1, db1, dZ1, dA0, ..., dWL, dbL, dZL, dA{L-1}, shaped like the quantities.
    """
    X, Y = _check_data(X, Y)
    arrays, _ = _check_parameters(parameters, X.shape[0])
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")
    _check_output(output_activation)
    grads = _autodiff(arrays, X, Y, hidden_activation)
    if course_convention:
        m = X.shape[1]
        grads = {k: v * m if k[1] in "ZA" else v for k, v in grads.items()}
    return grads


# --- The report ---------------------------------------------------------------------------------


def _verdict_fd(difference: float) -> str:
    """The course's reading of a gradient-check relative difference."""
    if difference <= FINE:
        return "fine"
    if difference <= LOOK_CLOSER:
        return "look closer"
    return "check" if difference <= WRONG else "wrong"


def _format_number(x: float) -> str:
    return f"{x:.3e}" if np.isfinite(x) else str(x)


def _preview(array: np.ndarray | None, entries: int = 2) -> str:
    """The first entries of an array, e.g. "[0.01234, -0.5, ...]"."""
    if array is None:
        return "-"
    flat = np.ravel(array)
    shown = ", ".join(f"{x:.4g}" for x in flat[:entries])
    return f"[{shown}{', ...' if flat.size > entries else ''}]"


@dataclass(frozen=True)
class ComparisonRow:
    """One quantity of backprop: autodiff against the formula (the reference's, or yours).

    Attributes:
        name: the course's name, e.g. "dW2", "db2", "dZ2", "dA1".
        quantity: "dZ", "dW", "db" or "dA". layer: l of dZ[l], dW[l], db[l]; for dA[l-1] the
            layer l whose backward step produced it (so "dA1" belongs to layer 2).
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
        verdict = _verdict_fd(self.numeric_relative_difference)
        if verdict != "fine" and self.numeric is not None and self.numeric_resolution is not None:
            if np.shape(self.formula) == np.shape(self.numeric):
                gap = float(np.max(np.abs(self.formula - self.numeric), initial=0.0))
                if gap <= self.numeric_resolution:
                    return "fine (FD noise)"
        return verdict


FORMULAS = {
    "dZ": "dZ[l] = dA[l] * g[l]'(Z[l])",
    "dW": "dW[l] = (1/m) dZ[l] A[l-1]^T",
    "db": "db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)",
    "dA": "dA[l-1] = W[l]^T dZ[l]",
}


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
    """

    rows: list[ComparisonRow]
    m: int
    layer_dims: list[int]
    hidden_activation: str
    output_activation: str
    tolerance: float
    formula_label: str = "reference"
    skipped: list[str] = field(default_factory=list)

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
        difference = relative_difference(g, g_num)
        return difference, _verdict_fd(difference)

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
        """The one sentence on the 1/m convention printed with the table."""
        return (
            "The course puts 1/m inside dW and db and starts backprop from dZ[L] = A[L] - Y, so "
            "its dZ[l] and dA[l] are m times the dJ/dZ[l], dJ/dA[l] of the mean cost J that "
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
        formula (nested lists), max_abs_difference, relative_difference, matches, verdict,
        numeric_relative_difference, numeric_verdict, hint."""
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
            _preview(row.autodiff),
            _preview(row.formula),
            _format_number(row.max_abs_difference),
            _format_number(row.relative_difference),
            row.verdict,
        ]
        if self.has_numeric:
            if row.numeric_relative_difference is None:
                cells += ["", ""]
            else:
                cells += [_format_number(row.numeric_relative_difference), row.numeric_verdict]
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
                f"differences (all at once, as the course does): {_format_number(check[0])}, "
                f"{check[1]}."
            )
        return text

    def finding_the_bug(self) -> str:
        """The "Finding the bug" section: the first mismatch, entries side by side, a hint.

        Returns "" when every row agrees.
        """
        row = self.first_mismatch
        if row is None:
            return ""
        agreed = [r.name for r in self.rows[: self.rows.index(row)]]
        formula = FORMULAS[row.quantity]
        if row.name == f"dZ{len(self.layer_dims) - 1}":
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
        lines += ["", *_side_by_side(row, self.formula_label)]
        if row.hint:
            lines += ["", f"Hint: {row.hint}"]
        if self.skipped:
            lines += [
                "",
                f"Your grads had no {', '.join(self.skipped)}; return them too to narrow the "
                "search down.",
            ]
        return "\n".join(lines)

    def __str__(self) -> str:
        header = self._header()
        body = [self._cells(row) for row in self.rows]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

        def render(cells: list[str]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        lines = [self._title(), "", render(header), render(["-" * w for w in widths])]
        lines += [render(cells) for cells in body]
        lines += [
            "",
            textwrap.fill(self.convention, width=100),
            textwrap.fill(self._summary(), 100),
        ]
        section = self.finding_the_bug()
        if section:
            lines += ["", section]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        header = self._header()
        lines = [f"**{self._title()}**", ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in header) + " |")
        lines.append("|" + "|".join(" --- " for _ in header) + "|")
        for row in self.rows:
            cells = [c.replace("|", "\\|") for c in self._cells(row)]
            if not row.matches:
                cells[-1 if not self.has_numeric else -3] = f"**{row.verdict}**"
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", self.convention, "", self._summary()]
        section = self.finding_the_bug()
        if section:
            title, *rest = section.split("\n")
            lines += ["", f"### {title}", "", "```text", *rest, "```"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        header = "".join(f"<th>{esc(c)}</th>" for c in self._header())
        body = []
        for row in self.rows:
            style = "" if row.matches else ' style="background:#fdd"'
            cells = "".join(f"<td>{esc(c)}</td>" for c in self._cells(row))
            body.append(f"<tr{style}>{cells}</tr>")
        parts = [
            f"<p><b>{esc(self._title())}</b></p>",
            f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>",
            f"<p>{esc(self.convention)}</p>",
            f"<p>{esc(self._summary())}</p>",
        ]
        section = self.finding_the_bug()
        if section:
            title, *rest = section.split("\n")
            parts.append(f"<h4>{esc(title)}</h4><pre>{esc(chr(10).join(rest))}</pre>")
        return "\n".join(parts)


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


# --- compare ------------------------------------------------------------------------------------


def _run_manual(
    manual: ManualGradients, parameters: Parameters, X: np.ndarray, Y: np.ndarray, L: int
) -> dict[str, np.ndarray]:
    """Call your gradient function on copies and check it returned a grads dict."""
    name = getattr(manual, "__name__", "manual")
    try:
        grads = manual({k: v.copy() for k, v in parameters.items()}, X.copy(), Y.copy())
    except Exception as exc:
        raise ManualGradientError(
            f"your {name}(parameters, X, Y) raised {type(exc).__name__}: {exc} (shapes: X "
            f"{X.shape}, Y {Y.shape}, "
            + ", ".join(f"{k} {v.shape}" for k, v in parameters.items())
            + ")"
        ) from exc
    if not isinstance(grads, Mapping):
        raise ManualGradientError(
            f"your {name}(parameters, X, Y) must return the course's grads dict (dW1, db1, ...), "
            f"got {type(grads).__name__}"
        )
    required = [f"{p}{l}" for l in range(L, 0, -1) for p in ("dW", "db")]
    missing = [key for key in required if key not in grads]
    if missing:
        raise ManualGradientError(
            f"your grads dict has no {', '.join(missing)}; compare needs dW[l] and db[l] for "
            f"l = 1..{L} (keys {', '.join(required[::-1])}); dZ[l] and dA[l] are optional"
        )
    arrays = {}
    for key, value in grads.items():
        if not isinstance(key, str):
            continue
        if value is None:
            raise ManualGradientError(f"your {key} is None; return an array (or leave {key} out)")
        try:
            arrays[key] = _as_array(value, f"your {key}")
        except ComparisonError as exc:
            raise ManualGradientError(str(exc)) from exc
    return arrays


def _numeric(
    parameters: Parameters,
    X: np.ndarray,
    Y: np.ndarray,
    hidden_activation: str,
) -> tuple[dict[str, np.ndarray], float]:
    """Centered finite differences of J for every entry of W[l], b[l] (keys dW1, db1, ...),
    and the resolution ``FD_RESOLUTION`` * max(1, |J|)."""
    L = len(parameters) // 2
    names = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    X_data = Tensor(X, name="X", requires_grad=False)

    def f(*weights: Tensor) -> Tensor:
        return _cost(list(weights), X_data, Y, hidden_activation)

    with no_grad():
        J = float(f(*[Tensor(parameters[n], requires_grad=False) for n in names]).data)
    results = gradcheck(f, *[Tensor(parameters[n], name=n) for n in names])
    numeric = {f"d{n}": r.numeric for n, r in zip(names, results, strict=True)}
    return numeric, FD_RESOLUTION * max(1.0, abs(J))


def compare(
    model_or_parameters: Any,
    X: Any,
    Y: Any,
    *,
    hidden_activation: str | None = None,
    output_activation: str | None = None,
    manual: ManualGradients | None = None,
    finite_differences: bool = False,
    tolerance: float = DEFAULT_TOLERANCE,
) -> ComparisonReport:
    """Compare autodiff's gradients with the course's formulas (or yours), layer by layer.

    Rows, for l = L..1: dZ[l] (n[l], m), dW[l] (n[l], n[l-1]), db[l] (n[l], 1),
    dA[l-1] (n[l-1], m). Autodiff's dJ/dZ[l] and dJ/dA[l] are multiplied by m to match the
    course's convention (see the module docstring); dW[l], db[l] are compared as they are.

    Args:
        model_or_parameters: the course's ``parameters`` dict (W1, b1, ..., WL, bL; numpy arrays
            or Tensors; W[l] (n[l], n[l-1]), b[l] (n[l], 1), n[L] = 1), or an nn ``Model``
            (anything with ``get_parameters()`` or ``parameters()`` returning that dict, and
            ``layers`` with an ``activation_name`` each).
        X: inputs A[0], shape (n_x, m), one example per column.
        Y: labels in {0, 1}, shape (1, m).
        hidden_activation: g[1] .. g[L-1]: "relu", "tanh", "leaky_relu", "sigmoid" or "linear".
            Default: the model's, or "relu" (the course's L-layer network) for a dict.
        output_activation: g[L]; only "sigmoid" (the course's binary classifier) is supported.
        manual: your own backprop, ``manual(parameters, X, Y) -> grads`` with dW1, db1, ...,
            dWL, dbL (required) and dZ[l], dA[l-1] (optional); it replaces the reference in the
            formula column, labelled "yours".
        finite_differences: also run the course's gradient check (centered differences of J,
            one forward per entry and side) on dW[l], db[l]: a "finite diff." column comparing
            the formula column with it (1e-7 fine, 1e-5 look closer, 1e-3 wrong).
        tolerance: the relative difference up to which a row is "ok".

    Returns:
        A :class:`ComparisonReport`. Nothing passed in is modified.

    Raises:
        ComparisonError: X not (n_x, m), Y not (1, m), parameters that do not chain
            (e.g. "W2 must be (n[2], n[1]) with n[1] = 4 ..."), an unknown activation.
        ManualGradientError: ``manual`` raised, did not return a dict, or lacks dW[l]/db[l].
    """
    model_hidden: str | None = None
    model_output: str | None = None
    parameters = model_or_parameters
    if not isinstance(model_or_parameters, Mapping):
        parameters, model_hidden, model_output = _from_model(model_or_parameters)
        for given, found, role in (
            (hidden_activation, model_hidden, "hidden_activation"),
            (output_activation, model_output, "output_activation"),
        ):
            if given is not None and found is not None and given != found:
                raise ComparisonError(f"{role}={given!r} but the model uses {found!r}")
    hidden = hidden_activation or model_hidden or "relu"
    output = output_activation or model_output or "sigmoid"
    hidden = _check_activation(hidden, "hidden_activation")
    output = _check_output(output)
    if not (isinstance(tolerance, (int, float)) and tolerance >= 0):
        raise ComparisonError(f"tolerance must be a number >= 0, got {tolerance!r}")
    X, Y = _check_data(X, Y)
    arrays, layer_dims = _check_parameters(parameters, X.shape[0])
    L, m = len(layer_dims) - 1, X.shape[1]

    auto = _autodiff(arrays, X, Y, hidden)
    AL, caches = reference.L_model_forward(X, arrays, hidden, output)
    ref = reference.L_model_backward(AL, Y, caches, hidden, output)
    formula = ref
    skipped: list[str] = []
    if manual is not None:
        if not callable(manual):
            raise ManualGradientError(
                f"manual must be a function manual(parameters, X, Y) -> grads, got "
                f"{type(manual).__name__}"
            )
        formula = _run_manual(manual, arrays, X, Y, L)
    numeric, resolution = _numeric(arrays, X, Y, hidden) if finite_differences else ({}, 0)

    rows: list[ComparisonRow] = []
    for l in range(L, 0, -1):
        Z = caches[l - 1][1]  # (linear_cache, Z[l])
        A = AL if l == L else caches[l][0][0]  # A[l] is the A_prev of layer l + 1
        context = _LayerContext(
            m=m,
            activation=output if l == L else hidden,
            Z=Z,
            A=A,
            upstream=None if l == L else ref[f"dA{l}"],
            is_output=l == L,
        )
        for quantity, name in (
            ("dZ", f"dZ{l}"),
            ("dW", f"dW{l}"),
            ("db", f"db{l}"),
            ("dA", f"dA{l - 1}"),
        ):
            if name not in formula:
                skipped.append(name)
                continue
            scale = float(m) if quantity in ("dZ", "dA") else 1.0
            ours = auto[name] * scale
            theirs = formula[name]
            if theirs.shape == ours.shape:
                with np.errstate(all="ignore"):
                    max_abs = float(np.max(np.abs(ours - theirs), initial=0.0))
                    rel = relative_difference(ours, theirs)
                matches = bool(rel <= tolerance)
            else:
                max_abs, rel, matches = float("inf"), float("inf"), False
            hint = "" if matches else _hint(name, quantity, l, ours, theirs, context)
            num = numeric.get(name)
            num_rel = None
            if num is not None:
                num_rel = (
                    relative_difference(theirs, num) if theirs.shape == num.shape else float("inf")
                )
            rows.append(
                ComparisonRow(
                    name=name,
                    quantity=quantity,
                    layer=l,
                    shape=ours.shape,
                    autodiff=ours,
                    formula=theirs,
                    scale=scale,
                    max_abs_difference=max_abs,
                    relative_difference=rel,
                    matches=matches,
                    numeric=num,
                    numeric_relative_difference=num_rel,
                    numeric_resolution=None if num is None else resolution,
                    hint=hint,
                )
            )
    return ComparisonReport(
        rows=rows,
        m=m,
        layer_dims=layer_dims,
        hidden_activation=hidden,
        output_activation=output,
        tolerance=float(tolerance),
        formula_label="reference" if manual is None else "yours",
        skipped=skipped,
    )


# --- Command line: autograd-nn compare ----------------------------------------------------------


def _layers(text: str) -> list[int]:
    try:
        dims = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--layers must be comma-separated sizes n[0],...,n[L] such as 2,4,1, got {text!r}"
        ) from None
    if len(dims) < 2 or min(dims) < 1:
        raise argparse.ArgumentTypeError(
            f"--layers needs at least n[0] and n[L], all positive (e.g. 2,4,1), got {text!r}"
        )
    return dims


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer >= minimum."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value

    return parse


def _flower_data(m: int, seed: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The course's flower data, ``autograd_nn.datasets.load_planar_dataset(m, seed=seed)``.

    None when the package has no such generator (then the command uses random data).
    """
    try:
        datasets = importlib.import_module("autograd_nn.datasets")
    except ImportError:  # pragma: no cover - datasets is part of the package today
        return None
    load = getattr(datasets, "load_planar_dataset", None)
    if not callable(load):  # pragma: no cover
        return None
    X, Y = load(m, seed=seed)
    return np.asarray(X, dtype=float), np.asarray(Y, dtype=float)


def _random_data(n_x: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    X = rng.randn(n_x, m)
    Y = (rng.rand(1, m) > 0.5).astype(float)
    return X, Y


def _load_manual(spec: str) -> ManualGradients:
    """``path/to/file.py:function`` or ``package.module:function``."""
    where, _, function = spec.rpartition(":")
    if not where or not function:
        raise ComparisonError(f"--manual must be FILE.py:FUNCTION or MODULE:FUNCTION, got {spec!r}")
    if where.endswith(".py"):
        path = pathlib.Path(where)
        if not path.is_file():
            raise ComparisonError(f"--manual: no file {where}")
        spec_ = importlib.util.spec_from_file_location(path.stem, path)
        if spec_ is None or spec_.loader is None:
            raise ComparisonError(f"--manual: cannot load {where}")
        module = importlib.util.module_from_spec(spec_)
        spec_.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    manual = getattr(module, function, None)
    if not callable(manual):
        raise ComparisonError(f"--manual: {where} has no function {function!r}")
    return manual


def _initial_parameters(layer_dims: list[int], activation: str, seed: int) -> Parameters:
    """Fresh weights: the nn Model's (course initialization), else reference's."""
    try:
        from .nn import Model
    except ImportError:  # pragma: no cover - the nn part is optional for compare
        return reference.initialize_parameters_deep(layer_dims, seed=seed)
    model = Model.from_layer_dims(layer_dims, hidden_activation=activation, seed=seed)
    parameters, _, _ = _from_model(model)
    return {k: _as_array(v, k) for k, v in parameters.items()}


def run_compare_command(args: argparse.Namespace) -> int:
    """Run ``autograd-nn compare`` for parsed arguments; print the table; return the exit code.

    Returns:
        0 when every row agrees (and the gradient check, if asked, is fine), 1 on a mismatch,
        2 on bad input (the message goes to the output with "error:").
    """
    try:
        layer_dims = args.layers
        data = None
        note = ""
        if args.dataset == "flower":
            data = _flower_data(args.m, args.seed)
            if data is None:
                note = "(no flower data set in autograd_nn.datasets: seeded random data instead)"
        if data is None:
            X, Y = _random_data(layer_dims[0], args.m, args.seed)
        else:
            X, Y = data
        if X.shape[0] != layer_dims[0]:
            raise ComparisonError(
                f"--layers starts with n[0] = {layer_dims[0]} but the {args.dataset} data has "
                f"n_x = {X.shape[0]} features"
            )
        parameters = _initial_parameters(layer_dims, args.activation, args.seed)
        for _ in range(args.steps):
            grads = autodiff_grads(parameters, X, Y, hidden_activation=args.activation)
            parameters = reference.update_parameters(parameters, grads, args.learning_rate)
        manual = _load_manual(args.manual) if args.manual else None
        report = compare(
            parameters,
            X,
            Y,
            hidden_activation=args.activation,
            manual=manual,
            finite_differences=args.finite_differences,
            tolerance=args.tolerance,
        )
    except (ComparisonError, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    if note:
        print(note)
    if args.steps:
        print(f"after {args.steps} gradient-descent steps (learning_rate = {args.learning_rate})")
    print(report._repr_markdown_() if args.markdown else report)
    return 0 if report.ok else 1


def add_compare_command(subparsers: Any) -> None:
    """Register ``compare`` on an argparse subparsers object.

    ``autograd-nn compare --layers 2,4,1 --activation tanh --m 50 --seed 1 --dataset flower
    --steps 0`` prints the comparison table and exits with 0 when autodiff and the formulas
    agree, 1 otherwise. The parser's default ``func`` is :func:`run_compare_command` (call
    ``args.func(args)`` and use the returned exit code).

    Args:
        subparsers: the object returned by ``ArgumentParser.add_subparsers()``.
    """
    parser = subparsers.add_parser(
        "compare",
        help="autodiff vs the course's backprop formulas, layer by layer",
        description=(
            "Compare autodiff's gradients with the course's hand-derived backprop formulas "
            "(dZ, dW, db, dA for each layer, in backward order), or with your own function."
        ),
    )
    parser.add_argument(
        "--layers",
        type=_layers,
        default=[2, 4, 1],
        help="layer_dims n[0],n[1],...,n[L] (default 2,4,1; n[L] must be 1)",
    )
    parser.add_argument(
        "--activation",
        default="tanh",
        choices=[a for a in reference.ACTIVATIONS],
        help="hidden activation g[1..L-1] (default tanh); the output is sigmoid",
    )
    parser.add_argument("--m", type=_count(1), default=50, help="number of examples (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="seed of data and weights (default 1)")
    parser.add_argument(
        "--dataset",
        choices=["flower", "random"],
        default="flower",
        help="the course's flower data (if available) or seeded random data",
    )
    parser.add_argument(
        "--steps",
        type=_count(0),
        default=0,
        help="gradient-descent steps before comparing (default 0: fresh weights)",
    )
    parser.add_argument(
        "--learning-rate",
        type=float,
        default=1.2,
        help="learning rate of those steps (default 1.2, the flower network's)",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help="relative difference up to which a row is ok (default 1e-7)",
    )
    parser.add_argument(
        "--finite-differences",
        action="store_true",
        help="also run the course's gradient check on dW and db",
    )
    parser.add_argument(
        "--manual",
        metavar="FILE.py:FUNCTION",
        help="your own manual(parameters, X, Y) -> grads instead of the reference",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.set_defaults(func=run_compare_command)
