"""The player in a real browser: headless Chromium opens the saved page from a file:// URL.

Debian's ``chromium`` is driven through Playwright's Python API pointed at that executable (no
browser download); ``make test`` installs it where it can. One browser serves the whole module.
Every request other than the page's own file is refused and recorded: the player needs no
network.
"""

from __future__ import annotations

import pytest
from browser_support import CHROMIUM, FOCUS_AND_BAR, SKIP_REASON, assert_in_window, launch
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

    def open_(path, width=1000, height=700):
        page = browser.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(".agnn-player[data-ready]", timeout=30_000)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        assert page.errors == []
        page.close()
    assert browser.outside == []  # nothing but the file itself was asked for


def shown(page) -> dict:
    """What the player displays now: counter, caption and the text of the visible elements."""
    return page.evaluate(
        """() => {
        const visible = [...document.querySelectorAll('.agnn-stage g[data-agnn]')]
            .filter(g => g.style.display !== 'none' && !g.classList.contains('graph'));
        return {
            counter: document.querySelector('.agnn-counter').textContent,
            caption: document.querySelector('.agnn-caption').textContent,
            text: visible.map(g => g.textContent.replace(/\\s+/g, ' ').trim()).join(' | '),
            now: [...document.querySelectorAll('.agnn-stage g.agnn-now')]
                .map(g => g.getAttribute('data-agnn').split('~')[0]),
            fallback: document.querySelector('.agnn-fallback').offsetParent !== null,
        };
    }"""
    )


def click_node(page, player, title: str) -> None:
    """Click the node whose card is titled ``title`` (its equation, or a leaf's name)."""
    (node,) = [key for key, card in player.data()["nodes"].items() if card["title"] == title]
    page.locator(f'.agnn-stage g[data-agnn^="{node}"]:visible').first.click()


def test_buttons_and_keys_step_through_both_passes(open_page, tmp_path) -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    page = open_page(player.save(tmp_path / "backprop.html"))
    now = shown(page)
    assert now["counter"] == "step 1 of 10" and not now["fallback"]
    assert now["caption"] == "forward: the forward pass starts from the inputs: a = 5, b = 3, c = 2"
    assert "u = b * c = ?" in now["text"] and "a = 5" in now["text"]
    page.click("button[data-action=next]")
    now = shown(page)
    assert now["caption"] == "forward: u = b * c = 3 * 2 = 6"
    assert "u = b * c 6" in now["text"] and "v = a + u = ?" in now["text"]
    expected = [player.film.elements[e] for e in player.film.now[1]]  # u and its two inputs
    assert sorted(now["now"]) == sorted(expected) and len(expected) == 3
    for _ in range(7):
        page.click("button[data-action=next]")
    now = shown(page)
    assert now["counter"] == "step 9 of 10"
    assert now["caption"] == "backward: dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6"
    assert "3 × c = 3 × 2 = 6" in now["text"] and "dJ/db = 6" in now["text"]
    assert "dJ/dc = ?" in now["text"]
    page.click("button[data-action=prev]")
    assert shown(page)["caption"] == "backward: dJ/du = dJ/dv × dv/du = 3 × 1 = 3"
    page.locator(".agnn-player").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    now = shown(page)
    assert now["counter"] == "step 10 of 10" and "dJ/dc = 9" in now["text"]
    assert page.is_disabled("button[data-action=next]")
    page.keyboard.press("ArrowLeft")
    assert shown(page)["counter"] == "step 9 of 10"
    page.keyboard.press("Home")
    assert shown(page)["counter"] == "step 1 of 10" and page.is_disabled("button[data-action=prev]")
    page.keyboard.press("End")
    assert shown(page)["counter"] == "step 10 of 10"
    for key in ("ArrowUp", "ArrowDown", "Space"):  # the page's keys: they scroll, not step
        page.keyboard.press(key)
    assert shown(page)["counter"] == "step 10 of 10"


def test_jumping_back_and_forth_shows_the_same_picture(open_page, tmp_path) -> None:
    J, names = j_example()
    page = open_page(viz.player(J, names=names).save(tmp_path / "jump.html"))
    first = shown(page)
    page.keyboard.press("End")
    last = shown(page)
    page.keyboard.press("Home")
    assert shown(page) == first
    page.evaluate(
        """() => { const s = document.querySelector('input.agnn-slider');
        s.value = '9'; s.dispatchEvent(new Event('input')); }"""
    )
    assert shown(page) == last


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


LAST_STEP = "document.querySelector('.agnn-counter').textContent === 'step 10 of 10'"


