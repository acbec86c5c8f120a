"""Tests for autograd_nn.nn.training: train, train_step, predict, accuracy, divergence."""

import sys

import numpy as np
import pytest

from autograd_nn import Tensor, no_grad, reference
from autograd_nn.datasets import load_planar_dataset, make_circles, make_linearly_separable
from autograd_nn.errors import ShapeError
from autograd_nn.nn import (
    Adam,
    GradientDescent,
    Model,
    Momentum,
    TrainingDivergedError,
    accuracy,
    logistic_cost,
    predict,
    train,
    train_step,
    training,
)


def course_accuracy(Y_prediction, Y):
    """The course's printed accuracy, as a fraction: 1 - mean(|Y_prediction - Y|)."""
    return 1 - np.mean(np.abs(Y_prediction - Y))


def test_flower_network_reaches_90_percent_in_10000_iterations():
    """The course's figure: 2-layer tanh network, n_h = 4, learning rate 1.2, 10,000 iterations
    (about 1.5 s, so it runs in the default suite). A linear classifier gets about 47% here."""
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(model, X, Y, num_iterations=10000, learning_rate=1.2, record_every=1000)
    assert course_accuracy(predict(model, X), Y) >= 0.90
    assert history.iterations == [*range(0, 10000, 1000), 10000]  # and after the last
    assert history.costs[0] == pytest.approx(np.log(2), abs=1e-3)  # small weights: A ~ 0.5
    assert max(history.costs[1:]) < 0.3  # the course's run: about 0.29 after 1,000 iterations


def test_logistic_regression_beats_85_percent_on_a_linearly_separable_set():
    X, Y = make_linearly_separable(m=300, n_x=2, seed=4)
    model = Model.from_layer_dims([2, 1], initialization="zeros")  # zeros are fine here
    history = train(model, X, Y, num_iterations=300, learning_rate=0.5)
    assert accuracy(predict(model, X), Y) > 0.85
    assert history.costs[-1] < history.costs[0]


def test_logistic_regression_fails_on_circles_where_a_hidden_layer_succeeds():
    """Both sides of the comparison are measured, so the test can fail either way."""
    X, Y = make_circles(m=200, noise=0.05, seed=1)
    linear = Model.from_layer_dims([2, 1], initialization="zeros")
    train(linear, X, Y, num_iterations=500, learning_rate=0.5)
    network = Model.from_layer_dims([2, 8, 1], hidden_activation="tanh", initialization="xavier",
                                    seed=0)  # fmt: skip
    train(network, X, Y, num_iterations=1500, learning_rate=1.0)
    assert accuracy(predict(linear, X), Y) < 0.7
    assert accuracy(predict(network, X), Y) > 0.95


def test_train_uses_the_gradient_descent_update():
    """train(..., learning_rate) equals the loop written out with train_step."""
    X, Y = make_linearly_separable(m=50, n_x=3, seed=0)
    a = Model.from_layer_dims([3, 4, 1], seed=5)
    b = Model.from_layer_dims([3, 4, 1], seed=5)
    history = train(a, X, Y, num_iterations=7, learning_rate=0.1, record_every=1)
    optimizer = GradientDescent(b, learning_rate=0.1)
    costs = [train_step(b, X, Y, optimizer) for _ in range(7)]
    final = float(logistic_cost(b.forward(X), Y).data)  # J after the 7th update
    assert history.costs == [*costs, final] and history.iterations == list(range(8))
    for name in a.parameters():
        np.testing.assert_array_equal(a[name].data, b[name].data)


@pytest.mark.parametrize("make", [lambda m: Momentum(m, 0.3), lambda m: Adam(m, 0.02)])
def test_train_with_other_optimizers(make):
    X, Y = make_linearly_separable(m=200, seed=2)
    model = Model.from_layer_dims([2, 3, 1], hidden_activation="tanh", initialization="xavier",
                                  seed=0)  # fmt: skip
    optimizer = make(model)
    history = train(model, X, Y, num_iterations=300, optimizer=optimizer)
    assert history.learning_rate == optimizer.learning_rate
    assert accuracy(predict(model, X), Y) > 0.95


def test_divergence_stops_with_the_iteration_and_learning_rate():
    X, Y = make_linearly_separable(m=100, seed=0)
    X = X * 1e150  # Z overflows to infinity after a few huge updates
    model = Model.from_layer_dims([2, 3, 1], hidden_activation="relu", seed=0)
    with pytest.raises(
        TrainingDivergedError,
        match=r"train: the cost became (nan|inf) at iteration \d+ with learning_rate = 1e\+06"
        r".*try a smaller learning_rate",
    ) as caught:
        train(model, X, Y, num_iterations=100, learning_rate=1e6, record_every=1)
    assert "the last recorded cost was" in str(caught.value)


