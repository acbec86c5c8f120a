"""The course's vectorized networks, one training iteration each, as a learner writes them.

c. logistic regression, X (12288, 209) (course 1, week 2: the cat images);
d. the 2-layer flower network, tanh, n_h = 4, X (2, 400) (course 1, week 3);
e. the 4-layer network [12288, 20, 7, 5, 1], relu hidden, sigmoid output (course 1, week 4);
f. an MLP [784, 256, 128, 10] on X (784, 4096) with a softmax cross-entropy written by hand,
   in float64 and in float32.

Each is written once as the learner's cost function (``W1 @ X + b1``, ``tanh``, ``sigmoid``,
the cost with logs) and run in every framework by the framework's own step (``J.backward()``,
``W.data -= learning_rate * W.grad``, gradients zeroed); by hand in numpy with the course's
formulas (the baseline); and through ``autograd_nn.nn`` (``Model``, ``train_step``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.workload import (
    Case,
    Problem,
    UnavailableError,
    Workload,
    cases_for,
    learner_case,
    numpy_case,
)

PEERS = ["autograd_nn", "PyTorch", "MyGrad", "HIPS autograd"]
BY_HAND = "numpy (by hand)"


# ------------------------------------------------------------------ the learner's costs
def logistic_regression(F: Any, p: Any, X: Any, Y: Any) -> Any:
    """A = sigmoid(w^T X + b); J = -(1/m) sum(Y log A + (1 - Y) log(1 - A))."""
    A = F.sigmoid(p["w"].T @ X + p["b"])
    return -(Y * F.log(A) + (1 - Y) * F.log(1 - A)).mean()


def flower_network(F: Any, p: Any, X: Any, Y: Any) -> Any:
    """Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2), J with logs."""
    Z1 = p["W1"] @ X + p["b1"]
    A1 = F.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = F.sigmoid(Z2)
    return -(Y * F.log(A2) + (1 - Y) * F.log(1 - A2)).mean()


def deep_network(F: Any, p: Any, X: Any, Y: Any) -> Any:
    """L_model_forward: relu for layers 1..L-1, sigmoid for layer L; J with logs."""
    L = len(p) // 2
    A = X
    for l in range(1, L):
        A = F.relu(p[f"W{l}"] @ A + p[f"b{l}"])
    AL = F.sigmoid(p[f"W{L}"] @ A + p[f"b{L}"])
    return -(Y * F.log(AL) + (1 - Y) * F.log(1 - AL)).mean()


def softmax_mlp(F: Any, p: Any, X: Any, Y: Any) -> Any:
    """Two relu layers, then log softmax over the classes (rows) and J = -(1/m) sum(Y log A)."""
    A1 = F.relu(p["W1"] @ X + p["b1"])
    A2 = F.relu(p["W2"] @ A1 + p["b2"])
    Z3 = p["W3"] @ A2 + p["b3"]
    log_A3 = Z3 - F.log(F.exp(Z3).sum(axis=0, keepdims=True))
    m = Y.shape[1]
    return -(Y * log_A3).sum() / m


# ------------------------------------------------------------------ the same, by hand
def sigmoid(Z: np.ndarray) -> np.ndarray:
    """The course's sigmoid 1 / (1 + e^(-Z))."""
    return 1 / (1 + np.exp(-Z))


