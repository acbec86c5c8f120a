"""autograd_nn.exercises in Python: blanks, grading with named mistakes, answers, generate.

Oracles: the values worked by hand for J = 3(a + bc) and y = x*x + 2*x, the course's formulas
for logistic regression and the 2-layer network (dw = (1/m) X dZ^T, dZ1 = W2^T dZ2 * (1 - A1^2),
dW1 = (1/m) dZ1 X^T), and the mistakes computed from those formulas in numpy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from course_graphs import j_example, reused_value

from autograd_nn import Tensor
from autograd_nn import functions as fn
from autograd_nn.errors import BackwardError
from autograd_nn.exercises import LEVELS, Exercise, generate
from autograd_nn.exercises.answers import AnswerError, agrees, as_text, read
from autograd_nn.graph import toposort

ROOT = Path(__file__).resolve().parents[1]


def node(J: Tensor, name: str) -> Tensor:
    """The tensor called ``name`` in J's graph."""
    (found,) = [t for t in toposort(J) if t.name == name]
    return found


def j_exercise(ask: str = "both") -> Exercise:
    J, names = j_example()
    return Exercise(J, ask, names=names)


# ------------------------------------------------------------------ J = 3(a + bc)
def test_j_blanks_are_the_course_ones_in_backward_order() -> None:
    ex = j_exercise()
    hand = {  # a = 5, b = 3, c = 2: u = 6, v = 11, J = 33
        "dJ/dv": 3,
        "dv/da": 1,
        "dJ/da": 3,
        "dv/du": 1,
        "dJ/du": 3,
        "du/db": 2,  # c
        "dJ/db": 6,  # dJ/du * c
        "du/dc": 3,  # b
        "dJ/dc": 9,  # dJ/du * b
    }
    assert [b.id for b in ex.blanks] == list(hand)
    assert {b.id: float(b.expected) for b in ex.blanks} == hand
    assert {b.id: b.kind for b in ex.blanks}["du/db"] == "local"
    assert {b.id: b.kind for b in ex.blanks}["dJ/db"] == "gradient"
    by_id = {b.id: b for b in ex.blanks}
    assert by_id["du/db"].hint == "d(b * c)/db = c"
    assert by_id["du/db"].shape == ()
    assert "local derivative of u = b * c with respect to b" in by_id["du/db"].prompt
    assert by_id["dJ/db"].solution == "dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6"


def test_all_right_gives_full_marks() -> None:
    ex = j_exercise("both")
    grade = ex.grade({b.id: float(b.expected) for b in ex.blanks})
    assert grade.score == grade.total == len(ex.blanks) == 9
    assert all(v.status == "right" for v in grade.verdicts.values())
    assert grade.feedback == "all 9 right"


def test_other_operand_is_named() -> None:
    grade = j_exercise().grade({"du/db": 3})
    verdict = grade.verdicts["du/db"]
    assert verdict.status == "wrong"
    assert verdict.mistake == "other operand"
    assert verdict.feedback.startswith("3 is b itself")
    assert "other factor, du/db = c = 2" in verdict.feedback
    assert grade.feedback == "du/db: " + verdict.feedback


def test_missing_upstream_is_named() -> None:
    verdict = j_exercise().grade({"dJ/db": 2}).verdicts["dJ/db"]
    assert verdict.mistake == "missing upstream"
    assert "leaves out the upstream gradient dJ/du = 3" in verdict.feedback


def test_sign_and_gradient_for_local_are_named() -> None:
    grade = j_exercise().grade({"du/db": -2, "du/dc": 9, "dJ/dc": 6})
    assert grade.verdicts["du/db"].mistake == "sign"
    assert grade.verdicts["du/dc"].mistake == "gradient for local"  # dJ/du * du/dc = 9
    assert grade.verdicts["dJ/dc"].mistake == "other operand"  # 3 * c instead of 3 * b
    assert grade.score == 0
    assert grade.feedback.startswith("du/db: the sign is wrong")  # first wrong, backward order


def test_first_wrong_blank_in_backward_order_is_explained() -> None:
    ex = j_exercise()
    answers = {b.id: float(b.expected) for b in ex.blanks}
    answers.update({"dJ/dc": 3, "dJ/da": 1})
    grade = ex.grade(answers)
    assert grade.score == 7
    assert grade.feedback.startswith("dJ/da: 1 leaves out the upstream gradient dJ/dv = 3")