def test_train_argument_errors():
    X, Y = make_linearly_separable(m=10, seed=0)
    model = Model.from_layer_dims([2, 1], seed=0)
    with pytest.raises(
        ValueError, match=r"give learning_rate \(gradient descent\) or an optimizer"
    ):
        train(model, X, Y, 10)
    with pytest.raises(ValueError, match="not both"):
        train(model, X, Y, 10, learning_rate=0.1, optimizer=GradientDescent(model, 0.1))
    with pytest.raises(ValueError, match="cost must be one of 'logistic', 'mse'"):
        train(model, X, Y, 10, learning_rate=0.1, cost="hinge")
    with pytest.raises(TypeError, match=r"num_iterations must be an int, got 10\.0"):
        train(model, X, Y, 10.0, learning_rate=0.1)
    with pytest.raises(ValueError, match="num_iterations must be >= 0, got -1"):
        train(model, X, Y, -1, learning_rate=0.1)
    with pytest.raises(ValueError, match="record_every must be >= 1, got 0"):
        train(model, X, Y, 10, learning_rate=0.1, record_every=0)
    with pytest.raises(ShapeError, match=r"X \(2, 10\) has m = 10 examples but Y \(1, 9\) has 9"):
        train(model, X, Y[:, :9], 10, learning_rate=0.1)
    with pytest.raises(ShapeError, match=r"Y must be \(1, m\) = \(1, 10\).*got \(10,\)"):
        train(model, X, Y.ravel(), 10, learning_rate=0.1)
    before = model.get_parameters()
    with pytest.raises(ValueError, match=r"Y must hold labels 0 or 1; 1 entry is outside"):
        train(model, X, np.where(np.arange(10) == 3, 2.0, Y), 10, learning_rate=0.1)
    for name, value in before.items():  # refused before any update
        np.testing.assert_array_equal(model[name].data, value)


def test_nan_inputs_and_empty_inputs_are_named_not_blamed_on_the_learning_rate():
    X, Y = make_linearly_separable(m=10, seed=0)
    model = Model.from_layer_dims([2, 3, 1], seed=0)
    before = model.get_parameters()
    X_nan = X.copy()
    X_nan[1, 4] = np.nan
    with pytest.raises(ValueError, match=r"X \(2, 10\) has 1 NaN or infinite entry;"):
        train(model, X_nan, Y, 10, learning_rate=0.1)
    X_inf = X.copy()
    X_inf[:, 2] = np.inf
    with pytest.raises(ValueError, match="2 NaN or infinite entries") as caught:
        train(model, Tensor(X_inf, requires_grad=False), Y, 10, learning_rate=0.1)
    assert not isinstance(caught.value, TrainingDivergedError)
    with pytest.raises(ShapeError, match=r"X \(2, 0\) has no examples \(m = 0\)"):
        train(model, X[:, :0], Y[:, :0], 10, learning_rate=0.1)
    for name, value in before.items():  # refused before any update
        np.testing.assert_array_equal(model[name].data, value)


def test_print_cost_prints_like_the_course(capsys):
    X, Y = make_linearly_separable(m=20, seed=0)
    model = Model.from_layer_dims([2, 1], initialization="zeros")
    train(model, X, Y, num_iterations=250, learning_rate=0.1, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after iteration 0", "Cost after iteration 100", "Cost after iteration 200",
        "Cost after iteration 250",  # the trained model: after the 250th update
    ]  # fmt: skip
    assert lines[0] == f"Cost after iteration 0: {np.log(2):.6f}"  # zero weights: A = 0.5


def test_progress_bar_uses_tqdm(capsys):
    pytest.importorskip("tqdm")
    X, Y = make_linearly_separable(m=20, seed=0)
    train(Model.from_layer_dims([2, 1]), X, Y, 30, learning_rate=0.1, progress=True)
    assert "30/30" in capsys.readouterr().err


def test_progress_without_tqdm_warns_and_trains(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    X, Y = make_linearly_separable(m=20, seed=0)
    with pytest.warns(UserWarning, match="progress=True needs tqdm"):
        history = train(Model.from_layer_dims([2, 1]), X, Y, 5, learning_rate=0.1, progress=True)
    assert len(history) == 2


def test_predict_thresholds_at_one_half_and_records_nothing():
    model = Model.from_layer_dims([1, 1], output_activation="sigmoid", seed=0)
    model.set_parameters({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])})
    X = np.array([[-2.0, -1e-9, 1e-9, 3.0]])
    np.testing.assert_array_equal(predict(model, X), [[0, 0, 1, 1]])
    np.testing.assert_array_equal(predict(model, X, threshold=0.9), [[0, 0, 0, 1]])
    assert not model.cache["A1"].requires_grad


