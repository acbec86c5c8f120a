"""Which name each node gets: its own, the user's variable, J for the root, or a stable t<k>."""

from __future__ import annotations

from autograd_nn import Tensor
from autograd_nn.graph import toposort
from autograd_nn.viz.naming import NameTable, fraction, is_constant, is_data, is_parameter


def j_graph():
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v}


def test_own_names_then_variables_then_J_then_generated() -> None:
    J, names = j_graph()
    table = NameTable(toposort(J), J, {"u": names["u"]})
    assert [table[names[k]] for k in "abcu"] == ["a", "b", "c", "u"]
    assert table[J] == "J" and table.root == "J"
    assert table[names["v"]] == f"t{table.index(names['v'])}"  # stable: its topological index
    assert table.equation(names["u"]) == "u = b * c" and table.expression(J).startswith("3 * t")


def test_gradient_names_as_fractions_or_as_the_course_writes_them() -> None:
    J, names = j_graph()
    fractions = NameTable(toposort(J), J, names)
    course = NameTable(toposort(J), J, names, grad_names="course")
    assert fractions.d(names["b"]) == "dJ/db" and course.d(names["b"]) == "db"
    assert course.d(J) == "dJ/dJ"  # the seed keeps its fraction
    assert course.local(names["u"], names["b"]) == "du/db"
    assert fraction("J", "1 - A2") == "dJ/d(1 - A2)"


def test_roles() -> None:
    x = Tensor(2.0, name="x")
    X = Tensor([[1.0, 2.0]], name="X", requires_grad=False)
    y = x * 3
    three = y.parents[1]
    assert is_parameter(x) and not is_parameter(y) and is_data(X) and is_constant(three)
    assert not is_constant(X)  # named data is drawn


def test_a_generated_name_never_collides_with_a_given_one() -> None:
    u = Tensor(1.0, name="u")
    J = u * 2
    K = J * 3  # K unnamed: "J" is taken by the user's J, so K gets t<k>
    table = NameTable(toposort(K), K, {"J": J})
    assert table[J] == "J" and table[K] == f"t{table.index(K)}"
