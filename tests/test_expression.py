"""The safe expression language: what it builds, what it refuses, and that it never runs code."""

from __future__ import annotations

import ast
import builtins

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_nn_persistence import peak_bytes_of  # numpy's allocations traced

from autograd_nn import AutogradError
from autograd_nn.expression import ExpressionError, build, names_used, parse, parse_value

#: At least 20 things that must never be evaluated (and a few that merely are not the language).
UNSAFE = [
    "__import__('os')",
    "__import__('os').system('echo hi')",
    "a.__class__",
    "a.__class__.__bases__[0].__subclasses__()",
    "(lambda: 1)()",
    "lambda: 1",
    "[x for x in a]",
    "{x for x in a}",
    "(x for x in a)",
    "a[0]",
    "open('f')",
    "2**10**10",
    "a ** 1000",
    "a ** -101",
    "a if b else c",
    "'s'",
    "b'bytes'",
    "f'{a}'",
    "a; b",
    "exec('1')",
    "eval('1')",
    "compile('1', 'f', 'eval')",
    "globals()",
    "locals()",
    "vars()",
    "getattr(a, 'x')",
    "import os",
    "a = 1",
    "(a := 1)",
    "a < b",
    "a and b",
    "not a",
    "~a",
    "a % b",
    "a // b",
    "a << b",
    "[a, b]",
    "(a, b)",
    "{'k': a}",
    "exp(*a)",
    "exp(**a)",
    "sum(a, axis=__import__('os'))",
    "sum(a, dtype=1)",
    "exp(a, b)",
    "exp()",
    "_a + 1",
    "__builtins__",
    "1e400",
    "123456789012345678901234567890",
    "exp",
    "a.T",
    "...",
    "None",
    "True",
    "1j",
    "a\n+ b",
    "a" + "+a" * 300,
    "-" * 60 + "a",
    "(" * 150 + "a" + ")" * 150,
]


@pytest.mark.parametrize("source", UNSAFE)
def test_unsafe_expressions_are_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        build(source, {"a": 1.0, "b": 2.0, "c": 3.0})


def test_the_course_example_builds_and_differentiates() -> None:
    built = build("3*(a + b*c)", {"a": 5, "b": 3, "c": 2})
    J = built.root
    assert J.item() == 33  # 3 (5 + 3 * 2)
    J.backward()
    grads = {name: t.grad.item() for name, t in built.variables.items()}
    assert grads == {"a": 3, "b": 6, "c": 9}  # 3, 3c, 3b by hand
    assert list(built.variables) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("sigmoid(z)", {"z": 0.0}, 0.5),
        ("exp(x) - 1", {"x": 0.0}, 0.0),
        ("log(x)", {"x": 1.0}, 0.0),
        ("sqrt(x) ** 2", {"x": 9.0}, 9.0),
        ("-x + abs(x)", {"x": -2.0}, 4.0),
        ("tanh(x)", {"x": 0.0}, 0.0),
        ("relu(x) + relu(-x)", {"x": -3.0}, 3.0),
        ("leaky_relu(x, slope=0.5)", {"x": -4.0}, -2.0),
        ("sum(W)", {"W": [[1.0, 2.0], [3.0, 4.0]]}, 10.0),
        ("mean(W)", {"W": [[1.0, 2.0], [3.0, 4.0]]}, 2.5),
        ("max(W)", {"W": [[1.0, 2.0], [3.0, 4.0]]}, 4.0),
        ("sum(w @ x)", {"w": [[1.0, 2.0]], "x": [[3.0], [4.0]]}, 11.0),
        ("x / 4 + 2 ** 3", {"x": 2.0}, 8.5),
        ("+x", {"x": 1.5}, 1.5),
    ],
)
def test_allowed_operations(source: str, values: dict, expected: float) -> None:
    assert build(source, values).root.item() == pytest.approx(expected)


def test_keyword_arguments_reach_the_function() -> None:
    W = [[1.0, 2.0], [3.0, 4.0]]
    out = build("sum(W, axis=1, keepdims=True)", {"W": W}).root
    assert out.shape == (2, 1) and out.data.ravel().tolist() == [3.0, 7.0]
    soft = build("softmax(W, axis=0)", {"W": W}).root
    assert np.allclose(soft.data.sum(axis=0), 1.0)


def test_refusals_point_at_the_offending_part() -> None:
    with pytest.raises(ExpressionError) as caught:
        build("a + b.__class__", {"a": 1, "b": 2})
    assert caught.value.column == 5 and caught.value.snippet == "b.__class__"
    assert "column 5" in str(caught.value) and "^^^" in str(caught.value)
    with pytest.raises(ExpressionError, match="unknown function 'open'"):
        parse("1 + open('x')")


def test_missing_and_unused_variables_are_named() -> None:
    with pytest.raises(ExpressionError, match=r"no value given for variables b, c"):
        build("a + b * c", {"a": 1})
    with pytest.raises(ExpressionError, match=r"value given for d, which"):
        build("a", {"a": 1, "d": 2})


def test_overflow_is_reported_not_warned() -> None:
    with pytest.raises(ExpressionError, match="not finite"):
        build("exp(x)", {"x": 1e6})


def test_engine_errors_keep_their_message() -> None:
    with pytest.raises(AutogradError, match="log"):
        build("log(x)", {"x": 0.0})
    with pytest.raises(AutogradError, match="matmul"):
        build("A @ B", {"A": [[1.0, 2.0]], "B": [[1.0, 2.0]]})


def test_parse_value_reads_numbers_and_lists_only() -> None:
    assert parse_value("5") == 5.0 and parse_value("-1e-3") == -0.001
    assert parse_value("[[1, 2], [3, 4]]").tolist() == [[1.0, 2.0], [3.0, 4.0]]
    for bad in ("__import__('os')", "nan", "inf", "[1, [2]]", "a", "[1, 'x']"):
        with pytest.raises(ExpressionError):
            parse_value(bad)


