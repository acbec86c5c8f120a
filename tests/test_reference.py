"""Tests for autograd_nn.reference, the course's hand-written numpy backprop.

Oracles: values worked by hand (written out as literals), and centered finite differences
(eps = 1e-6, float64) of the numpy cost. A backward function is never its own oracle.
The course's dZ[l] and dA[l] are m times the partials of the mean cost J, so their finite
differences are multiplied by m.
"""

import ast
import copy
import doctest
import math
import pathlib
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_nn import reference as ref

EPS = 1e-6
ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
KINKED = {"relu", "leaky_relu"}

# The test's own activations, written out independently of the module under test.
NAIVE_ACTIVATIONS = {
    "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
    "tanh": np.tanh,
    "relu": lambda Z: np.maximum(Z, 0.0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "linear": lambda Z: Z,
}


# --- helpers ------------------------------------------------------------------------------------


def numerical_gradient(f, x):
    """Centered finite differences (f(x + eps) - f(x - eps)) / (2 eps), one entry at a time."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + EPS
        f_plus = f(x)
        x[index] = old - EPS
        f_minus = f(x)
        x[index] = old
        grad[index] = (f_plus - f_minus) / (2 * EPS)
    return grad


def relative_difference(a, b):
    """The course's gradient-check ratio ||a - b|| / (||a|| + ||b||).

    The denominator is floored at 1e-3 so that the ~1e-10 round-off of the finite differences
    does not dominate when a gradient is nearly zero (dead ReLU units): there the check becomes
    ||a - b|| < 1e-9.
    """
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-3)


def naive_cost(A, Y):
    """Cross-entropy J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)), the test's own copy."""
    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))


def activation_names(L, hidden, output):
    """g[l] for l = 1..L (index 0 unused)."""
    return [None] + [hidden] * (L - 1) + [output]


def naive_forward(parameters, X, hidden, output):
    """The test's own forward pass: lists Z[0..L] (Z[0] = None) and A[0..L] (A[0] = X)."""
    L = len(parameters) // 2
    names = activation_names(L, hidden, output)
    Zs, As = [None], [X]
    for l in range(1, L + 1):
        Zs.append(parameters[f"W{l}"] @ As[l - 1] + parameters[f"b{l}"])
        As.append(NAIVE_ACTIVATIONS[names[l]](Zs[l]))
    return Zs, As


def cost_from_A(parameters, Y, l, A_l, hidden, output):
    """J as a function of A[l]: the forward pass written from layer l + 1 onwards."""
    L = len(parameters) // 2
    names = activation_names(L, hidden, output)
    A = A_l
    for k in range(l + 1, L + 1):
        A = NAIVE_ACTIVATIONS[names[k]](parameters[f"W{k}"] @ A + parameters[f"b{k}"])
    return naive_cost(A, Y)


def cost_from_Z(parameters, Y, l, Z_l, hidden, output):
    """J as a function of Z[l]: A[l] = g[l](Z[l]), then the forward pass from layer l + 1."""
    L = len(parameters) // 2
    A_l = NAIVE_ACTIVATIONS[activation_names(L, hidden, output)[l]](Z_l)
    return cost_from_A(parameters, Y, l, A_l, hidden, output)


def build_network(layer_dims, m, hidden, output, seed):
    """Random parameters, X and Y for a finite-difference check.

    Weights randn / sqrt(n[l-1]) and biases randn * 0.5 keep the gradients large enough to
    compare. Draws are repeated until every Z[l] of a ReLU-like layer is at least 1e-3 from the
    kink and A[L] is inside (0.02, 0.98); for non-sigmoid outputs the last layer is made small
    around b[L] = 0.5 so that the cross-entropy is defined.
    """
    L = len(layer_dims) - 1
    names = activation_names(L, hidden, output)
    for attempt in range(500):
        rng = np.random.RandomState((seed * 1009 + attempt) % 2**32)
        parameters = {}
        for l in range(1, L + 1):
            parameters[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
                layer_dims[l - 1]
            )
            parameters[f"b{l}"] = rng.randn(layer_dims[l], 1) * 0.5
        if output != "sigmoid":
            parameters[f"W{L}"] *= 0.2
            parameters[f"b{L}"] = np.full((layer_dims[L], 1), 0.5)
        X = rng.randn(layer_dims[0], m)
        Y = rng.randint(0, 2, size=(1, m))
        Zs, As = naive_forward(parameters, X, hidden, output)
        near_kink = any(names[l] in KINKED and np.abs(Zs[l]).min() < 1e-3 for l in range(1, L + 1))
        if not near_kink and np.all(As[L] > 0.02) and np.all(As[L] < 0.98):
            return parameters, X, Y
    raise AssertionError("could not draw a network away from the kinks")


