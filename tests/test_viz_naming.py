"""Which name each node gets: its own, the user's variable (a Tensor or a numpy array), the
course's name where the structure says which, J for the root, else its expression; never a
generated id such as t5, and never one name for two quantities.

The learner's networks are tests/learner_week3.py and tests/learner_week4.py, the course's code
written from memory, run on Tensors as they are.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import learner_week3
import learner_week4
import numpy as np
import pytest

from autograd_nn import Tensor, viz
from autograd_nn.graph import toposort
from autograd_nn.viz.naming import (
    LONGEST_NAME,
    NameTable,
    fraction,
    given_names,
    is_constant,
    is_data,
    is_parameter,
    partial,
    tidy,
)

GENERATED_ID = re.compile(r"(?<![\w.])d?t\d+\b")


def j_graph():
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v}


def week3(m: int = 5, seed: int = 2):
    """The learner's week-3 forward pass and cost on Tensors (parameters unnamed, as a learner
    makes them), X and Y numpy arrays."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    parameters = {
        "W1": Tensor(rng.standard_normal((4, 2)) * 0.01, name="W1"),
        "b1": Tensor(np.zeros((4, 1)), name="b1"),
        "W2": Tensor(rng.standard_normal((1, 4)) * 0.01, name="W2"),
        "b2": Tensor(np.zeros((1, 1)), name="b2"),
    }
    A2, cache = learner_week3.forward_propagation(X, parameters)
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)  # compute_cost
    cost = -np.sum(logprobs) / Y.shape[1]
    cost.backward()
    return SimpleNamespace(J=cost, X=X, Y=Y, parameters=parameters, cache=cache)


