"""The course's vectorized backprop, written by hand in plain numpy.

This module is the "manual" half of the teaching comparison and the oracle the tests check the
autodiff engine against. It imports numpy and the standard library only, never anything else
from autograd_nn, and it follows the "Neural Networks and Deep Learning" course line by line:
the same names (``linear_forward``, ``L_model_backward``, ``dW1`` ...), the same dicts of
parameters and gradients, the same formulas (see the notation page, ``docs/notation.md``).

Shapes, one example per column:

* X = A[0]: (n_x, m); Y: (1, m)
* W[l]: (n[l], n[l-1]); b[l]: (n[l], 1), broadcast across the m columns
* Z[l], A[l], dZ[l], dA[l]: (n[l], m); dW[l] like W[l]; db[l] like b[l]

The course's 1/m convention: the cost is the mean J = (1/m) sum_i L(a(i), y(i)), and the course
applies the 1/m inside dW and db only::

    dZ[l] = dA[l] * g[l]'(Z[l])
    dW[l] = (1/m) dZ[l] A[l-1]^T
    db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)
    dA[l-1] = W[l]^T dZ[l]

So dW[l] and db[l] are the true partial derivatives of J, while the course's dZ[l] and dA[l]
(starting from dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L])), the derivative of the per-example
loss) are m times the true partials of J. An autodiff tool reports dJ/dZ[l] = dZ[l] / m.

Other conventions: relu'(0) = 0 (and leaky_relu'(0) = slope), as the course's
``relu_backward``; activations are looked up by name in ``ACTIVATIONS``.
"""

from collections.abc import Callable

import numpy as np

Parameters = dict[str, np.ndarray]
"""W1, b1, ..., WL, bL, keyed exactly as in the course."""

LinearCache = tuple[np.ndarray, np.ndarray, np.ndarray]
"""(A_prev, W, b), saved by ``linear_forward`` for ``linear_backward``."""

ActivationCache = tuple[LinearCache, np.ndarray]
"""(linear_cache, Z), saved by ``linear_activation_forward``."""


# --- Activations: forward g(Z) and backward dZ = dA * g'(Z), side by side ----------------------


def sigmoid(Z: np.ndarray) -> np.ndarray:
    """Sigmoid, A = 1 / (1 + e^(-Z)), element-wise.

    Computed in the numerically stable two-branch form: with E = e^(-|Z|) (never above 1),
    A = 1 / (1 + E) where Z >= 0 and A = E / (1 + E) where Z < 0. Both equal 1 / (1 + e^(-Z)),
    but neither overflows, so Z = +-1000 gives exactly 1.0 and 0.0 without a warning.

    Args:
        Z: pre-activation, any shape, e.g. Z[l] of shape (n[l], m).

    Returns:
        A, same shape as Z, every entry in [0, 1].
    """
    Z = np.asarray(Z)
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Backward through sigmoid: dZ = dA * g'(Z) with g'(Z) = A (1 - A), A = sigmoid(Z).

    Args:
        dA: gradient with respect to A, shape (n[l], m).
        Z: the cached pre-activation Z[l], shape (n[l], m).

    Returns:
        dZ, shape (n[l], m).
    """
    A = sigmoid(Z)
    return dA * A * (1 - A)


def tanh(Z: np.ndarray) -> np.ndarray:
    """Hyperbolic tangent, A = (e^Z - e^(-Z)) / (e^Z + e^(-Z)), element-wise.

    Args:
        Z: pre-activation, any shape, e.g. (n[l], m).

    Returns:
        A, same shape as Z, every entry in [-1, 1].
    """
    return np.tanh(Z)


def tanh_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Backward through tanh: dZ = dA * g'(Z) with g'(Z) = 1 - A^2, A = tanh(Z).

    Args:
        dA: gradient with respect to A, shape (n[l], m).
        Z: the cached pre-activation Z[l], shape (n[l], m).

    Returns:
        dZ, shape (n[l], m).
    """
    A = np.tanh(Z)
    return dA * (1 - A**2)