def test_the_slider_and_play(open_page, tmp_path) -> None:
    J, names = j_example()
    page = open_page(viz.player(J, names=names, interval=0.05).save(tmp_path / "play.html"))
    page.evaluate(
        """() => { const s = document.querySelector('input.agnn-slider');
        s.value = '7'; s.dispatchEvent(new Event('input')); }"""
    )
    assert shown(page)["caption"] == "backward: dJ/du = dJ/dv × dv/du = 3 × 1 = 3"
    page.click("button[data-action=play]")
    page.wait_for_function(LAST_STEP)
    page.wait_for_function(
        "document.querySelector('[data-action=play]').textContent.includes('play')"
    )
    page.locator(".agnn-player").focus()
    page.keyboard.press("p")
    page.wait_for_function(LAST_STEP)


def test_the_flower_network_keeps_the_current_node_in_the_window(open_page, tmp_path) -> None:
    """At 1000 x 700, the highlighted node is inside the visible window at every step."""
    root = two_layer(m=400)
    player = viz.player(root)
    page = open_page(player.save(tmp_path / "flower.html"), 1000, 700)
    page.locator(".agnn-player").focus()
    for step in range(len(player)):
        box = page.locator(".agnn-player").evaluate(FOCUS_AND_BAR)
        assert_in_window(box, 1000, 700, step)
        page.keyboard.press("ArrowRight")


def test_without_graphviz_the_browser_lays_out_the_picture(open_page, tmp_path, monkeypatch):
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # `dot` hidden: the page lays the graph out itself
    root = two_layer(m=5)
    player = viz.player(root)
    assert player.in_browser
    page = open_page(player.save(tmp_path / "network.html"))
    boxes = []
    for _ in range(len(player)):
        boxes.append(
            page.evaluate(
                """() => Object.fromEntries([...document.querySelectorAll(
                '.agnn-stage g.node[data-agnn]')].filter(g => g.style.display !== 'none')
                .map(g => { const b = g.querySelector('path, polygon').getBBox();
                return [g.getAttribute('data-agnn').split('~')[0], [b.x, b.y]]; }))"""
            )
        )
        page.keyboard.press("ArrowRight")
    assert len(boxes[0]) >= 10 and all(b == boxes[0] for b in boxes)
    now = shown(page)
    assert now["caption"].startswith("backward: dJ/dW1 = ") and "sum over the" in now["text"]
    click_node(page, player, "W1")
    assert "dJ/dW1 = dJ/dt3 @ X.T" in page.inner_text(".agnn-info")


def test_fit_width_and_zoom(open_page, tmp_path) -> None:
    player = viz.player(two_layer(m=5))
    page = open_page(player.save(tmp_path / "zoom.html"), 420, 700)

    def widths():
        return page.evaluate(
            """() => { const stage = document.querySelector('.agnn-stage');
            const svg = stage.querySelector('svg');
            return [svg.getBoundingClientRect().width, stage.clientWidth,
                    svg.viewBox.baseVal.width]; }"""
        )

    shown_width, stage, natural = widths()
    assert natural > stage and abs(shown_width - stage) < 2  # fit width: the picture fits
    page.click("button[data-zoom=one]")
    assert abs(widths()[0] - natural) < 2  # 100%: its natural size, scrolled in the stage
    page.click("button[data-zoom=out]")
    assert abs(widths()[0] - natural / 1.25) < 2
    page.click("button[data-zoom=in]")
    page.click("button[data-zoom=in]")
    assert abs(widths()[0] - natural * 1.25) < 2
    page.click("button[data-zoom=fit]")
    assert abs(widths()[0] - stage) < 2


def test_without_graphviz_a_notebook_carries_the_webassembly_once(
    open_page, tmp_path, monkeypatch
) -> None:
    import importlib

    player_module = importlib.import_module("autograd_nn.viz.player")
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(player_module, "_SHOWN_GRAPHVIZ", [])
    J, names = j_example()
    outputs = [viz.player(J, names=names)._repr_html_() for _ in range(3)]  # three cells
    assert [("Viz.js 3.31.0" in html) for html in outputs] == [True, False, False]
    assert sum(len(html) for html in outputs[1:]) < 200_000  # the later ones stay small
    page_path = tmp_path / "notebook.html"
    page_path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        # an AMD loader on the page, as classic Notebook's require.js: Viz must stay global
        "<script>window.define = function () {}; window.define.amd = {};</script>"
        "</head><body>" + "".join(outputs) + "</body></html>",
        encoding="utf-8",
    )
    page = open_page(page_path)
    page.wait_for_function(
        "document.querySelectorAll('.agnn-player[data-ready]').length === 3", timeout=30_000
    )
    last = page.locator(".agnn-player").nth(2)
    last.locator("button[data-action=last]").click()
    assert last.get_attribute("data-step") == "10"
