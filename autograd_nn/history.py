"""Graphs of earlier backward passes: a cost kept from one, and a graph grown from many.

A training loop makes a new graph every iteration, and numpy frees the last one as soon as its
names are rebound. Two things can keep earlier graphs alive, and each is handled here, once per
backward pass (:func:`after_backward`):

- **A kept cost.** The course's loop keeps a cost every 100 iterations (``costs.append(cost)``)
  to plot it. A cost still alive after the backward passes of :data:`ITERATIONS` later
  iterations (graphs of the same size: the same computation again) keeps its value and
  gradient, not its graph: its graph is let go (:func:`let_go`), so that keeping a hundred
  costs costs a hundred numbers, not a hundred graphs. Drawing one afterwards says so. A
  graph built twice to compare, different graphs built side by side, costs summed on purpose
  (``J2.backward(accumulate=True)``) and graphs of numbers (which cost little; the scalar J
  stays as fast as it was) keep theirs.
- **A graph grown from earlier passes.** A parameter updated by recorded operations
  (``W = W - learning_rate * dW`` with a dW that is not ``W.grad``) is the result of every
  earlier update, and each backward pass walks back through all of them, slower every
  iteration. When a large graph is mostly made of operations already differentiated by earlier
  passes, a :class:`~autograd_nn.errors.GrowingGraphWarning` says so, once, naming the tensor
  and the fix.
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

from .describe import describe
from .errors import GrowingGraphWarning
from .graph import state

LARGE = 200  #: a graph of more operations than this is looked at for earlier passes
WATCHED = 8  #: how many earlier costs that are still alive are watched
ITERATIONS = 3  #: a cost kept through this many later iterations lets its graph go
RELEASED: dict[str, Any] = {"graph": "let go"}  #: the params of a cost whose graph was let go
said: list[bool] = []  # the growing graph is said once per process


class Watched(weakref.ref):
    """A weak reference to an earlier backward pass's root, with the size of its graph and the
    number of later iterations of the same computation (graphs of that size) since."""

    __slots__ = ("later", "size")


def after_backward(root: Any, order: list[Any], accumulate: bool) -> None:
    """What a backward pass of ``root`` (its graph in topological ``order``) does about earlier
    graphs, before it writes its gradients: let go of the graph of a cost kept through
    :data:`ITERATIONS` later iterations of the same computation; say once that a graph grows
    from earlier passes."""
    size = len(order)
    if size > LARGE and not said and root.grad is None:  # (not a cell run again)
        growing(root, order)
    if not order[0].data.ndim:  # (fast path: a graph of numbers costs too little to watch)
        return
    watched = []
    for ref in state.roots:  # (most are gone at once: no one kept them)
        earlier = ref()
        if earlier is None or earlier is root:
            continue
        if ref.size == size and not accumulate:  # the same computation again
            ref.later += 1
            if ref.later == ITERATIONS:
                let_go(earlier)
                continue
        watched.append(ref)
    ref = Watched(root)
    ref.size, ref.later = size, 0
    watched.append(ref)
    state.roots = watched if len(watched) <= WATCHED else watched[-WATCHED:]


def let_go(cost: Any) -> None:
    """Keep ``cost``'s value and gradient and let its graph go."""
    cost.op, cost.parents, cost.params = None, (), RELEASED


def growing(root: Any, order: list[Any]) -> None:
    """Say once, naming the tensor and the fix, that ``root``'s graph is made of the graphs of
    many earlier backward passes (operations that already hold a gradient from one)."""
    if not any(t.parents and t.grad is not None for t in order[:100]):
        return  # (fast path: a fresh graph; a grown one has its oldest operations first)
    earlier = {t for t in order if t.parents and t.grad is not None and t is not root}
    if len(earlier) < 10 * (len(order) - len(earlier)):
        return
    grown = max(
        (t for t in earlier if any(c not in earlier for c in order if t in c.parents)),
        key=lambda t: depth(t, earlier),
        default=next(iter(earlier)),
    )
    steps, leaf = depth(grown, earlier), grown
    while leaf.parents:
        leaf = leaf.parents[0]
    name = leaf.name or "W"
    said.append(True)
    warnings.warn(
        f"backward: {describe(root)}: its graph of {len(order):,} operations is made of the "
        f"graphs of earlier backward passes: {describe(grown)} comes from {describe(leaf)} "
        f"through {steps} earlier operations recorded into the graph (a parameter updated as "
        f"{name} = {name} - learning_rate * d{name} with a d{name} that is not {name}.grad), so "
        "every backward pass walks back through every earlier iteration and each iteration is "
        f"slower than the last. Read the gradient from .grad (d{name} = {name}.grad: the update "
        f"is then a new parameter), or update inside `with no_grad():` ({name} -= "
        f"learning_rate * d{name}), or cut a value from its history with .detach(). "
        "(Said once.)",
        GrowingGraphWarning,
        stacklevel=3,
    )


def depth(t: Any, earlier: set[Any]) -> int:
    """How many operations of earlier passes lead to ``t`` through first inputs."""
    steps = 0
    while t in earlier:
        steps, t = steps + 1, t.parents[0]
    return steps
