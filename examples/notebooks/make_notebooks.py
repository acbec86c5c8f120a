"""Write the example notebooks (nbformat v4, without outputs) from the cells below.

Run: ``python examples/notebooks/make_notebooks.py`` (after editing a cell here), then execute
them to check, e.g. ``jupyter nbconvert --execute --to notebook computation_graph.ipynb`` or the
tests (``tests/test_examples.py`` runs both with nbclient).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

COMPUTATION_GRAPH = [
    (
        "md",
        """# The computation graph of J = 3(a + bc)

The course computes J(a, b, c) = 3(a + bc) in three steps, **u = bc**, **v = a + u**,
**J = 3v**, draws them as a graph, and gets every derivative by walking the graph backward,
right to left, with the chain rule. autograd_nn records the same graph while you compute, and
`J.backward()` does the walk.""",
    ),
    (
        "code",
        """from autograd_nn import Tensor, viz

a = Tensor(5.0, name="a")
b = Tensor(3.0, name="b")
c = Tensor(2.0, name="c")
u = b * c
v = a + u
J = 3 * v
names = {"a": a, "b": b, "c": c, "u": u, "v": v, "J": J}
print(viz.explain_forward(J, names=names))""",
    ),
    (
        "md",
        """## Forward pass, left to right

Each node shows how it was computed and its value: u = 6, v = 11, J = 33.""",
    ),
    ("code", """viz.draw(J, "forward", names=names)"""),
    (
        "md",
        """## Backward pass, right to left

`J.backward()` starts from dJ/dJ = 1 and multiplies by one local derivative per edge. Notice
dJ/db = dJ/du * du/db = 3 * c: the backward pass needs the value c had in the forward pass.""",
    ),
    (
        "code",
        """J.backward()
print(viz.explain(J, names=names))
print()
print(f"dJ/da = {a.grad:g}, dJ/db = {b.grad:g}, dJ/dc = {c.grad:g}")""",
    ),
    ("code", """viz.draw(J, "backward", names=names)"""),
    (
        "md",
        """The same steps written as formulas (the Markdown style renders the fractions):""",
    ),
    (
        "code",
        """from IPython.display import Markdown

Markdown(viz.explain(J, style="markdown", names=names))""",
    ),
    (
        "md",
        """## One step at a time

The backward pass, frame by frame, in the order the engine ran it: the yellow node is being
processed, grey ones have not been reached yet.""",
    ),
    (
        "code",
        """from IPython.display import display

frames = viz.backward_frames(J, names=names)
print(f"{len(frames)} frames")
for frame in frames[:3]:
    display(frame)""",
    ),
    (
        "md",
        """## A derivative is a rate

Nudge a by 0.001 and J moves by about dJ/da * 0.001 = 0.003; nudge b and it moves by about
0.006.""",
    ),
    (
        "code",
        """epsilon = 0.001
for name, (a_, b_, c_) in {
    "a": (5 + epsilon, 3, 2),
    "b": (5, 3 + epsilon, 2),
    "c": (5, 3, 2 + epsilon),
}.items():
    change = 3 * (a_ + b_ * c_) - 33
    print(f"{name} + {epsilon}: J moves by {change:.6f}")""",
    ),
    (
        "md",
        """Try it: change a, b, c (or the formula, e.g. J = 3(a + bc) * c, where c is used twice
and its gradient is the sum of two paths), run the cells again and check the gradients by
hand.""",
    ),
]

TWO_LAYER_NETWORK = [
    (
        "md",
        """# A neural network with one hidden layer: the flower

The course's planar data: 400 points in petals, red (y = 0) or blue (y = 1). Logistic
regression can only draw a line (about 47 %); one hidden layer of 4 tanh units gets about
90 %. Notation: X (n_x, m) = (2, 400), Y (1, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h),
b2 (1, 1).""",
    ),
    (
        "code",
        """%matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from autograd_nn import viz
from autograd_nn.datasets import load_planar_dataset

