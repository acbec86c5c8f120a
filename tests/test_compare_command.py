"""autograd_nn.compare.command: the ``autograd-nn compare`` subcommand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from autograd_nn.compare import (
    add_compare_command,
)


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="autograd-nn")
    add_compare_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_the_cli_prints_the_table_and_exits_zero(capsys):
    code = run_cli(["compare", "--layers", "2,4,1", "--activation", "tanh", "--m", "50",
                    "--seed", "1", "--dataset", "flower"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "layer_dims [2, 4, 1]" in out
        and "m = 50" in out
        and "All 9 rows agree (relative difference <= 1e-07)" in out
    )
    code = run_cli(["compare", "--layers", "3,5,2,1", "--activation", "relu", "--m", "7",
                    "--dataset", "random", "--steps", "3", "--finite-differences"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and "after 3 gradient-descent steps" in out and "grad check" in out


def test_the_cli_exits_non_zero_on_a_learners_mistake(tmp_path, capsys):
    source = tmp_path / "mine.py"
    source.write_text(
        "import numpy as np\n"
        "from autograd_nn import reference\n"
        "def backward(parameters, X, Y):\n"
        "    AL, caches = reference.L_model_forward(X, parameters, 'tanh')\n"
        "    grads = reference.L_model_backward(AL, Y, caches, 'tanh')\n"
        "    grads['db1'] = grads['db1'] * X.shape[1]\n"
        "    return grads\n"
    )
    code = run_cli(["compare", "--layers", "2,4,1", "--m", "10", "--dataset", "random",
                    "--manual", f"{source}:backward"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1 and "first disagreement in backward order is db1" in out


def test_the_cli_reports_bad_input(capsys):
    # errors go to stderr with the command's name, never into the table on stdout
    assert run_cli(["compare", "--layers", "2,4,3"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("autograd-nn compare: error:") and "n[2] = 1 unit" in err
    assert run_cli(["compare", "--layers", "3,4,1", "--dataset", "flower"]) == 2
    assert "n_x = 2 features" in capsys.readouterr().err
    for argv in (["--layers", "2"], ["--m", "0"], ["--steps", "-1"], ["--activation", "softmax"]):
        with pytest.raises(SystemExit):
            run_cli(["compare", *argv])
    assert run_cli(["compare", "--m", "51"]) == 2  # the flower data needs an even m
    assert "m must be an even integer" in capsys.readouterr().err
    for seed in ("-1", str(2**32), "one"):  # a usage error, not numpy's "Seed must be between"
        with pytest.raises(SystemExit) as caught:
            run_cli(["compare", "--seed", seed])
        assert caught.value.code == 2
        assert "--seed: must be an integer from 0 to 2**32 - 1" in capsys.readouterr().err


LEARNERS = Path(__file__).resolve().parent


def test_the_course_week_3_file_is_compared_as_it_is(tmp_path, capsys):
    week3 = LEARNERS / "learner_week3.py"
    code = run_cli(["compare", "--layers", "2,4,1", "--activation", "tanh", "--m", "30",
                    "--manual", f"{week3}:backward_propagation"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and "autodiff vs your gradients" in out and "All 4 rows agree" in out
    planted = tmp_path / "mybp.py"  # tanh' written as 1 - A1
    planted.write_text(week3.read_text().replace("(1 - np.power(A1, 2))", "(1 - A1)"))
    code = run_cli(["compare", "--layers", "2,4,1", "--activation", "tanh", "--m", "30",
                    "--manual", f"{planted}:backward_propagation",
                    "--forward", f"{planted}:forward_propagation"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1 and "first disagreement in backward order is dW1" in out
    assert "the square is missing" in out and "Your grads had no" not in out


def test_the_course_week_4_file_imports_its_helpers_from_its_folder(tmp_path, capsys):
    # the course's notebook imports sigmoid, relu and their backward from dnn_utils
    source = (LEARNERS / "learner_week4.py").read_text()
    helpers, rest = source.split("def linear_forward", 1)
    (tmp_path / "dnn_utils.py").write_text(helpers)
    mine = tmp_path / "deep.py"
    mine.write_text(
        "import numpy as np\n"
        "from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward\n\n\n"
        "def linear_forward" + rest
    )
    code = run_cli(["compare", "--layers", "3,4,3,1", "--activation", "relu", "--dataset",
                    "random", "--manual", f"{mine}:L_model_backward"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and "All 9 rows agree" in out
    assert str(tmp_path) not in sys.path  # the folder was on the path only while deep.py ran
    sys.modules.pop("dnn_utils", None)


def test_a_learners_file_that_does_not_load_is_an_error_not_a_traceback(tmp_path, capsys):
    broken = tmp_path / "broken.py"
    broken.write_text("def backward_propagation(parameters, cache, X, Y)\n    return {}\n")
    missing = tmp_path / "missing.py"
    missing.write_text("import no_such_course_module\n")
    cases = [
        (f"{broken}:backward_propagation", "has a syntax error, line 1"),
        (f"{missing}:backward", "raised ModuleNotFoundError: No module named"),
        (f"{tmp_path / 'absent.py'}:backward", "--manual: no file"),
        (f"{LEARNERS / 'learner_week3.py'}:no_such_function", "has no function 'no_such_function'"),
    ]
    for spec, words in cases:
        assert run_cli(["compare", "--manual", spec]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith("autograd-nn compare: error: --manual: ")
        assert words in err and "Traceback" not in err
    # a week-4 backward without its forward, and --activation that does not match the file
    lonely = tmp_path / "lonely.py"
    lonely.write_text("def L_model_backward(AL, Y, caches):\n    return {}\n")
    assert run_cli(["compare", "--manual", f"{lonely}:L_model_backward"]) == 2
    assert "there is no L_model_forward next to it" in capsys.readouterr().err
    week4 = LEARNERS / "learner_week4.py"
    assert run_cli(["compare", "--layers", "3,4,1", "--dataset", "random",
                    "--manual", f"{week4}:L_model_backward"]) == 2  # fmt: skip
    assert "--activation relu on the command line" in capsys.readouterr().err