def week4(m: int = 6, seed: int = 3):
    rng = np.random.default_rng(seed)
    layers_dims = [3, 4, 2, 1]
    X = rng.standard_normal((3, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    parameters = {}
    for l in range(1, len(layers_dims)):
        W = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * 0.5
        parameters["W" + str(l)] = Tensor(W, name="W" + str(l))
        parameters["b" + str(l)] = Tensor(np.zeros((layers_dims[l], 1)), name="b" + str(l))
    AL, _ = learner_week4.L_model_forward(X, parameters)
    cost = learner_week4.compute_cost(AL, Y)
    cost.backward()
    return cost, X, Y


def every_text(J, names) -> str:
    """The DOT of both pictures and the explain text, with fractions and with course names."""
    texts = [viz.draw(J, "forward", names=names).source, viz.explain_forward(J, names=names)]
    for grad_names in ("fraction", "course"):
        texts.append(viz.draw(J, "backward", names=names, grad_names=grad_names).source)
        texts.append(viz.explain(J, names=names, grad_names=grad_names))
        texts.append(viz.explain(J, "markdown", names=names, grad_names=grad_names))
    return "\n".join(texts)


def assert_one_name_per_quantity(table: NameTable, J: Tensor) -> None:
    holders: dict[str, list[Tensor]] = {}
    for t in toposort(J):
        if not is_constant(t):
            holders.setdefault(table[t], []).append(t)
    for name, nodes in holders.items():
        if len(nodes) > 1:  # only data copied from one array may share its name
            assert all(t.is_leaf and is_data(t) for t in nodes), name
            assert all(np.array_equal(t.data, nodes[0].data) for t in nodes), name


# ------------------------------------------------------------------- the J example
def test_own_names_then_variables_then_J_then_expressions() -> None:
    J, names = j_graph()
    table = NameTable(toposort(J), J, {"u": names["u"]})
    assert [table[names[k]] for k in "abcu"] == ["a", "b", "c", "u"]
    assert table[J] == "J" and table.root == "J"
    assert table[names["v"]] == "a + u"  # its expression, from its inputs' names
    assert table.equation(names["u"]) == "u = b * c" and table.equation(J) == "J = 3 * (a + u)"
    assert table.equation(names["v"]) == "a + u"  # not "a + u = a + u"


def test_gradient_names_as_fractions_or_as_the_course_writes_them() -> None:
    J, names = j_graph()
    fractions = NameTable(toposort(J), J, names)
    course = NameTable(toposort(J), J, names, grad_names="course")
    assert fractions.d(names["b"]) == "dJ/db" and course.d(names["b"]) == "db"
    assert course.d(J) == "dJ/dJ"  # the seed keeps its fraction
    assert fractions.local(names["u"], names["b"]) == "du/db"
    assert course.local(names["u"], names["b"]) == "∂u/∂b"  # du alone means dJ/du
    assert course.derivative("3 * v", names["v"]) == "∂(3 * v)/∂v"
    assert fraction("J", "1 - A2") == "dJ/d(1 - A2)" and partial("A1", "Z1") == "∂A1/∂Z1"
    unnamed = NameTable(toposort(J), J, grad_names="course")
    assert unnamed.d(names["u"]) == "d(b * c)"


def test_roles() -> None:
    x = Tensor(2.0, name="x")
    X = Tensor([[1.0, 2.0]], name="X", requires_grad=False)
    y = x * 3
    three = y.parents[1]
    assert is_parameter(x) and not is_parameter(y) and is_data(X) and is_constant(three)
    assert not is_constant(X)  # named data is drawn


def test_a_users_J_elsewhere_leaves_the_root_cost() -> None:
    u = Tensor(1.0, name="u")
    J = u * 2
    K = J * 3  # K unnamed: "J" is taken by the user's J
    table = NameTable(toposort(K), K, {"J": J})
    assert table[J] == "J" and table[K] == "cost"


# ------------------------------------------------------------------- numpy arrays by name
def test_numpy_arrays_name_the_data_made_from_them() -> None:
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    Y = np.array([[1.0, 0.0, 1.0]])
    W = Tensor(np.ones((1, 2)), name="W")
    A = np.dot(W, X)  # X is copied into the graph: matched by its values
    J = np.sum(A * Y + (1 - Y) * A)
    order = toposort(J)
    table = NameTable(order, J, {"X": X, "Y": Y})
    leaves = {table[t] for t in order if t.is_leaf and not is_constant(t)}
    assert leaves == {"W", "X", "Y", "1 - Y"}
    assert table.equation(J) == "J = sum(W @ X * Y + (1 - Y) * (W @ X))"
    shared = Tensor(X, requires_grad=False)  # a data tensor shares X's memory: same array
    assert given_names([shared], {"X": X})[id(shared)][0] == "X"
    view = Tensor(X[:, :2], requires_grad=False)
    assert given_names([view], {"X": X}) == {}  # another quantity: X's first two columns


def test_dicts_of_the_course_name_what_they_hold() -> None:
    net = week3()
    J, X, Y, parameters, cache = net.J, net.X, net.Y, net.parameters, net.cache
    order = toposort(J)
    table = NameTable(order, J, {"parameters": parameters, "cache": cache, "X": X, "Y": Y})
    assert {table[t] for t in order if t.is_leaf and not is_constant(t)} >= {"X", "Y", "1 - Y"}
    assert table[cache["Z1"]] == "Z1" and table[cache["A2"]] == "A2"


# ------------------------------------------------------------------- the course's names
def test_the_structure_names_Z_and_A_per_layer() -> None:
    net = week3()
    J, cache = net.J, net.cache
    table = NameTable(toposort(J), J)  # no names at all: only W1, b1, W2, b2 are named
    assert [table[cache[k]] for k in ("Z1", "A1", "Z2", "A2")] == ["Z1", "A1", "Z2", "A2"]
    assert table.equation(cache["Z1"]) == "Z1 = W1 @ X + b1"  # X: the data W1 multiplies
    assert table.equation(cache["A1"]) == "A1 = tanh(Z1)"
    assert table.equation(cache["A2"]) == "A2 = 1 / (1 + exp(-Z2))"  # the sigmoid, written out
    leaves = {table[t] for t in toposort(J) if t.is_leaf and is_data(t) and not is_constant(t)}
    assert leaves == {"X", "Y", "1 - Y"}  # the labels: what the cost multiplies with a log


def test_a_bracketed_layer_index_is_kept() -> None:
    W, b = Tensor(np.ones((2, 2)), name="W[2]"), Tensor(np.zeros((2, 1)), name="b[2]")
    A1 = Tensor(np.ones((2, 3)), name="A[1]")
    J = np.sum(np.maximum(0, np.dot(W, A1) + b))
    order = toposort(J)
    table = NameTable(order, J)
    assert [table[t] for t in order if t.op is not None][-3:] == ["Z[2]", "A[2]", "J"]


def test_a_course_name_the_user_already_gave_is_not_given_twice() -> None:
    W1, b1 = Tensor(np.ones((2, 2)), name="W1"), Tensor(np.zeros((2, 1)), name="b1")
    X = Tensor(np.ones((2, 3)), name="Z1", requires_grad=False)  # a confusing own name
    J = np.sum(np.dot(W1, X) + b1)
    table = NameTable(toposort(J), J)
    assert table[J.parents[0]] == "W1 @ Z1 + b1"


# ------------------------------------------------------------------- one name per quantity
def test_the_same_expression_twice_gets_a_number() -> None:
    A = Tensor([[0.5, 0.25]], name="A")
    first, second = np.log(A), np.log(A)  # two nodes, two gradients
    J = np.sum(first + second)
    table = NameTable(toposort(J), J)
    assert table[first] == "log(A)" and table[second] == "log(A) #2"
    assert table.equation(J) == "J = sum(log(A) + (log(A) #2))"


def test_long_expressions_are_written_in_outline() -> None:
    net = week3()
    J, X, Y = net.J, net.X, net.Y
    table = NameTable(toposort(J), J, {"X": X, "Y": Y})
    names = [table[t] for t in toposort(J)]
    assert all(len(name) <= LONGEST_NAME for name in names)
    assert "-sum(log(A2) * Y + … * (1 - Y))" in names  # the long log(1 - A2) * (1 - Y) elided
    assert table.equation(J) == "J = -sum(log(A2) * Y + … * (1 - Y)) / 5"


def test_templates_are_filled_with_parenthesized_operands() -> None:
    net = week3()
    J, X, Y = net.J, net.X, net.Y
    text = viz.explain(J, names={"X": X, "Y": Y})
    assert "dJ/d(1 - A2) = dJ/d(log(1 - A2)) * (1/(1 - A2))" in text
    assert "dJ/d(-Z2) = dJ/d(exp(-Z2)) * exp(-Z2)" in text  # no exp((-Z2))
    assert tidy("exp((-Z2))") == "exp(-Z2)" and tidy("1/(1 - A2)") == "1/(1 - A2)"


# ------------------------------------------------------------------- the learner's networks
@pytest.mark.parametrize("names", ["none", "arrays", "locals"])
def test_the_learners_week3_network_reads_without_generated_ids(names: str) -> None:
    net = week3()
    J, X, Y = net.J, net.X, net.Y
    given = {"none": None, "arrays": {"X": X, "Y": Y}, "locals": dict(locals())}[names]
    text = every_text(J, given)
    assert not GENERATED_ID.search(text), GENERATED_ID.search(text)
    for grad_names in ("fraction", "course"):
        assert_one_name_per_quantity(NameTable(toposort(J), J, given, grad_names), J)
    assert "<B>X</B>" in text and "<B>Y</B>" in text and "<B>1 - Y</B>" in text


def test_course_names_never_write_one_name_for_two_quantities() -> None:
    net = week3()
    J, X, Y = net.J, net.X, net.Y
    text = viz.explain(J, names={"X": X, "Y": Y}, grad_names="course")
    # every d<name> is dJ/d<name>; a local derivative is written with ∂, never dA2/d...
    assert not re.search(r"(?<![∂\w])d\w*/d", text.replace("dJ/dJ", ""))
    assert "d(1 + exp(-Z2)) = dA2 * ∂A2/∂(1 + exp(-Z2))" not in text  # large arrays: no ∂ line
    small = viz.explain(week3(m=2).J, grad_names="course")
    assert "dA1 = W2.T @ d(W2 @ A1)" in small
    assert re.search(r"^dZ1 = dA1 \* ∂A1/∂Z1 = ", small, re.M)


def test_the_learners_week4_network_reads_without_generated_ids() -> None:
    J, X, Y = week4()
    for given in (None, {"X": X, "Y": Y}):
        text = every_text(J, given)
        assert not GENERATED_ID.search(text), GENERATED_ID.search(text)
        table = NameTable(toposort(J), J, given, "course")
        assert_one_name_per_quantity(table, J)
        computed = {table[t] for t in toposort(J) if t.op is not None}
        assert {"Z1", "A1", "Z2", "A2", "Z3", "A3"} <= computed
        assert all(len(name) <= LONGEST_NAME for name in computed)
    # the cost's long terms shorten one input at a time, longest first
    assert table.equation(J) == "J = reshape((-0.1667) * (Y @ log(A3).T + …))"
    assert "(1 - Y) @ log(1 - A3).T" in computed
