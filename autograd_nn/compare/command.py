"""The ``autograd-nn compare`` subcommand: the comparison table from the command line.

``autograd-nn compare --layers 2,4,1 --activation tanh`` builds fresh weights (optionally a few
gradient-descent steps), compares them on the flower or random data and exits with 0 when
every row agrees, 1 on a mismatch, 2 on bad input.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import pathlib
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import reference
from ..datasets import load_planar_dataset
from ..nn import Model
from ..nn.initializers import parse_layer_dims
from .autodiff import autodiff_grads
from .comparison import DEFAULT_TOLERANCE, compare
from .crash import exception_text
from .inputs import ComparisonError, Parameters


def layers_argument(text: str) -> list[int]:
    """An argparse type: ``--layers 2,4,1`` as layer_dims (:func:`parse_layer_dims`)."""
    try:
        return parse_layer_dims(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer >= minimum."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value

    return parse


def _seed(text: str) -> int:
    """An argparse type: a numpy seed, an integer from 0 to 2**32 - 1."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(
            f"must be an integer from 0 to 2**32 - 1 (numpy's seeds), got {text!r}"
        )
    return value


def _random_data(n_x: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    X = rng.randn(n_x, m)
    Y = (rng.rand(1, m) > 0.5).astype(float)
    return X, Y


def _load_function(spec: str, option: str, modules: dict[str, Any]) -> Callable[..., Any]:
    """The function of ``path/to/file.py:function`` or ``package.module:function``.

    A file is run once per command (``modules`` keeps it), so ``--manual`` and ``--forward`` in
    the same file share it. Whatever goes wrong (no file, a syntax error, a missing import, an
    error while the file runs) is a ComparisonError naming the option and the file.
    """
    where, _, function = spec.rpartition(":")
    if not where or not function:
        raise ComparisonError(f"{option} must be FILE.py:FUNCTION or MODULE:FUNCTION, got {spec!r}")
    if where not in modules:
        try:
            if where.endswith(".py"):
                path = pathlib.Path(where)
                if not path.is_file():
                    raise ComparisonError(f"{option}: no file {where}")
                found = importlib.util.spec_from_file_location(path.stem, path)
                if found is None or found.loader is None:
                    raise ComparisonError(f"{option}: cannot load {where}")
                module = importlib.util.module_from_spec(found)
                # the course's files import their helpers from the same folder
                # (``from dnn_utils import sigmoid, relu``): let them, while the file runs
                sys.path.insert(0, str(path.resolve().parent))
                try:
                    found.loader.exec_module(module)
                finally:
                    sys.path.remove(str(path.resolve().parent))
            else:
                module = importlib.import_module(where)
        except ComparisonError:
            raise
        except SyntaxError as exc:
            raise ComparisonError(
                f"{option}: {where} has a syntax error, line {exc.lineno}: {exc.msg}"
            ) from exc
        except Exception as exc:
            raise ComparisonError(
                f"{option}: loading {where} raised {exception_text(exc)}"
            ) from exc
        modules[where] = module
    found_function = getattr(modules[where], function, None)
    if not callable(found_function):
        raise ComparisonError(f"{option}: {where} has no function {function!r}")
    return found_function


def _initial_parameters(layer_dims: list[int], activation: str, seed: int) -> Parameters:
    """Fresh weights of the nn Model: W[l] = randn(n[l], n[l-1]) * 0.01, b[l] = 0 (the course's).

    Drawn from ``RandomState(seed)`` in the order W1, ..., WL, as the course's
    ``initialize_parameters_deep`` with the same seed.
    """
    model = Model.from_layer_dims(layer_dims, hidden_activation=activation, seed=seed)
    return model.get_parameters()


def run_compare_command(args: argparse.Namespace) -> int:
    """Run ``autograd-nn compare`` for parsed arguments; print the table; return the exit code.

    Returns:
        0 when every row agrees (and the gradient check, if asked, is fine), 1 on a mismatch,
        2 on bad input (the message goes to stderr, "autograd-nn compare: error: ...", as
        argparse's usage errors do, so the table on stdout is never mixed with it).
    """
    try:
        layer_dims = args.layers
        if args.dataset == "flower":  # the course's planar data, X (2, m)
            X, Y = load_planar_dataset(args.m, seed=args.seed)
        else:
            X, Y = _random_data(layer_dims[0], args.m, args.seed)
        if X.shape[0] != layer_dims[0]:
            raise ComparisonError(
                f"--layers starts with n[0] = {layer_dims[0]} but the {args.dataset} data has "
                f"n_x = {X.shape[0]} features"
            )
        parameters = _initial_parameters(layer_dims, args.activation, args.seed)
        for _ in range(args.steps):
            grads = autodiff_grads(parameters, X, Y, hidden_activation=args.activation)
            parameters = reference.update_parameters(parameters, grads, args.learning_rate)
        modules: dict[str, Any] = {}
        manual = _load_function(args.manual, "--manual", modules) if args.manual else None
        forward = _load_function(args.forward, "--forward", modules) if args.forward else None
        report = compare(
            parameters,
            X,
            Y,
            hidden_activation=args.activation,
            manual=manual,
            forward=forward,
            finite_differences=args.finite_differences,
            tolerance=args.tolerance,
        )
    except (ComparisonError, ValueError) as exc:
        print(f"autograd-nn compare: error: {exc}", file=sys.stderr)
        return 2
    if args.steps:
        print(f"after {args.steps} gradient-descent steps (learning_rate = {args.learning_rate})")
    print(report.to_markdown() if args.markdown else report)
    return 0 if report.ok else 1


def add_compare_command(subparsers: Any) -> None:
    """Register ``compare`` on an argparse subparsers object.

    ``autograd-nn compare --layers 2,4,1 --activation tanh --m 50 --seed 1 --dataset flower
    --steps 0`` prints the comparison table and exits with 0 when autodiff and the formulas
    agree, 1 otherwise. The parser's default ``func`` is :func:`run_compare_command` (call
    ``args.func(args)`` and use the returned exit code).

    Args:
        subparsers: the object returned by ``ArgumentParser.add_subparsers()``.
    """
    parser = subparsers.add_parser(
        "compare",
        help="autodiff vs the course's backprop formulas, layer by layer",
        description=(
            "Compare autodiff's gradients with the course's hand-derived backprop formulas "
            "(dZ, dW, db, dA for each layer, in backward order), or with your own function."
        ),
    )
    parser.add_argument(
        "--layers",
        type=layers_argument,
        default=[2, 4, 1],
        help="layer_dims n[0],n[1],...,n[L] (default 2,4,1; n[L] must be 1)",
    )
    parser.add_argument(
        "--activation",
        default="tanh",
        choices=[a for a in reference.ACTIVATIONS],
        help="hidden activation g[1..L-1] (default tanh); the output is sigmoid",
    )
    parser.add_argument("--m", type=_count(1), default=50, help="number of examples (default 50)")
    parser.add_argument(
        "--seed", type=_seed, default=1, help="seed of data and weights (default 1)"
    )
    parser.add_argument(
        "--dataset",
        choices=["flower", "random"],
        default="flower",
        help="the course's flower data (n_x = 2) or seeded random data",
    )
    parser.add_argument(
        "--steps",
        type=_count(0),
        default=0,
        help="gradient-descent steps before comparing (default 0: fresh weights)",
    )
    parser.add_argument(
        "--learning-rate",
        type=float,
        default=1.2,
        help="learning rate of those steps (default 1.2, the flower network's)",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help="relative difference up to which a row is ok (default 1e-7)",
    )
    parser.add_argument(
        "--finite-differences",
        action="store_true",
        help="also run the course's gradient check on dW and db",
    )
    parser.add_argument(
        "--manual",
        metavar="FILE.py:FUNCTION",
        help=(
            "your own backprop instead of the reference: f(parameters, X, Y), "
            "backward_propagation(parameters, cache, X, Y) (week 3) or "
            "L_model_backward(AL, Y, caches) (week 4), returning grads"
        ),
    )
    parser.add_argument(
        "--forward",
        metavar="FILE.py:FUNCTION",
        help=(
            "the forward pass that makes the cache of your week-3/4 backward, "
            "forward(X, parameters) -> (AL, cache) (default: forward_propagation or "
            "L_model_forward in the --manual file)"
        ),
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.set_defaults(func=run_compare_command)
