"""numpy's dispatch protocols on Tensor: recorded functions, data results, refusals, writes.

Oracles: numpy on the values (forward), centered finite differences and the Tensor methods
(gradients), hand-worked values at the kinks, and a sweep over numpy's whole namespace that no
ufunc or function hands back a float array computed silently from a Tensor.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_nn import Tensor, gradcheck, no_grad, ops
from autograd_nn.errors import (
    AutogradError,
    InPlaceError,
    ShapeError,
    UnsupportedNumpyFunctionError,
)
from autograd_nn.functions import made_from_entry
from autograd_nn.numpy_api import COMPARISONS, DATA, DATA_UFUNCS, RECORDED, recorded_ufuncs

TOLERANCE = 1e-6


def values(shape: tuple[int, ...], seed: int, low: float = -2.0, high: float = 2.0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(low, high, size=shape)


def assert_gradients_match(f, *inputs: Tensor) -> None:
    results = gradcheck(f, *inputs)
    assert results
    for r in results:
        assert r.relative_difference < TOLERANCE, (r.name, r.analytic, r.numeric)


def grad_of(f, x: np.ndarray) -> np.ndarray:
    """d sum(f(t))/dt at t = x, through autodiff."""
    t = Tensor(x, name="t")
    out = f(t)
    (out.sum() if out.size > 1 else out).backward()
    return t.grad


# ---------------------------------------------------------------------- ufuncs with a rule
UNARY = {
    np.negative: lambda x: x,
    np.positive: lambda x: x,
    np.exp: lambda x: x,
    np.log: lambda x: np.abs(x) + 0.1,
    np.sqrt: lambda x: np.abs(x) + 0.1,
    np.square: lambda x: x,
    np.abs: lambda x: np.where(np.abs(x) < 0.05, 0.5, x),
    np.tanh: lambda x: x,
}
BINARY = {
    np.add: lambda x: x,
    np.subtract: lambda x: x,
    np.multiply: lambda x: x,
    np.divide: lambda x: np.where(np.abs(x) < 0.5, 1.0, x),
    np.power: lambda x: np.abs(x) + 0.5,
    np.maximum: lambda x: np.round(x) + 0.25,  # no ties with the other operand's quarters
    np.minimum: lambda x: np.round(x) + 0.25,
}


# the ufuncs of the element-wise ops whose function is made from their entry (a new op of ops.py)
TABLE_UFUNCS = {op.ufunc: op for op in ops.OPS.values() if op.ufunc and made_from_entry(op)}


def test_every_ufunc_with_a_rule_is_tested_here() -> None:
    assert set(recorded_ufuncs()) <= set(UNARY) | set(BINARY) | {np.matmul} | set(TABLE_UFUNCS)


@pytest.mark.parametrize("ufunc", list(TABLE_UFUNCS), ids=lambda u: u.__name__)
def test_the_ufunc_of_every_op_made_from_its_entry_records_that_op(ufunc) -> None:
    op = TABLE_UFUNCS[ufunc]
    inputs = [Tensor(values((2, 3), i, 0.5 + 0.6 * i, 1.0 + 0.6 * i)) for i in range(op.inputs)]
    assert ufunc(*inputs).op is op
    assert_gradients_match(lambda *xs: ufunc(*xs), *inputs)


@pytest.mark.parametrize("ufunc", list(UNARY), ids=lambda u: u.__name__)
@given(shape=st.sampled_from([(), (3,), (2, 3)]), seed=st.integers(0, 2**16))
def test_unary_ufuncs_record_and_differentiate(ufunc, shape, seed) -> None:
    x = Tensor(UNARY[ufunc](values(shape, seed)), name="x")
    out = ufunc(x)
    assert (isinstance(out, Tensor) and x in out.parents) or out is x
    np.testing.assert_allclose(out.data, ufunc(x.data), rtol=1e-15)
    if ufunc is not np.positive:
        assert_gradients_match(ufunc, x)


operand_kinds = st.sampled_from(["tensor", "array", "float", "numpy scalar"])


@pytest.mark.parametrize("ufunc", list(BINARY), ids=lambda u: u.__name__)
@given(
    seed=st.integers(0, 2**16),
    kind=operand_kinds,
    tensor_first=st.booleans(),
    shapes=st.sampled_from([((2, 3), (2, 3)), ((2, 3), (2, 1)), ((1, 3), (2, 3)), ((2, 3), ())]),
)
def test_binary_ufuncs_take_numbers_and_arrays_in_any_position(
    ufunc, seed, kind, tensor_first, shapes
) -> None:
    domain = BINARY[ufunc]
    t_shape, other_shape = shapes
    if kind in ("float", "numpy scalar"):
        other_shape = ()
    t_value = domain(values(t_shape, seed))
    other_value = np.round(domain(values(other_shape, seed + 1)) * 4) / 4 + 0.125
    if ufunc is np.power and not tensor_first:
        other_value = np.abs(other_value) + 0.5  # the base, positive
    if kind == "tensor":
        other = Tensor(other_value, name="other")
    elif kind == "array":
        other = np.array(other_value)
    else:
        other = float(other_value) if kind == "float" else np.float64(other_value)
    args = lambda t: (t, other) if tensor_first else (other, t)
    t = Tensor(t_value, name="t")
    out = ufunc(*args(t))
    assert isinstance(out, Tensor)
    expected = ufunc(*[np.asarray(a) if isinstance(a, Tensor) else a for a in args(t)])
    np.testing.assert_allclose(out.data, expected, rtol=1e-15)
    # numpy's spelling and the Tensor operator record the same gradient
    operator_form = {
        np.add: lambda a, b: a + b,
        np.subtract: lambda a, b: a - b,
        np.multiply: lambda a, b: a * b,
        np.divide: lambda a, b: a / b,
        np.power: lambda a, b: a**b,
    }.get(ufunc)
    if operator_form is not None:
        np.testing.assert_array_equal(
            grad_of(lambda t: ufunc(*args(t)), t_value),
            grad_of(lambda t: operator_form(*args(t)), t_value),
        )
    assert_gradients_match(lambda t: ufunc(*args(t)), t)


def test_an_array_on_the_left_of_an_operator_records_the_graph() -> None:
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = Tensor([[1.0], [-1.0]], name="W")
    for out in (X @ W, X * W.T, X + W, X - W, X / (W + 3), X**W):
        assert isinstance(out, Tensor) and out.requires_grad
    J = np.sum(X @ W)
    J.backward()
    np.testing.assert_array_equal(W.grad, X.T @ np.ones((2, 1)))  # dW = X^T dZ


# ---------------------------------------------------------------------- maximum and ReLU
def test_maximum_with_zero_is_relu_on_either_side_with_relu_prime_zero() -> None:
    Z = np.array([[-2.0, 0.0, 3.0]])
    for form in (
        lambda Z: np.maximum(0, Z),
        lambda Z: np.maximum(Z, 0),
        lambda Z: np.maximum(Z, 0.0),
        lambda Z: np.maximum(np.float64(0), Z),
    ):
        t = Tensor(Z, name="Z")
        A = form(t)
        assert A.op.name == "relu"
        A.sum().backward()
        np.testing.assert_array_equal(t.grad, [[0.0, 0.0, 1.0]])  # relu'(0) = 0


def test_maximum_and_minimum_send_nothing_at_a_tie() -> None:
    Z = np.array([[-2.0, 0.5, 3.0]])
    c = np.array([[1.0, 0.5, 1.0]])
    assert np.array_equal(grad_of(lambda t: np.maximum(t, c), Z), [[0, 0, 1]])
    assert np.array_equal(grad_of(lambda t: np.maximum(c, t), Z), [[0, 0, 1]])
    assert np.array_equal(grad_of(lambda t: np.minimum(t, c), Z), [[1, 0, 0]])
    assert np.array_equal(grad_of(lambda t: np.minimum(0.5, t), Z), [[1, 0, 0]])
    # the leaky ReLU written with maximum ties at z = 0; Z.leaky_relu gives the slope there
    z = np.array([-1.0, 0.0, 2.0])
    assert np.allclose(grad_of(lambda t: np.maximum(0.01 * t, t), z), [0.01, 0.0, 1.0])
    assert np.allclose(grad_of(lambda t: t.leaky_relu(0.01), z), [0.01, 0.01, 1.0])


def test_where_with_a_mask_routes_the_gradient() -> None:
    Z = np.array([[-1.0, 0.0, 2.0], [3.0, -4.0, 0.5]])
    assert np.array_equal(grad_of(lambda t: np.where(t > 0, t, 0), Z), Z > 0)
    assert np.allclose(grad_of(lambda t: np.where(t > 0, t, 0.01 * t), Z), np.where(Z > 0, 1, 0.01))
    # the condition broadcasts with x and y; each operand gets its share back in its own shape
    x, y = Tensor([[1.0], [2.0]], name="x"), Tensor([[10.0, 20.0, 30.0]], name="y")
    mask = np.array([[True, False, True], [False, False, True]])
    out = np.where(mask, x, y)
    np.testing.assert_array_equal(out.data, np.where(mask, x.data, y.data))
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, [[2.0], [1.0]])
    np.testing.assert_array_equal(y.grad, [[1.0, 2.0, 0.0]])
    assert np.array_equal(np.where(Tensor([0.0, 2.0]))[0], [1])  # one argument: indices (data)


# ---------------------------------------------------------------------- other functions
reduction_axis = st.sampled_from([None, 0, 1, -1, (0, 1)])


@pytest.mark.parametrize("name", ["sum", "mean", "max", "amax", "min", "amin"])
@given(seed=st.integers(0, 2**16), axis=reduction_axis, keepdims=st.booleans(), data=st.data())
def test_reductions_take_numpys_signature(name, seed, axis, keepdims, data) -> None:
    x_value = np.random.default_rng(seed).permutation(12).reshape(3, 4) * 0.5 - 2  # distinct
    func = getattr(np, name)
    method = {"amax": "max", "amin": "min"}.get(name, name)
    call = data.draw(
        st.sampled_from(
            [
                lambda t: func(t, axis=axis, keepdims=keepdims),
                lambda t: func(t, axis, keepdims=keepdims),
                lambda t: func(t, keepdims=keepdims, axis=axis),
            ]
        )
    )
    x = Tensor(x_value, name="x")
    out = call(x)
    assert isinstance(out, Tensor)
    np.testing.assert_allclose(
        out.data, getattr(np, method)(x_value, axis=axis, keepdims=keepdims), rtol=1e-15
    )
    assert_gradients_match(call, x)


def test_shapes_functions_record_and_match_numpy() -> None:
    x_value = np.arange(6.0).reshape(2, 3)
    forms = {
        "transpose": lambda a: np.transpose(a),
        "transpose axes": lambda a: np.transpose(a, (1, 0)),
        "reshape": lambda a: np.reshape(a, (3, 2)),
        "reshape -1": lambda a: np.reshape(a, -1),
        "ravel": lambda a: np.ravel(a),
        "expand_dims": lambda a: np.expand_dims(a, 1),
        "squeeze": lambda a: np.squeeze(np.reshape(a, (1, 2, 1, 3)), axis=2),
        "concatenate": lambda a: np.concatenate([a, np.ones((1, 3)), a], axis=0),
        "concatenate None": lambda a: np.concatenate((a, a), axis=None),
        "stack": lambda a: np.stack([a, 2 * a], axis=1),
        "clip": lambda a: np.clip(a, 1.5, 4.5),
        "clip above": lambda a: np.clip(a, None, 2.5),
        "clip keywords": lambda a: np.clip(a, min=0.5, max=3.5),
        "dot scalar": lambda a: np.dot(2.0, a),
        "broadcast_to": lambda a: np.broadcast_to(a, (4, 2, 3)),
    }
    for name, f in forms.items():
        x = Tensor(x_value + 0.25, name="x")
        out = f(x)
        assert isinstance(out, Tensor), name
        np.testing.assert_array_equal(out.data, f(x_value + 0.25), err_msg=name)
        assert_gradients_match(f, x)


def test_squeeze_turns_the_course_cost_into_a_scalar() -> None:
    J = np.dot(Tensor([[1.0, 2.0]], name="Y"), Tensor([[3.0], [4.0]], name="logA"))
    cost = np.squeeze(J)
    assert cost.shape == () and cost.item() == 11.0 and cost.requires_grad
    with pytest.raises(ShapeError, match=r"squeeze: axis 1 of .* has size 2"):
        np.squeeze(Tensor([[1.0, 2.0]]), axis=1)


@given(
    n=st.integers(1, 3),
    k=st.integers(1, 3),
    m=st.integers(1, 3),
    kinds=st.sampled_from(["mm", "mv", "vm", "vv"]),
    w_is_array=st.booleans(),
)
def test_dot_is_the_matrix_product_in_every_form(n, k, m, kinds, w_is_array) -> None:
    W_value = values((n, k) if kinds in ("mm", "mv") else (k,), n)
    A_value = values((k, m) if kinds in ("mm", "vm") else (k,), m)
    W = W_value if w_is_array else Tensor(W_value, name="W")
    A = Tensor(A_value, name="A")
    forms = [np.dot(W, A), np.matmul(W, A), W @ A]
    if not w_is_array:
        forms.append(W.dot(A))
    for Z in forms:
        assert isinstance(Z, Tensor) and A in Z.parents
        np.testing.assert_allclose(Z.data, np.dot(W_value, A_value), rtol=1e-15)
    assert_gradients_match(lambda A: np.dot(W, A), A)


# ---------------------------------------------------------------------- never a silent drop
def test_np_dot_never_loses_the_graph_whatever_the_other_operand() -> None:
    X_value = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    for X in (X_value, X_value.tolist(), Tensor(X_value, requires_grad=False)):
        W1 = Tensor([[0.5, -1.0, 2.0]], name="W1")
        for Z1 in (np.dot(W1, X), np.dot(X.T if not isinstance(X, list) else X_value.T, W1.T)):
            assert isinstance(Z1, Tensor) and Z1.requires_grad
            np.sum(Z1).backward()
            assert W1.grad is not None and W1.grad.shape == W1.shape


def numpy_callables():
    """Every public ufunc and dispatching function of numpy and numpy.linalg."""
    seen = set()
    for module in (np, np.linalg):
        for name in sorted(dir(module)):
            obj = getattr(module, name, None)
            if id(obj) in seen or name.startswith("_"):
                continue
            if isinstance(obj, np.ufunc) or hasattr(obj, "_implementation"):
                seen.add(id(obj))
                yield f"{module.__name__}.{name}", obj


def test_every_numpy_ufunc_and_function_is_recorded_data_or_refused() -> None:
    """numpy's protocol call for every callable in its namespace, as numpy makes it when a
    Tensor is among the arguments: what has no rule is refused by name, before anything runs."""
    known = {*recorded_ufuncs(), *RECORDED, *COMPARISONS, *DATA_UFUNCS, *DATA}
    t = Tensor([[0.5, 0.25], [0.75, 0.125]], name="W1")
    refused = 0
    for _name, func in numpy_callables():
        if func in known:
            continue
        with pytest.raises(UnsupportedNumpyFunctionError, match=r"W1 \(2, 2\).*t\.numpy\(\)"):
            if isinstance(func, np.ufunc):
                t.__array_ufunc__(func, "__call__", *(t,) * func.nin)
            else:
                t.__array_function__(func, (Tensor,), (t,), {})
        refused += 1
    assert refused > 250


def test_numpy_calls_on_tensors_never_return_values_computed_silently() -> None:
    """The same callables called for real with one Tensor per array argument (those whose
    signature takes them): the result is a recorded Tensor, a data result of a listed data
    function, or a named refusal; never a float array made quietly from the values."""
    checked = 0
    for name, func in numpy_callables():
        t = Tensor([[0.5, 0.25], [0.75, 0.125]], name="W1")
        args = (t,) * func.nin if isinstance(func, np.ufunc) else (t,)
        try:
            result = func(*args)
        except UnsupportedNumpyFunctionError:
            checked += 1
            continue
        except (TypeError, ValueError, AutogradError):
            continue  # numpy's own signature check (a missing argument), or a library error
        checked += 1
        if isinstance(result, Tensor):
            assert func in recorded_ufuncs() or func in RECORDED, name
            assert result.requires_grad, name
        else:
            data = func in COMPARISONS or func in DATA_UFUNCS or func in DATA
            assert data or func is np.where, (name, result)  # np.where(t): indices
    assert checked > 200


# ---------------------------------------------------------------------- every public callable
# The numpy functions allowed to give plain values (not a Tensor) from a Tensor that requires a
# gradient, reviewed one by one: what they return carries no gradient to lose.
REVIEWED_DATA = {
    "comparisons and predicates (booleans)": {
        np.greater,
        np.greater_equal,
        np.less,
        np.less_equal,
        np.equal,
        np.not_equal,
        np.isclose,
        np.allclose,
        np.array_equal,
        np.array_equiv,
        np.any,
        np.all,
        np.isfinite,
        np.isinf,
        np.isnan,
        np.signbit,
        np.isscalar,
        np.iterable,
        np.logical_and,
        np.logical_or,
        np.logical_xor,
        np.logical_not,
    },
    "shapes (a shape, or a new array of the shape without the values)": {
        np.shape,
        np.ndim,
        np.size,
        np.zeros_like,
        np.ones_like,
        np.full_like,
    },
    "indices and counts": {np.argmax, np.argmin, np.nonzero, np.count_nonzero, np.where},
    "piecewise constant (derivative 0 wherever it exists)": {
        np.round,
        np.around,
        np.sign,
        np.floor,
        np.ceil,
        np.trunc,
        np.rint,
    },
    "the explicit ways out of the graph (documented)": {
        np.asarray,
        np.asanyarray,
        np.array,
        np.ascontiguousarray,
        np.asarray_chkfinite,
        np.require,
    },
}
REVIEWED = set().union(*REVIEWED_DATA.values())

# Not called: they change numpy's settings (set_bit_generator replaces the global generator
# before it looks at its argument), print, run numpy's test suite or read and write files and
# descriptors; a Tensor is never their argument.
NOT_CALLED = {
    "test",
    "show_config",
    "show_runtime",
    "info",
    "set_printoptions",
    "printoptions",
    "get_printoptions",
    "seterr",
    "errstate",
    "seterrcall",
    "setbufsize",
    "seed",
    "set_state",
    "set_bit_generator",
    "save",
    "savez",
    "savez_compressed",
    "savetxt",
    "load",
    "loadtxt",
    "fromregex",
    "memmap",
}


def every_public_numpy_callable():
    """(name, callable) for numpy's namespace, linalg, fft, random and a Generator's methods."""
    seen: dict[int, object] = {}  # (the objects kept: a bound method's id is reused once freed)
    rng = np.random.default_rng(0)
    namespaces = [(np, "np"), (np.linalg, "np.linalg"), (np.fft, "np.fft")]
    namespaces += [(np.random, "np.random"), (rng, "rng")]
    for module, prefix in namespaces:
        for name in sorted(dir(module)):
            if name.startswith("_") or name in NOT_CALLED:
                continue
            obj = getattr(module, name, None)
            if not callable(obj) or (isinstance(obj, type) and not issubclass(obj, np.generic)):
                continue
            if id(obj) not in seen:
                seen[id(obj)] = obj
                yield f"{prefix}.{name}", obj


# The Tensors handed to numpy: W1 (2, 2) and s (), each with two sets of values, so that a
# result that depends on the values (not only on the shape and dtype) shows itself.
VALUES = {"W1": ([[0.25, 0.5], [0.75, 0.125]], [[1.5, 0.375], [2.25, 0.625]]), "s": (3.0, 2.0)}


def placements(x):
    """The Tensor ``x`` in each position numpy's functions take values."""
    return [(x,), (x, x), (x, 2), (2, x), (x, float), ((2, 2), x), (x, 0.5, 2), (0.5, x, 2)]


