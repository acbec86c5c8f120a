"""No silent graph loss through numpy: a Tensor written into a numpy array, numpy's builders
given a Tensor that requires a gradient, and np.matrix operands are refused by name.

The oracle is the gradient itself: the issue's repro (``dw[j] += x[j] * w[j]``) gives
w.grad [1, -2] where the true gradient is [3, 1]; every spelling that would hand numpy a copy
of the values of a Tensor that requires a gradient must raise instead, leaving the target array
as it was. The explicit ways out (``float(t)``, ``t.item()``, ``t.numpy()``, ``np.asarray(t)``)
and tensors that need no gradient keep working.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import autograd_nn
from autograd_nn import Tensor, no_grad
from autograd_nn.errors import InPlaceError, UnsupportedNumpyFunctionError

pytestmark = pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")


def refusal(call) -> UnsupportedNumpyFunctionError:
    """Run ``call`` and return the refusal. numpy reports a failed store of one number as its own
    ValueError ("setting an array element with a sequence") raised from ours, which the learner
    sees first, with the fix."""
    with pytest.raises((UnsupportedNumpyFunctionError, ValueError)) as info:
        call()
    error = info.value
    if not isinstance(error, UnsupportedNumpyFunctionError):
        error = error.__cause__ or error.__context__
    assert isinstance(error, UnsupportedNumpyFunctionError), info.value
    return error


def the_repro_parameter() -> Tensor:
    return Tensor([0.5, -1.0], name="w")


# ---------------------------------------------------------------------- the issue's repro
def test_the_issue_repro_is_refused_and_the_recorded_way_gives_the_true_gradient() -> None:
    w = the_repro_parameter()
    x = np.array([2.0, 3.0])
    dw = np.zeros(2)
    with pytest.raises(UnsupportedNumpyFunctionError, match=r"numpy array.*autograd_nn\.stack"):
        for j in range(2):
            dw[j] += x[j] * w[j]
    assert dw.tolist() == [0.0, 0.0]  # nothing was written
    # the fix the message gives: keep the terms as Tensors
    terms = [x[j] * w[j] for j in range(2)]
    J = (w * w).sum() + autograd_nn.stack(terms).sum()
    J.backward()
    np.testing.assert_array_equal(w.grad, [2 * 0.5 + 2.0, 2 * -1.0 + 3.0])  # 2w + x = [3, 1]


WRITES = [
    "a[i] = t",
    "a[i] += t",
    "a[i:j] = t",
    "a[mask] = t",
    "a[i, j] = t",
    "a[i] = row",
    "a.flat[i] = t",
]


def write(kind: str, a: np.ndarray, t: Tensor) -> None:
    """The learner's spellings, written out so that Python compiles them as they would be."""
    if kind == "a[i] = t":
        a[0] = t[0]
    elif kind == "a[i] += t":
        a[0] += t[0]
    elif kind == "a[i:j] = t":
        a[0:2] = t
    elif kind == "a[mask] = t":
        a[a == 0] = t
    elif kind == "a[i, j] = t":
        a.reshape(1, -1)[0, 1] = t[1]
    elif kind == "a[i] = row":
        a.reshape(1, -1)[0] = t
    elif kind == "a.flat[i] = t":
        a.flat[1] = t[1]
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("kind", WRITES)
def test_writing_a_tensor_that_requires_a_gradient_into_a_numpy_array_is_refused(kind) -> None:
    w = the_repro_parameter()
    a = np.zeros(2)
    value = w * 1.0 if kind in ("a[i:j] = t", "a[mask] = t", "a[i] = row") else w
    if kind == "a.flat[i] = t":  # numpy's flat iterator drops the message: its own error only
        with pytest.raises(ValueError, match="Error setting single item of array"):
            write(kind, a, value)
        assert a.tolist() == [0.0, 0.0]
        return
    message = str(refusal(lambda: write(kind, a, value)))
    assert re.search(r"w.*written into a numpy array.*graph", message), message
    assert "float(" in message and ".numpy()" in message  # the ways out on purpose
    assert a.tolist() == [0.0, 0.0]
    assert w.grad is None


@pytest.mark.parametrize("kind", WRITES)
def test_writing_values_that_need_no_gradient_into_a_numpy_array_works(kind) -> None:
    X = Tensor([0.5, -1.0], name="X", requires_grad=False)
    a = np.zeros(2)
    write(kind, a, X)
    assert a.tolist() != [0.0, 0.0]
    w, b = the_repro_parameter(), np.zeros(2)
    with no_grad():  # nothing is recorded: no graph to lose
        write(kind, b, w)
    assert b.tolist() != [0.0, 0.0]


def test_the_explicit_ways_out_still_write_values_on_purpose() -> None:
    w = the_repro_parameter()
    a = np.zeros(2)
    a[0] = float(w[0])
    a[1] = w[1].item()
    assert a.tolist() == [0.5, -1.0]
    a[:] = w.numpy()
    a[:] = np.asarray(w)  # for plotting: np.asarray(t) on its own line stays a way out
    assert a.tolist() == [0.5, -1.0]
    costs = [Tensor(0.5, name="J") * 2, Tensor(0.25, name="J") * 2]
    assert np.array([float(c) for c in costs]).tolist() == [1.0, 0.5]


