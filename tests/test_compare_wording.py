"""Every message template of autograd_nn.compare, walked: articles, signs, parentheses.

A battery of situations (each of the usual mistakes, each bad input, each note) produces the
texts compare can print. While it runs, the lines of compare's modules that execute are
recorded, and the test checks that every message template (every string with a space in a
function of those modules) was reached: a new message without a situation here fails the test.
Then every text produced is checked for the slips a learner tripped over: "an (4, 4)", a
negative number after an operator without parentheses ("x -1"), unbalanced parentheses or
brackets, "1 rows", doubled words and stray spaces.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import io
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import learner_week3
import learner_week4
import numpy as np
import pytest
from compare_networks import learner, random_network

import autograd_nn.compare
from autograd_nn import reference
from autograd_nn.compare import ComparisonError, add_compare_command, autodiff_grads, compare, crash
from autograd_nn.compare import command as command_module
from autograd_nn.compare import comparison as comparison_module
from autograd_nn.nn import Model

MODULES = [
    importlib.import_module(f"autograd_nn.compare.{info.name}")
    for info in pkgutil.iter_modules(autograd_nn.compare.__path__)
]
"""Every module of compare: a new one is walked too."""


# --- the templates: strings with a space inside compare's functions -------------------------


def _message_lines(module: Any) -> dict[int, str]:
    """First line -> source of each message template in the functions of ``module``.

    A template is a string literal or f-string with a space in it, inside a function body and
    not a docstring. Its lines are [lineno, end_lineno]; it counts as reached when one of them
    ran.
    """
    source = Path(module.__file__).read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found: dict[int, str] = {}
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.JoinedStr):
                parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                parts = [node.value]
            else:
                continue
            if any(" " in part for part in parts):
                found[node.lineno] = lines[node.lineno - 1].strip()
                found[-node.lineno] = str(node.end_lineno)  # where it ends
    return found


def _templates(module: Any) -> list[tuple[int, int, str]]:
    lines = _message_lines(module)
    return sorted((start, int(lines[-start]), text) for start, text in lines.items() if start > 0)


class LineRecorder:
    """The lines of compare's modules that run, by file (``sys.settrace``)."""

    def __init__(self) -> None:
        self.files = {str(Path(m.__file__)) for m in MODULES}
        self.ran: dict[str, set[int]] = {name: set() for name in self.files}

    def _trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        filename = frame.f_code.co_filename
        if filename not in self.files:
            return None
        self.ran[filename].add(frame.f_lineno)
        return self._local

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.ran[frame.f_code.co_filename].add(frame.f_lineno)
        return self._local

    def __enter__(self) -> LineRecorder:
        self._previous = sys.gettrace()
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc: Any) -> None:
        sys.settrace(self._previous)


# --- the situations: every message compare has --------------------------------------------------

Texts = list[str]


def _report_texts(rep: Any) -> Texts:
    texts = [str(rep), rep.to_markdown(), rep.to_html(), rep.finding_the_bug(), *rep.notes]
    texts += [row.hint for row in rep.rows if row.hint]
    finding = rep.finding
    if finding is not None:
        texts.append(finding.hint)
    return texts


def _error(call: Callable[[], Any]) -> Texts:
    with pytest.raises(ComparisonError) as caught:
        call()
    return [str(caught.value)]


