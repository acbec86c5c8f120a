"""The ``autograd-nn train`` subcommand: train one of the course's networks and write its replay.

``autograd-nn train --dataset flower --layers 2,4,1 --activation tanh --iterations 10000
--html training.html`` is the course's flower run: the data of ``load_planar_dataset()`` (the
course's seed 1), W[l] = randn * 0.01 from seed 2, learning_rate = 1.2. It prints the cost
every 1000 iterations as the course does, the accuracy of the trained model (90.75 %), and
writes the training replay (:func:`autograd_nn.viz.training_player`) when ``--html`` is given.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from . import datasets
from .nn import Model, accuracy, predict, train
from .nn.initializers import parse_layer_dims

DATASETS = {
    "flower": lambda m, seed: datasets.load_planar_dataset(m=m, seed=seed),
    "circles": lambda m, seed: datasets.make_circles(m=m, seed=seed),
    "moons": lambda m, seed: datasets.make_moons(m=m, seed=seed),
    "linear": lambda m, seed: datasets.make_linearly_separable(m=m, seed=seed),
}
"""The two-feature data sets by name: (m, seed) -> (X (2, m), Y (1, m))."""

DATA_SEEDS = {"flower": 1, "circles": 0, "moons": 0, "linear": 0}
"""Each data set's default seed (the flower's 1 is the course's)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``autograd-nn train``."""
    parser.add_argument(
        "--dataset", choices=sorted(DATASETS), default="flower", help="the data (default: flower)"
    )
    parser.add_argument(
        "--layers",
        default="2,4,1",
        help="layer_dims n[0],...,n[L] (n[0] = 2 features, n[L] = 1; default: 2,4,1)",
    )
    parser.add_argument(
        "--activation",
        default="tanh",
        choices=("tanh", "relu", "leaky_relu", "sigmoid"),
        help="g[l] of the hidden layers (default: tanh, the flower network's)",
    )
    parser.add_argument(
        "--initialization",
        default="random",
        choices=("random", "xavier", "scaled", "he"),
        help="W[l]: randn * 0.01 (random, the course's shallow networks; default), or scaled",
    )
    parser.add_argument(
        "--iterations", type=int, default=10000, help="num_iterations (default: 10000)"
    )
    parser.add_argument(
        "--learning-rate", type=float, default=1.2, help="alpha (default: 1.2, the course's)"
    )
    parser.add_argument(
        "--record-every", type=int, default=100, help="a snapshot every k iterations (100)"
    )
    parser.add_argument("--m", type=int, default=400, help="number of examples (default: 400)")
    parser.add_argument(
        "--seed", type=int, default=2, help="seed of W[l] (default: 2, the course's)"
    )
    parser.add_argument(
        "--data-seed", type=int, default=None, help="seed of the data (default: flower 1, else 0)"
    )
    parser.add_argument(
        "--html", metavar="FILE", help="write the training replay, e.g. training.html"
    )
    parser.add_argument(
        "--backward",
        choices=("ends", "none"),
        default="ends",
        help="keep the first and last backward passes in the page (ends, the default) or not",
    )


def run(args: argparse.Namespace, error: type[Exception]) -> int:
    """``autograd-nn train``; mistakes raise ``error`` (the command's UserError)."""
    from . import viz

    dims = _check(args, error)
    seed = DATA_SEEDS[args.dataset] if args.data_seed is None else args.data_seed
    X, Y = DATASETS[args.dataset](args.m, seed)
    model = Model.from_layer_dims(
        dims, hidden_activation=args.activation, initialization=args.initialization, seed=args.seed
    )
    print(
        f"autograd-nn train: {args.dataset} (X {X.shape}, Y {Y.shape}), layer_dims {dims}, "
        f"{args.activation} hidden, sigmoid output, W[l] {args.initialization} from seed "
        f"{args.seed}, learning_rate = {args.learning_rate:g}, {args.iterations:,} iterations"
    )
    started = time.perf_counter()
    history = train(
        model,
        X,
        Y,
        args.iterations,
        args.learning_rate,
        record_every=args.record_every,
        snapshots=bool(args.html),
    )
    seconds = time.perf_counter() - started
    for i, cost in zip(history.iterations, history.costs, strict=True):
        if i % 1000 == 0 or i == history.iterations[-1]:
            print(f"Cost after iteration {i}: {cost:.6f}")
    score = accuracy(predict(model, X), Y)
    print(f"accuracy: {100 * score:.2f} % (trained in {seconds:.1f} s)")
    if args.html:
        replay = viz.training_player(history, X, Y, backward=args.backward)
        path = replay.save(args.html)
        print(
            f"wrote {path} ({len(history.snapshots)} snapshots, "
            f"{path.stat().st_size / 1e6:.2f} MB): open it in a browser to watch it learn"
        )
    return 0


def _check(args: argparse.Namespace, error: type[Exception]) -> list[int]:
    """The options that argparse cannot check alone; layer_dims on success."""
    try:
        dims = parse_layer_dims(args.layers)
    except ValueError as problem:
        raise error(str(problem)) from None
    if dims[0] != 2 or dims[-1] != 1:
        raise error(
            f"--layers {args.layers}: the {args.dataset} data has n[0] = 2 features and one "
            "label, so layer_dims must start with 2 and end with 1 (e.g. 2,4,1)"
        )
    if max(dims) > 1000:
        raise error(f"--layers {args.layers}: at most 1000 units a layer")
    limits: dict[str, Any] = {
        "--iterations": (args.iterations, 0, 10_000_000),
        "--record-every": (args.record_every, 1, 10_000_000),
        "--m": (args.m, 2, 100_000),
    }
    for option, (value, low, high) in limits.items():
        if not low <= value <= high:
            raise error(f"{option} must be from {low:,} to {high:,}, got {value}")
    if args.dataset == "flower" and args.m % 2:
        raise error(f"--m {args.m}: the flower has m / 2 points a class, so m must be even")
    if not (np.isfinite(args.learning_rate) and args.learning_rate > 0):
        raise error(f"--learning-rate must be a positive number, got {args.learning_rate}")
    for option, value in (("--seed", args.seed), ("--data-seed", args.data_seed)):
        if value is not None and not 0 <= value < 2**32:
            raise error(f"{option} must be from 0 to 2**32 - 1, got {value}")
    if args.html:
        path = Path(args.html)
        if path.suffix.lower() not in (".html", ".htm"):
            raise error(f"--html writes an HTML page: give a name ending in .html ({path.name!r})")
        if not path.parent.is_dir():
            raise error(f"folder {str(path.parent)!r} does not exist")
    return dims