def test_missing_answers_and_unreadable_text() -> None:
    grade = j_exercise().grade({"du/db": "", "dJ/db": "two", "dJ/dc": None})
    assert grade.verdicts["du/db"].status == "missing"
    assert grade.verdicts["dJ/dc"].status == "missing"
    assert grade.verdicts["dJ/db"].status == "wrong"
    assert "cannot read this answer" in grade.verdicts["dJ/db"].feedback
    assert j_exercise().grade({}).feedback == "no mistakes so far; 9 of 9 left (next: dJ/dv)"


def test_unnamed_wrong_answer_gives_the_rule() -> None:
    verdict = j_exercise().grade({"dJ/db": 17}).verdicts["dJ/db"]
    assert verdict.status == "wrong" and verdict.mistake is None
    assert verdict.feedback == "not dJ/db: dJ/db = dJ/du * du/db"


def test_ask_local_gradients_forward() -> None:
    J, names = j_example()
    local = Exercise(J, "local", names=names)
    assert [b.id for b in local.blanks] == ["dJ/dv", "dv/da", "dv/du", "du/db", "du/dc"]
    gradients = Exercise(J, "gradients", names=names)
    assert [b.id for b in gradients.blanks] == ["dJ/dv", "dJ/da", "dJ/du", "dJ/db", "dJ/dc"]
    forward = Exercise(J, "forward", names=names)
    assert {b.id: float(b.expected) for b in forward.blanks} == {"u": 6, "v": 11, "J": 33}
    assert forward.grade({"u": -6}).verdicts["u"].mistake == "sign"
    assert (
        forward.grade({"v": 12}).verdicts["v"].feedback
        == "not v: compute v = a + u from a = 5, u = 6"
    )


def test_course_grad_names() -> None:
    J, names = j_example()
    ex = Exercise(J, "gradients", names=names, grad_names="course")
    assert [b.id for b in ex.blanks] == ["dv", "da", "du", "db", "dc"]
    assert ex.grade({"db": 6, "dc": 6}).verdicts["dc"].mistake == "other operand"


def test_seed_asks_part_and_shows_the_rest() -> None:
    J, names = j_example()
    every = [b.id for b in Exercise(J, names=names).blanks]
    chosen = [Exercise(J, seed=s, names=names) for s in range(8)]
    for ex in chosen:
        assert 1 <= len(ex.blanks) <= len(every)
        assert sorted(b.id for b in ex.blanks + ex.shown) == sorted(every)
        assert [b.id for b in ex.blanks] == [
            b.id for b in Exercise(J, seed=ex.seed, names=names).blanks
        ]
    assert len({tuple(b.id for b in ex.blanks) for ex in chosen}) > 1


# ------------------------------------------------------------------ paths that meet
def test_missing_path_at_a_reused_value_is_named() -> None:
    y, _ = reused_value()  # y = x*x + 2*x at x = 3: dy/dx = 2x + 2 = 8
    ex = Exercise(y, "gradients")
    (dx,) = [b for b in ex.blanks if b.id == "dy/dx"]
    assert float(dx.expected) == 8
    for answer, through in ((6, "2 * x"), (5, "x * x")):
        verdict = ex.grade({"dy/dx": answer}).verdicts["dy/dx"]
        assert verdict.mistake == "missing path"
        assert "leaves out the path through" in verdict.feedback and through in verdict.feedback
        assert "x is used 3 times" in verdict.feedback
    assert ex.grade({"dy/dx": 8}).score == 1


def test_two_edges_from_one_product_get_two_ids() -> None:
    y, _ = reused_value()
    ids = [b.id for b in Exercise(y, "local").blanks]
    assert len(ids) == len(set(ids))
    assert any(i.endswith("(2)") for i in ids)


# ------------------------------------------------------------------ logistic regression, m = 2
def logistic_m2() -> tuple[Tensor, dict]:
    X = Tensor([[1.0, -2.0], [0.5, 1.5]], name="X", requires_grad=False)
    Y = Tensor([[1.0, 0.0]], name="Y", requires_grad=False)
    w = Tensor([[0.3], [-0.4]], name="w")
    b = Tensor([[0.1]], name="b")
    Z = w.T @ X + b
    Z.name = "Z"
    A = fn.sigmoid(Z)
    A.name = "A"
    L = fn.logistic_loss(Z, Y, A)
    L.name = "L"
    J = L.mean()
    J.name = "J"
    J.backward()
    return J, {"X": X, "Y": Y, "w": w, "b": b, "Z": Z, "A": A}


