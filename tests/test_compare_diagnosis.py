"""autograd_nn.compare.diagnosis: the first mismatch is located and the usual mistakes named.

Oracles: hand-written backprop functions (compare_networks.learner), each with one typical
learner's mistake planted at a known layer.
"""

from __future__ import annotations

import learner_week3
import learner_week4
import numpy as np
import pytest
from compare_networks import learner, random_network, variant

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


# --- the causes of the planted bugs of the course's code, in the report -----------------------


def test_aliasing_dZ_equals_dA_in_relu_backward_is_named(tmp_path):
    planted = variant(tmp_path, learner_week4, "dZ = np.array(dA, copy=True)", "dZ = dA")
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=5)
    report = compare(parameters, X, Y, hidden_activation="relu", manual=planted.L_model_backward)
    row = report.first_mismatch
    assert row.name == "dA2" and [r.name for r in report.mismatches] == ["dA2", "dA1"]
    assert row.hint == (
        "dA2 equals dZ[2], dA[2] with the entries where Z[2] <= 0 set to 0, which is what "
        "relu_backward does to dZ. Your dA2 was changed in place after it was stored in grads: "
        "in relu_backward, `dZ = dA` does not copy (dZ becomes a second name for the same "
        "array), so `dZ[Z <= 0] = 0` also changes those entries of dA. Write "
        "`dZ = np.array(dA, copy=True)`, as the course does. The dZ[2] computed from it is "
        "right; only the dA2 kept in grads is not."
    )
    section = report.finding_the_bug()
    assert f"Hint: {row.hint}" in section
    assert "(every dW and db after it agrees: the wrong values were not used further)" in section
    assert "recheck dA[l-1] = W[l]^T dZ[l]" not in section


def test_db_summed_without_axis_is_named(tmp_path):
    line = "db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)"
    planted = variant(tmp_path, learner_week3, line, "db2 = (1 / m) * np.sum(dZ2)")
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    )
    row = report.first_mismatch
    assert row.name == "db2" and row.verdict == "wrong shape" and row.formula_shape == ()
    assert row.hint == (
        "db2 is one number, shape (): np.sum(dZ2) without axis=1, keepdims=True adds up every "
        "entry of dZ2; its value is right here (layer 2 has one unit), but db[2] must be "
        "(n[2], 1) = (1, 1): write (1 / m) * np.sum(dZ2, axis=1, keepdims=True)."
    )
    planted = variant(tmp_path, learner_week3, line, "db2 = np.sum(dZ2)")  # and no 1/m
    hint = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    ).first_mismatch.hint
    assert hint == (
        "db2 is one number, shape (): np.sum(dZ2) without axis=1, keepdims=True (and without the "
        "1/m) adds up every entry of dZ2; that makes it m = 20 times too large, and db[2] must "
        "be (n[2], 1) = (1, 1): write (1 / m) * np.sum(dZ2, axis=1, keepdims=True)."
    )
    # the right shape without the 1/m is the usual hint, not a sum without axis
    planted = variant(tmp_path, learner_week3, line, "db2 = np.sum(dZ2, axis=1, keepdims=True)")
    hint = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    ).first_mismatch.hint
    assert hint.startswith("db2 is m = 20 times too large: the 1/m of db[l] = ")
    line = "db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)"
    planted = variant(tmp_path, learner_week3, line, "db1 = np.sum(dZ1)")  # and no 1/m
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    )
    assert report.first_mismatch.hint == (
        "db1 is one number, shape (): np.sum(dZ1) without axis=1, keepdims=True (and without "
        "the 1/m) adds up every entry of dZ1, over the 4 units as well as the m = 20 examples; "
        "db[1] keeps one sum per unit, (n[1], 1) = (4, 1): write "
        "(1 / m) * np.sum(dZ1, axis=1, keepdims=True)."
    )
    assert report.first_mismatch.hint in report.finding_the_bug()


