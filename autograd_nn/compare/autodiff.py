"""The autodiff side: the course's L-layer network as an nn ``Model``, its cost, ``backward()``.

The network is :class:`autograd_nn.nn.Model` (for l = 1..L, Z[l] = W[l] A[l-1] + b[l],
`A[l] = g[l](Z[l])`, a sigmoid output) and the cost is :func:`autograd_nn.nn.logistic_cost`
(J = -(1/m) sum(Y log A[L] + (1 - Y) log(1 - A[L])), computed stably from Z[L]): the very code
a learner trains with. ``J.backward()`` leaves dJ/dW[l], dJ/db[l] on the parameters and
dJ/dZ[l], dJ/dA[l] on the tensors of the model's cache; :func:`autodiff_grads` returns them as
the course's ``grads`` dict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..nn import Model, logistic_cost
from ..tensor import Tensor
from .inputs import (
    Parameters,
    check_activation,
    check_data,
    check_output,
    check_parameters,
    parameter_names,
)


def course_network(parameters: Parameters, hidden_activation: str) -> Model:
    """The course's L-layer network of these parameters' shapes, as an nn Model.

    Layers 1..L-1 use ``hidden_activation``, layer L a sigmoid. Its own weights are zeros
    (placeholders): :func:`network_cost` runs it with the weights it is given.

    Args:
        parameters: W1, b1, ..., WL, bL (checked); layer_dims = [n[0], ..., n[L]] is read from
            the shapes W[l] (n[l], n[l-1]).
        hidden_activation: g[1] .. g[L-1], e.g. "relu" or "tanh".
    """
    L = len(parameters) // 2
    layer_dims = [parameters["W1"].shape[1]] + [
        parameters[f"W{l}"].shape[0] for l in range(1, L + 1)
    ]
    return Model.from_layer_dims(layer_dims, hidden_activation, "sigmoid", initialization="zeros")


def network_cost(model: Model, weights: Sequence[Tensor], X: Tensor, Y: np.ndarray) -> Tensor:
    """J = logistic_cost(A[L], Y) of ``model`` computing with the given W[l], b[l].

    Layer l takes W[l] = weights[2l - 2] and b[l] = weights[2l - 1] as its parameters, so
    ``J.backward()`` leaves dJ/dW[l] and dJ/db[l] on those tensors.

    Args:
        model: from :func:`course_network`.
        weights: [W1, b1, ..., WL, bL], Tensors of the model's shapes.
        X: A[0] (n_x, m), a Tensor (with ``requires_grad=True`` dJ/dX = dA[0] is computed too).
        Y: labels (1, m), checked to be 0 or 1.

    Returns:
        J, a one-entry Tensor; ``model.cache`` holds Z[l], A[l] of this forward pass.
    """
    for l, layer in enumerate(model.layers, start=1):
        layer.W, layer.b = weights[2 * l - 2], weights[2 * l - 1]
    return logistic_cost(model.forward(X), Y, check_labels=False)


def mean_cost_gradients(
    parameters: Parameters, X: np.ndarray, Y: np.ndarray, hidden_activation: str
) -> dict[str, np.ndarray]:
    """dJ/dq of the mean cost J for q = W[l], b[l], Z[l], A[l-1], by ``J.backward()``.

    Args:
        parameters: W1, b1, ..., WL, bL, already checked (:func:`~.inputs.check_parameters`).
        X: (n_x, m). Y: (1, m), already checked (:func:`~.inputs.check_data`).
        hidden_activation: g[1] .. g[L-1].

    Returns:
        dict with keys dW1, db1, dZ1, dA0, ..., dWL, dbL, dZL, dA{L-1} and dA{L}: autodiff's
        dJ/dq, shaped like q (zeros where no gradient flows). dZ and dA are not scaled by m.
        dJ/dA[L] is the course's dA[L] / m, which ``logistic_cost`` reports to A[L] while it
        sends dJ/dZ[L] = (A[L] - Y) / m straight to Z[L].
    """
    L = len(parameters) // 2
    model = course_network(parameters, hidden_activation)
    weights = [Tensor(parameters[name], name=name) for name in parameter_names(L)]
    A0 = Tensor(X, name="X")  # requires a gradient, so that dA0 = dJ/dX is computed too
    J = network_cost(model, weights, A0, Y)
    J.backward()
    tensors: dict[str, Tensor] = {f"dA{L}": model.cache[f"A{L}"]}  # dJ/dA[L], reported by the cost
    for l in range(1, L + 1):
        tensors[f"dW{l}"], tensors[f"db{l}"] = weights[2 * l - 2], weights[2 * l - 1]
        tensors[f"dZ{l}"] = model.cache[f"Z{l}"]
        tensors[f"dA{l - 1}"] = model.cache[f"A{l - 1}"]
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

    Forward with the nn Model, Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`, cost
    J = (1/m) sum of the logistic losses (``nn.logistic_cost``), then ``J.backward()``.

    Args:
        parameters: W1, b1, ..., WL, bL; W[l] (n[l], n[l-1]), b[l] (n[l], 1), n[L] = 1.
        X: inputs (n_x, m). Y: labels (1, m).
        hidden_activation: g[1] .. g[L-1]; output_activation: g[L], "sigmoid" only.
        course_convention: True (default) multiplies dZ[l] and dA[l] by m, giving the course's
            dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L])), dZ[L] = A[L] - Y and
            dZ[l] = dA[l] * g'(Z[l]); False gives dJ/dZ[l], dJ/dA[l] of the mean cost. dW[l],
            db[l] are the same either way.

    Returns:
        dict with dAL, then dW1, db1, dZ1, dA0, ..., dWL, dbL, dZL, dA{L-1}, shaped like the
        quantities.

    Raises:
        ComparisonError: X, Y or parameters that do not fit (see :mod:`~.inputs`).
    """
    X, Y = check_data(X, Y)
    arrays, _ = check_parameters(parameters, X.shape[0])
    hidden_activation = check_activation(hidden_activation, "hidden_activation")
    check_output(output_activation)
    grads = mean_cost_gradients(arrays, X, Y, hidden_activation)
    if course_convention:
        m = X.shape[1]
        grads = {k: v * m if k[1] in "ZA" else v for k, v in grads.items()}
    return grads
