"""autograd_nn.compare.inputs: X, Y, parameters and activations refused in course terms."""

from __future__ import annotations

import numpy as np
import pytest
from compare_networks import random_network

from autograd_nn.compare import (
    ComparisonError,
    compare,
)


@pytest.fixture
def net():
    return random_network([2, 4, 1], 20, seed=1)


def test_Y_must_be_1_by_m(net):
    parameters, X, Y = net
    with pytest.raises(
        ComparisonError, match=r"Y must be \(1, m\) = \(1, 20\).*got \(20,\).*reshape"
    ):
        compare(parameters, X, Y.ravel())
    with pytest.raises(ComparisonError, match=r"got \(20, 1\): one label per row; use Y.T"):
        compare(parameters, X, Y.T)
    with pytest.raises(ComparisonError, match=r"X must be \(n_x, m\)"):
        compare(parameters, X.ravel(), Y)
    with pytest.raises(ComparisonError, match="m >= 1 examples"):
        compare(parameters, X[:, :0], Y[:, :0])


def test_parameters_must_chain(net):
    parameters, X, Y = net
    bad = dict(parameters, W2=parameters["W2"].T)
    with pytest.raises(ComparisonError, match=r"W2 must be \(n\[2\], n\[1\]\) with n\[1\] = 4"):
        compare(bad, X, Y)
    with pytest.raises(ComparisonError, match=r"b1 must be \(n\[1\], 1\) = \(4, 1\), got \(4,\)"):
        compare(dict(parameters, b1=parameters["b1"].ravel()), X, Y)
    with pytest.raises(ComparisonError, match="missing b2"):
        compare({k: v for k, v in parameters.items() if k != "b2"}, X, Y)
    with pytest.raises(ComparisonError, match=r"W1 must be .* n\[0\] = 3 \(n_x, the rows of X\)"):
        compare(parameters, np.vstack([X, X[:1]]), Y)
    with pytest.raises(ComparisonError, match="activation must be one of"):
        compare(parameters, X, Y, hidden_activation="swish")
    with pytest.raises(ComparisonError, match="output_activation must be 'sigmoid'"):
        compare(parameters, X, Y, output_activation="linear")


def test_labels_outside_zero_and_one_are_refused() -> None:
    from autograd_nn.compare import ComparisonError, compare

    rng = np.random.RandomState(0)
    parameters = {"W1": rng.randn(3, 2) * 0.1, "b1": np.zeros((3, 1)),
                  "W2": rng.randn(1, 3) * 0.1, "b2": np.zeros((1, 1))}  # fmt: skip
    X = rng.randn(2, 4)
    with pytest.raises(ComparisonError, match=r"Y must hold labels 0 or 1 .* got 2 in 1 of the 4"):
        compare(parameters, X, np.array([[0.0, 1.0, 2.0, 1.0]]), hidden_activation="tanh")
