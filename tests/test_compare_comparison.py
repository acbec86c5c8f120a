"""compare(): autodiff and the formulas lined up, for dicts, nn Models and exporters.

Oracles: the reference module (checked on its own in test_reference.py) for the agreement test;
hand-written backprop (compare_networks.learner) for the test that nothing passed in changes.
"""

from __future__ import annotations

import numpy as np
import pytest
from compare_networks import expected_names, learner, random_network
from hypothesis import example, given, settings
from hypothesis import strategies as st

from autograd_nn import Tensor, reference
from autograd_nn.compare import (
    ComparisonError,
    ComparisonReport,
    compare,
)
from autograd_nn.compare.rows import row_relative_difference


@settings(max_examples=40, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 6), min_size=0, max_size=4),
    n_x=st.integers(1, 5),
    m=st.integers(1, 500),
    activation=st.sampled_from(["tanh", "relu", "leaky_relu", "sigmoid"]),
    seed=st.integers(0, 2**31 - 1),
)
@example(hidden=[6, 6, 6, 6], n_x=5, m=500, activation="relu", seed=0)  # L = 5, m = 500
@example(hidden=[], n_x=1, m=1, activation="tanh", seed=0)  # L = 1, m = 1
@example(hidden=[3, 3, 3, 3], n_x=2, m=1, activation="leaky_relu", seed=1)
def test_autodiff_agrees_with_the_reference_on_every_quantity(hidden, n_x, m, activation, seed):
    layer_dims = [n_x, *hidden, 1]  # L = 1..5
    parameters, X, Y = random_network(layer_dims, m, seed)
    report = compare(parameters, X, Y, hidden_activation=activation, tolerance=1e-10)
    L = len(layer_dims) - 1
    assert [row.name for row in report.rows] == expected_names(L)
    for row in report.rows:
        assert row.shape == row.formula_shape
        assert row.relative_difference <= 1e-10, (row.name, row.relative_difference)
    assert report.ok and report.first_mismatch is None
    # The formula column really is the reference, and autodiff is the engine's own.
    AL, caches = reference.L_model_forward(X, parameters, activation)
    ref = reference.L_model_backward(AL, Y, caches, activation)
    for row in report.rows:
        np.testing.assert_array_equal(row.formula, ref[row.name])


def test_an_nn_model_is_compared_with_its_own_activations():
    nn = pytest.importorskip("autograd_nn.nn")
    model = nn.Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    _, X, Y = random_network([2, 4, 1], 30, seed=4)
    report = compare(model, X, Y)
    assert report.ok and report.hidden_activation == "tanh" and report.layer_dims == [2, 4, 1]
    plain = compare(model.get_parameters(), X, Y, hidden_activation="tanh")
    assert [r.relative_difference for r in plain.rows] == [
        r.relative_difference for r in report.rows
    ]
    with pytest.raises(ComparisonError, match="hidden_activation='relu' but the model uses 'tanh'"):
        compare(model, X, Y, hidden_activation="relu")


def test_any_object_exporting_parameters_is_accepted():
    parameters, X, Y = random_network([2, 3, 1], 6, seed=1)

    class Exporter:
        def parameters(self):
            return {k: Tensor(v, name=k) for k, v in parameters.items()}

    assert compare(Exporter(), X, Y, hidden_activation="sigmoid").ok
    with pytest.raises(ComparisonError, match="get_parameters\\(\\) or parameters\\(\\)"):
        compare(object(), X, Y)


@pytest.fixture
def net():
    return random_network([2, 4, 1], 20, seed=1)


def test_nothing_passed_in_is_modified(net):
    parameters, X, Y = net
    before = {k: v.copy() for k, v in parameters.items()}
    X0, Y0 = X.copy(), Y.copy()

    def vandal(p, X, Y):
        grads = learner("tanh")(p, X, Y)
        for array in (*p.values(), X, Y):
            array[...] = 0
        return grads

    report = compare(parameters, X, Y, hidden_activation="tanh", manual=vandal)
    assert isinstance(report, ComparisonReport) and report.ok
    for k in before:
        np.testing.assert_array_equal(parameters[k], before[k])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


def test_the_dA_L_row_lines_up_even_where_A_L_saturates():
    # tanh units near +-1 times W2 = 400: Z2 = +-1200, so A2 rounds to exactly 1 or 0 for the
    # first three examples, where the course's dA2 = -(Y / A2 - (1 - Y) / (1 - A2)) is
    # +inf (A2 = 1, y = 0), -inf (A2 = 0, y = 1) and 0/0 = NaN (A2 = 1, y = 1)
    parameters = {
        "W1": np.ones((3, 2)),
        "b1": np.zeros((3, 1)),
        "W2": np.full((1, 3), 400.0),
        "b2": np.zeros((1, 1)),
    }
    X = np.array([[5.0, -5.0, 5.0, 0.001, -0.002], [5.0, -5.0, 5.0, 0.002, 0.0005]])
    Y = np.array([[0.0, 1.0, 1.0, 1.0, 0.0]])
    report = compare(parameters, X, Y, hidden_activation="tanh", tolerance=1e-10)
    row = report.rows[0]
    assert row.name == "dA2" and row.quantity == "dA" and row.layer == 2 and row.scale == 5
    AL, _ = reference.L_model_forward(X, parameters, "tanh")
    assert AL[0, :3].tolist() == [1.0, 0.0, 1.0]
    with np.errstate(divide="ignore", invalid="ignore"):
        dA2 = -(Y / AL - (1 - Y) / (1 - AL))
    assert dA2[0, 0] == np.inf and dA2[0, 1] == -np.inf and np.isnan(dA2[0, 2])
    np.testing.assert_array_equal(row.formula, dA2)  # NaN where NaN, inf where inf
    np.testing.assert_array_equal(row.autodiff[0, :3], dA2[0, :3])
    np.testing.assert_allclose(row.autodiff[0, 3:], dA2[0, 3:], rtol=1e-10)
    assert row.matches and row.max_abs_difference < 1e-9 and report.ok


