"""Tests for autograd_nn.datasets: the course's flower, point for point, and synthetic sets."""

import numpy as np
import pytest

from autograd_nn.datasets import (
    load_planar_dataset,
    make_circles,
    make_linearly_separable,
    make_moons,
)


def course_flower():
    """The course's load_planar_dataset, as the issue specifies it, with the global generator."""
    state = np.random.get_state()
    np.random.seed(1)
    try:
        m, N, a = 400, 200, 4
        X = np.zeros((m, 2))
        Y = np.zeros((m, 1), dtype="uint8")
        for j in range(2):
            ix = range(N * j, N * (j + 1))
            t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
            r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
            X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
            Y[ix] = j
        return X.T, Y.T
    finally:
        np.random.set_state(state)


def test_flower_matches_the_issue_check_values():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    np.testing.assert_allclose(X[:, 0], [1.20444229, 3.57611415], atol=5e-9)
    np.testing.assert_allclose(X[:, 399], [0.73078083, 3.06832921], atol=5e-9)


def test_flower_is_the_course_data_point_for_point():
    X, Y = load_planar_dataset()
    X_course, Y_course = course_flower()
    np.testing.assert_array_equal(X, X_course)
    np.testing.assert_array_equal(Y, Y_course)
    assert Y.dtype == np.float64 and set(np.unique(Y)) == {0.0, 1.0}
    assert Y[0, :200].sum() == 0 and Y[0, 200:].sum() == 200


def test_flower_leaves_the_global_random_state_alone():
    np.random.seed(7)
    expected = np.random.rand()
    np.random.seed(7)
    load_planar_dataset()
    assert np.random.rand() == expected


def test_flower_parameters():
    X, Y = load_planar_dataset(m=100, a=2.0, seed=3)
    assert X.shape == (2, 100) and Y.shape == (1, 100)
    assert np.abs(X).max() < 2.0 + 1.0  # radius a plus the noise
    assert not np.array_equal(X[:, :50], load_planar_dataset()[0][:, :50])
    with pytest.raises(ValueError, match="m must be an even integer >= 2"):
        load_planar_dataset(m=401)


@pytest.mark.parametrize(
    "make", [make_circles, make_moons, lambda **kw: make_linearly_separable(n_x=2, **kw)]
)
def test_synthetic_sets_are_seeded_and_shaped(make):
    X, Y = make(m=120, seed=5)
    assert X.shape == (2, 120) and Y.shape == (1, 120)
    assert set(np.unique(Y)) == {0.0, 1.0}
    X2, Y2 = make(m=120, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert not np.array_equal(X, make(m=120, seed=6)[0])


def test_circles_radii():
    X, Y = make_circles(m=400, noise=0.0, factor=0.3, seed=0)
    radius = np.sqrt((X**2).sum(axis=0))
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0)
    np.testing.assert_allclose(radius[Y[0] == 1], 0.3)


def test_moons_shapes_without_noise():
    X, Y = make_moons(m=200, noise=0.0, seed=0)
    upper, lower = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose((upper**2).sum(axis=0), 1.0)
    np.testing.assert_allclose(((lower - [[1.0], [0.5]]) ** 2).sum(axis=0), 1.0)


def test_linearly_separable_set_has_a_gap_between_the_classes():
    X, Y = make_linearly_separable(m=500, n_x=4, margin=0.6, seed=1)
    assert X.shape == (4, 500)
    # the least-squares separating direction exists: recover it from the data
    rng = np.random.RandomState(1)
    w = rng.randn(4, 1)
    w /= np.linalg.norm(w)
    b = rng.randn() * 0.5
    distance = (w.T @ X + b)[0]
    assert distance[Y[0] == 1].min() >= 0.3 - 1e-12
    assert distance[Y[0] == 0].max() <= -0.3 + 1e-12
    with pytest.raises(ValueError, match="margin must be >= 0"):
        make_linearly_separable(margin=-1)
