"""autograd_nn.compare.manual: your own backprop, called on copies, its grads dict read."""

from __future__ import annotations

import re
from pathlib import Path

import learner_week3
import learner_week4
import numpy as np
import pytest
from compare_networks import learner, random_network, variant

from autograd_nn import reference
from autograd_nn.compare import ManualGradientError, compare


def test_manual_errors_are_named():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=1)
    good = learner("tanh")

    def forgetful(p, X, Y):
        return {k: v for k, v in good(p, X, Y).items() if k != "db1"}

    with pytest.raises(ManualGradientError, match="no db1"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=forgetful)
    with pytest.raises(ManualGradientError, match="must return the course's grads dict"):
        compare(parameters, X, Y, manual=lambda p, X, Y: [1, 2])

    def unfinished(p, X, Y):
        return dict(good(p, X, Y), dZ1=None)

    with pytest.raises(ManualGradientError, match="your dZ1 is None"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=unfinished)

    def broken(p, X, Y):
        return {"dW2": np.dot(p["W2"], X)}

    with pytest.raises(
        ManualGradientError, match=r"your broken\(parameters, X, Y\) raised ValueError"
    ):
        compare(parameters, X, Y, manual=broken)


def test_manual_extras_are_ignored_and_complex_values_refused():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=1)
    good = learner("tanh")

    def chatty(p, X, Y):  # a learner's dict often carries more than the gradients
        return dict(good(p, X, Y), cost=0.69, caches=[(X, p["W1"]), "notes"], dAL="later")

    assert compare(parameters, X, Y, hidden_activation="tanh", manual=chatty).ok

    def complex_valued(p, X, Y):
        grads = dict(good(p, X, Y))
        grads["dW1"] = grads["dW1"] + 1e-3j
        return grads

    with pytest.raises(ManualGradientError, match="your dW1 must be real numbers"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=complex_valued)


# --- the course's own backward functions, as they are -------------------------------------------


def test_week_3_backward_propagation_is_taken_as_it_is():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)
    report = compare(
        parameters,
        X,
        Y,
        hidden_activation="tanh",
        manual=learner_week3.backward_propagation,  # its forward_propagation is found by name
        tolerance=1e-10,
    )
    assert report.ok and report.formula_label == "yours"
    assert [r.name for r in report.rows] == ["dW2", "db2", "dW1", "db1"]  # what week 3 returns
    exact = compare(
        parameters,
        X,
        Y,
        hidden_activation="tanh",
        tolerance=0.0,
        manual=learner_week3.backward_propagation,
    )
    assert len(exact.rows) == 4  # the forward's A2 is checked to rounding, not to 0
    assert all(r.relative_difference <= 1e-10 for r in report.rows)
    # the formula column is the learner's own numbers: the course's formulas, worked in numpy
    _, cache = reference.forward_propagation(X, parameters, "tanh")
    expected = reference.backward_propagation(parameters, cache, X, Y, "tanh")
    for row in report.rows:
        np.testing.assert_allclose(row.formula, expected[row.name], rtol=1e-12)


def test_week_4_L_model_backward_is_taken_as_it_is():
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=4)
    report = compare(
        parameters,
        X,
        Y,
        hidden_activation="relu",
        manual=learner_week4.L_model_backward,  # its L_model_forward is found by name
        tolerance=1e-10,
    )
    assert report.ok
    names = [r.name for r in report.rows]
    assert names == ["dW3", "db3", "dA2", "dW2", "db2", "dA1", "dW1", "db1", "dA0"]
    assert all(r.relative_difference <= 1e-10 for r in report.rows)
    explicit = compare(
        parameters,
        X,
        Y,
        hidden_activation="relu",
        tolerance=1e-10,
        manual=learner_week4.L_model_backward,
        forward=learner_week4.L_model_forward,
    )
    assert [r.relative_difference for r in explicit.rows] == [
        r.relative_difference for r in report.rows
    ]


