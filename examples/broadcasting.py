"""Broadcasting: the course's calories table, and the gradient of a broadcast bias.

Run: ``python examples/broadcasting.py [--quick] [--output-dir DIR]``

The course's table (handwritten notes, week 2): calories from carbs, protein and fat in 100 g of
four foods, a (3, 4) matrix A with rows carbs, protein, fat and columns apples, beef, eggs,
potatoes. The percentage of each food's calories from each source is, with no loop::

    cal = A.sum(axis=0)                          # (4,): calories per food
    percentage = 100 * A / cal.reshape(1, 4)     # (3, 4) / (1, 4): the row is stretched to (3, 4)

(the notes print cal as "59. 231. 155.4 76.9"; the beef column adds up to 239: a slip of the
pen.) In a network the same stretching adds the bias: Z = W X + b, b (n, 1) copied across the
m columns; on the way back, db is the upstream gradient summed over those columns, the
course's db = (1/m) np.sum(dZ, axis=1, keepdims=True).

What to notice:

* (3, 4) op (1, 4) stretches the row down, (m, n) op (m, 1) stretches the column across, a
  number stretches everywhere; nothing is copied in memory;
* rank-1 arrays of shape (n,) are neither rows nor columns: a.T is a again, and a @ a.T is a
  number, not a matrix; reshape to (n, 1) or (1, n);
* autograd_nn records the stretching of b as its own node ("broadcast b" in
  ``bias_backward.png``), and that node's backward step is the sum over the m columns: db comes
  out (n, 1), the shape of b, and equals np.sum(dZ, axis=1, keepdims=True).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir, parse_args  # examples/lesson.py

from autograd_nn import Tensor, viz
from autograd_nn.functions import tanh

NAME = "broadcasting"
FOODS = ["Apples", "Beef", "Eggs", "Potatoes"]
SOURCES = ["Carbs", "Protein", "Fat"]
# Calories per 100 g, rows carbs, protein, fat; columns apples, beef, eggs, potatoes.
CALORIES = np.array(
    [
        [56.0, 0.0, 4.4, 68.0],
        [1.2, 104.0, 52.0, 8.0],
        [1.8, 135.0, 99.0, 0.9],
    ]
)


def calories_table(output_dir: Path) -> np.ndarray:
    """The course's percentages, with numpy and with Tensors (and a diagram of the latter)."""
    print("=== 1. The calories table ===\n")
    A = CALORIES
    print("A (3, 4), calories per 100 g:")
    print("         " + "".join(f"{food:>10}" for food in FOODS))
    for source, row in zip(SOURCES, A, strict=True):
        print(f"{source:<9}" + "".join(f"{x:>10.1f}" for x in row))

    cal = A.sum(axis=0)  # (4,): sum over the rows, one total per food
    print(f"\ncal = A.sum(axis=0), shape {cal.shape}: cal = {[round(float(x), 1) for x in cal]}")
    print("(the course's notes print 231 for beef: 0.0 + 104.0 + 135.0 = 239)")
    percentage = 100 * A / cal.reshape(1, 4)  # (3, 4) / (1, 4): broadcast down the rows
    print("\npercentage = 100 * A / cal.reshape(1, 4), shape (3, 4):")
    print("         " + "".join(f"{food:>10}" for food in FOODS))
    for source, row in zip(SOURCES, percentage, strict=True):
        print(f"{source:<9}" + "".join(f"{x:>9.1f}%" for x in row))
    print(f"each column sums to 100: {np.allclose(percentage.sum(axis=0), 100)}")

    # The same with Tensors: data tensors (no gradient), drawn as a forward diagram.
    A_t = Tensor(A, name="A", requires_grad=False)
    cal_t = A_t.sum(axis=0)
    cal_row = cal_t.reshape(1, 4)
    fraction = A_t / cal_row
    percentage_t = 100 * fraction
    same = np.allclose(percentage_t.data, percentage)
    print(f"with Tensors: the same numbers: {same}")
    names = {
        "A": A_t,
        "cal": cal_t,
        "cal_row": cal_row,
        "fraction": fraction,
        "percentage": percentage_t,
    }
    viz.save(percentage_t, output_dir / "calories_forward.png", mode="forward", names=names)

    # A picture of the result: one stacked bar per food.
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    bottom = np.zeros(4)
    for source, row, color in zip(
        SOURCES, percentage, ["#e6ab02", "#d95f02", "#7570b3"], strict=True
    ):
        ax.bar(FOODS, row, bottom=bottom, label=source, color=color)
        for x, (low, height) in enumerate(zip(bottom, row, strict=True)):
            if height > 4:
                ax.text(x, low + height / 2, f"{height:.0f}%", ha="center", va="center")
        bottom += row
    ax.set_ylabel("% of the food's calories")
    ax.set_title("percentage = 100 * A / cal.reshape(1, 4)")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    fig.tight_layout()
    fig.savefig(output_dir / "calories_percentages.png", dpi=100)
    plt.close(fig)
    return percentage


