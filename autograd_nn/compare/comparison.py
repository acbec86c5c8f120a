"""``compare``: autodiff and the course's formulas (or yours), lined up quantity by quantity.

Both sides run on the same numbers; for l = L..1 the rows dZ[l], dW[l], db[l], dA[l-1] put
autodiff's value in the course's 1/m convention (m * dJ/dZ[l], m * dJ/dA[l]; dW[l], db[l] as
they are) next to the formula's, with a hint on every mismatch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .. import reference
from .autodiff import mean_cost_gradients
from .diagnosis import LayerContext, hint
from .finite_differences import numeric_gradients
from .inputs import (
    ComparisonError,
    check_activation,
    check_data,
    check_output,
    check_parameters,
    read_model,
)
from .manual import ManualGradients, read_backward, run_backward
from .report import ComparisonReport
from .rows import (
    FLOOR_RATIO,
    UNDERFLOW_FLOOR,
    ComparisonRow,
    differences,
    floor_of,
    row_relative_difference,
)
from .symmetry import symmetry_notes

DEFAULT_TOLERANCE = 1e-7


def compare(
    model_or_parameters: Any,
    X: Any,
    Y: Any,
    *,
    hidden_activation: str | None = None,
    output_activation: str | None = None,
    manual: ManualGradients | None = None,
    forward: Callable[..., Any] | None = None,
    finite_differences: bool = False,
    tolerance: float = DEFAULT_TOLERANCE,
) -> ComparisonReport:
    """Compare autodiff's gradients with the course's formulas (or yours), layer by layer.

    Rows: dA[L] (1, m), then for l = L..1: dZ[l] (n[l], m), dW[l] (n[l], n[l-1]),
    db[l] (n[l], 1), dA[l-1] (n[l-1], m). Autodiff's dJ/dZ[l] and dJ/dA[l] are multiplied by m
    to match the course's convention (see :mod:`autograd_nn.compare`); dW[l], db[l] are
    compared as they are.

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
        manual: your own backprop, returning the course's ``grads`` dict with dW1, db1, ...,
            dWL, dbL (required) and dZ[l], dA[l-1] (optional); it replaces the reference in the
            formula column, labelled "yours". Any of the course's forms:
            ``f(parameters, X, Y)``, week 3's ``backward_propagation(parameters, cache, X, Y)``
            or week 4's ``L_model_backward(AL, Y, caches)`` (see
            :mod:`~autograd_nn.compare.manual`).
        forward: for the week-3 and week-4 forms, your forward pass ``forward(X, parameters)
            -> (AL, cache)`` that makes the cache; by default the ``forward_propagation`` or
            ``L_model_forward`` defined next to ``manual``.
        finite_differences: also run the course's gradient check (centered differences of J,
            one forward per entry and side) on dW[l], db[l]: a "finite diff." column comparing
            the formula column with it (1e-7 fine, 1e-5 look closer, 1e-3 wrong).
        tolerance: the relative difference up to which a row is "ok". Entries below the
            row's absolute floor in both columns count as equal (1e-12 times the numbers the
            formula multiplies, at least 2.2e-308: see :func:`~.rows.floor_of`).

    Returns:
        A :class:`ComparisonReport`; its ``notes`` say which rows agree only up to rounding,
        which hidden layers are symmetric (zero initialization) and which arrays your
        ``manual`` changed in place. Nothing passed in is modified.

    Raises:
        ComparisonError: X not (n_x, m), Y not (1, m), parameters that do not chain
            (e.g. "W2 must be (n[2], n[1]) with n[1] = 4 ..."), an unknown activation.
        ManualGradientError: ``manual`` has none of the accepted signatures, needs a forward
            pass that was not found, raised, did not return a dict, or lacks dW[l]/db[l]; your
            forward pass's A[L] differs from the course's.
    """
    model_hidden: str | None = None
    model_output: str | None = None
    parameters = model_or_parameters
    if not isinstance(model_or_parameters, Mapping):
        parameters, model_hidden, model_output = read_model(model_or_parameters)
        for given, found, role in (
            (hidden_activation, model_hidden, "hidden_activation"),
            (output_activation, model_output, "output_activation"),
        ):
            if given is not None and found is not None and given != found:
                raise ComparisonError(f"{role}={given!r} but the model uses {found!r}")
    hidden = hidden_activation or model_hidden or "relu"
    output = output_activation or model_output or "sigmoid"
    hidden = check_activation(hidden, "hidden_activation")
    output = check_output(output)
    if not (isinstance(tolerance, (int, float)) and tolerance >= 0):
        raise ComparisonError(f"tolerance must be a number >= 0, got {tolerance!r}")
    X, Y = check_data(X, Y)
    arrays, layer_dims = check_parameters(parameters, X.shape[0])
    L, m = len(layer_dims) - 1, X.shape[1]

    auto = mean_cost_gradients(arrays, X, Y, hidden)
    AL, caches = reference.L_model_forward(X, arrays, hidden, output)
    ref = reference.L_model_backward(AL, Y, caches, hidden, output)
    formula = ref
    skipped: list[str] = []
    notes: list[str] = []
    if manual is not None:
        learner = read_backward(manual, forward)
        formula, notes = run_backward(
            learner, arrays, X, Y, hidden_activation=hidden, tolerance=float(tolerance)
        )
    elif forward is not None:
        raise ComparisonError("forward= is the forward pass of your manual backward; pass both")
    numeric, resolution = (
        numeric_gradients(arrays, X, Y, hidden) if finite_differences else ({}, 0.0)
    )

    rows: list[ComparisonRow] = []
    rounding: list[tuple[str, float, float]] = []  # rows that agree thanks to the floor
    for l in range(L, 0, -1):
        Z = caches[l - 1][1]  # (linear_cache, Z[l])
        A = AL if l == L else caches[l][0][0]  # A[l] is the A_prev of layer l + 1
        context = LayerContext(
            m=m,
            activation=output if l == L else hidden,
            Z=Z,
            A=A,
            A_prev=caches[l - 1][0][0],
            upstream=ref[f"dA{l}"],  # the course's dA[l]; for l = L, -(Y / A[L] - ...)
            is_output=l == L,
            dZ=ref[f"dZ{l}"],
            Z_prev=caches[l - 2][1] if l >= 2 else None,
            activation_prev=hidden,
        )
        quantities = [("dZ", f"dZ{l}"), ("dW", f"dW{l}"), ("db", f"db{l}"), ("dA", f"dA{l - 1}")]
        if l == L:  # backprop starts from dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L]))
            quantities.insert(0, ("dA", f"dA{L}"))
        correct = {
            name: auto[name] * (float(m) if quantity in ("dZ", "dA") else 1.0)
            for quantity, name in quantities
        }
        floors = _floors(l, L, correct, auto[f"dA{l}"] * m, caches[l - 1][0][1], context)
        for quantity, name in quantities:
            floor = floors[name]
            if name not in formula:
                skipped.append(name)
                continue
            scale = float(m) if quantity in ("dZ", "dA") else 1.0
            ours = correct[name]
            theirs = formula[name]
            if theirs.shape == ours.shape:
                max_abs, rel = differences(ours, theirs, floor)
                matches = bool(rel <= tolerance)
                if matches and not row_relative_difference(ours, theirs) <= tolerance:
                    rounding.append((name, max_abs, floor))
            else:
                max_abs, rel, matches = float("inf"), float("inf"), False
            hint_text = "" if matches else hint(name, quantity, l, ours, theirs, context)
            num = numeric.get(name)
            num_rel = None
            if num is not None:
                num_rel = (
                    row_relative_difference(theirs, num)
                    if theirs.shape == num.shape
                    else float("inf")
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
                    hint=hint_text,
                    absolute_floor=floor,
                )
            )
    if rounding:
        notes.append(rounding_note(rounding))
    notes += symmetry_notes(arrays)
    return ComparisonReport(
        rows=rows,
        m=m,
        layer_dims=layer_dims,
        hidden_activation=hidden,
        output_activation=output,
        tolerance=float(tolerance),
        formula_label="reference" if manual is None else "yours",
        skipped=skipped,
        notes=notes,
    )


def _floors(
    l: int,
    L: int,
    correct: dict[str, np.ndarray],
    dA: np.ndarray,
    W: np.ndarray,
    context: LayerContext,
) -> dict[str, float]:
    """The absolute floor of each row of layer l (:func:`~.rows.floor_of` of its factors).

    Args:
        l, L: the layer and the number of layers.
        correct: autodiff's values of the layer's rows, in the course's convention.
        dA: the correct dA[l] (course convention), the factor of dZ[l] for a hidden layer.
        W: W[l]. context: the layer's values (A[l-1]).
    """
    dZ = correct[f"dZ{l}"]
    floors = {
        # dZ[L] = A[L] - Y: both in [0, 1]; dZ[l] = dA[l] * g'(Z[l]) with |g'| <= 1
        f"dZ{l}": floor_of(np.ones(1)) if l == L else floor_of(dA),
        f"dW{l}": floor_of(dZ, context.A_prev),
        f"db{l}": floor_of(dZ),
        f"dA{l - 1}": floor_of(W, dZ),
    }
    if l == L:  # dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L])), entry by entry: no sum
        floors[f"dA{L}"] = floor_of(correct[f"dA{L}"])
    return floors


def rounding_note(rows: list[tuple[str, float, float]]) -> str:
    """The sentence for rows that agree only once entries tiny in both columns count as equal.

    Each row is (name, max |difference|, the layer's floor).
    """
    shown = ", ".join(f"{name} by {gap:.1e} (floor {floor:.0e})" for name, gap, floor in rows[:5])
    more = f" and {len(rows) - 5} more rows" if len(rows) > 5 else ""
    verb = "differs" if len(rows) == 1 else "differ"
    return (
        f"Up to rounding: {shown}{more} {verb} only where both columns are below the floor, "
        f"{FLOOR_RATIO:g} times the numbers the formula multiplies (e.g. max|dZ[l]| "
        f"max|A[l-1]| for dW[l]; at least {UNDERFLOW_FLOOR:.1e}, where float64's subnormal "
        "numbers begin); those entries count as equal: adding the same numbers in another "
        "order gives that much."
    )
