"""The course's own numpy code, run unchanged with Tensor parameters, differentiated by
``J.backward()``: the gradients equal the course's hand-written backward functions
(autograd_nn.reference) to 1e-10 relative.

The forward functions below are written in the course's idioms (weeks 2 to 4: ``np.dot``,
``W.dot(A)``, ``np.multiply``, ``np.squeeze``, helpers returning ``(A, cache)``); hypothesis
varies the numpy spellings a learner may use for the same step (argument order, numbers and
arrays mixed in, ``axis``/``keepdims``, operator or function).

The course's dZ[l] and dA[l] are m times the partial derivatives of the mean cost J (see
autograd_nn.reference), so ``Z.grad`` is compared with dZ / m; dW and db are compared directly.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_nn import Tensor, reference

RTOL = 1e-10


def assert_close(autodiff: np.ndarray, by_hand: np.ndarray, what: str) -> None:
    """max |autodiff - by_hand| <= 1e-10 of the largest entry of by_hand."""
    autodiff, by_hand = np.asarray(autodiff), np.asarray(by_hand)
    assert autodiff.shape == by_hand.shape, (what, autodiff.shape, by_hand.shape)
    scale = max(np.max(np.abs(by_hand)), 1e-300)
    assert np.max(np.abs(autodiff - by_hand)) <= RTOL * scale, (what, autodiff, by_hand)


def course_data(n_x: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return X, Y


def random_parameters(layer_dims: list[int], seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.normal(size=(layer_dims[l], layer_dims[l - 1])) * 0.7
        parameters["b" + str(l)] = rng.normal(size=(layer_dims[l], 1)) * 0.3
    return parameters


def as_tensors(parameters: dict[str, np.ndarray]) -> dict[str, Tensor]:
    return {key: Tensor(value, name=key) for key, value in parameters.items()}


# ---------------------------------------------------------------------- the learner's spellings
# Each family holds equivalent ways the course (or a learner) writes one step.
LINEAR = {
    "np.dot(W, A) + b": lambda W, A, b: np.dot(W, A) + b,
    "W.dot(A) + b": lambda W, A, b: W.dot(A) + b,
    "W @ A + b": lambda W, A, b: W @ A + b,
    "b + np.dot(W, A)": lambda W, A, b: b + np.dot(W, A),
    "np.add(np.matmul(W, A), b)": lambda W, A, b: np.add(np.matmul(W, A), b),
}
SIGMOID = {
    "1 / (1 + np.exp(-Z))": lambda Z: 1 / (1 + np.exp(-Z)),
    "np.divide(1, 1 + np.exp(np.negative(Z)))": lambda Z: np.divide(1, 1 + np.exp(np.negative(Z))),
    "1.0 / (np.exp(-1.0 * Z) + 1.0)": lambda Z: 1.0 / (np.exp(-1.0 * Z) + 1.0),
}
RELU = {
    "np.maximum(0, Z)": lambda Z: np.maximum(0, Z),
    "np.maximum(Z, 0)": lambda Z: np.maximum(Z, 0),
    "Z * (Z > 0)": lambda Z: Z * (Z > 0),
    "np.where(Z > 0, Z, 0)": lambda Z: np.where(Z > 0, Z, 0),
}
TANH = {
    "np.tanh(Z)": lambda Z: np.tanh(Z),
    "(np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))": lambda Z: (
        (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))
    ),
}
COST = {  # J = -(1/m) sum(Y log A + (1 - Y) log(1 - A))
    "week 2": lambda A, Y, m: -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)),
    "week 3": lambda A, Y, m: (
        -np.sum(np.multiply(np.log(A), Y) + np.multiply(np.log(1 - A), 1 - Y)) / m
    ),
    "week 4": lambda A, Y, m: (
        (1.0 / m) * (-np.dot(Y, np.log(A).T) - np.dot(1 - Y, np.log(1 - A).T))
    ),
    "mean": lambda A, Y, m: -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)),
    "sum over axis 1": lambda A, Y, m: (
        np.sum(
            -(np.multiply(Y, np.log(A)) + np.multiply(np.subtract(1, Y), np.log(1 - A))),
            axis=1,
            keepdims=True,
        )
        / m
    ),
}


def spelling(family: dict):
    return st.sampled_from(sorted(family))


# ---------------------------------------------------------------------- week 2
def week2_sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def week2_forward_and_cost(w, b, X, Y):
    """The forward half of the course's ``propagate``: from X to the cost."""
    m = X.shape[1]
    A = week2_sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return A, cost


