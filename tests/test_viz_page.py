"""The page shell (autograd_nn.viz.page): safe JSON, the fallback, copies, keys, in Chromium."""

from __future__ import annotations

import base64
import html
import html.parser
import json

import numpy as np
import pytest
from browser_support import CHROMIUM, SKIP_REASON, launch

from autograd_nn.viz.page import STEP_KEYS, TRUST_HINT, Page, script_json, svg_image

HOSTILE = ["</script><script>alert(1)</script>", "<!--<script>", "]]>&amp;<", "\u2028\u2029"]

# A kind that steps through numbers: what the player, the exercises and the replay build on.
DEMO_SCRIPT = """
autogradNNPage.register("demo", function (page) {
  var out = page.find(".demo-out");
  var stepper = page.stepper({ count: page.data.values.length, show: function (k) {
    out.textContent = page.data.values[k];
    stepper && stepper.caption("caption " + page.data.values[k]);
  } });
  stepper.show(0);
  return stepper;
});
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">J</text></svg>'


def demo(values=("a", "b", "c")) -> Page:
    return Page(
        "demo",
        "a <demo> & more",
        body='<div class="demo-out"></div>',
        data={"values": list(values)},
        script=DEMO_SCRIPT,
        fallback_svg=SVG,
    )


class Elements(html.parser.HTMLParser):
    """Counts start tags and collects script texts, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def handle_comment(self, data):
        self.tags.append("<!--")


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_round_trips_and_has_no_markup(text) -> None:
    written = script_json({"name": text, "list": [text]})
    assert not any(c in written for c in "<>&\u2028\u2029")
    assert json.loads(written) == {"name": text, "list": [text]}


def test_script_json_writes_numpy_and_non_finite_numbers() -> None:
    written = json.loads(script_json({"a": np.arange(3), "b": np.float64(np.nan), "c": -np.inf}))
    assert written == {"a": [0, 1, 2], "b": "nan", "c": "-inf"}
    with pytest.raises(TypeError, match="page data: cannot write a set"):
        script_json({"s": {1}})


def test_a_page_has_one_data_element_and_two_scripts_whatever_its_strings() -> None:
    for text in HOSTILE:
        page = Page("demo", text, body="<p>x</p>", data={"t": text}, fallback_text=text)
        parsed = parse(page.html(standalone=True))
        assert parsed.tags.count("script") == 4  # data, shell + kind, start, focus
        assert "<!--" not in parsed.tags
        assert json.loads(parsed.scripts[0])["data"] == {"t": text}
        assert json.loads(parsed.scripts[0])["title"] == text


def test_the_fallback_is_an_image_of_the_svg_and_the_hint() -> None:
    fragment = demo().html()
    parsed = parse(fragment)
    assert parsed.tags[:4] == ["div", "div", "img", "p"]
    start = fragment.index("base64,") + len("base64,")
    encoded = fragment[start : fragment.index('"', start)]
    assert base64.b64decode(encoded).decode() == SVG
    assert html.escape(TRUST_HINT.format(what="demo")) in fragment
    assert 'alt="a &lt;demo&gt; &amp; more (static picture)"' in fragment
    assert "data-lm-suppress-shortcuts" in fragment and 'tabindex="0"' in fragment
    assert " id=" not in fragment  # copies must not share ids


def test_svg_image_drops_the_xml_prolog() -> None:
    image = svg_image('<?xml version="1.0"?>\n<!DOCTYPE svg>\n' + SVG, "J")
    encoded = image.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded).decode() == SVG


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="kind must be a lower-case word"):
        Page("Player!", "t")
    with pytest.raises(TypeError, match="title must be a str"):
        Page("demo", 3)
    with pytest.raises(ValueError, match=r"ending in \.html"):
        demo().save("page.txt")


# ---------------------------------------------------------------------------- in Chromium
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
browser_only = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)


@pytest.fixture(scope="module")
def browser():
    with launch(sync_api) as context:
        yield context
        assert context.outside == []


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory):
    """A page with two copies of one widget and a listener recording keys that escape."""
    path = tmp_path_factory.mktemp("pages") / "two.html"
    fragment = demo().html()
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        "<script>window.escaped = []; document.addEventListener('keydown',"
        " e => window.escaped.push(e.key));</script>"
        f'{fragment}<p id="between">between</p>{fragment}</body></html>',
        encoding="utf-8",
    )
    return path


def state(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.agnn-page')].map(root => ({
            out: root.querySelector('.demo-out').textContent,
            caption: root.querySelector('.agnn-caption').textContent,
            step: root.getAttribute('data-step'),
            fallback: root.querySelector('.agnn-fallback').offsetParent !== null,
            keys: root.querySelector('.agnn-keys').textContent,
        }))"""
    )


@browser_only
def test_two_copies_step_on_their_own_and_keep_their_keys(browser, two_copies) -> None:
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(two_copies.as_uri())
    first, second = page.locator(".agnn-page").all()
    assert [s["out"] for s in state(page)] == ["a", "a"]
    assert not any(s["fallback"] for s in state(page))  # the script hid the static picture
    assert state(page)[0]["keys"] == " · ".join(f"{k} {m}" for k, m in STEP_KEYS)
    second.locator("button[data-action=next]").click()
    assert [s["out"] for s in state(page)] == ["a", "b"]
    first.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    assert [s["out"] for s in state(page)] == ["b", "b"]
    page.keyboard.press("ArrowRight")
    now = [(s["out"], s["caption"]) for s in state(page)]
    assert now == [("c", "caption c"), ("b", "caption b")]
    page.keyboard.press("Home")
    for key in ("ArrowUp", "ArrowDown", "Space", "PageDown"):  # page keys: not the widget's
        page.keyboard.press(key)
    assert state(page)[0]["out"] == "a"
    assert page.evaluate("window.escaped") == []  # no key left the widget
    page.locator("#between").click()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.escaped") == ["ArrowRight"]  # outside it, keys are the page's
    assert [s["out"] for s in state(page)] == ["a", "b"]
    assert errors == []
    page.close()


@browser_only
def test_without_scripts_only_the_picture_and_the_hint_show(browser, tmp_path) -> None:
    path = demo().save(tmp_path / "static.html")
    context = browser.sibling(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        text = page.inner_text("body")
        assert text.strip() == TRUST_HINT.format(what="demo")
        assert page.locator("img.agnn-fallback-picture").is_visible()
        width = page.evaluate("document.querySelector('img.agnn-fallback-picture').naturalWidth")
        assert width == 40  # the SVG decoded as an image
        assert page.locator("button").count() == 0
    finally:
        context.close()
