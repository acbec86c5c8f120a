"""Finding the bug: where a learner's backprop first disagrees, and what the mistake looks like.

The first row, in backward order, that disagrees is where the mistake is, since each quantity
is computed from the ones before it. :func:`find_the_bug` returns it as a :class:`Finding`
(data: the row, the rows that agree before it, the entries that differ most, a hint, and the
optional quantities your grads lack that could still hold the mistake);
:mod:`~autograd_nn.compare.report` prints it. :func:`hint` recognises the usual mistakes: a
missing 1/m, 1/m applied twice, a wrong sign, a transposed dW, db without ``keepdims=True``, a
forgotten g'(Z), g' evaluated at A, Z put where A belongs in g', tanh' written as 1 - A; when
your grads have no dZ[l], a wrong dW[l] or db[l] is traced back to the dZ[l] mistake behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import reference
from .rows import ComparisonRow, backward_order, row_relative_difference

SHOWN_ENTRIES = 4  # entries shown side by side in "Finding the bug"


FORMULAS = {
    "dZ": "dZ[l] = dA[l] * g[l]'(Z[l])",
    "dW": "dW[l] = (1/m) dZ[l] A[l-1]^T",
    "db": "db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)",
    "dA": "dA[l-1] = W[l]^T dZ[l]",
}
"""How the course computes each quantity (for l = L: dA[L] = :data:`DAL`, dZ[L] = A[L] - Y)."""

DAL = "dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L]))"
"""Where the course's backprop starts: the derivative of the logistic loss with respect to A[L]."""


@dataclass(frozen=True)
class Entry:
    """One entry shown side by side: where it is, autodiff's value and the formula's.

    ``where`` is an index such as "(1, 112)" when the shapes agree, else a position in reading
    order such as "[0]"; a value is None past the end of the smaller array.
    """

    where: str
    autodiff: float | None
    formula: float | None


@dataclass(frozen=True)
class Finding:
    """The first disagreement in backward order, as data (the report prints it).

    Attributes:
        row: the first row that disagrees.
        formula: how the course computes it, e.g. "dW[l] = (1/m) dZ[l] A[l-1]^T".
        agreed: the names of the rows before it (all agree).
        unreturned: the optional quantities your grads lack between the last agreeing row and
            ``row``: the mistake is in ``row``'s step or in one of them.
        located: whether the mistake is pinned down: nothing is unreturned in between, or the
            hint recognises the mistake. Only when it is not does the report ask for the
            unreturned quantities.
        entries: the entries that differ most (same shapes) or the first ones (shapes differ).
        hint: what the mistake looks like, or which formula to recheck.
        later_agree: every dW and db after it agrees (a wrong dZ or dA that no later gradient
            inherits: only the values returned are wrong), and there is at least one.
    """

    row: ComparisonRow
    formula: str
    agreed: list[str]
    unreturned: list[str]
    located: bool
    entries: list[Entry]
    hint: str
    later_agree: bool = False


def _entries(row: ComparisonRow) -> list[Entry]:
    """The entries of autodiff and the formula to show next to each other."""
    ours, theirs = np.asarray(row.autodiff), np.asarray(row.formula)
    if ours.shape == theirs.shape:
        with np.errstate(all="ignore"):
            difference = np.abs(ours - theirs)
        difference = np.where(np.isnan(difference), np.inf, difference)
        order = np.argsort(-difference, axis=None, kind="stable")[:SHOWN_ENTRIES]
        indices = sorted(np.unravel_index(i, ours.shape) for i in order)
        return [
            Entry(str(tuple(int(k) for k in ix)), float(ours[ix]), float(theirs[ix]))
            for ix in indices
        ]
    a, b = np.ravel(ours), np.ravel(theirs)
    return [
        Entry(
            f"[{i}]",
            float(a[i]) if i < a.size else None,
            float(b[i]) if i < b.size else None,
        )
        for i in range(min(SHOWN_ENTRIES, max(a.size, b.size)))
    ]


