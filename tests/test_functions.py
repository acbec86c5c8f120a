"""autograd_nn.functions: the operations as functions, through their public behaviour.

Oracles: numpy's own functions for the values; the derivatives of NOTATION.md and worked by
hand (e^x, 1/x, 1/(2 sqrt x), 1 - a^2, a (1 - a), the ReLU mask) for the gradients, checked
again by centered finite differences (autograd_nn.gradcheck); hand-worked numbers for ties,
boundaries and the logistic loss at the ends of float64.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograd_nn import Tensor, gradcheck
from autograd_nn import functions as F  # noqa: N812 (F for functions, as in torch)
from autograd_nn.errors import DomainError, ShapeError


def op_name(t: Tensor) -> str | None:
    """The recorded operation's name (``t.op`` is becoming the Op object)."""
    return getattr(t.op, "name", t.op)


def grad_of(function, value: np.ndarray) -> np.ndarray:
    """d sum(function(x)) / dx at x = value, by backward."""
    x = Tensor(value, name="x")
    function(x).sum().backward()
    return x.grad


VALUES = arrays(np.float64, st.integers(1, 5), elements=st.floats(-3, 3))
POSITIVE = arrays(np.float64, st.integers(1, 5), elements=st.floats(0.1, 5))

# (function, numpy value, hand derivative, domain)
UNARY = {
    "exp": (F.exp, np.exp, np.exp, VALUES),
    "log": (F.log, np.log, lambda x: 1 / x, POSITIVE),
    "sqrt": (F.sqrt, np.sqrt, lambda x: 1 / (2 * np.sqrt(x)), POSITIVE),
    "abs": (F.abs, np.abs, np.sign, VALUES),
    "tanh": (F.tanh, np.tanh, lambda z: 1 - np.tanh(z) ** 2, VALUES),
    "sigmoid": (
        F.sigmoid,
        lambda z: 1 / (1 + np.exp(-z)),
        lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))),
        VALUES,
    ),
    "relu": (F.relu, lambda z: np.maximum(0, z), lambda z: (z > 0).astype(float), VALUES),
    "leaky_relu": (
        F.leaky_relu,
        lambda z: np.where(z > 0, z, 0.01 * z),
        lambda z: np.where(z > 0, 1.0, 0.01),
        VALUES,
    ),
    "square": (F.square, np.square, lambda x: 2 * x, VALUES),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@given(data=st.data())
def test_unary_values_and_derivatives_are_the_course_formulas(name, data):
    function, value, derivative, domain = UNARY[name]
    x = data.draw(domain)
    np.testing.assert_allclose(function(Tensor(x)).data, value(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grad_of(function, x), derivative(x), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gradients_pass_the_finite_difference_check(name):
    function, _, _, _ = UNARY[name]
    x = np.array([[0.3, 1.7, 2.2], [0.6, 1.1, 0.9]])  # away from the kinks of abs and relu
    (result,) = gradcheck(lambda t: function(t), Tensor(x, name="x"))
    assert result.relative_difference < 1e-7, (name, result.relative_difference)


def test_a_function_is_the_method_of_the_same_name():
    Z = np.array([[-1.5, 0.2], [0.7, 3.0]])
    for name in ("exp", "tanh", "sigmoid", "relu", "abs"):
        a, b = Tensor(Z, name="Z"), Tensor(Z, name="Z")
        via_function = getattr(F, name)(a)
        via_method = getattr(b, name)()
        np.testing.assert_array_equal(via_function.data, via_method.data)
        assert op_name(via_function) == op_name(via_method)
        via_function.sum().backward()
        via_method.sum().backward()
        np.testing.assert_array_equal(a.grad, b.grad)


def test_numbers_and_arrays_become_constants():
    e = F.exp(2.0)
    assert isinstance(e, Tensor) and not e.requires_grad
    assert e.item() == pytest.approx(7.38905609893065, rel=1e-15)
    s = F.sum(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=1, keepdims=True)
    assert isinstance(s, Tensor) and not s.requires_grad
    np.testing.assert_array_equal(s.data, [[3.0], [7.0]])


def test_reductions_sum_mean_max():
    x = Tensor(np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 4.0]]), name="x")
    db = F.sum(x, axis=1, keepdims=True)  # db = np.sum(dZ, axis=1, keepdims=True)
    assert db.shape == (2, 1)
    np.testing.assert_array_equal(db.data, [[7.0], [6.0]])
    db.sum().backward()
    np.testing.assert_array_equal(x.grad, np.ones((2, 3)))  # d sum / dx = 1 everywhere

    x = Tensor(np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 4.0]]), name="x")
    F.mean(x, axis=0).sum().backward()  # each column's mean: d/dx = 1/2
    np.testing.assert_array_equal(x.grad, np.full((2, 3), 0.5))
    assert F.mean(x).item() == pytest.approx(13 / 6, rel=1e-15)

    x = Tensor(np.array([[1.0, 3.0, 3.0]]), name="x")
    top = F.max(x)
    assert top.item() == 3.0
    top.backward()
    np.testing.assert_array_equal(x.grad, [[0.0, 0.5, 0.5]])  # tied maxima share the gradient