def _mistakes() -> Iterator[Texts]:
    """Every hint of diagnosis: the usual mistakes, each planted once."""
    square, X, Y = random_network([3, 3, 3, 1], 20, seed=7)  # layer 2 is (3, 3)
    for activation, bug, layer in [
        ("tanh", "no 1/m", 2),
        ("tanh", "transposed A", 2),  # square: transposed with the right shape
        ("tanh", "transposed A", 1),  # (3, 3) against... layer 1 is (3, 3) too
        ("relu", "db rank-1", 2),
        ("relu", "A instead of Z", 2),
        ("tanh", "A instead of Z", 1),
        ("tanh", "forgot g'", 2),
        ("tanh", "Z in 1 - A^2", 2),
        ("sigmoid", "forgot g'", 1),
        ("tanh", "forgot g'", 1),
    ]:
        yield _report_texts(
            compare(
                square, X, Y, hidden_activation=activation, manual=learner(activation, bug, layer)
            )
        )
    for activation, bug in [("tanh", "forgot g'"), ("relu", "A instead of Z")]:
        quiet = learner(activation, bug, 1, intermediates=False)  # traced back from dW, db
        yield _report_texts(compare(square, X, Y, hidden_activation=activation, manual=quiet))
    wide, Xw, Yw = random_network([2, 4, 3, 1], 20, seed=8)
    yield _report_texts(
        compare(wide, Xw, Yw, hidden_activation="tanh", manual=learner("tanh", "transposed A", 2))
    )
    yield _report_texts(
        compare(wide, Xw, Yw, hidden_activation="relu", manual=learner("relu", "db rank-1", 3))
    )
    correct = learner("tanh")

    def changed(**changes: Callable[[dict, np.ndarray, np.ndarray], np.ndarray]) -> Callable:
        def backward(parameters, X, Y):
            grads = correct(parameters, X, Y)
            caches = reference.L_model_forward(X, parameters, "tanh")[1]
            for key, change in changes.items():
                grads[key] = change(grads, X, caches)
            return grads

        return backward

    for changes in [
        {"dZ3": lambda g, X, c: -g["dZ3"]},  # dZ[L] = Y - A[L]
        {"dZ2": lambda g, X, c: -g["dZ2"]},  # a hidden dZ with the wrong sign
        {"dZ2": lambda g, X, c: g["dZ2"] / 20},  # 1/m twice
        {"dZ2": lambda g, X, c: g["dZ2"].T},  # a transposed dZ
        {"dZ2": lambda g, X, c: g["dZ2"][:, :5]},  # another shape
        {"dZ2": lambda g, X, c: 1.5 * g["dZ2"]},  # no usual mistake: recheck with g
        {"dZ3": lambda g, X, c: 1.5 * g["dZ3"]},  # recheck dZ[L] = A[L] - Y
        {"dA2": lambda g, X, c: 1.5 * g["dA2"]},  # recheck dA[l-1], rows before agree
        {"db1": lambda g, X, c: np.sum(g["dZ1"]) / 20},  # np.sum without axis, n > 1
        {"db1": lambda g, X, c: np.sum(g["dZ1"], keepdims=True)},  # (1, 1), no 1/m
        {"db1": lambda g, X, c: np.sum(g["dZ1"], axis=0) / 20},  # over the units, (m,)
        {"dW1": lambda g, X, c: np.dot(g["dZ1"], c[1][0][0].T)},  # dZ1 A1^T, no 1/m
    ]:
        yield _report_texts(
            compare(square, X, Y, hidden_activation="tanh", manual=changed(**changes))
        )
    week3, X3, Y3 = random_network([2, 4, 1], 20, seed=5)
    for line, mistake in [
        ("db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)", "db2 = np.sum(dZ2)"),
        ("db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)", "db2 = (1 / m) * np.sum(dZ2)"),
    ]:
        source = Path(learner_week3.__file__).read_text().replace(line, mistake)
        namespace: dict[str, Any] = {}
        exec(compile(source, "week3_with_a_mistake.py", "exec"), namespace)
        yield _report_texts(
            compare(
                week3, X3, Y3, hidden_activation="tanh", manual=namespace["backward_propagation"]
            )
        )
    one, X1, Y1 = random_network([3, 1], 20, seed=9)  # L = 1: dA[1] and db[1] with n = 1
    yield _report_texts(
        compare(
            one,
            X1,
            Y1,
            manual=lambda p, X, Y: {
                "dW1": learner("tanh")(p, X, Y)["dW1"],
                "db1": np.sum(X[:1] * 0),
            },
        )
    )

    def wrong_dAL(parameters, X, Y):
        grads = correct(parameters, X, Y)
        AL = reference.L_model_forward(X, parameters, "tanh")[0]
        grads["dA3"] = Y / AL - (1 - Y) / (1 - AL)
        return grads

    yield _report_texts(compare(square, X, Y, hidden_activation="tanh", manual=wrong_dAL))
    # aliasing: the next step's dZ = dA changes the stored dA (relu, leaky_relu, tanh)
    for activation in ("relu", "leaky_relu", "tanh"):

        def aliased(parameters, X, Y, activation=activation):
            AL, caches = reference.L_model_forward(X, parameters, activation)
            grads = reference.L_model_backward(AL, Y, caches, activation)
            grads["dA2"] = reference.ACTIVATIONS[activation][1](grads["dA2"], caches[1][1])
            return grads

        yield _report_texts(compare(square, X, Y, hidden_activation=activation, manual=aliased))
    # the sigmoid of a hidden layer written with Z
    yield _report_texts(
        compare(
            square, X, Y, hidden_activation="sigmoid", manual=_sigmoid_with_Z(learner("sigmoid"))
        )
    )
    yield _report_texts(
        compare(square, X, Y, hidden_activation="relu", manual=_inverted_mask(learner("relu")))
    )


