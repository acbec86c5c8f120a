"""check_against_torch: every op of the table against PyTorch, generated graphs, planted bugs.

The oracle is PyTorch's autograd, computing each op's forward with its own functions and the
gradients with its own backward rules; a VJP made wrong on purpose must be found and located.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd_nn.functions as fn
from autograd_nn import Tensor, ops
from autograd_nn.ops import OPS
from autograd_nn.pytorch import TORCH_OPS, check_against_torch
from autograd_nn.pytorch.requirement import INSTALL

torch = pytest.importorskip("torch", reason=f"PyTorch is not installed: {INSTALL}")


def param(rng: np.random.RandomState, *shape: int, name: str | None = None) -> Tensor:
    return Tensor(rng.randn(*shape), name=name)


def weighted_sum(out: Tensor, rng: np.random.RandomState) -> Tensor:
    """J = sum(out * C) for a random constant C: every entry gets its own gradient."""
    if out.size == 1:
        return out * 1.5
    C = Tensor(rng.randn(*out.shape), requires_grad=False, name="C")
    J = (out * C).sum()
    J.name = "J"
    return J


def _logistic(rng: np.random.RandomState) -> Tensor:
    Z = param(rng, 1, 6, name="Z")
    A = Z.sigmoid()
    Y = Tensor((rng.rand(1, 6) > 0.5).astype(float), requires_grad=False, name="Y")
    return fn.logistic_loss(Z, Y, A=A) * Tensor(rng.rand(1, 6), requires_grad=False) + A * 0.25


GRAPHS = {
    "add": lambda r: param(r, 3, 2) + param(r, 3, 2),
    "sub": lambda r: param(r, 3, 2) - param(r, 3, 2),
    "mul": lambda r: param(r, 3, 2) * param(r, 3, 2),
    "div": lambda r: param(r, 3, 2) / Tensor(r.rand(3, 2) + 0.5),
    "pow": lambda r: Tensor(r.rand(3, 2) + 0.5) ** param(r, 3, 2),
    "maximum": lambda r: fn.maximum(param(r, 3, 2), param(r, 3, 2)),
    "minimum": lambda r: fn.minimum(param(r, 3, 2), param(r, 3, 2)),
    "where": lambda r: fn.where(r.rand(3, 2) > 0.5, param(r, 3, 2), param(r, 3, 1)),
    "neg": lambda r: -param(r, 3, 2),
    "exp": lambda r: param(r, 3, 2).exp(),
    "log": lambda r: Tensor(r.rand(3, 2) + 0.1).log(),
    "sqrt": lambda r: Tensor(r.rand(3, 2) + 0.1).sqrt(),
    "abs": lambda r: param(r, 3, 2).abs(),
    "tanh": lambda r: param(r, 3, 2).tanh(),
    "sigmoid": lambda r: param(r, 3, 2).sigmoid(),
    "relu": lambda r: param(r, 3, 2).relu(),
    "leaky_relu": lambda r: param(r, 3, 2).leaky_relu(0.2),
    "clip": lambda r: param(r, 3, 2).clip(-0.5, 0.5),
    "matmul": lambda r: param(r, 3, 4) @ param(r, 4, 2),
    "transpose": lambda r: param(r, 2, 3, 4).transpose(1, 2, 0) + param(r, 3, 4, 2).T.T,
    "reshape": lambda r: param(r, 3, 4).reshape(2, 6),
    "broadcast_to": lambda r: param(r, 3, 4) + param(r, 3, 1),
    "sum": lambda r: param(r, 3, 4).sum(axis=1, keepdims=True) + param(r, 2, 3).sum(),
    "mean": lambda r: param(r, 3, 4).mean(axis=0) + param(r, 2, 2).mean(),
    "max": lambda r: param(r, 3, 4).max(axis=1) + param(r, 3, 4).max(),
    "min": lambda r: param(r, 3, 4).min(axis=1) + param(r, 3, 4).min(),
    "copy": lambda r: param(r, 3, 4).copy() * param(r, 3, 4),
    # float32 -> float64: both libraries then compute every gradient in float64 (the other way,
    # PyTorch rounds the gradients of the float32 tensors to float32 and autograd_nn does not)
    "astype": lambda r: Tensor(r.randn(3, 4), dtype=np.float32).astype(np.float64) * 2.0,
    "softmax": lambda r: param(r, 3, 4).softmax(axis=0),
    "log_softmax": lambda r: param(r, 3, 4).log_softmax(axis=1),
    "getitem": lambda r: param(r, 4, 3)[[0, 0, 2], 1:] + param(r, 3, 3)[::-1][:, [2, 0]].sum(),
    "concatenate": lambda r: fn.concatenate([param(r, 2, 3), param(r, 1, 3)], axis=0),
    "stack": lambda r: fn.stack([param(r, 2, 3), param(r, 2, 3)], axis=1),
    "logistic_loss": _logistic,
}


def test_every_op_of_the_table_has_a_pytorch_counterpart() -> None:
    missing = [name for name in OPS if name not in TORCH_OPS]
    assert not missing, f"ops without a PyTorch counterpart in TORCH_OPS: {missing}"
    assert not [name for name in TORCH_OPS if name not in OPS], "counterparts of no op"


@pytest.mark.parametrize("name", sorted(OPS))
def test_sweep_every_op_agrees_with_pytorch(name: str) -> None:
    assert name in GRAPHS, f"add a graph using {name!r} to GRAPHS"
    rng = np.random.RandomState(sorted(OPS).index(name))
    J = weighted_sum(GRAPHS[name](rng), rng)
    assert name in {t.op.name for t in _nodes(J) if t.op is not None}
    J.backward()
    report = check_against_torch(J)
    assert report.ok, str(report)
    row = next(r for r in report.rows if r.made_by.startswith(f"{name}:"))
    assert row.gradient is not None and np.any(row.gradient != 0)


def _nodes(J: Tensor) -> list[Tensor]:
    from autograd_nn.graph import toposort

    return toposort(J)


def test_the_course_example_row_by_row() -> None:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    u.name = "u"
    v = a + u
    v.name = "v"
    J = 3 * v
    J.name = "J"
    report = check_against_torch(J)  # runs J.backward() itself, and says so
    assert report.ok and "J.backward() was run first" in str(report)
    assert [r.name for r in report.rows][:3] == ["J", "v", "u"]  # backward order
    assert report["a"].torch_gradient == 3.0 and report["b"].torch_gradient == 6.0
    assert report["c"].gradient == 9.0 and report["u"].torch_value == 6.0


def test_float32_graphs_are_replayed_in_float32() -> None:
    rng = np.random.RandomState(3)
    W = Tensor(rng.randn(3, 4), dtype=np.float32, name="W")
    X = Tensor(rng.randn(4, 5), dtype=np.float32, requires_grad=False, name="X")
    J = ((W @ X).tanh() * 3).mean()
    J.backward()
    report = check_against_torch(J)
    assert report.ok, str(report)
    assert report["W"].tolerance == 1e-5 and report["W"].torch_gradient.dtype == np.float32


def test_a_non_scalar_root_uses_the_seed_given_to_backward() -> None:
    rng = np.random.RandomState(4)
    W = param(rng, 2, 3, name="W")
    Z = W.tanh()
    seed = rng.randn(2, 3)
    Z.backward(seed)
    report = check_against_torch(Z)
    assert report.ok
    np.testing.assert_allclose(report["W"].torch_gradient, seed * (1 - np.tanh(W.data) ** 2))
    with pytest.raises(ValueError, match=r"run J.backward\(gradient\) first"):
        check_against_torch(W.exp())


# ----------------------------------------------------------------------- generated graphs
UNARY = {
    "tanh": lambda t: t.tanh(),
    "sigmoid": lambda t: t.sigmoid(),
    "relu": lambda t: t.relu(),
    "leaky_relu": lambda t: t.leaky_relu(0.1),
    "abs": lambda t: t.abs(),
    "neg": lambda t: -t,
    "exp of tanh": lambda t: t.tanh().exp(),
    "log of sigmoid": lambda t: t.sigmoid().log(),
    "sqrt": lambda t: (t * t + 1).sqrt(),
    "clip": lambda t: t.clip(-0.7, 0.7),
    "transpose twice": lambda t: t.T.T,
    "reshape and back": lambda t: t.reshape(12).reshape(3, 4),
    "softmax rows": lambda t: t.softmax(axis=0),
    "log_softmax columns": lambda t: t.log_softmax(axis=1),
    "sum over examples": lambda t: t.sum(axis=1, keepdims=True) + t,
    "mean over units": lambda t: t.mean(axis=0, keepdims=True) * t,
    "max over examples": lambda t: t - t.max(axis=1, keepdims=True),
    "power": lambda t: (t.sigmoid() + 0.5) ** t.tanh(),
    "slices": lambda t: fn.concatenate([t[:, 2:], t[:, :2]], axis=1),
    "stack and mean": lambda t: fn.stack([t, t * 2], axis=0).mean(axis=0),
    "index repeated": lambda t: t[[0, 0, 2]],
}
BINARY = {
    "add": lambda t, u, D: t + u,
    "sub": lambda t, u, D: t - u,
    "mul": lambda t, u, D: t * u,
    "div": lambda t, u, D: t / (u * u + 1),
    # u shifted by random numbers D: no ties (see the convention test)
    "maximum": lambda t, u, D: fn.maximum(t, u + D),
    "minimum": lambda t, u, D: fn.minimum(t, u + D),
    "where": lambda t, u, D: fn.where(t.data > u.data, t, u * 0.5),
    "matmul": lambda t, u, D: t @ (u.T @ u) * 0.1,
}

steps = st.lists(
    st.one_of(
        st.tuples(st.just("unary"), st.sampled_from(sorted(UNARY)), st.integers(0, 9)),
        st.tuples(
            st.just("binary"),
            st.sampled_from(sorted(BINARY)),
            st.tuples(st.integers(0, 9), st.integers(0, 9)),
        ),
        st.tuples(st.just("bias"), st.just("broadcast"), st.integers(0, 9)),
    ),
    min_size=1,
    max_size=7,
)


@settings(max_examples=500, deadline=None)
@given(steps=steps, seed=st.integers(0, 2**16), float32=st.booleans())
def test_generated_graphs_agree_with_pytorch(steps, seed, float32) -> None:
    rng = np.random.RandomState(seed)
    dtype = np.float32 if float32 else np.float64
    pool = [Tensor(rng.randn(3, 4), dtype=dtype, name=f"W{i}") for i in range(2)]
    pool.append(Tensor(rng.randn(3, 4), dtype=dtype, requires_grad=False, name="X"))
    b = Tensor(rng.randn(3, 1), dtype=dtype, name="b")
    for kind, op, where in steps:
        if kind == "unary":
            result = UNARY[op](pool[where % len(pool)])
        elif kind == "binary":
            D = Tensor(rng.rand(3, 4) + 0.1, dtype=dtype, requires_grad=False)
            result = BINARY[op](pool[where[0] % len(pool)], pool[where[1] % len(pool)], D)
        else:
            result = pool[where % len(pool)] + b
        if result.requires_grad:
            pool.append(result)
    C = Tensor(rng.randn(3, 4), dtype=dtype, requires_grad=False)
    J = sum((t * C).sum() for t in pool[3:]) if len(pool) > 3 else (pool[0] * C).sum()
    J.backward()
    report = check_against_torch(J)
    assert report.ok, str(report)


# ----------------------------------------------------------------------- planted bugs
class WrongVJP:
    """An op whose backward rule for one input is off by a factor: a planted bug."""

    def __init__(self, op: ops.Op, index: int, factor: float = 2.0) -> None:
        self.op, self.index, self.factor = op, index, factor

    def __getattr__(self, name: str):
        return getattr(self.op, name)

    def vjp(self, i, g, out, inputs, params):
        right = self.op.vjp(i, g, out, inputs, params)
        return right * self.factor if i == self.index else right


def test_a_wrong_vjp_is_found_and_located() -> None:
    rng = np.random.RandomState(5)
    W1, b1 = param(rng, 4, 2, name="W1"), param(rng, 4, 1, name="b1")
    X = Tensor(rng.randn(2, 6), requires_grad=False, name="X")
    Z1 = W1 @ X + b1
    Z1.name = "Z1"
    A1 = Z1.tanh()
    A1.name = "A1"
    J = (A1 * A1).mean()
    J.name = "J"
    A1.op = WrongVJP(A1.op, 0)  # tanh's VJP sends twice dJ/dZ1: Z1 and everything below
    J.backward()
    report = check_against_torch(J)
    assert not report.ok
    assert report.mismatches[0].name == "Z1"
    assert report["A1"].matches and not report["Z1"].gradient_matches
    assert report["Z1"].value_matches  # the forward is right
    assert not report["W1"].gradient_matches and not report["b1"].gradient_matches
    finding = report.finding
    assert "dJ/dZ1" in finding and "input 1 of tanh" in finding and "tanh" in finding
    np.testing.assert_allclose(report["Z1"].gradient, 2 * report["Z1"].torch_gradient)
    assert "GRADIENT" in str(report) and "Finding the disagreement" in str(report)


def test_a_wrong_vjp_on_one_input_of_several_consumers() -> None:
    a, b = Tensor(2.0, name="a"), Tensor(3.0, name="b")
    u = a * b
    u.name = "u"
    w = a + u
    w.name = "w"
    J = w * w
    J.name = "J"
    u.op = WrongVJP(u.op, 0, factor=-1.0)  # d(a b)/da sent with the wrong sign
    J.backward()
    report = check_against_torch(J)
    assert [r.name for r in report.mismatches] == ["a"]  # b's gradient is still right
    assert "What u sends back to it (input 1 of mul) differs" in report.finding


def test_a_wrong_value_is_located_at_its_op() -> None:
    rng = np.random.RandomState(6)
    W = param(rng, 3, 3, name="W")
    Z = W @ W
    Z.name = "Z"
    A = Z.sigmoid()
    A.name = "A"
    J = A.sum()
    J.backward()
    Z.data = Z.data + 1e-3  # as if matmul's forward were wrong
    report = check_against_torch(J)
    assert not report["Z"].value_matches and report["W"].value_matches
    assert "The first value that differs, in forward order, is Z (3, 3), made by matmul" in (
        report.finding
    )


def test_a_tie_in_maximum_is_a_convention_the_report_explains() -> None:
    x = Tensor([1.0, 2.0], name="x")
    J = fn.maximum(x, x).sum()  # a tie everywhere
    J.backward()
    report = check_against_torch(J)
    assert np.array_equal(report["x"].gradient, [0.0, 0.0])  # autograd_nn: to neither operand
    assert np.array_equal(report["x"].torch_gradient, [1.0, 1.0])  # PyTorch: half to each
    assert "PyTorch sends half of the gradient to each operand" in report.finding


def test_the_report_is_a_table_in_notebooks_and_escapes_names() -> None:
    x = Tensor(2.0, name="<b>x</b>")
    J = x * x
    J.backward()
    report = check_against_torch(J)
    html = report._repr_html_()
    assert "<table>" in html and "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "| tensor |" in report._repr_markdown_()
    assert report.to_records()[0]["name"] == "mul(<b>x</b>, <b>x</b>)"


def test_a_notebook_shows_the_report_as_a_table(tmp_path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    code = (
        "from autograd_nn import Tensor\n"
        "from autograd_nn.pytorch import check_against_torch\n"
        "W = Tensor([[1.0, -2.0]], name='W')\n"
        "J = (W * W).sum()\n"
        "J.backward()\n"
        "check_against_torch(J)"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    (output,) = nb.cells[0].outputs
    assert output.output_type == "execute_result", output
    html = output.data["text/html"]
    assert "<table>" in html and "<td>W</td>" in html and "All 3 tensors agree" in html


def test_check_against_torch_refuses_what_is_not_a_tensor() -> None:
    with pytest.raises(TypeError, match="J must be a Tensor, got ndarray"):
        check_against_torch(np.ones(3))


def test_an_op_without_counterpart_is_refused_by_name(monkeypatch) -> None:
    x = Tensor(2.0, name="x")
    J = x.tanh()
    monkeypatch.delitem(TORCH_OPS, "tanh")
    with pytest.raises(ValueError, match=r"no PyTorch counterpart for the op\(s\) tanh"):
        check_against_torch(J)
