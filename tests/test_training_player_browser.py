"""The training replay in Chromium (file://, no network): what it shows agrees with ``history``.

Oracles: the History that train() returned (costs, accuracies, iterations) and ``predict`` of
the model rebuilt from each snapshot on the grid points the page draws (read back from the
canvas pixels: blue where it draws "predicts 1", red where it draws "predicts 0").
"""

from __future__ import annotations

import numpy as np
import pytest
from browser_support import CHROMIUM, SKIP_REASON, launch

from autograd_nn import viz
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, accuracy, predict, train
from autograd_nn.viz.page import TRUST_HINT
from autograd_nn.viz.training_player import CELL

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)


@pytest.fixture(scope="module")
def browser():
    with launch(sync_api) as context:
        yield context
        assert context.outside == []  # nothing but the file itself was asked for


def flower(num_iterations: int):
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(model, X, Y, num_iterations=num_iterations, learning_rate=1.2)
    return model, history, X, Y


@pytest.fixture(scope="module")
def short_run(tmp_path_factory):
    """The flower network for 1,500 iterations (the boundary has its petals by then)."""
    model, history, X, Y = flower(1500)
    path = viz.training_player(history, X, Y).save(tmp_path_factory.mktemp("replay") / "t.html")
    return model, history, X, Y, path


def open_replay(browser, path):
    page = browser.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(".agnn-training[data-ready=true]", timeout=30_000)
    return page


def shown(page) -> dict:
    """The iteration, cost and accuracy the page prints now."""
    return page.evaluate(
        """() => ({
        iteration: document.querySelector('.agnn-tp-iteration').textContent,
        cost: document.querySelector('.agnn-tp-cost').textContent,
        accuracy: document.querySelector('.agnn-tp-accuracy').textContent,
        caption: document.querySelector('.agnn-training > .agnn-bar .agnn-caption').textContent,
        counter: document.querySelector('.agnn-training > .agnn-bar .agnn-counter').textContent,
    })"""
    )


def drawn_classes(page, rows: int, cols: int) -> np.ndarray:
    """The class the canvas shows at each grid point's cell centre (row 0: the lowest x2)."""
    pixels = page.evaluate(
        """([rows, cols, cell]) => {
        const canvas = document.querySelector('canvas.agnn-tp-grid');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const out = [];
        for (let i = 0; i < rows; i++) {
            for (let j = 0; j < cols; j++) {
                const x = j * cell + 1, y = (rows - 1 - i) * cell + 1;
                const at = 4 * (y * canvas.width + x);
                out.push(data[at + 2] > data[at] ? 1 : 0);  // blue over red: predicts 1
            }
        }
        return out;
    }""",
        [rows, cols, CELL],
    )
    return np.array(pixels, dtype=np.float64).reshape(rows, cols)


def number(text: str) -> float:
    return float(text.replace(",", "").replace("%", "").strip())


def test_first_and_last_snapshots_show_historys_numbers(browser, short_run) -> None:
    model, history, X, Y, path = short_run
    page = open_replay(browser, path)
    now = shown(page)
    assert now["iteration"] == "0" and now["cost"].startswith("0.693")
    assert number(now["cost"]) == pytest.approx(history.costs[0], rel=1e-5)
    assert now["counter"] == f"step 1 of {len(history.snapshots)}"
    page.keyboard.press("End")
    now = shown(page)
    assert number(now["iteration"]) == history.iterations[-1] == 1500
    assert number(now["cost"]) == pytest.approx(history.costs[-1], rel=1e-5)  # 6 digits shown
    assert number(now["accuracy"]) == pytest.approx(100 * history.accuracies[-1], abs=0.005)
    assert history.accuracies[-1] == accuracy(predict(model, X), Y)  # the trained model
    assert "(the trained model)" in now["caption"]
    page.keyboard.press("Home")
    page.evaluate(  # the slider at its last position shows the same
        """() => { const s = document.querySelector('input.agnn-slider');
        s.value = s.max; s.dispatchEvent(new Event('input')); }"""
    )
    assert number(shown(page)["cost"]) == pytest.approx(history.costs[-1], rel=1e-5)
    page.keyboard.press("ArrowLeft")
    assert number(shown(page)["iteration"]) == history.iterations[-2]
    assert page.errors == []
    page.close()


