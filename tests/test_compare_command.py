"""autograd_nn.compare.command: the ``autograd-nn compare`` subcommand."""

from __future__ import annotations

import argparse

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
        and "All 8 rows agree (relative difference <= 1e-07)" in out
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
