"""The recorded computation graph: gradient-recording switch and topological order.

This module knows nothing of numpy or of operations. A graph node is anything with a
``_parents`` tuple (the ordered inputs that made it, duplicates kept, so ``a + a`` has two
edges) and a ``requires_grad`` flag; :class:`autograd_nn.Tensor` is such a node.

Walks are iterative (an explicit stack, never recursion), so a chain of a million operations is
ordered without ``RecursionError``, and deterministic (parents visited in their recorded order,
never through a ``set``), so diagrams and explanations come out the same on every run.
"""

from __future__ import annotations

from typing import Any


class _GradMode:
    """Whether new operations are recorded (the no-grad switch)."""

    enabled = True


def is_grad_enabled() -> bool:
    """Return True when operations are being recorded for backpropagation."""
    return _GradMode.enabled


class no_grad:  # noqa: N801 - used like a function: ``with no_grad():``
    """Context manager inside which operations are computed but not recorded.

    Used for parameter updates (``W := W - alpha dW``) and for evaluation, where no gradient is
    wanted. Tensors made inside have ``requires_grad=False`` and no parents. (A small class
    rather than a generator: the optimizers enter it on every step.)

    Example:
        >>> from autograd_nn import Tensor, no_grad
        >>> w = Tensor(2.0)
        >>> with no_grad():
        ...     y = w * 3
        >>> y.requires_grad
        False
    """

    __slots__ = ("previous",)

    def __init__(self) -> None:
        self.previous = True

    def __enter__(self) -> None:
        self.previous = _GradMode.enabled
        _GradMode.enabled = False

    def __exit__(self, *exc: object) -> None:
        _GradMode.enabled = self.previous


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
    seen = {id(root)}
    stack = [(root, iter(root._parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if id(parent) not in seen and (parent.requires_grad or not requiring_grad_only):
                seen.add(id(parent))
                stack.append((parent, iter(parent._parents)))
                break
        else:  # every parent is placed: the node can follow them
            stack.pop()
            order.append(node)
    return order


class _Scope:
    """The group (for example "layer 1") stamped on every tensor created inside :func:`scope`."""

    current: str | None = None


def current_scope() -> str | None:
    """Return the group name that new tensors receive (None outside any :func:`scope`)."""
    return _Scope.current


class scope:  # noqa: N801 - used like a function: ``with scope("layer 1"):``
    """Context manager that puts every tensor created inside into the group ``group``.

    Diagrams draw each group as a labelled cluster (or one box in the collapsed view); the dense
    layers use it to group W1, b1, Z1, A1 as "layer 1". Scopes do not nest: the innermost wins.
    (A small class rather than a generator: the dense layers enter it on every forward pass.)
    """

    __slots__ = ("group", "previous")

    def __init__(self, group: str | None) -> None:
        self.group = group
        self.previous: str | None = None

    def __enter__(self) -> None:
        self.previous = _Scope.current
        _Scope.current = self.group

    def __exit__(self, *exc: object) -> None:
        _Scope.current = self.previous