def broadcasting_rules() -> None:
    """The course's small examples, and the rank-1 pitfall."""
    print("\n=== 2. The rules ===\n")
    column = np.array([[1], [2], [3], [4]])
    print(f"(4, 1) + 100 -> {(column + 100).ravel().tolist()} (as a column)")
    M = np.array([[1, 2, 3], [4, 5, 6]])
    row = np.array([[100, 200, 300]])
    print(f"(2, 3) + (1, 3) -> {(M + row).tolist()}: the row is stretched down")
    col = np.array([[100], [200]])
    print(f"(2, 3) + (2, 1) -> {(M + col).tolist()}: the column is stretched across")
    a = np.arange(1.0, 6.0)
    print(f"\nrank-1 a = {a.tolist()}: a.shape = {a.shape}, a.T.shape = {a.T.shape}")
    print(f"a @ a.T = {a @ a.T} (a number: the inner product, not a (5, 5) matrix)")
    a_col = a.reshape(5, 1)
    print(f"a.reshape(5, 1) @ a.reshape(5, 1).T has shape {(a_col @ a_col.T).shape}")


def broadcast_bias(output_dir: Path) -> bool:
    """Z = W X + b with b stretched across m columns; db = sum of dZ over the columns."""
    print("\n=== 3. The gradient of a broadcast bias ===\n")
    rng = np.random.RandomState(1)
    n, n_x, m = 2, 3, 4
    W = Tensor(rng.randn(n, n_x), name="W")
    X = Tensor(rng.randn(n_x, m), name="X", requires_grad=False)
    b = Tensor(np.array([[0.5], [-0.5]]), name="b")
    WX = W @ X  # (2, 4)
    Z = WX + b  # (2, 4) + (2, 1): b is copied across the m = 4 columns
    b_broadcast = Z.parents[1]  # the node the engine recorded for the stretching
    A = tanh(Z)
    J = A.mean()
    J.backward()
    print(f"W {W.shape}, X {X.shape}, b {b.shape}: Z = W X + b has shape {Z.shape}")
    print(f"the engine recorded b -> {b_broadcast.shape} as its own node: {b_broadcast.op.name!r}")
    print("\ndZ = dJ/dZ (2, 4):")
    print(np.array2string(Z.grad, precision=4))
    summed = np.sum(Z.grad, axis=1, keepdims=True)
    print(f"\nnp.sum(dZ, axis=1, keepdims=True) = {summed.ravel().round(6).tolist()}")
    print(f"b.grad = db, shape {b.grad.shape}     = {b.grad.ravel().round(6).tolist()}")
    agree = bool(np.allclose(b.grad, summed))
    print(f"db equals np.sum(dZ, axis=1, keepdims=True): {agree}")
    names = {"W": W, "X": X, "b": b, "WX": WX, "b_broadcast": b_broadcast, "Z": Z, "A": A, "J": J}
    print("\nThe chain rule, edge by edge:")
    print(viz.explain(J, names=names))
    viz.save(J, output_dir / "bias_forward.png", mode="forward", names=names)
    viz.save(J, output_dir / "bias_backward.png", mode="backward", names=names)
    return agree


def main(argv: list[str] | None = None) -> None:
    args = parse_args(NAME, __doc__, argv)
    output_dir = make_output_dir(args)
    calories_table(output_dir)
    broadcasting_rules()
    broadcast_bias(output_dir)
    print("\nWhat to notice:")
    print("  - calories_percentages.png: each food's bar adds up to 100 %: dividing by")
    print("    cal.reshape(1, 4) divided every column by its own total, no loop.")
    print("  - bias_backward.png: 'broadcast b' sends back (2, 4) numbers and the edge to b")
    print("    sums them over the m columns: db has b's shape (2, 1).")
    print(
        "\nWrote calories_percentages.png, calories_forward.png, bias_forward.png, "
        f"bias_backward.png to {output_dir}"
    )


if __name__ == "__main__":
    main()
