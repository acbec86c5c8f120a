"""Tests for autograd_nn.compare: autodiff against the course's formulas, row by row.

Oracles: the reference module (checked on its own in test_reference.py) for the agreement test;
hand-written backprop functions in this file, each with one typical learner's mistake, for the
"finding the bug" tests; values worked out here (dZ[L] = A[L] - Y) for the 1/m convention.
"""

from __future__ import annotations

import argparse
import json
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from autograd_nn import Tensor, reference
from autograd_nn.compare import (
    ComparisonError,
    ComparisonReport,
    ManualGradientError,
    add_compare_command,
    autodiff_grads,
    compare,
)

# --- helpers ------------------------------------------------------------------------------------


def random_network(
    layer_dims: list[int], m: int, seed: int
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Parameters with W[l] ~ randn / sqrt(n[l-1]) and nonzero b[l]; X randn; Y in {0, 1}."""
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
            layer_dims[l - 1]
        )
        parameters[f"b{l}"] = rng.randn(layer_dims[l], 1) * 0.1
    X = rng.randn(layer_dims[0], m)
    Y = (rng.rand(1, m) > 0.5).astype(float)
    return parameters, X, Y


def expected_names(L: int) -> list[str]:
    """Backward order: dZ[L], dW[L], db[L], dA[L-1], ..., dZ[1], dW[1], db[1], dA[0]."""
    return [name for l in range(L, 0, -1) for name in (f"dZ{l}", f"dW{l}", f"db{l}", f"dA{l - 1}")]


G = {
    "tanh": (np.tanh, lambda Z: 1 - np.tanh(Z) ** 2),
    "relu": (lambda Z: np.maximum(Z, 0), lambda Z: (Z > 0).astype(float)),
    "sigmoid": (lambda Z: 1 / (1 + np.exp(-Z)), lambda Z: np.exp(-Z) / (1 + np.exp(-Z)) ** 2),
}


def learner(activation: str, bug: str | None = None, layer: int = 0, intermediates: bool = True):
    """A learner's hand-written L-layer backprop, in the course's style, with one mistake.

    bug (at the given layer): "no 1/m" (dW and db without 1/m), "transposed A" (dW computed
    as (1/m) A[l-1] dZ^T), "db rank-1" (np.sum without keepdims), "A instead of Z" (relu: dZ
    = dA * A; tanh: g' evaluated at A), "forgot g'" (dZ = dA), "relu mask on A" (dZ[A <= 0] = 0:
    not a mistake, A > 0 exactly where Z > 0), "Z in 1 - A^2" (tanh' written with Z for A).
    """
    g, g_prime = G[activation]

    def manual(parameters, X, Y):
        L = len(parameters) // 2
        m = X.shape[1]
        caches = []
        A = X
        for l in range(1, L + 1):
            W, b = parameters[f"W{l}"], parameters[f"b{l}"]
            Z = np.dot(W, A) + b
            A_next = 1 / (1 + np.exp(-Z)) if l == L else g(Z)
            caches.append((A, W, Z, A_next))
            A = A_next
        grads = {}
        dZ = A - Y
        for l in range(L, 0, -1):
            A_prev, W, Z, A_l = caches[l - 1]
            if l < L:
                dA = grads[f"dA{l}"]
                here = l == layer
                if here and bug == "forgot g'":
                    dZ = dA
                elif here and bug == "A instead of Z" and activation == "relu":
                    dZ = dA * A_l
                elif here and bug == "A instead of Z":
                    dZ = dA * g_prime(A_l)
                elif here and bug == "Z in 1 - A^2":
                    dZ = dA * (1 - Z**2)
                elif here and bug == "relu mask on A":
                    dZ = np.array(dA, copy=True)
                    dZ[A_l <= 0] = 0
                else:
                    dZ = dA * g_prime(Z)
            here = l == layer
            scale = 1 if here and bug == "no 1/m" else 1 / m
            if here and bug == "transposed A":
                dW = scale * np.dot(A_prev, dZ.T)
            else:
                dW = scale * np.dot(dZ, A_prev.T)
            db = scale * np.sum(dZ, axis=1, keepdims=not (here and bug == "db rank-1"))
            grads[f"dZ{l}"], grads[f"dW{l}"], grads[f"db{l}"] = dZ, dW, db
            grads[f"dA{l - 1}"] = np.dot(W.T, dZ)
        if not intermediates:
            grads = {k: v for k, v in grads.items() if k[1] in "Wb"}
        return grads

    return manual


# --- (1) autodiff and the reference agree on every quantity -------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 6), min_size=0, max_size=4),
    n_x=st.integers(1, 5),
    m=st.integers(1, 500),
    activation=st.sampled_from(["tanh", "relu", "leaky_relu", "sigmoid"]),
    seed=st.integers(0, 2**31 - 1),
)
@example(hidden=[6, 6, 6, 6], n_x=5, m=500, activation="relu", seed=0)  # L = 5, m = 500
@example(hidden=[], n_x=1, m=1, activation="tanh", seed=0)  # L = 1, m = 1
@example(hidden=[3, 3, 3, 3], n_x=2, m=1, activation="leaky_relu", seed=1)
def test_autodiff_agrees_with_the_reference_on_every_quantity(hidden, n_x, m, activation, seed):
    layer_dims = [n_x, *hidden, 1]  # L = 1..5
    parameters, X, Y = random_network(layer_dims, m, seed)
    report = compare(parameters, X, Y, hidden_activation=activation, tolerance=1e-10)
    L = len(layer_dims) - 1
    assert [row.name for row in report.rows] == expected_names(L)
    for row in report.rows:
        assert row.shape == row.formula_shape
        assert row.relative_difference <= 1e-10, (row.name, row.relative_difference)
    assert report.ok and report.first_mismatch is None
    # The formula column really is the reference, and autodiff is the engine's own.
    AL, caches = reference.L_model_forward(X, parameters, activation)
    ref = reference.L_model_backward(AL, Y, caches, activation)
    for row in report.rows:
        np.testing.assert_array_equal(row.formula, ref[row.name])


def test_the_autodiff_column_is_m_times_dJ_dZ_worked_by_hand():
    parameters, X, Y = random_network([3, 2, 1], 8, seed=3)
    raw = autodiff_grads(parameters, X, Y, hidden_activation="tanh", course_convention=False)
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    A2 = 1 / (1 + np.exp(-(parameters["W2"] @ A1 + parameters["b2"])))
    np.testing.assert_allclose(raw["dZ2"], (A2 - Y) / 8, rtol=1e-12)  # the mean cost's dJ/dZ2
    report = compare(parameters, X, Y, hidden_activation="tanh")
    row = {r.name: r for r in report.rows}
    assert row["dZ2"].scale == 8 and row["dA1"].scale == 8 and row["dW2"].scale == 1
    np.testing.assert_allclose(row["dZ2"].autodiff, A2 - Y, rtol=1e-12)  # the course's dZ2
    np.testing.assert_allclose(row["dW1"].autodiff, raw["dW1"], rtol=0)  # dW, db unscaled
    # Without the factor m the intermediates would be a false mismatch:
    assert not np.allclose(raw["dZ1"], row["dZ1"].formula)


def test_autodiff_grads_in_course_convention_equal_the_reference():
    parameters, X, Y = random_network([4, 3, 3, 1], 30, seed=5)
    grads = autodiff_grads(parameters, X, Y, hidden_activation="relu")
    AL, caches = reference.L_model_forward(X, parameters, "relu")
    ref = reference.L_model_backward(AL, Y, caches, "relu")
    for name in expected_names(3):
        np.testing.assert_allclose(grads[name], ref[name], rtol=1e-10, atol=1e-14)


# --- (2) typical mistakes are detected and located ----------------------------------------------

MISTAKES = [
    # (hidden activation, bug, layer, first mismatch, words of the hint)
    ("tanh", "no 1/m", 2, "dW2", "m = 20 times too large"),
    ("tanh", "transposed A", 2, "dW2", "transposed"),
    ("relu", "db rank-1", 2, "db2", "keepdims=True"),
    ("relu", "A instead of Z", 2, "dZ2", "dA[2] * A[2]"),
    ("tanh", "A instead of Z", 1, "dZ1", "evaluated at A[1]"),
    ("tanh", "forgot g'", 2, "dZ2", "g'(Z[2]) is missing"),
    ("tanh", "Z in 1 - A^2", 2, "dZ2", "you put Z[2] in it"),
    ("sigmoid", "forgot g'", 1, "dZ1", "g'(Z[1]) is missing"),
]


@pytest.mark.parametrize(("activation", "bug", "layer", "where", "hint"), MISTAKES)
def test_a_typical_mistake_is_detected_and_located(activation, bug, layer, where, hint):
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)  # layer 2 is square (3, 3)
    report = compare(
        parameters, X, Y, hidden_activation=activation, manual=learner(activation, bug, layer)
    )
    assert not report.ok
    row = report.first_mismatch
    assert row is not None and row.name == where and row.layer == layer
    assert hint in row.hint
    names = [r.name for r in report.rows]
    assert all(r.matches for r in report.rows[: names.index(where)])
    section = report.finding_the_bug()
    assert section.startswith("Finding the bug") and where in section and hint in section
    assert section in str(report)


def test_the_rank_1_db_is_a_shape_finding_with_right_values():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="relu", manual=learner("relu", "db rank-1", 2)
    )
    row = report.first_mismatch
    assert row.verdict == "wrong shape" and row.shape == (3, 1) and row.formula_shape == (3,)
    assert "(its values are right)" in row.hint and "(3, 3) update" in row.hint
    assert "(3, 1) vs (3,)" in str(report)


def test_finding_the_bug_shows_both_values_side_by_side():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=learner("tanh", "no 1/m", 1)
    )
    row = report.first_mismatch
    assert row.name == "dW1"
    section = report.finding_the_bug()
    worst = np.unravel_index(np.argmax(np.abs(row.autodiff - row.formula)), row.shape)
    line = next(
        s for s in section.splitlines() if s.strip().startswith(str(tuple(map(int, worst))))
    )
    assert f"{row.autodiff[worst]:.6g}" in line and f"{row.formula[worst]:.6g}" in line
    assert row.formula[worst] == pytest.approx(20 * row.autodiff[worst])


def test_without_intermediates_the_mistake_shows_at_dW_and_asks_for_dZ():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    manual = learner("tanh", "forgot g'", 1, intermediates=False)
    report = compare(parameters, X, Y, hidden_activation="tanh", manual=manual)
    assert [r.name for r in report.rows] == ["dW3", "db3", "dW2", "db2", "dW1", "db1"]
    assert report.first_mismatch.name == "dW1"
    assert "Your grads had no dZ3" in report.finding_the_bug()


def test_finite_differences_agree_with_the_formulas_and_flag_a_wrong_gradient():
    parameters, X, Y = random_network([2, 3, 1], 10, seed=2)
    report = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True)
    verdicts = {r.name: r.numeric_verdict for r in report.rows}
    assert verdicts == {
        "dZ2": None, "dW2": "fine", "db2": "fine", "dA1": None,
        "dZ1": None, "dW1": "fine", "db1": "fine", "dA0": None,
    }  # fmt: skip
    assert "grad check" in str(report) and report.ok
    assert report.gradient_check[0] < 1e-7 and report.gradient_check[1] == "fine"
    assert "as the course does): " in str(report)
    wrong = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True,
                    manual=learner("tanh", "no 1/m", 1))  # fmt: skip
    assert {r.name: r.numeric_verdict for r in wrong.rows}["dW1"] == "wrong"
    assert wrong.gradient_check[1] == "wrong"
    assert not wrong.ok


def test_the_gradient_check_reads_tiny_gradients_as_finite_difference_noise():
    from autograd_nn.datasets import load_planar_dataset

    X, Y = load_planar_dataset()  # balanced classes: db1 is about 1e-7 at the course's init
    parameters = reference.initialize_parameters_deep([2, 4, 1], seed=2)  # W * 0.01
    report = compare(parameters, X, Y, hidden_activation="tanh", finite_differences=True)
    db1 = {r.name: r for r in report.rows}["db1"]
    assert db1.numeric_relative_difference > 1e-5  # the course's rule alone would say "check"
    assert db1.numeric_verdict == "fine (FD noise)" and report.ok
    assert report.gradient_check[1] == "fine"


# --- (3) the report renders ---------------------------------------------------------------------


def test_the_table_prints_aligned():
    parameters, X, Y = random_network([2, 4, 1], 50, seed=1)
    report = compare(parameters, X, Y, hidden_activation="tanh")
    lines = str(report).splitlines()
    header = next(i for i, s in enumerate(lines) if s.startswith("quantity"))
    table = lines[header : header + 2 + len(report.rows)]
    assert set(table[1]) <= {"-", " "}
    starts = [m.start() for m in re.finditer(r"\S+", table[1])]
    for line in table[2:]:  # every cell starts where its dashes start
        for start in starts:
            assert line[start] != " " and (start == 0 or line[start - 1] == " ")
    assert [s.split()[0] for s in table[2:]] == expected_names(2)
    assert "reference" in table[0] and "autodiff" in table[0]


def test_markdown_and_html_render_every_row():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    report = compare(
        parameters, X, Y, hidden_activation="tanh", manual=learner("tanh", "forgot g'", 2)
    )
    markdown = report._repr_markdown_()
    rows = [s for s in markdown.splitlines() if s.startswith("|")]
    assert len(rows) == 2 + len(report.rows)
    assert rows[1].count("---") == rows[0].count("|") - rows[0].count("\\|") - 1 == 7
    assert "**MISMATCH**" in markdown and "### Finding the bug" in markdown
    page = report._repr_html_()
    assert page.count("<tr") == 1 + len(report.rows)
    assert page.count('style="background:#fdd"') == len(report.mismatches)
    assert "<h4>Finding the bug</h4>" in page and "yours" in page


def test_records_are_plain_data():
    parameters, X, Y = random_network([2, 4, 1], 5, seed=1)
    records = compare(parameters, X, Y, hidden_activation="tanh").to_records()
    assert [r["name"] for r in records] == expected_names(2)
    assert records[1]["shape"] == (1, 4) and records[1]["quantity"] == "dW"
    assert records[0]["scale"] == 5 and records[1]["scale"] == 1
    assert np.shape(records[3]["autodiff"]) == (4, 5)
    assert {r["verdict"] for r in records} == {"ok"}
    json.dumps(records)  # nested lists and numbers only


# --- (4) the 1/m sentence, and no false mismatch ------------------------------------------------


def test_the_convention_sentence_is_printed_once_and_a_correct_learner_matches():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    for activation in ("tanh", "relu", "sigmoid"):
        report = compare(parameters, X, Y, hidden_activation=activation, manual=learner(activation))
        assert report.ok and report.first_mismatch is None and report.finding_the_bug() == ""
        assert report.formula_label == "yours" and len(report.rows) == 12
        text = " ".join(str(report).split())
        assert text.count(report.convention) == 1
        assert report.convention.endswith(".") and report.convention.count(". ") == 0
        assert "m times" in report.convention and "(m = 20)" in report.convention
        assert report.convention in report._repr_markdown_()


def test_a_relu_mask_on_A_is_not_a_mistake():
    parameters, X, Y = random_network([3, 3, 3, 1], 20, seed=7)
    manual = learner("relu", "relu mask on A", 2)
    assert compare(parameters, X, Y, hidden_activation="relu", manual=manual).ok


def test_an_nn_model_is_compared_with_its_own_activations():
    nn = pytest.importorskip("autograd_nn.nn")
    model = nn.Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    _, X, Y = random_network([2, 4, 1], 30, seed=4)
    report = compare(model, X, Y)
    assert report.ok and report.hidden_activation == "tanh" and report.layer_dims == [2, 4, 1]
    plain = compare(model.get_parameters(), X, Y, hidden_activation="tanh")
    assert [r.relative_difference for r in plain.rows] == [
        r.relative_difference for r in report.rows
    ]
    with pytest.raises(ComparisonError, match="hidden_activation='relu' but the model uses 'tanh'"):
        compare(model, X, Y, hidden_activation="relu")


def test_any_object_exporting_parameters_is_accepted():
    parameters, X, Y = random_network([2, 3, 1], 6, seed=1)

    class Exporter:
        def parameters(self):
            return {k: Tensor(v, name=k) for k, v in parameters.items()}

    assert compare(Exporter(), X, Y, hidden_activation="sigmoid").ok
    with pytest.raises(ComparisonError, match="get_parameters\\(\\) or parameters\\(\\)"):
        compare(object(), X, Y)


# --- (5) the command line -----------------------------------------------------------------------


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


# --- (6) errors in course terms -----------------------------------------------------------------


@pytest.fixture
def net():
    return random_network([2, 4, 1], 20, seed=1)


def test_Y_must_be_1_by_m(net):
    parameters, X, Y = net
    with pytest.raises(
        ComparisonError, match=r"Y must be \(1, m\) = \(1, 20\).*got \(20,\).*reshape"
    ):
        compare(parameters, X, Y.ravel())
    with pytest.raises(ComparisonError, match=r"got \(20, 1\): one label per row; use Y.T"):
        compare(parameters, X, Y.T)
    with pytest.raises(ComparisonError, match=r"X must be \(n_x, m\)"):
        compare(parameters, X.ravel(), Y)
    with pytest.raises(ComparisonError, match="m >= 1 examples"):
        compare(parameters, X[:, :0], Y[:, :0])


def test_parameters_must_chain(net):
    parameters, X, Y = net
    bad = dict(parameters, W2=parameters["W2"].T)
    with pytest.raises(ComparisonError, match=r"W2 must be \(n\[2\], n\[1\]\) with n\[1\] = 4"):
        compare(bad, X, Y)
    with pytest.raises(ComparisonError, match=r"b1 must be \(n\[1\], 1\) = \(4, 1\), got \(4,\)"):
        compare(dict(parameters, b1=parameters["b1"].ravel()), X, Y)
    with pytest.raises(ComparisonError, match="missing b2"):
        compare({k: v for k, v in parameters.items() if k != "b2"}, X, Y)
    with pytest.raises(ComparisonError, match=r"W1 must be .* n\[0\] = 3 \(n_x, the rows of X\)"):
        compare(parameters, np.vstack([X, X[:1]]), Y)
    with pytest.raises(ComparisonError, match="activation must be one of"):
        compare(parameters, X, Y, hidden_activation="swish")
    with pytest.raises(ComparisonError, match="output_activation must be 'sigmoid'"):
        compare(parameters, X, Y, output_activation="linear")


def test_manual_errors_are_named(net):
    parameters, X, Y = net
    good = learner("tanh")

    def forgetful(p, X, Y):
        return {k: v for k, v in good(p, X, Y).items() if k != "db1"}

    with pytest.raises(ManualGradientError, match="no db1"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=forgetful)
    with pytest.raises(ManualGradientError, match="must return the course's grads dict"):
        compare(parameters, X, Y, manual=lambda p, X, Y: [1, 2])

    def unfinished(p, X, Y):
        return dict(good(p, X, Y), dZ1=None)

    with pytest.raises(ManualGradientError, match="your dZ1 is None"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=unfinished)

    def broken(p, X, Y):
        return {"dW2": np.dot(p["W2"], X)}

    with pytest.raises(
        ManualGradientError, match=r"your broken\(parameters, X, Y\) raised ValueError"
    ):
        compare(parameters, X, Y, manual=broken)


def test_manual_extras_are_ignored_and_complex_values_refused(net):
    parameters, X, Y = net
    good = learner("tanh")

    def chatty(p, X, Y):  # a learner's dict often carries more than the gradients
        return dict(good(p, X, Y), cost=0.69, caches=[(X, p["W1"]), "notes"], dA2=None)

    assert compare(parameters, X, Y, hidden_activation="tanh", manual=chatty).ok

    def complex_valued(p, X, Y):
        grads = dict(good(p, X, Y))
        grads["dW1"] = grads["dW1"] + 1e-3j
        return grads

    with pytest.raises(ManualGradientError, match="your dW1 must be real numbers"):
        compare(parameters, X, Y, hidden_activation="tanh", manual=complex_valued)


def test_nothing_passed_in_is_modified(net):
    parameters, X, Y = net
    before = {k: v.copy() for k, v in parameters.items()}
    X0, Y0 = X.copy(), Y.copy()

    def vandal(p, X, Y):
        grads = learner("tanh")(p, X, Y)
        for array in (*p.values(), X, Y):
            array[...] = 0
        return grads

    report = compare(parameters, X, Y, hidden_activation="tanh", manual=vandal)
    assert isinstance(report, ComparisonReport) and report.ok
    for k in before:
        np.testing.assert_array_equal(parameters[k], before[k])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


def test_labels_outside_zero_and_one_are_refused() -> None:
    from autograd_nn.compare import ComparisonError, compare

    rng = np.random.RandomState(0)
    parameters = {"W1": rng.randn(3, 2) * 0.1, "b1": np.zeros((3, 1)),
                  "W2": rng.randn(1, 3) * 0.1, "b2": np.zeros((1, 1))}  # fmt: skip
    X = rng.randn(2, 4)
    with pytest.raises(ComparisonError, match=r"Y must hold labels 0 or 1 .* got 2 in 1 of the 4"):
        compare(parameters, X, np.array([[0.0, 1.0, 2.0, 1.0]]), hidden_activation="tanh")