def test_predict_several_classes_and_accuracy():
    model = Model.from_layer_dims([2, 3], output_activation="softmax", seed=0)
    model.set_parameters({"W1": np.array([[1.0, 0], [0, 1.0], [-1.0, -1.0]]),
                          "b1": np.zeros((3, 1))})  # fmt: skip
    X = np.array([[5.0, 0.0, -5.0], [0.0, 5.0, -5.0]])
    np.testing.assert_array_equal(predict(model, X), np.eye(3))
    Y = np.array([[1.0, 0, 0], [0, 1.0, 1.0], [0, 0, 0]])
    assert accuracy(predict(model, X), Y) == pytest.approx(2 / 3)


def test_accuracy_checks_shapes():
    assert accuracy(np.array([[1, 0, 1, 1]]), np.array([[1, 1, 1, 1]])) == 0.75
    assert accuracy(np.array([[1, 0]]), Tensor([[1, 0]], requires_grad=False)) == 1.0
    with pytest.raises(ShapeError, match=r"Y_prediction \(1, 4\) and Y \(4,\) must have the same"):
        accuracy(np.zeros((1, 4)), np.zeros(4))


def test_regression_with_a_linear_output_uses_mse():
    rng = np.random.RandomState(0)
    X = rng.randn(3, 100)
    Y = np.array([[2.0, -1.0, 0.5]]) @ X + 3.0  # house prices from 3 features, say
    model = Model.from_layer_dims([3, 1], output_activation="linear", seed=0)
    history = train(model, X, Y, num_iterations=500, learning_rate=0.1)
    np.testing.assert_allclose(model["W1"].data, [[2.0, -1.0, 0.5]], atol=1e-6)
    np.testing.assert_allclose(model["b1"].data, [[3.0]], atol=1e-6)
    assert history.costs[-1] < 1e-10


# ------------------------------------------------------------------ issue 11.12 and 11.5
def test_an_optimizer_over_another_models_parameters_is_refused():
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    other = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=3)
    before = model.get_parameters()
    with pytest.raises(ValueError, match=r"train: the optimizer holds none of this model's"):
        train(model, X, Y, num_iterations=5, optimizer=GradientDescent(other, 1.2))
    with pytest.raises(ValueError, match=r"train_step: the optimizer holds none of this model's"):
        train_step(model, X, Y, GradientDescent(other, 1.2))
    for name, value in before.items():
        np.testing.assert_array_equal(model[name].data, value)
    with pytest.raises(TypeError, match=r"train: optimizer must be an Optimizer"):
        train(model, X, Y, num_iterations=5, optimizer="adam")


def test_a_failed_forward_pass_leaves_the_gradients_as_they_were():
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    optimizer = GradientDescent(model, 1.2)
    train_step(model, X, Y, optimizer)
    grads = model.gradients()
    with pytest.raises(ShapeError):
        train_step(model, X.T, Y, optimizer)  # examples as rows: the forward pass fails
    with pytest.raises(ShapeError):
        train_step(model, X, Y.T, optimizer)  # the cost fails
    for name, value in model.gradients().items():
        np.testing.assert_array_equal(value, grads[name])  # not zeroed


def test_a_failed_backward_pass_leaves_the_gradients_as_they_were(monkeypatch):
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    optimizer = GradientDescent(model, 1.2)
    train_step(model, X, Y, optimizer)
    grads, before = model.gradients(), model.get_parameters()

    def backward_that_fails_half_way(J, *args, **kwargs):
        for p in model.parameters().values():  # a partial write, then the failure
            p.grad = np.full_like(p.data, 99.0)
        raise RuntimeError("backward failed")

    monkeypatch.setattr(Tensor, "backward", backward_that_fails_half_way)
    with pytest.raises(RuntimeError, match="backward failed"):
        train_step(model, X, Y, optimizer)
    for name, value in model.gradients().items():
        np.testing.assert_array_equal(value, grads[name])
    for name, value in before.items():
        np.testing.assert_array_equal(model[name].data, value)


