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

from autograd_nn.checks import is_int

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
    if not isinstance(initialization, str):
        known = ", ".join(repr(name) for name in SCALES)
        raise TypeError(
            f"initialization must be a name, one of {known}, got {type(initialization).__name__}"
        )
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


def as_random_state(
    seed: int | np.random.RandomState | None, where: str = "seed"
) -> np.random.RandomState:
    """A ``np.random.RandomState`` from a seed (int), an existing state, or None (fresh entropy).

    Args:
        seed: an int from 0 to 2**32 - 1 (numpy's seeds), a RandomState, or None.
        where: what the messages name, e.g. ``"Dense: seed"``.

    Raises:
        TypeError: for anything else (e.g. a ``np.random.Generator``, whose draws differ from
            the course's).
        ValueError: an int outside 0 .. 2**32 - 1.
    """
    if isinstance(seed, np.random.RandomState):
        return seed
    if seed is None:
        return np.random.RandomState()
    if is_int(seed):
        if not 0 <= seed < 2**32:
            raise ValueError(
                f"{where} must be an int from 0 to 2**32 - 1 (numpy's seeds), got {seed}"
                if abs(seed) < 10**30
                else f"{where} must be an int from 0 to 2**32 - 1 (numpy's seeds), got a "
                f"number of {len(str(abs(seed)))} digits"
            )
        return np.random.RandomState(int(seed))
    raise TypeError(
        f"{where} must be an int, None or a np.random.RandomState, got {type(seed).__name__}"
    )


def check_size(where: str, name: str, n: object) -> int:
    """``n`` as an int, if it is a positive integer that numpy can use as a size.

    Raises:
        TypeError: not an integer (bool, float, str, array, ...).
        ValueError: zero, negative, or 2**63 or more.
    """
    if not is_int(n):
        raise TypeError(f"{where}: {name} must be a positive integer, got {type(n).__name__}")
    if not 1 <= n < 2**63:
        shown = n if abs(n) < 10**30 else f"a number of {len(str(abs(n)))} digits"
        raise ValueError(f"{where}: {name} must be a positive integer, got {shown}")
    return int(n)


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
    n_l = check_size("initialize_layer", "n[l]", n_l)
    n_prev = check_size("initialize_layer", "n[l-1]", n_prev)
    try:
        factor = scale(initialization, n_prev)
    except (TypeError, ValueError) as error:
        raise type(error)(f"initialize_layer: {error}") from None
    rng = as_random_state(seed, "initialize_layer: seed")
    b = np.zeros((n_l, 1))
    if initialization == "zeros":
        return np.zeros((n_l, n_prev)), b
    draws = rng.randn(n_l, n_prev)
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
    dims = check_layer_dims("initialize_parameters", layer_dims)
    rng = as_random_state(seed, "initialize_parameters: seed")
    parameters: dict[str, np.ndarray] = {}
    for l in range(1, len(dims)):
        W, b = initialize_layer(dims[l], dims[l - 1], initialization, rng)
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b
    return parameters


def parse_layer_dims(text: str) -> list[int]:
    """The command line's ``--layers 2,4,1`` as layer_dims [n[0], ..., n[L]] = [2, 4, 1], checked
    as :func:`check_layer_dims` checks a list.

    Raises:
        ValueError: not comma-separated positive sizes, at least n[0] and n[L].
    """
    try:
        dims = [int(part) for part in text.split(",") if part.strip()]
        return check_layer_dims("--layers", dims)
    except (TypeError, ValueError):
        raise ValueError(
            "--layers must be comma-separated sizes n[0],...,n[L] such as 2,4,1 (at least n[0] "
            f"and n[L], all positive), got {text!r}"
        ) from None


def check_layer_dims(where: str, layer_dims: object) -> list[int]:
    """``layer_dims`` = [n[0], ..., n[L]] as a list of ints: at least two positive sizes.

    Raises:
        TypeError: not a list (or tuple, or 1-D integer array) of integers.
        ValueError: fewer than two sizes, or a size that is not positive.
    """
    if isinstance(layer_dims, np.ndarray) and layer_dims.ndim == 1:
        layer_dims = layer_dims.tolist()
    if not isinstance(layer_dims, (list, tuple, range)):
        raise TypeError(
            f"{where}: layer_dims must be a list [n[0], ..., n[L]] of positive integers, "
            f"got {type(layer_dims).__name__}"
        )
    if len(layer_dims) < 2:
        raise ValueError(
            f"{where}: layer_dims must be [n[0], ..., n[L]] with L >= 1, got {list(layer_dims)}"
        )
    return [check_size(where, f"n[{l}]", n) for l, n in enumerate(layer_dims)]
