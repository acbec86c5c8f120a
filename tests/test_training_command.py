"""``autograd-nn train``: the course's flower run from the command line, and its mistakes."""

from __future__ import annotations

import json
import re

import pytest

from autograd_nn.cli import main
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, accuracy, predict, train


def run(capsys, argv):
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_train_prints_like_the_course_and_writes_the_replay(capsys, tmp_path):
    page = tmp_path / "training.html"
    status, out, err = run(
        capsys,
        ["train", "--iterations", "600", "--record-every", "50", "--backward", "none",
         "--html", str(page)],
    )  # fmt: skip
    assert status == 0, err
    X, Y = load_planar_dataset()  # the oracle: the same run through the library
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(model, X, Y, 600, 1.2, record_every=50)
    lines = [line for line in out.splitlines() if line.startswith("Cost after")]
    assert lines == [
        f"Cost after iteration {i}: {history.costs[history.iterations.index(i)]:.6f}"
        for i in (0, 600)
    ]
    assert f"accuracy: {100 * accuracy(predict(model, X), Y):.2f} %" in out
    assert f"wrote {page} (13 snapshots" in out
    text = page.read_text(encoding="utf-8")
    payload = re.search(r'<script type="application/json" class="agnn-data">(.*?)</script>', text)
    data = json.loads(payload.group(1))["data"]
    assert data["costs"] == history.costs and data["iterations"] == history.iterations


@pytest.mark.slow
def test_the_courses_flower_run_gets_90_75_percent(capsys, tmp_path):
    argv = ["train", "--dataset", "flower", "--layers", "2,4,1", "--activation", "tanh",
            "--iterations", "10000", "--html", str(tmp_path / "training.html")]  # fmt: skip
    status, out, _ = run(capsys, argv)
    assert status == 0
    assert "Cost after iteration 0: 0.693048" in out and "accuracy: 90.75 %" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--layers", "3,4,1"], "layer_dims must start with 2 and end with 1"),
        (["--layers", "2,x,1"], "--layers must be comma-separated sizes"),
        (["--layers", "2,0,1"], "--layers must be comma-separated sizes"),
        (["--iterations", "-1"], "--iterations must be from 0 to 10,000,000, got -1"),
        (["--record-every", "0"], "--record-every must be from 1"),
        (["--m", "401"], "m must be even"),
        (["--learning-rate", "nan"], "--learning-rate must be a positive number"),
        (["--html", "t.png"], "give a name ending in .html"),
        (["--html", "no/such/folder/t.html"], "does not exist"),
        (["--seed", "-3"], "--seed must be from 0 to 2**32 - 1"),
    ],
)
def test_mistakes_are_named_before_any_training(capsys, argv, message):
    status, out, err = run(capsys, ["train", *argv])
    assert status == 1 and message in err and out == ""
    assert err.startswith("autograd-nn: error: ")


def test_the_demo_mentions_it(capsys, tmp_path):
    status, out, _ = run(capsys, ["demo", "--output-dir", str(tmp_path)])
    assert status == 0
    assert "autograd-nn train --dataset flower --layers 2,4,1 --activation tanh" in out
