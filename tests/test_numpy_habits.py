"""numpy habits on a Tensor: the array methods a learner reaches for are recorded (or refused by
name), never Python's AttributeError or a raw numpy error.

Oracles: numpy on the values (forward), hand-worked derivatives (d var/dx_i = 2 (x_i - mu) / n,
d min/dx shared at ties) and centered finite differences (gradcheck).
"""

from __future__ import annotations

import io
import threading

import numpy as np
import pytest

from autograd_nn import Tensor, gradcheck, no_grad, scope
from autograd_nn.errors import ShapeError, UnsupportedNumpyFunctionError
from autograd_nn.graph import current_scope, is_grad_enabled

X_VALUE = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]])


def assert_gradients_match(f, x: Tensor) -> None:
    results = gradcheck(f, x)
    assert results
    for r in results:
        assert r.relative_difference < 1e-6, (r.name, r.analytic, r.numeric)


# ---------------------------------------------------------------------- copy, flatten, squeeze
def test_copy_is_recorded_with_its_own_memory_and_the_identity_gradient() -> None:
    x = Tensor(X_VALUE, name="x")
    c = x.copy()
    assert isinstance(c, Tensor) and c.requires_grad and x in c.parents
    assert not np.shares_memory(c.data, x.data)
    np.testing.assert_array_equal(c.data, X_VALUE)
    (c * c).sum().backward()
    np.testing.assert_array_equal(x.grad, 2 * X_VALUE)


@pytest.mark.parametrize("method", ["flatten", "ravel"])
def test_flatten_and_ravel_are_recorded_reshapes(method) -> None:
    x = Tensor(X_VALUE, name="x")
    out = getattr(x, method)()
    assert out.shape == (6,) and x in out.parents
    np.testing.assert_array_equal(out.data, X_VALUE.ravel())
    weights = np.arange(6.0)
    (out * weights).sum().backward()
    np.testing.assert_array_equal(x.grad, weights.reshape(2, 3))  # each entry its own weight


def test_squeeze_method_drops_the_axes_of_size_one() -> None:
    cost = Tensor([[2.5]], name="cost")
    assert cost.squeeze().shape == ()
    b = Tensor([[1.0], [2.0]], name="b")
    assert b.squeeze(axis=1).shape == (2,) and b.squeeze(1).shape == (2,)
    (b.squeeze() * np.array([3.0, 4.0])).sum().backward()
    np.testing.assert_array_equal(b.grad, [[3.0], [4.0]])
    with pytest.raises(ShapeError, match=r"squeeze: axis 0 of b \(2, 1\) has size 2"):
        b.squeeze(0)


# ---------------------------------------------------------------------- min, var, std
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_min_matches_numpy_and_its_gradient_goes_to_the_smallest(axis, keepdims) -> None:
    x = Tensor(X_VALUE, name="x")
    out = x.min(axis=axis, keepdims=keepdims)
    np.testing.assert_array_equal(out.data, X_VALUE.min(axis=axis, keepdims=keepdims))
    assert_gradients_match(lambda t: t.min(axis=axis, keepdims=keepdims), x)


def test_min_shares_the_gradient_between_ties() -> None:
    x = Tensor([1.0, -2.0, -2.0, 3.0], name="x")
    x.min().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.5, 0.5, 0.0])


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("ddof", [0, 1])
def test_var_and_std_match_numpy_and_differentiate(axis, keepdims, ddof) -> None:
    for method in ("var", "std"):
        x = Tensor(X_VALUE, name="x")
        out = getattr(x, method)(axis=axis, keepdims=keepdims, ddof=ddof)
        expected = getattr(np, method)(X_VALUE, axis=axis, keepdims=keepdims, ddof=ddof)
        np.testing.assert_allclose(out.data, expected, rtol=1e-14)
        assert out.requires_grad
        assert_gradients_match(
            lambda t, m=method: getattr(t, m)(axis=axis, keepdims=keepdims, ddof=ddof), x
        )


def test_var_gradient_is_the_hand_worked_one() -> None:
    x_value = np.array([1.0, 2.0, 6.0])  # mean 3, n 3
    x = Tensor(x_value, name="x")
    x.var().backward()
    np.testing.assert_allclose(x.grad, 2 * (x_value - 3.0) / 3, rtol=1e-15)  # [-4/3, -2/3, 2]
    y = Tensor(x_value, name="y")
    y.std().backward()  # d sqrt(v)/dx = (dv/dx) / (2 sqrt(v)); v = 14/3
    np.testing.assert_allclose(y.grad, (x_value - 3.0) / 3 / np.sqrt(14 / 3), rtol=1e-14)


