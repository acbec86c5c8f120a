"""The step-through player, from Python: its frames, captions, node cards and the page it saves.

The browser side (buttons, keys, clicks) is tested in test_viz_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from course_graphs import j_example, reused_value, small_layer, two_layer

from autograd_nn import BackwardError, Tensor, viz
from autograd_nn.cli import main
from autograd_nn.viz.film import GraphTooBigError, _Elements
from autograd_nn.viz.forward import Forward
from autograd_nn.viz.player import viz_js
from autograd_nn.viz.render import Renderer

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
VENDOR = Path(viz.__file__).parent / "vendor" / "viz-js"

J_FORWARD = [  # the course's J = 3(a + bc) at a = 5, b = 3, c = 2: one node per step
    "the forward pass starts from the inputs: a = 5, b = 3, c = 2",
    "u = b * c = 3 * 2 = 6",
    "v = a + u = 5 + 6 = 11",
    "J = 3 * v = 3 * 11 = 33",
]
J_BACKWARD = [  # then one edge per step
    "dJ/dJ = 1: the backward pass starts at J",
    "dJ/dv = d(3 × v)/dv = 3",
    "dJ/da = dJ/dv × dv/da = 3 × 1 = 3",
    "dJ/du = dJ/dv × dv/du = 3 × 1 = 3",
    "dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6",
    "dJ/dc = dJ/du × du/dc = 3 × b = 3 × 3 = 9",
]
J_CAPTIONS = J_FORWARD + J_BACKWARD


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="agnn-data">(.*?)</script>', html)
    return json.loads(match.group(1))["data"]


def hide_dot(monkeypatch, tmp_path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


def chain(n: int) -> Tensor:
    """A chain of n operations (add 0.1, then tanh(1.01 y), alternately), after backward."""
    y = x = Tensor(0.5, name="x")
    for k in range(n):
        y = (y * 1.01).tanh() if k % 2 else y + 0.1
    del x
    y.backward()
    return y


def test_the_forward_pass_then_the_backward_pass_one_step_per_frame() -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    assert len(player) == 10 and player.captions == J_CAPTIONS
    assert player.phases == ["forward"] * 4 + ["backward"] * 6
    assert viz.player(J, names=names, passes="backward").captions == J_BACKWARD
    J, names = j_example(run_backward=False)  # the forward pass needs no backward
    assert viz.player(J, names=names, passes="forward").captions == J_FORWARD
    with pytest.raises(BackwardError, match=r"call J.backward\(\) first.*passes='forward'"):
        viz.player(J, names=names)
    data = Tensor([[1.0, 2.0]], name="X", requires_grad=False)
    with pytest.raises(BackwardError, match=r"no backward pass to play.*passes='forward'"):
        viz.player((data * 2).sum())
    forward = viz.player((data * 2).sum(), passes="forward")
    assert forward.captions[-1].endswith("= sum([[2, 4]]) = 6")


def test_forward_lines_write_matrices_as_entries_or_shape_and_summary() -> None:
    W = Tensor([[1.0, -2.0], [3.0, 4.0]], name="W")
    A = Tensor([[0.5], [-1.0]], name="A")
    Z = W @ A
    Z.name = "Z"
    captions = viz.player(Z.sum(), names={"Z": Z}, passes="forward").captions
    assert captions[1] == "Z = W @ A = [[1, -2], [3, 4]] @ [[0.5], [-1]] = [[2.5], [-2.5]]"
    J, names = small_layer(m=400)
    lines = viz.player(J, names=names, passes="forward").captions
    (z1,) = [line for line in lines if line.startswith("Z1 = ")]
    assert z1.endswith(": (n[1], m) = (4, 400), mean 0.0089, min -2.7, max 3.1")
    assert lines[-1] == "J = mean(Z1) = 0.008921"


def replay_frames(player) -> list[list[str]]:
    """Each frame's picture as the page shows it: every element's variant after the changes."""
    film = player.film
    shown = [0] * len(film.elements)
    frames = []
    for change in film.changes:
        for j in range(0, len(change), 3):
            element, old, new = change[j : j + 3]
            assert shown[element] == old
            shown[element] = new
        frames.append([film.variants[e][v] for e, v in enumerate(shown)])
    assert shown == list(film.final)
    return frames


def drawn(player, state=None, forward=None) -> list[str]:
    """The same frame drawn whole, by a fresh renderer (the oracle for the changes)."""
    film = player.film
    r = film.renderer
    fresh = Renderer(player.J, r.options, None, state, r.pins, forward)
    fresh.names = r.names
    fresh.highlight = False
    elements = _Elements(fresh)
    assert elements.ids == list(film.elements)
    return [elements.line(key) for key in elements.ids]


@pytest.mark.parametrize("graph", ["j", "reused", "layer", "network"])
def test_each_frame_s_changes_give_the_picture_drawn_whole(graph) -> None:
    J, names = {
        "j": j_example,
        "reused": reused_value,
        "layer": lambda: small_layer(m=5),
        "network": lambda: (two_layer(m=3), None),
    }[graph]()
    player = viz.player(J, names=names, layout="browser")  # the same lines, without `dot`
    frames = replay_frames(player)
    start = Forward.start(player.film.renderer.nodes)
    forward = [drawn(player, None, start.after(k)) for k in range(len(start.order) + 1)]
    replay = player.film.replay
    backward = [drawn(player, replay.state(k)) for k in range(len(replay.steps) + 1)]
    assert frames == forward + backward


def test_a_node_card_holds_value_gradient_and_the_lines_that_made_it() -> None:
    y, _ = reused_value()  # dy/dx = 2 + 3 + 3 = 8 at x = 3
    player = viz.player(y)
    nodes = player.data()["nodes"]
    (x_card,) = [card for card in nodes.values() if card["title"] == "x"]
    assert x_card["value"] == "value: 3" and x_card["gradient"] == "dy/dx = 8"
    assert len(x_card["lines"]) == 4 and x_card["lines"][-1] == "total dy/dx = 2 + 3 + 3 = 8"
    assert player.captions[x_card["step"] - 1].endswith("total dy/dx = 2 + 3 + 3 = 8")
    J, names = j_example()
    cards = viz.player(J, names=names).data()["nodes"]
    (b_card,) = [card for card in cards.values() if card["title"] == "b"]
    assert b_card["lines"] == ["dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6"]
    (u_card,) = [card for card in cards.values() if card["title"] == "u = b * c"]
    assert u_card["lines"] == ["u = b * c = 3 * 2 = 6", "dJ/du = dJ/dv × dv/du = 3 × 1 = 3"]
    assert (u_card["computed"], u_card["step"]) == (2, 8)


@needs_dot
def test_with_graphviz_the_picture_is_svg_with_a_static_last_frame() -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    html = player._repr_html_()
    data = page_data(html)
    assert not player.in_browser and data["reference"] is None and data["sheet"] is None
    assert data["svg"].startswith("<svg") and "3 × c = 3 × 2 = 6" in data["svg"]
    assert "Viz.js" not in html  # no WebAssembly Graphviz needed
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    static = base64.b64decode(encoded).decode("utf-8")
    ET.fromstring(static)  # well-formed SVG
    assert "dJ/dc = 9" in static and "dJ/dc = ?" not in static and "= ?" not in static
    assert "File &gt; Trust Notebook, or re-run the cell, for the interactive player" in html


def test_without_graphviz_the_page_lays_the_picture_out_itself(monkeypatch, tmp_path) -> None:
    J, names = j_example()
    hide_dot(monkeypatch, tmp_path)
    player = viz.player(J, names=names)
    assert player.in_browser
    html = player.html(standalone=True)
    data = page_data(html)
    assert data["svg"] is None and "layout=nop2" not in data["sheet"]
    assert 'id="n1~1"' in data["sheet"] and "digraph" in data["reference"]
    assert "Viz.js 3.31.0" in html and "data:image/svg" not in html
    assert "dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6" in html  # the static text instead
    path = player.save(tmp_path / "backprop.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_page_grows_with_nodes_plus_frames_within_the_budget() -> None:
    """Budget: a 200-operation chain's player is at most 2 MB; laid out in the browser (no
    `dot`), at most 1 MB besides the 1.3 MB WebAssembly Graphviz it carries."""
    sizes = {n: len(viz.player(chain(n)).html(standalone=True).encode()) for n in (50, 100, 200)}
    assert sizes[200] <= 2_000_000
    assert sizes[200] / sizes[100] < 2.2 and sizes[100] / sizes[50] < 2.2  # linear, not n^2
    browser = viz.player(chain(200), layout="browser").html(standalone=True)
    assert len(browser.encode()) - len(viz_js().encode()) <= 1_000_000


def test_a_graph_above_the_node_limit_is_refused_by_name() -> None:
    y = x = Tensor(0.5, name="x")
    for _ in range(10_000):
        y = y + 0.1
    y.backward()
    with pytest.raises(GraphTooBigError, match=r"10,001 nodes; the player draws at most 1,000"):
        viz.player(y)
    del x


def test_save_writes_one_page_with_the_umask_and_refuses_other_names(tmp_path) -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    previous = os.umask(0o022)
    try:
        path = player.save(tmp_path / "backprop.html")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["backprop.html"]
    with pytest.raises(ValueError, match=r"ending in \.html"):
        player.save(tmp_path / "backprop.svg")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        player.save(tmp_path / "absent" / "backprop.html")
    with pytest.raises(TypeError, match="path must be a str"):
        player.save(None)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda J: viz.player(None), TypeError, r"player: J must be a Tensor"),
        (lambda J: viz.player(J, interval="fast"), TypeError, r"interval must be a number"),
        (lambda J: viz.player(J, interval=0), ValueError, r"interval must be 0.05 to 60"),
        (lambda J: viz.player(J, layout="gpu"), ValueError, r"layout must be 'auto'"),
        (lambda J: viz.player(J, passes="up"), ValueError, r"passes must be one of forward"),
        (lambda J: viz.player(J, detail=1), TypeError, r"player: detail must be one of"),
        (lambda J: viz.player(Tensor(2.0) * 3), BackwardError, r"backward\(\) first"),
    ],
)
def test_wrong_arguments_are_named(call, error, message) -> None:
    J, _ = j_example()
    with pytest.raises(error, match=message):
        call(J)


def test_graph_html_and_demo_write_the_player(tmp_path, capsys, monkeypatch) -> None:
    target = tmp_path / "backprop.html"
    assert main(["graph", "3*(a + b*c)", "a=5", "b=3", "c=2", "--html", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert len(page_data(target.read_text(encoding="utf-8"))["captions"]) == 10
    assert (
        main(["graph", "3*(a + b*c)", "a=5", "b=3", "c=2", "--html", str(tmp_path / "x.svg")]) == 1
    )
    assert "ending in .html" in capsys.readouterr().err
    hide_dot(monkeypatch, tmp_path)
    assert main(["demo", "--output-dir", str(tmp_path / "demo")]) == 0
    page = (tmp_path / "demo" / "j-backprop.html").read_text(encoding="utf-8")
    assert page_data(page)["captions"] == J_CAPTIONS  # laid out in the browser


def test_the_vendored_graphviz_has_its_licence_version_and_checksum() -> None:
    version = dict(
        line.split(": ", 1)
        for line in (VENDOR / "VERSION").read_text().splitlines()
        if ": " in line
    )
    assert version["package"] == "@viz-js/viz" and re.fullmatch(
        r"\d+\.\d+\.\d+", version["version"]
    )
    assert hashlib.sha256(viz_js().encode("utf-8")).hexdigest() == version["sha256"]
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text()
    assert f"Viz.js {version['version']}" in viz_js()[:200]
