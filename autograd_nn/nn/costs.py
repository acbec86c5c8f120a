"""Costs J: the logistic cost, mean squared error and softmax cross-entropy.

Each takes the output A[L] of a model (a Tensor of shape (n[L], m)) and the labels Y of the
same shape, and returns J, a one-entry Tensor; ``J.backward()`` then fills dW[l], db[l].

* :func:`logistic_cost`: J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)), labels in {0, 1}.
  When A[L] = sigmoid(Z[L]) it is computed from Z[L], finite at any Z, and
  dJ/dZ[L] = (A[L] - Y) / m: the course's dZ[L] = A[L] - Y with its 1/m.
* :func:`mean_squared_error`: J = (1/(2m)) sum((A - Y)^2), for regression (the 1/2 is
  included, so that dJ/dA = (A - Y) / m).
* :func:`softmax_cross_entropy`: J = -(1/m) sum(Y log A), A = softmax(Z) over the C classes
  in rows, Y one-hot (C, m); dJ/dZ = (A - Y) / m.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograd_nn import Tensor, ops, scope
from autograd_nn.errors import DomainError, ShapeError
from autograd_nn.functions import logistic_loss

from .layers import data_tensor


def _output(cost: str, AL: Any) -> Tensor:
    """A[L] as a Tensor (a numpy array becomes a constant: J then has no gradient).

    A float32 array stays float32, as a float32 A[L] makes a float32 J.
    """
    dtype = np.float32 if getattr(AL, "dtype", None) == np.float32 else None
    return data_tensor(cost, "AL", AL, dtype)


def _labels(cost: str, Y: Any, AL: Tensor) -> Tensor:
    """Y as a data Tensor of A[L]'s shape and dtype, or a ShapeError naming both shapes.

    The labels take A[L]'s precision (0 and 1 are exact in float32), so a float32 network
    gets a float32 J and float32 gradients.
    """
    if not isinstance(Y, Tensor):
        try:
            Y = np.asarray(Y)
        except ValueError:  # ragged nested lists
            raise TypeError(f"{cost}: Y must be an array of numbers (rectangular)") from None
    data = Y.data if isinstance(Y, Tensor) else Y
    if data.dtype.kind not in "biuf":
        raise TypeError(f"{cost}: Y must hold numbers, got an array of {data.dtype}")
    if data.shape != AL.shape:
        n_L = AL.shape[0] if AL.ndim else "?"
        expected = "(1, m)" if n_L == 1 else "(n[L], m)"
        hint = ""
        if data.ndim == 1 and AL.ndim == 2 and data.shape[0] == AL.shape[1]:
            if n_L == 1:
                hint = "; a rank-1 array (m,): use Y.reshape(1, -1)"
            else:
                hint = (
                    f"; a rank-1 array (m,), class indices perhaps: make them one-hot, "
                    f"Y = np.eye({n_L})[y].T, shape ({n_L}, m)"
                )
        elif data.ndim == 2 and AL.ndim == 2 and data.shape == AL.shape[::-1]:
            hint = "; examples look like rows: use Y.T (one example per column)"
        raise ShapeError(
            f"{cost}: Y must be {expected} = {AL.shape}, the shape of A[L], got {data.shape}{hint}"
        )
    if isinstance(Y, Tensor) and Y.data.dtype == AL.data.dtype:
        return Y
    return Tensor(
        data, name=getattr(Y, "name", None) or "Y", requires_grad=False, dtype=AL.data.dtype
    )


def _entries(count: int) -> str:
    """``1 entry is`` / ``3 entries are``."""
    return f"{count} entry is" if count == 1 else f"{count} entries are"


def _binary_labels(cost: str, Y: Tensor) -> None:
    """Refuse labels outside {0, 1}, naming how many and one of them."""
    outside = (Y.data != 0) & (Y.data != 1)
    if outside.any():
        example = Y.data[outside].flat[0]
        raise ValueError(
            f"{cost}: Y must hold labels 0 or 1; {_entries(int(outside.sum()))} outside "
            f"{{0, 1}} (e.g. {example:g})"
        )


def logistic_cost(AL: Tensor, Y: Any, *, check_labels: bool = True) -> Tensor:
    """The logistic (binary cross-entropy) cost J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)).

    When A[L] is the output of a sigmoid (``AL.op is ops.sigmoid``), J is computed from its
    input Z[L] with the stable per-example loss (``autograd_nn.functions.logistic_loss``):
    finite, with finite gradients, even where A[L] rounds to exactly 0 or 1 (Z = +-1000),
    and dJ/dZ[L] = (A[L] - Y) / m. Otherwise J is computed from A[L] with logs, and A[L] must
    lie strictly between 0 and 1.

    Args:
        AL: A[L], shape (1, m) (or (n[L], m) for n[L] independent binary labels).
        Y: labels in {0, 1}, the same shape (numpy array or data Tensor).
        check_labels: check that Y holds only 0s and 1s (``train`` checks once, then skips
            it on later iterations).

    Returns:
        J, a one-entry Tensor named "J".

    Raises:
        ShapeError: Y's shape differs from A[L]'s (e.g. (m,) instead of (1, m)).
        ValueError: labels outside {0, 1}.
        DomainError: A[L] (not from a sigmoid) has entries outside (0, 1).
    """
    AL = _output("logistic_cost", AL)
    Yt = _labels("logistic_cost", Y, AL)
    if check_labels:
        _binary_labels("logistic_cost", Yt)
    m = AL.shape[-1] if AL.ndim else 1
    with scope("cost"):
        if AL.op is ops.sigmoid:
            ZL = AL.parents[0]
            losses = logistic_loss(ZL, Yt, A=AL)  # L(a, y) per example, from Z (reusing A)
            losses.name = "L"
            # J = (1/m) sum of the losses: the mean, when there is one output unit
            J = losses.mean() if AL.shape[0] == 1 else losses.sum() * (1.0 / m)
        else:
            outside = (AL.data <= 0) | (AL.data >= 1)
            if outside.any():
                raise DomainError(
                    f"logistic_cost: A[L] {AL.shape} has {int(outside.sum())} entries outside "
                    f"(0, 1) (e.g. {AL.data[outside].flat[0]:g}), where log(A) or log(1 - A) "
                    "is infinite or undefined. Use a sigmoid output layer: the cost is then "
                    "computed from Z[L] and stays finite when A[L] saturates to 0 or 1"
                )
            J = -(Yt * AL.log() + (1 - Yt) * (1 - AL).log()).sum() * (1.0 / m)
    J.name = "J"
    return J


compute_cost = logistic_cost
"""The course's name for :func:`logistic_cost`."""


