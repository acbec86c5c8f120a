"""Optimizers: update the parameters from their gradients, in place, without recording.

Every optimizer holds the parameters by course name (W1, b1, ...) and offers ``step()`` (one
update from the current ``.grad``) and ``zero_grad()`` (forget the gradients: a plain
``backward()`` replaces them anyway; it matters before ``backward(accumulate=True)``, and it
leaves no stale gradient on a parameter the next cost does not reach). A training iteration is::

    optimizer.zero_grad()
    J = logistic_cost(model.forward(X), Y)
    J.backward()
    optimizer.step()

Updates run under ``no_grad()`` and write into ``W.data`` in place, so the model, the optimizer
and any diagram keep referring to the same Tensors. A parameter that no backward pass reached
(``grad`` is None) is left unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from autograd_nn import Tensor, no_grad
from autograd_nn.checks import is_real


def _named_parameters(params: Any) -> dict[str, Tensor]:
    """{name: Tensor} from a Model, a dict of Tensors or an iterable of Tensors."""
    if hasattr(params, "parameters") and callable(params.parameters):
        params = params.parameters()
    if isinstance(params, np.ndarray):
        raise TypeError(
            "params must be a model, a dict of Tensors (model.parameters()) or a list of "
            "Tensors, got ndarray"
        )
    if isinstance(params, Mapping):
        items = list(params.items())
        labels = [str(name) for name, _ in items]
    elif isinstance(params, Iterable) and not isinstance(params, (str, bytes, Tensor)):
        items = [
            (t.name or f"param{i}", t) if isinstance(t, Tensor) else (f"param{i}", t)
            for i, t in enumerate(params)
        ]
        labels = [f"{name} (item {i})" for i, (name, _) in enumerate(items)]
    else:
        raise TypeError(
            "params must be a model, a dict of Tensors (model.parameters()) or a list of "
            f"Tensors, got {type(params).__name__}"
        )
    named: dict[str, Tensor] = {}
    seen: dict[int, str] = {}  # id of each tensor -> the name it was first given
    for (name, t), label in zip(items, labels, strict=True):
        if not isinstance(t, Tensor):
            hint = (
                f" (the name {t!r}: list(model.parameters()) lists a dict's keys; pass "
                "model.parameters() itself, or its .values())"
                if isinstance(t, str)
                else ""
            )
            raise TypeError(f"params: {name} must be a Tensor, got {type(t).__name__}{hint}")
        if not t.requires_grad:
            raise ValueError(
                f"params: {name} has requires_grad=False (data, not a parameter); "
                "it would never receive a gradient"
            )
        if id(t) in seen:
            raise ValueError(
                f"params: {seen[id(t)]} and {label} are the same tensor, listed twice: it would "
                "be stepped twice per step; list each parameter once"
            )
        if name in named:
            raise ValueError(f"params: two parameters are named {name!r}")
        seen[id(t)] = label
        named[str(name)] = t
    if not named:
        raise ValueError("params: no parameters to optimize")
    return named


def as_number(owner: str, name: str, value: Any) -> float:
    """A real number (int or float, not bool) as a float; too large an int becomes infinity.

    Raises:
        TypeError: not a real number (a str, an array, a complex, True, ...), naming
            ``owner`` and ``name``.
    """
    if not is_real(value):
        raise TypeError(f"{owner}: {name} must be a number, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:  # an int beyond float64
        return math.inf if value > 0 else -math.inf


def _positive(owner: str, name: str, value: Any) -> float:
    value = as_number(owner, name, value)
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{owner}: {name} must be a positive number, got {value}")
    return value


def _fraction(owner: str, name: str, value: Any) -> float:
    value = as_number(owner, name, value)
    if not 0 <= value < 1:
        raise ValueError(f"{owner}: {name} must be in [0, 1), got {value}")
    return value


class Optimizer:
    """Base class: holds the parameters and the learning rate alpha.

    Args:
        params: a Model, ``model.parameters()`` (a dict W1 -> Tensor, ...) or a list of Tensors.
        learning_rate: alpha > 0.
    """

    def __init__(self, params: Any, learning_rate: float) -> None:
        self.params: dict[str, Tensor] = _named_parameters(params)
        self.learning_rate = _positive(type(self).__name__, "learning_rate", learning_rate)

    def zero_grad(self) -> None:
        """Set every parameter's ``grad`` to None (before ``backward(accumulate=True)``)."""
        for p in self.params.values():
            p.zero_grad()

    def step(self) -> None:
        """Update every parameter that has a gradient, in place, under ``no_grad()``."""
        with no_grad():
            self._begin_step()
            for name, p in self.params.items():
                if p.grad is not None:
                    self._update(name, p, p.grad)

    def _begin_step(self) -> None:
        """Hook run once per step before the per-parameter updates."""

    def _update(self, name: str, p: Tensor, grad: np.ndarray) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate:g})"


