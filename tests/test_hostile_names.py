"""Names from strangers through every writer: DOT, SVG, frames, the player's page, explain.

A tensor's name is text anyone can choose (a notebook received from someone, a command line).
Each writer must keep it text: the DOT still parses, the SVG is well-formed XML showing the name,
the player's page has exactly the elements of a page with a plain name (one ``<script>`` stays
one, no comment opens), and Markdown carries no HTML. Hostile classics plus generated strings.
"""

from __future__ import annotations

import base64
import html.parser
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd_nn import Tensor, viz

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

CLASSICS = [
    "<!--<script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "]]><!--",
    "-->",
    "<![CDATA[x]]>",
    '"; alert(1); "',
    "' onmouseover='alert(1)",
    "&lt;b&gt;",
    "&#x3C;script&#x3E;",
    "\\u003cscript\\u003e",
    "\u2028\u2029",
    "a\x00b\x01c\x1b[31m",
    "\ud800",
    "}</style><style>*{display:none}",
    "${alert(1)}",
    "`<b>`",
    "$\\href{javascript:alert(1)}{x}$",
    "{{7*7}}",
    "x" * 5000,
    "<" * 300 + ">" * 300,
]


class Tags(html.parser.HTMLParser):
    """The sequence of start tags, comments and declarations, as a browser would meet them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[str] = []
        self.data_scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        self._script = tag == "script" and ("type", "application/json") in attrs
        if self._script:
            self.data_scripts.append("")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script:
            self.data_scripts[-1] += data

    def handle_comment(self, data):
        self.seen.append("<!--")

    def handle_decl(self, decl):
        self.seen.append("<!" + decl.split()[0])


def tags(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


def graph(name: str) -> Tensor:
    """J = 3(a + bc) with a named ``name``, after backward."""
    a, b, c = Tensor(5.0, name=name), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    J = 3 * (a + b * c)
    J.backward()
    return J


def svg_text(svg: bytes | str) -> str:
    """All the text an SVG shows (parsed as XML: fails on a broken document)."""
    root = ET.fromstring(svg)
    return " ".join(t.strip() for t in root.itertext() if t.strip())


PLAIN = tags(viz.player(graph("a")).html(standalone=True)).seen


def check_page(name: str) -> None:
    page = viz.player(graph(name)).html(standalone=True)
    parsed = tags(page)
    assert parsed.seen == PLAIN  # the same elements as with a plain name
    (payload,) = parsed.data_scripts
    data = json.loads(payload)
    cards = data["data"]["nodes"]
    assert any(card["title"] == name for card in cards.values()) or len(name) > 120
    assert "<" not in payload and ">" not in payload and "&" not in payload
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    if encoded:  # with `dot`: the static picture is well-formed SVG
        svg_text(base64.b64decode(encoded.group(1)))
    if data["data"]["svg"]:
        svg_text(data["data"]["svg"])


def check_markdown(name: str) -> None:
    markdown = viz.explain(graph(name), style="markdown")
    assert "<" not in markdown and ">" not in markdown
    for line in markdown.splitlines():
        assert re.sub(r"\\\$", "", line).count("$") % 2 == 0, line


@pytest.mark.parametrize("name", CLASSICS)
def test_the_player_page_keeps_its_structure(name) -> None:
    check_page(name)


@pytest.mark.parametrize("name", CLASSICS)
def test_explain_markdown_carries_no_html(name) -> None:
    check_markdown(name)
    assert viz.explain(graph(name)).splitlines()[0] == "dJ/dJ = 1"


@needs_dot
@pytest.mark.parametrize("name", CLASSICS)
def test_svg_and_frames_are_well_formed_and_show_the_name(name, tmp_path) -> None:
    J = graph(name)
    shown = svg_text(viz.save(J, tmp_path / "j.svg", mode="backward").read_bytes())
    visible = viz.markup.visible(name) if len(name) <= 120 else viz.markup.visible(name)[:117]
    assert visible[:60] in shown
    for path in viz.save_frames(J, tmp_path / "steps", "svg"):
        svg_text(path.read_bytes())


@given(st.text(min_size=1, max_size=40))
def test_generated_names_through_every_writer(name) -> None:
    check_page(name)
    check_markdown(name)
    J = graph(name)
    source = viz.draw(J, "backward").source
    assert source.count("digraph") == 1
    if shutil.which("dot"):
        svg_text(viz.draw(J, "backward").pipe(format="svg"))
