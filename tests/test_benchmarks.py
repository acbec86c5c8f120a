"""The benchmarks compare like with like: every side of a workload computes the same J and the
same gradients from the same starting point (one step at tiny sizes, 1e-10 relative; no
timing). Peers are checked too when they happen to be installed (the ``bench`` extra)."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import chain, dense, scalar
from benchmarks.run import all_workloads, run_probe
from benchmarks.workload import UnavailableError

WORKLOADS = {w.key: w for w in all_workloads()}
REFERENCE = {  # the side every other side is checked against: autograd_nn is not its own oracle
    "a": "Python floats (by hand)",
    "b": "numpy, matrices (by hand)",
    "c": dense.BY_HAND,
    "d": dense.BY_HAND,
    "e": dense.BY_HAND,
    "f64": dense.BY_HAND,
    "f32": dense.BY_HAND,
}
SIDES = [
    (key, label) for key, w in WORKLOADS.items() for label in w.cases if label != REFERENCE[key]
]


def first_step(key: str, label: str) -> tuple[float, dict[str, np.ndarray]]:
    case = WORKLOADS[key].cases[label]("tiny")
    J = case.step()
    return J, case.gradients()


def assert_close(actual: np.ndarray, expected: np.ndarray, rtol: float, what: str) -> None:
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    assert actual.shape == expected.shape, what
    scale = np.max(np.abs(expected))
    assert np.max(np.abs(actual - expected)) <= rtol * scale, what


def test_every_workload_has_a_reference_and_autograd_nn():
    assert set(REFERENCE) == set(WORKLOADS)
    for key, workload in WORKLOADS.items():
        assert any(label.startswith("autograd_nn") for label in workload.cases), key


@pytest.mark.parametrize(("key", "label"), SIDES, ids=[f"{k}-{l}" for k, l in SIDES])
def test_side_computes_the_reference_cost_and_gradients(key, label):
    J_expected, grads_expected = first_step(key, REFERENCE[key])
    try:
        J, grads = first_step(key, label)
    except UnavailableError as why:
        if label.startswith("autograd_nn") and "float32" not in str(why):
            raise
        pytest.skip(str(why))
    rtol = 1e-5 if key == "f32" else 1e-10
    assert abs(J - J_expected) <= rtol * abs(J_expected)
    assert set(grads) == set(grads_expected)
    for name, g in grads_expected.items():
        assert_close(grads[name], g, rtol, f"{key} {label} d{name}")


BY_HAND_STEPS = {
    "logistic regression": (dense.logistic_regression_by_hand, dense.logistic_problem),
    "flower": (dense.flower_network_by_hand, dense.flower_problem),
    "deep": (dense.deep_network_by_hand, dense.deep_problem),
    "mlp": (dense.softmax_mlp_by_hand, dense.mlp_problem),
    "moons": (scalar.moons_by_hand, scalar.moons_problem),
}


@pytest.mark.parametrize("name", list(BY_HAND_STEPS))
def test_hand_written_gradients_match_centered_differences(name):
    """The oracles themselves: each numpy baseline against centered differences of its own J."""
    step, problem_of = BY_HAND_STEPS[name]
    problem = problem_of("tiny")

    def cost(params: dict) -> float:
        copies = {k: v.copy() for k, v in params.items()}
        return step(copies, problem.X, problem.Y, 0.0)[0]

    _, grads = step({k: v.copy() for k, v in problem.params.items()}, problem.X, problem.Y, 0.0)
    h = 1e-6
    for key, value in problem.params.items():
        for index in [(0,) * value.ndim, tuple(s - 1 for s in value.shape)]:
            plus = {k: v.copy() for k, v in problem.params.items()}
            minus = {k: v.copy() for k, v in problem.params.items()}
            plus[key][index] += h
            minus[key][index] -= h
            numeric = (cost(plus) - cost(minus)) / (2 * h)
            assert abs(grads[key][index] - numeric) <= 1e-6 * max(1.0, abs(numeric)), (key, index)


def test_J_by_hand_is_the_course_example():
    J, (da, db, dc) = scalar.J_by_hand()
    assert (J, da, db, dc) == (33.0, 3.0, 6.0, 9.0)


def test_chain_gradient_and_memory_per_node():
    result = run_probe("g", "autograd_nn", 1, "rss", "1000")
    assert result["grad"] == pytest.approx(chain.FACTOR**1000, rel=1e-12)
    assert result["n"] == 1000 and result["forward"] > 0
    hand = chain.by_hand(1000)
    assert hand[2] == pytest.approx(chain.FACTOR**1000, rel=1e-12)