def find_the_bug(
    rows: Sequence[ComparisonRow], L: int, skipped: Sequence[str], hidden_activation: str
) -> Finding | None:
    """The first row, in backward order, that disagrees, with what to show and say about it.

    Args:
        rows: the comparison's rows in backward order.
        L: the number of layers.
        skipped: optional quantities your grads did not return (no row).
        hidden_activation: g[1] .. g[L-1], named in the hint to recheck dZ[l].

    Returns:
        A :class:`Finding`, or None when every row agrees.
    """
    row = next((r for r in rows if not r.matches), None)
    if row is None:
        return None
    position = rows.index(row)
    formula = FORMULAS[row.quantity]
    if row.name == f"dZ{L}":
        formula = "dZ[L] = A[L] - Y"
    elif row.name == f"dA{L}":
        formula = DAL
    order = backward_order(L)
    last_agreed = order.index(rows[position - 1].name) if position else -1
    between = order[last_agreed + 1 : order.index(row.name)]
    unreturned = [name for name in between if name in skipped]
    later = [r for r in rows[position + 1 :] if r.quantity in ("dW", "db")]
    hint_text = row.hint
    if not hint_text:
        if row.quantity in ("dW", "db", "dA"):
            before = "the rows before it agree" if position else "no row before it was compared"
            hint_text = f"recheck {formula}; {before}."
        elif row.layer == L:
            hint_text = "recheck dZ[L] = A[L] - Y (the sigmoid output with the logistic loss)."
        else:
            hint_text = f"recheck {formula} with g = {hidden_activation}."
    return Finding(
        row=row,
        formula=formula,
        agreed=[r.name for r in rows[:position]],
        unreturned=unreturned,
        located=bool(row.hint) or not unreturned,
        entries=_entries(row),
        hint=hint_text,
        later_agree=bool(later) and all(r.matches for r in later),
    )


# --- Hints: what a disagreement looks like ------------------------------------------------------


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    if not np.any(a) and not np.any(b):
        return True
    return row_relative_difference(a, b) <= 1e-6


@dataclass(frozen=True)
class LayerContext:
    """What a hint needs about layer l, from the (correct) reference pass.

    Attributes:
        m: the number of examples.
        activation: g[l]'s name.
        Z: Z[l] (n[l], m). A: A[l] (n[l], m). A_prev: A[l-1] (n[l-1], m).
        upstream: the course's correct dA[l] (for l = L: dA[L], infinite where A[L] is
            exactly 0 or 1), or None.
        is_output: l = L.
        dZ: the course's correct dZ[l], or None.
        Z_prev: Z[l-1] (None for l = 1), activation_prev: g[l-1]: the step that reads the
            dA[l-1] this layer produces.
    """

    m: int
    activation: str
    Z: np.ndarray
    A: np.ndarray
    A_prev: np.ndarray
    upstream: np.ndarray | None
    is_output: bool
    dZ: np.ndarray | None = None  # noqa: N815 (the course's name)
    Z_prev: np.ndarray | None = None
    activation_prev: str | None = None


def _dZ_mistakes(l: int, context: LayerContext) -> list[tuple[np.ndarray, str]]:
    """The usual wrong dZ[l] of a hidden layer, each with the sentence that names it."""
    dA, A, Z, g = context.upstream, context.A, context.Z, context.activation
    if dA is None:
        return []
    rule = f"dZ[{l}] = dA[{l}] * g'(Z[{l}]) with g = {g}"
    at_A = reference.ACTIVATIONS[g][1](dA, A)
    mistakes = [
        (dA, f"dA[{l}]: g'(Z[{l}]) is missing; {rule}."),
        (
            dA * A,
            f"dA[{l}] * A[{l}]: that multiplies by g(Z[{l}]) = A[{l}]; the rule needs the "
            f"derivative, {rule}.",
        ),
        (
            at_A,
            f"dA[{l}] * g'(A[{l}]): g' is evaluated at A[{l}]; it must be evaluated at Z[{l}] "
            f"(the cached pre-activation), g = {g}.",
        ),
    ]
    if g == "tanh":
        mistakes += [
            (
                dA * (1 - Z**2),
                f"dA[{l}] * (1 - Z[{l}]^2): it uses Z[{l}] where A[{l}] belongs: tanh's "
                f"derivative g'(Z) = 1 - A^2 is written with A[{l}] = g(Z[{l}]); you put Z[{l}] "
                "in it.",
            ),
            (
                dA * (1 - A),
                f"dA[{l}] * (1 - A[{l}]): tanh's derivative is 1 - A^2; the square is missing "
                f"(1 - np.power(A{l}, 2)).",
            ),
        ]
    if g == "sigmoid":
        mistakes.append(
            (
                dA * Z * (1 - Z),
                f"dA[{l}] * Z[{l}] (1 - Z[{l}]): it uses Z[{l}] where A[{l}] belongs: sigmoid's "
                f"derivative g'(Z) = A (1 - A) is written with A[{l}] = g(Z[{l}]); you put Z[{l}] "
                "in it.",
            )
        )
    if g in ("relu", "leaky_relu"):
        mistakes.append(
            (
                np.where(Z > 0, 0.0, dA),
                f"dA[{l}] kept where Z[{l}] <= 0: the mask is inverted; g'(Z) is 1 where Z > 0 "
                f"and 0 elsewhere, so dZ{l}[Z{l} <= 0] = 0.",
            )
        )
    return mistakes


