"""What every lesson in examples/ shares, so each script can keep to its own lesson.

* the command-line options of every lesson: ``--quick`` (fewer iterations, for the tests) and
  ``--output-dir DIR`` (default ``out/examples/NAME`` under the current directory), and the
  creation of that folder;
* matplotlib's "Agg" backend: importing this module selects it, so the lessons write PNG files
  and never try to open a window;
* the data set two lessons learn from (``logistic_regression.py``, ``deep_network.py``): the
  8x8 digits as the course's cat pictures, "is it a 0?".

The scripts import it as ``from lesson import ...``: ``python examples/NAME.py`` puts the
examples/ folder on ``sys.path``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")  # pictures go to files; no window, no display needed


def parse_args(name: str, doc: str, argv: list[str] | None = None) -> argparse.Namespace:
    """``--quick`` and ``--output-dir`` (default out/examples/NAME); doc's first line is --help."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="quick settings (for the tests)")
    parser.add_argument(
        "--output-dir", type=Path, default=Path("out/examples") / name, help="where PNGs go"
    )
    return parser.parse_args(argv)


def make_output_dir(args: argparse.Namespace) -> Path:
    """The folder the pictures go to (``args.output_dir``), created if it is missing."""
    output_dir: Path = args.output_dir
    output_dir.mkdir(parents=True, exist_ok=True)
    return output_dir


def load_digits_is_it_a_zero(
    test_size: float = 0.25, seed: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """sklearn's 8x8 digits as the course's cat data: X (64, m) in [0, 1], Y (1, m) = 1 for a 0.

    Returns X_train, Y_train, X_test, Y_test; the split keeps the share of 0s (about 10 %) the
    same in both parts.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X_rows = digits.images.reshape(digits.images.shape[0], -1)  # (m, 64): unroll each image
    Y_rows = (digits.target == 0).astype(np.float64)  # "is it a 0": 1, else 0
    X_train_rows, X_test_rows, Y_train_rows, Y_test_rows = train_test_split(
        X_rows, Y_rows, test_size=test_size, random_state=seed, stratify=Y_rows
    )
    # One example per column, as the course: X (n_x, m), Y (1, m); pixels 0..16 scaled to [0, 1].
    X_train = X_train_rows.T / 16.0
    X_test = X_test_rows.T / 16.0
    Y_train = Y_train_rows.reshape(1, -1)
    Y_test = Y_test_rows.reshape(1, -1)
    return X_train, Y_train, X_test, Y_test