def check_L_layer_gradients(layer_dims, m, hidden, output, seed):
    """Every dW, db, dZ, dA of L_model_backward against finite differences of the cost."""
    parameters, X, Y = build_network(layer_dims, m, hidden, output, seed)
    L = len(layer_dims) - 1

    AL, caches = ref.L_model_forward(X, parameters, hidden, output)
    grads = ref.L_model_backward(AL, Y, caches, hidden, output)

    Zs, As = naive_forward(parameters, X, hidden, output)
    np.testing.assert_allclose(AL, As[L], rtol=1e-12, atol=1e-15)
    assert len(caches) == L

    expected_keys = {f"dA{L}"}
    for l in range(1, L + 1):
        expected_keys |= {f"dZ{l}", f"dW{l}", f"db{l}", f"dA{l - 1}"}
    assert set(grads) == expected_keys

    for l in range(1, L + 1):
        for name in (f"W{l}", f"b{l}"):

            def J(value, name=name):
                changed = dict(parameters, **{name: value})
                return ref.compute_cost(ref.L_model_forward(X, changed, hidden, output)[0], Y)

            numeric = numerical_gradient(J, parameters[name])
            analytic = grads["d" + name]
            assert analytic.shape == parameters[name].shape, name
            assert relative_difference(analytic, numeric) < 1e-6, (name, analytic, numeric)

        numeric_dZ = m * numerical_gradient(
            lambda Z, l=l: cost_from_Z(parameters, Y, l, Z, hidden, output), Zs[l]
        )
        assert grads[f"dZ{l}"].shape == Zs[l].shape
        # compared as derivatives of J (divided by m): finite differences' rounding noise is
        # absolute in J, and multiplying both sides by m would scale it past the floor
        assert relative_difference(grads[f"dZ{l}"] / m, numeric_dZ / m) < 1e-6, f"dZ{l}"

    for l in range(0, L + 1):
        numeric_dA = m * numerical_gradient(
            lambda A, l=l: cost_from_A(parameters, Y, l, A, hidden, output), As[l]
        )
        assert grads[f"dA{l}"].shape == As[l].shape
        assert relative_difference(grads[f"dA{l}"] / m, numeric_dA / m) < 1e-6, f"dA{l}"


def logistic_example():
    """The course's worked logistic-regression example."""
    w = np.array([[1.0], [2.0]])
    b = 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    return w, b, X, Y


# --- the module stays independent ----------------------------------------------------------------


