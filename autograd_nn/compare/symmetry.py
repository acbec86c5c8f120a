"""The course's lesson on initialization: hidden units that start equal stay equal (symmetry).

With W[l] = 0 (``np.zeros((n[l], n[l-1]))``, the initialization the course warns about), every
hidden unit of layer l computes the same Z[l] and A[l], and gets the same gradient: the rows of
dW[l] are equal, so are the entries of db[l], and gradient descent keeps the units equal. Their
gradients are right (autodiff and the formulas agree on them); what is wrong is the starting
point. :func:`symmetry_notes` says so in the report, so that a learner is not left wondering
why every row of dW1 is the same, or why dW1 is all zeros.

Units j and k of hidden layer l are interchangeable exactly when rows j and k of W[l] are equal,
b[l][j] = b[l][k], and columns j and k of W[l+1] are equal (the same inputs, the same
pre-activations, the same weight in every unit downstream): then A[l][j] = A[l][k] for every
example and, by the chain rule, dZ[l][j] = dZ[l][k].
"""

from __future__ import annotations

import numpy as np

from .inputs import Parameters


def _all_equal(array: np.ndarray, axis: int) -> bool:
    """Whether every slice along ``axis`` equals the first (every row, or every column)."""
    first = np.take(array, [0], axis=axis)
    return bool(np.all(array == first))


def symmetric_layers(parameters: Parameters) -> list[int]:
    """The hidden layers l (1..L-1, n[l] >= 2) whose units are all interchangeable.

    Args:
        parameters: W1, b1, ..., WL, bL, checked.

    Returns:
        The layers l where every row of W[l] is the same, every entry of b[l] is the same and
        every column of W[l+1] is the same, in increasing order.
    """
    L = len(parameters) // 2
    return [
        l
        for l in range(1, L)
        if parameters[f"W{l}"].shape[0] >= 2
        and _all_equal(parameters[f"W{l}"], 0)
        and _all_equal(parameters[f"b{l}"], 0)
        and _all_equal(parameters[f"W{l + 1}"], 1)
    ]


def symmetry_notes(parameters: Parameters) -> list[str]:
    """One sentence per symmetric hidden layer, in the course's terms, with the fix.

    >>> import numpy as np
    >>> zeros = {"W1": np.zeros((4, 2)), "b1": np.zeros((4, 1)),
    ...          "W2": np.zeros((1, 4)), "b2": np.zeros((1, 1))}
    >>> print(symmetry_notes(zeros)[0][:79])
    Symmetry: W1 and W2 are all zeros (the zero initialization), so the 4 hidden un
    """
    notes = []
    for l in symmetric_layers(parameters):
        W, W_next = parameters[f"W{l}"], parameters[f"W{l + 1}"]
        n = W.shape[0]
        if not np.any(W) and not np.any(W_next):
            cause = f"W{l} and W{l + 1} are all zeros (the zero initialization)"
        else:
            cause = (
                f"the rows of W{l} are all the same, as are the entries of b{l} and the "
                f"columns of W{l + 1}"
            )
        notes.append(
            f"Symmetry: {cause}, so the {n} hidden units of layer {l} compute the same A{l} "
            f"and get the same gradient: every row of dW{l} is the same, and so is every "
            f"entry of db{l}. Gradient descent keeps them equal, and the layer learns no more "
            f"than one unit would. These gradients are right (the rows compare them); the "
            f"starting point is what is wrong: initialize W{l} with "
            f"np.random.randn(n[{l}], n[{l - 1}]) * 0.01 to break the symmetry."
        )
    return notes