def test_logistic_missing_one_over_m_is_named() -> None:
    J, t = logistic_m2()
    ex = Exercise(J, "gradients", grad_names="course")
    m = 2
    A, Y, X = t["A"].data, t["Y"].data, t["X"].data
    dw = X @ (A - Y).T / m  # the course: dw = (1/m) X (A - Y)^T
    (blank,) = [b for b in ex.blanks if b.id == "dw"]
    np.testing.assert_allclose(blank.expected, dw, rtol=1e-12)
    grade = ex.grade({"dw": X @ (A - Y).T, "db": np.sum(A - Y), "dZ": A - Y})
    for key in ("dw", "db", "dZ"):
        assert grade.verdicts[key].mistake == "missing 1/m", key
        assert "the 1/m of J = mean(L) is missing" in grade.verdicts[key].feedback
    assert ex.grade({"dw": dw}).verdicts["dw"].status == "right"


def test_generated_logistic_is_the_course_graph() -> None:
    ex = generate("logistic", 3)
    ids = [b.id for b in ex.blanks]
    for wanted in ("dz", "da", "dw1", "dw2", "db", "du1/dw1"):
        assert wanted in ids
    J = ex.J
    a, y, z = node(J, "a").data, node(J, "y").data, node(J, "z").data
    x1, x2 = node(J, "x1").data, node(J, "x2").data
    by_id = {b.id: float(b.expected) for b in ex.blanks}
    assert by_id["dz"] == pytest.approx(a - y, rel=1e-12)  # dz = a - y
    assert by_id["da"] == pytest.approx(-y / a + (1 - y) / (1 - a), rel=1e-12)
    assert by_id["dw1"] == pytest.approx(x1 * (a - y), rel=1e-12)
    assert by_id["dw2"] == pytest.approx(x2 * (a - y), rel=1e-12)
    assert ex.grade({"du1/dw1": float(node(J, "w1").data)}).verdicts["du1/dw1"].mistake == (
        "other operand"
    )
    assert float(z) == pytest.approx(
        float(node(J, "w1").data * x1 + node(J, "w2").data * x2 + node(J, "b").data)
    )


# ------------------------------------------------------------------ the 2-layer network
def course_two_layer(ex: Exercise) -> dict[str, np.ndarray]:
    """The course's backward formulas, in numpy, on the exercise's values."""
    J = ex.J
    X, Y = node(J, "X").data, node(J, "Y").data
    W2 = node(J, "W2").data
    A1, A2, Z1 = node(J, "A1").data, node(J, "A2").data, node(J, "Z1").data
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    dA1 = W2.T @ dZ2 / m
    dZ1 = dA1 * (1 - A1**2)
    dW1 = dZ1 @ X.T
    return {"dZ2": dZ2 / m, "dW2": dW2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "Z1": Z1}


@pytest.mark.parametrize("seed", [0, 7, 11])
def test_two_layer_tanh_derivative_at_z_is_named(seed: int) -> None:
    ex = generate("two-layer", seed)
    course = course_two_layer(ex)
    by_id = {b.id: b for b in ex.blanks}
    for key in ("dZ2", "dW2", "dA1", "dZ1", "dW1"):
        np.testing.assert_allclose(by_id[key].expected, course[key], rtol=1e-12, err_msg=key)
    wrong = course["dA1"] * (1 - course["Z1"] ** 2)  # tanh' taken from Z1
    verdict = ex.grade({"dZ1": wrong}).verdicts["dZ1"]
    assert verdict.mistake == "wrong point"
    assert "takes tanh' at Z1 instead of at A1 = tanh(Z1)" in verdict.feedback
    assert "1 - A1^2, not 1 - Z1^2" in verdict.feedback
    local = ex.grade({"dA1/dZ1": 1 - course["Z1"] ** 2}).verdicts["dA1/dZ1"]
    assert local.mistake == "wrong point"
    grade = ex.grade({"dW1": course["dW1"] * 2, "dZ1": course["dZ1"]})
    assert grade.verdicts["dW1"].mistake == "missing 1/m"
    assert grade.verdicts["dZ1"].status == "right"
    if not np.allclose(course["dW1"], course["dW1"].T):
        assert ex.grade({"dW1": course["dW1"].T}).verdicts["dW1"].mistake == "transposed"