def mean_squared_error(AL: Tensor, Y: Any, *, check_labels: bool = True) -> Tensor:
    """Mean squared error J = (1/m) sum_i (1/2) ||a(i) - y(i)||^2 = (1/(2m)) sum((A - Y)^2).

    The 1/2 is included, so that dJ/dA[L] = (A[L] - Y) / m, the same form as the logistic
    cost's dJ/dZ[L]. For regression outputs (a "linear" output layer, e.g. house prices).

    Args:
        AL: A[L], shape (n[L], m) (usually (1, m)).
        Y: targets, the same shape; any finite real numbers.
        check_labels: check that Y is finite (``train`` checks once).

    Returns:
        J, a one-entry Tensor named "J".

    Raises:
        ShapeError: Y's shape differs from A[L]'s.
        ValueError: Y contains NaN or infinity.
    """
    AL = _output("mean_squared_error", AL)
    Yt = _labels("mean_squared_error", Y, AL)
    if check_labels and not np.all(np.isfinite(Yt.data)):
        raise ValueError("mean_squared_error: Y contains NaN or infinity")
    m = AL.shape[-1] if AL.ndim else 1
    with scope("cost"):
        D = AL - Yt
        J = (D * D).sum() * (0.5 / m)
    J.name = "J"
    return J