# ------------------------------------------------------------------------ never runs code
_TOKENS = [
    "a",
    "b",
    "x",
    "1",
    "2",
    "0",
    "1e9",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "**",
    "@",
    ".",
    ",",
    "[",
    "]",
    "'",
    '"',
    "_",
    "__import__",
    "os",
    "exec",
    "eval",
    "open",
    "lambda",
    ":",
    ";",
    "=",
    " if ",
    " else ",
    " for ",
    " in ",
    "exp",
    "log",
    "sum",
    "axis=",
    "keepdims=",
    "True",
    "__class__",
    "{",
    "}",
    "<",
    "~",
    "not ",
    "%",
    "\\",
    "\n",
    "#",
    "!",
    "|",
    "&",
]


def _forbidden(*args, **kwargs):
    raise AssertionError("code evaluation attempted")


def _compile_ast_only(real):
    def compile_(source, filename, mode, flags=0, *args, **kwargs):
        if not flags & ast.PyCF_ONLY_AST:
            raise AssertionError("compilation to code attempted")
        return real(source, filename, mode, flags, *args, **kwargs)

    return compile_


def _grammar() -> st.SearchStrategy[str]:
    """Mostly valid expressions (so the fuzz reaches evaluation), with bad tokens spliced in."""
    leaves = st.sampled_from(["a", "b", "x", "1", "2", "0.5", "a.b", "a[0]", "'s'", "_a"])

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "**", "@"]), children)
        call = st.tuples(
            st.sampled_from(["exp", "log", "tanh", "sigmoid", "relu", "abs", "sqrt", "-", "open"]),
            children,
        )
        return st.one_of(
            binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            call.map(lambda t: f"{t[0]}({t[1]})"),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(_TOKENS), max_size=25).map("".join),
        _grammar(),
    )
)
def test_random_text_never_evaluates_code(source: str) -> None:
    build("a + 1", {"a": 1.0})  # imports numpy's lazy submodules (numpy.ma) before exec is patched
    real_compile = builtins.compile
    patches = {"eval": _forbidden, "exec": _forbidden, "compile": _compile_ast_only(real_compile)}
    saved = {name: getattr(builtins, name) for name in patches}
    try:
        for name, replacement in patches.items():
            setattr(builtins, name, replacement)
        try:
            pool = {"a": 2.0, "b": 3.0, "x": 0.5}
            used = names_used(parse(source))  # give exactly the values it uses, so it runs
            built = build(source, {name: pool[name] for name in used if name in pool})
        except AutogradError:  # ExpressionError, or the engine's own error (log(0), 1/0 ...)
            return
        except ValueError as error:  # only the unused-variable refusal, an ExpressionError
            raise AssertionError(f"unexpected {type(error).__name__}: {error}") from None
    finally:
        for name, original in saved.items():
            setattr(builtins, name, original)
    assert np.all(np.isfinite(built.root.data))


# ------------------------------------------------------------ resource bounds (issue 11.9)
@pytest.mark.parametrize(("source", "shown"), [("sum(a*b)", "a * b"), ("sum(a@b.T.T)", None)])
def test_a_result_too_big_is_refused_before_it_is_allocated(source, shown) -> None:
    """A 20000x1 times a 1x20000 broadcasts to 4 x 10^8 entries (3.2 GB)."""
    if shown is None:  # the same size by a matrix product
        source, shown = "sum(a@b)", "a @ b"
    values = {"a": np.zeros((20000, 1)), "b": np.zeros((1, 20000))}
    outcome, peak = peak_bytes_of(lambda: build(source, values))
    assert isinstance(outcome, ExpressionError), outcome
    message = str(outcome)
    assert f"{shown} would be (20000, 20000): 400,000,000 numbers" in message
    assert "at most 1,000,000" in message
    assert peak < 5_000_000  # bytes: nothing of the refused size was allocated


def test_the_entry_limit_counts_every_result_and_can_be_lowered() -> None:
    values = {"a": np.ones((10, 10))}
    assert build("sum(a*a)", values).root.item() == 100.0  # 100 + 100 + 100 + 1 entries
    with pytest.raises(ExpressionError, match=r"at most 250 numbers"):
        build("sum(a*a + a)", values, max_entries=250)
    with pytest.raises(ValueError, match="max_entries must be a positive integer"):
        build("a", values, max_entries=0)


@pytest.mark.parametrize(
    ("source", "suggestion"),
    [
        ("3(a+b)", "3*(a+b)"),
        ("(a+b)(a-b)", "(a+b)*(a-b)"),
        ("a(b+1)", "a*(b+1)"),
        ("2a + b", "2*a + b"),
        ("0.5(a)", "0.5*(a)"),
    ],
)
def test_a_missing_multiplication_sign_is_suggested(source, suggestion) -> None:
    values = {"a": 1.0, "b": 2.0} if "b" in source else {"a": 1.0}
    with pytest.raises(ExpressionError) as caught:
        build(source, values)
    assert f"did you mean {suggestion}?" in str(caught.value)
    assert build(suggestion, values).root.requires_grad  # and the suggestion works


# ------------------------------------------------------------------ issue 11.13
def test_wrong_argument_types_are_named() -> None:
    with pytest.raises(TypeError, match=r"build: values must be a dict \{name: value\}, got list"):
        build("a", [("a", 1.0)])
    with pytest.raises(TypeError, match=r"names_used: tree must be what parse\(source\) returns"):
        names_used("a + b")
    with pytest.raises(TypeError, match=r"parse_value: the value must be text, got int"):
        parse_value(5)
