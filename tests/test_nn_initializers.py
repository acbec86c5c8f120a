"""Tests for autograd_nn.nn.initializers: named schemes, seeds, and the symmetry lesson."""

import numpy as np
import pytest

from autograd_nn.nn import Model, initialize_layer, initialize_parameters, train


def course_draws(layer_dims, seed, scale):
    """The course's initialize_parameters_deep, written out: np.random.seed, then randn per
    layer, scaled by scale(draws, n[l-1]) as the course writes it."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        return [scale(np.random.randn(layer_dims[l], layer_dims[l - 1]), layer_dims[l - 1])
                for l in range(1, len(layer_dims))]  # fmt: skip
    finally:
        np.random.set_state(state)


@pytest.mark.parametrize(
    ("scheme", "scale"),
    [
        ("random", lambda D, n_prev: D * 0.01),
        ("xavier", lambda D, n_prev: D / np.sqrt(n_prev)),
        ("scaled", lambda D, n_prev: D / np.sqrt(n_prev)),
        ("he", lambda D, n_prev: D * np.sqrt(2 / n_prev)),
    ],
)
def test_schemes_reproduce_the_course_draws(scheme, scale):
    layer_dims = [7, 5, 3, 1]
    expected = course_draws(layer_dims, 3, scale)
    parameters = initialize_parameters(layer_dims, scheme, seed=3)
    model = Model.from_layer_dims(layer_dims, initialization=scheme, seed=3)
    for l, W in enumerate(expected, start=1):
        np.testing.assert_array_equal(parameters[f"W{l}"], W)
        np.testing.assert_array_equal(model[f"W{l}"].data, W)
        np.testing.assert_array_equal(parameters[f"b{l}"], np.zeros((layer_dims[l], 1)))


def test_scales_are_statistically_right():
    W, b = initialize_layer(400, 500, "he", seed=0)
    assert W.shape == (400, 500) and b.shape == (400, 1)
    assert W.std() == pytest.approx(np.sqrt(2 / 500), rel=0.01)
    W, _ = initialize_layer(400, 500, "random", seed=0)
    assert W.std() == pytest.approx(0.01, rel=0.01)


def test_same_seed_same_parameters_and_global_state_untouched():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = initialize_parameters([4, 3, 1], seed=9)
    b = initialize_parameters([4, 3, 1], seed=9)
    c = initialize_parameters([4, 3, 1], seed=10)
    assert np.array_equal(np.random.get_state()[1], before)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_zeros_scheme():
    parameters = initialize_parameters([3, 2, 1], "zeros")
    assert all(not value.any() for value in parameters.values())


def test_unknown_scheme_and_bad_sizes_are_refused():
    with pytest.raises(ValueError, match=r"initialization must be one of 'random', .*got 'glorot'"):
        initialize_parameters([2, 1], "glorot")
    with pytest.raises(ValueError, match=r"layer_dims must be \[n\[0\], \.\.\., n\[L\]\]"):
        initialize_parameters([2])
    with pytest.raises(ValueError, match=r"n\[l\] must be a positive integer, got 0"):
        initialize_layer(0, 3)
    with pytest.raises(TypeError, match=r"seed must be an int, None or a np\.random\.RandomState"):
        initialize_layer(1, 3, seed=np.random.default_rng(0))


def test_zero_initialization_keeps_hidden_units_identical():
    """The course's symmetry lesson: with W = 0 every hidden unit gets the same gradient, so
    the rows of W1 (and of b1, and the columns of W2) stay equal however long we train.

    "Equal" up to the rounding of the matrix products: BLAS may round identical rows of a
    product differently (1e-15 here), so spreads are compared with the entries' size."""
    rng = np.random.RandomState(0)
    X, Y = rng.randn(3, 60), (rng.rand(1, 60) > 0.5).astype(float)

    def spread(rows):  # largest difference between any row and the first, relative to the size
        return np.abs(rows - rows[:1]).max() / np.abs(rows).max()

    for hidden in ("tanh", "sigmoid"):
        model = Model.from_layer_dims([3, 5, 1], hidden_activation=hidden, initialization="zeros")
        train(model, X, Y, num_iterations=50, learning_rate=0.5)
        W1, b1, W2 = model["W1"].data, model["b1"].data, model["W2"].data
        if hidden == "tanh":  # tanh(0) = 0: A1 = 0 and dZ1 = 0, so W1 and W2 never move at all
            assert not W1.any() and not W2.any() and not b1.any()
            continue
        # sigmoid(0) = 0.5: the units do learn, but all the same thing
        assert np.abs(W1).max() > 1e-3 and np.abs(W2).max() > 1e-3
        assert spread(W1) < 1e-12 and spread(b1) < 1e-12 and spread(W2.T) < 1e-12
    # random initialization breaks the symmetry: the rows of W1 differ by their own size
    model = Model.from_layer_dims([3, 5, 1], hidden_activation="sigmoid", seed=1)
    train(model, X, Y, num_iterations=50, learning_rate=0.5)
    assert spread(model["W1"].data) > 0.1


def test_parse_layer_dims_reads_the_command_lines_layers() -> None:
    from autograd_nn.nn.initializers import parse_layer_dims

    assert parse_layer_dims("2,4,1") == [2, 4, 1]
    assert parse_layer_dims("12288, 20, 7, 5, 1") == [12288, 20, 7, 5, 1]
    for text in ("2,x,1", "2,0,1", "2", ""):
        with pytest.raises(ValueError, match="--layers must be comma-separated sizes") as info:
            parse_layer_dims(text)
        assert repr(text) in str(info.value)
