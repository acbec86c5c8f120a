"""The player in a real browser: headless Chromium opens the saved page from a file:// URL.

Debian's ``chromium`` is driven through Playwright's Python API pointed at that executable (no
browser download); ``make test`` installs it where it can. One browser serves the whole module.
Every request other than the page's own file is refused and recorded: the player needs no
network.
"""

from __future__ import annotations

import pytest
from browser_support import CHROMIUM, SKIP_REASON, launch
from course_graphs import j_example, reused_value, two_layer

from autograd_nn import viz

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module, with a fresh profile; requests off the page are refused."""
    with launch(sync_api) as context:
        yield context


@pytest.fixture
def open_page(browser):
    pages = []

    def open_(path):
        page = browser.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(".agnn-frame svg", timeout=30_000)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        assert page.errors == []
        page.close()
    assert browser.outside == []  # nothing but the file itself was asked for


def shown(page) -> dict:
    """What the player displays now: step counter, caption and the visible frame's text."""
    return page.evaluate(
        """() => {
        const frame = [...document.querySelectorAll('.agnn-frame')].filter(
            f => f.style.display !== 'none');
        return {
            counter: document.querySelector('.agnn-counter').textContent,
            caption: document.querySelector('.agnn-caption').textContent,
            frames: frame.length,
            text: frame.length ? frame[0].querySelector('svg').textContent : '',
        };
    }"""
    )


def click_node(page, player, title: str) -> None:
    """Click the node whose card is titled ``title`` (its equation, or a leaf's name)."""
    (node,) = [key for key, card in player.data()["nodes"].items() if card["title"] == title]
    page.locator(f".agnn-frame:not([style*=none]) g.node#{node}").click()


def test_buttons_and_arrow_keys_step_through_the_backward_pass(open_page, tmp_path) -> None:
    J, names = j_example()
    page = open_page(viz.player(J, names=names).save(tmp_path / "backprop.html"))
    now = shown(page)
    assert now["counter"] == "step 1 of 6" and now["caption"].startswith("dJ/dJ = 1")
    assert now["frames"] == 1 and "dJ/db = ?" in now["text"]
    for _ in range(4):
        page.click("button[data-action=next]")
    now = shown(page)
    assert now["counter"] == "step 5 of 6"
    assert now["caption"] == "dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6"
    assert "3 × c = 3 × 2 = 6" in now["text"] and "dJ/db = 6" in now["text"]
    assert "dJ/dc = ?" in now["text"]
    page.click("button[data-action=prev]")
    assert shown(page)["caption"] == "dJ/du = dJ/dv × dv/du = 3 × 1 = 3"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    now = shown(page)
    assert now["counter"] == "step 6 of 6" and now["caption"].startswith("dJ/dc = dJ/du × du/dc")
    assert "dJ/dc = 9" in now["text"]
    assert page.is_disabled("button[data-action=next]")
    page.keyboard.press("ArrowLeft")
    assert shown(page)["counter"] == "step 5 of 6"
    page.keyboard.press("Home")
    assert shown(page)["counter"] == "step 1 of 6" and page.is_disabled("button[data-action=prev]")
    page.keyboard.press("End")
    assert shown(page)["counter"] == "step 6 of 6"


def test_clicking_a_node_shows_its_value_gradient_and_chain_rule(open_page, tmp_path) -> None:
    y, _ = reused_value()  # y = x*x + 2*x at x = 3: dy/dx = 2 + 3 + 3 = 8
    player = viz.player(y)
    page = open_page(player.save(tmp_path / "reused.html"))
    page.keyboard.press("End")
    click_node(page, player, "x")
    info = page.inner_text(".agnn-info")
    assert info.splitlines()[:3] == ["x", "value: 3", "dy/dx = 8"]
    assert "dy/dt1 × dt1/dx = 1 × x = 1 × 3 = 3" in info
    assert "total dy/dx = 2 + 3 + 3 = 8" in info
    page.keyboard.press("Home")  # the card stays, and says the node is not reached yet
    assert "not reached yet" in page.inner_text(".agnn-info")


def test_the_slider_and_play(open_page, tmp_path) -> None:
    J, names = j_example()
    page = open_page(viz.player(J, names=names, interval=0.05).save(tmp_path / "play.html"))
    page.evaluate(
        """() => { const s = document.querySelector('input.agnn-slider');
        s.value = '3'; s.dispatchEvent(new Event('input')); }"""
    )
    assert shown(page)["caption"] == "dJ/du = dJ/dv × dv/du = 3 × 1 = 3"
    page.click("button[data-action=play]")
    page.wait_for_function("document.querySelector('.agnn-counter').textContent === 'step 6 of 6'")
    page.wait_for_function(
        "document.querySelector('[data-action=play]').textContent.includes('play')"
    )


def test_without_graphviz_the_browser_lays_out_every_frame_in_place(
    open_page, tmp_path, monkeypatch
) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # `dot` hidden: the page lays the graph out itself
    root = two_layer(m=5)
    player = viz.player(root)
    assert player.in_browser
    page = open_page(player.save(tmp_path / "network.html"))
    boxes = []
    for step in range(len(player)):
        boxes.append(
            page.evaluate(
                """() => [...document.querySelectorAll('.agnn-frame')]
                .filter(f => f.style.display !== 'none')[0]
                .querySelectorAll('g.node').length ?
                Object.fromEntries([...[...document.querySelectorAll('.agnn-frame')]
                .filter(f => f.style.display !== 'none')[0].querySelectorAll('g.node')]
                .map(g => { const b = g.getBBox(); return [g.id, [b.x, b.y]]; })) : {}"""
            )
        )
        if step < len(player) - 1:
            page.keyboard.press("ArrowRight")
    assert len(boxes[0]) >= 10 and all(b == boxes[0] for b in boxes)
    now = shown(page)
    assert now["caption"].startswith("dJ/dW1 = ") and "sum over the" in now["text"]
    click_node(page, player, "W1")
    assert "dJ/dW1 = dJ/dt3 @ X.T" in page.inner_text(".agnn-info")