def is_plain_data(result) -> bool:
    if isinstance(result, (tuple, list)):
        return any(is_plain_data(r) for r in result)
    return isinstance(result, (np.ndarray, np.generic, bool, int, float, complex, str))


def same(a, b) -> bool:
    try:
        return bool(np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object)))
    except (TypeError, ValueError):
        return repr(a) == repr(b)


def outcome(func, name: str, position: int, values) -> tuple[str, object]:
    """Call ``func`` with a Tensor ``name`` of ``values`` in placement ``position``; the random
    generators start from the same state on every call."""
    t = Tensor(values, name=name)
    args = placements(t)[position]
    state = np.random.get_state()
    if hasattr(func, "__self__") and isinstance(func.__self__, np.random.Generator):
        func = getattr(np.random.default_rng(0), func.__name__)
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return "result", func(*args)
    except AutogradError:
        return "refused", None  # refused by name (or a library error naming the tensor)
    except (TypeError, ValueError, IndexError, OverflowError, ZeroDivisionError) as error:
        if isinstance(error.__cause__, AutogradError):
            return "refused", None  # numpy's ValueError raised from the library's refusal
        return "not taken", None  # numpy's own check of its arguments: not a call it takes
    except Exception as error:  # the point: no raw error about the Tensor escapes
        if "Tensor" not in str(error) or func is np.typename:
            return "not taken", None  # (numpy on its other arguments; typename: see the guide)
        return "raw", f"{type(error).__name__}: {str(error)[:80]}"
    finally:
        np.random.set_state(state)


