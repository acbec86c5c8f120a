"""Small data sets for experiments, each returned as X (n_x, m) and Y (1, m).

* :func:`load_planar_dataset`: the course's planar "flower" (two classes in petals), identical
  point for point to the course's with the default arguments.
* :func:`make_circles`, :func:`make_moons`, :func:`make_linearly_separable`: seeded synthetic
  sets for quick checks (a linear model fails on the first two, succeeds on the third).

Every generator draws from its own ``np.random.RandomState(seed)``; the global numpy random
state is left untouched, and the same seed gives the same data. Labels are float64 0.0 / 1.0
(the course's ``load_planar_dataset`` stores them as uint8; the values are the same).
"""

from __future__ import annotations

import numpy as np


def _positive_even(name: str, m: int) -> int:
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 2 or m % 2:
        raise ValueError(f"{name}: m must be an even integer >= 2 (two equal classes), got {m!r}")
    return int(m)


def load_planar_dataset(
    m: int = 400, a: float = 4.0, noise: float = 0.2, seed: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """The course's planar "flower" data set: two classes of points in the petals of a rose.

    With N = m / 2 points per class, for class j = 0 then 1, drawing in exactly this order::

        t = linspace(3.12 j, 3.12 (j + 1), N) + 0.2 randn(N)      the angle
        r = a sin(4 t) + 0.2 randn(N)                              the radius
        x = (r sin t, r cos t), label j

    from ``np.random.RandomState(seed)``. The defaults (m = 400, a = 4, noise 0.2, seed 1)
    reproduce the course's data exactly: X[:, 0] = [1.20444229, 3.57611415].

    Args:
        m: number of examples (even; m / 2 per class).
        a: the length of the petals (maximum radius).
        noise: the standard deviation of the noise added to t and r (the course: 0.2).
        seed: the seed of the random state.

    Returns:
        X (2, m), one point per column (class 0 in the first m / 2 columns), and Y (1, m).
    """
    m = _positive_even("load_planar_dataset", m)
    rng = np.random.RandomState(seed)
    N = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for j in range(2):
        rows = slice(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.randn(N) * noise
        r = a * np.sin(4 * t) + rng.randn(N) * noise
        X[rows] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[rows] = j
    return np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)


def make_circles(
    m: int = 400, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 on the outer (radius 1), class 1 on the inner.

    Angles are uniform on [0, 2 pi); each point gets Gaussian noise of standard deviation
    ``noise`` on both coordinates.

    Args:
        m: number of examples (even; m / 2 per class).
        noise: standard deviation of the noise.
        factor: radius of the inner circle, in (0, 1).
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (2, m) and Y (1, m), class 0 in the first m / 2 columns.
    """
    m = _positive_even("make_circles", m)
    if not 0 < factor < 1:
        raise ValueError(f"make_circles: factor must be in (0, 1), got {factor}")
    rng = np.random.RandomState(seed)
    N = m // 2
    angles = rng.uniform(0, 2 * np.pi, size=m)
    radius = np.r_[np.ones(N), np.full(N, factor)]
    X = np.vstack([radius * np.cos(angles), radius * np.sin(angles)])
    X += rng.randn(2, m) * noise
    Y = np.r_[np.zeros(N), np.ones(N)].reshape(1, m)
    return X, Y


def make_moons(m: int = 400, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles ("moons").

    Class 0: (cos s, sin s) for s in [0, pi]; class 1: (1 - cos s, 0.5 - sin s); s uniform,
    plus Gaussian noise of standard deviation ``noise`` on both coordinates.

    Args:
        m: number of examples (even; m / 2 per class).
        noise: standard deviation of the noise.
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (2, m) and Y (1, m), class 0 in the first m / 2 columns.
    """
    m = _positive_even("make_moons", m)
    rng = np.random.RandomState(seed)
    N = m // 2
    s = rng.uniform(0, np.pi, size=m)
    x1 = np.r_[np.cos(s[:N]), 1 - np.cos(s[N:])]
    x2 = np.r_[np.sin(s[:N]), 0.5 - np.sin(s[N:])]
    X = np.vstack([x1, x2]) + rng.randn(2, m) * noise
    Y = np.r_[np.zeros(N), np.ones(N)].reshape(1, m)
    return X, Y


def make_linearly_separable(
    m: int = 400, n_x: int = 2, margin: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points on both sides of a random hyperplane w^T x + b = 0, with a gap between classes.

    x is standard normal in n_x dimensions; w is a random unit vector, b ~ N(0, 0.25); each
    point is pushed ``margin / 2`` away from the hyperplane along w, so the classes are
    separated by a gap of width ``margin``. Label 1 where w^T x + b > 0.

    Args:
        m: number of examples.
        n_x: number of features.
        margin: width of the empty band between the classes (0 for touching classes).
        seed: the seed of ``np.random.RandomState``.

    Returns:
        X (n_x, m) and Y (1, m).
    """
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"make_linearly_separable: m must be a positive integer, got {m!r}")
    if isinstance(n_x, bool) or not isinstance(n_x, (int, np.integer)) or n_x < 1:
        raise ValueError(f"make_linearly_separable: n_x must be a positive integer, got {n_x!r}")
    if margin < 0:
        raise ValueError(f"make_linearly_separable: margin must be >= 0, got {margin}")
    rng = np.random.RandomState(seed)
    w = rng.randn(n_x, 1)
    w /= np.linalg.norm(w)
    b = rng.randn() * 0.5
    X = rng.randn(n_x, m)
    side = np.where(w.T @ X + b > 0, 1.0, -1.0)  # (1, m)
    X += w * side * (margin / 2)
    Y = (side > 0).astype(np.float64)
    return X, Y
