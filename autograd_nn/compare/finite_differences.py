"""The finite-difference column: the course's gradient check on dW[l] and db[l].

Centered differences of the mean cost J, one forward pass per entry and side, read as the
course does: a relative difference of about 1e-7 is fine, 1e-5 look closer, 1e-3 wrong.
"""

from __future__ import annotations

import numpy as np

from ..gradcheck import gradcheck
from ..graph import no_grad
from ..tensor import Tensor
from .autodiff import _cost
from .inputs import Parameters, _parameter_names

FD_RESOLUTION = 1e-8
"""Finite differences resolve a gradient to about this times max(1, |J|), absolutely.

Centered differences with eps = 1e-6 in float64 carry a rounding error near
1e-16 |J| / 1e-6 = 1e-10 |J| per entry; this keeps a 100x margin. A row whose formula and finite
differences differ by less is read "fine (FD noise)" whatever its relative difference: next to
a gradient of 1e-7 that noise alone is a relative difference of 1e-3.
"""


def _numeric(
    parameters: Parameters,
    X: np.ndarray,
    Y: np.ndarray,
    hidden_activation: str,
) -> tuple[dict[str, np.ndarray], float]:
    """Centered finite differences of J for every entry of W[l], b[l] (keys dW1, db1, ...),
    and the resolution ``FD_RESOLUTION`` * max(1, |J|)."""
    L = len(parameters) // 2
    names = _parameter_names(L)
    X_data = Tensor(X, name="X", requires_grad=False)

    def f(*weights: Tensor) -> Tensor:
        return _cost(list(weights), X_data, Y, hidden_activation)

    with no_grad():
        J = float(f(*[Tensor(parameters[n], requires_grad=False) for n in names]).data)
    results = gradcheck(f, *[Tensor(parameters[n], name=n) for n in names])
    numeric = {f"d{n}": r.numeric for n, r in zip(names, results, strict=True)}
    return numeric, FD_RESOLUTION * max(1.0, abs(J))