def test_reference_imports_only_numpy_and_the_standard_library():
    source = pathlib.Path(ref.__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import"
            imported.add(node.module.split(".")[0])
    assert "autograd_nn" not in imported
    assert imported <= {"numpy", "collections", "typing", "__future__"}


def test_docstring_examples_run():
    result = doctest.testmod(ref, verbose=False)
    assert result.attempted >= 2
    assert result.failed == 0


def test_every_public_function_has_a_docstring():
    for name in dir(ref):
        obj = getattr(ref, name)
        if (
            callable(obj)
            and not name.startswith("_")
            and getattr(obj, "__module__", "") == ref.__name__
        ):
            assert obj.__doc__ and "Returns" in obj.__doc__, name


# --- computation graph ---------------------------------------------------------------------------


def test_computation_graph_course_numbers():
    assert ref.computation_graph_example() == {
        "u": 6,
        "v": 11,
        "J": 33,
        "dv": 3,
        "du": 3,
        "da": 3,
        "db": 6,
        "dc": 9,
    }


def test_computation_graph_other_point():
    # a = 1, b = 2, c = 3: u = 6, v = 7, J = 21, db = du * c = 9, dc = du * b = 6.
    values = ref.computation_graph_example(a=1.0, b=2.0, c=3.0)
    assert values == {"u": 6, "v": 7, "J": 21, "dv": 3, "du": 3, "da": 3, "db": 9, "dc": 6}


# --- activations ---------------------------------------------------------------------------------


def test_activation_table():
    assert list(ref.ACTIVATIONS) == ACTIVATION_NAMES
    assert ref.ACTIVATIONS["sigmoid"] == (ref.sigmoid, ref.sigmoid_backward)
    assert ref.ACTIVATIONS["tanh"] == (ref.tanh, ref.tanh_backward)
    assert ref.ACTIVATIONS["relu"] == (ref.relu, ref.relu_backward)
    assert ref.ACTIVATIONS["leaky_relu"] == (ref.leaky_relu, ref.leaky_relu_backward)
    assert ref.ACTIVATIONS["linear"] == (ref.linear, ref.linear_derivative_backward)


def test_activation_forward_hand_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(ref.relu(Z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(ref.leaky_relu(Z), [[-0.02, 0.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(ref.leaky_relu(Z, slope=0.2), [[-0.4, 0.0, 3.0]], rtol=1e-15)
    np.testing.assert_array_equal(ref.linear(Z), Z)
    np.testing.assert_allclose(
        ref.tanh(Z), [[math.tanh(-2.0), 0.0, math.tanh(3.0)]], rtol=1e-15, atol=0
    )
    np.testing.assert_allclose(
        ref.sigmoid(Z),
        [[1 / (1 + math.exp(2.0)), 0.5, 1 / (1 + math.exp(-3.0))]],
        rtol=1e-15,
    )
    for name in ACTIVATION_NAMES:
        assert ref.ACTIVATIONS[name][0](Z).shape == Z.shape


def test_linear_does_not_alias_its_input():
    Z = np.array([[1.0, 2.0]])
    A = ref.linear(Z)
    A[0, 0] = 99.0
    assert Z[0, 0] == 1.0


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-30, 30), min_size=1, max_size=12))
def test_sigmoid_matches_the_textbook_formula(values):
    Z = np.array([values])
    np.testing.assert_allclose(ref.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-14, atol=1e-300)


def test_sigmoid_is_stable_for_large_inputs():
    Z = np.array([[-1000.0, -800.0, 800.0, 1000.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        A = ref.sigmoid(Z)
        dZ = ref.sigmoid_backward(np.ones_like(Z), Z)
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(dZ))
    assert np.all((A >= 0) & (A <= 1))
    np.testing.assert_array_equal(A, [[0.0, 0.0, 1.0, 1.0]])


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
@settings(max_examples=30, deadline=None)
@given(
    values=st.lists(st.floats(-20, 20).filter(lambda z: abs(z) > 1e-3), min_size=1, max_size=12),
    seed=st.integers(0, 10_000),
)
def test_activation_backward_matches_finite_differences(name, values, seed):
    forward, backward = ref.ACTIVATIONS[name]
    Z = np.array(values).reshape(1, -1)
    dA = np.random.RandomState(seed).randn(*Z.shape)
    # g is element-wise, so one centered difference per entry: dZ = dA * g'(Z).
    numeric = dA * (forward(Z + EPS) - forward(Z - EPS)) / (2 * EPS)
    dZ = backward(dA, Z)
    assert dZ.shape == Z.shape
    np.testing.assert_allclose(dZ, numeric, rtol=1e-6, atol=1e-9)


def test_leaky_relu_backward_with_a_custom_slope_matches_finite_differences():
    Z = np.array([[-3.0, -0.5, 0.25, 2.0]])
    dA = np.array([[1.0, -2.0, 3.0, -4.0]])
    numeric = (
        dA * (ref.leaky_relu(Z + EPS, slope=0.2) - ref.leaky_relu(Z - EPS, slope=0.2)) / (2 * EPS)
    )
    np.testing.assert_allclose(ref.leaky_relu_backward(dA, Z, slope=0.2), numeric, rtol=1e-8)
    np.testing.assert_allclose(
        ref.leaky_relu_backward(dA, Z, slope=0.2), [[0.2, -0.4, 3.0, -4.0]], rtol=1e-15
    )


def test_relu_backward_at_zero_is_zero():
    dA = np.array([[2.0, -3.0, 5.0]])
    Z = np.array([[0.0, 0.0, 1e-300]])
    np.testing.assert_array_equal(ref.relu_backward(dA, Z), [[0.0, 0.0, 5.0]])


def test_leaky_relu_backward_at_zero_is_the_slope():
    dA = np.array([[2.0, -3.0, 5.0]])
    Z = np.array([[0.0, 0.0, 1e-300]])
    np.testing.assert_allclose(ref.leaky_relu_backward(dA, Z), [[0.02, -0.03, 5.0]], rtol=1e-15)


def test_linear_backward_activation_returns_dA():
    dA = np.array([[2.0, -3.0]])
    dZ = ref.linear_derivative_backward(dA, np.array([[-1.0, 4.0]]))
    np.testing.assert_array_equal(dZ, dA)
    dZ[0, 0] = 99.0
    assert dA[0, 0] == 2.0


# --- cost and logistic regression ----------------------------------------------------------------


def test_compute_cost_hand_value():
    AL = np.array([[0.8, 0.1, 0.5]])
    Y = np.array([[1, 0, 1]])
    expected = -(1 / 3) * (math.log(0.8) + math.log(0.9) + math.log(0.5))
    assert ref.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)
    assert isinstance(ref.compute_cost(AL, Y), float)


def test_initialize_with_zeros():
    w, b = ref.initialize_with_zeros(3)
    assert w.shape == (3, 1)
    np.testing.assert_array_equal(w, np.zeros((3, 1)))
    assert b == 0.0 and isinstance(b, float)


def test_propagate_course_worked_example():
    w, b, X, Y = logistic_example()
    # Z = w^T X + b, written out column by column.
    Z = np.array([[1 * 1 + 2 * 3 + 2, 1 * 2 + 2 * 4 + 2, 1 * (-1) + 2 * (-3.2) + 2]])
    np.testing.assert_allclose(Z, [[9.0, 12.0, -5.4]], rtol=1e-15)
    a1, a2, a3 = (1 / (1 + math.exp(-z)) for z in Z[0])
    cost = -(1 / 3) * (math.log(a1) + math.log(1 - a2) + math.log(a3))
    dw = (1 / 3) * np.array(
        [
            [1 * (a1 - 1) + 2 * (a2 - 0) + (-1) * (a3 - 1)],
            [3 * (a1 - 1) + 4 * (a2 - 0) + (-3.2) * (a3 - 1)],
        ]
    )
    db = (1 / 3) * ((a1 - 1) + (a2 - 0) + (a3 - 1))

    grads, J = ref.propagate(w, b, X, Y)

    assert set(grads) == {"dw", "db"}
    assert grads["dw"].shape == (2, 1)
    assert isinstance(J, float) and isinstance(grads["db"], float)
    np.testing.assert_allclose(grads["dw"], dw, rtol=0, atol=1e-12)
    assert abs(grads["db"] - db) < 1e-12
    assert abs(J - cost) < 1e-12
    # The course's published answers.
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.00145557813678, abs=1e-13)
    assert J == pytest.approx(5.801545319394553, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(n_x=st.integers(1, 4), m=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_propagate_matches_finite_differences(n_x, m, seed):
    rng = np.random.RandomState(seed)
    w = rng.randn(n_x, 1)
    b = float(rng.randn())
    X = rng.randn(n_x, m)
    Y = rng.randint(0, 2, size=(1, m))

    grads, cost = ref.propagate(w, b, X, Y)

    assert cost == pytest.approx(naive_cost(1 / (1 + np.exp(-(w.T @ X + b))), Y), rel=1e-12)

    # finite differences of the same cost written in Z (log(1 - A) loses digits when A is near
    # 1, which would swamp the differences): J = mean(max(Z, 0) - Z Y + log(1 + e^(-|Z|)))
    def cost_in_z(Z):
        return np.mean(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))))

    numeric_dw = numerical_gradient(lambda v: cost_in_z(v.T @ X + b), w)
    numeric_db = numerical_gradient(lambda v: cost_in_z(w.T @ X + v[0]), np.array([b]))[0]
    assert relative_difference(grads["dw"], numeric_dw) < 1e-6
    assert relative_difference(np.array([grads["db"]]), np.array([numeric_db])) < 1e-6


def test_one_layer_L_model_is_logistic_regression():
    w, b, X, Y = logistic_example()
    parameters = {"W1": w.T.copy(), "b1": np.array([[b]])}
    AL, caches = ref.L_model_forward(X, parameters, output_activation="sigmoid")
    grads = ref.L_model_backward(AL, Y, caches)
    np.testing.assert_allclose(grads["dW1"], [[0.99845601, 2.39507239]], atol=1e-8)
    np.testing.assert_allclose(grads["db1"], [[0.00145557813678]], atol=1e-13)
    assert ref.compute_cost(AL, Y) == pytest.approx(5.801545319394553, abs=1e-12)


# --- two-layer network ---------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("m", [1, 5])
@pytest.mark.parametrize("n_h", [1, 4])
def test_two_layer_backward_matches_finite_differences(activation, m, n_h):
    parameters, X, Y = build_network([3, n_h, 1], m, activation, "sigmoid", seed=7)

    A2, cache = ref.forward_propagation(X, parameters, activation)
    grads = ref.backward_propagation(parameters, cache, X, Y, activation)

    Zs, As = naive_forward(parameters, X, activation, "sigmoid")
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    np.testing.assert_allclose(cache["Z1"], Zs[1], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(cache["A1"], As[1], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(cache["Z2"], Zs[2], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(A2, As[2], rtol=1e-12, atol=1e-15)
    assert cache["A2"] is A2
    assert set(grads) == {"dZ2", "dW2", "db2", "dZ1", "dW1", "db1"}

    for name in ("W1", "b1", "W2", "b2"):

        def J(value, name=name):
            changed = dict(parameters, **{name: value})
            return ref.compute_cost(ref.forward_propagation(X, changed, activation)[0], Y)

        numeric = numerical_gradient(J, parameters[name])
        assert grads["d" + name].shape == parameters[name].shape
        assert relative_difference(grads["d" + name], numeric) < 1e-6, name

    for l in (1, 2):
        numeric_dZ = m * numerical_gradient(
            lambda Z, l=l: cost_from_Z(parameters, Y, l, Z, activation, "sigmoid"), Zs[l]
        )
        assert grads[f"dZ{l}"].shape == Zs[l].shape
        assert relative_difference(grads[f"dZ{l}"], numeric_dZ) < 1e-6, f"dZ{l}"


# --- L-layer network building blocks -------------------------------------------------------------


def test_linear_forward_hand_values():
    w, _, X, _ = logistic_example()
    W, b = w.T.copy(), np.array([[2.0]])
    Z, cache = ref.linear_forward(X, W, b)
    np.testing.assert_allclose(Z, [[9.0, 12.0, -5.4]], rtol=1e-15)
    assert cache[0] is X and cache[1] is W and cache[2] is b


def test_linear_activation_forward_hand_values():
    w, _, X, _ = logistic_example()
    W, b = w.T.copy(), np.array([[2.0]])
    A, (linear_cache, Z) = ref.linear_activation_forward(X, W, b, "relu")
    np.testing.assert_allclose(A, [[9.0, 12.0, 0.0]], rtol=1e-15)
    np.testing.assert_allclose(Z, [[9.0, 12.0, -5.4]], rtol=1e-15)
    assert linear_cache[0] is X


def test_linear_backward_hand_values():
    A_prev = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = np.array([[1.0, -1.0]])
    b = np.array([[0.0]])
    dZ = np.array([[0.5, -1.0]])
    dA_prev, dW, db = ref.linear_backward(dZ, (A_prev, W, b))
    # dW = (1/2) [[0.5*1 - 1*2, 0.5*3 - 1*4]], db = (1/2)(0.5 - 1), dA_prev = W^T dZ
    np.testing.assert_allclose(dW, [[-0.75, -1.25]], rtol=1e-15)
    np.testing.assert_allclose(db, [[-0.25]], rtol=1e-15)
    np.testing.assert_allclose(dA_prev, [[0.5, -1.0], [-0.5, 1.0]], rtol=1e-15)


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("m", [1, 4])
def test_linear_activation_backward_matches_finite_differences(activation, m):
    # A layer with an arbitrary upstream dA: f = sum(dA * g(W A_prev + b)). Its gradients are
    # m dW, m db (the course divides by m inside dW, db) and dA_prev (no 1/m).
    for seed in range(100):  # keep every Z clear of the ReLU kink
        rng = np.random.RandomState(seed)
        A_prev, W, b = rng.randn(3, m), rng.randn(2, 3), rng.randn(2, 1)
        if np.abs(W @ A_prev + b).min() > 1e-2:
            break
    dA = rng.randn(2, m)
    g = NAIVE_ACTIVATIONS[activation]

    _, cache = ref.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = ref.linear_activation_backward(dA, cache, activation)

    numeric_dW = numerical_gradient(lambda V: np.sum(dA * g(V @ A_prev + b)), W) / m
    numeric_db = numerical_gradient(lambda V: np.sum(dA * g(W @ A_prev + V)), b) / m
    numeric_dA_prev = numerical_gradient(lambda V: np.sum(dA * g(W @ V + b)), A_prev)
    assert relative_difference(dW, numeric_dW) < 1e-6
    assert relative_difference(db, numeric_db) < 1e-6
    assert relative_difference(dA_prev, numeric_dA_prev) < 1e-6
    assert dW.shape == W.shape and db.shape == b.shape and dA_prev.shape == A_prev.shape


# --- L-layer network: gradients against finite differences ---------------------------------------


def dims_for_depth(depth):
    return [3, *[4, 3, 2][: depth - 1], 1]


@pytest.mark.parametrize("hidden", ACTIVATION_NAMES)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("m", [1, 4])
def test_L_model_backward_matches_finite_differences(hidden, depth, m):
    check_L_layer_gradients(dims_for_depth(depth), m, hidden, "sigmoid", seed=depth * 10 + m)


@pytest.mark.parametrize("output", ["tanh", "relu", "leaky_relu", "linear"])
@pytest.mark.parametrize("depth", [1, 3])
def test_L_model_backward_other_output_activations(output, depth):
    # A[L] is kept inside (0, 1) so the cross-entropy is defined; dZ[L] = dA[L] * g[L]'(Z[L]).
    check_L_layer_gradients(dims_for_depth(depth), 3, "tanh", output, seed=5)


@settings(max_examples=30, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=4),
    m=st.sampled_from([1, 2, 3, 7]),
    hidden=st.sampled_from(ACTIVATION_NAMES),
    seed=st.integers(0, 10_000),
)
def test_L_model_backward_matches_finite_differences_random_shapes(sizes, m, hidden, seed):
    check_L_layer_gradients([*sizes, 1], m, hidden, "sigmoid", seed)


def test_L_model_forward_uses_hidden_and_output_activations():
    # Two layers with hand-picked weights: Z1 = [[-1, 2]] -> relu -> [[0, 2]],
    # Z2 = 3 A1 - 1 = [[-1, 5]] -> linear output.
    parameters = {
        "W1": np.array([[1.0]]),
        "b1": np.array([[0.0]]),
        "W2": np.array([[3.0]]),
        "b2": np.array([[-1.0]]),
    }
    X = np.array([[-1.0, 2.0]])
    AL, caches = ref.L_model_forward(X, parameters, "relu", "linear")
    np.testing.assert_allclose(AL, [[-1.0, 5.0]], rtol=1e-15)
    np.testing.assert_allclose(caches[1][0][0], [[0.0, 2.0]], rtol=1e-15)
    AL, _ = ref.L_model_forward(X, parameters, "linear", "relu")
    np.testing.assert_allclose(AL, [[0.0, 5.0]], rtol=1e-15)


def test_L_model_backward_keeps_shapes():
    layer_dims = [5, 4, 3, 1]
    parameters = ref.initialize_parameters_deep(layer_dims, seed=2, scale=0.5)
    X = np.random.RandomState(0).randn(5, 6)
    Y = np.array([[1, 0, 1, 1, 0, 0]])
    AL, caches = ref.L_model_forward(X, parameters)
    grads = ref.L_model_backward(AL, Y, caches)
    for l in range(1, 4):
        assert grads[f"dW{l}"].shape == (layer_dims[l], layer_dims[l - 1])
        assert grads[f"db{l}"].shape == (layer_dims[l], 1)
        assert grads[f"dZ{l}"].shape == (layer_dims[l], 6)
        assert grads[f"dA{l - 1}"].shape == (layer_dims[l - 1], 6)
    assert grads["dA3"].shape == (1, 6)


@pytest.mark.parametrize("Y, expected_dZ", [([[1, 0]], [[0.0, 0.0]]), ([[0, 1]], [[1.0, -1.0]])])
def test_dZL_finite_when_the_output_saturates(Y, expected_dZ):
    # Z[2] = 1000 * A[1] = [[1000, -1000]], so A[2] = sigmoid(Z[2]) is exactly [[1, 0]].
    parameters = {
        "W1": np.array([[1.0]]),
        "b1": np.array([[0.0]]),
        "W2": np.array([[1000.0]]),
        "b2": np.array([[0.0]]),
    }
    X = np.array([[1.0, -1.0]])
    Y = np.array(Y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AL, caches = ref.L_model_forward(X, parameters, "linear", "sigmoid")
        grads = ref.L_model_backward(AL, Y, caches, "linear", "sigmoid")
    np.testing.assert_array_equal(AL, [[1.0, 0.0]])
    # dZ[2] = A[2] - Y, dW[2] = (1/2) dZ[2] A[1]^T, db[2] = (1/2) sum(dZ[2]), dA[1] = 1000 dZ[2]
    np.testing.assert_array_equal(grads["dZ2"], expected_dZ)
    e = np.array(expected_dZ)
    np.testing.assert_allclose(grads["dW2"], [[0.5 * (e[0, 0] * 1 + e[0, 1] * -1)]], rtol=1e-15)
    np.testing.assert_allclose(grads["db2"], [[0.5 * (e[0, 0] + e[0, 1])]], rtol=1e-15)
    np.testing.assert_allclose(grads["dZ1"], 1000 * e, rtol=1e-15)
    for key in ("dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1", "dA0"):
        assert np.all(np.isfinite(grads[key])), key


# --- initialization and update -------------------------------------------------------------------


def test_initialize_parameters_deep_shapes_and_values():
    layer_dims = [5, 4, 3, 1]
    parameters = ref.initialize_parameters_deep(layer_dims, seed=3)
    assert list(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    rng = np.random.RandomState(3)
    for l in range(1, 4):
        assert parameters[f"W{l}"].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters[f"b{l}"].shape == (layer_dims[l], 1)
        np.testing.assert_array_equal(parameters[f"b{l}"], 0.0)
        expected = rng.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        np.testing.assert_array_equal(parameters[f"W{l}"], expected)


def test_initialize_parameters_deep_is_reproducible():
    np.random.seed(0)
    global_state = np.random.get_state()[1].copy()
    first = ref.initialize_parameters_deep([4, 3, 1], seed=11, scale=0.5)
    second = ref.initialize_parameters_deep([4, 3, 1], seed=11, scale=0.5)
    other = ref.initialize_parameters_deep([4, 3, 1], seed=12, scale=0.5)
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])
    assert not np.array_equal(first["W1"], other["W1"])
    np.testing.assert_array_equal(np.random.get_state()[1], global_state)


def test_update_parameters_hand_values_without_mutation():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.5, -1.0]]), "db1": np.array([[2.0]]), "dA0": np.ones((2, 1))}
    parameters_before = copy.deepcopy(parameters)
    grads_before = copy.deepcopy(grads)

    new = ref.update_parameters(parameters, grads, learning_rate=0.1)

    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]], rtol=1e-15)
    np.testing.assert_allclose(new["b1"], [[0.3]], rtol=1e-15)
    assert set(new) == {"W1", "b1"}
    assert new is not parameters and new["W1"] is not parameters["W1"]
    for key in parameters_before:
        np.testing.assert_array_equal(parameters[key], parameters_before[key])
    for key in grads_before:
        np.testing.assert_array_equal(grads[key], grads_before[key])