def relu(Z: np.ndarray) -> np.ndarray:
    """ReLU, A = max(0, Z), element-wise.

    Args:
        Z: pre-activation, any shape, e.g. (n[l], m).

    Returns:
        A, same shape as Z.
    """
    return np.maximum(0, Z)


def relu_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Backward through ReLU: dZ = dA * g'(Z) with g'(Z) = 1 where Z > 0, 0 where Z <= 0.

    Convention: relu'(0) = 0 (the derivative does not exist at 0), so dZ = 0 wherever Z <= 0,
    exactly as the course's ``relu_backward`` (``dZ[Z <= 0] = 0``).

    Args:
        dA: gradient with respect to A, shape (n[l], m).
        Z: the cached pre-activation Z[l], shape (n[l], m).

    Returns:
        dZ, shape (n[l], m).
    """
    return np.where(Z > 0, dA, 0.0)


def leaky_relu(Z: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """Leaky ReLU, A = max(slope * Z, Z) (for 0 < slope < 1), element-wise.

    Args:
        Z: pre-activation, any shape, e.g. (n[l], m).
        slope: the slope for Z <= 0; the course uses 0.01.

    Returns:
        A, same shape as Z.
    """
    return np.where(Z > 0, Z, slope * Z)


def leaky_relu_backward(dA: np.ndarray, Z: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """Backward through leaky ReLU: dZ = dA * g'(Z), g'(Z) = 1 where Z > 0, slope where Z <= 0.

    Convention: leaky_relu'(0) = slope, matching relu'(0) = 0 in ``relu_backward``.

    Args:
        dA: gradient with respect to A, shape (n[l], m).
        Z: the cached pre-activation Z[l], shape (n[l], m).
        slope: the slope for Z <= 0; the course uses 0.01.

    Returns:
        dZ, shape (n[l], m).
    """
    return np.where(Z > 0, dA, slope * dA)


def linear(Z: np.ndarray) -> np.ndarray:
    """Linear (identity) activation, A = Z, e.g. the output of a house-price regression.

    Args:
        Z: pre-activation, any shape, e.g. (n[l], m).

    Returns:
        A copy of Z (same shape, float), so A and Z never alias.
    """
    return np.array(Z, dtype=float)


def linear_derivative_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Backward through the linear activation: dZ = dA * g'(Z) = dA, since g'(Z) = 1.

    Args:
        dA: gradient with respect to A, shape (n[l], m).
        Z: the cached pre-activation Z[l], shape (n[l], m); unused, kept for the common
            ``backward(dA, Z)`` signature.

    Returns:
        dZ, a copy of dA.
    """
    return np.array(dA, dtype=float)


ACTIVATIONS: dict[
    str,
    tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray, np.ndarray], np.ndarray]],
] = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "relu": (relu, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),  # slope 0.01
    "linear": (linear, linear_derivative_backward),
}
"""Activation name -> (forward g(Z) -> A, backward (dA, Z) -> dZ = dA * g'(Z))."""


# --- Input checks, with messages in course terms ------------------------------------------------


def _activation(name: str) -> tuple[Callable, Callable]:
    """(forward, backward) for an activation name, or a ValueError listing the names."""
    if name not in ACTIVATIONS:
        names = ", ".join(repr(known) for known in ACTIVATIONS)
        raise ValueError(f"activation must be one of {names}, got {name!r}")
    return ACTIVATIONS[name]


def _check_X(X: np.ndarray) -> int:
    """Check X is (n_x, m) and return m."""
    if np.ndim(X) != 2:
        raise ValueError(f"X must be (n_x, m), one example per column, got {np.shape(X)}")
    return np.shape(X)[1]


def _check_Y(Y: np.ndarray, m: int) -> None:
    """Check Y is (1, m) for the m of X (or of AL)."""
    if np.shape(Y) != (1, m):
        raise ValueError(f"Y must be (1, m) = (1, {m}), got {np.shape(Y)}")


