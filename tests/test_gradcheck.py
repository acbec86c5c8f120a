"""The public gradient checker: it passes right gradients and flags wrong ones."""

from __future__ import annotations

import numpy as np
import pytest

from autograd_nn import Tensor, gradcheck, ops
from autograd_nn.gradcheck import relative_difference
from autograd_nn.tensor import record


def test_relative_difference_is_the_course_formula() -> None:
    g, g_num = np.array([3.0, 4.0]), np.array([3.0, 4.0 + 1e-3])
    expected = np.sqrt(1e-6) / (5.0 + np.sqrt(9.0 + (4.001) ** 2))
    assert relative_difference(g, g_num) == pytest.approx(expected, rel=1e-12)
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0


def test_right_gradients_are_fine_and_inputs_are_untouched() -> None:
    W = Tensor(np.random.default_rng(0).standard_normal((3, 2)), name="W")
    X = Tensor(np.random.default_rng(1).standard_normal((2, 5)), name="X", requires_grad=False)
    W.grad = np.full((3, 2), 7.0)
    before = W.data.copy()
    results = gradcheck(lambda W, X: (W @ X).tanh().mean(), W, X)
    assert [r.name for r in results] == ["W"]  # X needs no gradient
    assert results[0].verdict == "fine" and results[0].relative_difference < 1e-7
    np.testing.assert_array_equal(W.data, before)
    np.testing.assert_array_equal(W.grad, 7.0)


def test_non_scalar_outputs_are_checked_through_a_random_projection() -> None:
    x = Tensor([0.3, -0.2, 0.9], name="x")
    (result,) = gradcheck(lambda x: x.sigmoid() * x, x)
    assert result.relative_difference < 1e-8


def test_a_wrong_backward_rule_is_flagged() -> None:
    wrong = ops.Op(
        "tanh", ops.tanh.forward, (lambda g, out, x: g * (1 - out),), "tanh({x})", (), ()
    )  # forgot the square: 1 - a instead of 1 - a^2
    (result,) = gradcheck(lambda z: record(wrong, (z,)).sum(), Tensor([0.5, -1.0], name="z"))
    assert result.relative_difference > 1e-2 and result.verdict == "wrong"
    assert result.max_abs_difference > 0.1


def test_f_must_return_a_tensor() -> None:
    with pytest.raises(TypeError, match="must return a Tensor, got float"):
        gradcheck(lambda x: 1.0, Tensor(1.0))


@pytest.mark.parametrize(
    "difference,reading",
    [(1e-9, "fine"), (1e-7, "fine"), (1e-6, "look closer"), (1e-4, "check"), (0.5, "wrong")],
)
def test_verdict_reads_differences_as_the_course(difference: float, reading: str) -> None:
    from autograd_nn.gradcheck import verdict

    assert verdict(difference) == reading


# ------------------------------------------------------------------ issue 11.12
@pytest.mark.parametrize("eps", [-1.0, 0.0, float("nan"), float("inf"), -1e-6])
def test_eps_must_be_a_small_positive_number(eps) -> None:
    a = Tensor(2.0, name="a")
    with pytest.raises(ValueError, match=r"gradcheck: eps must be a positive finite number"):
        gradcheck(lambda a: a * a, a, eps=eps)


@pytest.mark.parametrize("eps", ["1e-6", None, True])
def test_eps_must_be_a_number(eps) -> None:
    with pytest.raises(TypeError, match=r"gradcheck: eps must be a number"):
        gradcheck(lambda a: a * a, Tensor(2.0), eps=eps)


# ------------------------------------------------------------------ issue 11.13
def test_wrong_arguments_are_named() -> None:
    with pytest.raises(TypeError, match=r"gradcheck: f must be a function of Tensors, got int"):
        gradcheck(3, Tensor(1.0))
    with pytest.raises(TypeError, match=r"gradcheck: input 1 must be a number or an array"):
        gradcheck(lambda a, b: a * b, Tensor(1.0), "two")
    with pytest.raises(ValueError, match=r"relative_difference: g \(3,\) and g_num \(2,\)"):
        relative_difference(np.ones(3), np.ones(2))
    with pytest.raises(TypeError, match=r"relative_difference: g must hold real numbers"):
        relative_difference(np.array(["a"]), np.ones(1))
    assert np.isnan(relative_difference(np.array([np.nan]), np.ones(1)))  # no RuntimeWarning
    assert relative_difference(np.array([1e300, 1e300]), np.array([1e300, 1e300])) == 0.0
    assert relative_difference(np.array([1e300]), np.array([-1e300])) == 1.0  # no overflow
    for a in (np.array([3e300, 4e300]), np.array([3e-300, 4e-300])):  # squares over/underflow
        assert relative_difference(a, 2 * a) == pytest.approx(1 / 3, rel=1e-15)
    from autograd_nn.gradcheck import verdict

    assert verdict(float("nan")) == "wrong"
    with pytest.raises(TypeError, match=r"verdict: difference must be a number, got str"):
        verdict("1e-9")
