"""Your own backprop: calling your gradient function and reading the grads dict it returns.

``manual(parameters, X, Y)`` gets copies of the course's ``parameters`` dict and of X, Y, and
returns a ``grads`` dict like the course's: dW1, db1, ..., dWL, dbL are required; dZ1, ..., dZL
and dA0, ..., dA{L-1} are optional and compared when present (they narrow down where a mistake
is). Anything else in the dict (a cost, caches, notes) is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .inputs import ComparisonError, ManualGradientError, Parameters, as_array

ManualGradients = Callable[[Parameters, np.ndarray, np.ndarray], Mapping[str, Any]]
"""Your backprop: ``manual(parameters, X, Y) -> grads``."""


def read_grads(grads: Any, L: int, call: str) -> dict[str, np.ndarray]:
    """The course's gradient keys of your ``grads`` dict, as float64 arrays.

    Args:
        grads: what your function returned.
        L: the number of layers.
        call: how messages name your call, e.g. "backward(parameters, X, Y)".

    Returns:
        dW1..dWL, db1..dbL and those of dZ1..dZL, dA0..dA{L-1} that are present.

    Raises:
        ManualGradientError: not a dict, dW[l] or db[l] missing, a value that is None or not
            an array of real numbers.
    """
    if not isinstance(grads, Mapping):
        raise ManualGradientError(
            f"your {call} must return the course's grads dict (dW1, db1, ...), "
            f"got {type(grads).__name__}"
        )
    required = [f"{p}{l}" for l in range(L, 0, -1) for p in ("dW", "db")]
    missing = [key for key in required if key not in grads]
    if missing:
        raise ManualGradientError(
            f"your grads dict has no {', '.join(missing)}; compare needs dW[l] and db[l] for "
            f"l = 1..{L} (keys {', '.join(required[::-1])}); dZ[l] and dA[l] are optional"
        )
    # only the course's gradient keys are read: dW1..dWL, db1..dbL, dZ1..dZL, dA0..dA{L-1};
    # anything else a learner keeps in the dict (a cost, caches, notes) is left alone
    compared = {f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db", "dZ")}
    compared |= {f"dA{l}" for l in range(L)}
    arrays = {}
    for key, value in grads.items():
        if key not in compared:
            continue
        if value is None:
            raise ManualGradientError(f"your {key} is None; return an array (or leave {key} out)")
        try:
            arrays[key] = as_array(value, f"your {key}")
        except ComparisonError as exc:
            raise ManualGradientError(str(exc)) from exc
    return arrays


def run_manual(
    manual: ManualGradients, parameters: Parameters, X: np.ndarray, Y: np.ndarray, L: int
) -> dict[str, np.ndarray]:
    """Call your gradient function on copies and read the grads dict it returns.

    Raises:
        ManualGradientError: ``manual`` is not callable, raised, or returned no grads dict.
    """
    if not callable(manual):
        raise ManualGradientError(
            f"manual must be a function manual(parameters, X, Y) -> grads, got "
            f"{type(manual).__name__}"
        )
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
    return read_grads(grads, L, f"{name}(parameters, X, Y)")
