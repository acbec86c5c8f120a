"""autograd_nn.compare.finite_differences: the course's gradient check column.

Oracles: the course's thresholds (1e-7 fine, 1e-3 wrong) on a correct and a wrong dW1; the
flower data's db1 of about 1e-7, which centered differences cannot resolve.
"""

from __future__ import annotations

from compare_networks import learner, random_network

from autograd_nn import reference
from autograd_nn.compare import (
    compare,
)


def test_finite_differences_agree_with_the_formulas_and_flag_a_wrong_gradient():
    parameters, X, Y = random_network([2, 3, 1], 10, seed=2)
    report = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True)
    verdicts = {r.name: r.numeric_verdict for r in report.rows}
    assert verdicts == {
        "dA2": None,
        "dZ2": None, "dW2": "fine", "db2": "fine", "dA1": None,
        "dZ1": None, "dW1": "fine", "db1": "fine", "dA0": None,
    }  # fmt: skip
    assert "grad check" in str(report) and report.ok
    assert report.gradient_check[0] < 1e-7 and report.gradient_check[1] == "fine"
    assert "as the course does): " in str(report)
    wrong = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True,
                    manual=learner("tanh", "no 1/m", 1))  # fmt: skip
    assert {r.name: r.numeric_verdict for r in wrong.rows}["dW1"] == "wrong"
    assert wrong.gradient_check[1] == "wrong"
    assert not wrong.ok


def test_the_gradient_check_reads_tiny_gradients_as_finite_difference_noise():
    from autograd_nn.datasets import load_planar_dataset

    X, Y = load_planar_dataset()  # balanced classes: db1 is about 1e-7 at the course's init
    parameters = reference.initialize_parameters_deep([2, 4, 1], seed=2)  # W * 0.01
    report = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True)
    db1 = {r.name: r for r in report.rows}["db1"]
    assert db1.numeric_relative_difference > 1e-5  # the course's rule alone would say "check"
    assert db1.numeric_verdict == "fine (FD noise)" and report.ok
    assert report.gradient_check[1] == "fine"
