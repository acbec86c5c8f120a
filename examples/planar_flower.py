"""The course's 2-layer tanh network on the planar "flower" data, next to logistic regression.

Run: ``python examples/planar_flower.py [--quick] [--output-dir DIR]``

The flower: 400 points in the plane (X (2, 400)), red and blue petals (Y (1, 400)). The
course first fits logistic regression, which can only draw a straight line and gets about
47 %, then a network with one hidden layer of n_h = 4 tanh units
(Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2)), W randn * 0.01 from seed 2,
learning_rate = 1.2, num_iterations = 10000, which gets about 90 %. The gradients here come
from ``J.backward()``; nothing is derived by hand.

What to notice:

* logistic regression's boundary is a straight line (``logistic_regression.png``): on petals
  that alternate colours around the centre no line does better than a coin toss, 47 %;
* one hidden layer of 4 tanh units bends the boundary around the petals
  (``decision_boundary.png``) and reaches about 90 %;
* the cost decreases (``cost.png``), quickly at first, then slowly, with a small bump near
  iteration 8000: at learning_rate = 1.2 a step can overshoot a little (the course's printed
  costs show the same bump);
* the sweep over hidden-layer sizes (``hidden_layer_sizes.png``): 1 or 2 units are not enough,
  from 3 to 5 the petals are captured (about 91 %), 20 and 50 units do no better: their
  boundaries grow little islands around a few noisy points (the start of overfitting);
* ``training.html`` replays the 4-unit network's training (``viz.training_player``): open it in
  a browser and move the slider to watch the boundary bend around the petals while the cost
  falls, W1 grows and the gradients shrink; press End for the trained model (90.75 %).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import viz
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import History, Model, accuracy, predict, train

NAME = "planar_flower"
HIDDEN_LAYER_SIZES = [1, 2, 3, 4, 5, 20, 50]


def nn_model(
    X: np.ndarray,
    Y: np.ndarray,
    n_h: int,
    num_iterations: int,
    learning_rate: float = 1.2,
    seed: int = 2,
) -> tuple[Model, History]:
    """The course's nn_model: layer_dims [n_x, n_h, n_y], tanh hidden layer, sigmoid output.

    Returns the trained model and its History (costs, and a snapshot every 100 iterations).
    """
    n_x, n_y = X.shape[0], Y.shape[0]
    layer_dims = [n_x, n_h, n_y]
    model = Model.from_layer_dims(layer_dims, hidden_activation="tanh", seed=seed)
    history = train(model, X, Y, num_iterations=num_iterations, learning_rate=learning_rate)
    return model, history


def logistic_regression(
    X: np.ndarray, Y: np.ndarray, num_iterations: int, learning_rate: float = 1.2
) -> Model:
    """Logistic regression as a network with no hidden layer: layer_dims [n_x, 1], w = 0."""
    model = Model.from_layer_dims([X.shape[0], 1], initialization="zeros")
    train(model, X, Y, num_iterations=num_iterations, learning_rate=learning_rate)
    return model


def plot_decision_boundary(ax: plt.Axes, model: Model, X: np.ndarray, Y: np.ndarray) -> None:
    """The course's plot: colour every point of a grid by the prediction, then the data."""
    x_min, x_max = X[0].min() - 1, X[0].max() + 1
    y_min, y_max = X[1].min() - 1, X[1].max() + 1
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, 300), np.linspace(y_min, y_max, 300))
    grid = np.vstack([xx.ravel(), yy.ravel()])  # (2, 90000), one grid point per column
    Z = predict(model, grid).reshape(xx.shape)
    ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=Y[0], s=12, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")


def save_boundary(model: Model, X: np.ndarray, Y: np.ndarray, title: str, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(5.5, 5))
    plot_decision_boundary(ax, model, X, Y)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    num_iterations = 2000 if args.quick else 10000  # the course: 10000
    sweep_iterations = 1000 if args.quick else 5000  # the course's sweep: 5000
    learning_rate = 1.2

    X, Y = load_planar_dataset()
    print(f"X {X.shape}, Y {Y.shape}: m = {X.shape[1]} points, {int(Y.sum())} of them blue\n")

    # 1. Logistic regression: a straight line.
    lr_model = logistic_regression(X, Y, num_iterations=min(num_iterations, 2000))
    lr_accuracy = accuracy(predict(lr_model, X), Y)
    print(f"accuracy, logistic regression: {100 * lr_accuracy:.2f} %")
    save_boundary(
        lr_model,
        X,
        Y,
        f"Logistic regression: a straight line, {100 * lr_accuracy:.0f} %",
        output_dir / "logistic_regression.png",
    )

    # 2. One hidden layer, n_h = 4 tanh units.
    n_h = 4
    model, history = nn_model(X, Y, n_h, num_iterations, learning_rate)
    iterations, costs = history.iterations, history.costs
    for i, cost in zip(iterations, costs, strict=True):
        if i % 1000 == 0 or i == iterations[-1]:
            print(f"Cost after iteration {i}: {cost:.6f}")
    nn_accuracy = accuracy(predict(model, X), Y)
    print(f"accuracy, {n_h} hidden units: {100 * nn_accuracy:.2f} %")
    save_boundary(
        model,
        X,
        Y,
        f"Hidden layer of size {n_h}: {100 * nn_accuracy:.1f} %",
        output_dir / "decision_boundary.png",
    )
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(iterations, costs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"2-layer network, n_h = {n_h}, learning rate = {learning_rate}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(output_dir / "cost.png", dpi=100)
    plt.close(fig)

    # The same training, replayed snapshot by snapshot (the cost, W and dW, the boundary).
    replay = viz.training_player(history, X, Y).save(output_dir / "training.html")
    print(f"wrote {replay.name}: {len(history.snapshots)} snapshots, open it in a browser")

    # 3. The hidden-layer-size sweep.
    print(f"\nHidden-layer sizes ({sweep_iterations} iterations each):")
    fig, axes = plt.subplots(2, 4, figsize=(16, 8))
    for ax, size in zip(axes.ravel(), HIDDEN_LAYER_SIZES, strict=False):
        sweep_model, _ = nn_model(X, Y, size, sweep_iterations, learning_rate)
        size_accuracy = accuracy(predict(sweep_model, X), Y)
        print(f"  accuracy for {size:2d} hidden units: {100 * size_accuracy:.2f} %")
        plot_decision_boundary(ax, sweep_model, X, Y)
        ax.set_title(f"Hidden layer of size {size}: {100 * size_accuracy:.2f} %")
    ax = axes.ravel()[-1]
    plot_decision_boundary(ax, lr_model, X, Y)
    ax.set_title(f"Logistic regression: {100 * lr_accuracy:.2f} %")
    fig.tight_layout()
    fig.savefig(output_dir / "hidden_layer_sizes.png", dpi=80)
    plt.close(fig)

    print("\nWhat to notice:")
    print(f"  - logistic regression draws a line and stays near chance: {100 * lr_accuracy:.0f} %")
    print(
        f"  - {n_h} tanh hidden units bend the boundary around the petals: "
        f"{100 * nn_accuracy:.0f} % (the course: about 90 %)"
    )
    print(f"  - the cost went from {costs[0]:.4f} to {costs[-1]:.4f} (cost.png)")
    print("  - 1-2 hidden units are too few; 3-5 capture the petals; 20-50 start to overfit")
    print(
        f"\nWrote logistic_regression.png, decision_boundary.png, cost.png, "
        f"hidden_layer_sizes.png, training.html to {output_dir}"
    )


if __name__ == "__main__":
    main()
