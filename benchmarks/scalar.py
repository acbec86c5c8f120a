"""Scalar workloads, where micrograd (the scalar teaching engine) is the baseline.

a. The course's J = 3(a + bc) with a = 5, b = 3, c = 2: leaves created, forward, backward
   (per call: 3 leaves and 3 recorded operations), against the derivatives written by hand with
   Python floats and the peers.
b. micrograd's own demo as a learner would port it: an MLP 2-16-16-1 on 100 two-moons points
   built from scalar values (one Neuron, Layer and MLP class, the same code for micrograd's
   ``Value`` and autograd_nn's ``Tensor``), one training step: forward, the demo's hinge loss
   with L2 regularization, backward, ``p.data -= learning_rate * p.grad``. The same network
   written with matrices (``W1 @ X + b1``) in autograd_nn, the peers, numpy by hand and
   ``autograd_nn.nn``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.dense import relu_relu_backward, relu_relu_forward
from benchmarks.frameworks import Toolbox
from benchmarks.workload import (
    Case,
    Problem,
    Workload,
    cases_for,
    learner_case,
    numpy_case,
    toolbox,
)

SCALAR_PEERS = ["autograd_nn", "micrograd", "PyTorch", "MyGrad", "HIPS autograd"]
MATRIX_PEERS = ["autograd_nn", "PyTorch", "MyGrad", "HIPS autograd"]
ALPHA = 1e-4  # the demo's L2 regularization strength


# ------------------------------------------------------------------ a. J = 3(a + bc)
def J_of(a: Any, b: Any, c: Any) -> Any:
    """The course's example J = 3(a + bc)."""
    return 3 * (a + b * c)


def J_by_hand() -> tuple[float, list[float]]:
    """Forward and backward with Python floats: dJ/da = 3, dJ/db = 3c, dJ/dc = 3b."""
    a, b, c = 5.0, 3.0, 2.0
    u = b * c
    v = a + u
    J = 3 * v
    dv = 3.0
    du = dv
    return J, [dv, du * c, du * b]


def J_case(name: str, size: str) -> Case:
    F = toolbox(name)
    last: dict[str, Any] = {}

    def step() -> float:
        J, last["grads"] = F.gradients(J_of, (5.0, 3.0, 2.0))
        return J

    return Case(
        step, lambda: {x: np.asarray(float(g)) for x, g in zip("abc", last["grads"], strict=True)}
    )


def J_by_hand_case(size: str) -> Case:
    last: dict[str, Any] = {}

    def step() -> float:
        J, last["grads"] = J_by_hand()
        return J

    return Case(step, lambda: {x: np.asarray(g) for x, g in zip("abc", last["grads"], strict=True)})


# ------------------------------------------------------------------ b. the moons demo, scalars
class Neuron:
    """micrograd's Neuron: act = sum(w_i x_i) + b, then relu unless it is the output."""

    def __init__(self, F: Toolbox, w: np.ndarray, b: float, nonlin: bool) -> None:
        self.w = [F.scalar(float(wi)) for wi in w]
        self.b = F.scalar(float(b))
        self.nonlin = nonlin

    def __call__(self, x: list) -> Any:
        act = sum((wi * xi for wi, xi in zip(self.w, x, strict=True)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self) -> list:
        return [*self.w, self.b]


class Layer:
    """A list of neurons; returns a list of outputs (or the one output)."""

    def __init__(self, F: Toolbox, W: np.ndarray, b: np.ndarray, nonlin: bool) -> None:
        self.neurons = [Neuron(F, W[j], b[j, 0], nonlin) for j in range(W.shape[0])]

    def __call__(self, x: list) -> Any:
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list:
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    """micrograd's MLP from the matrices of the shared problem (relu hidden, linear output)."""

    def __init__(self, F: Toolbox, params: dict[str, np.ndarray]) -> None:
        L = len(params) // 2
        self.layers = [
            Layer(F, params[f"W{l}"], params[f"b{l}"], nonlin=l < L) for l in range(1, L + 1)
        ]

    def __call__(self, x: list) -> Any:
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self) -> list:
        return [p for layer in self.layers for p in layer.parameters()]


