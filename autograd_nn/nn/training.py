"""Training by autodiff: the loop of the course, with the gradients from ``J.backward()``.

One iteration, repeated ``num_iterations`` times::

    A[L] = model.forward(X)            forward propagation, recording the graph
    J = cost(A[L], Y)                  e.g. the logistic cost
    J.backward()                       dW[l], db[l] for every layer (backward propagation)
    W[l] := W[l] - alpha dW[l], ...    the optimizer's step (gradient descent by default)

>>> from autograd_nn.datasets import load_planar_dataset
>>> from autograd_nn.nn import Model, train, predict, accuracy
>>> X, Y = load_planar_dataset()
>>> model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
>>> history = train(model, X, Y, num_iterations=10000, learning_rate=1.2)
>>> accuracy(predict(model, X), Y) >= 0.9
True
"""

from __future__ import annotations

import bisect
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograd_nn import Tensor, no_grad
from autograd_nn.checks import is_int
from autograd_nn.errors import AutogradError, ShapeError

from .activations import ACTIVATIONS, Activation
from .costs import COSTS, logistic_cost, mean_squared_error, softmax_cross_entropy
from .layers import Dense, Model, data_tensor
from .optimizers import GradientDescent, Optimizer, as_number
from .snapshots import DecisionGrid, Snapshot, snapshot_bytes

Cost = Callable[[Tensor, Any], Tensor]
"""A cost function (A[L], Y) -> J."""

_BUILT_IN_COSTS = frozenset(COSTS.values())


class TrainingDivergedError(AutogradError, FloatingPointError):
    """The cost became NaN or infinite during training (usually: the learning rate is too big).

    Attributes:
        history: what :func:`train` recorded until then (its costs and snapshots), ready for
            ``viz.training_player(error.history, X, Y)``; None when raised elsewhere.
    """

    history: History | None = None


@dataclass
class History:
    """What :func:`train` recorded.

    Attributes:
        iterations: the iterations i at which the cost was recorded: 0, k, 2k, ... and
            ``num_iterations`` (the state after the last update: the trained model).
        costs: the cost J at those iterations (before that iteration's update).
        learning_rate: alpha of the optimizer.
        optimizer: the optimizer used (its repr).
        snapshots: one :class:`~autograd_nn.nn.snapshots.Snapshot` per recorded iteration
            (W[l], b[l], dW[l], db[l], the accuracy and, for two input features, the output on
            :attr:`grid`); empty when ``train(..., snapshots=False)``.
        grid: the :class:`~autograd_nn.nn.snapshots.DecisionGrid` of the snapshots' outputs
            (None unless X has two features).
        layer_dims: [n[0], ..., n[L]] of the model trained.
        activations: g[1], ..., g[L] as given to the layers (names, or your functions).
        cost: the cost function J = cost(A[L], Y) that was minimized.

    ``history.snapshot(i)`` is the snapshot of iteration i, ``history.model(i)`` a new Model
    with its parameters, ``history.player(i, X, Y)`` the step-through player of that
    iteration's backward pass, and ``viz.training_player(history, X, Y)`` replays it all.
    """

    iterations: list[int] = field(default_factory=list)
    costs: list[float] = field(default_factory=list)
    learning_rate: float | None = None
    optimizer: str = ""
    snapshots: list[Snapshot] = field(default_factory=list, repr=False)
    grid: DecisionGrid | None = field(default=None, repr=False)
    layer_dims: list[int] = field(default_factory=list)
    activations: list[str | Activation] = field(default_factory=list, repr=False)
    cost: Cost | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.costs)

    @property
    def accuracies(self) -> list[float | None]:
        """The accuracy at each snapshot's iteration (None for a regression)."""
        return [s.accuracy for s in self.snapshots]

    @property
    def nbytes(self) -> int:
        """The bytes held by the snapshots' arrays (the costs and iterations aside)."""
        return sum(s.nbytes for s in self.snapshots)

    def snapshot(self, iteration: int) -> Snapshot:
        """The snapshot recorded at ``iteration`` (one of :attr:`iterations`).

        Raises:
            ValueError: no snapshots were kept, or none at that iteration (the message names
                the nearest ones).
        """
        if not self.snapshots:
            raise ValueError(
                "History: this training kept no snapshots (train(..., snapshots=False), or "
                "they would not fit in memory); train again with snapshots=True"
            )
        if not is_int(iteration):
            raise TypeError(f"History: iteration must be an int, got {iteration!r}")
        recorded = [s.iteration for s in self.snapshots]
        position = bisect.bisect_left(recorded, iteration)
        if position < len(recorded) and recorded[position] == iteration:
            return self.snapshots[position]
        near = sorted(sorted(recorded, key=lambda i: abs(i - iteration))[:2])
        raise ValueError(
            f"History: no snapshot at iteration {iteration}; the {len(recorded)} snapshots are "
            f"at iterations {recorded[0]} to {recorded[-1]} (nearest: "
            f"{' and '.join(str(i) for i in near)})"
        )

    def model(self, iteration: int) -> Model:
        """A new :class:`Model` with the parameters W[l], b[l] of ``iteration``'s snapshot."""
        snapshot = self.snapshot(iteration)
        dims = self.layer_dims
        layers = [
            Dense(dims[l - 1], dims[l], self.activations[l - 1], initialization="zeros")
            for l in range(1, len(dims))
        ]
        model = Model(layers)
        model.set_parameters(snapshot.parameters)
        return model

    def player(
        self, iteration: int, X: np.ndarray | Tensor, Y: np.ndarray | Tensor, **options: Any
    ) -> Any:
        """The step-through player of ``iteration``'s backward pass, recomputed.

        The model gets the snapshot's W[l], b[l]; then A[L] = model(X), J = cost(A[L], Y) and
        ``J.backward()`` run again, so dW[l], db[l] on the player's last frame are the
        snapshot's gradients. ``options`` go to :func:`autograd_nn.viz.player`; it plays the
        backward pass (``passes="both"`` plays the forward pass first).

        Args:
            iteration: a recorded iteration (see :attr:`iterations`).
            X: the inputs (n[0], m) the model was trained on.
            Y: their labels (n[L], m).
            **options: for :func:`autograd_nn.viz.player` (``names``, ``passes``, ...).

        Returns:
            An :class:`autograd_nn.viz.Player` (displays in Jupyter; ``.save("it.html")``).
        """
        from autograd_nn import viz  # viz reads graphs; nn does not need it to train

        options.setdefault("passes", "backward")
        model = self.model(iteration)
        X, Y = _check_data("History.player", X, Y)
        J = self.cost(model.forward(X), Y)
        J.name = "J"
        J.backward()
        return viz.player(J, **options)


