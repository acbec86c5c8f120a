"""An L-layer network, layer_dims = [64, 20, 7, 5, 1], on the 8x8 digits: "is it a 0?".

Run: ``python examples/deep_network.py [--quick] [--output-dir DIR]``

The course's L-layer model: for l = 1..L-1, Z[l] = W[l] A[l-1] + b[l], A[l] = relu(Z[l]); then
Z[L] = W[L] A[L-1] + b[L], A[L] = sigmoid(Z[L]); the logistic cost; gradient descent. Here
``Model.from_layer_dims`` builds it, ``J.backward()`` gives every dW[l], db[l] (no
L_model_backward written by hand) and the data are scikit-learn's digits unrolled into
columns, as in ``logistic_regression.py``: X (64, m), Y (1, m).

What to notice:

* the collapsed diagram (``graph_forward.png``, ``graph_backward.png``) draws one box per layer,
  like the course's "layer l" blocks: forward values left to right, dW[l], db[l] right to left;
* with W[l] scaled by 1/sqrt(n[l-1]) (the course's deep initialization) the cost falls to near
  zero (``cost.png``): train accuracy 100 %, test accuracy about 99.8 %;
* with the shallow networks' randn * 0.01 the signal shrinks by a factor of 30 or more per
  layer (mean |A3| about 1e-5 at initialization), the gradients vanish, and after the same
  iterations the network still answers "not 0" for everything: about 90 %, the share of
  non-zeros (the flat curve in ``cost.png``).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from lesson import load_digits_is_it_a_zero, make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import Tensor, viz
from autograd_nn.nn import Model, accuracy, logistic_cost, predict, train

NAME = "deep_network"


def L_layer_model(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: list[int],
    learning_rate: float,
    num_iterations: int,
    initialization: str,
) -> tuple[Model, list[int], list[float]]:
    """ReLU hidden layers, sigmoid output, gradient descent; returns the model and its costs."""
    model = Model.from_layer_dims(
        layer_dims,
        hidden_activation="relu",
        output_activation="sigmoid",
        initialization=initialization,
        seed=1,
    )
    history = train(
        model, X, Y, num_iterations=num_iterations, learning_rate=learning_rate, record_every=10
    )
    return model, history.iterations, history.costs


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    layer_dims = [64, 20, 7, 5, 1]  # n[0] = 64 pixels; L = 4 layers
    learning_rate = 0.1
    num_iterations = 300 if args.quick else 2500  # the course's L-layer model: 2500

    X_train, Y_train, X_test, Y_test = load_digits_is_it_a_zero()
    print(f"X_train {X_train.shape}, Y_train {Y_train.shape}, X_test {X_test.shape}")
    print(f"layer_dims = {layer_dims}: L = {len(layer_dims) - 1} layers")
    for l in range(1, len(layer_dims)):
        print(f"  W{l} {(layer_dims[l], layer_dims[l - 1])}, b{l} {(layer_dims[l], 1)}")

    results = {}
    for initialization, label in (
        ("scaled", "W[l] = randn / sqrt(n[l-1])"),
        ("random", "W[l] = randn * 0.01"),
    ):
        print(f"\nTraining with {initialization} initialization, {label}:")
        model, iterations, costs = L_layer_model(
            X_train, Y_train, layer_dims, learning_rate, num_iterations, initialization
        )
        for i, cost in zip(iterations, costs, strict=True):
            if i % (num_iterations // 5) == 0 or i == iterations[-1]:
                print(f"  Cost after iteration {i}: {cost:.6f}")
        train_accuracy = accuracy(predict(model, X_train), Y_train)
        test_accuracy = accuracy(predict(model, X_test), Y_test)
        print(f"  train accuracy ({initialization}): {100 * train_accuracy:.2f} %")
        print(f"  test accuracy ({initialization}): {100 * test_accuracy:.2f} %")
        results[initialization] = (model, iterations, costs, label, train_accuracy)

    # Why 0.01 stalls: at initialization, how big is each layer's output? (the vanishing signal)
    print("\nAt initialization, mean |A[l]| layer by layer:")
    for initialization in ("scaled", "random"):
        fresh = Model.from_layer_dims(layer_dims, initialization=initialization, seed=1)
        fresh.forward(X_train)
        sizes = ", ".join(
            f"A{l} {np.abs(fresh.cache[f'A{l}'].data).mean():.2g}"
            for l in range(1, len(layer_dims))
        )
        print(f"  {initialization:>6}: {sizes}")

    # The training curves.
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for _, iterations, costs, label, train_accuracy in results.values():
        ax.plot(iterations, costs, label=f"{label}: train {100 * train_accuracy:.1f} %")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"L-layer network {layer_dims}, learning rate = {learning_rate}")
    ax.legend(loc="upper right", fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(output_dir / "cost.png", dpi=100)
    plt.close(fig)

    # The collapsed graph of the trained network: one box per layer.
    model = results["scaled"][0]
    X = Tensor(X_train, name="X", requires_grad=False)
    Y = Tensor(Y_train, name="Y", requires_grad=False)
    J = logistic_cost(model.forward(X), Y)
    model.zero_grad()
    J.backward()
    viz.save(J, output_dir / "graph_forward.png", mode="forward", collapse=True)
    viz.save(J, output_dir / "graph_backward.png", mode="backward", collapse=True)

    print("\nWhat to notice:")
    print("  - graph_forward.png / graph_backward.png: one box per layer, as in the course;")
    print("    the backward picture carries dW[l], db[l] from layer 4 back to layer 1.")
    print("  - cost.png: the scaled initialization trains; randn * 0.01 in 4 layers stalls,")
    print("    because the activations (and so the gradients) shrink layer after layer.")
    print(f"\nWrote cost.png, graph_forward.png, graph_backward.png to {output_dir}")


if __name__ == "__main__":
    main()