def _sigmoid_with_Z(correct: Callable) -> Callable:
    def backward(parameters, X, Y):
        grads = correct(parameters, X, Y)
        caches = reference.L_model_forward(X, parameters, "sigmoid")[1]
        Z2 = caches[1][1]
        grads["dZ2"] = grads["dA2"] * Z2 * (1 - Z2)
        return grads

    return backward


def _inverted_mask(correct: Callable) -> Callable:
    def backward(parameters, X, Y):
        grads = correct(parameters, X, Y)
        Z2 = reference.L_model_forward(X, parameters, "relu")[1][1][1]
        grads["dZ2"] = np.where(Z2 > 0, 0.0, grads["dA2"])
        return grads

    return backward


def _notes() -> Iterator[Texts]:
    """Rounding, symmetry, in place, the older week-4 naming, finite differences."""
    zeros = {f"{p}{l}": np.zeros(s) for l, (n, k) in enumerate([(4, 2), (1, 4)], 1)
             for p, s in (("W", (n, k)), ("b", (n, 1)))}  # fmt: skip
    X, Y = random_network([2, 4, 1], 400, seed=1)[1:]
    yield _report_texts(compare(zeros, X, Y, hidden_activation="sigmoid"))
    symmetric = {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)), "W2": np.ones((1, 3)),
                 "b2": np.zeros((1, 1))}  # fmt: skip
    yield _report_texts(compare(symmetric, X, Y, hidden_activation="tanh"))
    many = [(f"dW{l}", 2e-17 * l, 1e-13) for l in range(1, 8)]  # seven rows, five named
    yield [comparison_module.rounding_note(many)]
    parameters, X, Y = random_network([3, 4, 3, 1], 20, seed=5)

    def changes_everything(AL, Y, caches):
        grads = learner_week4.L_model_backward(AL, Y, caches)
        for linear, Z in caches:
            for array in (*linear, Z):
                array *= 2
        return grads

    changes_everything.__globals__["L_model_forward"] = learner_week4.L_model_forward
    yield _report_texts(
        compare(parameters, X, Y, hidden_activation="relu", manual=changes_everything)
    )

    def older(AL, Y, caches):
        grads = learner_week4.L_model_backward(AL, Y, caches)
        return {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v for k, v in grads.items()}

    yield _report_texts(
        compare(
            parameters,
            X,
            Y,
            hidden_activation="relu",
            manual=older,
            forward=learner_week4.L_model_forward,
            finite_differences=True,
        )
    )
    model = Model.from_layer_dims([3, 4, 3, 1], hidden_activation="tanh", seed=3)
    yield _report_texts(compare(model, X, Y, finite_differences=True))
    yield _report_texts(compare(model, X, Y, manual=learner("tanh", "no 1/m", 1),
                                finite_differences=True))  # fmt: skip


