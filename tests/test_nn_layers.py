"""Tests for autograd_nn.nn.layers and activations: Dense, Model, parameters by course name.

Oracle for the gradients: the course's hand-derived vectorized backprop (docs/notation.md), written
out in numpy in this file (never imported from the package):

    dZ[L] = A[L] - Y                      (sigmoid output + logistic cost; also linear + MSE)
    dW[l] = (1/m) dZ[l] A[l-1]^T
    db[l] = (1/m) sum(dZ[l], axis=1, keepdims=True)
    dZ[l-1] = (W[l]^T dZ[l]) * g'(Z[l-1])
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_nn import Tensor
from autograd_nn.errors import ShapeError
from autograd_nn.nn import (
    Dense,
    Model,
    ParameterError,
    Sequential,
    get_activation,
    logistic_cost,
    mean_squared_error,
)

# --- the course's formulas, written out here ------------------------------------------------------
FORWARD = {
    "sigmoid": lambda Z: 1 / (1 + np.exp(-Z)),
    "tanh": np.tanh,
    "relu": lambda Z: np.maximum(Z, 0),
    "leaky_relu": lambda Z: np.where(Z > 0, Z, 0.01 * Z),
    "linear": lambda Z: Z,
}
DERIVATIVE = {  # g'(Z) from Z and A = g(Z)
    "sigmoid": lambda Z, A: A * (1 - A),
    "tanh": lambda Z, A: 1 - A**2,
    "relu": lambda Z, A: (Z > 0).astype(float),
    "leaky_relu": lambda Z, A: np.where(Z > 0, 1.0, 0.01),
    "linear": lambda Z, A: np.ones_like(Z),
}


def course_gradients(parameters, X, Y, activations):
    """Forward and backward by hand; activations[l - 1] is g[l]; the output is sigmoid with the
    logistic cost or linear with the (1/2m) squared error, both giving dZ[L] = A[L] - Y."""
    L = len(activations)
    m = X.shape[1]
    A, Zs, As = X, [None], [X]
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = FORWARD[activations[l - 1]](Z)
        Zs.append(Z)
        As.append(A)
    grads = {}
    dZ = As[L] - Y
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = (1 / m) * dZ @ As[l - 1].T
        grads[f"db{l}"] = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = parameters[f"W{l}"].T @ dZ
            dZ = dA_prev * DERIVATIVE[activations[l - 2]](Zs[l - 1], As[l - 1])
    return grads


def assert_relative(actual, expected, rtol=1e-10):
    """max |actual - expected| <= rtol * max |expected| (entry-wise relative to the scale)."""
    scale = np.max(np.abs(expected))
    assert actual.shape == expected.shape
    assert np.max(np.abs(actual - expected)) <= rtol * max(scale, 1e-300), (actual, expected)


def autodiff_gradients(model, X, Y, cost):
    model.zero_grad()
    J = cost(model.forward(X), Y)
    J.backward()
    return model.gradients()


# --- gradients against the course's formulas ------------------------------------------------------
def test_two_layer_tanh_gradients_equal_course_formulas():
    rng = np.random.RandomState(0)
    X, Y = rng.randn(2, 400), (rng.rand(1, 400) > 0.5).astype(float)
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    model.set_parameters({k: rng.randn(*v.shape) for k, v in model.get_parameters().items()})
    expected = course_gradients(model.get_parameters(), X, Y, ["tanh", "sigmoid"])
    actual = autodiff_gradients(model, X, Y, logistic_cost)
    assert set(actual) == {"dW1", "db1", "dW2", "db2"}
    for name in expected:
        assert_relative(actual[name], expected[name])


def test_four_layer_relu_network_gradients_equal_course_formulas():
    rng = np.random.RandomState(1)
    X, Y = rng.randn(50, 30), (rng.rand(1, 30) > 0.5).astype(float)
    model = Model.from_layer_dims([50, 20, 7, 5, 1], initialization="he", seed=3)
    expected = course_gradients(model.get_parameters(), X, Y, ["relu"] * 3 + ["sigmoid"])
    actual = autodiff_gradients(model, X, Y, logistic_cost)
    assert len(actual) == 8
    for name in expected:
        assert_relative(actual[name], expected[name])


HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]


@settings(max_examples=30, deadline=None)
@given(
    layer_dims=st.lists(st.integers(1, 6), min_size=2, max_size=5).map(lambda d: [*d, 1]),
    m=st.integers(1, 9),
    hidden=st.sampled_from(HIDDEN),
    output=st.sampled_from(["sigmoid", "linear"]),
    seed=st.integers(0, 2**31 - 1),
)
def test_l_layer_gradients_equal_course_formulas(layer_dims, m, hidden, output, seed):
    rng = np.random.RandomState(seed)
    X = rng.randn(layer_dims[0], m)
    model = Model.from_layer_dims(
        layer_dims, hidden_activation=hidden, output_activation=output,
        initialization="xavier", seed=rng,
    )  # fmt: skip
    for p in model.parameters().values():
        p.data[...] += rng.randn(*p.shape) * 0.5  # non-zero biases too
    L = len(layer_dims) - 1
    if output == "sigmoid":
        Y, cost = (rng.rand(1, m) > 0.5).astype(float), logistic_cost
    else:
        Y, cost = rng.randn(1, m), mean_squared_error
    activations = [hidden] * (L - 1) + [output]
    expected = course_gradients(model.get_parameters(), X, Y, activations)
    actual = autodiff_gradients(model, X, Y, cost)
    for name in expected:
        assert_relative(actual[name], expected[name])


def test_forward_values_follow_the_layer_formula():
    rng = np.random.RandomState(4)
    X = rng.randn(3, 5)
    model = Model.from_layer_dims([3, 4, 2], hidden_activation="relu",
                                  output_activation="tanh", seed=0)  # fmt: skip
    p = model.get_parameters()
    A1 = np.maximum(p["W1"] @ X + p["b1"], 0)
    A2 = np.tanh(p["W2"] @ A1 + p["b2"])
    np.testing.assert_allclose(model.forward(X).data, A2, rtol=1e-14)
    np.testing.assert_allclose(model.cache["A1"].data, A1, rtol=1e-14)


# --- names and groups -----------------------------------------------------------------------------
def test_recorded_tensors_carry_course_names_and_layer_groups():
    model = Model.from_layer_dims([2, 3, 1], hidden_activation="tanh", seed=0)
    AL = model.forward(np.ones((2, 5)))
    assert AL.name == "A2"
    assert [name for name in model.cache] == ["A0", "Z1", "A1", "Z2", "A2"]
    for l in (1, 2):
        for t in (model[f"W{l}"], model[f"b{l}"], model.cache[f"Z{l}"], model.cache[f"A{l}"]):
            assert t.group == f"layer {l}"
        assert model.cache[f"Z{l}"].name == f"Z{l}"
        assert model[f"W{l}"].name == f"W{l}" and model[f"b{l}"].name == f"b{l}"
    assert model.cache["A0"].name == "X"
    assert model.cache["A1"].op.name == "tanh" and model.cache["A1"].parents[0] is model.cache["Z1"]


def test_linear_output_is_z_itself():
    model = Model.from_layer_dims([2, 1], output_activation="linear", seed=0)
    AL = model.forward(np.ones((2, 3)))
    assert AL is model.cache["Z1"] and AL.name == "Z1"


def test_model_renumbers_layers_and_checks_they_chain():
    first, second = Dense(3, 4, "tanh", seed=0, index=7), Dense(4, 1, "sigmoid", seed=0)
    model = Sequential([first, second])
    assert (first.index, second.index) == (1, 2)
    assert list(model.parameters()) == ["W1", "b1", "W2", "b2"]
    assert model.layer_dims == [3, 4, 1] and model.L == 2
    with pytest.raises(
        ShapeError, match=r"layer 2 takes n\[1\] = 5 inputs but layer 1 has n\[1\] = 4"
    ):
        Model([Dense(3, 4), Dense(5, 1)])


def test_custom_activation_function():
    layer = Dense(2, 3, lambda Z: Z.leaky_relu(0.2), seed=0)
    A = layer.forward(np.array([[-1.0], [1.0]]))
    Z = layer.W.data @ np.array([[-1.0], [1.0]]) + layer.b.data
    np.testing.assert_allclose(A.data, np.where(Z > 0, Z, 0.2 * Z))


def test_activation_errors_name_the_choices():
    with pytest.raises(
        ValueError, match=r"activation must be one of 'sigmoid', 'tanh'.*got 'relu6'"
    ):
        get_activation("relu6")
    with pytest.raises(TypeError, match="activation must be a name"):
        Dense(2, 2, activation=3)


def test_forward_refuses_examples_in_rows():
    model = Model.from_layer_dims([2, 4, 1], seed=0)
    with pytest.raises(
        ShapeError, match=r"X must be \(n\[0\], m\) = \(2, m\).*got \(400, 2\).*pass X\.T"
    ):
        model.forward(np.zeros((400, 2)))
    with pytest.raises(ShapeError, match=r"got \(400,\)"):
        model.forward(np.zeros(400))
    with pytest.raises(ShapeError, match=r"A\[0\] must be \(n\[0\], m\) = \(3, m\), got \(2, 1\)"):
        Dense(3, 1).forward(np.zeros((2, 1)))


# --- parameters by course name --------------------------------------------------------------------
def test_parameters_are_reachable_by_course_names():
    model = Model.from_layer_dims([5, 3, 2, 1], seed=0)
    params = model.parameters()
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert params["W2"] is model["W2"] is model.layers[1].W
    assert model["W2"].shape == (2, 3) and model["b3"].shape == (1, 1)
    with pytest.raises(KeyError, match=r"no parameter 'W4'; this model has W1, b1, W2, b2, W3, b3"):
        model["W4"]


def test_get_parameters_returns_copies():
    model = Model.from_layer_dims([2, 3, 1], seed=0)
    exported = model.get_parameters()
    exported["W1"][...] = 42.0
    assert not np.any(model["W1"].data == 42.0)


def test_set_parameters_writes_in_place():
    model = Model.from_layer_dims([2, 4, 1], seed=0)
    W1 = model["W1"]
    new = {"W1": np.full((4, 2), 0.5), "b1": np.ones((4, 1)), "W2": np.zeros((1, 4)),
           "b2": np.array([[3]])}  # fmt: skip
    model.set_parameters(new)
    assert model["W1"] is W1
    for name, value in new.items():
        np.testing.assert_array_equal(model[name].data, value)
    assert model["b2"].data.dtype == np.float64


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda p: p.update(W2=np.zeros((4, 1))), ShapeError,
         r"^W2 must be \(n\[2\], n\[1\]\) = \(1, 4\), got \(4, 1\)$"),
        (lambda p: p.update(b1=np.zeros(4)), ShapeError,
         r"^b1 must be \(n\[1\], 1\) = \(4, 1\), got \(4,\)$"),
        (lambda p: p.pop("b2"), ParameterError, r"missing b2.*W1, b1, W2, b2"),
        (lambda p: p.update(W3=np.zeros((1, 1))), ParameterError, r"unexpected W3"),
        (lambda p: p.update(W1=np.full((4, 2), np.nan)), ParameterError,
         r"W1 contains NaN or infinity"),
        (lambda p: p.update(W1=np.full((4, 2), "a")), ParameterError, r"W1 must hold numbers"),
    ],
)  # fmt: skip
def test_failed_set_parameters_names_the_problem_and_changes_nothing(change, error, message):
    model = Model.from_layer_dims([2, 4, 1], seed=0)
    before = model.get_parameters()
    bad = {name: value + 1.0 for name, value in before.items()}  # W1, b1 valid and different
    change(bad)
    with pytest.raises(error, match=message):
        model.set_parameters(bad)
    for name, value in before.items():
        np.testing.assert_array_equal(model[name].data, value)


def test_set_parameters_refuses_a_non_dict():
    model = Model.from_layer_dims([2, 1], seed=0)
    with pytest.raises(TypeError, match="parameters must be a dict keyed W1, b1"):
        model.set_parameters([np.zeros((1, 2))])


def test_tensor_inputs_are_accepted():
    model = Model.from_layer_dims([2, 1], seed=0)
    X = Tensor(np.ones((2, 3)), name="X", requires_grad=False)
    assert model(X).shape == (1, 3)
    assert model.cache["A0"] is X


def test_model_construction_errors():
    with pytest.raises(ValueError, match="Model: needs at least one layer"):
        Model([])
    with pytest.raises(TypeError, match="Model: layer 2 must be a Dense layer, got str"):
        Model([Dense(2, 1), "relu"])
    with pytest.raises(ValueError, match=r"layer index l must be a positive integer, got 0"):
        Dense(2, 1, index=0)
    with pytest.raises(
        ValueError, match=r"layer_dims must be \[n\[0\], \.\.\., n\[L\]\] with L >= 1"
    ):
        Model.from_layer_dims([3])
    with pytest.raises(
        ValueError, match=r"Model.from_layer_dims: n\[1\] must be a positive integer, got 0"
    ):
        Model.from_layer_dims([3, 0, 1])
    assert repr(Model.from_layer_dims([3, 2, 1], seed=0)) == (
        "Model(layer_dims=[3, 2, 1]: 3->2 relu, 2->1 sigmoid)"
    )


# ------------------------------------------------------------------ issue 11.12
def test_the_same_layer_twice_is_refused():
    """Model([d, d]) once named both W2, and model.parameters() had two entries, not four."""
    from autograd_nn.nn import Dense, Model

    d = Dense(3, 3, "tanh", seed=0)
    with pytest.raises(ValueError, match=r"Model: layers 1 and 2 are the same Dense object"):
        Model([d, d])
    assert d.index == 1 and d.W.name == "W1"  # unchanged by the refused call
    e = Dense(3, 3, "tanh", seed=1)
    e.W = d.W
    with pytest.raises(ValueError, match=r"Model: layers 1 and 2 share the tensor W1"):
        Model([d, e])


# ------------------------------------------------------------------ issue 11.13
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: Dense(2, 1, seed=-1), ValueError, r"Dense: seed must be an int from 0 to 2\*\*32"),
        (lambda: Dense(2, 1, seed=2**40), ValueError, r"Dense: seed must be an int from 0"),
        (lambda: Dense(2, 1, seed="1"), TypeError, r"Dense: seed must be an int, None or"),
        (lambda: Dense(2.0, 1), TypeError, r"Dense: n_in must be a positive integer, got float"),
        (lambda: Dense(2, 10**400), ValueError, r"Dense: n_out must be a positive integer, got a"),
        (lambda: Dense(2, 1, "cube"), ValueError, r"Dense: activation must be one of"),
        (lambda: Dense(2, 1, initialization=np.ones(2)), TypeError, r"Dense: initialization must"),
        (lambda: Model(None), TypeError, r"Model: layers must be a list of Dense layers"),
        (lambda: Model.from_layer_dims("2,3,1"), TypeError, r"Model.from_layer_dims: layer_dims"),
        (lambda: Model.from_layer_dims([2, 1], "cube"), ValueError,
         r"Model.from_layer_dims: hidden_activation: activation must be one of"),
        (lambda: Model.from_layer_dims([2, 1])[["W1"]], TypeError, r"Model\[...\]: a parameter"),
        (lambda: Model.from_layer_dims([2, 1]).forward([["a", "b"]]), TypeError,
         r"Model.forward: X must be an array of numbers"),
    ],
)  # fmt: skip
def test_wrong_arguments_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_new_forward_pass_lets_the_previous_graph_go_before_building_its_own() -> None:
    """Model.cache and Dense.Z/A held the last graph while the next one was built: two graphs
    alive at once, the peak memory of an iteration doubled."""
    import gc
    import weakref

    model = Model.from_layer_dims([3, 4, 1], seed=1)
    X = np.random.default_rng(0).standard_normal((3, 5))
    model.forward(X)
    first = weakref.ref(model.cache["Z1"])
    alive_during_second_pass = []
    second_layer = model.layers[1]
    original = second_layer.forward

    def spy(A_prev):
        alive_during_second_pass.append(first() is not None)
        return original(A_prev)

    second_layer.forward = spy
    gc.disable()
    try:
        model.forward(X)
    finally:
        gc.enable()
    assert alive_during_second_pass == [False]
