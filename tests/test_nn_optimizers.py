"""Tests for autograd_nn.nn.optimizers; oracles: the update formulas written out in numpy."""

import numpy as np
import pytest

from autograd_nn import Tensor, is_grad_enabled
from autograd_nn.nn import Adam, GradientDescent, Model, Momentum, logistic_cost


def make_problem(seed=0):
    rng = np.random.RandomState(seed)
    X, Y = rng.randn(3, 20), (rng.rand(1, 20) > 0.5).astype(float)
    model = Model.from_layer_dims([3, 4, 1], hidden_activation="tanh", initialization="xavier",
                                  seed=seed)  # fmt: skip
    return model, X, Y


def gradients(model, X, Y):
    model.zero_grad()
    logistic_cost(model.forward(X), Y).backward()
    return {name: p.grad.copy() for name, p in model.parameters().items()}


def test_gradient_descent_step_is_W_minus_alpha_dW_in_place():
    model, X, Y = make_problem()
    optimizer = GradientDescent(model.parameters(), learning_rate=0.3)
    before = model.get_parameters()
    W1 = model["W1"]
    W1_data = W1.data
    grads = gradients(model, X, Y)
    optimizer.step()
    for name, value in before.items():
        np.testing.assert_allclose(model[name].data, value - 0.3 * grads[name], rtol=1e-15)
    assert model["W1"] is W1 and W1.data is W1_data  # in place
    assert W1.op is None and W1.is_leaf and W1.requires_grad  # nothing recorded
    assert is_grad_enabled()


def test_zero_grad_forgets_and_backward_replaces_unless_asked_to_accumulate():
    model, X, Y = make_problem()
    optimizer = GradientDescent(model, learning_rate=0.1)
    g = gradients(model, X, Y)["W1"]
    logistic_cost(model.forward(X), Y).backward()  # second backward without zeroing
    np.testing.assert_allclose(model["W1"].grad, g, rtol=1e-12)
    logistic_cost(model.forward(X), Y).backward(accumulate=True)
    np.testing.assert_allclose(model["W1"].grad, 2 * g, rtol=1e-12)
    optimizer.zero_grad()
    assert all(p.grad is None for p in model.parameters().values())


def test_parameter_without_gradient_is_left_unchanged():
    used, unused = Tensor([[1.0]], name="w"), Tensor([[5.0]], name="v")
    optimizer = GradientDescent([used, unused], learning_rate=1.0)
    (used * 3.0).sum().backward()
    optimizer.step()
    assert used.data.item() == -2.0 and unused.data.item() == 5.0


def test_momentum_matches_its_formula():
    model, X, Y = make_problem(1)
    optimizer = Momentum(model, learning_rate=0.1, beta=0.8)
    expected = model.get_parameters()
    v = {name: np.zeros_like(value) for name, value in expected.items()}
    for _ in range(3):
        grads = gradients(model, X, Y)
        optimizer.step()
        for name in expected:
            v[name] = 0.8 * v[name] + 0.2 * grads[name]
            expected[name] = expected[name] - 0.1 * v[name]
            np.testing.assert_allclose(model[name].data, expected[name], rtol=1e-13, atol=1e-16)


def test_adam_matches_its_formula_with_bias_correction():
    model, X, Y = make_problem(2)
    optimizer = Adam(model, learning_rate=0.01, beta1=0.9, beta2=0.99, epsilon=1e-8)
    expected = model.get_parameters()
    v = {name: np.zeros_like(value) for name, value in expected.items()}
    s = {name: np.zeros_like(value) for name, value in expected.items()}
    for t in range(1, 4):
        grads = gradients(model, X, Y)
        optimizer.step()
        for name in expected:
            v[name] = 0.9 * v[name] + 0.1 * grads[name]
            s[name] = 0.99 * s[name] + 0.01 * grads[name] ** 2
            v_hat, s_hat = v[name] / (1 - 0.9**t), s[name] / (1 - 0.99**t)
            expected[name] = expected[name] - 0.01 * v_hat / (np.sqrt(s_hat) + 1e-8)
            np.testing.assert_allclose(model[name].data, expected[name], rtol=1e-12, atol=1e-15)
    # the first Adam step moves every entry with a non-zero gradient by about alpha
    model, X, Y = make_problem(3)
    before = model["W1"].data.copy()
    gradients(model, X, Y)
    Adam(model, learning_rate=0.01).step()
    np.testing.assert_allclose(np.abs(model["W1"].data - before), 0.01, rtol=1e-4)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda p: GradientDescent(p, learning_rate=-1), ValueError,
         r"GradientDescent: learning_rate must be a positive number, got -1\.0"),
        (lambda p: GradientDescent(p, learning_rate="0.1"), TypeError,
         "learning_rate must be a number, got str"),
        (lambda p: Momentum(p, 0.1, beta=1.0), ValueError, r"beta must be in \[0, 1\), got 1\.0"),
        (lambda p: Adam(p, epsilon=0), ValueError, "epsilon must be a positive number"),
        (lambda p: GradientDescent([Tensor(1.0, requires_grad=False, name="X")], 0.1), ValueError,
         r"X has requires_grad=False"),
        (lambda p: GradientDescent([np.zeros(2)], 0.1), TypeError, "param0 must be a Tensor"),
        (lambda p: GradientDescent({}, 0.1), ValueError, "no parameters to optimize"),
        (lambda p: GradientDescent(list(p), 0.1), TypeError,
         r"param0 must be a Tensor, got str \(the name 'W1': list\(model\.parameters\(\)\)"),
        (lambda p: GradientDescent(3, 0.1), TypeError, "params must be a model"),
    ],
)  # fmt: skip
def test_optimizer_errors(make, error, message):
    model, _, _ = make_problem()
    with pytest.raises(error, match=message):
        make(model.parameters())


# ------------------------------------------------------------------ issue 11.12
def test_a_tensor_listed_twice_is_refused():
    """Listed twice, it would be stepped twice per step (W := W - 2 alpha dW)."""
    model, _, _ = make_problem()
    W1 = model["W1"]
    with pytest.raises(
        ValueError, match=r"params: W1 \(item 0\) and W1 \(item 2\) are the same"
    ) as caught:
        GradientDescent([W1, model["b1"], W1], learning_rate=0.1)
    assert "stepped twice" in str(caught.value)
    with pytest.raises(ValueError, match=r"params: W1 and again are the same tensor"):
        Adam({"W1": W1, "again": W1})