def moons_loss(F: Toolbox, model: MLP, X: list, y: list) -> Any:
    """The demo's loss: mean hinge max(0, 1 - y score) plus alpha * sum of squared parameters."""
    inputs = [list(map(F.scalar, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = ALPHA * sum(p * p for p in model.parameters())
    return data_loss + reg_loss


SIZES = {"full": (100, 16), "tiny": (8, 3)}  # points, hidden units


def moons_problem(size: str) -> Problem:
    """Two moons (labels -1/+1, one point per column) and micrograd's uniform(-1, 1) weights.

    The biases are uniform(-0.1, 0.1) rather than micrograd's 0, so that no unit sits exactly on
    relu's kink (see ``dense.layers``).
    """
    from autograd_nn.datasets import make_moons

    m, n_h = SIZES[size]
    X, Y = make_moons(m, noise=0.1, seed=0)
    rng = np.random.RandomState(5)
    params = {}
    for l, (n_out, n_in) in enumerate([(n_h, 2), (n_h, n_h), (1, n_h)], start=1):
        params[f"W{l}"] = rng.uniform(-1, 1, size=(n_out, n_in))
        params[f"b{l}"] = rng.uniform(-0.1, 0.1, size=(n_out, 1))
    return Problem(params, X, 2 * Y - 1, 0.1)


def scalar_moons_case(name: str, size: str) -> Case:
    F = toolbox(name)
    problem = moons_problem(size)
    model = MLP(F, problem.params)
    X, y = problem.X.T.tolist(), problem.Y[0].tolist()
    params = dict(enumerate(model.parameters()))

    def step() -> float:
        return F.step(lambda _: moons_loss(F, model, X, y), params, problem.learning_rate)[0]

    def gradients() -> dict[str, np.ndarray]:
        grads = {}
        for l, layer in enumerate(model.layers, start=1):
            grads[f"W{l}"] = np.array([[F.grad(w) for w in n.w] for n in layer.neurons])
            grads[f"b{l}"] = np.array([[F.grad(n.b)] for n in layer.neurons])
        return grads

    return Case(step, gradients)


# ------------------------------------------------------------------ b. the same with matrices
def moons_cost(F: Any, p: Any, X: Any, Y: Any) -> Any:
    """The demo's loss on matrices: relu(W1 X + b1), relu(W2 A1 + b2), scores = W3 A2 + b3."""
    A1 = F.relu(p["W1"] @ X + p["b1"])
    A2 = F.relu(p["W2"] @ A1 + p["b2"])
    scores = p["W3"] @ A2 + p["b3"]
    data_loss = F.relu(1 - Y * scores).mean()
    reg_loss = ALPHA * sum((P * P).sum() for P in p.values())
    return data_loss + reg_loss


def moons_by_hand(
    p: dict, X: np.ndarray, Y: np.ndarray, learning_rate: float
) -> tuple[float, dict]:
    """The same loss and its gradients in numpy: dscores = -Y [margin > 0] / m, + 2 alpha P."""
    m = X.shape[1]
    Z1, A1, Z2, A2, scores = relu_relu_forward(p, X)
    margins = 1 - Y * scores
    cost = float(np.mean(np.maximum(margins, 0)) + ALPHA * sum(np.sum(P * P) for P in p.values()))
    grads = relu_relu_backward(p, X, Z1, A1, Z2, A2, -Y * (margins > 0) / m, 1.0)
    for name, g in grads.items():
        g += 2 * ALPHA * p[name]
        p[name] -= learning_rate * g
    return cost, grads


def moons_nn_case(size: str) -> Case:
    """``train_step`` on ``Model.from_layer_dims([2, 16, 16, 1], "relu", "linear")``."""
    from autograd_nn import Tensor
    from autograd_nn.nn import GradientDescent, Model, train_step

    problem = moons_problem(size)
    n_h = SIZES[size][1]
    model = Model.from_layer_dims(
        [2, n_h, n_h, 1], hidden_activation="relu", output_activation="linear"
    )
    model.set_parameters(problem.params)
    optimizer = GradientDescent(model.parameters(), problem.learning_rate)
    X = Tensor(problem.X, name="X", requires_grad=False)
    Y = Tensor(problem.Y, name="Y", requires_grad=False)

    def hinge_cost(scores: Any, Y: Any) -> Any:
        reg_loss = ALPHA * sum((P * P).sum() for P in model.parameters().values())
        return (1 - Y * scores).relu().mean() + reg_loss

    def step() -> float:
        return train_step(model, X, Y, optimizer, hinge_cost)

    return Case(step, lambda: {name[1:]: g for name, g in model.gradients().items()})


def workloads() -> list[Workload]:
    """a and b."""
    J_cases = {"Python floats (by hand)": J_by_hand_case}
    J_cases.update(cases_for(SCALAR_PEERS, J_case))
    moons_cases = cases_for(["micrograd", "autograd_nn"], scalar_moons_case, ", scalars")
    moons_cases["numpy, matrices (by hand)"] = lambda size: numpy_case(
        moons_by_hand, moons_problem(size)
    )
    moons_cases.update(
        cases_for(
            MATRIX_PEERS,
            lambda name, size: learner_case(name, moons_cost, moons_problem(size)),
            ", matrices",
        )
    )
    moons_cases["autograd_nn.nn, matrices"] = moons_nn_case
    return [
        Workload("a", "J = 3(a + bc) forward + backward", "micrograd", J_cases, memory=False),
        Workload(
            "b",
            "micrograd demo: MLP 2-16-16-1, 100 moons, one step",
            "micrograd, scalars",
            moons_cases,
            repeats=5,
        ),
    ]