PLANTED = [
    # (week, line as written, the mistake, first mismatch, words of the hint)
    (3, "(1 - np.power(A1, 2))", "(1 - A1)", "dW1", "the square is missing"),
    (3, "dW1 = (1 / m) * np.dot(dZ1, X.T)", "dW1 = np.dot(dZ1, X.T)", "dW1",
     "m = 20 times too large"),
    (3, "dZ2 = A2 - Y", "dZ2 = Y - A2", "dW2", "wrong sign"),
    (4, "dZ[Z <= 0] = 0", "dZ[Z > 0] = 0", "dW2", "the mask is inverted"),
    (4, "dZ = dA * s * (1 - s)", "dZ = dA * s", "dW3", "multiplies by g(Z[3]) = A[3]"),
    (4, "dW = 1 / m * np.dot(dZ, A_prev.T)", "dW = np.dot(dZ, A_prev.T)", "dW3",
     "m = 20 times too large"),
]  # fmt: skip


@pytest.mark.parametrize(("week", "line", "mistake", "where", "hint"), PLANTED)
def test_a_mistake_planted_in_the_course_code_is_located(
    tmp_path, week, line, mistake, where, hint
):
    module = learner_week3 if week == 3 else learner_week4
    planted = variant(tmp_path, module, line, mistake)
    layer_dims, activation = ([2, 4, 1], "tanh") if week == 3 else ([3, 4, 3, 1], "relu")
    parameters, X, Y = random_network(layer_dims, 20, seed=5)
    backward = planted.backward_propagation if week == 3 else planted.L_model_backward
    report = compare(parameters, X, Y, hidden_activation=activation, manual=backward)
    assert not report.ok and report.first_mismatch.name == where
    assert hint in report.first_mismatch.hint
    # located: the report stops asking for the dZ and dA the course's function does not return
    section = report.finding_the_bug()
    assert report.finding.located and "Your grads had no" not in section
    assert hint in section


def test_the_course_reference_functions_are_accepted_too():
    parameters, X, Y = random_network([2, 3, 1], 10, seed=6)
    # reference.backward_propagation(parameters, cache, X, Y, activation="tanh"): week 3's form;
    # reference.forward_propagation is found next to it
    assert compare(
        parameters, X, Y, hidden_activation="tanh", manual=reference.backward_propagation
    ).ok
    assert compare(parameters, X, Y, hidden_activation="relu", manual=reference.L_model_backward).ok


def test_a_forward_with_another_hidden_activation_is_named():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)
    with pytest.raises(
        ManualGradientError,
        match=r"AL of your forward_propagation\(X, parameters\) differs from the course's "
        r"forward pass with hidden_activation='relu'.*matches hidden_activation='tanh'",
    ):
        compare(parameters, X, Y, manual=learner_week3.backward_propagation)  # relu by default


def test_a_wrong_forward_is_refused_before_the_backward_runs(tmp_path):
    planted = variant(tmp_path, learner_week3, "A1 = np.tanh(Z1)", "A1 = np.tanh(Z1) * 2")
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)
    with pytest.raises(ManualGradientError, match="fix the forward pass first"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation)


def test_a_backward_without_its_forward_gets_the_accepted_signatures():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)

    def backward_propagation(parameters, cache, X, Y):  # no forward_propagation in this module
        return learner_week3.backward_propagation(parameters, cache, X, Y)

    with pytest.raises(
        ManualGradientError,
        match=r"reads the cache of your forward_propagation\(X, parameters\), but there is no "
        r"forward_propagation next to it: pass forward=forward_propagation",
    ):
        compare(parameters, X, Y, hidden_activation="tanh", manual=backward_propagation)
    report = compare(
        parameters,
        X,
        Y,
        hidden_activation="tanh",
        manual=backward_propagation,
        forward=learner_week3.forward_propagation,
    )
    assert report.ok