def test_softmax_and_log_softmax_over_the_classes():
    Z = np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, -1000.0]])  # classes in rows
    A = F.softmax(Z).data
    np.testing.assert_allclose(A.sum(axis=0), [1.0, 1.0], rtol=1e-15)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(A[:, 0], e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(A[:, 1], [0.5, 0.5, 0.0], atol=1e-300)  # no overflow at 1000
    log_A = F.log_softmax(Z).data
    assert np.all(np.isfinite(log_A))  # log(softmax) would be -inf for the -1000 entry
    np.testing.assert_allclose(log_A[:, 0], np.log(e / e.sum()), rtol=1e-14)
    assert log_A[2, 1] == pytest.approx(-2000 - np.log(2), rel=1e-15)
    Zt = Tensor(np.array([[0.1, -0.4], [0.3, 0.2], [-0.5, 0.9]]), name="Z")
    for function in (F.softmax, F.log_softmax):
        (result,) = gradcheck(function, Zt)
        assert result.relative_difference < 1e-7


def test_clip_passes_the_gradient_inside_the_bounds_only():
    x = Tensor(np.array([-1.0, 0.0, 0.5, 1.0, 2.0]), name="x")
    clipped = F.clip(x, 0.0, 1.0)
    np.testing.assert_array_equal(clipped.data, [0.0, 0.0, 0.5, 1.0, 1.0])
    clipped.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 1.0, 1.0, 1.0, 0.0])  # lo <= x <= hi


def test_transpose_reshape_squeeze_move_entries_and_their_gradients():
    x = Tensor(np.arange(6.0).reshape(2, 3), name="x")
    t = F.transpose(x)
    np.testing.assert_array_equal(t.data, [[0, 3], [1, 4], [2, 5]])
    (t * np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])).sum().backward()
    np.testing.assert_array_equal(x.grad, [[1, 3, 5], [2, 4, 6]])  # the weights, transposed back
    x = Tensor(np.arange(6.0).reshape(2, 3), name="x")
    r = F.reshape(x, 3, 2)
    assert r.shape == (3, 2)
    (r * np.arange(6.0).reshape(3, 2)).sum().backward()
    np.testing.assert_array_equal(x.grad, np.arange(6.0).reshape(2, 3))
    cost = Tensor(np.array([[0.25]]), name="cost")
    assert F.squeeze(cost).shape == ()  # the course's cost = np.squeeze(cost)
    with pytest.raises(ShapeError, match="squeeze: axis 1 of x \\(2, 3\\) has size 3"):
        F.squeeze(Tensor(np.ones((2, 3)), name="x"), axis=1)


