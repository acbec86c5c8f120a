"""One replay of the backward pass, read by the pictures, the frames, the player and the words.

A :class:`Replay` walks the graph of J in the order ``J.backward()`` ran and asks each node, as
backward did, what it sent its inputs (:func:`autograd_nn.tensor.chain_rule`, from the
gradients the tensors hold now, so a picture never disagrees with them). It records, for every
edge, a :class:`Step`: the upstream gradient it multiplied, the contribution it carried, which
path into its parent it was (path 2 of 3) and the contributions that parent had received so
far. A :class:`State` is the pass after its first k edges: what a step-by-step frame shows.

Gradients from earlier passes: ``backward(accumulate=True)`` adds to the gradients a tensor
already held, so a leaf shared with another graph can hold more than the sum of this graph's
edges. :meth:`Replay.earlier` says where that is so; pictures and words then say the gradient
includes earlier passes instead of showing a sum that does not add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import BackwardError
from ..graph import toposort
from ..history import RELEASED
from ..tensor import Tensor, chain_rule


@dataclass(frozen=True)
class Step:
    """One edge of the backward pass: ``child`` sent ``contribution`` to its input ``index``.

    Attributes:
        number: the edge's place in the order the pass ran them (1, 2, ...).
        child: the node the gradient came from (u in dJ/db = dJ/du * du/db).
        index: which input of ``child`` the edge feeds.
        parent: the node that received it (b).
        upstream: dJ/d(child), the gradient the edge multiplied.
        contribution: dJ/d(parent) through this edge alone.
        path: 1 for the first edge into ``parent``, 2 for the second, ...
        paths: how many edges reach ``parent`` in this graph.
        pieces: the contributions ``parent`` has received so far, this one last.
    """

    number: int
    child: Tensor
    index: int
    parent: Tensor
    upstream: np.ndarray
    contribution: np.ndarray
    path: int
    paths: int
    pieces: tuple[np.ndarray, ...]

    @property
    def so_far(self) -> np.ndarray:
        """The sum of ``pieces``: dJ/d(parent) as far as the pass has got."""
        return _sum(self.pieces)


def _sum(pieces: tuple[np.ndarray, ...]) -> np.ndarray:
    total = pieces[0]
    for piece in pieces[1:]:
        total = total + piece
    return total


def trace(root: Tensor) -> list[tuple[Tensor, int, Tensor, np.ndarray, np.ndarray]]:
    """The edges of ``root``'s backward pass in the order backward ran them, each as (child,
    index, parent, upstream dJ/d(child), contribution dJ/d(parent) through this edge).

    Each node sends what :func:`~autograd_nn.tensor.chain_rule` gives from the gradient it
    holds, less what it was only reported (dA[L], which backward does not send on through the
    sigmoid); the reported edges follow the node's other edges, as backward's ``report`` step
    adds them. Empty when an intermediate holds no gradient (``keep_grads=False``).
    """
    edges = []
    reported: dict[Tensor, Any] = {}  # reported to a tensor, not sent on (ops.Op.reports)
    for child in reversed(toposort(root, requiring_grad_only=True)):
        if child.op is None:
            continue
        if child.grad is None:
            return []
        g = child.grad - reported.pop(child) if child in reported else child.grad
        if child.grad is not g and not np.any(g):
            continue  # nothing was sent on from here: no edge to draw
        upstream = np.asarray(child.grad)
        for i, parent, contribution in chain_rule(child, g):
            edges.append((child, i, parent, upstream, read_only(contribution)))
        for i, parent, contribution in chain_rule(child, g, reported=True):
            edges.append((child, i, parent, upstream, read_only(contribution)))
            reported[parent] = reported.get(parent, 0.0) + contribution
    return edges


def read_only(contribution: Any) -> np.ndarray:
    """A contribution as an array of its own that nobody can change."""
    array = np.array(contribution)
    array.flags.writeable = False
    return array


def require_backward(function: str, root: Tensor) -> None:
    """Refuse, with what to do, a backward picture of a root that has no backward pass."""
    name = root.name or "J"
    if root.params is RELEASED:
        raise BackwardError(
            f"{function}: {name} is a cost kept from an earlier backward pass; its graph was let "
            "go after three later iterations of the same computation (a kept cost keeps its "
            "value and gradient). Draw a cost before the loop goes on."
        )
    if not root.requires_grad:
        raise BackwardError(
            f"{function}: {name} does not require a gradient (it was made from data only, or "
            "under no_grad()), so there is no backward pass to show; draw mode='forward'"
        )
    if root.grad is None and any(t.grad is not None for t in toposort(root) if t.is_leaf):
        raise BackwardError(
            f"{function}: the backward pass ran with keep_grads=False, which keeps only the "
            f"leaves' gradients; call {name}.backward() (keep_grads=True, the default) to show "
            "every dJ/dx"
        )
    if root.grad is None:
        raise BackwardError(
            f"{function}: {name} has no gradients yet: call {name}.backward() first (with "
            "keep_grads=True, the default), or draw mode='forward' to see the values"
        )


class Replay:
    """The backward pass of ``root``, edge by edge, as the engine ran it.

    Args:
        root: the tensor ``backward()`` was called on.
        function: the public function asking (named in errors).

    Raises:
        BackwardError: ``root.backward()`` has not run, or ran with keep_grads=False.
    """

    def __init__(self, root: Tensor, function: str = "replay") -> None:
        require_backward(function, root)
        self.root = root
        self.seed = np.ones(root.shape) if root.size == 1 else np.asarray(root.grad)
        self.steps: list[Step] = []
        self.incoming: dict[int, list[Step]] = {}
        edges = trace(root)
        paths: dict[int, int] = {}
        for _, _, parent, _, _ in edges:
            paths[id(parent)] = paths.get(id(parent), 0) + 1
        for number, (child, index, parent, upstream, contribution) in enumerate(edges, start=1):
            before = self.incoming.setdefault(id(parent), [])
            pieces = (*[s.contribution for s in before], contribution)
            step = Step(
                number,
                child,
                index,
                parent,
                upstream,
                contribution,
                len(before) + 1,
                paths[id(parent)],
                pieces,
            )
            before.append(step)
            self.steps.append(step)

    def paths(self, t: Tensor) -> int:
        """How many edges of this graph reach ``t``."""
        return len(self.incoming.get(id(t), ()))

    def total(self, t: Tensor) -> np.ndarray | None:
        """What this graph alone sends to ``t``: the sum of its edges (the seed for the root)."""
        if t is self.root:
            return self.seed
        steps = self.incoming.get(id(t))
        return None if not steps else steps[-1].so_far

    def earlier(self, t: Tensor) -> bool:
        """True when ``t.grad`` holds more than this graph sent: earlier accumulated passes."""
        total = self.total(t)
        if total is None or t.grad is None:
            return False
        tolerance = 64 * np.finfo(np.result_type(t.grad, np.float32)).eps
        return not np.allclose(t.grad, total, rtol=tolerance, atol=tolerance)

    def state(self, done: int | None = None) -> State:
        """The pass after its first ``done`` edges (all of them by default: the whole pass)."""
        if done is None:
            return State(self, len(self.steps), frame=False)
        return State(self, done, frame=True)


@dataclass(frozen=True)
class State:
    """The backward pass after its first ``done`` edges (a frame), or the whole pass.

    Attributes:
        replay: the replay this is a state of.
        done: how many edges have run.
        frame: True for a step-by-step frame (the current edge is highlighted).
    """

    replay: Replay
    done: int
    frame: bool

    @property
    def step(self) -> Step | None:
        """The edge run last (the current one in a frame); None before the first."""
        return self.replay.steps[self.done - 1] if self.done else None

    def pieces(self, t: Tensor) -> tuple[np.ndarray, ...]:
        """The contributions ``t`` has received so far."""
        steps = [s for s in self.replay.incoming.get(id(t), ()) if s.number <= self.done]
        return steps[-1].pieces if steps else ()

    def complete(self, t: Tensor) -> bool:
        """True when every edge into ``t`` has run (always for the root)."""
        return t is self.replay.root or len(self.pieces(t)) == self.replay.paths(t)

    def grad(self, t: Tensor) -> np.ndarray | None:
        """dJ/dt as far as the pass has got: the gradient held once complete, else the sum
        so far."""
        if t is self.replay.root:
            return np.asarray(t.grad)
        pieces = self.pieces(t)
        if not pieces:
            return None
        if len(pieces) == self.replay.paths(t) and t.grad is not None:
            return np.asarray(t.grad)
        return _sum(pieces)

    def edge_done(self, child: Tensor, index: int) -> bool:
        """True when the edge from ``child`` to its input ``index`` has run."""
        return any(
            s.child is child and s.index == index and s.number <= self.done
            for s in self.replay.incoming.get(id(child.parents[index]), ())
        )

    def current(self, t: Any) -> bool:
        """True for the node that just received a gradient in a frame (the root in frame 0)."""
        if not self.frame:
            return False
        step = self.step
        return t is (self.replay.root if step is None else step.parent)
