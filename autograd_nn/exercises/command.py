"""``autograd-nn exercise``: an exercise from an expression, or a generated one, as a page.

::

    autograd-nn exercise "3*(a + b*c)" a=5 b=3 c=2 --ask local --html ex.html
    autograd-nn exercise --generate two-layer --seed 7 --html ex.html

The expression is read by the safe expression language (:mod:`autograd_nn.expression`, never
``eval``). Its intermediate results are named as the course names them, u, v, w, ... in the
order they are computed (so ``3*(a + b*c)`` asks du/db, as on the course's slide), and J is the
result. The command prints the blanks; ``--html`` writes the page, ``--solutions`` prints the
answers too (for teachers).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..expression import build
from ..graph import toposort
from ..tensor import Tensor
from ..viz.naming import is_constant
from .blanks import short
from .exercise import ASKS, Exercise
from .generate import LEVELS, generate

#: Names given to an expression's intermediate results, in the order they are computed.
INTERMEDIATES = ("u", "v", "w", "p", "q", "r", "s", "t", "k", "h")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``autograd-nn exercise`` but its NAME=VALUE pairs (the command adds
    those, as for ``graph``)."""
    parser.add_argument(
        "expression",
        nargs="?",
        help='the expression, e.g. "3*(a + b*c)" (quote it), or none with --generate',
    )
    parser.add_argument(
        "--generate", choices=LEVELS, metavar="LEVEL", help=f"a fresh exercise: {', '.join(LEVELS)}"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="with --generate: which exercise (default 0; the same on every machine); with an "
        "expression: ask about half of the blanks, chosen by the seed",
    )
    parser.add_argument(
        "--ask",
        choices=ASKS,
        default="both",
        help="local derivatives, gradients, both (default) or the forward values",
    )
    parser.add_argument(
        "--course-names", action="store_true", help="write gradients as db, dW1 (not dJ/db)"
    )
    parser.add_argument(
        "--html", metavar="FILE", help="write the exercise page (opens offline in any browser)"
    )
    parser.add_argument("--solutions", action="store_true", help="print the answers too")


def course_names(J: Tensor, variables: Mapping[str, Tensor]) -> dict[str, Tensor]:
    """The variables, and u, v, w, ... for the unnamed intermediate results (J is J)."""
    names = dict(variables)
    free = [n for n in INTERMEDIATES if n not in names]
    for t in toposort(J):
        if t.op is None or t is J or is_constant(t) or t.name or not free:
            continue
        if t.op.name == "broadcast_to":
            continue
        names[free.pop(0)] = t
    names.setdefault("J", J)
    return names


def make_exercise(args: argparse.Namespace, values: Mapping[str, Any]) -> Exercise:
    """The exercise the command line asks for (``values`` parsed from NAME=VALUE)."""
    if args.generate and args.expression:
        raise ValueError("give an expression or --generate LEVEL, not both")
    if args.generate:
        return generate(args.generate, 0 if args.seed is None else args.seed, ask=args.ask)
    if not args.expression:
        raise ValueError('give an expression ("3*(a + b*c)" a=5 b=3 c=2) or --generate LEVEL')
    J = build(args.expression, values).root
    if not J.requires_grad:
        raise ValueError("the expression has no variables: there is nothing to differentiate")
    if J.size != 1:
        raise ValueError(
            f"the expression gives {J.size} values of shape {J.shape}; an exercise needs one "
            "number J: wrap it in sum(...) or mean(...)"
        )
    J.backward()
    variables = {t.name: t for t in toposort(J) if t.is_leaf and t.name}
    grad_names = "course" if args.course_names else "fraction"
    return Exercise(
        J,
        args.ask,
        args.seed,
        names=course_names(J, variables),
        grad_names=grad_names,
        title=f"Practise backprop: J = {args.expression}",
    )


def run(args: argparse.Namespace, values: Mapping[str, Any]) -> int:
    """``autograd-nn exercise``: print the blanks, write the page; returns the exit status."""
    target = Path(args.html) if args.html else None
    if target is not None:
        if target.suffix.lower() not in (".html", ".htm"):
            raise ValueError(
                f"--html writes an HTML page: give a name ending in .html ({target.name!r})"
            )
        if not target.parent.is_dir():
            raise ValueError(f"folder {str(target.parent)!r} does not exist")
    exercise = make_exercise(args, values)
    print(exercise)
    if args.solutions:
        print("\nanswers:")
        for blank in exercise.blanks:
            print(f"  {blank.id} = {short(blank.expected)}")
    if target is not None:
        path = exercise.save(target)
        print(f"\nwrote {path} (open it in a browser: check each blank, or all at once)")
    return 0