X, Y = load_planar_dataset()
print(f"X {X.shape}, Y {Y.shape}")
plt.scatter(X[0], X[1], c=Y[0], s=12, cmap=plt.cm.Spectral)
plt.title("the flower data")
plt.show()""",
    ),
    (
        "md",
        """## The model

Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2), and the cost
J = -(1/m) sum(Y log A2 + (1 - Y) log(1 - A2)). W1, W2 start as randn * 0.01 (seed 2, as in
the course), b1, b2 at zero.""",
    ),
    (
        "code",
        """from autograd_nn.nn import Model, logistic_cost

layer_dims = [2, 4, 1]  # n_x, n_h, n_y
model = Model.from_layer_dims(layer_dims, hidden_activation="tanh", seed=2)
A2 = model.forward(X)
J = logistic_cost(A2, Y)
J.backward()
print(f"J = {J.item():.6f}")
for name, grad in model.gradients().items():
    print(f"{name} {grad.shape}")""",
    ),
    (
        "md",
        """## The graph of one forward and backward pass

Every node is a whole matrix: its shape is written in course terms, (n[1], m) and so on. The
red edge from "broadcast b1" to b1 is the sum over the m columns: db1 = (1/m) sum(dZ1).""",
    ),
    ("code", """viz.draw(J, "backward")"""),
    (
        "md",
        """Collapsed, one box per layer, as in the course's figures:""",
    ),
    ("code", """viz.draw(J, "forward", collapse=True)"""),
    (
        "md",
        """## Autodiff vs the course's formulas

dZ2 = A2 - Y, dW2 = (1/m) dZ2 A1^T, db2 = (1/m) sum(dZ2), dZ1 = W2^T dZ2 * (1 - A1^2),
dW1 = (1/m) dZ1 X^T, db1 = (1/m) sum(dZ1): row by row, autodiff gives the same numbers.""",
    ),
    (
        "code",
        """from autograd_nn.compare import compare

report = compare(model, X, Y)
report""",
    ),
    (
        "md",
        """## Training: learning_rate = 1.2, num_iterations = 10000""",
    ),
    (
        "code",
        """from autograd_nn.nn import accuracy, predict, train

history = train(
    model, X, Y, num_iterations=10000, learning_rate=1.2, record_every=1000, print_cost=True
)
print(f"accuracy: {100 * accuracy(predict(model, X), Y):.2f} %")
plt.plot(history.iterations, history.costs)
plt.xlabel("iteration")
plt.ylabel("cost J")
plt.show()""",
    ),
    (
        "code",
        """def plot_decision_boundary(model, X, Y):
    xx, yy = np.meshgrid(
        np.linspace(X[0].min() - 1, X[0].max() + 1, 300),
        np.linspace(X[1].min() - 1, X[1].max() + 1, 300),
    )
    Z = predict(model, np.vstack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)
    plt.scatter(X[0], X[1], c=Y[0], s=12, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)


plot_decision_boundary(model, X, Y)
plt.title("hidden layer of size 4")
plt.show()""",
    ),
    (
        "md",
        """## Watch it learn

The same run again, from the same W[l], with a snapshot every 100 iterations and
`live=True`: the output below updates while it trains (the cost curve, W1 and dW1, the
boundary), then stays as the full replay. Move the slider (or press ←, →, Home, End, P with
the replay focused) to see the boundary bend around the petals while the cost falls; the
first and last iterations' backward passes can be stepped through under it.""",
    ),
    (
        "code",
        """from autograd_nn import viz

model = Model.from_layer_dims(layer_dims, hidden_activation="tanh", seed=2)
history = train(model, X, Y, 10000, learning_rate=1.2, record_every=100, live=True)""",
    ),
    (
        "code",
        """last = history.snapshots[-1]
print(f"{len(history.snapshots)} snapshots; iteration {last.iteration}: cost {last.cost:.6f}")
print(f"accuracy {100 * last.accuracy:.2f} %")
viz.training_player(history, X, Y).save("training.html")  # the same page, as one file
history.player(5000, X, Y)  # the backward pass of iteration 5000, step by step""",
    ),
    (
        "md",
        """## Logistic regression on the same data

A network with no hidden layer (layer_dims [2, 1]) is logistic regression: its boundary is a
straight line.""",
    ),
    (
        "code",
        """lr_model = Model.from_layer_dims([2, 1], initialization="zeros")
train(lr_model, X, Y, num_iterations=2000, learning_rate=1.2)
print(f"logistic regression accuracy: {100 * accuracy(predict(lr_model, X), Y):.2f} %")
plot_decision_boundary(lr_model, X, Y)
plt.title("logistic regression")
plt.show()""",
    ),
    (
        "md",
        """Try it: change n_h (1, 2, 3, 5, 20, 50), the learning rate (0.01, 5) or the
initialization (`initialization="zeros"`) and see what happens to the cost and the
boundary.""",
    ),
]