# ------------------------------------------------------------------ issue 11.13
@pytest.mark.parametrize(
    ("threshold", "error", "message"),
    [
        ("a", TypeError, r"predict: threshold must be a number, got str"),
        (np.ones(3), TypeError, r"predict: threshold must be a number, got ndarray"),
        (float("nan"), ValueError, r"predict: threshold must be a finite number"),
        (10**400, ValueError, r"predict: threshold must be a finite number"),
    ],
)
def test_predict_refuses_a_threshold_that_is_not_a_number(threshold, error, message):
    model = Model.from_layer_dims([2, 3, 1], seed=0)
    with pytest.raises(error, match=message):
        predict(model, np.zeros((2, 4)), threshold=threshold)


def test_predict_and_accuracy_name_their_arguments():
    with pytest.raises(TypeError, match=r"predict: model must be a Model, got dict"):
        predict({"W1": np.ones((1, 2))}, np.zeros((2, 4)))
    with pytest.raises(TypeError, match=r"accuracy: Y must be an array of numbers"):
        accuracy(np.ones((1, 2)), [[1.0], [1.0, 2.0]])


# ------------------------------------------------------------------ snapshots (issue 21)
def flower_history(num_iterations=300, record_every=100, **options):
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(
        model, X, Y, num_iterations, learning_rate=1.2, record_every=record_every, **options
    )
    return model, history, X, Y


def test_snapshots_hold_the_course_loop_state_before_each_update():
    """Oracle: the course's own loop (reference.forward/backward_propagation, update by hand)."""
    _, history, X, Y = flower_history(num_iterations=250, record_every=100)
    assert history.iterations == [0, 100, 200, 250]
    assert [s.iteration for s in history.snapshots] == history.iterations
    parameters = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    parameters = parameters.get_parameters()
    by_iteration = {s.iteration: s for s in history.snapshots}
    for i in range(251):
        A2, cache = reference.forward_propagation(X, parameters, "tanh")
        grads = reference.backward_propagation(parameters, cache, X, Y, "tanh")
        if i in by_iteration:
            snapshot = by_iteration[i]
            assert snapshot.cost == pytest.approx(reference.compute_cost(A2, Y), rel=1e-12)
            assert snapshot.accuracy == np.mean((A2 > 0.5) == Y)
            for name, value in parameters.items():
                np.testing.assert_allclose(snapshot.parameters[name], value, rtol=1e-10)
                np.testing.assert_allclose(
                    snapshot.gradients["d" + name], grads["d" + name], rtol=1e-10, atol=1e-15
                )
        parameters = {name: value - 1.2 * grads["d" + name] for name, value in parameters.items()}
    assert history.costs == [s.cost for s in history.snapshots]


def test_the_last_snapshot_is_the_trained_model():
    model, history, X, Y = flower_history(num_iterations=300)
    last = history.snapshots[-1]
    assert last.iteration == 300 and history.iterations[-1] == 300
    assert last.accuracy == accuracy(predict(model, X), Y)
    for name, value in model.get_parameters().items():
        np.testing.assert_array_equal(last.parameters[name], value)
    assert last.cost == pytest.approx(float(logistic_cost(model.forward(X), Y).data), rel=1e-14)


def test_the_grid_output_agrees_with_predict_on_the_grid_points():
    _, history, X, _ = flower_history(num_iterations=300)
    grid = history.grid
    assert grid.shape == (100, 100) and grid.classes == 1
    assert grid.x1[0] == pytest.approx(X[0].min() - 1) and grid.x1[-1] == pytest.approx(
        X[0].max() + 1
    )
    assert grid.x2[0] == pytest.approx(X[1].min() - 1) and grid.x2[-1] == pytest.approx(
        X[1].max() + 1
    )
    points = grid.points()
    for snapshot in (history.snapshots[0], history.snapshots[-1]):
        assert snapshot.output.dtype == np.uint8 and snapshot.output.shape == (100, 100)
        expected = predict(history.model(snapshot.iteration), points).reshape(100, 100)
        np.testing.assert_array_equal(grid.decisions(snapshot.output), expected)
        with no_grad():  # the 8 bits: floor(256 A), the probability to within 1/256
            AL = history.model(snapshot.iteration).forward(points).data.reshape(100, 100)
        assert np.all(np.abs((snapshot.output + 0.5) / 256 - AL) <= 0.5 / 256 + 1e-12)
    first, last = history.snapshots[0].output, history.snapshots[-1].output
    assert np.mean(grid.decisions(first) != grid.decisions(last)) > 0.1  # it learned a shape


def test_history_player_recomputes_the_backward_pass_of_a_snapshot():
    pytest.importorskip("graphviz")
    _, history, X, Y = flower_history(num_iterations=200)
    player = history.player(100, X, Y, layout="browser")
    assert player.J.data == pytest.approx(history.costs[1], rel=1e-14)
    snapshot = history.snapshot(100)
    assert set(history.model(100).parameters()) == set(snapshot.parameters)
    grads = {t.name: t.grad for t in _leaves(player.J) if t.name in snapshot.parameters}
    assert set(grads) == {"W1", "b1", "W2", "b2"}
    for name, grad in grads.items():
        np.testing.assert_allclose(grad, snapshot.gradients["d" + name], rtol=1e-12)


