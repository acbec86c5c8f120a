"""The ``autograd-nn`` command: the library's main jobs from a terminal.

Subcommands (each one function, registered in :data:`COMMANDS`):

- ``autograd-nn graph "3*(a + b*c)" a=5 b=3 c=2 -o j.svg``: build an expression in the safe
  expression language (:mod:`autograd_nn.expression`, never ``eval``), print the values, the
  gradients and the chain rule, and write the forward and backward diagrams
  (j-forward.svg, j-backward.svg; or one file with ``--mode``);
- ``autograd-nn demo [--output-dir DIR]``: the course's J = 3(a + bc) end to end, with diagrams
  as SVG and PNG (DOT only, and a hint, when Graphviz is not installed);
- ``autograd-nn compare --layers 2,4,1 --activation tanh``: autodiff against the course's
  hand-derived backprop formulas, layer by layer (:mod:`autograd_nn.compare`);
- ``autograd-nn exercise "3*(a + b*c)" a=5 b=3 c=2 --html ex.html`` or ``autograd-nn exercise
  --generate two-layer --seed 7 --html ex.html``: an exercise page (:mod:`autograd_nn.exercises`).
- ``autograd-nn export params.npz --layers 2,4,1 --activation tanh --torch net.py``: the
  parameters as a standalone PyTorch script (:mod:`autograd_nn.pytorch`).
- ``autograd-nn train --dataset flower --layers 2,4,1 --activation tanh --iterations 10000
  --html training.html``: train a network and write its training replay
  (:mod:`autograd_nn.train_command`).

User mistakes (a refused expression, a missing value, shapes that do not fit, a file that cannot
be written) print ``autograd-nn: error: ...`` to stderr and exit with status 1, never a
traceback; argparse's usage errors exit with status 2 (``compare`` uses 2 for its bad input).

Sizes are checked before anything is allocated: ``graph`` refuses an expression whose values and
results would hold more than :data:`autograd_nn.expression.MAX_ENTRIES` numbers (1,000,000),
and ``compare`` refuses a network and data set over :data:`MAX_ENTRIES` numbers or a run over
:data:`MAX_WORK` multiply-adds (:func:`check_network_size`).

When the reader of the output goes away (``autograd-nn graph ... | head -1``), the command stops
quietly with status 141, as a program stopped by SIGPIPE does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__, train_command
from .compare import add_compare_command, run_compare_command
from .errors import AutogradError
from .expression import ExpressionError, build, parse_value
from .expression import usage as expression_usage
from .files import check_target
from .nn.initializers import check_layer_dims, check_size
from .pytorch.command import add_export_command
from .tensor import Tensor

PROG = "autograd-nn"

MAX_ENTRIES = 5_000_000
"""The most numbers ``compare`` may hold: the parameters plus X, Z[l] and A[l] for the m
examples (a few copies of each are made: about 0.4 GB at the limit)."""

MAX_WORK = 5_000_000_000
"""The most multiply-adds ``compare`` may run (up to about 20 seconds at the limit)."""

#: Exit status when the reader of our output went away: 128 + SIGPIPE, as for `yes | head -1`.
BROKEN_PIPE_STATUS = 141


class UserError(ValueError):
    """A mistake in the command line that is reported without a traceback."""


def check_network_size(
    layer_dims: Sequence[int],
    m: int,
    *,
    steps: int = 0,
    finite_differences: bool = False,
) -> None:
    """Refuse a comparison too big to run, before anything is allocated.

    With P = sum over l of n[l] (n[l-1] + 1) parameters and F = m sum over l of n[l] n[l-1]
    multiply-adds per forward pass:

    - numbers held: P + m (n[0] + ... + n[L]) (the parameters; X, Z[l], A[l]) must be at most
      :data:`MAX_ENTRIES`;
    - work: 3F per forward and backward pass, for each of ``steps`` gradient-descent steps and
      the two passes compared, plus 2 P forward passes for ``finite_differences``, at most
      :data:`MAX_WORK`.

    Args:
        layer_dims: [n[0], ..., n[L]].
        m: the number of examples.
        steps: gradient-descent steps before comparing.
        finite_differences: whether the gradient check runs too.

    Raises:
        UserError: (a ValueError) naming the sizes and what to make smaller.
    """
    function = "check_network_size"
    try:
        dims = check_layer_dims(function, layer_dims)
        m = check_size(function, "m", m)
    except (TypeError, ValueError) as error:
        raise UserError(str(error)) from None
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise UserError(f"{function}: steps must be an int >= 0, got {repr(steps)[:40]}")
    if not isinstance(finite_differences, bool):
        raise UserError(
            f"{function}: finite_differences must be True or False, got "
            f"{type(finite_differences).__name__}"
        )
    P = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
    activations = m * sum(dims)
    entries = P + activations
    if entries > MAX_ENTRIES:
        shown = ",".join(str(n) for n in dims)
        raise UserError(
            f"too big: layers {shown} with m = {m} examples would hold {entries:,} numbers "
            f"({P:,} parameters W[l], b[l] and {activations:,} entries of X, Z[l], A[l]); at "
            f"most {MAX_ENTRIES:,}: use a smaller --m or smaller --layers"
        )
    F = m * sum(dims[l] * dims[l - 1] for l in range(1, len(dims)))
    work = 3 * F * (steps + 2)
    if work > MAX_WORK:
        shown = f"{work:.1e}" if work < 1e300 else f"10^{len(str(work)) - 1}"
        raise UserError(
            f"too long: --steps {steps} with m = {m} examples would take about {shown} "
            f"multiply-adds; at most {MAX_WORK:.0e}: use fewer --steps, a smaller --m or "
            "smaller --layers"
        )
    if finite_differences and work + 2 * P * F > MAX_WORK:
        shown = f"{2 * P * F:.1e}" if 2 * P * F < 1e300 else f"10^{len(str(2 * P * F)) - 1}"
        raise UserError(
            f"too long: --finite-differences runs 2 forward passes for each of the {P:,} "
            f"parameters, about {shown} multiply-adds; at most {MAX_WORK:.0e}: use "
            "smaller --layers or a smaller --m"
        )


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, argument declarations and the function to run.

    ``run`` receives the parsed arguments and returns the exit status.
    """

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# ------------------------------------------------------------------------------------- graph
def _graph_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "expression",
        help='the expression, e.g. "3*(a + b*c)" (quote it; one that starts with a minus sign '
        'reads as an option: write "(-a)" for -a). Functions: ' + expression_usage(),
    )
    _values_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the diagrams: j.svg gives j-forward.svg and j-backward.svg (.svg, .png, "
        ".pdf need Graphviz; .dot/.gv always work)",
    )
    parser.add_argument(
        "--mode",
        choices=("forward", "backward", "both"),
        help="write only this diagram, to FILE exactly",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the chain rule as Markdown with LaTeX"
    )
    parser.add_argument(
        "--rankdir",
        choices=("LR", "TB", "RL", "BT"),
        default=None,
        help="layout direction (default: LR, the course's; TB for a long expression)",
    )
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="write the backward pass step by step as one HTML page (e.g. backprop.html; opens "
        "offline in any browser, with or without Graphviz)",
    )


