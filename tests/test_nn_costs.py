"""Tests for autograd_nn.nn.costs: logistic cost, mean squared error, softmax cross-entropy.

Oracles: the cost formulas written in numpy here, and their derivatives worked by hand
(dJ/dZ[L] = (A - Y)/m for a sigmoid + logistic cost and for softmax + cross-entropy,
dJ/dA = (A - Y)/m for the (1/2m) squared error).
"""

import numpy as np
import pytest

from autograd_nn import Tensor
from autograd_nn.errors import DomainError, ShapeError
from autograd_nn.nn import (
    compute_cost,
    logistic_cost,
    mean_squared_error,
    softmax_cross_entropy,
)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def test_logistic_cost_equals_the_course_formula():
    rng = np.random.RandomState(0)
    Z = Tensor(rng.randn(1, 50), name="Z2")
    Y = (rng.rand(1, 50) > 0.5).astype(float)
    A = sigmoid(Z.data)
    expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    J = logistic_cost(Z.sigmoid(), Y)
    assert J.shape == () and J.name == "J"
    assert abs(J.item() - expected) <= 1e-12 * abs(expected)
    assert compute_cost is logistic_cost


def test_gradient_at_ZL_is_A_minus_Y_over_m():
    rng = np.random.RandomState(1)
    m = 40
    Z = Tensor(rng.randn(1, m) * 3, name="ZL")
    Y = (rng.rand(1, m) > 0.5).astype(float)
    J = logistic_cost(Z.sigmoid(), Y)
    J.backward()
    np.testing.assert_allclose(Z.grad, (sigmoid(Z.data) - Y) / m, rtol=1e-12, atol=1e-15)


def test_saturated_sigmoid_gives_finite_cost_and_gradient():
    Z = Tensor([[1000.0, -1000.0, 1000.0, -1000.0]], name="ZL")
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    A = Z.sigmoid()
    assert A.data.tolist() == [[1.0, 0.0, 1.0, 0.0]]  # saturated exactly
    J = logistic_cost(A, Y)
    J.backward()
    # right answers cost ~0, wrong ones 1000 each: J = (0 + 0 + 1000 + 1000) / 4
    assert J.item() == pytest.approx(500.0, rel=1e-12)
    assert np.all(np.isfinite(Z.grad))
    np.testing.assert_array_equal(Z.grad, (A.data - Y) / 4)  # (A - Y)/m: 0, 0, 1/4, -1/4


def test_saturation_through_a_layer_keeps_weight_gradients_finite():
    W = Tensor([[1000.0]], name="W1")
    b = Tensor([[0.0]], name="b1")
    X = np.array([[1.0, -1.0]])
    J = logistic_cost((W @ X + b).sigmoid(), np.array([[0.0, 1.0]]))
    J.backward()
    assert np.isfinite(J.item()) and np.all(np.isfinite(W.grad)) and np.all(np.isfinite(b.grad))
    # dW = (1/m) dZ X^T with dZ = A - Y = [1, -1]: (1/2)(1 * 1 + (-1)(-1)) = 1
    assert W.grad.item() == pytest.approx(1.0)


def test_cost_from_A_when_not_a_sigmoid_output():
    A = Tensor([[0.2, 0.9, 0.6]], name="A")
    Y = np.array([[0.0, 1.0, 1.0]])
    J = logistic_cost(A, Y)
    expected = -np.mean(Y * np.log(A.data) + (1 - Y) * np.log(1 - A.data))
    assert J.item() == pytest.approx(expected, rel=1e-12)
    J.backward()  # dJ/dA = -(Y/A - (1 - Y)/(1 - A)) / m, the course's dA[L] with its 1/m
    np.testing.assert_allclose(A.grad, -(Y / A.data - (1 - Y) / (1 - A.data)) / 3, rtol=1e-12)


def test_cost_from_A_refuses_exact_zero_or_one():
    A = Tensor([[0.0, 0.5, 1.0]], name="A")
    with pytest.raises(
        DomainError, match=r"A\[L\] \(1, 3\) has 2 entries outside \(0, 1\).*sigmoid"
    ):
        logistic_cost(A, np.array([[0.0, 1.0, 1.0]]))