@given(n_x=st.integers(1, 4), m=st.integers(1, 6), seed=st.integers(0, 2**16))
def test_week2_logistic_regression_matches_propagate(n_x, m, seed) -> None:
    X, Y = course_data(n_x, m, seed)
    w_value = np.random.default_rng(seed + 1).normal(size=(n_x, 1))
    w, b = Tensor(w_value, name="w"), Tensor(0.25, name="b")
    A, cost = week2_forward_and_cost(w, b, X, Y)
    cost.backward()
    grads, cost_by_hand = reference.propagate(w_value, 0.25, X, Y)
    assert_close(cost.item(), cost_by_hand, "cost")
    assert_close(w.grad, grads["dw"], "dw")
    assert_close(b.grad, grads["db"], "db")
    assert_close(A.grad, (A.data - Y) / (A.data * (1 - A.data)) / m, "dA")


# ---------------------------------------------------------------------- week 3
def forward_propagation(X, parameters, linear, activation, sigmoid):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = linear(W1, X, b1)
    A1 = activation(Z1)
    Z2 = linear(W2, A1, b2)
    A2 = sigmoid(Z2)

    assert A2.shape == (1, X.shape[1])
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost_week3(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    cost = np.squeeze(cost)  # the course then writes float(cost): a plain number, off the graph
    return cost


@given(
    n_x=st.integers(1, 4),
    n_h=st.integers(1, 4),
    m=st.integers(1, 5),
    seed=st.integers(0, 2**16),
    linear=spelling(LINEAR),
    tanh=spelling(TANH),
    sigmoid=spelling(SIGMOID),
)
def test_week3_forward_propagation_matches_backward_propagation(
    n_x, n_h, m, seed, linear, tanh, sigmoid
) -> None:
    X, Y = course_data(n_x, m, seed)
    values = random_parameters([n_x, n_h, 1], seed + 1)
    parameters = as_tensors(values)
    A2, cache = forward_propagation(X, parameters, LINEAR[linear], TANH[tanh], SIGMOID[sigmoid])
    cost = compute_cost_week3(A2, Y)
    cost.backward()

    _, cache_by_hand = reference.forward_propagation(X, values, activation="tanh")
    grads = reference.backward_propagation(values, cache_by_hand, X, Y, activation="tanh")
    assert_close(cost.item(), reference.compute_cost(cache_by_hand["A2"], Y), "cost")
    for key in ("W1", "b1", "W2", "b2"):
        assert_close(parameters[key].grad, grads["d" + key], "d" + key)
    assert_close(cache["Z2"].grad, grads["dZ2"] / m, "dZ2 / m")
    assert_close(cache["Z1"].grad, grads["dZ1"] / m, "dZ1 / m")
    assert isinstance(float(cost), float)  # the course's float(cost): the value, for printing


# ---------------------------------------------------------------------- week 4
def make_week4(linear, relu_form, sigmoid_form):
    """The course's week-4 building blocks, with the learner's chosen spellings."""

    def sigmoid(Z):
        A = SIGMOID[sigmoid_form](Z)
        cache = Z
        return A, cache

    def relu(Z):
        A = RELU[relu_form](Z)
        assert A.shape == Z.shape
        cache = Z
        return A, cache

    def linear_forward(A, W, b):
        Z = LINEAR[linear](W, A, b)
        assert Z.shape == (W.shape[0], A.shape[1])
        cache = (A, W, b)
        return Z, cache

    def linear_activation_forward(A_prev, W, b, activation):
        if activation == "sigmoid":
            Z, linear_cache = linear_forward(A_prev, W, b)
            A, activation_cache = sigmoid(Z)
        elif activation == "relu":
            Z, linear_cache = linear_forward(A_prev, W, b)
            A, activation_cache = relu(Z)
        assert A.shape == (W.shape[0], A_prev.shape[1])
        cache = (linear_cache, activation_cache)
        return A, cache

    def L_model_forward(X, parameters):
        caches = []
        A = X
        L = len(parameters) // 2
        for l in range(1, L):
            A_prev = A
            A, cache = linear_activation_forward(
                A_prev, parameters["W" + str(l)], parameters["b" + str(l)], activation="relu"
            )
            caches.append(cache)
        AL, cache = linear_activation_forward(
            A, parameters["W" + str(L)], parameters["b" + str(L)], activation="sigmoid"
        )
        caches.append(cache)
        assert AL.shape == (1, X.shape[1])
        return AL, caches

    return L_model_forward


def compute_cost_week4(AL, Y):
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    assert cost.shape == ()
    return cost


@given(
    layer_dims=st.lists(st.integers(1, 4), min_size=2, max_size=4).map(lambda d: [*d, 1]),
    m=st.integers(1, 5),
    seed=st.integers(0, 2**16),
    linear=spelling(LINEAR),
    relu=spelling(RELU),
    sigmoid=spelling(SIGMOID),
)
def test_week4_L_model_forward_matches_L_model_backward(
    layer_dims, m, seed, linear, relu, sigmoid
) -> None:
    X, Y = course_data(layer_dims[0], m, seed)
    values = random_parameters(layer_dims, seed + 1)
    parameters = as_tensors(values)
    AL, caches = make_week4(linear, relu, sigmoid)(X, parameters)
    cost = compute_cost_week4(AL, Y)
    cost.backward()

    AL_by_hand, caches_by_hand = reference.L_model_forward(X, values)
    grads = reference.L_model_backward(AL_by_hand, Y, caches_by_hand)
    L = len(layer_dims) - 1
    assert_close(AL.data, AL_by_hand, "AL")
    assert_close(cost.item(), reference.compute_cost(AL_by_hand, Y), "cost")
    for l in range(1, L + 1):
        assert_close(parameters["W" + str(l)].grad, grads["dW" + str(l)], f"dW{l}")
        assert_close(parameters["b" + str(l)].grad, grads["db" + str(l)], f"db{l}")
        _, Z = caches[l - 1]  # the activation cache is Z, as the course's helpers keep it
        assert_close(Z.grad, grads["dZ" + str(l)] / m, f"dZ{l} / m")
    assert_close(AL.grad, grads["dA" + str(L)] / m, f"dA{L} / m")


@pytest.mark.parametrize("cost_form", sorted(COST))
@given(m=st.integers(1, 6), seed=st.integers(0, 2**16))
def test_every_spelling_of_the_cost_gives_the_course_gradient(cost_form, m, seed) -> None:
    Z_value, Y = course_data(1, m, seed)
    Z = Tensor(Z_value, name="Z")
    A = 1 / (1 + np.exp(-Z))
    cost = np.squeeze(COST[cost_form](A, Y, m))
    assert cost.shape == ()
    cost.backward()
    dZ = reference.sigmoid(Z_value) - Y  # the course's dZ = A - Y, m times dJ/dZ
    assert_close(Z.grad, dZ / m, "dZ / m")


def test_the_course_predictions_are_masks_from_tensors() -> None:
    w = Tensor([[1.0], [-1.0]], name="w")
    X = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 1.0]])
    A = week2_sigmoid(np.dot(w.T, X) + 0.0)
    Y_prediction = np.zeros((1, X.shape[1]))
    for i in range(A.shape[1]):  # the course's loop
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0
    assert Y_prediction.tolist() == [[1.0, 0.0, 0.0]]
    assert (A > 0.5).tolist() == [[True, False, False]]
    assert np.round(A).tolist() == [[1.0, 0.0, 0.0]]  # data: round has no gradient to keep
    accuracy = 100 - np.mean(np.abs(Y_prediction - np.array([[1, 0, 1]]))) * 100
    assert accuracy == pytest.approx(100 * 2 / 3)


