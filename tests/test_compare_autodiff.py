"""autograd_nn.compare.autodiff: the autodiff side, in the course's 1/m convention.

Oracles: dZ[L] = A[L] - Y worked out here in numpy; the reference module's L_model_backward.
"""

from __future__ import annotations

import numpy as np
from compare_networks import expected_names, random_network

from autograd_nn import reference
from autograd_nn.compare import (
    autodiff_grads,
    compare,
)


def test_the_autodiff_column_is_m_times_dJ_dZ_worked_by_hand():
    parameters, X, Y = random_network([3, 2, 1], 8, seed=3)
    raw = autodiff_grads(parameters, X, Y, hidden_activation="tanh", course_convention=False)
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    A2 = 1 / (1 + np.exp(-(parameters["W2"] @ A1 + parameters["b2"])))
    np.testing.assert_allclose(raw["dZ2"], (A2 - Y) / 8, rtol=1e-12)  # the mean cost's dJ/dZ2
    report = compare(parameters, X, Y, hidden_activation="tanh")
    row = {r.name: r for r in report.rows}
    assert row["dZ2"].scale == 8 and row["dA1"].scale == 8 and row["dW2"].scale == 1
    np.testing.assert_allclose(row["dZ2"].autodiff, A2 - Y, rtol=1e-12)  # the course's dZ2
    np.testing.assert_allclose(row["dW1"].autodiff, raw["dW1"], rtol=0)  # dW, db unscaled
    # Without the factor m the intermediates would be a false mismatch:
    assert not np.allclose(raw["dZ1"], row["dZ1"].formula)


def test_autodiff_grads_in_course_convention_equal_the_reference():
    parameters, X, Y = random_network([4, 3, 3, 1], 30, seed=5)
    grads = autodiff_grads(parameters, X, Y, hidden_activation="relu")
    AL, caches = reference.L_model_forward(X, parameters, "relu")
    ref = reference.L_model_backward(AL, Y, caches, "relu")
    for name in expected_names(3):
        np.testing.assert_allclose(grads[name], ref[name], rtol=1e-10, atol=1e-14)


def test_dA_L_is_the_course_seed_of_backprop():
    parameters, X, Y = random_network([3, 2, 1], 8, seed=3)
    grads = autodiff_grads(parameters, X, Y, hidden_activation="tanh")
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    A2 = 1 / (1 + np.exp(-(parameters["W2"] @ A1 + parameters["b2"])))
    dA2 = -(Y / A2 - (1 - Y) / (1 - A2))  # the course's dAL, worked here
    np.testing.assert_allclose(grads["dA2"], dA2, rtol=1e-12)
    raw = autodiff_grads(parameters, X, Y, hidden_activation="tanh", course_convention=False)
    np.testing.assert_allclose(raw["dA2"], dA2 / 8, rtol=1e-12)  # dJ/dA[L] of the mean cost