def test_two_layer_unsummed_db_is_named() -> None:
    ex = generate("two-layer", 7)
    course = course_two_layer(ex)
    verdict = ex.grade({"db1": course["dZ1"]}).verdicts["db1"]
    assert verdict.mistake == "not summed"
    right = ex.grade({"db1": course["dZ1"].sum(axis=1, keepdims=True)})
    assert right.verdicts["db1"].status == "right"


def test_shape_mismatch_is_said() -> None:
    ex = generate("two-layer", 7)
    verdict = ex.grade({"dW1": [1, 2, 3]}).verdicts["dW1"]
    assert verdict.feedback == "dW1 has shape (2, 2); this answer has shape (3,)"


# ------------------------------------------------------------------ every named mistake, back
@pytest.mark.parametrize("level", LEVELS)
def test_each_named_mistake_is_graded_as_itself(level: str) -> None:
    for seed in range(6):
        ex = generate(level, seed)
        for blank in ex.blanks:
            assert np.all(np.isfinite(blank.expected))
            assert ex.grade({blank.id: blank.expected}).verdicts[blank.id].status == "right"
            for mistake in blank.mistakes:
                verdict = ex.grade({blank.id: mistake.value}).verdicts[blank.id]
                assert verdict.status == "wrong"
                assert (verdict.mistake, verdict.feedback) == (mistake.kind, mistake.feedback)


# ------------------------------------------------------------------ reading answers
@pytest.mark.parametrize(
    ("text", "value", "right"),
    [
        ("1/3", 1 / 3, True),
        ("0.333", 1 / 3, True),
        ("0.33", 1 / 3, True),
        ("0.3", 1 / 3, False),  # one significant digit: not a rounding
        ("0.34", 1 / 3, False),
        ("6", 6.4, False),  # a whole number is exact
        ("6.4", 6.4023, True),
        ("0.46", 0.4621, True),
        ("4.6e-1", 0.4621, True),
        ("-2/3", -2 / 3, True),
        ("\u22120.25", -0.25, True),
        ("33", 33.0000001, True),  # relative 1e-6
        ("33", 33.0001, False),
        ("0", 0.0, True),
        ("1e-3", 0.001, True),
    ],
)
def test_tolerance_rule(text: str, value: float, right: bool) -> None:
    assert agrees(read(text), np.asarray(value)) is right


def test_arrays_are_read_with_commas_or_spaces() -> None:
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    for text in ("[[1, 2], [3, 4]]", "[[1. 2.] [3. 4.]]", " [ [1,2],[3, 4] ] "):
        assert agrees(read(text), expected)
    assert not agrees(read("[[1, 3], [2, 4]]"), expected)
    assert agrees(read("[1, 2]"), np.array([[1.0, 2.0]]))  # a row written as a vector
    assert agrees(read("-0.5"), np.array([[-0.5]]))  # one number for a (1, 1) value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "__import__('os')",
        "1+2",
        "2*3",
        "[1, [2]]",
        "[]",
        "[[1, 2], [3]]",
        "1/0",
        "1e999",
        "nan",
        "inf",
        "1 2",
        "]",
        "[1",
        "x" * 3000,
    ],
)
def test_unreadable_text_is_refused(text: str) -> None:
    with pytest.raises(AnswerError, match="cannot read this answer"):
        read(text)


def test_python_answers_as_text() -> None:
    assert as_text(2.0) == "2"
    assert as_text(0.33) == "0.33"
    assert as_text(Fraction(1, 3)) == "1/3"
    assert as_text(np.array([[1.0, 2.5]])) == "[[1, 2.5]]"
    assert as_text(Tensor([1.0, 2.0])) == "[1, 2]"
    with pytest.raises(TypeError):
        as_text(True)
    with pytest.raises(TypeError):
        as_text({"a": 1})


def test_fractions_and_text_in_grade() -> None:
    grade = j_exercise().grade({"du/db": "4/2", "dJ/db": Fraction(6), "dJ/dc": "9.0"})
    assert grade.score == 3


