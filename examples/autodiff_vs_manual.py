"""Autodiff next to the course's hand-derived backprop, then two wrong gradients caught and found.

Run: ``python examples/autodiff_vs_manual.py [--quick] [--output-dir DIR]``

The 2-layer tanh network of the flower example (layer_dims [2, 4, 1]), trained a little so
the gradients are not tiny, is differentiated three ways: by autodiff (``J.backward()``), by
the course's formulas (``autograd_nn.reference``, the vectorized backprop written in numpy)
and by centered finite differences (the course's gradient check). Then a learner's own
``backward_propagation`` with a mistake goes through the same comparison.

What to notice:

* every row of the table agrees to 1e-12 or better: autodiff computes exactly the course's
  dZ2 = A2 - Y, dW2 = (1/m) dZ2 A1^T, ..., dZ1 = W2^T dZ2 * (1 - A1^2), dW1 = (1/m) dZ1 X^T;
* the dZ and dA columns carry a factor m: the course puts 1/m inside dW and db only, so its
  dZ[l] is m times the dJ/dZ[l] of the mean cost that autodiff computes;
* the rows run in backward order (dZ2, dW2, db2, dA1, dZ1, ...), so the first row that
  disagrees is where the mistake was made: every row before it is right, every row after it
  may just inherit it;
* bug 1, tanh'(Z1) written as 1 - A1 instead of 1 - A1^2, is found at dZ1; bug 2, dW1 without
  its 1/m, at dW1 (m = 400 times too large); ``relative_differences.png`` shows both.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn.compare import ComparisonReport, compare
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, train

NAME = "autodiff_vs_manual"


def forward_propagation(parameters: dict[str, np.ndarray], X: np.ndarray) -> dict[str, np.ndarray]:
    """The course's forward pass of the 2-layer network, in numpy: the cache."""
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward_propagation_bug1(
    parameters: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray
) -> dict[str, np.ndarray]:
    """A learner's backprop with the tanh derivative written wrong (1 - A1 for 1 - A1^2)."""
    m = X.shape[1]
    cache = forward_propagation(parameters, X)
    A1, A2 = cache["A1"], cache["A2"]
    W2 = parameters["W2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * dZ2 @ A1.T
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (1 - A1)  # BUG: tanh'(Z1) = 1 - A1**2
    dW1 = (1 / m) * dZ1 @ X.T
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def backward_propagation_bug2(
    parameters: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray
) -> dict[str, np.ndarray]:
    """A learner's backprop that forgets the 1/m in dW1."""
    m = X.shape[1]
    cache = forward_propagation(parameters, X)
    A1, A2 = cache["A1"], cache["A2"]
    W2 = parameters["W2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * dZ2 @ A1.T
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (1 - A1**2)
    dW1 = dZ1 @ X.T  # BUG: dW1 = (1/m) dZ1 X^T
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def plot_relative_differences(reports: dict[str, ComparisonReport], path: Path) -> None:
    """One bar per row of each report, log scale: where the formulas stop agreeing."""
    floor = 1e-18  # exact agreement (0) drawn at the floor of the log scale
    fig, axes = plt.subplots(1, len(reports), figsize=(5 * len(reports), 4), sharey=True)
    for ax, (title, report) in zip(np.ravel(axes), reports.items(), strict=True):
        names = [row.name for row in report.rows]
        values = [max(row.relative_difference, floor) for row in report.rows]
        first = report.first_mismatch
        colors = [
            "#d62728" if not row.matches else "#2ca02c" for row in report.rows
        ]  # red: disagrees
        ax.bar(names, values, color=colors, bottom=floor)
        ax.axhline(report.tolerance, color="k", linestyle="--", linewidth=1)
        ax.text(0, report.tolerance * 3, f"tolerance {report.tolerance:g}", fontsize=8)
        ax.set_yscale("log")
        ax.set_ylim(floor, 10)
        found = f"first mismatch: {first.name}" if first else "all rows agree"
        ax.set_title(f"{title}\n{found}", fontsize=10)
        ax.set_xlabel("rows in backward order")
        ax.tick_params(axis="x", labelrotation=45)
    np.ravel(axes)[0].set_ylabel("relative difference to autodiff")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    num_iterations = 100 if args.quick else 1000

    X, Y = load_planar_dataset()
    layer_dims = [2, 4, 1]
    model = Model.from_layer_dims(layer_dims, hidden_activation="tanh", seed=2)
    train(model, X, Y, num_iterations=num_iterations, learning_rate=1.2)
    print(f"The flower network {layer_dims} after {num_iterations} iterations, m = {X.shape[1]}.")

    print("\n=== 1. Autodiff vs the course's formulas (and finite differences) ===\n")
    report = compare(model, X, Y, finite_differences=True)
    print(report)
    print(f"\nall rows agree: {report.ok}")

    print("\n=== 2. A learner's backprop with tanh'(Z1) written as 1 - A1 ===\n")
    report_bug1 = compare(model, X, Y, manual=backward_propagation_bug1)
    print(report_bug1)
    first1 = report_bug1.first_mismatch
    print(f"\nbug 1, first mismatch: {first1.name if first1 else None}")

    print("\n=== 3. A learner's backprop with dW1 missing its 1/m ===\n")
    report_bug2 = compare(model, X, Y, manual=backward_propagation_bug2)
    print(report_bug2)
    first2 = report_bug2.first_mismatch
    print(f"\nbug 2, first mismatch: {first2.name if first2 else None}")

    plot_relative_differences(
        {
            "the course's formulas": report,
            "bug 1: dZ1 = dA1 * (1 - A1)": report_bug1,
            "bug 2: dW1 = dZ1 X^T": report_bug2,
        },
        output_dir / "relative_differences.png",
    )

    print("\nWhat to notice:")
    print(
        "  - table 1: autodiff and the hand-derived formulas agree to rounding (1e-12 or better),"
    )
    print("    and both agree with finite differences (the course's gradient check).")
    print("  - the first disagreeing row, in backward order, is where the bug is:")
    print(
        f"    bug 1 at {first1.name if first1 else '-'} (its g'), bug 2 at "
        f"{first2.name if first2 else '-'} (its 1/m); later rows only inherit bug 1."
    )
    print(f"\nWrote relative_differences.png to {output_dir}")


if __name__ == "__main__":
    main()
