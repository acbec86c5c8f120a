"""The backward pass as the user sees it: special points, ownership, atomicity, threads, memory.

Each test here failed on the engine before the hardening issue's fixes.
"""

from __future__ import annotations

import gc
import threading
import tracemalloc
import weakref

import numpy as np
import pytest

import autograd_nn as ag
from autograd_nn import DomainError, Tensor, no_grad, ops, scope
from autograd_nn.graph import current_scope, is_grad_enabled
from autograd_nn.viz.replay import Replay


# ---------------------------------------------------------------- special points: 0 * inf
@pytest.mark.parametrize("exponent_is_tensor", [False, True])
def test_x_to_the_zero_has_gradient_zero_at_zero(exponent_is_tensor) -> None:
    x = Tensor(0.0, name="x")
    p = Tensor(0.0, name="p") if exponent_is_tensor else 0
    other = Tensor(2.0, name="other")
    (x**p + other * 3).backward()
    assert x.grad.item() == 0.0  # d(x^0)/dx = 0 everywhere (it was NaN at x = 0)
    assert other.grad.item() == 3.0  # and no NaN spread to the other gradients


def test_power_gradient_matches_the_formula_next_to_zero() -> None:
    x = Tensor([0.0, 1.5, 2.0], name="x")
    (x**2).sum().backward()
    np.testing.assert_allclose(x.grad, [0.0, 3.0, 4.0], rtol=1e-15)
    x = Tensor([1.0, 4.0], name="x")
    (x**0.5).sum().backward()
    np.testing.assert_allclose(x.grad, [0.5, 0.25], rtol=1e-15)


def test_sqrt_at_zero_is_refused_with_a_named_error_and_no_warning() -> None:
    x = Tensor([0.0, 4.0], name="x")
    with _no_warnings():
        with pytest.raises(DomainError, match=r"sqrt backward: x \(2,\): d sqrt\(x\)/dx"):
            x.sqrt().sum().backward()
    assert x.grad is None  # nothing written
    # where no gradient flows to the zero entry, the pass succeeds: 0 * inf is taken as 0
    (x.sqrt() * Tensor([0.0, 1.0], requires_grad=False)).sum().backward()
    np.testing.assert_allclose(x.grad, [0.0, 0.25])


def test_fractional_power_at_zero_is_refused_like_sqrt() -> None:
    x = Tensor([0.0, 1.0], name="x")
    with pytest.raises(DomainError, match=r"pow backward: x \(2,\)"):
        (x**0.5).sum().backward()


def test_logistic_loss_at_infinite_logits_is_finite_in_its_gradient() -> None:
    z = Tensor([np.inf, -np.inf, 3.0], name="z")
    y = Tensor([0.0, 1.0, 1.0], requires_grad=False)
    loss = ag.functions.logistic_loss(z, y)
    assert np.isinf(loss.data[:2]).all() and not np.isnan(loss.data).any()
    loss.sum().backward()
    np.testing.assert_allclose(z.grad, [1.0, -1.0, 1 / (1 + np.exp(3.0)) * -1], rtol=1e-12)


class _no_warnings:  # noqa: N801 - a context manager that fails on any warning
    def __enter__(self) -> None:
        import warnings

        self.catcher = warnings.catch_warnings()
        self.catcher.__enter__()
        warnings.simplefilter("error")

    def __exit__(self, *exc: object) -> None:
        self.catcher.__exit__(*exc)


# ---------------------------------------------------------------- what backward records
def test_an_index_array_changed_after_the_forward_pass_cannot_reach_the_gradient() -> None:
    x = Tensor([1.0, 2.0, 3.0], name="x")
    idx = np.array([0, 1])
    y = x[idx]
    idx[:] = 2
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0, 0.0])


def test_an_array_operand_changed_after_the_forward_pass_cannot_reach_the_gradient() -> None:
    w = Tensor([[1.0, 2.0]], name="w")
    X = np.array([[1.0], [2.0]])
    J = (w @ X).sum()
    X[:] = 100.0
    J.backward()
    np.testing.assert_array_equal(w.grad, [[1.0, 2.0]])