def _leaves(J):
    from autograd_nn.graph import toposort

    return [t for t in toposort(J) if not t.parents]


def test_history_lookups_name_what_is_there():
    _, history, _, _ = flower_history(num_iterations=300)
    with pytest.raises(
        ValueError,
        match=r"no snapshot at iteration 150; the 4 snapshots are at iterations 0 "
        r"to 300 \(nearest: 100 and 200\)",
    ):
        history.snapshot(150)
    with pytest.raises(TypeError, match="iteration must be an int"):
        history.snapshot(1.5)
    _, empty, _, _ = flower_history(num_iterations=30, snapshots=False)
    assert empty.snapshots == [] and empty.iterations == [0, 30] and empty.nbytes == 0
    with pytest.raises(ValueError, match="kept no snapshots"):
        empty.snapshot(0)


def test_snapshot_memory_is_stated_and_bounded(monkeypatch):
    _, history, _, _ = flower_history(num_iterations=200)
    per_snapshot = 2 * 8 * 17 + 100 * 100  # W, b, dW, db of [2, 4, 1] in float64, the grid
    assert history.nbytes == 3 * per_snapshot
    monkeypatch.setattr(training, "SNAPSHOT_BUDGET", 2 * per_snapshot)
    with pytest.warns(UserWarning, match=r"3 snapshots .* would take .*keeping the costs only"):
        _, history, _, _ = flower_history(num_iterations=200)
    assert history.snapshots == [] and len(history.costs) == 3
    _, history, _, _ = flower_history(num_iterations=200, snapshots=True)  # asked for: kept
    assert len(history.snapshots) == 3
    with pytest.raises(TypeError, match="snapshots must be True or False, got 'yes'"):
        flower_history(num_iterations=2, snapshots="yes")


def test_no_accuracy_or_grid_for_a_regression_and_classes_for_softmax():
    X, _ = make_linearly_separable(m=40, seed=0)
    Y = X[:1] * 0.5 - X[1:]  # a regression target
    model = Model.from_layer_dims([2, 3, 1], output_activation="linear", seed=0)
    history = train(model, X, Y, 20, learning_rate=0.05, record_every=10)
    assert history.accuracies == [None, None, None] and history.grid is None
    assert all(s.output is None for s in history.snapshots)
    Y3 = np.eye(3)[np.arange(40) % 3].T  # three classes, one-hot
    model = Model.from_layer_dims([2, 5, 3], output_activation="softmax", seed=0)
    history = train(model, X, Y3, 20, learning_rate=0.5, record_every=10)
    assert history.grid.classes == 3
    last = history.snapshots[-1]
    assert last.accuracy == accuracy(predict(model, X), Y3)
    expected = predict(model, history.grid.points()).argmax(axis=0).reshape(100, 100)
    np.testing.assert_array_equal(history.grid.decisions(last.output), expected)


def test_divergence_keeps_what_was_recorded():
    X, Y = make_linearly_separable(m=100, seed=0)
    model = Model.from_layer_dims([2, 3, 1], hidden_activation="relu", seed=0)
    with pytest.raises(TrainingDivergedError) as caught:
        train(model, X * 1e150, Y, num_iterations=100, learning_rate=1e6, record_every=1)
    history = caught.value.history
    assert len(history.snapshots) == len(history.costs) >= 1
    assert all(np.isfinite(c) for c in history.costs)


def test_live_outside_jupyter_shows_the_progress_bar(capsys):
    pytest.importorskip("tqdm")
    _, history, _, _ = flower_history(num_iterations=50, record_every=10, live=True)
    assert "training" in capsys.readouterr().err and len(history.snapshots) == 6
    with pytest.raises(ValueError, match="live=True shows the snapshots"):
        flower_history(num_iterations=5, live=True, snapshots=False)


def test_recording_snapshots_does_not_change_training():
    """The grid's forward pass and the copies leave the run as it was (benchmarks/recording.py
    compares the two sides' times, so they must do the same work)."""
    a, with_snapshots, _, _ = flower_history(num_iterations=300, record_every=50)
    b, costs_only, _, _ = flower_history(num_iterations=300, record_every=50, snapshots=False)
    assert with_snapshots.costs == costs_only.costs
    for name, value in a.get_parameters().items():
        np.testing.assert_array_equal(b[name].data, value)
