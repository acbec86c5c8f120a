"""Graph walks: topological order, determinism, depth without recursion."""

from __future__ import annotations

import sys

from autograd_nn import Tensor
from autograd_nn.graph import toposort


def test_toposort_puts_parents_before_children_in_recorded_order() -> None:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    order = toposort(J)
    names = [t.name or (t.op.name if t.op else "const") for t in order]
    assert names[-1] == "mul" and order[-1] is J
    position = {id(t): i for i, t in enumerate(order)}
    for t in order:
        for p in t.parents:
            assert position[id(p)] < position[id(t)]
    # the constant 3 is a node of the full walk but not of the gradient walk
    assert len(order) == 7
    assert len(toposort(J, requiring_grad_only=True)) == 6
    assert [t.name for t in toposort(J, requiring_grad_only=True) if t.name] == ["a", "b", "c"]


def test_toposort_is_deterministic_and_visits_shared_nodes_once() -> None:
    x = Tensor(1.0, name="x")
    y = x * x
    z = y + y
    w = z * y
    first = [id(t) for t in toposort(w)]
    assert first == [id(t) for t in toposort(w)]
    assert len(first) == len(set(first)) == 4


def test_deep_graph_needs_no_recursion() -> None:
    x = Tensor(1.0, name="x")
    y = x
    depth = sys.getrecursionlimit() * 20
    for _ in range(depth):
        y = y + 1.0
    order = toposort(y)
    assert order[0] is x and order[-1] is y
    assert len(toposort(y, requiring_grad_only=True)) == depth + 1