# ----------------------------------------------------------------- the course's training loop
import copy  # noqa: E402 - the section's own imports
import gc  # noqa: E402
import tracemalloc  # noqa: E402
import warnings  # noqa: E402

import course_loop  # noqa: E402
import learner_week3  # noqa: E402

import autograd_nn as ag  # noqa: E402
from autograd_nn.datasets import load_planar_dataset  # noqa: E402
from autograd_nn.graph import toposort  # noqa: E402

LAYERS_DIMS = [12288, 20, 7, 5, 1]  # the course's week-4 layers_dims


def relative(a, b) -> float:
    a, b = np.asarray(a), np.asarray(b)
    return float(np.max(np.abs(a - b) / np.abs(b)))


def nn_model_costs_match(num_iterations: int, deepcopy: bool, print_cost: bool = False) -> None:
    X, Y = load_planar_dataset()
    by_hand, numpy_costs = course_loop.nn_model(X, Y, 4, num_iterations)
    on_tensors, tensor_costs = course_loop.nn_model(
        X, Y, 4, num_iterations, print_cost=print_cost, tensors=True, deepcopy=deepcopy
    )
    # Equal to 1e-10 while training is steady. With learning_rate 1.2 on the flower the cost
    # starts to oscillate near iteration 6,700, and from there rounding differences of 1e-14
    # grow: the numpy notebook itself, with dW2's 1/m moved after the product (the same
    # formula), departs from its own run by 1.6e-2 at iteration 6,662. So past 6,000
    # iterations the runs agree as two numpy runs do.
    assert relative(tensor_costs[:6000], numpy_costs[:6000]) < 1e-10
    assert relative(tensor_costs, numpy_costs) < 5e-2
    for name, W in on_tensors.items():  # each parameter is a new leaf: no history grows
        assert isinstance(W, Tensor) and W.is_leaf and W.requires_grad and W.name == name
        if num_iterations <= 6000:
            np.testing.assert_allclose(W.data, by_hand[name], rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("deepcopy", [True, False], ids=["deepcopy", "no copy"])
def test_week3_nn_model_runs_unchanged_on_tensors(deepcopy: bool) -> None:
    nn_model_costs_match(300, deepcopy)


@pytest.mark.slow
@pytest.mark.parametrize("deepcopy", [True, False], ids=["deepcopy", "no copy"])
def test_week3_nn_model_10000_iterations_on_tensors(deepcopy: bool, capsys) -> None:
    nn_model_costs_match(10_000, deepcopy, print_cost=True)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Cost after iteration 0: 0.69") and len(printed) == 20


def L_layer_model_costs_match(num_iterations: int, drift_after_1000: float = 1e-10) -> None:
    """The costs of the course's L_layer_model on Tensors against its numpy run: equal to 1e-10
    over the first 1,000 iterations; past them, to ``drift_after_1000`` (rounding of the two
    orders of operations, the 1/m applied at J or to dW, compounds step after step)."""
    X, Y = course_loop.cat_shaped_data()
    _, _, numpy_costs = course_loop.L_layer_model(X, Y, LAYERS_DIMS, num_iterations=num_iterations)
    parameters, kept, tensor_costs = course_loop.L_layer_model(
        X, Y, LAYERS_DIMS, num_iterations=num_iterations, tensors=True
    )
    assert relative(tensor_costs[:1000], numpy_costs[:1000]) < 1e-10
    assert relative(tensor_costs, numpy_costs) < drift_after_1000
    assert numpy_costs[-1] < numpy_costs[0]  # it learns
    assert all(W.is_leaf for W in parameters.values())
    assert [float(c) for c in kept] == tensor_costs[::100]  # the kept costs keep their values


def test_week4_L_layer_model_runs_unchanged_on_tensors() -> None:
    L_layer_model_costs_match(150)


@pytest.mark.slow
def test_week4_L_layer_model_2500_iterations_on_tensors() -> None:
    L_layer_model_costs_match(2_500, drift_after_1000=1e-9)  # measured: 1.16e-10 at 2,500


def test_every_iteration_walks_a_graph_of_the_same_size() -> None:
    X, Y = load_planar_dataset()
    parameters = course_loop.initialize_parameters(2, 4, 1, tensors=True)
    sizes = []
    for _ in range(50):
        A2, cache = learner_week3.forward_propagation(X, parameters)
        cost = course_loop.compute_cost(A2, Y)
        sizes.append(len(toposort(cost)))
        grads = course_loop.tensor_backward(parameters, cache, X, Y, cost)
        parameters = course_loop.update_parameters_without_copy(parameters, grads)
    assert len(set(sizes)) == 1


def test_the_update_is_an_assignment_only_with_the_gradient_from_grad() -> None:
    W = Tensor([[1.0, 2.0]], name="W")
    target = np.array([[0.5, 0.5]])
    for _ in range(2):  # J run twice: W - target is recorded, the gradient is never dropped
        J = ((W - target) ** 2).sum()
        J.backward()
        np.testing.assert_array_equal(W.grad, [[1.0, 3.0]])  # 2 (W - target)
    assert isinstance(W.grad, ag.Gradient) and repr(W.grad) == "array([[1., 3.]])"
    updated = W - 0.1 * W.grad
    assert updated.is_leaf and updated.requires_grad and updated.name == "W"
    np.testing.assert_allclose(updated.data, [[0.9, 1.7]])
    recorded = W - 0.1 * np.asarray(W.grad)  # a plain array: an operation, as any other
    assert recorded.op is ag.ops.sub and recorded.parents[0] is W
    assert (W * W.grad).op is ag.ops.mul  # other arithmetic with a gradient is recorded


def test_a_copy_of_a_tensor_is_a_fresh_leaf_even_after_a_long_history() -> None:
    W = Tensor(np.ones((2, 2)), name="W1")
    for _ in range(5000):  # a history of 5,000 recorded operations
        W = W * 1.0
    W.name = "W1"
    W.sum().backward()
    for copied in (copy.deepcopy(W), copy.copy(W)):
        assert copied.is_leaf and copied.name == "W1" and copied.requires_grad
        np.testing.assert_array_equal(copied.data, W.data)
        np.testing.assert_array_equal(copied.grad, W.grad)
        copied.grad[0, 0] = 7.0  # its own arrays
        assert W.grad[0, 0] == 1.0 and not np.shares_memory(copied.data, W.data)


def test_a_history_grown_on_purpose_is_named_once_with_the_fix() -> None:
    W1 = Tensor(np.full((1, 2), 0.5), name="W1")
    X = np.array([[1.0], [2.0]])
    ag.history.said.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(300):
            J = (W1 @ X).sum() ** 2
            J.backward()
            W1 = W1 - 0.001 * np.asarray(W1.grad)  # np.asarray drops the mark: recorded
    grown = [w for w in caught if issubclass(w.category, ag.GrowingGraphWarning)]
    assert len(grown) == 1  # said once
    message = str(grown[0].message)
    assert "W1 (1, 2)" in message and "W1.grad" in message and "no_grad()" in message
    assert ".detach()" in message


def test_printing_a_one_number_cost() -> None:
    cost = Tensor([[0.6931471805599453]], name="cost")
    assert f"{cost:.4f}" == "0.6931" and format(cost, ".2e") == "6.93e-01"
    assert "%f" % cost == "0.693147"  # noqa: UP031 - the course's own format
    assert int(Tensor(3.7)) == 3 and round(Tensor(2.71828), 3) == 2.718
    assert f"{cost}" == repr(cost)


@pytest.mark.parametrize(
    ("conversion", "named"),
    [
        (float, r"float\(\)"),
        (int, r"int\(\)"),
        (lambda t: f"{t:.3f}", r"format\(t, '.3f'\)"),
        (round, r"round\(\)"),
        (lambda t: t.item(), r"item\(\)"),
    ],
)
def test_conversions_of_several_numbers_name_the_conversion_asked_for(conversion, named) -> None:
    A = Tensor([[1.0, 2.0, 3.0]], name="A")
    with pytest.raises(ag.ConversionError, match=rf"^{named}: A \(1, 3\) has 3 entries") as caught:
        conversion(A)
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)
    if named != r"item\(\)":
        assert "item()" not in str(caught.value)


