"""The bridge to PyTorch: to_torch/from_torch, the exported script, the course network check,
the command line, and the package without PyTorch.

Oracles: PyTorch's own nn.Linear, losses and optimizers on the same numbers; the exported
script runs in a fresh Python that has only PyTorch.
"""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autograd_nn import ops
from autograd_nn.cli import main
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import (
    Adam,
    Dense,
    GradientDescent,
    Model,
    Momentum,
    logistic_cost,
    save_parameters,
    train,
    train_step,
)
from autograd_nn.pytorch import (
    check_model_against_torch,
    export_script,
    from_torch,
    to_torch,
)
from autograd_nn.pytorch.requirement import INSTALL

torch = pytest.importorskip("torch", reason=f"PyTorch is not installed: {INSTALL}")
nn = torch.nn


@pytest.fixture(scope="module")
def flower():
    X, Y = load_planar_dataset()
    return X, Y


def relative(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


# ----------------------------------------------------------------------- to_torch, from_torch
def test_the_course_L_layer_model_round_trips_exactly() -> None:
    model = Model.from_layer_dims([12288, 20, 7, 5, 1], "relu", seed=1)
    net = to_torch(model)
    assert [type(m).__name__ for m in net] == ["Linear", "ReLU"] * 3 + ["Linear", "Sigmoid"]
    assert net[0].weight.shape == (20, 12288) and net[0].bias.shape == (20,)
    assert net[0].weight.dtype == torch.float64
    back = from_torch(net)
    assert back.layer_dims == model.layer_dims
    assert [layer.activation_name for layer in back] == ["relu"] * 3 + ["sigmoid"]
    for name, value in model.get_parameters().items():
        assert np.array_equal(back[name].data, value), name  # exact, bit for bit
    X = np.random.RandomState(0).rand(12288, 3)
    A_torch = net(torch.tensor(X.T)).detach().numpy().T  # PyTorch takes X.T, one example per row
    assert relative(A_torch, model.forward(X).data) < 1e-12


def test_every_activation_converts_both_ways() -> None:
    for hidden, output in [("tanh", "linear"), ("leaky_relu", "softmax"), ("sigmoid", "relu")]:
        model = Model.from_layer_dims([3, 4, 2], hidden, output, seed=3)
        back = from_torch(to_torch(model))
        assert [layer.activation_name for layer in back] == [hidden, output]
        X = np.random.RandomState(1).randn(3, 5)
        np.testing.assert_array_equal(back.forward(X).data, model.forward(X).data)


def test_float32_on_request_and_the_layout_note() -> None:
    model = Model.from_layer_dims([2, 4, 1], "tanh", seed=2)
    net = to_torch(model, dtype=np.float32)
    assert net[0].weight.dtype == torch.float32
    np.testing.assert_array_equal(net[2].weight.detach().numpy(), model["W2"].data.astype("f4"))
    assert "W1 (4, 2)" in net.layout and "net[0].weight (4, 2), the same matrix" in net.layout
    assert "b2.squeeze(1)" in net.layout and "X.T (m, 2), examples in rows" in net.layout
    with pytest.raises(TypeError, match="dtype must be float64 or float32"):
        to_torch(model, dtype=np.int64)


def test_to_torch_does_not_draw_from_torchs_random_generator() -> None:
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    to_torch(Model.from_layer_dims([2, 4, 1], seed=2))
    assert torch.equal(torch.rand(3), expected)


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        (lambda: [nn.Linear(2, 3), nn.Dropout(0.5)], r"net\[1\] \(Dropout\): autograd_nn has no"),
        (lambda: [nn.Linear(2, 3), nn.BatchNorm1d(3)], r"net\[1\] \(BatchNorm1d\)"),
        (lambda: [nn.Sequential(nn.Linear(2, 3))], r"net\[0\] \(Sequential\)"),
        (lambda: [nn.Linear(2, 3), nn.ELU()], r"net\[1\] \(ELU\)"),
        (lambda: [nn.Linear(2, 3, bias=False)], r"net\[0\] \(Linear\) has no bias"),
        (lambda: [nn.Tanh(), nn.Linear(2, 3)], "comes before any Linear"),
        (lambda: [nn.Linear(2, 3), nn.Tanh(), nn.ReLU()], "follows the activation 'tanh'"),
        (lambda: [nn.Linear(2, 3), nn.LeakyReLU(0.2)], "negative_slope 0.2"),
        (lambda: [nn.Linear(2, 3), nn.Softmax(dim=0)], r"dim=0; only Softmax\(dim=1\)"),
        (lambda: [], "no Linear layer"),
    ],
)
def test_unsupported_modules_are_refused_by_name(modules, message) -> None:
    with pytest.raises(ValueError, match=message):
        from_torch(nn.Sequential(*modules()))


