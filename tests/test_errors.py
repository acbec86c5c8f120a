"""autograd_nn.errors: the hierarchy, and each error raised where the library promises it.

Oracles: the documented hierarchy (each error is an AutogradError and the built-in error a
caller would catch); the message format of the errors guide (the operation, the tensors by
name and shape, what was expected), checked on the course's own mistakes; the values the
caller holds, compared before and after a failed call.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograd_nn import Tensor, no_grad
from autograd_nn import errors as E  # noqa: N812
from autograd_nn.nn import Model

HIERARCHY = {
    E.ShapeError: ValueError,
    E.DomainError: ValueError,
    E.BackwardError: RuntimeError,
    E.IndexingError: IndexError,
    E.UnsupportedNumpyFunctionError: TypeError,
    E.InPlaceError: RuntimeError,
    E.ConversionError: TypeError,  # (and a ValueError, as numpy's a.item())
}


@pytest.mark.parametrize(("error", "builtin"), HIERARCHY.items(), ids=lambda c: c.__name__)
def test_each_error_is_an_autograd_error_and_the_builtin_a_caller_would_catch(error, builtin):
    assert issubclass(error, E.AutogradError) and issubclass(error, builtin)
    assert issubclass(E.AutogradError, Exception) and not issubclass(E.AutogradError, builtin)
    try:
        raise error("matmul: W2 (1, 4) @ A1 (3, 400): inner dimensions 4 and 3 differ")
    except builtin as caught:  # code that knows only the built-in errors still catches it
        assert str(caught).startswith("matmul: W2 (1, 4)")
    assert error.__doc__ and error.__doc__.strip()


def test_every_error_the_module_defines_is_in_the_documented_hierarchy():
    defined = {
        value
        for value in vars(E).values()
        if isinstance(value, type) and issubclass(value, E.AutogradError)
    }
    assert defined == {E.AutogradError, *HIERARCHY}
    for error in HIERARCHY:
        assert error.__name__ in E.__doc__  # the module's docstring draws the tree


def test_shape_error_names_the_operation_the_tensors_and_what_was_expected():
    W2 = Tensor(np.ones((1, 4)), name="W2")
    A1 = Tensor(np.ones((3, 400)), name="A1")
    with pytest.raises(E.ShapeError) as caught:
        W2 @ A1
    message = str(caught.value)
    assert message.startswith("matmul: W2 (1, 4) @ A1 (3, 400): inner dimensions 4 and 3 differ")
    with pytest.raises(E.ShapeError, match=r"W1 \(4, 2\).*b1 \(3, 1\)"):
        Tensor(np.ones((4, 2)), name="W1") + Tensor(np.ones((3, 1)), name="b1")


def test_domain_error_for_log_of_zero_keeps_the_graph_untouched():
    A = Tensor(np.array([[0.0, 0.5]]), name="A")
    with pytest.raises(E.DomainError, match=r"log: A \(1, 2\) has 1 entry <= 0"):
        A.log()
    np.testing.assert_array_equal(A.data, [[0.0, 0.5]])
    assert A.grad is None


def test_backward_error_names_the_tensor_and_the_fix():
    v = Tensor(np.ones(3), name="v")
    A = v * 2
    A.name = "A"
    with pytest.raises(E.BackwardError, match=r"backward: A \(3,\) has 3 entries.*\.sum\(\)"):
        A.backward()
    assert v.grad is None  # a failed backward writes no gradient


def test_indexing_error_names_the_index_and_the_size():
    v = Tensor(np.ones(3), name="v")
    with pytest.raises(
        E.IndexingError, match=r"v \(3,\)\[5\].*out of bounds for axis 0 with size 3"
    ):
        v[5]


def test_a_numpy_function_without_a_rule_is_refused_with_the_way_out():
    M = Tensor(np.eye(2), name="M")
    with pytest.raises(E.UnsupportedNumpyFunctionError) as caught:
        np.linalg.inv(M)
    message = str(caught.value)
    assert "np.linalg.inv" in message and "M (2, 2)" in message
    assert "t.numpy()" in message and "np.dot" in message  # how to leave the graph; what works


def test_writing_into_a_recorded_tensor_or_a_parameter_is_refused_and_changes_nothing():
    W = Tensor(np.ones(3), name="W")
    Z = W * 2
    Z.name = "Z"
    with pytest.raises(E.InPlaceError, match=r"setitem: Z \(3,\).*np\.where\(Z > 0, Z, 0\)"):
        Z[Z.data <= 0] = 0
    with pytest.raises(E.InPlaceError, match=r"W \(3,\) \+= .*with no_grad\(\)"):
        W += 1
    np.testing.assert_array_equal(W.data, [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(Z.data, [2.0, 2.0, 2.0])
    with no_grad():  # the way the message shows
        W -= 0.5
    np.testing.assert_array_equal(W.data, [0.5, 0.5, 0.5])


def test_the_nn_errors_belong_to_the_hierarchy():
    model = Model.from_layer_dims([2, 3, 1], seed=0)
    with pytest.raises(E.ShapeError, match=r"X must be \(n\[0\], m\) = \(2, m\)"):
        model.forward(np.ones((3, 5)))
    before = model.get_parameters()
    with pytest.raises(E.AutogradError, match="missing b2"):
        model.set_parameters({k: v for k, v in before.items() if k != "b2"})
    for name, value in model.get_parameters().items():  # a failed call changes nothing
        np.testing.assert_array_equal(value, before[name])