def _errors(tmp_path: Path) -> Iterator[Texts]:
    """Every error of inputs, manual and command."""
    parameters, X, Y = random_network([2, 4, 1], 20, seed=3)
    good = learner("tanh")
    yield _error(lambda: compare(parameters, X[0], Y))
    yield _error(lambda: compare(parameters, X[:, :0], Y[:, :0]))
    yield _error(lambda: compare(parameters, X, Y[0]))
    yield _error(lambda: compare(parameters, X, Y.T))
    yield _error(lambda: compare(parameters, X, np.ones((2, 20))))
    yield _error(lambda: compare(parameters, X * np.inf, Y))
    yield _error(lambda: compare(parameters, X, Y * 2))
    yield _error(lambda: compare([1, 2], X, Y))
    yield _error(lambda: compare({"W1": parameters["W1"], "c": 1}, X, Y))
    yield _error(lambda: compare({"b1": parameters["b1"]}, X, Y))
    yield _error(lambda: compare(dict(parameters, W1=parameters["W1"].T), X, Y))
    yield _error(lambda: compare(dict(parameters, W2=np.ones((1, 3))), X, Y))
    yield _error(lambda: compare(dict(parameters, b1=np.ones((4,))), X, Y))
    yield _error(lambda: compare(dict(parameters, b1=np.full((4, 1), np.nan)), X, Y))
    yield _error(lambda: compare(dict(parameters, W2=np.ones((2, 4)), b2=np.ones((2, 1))), X, Y))
    yield _error(lambda: compare(dict(parameters, W1=parameters["W1"] + 1j), X, Y))
    yield _error(lambda: compare(dict(parameters, W1="W1"), X, Y))
    yield _error(lambda: compare(parameters, X, Y, output_activation="softmax"))
    yield _error(lambda: compare(parameters, X, Y, hidden_activation="swish"))
    yield _error(lambda: compare(parameters, X, Y, tolerance=-1))
    yield _error(lambda: compare(parameters, X, Y, forward=learner_week3.forward_propagation))
    yield _error(lambda: compare(object(), X, Y))

    class FailingModel:
        def get_parameters(self):
            raise KeyError("W1")

    yield _error(lambda: compare(FailingModel(), X, Y))
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=1)
    yield _error(lambda: compare(model, X, Y, hidden_activation="relu"))
    mixed = Model.from_layer_dims([2, 4, 3, 1], hidden_activation="tanh", seed=1)
    mixed.layers[1].activation_name = "relu"
    yield _error(lambda: compare(mixed, X, Y))
    # your function: its form, its forward, what it returns
    yield _error(lambda: compare(parameters, X, Y, manual=42))
    yield _error(lambda: compare(parameters, X, Y, manual=lambda parameters, X: {}))
    yield _error(lambda: compare(parameters, X, Y, manual=good, forward=good))

    def backward_propagation(parameters, cache, X, Y):
        return learner_week3.backward_propagation(parameters, cache, X, Y)

    yield _error(lambda: compare(parameters, X, Y, hidden_activation="tanh",
                                 manual=backward_propagation))  # fmt: skip
    yield _error(lambda: compare(parameters, X, Y, manual=backward_propagation, forward=3))
    for forward in (
        lambda X, parameters: 3,
        lambda X, parameters: ("AL", {}),
        lambda X, parameters: (np.ones((1, 3)), {}),
        lambda X, parameters: (np.full((1, 20), 0.5), {}),
        lambda parameters, X: learner_week3.forward_propagation(X, parameters),
        lambda X, parameters: 1 / 0,
    ):
        try:
            compare(parameters, X, Y, hidden_activation="tanh", manual=backward_propagation,
                    forward=forward)  # fmt: skip
        except ComparisonError as error:
            yield [str(error)]
    yield _error(lambda: compare(parameters, X, Y, hidden_activation="relu",
                                 manual=learner_week3.backward_propagation))  # fmt: skip
    yield _error(lambda: compare(parameters, X, Y, manual=lambda parameters, X, Y: [1]))
    yield _error(lambda: compare(parameters, X, Y, manual=lambda parameters, X, Y: {}))
    yield _error(lambda: compare(parameters, X, Y, hidden_activation="tanh",
                                 manual=lambda p, X, Y: dict(good(p, X, Y), dZ1=None)))  # fmt: skip
    yield _error(lambda: compare(parameters, X, Y, hidden_activation="tanh",
                                 manual=lambda p, X, Y: dict(good(p, X, Y), dW1="x")))  # fmt: skip
    yield _error(lambda: compare(parameters, X, Y, manual=dict))  # fails outside your code
    yield _error(lambda: compare(parameters, X, Y, manual=lambda p, X, Y: np.dot(X, X)))

    def linear_backward(dZ, A_prev):
        return np.dot(dZ, A_prev)  # A_prev.T forgotten

    def helpers(parameters, X, Y):  # the crash is in a helper: its callers are named
        return {"dW1": linear_backward(np.ones((4, 20)), X)}

    yield _error(lambda: compare(parameters, X, Y, manual=helpers))

    def down(n):  # a recursion that ends in an error (a RecursionError would stop the tracing)
        return down(n - 1) if n else np.dot(X, X)

    yield _error(lambda: compare(parameters, X, Y, manual=lambda p, X, Y: down(5)))
    yield _error(lambda: autodiff_grads([1, 2], X, Y))
    quiet = learner("tanh", intermediates=False)

    def unrecognised(parameters, X, Y):
        grads = quiet(parameters, X, Y)
        grads["dW1"] = 1.5 * grads["dW1"]
        return grads

    yield _report_texts(compare(parameters, X, Y, hidden_activation="tanh", manual=unrecognised))
    # the command line
    source = tmp_path / "mine.py"
    source.write_text("def backward(parameters, X, Y):\n    return {}\n")
    broken = tmp_path / "broken.py"
    broken.write_text("def backward(:\n")
    failing = tmp_path / "failing.py"
    failing.write_text("import no_such_module_here\n")
    small = ["compare", "--layers", "2,3,1", "--m", "6"]
    with pytest.MonkeyPatch.context() as patch:  # a file importlib cannot make a module of
        patch.setattr(command_module.importlib.util, "spec_from_file_location", lambda *a: None)
        yield _cli([*small, "--manual", f"{source}:backward"])
    for spec in ("nocolon", f"{tmp_path / 'absent.py'}:f", f"{source}:missing",
                 f"{broken}:backward", f"{failing}:backward", "no_such_module_here:f"):  # fmt: skip
        yield _cli([*small, "--manual", spec])
    for argv in (["compare", "--layers", "x"], ["compare", "--layers", "3"],
                 ["compare", "--m", "0"], ["compare", "--seed", "-1"],
                 ["compare", "--layers", "3,4,1"], [*small, "--steps", "1"],
                 [*small, "--markdown", "--manual", f"{source}:backward"]):  # fmt: skip
        yield _cli(argv)