def test_every_leaf_owns_its_gradient_and_no_tensor_can_change_another_s() -> None:
    a, b = Tensor([1.0, 2.0], name="a"), Tensor([3.0, 4.0], name="b")
    s = a + b  # backward hands the same array to a, b and s
    t = s.reshape(2, 1)  # and s's gradient is a view of t's
    t.sum().backward()
    assert not np.shares_memory(a.grad, b.grad)
    assert not any(
        np.shares_memory(a.grad, g) or np.shares_memory(b.grad, g) for g in (s.grad, t.grad)
    )
    a.grad *= 10  # a leaf's gradient is the user's to change
    np.testing.assert_array_equal(b.grad, [1.0, 1.0])
    np.testing.assert_array_equal(s.grad, [1.0, 1.0])
    for intermediate in (s, t):  # read-only: writing raises instead of changing another's
        with pytest.raises(ValueError, match="read-only"):
            intermediate.grad *= 10
    np.testing.assert_array_equal(t.grad, [[1.0], [1.0]])


def test_the_replay_is_read_only_and_agrees_with_the_gradients() -> None:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    J = 3 * (a + b * c)
    J.backward()
    edges = Replay(J).steps
    assert [float(e.contribution) for e in edges] == [3.0, 3.0, 3.0, 6.0, 9.0]
    with pytest.raises(ValueError):
        edges[0].contribution[...] = 0.0


def test_a_failed_backward_writes_no_gradient_at_all() -> None:
    w = Tensor([[1.0, 2.0]], name="w")
    x = Tensor([[0.0], [1.0]], name="x")
    J = (w @ x.sqrt()).sum()
    with pytest.raises(DomainError):
        J.backward()
    assert w.grad is None and x.grad is None and J.grad is None


# ---------------------------------------------------------------- threads
def test_no_grad_in_one_thread_does_not_stop_recording_in_another() -> None:
    w = Tensor(2.0, name="w")
    inside, recorded = threading.Event(), []
    release = threading.Event()

    def quiet() -> None:
        with no_grad():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=quiet)
    thread.start()
    inside.wait(5)
    recorded = [(w * i).requires_grad for i in range(200)]
    release.set()
    thread.join()
    assert all(recorded) and is_grad_enabled()