def test_matmul_concatenate_stack_broadcast_to():
    W = Tensor(np.array([[1.0, 2.0], [3.0, 4.0]]), name="W")
    A = Tensor(np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]]), name="A")
    Z = F.matmul(W, A)
    np.testing.assert_array_equal(Z.data, [[1, 2, 8], [3, 4, 18]])
    G = np.array([[1.0, 0.0, 1.0], [0.0, 2.0, 0.0]])
    (Z * G).sum().backward()
    np.testing.assert_array_equal(W.grad, G @ A.data.T)  # dW = dZ A^T
    np.testing.assert_array_equal(A.grad, W.data.T @ G)  # dA = W^T dZ

    a, b = Tensor(np.array([1.0, 2.0]), name="a"), Tensor(np.array([3.0]), name="b")
    joined = F.concatenate([a, b])
    np.testing.assert_array_equal(joined.data, [1.0, 2.0, 3.0])
    (joined * np.array([10.0, 20.0, 30.0])).sum().backward()
    np.testing.assert_array_equal(a.grad, [10.0, 20.0])
    np.testing.assert_array_equal(b.grad, [30.0])

    a, b = Tensor(np.array([1.0, 2.0]), name="a"), Tensor(np.array([3.0, 4.0]), name="b")
    stacked = F.stack([a, b], axis=1)
    np.testing.assert_array_equal(stacked.data, [[1.0, 3.0], [2.0, 4.0]])
    (stacked * np.array([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    np.testing.assert_array_equal(a.grad, [1.0, 3.0])
    np.testing.assert_array_equal(b.grad, [2.0, 4.0])

    b1 = Tensor(np.array([[1.0], [2.0]]), name="b1")
    stretched = F.broadcast_to(b1, (2, 4))  # b[l] (n, 1) over m = 4 columns
    np.testing.assert_array_equal(stretched.data, [[1.0] * 4, [2.0] * 4])
    stretched.sum().backward()
    np.testing.assert_array_equal(b1.grad, [[4.0], [4.0]])  # db = sum over the m columns


def test_logistic_loss_is_finite_at_the_ends_and_its_derivative_is_a_minus_y():
    Z = Tensor(np.array([[0.0, 1000.0, -1000.0, 2.0]]), name="Z")
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    losses = F.logistic_loss(Z, Y)
    # L(a, y) = -(y log a + (1 - y) log(1 - a)): log 2 at z = 0; z = 1000, y = 0 costs 1000
    expected = [np.log(2), 1000.0, 0.0, np.log(1 + np.exp(-2.0))]
    np.testing.assert_allclose(losses.data[0], expected, rtol=1e-15, atol=1e-300)
    losses.sum().backward()
    a = np.array([0.5, 1.0, 0.0, 1 / (1 + np.exp(-2.0))])  # sigma(z), exact at the ends
    np.testing.assert_allclose(Z.grad[0], a - Y[0], rtol=1e-15)  # dL/dz = a - y
    Z = Tensor(np.array([[0.5, -0.5]]), name="Z")
    A = Z.sigmoid()
    with_A = F.logistic_loss(Z, np.array([[1.0, 0.0]]), A=A)  # reuses A's values
    np.testing.assert_allclose(with_A.data, F.logistic_loss(Z, np.array([[1.0, 0.0]])).data)
    with pytest.raises(ValueError, match=r"logistic_loss: A must be the tensor Z\.sigmoid"):
        F.logistic_loss(Z, np.array([[1.0, 0.0]]), A=Tensor(np.array([[0.5, 0.5]])))


def test_maximum_and_minimum_send_the_gradient_to_the_winner_and_at_a_tie_to_neither():
    a, b = Tensor(np.array([1.0, 2.0, 0.5]), name="a"), Tensor(np.array([1.0, 1.0, 3.0]), name="b")
    F.maximum(a, b).sum().backward()
    np.testing.assert_array_equal(a.grad, [0.0, 1.0, 0.0])
    np.testing.assert_array_equal(b.grad, [0.0, 0.0, 1.0])
    a, b = Tensor(np.array([1.0, 2.0, 0.5]), name="a"), Tensor(np.array([1.0, 1.0, 3.0]), name="b")
    low = F.minimum(a, b)
    np.testing.assert_array_equal(low.data, [1.0, 1.0, 0.5])
    low.sum().backward()
    np.testing.assert_array_equal(a.grad, [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(b.grad, [0.0, 1.0, 0.0])
    Z = Tensor(np.array([-1.0, 0.0, 2.0]), name="Z")
    for relu in (F.maximum(0, Z), F.maximum(Z, 0.0)):  # the course's relu, either order
        assert op_name(relu) == "relu"
        np.testing.assert_array_equal(relu.data, [0.0, 0.0, 2.0])
    assert grad_of(lambda z: F.maximum(0, z), np.array([-1.0, 0.0, 2.0])).tolist() == [0, 0, 1]


def test_where_routes_the_gradient_by_the_condition():
    Z = Tensor(np.array([-2.0, 0.0, 3.0]), name="Z")
    A = F.where(Z.data > 0, Z, 0.01 * Z)  # a leaky ReLU written with np.where
    np.testing.assert_allclose(A.data, [-0.02, 0.0, 3.0], rtol=1e-15)
    A.sum().backward()
    np.testing.assert_allclose(Z.grad, [0.01, 0.01, 1.0], rtol=1e-15)
    with pytest.raises(TypeError, match="where: the condition Z \\(3,\\) is a Tensor"):
        F.where(Z, Z, 0.0)
    with pytest.raises(TypeError, match="the condition must be booleans"):
        F.where(np.array([1, 0, 1]), Z, 0.0)
    with pytest.raises(ShapeError, match="where: the condition \\(2,\\) does not broadcast"):
        F.where(np.array([True, False]), Z, 0.0)


def test_log_and_sqrt_refuse_their_domain_by_name():
    p = Tensor(np.array([0.0, 1.0]), name="p")
    with pytest.raises(DomainError, match=r"log: p \(2,\) has 1 entry <= 0"):
        F.log(p)
    q = Tensor(np.array([-1.0, 4.0]), name="q")
    with pytest.raises(DomainError, match=r"sqrt: q \(2,\) has 1 entry negative"):
        F.sqrt(q)
    assert p.grad is None and q.grad is None  # nothing recorded, nothing changed


# ----------------------------------------------------------------- one entry, the whole surface
@pytest.fixture
def arctan_declared_outside():
    """arctan declared from outside the package, through the public declaration only."""
    from autograd_nn import ops

    arctan = ops.defop(
        "arctan",
        np.arctan,
        lambda g, out, x: g / (1 + x * x),  # d arctan(x)/dx = 1 / (1 + x^2)
        label="arctan({x})",
        local=("1/(1 + {x}^2)",),
        ufunc=np.arctan,
    )
    yield arctan
    ops.OPS.pop("arctan")
    ops.UFUNCS.pop(np.arctan)


def test_an_op_declared_outside_the_package_is_everywhere(arctan_declared_outside, capsys) -> None:
    import autograd_nn as ag
    from autograd_nn import viz
    from autograd_nn.cli import main
    from autograd_nn.expression import build, usage

    arctan = arctan_declared_outside
    a = Tensor(0.5, name="a")
    by_function = ag.arctan(a)  # autograd_nn.<name>
    assert by_function.op is arctan and by_function.item() == np.arctan(0.5)
    assert "d/dx = 1/(1 + x^2)" in ag.arctan.__doc__
    by_numpy = np.arctan(a)  # numpy's ufunc records it
    assert isinstance(by_numpy, Tensor) and by_numpy.op is arctan
    by_numpy.backward()
    assert a.grad == 1 / (1 + 0.5**2)  # exact: 0.8
    (check,) = gradcheck(lambda x: np.arctan(x) * 3, Tensor([0.3, -2.0], name="x"))
    assert check.relative_difference < 1e-8
    # the command line's expression language and its help
    built = build("arctan(a) * b", {"a": 0.5, "b": 2.0})
    built.root.backward()
    assert built.variables["a"].grad == 2 / (1 + 0.25)  # 1.6
    assert "arctan(x)" in usage()
    assert main(["graph", "arctan(a) * b", "a=0.5", "b=2"]) == 0
    assert "dJ/da = 1.6" in capsys.readouterr().out
    # the chain rule in words, from the entry's templates
    J = 2 * by_function
    J.backward()
    assert viz.explain(J, names={"u": by_function, "a": a}).splitlines()[-1] == (
        "dJ/da = dJ/du * du/da = 2 * (1/(1 + a^2)) = 2 * 0.8 = 1.6"
    )


def test_a_made_function_names_its_op_in_errors() -> None:
    with pytest.raises(DomainError, match=r"log: x \(2,\) has 1 entry <= 0"):
        F.log(Tensor([1.0, 0.0], name="x"))
    with pytest.raises(TypeError, match="tanh: expected a number"):
        F.tanh("a string")
