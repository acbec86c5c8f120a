"""autograd_nn.nn.activations: each g(Z) and, through backward, its g'(Z) from docs/notation.md.

Oracles: the table of docs/notation.md (g(z) and g'(z) for sigmoid, tanh, ReLU, leaky ReLU, linear),
written here in numpy; ReLU and leaky ReLU at z = 0 as the module documents (relu'(0) = 0, the
course's relu_backward; leaky 0.01); softmax against its definition and finite differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograd_nn import Tensor, gradcheck
from autograd_nn.nn import ACTIVATIONS, get_activation
from autograd_nn.nn import activations as g


def sigma(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


# name: (g(z), g'(z) in terms of z and a = g(z)), docs/notation.md's table
TABLE = {
    "sigmoid": (sigma, lambda z, a: a * (1 - a)),
    "tanh": (np.tanh, lambda z, a: 1 - a**2),
    "relu": (lambda z: np.maximum(0, z), lambda z, a: np.where(z > 0, 1.0, 0.0)),
    "leaky_relu": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z, a: np.where(z > 0, 1.0, 0.01)),
    "linear": (lambda z: z, lambda z, a: np.ones_like(z)),
}

Z_VALUES = arrays(
    np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6)), elements=st.floats(-6, 6)
)


@pytest.mark.parametrize("name", sorted(TABLE))
@given(Z=Z_VALUES)
def test_g_and_its_derivative_are_the_course_table(name, Z):
    g_of, g_prime = TABLE[name]
    Zt = Tensor(Z, name="Z")
    A = ACTIVATIONS[name](Zt)
    assert A.shape == Z.shape  # (n[l], m) in, (n[l], m) out
    np.testing.assert_allclose(A.data, g_of(Z), rtol=1e-12, atol=1e-300)
    A.sum().backward()  # dJ/dZ for J = sum(A): g'(Z), element-wise
    np.testing.assert_allclose(Zt.grad, g_prime(Z, g_of(Z)), rtol=1e-10, atol=1e-300)


def test_relu_and_leaky_relu_at_zero_take_the_documented_slope():
    for name, slope in (("relu", 0.0), ("leaky_relu", 0.01)):
        Z = Tensor(np.array([[-1.0, 0.0, 1.0]]), name="Z")
        ACTIVATIONS[name](Z).sum().backward()
        np.testing.assert_array_equal(Z.grad, [[slope, slope, 1.0]])


def test_linear_is_the_identity_and_records_nothing():
    Z = Tensor(np.array([[1.5, -2.0]]), name="Z")
    assert g.linear(Z) is Z  # A[l] is the tensor Z[l]


def test_the_saturating_activations_stay_finite():
    Z = Tensor(np.array([[-800.0, 800.0]]), name="Z")
    A = g.sigmoid(Z)
    np.testing.assert_array_equal(A.data, [[0.0, 1.0]])
    A.sum().backward()
    np.testing.assert_array_equal(Z.grad, [[0.0, 0.0]])  # a (1 - a), no NaN


def test_softmax_is_over_the_classes_in_rows():
    Z = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])  # 3 classes, 2 examples
    A = g.softmax(Tensor(Z)).data
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(A[:, 0], e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(A[:, 1], [1 / 3] * 3, rtol=1e-15)  # equal Z: equal shares
    (check,) = gradcheck(g.softmax, Tensor(np.array([[0.2, -1.0], [0.4, 0.3], [-0.1, 0.8]])))
    assert check.relative_difference < 1e-7


def test_the_table_holds_the_documented_names():
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"}
    for name, function in ACTIVATIONS.items():
        assert getattr(g, name) is function  # the module's functions, by name


def test_get_activation_by_name_by_function_and_refusals():
    assert get_activation("tanh") == ("tanh", g.tanh)

    def swish(Z):
        return Z * Z.sigmoid()

    assert get_activation(swish) == ("swish", swish)
    name, function = get_activation(lambda Z: Z.leaky_relu(0.2))
    assert name == "<lambda>"
    Z = Tensor(np.array([[-1.0, 2.0]]), name="Z")
    np.testing.assert_allclose(function(Z).data, [[-0.2, 2.0]])
    with pytest.raises(ValueError, match=r"must be one of 'sigmoid', 'tanh'.*got 'gelu'"):
        get_activation("gelu")
    with pytest.raises(TypeError, match=r"activation must be a name .* got int"):
        get_activation(3)
