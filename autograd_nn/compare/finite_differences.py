"""The finite-difference column: the course's gradient check on dW[l] and db[l].

Centered differences of the mean cost J, one forward pass per entry and side, read as the
course does: a relative difference of about 1e-7 is fine, 1e-5 look closer, 1e-3 wrong.
"""

from __future__ import annotations

import numpy as np

from ..gradcheck import gradcheck
from ..graph import no_grad
from ..tensor import Tensor
from .autodiff import course_network, network_cost
from .inputs import Parameters, parameter_names

FD_RESOLUTION = 1e-8
"""Finite differences resolve a gradient to about this times max(1, |J|), absolutely.

Centered differences with eps = 1e-6 in float64 carry a rounding error near
1e-16 |J| / 1e-6 = 1e-10 |J| per entry; this keeps a 100x margin. A row whose formula and finite
differences differ by less is read "fine (FD noise)" whatever its relative difference: next to
a gradient of 1e-7 that noise alone is a relative difference of 1e-3.
"""


def numeric_gradients(
    parameters: Parameters,
    X: np.ndarray,
    Y: np.ndarray,
    hidden_activation: str,
) -> tuple[dict[str, np.ndarray], float]:
    """Centered finite differences of J for every entry of W[l], b[l].

    J is the cost of the nn Model that the autodiff side uses (:func:`~.autodiff.network_cost`),
    evaluated by :func:`autograd_nn.gradcheck` at W[l] +- eps, b[l] +- eps, entry by entry.

    Args:
        parameters: W1, b1, ..., WL, bL, already checked. X: (n_x, m). Y: (1, m).
        hidden_activation: g[1] .. g[L-1].

    Returns:
        ({"dW1": ..., "db1": ..., ...}, resolution): the numerical gradients and the absolute
        difference they cannot resolve, ``FD_RESOLUTION`` * max(1, |J|).
    """
    names = parameter_names(len(parameters) // 2)
    model = course_network(parameters, hidden_activation)
    X_data = Tensor(X, name="X", requires_grad=False)

    def J_of(*weights: Tensor) -> Tensor:
        return network_cost(model, weights, X_data, Y)

    with no_grad():
        J = float(J_of(*[Tensor(parameters[n], requires_grad=False) for n in names]).data)
    results = gradcheck(J_of, *[Tensor(parameters[n], name=n) for n in names])
    numeric = {f"d{n}": r.numeric for n, r in zip(names, results, strict=True)}
    return numeric, FD_RESOLUTION * max(1.0, abs(J))