def _check_linear(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray) -> None:
    """Check W is (n[l], n[l-1]) and b is (n[l], 1) for A_prev of shape (n[l-1], m)."""
    if np.ndim(A_prev) != 2 or np.ndim(W) != 2 or np.shape(W)[1] != np.shape(A_prev)[0]:
        n_prev = np.shape(A_prev)[0] if np.ndim(A_prev) >= 1 else "?"
        raise ValueError(
            f"W {np.shape(W)} and A_prev {np.shape(A_prev)}: "
            f"W must be (n[l], n[l-1]) with n[l-1] = {n_prev}"
        )
    if np.shape(b) != (np.shape(W)[0], 1):
        raise ValueError(f"b must be (n[l], 1) = ({np.shape(W)[0]}, 1), got {np.shape(b)}")


# --- The computation graph example --------------------------------------------------------------


def computation_graph_example(a: float = 5.0, b: float = 3.0, c: float = 2.0) -> dict[str, float]:
    """The course's computation graph J(a, b, c) = 3(a + bc), forward and backward by hand.

    Forward, left to right: u = bc, v = a + u, J = 3v.
    Backward, right to left, by the chain rule (dx means dJ/dx)::

        dv = 3, du = dv * 1 = 3, da = dv * 1 = 3, db = du * c, dc = du * b

    Args:
        a: the first input.
        b: the second input.
        c: the third input.

    Returns:
        Dict with keys "u", "v", "J", "dv", "du", "da", "db", "dc".

    Example:
        >>> computation_graph_example()
        {'u': 6.0, 'v': 11.0, 'J': 33.0, 'dv': 3.0, 'du': 3.0, 'da': 3.0, 'db': 6.0, 'dc': 9.0}
    """
    u = b * c
    v = a + u
    J = 3 * v
    dv = 3.0  # dJ/dv
    du = dv * 1  # dJ/du = dJ/dv * dv/du
    da = dv * 1  # dJ/da = dJ/dv * dv/da
    db = du * c  # dJ/db = dJ/du * du/db
    dc = du * b  # dJ/dc = dJ/du * du/dc
    return {"u": u, "v": v, "J": J, "dv": dv, "du": du, "da": da, "db": db, "dc": dc}


# --- Cost ---------------------------------------------------------------------------------------


def compute_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    """Cross-entropy cost, J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)).

    Written as the course writes it, so it is inf or nan if an entry of AL is exactly 0 or 1.

    Args:
        AL: predictions A[L] in (0, 1), shape (1, m).
        Y: labels in {0, 1}, shape (1, m).

    Returns:
        The cost J, a float.

    Raises:
        ValueError: if AL is not (1, m) or Y is not (1, m) with the same m.
    """
    if np.ndim(AL) != 2 or np.shape(AL)[0] != 1:
        raise ValueError(f"AL must be (1, m), got {np.shape(AL)}")
    m = np.shape(AL)[1]
    _check_Y(Y, m)
    cost = -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return float(cost)


# --- Logistic regression ------------------------------------------------------------------------