def test_rank_one_labels_are_refused_with_the_shapes():
    A = Tensor(np.full((1, 4), 0.5))
    with pytest.raises(
        ShapeError,
        match=r"Y must be \(1, m\) = \(1, 4\), the shape of A\[L\], got \(4,\).*"
        r"Y\.reshape\(1, -1\)",
    ):
        logistic_cost(A, np.array([0, 1, 1, 0]))
    with pytest.raises(ShapeError, match=r"got \(4, 1\).*use Y\.T"):
        logistic_cost(A, np.zeros((4, 1)))


def test_labels_outside_0_1_are_refused():
    A = Tensor(np.full((1, 4), 0.5))
    with pytest.raises(
        ValueError, match=r"Y must hold labels 0 or 1; 2 entries are outside \{0, 1\} \(e\.g\. 2\)"
    ):
        logistic_cost(A, np.array([[0, 2, 1, -1]]))


def test_integer_labels_work():
    Z = Tensor(np.zeros((1, 2)))
    assert logistic_cost(Z.sigmoid(), np.array([[0, 1]], dtype=np.uint8)).item() == pytest.approx(
        np.log(2)
    )


def test_mean_squared_error_includes_one_half():
    A = Tensor([[1.0, 2.0, 4.0]], name="A")
    Y = np.array([[0.0, 2.0, 1.0]])
    J = mean_squared_error(A, Y)
    assert J.item() == pytest.approx((1 + 0 + 9) / (2 * 3))
    J.backward()
    np.testing.assert_allclose(A.grad, (A.data - Y) / 3)
    with pytest.raises(ShapeError, match=r"Y must be \(1, m\) = \(1, 3\)"):
        mean_squared_error(A, np.zeros(3))
    with pytest.raises(ValueError, match="Y contains NaN or infinity"):
        mean_squared_error(A, np.array([[np.nan, 0, 0]]))


def one_hot(labels, C):
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y


def test_softmax_cross_entropy_formula_and_gradient():
    rng = np.random.RandomState(2)
    C, m = 4, 7
    Z = Tensor(rng.randn(C, m), name="ZL")
    Y = one_hot(rng.randint(0, C, size=m), C)
    A = np.exp(Z.data) / np.exp(Z.data).sum(axis=0, keepdims=True)
    J = softmax_cross_entropy(Z.softmax(axis=0), Y)
    assert J.item() == pytest.approx(-np.sum(Y * np.log(A)) / m, rel=1e-12)
    J.backward()
    np.testing.assert_allclose(Z.grad, (A - Y) / m, rtol=1e-10, atol=1e-15)


def test_softmax_cross_entropy_is_finite_when_saturated():
    Z = Tensor([[1000.0, -1000.0], [-1000.0, 1000.0]], name="ZL")
    Y = np.array([[0.0, 0.0], [1.0, 1.0]])
    J = softmax_cross_entropy(Z.softmax(axis=0), Y)
    J.backward()
    assert J.item() == pytest.approx(1000.0)  # first example wrong by 2000/2, second right
    np.testing.assert_allclose(Z.grad, np.array([[0.5, 0.0], [-0.5, 0.0]]))


def test_softmax_cross_entropy_label_errors():
    A = Tensor(np.full((3, 2), 1 / 3))
    with pytest.raises(ShapeError, match=r"Y must be \(n\[L\], m\) = \(3, 2\)"):
        softmax_cross_entropy(A, np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"one-hot.*2 columns are not \(e\.g\. column 0\)"):
        softmax_cross_entropy(A, np.array([[1, 0], [1, 0], [0, 0]]))
    with pytest.raises(DomainError, match="entries <= 0"):
        softmax_cross_entropy(Tensor(np.array([[0.0, 0.5], [1.0, 0.5]])), np.eye(2))


def test_class_indices_get_the_one_hot_hint_not_a_reshape_to_one_row():
    A = Tensor(np.full((3, 2), 1 / 3))
    with pytest.raises(ShapeError, match=r"got \(2,\).*one-hot, Y = np\.eye\(3\)\[y\]\.T") as e:
        softmax_cross_entropy(A, np.array([0, 2]))
    assert "reshape(1, -1)" not in str(e.value)  # a (1, m) row would not fit A[L] (3, m) either


