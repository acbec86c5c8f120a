"""The recorded computation graph: topological order, and the switches that change recording.

This module knows nothing of numpy or of operations. A graph node is anything with a ``parents``
tuple (the ordered inputs that made it, duplicates kept, so ``a + a`` has two edges) and a
``requires_grad`` flag; :class:`autograd_nn.Tensor` is such a node.

Walks are iterative (an explicit stack, never recursion), so a chain of a million operations is
ordered without ``RecursionError``, and deterministic (parents visited in their recorded order,
never through a ``set``), so diagrams and explanations come out the same on every run.

Grad mode and scope belong to the thread that set them: ``no_grad()`` in one thread never stops
another thread's recording. Each block saves what it replaced on a per-thread stack, so one
``no_grad()`` (or ``scope()``) object entered twice, nested or from two threads, restores
exactly what each entry found.
"""

from __future__ import annotations

import threading
from typing import Any


class _State(threading.local):
    """Per-thread recording state; the class attributes are each new thread's defaults."""

    grad_enabled = True  # are new operations recorded? (off inside no_grad())
    group: str | None = None  # the group stamped on new tensors (set by scope())
    roots: Any = ()  # earlier backward passes' roots (weakly) and sizes, see history.py

    def __init__(self) -> None:  # (run once in each thread that uses the state)
        self.saved_grad_enabled: list[bool] = []  # what each open no_grad() block replaced
        self.saved_groups: list[str | None] = []  # what each open scope() block replaced


state = _State()


def is_grad_enabled() -> bool:
    """Return True when operations are being recorded for backpropagation (in this thread)."""
    return state.grad_enabled


class no_grad:  # noqa: N801 - used like a function: ``with no_grad():``
    """Context manager inside which operations are computed but not recorded (in this thread).

    Used for parameter updates (``W := W - alpha dW``) and for evaluation, where no gradient is
    wanted. Tensors made inside have ``requires_grad=False`` and no parents.

    Example:
        >>> from autograd_nn import Tensor, no_grad
        >>> w = Tensor(2.0)
        >>> with no_grad():
        ...     y = w * 3
        >>> y.requires_grad
        False
    """

    def __enter__(self) -> None:
        state.saved_grad_enabled.append(state.grad_enabled)
        state.grad_enabled = False

    def __exit__(self, *exc: object) -> None:
        state.grad_enabled = state.saved_grad_enabled.pop()


def current_scope() -> str | None:
    """Return the group name that new tensors receive (None outside any :func:`scope`)."""
    return state.group


class scope:  # noqa: N801 - used like a function: ``with scope("layer 1"):``
    """Context manager that puts every tensor created inside into the group ``group``.

    Diagrams draw each group as a labelled cluster (or one box in the collapsed view); the dense
    layers use it to group W1, b1, Z1, A1 as "layer 1". Scopes do not nest: the innermost wins.
    """

    def __init__(self, group: str | None) -> None:
        if group is not None and type(group) is not str:
            raise TypeError(f"scope: the group must be a string, got {type(group).__name__}")
        self.group = group

    def __enter__(self) -> None:
        state.saved_groups.append(state.group)
        state.group = self.group

    def __exit__(self, *exc: object) -> None:
        state.group = state.saved_groups.pop()


def toposort(root: Any, *, requiring_grad_only: bool = False) -> list[Any]:
    """Return every node ``root`` depends on, parents before children, ``root`` last.

    Args:
        root: the node to start from (a Tensor).
        requiring_grad_only: follow only parents with ``requires_grad`` set (what backward
            needs: data tensors such as X and Y get no gradient work).

    Returns:
        A list in topological order; reversed, it is the order backward visits nodes.
    """
    order: list[Any] = []
    seen = {root}  # (nodes hash by identity)
    stack = [(root, iter(root.parents))]  # each node with the parents it has yet to place
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent not in seen and (parent.requires_grad or not requiring_grad_only):
                seen.add(parent)
                if not parent.parents:  # a leaf is placed at once (fast path: no stack entry)
                    order.append(parent)
                    continue
                stack.append((parent, iter(parent.parents)))
                break
        else:  # every parent is placed: the node can follow them
            stack.pop()
            order.append(node)
    return order