def test_an_unknown_signature_is_refused_with_the_accepted_ones():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=1)

    def two_arguments(parameters, X):
        return {}

    with pytest.raises(ManualGradientError) as caught:
        compare(parameters, X, Y, manual=two_arguments)
    message = str(caught.value)
    assert "your two_arguments(parameters, X) takes arguments compare cannot supply" in message
    for accepted in (
        "f(parameters, X, Y)",
        "backward_propagation(parameters, cache, X, Y)",
        "L_model_backward(AL, Y, caches)",
        "forward_propagation(X, parameters)",
        "L_model_forward(X, parameters) -> (AL, caches)",
    ):
        assert accepted in message
    with pytest.raises(ManualGradientError, match="runs its own forward pass; forward= is for"):
        compare(
            parameters,
            X,
            Y,
            hidden_activation="tanh",
            manual=learner("tanh"),
            forward=learner_week3.forward_propagation,
        )


def test_the_older_week_4_naming_of_dA_is_read_and_said():
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=4)

    def L_model_backward(AL, Y, caches):  # the older edition: grads["dA" + str(l + 1)] is dA[l]
        grads = learner_week4.L_model_backward(AL, Y, caches)
        return {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v for k, v in grads.items()}

    report = compare(
        parameters,
        X,
        Y,
        hidden_activation="relu",
        manual=L_model_backward,
        forward=learner_week4.L_model_forward,
        tolerance=1e-10,
    )
    assert report.ok and {"dA2", "dA1", "dA0"} <= {r.name for r in report.rows}
    assert "as the older edition of week 4 does" in str(report)


# --- a learner's crash: their file, line, statement and shapes ---------------------------------


def test_a_crash_shows_the_learners_own_file_line_statement_and_shapes(tmp_path):
    line = "dW = 1 / m * np.dot(dZ, A_prev.T)"
    planted = variant(tmp_path, learner_week4, line, "dW = 1 / m * np.dot(dZ, A_prev)")
    source = Path(planted.__file__).read_text().splitlines()
    number = source.index("    dW = 1 / m * np.dot(dZ, A_prev)") + 1
    # the output layer fails first: the sigmoid branch, the second call of linear_backward
    calls = [i + 1 for i, s in enumerate(source) if "dA_prev, dW, db = linear_backward" in s]
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=5)
    with pytest.raises(ManualGradientError) as caught:
        compare(parameters, X, Y, hidden_activation="relu", manual=planted.L_model_backward)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(
        "your L_model_backward(AL, Y, caches) raised ValueError: shapes (1,20) and (3,20) not "
        "aligned"
    )
    assert lines[1] == f'  in linear_backward, file "{planted.__file__}", line {number}:'
    assert lines[2] == "    dW = 1 / m * np.dot(dZ, A_prev)"
    assert lines[3] == "  shapes there: dZ (1, 20), A_prev (3, 20)"  # dZ[3], A[2]
    assert lines[4].startswith(f"  called from linear_activation_backward (line {calls[1]}), ")
    assert lines[5].startswith("(shapes: X (3, 20), Y (1, 20), W1 (4, 3)")


def test_a_crash_in_the_learners_forward_shows_its_line_too(tmp_path):
    planted = variant(tmp_path, learner_week3, "Z2 = np.dot(W2, A1) + b2", "Z2 = np.dot(A1, W2)")
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)
    with pytest.raises(ManualGradientError) as caught:
        compare(parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation)
    message = str(caught.value)
    assert message.startswith("your forward_propagation(X, parameters) raised ValueError: ")
    assert f'  in forward_propagation, file "{planted.__file__}", line ' in message
    assert "\n    Z2 = np.dot(A1, W2)\n  shapes there: A1 (4, 20), W2 (1, 4)\n" in message