def _cost_function(model: Model, cost: str | Cost | None) -> Cost:
    """The cost by name or function; None picks it from the output activation g[L]."""
    if cost is None:
        output = model.layers[-1].activation_name
        if output == "softmax":
            return softmax_cross_entropy
        if output == "linear":
            return mean_squared_error
        return logistic_cost
    if isinstance(cost, str):
        if cost not in COSTS:
            known = ", ".join(repr(name) for name in COSTS)
            raise ValueError(f"train: cost must be one of {known} or a function, got {cost!r}")
        return COSTS[cost]
    if callable(cost):
        return cost
    raise TypeError(f"train: cost must be a name or a function, got {type(cost).__name__}")


def _progress_bar(total: int) -> Any:
    """A tqdm bar, or None (with a warning) when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        warnings.warn(
            "train: progress=True needs tqdm (pip install tqdm); training without a bar",
            stacklevel=3,
        )
        return None
    return tqdm(total=total, desc="training", unit="it")


def train_step(
    model: Model,
    X: np.ndarray | Tensor,
    Y: np.ndarray | Tensor,
    optimizer: Optimizer,
    cost: str | Cost | None = None,
    *,
    check_labels: bool = True,
) -> float:
    """One training iteration: forward, cost, backward, update; returns the cost J.

    A[L] = model.forward(X), J = cost(A[L], Y), then ``optimizer.zero_grad()``,
    ``J.backward(keep_grads=False)`` (only the parameters keep their gradients) and
    ``optimizer.step()``. When J is NaN or infinite, backward and the update are skipped and
    the non-finite J is returned (:func:`train` turns it into an error). A step that fails
    (X or Y of the wrong shape, a cost that raises, a failed backward pass) changes neither the
    parameters nor their gradients.

    Args:
        model: the network.
        X: inputs (n[0], m); pass a data Tensor to avoid re-wrapping an array every call.
        Y: labels (n[L], m).
        optimizer: e.g. ``GradientDescent(model.parameters(), learning_rate=1.2)``.
        cost: a cost name or function, as in :func:`train` (None: from the output layer).
        check_labels: for the built-in costs, check Y's values (0/1 labels, one-hot, finite);
            :func:`train` checks at the first iteration only, since Y does not change. Also
            checks that the optimizer holds this model's parameters.

    Returns:
        J before the update, as a float.
    """
    if check_labels:
        _check_model_and_optimizer("train_step", model, optimizer)
        X, Y = _check_data("train_step", X, Y)
    return _step(model, X, Y, optimizer, cost, check_labels)[0]


def _step(
    model: Model,
    X: Any,
    Y: Any,
    optimizer: Optimizer,
    cost: Any,
    check_labels: bool,
    update: bool = True,
) -> tuple[float, Tensor]:
    """:func:`train_step` after its checks; returns J and A[L] (of the parameters before it).

    With ``update=False``: forward, cost and backward only (the gradients at the parameters
    as they are, for the state after the last iteration).
    """
    cost_function = cost if callable(cost) else _cost_function(model, cost)
    AL = model.forward(X)
    if check_labels or cost_function not in _BUILT_IN_COSTS:
        J = cost_function(AL, Y)
    else:
        J = cost_function(AL, Y, check_labels=False)
    if not isinstance(J, Tensor) or J.size != 1:
        raise TypeError(
            f"train_step: the cost must return J, a one-entry Tensor, got {_describe(J)}"
        )
    value = float(J.data)
    if math.isfinite(value):
        # Zeroed only now that forward and cost succeeded, and put back if backward fails:
        # a failed step leaves every gradient the caller holds as it was.
        saved = [(p, p.grad) for p in optimizer.params.values()]
        optimizer.zero_grad()
        try:
            J.backward(keep_grads=False)
        except BaseException:
            for p, grad in saved:
                p.grad = grad
            raise
        if update:
            optimizer.step()
    return value, AL


def _check_data(function: str, X: Any, Y: Any) -> tuple[Tensor, Tensor]:
    """X and Y as data tensors with the same number m >= 1 of examples, X finite."""
    X = data_tensor(function, "X", X)
    Y = data_tensor(function, "Y", Y)
    if X.ndim == 2 and Y.ndim == 2 and X.shape[1] != Y.shape[1]:
        raise ShapeError(
            f"{function}: X {X.shape} has m = {X.shape[1]} examples but Y {Y.shape} has "
            f"{Y.shape[1]}; both must be one example per column"
        )
    if X.ndim == 2 and X.shape[1] == 0:
        raise ShapeError(f"{function}: X {X.shape} has no examples (m = 0); the cost needs m >= 1")
    bad = int(np.size(X.data) - np.count_nonzero(np.isfinite(X.data)))
    if bad:
        raise ValueError(
            f"{function}: X {X.shape} has {bad} NaN or infinite "
            f"entr{'y' if bad == 1 else 'ies'}; every cost would be NaN, whatever the learning "
            "rate. Fix or drop those examples first (np.isfinite(X).all(axis=0) marks the good "
            "columns)"
        )
    return X, Y


def _describe(value: Any) -> str:
    if isinstance(value, Tensor):
        return f"a Tensor of shape {value.shape}"
    return type(value).__name__


def _check_model_and_optimizer(function: str, model: Any, optimizer: Any) -> None:
    """A Model, and an Optimizer that holds at least one of its parameters."""
    if not isinstance(model, Model):
        raise TypeError(f"{function}: model must be a Model, got {type(model).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"{function}: optimizer must be an Optimizer (GradientDescent, Momentum, Adam), "
            f"got {type(optimizer).__name__}"
        )
    mine = {id(p) for p in model.parameters().values()}
    if not any(id(p) in mine for p in optimizer.params.values()):
        held = ", ".join(list(optimizer.params)[:4]) + (
            ", ..." if len(optimizer.params) > 4 else ""
        )
        raise ValueError(
            f"{function}: the optimizer holds none of this model's parameters (it holds "
            f"{held} of another model?), so training would change nothing: make it with "
            f"{type(optimizer).__name__}(model.parameters(), ...) for this model"
        )


def train(
    model: Model,
    X: np.ndarray | Tensor,
    Y: np.ndarray | Tensor,
    num_iterations: int = 10000,
    learning_rate: float | None = None,
    *,
    optimizer: Optimizer | None = None,
    cost: str | Cost | None = None,
    record_every: int = 100,
    snapshots: bool | None = None,
    print_cost: bool = False,
    progress: bool = False,
    live: bool = False,
) -> History:
    """Train ``model`` on (X, Y) for ``num_iterations`` iterations of forward, cost, backward,
    update.

    At every recorded iteration (0, k, 2k, ..., k = ``record_every``, and ``num_iterations``,
    the state after the last update) the history
    gets the cost J and a :class:`~autograd_nn.nn.snapshots.Snapshot`: W[l], b[l] before that
    iteration's update, dW[l], db[l], the accuracy on (X, Y), and, when X has two features, the
    model's output on a 100 x 100 grid over the data (the course's decision-boundary picture).
    ``viz.training_player(history, X, Y)`` replays them.

    Args:
        model: the network (its parameters are updated in place).
        X: inputs (n[0], m), one example per column.
        Y: labels (n[L], m), (1, m) for a binary label.
        num_iterations: number of iterations (the course: 10000 for the flower network,
            2500 for the L-layer network).
        learning_rate: alpha for gradient descent; give this or ``optimizer``, not both.
        optimizer: a :class:`~autograd_nn.nn.optimizers.Optimizer` (Momentum, Adam, ...)
            over the model's parameters.
        cost: "logistic", "mse", "softmax_cross_entropy" or a function (A[L], Y) -> J; by
            default chosen from the output activation (softmax -> cross-entropy,
            linear -> mse, otherwise logistic).
        record_every: record the cost (and a snapshot) every this many iterations, and once
            more after the last update (as iteration ``num_iterations``: the trained model's
            cost, accuracy and gradients, with one more forward and backward pass, so the
            parameters' ``.grad`` are then dJ/dW[l], dJ/db[l] at the trained parameters).
        snapshots: keep a snapshot at each recorded iteration. None (the default) keeps them
            unless they would take more than :data:`SNAPSHOT_BUDGET` bytes (then it warns and
            keeps the costs only); True always, False never. The flower network: about 10 kB a
            snapshot (the grid); the cat network [12288, 20, 7, 5, 1]: 3.9 MB a snapshot.
        print_cost: print "Cost after iteration i: J" at each recorded iteration, as the
            course does.
        progress: show a tqdm progress bar (warns and trains without one if tqdm is missing).
        live: in a Jupyter notebook, show the training page and update it at every recorded
            iteration, then leave the full replay; elsewhere, show the progress bar instead.

    Returns:
        A :class:`History` of the recorded costs and snapshots.

    Raises:
        TrainingDivergedError: the cost became NaN or infinite; the message names the
            iteration and the learning rate, and ``error.history`` holds what was recorded
            until then. The parameters are then those that produced it.
        ShapeError, ValueError: X or Y of the wrong shape, labels outside {0, 1}, ...
    """
    if not is_int(num_iterations):
        raise TypeError(f"train: num_iterations must be an int, got {num_iterations!r}")
    if num_iterations < 0:
        raise ValueError(f"train: num_iterations must be >= 0, got {num_iterations}")
    if not is_int(record_every):
        raise TypeError(f"train: record_every must be an int, got {record_every!r}")
    if record_every < 1:
        raise ValueError(f"train: record_every must be >= 1, got {record_every}")
    for flag, value in (("snapshots", snapshots), ("live", live)):
        if not (isinstance(value, bool) or (flag == "snapshots" and value is None)):
            raise TypeError(f"train: {flag} must be True or False, got {value!r}")
    if optimizer is None and learning_rate is None:
        raise ValueError("train: give learning_rate (gradient descent) or an optimizer")
    if optimizer is not None and learning_rate is not None:
        raise ValueError(
            "train: give learning_rate or optimizer, not both (the optimizer has its own "
            "learning_rate)"
        )
    if not isinstance(model, Model):
        raise TypeError(f"train: model must be a Model, got {type(model).__name__}")
    if optimizer is None:
        optimizer = GradientDescent(model.parameters(), learning_rate)
    _check_model_and_optimizer("train", model, optimizer)
    cost_function = _cost_function(model, cost)
    X, Y = _check_data("train", X, Y)

    history = History(
        learning_rate=optimizer.learning_rate,
        optimizer=repr(optimizer),
        layer_dims=list(model.layer_dims),
        activations=[_activation(layer) for layer in model.layers],
        cost=cost_function,
    )
    recorder = _recorder(model, X, Y, num_iterations, record_every, snapshots, live)
    history.grid = recorder.grid if recorder is not None else None
    view = None
    if live:
        from autograd_nn.viz.training_player import live_view  # only for live=True

        view = live_view(history, X.data, Y.data)
        progress = progress or view is None  # outside Jupyter: the progress bar
    bar = _progress_bar(num_iterations) if progress else None
    try:
        # Non-finite values are caught below, with the iteration and learning rate named, so
        # numpy's overflow/invalid warnings on the way there would only repeat it less clearly.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            # i = num_iterations is the state after the last update: evaluated, not updated.
            for i in range(num_iterations + 1):
                update = i < num_iterations
                recorded = i % record_every == 0 or not update
                before = recorder.before(model) if recorded and recorder is not None else None
                cost_value, AL = _step(model, X, Y, optimizer, cost_function, i == 0, update)
                if not math.isfinite(cost_value):
                    previous = (
                        f"; the last recorded cost was {history.costs[-1]:.6g} at iteration "
                        f"{history.iterations[-1]}"
                        if history.costs
                        else ""
                    )
                    error = TrainingDivergedError(
                        f"train: the cost became {cost_value} at iteration {i} with "
                        f"learning_rate = {optimizer.learning_rate:g} ({optimizer!r}){previous}. "
                        "The updates diverged: try a smaller learning_rate (e.g. 10 times "
                        "smaller)"
                    )
                    error.history = history
                    raise error
                if recorded:
                    history.iterations.append(i)
                    history.costs.append(cost_value)
                    if before is not None:
                        history.snapshots.append(recorder.after(model, i, cost_value, AL, before))
                    if print_cost:
                        print(f"Cost after iteration {i}: {cost_value:.6f}")
                    if bar is not None:
                        bar.set_postfix(cost=f"{cost_value:.4f}", refresh=False)
                    if view is not None:
                        view.update(history)
                if bar is not None and update:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        if view is not None:
            view.finish(history)  # the full replay, also of a run stopped early
    return history


SNAPSHOT_BUDGET = 256 * 2**20
"""The bytes ``train(..., snapshots=None)`` lets the snapshots take (256 MiB) before it keeps
the costs only, with a warning. ``snapshots=True`` keeps them whatever they take."""


def _activation(layer: Dense) -> str | Activation:
    """g[l] as a Dense layer takes it: the name of a built-in activation, else the function."""
    name = layer.activation_name
    return name if ACTIVATIONS.get(name) is layer.activation else layer.activation


def _recorder(
    model: Model,
    X: Tensor,
    Y: Tensor,
    num_iterations: int,
    record_every: int,
    snapshots: bool | None,
    live: bool,
) -> SnapshotRecorder | None:
    """What records the snapshots, or None when they are not kept."""
    if snapshots is False:
        if live:
            raise ValueError("train: live=True shows the snapshots; do not pass snapshots=False")
        return None
    recorder = SnapshotRecorder(model, X, Y)
    count = len(range(0, num_iterations, record_every)) + 1  # and the state after the last
    needed = count * recorder.bytes_per_snapshot
    if snapshots is None and needed > SNAPSHOT_BUDGET:
        what = (
            f"train: {count} snapshots of W[l], b[l], dW[l], db[l] ({model.layer_dims}) would "
            f"take {needed / 2**20:,.0f} MiB"
        )
        if live:
            raise ValueError(
                f"{what}, more than the {SNAPSHOT_BUDGET // 2**20} MiB kept by default; for "
                "live=True pass snapshots=True to keep them anyway, or record less often (a "
                "larger record_every)"
            )
        warnings.warn(
            f"{what}: keeping the costs only. Pass snapshots=True to keep them anyway, a "
            "larger record_every to keep fewer, or snapshots=False to silence this",
            stacklevel=3,
        )
        return None
    return recorder


class SnapshotRecorder:
    """Takes the snapshots of one training run: the state before, then after, the step.

    Before iteration i's step: copies of W[l], b[l] and the model's output on the decision grid.
    After it: dW[l], db[l] (left on the parameters by backward), and the accuracy of A[L] (the
    forward pass of that step, made with the same W[l], b[l]) on Y.
    """

    def __init__(self, model: Model, X: Tensor, Y: Tensor) -> None:
        output = model.layers[-1]
        Y_data = np.asarray(Y.data)
        classifier = output.activation_name in ("sigmoid", "softmax") and bool(
            np.isin(Y_data, (0.0, 1.0)).all()
        )
        self.Y = Y_data if classifier else None
        self.grid: DecisionGrid | None = None
        self.X_grid: Tensor | None = None
        n_L = output.n_out
        # X (2, m) into a network with n[0] = 2 (anything else fails in the first step, named)
        two_features = X.ndim == 2 and X.shape[0] == 2 and model.layer_dims[0] == 2
        if classifier and two_features and n_L < 256:
            self.grid = DecisionGrid.over(X.data, classes=n_L)
            self.X_grid = Tensor(self.grid.points(), name="X_grid", requires_grad=False)
        points = 0 if self.grid is None else int(np.prod(self.grid.shape))
        self.bytes_per_snapshot = snapshot_bytes(model.layer_dims, points)

    def before(self, model: Model) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
        """W[l], b[l] (copies) and the output on the grid, before this iteration's update."""
        output = None
        if self.X_grid is not None:
            with no_grad():
                output = self.grid.encode(model.forward(self.X_grid).data)
        return model.get_parameters(), output

    def after(
        self,
        model: Model,
        iteration: int,
        cost: float,
        AL: Tensor,
        before: tuple[dict[str, np.ndarray], np.ndarray | None],
    ) -> Snapshot:
        """The snapshot of ``iteration``, once backward has left dW[l], db[l]."""
        parameters, output = before
        gradients = {
            f"d{name}": np.zeros_like(p.data) if p.grad is None else np.array(p.grad)
            for name, p in model.parameters().items()
        }
        score = None
        if self.Y is not None:
            score = float(np.mean(np.all(decide(AL.data) == self.Y, axis=0)))
        return Snapshot(iteration, cost, score, parameters, gradients, output)


def decide(AL: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """The predictions from A[L]: 1 where A[L] > threshold for one output unit (1, m); for C
    output units, the one-hot (C, m) of each column's largest entry. float64 0s and 1s."""
    if AL.shape[0] == 1:
        return (AL > threshold).astype(np.float64)
    prediction = np.zeros_like(AL, dtype=np.float64)
    prediction[AL.argmax(axis=0), np.arange(AL.shape[1])] = 1.0
    return prediction


def predict(model: Model, X: np.ndarray | Tensor, threshold: float = 0.5) -> np.ndarray:
    """Predictions of the model: forward pass without recording, then a decision.

    For one output unit (n[L] = 1): Y_prediction = 1 where A[L] > threshold, else 0, shape
    (1, m). For several classes (n[L] = C > 1): the one-hot (C, m) of each column's largest
    entry of A[L].

    Args:
        model: the trained network.
        X: inputs (n[0], m).
        threshold: the decision threshold for a binary output, 0.5 by default.

    Returns:
        float64 array of 0s and 1s, (1, m) or (C, m).
    """
    if not isinstance(model, Model):
        raise TypeError(f"predict: model must be a Model, got {type(model).__name__}")
    threshold = as_number("predict", "threshold", threshold)
    if not math.isfinite(threshold):
        raise ValueError(f"predict: threshold must be a finite number, got {threshold}")
    X = data_tensor("predict", "X", X)
    with no_grad():
        AL = model.forward(X).data
    return decide(AL, threshold)


def accuracy(Y_prediction: np.ndarray, Y: np.ndarray | Tensor) -> float:
    """The fraction of examples (columns) whose prediction equals the label, in [0, 1].

    For (1, m) labels: mean(Y_prediction == Y); the course prints it as a percentage,
    100 * accuracy. For one-hot (C, m) labels, a column counts when all its entries match.

    Raises:
        ShapeError: if the shapes differ (e.g. Y of shape (m,) instead of (1, m)).
    """
    Y_data = data_tensor("accuracy", "Y", Y).data
    Y_prediction = data_tensor("accuracy", "Y_prediction", Y_prediction).data
    if Y_prediction.shape != Y_data.shape or Y_data.ndim != 2:
        raise ShapeError(
            f"accuracy: Y_prediction {Y_prediction.shape} and Y {Y_data.shape} must have the "
            "same shape (n[L], m), e.g. (1, m)"
        )
    return float(np.mean(np.all(Y_prediction == Y_data, axis=0)))
