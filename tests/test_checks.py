"""Bad input: every error names the op, the tensors (name and shape) and what was expected,
and a failed call changes nothing the user holds."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_nn as ag
from autograd_nn import DomainError, IndexingError, ShapeError, Tensor


def layer_tensors() -> dict[str, Tensor]:
    rng = np.random.default_rng(0)
    return {
        "W2": Tensor(rng.standard_normal((1, 4)), name="W2"),
        "A1": Tensor(rng.standard_normal((3, 400)), name="A1"),
        "Z1": Tensor(rng.standard_normal((4, 400)), name="Z1"),
        "b1": Tensor(rng.standard_normal((4,)), name="b1"),
    }


def snapshot(*tensors: Tensor) -> list[tuple]:
    return [(t.data.copy(), None if t.grad is None else t.grad.copy(), t.name) for t in tensors]


def assert_unchanged(before: list[tuple], *tensors: Tensor) -> None:
    for (data, grad, name), t in zip(before, tensors, strict=True):
        np.testing.assert_array_equal(t.data, data)
        assert (t.grad is None) == (grad is None) and t.name == name
        if grad is not None:
            np.testing.assert_array_equal(t.grad, grad)


def test_matmul_message_is_the_course_one() -> None:
    t = layer_tensors()
    t["W2"].grad = np.ones((1, 4))
    before = snapshot(t["W2"], t["A1"])
    with pytest.raises(ShapeError) as error:
        t["W2"] @ t["A1"]
    assert str(error.value).startswith(
        "matmul: W2 (1, 4) @ A1 (3, 400): inner dimensions 4 and 3 differ"
    )
    assert_unchanged(before, t["W2"], t["A1"])


def test_matmul_refuses_scalars_and_3d() -> None:
    with pytest.raises(ShapeError, match=r"matmul: a \(\) @ .*is 0-D; @ takes 1-D or 2-D"):
        Tensor(2.0, name="a") @ Tensor([1.0, 2.0])
    with pytest.raises(ShapeError, match="is 3-D"):
        Tensor(np.ones((2, 2, 2))) @ Tensor(np.ones((2, 2)))


def test_rank1_bias_against_activations_is_refused_with_the_fix() -> None:
    t = layer_tensors()
    before = snapshot(t["Z1"], t["b1"])
    with pytest.raises(ShapeError) as error:
        t["Z1"] + t["b1"]
    message = str(error.value)
    assert message.startswith("add: Z1 (4, 400) + b1 (4,): rank-1 tensor b1 (4,)")
    assert "(4, 1)" in message and "b[l] is (n[l], 1)" in message
    assert_unchanged(before, t["Z1"], t["b1"])
    # the silent case numpy allows: (n,) against (n, n) lines up with the wrong axis
    with pytest.raises(ShapeError, match="rank-1"):
        Tensor(np.ones((3, 3)), name="Z") * Tensor(np.ones(3), name="b")


def test_broadcasting_failure_names_the_axis() -> None:
    with pytest.raises(ShapeError) as error:
        Tensor(np.ones((4, 400)), name="Z1") + Tensor(np.ones((3, 1)), name="b1")
    assert str(error.value) == (
        "add: Z1 (4, 400) + b1 (3, 1): shapes do not broadcast "
        "(axis 0: 4 vs 3; each axis must be equal or 1)"
    )


def test_unnamed_operands_are_described_by_value_or_origin() -> None:
    with pytest.raises(
        ShapeError, match=r"mul: unnamed tensor \+ 1 \(2, 3\) \* unnamed tensor \(4, 1\)"
    ):
        (Tensor(np.ones((2, 3))) + 1) * np.ones((4, 1))


def test_reshape_axis_and_transpose_errors() -> None:
    X = Tensor(np.ones((2, 400)), name="X")
    with pytest.raises(
        ShapeError,
        match=r"reshape: X \(2, 400\) has 800 entries and cannot "
        r"become \(3, 100\)",
    ):
        X.reshape(3, 100)
    with pytest.raises(
        ShapeError,
        match=r"sum: axis 2 is out of range for X \(2, 400\) "
        r"\(valid: -2 to 1\)",
    ):
        X.sum(axis=2)
    with pytest.raises(TypeError, match="axis must be an int"):
        X.mean(axis=1.5)
    with pytest.raises(ShapeError, match=r"transpose: \(0, 0\) is not a permutation"):
        X.transpose(0, 0)
    with pytest.raises(ShapeError, match="no axes"):
        Tensor(1.0, name="J").softmax(axis=0)


def test_log_of_zero_is_refused_with_advice() -> None:
    A = Tensor([[0.5, 1.0, 0.0]], name="A2")
    before = snapshot(A)
    with pytest.raises(DomainError) as error:
        (1 - A).log()
    message = str(error.value)
    assert "log: 1 - A2 (1, 3) has 1 entry <= 0" in message
    assert "logistic_cost" in message
    assert_unchanged(before, A)
    with pytest.raises(DomainError, match=r"log: x \(1,\) has 1 entry <= 0 \(smallest -1\)"):
        ag.log(Tensor([-1.0], name="x"))


def test_counts_in_messages_agree_with_their_number() -> None:
    with pytest.raises(DomainError, match=r"has 2 entries <= 0"):
        Tensor([0.0, -1.0, 2.0], name="x").log()


def test_sqrt_division_and_power_domains() -> None:
    with pytest.raises(DomainError, match=r"sqrt: x \(2,\) has 1 entry negative"):
        Tensor([4.0, -1.0], name="x").sqrt()
    with pytest.raises(DomainError, match=r"div: a \(\) / m \(\): m has 1 entry equal to 0"):
        Tensor(1.0, name="a") / Tensor(0.0, name="m")
    with pytest.raises(DomainError, match="negative base to a fractional power"):
        Tensor(-2.0, name="x") ** 0.5
    with pytest.raises(DomainError, match="0 to a negative power"):
        Tensor(0.0, name="x") ** -1
    with pytest.raises(DomainError, match="exponent needs log"):
        Tensor(-2.0, name="x") ** Tensor(2.0, name="p")
    assert (Tensor(-2.0) ** 2).item() == 4.0  # integer powers of negatives are fine


def test_index_errors_name_the_tensor_and_are_index_errors() -> None:
    X = Tensor(np.ones((2, 400)), name="X")
    with pytest.raises(IndexingError, match=r"getitem: X \(2, 400\)\[5\]: index 5 is out of"):
        X[5]
    with pytest.raises(IndexError):
        X[0, 0, 0]
    with pytest.raises(TypeError, match="not Tensors"):
        X[Tensor(0.0)]


def test_join_and_clip_errors() -> None:
    with pytest.raises(
        ShapeError,
        match=r"concatenate: a \(2, 3\), b \(3, 3\): all shapes must "
        "match except along the joined axis",
    ):
        ag.concatenate(
            [Tensor(np.ones((2, 3)), name="a"), Tensor(np.ones((3, 3)), name="b")], axis=1
        )
    with pytest.raises(ShapeError, match=r"stack: .* all shapes must be equal"):
        ag.stack([Tensor(np.ones(2)), Tensor(np.ones(3))])
    with pytest.raises(ValueError, match="needs at least one"):
        ag.concatenate([])
    with pytest.raises(ValueError, match=r"clip: x \(\): lo = 2 must be <= hi = 1"):
        Tensor(1.0, name="x").clip(2, 1)
    with pytest.raises(ShapeError, match=r"broadcast_to: b \(3, 1\) cannot be stretched to"):
        ag.broadcast_to(Tensor(np.ones((3, 1)), name="b"), (4, 2))


def test_a_failed_backward_changes_no_gradient() -> None:
    W = Tensor(np.ones((2, 2)), name="W")
    Z = W * 2
    Z.sum().backward()
    before = snapshot(W)
    with pytest.raises(ag.BackwardError):
        Z.backward(np.ones((3, 3)))
    assert_unchanged(before, W)


def test_nan_propagates_like_numpy() -> None:
    # NaN is a value, not an error, in the engine; the training loop stops on a NaN cost.
    x = Tensor([np.nan, 1.0], name="x")
    y = (x * 2).sum()
    assert np.isnan(y.item())
    y.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 2.0])


@pytest.mark.parametrize("op", ["mean", "max", "softmax", "log_softmax"])
def test_reductions_over_no_entries_are_refused(op) -> None:
    X = Tensor(np.zeros((0, 3)), name="X")
    with pytest.raises(ShapeError, match=rf"{op}: X \(0, 3\) has no entries along axis 0"):
        getattr(X, op)(axis=0)
    if op in ("mean", "max"):
        with pytest.raises(ShapeError, match=rf"{op}: X \(0, 3\) has no entries to take"):
            getattr(X, op)()
    assert X.sum().item() == 0.0  # a sum over nothing is 0, as in numpy


def test_slopes_and_bounds_must_be_numbers() -> None:
    z = Tensor([1.0, -1.0], name="z")
    with pytest.raises(TypeError, match="leaky_relu: slope must be a number, got str"):
        z.leaky_relu("a")
    with pytest.raises(ValueError, match="leaky_relu: slope must be a number, got NaN"):
        z.leaky_relu(float("nan"))
    with pytest.raises(ValueError, match="clip: lo must be a number, got NaN"):
        z.clip(float("nan"), 1.0)
    assert z.clip(-np.inf, 0.0).data.tolist() == [0.0, -1.0]  # infinite bounds are fine


def test_masked_arrays_and_lists_of_tensors_are_refused_with_advice() -> None:
    with pytest.raises(TypeError, match=r"mask would be lost; pass data.filled"):
        Tensor(np.ma.masked_array([1.0, 2.0], mask=[0, 1]))
    with pytest.raises(TypeError, match=r"list of Tensors; join them with autograd_nn.stack"):
        Tensor([Tensor(1.0), Tensor(2.0)])


def test_repeated_axes_and_stack_errors() -> None:
    X = Tensor(np.ones((2, 3)), name="X")
    with pytest.raises(ShapeError, match=r"sum: repeated axis in \(0, -2\) for X \(2, 3\)"):
        X.sum(axis=(0, -2))
    with pytest.raises(ValueError, match="stack: needs at least one tensor"):
        ag.stack([])
    with pytest.raises(ShapeError, match=r"stack: axis 5 is out of range for X \(2, 3\)"):
        ag.stack([X, X], axis=5)
    with pytest.raises(ShapeError, match=r"broadcast_to: X \(2, 3\) cannot be stretched to \(3,\)"):
        ag.broadcast_to(X, (3,))


def test_logistic_loss_with_a_given_sigmoid_still_broadcasts_labels() -> None:
    from autograd_nn.functions import logistic_loss

    Z = Tensor([[0.0, 2.0]], name="Z")
    L = logistic_loss(Z, Tensor([1.0], requires_grad=False), A=Z.sigmoid())  # Y (1,) stretched
    np.testing.assert_allclose(L.data, [[np.log(2.0), np.log1p(np.exp(-2.0))]])


# ---------------------------------------------------------------- hardening: wrong arguments
@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda t: t.sum(keepdims="yes"), TypeError, "sum: keepdims must be True or False"),
        (lambda t: t.transpose(1.0, 0.0), TypeError, "transpose: a shape is made of ints"),
        (lambda t: ag.stack([t, t], axis=1.5), TypeError, "stack: axis must be one int"),
        (lambda t: ag.broadcast_to(t, (2.0, 2.0)), TypeError, "broadcast_to: a shape is made"),
        (lambda t: t.reshape(3.0, 2), TypeError, "reshape: a shape is made of ints"),
        (lambda t: t.softmax(axis=None), TypeError, "softmax: axis must be one int"),
        (lambda t: t.softmax(axis=()), TypeError, "softmax: axis must be one int"),
        (lambda t: t + 10**400, ValueError, "is too large for float64"),
        (lambda t: t[{"a": 1}], IndexError, "getitem: t "),
    ],
)
def test_wrong_arguments_get_the_librarys_error_not_numpys(call, error, message) -> None:
    t = Tensor(np.arange(6.0).reshape(2, 3), name="t")
    before = t.data.copy()
    with pytest.raises(error, match=message) as caught:
        call(t)
    assert "autograd_nn" in caught.traceback[-1].path.as_posix()  # raised by the library
    np.testing.assert_array_equal(t.data, before)


def test_tensor_constructor_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="is too large for float64"):
        Tensor(10**400)
    with pytest.raises(TypeError, match="requires_grad must be True or False, got 'no'"):
        Tensor(1.0, requires_grad="no")
    with pytest.raises(TypeError, match=r"iter: .* is a scalar"):
        list(Tensor(2.0))
    assert [r.item() for r in Tensor([1.0, 2.0])] == [1.0, 2.0]


def test_a_parameter_made_from_a_numpy_matrix_copies_it() -> None:
    m = np.matrix([[1.0, 2.0]])  # deprecated, but learners still pass it
    w = Tensor(m, name="w")
    w.data[0, 0] = 5.0
    assert m[0, 0] == 1.0 and type(w.data) is np.ndarray