def test_an_exception_whose_message_fails_is_still_named():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)

    class LearnersError(Exception):
        def __str__(self):
            raise RuntimeError("the message itself fails")

    def backward(parameters, X, Y):
        raise LearnersError()

    with pytest.raises(ManualGradientError) as caught:
        compare(parameters, X, Y, manual=backward)
    message = str(caught.value)
    assert message.startswith(
        "your backward(parameters, X, Y) raised LearnersError (its message could not be "
        "printed: its __str__ raised RuntimeError)\n  in backward, file "
    )
    assert "    raise LearnersError()" in message

    class Unreadable:  # a grads value that numpy cannot read, raising something unusual
        def __array__(self, *args, **kwargs):
            raise LearnersError()

    def unreadable(parameters, X, Y):
        return dict(learner("relu")(parameters, X, Y), dW1=Unreadable())

    with pytest.raises(ManualGradientError, match="your dW1 must be an array of numbers"):
        compare(parameters, X, Y, manual=unreadable)


# --- arrays changed in place -------------------------------------------------------------------


def test_a_cache_changed_in_place_is_found_and_explained(tmp_path):
    planted = variant(tmp_path, learner_week3, "dZ2 = A2 - Y", "dZ2 = A2\n    dZ2 -= Y")
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=planted.backward_propagation
    )
    assert report.ok  # the gradients are right; the cache is not any more
    changed = int(np.sum(Y == 1))  # A2 - Y differs from A2 where Y = 1
    note = next(note for note in report.notes if note.startswith("In place: "))
    assert note == (
        'In place: your backward_propagation(parameters, cache, X, Y) changed cache["A2"] '
        f"(A[2], shape (1, 20): {changed} of its 20 entries) while it ran. In numpy, `B = A` "
        "does not copy: B becomes a second name for the same array (so does an array taken out "
        "of the cache or the parameters dict), and `B[...] = ...` or `B *= ...` then changes it "
        "under every name, the forward pass's cache included, which later steps read. Copy "
        "before changing, as the course does: `dZ = np.array(dA, copy=True)`, then "
        "`dZ[Z <= 0] = 0`."
    )
    assert note in " ".join(str(report).split())


def test_a_week_4_cache_changed_in_place_is_named_by_its_place_and_course_name(tmp_path):
    planted = variant(
        tmp_path,
        learner_week4,
        "    dZ = np.array(dA, copy=True)\n    dZ[Z <= 0] = 0",
        "    Z[Z <= 0] = 0\n    dZ = dA * (Z > 0)",
    )
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=5)
    report = compare(parameters, X, Y, hidden_activation="relu", manual=planted.L_model_backward)
    _, caches = reference.L_model_forward(X, parameters, "relu")
    negative = [int(np.sum(caches[l][1] < 0)) for l in (0, 1)]
    note = next(note for note in report.notes if note.startswith("In place: "))
    assert note.startswith(
        "In place: your L_model_backward(AL, Y, caches) changed "
        f"caches[0][1] (Z[1], shape (4, 20): {negative[0]} of its 80 entries), "
        f"caches[1][1] (Z[2], shape (3, 20): {negative[1]} of its 60 entries) while it ran."
    )
    # nothing is reported when nothing changes
    assert not any(
        note.startswith("In place")
        for note in compare(
            parameters, X, Y, hidden_activation="relu", manual=learner_week4.L_model_backward
        ).notes
    )


def test_a_recursion_is_shown_once_with_its_count():
    parameters, X, Y = random_network([2, 4, 1], 20, seed=5)

    def dZ_of(l):
        return dZ_of(l + 1)  # the base case forgotten

    def backward(parameters, X, Y):
        return {"dZ1": dZ_of(1)}

    with pytest.raises(ManualGradientError) as caught:
        compare(parameters, X, Y, manual=backward)
    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "your backward(parameters, X, Y) raised RecursionError: maximum recursion depth exceeded"
    )
    assert lines[2] == "    return dZ_of(l + 1)  # the base case forgotten"
    assert re.fullmatch(
        r"  called from dZ_of \(line \d+, \d+ times\), backward \(line \d+\)", lines[3]
    )