def test_numpy_functions_var_and_std_record_too() -> None:
    x = Tensor(X_VALUE, name="x")
    out = np.std(x, axis=1, keepdims=True)
    assert isinstance(out, Tensor) and out.requires_grad
    np.testing.assert_allclose(out.data, np.std(X_VALUE, axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_allclose(np.var(x).data, np.var(X_VALUE), rtol=1e-14)


# ---------------------------------------------------------------------- astype
@pytest.mark.parametrize("dtype", [np.float32, "float32", np.float64, float, "float64"])
def test_astype_to_a_float_dtype_is_recorded(dtype) -> None:
    x = Tensor(X_VALUE, name="x")
    out = x.astype(dtype)
    assert isinstance(out, Tensor) and out.dtype == np.dtype(dtype) and x in out.parents
    (out * 2).sum().backward()
    assert x.grad.dtype == np.float64
    np.testing.assert_array_equal(x.grad, np.full(X_VALUE.shape, 2.0))


def test_astype_float32_sends_a_float64_gradient_back() -> None:
    x = Tensor(X_VALUE, name="x", dtype=np.float32)
    y = x.astype(np.float64)
    (y * y).sum().backward()
    assert x.grad.dtype == np.float32
    np.testing.assert_allclose(x.grad, 2 * X_VALUE.astype(np.float32), rtol=1e-6)


@pytest.mark.parametrize("dtype", [int, np.int64, "int32", bool, np.uint8, np.complex128])
def test_astype_to_another_dtype_is_refused_by_name_for_a_tensor_that_needs_a_gradient(
    dtype,
) -> None:
    x = Tensor(X_VALUE, name="x")
    with pytest.raises(UnsupportedNumpyFunctionError, match=r"astype.*x \(2, 3\).*gradient"):
        x.astype(dtype)
    Y = Tensor([[1.0, 0.0, 1.0]], name="Y", requires_grad=False)  # labels: data
    labels = Y.astype(dtype)
    assert type(labels) is np.ndarray and labels.dtype == np.dtype(dtype)
    assert labels.tolist() == np.array([[1, 0, 1]]).astype(dtype).tolist()


# ---------------------------------------------------------------------- numpy's raw errors
RAW = {
    "np.isfortran": lambda t: np.isfortran(t),
    "np.from_dlpack": lambda t: np.from_dlpack(t),
    "np.fromfile": lambda t: np.fromfile(t),
    "np.genfromtxt": lambda t: np.genfromtxt(t),
}


@pytest.mark.parametrize("name", list(RAW))
def test_numpy_functions_that_failed_raw_are_refused_by_name(name) -> None:
    t = Tensor([[0.5, 0.25], [0.75, 0.125]], name="W1")
    with pytest.raises(UnsupportedNumpyFunctionError, match=name.replace(".", r"\.") + r"\b.*W1"):
        RAW[name](t)
    assert t.data[0, 0] == 0.5 and t.grad is None


def test_a_file_like_argument_is_not_mistaken_for_a_tensor() -> None:
    assert np.genfromtxt(io.StringIO("1 2\n3 4")).tolist() == [[1.0, 2.0], [3.0, 4.0]]


# ---------------------------------------------------------------------- .data replaced
def test_replacing_data_with_another_shape_is_refused_at_assignment() -> None:
    W = Tensor([[1.0, 2.0]], name="W")
    J = (W * W).sum()
    with pytest.raises(ShapeError, match=r"W \(1, 2\).*\(3,\).*keeps its shape"):
        W.data = np.ones(3)
    assert W.data.tolist() == [[1.0, 2.0]]
    J.backward()  # the graph still holds
    np.testing.assert_array_equal(W.grad, [[2.0, 4.0]])


def test_replacing_data_with_the_same_shape_keeps_working_and_the_dtype() -> None:
    W = Tensor([[1.0, 2.0]], name="W", dtype=np.float32)
    W.data = W.data - 0.5 * np.ones((1, 2))  # the micrograd-style update
    assert W.data.tolist() == [[0.5, 1.5]] and W.dtype == np.float32
    W.data = [[3, 4]]  # a list of ints, as Tensor() takes it
    assert W.data.tolist() == [[3.0, 4.0]] and W.dtype == np.float32
    with pytest.raises(TypeError, match=r"W \(1, 2\)"):
        W.data = "text"
    assert W.data.tolist() == [[3.0, 4.0]]


# ---------------------------------------------------------------------- no_grad and scope
def test_one_no_grad_object_entered_twice_restores_recording() -> None:
    guard = no_grad()
    with guard:
        with guard:
            assert not is_grad_enabled()
        assert not is_grad_enabled()  # still inside the outer block
    assert is_grad_enabled()
    w = Tensor(2.0, name="w")
    assert (w * 3).requires_grad


def test_one_scope_object_entered_twice_restores_the_group() -> None:
    layer = scope("layer 1")
    with scope("model"):
        with layer:
            with layer:
                assert current_scope() == "layer 1"
            assert current_scope() == "layer 1"
        assert current_scope() == "model"
    assert current_scope() is None


def test_one_no_grad_object_shared_by_threads_restores_each_thread() -> None:
    guard = no_grad()
    entered, leave = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def worker() -> None:  # recording on in this thread when it enters
        with guard:
            entered.set()
            leave.wait()
        seen["worker"] = is_grad_enabled()

    thread = threading.Thread(target=worker)
    with no_grad():  # recording off in the main thread when it enters
        with guard:
            thread.start()
            entered.wait()
        seen["main"] = is_grad_enabled()  # left while the worker is still inside
    leave.set()
    thread.join()
    assert seen == {"main": False, "worker": True}