def logistic_cost(A: np.ndarray, Y: np.ndarray) -> float:
    """The course's cost -(1/m) sum(Y log A + (1 - Y) log(1 - A))."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def logistic_regression_by_hand(
    p: dict, X: np.ndarray, Y: np.ndarray, learning_rate: float
) -> tuple[float, dict]:
    """propagate() and one update of optimize(): dw = (1/m) X dZ^T, db = (1/m) sum(dZ)."""
    w, b = p["w"], p["b"]
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = logistic_cost(A, Y)
    dZ = A - Y
    dw = (X @ dZ.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    w -= learning_rate * dw
    b -= learning_rate * db
    return cost, {"w": dw, "b": db}


def flower_network_by_hand(
    p: dict, X: np.ndarray, Y: np.ndarray, learning_rate: float
) -> tuple[float, dict]:
    """forward_propagation, compute_cost, backward_propagation, update_parameters."""
    W1, b1, W2, b2 = p["W1"], p["b1"], p["W2"], p["b2"]
    m = X.shape[1]
    A1 = np.tanh(W1 @ X + b1)
    A2 = sigmoid(W2 @ A1 + b2)
    cost = logistic_cost(A2, Y)
    dZ2 = A2 - Y
    dW2 = (dZ2 @ A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = (dZ1 @ X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    for name, g in grads.items():
        p[name] -= learning_rate * g
    return cost, grads


def deep_network_by_hand(
    p: dict, X: np.ndarray, Y: np.ndarray, learning_rate: float, fold_one_over_m: bool = False
) -> tuple[float, dict]:
    """L_model_forward, compute_cost, L_model_backward (no dA[0]), update_parameters.

    With ``fold_one_over_m`` the 1/m is applied once, to dZ[L] = (A[L] - Y) / m, instead of to
    every dW[l] and db[l]: the same numbers, one pass over the large dW[1] fewer, and where
    autodiff puts it (the backward of the mean in J). It is the stricter baseline.
    """
    L = len(p) // 2
    m = X.shape[1]
    caches = [(X, None)]
    A = X
    for l in range(1, L + 1):
        Z = p[f"W{l}"] @ A + p[f"b{l}"]
        A = sigmoid(Z) if l == L else np.maximum(Z, 0)
        caches.append((A, Z))
    cost = logistic_cost(A, Y)
    scale = 1.0 if fold_one_over_m else 1.0 / m
    dZ = (A - Y) / m if fold_one_over_m else A - Y
    grads = {}
    for l in range(L, 0, -1):
        A_prev, Z_prev = caches[l - 1]
        dW = dZ @ A_prev.T
        db = np.sum(dZ, axis=1, keepdims=True)
        if not fold_one_over_m:
            dW *= scale
            db *= scale
        grads[f"W{l}"], grads[f"b{l}"] = dW, db
        if l > 1:
            dZ = (p[f"W{l}"].T @ dZ) * (Z_prev > 0)
    for name, g in grads.items():
        p[name] -= learning_rate * g
    return cost, grads


def relu_relu_forward(p: dict, X: np.ndarray) -> tuple[np.ndarray, ...]:
    """Z1, A1, Z2, A2, Z3 of a 3-layer network, relu in layers 1 and 2, Z3 = W3 A2 + b3."""
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = np.maximum(Z2, 0)
    return Z1, A1, Z2, A2, p["W3"] @ A2 + p["b3"]


def relu_relu_backward(
    p: dict,
    X: np.ndarray,
    Z1: np.ndarray,
    A1: np.ndarray,
    Z2: np.ndarray,
    A2: np.ndarray,
    dZ3: np.ndarray,
    scale: float,
) -> dict[str, np.ndarray]:
    """dW[l] = scale dZ[l] A[l-1]^T, db[l] = scale sum(dZ[l]), dZ[l-1] = W[l]^T dZ[l] g'(Z[l-1])."""
    dW3 = (dZ3 @ A2.T) * scale
    db3 = np.sum(dZ3, axis=1, keepdims=True) * scale
    dZ2 = (p["W3"].T @ dZ3) * (Z2 > 0)
    dW2 = (dZ2 @ A1.T) * scale
    db2 = np.sum(dZ2, axis=1, keepdims=True) * scale
    dZ1 = (p["W2"].T @ dZ2) * (Z1 > 0)
    dW1 = (dZ1 @ X.T) * scale
    db1 = np.sum(dZ1, axis=1, keepdims=True) * scale
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2, "W3": dW3, "b3": db3}  # fmt: skip