def test_every_public_numpy_callable_is_recorded_refused_or_reviewed_data() -> None:
    """Every public numpy callable, given a Tensor that requires a gradient in each position:
    a recorded Tensor, a named refusal, a result that does not depend on the Tensor's values
    (its shape or dtype only), or values only from a reviewed function."""
    unreviewed, raw, classified = [], [], set()
    for name, func in every_public_numpy_callable():
        for tensor, (first, second) in VALUES.items():
            for position in range(2 if name.startswith("rng.") else len(placements(None))):
                # (a Generator's methods take the values first; given out= or a dtype in the
                # later positions, numpy can corrupt its memory: not called so)
                kind, result = outcome(func, tensor, position, first)
                if kind == "raw" and position == 0:  # the Tensor as the array argument
                    raw.append((name, result))  # (elsewhere: where a string or an option goes)
                if kind in ("raw", "not taken"):
                    continue
                classified.add(name)
                if kind == "refused":
                    continue
                if isinstance(result, Tensor):
                    assert result.requires_grad, name
                    continue
                if not is_plain_data(result) or func in REVIEWED or func is np.empty:
                    continue  # (np.empty(shape, dtype=t): memory as found, values of no one)
                if isinstance(func, type) and issubclass(func, np.generic):
                    continue  # np.float64(t), np.int64(t): explicit conversions, as float(t)
                again = outcome(func, tensor, position, first)[1]
                other = outcome(func, tensor, position, second)[1]
                if same(result, again) and not same(result, other):  # it read the values
                    unreviewed.append((name, tensor, placements("t")[position]))
    assert not unreviewed, f"plain values from a Tensor that requires a gradient: {unreviewed}"
    assert not raw, f"raw errors: {raw}"
    assert len(classified) > 300


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda t: np.sin(t), r"np\.sin has no derivative rule .* W1 \(2, 2\).* t\.numpy\(\)"),
        (lambda t: np.linalg.norm(t), r"np\.linalg\.norm has no derivative rule .*np\.dot"),
        (lambda t: np.cumsum(t), r"np\.cumsum has no derivative rule"),
        (lambda t: np.add.reduce(t), r"np\.add\.reduce: ufunc methods are not supported"),
        (lambda t: np.exp(t, out=np.empty((2, 2))), r"np\.exp: out= is not supported"),
        (lambda t: np.add(t, 1, where=True), r"np\.add: where=True is not supported"),
        (lambda t: np.sum(t, dtype=np.float32), r"np\.sum: dtype=.* is not supported"),
        (lambda t: np.dot(t, t, np.empty((2, 2))), r"np\.dot: out= is not supported"),
        (lambda t: np.reshape(t, (4,), order="F"), r"np\.reshape: order='F' is not supported"),
        (lambda t: np.clip(t, np.zeros((2, 2)), 1), r"np\.clip: .*bounds must be numbers"),
        (lambda t: np.concatenate([t, t], out=np.empty((4, 2))), r"np\.concatenate: out="),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_refusals_name_the_function_and_the_way_out(call, message) -> None:
    t = Tensor([[0.5, 0.25], [0.75, 0.125]], name="W1")
    with pytest.raises(UnsupportedNumpyFunctionError, match=message):
        call(t)
    assert t.grad is None and t.data[0, 0] == 0.5