# ------------------------------------------------------------------ misuse
def test_bad_arguments_are_refused_clearly() -> None:
    J, names = j_example()
    with pytest.raises(ValueError, match="ask must be one of"):
        Exercise(J, "everything")
    with pytest.raises(ValueError, match="seed must be None or an int"):
        Exercise(J, seed=-1)
    with pytest.raises(TypeError, match="J must be a Tensor"):
        Exercise(3.0)
    J2, _ = j_example(run_backward=False)
    with pytest.raises(BackwardError, match="backward"):
        Exercise(J2)
    ex = Exercise(J, names=names)
    with pytest.raises(KeyError, match="'dJ/dq' is not a blank of this exercise"):
        ex.grade({"dJ/dq": 1})
    with pytest.raises(TypeError, match="answers must be a dict"):
        ex.grade([1, 2])
    with pytest.raises(TypeError, match="the answer to du/db"):
        ex.grade({"du/db": object()})
    with pytest.raises(ValueError, match="level must be one of"):
        generate("three-layer", 1)
    with pytest.raises(ValueError, match="seed must be an int"):
        generate("scalar", 1.5)


def test_exercise_keeps_its_values_when_the_graph_changes() -> None:
    J, names = j_example()
    ex = Exercise(J, names=names)
    names["b"].data = np.float64(100.0)
    J.backward()  # the graph's recorded values are what backward reads, not b.data now
    assert {b.id: float(b.expected) for b in ex.blanks}["du/db"] == 2
    assert ex.solutions()["dJ/db"] == 6


# ------------------------------------------------------------------ generate
def _summary(level: str, seed: int) -> list:
    ex = generate(level, seed)
    return [(b.id, np.asarray(b.expected).round(12).tolist()) for b in ex.blanks]


GENERATE_SCRIPT = """
import json, sys
import numpy as np
from autograd_nn.exercises import generate
out = {}
for level in ("scalar", "logistic", "two-layer"):
    for seed in (0, 1, 7, 123456789):
        ex = generate(level, seed)
        out[f"{level} {seed}"] = [
            (b.id, np.asarray(b.expected).round(12).tolist(), b.prompt) for b in ex.blanks
        ]
print(json.dumps(out))
"""


def test_generate_is_deterministic_across_processes() -> None:
    runs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", GENERATE_SCRIPT],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=True,
        )
        runs.append(json.loads(result.stdout))
    assert runs[0] == runs[1]
    assert runs[0]["scalar 7"] != runs[0]["scalar 1"]
    here = [(i, v) for i, v, _ in runs[0]["two-layer 7"]]
    assert here == [tuple(x) for x in json.loads(json.dumps(_summary("two-layer", 7)))]


@pytest.mark.parametrize("seed", range(40))
def test_generated_scalar_exercises_are_well_posed(seed: int) -> None:
    ex = generate("scalar", seed)
    computed = [t for t in toposort(ex.J) if t.op is not None]
    assert 3 <= len(computed) <= 6
    leaves = [t for t in toposort(ex.J) if t.is_leaf and t.requires_grad]
    for t in toposort(ex.J):
        assert np.all(np.isfinite(t.data))
    for leaf in leaves:
        assert float(leaf.data) == int(leaf.data) != 0  # whole numbers, easy by hand
        assert leaf.grad is not None and float(leaf.grad) != 0
    assert ex.grade({b.id: b.expected for b in ex.blanks}).score == len(ex.blanks)


def test_generated_two_layer_shapes() -> None:
    ex = generate("two-layer", 3)
    J = ex.J
    assert node(J, "W1").shape == (2, 2)
    assert node(J, "X").shape == (2, 2)  # m = 2 examples
    assert node(J, "W2").shape == (1, 2)
    ops = {t.op.name for t in toposort(J) if t.op is not None}
    assert {"tanh", "sigmoid", "matmul", "mean"} <= ops
    assert not ops & {"relu", "max", "maximum", "minimum"}  # no ties possible


# ------------------------------------------------------------------ the command line
def test_command_line_expression(tmp_path, capsys) -> None:
    from autograd_nn.cli import main

    page = tmp_path / "ex.html"
    argv = ["exercise", "3*(a + b*c)", "a=5", "b=3", "c=2", "--ask", "local", "--html", str(page)]
    assert main([*argv, "--solutions"]) == 0
    out = capsys.readouterr().out
    assert "4. du/db: the local derivative of u = b * c with respect to b" in out
    assert "  du/db = 2\n" in out and "  du/dc = 3\n" in out
    text = page.read_text(encoding="utf-8")
    assert 'data-blank=\\"du/db\\"' in text  # in the page's JSON: the script builds it
    assert 'data-blank=\\"dJ/db\\"' not in text


