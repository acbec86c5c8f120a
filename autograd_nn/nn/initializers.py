"""Initialization of W[l] (n[l], n[l-1]) and b[l] (n[l], 1), by named scheme, from a seed.

=============  ===========================================  ===============================
scheme         W[l]                                         when
=============  ===========================================  ===============================
"random"       randn(n[l], n[l-1]) * 0.01                   the course's shallow networks
"xavier"       randn(n[l], n[l-1]) / sqrt(n[l-1])           tanh; also called "scaled"
"scaled"       same as "xavier"                             the course's deeper networks
"he"           randn(n[l], n[l-1]) * sqrt(2 / n[l-1])       ReLU (He et al., 2015)
"zeros"        zeros((n[l], n[l-1]))                        only to show why it fails
=============  ===========================================  ===============================

Biases start at zero in every scheme: b[l] = zeros((n[l], 1)).

Draws come from numpy's legacy ``np.random.RandomState(seed)``, layer after layer in the order
W1, W2, ..., exactly as the course's ``np.random.seed(seed)`` followed by ``np.random.randn``
calls, so a seed reproduces the course notebooks' numbers (the global numpy random state is left
untouched).

Why not zeros: with W[l] = 0 every unit of a hidden layer computes the same function, receives
the same gradient and stays identical to the others forever (symmetry is never broken); zero
weights are fine for logistic regression, which has no hidden layer.
"""

from __future__ import annotations

import numpy as np

SCALES: dict[str, str] = {
    "random": "0.01",
    "xavier": "sqrt(1 / n[l-1])",
    "scaled": "sqrt(1 / n[l-1])",
    "he": "sqrt(2 / n[l-1])",
    "zeros": "0",
}
"""Scheme name -> the factor multiplying randn(n[l], n[l-1]), as written in the docs."""


def scale(initialization: str, n_prev: int) -> float:
    """The factor multiplying the standard normal draws for W[l] in a scheme.

    Args:
        initialization: a scheme name from :data:`SCALES`.
        n_prev: n[l-1], the number of inputs of the layer.

    Returns:
        0.01 ("random"), sqrt(1 / n[l-1]) ("xavier", "scaled"), sqrt(2 / n[l-1]) ("he"),
        or 0.0 ("zeros").

    Raises:
        ValueError: for an unknown scheme (the message lists the known ones).
    """
    if initialization == "random":
        return 0.01
    if initialization in ("xavier", "scaled"):
        return float(np.sqrt(1.0 / n_prev))
    if initialization == "he":
        return float(np.sqrt(2.0 / n_prev))
    if initialization == "zeros":
        return 0.0
    known = ", ".join(repr(name) for name in SCALES)
    raise ValueError(f"initialization must be one of {known}, got {initialization!r}")


def as_random_state(seed: int | np.random.RandomState | None) -> np.random.RandomState:
    """A ``np.random.RandomState`` from a seed (int), an existing state, or None (fresh entropy).

    Raises:
        TypeError: for anything else (e.g. a ``np.random.Generator``, whose draws differ from
            the course's).
    """
    if isinstance(seed, np.random.RandomState):
        return seed
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)):
        return np.random.RandomState(seed)
    raise TypeError(
        f"seed must be an int, None or a np.random.RandomState, got {type(seed).__name__}"
    )


def initialize_layer(
    n_l: int,
    n_prev: int,
    initialization: str = "random",
    seed: int | np.random.RandomState | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Initial W[l] and b[l] of one layer.

    W[l] = randn(n[l], n[l-1]) * scale (see :func:`scale`), b[l] = zeros((n[l], 1)).

    Args:
        n_l: n[l], the number of units of the layer.
        n_prev: n[l-1], the number of units of the previous layer (n_x for layer 1).
        initialization: "random", "xavier", "scaled", "he" or "zeros".
        seed: an int, a ``np.random.RandomState`` to draw from (shared by consecutive layers,
            as :func:`initialize_parameters` does), or None.

    Returns:
        (W, b) as float64 arrays of shapes (n[l], n[l-1]) and (n[l], 1).

    Raises:
        ValueError: for an unknown scheme or sizes that are not positive integers.
    """
    for name, n in (("n[l]", n_l), ("n[l-1]", n_prev)):
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    factor = scale(initialization, int(n_prev))
    b = np.zeros((int(n_l), 1))
    if initialization == "zeros":
        return np.zeros((int(n_l), int(n_prev))), b
    rng = as_random_state(seed)
    draws = rng.randn(int(n_l), int(n_prev))
    if initialization in ("xavier", "scaled"):  # written as the course does, to the last bit
        return draws / np.sqrt(n_prev), b
    return draws * factor, b


def initialize_parameters(
    layer_dims: list[int],
    initialization: str = "random",
    seed: int | np.random.RandomState | None = None,
) -> dict[str, np.ndarray]:
    """The course's ``parameters`` dict for the layer sizes ``layer_dims``.

    For l = 1..L, in that order: W[l] = randn(n[l], n[l-1]) * scale, b[l] = zeros((n[l], 1)),
    all drawn from one ``RandomState(seed)``.

    Args:
        layer_dims: [n[0], n[1], ..., n[L]], with n[0] = n_x (e.g. [12288, 20, 7, 5, 1]).
        initialization: "random" (x 0.01, the course), "xavier"/"scaled", "he" or "zeros".
        seed: the seed, so that the same seed gives the same parameters.

    Returns:
        {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL": (n[L], n[L-1]), "bL": (n[L], 1)}.

    Raises:
        ValueError: if layer_dims has fewer than two sizes, or for an unknown scheme.
    """
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be [n[0], ..., n[L]] with L >= 1, got {layer_dims}")
    rng = as_random_state(seed)
    parameters: dict[str, np.ndarray] = {}
    for l in range(1, len(layer_dims)):
        W, b = initialize_layer(layer_dims[l], layer_dims[l - 1], initialization, rng)
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b
    return parameters