def softmax_mlp_by_hand(
    p: dict, X: np.ndarray, Y: np.ndarray, learning_rate: float
) -> tuple[float, dict]:
    """Forward, the log-softmax cost, dZ3 = A3 - Y, and the course's backward for relu."""
    m = X.shape[1]
    Z1, A1, Z2, A2, Z3 = relu_relu_forward(p, X)
    E = np.exp(Z3)
    S = np.sum(E, axis=0, keepdims=True)
    cost = float(-np.sum(Y * (Z3 - np.log(S))) / m)
    grads = relu_relu_backward(p, X, Z1, A1, Z2, A2, E / S - Y, 1 / m)
    for name, g in grads.items():
        p[name] -= learning_rate * g
    return cost, grads


# ------------------------------------------------------------------ the shared problems
SIZES = {  # (n_x, m) of the cat images and the MLP's inputs, m of the flower; hidden layers
    "full": {
        "cats": (12288, 209),
        "flower": 400,
        "deep": [20, 7, 5, 1],
        "mlp": (784, 4096),
        "mlp_hidden": [256, 128],
    },
    "tiny": {
        "cats": (30, 7),
        "flower": 12,
        "deep": [5, 4, 3, 1],
        "mlp": (13, 9),
        "mlp_hidden": [6, 5],
    },
}


def cats(size: str) -> tuple[np.ndarray, np.ndarray]:
    """Images like the course's cats: X (12288, 209) in [0, 1], labels 0/1 (seeded)."""
    n_x, m = SIZES[size]["cats"]
    rng = np.random.RandomState(0)
    return rng.rand(n_x, m), (rng.rand(1, m) > 0.5).astype(np.float64)


def logistic_problem(size: str) -> Problem:
    X, Y = cats(size)
    w = np.random.RandomState(1).randn(X.shape[0], 1) * 0.01
    return Problem({"w": w, "b": np.zeros((1, 1))}, X, Y, 0.005)


def flower_problem(size: str) -> Problem:
    from autograd_nn.datasets import load_planar_dataset

    X, Y = load_planar_dataset(m=SIZES[size]["flower"])
    rng = np.random.RandomState(2)
    params = {
        "W1": rng.randn(4, 2) * 0.01,
        "b1": np.zeros((4, 1)),
        "W2": rng.randn(1, 4) * 0.01,
        "b2": np.zeros((1, 1)),
    }
    return Problem(params, X, Y, 1.2)