def test_one_label_outside_0_1_reads_in_the_singular():
    with pytest.raises(ValueError, match=r"1 entry is outside \{0, 1\} \(e\.g\. 2\)"):
        logistic_cost(Tensor(np.full((1, 3), 0.5)), np.array([[0, 2, 1]]))


# ------------------------------------------------------------------ issue 11.12
@pytest.mark.parametrize(
    ("cost", "make_AL", "Y"),
    [
        (logistic_cost, lambda Z: Z.sigmoid(), np.array([[1, 0, 1]], dtype=np.float32)),
        (logistic_cost, lambda Z: Z.sigmoid(), np.array([[1, 0, 1]])),  # labels as ints
        (mean_squared_error, lambda Z: Z, np.array([[0.5, -1, 2]], dtype=np.float32)),
        (softmax_cross_entropy, lambda Z: Z.softmax(axis=0), None),
    ],
)
def test_float32_stays_float32(cost, make_AL, Y) -> None:
    Z_data = np.array([[0.5, -2.0, 3.0], [1.0, 0.0, -1.0]])[: 1 if Y is not None else 2]
    Z = Tensor(Z_data, name="Z", dtype=np.float32)
    if Y is None:
        Y = np.array([[1, 0, 0], [0, 1, 1]], dtype=np.float32)
    J = cost(make_AL(Z), Y)
    assert J.data.dtype == np.float32
    J.backward()
    assert Z.grad.dtype == np.float32
    J64 = cost(make_AL(Tensor(Z_data)), Y.astype(np.float64))
    assert J64.data.dtype == np.float64
    assert float(J.data) == pytest.approx(float(J64.data), rel=1e-6)
    # a float32 array given as A[L] (no graph) is kept float32 too
    assert cost(make_AL(Z).data, Y).data.dtype == np.float32


def _softmax_of(Z: Tensor) -> Tensor:
    """A[L] = softmax(Z[L]); at +-1e308 Z - max(Z) overflows to -inf (A = 0 there, rightly),
    which numpy reports as a warning the test suite would turn into an error."""
    with np.errstate(over="ignore"):
        return Z.softmax(axis=0)


@pytest.mark.parametrize(("dtype", "big"), [(np.float64, 1e308), (np.float32, 3e38)])
def test_softmax_cross_entropy_is_finite_at_the_largest_logits(dtype, big):
    # column 1: two equal logits, A = [1/2, 1/2], loss ln 2; column 2: A = [1, 0] exactly, Y
    # picks the 1, loss 0 (and the 0 log 0 of the other class is 0, not 0 * -inf = NaN)
    Z = Tensor(np.array([[big, big], [big, -big]], dtype=dtype), name="Z", dtype=dtype)
    Y = np.array([[1, 1], [0, 0]], dtype=dtype)
    J = softmax_cross_entropy(_softmax_of(Z), Y)
    assert J.dtype == dtype
    assert J.data == dtype(np.log(2) / 2)  # exactly: ln 2 picked once, halved
    J.backward()
    A = np.array([[0.5, 1.0], [0.5, 0.0]])
    np.testing.assert_array_equal(Z.grad, (A - Y) / 2)  # dJ/dZ = (A - Y) / m, exactly
    assert Z.grad.dtype == dtype


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_cross_entropy_at_opposite_extremes_in_every_column(dtype):
    big = np.finfo(dtype).max  # Z - max(Z) = -big - big overflows to -inf: A = 0 exactly
    Z = Tensor(np.array([[big, -big, 0.0], [-big, big, 0.0]], dtype=dtype), dtype=dtype)
    Y = np.array([[1, 0, 1], [0, 1, 0]], dtype=dtype)  # the right class each time, then a tie
    J = softmax_cross_entropy(_softmax_of(Z), Y)
    assert np.isfinite(J.data)
    np.testing.assert_allclose(float(J.data), np.log(2) / 3, rtol=1e-6)
    J.backward()
    expected = (np.array([[1, 0, 0.5], [0, 1, 0.5]]) - Y) / 3
    np.testing.assert_allclose(Z.grad, expected, rtol=1e-6, atol=0)
    assert np.all(np.isfinite(Z.grad))