PRACTISE_BACKPROP = [
    (
        "md",
        """# Practise backprop: three exercises

Reading the chain rule is not doing it. Each exercise below is a graph with blanks: the local
derivative on an edge (**du/db**), the gradient at a node (**dJ/db**, or **dW1** in the course's
names). Fill them in on the page (Check per blank, Check all, Hint, Reveal), or grade your
answers in Python with `ex.grade({...})`: a wrong answer gets its mistake named (the other
operand of a product, the upstream gradient forgotten, a path missing, the 1/m, tanh' taken at
Z instead of A, ...).

`generate(level, seed)` makes a fresh exercise; the same seed gives the same exercise on every
machine, so a teacher can hand each learner their own seed.""",
    ),
    (
        "code",
        """from autograd_nn.exercises import generate

scalar = generate("scalar", seed=1)
print(scalar)""",
    ),
    ("md", """## 1. A scalar graph, like J = 3(a + bc)"""),
    ("code", """scalar"""),
    (
        "md",
        """Grading in Python: one right answer, one with the upstream gradient forgotten (the local
derivative alone).""",
    ),
    (
        "code",
        """first = scalar.blanks[0]
answers = {first.id: first.expected}  # right
for blank in scalar.blanks[1:]:  # and one gradient given as its local derivative alone
    for mistake in blank.mistakes:
        if mistake.kind == "missing upstream" and len(answers) < 2:
            answers[blank.id] = mistake.value
grade = scalar.grade(answers)
print(grade)""",
    ),
    (
        "md",
        """## 2. Logistic regression on one example

z = w1 x1 + w2 x2 + b, a = sigmoid(z), L(a, y): the course's week 2 graph. Its gradients are
named as the course names them: dz = a - y, dw1 = x1 dz, dw2 = x2 dz, db = dz.""",
    ),
    (
        "code",
        """logistic = generate("logistic", seed=2, ask="gradients")
logistic""",
    ),
    (
        "code",
        """by_id = {b.id: b for b in logistic.blanks}
dz = by_id["dz"].expected
print(logistic.grade({"dz": dz, "dw1": dz}).verdicts["dw1"].feedback)""",
    ),
    (
        "md",
        """## 3. The 2-layer network, m = 2

W1 is 2 x 2, tanh in the hidden layer, sigmoid at the output, J = (1/m) sum L. A classic
mistake: tanh'(Z1) computed from Z1 instead of from A1 = tanh(Z1).""",
    ),
    (
        "code",
        """network = generate("two-layer", seed=3)
by_id = {b.id: b for b in network.blanks}
print(by_id["dA1/dZ1"].hint)  # the local derivative of A1 = tanh(Z1)
# the table of named mistakes holds what dZ1 would be with tanh' taken at Z1:
(wrong,) = [m.value for m in by_id["dZ1"].mistakes if m.kind == "wrong point"]
print(network.grade({"dZ1": wrong}).verdicts["dZ1"].feedback)""",
    ),
    ("code", """network"""),
    (
        "md",
        """Save any exercise as one page that opens offline in a browser:
`network.save("two-layer.html")`. On the command line:
`autograd-nn exercise --generate two-layer --seed 3 --html two-layer.html`.""",
    ),
]


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    notebook = new_notebook()
    notebook.cells = [
        new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        for kind, source in cells
    ]
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number:02d}"  # stable ids: regenerating changes nothing else
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def main() -> None:
    for name, cells in (
        ("computation_graph", COMPUTATION_GRAPH),
        ("two_layer_network", TWO_LAYER_NETWORK),
        ("practise_backprop", PRACTISE_BACKPROP),
    ):
        notebook = build(cells)
        nbformat.validate(notebook)
        path = HERE / f"{name}.ipynb"
        nbformat.write(notebook, path)
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
