"""The Tensor type: construction, the course's J = 3(a + bc), backward semantics."""

from __future__ import annotations

import numpy as np
import pytest

from autograd_nn import BackwardError, Tensor, no_grad, scope
from autograd_nn.viz.replay import Replay, trace


def course_example() -> dict[str, Tensor]:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    return {"a": a, "b": b, "c": c, "u": u, "v": v, "J": J}


def test_course_example_values_and_gradients() -> None:
    t = course_example()
    assert (t["u"].item(), t["v"].item(), t["J"].item()) == (6.0, 11.0, 33.0)
    t["J"].backward()
    grads = {k: t[k].grad.item() for k in "abcuv"}
    # dJ/dv = 3; dJ/du = dJ/dv * 1; dJ/da = dJ/dv * 1; dJ/db = dJ/du * c; dJ/dc = dJ/du * b
    assert grads == {"a": 3.0, "b": 3.0 * 2.0, "c": 3.0 * 3.0, "u": 3.0, "v": 3.0}
    assert t["J"].grad.item() == 1.0


def test_graph_records_op_and_ordered_parents() -> None:
    t = course_example()
    assert t["u"].op.name == "mul" and t["u"].parents == (t["b"], t["c"])
    assert t["v"].op.name == "add" and t["v"].parents == (t["a"], t["u"])
    assert t["a"].is_leaf and t["a"].op is None
    x = Tensor(2.0, name="x")
    twice = x + x
    assert twice.parents == (x, x)  # duplicates kept: two edges
    twice.backward()
    assert x.grad.item() == 2.0


# ----------------------------------------------------------------- construction
@pytest.mark.parametrize(
    "data,shape",
    [
        (5, ()),
        (2.5, ()),
        (True, ()),
        ([1, 2, 3], (3,)),
        ([[1, 2], [3, 4]], (2, 2)),
        (np.arange(6).reshape(2, 3), (2, 3)),
        (np.float32(1.5), ()),
    ],
)
def test_numbers_lists_and_arrays_become_float64(data, shape) -> None:
    t = Tensor(data)
    # an array, or one Python number held as numpy holds one number (np.float64)
    one_number = not shape and type(data) in (int, float)
    assert isinstance(t.data, np.float64 if one_number else np.ndarray)
    assert t.dtype == np.float64 and t.shape == shape
    assert t.ndim == len(shape) and t.size == int(np.prod(shape))
    assert t.grad is None and t.requires_grad and t.name is None


def test_float32_option() -> None:
    t = Tensor([1, 2], dtype=np.float32)
    assert t.dtype == np.float32
    with pytest.raises(TypeError, match="dtype must be float64 or float32, got int64"):
        Tensor([1, 2], dtype=np.int64)


@pytest.mark.parametrize(
    "bad,message",
    [
        ("abc", "got str"),
        ({"a": 1}, "got dict"),
        (None, "got NoneType"),
        (["a", "b"], "array of <U1"),
        ([[1, 2], [3]], "rectangular"),
        (np.array([1 + 2j]), "complex128"),
        (object(), "got object"),
    ],
)
def test_anything_else_is_a_type_error_saying_what_was_given(bad, message) -> None:
    with pytest.raises(TypeError, match=message):
        Tensor(bad)


def test_a_tensor_input_is_refused_with_advice() -> None:
    with pytest.raises(TypeError, match="detach"):
        Tensor(Tensor(1.0))


def test_name_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="name must be a string, got int"):
        Tensor(1.0, name=3)


def test_parameters_copy_their_array_and_data_tensors_share_it() -> None:
    W_init = np.ones((2, 2))
    W = Tensor(W_init, name="W")
    W.data -= 1.0  # an in-place update of the parameter
    assert np.all(W_init == 1.0)  # the caller's array is untouched
    X_array = np.ones((2, 3))
    X = Tensor(X_array, name="X", requires_grad=False)
    assert np.shares_memory(X.data, X_array)  # no copy of the data set


def test_item_numpy_and_repr() -> None:
    t = Tensor([[1.0, 2.0]], name="b1")
    with pytest.raises(ValueError, match=r"item\(\): b1 \(1, 2\) has 2 entries"):
        t.item()
    copy = t.numpy()
    copy[0, 0] = 99
    assert t.data[0, 0] == 1.0
    assert float(Tensor(2.5)) == 2.5
    text = repr(t * 2)
    assert "op='mul'" in text and "[[2., 4.]]" in text and "shape=(1, 2)" in text
    assert "name='b1'" in repr(t)
    big = repr(Tensor(np.zeros((4, 400)), name="Z1"))
    assert "shape=(4, 400)" in big and "mean=0" in big and len(big) < 120
    assert "requires_grad=False" in repr(Tensor(1.0, requires_grad=False))
    assert repr(Tensor(6.0, name="u")) == "Tensor(6.0, name='u')"


