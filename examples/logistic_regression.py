"""Logistic regression on images unrolled into feature vectors, as in the course's cat example.

Run: ``python examples/logistic_regression.py [--quick] [--output-dir DIR]``

The course unrolls each 64x64x3 cat picture into a column of 12288 numbers, scales them to
[0, 1] and trains z = w^T x + b, a = sigmoid(z) with gradient descent from w = 0. Here the
images are scikit-learn's 8x8 handwritten digits (1797 of them, shipped inside the package) and
the question is "is it a 0?": each image becomes a column of 64 numbers, X is (64, m) and Y is
(1, m). The only difference from the course's code is that dw and db come from
``J.backward()`` instead of the hand-derived dw = (1/m) X dZ^T, db = (1/m) sum(dZ).

What to notice:

* the shapes: X (n_x, m) = (64, m), one image per column; w (64, 1); Z, A, Y (1, m);
* the cost decreases at every iteration (``cost.png``) and zero initialization is fine: there
  is no hidden layer, so there is no symmetry to break;
* train and test accuracy are close: 65 parameters hardly overfit;
* the learned w, drawn as an 8x8 image (``weights.png``), reads like a template of a 0: ink in
  the middle counts strongly against a 0, ink on a ring around it counts for one;
* the few mistakes (``misclassified.png``) are oddly drawn digits, with a close to 0.5.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import load_digits_is_it_a_zero, make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import Tensor, no_grad
from autograd_nn.functions import logistic_loss, sigmoid

NAME = "logistic_regression"


def initialize_with_zeros(dim: int) -> tuple[Tensor, Tensor]:
    """w (dim, 1) and b (1, 1), both zero: fine for logistic regression."""
    w = Tensor(np.zeros((dim, 1)), name="w")
    b = Tensor(np.zeros((1, 1)), name="b")
    return w, b


def propagate(w: Tensor, b: Tensor, X: Tensor, Y: Tensor) -> float:
    """Forward Z = w^T X + b, cost J = (1/m) sum of the losses, then J.backward() for dw, db."""
    Z = w.T @ X + b  # (1, m); b is broadcast across the m columns
    J = logistic_loss(Z, Y).mean()  # the stable form of -(Y log A + (1 - Y) log(1 - A))
    J.backward(keep_grads=False)  # w.grad = dw = (1/m) X dZ^T, b.grad = db = (1/m) sum(dZ)
    return float(J.data)


def optimize(
    w: Tensor,
    b: Tensor,
    X: np.ndarray,
    Y: np.ndarray,
    num_iterations: int,
    learning_rate: float,
    print_every: int,
) -> list[float]:
    """Gradient descent: w := w - alpha dw, b := b - alpha db; returns the cost per iteration."""
    X_t = Tensor(X, name="X", requires_grad=False)
    Y_t = Tensor(Y, name="Y", requires_grad=False)
    costs = []
    for i in range(num_iterations):
        w.zero_grad()
        b.zero_grad()
        cost = propagate(w, b, X_t, Y_t)
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        costs.append(cost)
        if i % print_every == 0 or i == num_iterations - 1:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return costs


def predict_proba(w: Tensor, b: Tensor, X: np.ndarray) -> np.ndarray:
    """A = sigmoid(w^T X + b), (1, m), without recording a graph."""
    with no_grad():
        return sigmoid(w.T @ Tensor(X, requires_grad=False) + b).data


def predict(w: Tensor, b: Tensor, X: np.ndarray) -> np.ndarray:
    """Y_prediction (1, m): 1 where A > 0.5."""
    return (predict_proba(w, b, X) > 0.5).astype(np.float64)


def plot_cost(costs: list[float], learning_rate: float, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(costs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"Logistic regression, 'is it a 0?' (learning rate = {learning_rate})")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_weights(w: Tensor, path: Path) -> None:
    """w (64, 1) folded back into an 8x8 picture: which pixels vote for "0"."""
    fig, ax = plt.subplots(figsize=(4, 4))
    limit = float(np.abs(w.data).max())
    image = ax.imshow(w.data.reshape(8, 8), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title("w as an 8x8 image\nred: ink here says 0, blue: not 0", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_mistakes(
    X: np.ndarray, Y: np.ndarray, A: np.ndarray, sets: list[str], path: Path, count: int = 10
) -> int:
    """A grid of the misclassified images (and, to fill it, the least confident right ones)."""
    Y_prediction = (A > 0.5).astype(np.float64)
    wrong = np.flatnonzero(Y_prediction[0] != Y[0])
    confidence = np.abs(A[0] - 0.5)  # 0: on the decision boundary
    right = np.array([i for i in np.argsort(confidence) if i not in set(wrong)], dtype=int)
    shown = list(wrong[np.argsort(confidence[wrong])][:count])
    shown += list(right[: max(0, count - len(shown))])
    columns = 5
    rows = (len(shown) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(2.3 * columns, 2.9 * rows + 0.6))
    for ax in np.ravel(axes):
        ax.axis("off")
    for ax, i in zip(np.ravel(axes), shown, strict=False):
        ax.imshow(X[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        label = "0" if Y[0, i] == 1 else "not 0"
        guess = "0" if A[0, i] > 0.5 else "not 0"
        is_wrong = i in set(wrong)
        ax.set_title(
            f"{sets[i]}: label {label}\nsays {guess}, a = {A[0, i]:.2f}",
            fontsize=9,
            color="#d62728" if is_wrong else "black",
        )
    fig.suptitle(
        f"{len(wrong)} misclassified image(s) (red), then the least confident right ones",
        fontsize=11,
    )
    fig.tight_layout(h_pad=1.5)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return len(wrong)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    num_iterations = 100 if args.quick else 2000
    learning_rate = 0.5

    X_train, Y_train, X_test, Y_test = load_digits_is_it_a_zero()
    n_x, m_train = X_train.shape
    print(f"X_train {X_train.shape} (n_x = {n_x} pixels per image, m_train = {m_train})")
    print(f"Y_train {Y_train.shape}, X_test {X_test.shape}, Y_test {Y_test.shape}")
    print(f"pixel values in [{X_train.min():g}, {X_train.max():g}]")
    print(f"zeros: {int(Y_train.sum())} of {m_train} training images\n")

    w, b = initialize_with_zeros(n_x)
    costs = optimize(
        w, b, X_train, Y_train, num_iterations, learning_rate, print_every=num_iterations // 10
    )

    train_accuracy = float(np.mean(predict(w, b, X_train) == Y_train))
    test_accuracy = float(np.mean(predict(w, b, X_test) == Y_test))
    print(f"\ntrain accuracy: {100 * train_accuracy:.2f} %")
    print(f"test accuracy: {100 * test_accuracy:.2f} %")

    # Only a tenth of the images are zeros: always answering "not 0" would already score ~90%.
    baseline = 1 - float(Y_test.mean())
    print(f"(always answering 'not 0' would score {100 * baseline:.2f} % on the test set)")

    X_all = np.hstack([X_train, X_test])
    Y_all = np.hstack([Y_train, Y_test])
    A_all = predict_proba(w, b, X_all)
    sets = ["train"] * m_train + ["test"] * X_test.shape[1]
    plot_cost(costs, learning_rate, output_dir / "cost.png")
    plot_weights(w, output_dir / "weights.png")
    n_wrong = plot_mistakes(X_all, Y_all, A_all, sets, output_dir / "misclassified.png")
    missed = int(np.sum((A_all <= 0.5) & (Y_all == 1)))
    false_alarms = int(np.sum((A_all > 0.5) & (Y_all == 0)))
    print(
        f"misclassified images (train + test): {n_wrong} "
        f"({missed} zero(s) missed, {false_alarms} other digit(s) taken for a 0)"
    )

    print("\nWhat to notice:")
    print(f"  - the cost went from {costs[0]:.4f} to {costs[-1]:.4f} (cost.png), from w = 0.")
    print("  - weights.png: w folded back to 8x8: ink in the middle votes strongly against a 0")
    print("    (blue), ink on a ring around it votes for one (red).")
    print("  - misclassified.png: the few mistakes are oddly drawn digits, with a near 0.5.")
    print(f"\nWrote cost.png, weights.png, misclassified.png to {output_dir}")


if __name__ == "__main__":
    main()
