"""``autograd-nn export``: a parameters file as a standalone PyTorch script.

``autograd-nn export params.npz --layers 2,4,1 --activation tanh --torch net.py`` reads W1, b1,
..., WL, bL (written by ``save_parameters``), builds the Model of those layers and writes
``net.py`` with :func:`~autograd_nn.pytorch.export_script`. With ``--learning-rate`` the script
has the training loop (gradient descent, momentum or Adam, from ``--optimizer``); without it,
the network, its parameters, ``forward`` and the cost only (the file records no learning rate).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..compare.command import layers_argument
from ..nn import ACTIVATIONS, Adam, GradientDescent, Model, Momentum, load_parameters
from .script import export_script

OPTIMIZERS = {"gradient_descent": GradientDescent, "momentum": Momentum, "adam": Adam}


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"a positive number, got {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"a whole number >= 0, got {text!r}")
    return int(text)


def add_export_command(subparsers: Any) -> None:
    """Register ``export`` on an argparse subparsers object (its ``run`` is
    :func:`run_export_command`)."""
    parser = subparsers.add_parser(
        "export",
        help="a parameters file (.npz) as a standalone PyTorch script",
        description=(
            "Write a PyTorch script (it imports torch only) that builds the network of "
            "--layers and --activation, loads the parameters of PARAMETERS (W1, b1, ..., WL, "
            "bL, written by save_parameters) and, with --learning-rate, trains it the same way."
        ),
    )
    parser.add_argument("parameters", metavar="PARAMETERS", help="the .npz file of W1, b1, ...")
    parser.add_argument(
        "--layers", type=layers_argument, required=True, help="n[0],...,n[L], e.g. 2,4,1"
    )
    parser.add_argument(
        "--activation",
        default="relu",
        choices=[a for a in ACTIVATIONS if a != "softmax"],
        help="hidden activation g[1..L-1] (default relu)",
    )
    parser.add_argument(
        "--output-activation",
        default="sigmoid",
        choices=list(ACTIVATIONS),
        help="output activation g[L] (default sigmoid)",
    )
    parser.add_argument("--torch", required=True, metavar="SCRIPT", help="the script, e.g. net.py")
    parser.add_argument(
        "--learning-rate", type=_positive, help="alpha; gives the script its training loop"
    )
    parser.add_argument(
        "--optimizer", choices=list(OPTIMIZERS), default="gradient_descent", help="the update"
    )
    parser.add_argument(
        "--num-iterations", type=_count, default=1000, help="iterations of `python SCRIPT`"
    )
    parser.add_argument("--float32", action="store_true", help="a float32 network")
    parser.set_defaults(run=run_export_command)


def run_export_command(args: argparse.Namespace) -> int:
    """Write the script; print what was written. Returns the exit status."""
    model = Model.from_layer_dims(
        args.layers, args.activation, args.output_activation, initialization="zeros"
    )
    load_parameters(args.parameters, model)
    train = args.learning_rate is not None
    optimizer = (
        OPTIMIZERS[args.optimizer](model.parameters(), args.learning_rate) if train else None
    )
    try:
        written = export_script(
            model,
            args.torch,
            train=train,
            optimizer=optimizer,
            num_iterations=args.num_iterations,
            dtype="float32" if args.float32 else "float64",
        )
    except ImportError as error:
        print(f"autograd-nn export: error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if not train:
        print("no --learning-rate: the script has no training loop (give one to add it)")
    return 0