def test_gradient_descent_lowers_the_cost():
    rng = np.random.RandomState(0)
    X = rng.randn(2, 40)
    Y = (X[0:1] + X[1:2] > 0).astype(int)
    parameters = ref.initialize_parameters_deep([2, 4, 1], seed=1, scale=0.5)
    costs = []
    for _ in range(200):
        AL, caches = ref.L_model_forward(X, parameters, "tanh", "sigmoid")
        costs.append(ref.compute_cost(AL, Y))
        grads = ref.L_model_backward(AL, Y, caches, "tanh", "sigmoid")
        parameters = ref.update_parameters(parameters, grads, learning_rate=0.5)
    assert costs[-1] < 0.5 * costs[0]


def test_no_function_mutates_its_arguments():
    parameters, X, Y = build_network([3, 2, 1], 4, "relu", "sigmoid", seed=1)
    inputs = {"parameters": parameters, "X": X, "Y": Y}
    before = copy.deepcopy(inputs)

    _, cache = ref.forward_propagation(X, parameters, "relu")
    cache_before = copy.deepcopy(cache)
    ref.backward_propagation(parameters, cache, X, Y, "relu")
    AL, caches = ref.L_model_forward(X, parameters)
    caches_before = copy.deepcopy(caches)
    AL_before = AL.copy()
    grads = ref.L_model_backward(AL, Y, caches)
    grads_before = copy.deepcopy(grads)
    ref.update_parameters(parameters, grads, 0.1)
    ref.propagate(np.ones((3, 1)), 0.0, X, Y)
    ref.compute_cost(AL, Y)
    Z = caches[0][1].copy()
    Z_before = Z.copy()
    dA = np.ones_like(Z)
    for forward, backward in ref.ACTIVATIONS.values():
        forward(Z)
        backward(dA, Z)
    ref.linear_activation_backward(np.ones((1, 4)), caches[1], "sigmoid")

    for key in ("X", "Y"):
        np.testing.assert_array_equal(inputs[key], before[key])
    for key in parameters:
        np.testing.assert_array_equal(parameters[key], before["parameters"][key])
    for key in cache:
        np.testing.assert_array_equal(cache[key], cache_before[key])
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads_before[key])
    for (lin, z), (lin_before, z_before) in zip(caches, caches_before, strict=True):
        np.testing.assert_array_equal(z, z_before)
        for array, array_before in zip(lin, lin_before, strict=True):
            np.testing.assert_array_equal(array, array_before)
    np.testing.assert_array_equal(AL, AL_before)
    np.testing.assert_array_equal(Z, Z_before)
    np.testing.assert_array_equal(dA, 1.0)


