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

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograd_nn import Tensor, no_grad
from autograd_nn.checks import is_int
from autograd_nn.errors import AutogradError, ShapeError

from .costs import COSTS, logistic_cost, mean_squared_error, softmax_cross_entropy
from .layers import Model, data_tensor
from .optimizers import GradientDescent, Optimizer, as_number

Cost = Callable[[Tensor, Any], Tensor]
"""A cost function (A[L], Y) -> J."""

_BUILT_IN_COSTS = frozenset(COSTS.values())


class TrainingDivergedError(AutogradError, FloatingPointError):
    """The cost became NaN or infinite during training (usually: the learning rate is too big)."""


@dataclass
class History:
    """What :func:`train` recorded.

    Attributes:
        iterations: the iterations i at which the cost was recorded (0, k, 2k, ..., and the last).
        costs: the cost J at those iterations (before that iteration's update).
        learning_rate: alpha of the optimizer.
        optimizer: the optimizer used (its repr).
    """

    iterations: list[int] = field(default_factory=list)
    costs: list[float] = field(default_factory=list)
    learning_rate: float | None = None
    optimizer: str = ""

    def __len__(self) -> int:
        return len(self.costs)


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
        optimizer.step()
    return value


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
    print_cost: bool = False,
    progress: bool = False,
) -> History:
    """Train ``model`` on (X, Y) for ``num_iterations`` iterations of forward, cost, backward,
    update.

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
        record_every: record the cost every this many iterations (and at the last one).
        print_cost: print "Cost after iteration i: J" at each recorded iteration, as the
            course does.
        progress: show a tqdm progress bar (warns and trains without one if tqdm is missing).

    Returns:
        A :class:`History` of the recorded costs.

    Raises:
        TrainingDivergedError: the cost became NaN or infinite; the message names the
            iteration and the learning rate. The parameters are then those that produced it.
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

    history = History(learning_rate=optimizer.learning_rate, optimizer=repr(optimizer))
    bar = _progress_bar(num_iterations) if progress else None
    last = num_iterations - 1
    try:
        # Non-finite values are caught below, with the iteration and learning rate named, so
        # numpy's overflow/invalid warnings on the way there would only repeat it less clearly.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for i in range(num_iterations):
                cost_value = train_step(model, X, Y, optimizer, cost_function, check_labels=i == 0)
                if not math.isfinite(cost_value):
                    previous = (
                        f"; the last recorded cost was {history.costs[-1]:.6g} at iteration "
                        f"{history.iterations[-1]}"
                        if history.costs
                        else ""
                    )
                    raise TrainingDivergedError(
                        f"train: the cost became {cost_value} at iteration {i} with "
                        f"learning_rate = {optimizer.learning_rate:g} ({optimizer!r}){previous}. "
                        "The updates diverged: try a smaller learning_rate (e.g. 10 times "
                        "smaller)"
                    )
                if i % record_every == 0 or i == last:
                    history.iterations.append(i)
                    history.costs.append(cost_value)
                    if print_cost:
                        print(f"Cost after iteration {i}: {cost_value:.6f}")
                    if bar is not None:
                        bar.set_postfix(cost=f"{cost_value:.4f}", refresh=False)
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return history


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
    if AL.shape[0] == 1:
        return (AL > threshold).astype(np.float64)
    prediction = np.zeros_like(AL)
    prediction[AL.argmax(axis=0), np.arange(AL.shape[1])] = 1.0
    return prediction


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