def test_the_boundary_agrees_with_predict_and_changes(browser, short_run) -> None:
    _, history, _, _, path = short_run
    grid = history.grid
    rows, cols = grid.shape
    page = open_replay(browser, path)
    pictures = {}
    for key, snapshot in (("Home", history.snapshots[0]), ("End", history.snapshots[-1])):
        page.keyboard.press(key)
        drawn = drawn_classes(page, rows, cols)
        expected = predict(history.model(snapshot.iteration), grid.points()).reshape(rows, cols)
        assert np.mean(drawn == expected) >= 0.99
        pictures[key] = drawn
    assert np.mean(pictures["Home"] != pictures["End"]) > 0.1
    assert page.errors == []
    page.close()


def test_the_network_and_the_backward_pass_of_the_last_snapshot(browser, short_run) -> None:
    _, history, X, Y, path = short_run
    page = open_replay(browser, path)
    page.keyboard.press("End")
    last = history.snapshots[-1]
    W2 = page.locator(".agnn-tp-slot[data-name=W2] td").all_inner_texts()
    np.testing.assert_allclose([float(t) for t in W2], last.parameters["W2"][0], rtol=1e-3)
    dW2 = page.locator(".agnn-tp-slot[data-name=dW2] td").all_inner_texts()
    np.testing.assert_allclose([float(t) for t in dW2], last.gradients["dW2"][0], rtol=1e-3)
    assert page.locator(".agnn-tp-slot[data-name=dW2] .agnn-tp-name").inner_text() == "dW2 (1, 4)"
    page.click("details.agnn-tp-details summary")  # the step-through player, started now
    nested = page.locator(".agnn-tp-player .agnn-player")
    nested.locator(".agnn-caption").wait_for()
    captions = history.player(last.iteration, X, Y).captions
    assert nested.locator(".agnn-caption").inner_text() == captions[0]
    nested.focus()
    page.keyboard.press("End")  # the player's keys stay in the player
    assert nested.locator(".agnn-caption").inner_text() == captions[-1]
    assert (
        nested.locator(".agnn-counter").inner_text() == f"step {len(captions)} of {len(captions)}"
    )
    page.keyboard.press("Home")
    assert nested.locator(".agnn-caption").inner_text() == captions[0]
    assert number(shown(page)["iteration"]) == last.iteration  # the replay did not move
    page.locator(".agnn-tp-stats").click()
    page.keyboard.press("ArrowLeft")  # a middle snapshot: how to recompute it in Python
    hint = page.inner_text(".agnn-tp-backward")
    assert f"history.player({history.iterations[-2]}, X, Y)" in hint
    assert page.errors == []
    page.close()


def test_play_moves_through_the_snapshots(browser, tmp_path) -> None:
    _, history, X, Y = flower(300)
    path = viz.training_player(history, X, Y, backward="none", interval=0.05).save(
        tmp_path / "play.html"
    )
    page = open_replay(browser, path)
    page.keyboard.press("p")
    page.wait_for_function(
        "document.querySelector('.agnn-tp-iteration').textContent === '300'", timeout=10_000
    )
    page.wait_for_function(  # and it stops there
        "document.querySelector('button[data-action=play]').textContent.endsWith('play')",
        timeout=5_000,
    )
    assert shown(page)["iteration"] == "300"
    assert page.errors == []
    page.close()


def test_without_scripts_the_static_picture_and_the_hint(browser, short_run) -> None:
    _, history, _, _, path = short_run
    context = browser.sibling(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        text = page.inner_text("body")
        assert TRUST_HINT.format(what="training replay") in text
        assert f"iteration {history.iterations[-1]:,}: cost J = {history.costs[-1]:.6g}" in text
        assert page.locator("img.agnn-fallback-picture").is_visible()
        assert (
            page.evaluate("document.querySelector('img.agnn-fallback-picture').naturalWidth") > 400
        )  # the cost curve and the boundary, side by side
        assert page.locator("button").count() == 0
    finally:
        context.close()


@pytest.mark.slow
def test_the_courses_flower_run_ends_at_90_75_percent(browser, tmp_path) -> None:
    _, history, X, Y = flower(10000)
    path = viz.training_player(history, X, Y).save(tmp_path / "flower.html")
    assert path.stat().st_size <= 2 * 2**20
    page = open_replay(browser, path)
    page.keyboard.press("End")
    now = shown(page)
    assert now["iteration"] == "10,000" and now["accuracy"] == "90.75 %"
    assert number(now["cost"]) == pytest.approx(history.costs[-1], rel=1e-5)
    page.close()
