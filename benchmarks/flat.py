"""Is every iteration of the course's training loop as fast as the first, on Tensors?

Runs the course's week-3 ``nn_model`` (the flower data, n_h = 4, 10,000 iterations) with and
without ``copy.deepcopy`` in ``update_parameters``, and week 4's ``L_layer_model`` (the
course's ``layers_dims``, 2,500 iterations, cat-shaped synthetic data), as
``tests/course_loop.py`` writes them, timing every iteration. Prints the median time per
iteration of the first and the last 10 % of the iterations and their ratio (the course's loop
on Tensors must stay flat: last / first <= 1.3), and the costs' largest relative difference
from the same loop in numpy.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/flat.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import course_loop  # tests/course_loop.py: the course's loops
import learner_week3
import learner_week4

from autograd_nn.datasets import load_planar_dataset


def timed_week3(X, Y, num_iterations: int, deepcopy: bool) -> tuple[list[float], list[float]]:
    np.random.seed(3)
    parameters = course_loop.initialize_parameters(X.shape[0], 4, Y.shape[0], tensors=True)
    update = (
        course_loop.update_parameters if deepcopy else course_loop.update_parameters_without_copy
    )
    times, costs = [], []
    for _ in range(num_iterations):
        start = time.perf_counter()
        A2, cache = learner_week3.forward_propagation(X, parameters)
        cost = course_loop.compute_cost(A2, Y)
        grads = course_loop.tensor_backward(parameters, cache, X, Y, cost)
        parameters = update(parameters, grads)
        times.append(time.perf_counter() - start)
        costs.append(float(cost))
    return times, costs


def timed_week4(X, Y, num_iterations: int) -> tuple[list[float], list[float]]:
    np.random.seed(1)
    parameters = course_loop.initialize_parameters_deep([12288, 20, 7, 5, 1], tensors=True)
    times, costs, kept = [], [], []
    for i in range(num_iterations):
        start = time.perf_counter()
        AL, _ = learner_week4.L_model_forward(X, parameters)
        cost = learner_week4.compute_cost(AL, Y)
        cost.backward()
        grads = {"d" + name: p.grad for name, p in parameters.items()}
        parameters = course_loop.update_parameters_deep(parameters, grads, 0.0075)
        if i % 100 == 0:
            kept.append(cost)  # the course's costs.append(cost)
        times.append(time.perf_counter() - start)
        costs.append(float(cost))
    return times, costs


def flatness(times: list[float]) -> str:
    tenth = max(1, len(times) // 10)
    first, last = statistics.median(times[:tenth]), statistics.median(times[-tenth:])
    return f"first 10 % {first * 1e6:,.0f} µs, last 10 % {last * 1e6:,.0f} µs: {last / first:.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the iterations")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    X, Y = load_planar_dataset()
    for deepcopy in (True, False):
        n = 10_000 // scale
        times, costs = timed_week3(X, Y, n, deepcopy)
        _, numpy_costs = course_loop.nn_model(X, Y, 4, n)
        difference = np.abs(np.subtract(costs, numpy_costs)) / np.abs(numpy_costs)
        label = "with" if deepcopy else "without"
        print(f"week 3 nn_model, {n:,} iterations, {label} deepcopy: {flatness(times)}; ")
        print(
            f"    costs against numpy: {difference[:6000].max():.1e} relative at most over the "
            f"first 6,000 iterations, {difference.max():.1e} over all (see tests/test_course_code)"
        )
    X4, Y4 = course_loop.cat_shaped_data()
    n = 2_500 // scale
    times, costs = timed_week4(X4, Y4, n)
    _, _, numpy_costs = course_loop.L_layer_model(X4, Y4, [12288, 20, 7, 5, 1], num_iterations=n)
    difference = np.max(np.abs(np.subtract(costs, numpy_costs)) / np.abs(numpy_costs))
    print(f"week 4 L_layer_model, {n:,} iterations, costs kept: {flatness(times)}; ")
    print(f"    costs against numpy: {difference:.1e} relative at most")


if __name__ == "__main__":
    main()
