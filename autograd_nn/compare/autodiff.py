"""The autodiff side: the course's L-layer forward pass in Tensor operations, then ``backward()``.

For l = 1..L, Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`; J = logistic_loss(Z[L], Y).mean()
for the sigmoid output. ``J.backward()`` leaves dJ/dW[l], dJ/db[l], dJ/dZ[l], dJ/dA[l] on the
recorded tensors; :func:`autodiff_grads` returns them as the course's ``grads`` dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..functions import logistic_loss
from ..graph import scope
from ..nn.activations import ACTIVATIONS  # the same g[l] the dense layers use
from ..tensor import Tensor
from .inputs import (
    Parameters,
    _check_activation,
    _check_data,
    _check_output,
    _check_parameters,
    _parameter_names,
)


def _cost(
    weights: list[Tensor],
    X: Tensor,
    Y: np.ndarray,
    hidden_activation: str,
    cache: dict[str, Tensor] | None = None,
) -> Tensor:
    """J for weights [W1, b1, ..., WL, bL]: forward with Tensor ops, then the mean logistic cost.

    For l = 1..L: Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`. With a sigmoid output,
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
            A = ACTIVATIONS[hidden_activation](Z) if l < L else Z.sigmoid()
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
    weights = [Tensor(parameters[name], name=name) for name in _parameter_names(L)]
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

    Forward with Tensor operations, Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`, cost
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