def softmax_cross_entropy(AL: Tensor, Y: Any, *, check_labels: bool = True) -> Tensor:
    """Softmax cross-entropy J = -(1/m) sum over classes and examples of Y log A.

    For C classes, one class per row and one example per column: A[L] = softmax(Z[L]) (C, m),
    Y one-hot (C, m) (exactly one 1 per column). When A[L] is the output of a softmax over
    axis 0 (``AL.op is ops.softmax``), J is computed from Z[L] with the log-sum-exp trick::

        log A[L] = Z - max(Z) - log(sum(exp(Z - max(Z))))     (max and sum over the classes)

    so it stays finite at any finite Z (up to +-1.8e308, float32's 3.4e38 too: Z = [[1e308,
    1e308], [1e308, -1e308]] with Y = [[1, 1], [0, 0]] gives J = ln(2) / 2 exactly) and
    dJ/dZ[L] = (A[L] - Y) / m. A class whose A underflows to 0 adds 0 log 0 = 0 where its Y
    is 0. The one case left infinite is a labelled class with A = 0 in float arithmetic,
    whose true loss -log A exceeds the largest float (Z - max(Z) below -1.8e308). Otherwise
    A[L] must be positive.

    Args:
        AL: A[L], shape (C, m), each column a probability distribution over the C classes.
        Y: one-hot labels, shape (C, m).
        check_labels: check that Y is one-hot (``train`` checks once).

    Returns:
        J, a one-entry Tensor named "J".

    Raises:
        ShapeError: Y's shape differs from A[L]'s.
        ValueError: Y is not one-hot (entries outside {0, 1}, or a column not summing to 1).
        DomainError: A[L] (not from a softmax) has entries <= 0.
    """
    cost = "softmax_cross_entropy"
    AL = _output(cost, AL)
    Yt = _labels(cost, Y, AL)
    if AL.ndim != 2:
        raise ShapeError(f"{cost}: A[L] must be (C, m), got {AL.shape}")
    bad_columns = np.flatnonzero(Yt.data.sum(axis=0) != 1) if check_labels else ()
    if check_labels:
        _binary_labels(cost, Yt)
    if len(bad_columns):
        raise ValueError(
            f"{cost}: Y must be one-hot (C, m), exactly one 1 per column; "
            f"{len(bad_columns)} columns are not (e.g. column {bad_columns[0]})"
        )
    m = AL.shape[1]
    with scope("cost"):
        if AL.op is ops.softmax and AL.params.get("axis") == 0:
            # log A = Z - max(Z) - log(sum(exp(Z - max(Z)))): Z - max(Z) <= 0, so exp never
            # overflows; it may itself overflow to -inf (Z = -1e308 next to 1e308): log A = -inf
            # there, which is exactly what A = 0 means
            with np.errstate(over="ignore"):
                log_A = AL.parents[0].log_softmax(axis=0)
        else:
            if np.any(AL.data <= 0):
                raise DomainError(
                    f"{cost}: A[L] {AL.shape} has entries <= 0, where log(A) is undefined; "
                    "use a softmax output layer (the cost is then computed from Z[L])"
                )
            log_A = AL.log()
        if np.isneginf(log_A.data).any():
            # a class with A = 0 (log A = -inf) and Y = 0 adds 0 log 0 = 0 to the sum; computed
            # as 0 * (-inf) it would be NaN, so only the entries where Y != 0 are summed
            labelled = Yt.data != 0
            J = (Yt[labelled] * log_A[labelled]).sum() * (-1.0 / m)
        else:
            J = (Yt * log_A).sum() * (-1.0 / m)
    J.name = "J"
    return J


COSTS: dict[str, Any] = {
    "logistic": logistic_cost,
    "mse": mean_squared_error,
    "softmax_cross_entropy": softmax_cross_entropy,
}
"""Cost name -> function (AL, Y) -> J, as accepted by :func:`autograd_nn.nn.training.train`."""