class GradientDescent(Optimizer):
    """Gradient descent: W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l].

    Args:
        params: a Model, ``model.parameters()`` or a list of Tensors.
        learning_rate: alpha, e.g. 1.2 for the course's flower network, 0.0075 for its
            L-layer network.
    """

    def _update(self, name: str, p: Tensor, grad: np.ndarray) -> None:
        p.data -= self.learning_rate * grad  # W := W - alpha dW


class Momentum(Optimizer):
    """Gradient descent with momentum (an exponentially weighted average of the gradients).

    v_dW := beta v_dW + (1 - beta) dW,  W := W - alpha v_dW   (v starts at 0; same for b).

    Args:
        params: a Model, ``model.parameters()`` or a list of Tensors.
        learning_rate: alpha.
        beta: the averaging factor in [0, 1), 0.9 by default (beta = 0 is gradient descent).
    """

    def __init__(self, params: Any, learning_rate: float, beta: float = 0.9) -> None:
        super().__init__(params, learning_rate)
        self.beta = _fraction("Momentum", "beta", beta)
        self.v: dict[str, np.ndarray] = {n: np.zeros_like(p.data) for n, p in self.params.items()}

    def _update(self, name: str, p: Tensor, grad: np.ndarray) -> None:
        v = self.v[name]
        v *= self.beta
        v += (1 - self.beta) * grad  # v := beta v + (1 - beta) dW
        p.data -= self.learning_rate * v  # W := W - alpha v


class Adam(Optimizer):
    """Adam: momentum and RMSprop with bias correction.

    With t the number of steps taken (1 at the first step), for each parameter W::

        v := beta1 v + (1 - beta1) dW            s := beta2 s + (1 - beta2) dW^2
        v_corrected = v / (1 - beta1^t)          s_corrected = s / (1 - beta2^t)
        W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon)

    Args:
        params: a Model, ``model.parameters()`` or a list of Tensors.
        learning_rate: alpha, 0.001 by default.
        beta1: momentum factor, 0.9.
        beta2: RMSprop factor, 0.999.
        epsilon: keeps the division finite, 1e-8.
    """

    def __init__(
        self,
        params: Any,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> None:
        super().__init__(params, learning_rate)
        self.beta1 = _fraction("Adam", "beta1", beta1)
        self.beta2 = _fraction("Adam", "beta2", beta2)
        self.epsilon = _positive("Adam", "epsilon", epsilon)
        self.t = 0
        self.v: dict[str, np.ndarray] = {n: np.zeros_like(p.data) for n, p in self.params.items()}
        self.s: dict[str, np.ndarray] = {n: np.zeros_like(p.data) for n, p in self.params.items()}

    def _begin_step(self) -> None:
        self.t += 1

    def _update(self, name: str, p: Tensor, grad: np.ndarray) -> None:
        v, s = self.v[name], self.s[name]
        v *= self.beta1
        v += (1 - self.beta1) * grad  # v := beta1 v + (1 - beta1) dW
        s *= self.beta2
        s += (1 - self.beta2) * grad * grad  # s := beta2 s + (1 - beta2) dW^2
        v_corrected = v / (1 - self.beta1**self.t)
        s_corrected = s / (1 - self.beta2**self.t)
        p.data -= self.learning_rate * v_corrected / (np.sqrt(s_corrected) + self.epsilon)