def _cli(argv: list[str]) -> Texts:
    """What ``autograd-nn compare`` prints (stdout and stderr) for ``argv``."""
    parser = argparse.ArgumentParser(prog="autograd-nn")
    add_compare_command(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args(argv)
            args.func(args)
        except SystemExit:
            pass
    return [out.getvalue(), err.getvalue().split("\n", 1)[-1] if "usage:" in err.getvalue()
            else err.getvalue()]  # fmt: skip


def _exception_texts() -> Iterator[Texts]:
    class SilentError(Exception):
        def __str__(self):
            return ""

    class BrokenError(Exception):
        def __str__(self):
            raise RuntimeError("no message")

    class NotTextError(Exception):
        def __str__(self):
            return 3  # str() raises TypeError: "__str__ returned non-string"

    for error in (SilentError(), BrokenError(), NotTextError(), ValueError("x" * 400)):
        yield [crash.exception_text(error)]
    yield [crash.crash_message("f(x)", ValueError("bad"), "(shapes: X (2, 3))")]


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Texts, LineRecorder]:
    """Every situation run once, with the lines of compare's modules recorded."""
    texts: Texts = []
    tmp_path = tmp_path_factory.mktemp("wording")
    with LineRecorder() as recorder:
        for situation in (_mistakes(), _notes(), _errors(tmp_path), _exception_texts()):
            for produced in situation:
                texts += produced
    return [text for text in texts if text], recorder


