"""Initialization: zeros vs small random vs scaled, and the symmetry problem in numbers.

Run: ``python examples/initialization.py [--quick] [--output-dir DIR]``

The course: initialize W[l] randomly and small (``np.random.randn(n[l], n[l-1]) * 0.01``),
b[l] at zero. With W[1] = 0 (or any W[1] whose rows are all equal) every hidden unit computes
the same function, receives the same gradient and gets the same update: the units stay copies of
each other forever, and a layer of n[1] units is no better than one unit. Deeper networks scale
the draws by 1/sqrt(n[l-1]) instead of 0.01 (He initialization: sqrt(2/n[l-1]) for ReLU).

Part 1 trains the flower network (layer_dims [2, 4, 1], tanh) from three starts and prints
W1 after training. Part 2 trains a deeper ReLU network, [2, 10, 10, 10, 1], on the same data
with zeros, randn * 0.01, randn / sqrt(n[l-1]) and He initialization.

What to notice:

* zeros: W1 is still exactly zero after training (W2 = 0 sends no gradient back, A1 = tanh(0)
  = 0 sends none forward): the network predicts one class, 50 %;
* all-equal non-zero weights (0.5): W1 changes, but its 4 rows stay identical to the last digit:
  the 4 units are one unit (``symmetry.png``: the 4 lines are drawn on top of each other);
* randn * 0.01 breaks the symmetry: the rows drift apart and the flower is learned (about 90 %);
* in the deeper network randn * 0.01 is too small: the signal shrinks layer after layer and the
  cost stays at log 2 = 0.693, like zeros, while 1/sqrt(n[l-1]) and He train (``cost.png``;
  their curves wobble: each ReLU switching on or off changes the cost surface a little).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import GradientDescent, Model, accuracy, predict, train, train_step

NAME = "initialization"


def flower_model(start: str, layer_dims: list[int]) -> Model:
    """The flower network from one of three starts: "zeros", "constant" (all 0.5), "random"."""
    if start == "constant":
        model = Model.from_layer_dims(layer_dims, hidden_activation="tanh", initialization="zeros")
        parameters = model.get_parameters()
        for name in parameters:
            if name.startswith("W"):
                parameters[name] = np.full_like(parameters[name], 0.5)
        model.set_parameters(parameters)
        return model
    return Model.from_layer_dims(layer_dims, hidden_activation="tanh", initialization=start, seed=2)


def train_recording_W1(
    model: Model, X: np.ndarray, Y: np.ndarray, num_iterations: int, learning_rate: float
) -> np.ndarray:
    """Gradient descent, keeping a copy of W1 after every iteration: (num_iterations + 1, ...)."""
    optimizer = GradientDescent(model.parameters(), learning_rate=learning_rate)
    W1_history = [model["W1"].data.copy()]
    for _ in range(num_iterations):
        train_step(model, X, Y, optimizer)
        W1_history.append(model["W1"].data.copy())
    return np.array(W1_history)


def distinct_rows(W: np.ndarray) -> int:
    """How many different rows W has: the number of hidden units that are really different."""
    return len({tuple(row) for row in W})


def symmetry(X: np.ndarray, Y: np.ndarray, num_iterations: int, output_dir: Path) -> None:
    print("=== 1. The symmetry problem: layer_dims [2, 4, 1], tanh, learning_rate 1.2 ===")
    layer_dims = [2, 4, 1]
    learning_rate = 1.2
    starts = {
        "zeros": "W = 0",
        "constant": "every W entry = 0.5",
        "random": "W = randn * 0.01",
    }
    fig, axes = plt.subplots(1, len(starts), figsize=(15, 4.2), sharex=True)
    for ax, (start, label) in zip(axes, starts.items(), strict=True):
        model = flower_model(start, layer_dims)
        W1_history = train_recording_W1(model, X, Y, num_iterations, learning_rate)
        W1 = model["W1"].data
        model.forward(X)
        A1 = model.cache["A1"].data
        flower_accuracy = accuracy(predict(model, X), Y)
        print(f"\n{start} ({label}), after {num_iterations} iterations:")
        print("W1 =")
        print(np.array2string(W1, precision=6, suppress_small=True))
        print(f"distinct rows of W1 ({start}): {distinct_rows(W1)} of {W1.shape[0]}")
        print(f"distinct rows of A1 ({start}): {distinct_rows(A1)} of {A1.shape[0]}")
        print(f"accuracy ({start}): {100 * flower_accuracy:.2f} %")
        for i, style in zip(range(W1.shape[0]), ["-", "--", ":", "-."], strict=False):
            ax.plot(W1_history[:, i, 0], style, label=f"unit {i + 1}", linewidth=3.5 - 0.8 * i)
        ax.set_title(
            f"{label}: {distinct_rows(W1)} distinct unit(s), {100 * flower_accuracy:.0f} %",
            fontsize=10,
        )
        ax.set_xlabel("iteration")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    axes[0].set_ylabel("W1[i, 0]: each hidden unit's first weight")
    fig.suptitle("The hidden units' first weights during training (identical units overlap)")
    fig.tight_layout()
    fig.savefig(output_dir / "symmetry.png", dpi=100)
    plt.close(fig)


def deeper(X: np.ndarray, Y: np.ndarray, num_iterations: int, output_dir: Path) -> None:
    layer_dims = [2, 10, 10, 10, 1]
    learning_rate = 0.3
    print(f"\n=== 2. A deeper ReLU network: layer_dims {layer_dims}, learning_rate {learning_rate}")
    schemes = {
        "zeros": "zeros",
        "random": "randn * 0.01",
        "scaled": "randn / sqrt(n[l-1])",
        "he": "randn * sqrt(2 / n[l-1]) (He)",
    }
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for initialization, label in schemes.items():
        model = Model.from_layer_dims(
            layer_dims, hidden_activation="relu", initialization=initialization, seed=3
        )
        model.forward(X)
        last_hidden = np.abs(model.cache[f"A{len(layer_dims) - 2}"].data).mean()
        history = train(
            model, X, Y, num_iterations=num_iterations, learning_rate=learning_rate, record_every=10
        )
        deep_accuracy = accuracy(predict(model, X), Y)
        print(
            f"  {initialization:>6} ({label}): mean |A3| at the start {last_hidden:.2g}, "
            f"final cost {history.costs[-1]:.4f}, accuracy {100 * deep_accuracy:.2f} %"
        )
        ax.plot(
            history.iterations,
            history.costs,
            label=f"{label}: {100 * deep_accuracy:.0f} %",
            linewidth=5 if initialization == "zeros" else 1.5,  # under 0.01's flat line
        )
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"Initialization of {layer_dims} (ReLU) on the flower data")
    ax.legend(fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(output_dir / "cost.png", dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    X, Y = load_planar_dataset()
    symmetry(X, Y, 300 if args.quick else 3000, output_dir)
    deeper(X, Y, 500 if args.quick else 3000, output_dir)
    print("\nWhat to notice:")
    print("  - with zeros or equal weights the rows of W1 stay identical: symmetry is never")
    print("    broken, and 4 hidden units do the work of 1 (symmetry.png);")
    print("  - small random weights break the symmetry; in a deeper network they must be")
    print("    scaled (1/sqrt(n[l-1]), He) or the signal dies out (cost.png).")
    print(f"\nWrote symmetry.png, cost.png to {output_dir}")


if __name__ == "__main__":
    main()
