"""The course's training loops as its notebooks write them, run in numpy and on Tensors.

Week 3: ``initialize_parameters``, ``update_parameters`` (with ``copy.deepcopy``, as the
notebook writes it, and without), ``nn_model``. Week 4: ``initialize_parameters_deep``,
``update_parameters`` (``params.copy()``), ``L_layer_model`` with ``costs.append(cost)``.
The forward pass and the cost are the learner's own (``learner_week3``, ``learner_week4``).

On Tensors two lines differ from the numpy notebook, and only these: the parameters are made
Tensors (``Tensor(np.random.randn(n_h, n_x) * 0.01)``), and the learner's hand-written
backward propagation is replaced by the cost's backward pass, with the gradients read from
``.grad`` (:func:`tensor_backward`). The update itself, ``W1 = W1 - learning_rate * dW1``, is
the course's.
"""

from __future__ import annotations

import copy

import learner_week3 as week3
import learner_week4 as week4
import numpy as np

from autograd_nn import Tensor


# ---------------------------------------------------------------------- week 3
def initialize_parameters(n_x, n_h, n_y, tensors=False):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    if tensors:  # the one change on Tensors: the parameters are Tensors
        parameters = {name: Tensor(value, name=name) for name, value in parameters.items()}
    return parameters


def compute_cost(A2, Y):
    """The learner's week-3 cost, without the notebook's last line ``float(...)``, which would
    turn a Tensor cost into a number with no graph."""
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    cost = np.squeeze(cost)
    return cost


def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = copy.deepcopy(parameters["W1"])
    b1 = copy.deepcopy(parameters["b1"])
    W2 = copy.deepcopy(parameters["W2"])
    b2 = copy.deepcopy(parameters["b2"])

    dW1 = grads["dW1"]
    db1 = grads["db1"]
    dW2 = grads["dW2"]
    db2 = grads["db2"]

    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def update_parameters_without_copy(parameters, grads, learning_rate=1.2):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    dW1 = grads["dW1"]
    db1 = grads["db1"]
    dW2 = grads["dW2"]
    db2 = grads["db2"]

    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def numpy_backward(parameters, cache, X, Y, cost):
    return week3.backward_propagation(parameters, cache, X, Y)


def tensor_backward(parameters, cache, X, Y, cost):
    """The other change on Tensors: the cost's backward pass, the gradients read from .grad."""
    cost.backward()
    return {"d" + name: parameter.grad for name, parameter in parameters.items()}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, tensors=False, deepcopy=True):
    """The course's nn_model; returns the parameters and every iteration's cost."""
    np.random.seed(3)
    n_x = X.shape[0]
    n_y = Y.shape[0]
    parameters = initialize_parameters(n_x, n_h, n_y, tensors)
    backward_propagation = tensor_backward if tensors else numpy_backward
    update = update_parameters if deepcopy else update_parameters_without_copy
    costs = []
    for i in range(0, num_iterations):
        A2, cache = week3.forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y, cost)
        parameters = update(parameters, grads)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))  # noqa: UP031 - the course's line
            print(f"Cost after iteration {i}: {cost:.4f}")
        costs.append(float(cost))
    return parameters, costs


# ---------------------------------------------------------------------- week 4
def initialize_parameters_deep(layer_dims, tensors=False):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
            layer_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    if tensors:
        parameters = {name: Tensor(value, name=name) for name, value in parameters.items()}
    return parameters


def update_parameters_deep(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = (
            parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        )
        parameters["b" + str(l + 1)] = (
            parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
        )
    return parameters


def L_layer_model(
    X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, tensors=False
):
    """The course's L_layer_model, ``costs.append(cost)`` included; returns the parameters, the
    kept costs and every iteration's cost."""
    np.random.seed(1)
    costs = []
    every = []
    parameters = initialize_parameters_deep(layers_dims, tensors)
    for i in range(0, num_iterations):
        AL, caches = week4.L_model_forward(X, parameters)
        cost = week4.compute_cost(AL, Y)
        if tensors:
            cost.backward()
            grads = {"d" + name: parameter.grad for name, parameter in parameters.items()}
        else:
            grads = week4.L_model_backward(AL, Y, caches)
        parameters = update_parameters_deep(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0 or i == num_iterations - 1:  # noqa: RUF021 - as the course
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))  # noqa: UP032
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
        every.append(float(cost))
    return parameters, costs, every


def cat_shaped_data(m=209, seed=0):
    """Synthetic data of the cat pictures' shape: X (12288, m) in [0, 1], Y (1, m) in {0, 1},
    the label a noisy function of the pixels (so the network has something to learn)."""
    rng = np.random.default_rng(seed)
    X = rng.random((12288, m))
    direction = rng.standard_normal(12288)
    score = direction @ (X - 0.5) / np.sqrt(12288) + 0.3 * rng.standard_normal(m)
    Y = (score > 0).astype(np.float64).reshape(1, m)
    return X, Y