def test_every_message_template_is_reached(walked):
    _, recorder = walked
    unreached = []
    for module in MODULES:
        ran = recorder.ran[str(Path(module.__file__))]
        for start, end, text in _templates(module):
            if not ran & set(range(start, end + 1)):
                unreached.append(f"{Path(module.__file__).name}:{start}: {text[:90]}")
    assert not unreached, "message templates no situation reaches:\n" + "\n".join(unreached)


# --- the checks on every text produced -----------------------------------------------------------

SLIPS = [
    (re.compile(r"\ban \((?!8|11,|18)"), "'an' before a shape read as 'a (4, 4)'"),
    (re.compile(r"\ba \((?=8|11,|18)"), "'a' before a shape that starts with a vowel sound"),
    (re.compile(r"\ban (?!n\[|L\b|m\b|X\b|A\b|hour)[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]\w"),
     "'an' before a consonant"),
    (re.compile(r"\ba (?!one|uni|use|usual)[aeiouAEIO]"), "'a' before a vowel"),
    (re.compile(r"(?<![\w\-`'\"])[+*/×] -(?=[\d.])"), "a negative number after an operator"),
    (re.compile(r"(?<![<>=] )\b1 (rows|entries|arrays|units|layers|examples|keys)\b"),
     "'1' with a plural"),
    (re.compile(r"\b(\w+) \1\b(?! \1)"), "a doubled word"),
    (re.compile(r"[^ \n] {2,}[^ \n|]"), "two spaces inside a sentence"),
    (re.compile(r" [,.;:](?![\d.]|\.\.)"), "a space before punctuation"),
    (re.compile(r"\w\.\.(?:\s|$)"), "'..' ending a sentence"),  # 1..L-1 is a range
]  # fmt: skip


def _prose(text: str) -> Iterator[str]:
    """The lines of a text that are prose: not table rows, not entries, not code or HTML."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("|", "<", "quantity", "---", "entry", "[")):
            continue
        if re.match(r"^(\(\d+, \d+\)|\[\d+\]|d[AZWb]\d+ )", stripped):
            continue  # a table row or an entry shown side by side
        if line.startswith("    "):  # the learner's own statement, quoted
            continue
        yield stripped


@pytest.mark.parametrize(("pattern", "slip"), SLIPS, ids=[slip for _, slip in SLIPS])
def test_no_text_has_the_slip(walked, pattern, slip):
    texts, _ = walked
    found = [line for text in texts for line in _prose(text) if pattern.search(line)]
    assert not found, f"{slip}:\n" + "\n".join(found[:10])


def test_parentheses_and_brackets_balance_in_every_text(walked):
    texts, _ = walked
    unbalanced = []
    for text in texts:
        prose = " ".join(_prose(text))  # a paragraph wrapped over lines is one text
        # code and names in quotes may hold anything: `dZ[Z <= 0] = 0`, 'a(', "x["
        body = re.sub(r"`[^`]*`|'[^'\s]*'|\"[^\"\s]*\"", "", prose)
        depth = {"(": 0, "[": 0}
        for char in body:
            if char in "([":
                depth[char] += 1
            elif char in ")]":
                depth["(" if char == ")" else "["] -= 1
            if min(depth.values()) < 0:
                break
        if any(depth.values()):
            unbalanced.append(prose)
    assert not unbalanced, "\n".join(unbalanced[:10])


def test_the_walk_saw_enough_texts(walked):
    texts, _ = walked
    assert len(texts) > 150
    joined = "\n".join(texts)
    for sample in ("into a (3, 3) update", "Up to rounding: ", "Symmetry: ", "In place: ",
                   "is one number, shape ()", "(its message could not be printed"):  # fmt: skip
        assert sample in joined, sample