def hint(
    name: str,
    quantity: str,
    layer: int,
    correct: np.ndarray,
    yours: np.ndarray,
    context: LayerContext,
) -> str:
    """A sentence on how ``yours`` differs from ``correct`` (the course's convention).

    Args:
        name: the row's name, e.g. "dW2". quantity: "dZ", "dW", "db" or "dA".
        layer: l of the backward step that computes it.
        correct: the right value (autodiff's, in the course's convention).
        yours: the formula's value (yours or the reference's).
        context: layer l's values from the reference pass.

    Returns:
        The mistake it looks like, or "" when it looks like none of the usual ones.
    """
    m = context.m
    l = layer
    label = {"dZ": f"dZ[{l}]", "dW": f"dW[{l}]", "db": f"db[{l}]", "dA": f"dA[{l - 1}]"}[quantity]
    if name == f"dA{l}":  # dA[L], where backprop starts
        label = f"dA[{l}]"
    with np.errstate(all="ignore"):  # dA[L] is infinite where A[L] saturates: no match there
        for candidate, sentence in _causes(name, quantity, l, correct, context):
            if np.shape(candidate) == yours.shape and _close(yours, candidate):
                return sentence
    if yours.shape != correct.shape:
        if quantity == "db" and yours.shape == (correct.shape[0],):
            values = (
                " (its values are right)" if _close(yours.reshape(correct.shape), correct) else ""
            )
            n = correct.shape[0]
            trap = (
                f" A ({n},) db would broadcast against b{l} {correct.shape} into a {(n, n)} update."
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
        if label == f"dA[{l}]":
            return f"{name} has the wrong sign: {DAL.replace('L', str(l))}."
        if context.is_output:
            return f"{name} has the wrong sign (dZ[L] = A[L] - Y, not Y - A[L])."
        return f"{name} has the wrong sign: recheck {FORMULAS[quantity]}."
    if quantity == "dW" and yours.shape == correct.T.shape and _close(yours, correct.T):
        return (
            f"{name} is transposed (a square layer, so the shapes did not catch it): "
            f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T, not (1/m) A[{l - 1}] dZ[{l}]^T."
        )
    with np.errstate(all="ignore"):  # dA[L] is infinite where A[L] saturates: no match there
        for wrong_dZ, sentence in _dZ_mistakes(l, context):
            if _close(wrong_dZ, context.dZ if context.dZ is not None else np.nan):
                continue  # here the mistake gives the right dZ: it cannot be told apart
            if quantity == "dZ" and _close(yours, wrong_dZ):
                return f"{name} equals {sentence}"
            if quantity == "dW" and _close(yours, np.dot(wrong_dZ, context.A_prev.T) / m):
                return f"{name} is (1/m) dZ[{l}] A[{l - 1}]^T computed with dZ[{l}] = {sentence}"
            if quantity == "db" and _close(yours, np.sum(wrong_dZ, axis=1, keepdims=True) / m):
                return f"{name} is (1/m) np.sum(dZ[{l}]) computed with dZ[{l}] = {sentence}"
    return ""


def _causes(
    name: str, quantity: str, l: int, correct: np.ndarray, context: LayerContext
) -> list[tuple[np.ndarray, str]]:
    """Wrong values with a known cause, each with the sentence that names it.

    Checked before the shape and value hints: ``db`` summed over everything (np.sum without
    ``axis=1, keepdims=True``) or over the units (axis=0), ``dW`` computed with A[l] where
    A[l-1] belongs (``np.dot(dZ1, A1.T)`` for ``np.dot(dZ1, X.T)``), and a ``dA[l-1]`` changed
    in place by the next step's ``dZ = dA`` (aliasing). A candidate that equals the right value
    here is left out: it could not tell the mistake apart.
    """
    m, dZ = context.m, context.dZ
    if dZ is None:
        return []
    candidates: list[tuple[np.ndarray, str]] = []
    fix = f"write (1 / m) * np.sum(dZ{l}, axis=1, keepdims=True)"
    if quantity == "db":
        n = correct.shape[0]
        total = np.sum(dZ)
        for scale, missing in ((1 / m, ""), (1.0, " (and without the 1/m)")):
            if n == 1 and not missing:
                what = (
                    f"; its value is right here (layer {l} has one unit), but db[{l}] must be "
                    f"(n[{l}], 1) = {correct.shape}: {fix}."
                )
            elif n == 1:
                what = (
                    f"; that makes it m = {m} times too large, and db[{l}] must be "
                    f"(n[{l}], 1) = {correct.shape}: {fix}."
                )
            else:
                what = (
                    f", over the {n} units as well as the m = {m} examples; db[{l}] keeps one "
                    f"sum per unit, (n[{l}], 1) = {correct.shape}: {fix}."
                )
            # a (1, 1) sum is the right shape when layer l has one unit: no cause to tell there
            for shape in ((),) if n == 1 else ((), (1, 1)):
                candidates.append(
                    (
                        np.reshape(scale * total, shape),
                        f"{name} is one number, shape {shape}: np.sum(dZ{l}) without axis=1, "
                        f"keepdims=True{missing} adds up every entry of dZ{l}{what}",
                    )
                )
            for keep in (True, False):
                per_example = scale * np.sum(dZ, axis=0, keepdims=keep)
                candidates.append(
                    (
                        per_example,
                        f"{name} has shape {per_example.shape}: np.sum(dZ{l}, axis=0){missing} "
                        f"adds over the units, one sum per example; db[{l}] adds over the "
                        f"examples, one sum per unit, (n[{l}], 1) = {correct.shape}: {fix}.",
                    )
                )
    if quantity == "dW":
        A_name = "X" if l == 1 else f"A{l - 1}"
        for scale, product in ((1 / m, f"(1/m) dZ[{l}] A[{l}]^T"), (1.0, f"dZ[{l}] A[{l}]^T")):
            missing = "" if scale != 1 else ", without the 1/m"
            candidates.append(
                (
                    scale * np.dot(dZ, context.A.T),
                    f"{name} is {product}{missing}: it multiplies by A[{l}], the output of "
                    f"layer {l}, where its input A[{l - 1}]"
                    + (" = X" if l == 1 else "")
                    + f" belongs: dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T, "
                    f"(1 / m) * np.dot(dZ{l}, {A_name}.T), shape (n[{l}], n[{l - 1}]) = "
                    f"{correct.shape}.",
                )
            )
    if quantity == "dA" and context.Z_prev is not None and context.activation_prev:
        g = context.activation_prev
        k = l - 1  # the layer whose backward step reads dA[k]
        masked = reference.ACTIVATIONS[g][1](correct, context.Z_prev)  # its dZ[k]
        if g in ("relu", "leaky_relu"):
            how = (
                f"with the entries where Z[{k}] <= 0 set to "
                + ("0" if g == "relu" else "0.01 times themselves")
                + f", which is what {g}_backward does to dZ. Your dA{k} was changed in place "
                f"after it was stored in grads: in {g}_backward, `dZ = dA` does not copy (dZ "
                f"becomes a second name for the same array), so `dZ[Z <= 0] = "
                + ("0`" if g == "relu" else "...`")
                + " also changes those entries of dA."
            )
        else:
            how = (
                f"= dA[{k}] * g'(Z[{k}]) with g = {g}. Your dA{k} was multiplied in place after "
                f"it was stored in grads: `dZ = dA` does not copy (dZ becomes a second name for "
                f"the same array), so `dZ *= ...` also changes dA."
            )
        candidates.append(
            (
                masked,
                f"{name} equals dZ[{k}], dA[{k}] {how} Write `dZ = np.array(dA, copy=True)`, as "
                f"the course does. The dZ[{k}] computed from it is right; only the dA{k} kept "
                "in grads is not.",
            )
        )
    return [
        (candidate, sentence)
        for candidate, sentence in candidates
        if not (np.shape(candidate) == correct.shape and _close(candidate, correct))
    ]
