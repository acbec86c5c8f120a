"""autograd_nn.compare.report: the table as text, Markdown, HTML and records; the 1/m sentence."""

from __future__ import annotations

import json
import re

import numpy as np
from compare_networks import expected_names, learner, random_network

from autograd_nn.compare import (
    compare,
)


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
    markdown = report.to_markdown()
    rows = [s for s in markdown.splitlines() if s.startswith("|")]
    assert len(rows) == 2 + len(report.rows)
    assert rows[1].count("---") == rows[0].count("|") - rows[0].count("\\|") - 1 == 7
    assert "**MISMATCH**" in markdown and "### Finding the bug" in markdown
    page = report.to_html()
    assert page.count("<tr") == 1 + len(report.rows)
    assert page.count('style="background:#fdd"') == len(report.mismatches)
    assert "<h4>Finding the bug</h4>" in page and "yours" in page


def test_records_are_plain_data():
    parameters, X, Y = random_network([2, 4, 1], 5, seed=1)
    records = compare(parameters, X, Y, hidden_activation="tanh").to_records()
    assert [r["name"] for r in records] == expected_names(2)
    assert records[2]["shape"] == (1, 4) and records[2]["quantity"] == "dW"
    assert records[0]["scale"] == 5 and records[2]["scale"] == 1  # dA2 times m, dW2 as it is
    assert np.shape(records[4]["autodiff"]) == (4, 5)  # dA1
    assert {r["verdict"] for r in records} == {"ok"}
    assert all(r["absolute_floor"] >= np.finfo(float).tiny for r in records)
    json.dumps(records)  # nested lists and numbers only


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
        assert report.convention in report.to_markdown()
