"""autograd_nn.compare.diagnosis: the first mismatch is located and the usual mistakes named.

Oracles: hand-written backprop functions (compare_networks.learner), each with one typical
learner's mistake planted at a known layer.
"""

from __future__ import annotations

import numpy as np
import pytest
from compare_networks import learner, random_network

from autograd_nn import reference
from autograd_nn.compare import (
    compare,
)

MISTAKES = [
    # (hidden activation, bug, layer, first mismatch, words of the hint)
    ("tanh", "no 1/m", 2, "dW2", "m = 20 times too large"),
    ("tanh", "transposed A", 2, "dW2", "transposed"),
    ("relu", "db rank-1", 2, "db2", "keepdims=True"),
    ("relu", "A instead of Z", 2, "dZ2", "dA[2] * A[2]"),
    ("tanh", "A instead of Z", 1, "dZ1", "evaluated at A[1]"),
    ("tanh", "forgot g'", 2, "dZ2", "g'(Z[2]) is missing"),
    ("tanh", "Z in 1 - A^2", 2, "dZ2", "you put Z[2] in it"),
    ("sigmoid", "forgot g'", 1, "dZ1", "g'(Z[1]) is missing"),
]


@pytest.mark.parametrize(("activation", "bug", "layer", "where", "hint"), MISTAKES)
def test_a_typical_mistake_is_detected_and_located(activation, bug, layer, where, hint):
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)  # layer 2 is square (3, 3)
    report = compare(
        parameters, X, Y, hidden_activation=activation, manual=learner(activation, bug, layer)
    )
    assert not report.ok
    row = report.first_mismatch
    assert row is not None and row.name == where and row.layer == layer
    assert hint in row.hint
    names = [r.name for r in report.rows]
    assert all(r.matches for r in report.rows[: names.index(where)])
    section = report.finding_the_bug()
    assert section.startswith("Finding the bug") and where in section and hint in section
    assert section in str(report)


def test_the_rank_1_db_is_a_shape_finding_with_right_values():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="relu", manual=learner("relu", "db rank-1", 2)
    )
    row = report.first_mismatch
    assert row.verdict == "wrong shape" and row.shape == (3, 1) and row.formula_shape == (3,)
    assert "(its values are right)" in row.hint and "(3, 3) update" in row.hint
    assert "(3, 1) vs (3,)" in str(report)


def test_finding_the_bug_shows_both_values_side_by_side():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=learner("tanh", "no 1/m", 1)
    )
    row = report.first_mismatch
    assert row.name == "dW1"
    section = report.finding_the_bug()
    worst = np.unravel_index(np.argmax(np.abs(row.autodiff - row.formula)), row.shape)
    line = next(
        s for s in section.splitlines() if s.strip().startswith(str(tuple(map(int, worst))))
    )
    assert f"{row.autodiff[worst]:.6g}" in line and f"{row.formula[worst]:.6g}" in line
    assert row.formula[worst] == pytest.approx(20 * row.autodiff[worst])


def test_without_intermediates_a_wrong_dZ_is_traced_back_from_dW_and_nothing_is_asked():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    manual = learner("tanh", "forgot g'", 1, intermediates=False)
    report = compare(parameters, X, Y, hidden_activation="tanh", manual=manual)
    assert [r.name for r in report.rows] == ["dW3", "db3", "dW2", "db2", "dW1", "db1"]
    assert report.first_mismatch.name == "dW1"
    assert "computed with dZ[1] = dA[1]: g'(Z[1]) is missing" in report.first_mismatch.hint
    section = report.finding_the_bug()
    assert report.finding.located and "Your grads had no" not in section
    assert "your grads do not return dA1, dZ1 in between" in section
    assert "the hint says which" in section


def test_an_unrecognised_mistake_asks_only_for_the_quantities_that_could_hold_it():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    correct = learner("tanh", intermediates=False)

    def manual(parameters, X, Y):
        grads = correct(parameters, X, Y)
        grads["dW1"] = 1.5 * grads["dW1"]  # no usual mistake looks like this
        return grads

    report = compare(parameters, X, Y, hidden_activation="tanh", manual=manual)
    finding = report.finding
    assert finding.row.name == "dW1" and finding.row.hint == ""
    # dW2, db2 agree, so dZ3, dA2, dZ2 are right; dA0 comes after dW1: only dA1, dZ1 could hold it
    assert finding.unreturned == ["dA1", "dZ1"] and not finding.located
    section = report.finding_the_bug()
    assert "Your grads had no dA1, dZ1; return them too" in section
    assert "the mistake is in this step or in dA1, dZ1" in section
    assert "Hint: recheck dW[l] = (1/m) dZ[l] A[l-1]^T" in section


def test_a_relu_mask_on_A_is_not_a_mistake():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    manual = learner("relu", "relu mask on A", 2)
    assert compare(parameters, X, Y, hidden_activation="relu", manual=manual).ok


def test_a_dA_L_with_the_wrong_sign_is_the_first_mismatch():
    parameters, X, Y = random_network([3, 3, 1], 20, seed=7)
    correct = learner("tanh")

    def manual(parameters, X, Y):
        grads = correct(parameters, X, Y)
        A2, _ = reference.L_model_forward(X, parameters, "tanh")
        grads["dA2"] = Y / A2 - (1 - Y) / (1 - A2)  # the minus sign forgotten
        return grads

    report = compare(parameters, X, Y, hidden_activation="tanh", manual=manual)
    row = report.first_mismatch
    assert row.name == "dA2" and [r.name for r in report.mismatches] == ["dA2"]
    assert "wrong sign: dA[2] = -(Y / A[2] - (1 - Y) / (1 - A[2]))" in row.hint
    section = report.finding_the_bug()
    assert "computed by dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L]))" in section
