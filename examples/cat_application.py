"""Cat or not: the course's week-4 application, a 2-layer and an L-layer network on its pictures.

Run: ``python examples/cat_application.py [FOLDER] [--quick] [--output-dir DIR]``

FOLDER holds ``train_catvnoncat.h5`` and ``test_catvnoncat.h5``, the course's pictures (209 to
train on, 50 to test on, 64x64 RGB); the course provides them in the datasets/ folder of the
week 4 assignment "Deep Neural Network - Application", and they are not shipped with
autograd_nn. Without FOLDER the script reads the folder named by the environment variable
``AUTOGRAD_NN_CAT_DATA``, else ``datasets/`` in the current directory (the course's layout).
When the files are not there it says how to get them and exits with status 0. Reading them
needs h5py: ``pip install "autograd-nn[cat]"``.

The course's two models, trained as the course trains them: gradient descent with
learning_rate = 0.0075 for 2500 iterations (``--quick``: 100), ReLU hidden layers, a sigmoid
output, the logistic cost, seed 1:

* the course's ``two_layer_model``: layer_dims (12288, 7, 1), W[l] = randn * 0.01;
* the course's ``L_layer_model``: layer_dims [12288, 20, 7, 5, 1], W[l] = randn / sqrt(n[l-1]).

``load_catvnoncat`` prepares X as the course does (each picture unrolled into a column of
12288 = 64 * 64 * 3 pixels, scaled by 1/255); every dW[l], db[l] comes from ``J.backward()``.

What to notice:

* the course reports a 2-layer test accuracy of 72 % and an L-layer one of 80 % (training
  accuracy 100 % and 98.6 %): with the same initialization, seed and iterations these runs
  print their own figures next to those;
* both fit the 209 training pictures almost perfectly; the deeper network generalizes better
  (``cost.png``: both costs fall, the L-layer one from a higher start);
* ``misclassified.png`` shows test pictures the L-layer network gets wrong, with its answer:
  the course points at unusual poses, colours close to the background, scale.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from lesson import make_output_dir  # examples/lesson.py (also selects matplotlib's Agg)

from autograd_nn.datasets import (
    CAT_FILES,
    DatasetError,
    DatasetNotFoundError,
    LabelledImages,
    load_catvnoncat,
)
from autograd_nn.nn import History, Model, accuracy, predict, train

NAME = "cat_application"
ENVIRONMENT_VARIABLE = "AUTOGRAD_NN_CAT_DATA"
LEARNING_RATE = 0.0075  # the course's, for both models


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help=f"the folder with {CAT_FILES[0]} and {CAT_FILES[1]} (default: "
        f"${ENVIRONMENT_VARIABLE}, else datasets/)",
    )
    parser.add_argument("--quick", action="store_true", help="100 iterations (for the tests)")
    parser.add_argument(
        "--output-dir", type=Path, default=Path("out/examples") / NAME, help="where PNGs go"
    )
    return parser.parse_args(argv)


def data_folder(args: argparse.Namespace) -> Path:
    """FOLDER, else $AUTOGRAD_NN_CAT_DATA, else datasets/ (where the course's notebooks keep it)."""
    if args.folder is not None:
        return args.folder
    return Path(os.environ.get(ENVIRONMENT_VARIABLE) or "datasets")


def how_to_get_the_data(reason: str) -> str:
    return "\n".join(
        [
            f"The course's cat pictures are not here: {reason}",
            "",
            f"This lesson needs {CAT_FILES[0]} and {CAT_FILES[1]}, which the course provides (the",
            'datasets/ folder of the week 4 assignment "Deep Neural Network - Application");',
            "they are not shipped with autograd_nn. Put both files in one folder, then run",
            "",
            "    python examples/cat_application.py path/to/that/folder",
            "",
            f"or set {ENVIRONMENT_VARIABLE}=path/to/that/folder. Reading them needs h5py:",
            '    pip install "autograd-nn[cat]"',
        ]
    )


def course_model(
    X: np.ndarray, Y: np.ndarray, layers_dims: list[int], initialization: str, num_iterations: int
) -> tuple[Model, History]:
    """The course's ``two_layer_model`` and ``L_layer_model``: [LINEAR -> RELU] * (L-1) ->
    LINEAR -> SIGMOID, gradient descent on the logistic cost, W[l] drawn with seed 1.

    ``initialization``: "random" (randn * 0.01, the 2-layer model's) or "scaled"
    (randn / sqrt(n[l-1]), the L-layer model's).
    """
    model = Model.from_layer_dims(
        layers_dims, hidden_activation="relu", initialization=initialization, seed=1
    )
    history = train(model, X, Y, num_iterations, LEARNING_RATE, print_cost=True)
    return model, history


def plot_costs(histories: dict[str, History], path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, history in histories.items():
        ax.plot(history.iterations, history.costs, marker=".", label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(f"Cat or not: gradient descent, learning_rate = {LEARNING_RATE}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_misclassified(
    test: LabelledImages, prediction: np.ndarray, classes: list[str], path: Path
) -> int:
    """Up to 8 test pictures the model gets wrong, titled with its answer; returns how many."""
    wrong = np.flatnonzero(prediction[0] != test.Y[0])
    shown = wrong[:8]
    columns = min(max(len(shown), 1), 4)
    rows = max(1, -(-len(shown) // columns))
    fig, axes = plt.subplots(
        rows, columns, figsize=(2.6 * columns, 2.9 * rows + 0.4), layout="constrained"
    )
    axes = np.atleast_1d(axes).ravel()
    for ax, i in zip(axes, shown, strict=False):
        ax.imshow(test.images[i])
        ax.set_title(
            f"says {classes[int(prediction[0, i])]}, is {classes[int(test.Y[0, i])]}",
            fontsize=9,
        )
    for ax in axes:
        ax.axis("off")
    if len(shown) == 0:
        axes[0].text(0.5, 0.5, "no test picture misclassified", ha="center", va="center")
    fig.suptitle(
        f"Test pictures the L-layer network gets wrong ({len(wrong)} of {test.Y.shape[1]})"
    )
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return len(wrong)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    folder = data_folder(args)
    try:
        train_set, test_set, classes = load_catvnoncat(folder)
    except DatasetNotFoundError as error:
        print(how_to_get_the_data(str(error).split(". ")[0].removeprefix("load_catvnoncat: ")))
        return 0
    except (DatasetError, ModuleNotFoundError) as error:
        print(f"cat_application: {error}", file=sys.stderr)
        return 1
    output_dir = make_output_dir(args)
    num_iterations = 100 if args.quick else 2500  # the course's: 2500 for both models
    X_train, Y_train, X_test, Y_test = train_set.X, train_set.Y, test_set.X, test_set.Y
    print(f"train_x {X_train.shape}, train_y {Y_train.shape}; test_x {X_test.shape}")
    print(f"classes: {classes}; cats in the training set: {int(Y_train.sum())} of "
          f"{Y_train.shape[1]}")  # fmt: skip

    runs = [  # (model, layers_dims, initialization, the course's test accuracy after 2500)
        ("2-layer (12288, 7, 1)", [12288, 7, 1], "random", 72),
        ("L-layer [12288, 20, 7, 5, 1]", [12288, 20, 7, 5, 1], "scaled", 80),
    ]
    histories: dict[str, History] = {}
    for label, layers_dims, initialization, course_test in runs:
        print(f"\n{label}, {num_iterations} iterations:")
        model, histories[label] = course_model(
            X_train, Y_train, layers_dims, initialization, num_iterations
        )
        train_accuracy = 100 * accuracy(predict(model, X_train), Y_train)
        test_accuracy = 100 * accuracy(predict(model, X_test), Y_test)
        print(
            f"accuracy, {label}: train {train_accuracy:.1f} %, test {test_accuracy:.1f} % "
            f"(the course, 2500 iterations: test {course_test} %)"
        )

    plot_costs(histories, output_dir / "cost.png")
    prediction = predict(model, X_test)  # the L-layer network, trained last
    wrong = plot_misclassified(test_set, prediction, classes, output_dir / "misclassified.png")
    print(f"\nthe L-layer network gets {wrong} of {Y_test.shape[1]} test pictures wrong")
    print(f"pictures in {output_dir}: cost.png, misclassified.png")
    print("\nWhat to notice:")
    print("* the test accuracies next to the course's 72 % (2-layer) and 80 % (L-layer)")
    print("* cost.png: both costs fall; the L-layer network starts higher")
    print("* misclassified.png: the test pictures the L-layer network gets wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
