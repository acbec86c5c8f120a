"""The exercise page in headless Chromium (file://, no network): checking, keys, score, fallbacks,
and the same verdicts as Exercise.grade on generated exercises of every level."""

from __future__ import annotations

import numpy as np
import pytest
from browser_support import CHROMIUM, SKIP_REASON, launch
from course_graphs import j_example

from autograd_nn.exercises import LEVELS, Exercise, generate
from autograd_nn.exercises import page as exercise_page
from autograd_nn.exercises.answers import agrees, as_text, read
from autograd_nn.exercises.grading import judge
from autograd_nn.viz.page import TRUST_HINT, script_json

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

AGREEMENT_EXERCISES = 50  #: generated exercises per level on which page and grade must agree


@pytest.fixture(scope="module")
def browser():
    with launch(sync_api) as context:
        yield context
        assert context.outside == []  # nothing but the page's own file was asked for


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def open_(exercise: Exercise, name: str = "ex.html", wait: str = ".agnn-ex-stage svg"):
        path = exercise.save(tmp_path / name)
        page = browser.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(wait, timeout=30_000)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        assert page.errors == []
        page.close()


def j_exercise(**options) -> Exercise:
    J, names = j_example()
    return Exercise(J, names=names, **options)


def row(page, blank_id: str):
    return page.locator(f'li[data-row="{blank_id}"]')


def test_a_wrong_value_is_marked_with_the_feedback_of_grade(open_page) -> None:
    ex = j_exercise()
    page = open_page(ex)
    page.fill('[data-blank="du/db"]', "3")
    row(page, "du/db").locator("[data-action=check]").click()
    assert "agnn-ex-wrong" in row(page, "du/db").get_attribute("class")
    expected = ex.grade({"du/db": "3"}).verdicts["du/db"].feedback
    assert row(page, "du/db").locator(".agnn-ex-verdict").text_content() == expected
    assert expected.startswith("3 is b itself")
    assert page.locator('[data-blank="du/db"]').get_attribute("aria-invalid") == "true"
    marker = page.locator(".agnn-ex-stage text.agnn-ex-wrong")
    assert marker.count() == 1 and "du/db" in marker.text_content()
    assert page.locator(".agnn-ex-score").text_content() == "0 of 9"


@pytest.mark.parametrize("level", [None, *LEVELS])
def test_every_blank_filled_from_blanks_gives_the_full_score(open_page, level) -> None:
    ex = j_exercise() if level is None else generate(level, 7)
    page = open_page(ex)
    for blank in ex.blanks:
        page.fill(f'[data-blank="{blank.id}"]', as_text(blank.expected))
    page.click("[data-action=check-all]")
    total = len(ex.blanks)
    assert page.locator(".agnn-ex-score").text_content() == f"{total} of {total}"
    assert page.locator(".agnn-ex-summary").text_content() == f"all {total} right"
    assert page.locator(".agnn-ex-row.agnn-ex-right").count() == total
    assert page.locator(".agnn-ex-stage text.agnn-ex-right").count() == total


def test_keys_check_a_blank_and_all(open_page) -> None:
    page = open_page(j_exercise())
    first = page.locator('[data-blank="dJ/dv"]')
    first.focus()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    assert "agnn-ex-right" in row(page, "dJ/dv").get_attribute("class")
    focused = page.evaluate("document.activeElement.getAttribute('data-blank')")
    assert focused == "dv/da"  # a right answer moves on to the next blank
    page.keyboard.type("5")  # the value of a: not a derivative
    page.keyboard.press("Control+Enter")
    assert (
        page.locator(".agnn-ex-summary")
        .text_content()
        .startswith("dv/da: 5 is the value of a, not a derivative")
    )
    assert page.evaluate("document.activeElement.getAttribute('data-blank')") == "dv/da"
    assert page.locator(".agnn-ex-score").text_content() == "1 of 9"
    page.keyboard.press("Backspace")  # editing clears the verdict
    assert "agnn-ex-wrong" not in row(page, "dv/da").get_attribute("class")


