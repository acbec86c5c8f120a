"""autograd_nn.compare.manual: your own backprop, called on copies, its grads dict read."""

from __future__ import annotations

import numpy as np
import pytest
from compare_networks import learner, random_network

from autograd_nn.compare import (
    ManualGradientError,
    compare,
)


@pytest.fixture
def net():
    return random_network([2, 4, 1], 20, seed=1)


def test_manual_errors_are_named(net):
    parameters, X, Y = net
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


def test_manual_extras_are_ignored_and_complex_values_refused(net):
    parameters, X, Y = net
    good = learner("tanh")

    def chatty(p, X, Y):  # a learner's dict often carries more than the gradients
        return dict(good(p, X, Y), cost=0.69, caches=[(X, p["W1"]), "notes"], dA2=None)

    assert compare(parameters, X, Y, hidden_activation="tanh", manual=chatty).ok

    def complex_valued(p, X, Y):
        grads = dict(good(p, X, Y))
        grads["dW1"] = grads["dW1"] + 1e-3j
        return grads

    with pytest.raises(ManualGradientError, match="your dW1 must be real numbers"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=complex_valued)
