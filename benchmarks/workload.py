"""What a workload is: a title, a baseline, and cases that each build one learner's loop.

A case is built for a size ("full" for the benchmark, "tiny" for the tests) and gives
``step()``, one iteration of the learner's loop (forward, cost, backward, update, zeroed
gradients) returning J, and ``gradients()``, the gradients of the last step by course name as
numpy arrays. Every case of a workload starts from the same numbers (data and parameters made
by one seeded function), so the tests can check that all sides compute the same J and gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchmarks.frameworks import Toolbox, gradients_of, load


class UnavailableError(Exception):
    """A case that cannot run here (a peer not installed, a feature the framework lacks)."""


@dataclass
class Case:
    """One side of a workload, built and ready to time."""

    step: Callable[[], float]
    gradients: Callable[[], dict[str, np.ndarray]]


@dataclass
class Problem:
    """The starting point shared by every side: parameters, data and the learning rate."""

    params: dict[str, np.ndarray]
    X: np.ndarray
    Y: np.ndarray
    learning_rate: float


@dataclass
class Workload:
    """A named computation, the label its ratios are taken against, and its cases."""

    key: str
    title: str
    baseline: str
    cases: dict[str, Callable[[str], Case]]
    repeats: int = 15
    target: float = 0.02
    memory: bool = True
    notes: list[str] = field(default_factory=list)


def toolbox(name: str, dtype: Any = np.float64) -> Toolbox:
    """The toolbox ``name``, or :class:`UnavailableError` with the reason it is absent."""
    F, why = load(name, dtype)
    if F is None:
        raise UnavailableError(why)
    return F


def learner_case(
    name: str, cost_of: Callable[..., Any], problem: Problem, dtype: Any = np.float64
) -> Case:
    """The learner's loop in framework ``name``: the same cost code, the framework's step.

    Args:
        name: a toolbox name (autograd_nn, PyTorch, MyGrad, HIPS autograd).
        cost_of: the learner's cost, ``cost_of(F, p, X, Y) -> J``.
        problem: the shared starting point (copied into the framework's own parameters).
        dtype: float64 or float32, for parameters and data alike.
    """
    F = toolbox(name, dtype)
    p = {key: F.param(value) for key, value in problem.params.items()}
    X, Y = F.constant(problem.X), F.constant(problem.Y)

    def cost(params: Any) -> Any:
        return cost_of(F, params, X, Y)

    last: dict[str, Any] = {}

    def step() -> float:
        J, last["holder"] = F.step(cost, p, problem.learning_rate)
        return J

    return Case(step, lambda: gradients_of(F, last["holder"]))


def numpy_case(
    step_of: Callable[..., tuple[float, dict]], problem: Problem, **options: Any
) -> Case:
    """The same loop written by hand: ``step_of(p, X, Y, learning_rate) -> (J, grads)``."""
    p = {key: value.copy() for key, value in problem.params.items()}
    last: dict[str, dict] = {}

    def step() -> float:
        J, last["grads"] = step_of(p, problem.X, problem.Y, problem.learning_rate, **options)
        return J

    return Case(step, lambda: {k: np.asarray(v, np.float64) for k, v in last["grads"].items()})


def cases_for(
    names: list[str], build: Callable[[str, str], Case], suffix: str = ""
) -> dict[str, Callable[[str], Case]]:
    """label -> builder, one per toolbox name (label = name + suffix)."""
    return {name + suffix: (lambda size, name=name: build(name, size)) for name in names}
