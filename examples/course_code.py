"""Your course code, differentiated: week 3's flower network with cost.backward().

Run: ``python examples/course_code.py [--quick] [--output-dir DIR]``

The functions below are the course's week-3 notebook as a learner writes it, in plain numpy:
``initialize_parameters``, ``forward_propagation`` (``np.dot(W1, X) + b1``, ``np.tanh``),
``compute_cost`` (``np.multiply(np.log(A2), Y)``, ``np.squeeze``), ``predict`` (``A2 > 0.5``).
Nothing in them knows about autograd_nn. Only the parameters are Tensors; then the course's
``backward_propagation`` is one call, ``cost.backward()``, and the update runs in place inside
``no_grad()``.

What to notice:

* the hand-written backward pass and autodiff agree on dW1, db1, dW2, db2 to rounding
  (relative differences around 1e-16), and Z.grad is the course's dZ divided by m (the course
  keeps 1/m in dW and db only);
* the network learns the flower as the course's does (about 90 % with 10000 iterations);
* the masks of ``predict`` (``A2 > 0.5``) are boolean numpy arrays, and a numpy function with
  no derivative rule (``np.linalg.norm(W1)``) is refused by name instead of silently dropping
  the gradient; ``W1.numpy()`` leaves the graph on purpose.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import Tensor, no_grad, reference
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.errors import UnsupportedNumpyFunctionError

NAME = "course_code"


# ---------------------------------------------------------------- the learner's week-3 code
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)  # the course's seed
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    assert A2.shape == (1, X.shape[1])
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    cost = np.squeeze(cost)  # the course adds float(cost): keep the Tensor for backward()
    return cost


def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)  # noqa: RUF059 - the course's line
    predictions = A2 > 0.5
    return predictions


# ---------------------------------------------------------------- autodiff in place of backward
def as_tensors(parameters: dict) -> dict[str, Tensor]:
    return {key: Tensor(value, name=key) for key, value in parameters.items()}


def nn_model(X, Y, n_h, num_iterations, learning_rate=1.2):
    """The course's nn_model with ``cost.backward()`` instead of ``backward_propagation``."""
    parameters = as_tensors(initialize_parameters(X.shape[0], n_h, Y.shape[0]))
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)  # noqa: RUF059 - the course's line
        cost = compute_cost(A2, Y)
        cost.backward(keep_grads=False)  # the leaves' gradients: all the update needs
        with no_grad():  # W1 := W1 - alpha dW1, in place
            for W in parameters.values():
                W -= learning_rate * W.grad
        costs.append(float(cost))
        if i % 1000 == 0:
            print(f"Cost after iteration {i}: {float(cost):.6f}")
    return parameters, costs


def compare_with_the_course(X, Y, output_dir: Path) -> None:
    """One step: autodiff against the course's hand-written backward_propagation."""
    print("=== 1. One step of the course's code, differentiated ===\n")
    values = initialize_parameters(X.shape[0], 4, Y.shape[0])
    parameters = as_tensors(values)
    A2, cache = forward_propagation(X, parameters)
    cost = compute_cost(A2, Y)
    cost.backward()
    print(f"cost = {float(cost):.6f} (a Tensor, shape {cost.shape}, until float())")

    _, cache_by_hand = reference.forward_propagation(X, values, activation="tanh")
    grads = reference.backward_propagation(values, cache_by_hand, X, Y, activation="tanh")
    m = X.shape[1]
    pairs = {key: (parameters[key].grad, grads["d" + key]) for key in ("W1", "b1", "W2", "b2")}
    pairs["Z1 (dZ1 / m)"] = (cache["Z1"].grad, grads["dZ1"] / m)
    pairs["Z2 (dZ2 / m)"] = (cache["Z2"].grad, grads["dZ2"] / m)
    worst = 0.0
    for key, (autodiff, by_hand) in pairs.items():
        difference = np.max(np.abs(autodiff - by_hand)) / np.max(np.abs(by_hand))
        worst = max(worst, difference)
        print(
            f"  d{key:<13} autodiff vs backward_propagation: relative difference {difference:.1e}"
        )
    print(f"largest relative difference: {worst:.1e} (agree to 1e-10: {worst <= 1e-10})")

    fig, ax = plt.subplots(figsize=(5, 5))
    for key, (autodiff, by_hand) in pairs.items():
        if not key.startswith("Z"):
            ax.scatter(by_hand.ravel(), autodiff.ravel(), s=18, label="d" + key)
    low, high = ax.get_xlim()
    ax.plot([low, high], [low, high], color="gray", linewidth=0.8, zorder=0)
    ax.set_xlabel("the course's backward_propagation")
    ax.set_ylabel("cost.backward() on the course's forward code")
    ax.ticklabel_format(style="sci", axis="both", scilimits=(0, 0))
    ax.set_title("Every gradient entry on the diagonal")
    ax.legend()
    fig.tight_layout()
    fig.savefig(output_dir / "gradients.png", dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    num_iterations = 2000 if args.quick else 10000  # the course: 10000
    X, Y = load_planar_dataset()
    print(f"X {X.shape}, Y {Y.shape}: the course's flower, as numpy arrays\n")

    compare_with_the_course(X, Y, output_dir)

    print("\n=== 2. Training: nn_model with cost.backward() ===\n")
    parameters, costs = nn_model(X, Y, n_h=4, num_iterations=num_iterations)
    predictions = predict(parameters, X)
    print(f"predictions: {type(predictions).__name__} of {predictions.dtype}, {predictions.shape}")
    accuracy = float(np.mean(predictions == Y)) * 100
    print(f"accuracy, 4 hidden units: {accuracy:.2f} %")
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(costs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"The course's week-3 code, differentiated ({accuracy:.0f} %)")
    fig.tight_layout()
    fig.savefig(output_dir / "cost.png", dpi=100)
    plt.close(fig)

    print("\n=== 3. No silent drop ===\n")
    W1 = parameters["W1"]
    try:
        np.linalg.norm(W1)
    except UnsupportedNumpyFunctionError as error:
        print(f"np.linalg.norm(W1) refused: {str(error)[:96]}...")
    print(
        f"np.linalg.norm(W1.numpy()) = {np.linalg.norm(W1.numpy()):.4f} (on purpose, no gradient)"
    )

    print("\nWhat to notice:")
    print("* the course's forward code, with Tensor parameters, gives the hand-written gradients")
    print("* the update runs in place under no_grad(); predict's A2 > 0.5 is a numpy mask")
    print("* a numpy function with no derivative rule is refused by name, never dropped silently")
    print(f"Pictures in {output_dir}/: gradients.png, cost.png")


if __name__ == "__main__":
    main()