def test_backward_on_a_cost_made_a_float_says_why() -> None:
    X, Y = load_planar_dataset()
    parameters = course_loop.initialize_parameters(2, 4, 1, tensors=True)
    A2, _ = learner_week3.forward_propagation(X, parameters)
    cost = learner_week3.compute_cost(A2, Y)  # the notebook's compute_cost: float(np.squeeze(...))
    assert type(cost) is float
    with pytest.raises(ag.BackwardError, match=r"float\(np.squeeze\(cost\)\).*np.squeeze\(cost\)"):
        ag.backward(cost)
    ag.backward(course_loop.compute_cost(A2, Y))  # the one-line change: np.squeeze, no float
    assert parameters["W1"].grad.shape == (4, 2)


def kept_costs_memory(keep: bool, num_iterations: int = 1000) -> tuple[int, int]:
    """The memory the course's week-3 loop holds at its end and its peak (tracemalloc)."""
    X, Y = load_planar_dataset()
    np.random.seed(3)
    parameters = course_loop.initialize_parameters(2, 4, 1, tensors=True)
    costs = []
    tracemalloc.start()
    for i in range(num_iterations):
        A2, cache = learner_week3.forward_propagation(X, parameters)
        cost = course_loop.compute_cost(A2, Y)
        grads = course_loop.tensor_backward(parameters, cache, X, Y, cost)
        parameters = course_loop.update_parameters(parameters, grads)
        if i % 100 == 0:
            costs.append(cost if keep else float(cost))
    gc.collect()  # what stays held, not garbage waiting for the collector
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert float(costs[0]) == pytest.approx(np.log(2), rel=1e-3)
    return held, peak


