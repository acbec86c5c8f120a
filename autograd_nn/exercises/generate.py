"""Fresh exercises of the course's kinds, the same for a seed on every machine.

>>> from autograd_nn.exercises import generate
>>> ex = generate("two-layer", seed=7)
>>> print(ex.title)
Practise backprop: a 2-layer network, m = 2, seed 7
>>> print(ex.blanks[-1].prompt)
dW1: the gradient of J with respect to W1 (shape (2, 2))

Levels (:data:`LEVELS`):

- ``"scalar"``: 3 to 6 operations (+, -, *, and a number times a node) on three or four
  variables with small whole values, like J = 3(a + bc); a variable may be used twice, so
  that paths meet.
- ``"logistic"``: logistic regression on one example with two features, as the course's
  week 2 computes it: z = w1 x1 + w2 x2 + b, a = sigmoid(z), L(a, y), with values of one
  decimal; gradients named as the course names them (dz, dw1, da).
- ``"two-layer"``: the course's 2-layer network on m = 2 examples: W1 (2, 2), tanh, W2 (1, 2),
  sigmoid, the cost J = (1/m) sum L; values of one decimal; gradients dW1, db1, dZ1, ...

Every number is drawn as a whole number (``Generator.integers`` of numpy's PCG64 bit
generator, whose stream numpy keeps the same across platforms) and divided by 2 or 10, so a
seed gives the same exercise in every process and on every machine. An exercise is drawn again
(from the same generator) until it is well posed: every value and gradient finite, no gradient
zero, J of a size a learner can work with. The levels use no relu or max, so no tie can make a
derivative undefined.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import functions as fn
from ..checks import is_int
from ..graph import toposort
from ..tensor import Tensor
from .exercise import ASKS, Exercise

LEVELS = ("scalar", "logistic", "two-layer")
ATTEMPTS = 1000  #: draws before giving up on a well-posed exercise (never reached in practice)
LARGEST = 1000.0  #: the largest |value| or |gradient| a scalar exercise may have

Build = tuple[Tensor, dict[str, Tensor]]


def generate(level: str, seed: int, *, ask: str = "both") -> Exercise:
    """A fresh exercise of one of the course's kinds (see the module's :data:`LEVELS`).

    Args:
        level: ``"scalar"``, ``"logistic"`` or ``"two-layer"``.
        seed: an int >= 0; the same seed gives the same exercise on every machine.
        ask: what to ask, as for :class:`Exercise` (default ``"both"``).

    Returns:
        The :class:`Exercise`, its J already backpropagated.

    Raises:
        ValueError: an unknown level or ask, or a seed that is not an int >= 0.
    """
    if not isinstance(level, str) or level not in LEVELS:
        raise ValueError(f"generate: level must be one of {', '.join(LEVELS)}; got {level!r}")
    if not is_int(seed) or seed < 0:
        raise ValueError(f"generate: seed must be an int >= 0; got {seed!r}")
    if not isinstance(ask, str) or ask not in ASKS:
        raise ValueError(f"generate: ask must be one of {', '.join(ASKS)}; got {ask!r}")
    rng = np.random.Generator(np.random.PCG64(seed))
    make, grad_names, title = _LEVELS[level]
    for _ in range(ATTEMPTS):
        J, names = make(rng)
        if _well_posed(J):
            return Exercise(
                J,
                ask,
                names=names,
                grad_names=grad_names,
                title=f"Practise backprop: {title}, seed {seed}",
            )
    raise RuntimeError(f"generate: no well-posed {level} exercise in {ATTEMPTS} draws")


def _well_posed(J: Tensor) -> bool:
    """Finite values and gradients, none of the gradients zero, sizes a learner can handle."""
    if not np.all(np.isfinite(J.data)):
        return False
    J.backward()
    for t in toposort(J):
        if not t.requires_grad:
            continue
        if not np.all(np.isfinite(t.data)) or np.max(np.abs(t.data)) > LARGEST:
            return False
        if t.grad is None or not np.all(np.isfinite(t.grad)) or np.any(t.grad == 0):
            return False
        if np.max(np.abs(t.grad)) > LARGEST:
            return False
    return True


def _nonzero(rng: np.random.Generator, low: int, high: int, shape: Any = ()) -> np.ndarray:
    """Whole numbers in [low, high] without 0, drawn by ``integers`` only."""
    values = rng.integers(low, high + 1, size=shape)
    while np.any(values == 0):
        values = np.where(values == 0, rng.integers(low, high + 1, size=shape), values)
    return np.asarray(values, dtype=float)


# ------------------------------------------------------------------------------ scalar
_COMBINE: dict[int, tuple[str, Callable[[Tensor, Tensor], Tensor]]] = {
    0: ("+", lambda x, y: x + y),
    1: ("-", lambda x, y: x - y),
    2: ("*", lambda x, y: x * y),
}
_INTERMEDIATES = ("u", "v", "w", "p", "q", "r")


def _scalar(rng: np.random.Generator) -> Build:
    """3 to 6 of +, -, * and k * x on three or four variables, all flowing into J."""
    ops = int(rng.integers(3, 7))
    count = 4 if ops >= 5 and rng.integers(0, 2) else 3
    leaves = [
        Tensor(float(_nonzero(rng, -4, 5)), name=name) for name in ("a", "b", "c", "d")[:count]
    ]
    pool: list[Tensor] = list(leaves)
    made: list[Tensor] = []
    for left in range(ops, 0, -1):
        joins = len(pool) - 1
        spare = left > joins and (len(pool) == 1 or rng.integers(0, 3) == 0)
        if spare:
            k = int(rng.integers(0, len(pool)))
            x = pool.pop(k)
            if rng.integers(0, 2):
                result = float(rng.integers(2, 5)) * x  # k * x: a number times a node
            else:
                reused = leaves[int(rng.integers(0, count))]  # a variable used again
                result = _combine(rng, x, reused)
        else:
            i = int(rng.integers(0, len(pool)))
            j = int(rng.integers(0, len(pool) - 1))
            j += j >= i  # two different items of the pool
            x, y = pool[i], pool[j]
            pool = [t for k, t in enumerate(pool) if k not in (i, j)]
            result = _combine(rng, x, y)
        made.append(result)
        pool.append(result)
    J = pool[0]
    for name, t in zip(_INTERMEDIATES, made[:-1], strict=False):
        t.name = name
    J.name = "J"
    return J, {t.name: t for t in (*leaves, *made) if t.name}


def _combine(rng: np.random.Generator, x: Tensor, y: Tensor) -> Tensor:
    _, combine = _COMBINE[int(rng.integers(0, 3))]
    return combine(x, y) if rng.integers(0, 2) else combine(y, x)


# ------------------------------------------------------------------------------ logistic
def _logistic(rng: np.random.Generator) -> Build:
    """z = w1 x1 + w2 x2 + b, a = sigmoid(z), L(a, y) on one example."""
    x1 = Tensor(float(_nonzero(rng, -4, 4)) / 2, name="x1", requires_grad=False)
    x2 = Tensor(float(_nonzero(rng, -4, 4)) / 2, name="x2", requires_grad=False)
    y = Tensor(float(rng.integers(0, 2)), name="y", requires_grad=False)
    w1 = Tensor(float(_nonzero(rng, -10, 10)) / 10, name="w1")
    w2 = Tensor(float(_nonzero(rng, -10, 10)) / 10, name="w2")
    b = Tensor(float(rng.integers(-5, 6)) / 10, name="b")
    u1 = w1 * x1
    u2 = w2 * x2
    v = u1 + u2
    z = v + b
    a = fn.sigmoid(z)
    L = fn.logistic_loss(z, y, a)
    for name, t in (("u1", u1), ("u2", u2), ("v", v), ("z", z), ("a", a), ("L", L)):
        t.name = name
    return L, {t.name: t for t in (x1, x2, y, w1, w2, b, u1, u2, v, z, a, L) if t.name}


# ------------------------------------------------------------------------------ two-layer
def _two_layer(rng: np.random.Generator) -> Build:
    """The course's 2-layer network (tanh, then sigmoid) on m = 2 examples, J = (1/m) sum L."""
    X = Tensor(_nonzero(rng, -4, 4, (2, 2)) / 2, name="X", requires_grad=False)
    Y = Tensor(
        np.array([[1.0, 0.0]]) if rng.integers(0, 2) else np.array([[0.0, 1.0]]),
        name="Y",
        requires_grad=False,
    )
    W1 = Tensor(_nonzero(rng, -10, 10, (2, 2)) / 10, name="W1")
    b1 = Tensor(rng.integers(-5, 6, size=(2, 1)) / 10, name="b1")
    W2 = Tensor(_nonzero(rng, -10, 10, (1, 2)) / 10, name="W2")
    b2 = Tensor(rng.integers(-5, 6, size=(1, 1)) / 10, name="b2")
    Z1 = W1 @ X + b1
    A1 = fn.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = fn.sigmoid(Z2)
    L = fn.logistic_loss(Z2, Y, A2)
    J = L.mean()
    for name, t in (("Z1", Z1), ("A1", A1), ("Z2", Z2), ("A2", A2), ("L", L), ("J", J)):
        t.name = name
    return J, {}


_LEVELS: dict[str, tuple[Callable[[np.random.Generator], Build], str, str]] = {
    "scalar": (_scalar, "fraction", "a scalar graph"),
    "logistic": (_logistic, "course", "logistic regression on one example"),
    "two-layer": (_two_layer, "course", "a 2-layer network, m = 2"),
}