def initialize_with_zeros(dim: int) -> tuple[np.ndarray, float]:
    """Zero initialization for logistic regression (fine here: no hidden units to symmetrize).

    Args:
        dim: n_x, the number of input features.

    Returns:
        (w, b): w zeros of shape (n_x, 1) and b = 0.0.
    """
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[dict[str, np.ndarray | float], float]:
    """One forward and backward pass of logistic regression, vectorized over the m examples.

    Forward: A = sigmoid(w^T X + b) of shape (1, m),
    J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)).
    Backward: dZ = A - Y, dw = (1/m) X (A - Y)^T of shape (n_x, 1), db = (1/m) sum(A - Y).

    Args:
        w: weights, shape (n_x, 1).
        b: bias, a scalar.
        X: inputs, shape (n_x, m).
        Y: labels in {0, 1}, shape (1, m).

    Returns:
        (grads, cost): grads = {"dw": (n_x, 1) array, "db": float}, cost J a float.

    Raises:
        ValueError: if X is not (n_x, m), w is not (n_x, 1) or Y is not (1, m).

    Example:
        >>> w, b = np.array([[1.0], [2.0]]), 2.0
        >>> X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1, 0, 1]])
        >>> grads, cost = propagate(w, b, X, Y)
        >>> np.round(grads["dw"], 8).tolist(), round(grads["db"], 8), round(cost, 8)
        ([[0.99845601], [2.39507239]], 0.00145558, 5.80154532)
    """
    m = _check_X(X)
    n_x = np.shape(X)[0]
    if np.shape(w) != (n_x, 1):
        raise ValueError(f"w must be (n_x, 1) = ({n_x}, 1), got {np.shape(w)}")
    _check_Y(Y, m)

    # Forward propagation (from X to cost)
    A = sigmoid(np.dot(w.T, X) + b)
    cost = compute_cost(A, Y)

    # Backward propagation (to find the gradients)
    dZ = A - Y
    dw = (1 / m) * np.dot(X, dZ.T)
    db = float((1 / m) * np.sum(dZ))
    grads = {"dw": dw, "db": db}
    return grads, cost


# --- Two-layer network (one hidden layer) -------------------------------------------------------


