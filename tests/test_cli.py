"""The ``autograd-nn`` command: output, files, exit codes and errors without tracebacks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from autograd_nn.cli import COMMANDS, main

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

J_ARGS = ["graph", "3*(a + b*c)", "a=5", "b=3", "c=2"]


def run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def no_graphviz(monkeypatch, tmp_path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_graph_prints_values_gradients_and_chain_rule(capsys) -> None:
    code, out, err = run(capsys, J_ARGS)
    assert code == 0 and err == ""
    assert re.search(r"^  J = 3 \* t\d+ = 33$", out, re.M)  # J = 3 (5 + 3 * 2)
    assert re.search(r"^  t\d+ = b \* c = 6$", out, re.M)
    for line in ("dJ/da = 3", "dJ/db = 6", "dJ/dc = 9"):
        assert f"\n  {line}\n" in out
    assert re.search(r"dJ/db = dJ/d(t\d+) \* d\1/db = 3 \* c = 3 \* 2 = 6", out)
    assert re.search(r"dJ/dc = dJ/d(t\d+) \* d\1/dc = 3 \* b = 3 \* 3 = 9", out)


def test_graph_writes_forward_and_backward_diagrams(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, [*J_ARGS, "-o", str(tmp_path / "j.dot")])
    assert code == 0
    forward = (tmp_path / "j-forward.dot").read_text()
    backward = (tmp_path / "j-backward.dot").read_text()
    assert re.search(r"J = 3 \* t\d+<BR/><FONT POINT-SIZE=\"11\"><B>33</B>", forward)
    assert "#d62728" not in forward.split("label=<<TABLE")[0]
    assert "dJ/db = 6" in backward and 'dir="back"' in backward
    assert "wrote" in out


def test_graph_mode_writes_one_file(capsys, tmp_path) -> None:
    target = tmp_path / "only.gv"
    code, _, _ = run(capsys, [*J_ARGS, "--mode", "both", "-o", str(target)])
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["only.gv"]
    assert "dJ/dc = 9" in target.read_text()


def test_graph_markdown(capsys) -> None:
    code, out, _ = run(capsys, [*J_ARGS, "--markdown"])
    assert code == 0 and r"\frac{dJ}{da}" in out


@needs_dot
def test_graph_writes_svg(capsys, tmp_path) -> None:
    code, _, _ = run(capsys, [*J_ARGS, "-o", str(tmp_path / "j.svg")])
    assert code == 0
    assert "dJ/dc = 9" in (tmp_path / "j-backward.svg").read_text()


def test_graph_image_without_graphviz_is_an_error_and_writes_nothing(
    capsys, tmp_path, monkeypatch
) -> None:
    no_graphviz(monkeypatch, tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(capsys, [*J_ARGS, "-o", str(out_dir / "j.png")])
    assert code == 1
    assert err.startswith("autograd-nn: error:") and "apt-get install graphviz" in err
    assert list(out_dir.iterdir()) == []


UNSAFE_CLI = [
    "__import__('os')",
    "a.__class__",
    "(lambda: 1)()",
    "[x for x in a]",
    "a[0]",
    "open('f')",
    "2**10**10",
    "a if b else c",
    "'s'",
    "a; b",
    "exec('1')",
    "eval('a')",
    "globals()",
    "getattr(a, 'b')",
    "import os",
    "a == b",
    "a ** 1e9",
    "1e999",
    "sum(a, axis=b)",
    "exp(a, key=1)",
    "~a",
    "__builtins__",
    "a" + " + a" * 200,
]


@pytest.mark.parametrize("expression", UNSAFE_CLI)
def test_unsafe_expressions_are_refused_without_traceback(capsys, expression: str) -> None:
    code, out, err = run(capsys, ["graph", expression, "a=1", "b=2"])
    assert code == 1
    assert err.startswith("autograd-nn: error:")
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["graph", "a + b", "a=1"], "no value given for variable b"),
        (["graph", "a", "a=1", "z=2"], "value given for z"),
        (["graph", "a", "a5"], "expected NAME=VALUE"),
        (["graph", "a", "a=five"], "not a number"),
        (["graph", "a", "a=1", "a=2"], "given twice"),
        (["graph", "log(a)", "a=0"], "log"),
        (["graph", "W * 2", "W=[1, 2]"], "sum(...) or mean(...)"),
        (["graph", "a", "a=1", "-o", "j.jpeg"], "format"),
        (["graph", "a", "a=1", "-o", "/nonexistent-folder-xyz/j.dot"], "does not exist"),
    ],
)
def test_user_mistakes_give_one_line_errors(capsys, argv, message) -> None:
    code, _, err = run(capsys, argv)
    assert code == 1
    assert err.startswith("autograd-nn: error:") and message in err
    assert "Traceback" not in err


def test_a_lone_variable_is_its_own_derivative(capsys) -> None:
    code, out, err = run(capsys, ["graph", "a", "a=5"])
    assert code == 0, err
    assert "da/da = 1" in out.split("the chain rule")[-1]


def test_a_row_times_a_column_is_explained(capsys) -> None:
    code, out, err = run(capsys, ["graph", "sum(a @ b)", "a=[[1, 2]]", "b=[[1], [2]]"])
    assert code == 0, err
    assert "dJ/da = dJ/dt2 @ b.T" in out


def test_an_expression_starting_with_minus_is_explained_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["graph", "--help"])
    assert '"(-a)"' in " ".join(capsys.readouterr().out.split())
    code, out, _ = run(capsys, ["graph", "(-a)", "a=5"])
    assert code == 0 and "dJ/da = -1" in out


def test_constant_expression_has_nothing_to_differentiate(capsys) -> None:
    code, out, _ = run(capsys, ["graph", "2 * 3 + 1"])
    assert code == 0 and "= 7" in out and "nothing to differentiate" in out


@pytest.mark.parametrize("argv", [["--help"], *[[c.name, "--help"] for c in COMMANDS]])
def test_help_everywhere(capsys, argv) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    assert "usage: autograd-nn" in capsys.readouterr().out


def test_no_subcommand_and_unknown_option_are_usage_errors(capsys) -> None:
    assert main([]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["graph", "a", "--no-such-option"])
    assert caught.value.code == 2


def test_demo_prints_the_course_numbers_and_writes_dot(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, ["demo", "--output-dir", str(tmp_path)])
    assert code == 0
    for line in (
        "u = b * c = 6",
        "v = a + u = 11",
        "J = 3 * v = 33",
        "dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6",
        "dJ/dc = 9",
    ):
        assert line in out
    assert "dJ/da = 3" in (tmp_path / "j-backward.dot").read_text()
    assert "J = 3 * v" in (tmp_path / "j-forward.dot").read_text()


@needs_dot
def test_demo_writes_svg_and_png(capsys, tmp_path) -> None:
    code, _, _ = run(capsys, ["demo", "--output-dir", str(tmp_path), "--steps"])
    assert code == 0
    for mode in ("forward", "backward"):
        assert "<svg" in (tmp_path / f"j-{mode}.svg").read_text()
        assert (tmp_path / f"j-{mode}.png").read_bytes().startswith(b"\x89PNG")
    assert len(list((tmp_path / "j-steps").iterdir())) == 6


def test_demo_without_graphviz_writes_dot_and_says_how_to_install(
    capsys, tmp_path, monkeypatch
) -> None:
    no_graphviz(monkeypatch, tmp_path)
    out_dir = tmp_path / "demo"
    code, out, _ = run(capsys, ["demo", "--output-dir", str(out_dir)])
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["j-backward.dot", "j-forward.dot"]
    assert "sudo apt-get install graphviz" in out


def test_the_installed_entry_point_as_a_process(tmp_path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "autograd_nn", *J_ARGS], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0 and "dJ/dc = 9" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "autograd_nn", "graph", "__import__('os').system('echo pwned')"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert "pwned" not in bad.stdout and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("autograd-nn: error:")


def test_compare_is_wired_into_the_command(capsys) -> None:
    from autograd_nn.cli import main

    status = main(["compare", "--layers", "2,3,1", "--activation", "relu", "--m", "8"])
    out = capsys.readouterr().out
    assert status == 0
    assert "dW1" in out and "db2" in out and "m times" in out