def test_overlapping_no_grad_blocks_in_two_threads_restore_recording() -> None:
    barrier = threading.Barrier(2)

    def quiet() -> None:
        for _ in range(200):
            with no_grad():
                barrier.wait(5)
        assert is_grad_enabled()

    threads = [threading.Thread(target=quiet) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert is_grad_enabled() and (Tensor(1.0) * 2).requires_grad


def test_scope_belongs_to_its_thread() -> None:
    seen = []

    def other() -> None:
        seen.append(current_scope())

    with scope("layer 1"):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert current_scope() == "layer 1"
    assert seen == [None]


def test_two_threads_accumulating_through_shared_parameters_lose_nothing() -> None:
    rng = np.random.default_rng(0)
    W1 = Tensor(rng.standard_normal((4, 3)), name="W1")
    X = Tensor(rng.standard_normal((3, 50)), requires_grad=False)
    passes = 40

    def work() -> None:
        for _ in range(passes):
            (W1 @ X).tanh().sum().backward(accumulate=True)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    one = W1.grad.copy()
    W1.zero_grad()
    (W1 @ X).tanh().sum().backward()
    np.testing.assert_allclose(one, 2 * passes * W1.grad, rtol=1e-12)


# ---------------------------------------------------------------- memory
def test_a_graph_is_freed_by_reference_counting_after_backward() -> None:
    gc.disable()
    try:
        W = Tensor(np.ones((3, 3)), name="W")
        J = (W @ Tensor(np.ones((3, 4)), requires_grad=False)).tanh().sum()
        J.backward()
        node = weakref.ref(J.parents[0])
        del J
        assert node() is None  # no reference cycle keeps the graph alive
    finally:
        gc.enable()


def test_memory_stays_flat_in_the_optimizers_loop_without_the_garbage_collector() -> None:
    from autograd_nn.nn import GradientDescent, Model, logistic_cost

    rng = np.random.default_rng(1)
    X = rng.standard_normal((20, 500))
    Y = (rng.random((1, 500)) > 0.5).astype(float)
    model = Model.from_layer_dims([20, 30, 1], hidden_activation="tanh", seed=1)
    optimizer = GradientDescent(model, learning_rate=0.1)

    def step() -> None:
        optimizer.zero_grad()
        J = logistic_cost(model.forward(X), Y)
        J.backward()
        optimizer.step()

    gc.disable()
    try:
        step()
        tracemalloc.start()
        step()
        after_one = tracemalloc.get_traced_memory()[0]
        for _ in range(20):
            step()
        after_many = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    finally:
        gc.enable()
    assert after_many - after_one < 100_000  # one graph is ~500 kB: none may pile up


# ---------------------------------------------------------------- linear joins
@pytest.mark.parametrize("join", [ag.stack, ag.concatenate])
def test_stack_and_concatenate_backward_are_linear_in_the_number_of_inputs(join) -> None:
    """Count the values handed to the VJPs: linear in n (every input was passed to each of the
    n calls before: quadratic)."""
    touched = []
    op = ops.stack if join is ag.stack else ops.concatenate
    original = op.vjps[0]

    def counting(*args, **kwargs):
        touched.append(len(args) + len(kwargs))  # the values handed to this VJP call
        return original(*args, **kwargs)

    def work(n: int) -> int:
        touched.clear()
        xs = [Tensor(np.ones(1)) for _ in range(n)]
        object.__setattr__(op, "vjps", (counting,))
        try:
            join(xs).sum().backward()
        finally:
            object.__setattr__(op, "vjps", (original,))
        return sum(touched)

    assert work(2000) == 2 * work(1000)


# ---------------------------------------------------------------- A[L] gets the course's dA[L]
def test_AL_receives_the_course_dAL_over_m_while_ZL_keeps_the_stable_route() -> None:
    from autograd_nn.nn import Model, logistic_cost

    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((3, 7)), (rng.random((1, 7)) > 0.5) * 1.0
    model = Model.from_layer_dims([3, 4, 1], seed=1)
    AL = model.forward(X)
    J = logistic_cost(AL, Y)
    J.backward()
    m, A = 7, AL.data
    dAL = -(Y / A - (1 - Y) / (1 - A))  # the course's formula
    np.testing.assert_allclose(AL.grad, dAL / m, rtol=1e-12)
    np.testing.assert_allclose(AL.parents[0].grad, (A - Y) / m, rtol=1e-12)  # dZ[L] = A - Y
    # the diagram's edges agree: the sigmoid edge carries nothing more into Z[L]
    into_ZL = [s.contribution for s in Replay(J).steps if s.parent is AL.parents[0]]
    np.testing.assert_allclose(sum(into_ZL), AL.parents[0].grad, rtol=1e-12)


def test_a_saturated_AL_has_an_infinite_dAL_and_a_finite_dZL() -> None:
    Z = Tensor([[40.0, -3.0]], name="Z")
    Y = Tensor([[0.0, 1.0]], requires_grad=False)
    A = Z.sigmoid()
    assert A.data[0, 0] == 1.0  # sigma(40) rounds to exactly 1
    J = ag.functions.logistic_loss(Z, Y, A=A).mean()
    J.backward()
    assert np.isinf(A.grad[0, 0]) and np.isfinite(A.grad[0, 1])
    np.testing.assert_allclose(Z.grad, (A.data - Y.data) / 2, rtol=1e-12)
    J.backward(keep_grads=False)  # lean training: dA[L] is not even computed
    np.testing.assert_allclose(Z.grad, (A.data - Y.data) / 2, rtol=1e-12)