def test_command_line_generate(tmp_path, capsys) -> None:
    from autograd_nn.cli import main

    page = tmp_path / "ex.html"
    assert main(["exercise", "--generate", "two-layer", "--seed", "7", "--html", str(page)]) == 0
    out = capsys.readouterr().out
    for blank in generate("two-layer", 7).blanks:
        assert blank.prompt in out
        assert f'data-blank=\\"{blank.id}\\"' in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["exercise"], "give an expression"),
        (["exercise", "a*b", "a=1", "b=2", "--generate", "scalar"], "not both"),
        (["exercise", "a*b", "a=1"], "no value given for variable b"),
        (["exercise", "a", "a=[1,2]"], "needs one number J"),
        (["exercise", "--generate", "scalar", "--html", "ex.txt"], "ending in .html"),
    ],
)
def test_command_line_mistakes(argv, message, capsys) -> None:
    from autograd_nn.cli import main

    assert main(argv) == 1
    assert message in capsys.readouterr().err


# ------------------------------------------------------------------ the example notebook
def test_practise_notebook_runs_and_shows_three_exercises(tmp_path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(ROOT / "examples" / "notebooks" / "practise_backprop.ipynb", as_version=4)
    nbformat.validate(nb)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    pages = [o for o in outputs if "agnn-exercise" in o.get("data", {}).get("text/html", "")]
    assert len(pages) == 3
    text = "".join(o.get("text", "") for o in outputs)
    assert "leaves out the upstream gradient" in text
    assert "takes tanh' at Z1 instead of at A1 = tanh(Z1)" in text
    assert "not dw1: dw1 = du1 * du1/dw1" in text  # dz alone is not dw1: the rule is said


def test_a_learners_own_network_with_m_400() -> None:
    """The course's code written from memory (np.dot, np.tanh, the cost by hand), m = 400."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 400))
    Y = (rng.random((1, 400)) > 0.5).astype(float)
    W1 = Tensor(rng.standard_normal((4, 2)) * 0.01, name="W1")
    b1 = Tensor(np.zeros((4, 1)), name="b1")
    W2 = Tensor(rng.standard_normal((1, 4)) * 0.01, name="W2")
    b2 = Tensor(np.zeros((1, 1)), name="b2")
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    m = Y.shape[1]
    cost = -np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)) / m
    cost.backward()
    ex = Exercise(cost, names={"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}, grad_names="course")
    by_id = {b.id: b for b in ex.blanks}
    dZ2 = A2.data - Y  # the course's formulas
    dA1 = W2.data.T @ dZ2 / m
    dZ1 = dA1 * (1 - A1.data**2)
    np.testing.assert_allclose(by_id["dW1"].expected, dZ1 @ X.T, rtol=1e-9)
    grade = ex.grade({"dZ1": dA1 * (1 - Z1.data**2), "dW1": dZ1 @ X.T * m, "db1": dZ1})
    assert grade.verdicts["dZ1"].mistake == "wrong point"
    assert grade.verdicts["dW1"].mistake == "missing 1/m"
    assert grade.verdicts["db1"].mistake == "not summed"
    assert ex.grade({"dW2": by_id["dW2"].expected}).score == 1


def test_expected_values_cannot_be_changed_by_accident() -> None:
    ex = j_exercise()
    with pytest.raises(ValueError):
        ex.blanks[0].expected[...] = 0
    with pytest.raises(ValueError):
        ex.blanks[0].mistakes[0].value[...] = 0
    solutions = ex.solutions()
    solutions["du/db"] += 1  # a copy: the exercise keeps 2
    assert ex.grade({"du/db": 2}).score == 1


def test_a_huge_graph_is_refused_by_name() -> None:
    x = Tensor(1.0, name="x")
    y = x
    for _ in range(300):
        y = y * 1.0
    y.name = "y"
    y.backward()
    with pytest.raises(ValueError, match=r"the graph of y has 301 nodes; .* at most 200"):
        Exercise(y)