def test_hint_and_reveal(open_page) -> None:
    page = open_page(j_exercise())
    row(page, "du/db").locator("[data-action=hint]").click()
    assert row(page, "du/db").locator(".agnn-ex-hint").text_content() == "hint: d(b * c)/db = c"
    row(page, "dJ/db").locator("[data-action=reveal]").click()
    shown = row(page, "dJ/db").locator(".agnn-ex-solution").text_content()
    assert shown == "answer: dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6"
    assert page.locator(".agnn-ex-score").text_content() == "0 of 9"  # revealing is not scoring


def test_the_graph_is_laid_out_in_the_browser_without_dot(open_page, monkeypatch) -> None:
    monkeypatch.setattr(exercise_page, "has_dot", lambda: False)
    ex = generate("two-layer", 3)
    page = open_page(ex, "no-dot.html")
    markers = page.locator(".agnn-ex-stage text.agnn-ex-marker")
    assert markers.count() == len(ex.blanks)
    blank = ex.blanks[0]
    page.fill(f'[data-blank="{blank.id}"]', as_text(blank.expected))
    row(page, blank.id).locator("[data-action=check]").click()
    assert page.locator(".agnn-ex-score").text_content() == f"1 of {len(ex.blanks)}"


def test_two_copies_on_one_page_are_independent(browser, tmp_path) -> None:
    ex = j_exercise()
    path = tmp_path / "two.html"
    path.write_text(f"<!DOCTYPE html><html><body>{ex.html()}{ex.html()}</body></html>")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector(".agnn-ex-stage svg")
    inputs = page.locator('[data-blank="du/db"]')
    assert inputs.count() == 2
    inputs.nth(1).fill("2")
    page.locator('li[data-row="du/db"] [data-action=check]').nth(1).click()
    scores = page.locator(".agnn-ex-score")
    assert [scores.nth(k).text_content() for k in range(2)] == ["0 of 9", "1 of 9"]
    page.close()