def test_db_summed_over_the_units_is_named():
    parameters, X, Y = random_network([3, 4, 1], 20, seed=5)
    correct = learner("tanh")

    def manual(parameters, X, Y):
        grads = correct(parameters, X, Y)
        grads["db1"] = np.sum(grads["dZ1"], axis=0, keepdims=True) / 20
        return grads

    hint = compare(parameters, X, Y, hidden_activation="tanh", manual=manual).first_mismatch.hint
    assert hint == (
        "db1 has shape (1, 20): np.sum(dZ1, axis=0) adds over the units, one sum per example; "
        "db[1] adds over the examples, one sum per unit, (n[1], 1) = (4, 1): write "
        "(1 / m) * np.sum(dZ1, axis=1, keepdims=True)."
    )


def test_dW1_with_A1_where_X_belongs_is_named(tmp_path):
    line = "dW1 = (1 / m) * np.dot(dZ1, X.T)"
    planted = variant(tmp_path, learner_week3, line, "dW1 = (1 / m) * np.dot(dZ1, A1.T)")
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    )
    row = report.first_mismatch
    assert row.name == "dW1" and row.formula_shape == (4, 4)
    assert row.hint == (
        "dW1 is (1/m) dZ[1] A[1]^T: it multiplies by A[1], the output of layer 1, where its "
        "input A[0] = X belongs: dW[1] = (1/m) dZ[1] A[0]^T, (1 / m) * np.dot(dZ1, X.T), shape "
        "(n[1], n[0]) = (4, 2)."
    )
    assert report.finding.located and "Your grads had no" not in report.finding_the_bug()


def test_dW_with_A_l_in_a_square_layer_is_named_by_its_values():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)  # layer 2 is (3, 3)
    correct = learner("relu")

    def manual(parameters, X, Y):
        grads = correct(parameters, X, Y)
        A2 = reference.L_model_forward(X, parameters, "relu")[1][2][0][0]
        grads["dW2"] = np.dot(grads["dZ2"], A2.T) / 20
        return grads

    hint = compare(parameters, X, Y, hidden_activation="relu", manual=manual).first_mismatch.hint
    assert hint.startswith("dW2 is (1/m) dZ[2] A[2]^T: it multiplies by A[2], the output of ")
    assert hint.endswith("(1 / m) * np.dot(dZ2, A1.T), shape (n[2], n[1]) = (3, 3).")


# --- wording slips, each with its exact text ----------------------------------------------------


def test_a_rank_1_db_broadcasts_into_a_square_update_with_the_right_article():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="relu", manual=learner("relu", "db rank-1", 2)
    )
    assert report.first_mismatch.hint == (
        "db2 has shape (3,), a rank-1 array (its values are right): db[2] must be (n[2], 1) = "
        "(3, 1); write np.sum(dZ2, axis=1, keepdims=True). A (3,) db would broadcast against "
        "b2 (3, 1) into a (3, 3) update."
    )


def test_the_first_row_is_not_said_to_follow_agreeing_rows(tmp_path):
    line = "dW = 1 / m * np.dot(dZ, A_prev.T)"
    planted = variant(tmp_path, learner_week4, line, "dW = 1.5 / m * np.dot(dZ, A_prev.T)")
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=5)
    report = compare(parameters, X, Y, hidden_activation="relu", manual=planted.L_model_backward)
    finding = report.finding
    assert finding.row.name == "dW3" and finding.agreed == []
    assert finding.hint == "recheck dW[l] = (1/m) dZ[l] A[l-1]^T; no row before it was compared."
    assert "the rows before it agree" not in report.finding_the_bug()
    assert "Your grads had no dA3, dZ3; return them too" in report.finding_the_bug()


def test_week_3_tables_have_no_paragraph_about_dZ_and_dA():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=learner_week3.backward_propagation
    )
    assert {row.quantity for row in report.rows} == {"dW", "db"}
    assert report.convention == ""
    for text in (str(report), report.to_markdown(), report.to_html()):
        assert "m * dJ/dZ" not in text and "their dA[l] and dZ[l]" not in text
    full = compare(parameters, X, Y, hidden_activation="tanh")  # with dZ and dA rows
    assert "m * dJ/dZ and m * dJ/dA (m = 20)" in full.convention
    assert full.convention in " ".join(str(full).split())