# --- errors in course terms ----------------------------------------------------------------------


def test_propagate_rejects_a_rank_1_Y():
    X = np.zeros((2, 400))
    with pytest.raises(ValueError, match=re.escape("Y must be (1, m) = (1, 400), got (400,)")):
        ref.propagate(np.zeros((2, 1)), 0.0, X, np.zeros(400))


def test_propagate_rejects_a_wrongly_shaped_w():
    with pytest.raises(ValueError, match=re.escape("w must be (n_x, 1) = (2, 1), got (1, 2)")):
        ref.propagate(np.zeros((1, 2)), 0.0, np.zeros((2, 3)), np.zeros((1, 3)))


def test_backward_functions_reject_Y_of_the_wrong_m():
    parameters, X, Y = build_network([3, 2, 1], 400, "tanh", "sigmoid", seed=1)
    bad_Y = np.zeros((1, 399))
    message = re.escape("Y must be (1, m) = (1, 400), got (1, 399)")
    _, cache = ref.forward_propagation(X, parameters)
    with pytest.raises(ValueError, match=message):
        ref.backward_propagation(parameters, cache, X, bad_Y)
    AL, caches = ref.L_model_forward(X, parameters)
    with pytest.raises(ValueError, match=message):
        ref.L_model_backward(AL, bad_Y, caches)
    with pytest.raises(ValueError, match=message):
        ref.compute_cost(AL, bad_Y)
    with pytest.raises(ValueError, match=re.escape("Y must be (1, m) = (1, 400), got (400, 1)")):
        ref.compute_cost(AL, Y.T)


def test_linear_forward_rejects_mismatched_W():
    message = re.escape("W (1, 4) and A_prev (3, 400): W must be (n[l], n[l-1]) with n[l-1] = 3")
    with pytest.raises(ValueError, match=message):
        ref.linear_forward(np.zeros((3, 400)), np.zeros((1, 4)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match=message):
        ref.L_model_forward(np.zeros((3, 400)), {"W1": np.zeros((1, 4)), "b1": np.zeros((1, 1))})


def test_linear_forward_rejects_a_rank_1_b():
    with pytest.raises(ValueError, match=re.escape("b must be (n[l], 1) = (4, 1), got (4,)")):
        ref.linear_forward(np.zeros((3, 5)), np.zeros((4, 3)), np.zeros(4))


def test_unknown_activation_is_named():
    parameters = ref.initialize_parameters_deep([2, 1])
    with pytest.raises(ValueError, match=r"activation must be one of .*got 'softmax'"):
        ref.L_model_forward(np.zeros((2, 3)), parameters, output_activation="softmax")