# --- no false alarms: zero initialization, deep networks ----------------------------------------


def initialize_parameters_zeros(layers_dims):
    """The course's zero initialization (the lesson on why not to use it)."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("layers_dims", [[2, 4, 1], [2, 10, 5, 1]])
def test_zero_initialization_is_reported_as_symmetry_not_as_a_mistake(activation, layers_dims):
    from autograd_nn.datasets import load_planar_dataset

    X, Y = load_planar_dataset()
    parameters = initialize_parameters_zeros(layers_dims)
    report = compare(parameters, X, Y, hidden_activation=activation)
    assert report.ok and report.first_mismatch is None and report.finding_the_bug() == ""
    L = len(layers_dims) - 1
    rows = {row.name: row for row in report.rows}
    for l in range(1, L):  # every hidden unit gets the same gradient: equal rows of dW[l]
        dW = rows[f"dW{l}"].autodiff
        np.testing.assert_array_equal(dW, np.broadcast_to(dW[:1], dW.shape))
        n = layers_dims[l]
        note = next(note for note in report.notes if f"units of layer {l} " in note)
        assert note == (
            f"Symmetry: W{l} and W{l + 1} are all zeros (the zero initialization), so the {n} "
            f"hidden units of layer {l} compute the same A{l} and get the same gradient: every "
            f"row of dW{l} is the same, and so is every entry of db{l}. Gradient descent keeps "
            "them equal, and the layer learns no more than one unit would. These gradients are "
            "right (the rows compare them); the starting point is what is wrong: initialize "
            f"W{l} with np.random.randn(n[{l}], n[{l - 1}]) * 0.01 to break the symmetry."
        )
        assert note in " ".join(str(report).split())  # wrapped at 100 characters
    assert sum(note.startswith("Symmetry") for note in report.notes) == L - 1
    assert "MISMATCH" not in str(report) and "is missing" not in str(report)


def test_sigmoid_zero_initialization_agrees_up_to_rounding_and_says_so():
    from autograd_nn.datasets import load_planar_dataset

    X, Y = load_planar_dataset()
    report = compare(initialize_parameters_zeros([2, 4, 1]), X, Y, hidden_activation="sigmoid")
    dW2 = next(row for row in report.rows if row.name == "dW2")
    # A1 = 0.5 everywhere and dZ2 = A2 - Y = +-0.5: dW2 is 0, which one side rounds to 2e-17
    assert np.all(dW2.formula == 0) and 0 < dW2.max_abs_difference < 1e-16
    assert dW2.verdict == "ok" and dW2.relative_difference == 0.0
    assert dW2.absolute_floor == pytest.approx(0.25e-12)  # 1e-12 max|dZ2| max|A1|
    assert report.notes[0].startswith(
        f"Up to rounding: dW2 by {dW2.max_abs_difference:.1e} (floor 2e-13) differs only where "
        "both columns are below the floor"
    )


def test_a_symmetric_layer_that_is_not_zero_is_named_too():
    parameters, X, Y = random_network([2, 3, 1], 20, seed=1)
    parameters["W1"][:] = parameters["W1"][0]  # every unit the same weights and bias
    parameters["b1"][:] = 0.1
    parameters["W2"][:] = 0.7
    report = compare(parameters, X, Y, hidden_activation="tanh")
    assert report.ok
    assert report.notes[-1].startswith(
        "Symmetry: the rows of W1 are all the same, as are the entries of b1 and the columns of "
        "W2, so the 3 hidden units of layer 1"
    )
    parameters["W2"][0, 0] = 0.8  # one unit weighs differently downstream: no symmetry
    assert not any("Symmetry" in note for note in compare(parameters, X, Y).notes)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_a_300_layer_network_flags_no_row_on_subnormal_numbers(activation):
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 20), (rng.rand(1, 20) > 0.5).astype(float)
    layers_dims = [2] + [4] * 299 + [1]
    parameters = reference.initialize_parameters_deep(layers_dims, seed=1, scale=0.01)
    report = compare(parameters, X, Y, hidden_activation=activation)
    assert len(report.rows) == 1 + 4 * 300
    subnormal = [
        row
        for row in report.rows
        if np.any((row.autodiff != 0) & (np.abs(row.autodiff) < np.finfo(float).tiny))
    ]
    assert subnormal  # the gradients vanish into the subnormal numbers, as in the attack
    unfloored = [
        row.name
        for row in subnormal
        if row.formula_shape == row.shape
        and row_relative_difference(row.autodiff, row.formula) > report.tolerance
    ]
    assert unfloored  # rows that the relative difference alone flagged
    assert report.ok and not report.mismatches
    assert any(note.startswith("Up to rounding: ") for note in report.notes)


def test_the_floor_hides_no_mistake():
    parameters, X, Y = random_network([3, 4, 1], 20, seed=2)
    correct = learner("tanh")

    def tiny_but_wrong(parameters, X, Y):
        grads = correct(parameters, X, Y)
        grads["db1"] = grads["db1"] * 1.001  # a 0.1 % mistake on ordinary numbers
        return grads

    report = compare(parameters, X, Y, hidden_activation="tanh", manual=tiny_but_wrong)
    assert report.first_mismatch.name == "db1"