# ----------------------------------------------------------------- backward semantics
def test_diamond_graph_sums_the_contributions() -> None:
    # a is used twice: b = 2a, c = a^2, J = b * c = 2 a^3, dJ/da = 6 a^2
    a = Tensor(3.0, name="a")
    b = 2 * a
    c = a**2
    J = b * c
    J.backward()
    assert a.grad.item() == 6 * 3.0**2
    assert b.grad.item() == c.item() and c.grad.item() == b.item()


def test_reused_intermediate_is_not_backpropagated_twice() -> None:
    # micrograd's counter-example: b = a + a; c = b + b  =>  dc/da = 4
    a = Tensor(1.0, name="a")
    b = a + a
    c = b + b
    c.backward()
    assert a.grad.item() == 4.0 and b.grad.item() == 2.0


def test_a_second_backward_replaces_and_accumulate_adds_on_purpose() -> None:
    t = course_example()
    t["J"].backward()
    t["J"].backward()  # a notebook cell run twice: dJ/da is still 3, not 6
    assert t["a"].grad.item() == 3.0 and t["b"].grad.item() == 6.0 and t["J"].grad.item() == 1.0
    t["J"].backward(accumulate=True)
    assert t["a"].grad.item() == 6.0 and t["b"].grad.item() == 12.0 and t["u"].grad.item() == 6.0
    t["a"].zero_grad()
    assert t["a"].grad is None
    t["J"].backward(accumulate=True)
    assert t["a"].grad.item() == 3.0 and t["b"].grad.item() == 18.0


def test_keep_grads_false_keeps_only_leaf_gradients() -> None:
    t = course_example()
    t["J"].backward(keep_grads=False)
    assert t["u"].grad is None and t["v"].grad is None
    assert t["c"].grad.item() == 9.0
    assert trace(t["J"]) == []  # nothing to replay: the intermediates hold no gradient


def test_the_replay_lists_every_edge_in_the_order_backward_ran_it() -> None:
    t = course_example()
    t["J"].backward()
    edges = [(s.child, s.parent, float(s.contribution)) for s in Replay(t["J"]).steps]
    assert edges == [
        (t["J"], t["v"], 3.0),
        (t["v"], t["a"], 3.0),
        (t["v"], t["u"], 3.0),
        (t["u"], t["b"], 6.0),
        (t["u"], t["c"], 9.0),
    ]


def test_non_scalar_backward_needs_an_explicit_gradient_of_its_shape() -> None:
    Z = Tensor(np.ones((2, 3)), name="Z1") * 2
    Z.name = "Z1"
    with pytest.raises(BackwardError, match=r"Z1 \(2, 3\) has 6 entries.*gradient="):
        Z.backward()
    with pytest.raises(BackwardError, match=r"gradient of shape \(3, 2\) given for Z1 \(2, 3\)"):
        Z.backward(np.ones((3, 2)))
    with pytest.raises(BackwardError, match="NaN or infinity"):
        Z.backward(np.full((2, 3), np.nan))
    seed = np.arange(6.0).reshape(2, 3)
    Z.backward(seed)
    np.testing.assert_array_equal(Z.parents[0].grad, 2 * seed)


def test_backward_on_a_tensor_without_gradient_is_refused() -> None:
    X = Tensor([1.0, 2.0], name="X", requires_grad=False)
    with pytest.raises(BackwardError, match=r"sum\(X\) \(\) does not require a gradient"):
        X.sum().backward()


def test_data_tensors_get_no_gradient_work() -> None:
    W = Tensor(np.ones((1, 2)), name="W")
    X = Tensor(np.ones((2, 3)), name="X", requires_grad=False)
    J = (W @ X).sum()
    J.backward()
    assert X.grad is None
    np.testing.assert_array_equal(W.grad, [[3.0, 3.0]])
    assert not (1 - X).requires_grad  # recorded for diagrams, skipped by backward
    assert (1 - X).op.name == "sub"


def test_no_grad_records_nothing() -> None:
    w = Tensor(2.0, name="w")
    with no_grad():
        y = w * 3
        assert y.requires_grad is False and y.parents == () and y.op is None
    z = w * 3
    assert z.requires_grad and z.op.name == "mul"


def test_no_grad_is_restored_after_an_exception() -> None:
    from autograd_nn import is_grad_enabled

    with pytest.raises(RuntimeError), no_grad():
        raise RuntimeError
    assert is_grad_enabled()


def test_detach_cuts_the_history_and_shares_the_value() -> None:
    w = Tensor(2.0, name="w")
    y = w * 3
    d = y.detach()
    assert d.is_leaf and not d.requires_grad and d.data is y.data
    J = d * w
    J.backward()
    assert w.grad.item() == 6.0  # only through the direct use of w