def test_kept_costs_keep_their_values_not_their_graphs() -> None:
    kept_costs_memory(keep=False, num_iterations=20)  # first-call allocations out of the way
    held, peak = kept_costs_memory(keep=True)
    held_float, peak_float = kept_costs_memory(keep=False)
    assert held <= 1.5 * held_float  # ten kept costs: ten numbers, not ten graphs
    assert peak <= 2 * peak_float  # at most one kept graph at a time, on its way out


def test_a_kept_cost_says_its_graph_was_let_go() -> None:
    w = Tensor([2.0, 1.0], name="w")
    J1 = (3 * w).sum()
    J1.backward()
    other = ((5 * Tensor([1.0], name="v")) ** 2).sum()
    other.backward()  # a different graph built beside it, and the same built twice: kept
    again = (3 * Tensor([2.0, 1.0], name="w")).sum()
    again.backward()
    assert J1.parents
    for _ in range(ag.history.ITERATIONS - 1):  # a loop: later iterations, J1 lets it go
        (3 * Tensor([1.5, 1.0], name="w")).sum().backward()
    assert J1.item() == 9.0 and J1.grad == 1.0 and not J1.parents and other.parents
    with pytest.raises(ag.BackwardError, match="kept from an earlier backward pass"):
        J1.backward()
    from autograd_nn import viz

    with pytest.raises(ag.BackwardError, match="Draw a cost before the loop goes on"):
        viz.draw(J1, "backward")
    J3 = (7 * w).sum()  # costs summed on purpose keep their graphs
    J3.backward()
    for _ in range(ag.history.ITERATIONS + 1):
        (2 * w).sum().backward(accumulate=True)
    assert J3.parents
    scalar = 3 * Tensor(2.0, name="a")  # a graph of numbers is not watched: it keeps its graph
    scalar.backward()
    for _ in range(ag.history.ITERATIONS + 1):
        (3 * Tensor(1.0, name="a")).backward()
    assert scalar.parents