def test_from_torch_refuses_other_modules_and_mismatched_sizes() -> None:
    with pytest.raises(TypeError, match=r"net must be an nn\.Sequential.*got Linear"):
        from_torch(nn.Linear(2, 3))
    with pytest.raises(ValueError, match="layer 2 takes 4 inputs but layer 1 has 3 units"):
        from_torch(nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1)))


def test_a_custom_activation_is_refused_by_name() -> None:
    def swish(Z):
        return Z * Z.sigmoid()

    model = Model([Dense(2, 3, swish, seed=1), Dense(3, 1, "sigmoid", seed=1)])
    with pytest.raises(ValueError, match="layer 1 has the custom activation 'swish'"):
        to_torch(model)
    with pytest.raises(ValueError, match="custom activation 'swish'"):
        export_script(model, "never.py", learning_rate=0.1)
    assert not Path("never.py").exists()


# ----------------------------------------------------------------------- the exported script
DRIVER = """
import runpy, sys
sys.modules["autograd_nn"] = None  # the script must not need autograd_nn
import torch
script, out, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
ns = runpy.run_path(script, run_name="exported")
X, Y = ns["load_data"]()
net = ns["net"]
result = {}
with torch.no_grad():
    result["A"] = ns["forward"](X)
J = ns["compute_cost"](X, Y)
J.backward()
result["J"] = J.detach()
for name, p in net.named_parameters():
    result["grad." + name] = p.grad.clone()
result["costs"] = torch.tensor(ns["train"](X, Y, steps, print_every=0), dtype=torch.float64)
for name, p in net.named_parameters():
    result["after." + name] = p.detach().clone()
torch.save(result, out)
"""