def test_writing_a_tensor_into_a_numpy_array_is_refused_with_the_fix() -> None:
    dw = np.zeros((1, 2))
    with pytest.raises(UnsupportedNumpyFunctionError, match=r"x \+= t .* write x = x \+ t"):
        dw += Tensor([[1.0, 2.0]], name="x")
    assert np.array_equal(dw, [[0.0, 0.0]])  # unchanged


def test_where_wants_a_boolean_condition() -> None:
    Z = Tensor([[1.0, -1.0]], name="Z")
    with pytest.raises(TypeError, match=r"condition Z \(1, 2\) is a Tensor.* Z > 0"):
        np.where(Z, Z, 0)
    with pytest.raises(TypeError, match=r"must be booleans .* float64"):
        np.where(np.array([[1.0, 0.0]]), Z, 0)
    with pytest.raises(ShapeError, match=r"condition \(3,\) does not broadcast"):
        np.where(np.array([True, False, True]), Z, 0)


def test_the_explicit_ways_out_give_plain_values() -> None:
    t = Tensor([[2.5]], name="cost")
    for out in (np.asarray(t), np.array(t), t.numpy()):
        assert type(out) is np.ndarray and out[0, 0] == 2.5
    assert float(np.squeeze(t)) == 2.5 and type(float(t)) is float
    assert np.float64(t) == 2.5