def test_without_scripts_the_static_picture_and_the_hint_show(browser, tmp_path) -> None:
    path = j_exercise().save(tmp_path / "static.html")
    context = browser.sibling(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert page.locator(".agnn-fallback img").count() == 1
    text = page.locator(".agnn-fallback").text_content()
    assert TRUST_HINT.format(what="exercise") in text
    assert "#6  du/db: the local derivative of u = b * c with respect to b" in text
    assert page.locator("input[data-blank]").count() == 0  # no dead inputs
    context.close()


# ------------------------------------------------------------------ page and grade agree
def answers_for(blank, rng: np.random.Generator) -> list[str]:
    """Texts a learner might type: right, rounded, each named mistake, wrong, unreadable."""
    texts = [as_text(blank.expected), "", "abc", "[1, 2, 3]", "1/3", "0"]
    texts.append(as_text(np.round(blank.expected, 2)))
    rounded = np.vectorize(lambda x: float(f"{x:.3g}"))(blank.expected)
    texts.append(as_text(rounded).replace("[", "[ "))
    texts.append(as_text(blank.expected + rng.integers(1, 9)))
    for mistake in blank.mistakes:
        texts.append(as_text(mistake.value))
        texts.append(as_text(np.vectorize(lambda x: float(f"{x:.4g}"))(mistake.value)))
    return texts


def test_page_and_grade_give_the_same_verdicts(open_page) -> None:
    page = open_page(j_exercise())
    rng = np.random.default_rng(0)
    exercises = [generate(level, seed) for level in LEVELS for seed in range(AGREEMENT_EXERCISES)]
    payloads, items, in_python = [], [], []
    for e, ex in enumerate(exercises):
        payloads.append(script_json(exercise_page.page_data(ex)))  # what the page reads
        for k, blank in enumerate(ex.blanks):
            for text in answers_for(blank, rng):
                items.append((e, k, text))
                verdict = judge(blank, text)
                in_python.append([verdict.status, verdict.feedback, verdict.mistake])
    in_page = page.evaluate(
        """([payloads, items]) => {
             const data = payloads.map((payload) => JSON.parse(payload));
             return items.map(([e, k, text]) => {
               const v = window.autogradNNExercise.judge(data[e].blanks[k], text, data[e]);
               return [v.status, v.feedback, v.mistake];
             });
           }""",
        [payloads, items],
    )
    for (e, k, text), got, want in zip(items, in_page, in_python, strict=True):
        assert got == want, (exercises[e].title, exercises[e].blanks[k].id, text)
    assert len(items) > 3 * AGREEMENT_EXERCISES * 50
    assert {v[0] for v in in_python} == {"right", "wrong", "missing"}
    named = {v[2] for v in in_python}
    for kind in (
        "other operand",
        "missing upstream",
        "missing path",
        "missing 1/m",
        "sign",
        "transposed",
        "wrong point",
        "not summed",
    ):
        assert kind in named, kind  # every kind of named mistake was compared


def test_page_and_python_read_and_round_alike(open_page) -> None:
    """The tolerance rule on typed numbers: whole numbers, decimals, exponents, fractions."""
    page = open_page(j_exercise())
    values = [
        33.4,
        33.0000001,
        33.0001,
        0.4621,
        1 / 3,
        -2 / 3,
        6.4,
        6.4023,
        1e-3,
        1234.5,
        0.0,
        -0.125,
        0.135,
        12.5,
        9.96,
        -1e-7,
    ]
    texts = ["1/3", "-2/3", "1/8", "4/2", "−0.125", "+6.4", ".5", "5.", "1e3", "1.0e-3"]
    texts += ["0", "5e-13", "2e-12", "5e-10", "1e-10"]  # near 0: the absolute floor
    for v in values:
        for spec in (".0f", ".1f", ".2f", ".3f", ".2g", ".3g", ".1e", ".2e", ".4e"):
            texts.append(format(v, spec))
    pairs = [(text, v) for text in texts for v in values]
    rule = exercise_page.page_data(j_exercise())["rule"]
    in_python = [agrees(read(text), np.asarray(v)) for text, v in pairs]
    in_page = page.evaluate(
        """([pairs, rule]) => pairs.map(([text, v]) => window.autogradNNExercise.agrees(
             window.autogradNNExercise.read(text, rule), {shape: [], values: [v]}, rule))""",
        [pairs, rule],
    )
    assert in_page == in_python
    assert 20 < sum(in_python) < len(pairs) - 20  # both verdicts are exercised


def test_hostile_names_stay_text(open_page) -> None:
    from autograd_nn import Tensor

    name = '</script><b id="x">\'&amp;'
    a, b = Tensor(2.0, name=name), Tensor(3.0, name="b")
    J = a * b
    J.backward()
    ex = Exercise(J, "gradients")
    page = open_page(ex)
    assert page.locator("b#x").count() == 0  # no element made from a name
    blank = ex.blanks[0]
    field = page.locator("input[data-blank]").first
    assert field.get_attribute("data-blank") == blank.id and name in blank.id
    field.fill("3")
    page.locator("[data-action=check]").first.click()
    assert page.locator(".agnn-ex-score").text_content() == f"1 of {len(ex.blanks)}"


def test_each_blank_has_an_input_on_the_graph(open_page) -> None:
    ex = j_exercise()
    page = open_page(ex)
    mirrors = page.locator(".agnn-ex-stage input.agnn-ex-mirror")
    assert mirrors.count() == len(ex.blanks)
    order = mirrors.evaluate_all("ms => ms.map(m => m.getAttribute('data-mirror'))")
    assert order == [b.id for b in ex.blanks]  # Tab goes through them in backward order
    on_graph = page.locator('input[data-mirror="du/db"]')
    marker = page.locator(".agnn-ex-stage text.agnn-ex-marker", has_text="du/db")
    box, text_box = on_graph.bounding_box(), marker.bounding_box()
    assert text_box["x"] < box["x"] < text_box["x"] + text_box["width"]  # over its "#6 ___"
    assert abs(box["y"] - text_box["y"]) < 4
    on_graph.fill("3")
    assert page.locator('[data-blank="du/db"]').input_value() == "3"  # the sheet's input too
    on_graph.press("Enter")
    assert "agnn-ex-wrong" in on_graph.get_attribute("class")
    assert row(page, "du/db").locator(".agnn-ex-verdict").text_content().startswith("3 is b")
    page.fill('[data-blank="dJ/db"]', "6")
    assert page.locator('input[data-mirror="dJ/db"]').input_value() == "6"
    page.click("[data-zoom=one]")  # natural size: the inputs follow the picture
    page.wait_for_timeout(100)
    box, text_box = on_graph.bounding_box(), marker.bounding_box()
    assert text_box["x"] < box["x"] < text_box["x"] + text_box["width"]