def test_writing_a_parameter_into_a_data_tensor_is_refused_too() -> None:
    X = Tensor([[1.0, 2.0]], name="X", requires_grad=False)
    w = Tensor(3.0, name="w")
    with pytest.raises(InPlaceError, match=r"X \(1, 2\).*w \(\) requires a gradient"):
        X[0, 0] = w
    assert X.data.tolist() == [[1.0, 2.0]]
    X[0, 0] = Tensor(5.0, requires_grad=False)  # data into data: as numpy
    assert X.data.tolist() == [[5.0, 2.0]]


# ---------------------------------------------------------------------- numpy's builders
BUILDERS = [  # (the name the refusal gives, the call with s () and v (2,), works on data)
    (r"np\.full\b", lambda s, v: np.full(2, s), True),
    (r"np\.full\b", lambda s, v: np.full((2, 2), s, dtype=float), False),
    (r"np\.full_like\b", lambda s, v: np.full_like(np.zeros(2), s), False),
    (r"np\.full_like\b", lambda s, v: np.full_like(v, s), True),
    (r"np\.empty_like\b", lambda s, v: np.empty_like(v), True),
    (r"np\.fromiter\b", lambda s, v: np.fromiter(v, float), True),
    (r"np\.fromiter\b", lambda s, v: np.fromiter((v[j] * 2 for j in range(2)), float), True),
    (r"np\.vectorize\b", lambda s, v: np.vectorize(lambda x: x * 2)(v), True),
    (r"np\.frompyfunc\b", lambda s, v: np.frompyfunc(lambda x: x * 2, 1, 1)(v), False),
    (r"np\.random\.normal\b", lambda s, v: np.random.normal(v, 1.0), True),
    (r"np\.random\.normal\b", lambda s, v: np.random.normal(loc=s, scale=1.0, size=3), True),
    (r"np\.random\.uniform\b", lambda s, v: np.random.uniform(v, 2.0), True),
    (r"np\.random\.permutation\b", lambda s, v: np.random.permutation(v), False),
    (r"np\.random\.choice\b", lambda s, v: np.random.choice(v), True),
    (r"rng\.normal\b", lambda s, v: rng.normal(v), True),
    (r"rng\.choice\b", lambda s, v: rng.choice(v), True),
    (r"rng\.permutation\b", lambda s, v: rng.permutation(v), False),
    (r"np\.bmat\b", lambda s, v: np.bmat([[v.reshape(1, 2)]]), True),
]
rng = np.random.default_rng(0)


@pytest.mark.parametrize(
    "name, call, data_ok", BUILDERS, ids=[f"{i}" for i in range(len(BUILDERS))]
)
def test_numpy_builders_given_a_tensor_that_requires_a_gradient_are_refused_by_name(
    name, call, data_ok
) -> None:
    s, v = Tensor(2.0, name="s"), Tensor([0.5, -1.0], name="v")
    message = str(refusal(lambda: call(s, v)))
    assert re.search(name, message), message
    assert ".numpy()" in message, message  # the way out on purpose
    assert s.data == 2.0 and v.data.tolist() == [0.5, -1.0]


@pytest.mark.parametrize(
    "name, call", [(name, call) for name, call, data_ok in BUILDERS if data_ok]
)
def test_numpy_builders_that_convert_data_tensors_keep_working(name, call) -> None:
    """(The others dispatch to the Tensor, which refuses functions with no rule on any Tensor.)"""
    s = Tensor(2.0, name="s", requires_grad=False)
    v = Tensor([0.5, -1.0], name="v", requires_grad=False)
    result = call(s, v)
    assert not isinstance(result, Tensor) or not result.requires_grad


def test_full_and_full_like_name_the_recorded_spelling() -> None:
    s = Tensor(2.0, name="s")
    with pytest.raises(UnsupportedNumpyFunctionError, match=r"broadcast_to\(s, "):
        np.full((2, 3), s)
    with pytest.raises(UnsupportedNumpyFunctionError, match=r"broadcast_to\(s, "):
        np.full_like(Tensor(np.zeros((2, 3))), s)
    np.testing.assert_array_equal(np.full_like(Tensor(np.zeros((2, 3))), 7.0), np.full((2, 3), 7))


# ---------------------------------------------------------------------- np.matrix
MATRIX_CALLS = {
    "matrix * W": lambda M, W: M * W,
    "W * matrix": lambda M, W: W * M,
    "matrix @ W": lambda M, W: M @ W,
    "W @ matrix": lambda M, W: W @ M,
    "matrix + W": lambda M, W: M + W,
    "np.dot(matrix, W)": lambda M, W: np.dot(M, W),
    "np.multiply(W, matrix)": lambda M, W: np.multiply(W, M),
    "np.concatenate([matrix, W])": lambda M, W: np.concatenate([M, W]),
}


@pytest.mark.parametrize("name", list(MATRIX_CALLS))
def test_np_matrix_operands_are_refused(name) -> None:
    M = np.matrix([[1.0, 2.0], [3.0, 4.0]])
    W = Tensor([[1.0, 0.0], [0.0, 1.0]], name="W")
    with pytest.raises(TypeError, match=r"np\.matrix.*np\.asarray") as error:
        MATRIX_CALLS[name](M, W)
    assert isinstance(error.value, autograd_nn.errors.AutogradError)
    assert W.grad is None and W.data.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert type(Tensor(M).data) is np.ndarray  # a Tensor made from one holds an array