# ---------------------------------------------------------------------- comparisons
def test_comparisons_give_boolean_arrays_for_the_course_masks() -> None:
    Z = Tensor([[-1.0, 0.0, 2.0]], name="Z")
    for mask, expected in (
        (Z > 0, [[False, False, True]]),
        (Z >= 0, [[False, True, True]]),
        (Z < 0, [[True, False, False]]),
        (Z <= 0, [[True, True, False]]),
        (0 < Z, [[False, False, True]]),
        (np.greater(Z, 0), [[False, False, True]]),
        (np.less_equal(0, Z), [[False, True, True]]),
        (np.equal(Z, 0), [[False, True, False]]),
        (np.zeros((1, 3)) > Z, [[True, False, False]]),
    ):
        assert type(mask) is np.ndarray and mask.dtype == np.bool_
        assert mask.tolist() == expected
    dZ = np.ones((1, 3))
    dZ[Z <= 0] = 0  # the course's relu_backward, with Z a Tensor
    assert dZ.tolist() == [[0.0, 0.0, 1.0]]
    with pytest.raises(ShapeError, match="rank-1"):
        Z > np.zeros(3)  # noqa: B015 - the comparison is the point


def test_equality_is_identity_so_tensors_work_in_lists_and_dicts() -> None:
    a, b = Tensor(1.0, name="a"), Tensor(1.0, name="b")
    assert a != b and a == a and (a == 1.0) is False
    assert [a, b].index(b) == 1 and b in [a, b] and {a: 1, b: 2}[b] == 2