def forward_propagation(
    X: np.ndarray, parameters: Parameters, activation: str = "tanh"
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Forward pass of the one-hidden-layer network.

    Z1 = W1 X + b1, A1 = g1(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2).

    Args:
        X: inputs, shape (n_x, m).
        parameters: "W1" (n[1], n_x), "b1" (n[1], 1), "W2" (1, n[1]), "b2" (1, 1).
        activation: name of the hidden activation g1 (a key of ``ACTIVATIONS``).

    Returns:
        (A2, cache): A2 of shape (1, m) and cache = {"Z1", "A1", "Z2", "A2"}.

    Raises:
        ValueError: on an unknown activation or shapes that do not chain.
    """
    g1, _ = _activation(activation)
    _check_X(X)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]

    _check_linear(X, W1, b1)
    Z1 = np.dot(W1, X) + b1
    A1 = g1(Z1)
    _check_linear(A1, W2, b2)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def backward_propagation(
    parameters: Parameters,
    cache: dict[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    activation: str = "tanh",
) -> dict[str, np.ndarray]:
    """Backward pass of the one-hidden-layer network (sigmoid output, cross-entropy cost).

    dZ2 = A2 - Y                                          (1, m)
    dW2 = (1/m) dZ2 A1^T                                  (1, n[1])
    db2 = (1/m) np.sum(dZ2, axis=1, keepdims=True)        (1, 1)
    dZ1 = (W2^T dZ2) * g1'(Z1)    (* element-wise)        (n[1], m)
    dW1 = (1/m) dZ1 X^T                                   (n[1], n_x)
    db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True)        (n[1], 1)

    dZ1 and dZ2 follow the course's convention: m times the partials of the mean cost J.

    Args:
        parameters: "W1", "b1", "W2", "b2" as in ``forward_propagation``.
        cache: the cache returned by ``forward_propagation``.
        X: inputs, shape (n_x, m).
        Y: labels in {0, 1}, shape (1, m).
        activation: the hidden activation used in the forward pass.

    Returns:
        grads with keys "dZ2", "dW2", "db2", "dZ1", "dW1", "db1".

    Raises:
        ValueError: on an unknown activation or if Y is not (1, m) with the m of X.
    """
    _, g1_backward = _activation(activation)
    m = _check_X(X)
    _check_Y(Y, m)
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]

    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = g1_backward(np.dot(W2.T, dZ2), Z1)  # = (W2^T dZ2) * g1'(Z1)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)

    return {"dZ2": dZ2, "dW2": dW2, "db2": db2, "dZ1": dZ1, "dW1": dW1, "db1": db1}


# --- L-layer network ----------------------------------------------------------------------------


def initialize_parameters_deep(
    layer_dims: list[int], seed: int = 1, scale: float = 0.01
) -> Parameters:
    """Random small weights and zero biases for an L-layer network.

    For l = 1..L, in that order: W[l] = randn(n[l], n[l-1]) * scale, b[l] = zeros((n[l], 1)),
    drawn from ``np.random.RandomState(seed)`` (the global numpy random state is untouched).

    Args:
        layer_dims: [n[0], n[1], ..., n[L]], with n[0] = n_x.
        seed: seed of the random state, so the same seed gives the same parameters.
        scale: multiplier of the standard normal draws; the course uses 0.01.

    Returns:
        parameters with keys "W1", "b1", ..., "WL", "bL".

    Raises:
        ValueError: if layer_dims has fewer than two sizes.
    """
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be [n[0], ..., n[L]] with L >= 1, got {layer_dims}")
    rng = np.random.RandomState(seed)
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        parameters[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) * scale
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, LinearCache]:
    """The linear part of layer l: Z[l] = W[l] A[l-1] + b[l].

    Args:
        A_prev: activations of the previous layer A[l-1], shape (n[l-1], m).
        W: weights W[l], shape (n[l], n[l-1]).
        b: bias b[l], shape (n[l], 1), broadcast across the m columns.

    Returns:
        (Z, cache): Z[l] of shape (n[l], m) and cache = (A_prev, W, b).

    Raises:
        ValueError: if W's columns do not match A_prev's rows, or b is not (n[l], 1).
    """
    _check_linear(A_prev, W, b)
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache


def linear_activation_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, activation: str
) -> tuple[np.ndarray, ActivationCache]:
    """One layer forward: Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`.

    Args:
        A_prev: A[l-1], shape (n[l-1], m).
        W: W[l], shape (n[l], n[l-1]).
        b: b[l], shape (n[l], 1).
        activation: name of g[l] (a key of ``ACTIVATIONS``).

    Returns:
        (A, cache): A[l] of shape (n[l], m) and cache = (linear_cache, Z), where
        linear_cache = (A_prev, W, b).
    """
    g, _ = _activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = g(Z)
    cache = (linear_cache, Z)
    return A, cache


def L_model_forward(
    X: np.ndarray,
    parameters: Parameters,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
) -> tuple[np.ndarray, list[ActivationCache]]:
    """Forward pass of the L-layer network: [LINEAR -> hidden] * (L-1) -> LINEAR -> output.

    For l = 1..L: Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`, with A[0] = X,
    g[l] = hidden_activation for l < L and g[L] = output_activation.

    Args:
        X: inputs A[0], shape (n_x, m).
        parameters: "W1", "b1", ..., "WL", "bL"; L = len(parameters) // 2.
        hidden_activation: name of g[1] .. g[L-1].
        output_activation: name of g[L].

    Returns:
        (AL, caches): AL = A[L] of shape (n[L], m) and caches, a list of the L layers' caches
        from ``linear_activation_forward`` (caches[l - 1] belongs to layer l).
    """
    _activation(hidden_activation)
    _activation(output_activation)
    _check_X(X)
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(
            A_prev, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation
        )
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters[f"W{L}"], parameters[f"b{L}"], output_activation
    )
    caches.append(cache)
    return AL, caches


def linear_backward(
    dZ: np.ndarray, cache: LinearCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The linear part of layer l backward.

    dW[l] = (1/m) dZ[l] A[l-1]^T, db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True),
    dA[l-1] = W[l]^T dZ[l].

    Args:
        dZ: dZ[l], shape (n[l], m).
        cache: (A_prev, W, b) from ``linear_forward``.

    Returns:
        (dA_prev, dW, db): dA[l-1] (n[l-1], m), dW[l] (n[l], n[l-1]), db[l] (n[l], 1).
    """
    A_prev, W, _ = cache  # b is not needed: db comes from dZ alone
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(
    dA: np.ndarray, cache: ActivationCache, activation: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One layer backward: dZ[l] = dA[l] * g[l]'(Z[l]), then ``linear_backward``.

    Args:
        dA: dA[l], shape (n[l], m).
        cache: (linear_cache, Z) from ``linear_activation_forward``.
        activation: name of g[l] used in the forward pass.

    Returns:
        (dA_prev, dW, db): dA[l-1] (n[l-1], m), dW[l] (n[l], n[l-1]), db[l] (n[l], 1).
    """
    _, g_backward = _activation(activation)
    linear_cache, Z = cache
    dZ = g_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(
    AL: np.ndarray,
    Y: np.ndarray,
    caches: list[ActivationCache],
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
) -> dict[str, np.ndarray]:
    """Backward pass of the L-layer network for the cross-entropy cost.

    Seed: dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L])). Then for l = L..1::

        dZ[l] = dA[l] * g[l]'(Z[l])
        dW[l] = (1/m) dZ[l] A[l-1]^T
        db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)
        dA[l-1] = W[l]^T dZ[l]

    When output_activation is "sigmoid", dZ[L] is computed directly as A[L] - Y. That equals
    sigmoid_backward(dA[L], Z[L]) mathematically but stays finite when A[L] saturates to
    exactly 0 or 1 (where dA[L] is inf or nan; it is still stored, without a warning). Other
    output activations use their backward of dA[L].

    dZ[l] and dA[l] follow the course's convention: m times the partials of the mean cost J.

    Args:
        AL: A[L] from ``L_model_forward``, shape (1, m).
        Y: labels in {0, 1}, shape (1, m).
        caches: the caches from ``L_model_forward``.
        hidden_activation: name of g[1] .. g[L-1] used in the forward pass.
        output_activation: name of g[L] used in the forward pass.

    Returns:
        grads with keys "dA{L}" and, for l = L..1, "dZ{l}", "dW{l}", "db{l}", "dA{l-1}"
        (e.g. "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1", "dA0" for L = 2).

    Raises:
        ValueError: on an unknown activation or if Y is not (1, m) with the m of AL.
    """
    _, hidden_backward = _activation(hidden_activation)
    _, output_backward = _activation(output_activation)
    m = AL.shape[1]
    _check_Y(Y, m)
    grads = {}
    L = len(caches)

    # Layer L: seed dA[L], then dZ[L]
    linear_cache, ZL = caches[L - 1]
    if output_activation == "sigmoid":
        with np.errstate(divide="ignore", invalid="ignore"):
            dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        dZL = AL - Y  # = sigmoid_backward(dAL, ZL), finite even when AL is exactly 0 or 1
    else:
        dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        dZL = output_backward(dAL, ZL)
    grads[f"dA{L}"] = dAL
    grads[f"dZ{L}"] = dZL
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, linear_cache)

    # Layers L-1 .. 1 (the steps of linear_activation_backward, keeping dZ[l] for comparisons)
    for l in reversed(range(1, L)):
        linear_cache, Z = caches[l - 1]
        dZ = hidden_backward(grads[f"dA{l}"], Z)
        grads[f"dZ{l}"] = dZ
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, linear_cache)

    return grads


def update_parameters(
    parameters: Parameters, grads: dict[str, np.ndarray], learning_rate: float
) -> Parameters:
    """One step of gradient descent: W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l].

    Args:
        parameters: "W1", "b1", ..., "WL", "bL".
        grads: at least "dW1", "db1", ..., "dWL", "dbL" (e.g. from ``L_model_backward``).
        learning_rate: alpha.

    Returns:
        A new parameters dict with new arrays; neither input dict nor its arrays is modified.
    """
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L + 1):
        new_parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new_parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new_parameters