def test_scope_stamps_groups() -> None:
    with scope("layer 1"):
        W1 = Tensor(np.ones((2, 2)), name="W1")
        Z1 = W1 * 2
    assert W1.group == Z1.group == "layer 1"
    assert (Z1 + 1).group is None


def test_iterating_and_len() -> None:
    t = Tensor([[1.0, 2.0], [3.0, 4.0]])
    rows = list(t)
    assert len(t) == 2 and len(rows) == 2 and rows[1].op.name == "getitem"
    np.testing.assert_array_equal(rows[1].data, [3.0, 4.0])
    with pytest.raises(TypeError, match="scalar"):
        len(Tensor(1.0))


def test_a_million_step_chain_backpropagates_without_recursion_error() -> None:
    x = Tensor(1.0, name="x")
    y = x
    n = 1_000_000
    for _ in range(n):
        y = y * 1.000001
    y.backward(keep_grads=False)
    np.testing.assert_allclose(x.grad.item(), 1.000001**n, rtol=1e-9)


def test_a_hundred_thousand_step_chain_backpropagates_without_recursion_error() -> None:
    x = Tensor(0.5, name="x")
    y = x
    for _ in range(100_000):
        y = y + x * 1e-6  # every step also uses x: 100,000 extra edges into one leaf
    y.backward()
    np.testing.assert_allclose(x.grad.item(), 1 + 100_000 * 1e-6, rtol=1e-12)


def test_an_interrupted_backward_leaves_no_partial_sums_for_the_next(monkeypatch) -> None:
    from autograd_nn import ops

    t = course_example()
    broken = ops.Op("add", ops.add.forward, (ops.add.vjps[0], None), "{x} + {y}", (), ())
    t["J"].backward()
    t["v"].op = broken  # v = a + u: its second VJP fails after J has sent dJ/dv
    t["c"].zero_grad()
    with pytest.raises(TypeError):
        t["J"].backward(accumulate=True)
    # atomic: a failed pass wrote nothing (a would be 6 and c would be set otherwise)
    assert t["a"].grad.item() == 3.0 and t["J"].grad.item() == 1.0 and t["c"].grad is None
    t["v"].op = ops.add
    t["J"].backward()
    assert t["a"].grad.item() == 3.0 and t["c"].grad.item() == 9.0


def test_gradients_have_the_dtype_of_their_tensor() -> None:
    w = Tensor(np.ones((2, 1)), dtype=np.float32, name="w")
    X = Tensor(np.ones((2, 3)), name="X", requires_grad=False)  # float64 data
    J = (w.T @ X).sum()
    assert J.dtype == np.float64  # numpy promotes the forward pass
    J.backward()
    assert w.grad.dtype == np.float32
    np.testing.assert_array_equal(w.grad, [[3.0], [3.0]])


def test_truth_value_and_numpy_conversion() -> None:
    assert bool(Tensor(2.0)) and not bool(Tensor([0.0]))
    with pytest.raises(TypeError, match=r"truth value of b \(2,\) with 2 entries is ambiguous"):
        bool(Tensor([0.0, 1.0], name="b"))
    t = Tensor([1.0, 2.0])
    array = np.asarray(t)
    assert isinstance(array, np.ndarray) and array.dtype == np.float64
    array[0] = 9.0
    assert t.data[0] == 1.0  # a copy
    assert np.array(t, dtype=np.float32).dtype == np.float32


def test_functions_and_tuple_forms_match_the_methods() -> None:
    import autograd_nn as ag

    z = Tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], name="z")
    np.testing.assert_array_equal(ag.log_softmax(z).data, z.log_softmax().data)
    np.testing.assert_array_equal(ag.clip(z, -1, 1).data, np.clip(z.data, -1, 1))
    np.testing.assert_array_equal(ag.transpose(z, (1, 0)).data, z.data.T)
    np.testing.assert_array_equal(ag.reshape(z, (3, 2)).data, z.data.reshape(3, 2))
    assert "dtype=float32" in repr(Tensor([1.0], dtype=np.float32))


def test_a_strided_operand_is_stretched_correctly() -> None:
    W = Tensor(np.arange(6.0).reshape(2, 3), name="W")
    column = W[:, 1:2]  # a (2, 1) view with strides of the (2, 3) array: not contiguous
    assert not column.data.flags.c_contiguous
    Z = Tensor(np.zeros((2, 4)), requires_grad=False) + column
    np.testing.assert_array_equal(Z.data, [[1.0] * 4, [4.0] * 4])
    Z.sum().backward()
    np.testing.assert_array_equal(W.grad, [[0.0, 4.0, 0.0], [0.0, 4.0, 0.0]])


def test_backward_refuses_a_gradient_that_is_not_numbers() -> None:
    t = Tensor([1.0, 2.0], name="t") * 2
    with pytest.raises(TypeError, match="gradient must be numbers, got <U1"):
        t.backward(np.array(["a", "b"]))