def _values_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "values",
        nargs="*",
        metavar="NAME=VALUE",
        help="a value for each variable: a number (a=5) or a nested list (W=[[1,2],[3,4]])",
    )


def _parse_assignments(items: Sequence[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UserError(f"expected NAME=VALUE, got {item!r} (e.g. a=5)")
        if not name.isidentifier() or name.startswith("_"):
            raise UserError(f"{name!r} is not a valid variable name")
        if name in values:
            raise UserError(f"{name} is given twice")
        values[name] = parse_value(text)
    return values


def _diagram_paths(output: str, mode: str | None) -> list[tuple[str, Path]]:
    path = Path(output)
    if not path.suffix:
        raise UserError(f"cannot tell the format of {output!r}: use .svg, .png, .pdf or .dot")
    if mode:
        return [(mode, path)]
    return [(m, path.with_name(f"{path.stem}-{m}{path.suffix}")) for m in ("forward", "backward")]


def _check_can_write(paths: Sequence[Path], output: str) -> None:
    """Fail before writing anything when an image format needs the missing ``dot`` program.

    ``output`` is the ``-o`` argument, from which ``paths`` were derived: the hint names it
    with ``.dot`` (``-o x.dot``), since ``-o x-forward.dot`` would write x-forward-forward.dot.
    """
    from .viz.render import FORMATS, INSTALL_HINT

    for path in paths:
        fmt = FORMATS.get(path.suffix.lower().lstrip("."))
        if fmt is None:
            raise UserError(
                f"cannot tell the format of {path.name!r}: use .svg, .png, .pdf or .dot"
            )
        if fmt != "dot" and shutil.which("dot") is None:
            raise UserError(
                f"writing {path.name} needs Graphviz's `dot` program, which is not installed: "
                f"{INSTALL_HINT}. Or write DOT text with -o {Path(output).with_suffix('.dot')}"
            )
        if not path.parent.is_dir():
            raise UserError(f"folder {str(path.parent)!r} does not exist")
        check_target(path, caller="-o")


def run_graph(args: argparse.Namespace) -> int:
    """``autograd-nn graph``: values, gradients, chain rule and diagrams of one expression."""
    from . import viz

    values = _parse_assignments(args.values)
    built = build(args.expression, values)
    J = built.root
    paths = _diagram_paths(args.output, args.mode) if args.output else []
    _check_can_write([p for _, p in paths], args.output or "")
    if args.html:
        _check_html(Path(args.html), J)
    print(f"{PROG} graph: J = {args.expression}")
    print("\nforward pass (values, left to right):")
    print(_indent(viz.explain_forward(J)))
    differentiable = J.requires_grad
    if differentiable:
        if J.size != 1:
            raise UserError(
                f"the expression gives {J.size} values of shape {J.shape}; the backward pass "
                "needs one number J: wrap it in sum(...) or mean(...)"
            )
        J.backward()
        print("\ngradients:")
        print(_indent(viz.explain_gradients(J)))
        print("\nthe chain rule (backward pass, right to left, in the order it ran):")
        print(_indent(viz.explain(J, "markdown" if args.markdown else "text")))
    else:
        print("\n(no variables: nothing to differentiate)")
    for mode, path in paths:
        if mode != "forward" and not differentiable:
            continue
        viz.save(J, path, mode=mode, rankdir=args.rankdir)
        print(f"wrote {path}")
    if args.html:
        path = viz.player(J, rankdir=args.rankdir).save(args.html)
        print(f"wrote {path} (the forward and backward passes step by step: open it in a browser)")
    return 0


def _check_html(path: Path, J: Tensor) -> None:
    """Refuse ``--html`` before any work when it cannot be written or shows nothing."""
    if path.suffix.lower() not in (".html", ".htm"):
        raise UserError(f"--html writes an HTML page: give a name ending in .html ({path.name!r})")
    if not path.parent.is_dir():
        raise UserError(f"folder {str(path.parent)!r} does not exist")
    check_target(path, caller="--html")
    if not J.requires_grad:
        raise UserError("--html shows the backward pass, but the expression has no variables")


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


# -------------------------------------------------------------------------------------- demo
def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-dir",
        default="out/demo",
        metavar="DIR",
        help="where to write the diagrams (default: out/demo)",
    )
    parser.add_argument(
        "--steps",
        action="store_true",
        help="also write the backward pass step by step (j-steps/backward-01.svg, ...)",
    )


def run_demo(args: argparse.Namespace) -> int:
    """``autograd-nn demo``: the course's J = 3(a + bc) end to end."""
    from . import viz

    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    J.backward()
    names = {"a": a, "b": b, "c": c, "u": u, "v": v, "J": J}
    print("J(a, b, c) = 3(a + bc), computed as u = bc, v = a + u, J = 3v, at a = 5, b = 3, c = 2")
    print("\nforward pass (values, left to right):")
    print(_indent(viz.explain_forward(J, names=names)))
    print("\nbackward pass (right to left): the chain rule, edge by edge, in the order it ran:")
    print(_indent(viz.explain(J, names=names)))
    print("\ngradients: " + ", ".join(viz.explain_gradients(J, names=names).splitlines()))
    print(f"(and the intermediates: dJ/du = {u.grad:g}, dJ/dv = {v.grad:g})")

    folder = Path(args.output_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create {str(folder)!r}: {error.strerror}") from None
    has_dot = shutil.which("dot") is not None
    formats = ("dot", "svg", "png") if has_dot else ("dot",)
    print()
    for mode in ("forward", "backward"):
        for fmt in formats:
            path = viz.save(J, folder / f"j-{mode}.{fmt}", mode=mode, names=names)
            print(f"wrote {path}")
    if args.steps:
        for path in viz.save_frames(
            J, folder / "j-steps", "svg" if has_dot else "dot", names=names
        ):
            print(f"wrote {path}")
    path = viz.player(J, names=names).save(folder / "j-backprop.html")
    print(f"wrote {path} (the forward and backward passes step by step: open it in a browser)")
    print(
        "\nWatch a network learn, iteration by iteration: autograd-nn train --dataset flower "
        "--layers 2,4,1 --activation tanh --iterations 10000 --html training.html"
    )
    if not has_dot:
        from .viz.render import INSTALL_HINT

        print(
            "\nGraphviz's `dot` program is not installed, so only DOT text was written (open it "
            f"with any Graphviz viewer). For SVG and PNG images, {INSTALL_HINT}."
        )
    return 0


# ---------------------------------------------------------------------------------- exercise
def _exercise_arguments(parser: argparse.ArgumentParser) -> None:
    from .exercises.command import add_arguments

    add_arguments(parser)  # the expression, then its values, then the options
    _values_argument(parser)


def run_exercise(args: argparse.Namespace) -> int:
    """``autograd-nn exercise``: see :mod:`autograd_nn.exercises.command`."""
    from .exercises.command import run

    return run(args, _parse_assignments(args.values) if args.expression else {})


# ---------------------------------------------------------------------------- the command table
#: Every subcommand, in the order ``--help`` lists them. To add one (e.g. ``compare``, which
#: compares autodiff gradients with the course's hand-derived formulas layer by layer), write
#: ``_compare_arguments(parser)`` and ``run_compare(args) -> int`` and append a ``Command`` here.
COMMANDS: list[Command] = [
    Command(
        "graph",
        "differentiate an expression: values, gradients, chain rule, diagrams",
        'Build an expression such as "3*(a + b*c)" from NAME=VALUE pairs, run the backward '
        "pass, print values, gradients and the chain rule line by line, and optionally write "
        "the forward and backward diagrams. The expression is checked against a whitelist "
        "(numbers, variables, + - * / ** @, unary minus, and the functions of the op table "
        "listed under EXPRESSION): it is never evaluated as Python.",
        _graph_arguments,
        run_graph,
    ),
    Command(
        "demo",
        "the course's J = 3(a + bc) example end to end, with diagrams",
        "Compute J = 3(a + bc) at a = 5, b = 3, c = 2, print the forward values, the chain rule "
        "and the gradients (dJ/da = 3, dJ/db = 6, dJ/dc = 9), and write the forward and "
        "backward diagrams as DOT, SVG and PNG (DOT only when Graphviz is not installed).",
        _demo_arguments,
        run_demo,
    ),
    Command(
        "exercise",
        "practise backprop: blanks on an expression's graph or a generated one, graded",
        'Make an exercise from an expression ("3*(a + b*c)" a=5 b=3 c=2) or a generated one '
        "(--generate scalar, logistic or two-layer, --seed N): print its blanks (local "
        "derivatives du/db, gradients dJ/db, or values) and write the page with --html, where "
        "each blank is checked and a mistake is named.",
        _exercise_arguments,
        run_exercise,
    ),
    Command(
        "train",
        "train a network on two-feature data and write its training replay (--html)",
        "Train the course's network (by default the flower network: layer_dims 2,4,1, tanh, "
        "learning_rate 1.2, W from seed 2), print the cost every 1000 iterations and the "
        "accuracy, and with --html write the replay: the cost curve, W, b, dW, db and the "
        "decision boundary at every recorded iteration, in one HTML page.",
        train_command.add_arguments,
        lambda args: train_command.run(args, UserError),
    ),
]


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Autodiff on numpy for learning backpropagation in the course's notation.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name, help=command.help, description=command.description
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    # compare registers its own subparser (autodiff vs the course's formulas, layer by layer)
    add_compare_command(subparsers)
    subparsers.choices["compare"].set_defaults(run=_run_compare)
    add_export_command(subparsers)  # a parameters file as a PyTorch script (autograd_nn.pytorch)
    return parser


def _run_compare(args: argparse.Namespace) -> int:
    """``autograd-nn compare``, after :func:`check_network_size` (its errors exit with 2)."""
    try:
        check_network_size(
            args.layers, args.m, steps=args.steps, finite_differences=args.finite_differences
        )
    except UserError as error:
        print(f"{PROG} compare: error: {error}", file=sys.stderr)
        return 2
    return run_compare_command(args)


def _stop_writing_to_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # stdout replaced (tests) or already closed
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``autograd-nn`` command; return the exit status (0 on success).

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
        return status
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return BROKEN_PIPE_STATUS
    except (UserError, ExpressionError, AutogradError, ValueError, TypeError) as error:
        message = str(error).strip() or type(error).__name__
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"{PROG}: error: cannot write{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