def layers(layer_dims: list[int], seed: int, gain: float) -> dict[str, np.ndarray]:
    """W[l] = randn(n[l], n[l-1]) * sqrt(gain / n[l-1]) (the course's deep init), b[l] small.

    b[l] is not 0 (the course's choice) but randn * 0.01: with b[l] = 0 a unit whose inputs
    are all 0 sits exactly on relu's kink, where frameworks take different slopes (HIPS
    autograd's maximum takes 1/2), and the sides would not compute the same gradients.
    """
    rng = np.random.RandomState(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        scale = np.sqrt(gain / layer_dims[l - 1])
        params[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) * scale
        params[f"b{l}"] = rng.randn(layer_dims[l], 1) * 0.01
    return params


def deep_problem(size: str) -> Problem:
    X, Y = cats(size)
    return Problem(layers([X.shape[0], *SIZES[size]["deep"]], 1, 1.0), X, Y, 0.0075)


def mlp_problem(size: str, dtype: Any = np.float64) -> Problem:
    n_x, m = SIZES[size]["mlp"]
    rng = np.random.RandomState(3)
    X = rng.rand(n_x, m).astype(dtype)
    Y = np.eye(10, dtype=dtype)[:, rng.randint(0, 10, size=m)]
    layer_dims = [n_x, *SIZES[size]["mlp_hidden"], 10]
    params = {k: v.astype(dtype) for k, v in layers(layer_dims, 4, 2.0).items()}
    return Problem(params, X, Y, 0.1)


# ------------------------------------------------------------------ autograd_nn.nn
def nn_case(problem: Problem, hidden: str, output: str, rename: dict | None = None) -> Case:
    """``train_step`` on a ``Model`` holding the problem's parameters (rename: ours -> W1...)."""
    from autograd_nn import Tensor
    from autograd_nn.nn import GradientDescent, Model, train_step

    rename = rename or {}
    params = dict(problem.params)
    for ours, theirs in rename.items():
        params[theirs] = params.pop(ours).T if ours == "w" else params.pop(ours)
    L = len(params) // 2
    layer_dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    model = Model.from_layer_dims(layer_dims, hidden_activation=hidden, output_activation=output)
    model.set_parameters(params)
    optimizer = GradientDescent(model.parameters(), problem.learning_rate)
    X = Tensor(problem.X, name="X", requires_grad=False)
    Y = Tensor(problem.Y, name="Y", requires_grad=False)

    def step() -> float:
        return train_step(model, X, Y, optimizer, check_labels=False)

    def gradients() -> dict[str, np.ndarray]:
        grads = {name[1:]: g for name, g in model.gradients().items()}
        for ours, theirs in rename.items():
            grads[ours] = grads.pop(theirs).T if ours == "w" else grads.pop(theirs)
        return grads

    return Case(step, gradients)


def dense_workload(
    key: str,
    title: str,
    problem_of: Callable[[str], Problem],
    cost_of: Callable[..., Any],
    by_hand: Callable[..., tuple[float, dict]],
    nn: Callable[[Problem], Case] | None,
    dtype: Any = np.float64,
    **options: Any,
) -> Workload:
    """A workload with the hand-written baseline, the peers, and (if given) the nn route."""
    cases = {BY_HAND: lambda size: numpy_case(by_hand, problem_of(size))}
    cases.update(
        cases_for(PEERS, lambda name, size: learner_case(name, cost_of, problem_of(size), dtype))
    )
    if nn is not None:
        cases["autograd_nn.nn"] = lambda size: nn(problem_of(size))
    return Workload(key, title, BY_HAND, cases, **options)


def float32_nn(problem: Problem) -> Case:
    raise UnavailableError("autograd_nn.nn.Model has no float32 option")


def workloads() -> list[Workload]:
    """c, d, e, f (float64 and float32)."""
    deep = dense_workload(
        "e",
        "4-layer [12288, 20, 7, 5, 1], X (12288, 209)",
        deep_problem,
        deep_network,
        deep_network_by_hand,
        lambda problem: nn_case(problem, "relu", "sigmoid"),
        repeats=11,
    )
    deep.cases["numpy, 1/m folded (by hand)"] = lambda size: numpy_case(
        deep_network_by_hand, deep_problem(size), fold_one_over_m=True
    )
    return [
        dense_workload(
            "c",
            "logistic regression, X (12288, 209)",
            logistic_problem,
            logistic_regression,
            logistic_regression_by_hand,
            lambda problem: nn_case(problem, "relu", "sigmoid", {"w": "W1", "b": "b1"}),
        ),
        dense_workload(
            "d",
            "2-layer tanh n_h = 4, X (2, 400)",
            flower_problem,
            flower_network,
            flower_network_by_hand,
            lambda problem: nn_case(problem, "tanh", "sigmoid"),
        ),
        deep,
        dense_workload(
            "f64",
            "MLP [784, 256, 128, 10], X (784, 4096), float64",
            mlp_problem,
            softmax_mlp,
            softmax_mlp_by_hand,
            lambda problem: nn_case(problem, "relu", "softmax"),
            repeats=7,
            target=0.0,
        ),
        dense_workload(
            "f32",
            "MLP [784, 256, 128, 10], X (784, 4096), float32",
            lambda size: mlp_problem(size, np.float32),
            softmax_mlp,
            softmax_mlp_by_hand,
            float32_nn,
            dtype=np.float32,
            repeats=7,
            target=0.0,
        ),
    ]