def run_exported(script: Path, tmp_path: Path, steps: int) -> dict:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    out = tmp_path / "result.pt"
    completed = subprocess.run(
        [sys.executable, str(driver), str(script), str(out), str(steps)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return torch.load(out, weights_only=True)


def test_the_flower_network_exported_runs_alone_and_matches(flower, tmp_path) -> None:
    X, Y = flower
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    train(model, X, Y, num_iterations=1000, learning_rate=1.2)
    written = export_script(model, tmp_path / "net.py", learning_rate=1.2, X=X, Y=Y)
    assert [p.name for p in written] == ["net.py", "net.data.pt"]  # 17 parameters: inline
    text = written[0].read_text()
    assert "import autograd_nn" not in text and "from autograd_nn" not in text
    assert "nn.BCEWithLogitsLoss()" in text and "optimizer.zero_grad()" in text

    result = run_exported(written[0], tmp_path, steps=50)

    # forward to 1e-12 and gradients to 1e-10, in the course's layout
    A = model.forward(X)
    assert relative(result["A"].numpy().T, A.data) < 1e-12
    J = logistic_cost(A, Y)
    J.backward()
    assert abs(result["J"].item() - J.item()) < 1e-12 * J.item()
    assert relative(result["grad.0.weight"], model["W1"].grad) < 1e-10
    assert relative(result["grad.0.bias"], model["b1"].grad[:, 0]) < 1e-10
    assert relative(result["grad.2.weight"], model["W2"].grad) < 1e-10
    assert relative(result["grad.2.bias"], model["b2"].grad[:, 0]) < 1e-10

    # 50 more steps on both sides
    history = train(model, X, Y, num_iterations=50, learning_rate=1.2, record_every=1)
    np.testing.assert_allclose(result["costs"].numpy(), history.costs, rtol=1e-9)
    assert relative(result["after.0.weight"], model["W1"].data) < 1e-9
    assert relative(result["after.0.bias"], model["b1"].data[:, 0]) < 1e-9
    assert relative(result["after.2.weight"], model["W2"].data) < 1e-9
    assert relative(result["after.2.bias"], model["b2"].data[:, 0]) < 1e-9


def test_running_the_script_trains_and_prints_the_course_costs(flower, tmp_path) -> None:
    X, Y = flower
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    script = export_script(
        model, tmp_path / "flower.py", learning_rate=1.2, X=X, Y=Y, num_iterations=101
    )[0]
    completed = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    history = train(model, X, Y, num_iterations=101, learning_rate=1.2)
    for i, cost in zip(history.iterations, history.costs, strict=True):
        assert f"Cost after iteration {i}: {cost:.6f}" in completed.stdout
    assert "accuracy:" in completed.stdout


@pytest.mark.parametrize("inline", [True, False])
@pytest.mark.parametrize("make", [lambda p: Momentum(p, 0.5, beta=0.9), lambda p: Adam(p, 0.01)])
def test_momentum_and_adam_continue_where_they_stopped(flower, tmp_path, make, inline) -> None:
    X, Y = flower
    model = Model.from_layer_dims([2, 5, 1], hidden_activation="relu", seed=3)
    optimizer = make(model.parameters())
    train(model, X, Y, num_iterations=30, optimizer=optimizer)
    written = export_script(
        model, tmp_path / "net.py", optimizer=optimizer, X=X, Y=Y, inline=inline
    )
    assert (tmp_path / "net.pt").exists() is not inline
    assert (tmp_path / "net.optimizer.pt").exists() is not inline
    ns = runpy.run_path(str(written[0]), run_name="exported")
    X_rows, Y_rows = ns["load_data"]()
    costs = ns["train"](X_rows, Y_rows, 20, print_every=0)
    history = train(model, X, Y, num_iterations=20, optimizer=optimizer, record_every=1)
    np.testing.assert_allclose(costs, history.costs, rtol=1e-9)
    net = ns["net"]
    assert relative(net[0].weight.detach(), model["W1"].data) < 1e-9
    assert relative(net[2].bias.detach(), model["b2"].data[:, 0]) < 1e-9


def test_a_fresh_momentum_takes_the_courses_first_step(tmp_path) -> None:
    # PyTorch's SGD would take v := dW at its first step; the course takes v := (1 - beta) dW
    X, Y = np.array([[0.5, -1.0, 2.0]]), np.array([[1.0, 0.0, 1.0]])
    model = Model.from_layer_dims([1, 1], seed=1)
    optimizer = Momentum(model.parameters(), 0.1, beta=0.9)
    ns = runpy.run_path(str(export_script(model, tmp_path / "m.py", optimizer=optimizer)[0]))
    ns["train"](torch.tensor(X.T), torch.tensor(Y.T), 1, print_every=0)
    train_step(model, X, Y, optimizer)
    assert relative(ns["net"][0].weight.detach(), model["W1"].data) < 1e-15


@pytest.mark.parametrize(
    ("dims", "hidden", "output", "cost", "loss"),
    [
        ([2, 3, 1], "relu", "linear", None, "MSELoss"),
        ([2, 3, 3], "tanh", "softmax", None, "CrossEntropyLoss"),
        ([2, 3, 2], "leaky_relu", "sigmoid", "logistic", "BCEWithLogitsLoss(reduction='sum')"),
        ([2, 3, 1], "tanh", "sigmoid", "mse", "MSELoss"),
    ],
)
def test_each_cost_maps_to_its_pytorch_loss(tmp_path, dims, hidden, output, cost, loss) -> None:
    rng = np.random.RandomState(0)
    model = Model.from_layer_dims(dims, hidden, output, seed=4)
    X = rng.randn(2, 7)
    Y = np.eye(dims[-1])[rng.randint(0, dims[-1], 7)].T if output == "softmax" else None
    if Y is None:
        Y = rng.randn(1, 7) if output == "linear" else (rng.rand(dims[-1], 7) > 0.5) * 1.0
    script = export_script(model, tmp_path / "n.py", learning_rate=0.1, cost=cost, X=X, Y=Y)[0]
    assert loss in script.read_text()
    ns = runpy.run_path(str(script))
    costs = ns["train"](*ns["load_data"](), 5, print_every=0)
    history = train(model, X, Y, 5, learning_rate=0.1, cost=cost, record_every=1)
    np.testing.assert_allclose(costs, history.costs, rtol=1e-12)


def test_what_has_no_mapping_is_refused_before_writing(tmp_path) -> None:
    model = Model.from_layer_dims([2, 3, 1], seed=1)
    target = tmp_path / "net.py"

    class Nesterov(GradientDescent):
        pass

    with pytest.raises(ValueError, match="the optimizer Nesterov has no PyTorch mapping"):
        export_script(model, target, optimizer=Nesterov(model.parameters(), 0.1))
    with pytest.raises(ValueError, match="the cost 'hinge' has no PyTorch loss"):
        export_script(model, target, learning_rate=0.1, cost="hinge")
    with pytest.raises(ValueError, match="the cost my_cost has no PyTorch loss"):
        export_script(model, target, learning_rate=0.1, cost=my_cost)
    with pytest.raises(ValueError, match="needs the optimizer the model was trained with"):
        export_script(model, target)
    with pytest.raises(ValueError, match=r"must end in \.py"):
        export_script(model, tmp_path / "net.txt", train=False)
    with pytest.raises(ValueError, match=r"X must be \(n\[0\], m\) = \(2, m\)"):
        export_script(model, target, train=False, X=np.ones((3, 4)), Y=np.ones((1, 4)))
    other = Model.from_layer_dims([2, 3, 1], seed=1)
    with pytest.raises(ValueError, match="over this model's parameters"):
        export_script(model, target, optimizer=GradientDescent(other.parameters(), 0.1))
    assert list(tmp_path.iterdir()) == []


def my_cost(A, Y):  # named so that the refusal names it
    return A.sum()


# ----------------------------------------------------------------------- the course network check
def test_the_course_network_agrees_quantity_by_quantity(flower) -> None:
    X, Y = flower
    model = Model.from_layer_dims([2, 4, 3, 1], "tanh", seed=2)
    before = model.get_parameters()
    report = check_model_against_torch(model, X, Y)
    assert report.ok, str(report)
    names = [row.name for row in report.rows]
    assert names == ["J", "A3", "Z3", "W3", "b3", "A2", "Z2", "W2", "b2", "A1", "Z1", "W1", "b1"]
    J = logistic_cost(model.forward(X), Y)
    J.backward()
    np.testing.assert_allclose(report["W1"].torch_gradient, model["W1"].grad, rtol=1e-10)
    # the course's dA[L] = -(Y/A - (1-Y)/(1-A)), with the 1/m of J
    A3 = model.cache["A3"].data
    np.testing.assert_allclose(
        report["A3"].torch_gradient, -(Y / A3 - (1 - Y) / (1 - A3)) / X.shape[1], rtol=1e-10
    )
    assert all(np.array_equal(model[k].data, v) for k, v in before.items())  # left as it was
    assert report["b1"].torch_gradient.shape == (4, 1)  # the course's layout


def test_a_wrong_tanh_backward_is_located_at_dZ1(flower, monkeypatch) -> None:
    X, Y = flower

    right_vjp = ops.Op.vjp

    def vjp(op, i, g, out, inputs, params):
        if op.name == "tanh":
            return g * (1.0 - out)  # 1 - a instead of 1 - a^2
        return right_vjp(op, i, g, out, inputs, params)

    monkeypatch.setattr(ops.Op, "vjp", vjp)  # every tanh of the engine, as a wrong entry would
    report = check_model_against_torch(Model.from_layer_dims([2, 4, 1], "tanh", seed=2), X, Y)
    assert not report.ok
    assert [row.name for row in report.mismatches] == ["Z1", "W1", "b1"]
    assert "The first gradient that differs, in backward order, is dZ1 (4, 400)" in (report.finding)
    assert "dZ[l] = dA[l] * g'[l](Z[l])" in report.finding
    assert "Everything before it agrees (dJ, dA2, dZ2, dW2, db2, dA1)" in report.finding


# ----------------------------------------------------------------------- the command line
def test_the_export_command(tmp_path, capsys, flower) -> None:
    X, Y = flower
    model = Model.from_layer_dims([2, 4, 1], "tanh", seed=2)
    train(model, X, Y, num_iterations=100, learning_rate=1.2)
    save_parameters(model, tmp_path / "params.npz")
    script = tmp_path / "net.py"
    arguments = [str(tmp_path / "params.npz"), "--layers", "2,4,1", "--activation", "tanh"]
    assert main(["export", *arguments, "--torch", str(script), "--learning-rate", "1.2"]) == 0
    assert f"wrote {script}" in capsys.readouterr().out
    ns = runpy.run_path(str(script))
    with torch.no_grad():
        A = ns["forward"](torch.tensor(X.T)).numpy().T
    assert relative(A, model.forward(X).data) < 1e-12
    assert "LEARNING_RATE = 1.2" in script.read_text()

    assert main(["export", *arguments, "--torch", str(tmp_path / "plain.py")]) == 0
    assert "no training loop" in capsys.readouterr().out
    assert "def train" not in (tmp_path / "plain.py").read_text()

    wrong = [str(tmp_path / "params.npz"), "--layers", "2,5,1", "--torch", str(script)]
    assert main(["export", *wrong]) == 1
    assert "W1 must be (n[1], n[0]) = (5, 2), got (4, 2)" in capsys.readouterr().err


# ----------------------------------------------------------------------- without PyTorch
def test_the_package_imports_without_torch_and_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "import autograd_nn.pytorch as bridge, autograd_nn.cli\n"
        "from autograd_nn.nn import Model\n"
        "for call in (lambda: bridge.to_torch(Model.from_layer_dims([2, 1])),\n"
        "             lambda: bridge.from_torch(None),\n"
        "             lambda: bridge.check_against_torch(None),\n"
        "             lambda: bridge.export_script(None, 'x.py')):\n"
        "    try:\n"
        "        call()\n"
        "    except ImportError as error:\n"
        "        print(error)\n"
        "sys.exit(autograd_nn.cli.main(['export', 'p.npz', '--layers', '2,1', '--torch', 'x.py']))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    lines = completed.stdout.splitlines()
    assert len(lines) == 4 and all(INSTALL in line for line in lines), completed
    assert lines[0].startswith("to_torch needs PyTorch")
    assert completed.returncode == 1  # the command: no such file, before PyTorch is needed
