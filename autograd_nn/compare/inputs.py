"""What ``compare`` accepts, checked in course terms, and the errors it raises.

X must be (n_x, m), Y (1, m), the parameters W1, b1, ..., WL, bL must chain
(W[l] (n[l], n[l-1]), b[l] (n[l], 1), n[L] = 1), the activations must be the course's; an nn
Model is read for its parameters and activations. Every failure is a :class:`ComparisonError`
whose message names the quantity, its shape and what the course expects. (Your own backward
function is read and run by :mod:`autograd_nn.compare.manual`.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import reference
from ..errors import AutogradError
from ..tensor import Tensor
from .crash import exception_text

Parameters = dict[str, np.ndarray]
"""The course's ``parameters`` dict: W1, b1, ..., WL, bL as float64 arrays."""


class ComparisonError(AutogradError, ValueError):
    """Inputs that ``compare`` cannot line up: X, Y, parameters or activations (course terms)."""


class ManualGradientError(ComparisonError):
    """Your ``manual`` gradient function failed, or returned something that is not a grads dict."""


def parameter_names(L: int) -> list[str]:
    """The course's parameter keys in forward order.

    Args:
        L: the number of layers.

    Returns:
        ["W1", "b1", ..., "WL", "bL"].
    """
    return [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]


def as_array(value: Any, what: str) -> np.ndarray:
    """A float64 copy of a numpy array, nested list or Tensor (its data).

    Args:
        value: the array-like to copy.
        what: how messages name it, e.g. "W1" or "your dZ2".

    Raises:
        ComparisonError: complex values, or something that is not an array of numbers.
    """
    data = value.data if isinstance(value, Tensor) else value
    try:
        if np.iscomplexobj(data):
            raise ComparisonError(f"{what} must be real numbers, got complex values")
        array = np.array(data, dtype=np.float64)
    except ComparisonError:
        raise
    except Exception as exc:  # whatever a learner's object raises when numpy reads it
        raise ComparisonError(
            f"{what} must be an array of numbers, got {type(value).__name__}"
        ) from exc
    return array


def check_data(X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
    """X as (n_x, m) and Y as (1, m), float64 copies.

    Raises:
        ComparisonError: X not (n_x, m) or empty, Y not (1, m) (with the reshape that fixes a
            rank-1 or transposed Y), values that are not finite, labels outside {0, 1}.
    """
    X = as_array(X, "X")
    Y = as_array(Y, "Y")
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
    outside = (Y != 0) & (Y != 1)
    if outside.any():
        raise ComparisonError(
            f"Y must hold labels 0 or 1 (the logistic cost's), got {Y[outside].flat[0]:g} "
            f"in {int(outside.sum())} of the {m} examples"
        )
    return X, Y


def check_parameters(parameters: Any, n_x: int) -> tuple[Parameters, list[int]]:
    """The parameters dict as float64 copies, and layer_dims = [n[0], ..., n[L]].

    Args:
        parameters: W1, b1, ..., WL, bL with W[l] (n[l], n[l-1]), b[l] (n[l], 1), n[L] = 1.
        n_x: n[0], the rows of X.

    Raises:
        ComparisonError: missing or unexpected keys, shapes that do not chain (e.g.
            "W2 must be (n[2], n[1]) with n[1] = 4 ..."), values that are not finite.
    """
    if not isinstance(parameters, Mapping):
        raise ComparisonError(
            "parameters must be a dict keyed W1, b1, ..., WL, bL (the course's parameters), "
            f"got {type(parameters).__name__}"
        )
    L = sum(1 for key in parameters if isinstance(key, str) and key.startswith("W"))
    expected = parameter_names(L)
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
        W = as_array(parameters[f"W{l}"], f"W{l}")
        b = as_array(parameters[f"b{l}"], f"b{l}")
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


def check_output(name: Any) -> str:
    """The output activation g[L], which must be "sigmoid" (the course's binary classifier)."""
    if name != "sigmoid":
        raise ComparisonError(
            "output_activation must be 'sigmoid': compare follows the course's binary "
            f"classifier (a sigmoid output and the logistic cost), got {name!r}"
        )
    return name


def check_activation(name: Any, role: str) -> str:
    """A hidden activation name of the course's formulas (``reference.ACTIVATIONS``).

    Args:
        name: e.g. "relu" or "tanh".
        role: how the message names the argument, e.g. "hidden_activation".
    """
    if not isinstance(name, str) or name not in reference.ACTIVATIONS:
        known = ", ".join(repr(known) for known in reference.ACTIVATIONS)
        raise ComparisonError(
            f"{role} must be one of {known} (the course's formulas), got {name!r}"
        )
    return name


def read_model(model: Any) -> tuple[Any, str | None, str | None]:
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
        try:
            export = export() if callable(export) else export
        except Exception as exc:  # a learner's model whose method fails
            raise ComparisonError(
                f"compare reads the parameters with {type(model).__name__}.{attribute}(), "
                f"which raised {exception_text(exc)}"
            ) from exc
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
