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
    assert "\n  J = 3 * (a + b * c) = 33\n" in out  # J = 3 (5 + 3 * 2)
    assert "\n  b * c = 6\n" in out  # unnamed intermediates read as their expressions
    for line in ("dJ/da = 3", "dJ/db = 6", "dJ/dc = 9"):
        assert f"\n  {line}\n" in out
    assert "dJ/db = dJ/d(b * c) * d(b * c)/db = 3 * c = 3 * 2 = 6" in out
    assert "dJ/dc = dJ/d(b * c) * d(b * c)/dc = 3 * b = 3 * 3 = 9" in out


def test_graph_writes_forward_and_backward_diagrams(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, [*J_ARGS, "-o", str(tmp_path / "j.dot")])
    assert code == 0
    forward = (tmp_path / "j-forward.dot").read_text()
    backward = (tmp_path / "j-backward.dot").read_text()
    assert "J = 3 * (a + b * c)<BR/><B>33</B>" in forward
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
    assert "dJ/da = dJ/d(a @ b) @ b.T" in out


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
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "j-backprop.html",  # the player lays the graph out in the browser
        "j-backward.dot",
        "j-forward.dot",
    ]
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


# ------------------------------------------------------------ resource bounds (issue 11.9)
def test_graph_refuses_a_result_too_big_before_allocating(capsys) -> None:
    column = "[" + ",".join(["[0]"] * 20000) + "]"
    row = "[[" + ",".join(["0"] * 20000) + "]]"
    code, out, err = run(capsys, ["graph", "sum(a*b)", f"a={column}", f"b={row}"])
    assert code == 1 and out == ""
    assert err.startswith("autograd-nn: error:") and "(20000, 20000)" in err
    assert "Traceback" not in err and len(err) < 1000


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--m", "1000000000"], r"m = 1000000000 examples"),
        (["--layers", "2,100000,100000,1"], r"10,000,500,001 parameters"),
        (["--layers", "2,1000,1000,1", "--finite-differences"], r"--finite-differences runs"),
        (["--m", "100000", "--steps", "100000"], r"--steps"),
    ],
)
def test_compare_refuses_sizes_before_allocating(capsys, argv, message) -> None:
    code, out, err = run(capsys, ["compare", *argv])
    assert code == 2 and out == ""
    assert err.startswith("autograd-nn compare: error:") and re.search(message, err)
    assert "Traceback" not in err


def test_compare_sizes_of_the_course_pass_the_check() -> None:
    from autograd_nn.cli import check_network_size

    check_network_size([12288, 20, 7, 5, 1], 209)  # the course's cat network on its data
    check_network_size([2, 4, 1], 400, steps=10000, finite_differences=True)
    with pytest.raises(ValueError, match="m = 10000000 examples"):
        check_network_size([2, 4, 1], 10**7)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("def manual(parameters, X, Y:\n    return {}\n", r"(?i)syntax ?error.*line 1"),
        ("import no_such_module_xyz\n", r"ModuleNotFoundError.*no_such_module_xyz"),
        ("raise RuntimeError('boom')\n", r"RuntimeError: boom"),
    ],
)
def test_compare_manual_that_cannot_load_is_a_message(capsys, tmp_path, content, message) -> None:
    path = tmp_path / "bad.py"
    path.write_text(content)
    code, out, err = run(capsys, ["compare", "--manual", f"{path}:manual"])
    assert code == 2 and out == ""
    assert err.startswith("autograd-nn compare: error: --manual") and "bad.py" in err
    assert re.search(message, err) and "Traceback" not in err


def test_compare_manual_module_that_does_not_exist_is_a_message(capsys) -> None:
    code, _, err = run(capsys, ["compare", "--manual", "no_such_module_xyz:manual"])
    assert code == 2 and "no_such_module_xyz" in err and "Traceback" not in err


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """`autograd-nn graph ... | head -1`: head exits early; no 'Broken pipe' complaint."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        done = subprocess.run(
            [sys.executable, "-m", "autograd_nn", *J_ARGS],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141  # as a program killed by SIGPIPE, like `yes | head -1`


def test_the_dot_hint_names_a_file_that_gives_the_same_names(capsys, tmp_path, monkeypatch) -> None:
    no_graphviz(monkeypatch, tmp_path)
    code, _, err = run(capsys, [*J_ARGS, "-o", str(tmp_path / "x.svg")])
    assert code == 1
    hint = re.search(r"Or write DOT text with -o (\S+)", err).group(1)
    assert hint == str(tmp_path / "x.dot")  # -o x-forward.dot would write x-forward-forward.dot
    code, _, _ = run(capsys, [*J_ARGS, "-o", hint])
    assert code == 0
    assert sorted(p.name for p in tmp_path.glob("*.dot")) == ["x-backward.dot", "x-forward.dot"]


def test_check_network_size_names_wrong_arguments() -> None:
    from autograd_nn.cli import check_network_size

    with pytest.raises(ValueError, match=r"check_network_size: layer_dims must be a list"):
        check_network_size("2,4,1", 8)
    with pytest.raises(ValueError, match=r"check_network_size: m must be a positive integer"):
        check_network_size([2, 4, 1], 0)
    with pytest.raises(ValueError, match=r"check_network_size: steps must be an int >= 0"):
        check_network_size([2, 4, 1], 8, steps=-1)


# ------------------------------------------------------------ files (issue 11.10)
@pytest.fixture
def umask_022():
    import os

    old = os.umask(0o022)
    yield
    os.umask(old)


def test_outputs_honour_the_umask_and_long_names_work(capsys, tmp_path, umask_022) -> None:
    import stat

    stem = "x" * 238  # x-backward.dot: 251 characters, a name the file system accepts
    code, _, err = run(capsys, [*J_ARGS, "-o", str(tmp_path / f"{stem}.dot")])
    assert code == 0, err
    code, _, err = run(capsys, ["demo", "--output-dir", str(tmp_path / "demo"), "--steps"])
    assert code == 0, err
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) >= 4 and {len(p.name) for p in written} >= {250, 251}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name  # not mkstemp's 0600
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left