# ---------------------------------------------------------------------- writing into tensors
def test_setitem_on_a_recorded_tensor_is_refused_with_the_graph_preserving_way() -> None:
    W = Tensor([[1.0, -2.0]], name="W")
    Z = W * 1.0
    Z.name = "Z"
    with pytest.raises(
        InPlaceError, match=r"Z \(1, 2\).*made by mul.*np\.where\(Z > 0, Z, 0\).*Z\.numpy\(\)"
    ):
        Z[Z <= 0] = 0
    assert Z.data.tolist() == [[1.0, -2.0]]
    with pytest.raises(InPlaceError, match=r"W \(1, 2\).* requires a gradient.*no_grad"):
        W[0, 0] = 5.0
    with no_grad():
        W[W <= 0] = 0  # an update on purpose
    assert W.data.tolist() == [[1.0, 0.0]]
    X = Tensor([[1.0, 2.0]], requires_grad=False, name="X")
    X[0, 1] = 3.0  # data: as numpy
    assert X.data.tolist() == [[1.0, 3.0]]


def test_in_place_update_of_a_parameter() -> None:
    W = Tensor([[1.0, 2.0]], name="W")
    parameters = {"W1": W}
    (W * W).sum().backward()
    with pytest.raises(InPlaceError, match=r"\+=: W \(1, 2\).*model's W unchanged.*no_grad"):
        W += 1
    with no_grad():
        W -= 0.5 * W.grad  # the gradient-descent update, seen by every holder of W
        W *= 2
    assert parameters["W1"] is W and W.data.tolist() == [[0.0, 0.0]]
    with no_grad(), pytest.raises(ShapeError, match=r"keeps the tensor's shape \(1, 2\)"):
        W += np.ones((2, 2))
    assert W.data.tolist() == [[0.0, 0.0]]


def test_in_place_on_a_recorded_tensor_means_a_new_one_as_the_course_loop_needs() -> None:
    w = Tensor([[0.5], [-0.5]], name="w")
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    cost = 0
    for i in range(2):  # cost += L(a(i), y(i)) over the examples, as the course's first loop
        cost += np.squeeze(np.dot(w.T, X[:, i : i + 1]))
    first = cost
    cost /= 2
    assert cost is not first and cost.op.name == "div"
    cost.backward()
    np.testing.assert_allclose(w.grad, X.sum(axis=1, keepdims=True) / 2, rtol=1e-15)


# ---------------------------------------------------------------------- the other mistakes
def test_other_mistakes_get_named_errors() -> None:
    Z = Tensor([[1.0, -1.0]], name="Z")
    with pytest.raises(TypeError, match=r"cannot compare Z \(1, 2\) with str"):
        Z > "a"  # noqa: B015
    with pytest.raises(TypeError, match=r"np\.where: give both x and y"):
        np.where(Z > 0, Z)
    with pytest.raises(TypeError, match=r"np\.sum: got an unexpected keyword argument 'axs'"):
        Z.__array_function__(np.sum, (Tensor,), (Z,), {"axs": 1})
    with pytest.raises(TypeError, match=r"np\.min: got an unexpected keyword argument 'axs'"):
        Z.__array_function__(np.min, (Tensor,), (Z,), {"axs": 1})
    X = Tensor([[1.0, 2.0]], requires_grad=False, name="X")
    with pytest.raises(TypeError, match="setitem: index with ints, slices or numpy arrays"):
        X[Tensor(0.0)] = 1.0
    with pytest.raises(IndexError, match=r"setitem: X \(1, 2\)\[5\]"):
        X[5] = 1.0
    with pytest.raises(TypeError, match=r"\+=: X \(1, 2\) \+= str"):
        X += "a"
    assert X.data.tolist() == [[1.0, 2.0]]


def test_another_librarys_array_type_is_left_to_answer() -> None:
    class Other:
        def __array_function__(self, func, types, args, kwargs):
            return "other"

    t = Tensor([1.0])
    assert t.__array_function__(np.dot, (Tensor, Other), (t, Other()), {}) is NotImplemented


def test_float32_stays_float32_through_numpy_functions() -> None:
    Z = Tensor([[-1.0, 0.5, 2.0]], name="Z", dtype=np.float32)
    outputs = [
        np.exp(Z),
        np.maximum(0, Z),
        np.maximum(Z, 0.25),
        np.where(Z > 0, Z, 0),
        np.sum(Z, axis=1, keepdims=True),
        np.squeeze(np.dot(Z, Z.T)),
        np.clip(Z, 0, 1),
    ]
    for out in outputs:
        assert out.dtype == np.float32, out
    np.sum(np.tanh(Z) * 2.0).backward()
    assert Z.grad.dtype == np.float32
