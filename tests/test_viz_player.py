"""The step-through player, from Python: its frames, captions, node cards and the page it saves.

The browser side (buttons, keys, clicks) is tested in test_viz_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from course_graphs import j_example, reused_value

from autograd_nn import BackwardError, Tensor, viz
from autograd_nn.cli import main
from autograd_nn.viz.player import viz_js

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
VENDOR = Path(viz.__file__).parent / "vendor" / "viz-js"

J_CAPTIONS = [  # the course's J = 3(a + bc) at a = 5, b = 3, c = 2, one edge per step
    "dJ/dJ = 1: the backward pass starts at J",
    "dJ/dv = dJ/dJ × dJ/dv = 1 × 3 = 3",
    "dJ/da = dJ/dv × dv/da = 3 × 1 = 3",
    "dJ/du = dJ/dv × dv/du = 3 × 1 = 3",
    "dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6",
    "dJ/dc = dJ/du × du/dc = 3 × b = 3 × 3 = 9",
]


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="agnn-data">(.*?)</script>', html)
    return json.loads(match.group(1).replace("<\\/", "</"))


def hide_dot(monkeypatch, tmp_path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


def test_one_frame_per_step_with_the_chain_rule_as_caption() -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    assert len(player) == 6 and player.captions == J_CAPTIONS


def test_a_node_card_holds_value_gradient_and_the_lines_that_made_it() -> None:
    y, _ = reused_value()  # dy/dx = 2 + 3 + 3 = 8 at x = 3
    nodes = viz.player(y).data()["nodes"]
    (x_card,) = [card for card in nodes.values() if card["title"] == "x"]
    assert x_card["value"] == "value: 3" and x_card["gradient"] == "dy/dx = 8"
    assert len(x_card["lines"]) == 4 and x_card["lines"][-1] == "total dy/dx = 2 + 3 + 3 = 8"
    assert x_card["step"] == 6  # the frame where its last path arrives
    J, names = j_example()
    cards = viz.player(J, names=names).data()["nodes"]
    (b_card,) = [card for card in cards.values() if card["title"] == "b"]
    assert b_card["lines"] == ["dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6"]


@needs_dot
def test_with_graphviz_the_frames_are_inline_svg_and_nothing_is_fetched() -> None:
    J, names = j_example()
    player = viz.player(J, names=names)
    html = player._repr_html_()
    data = page_data(html)
    assert not player.in_browser and data["reference"] is None
    assert len(data["frames"]) == 6 and all(f["svg"].startswith("<svg") for f in data["frames"])
    assert "Viz.js" not in html  # no WebAssembly Graphviz needed
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "3 × c = 3 × 2 = 6" in data["frames"][4]["svg"]


def test_without_graphviz_the_page_lays_the_frames_out_itself(monkeypatch, tmp_path) -> None:
    J, names = j_example()
    hide_dot(monkeypatch, tmp_path)
    player = viz.player(J, names=names)
    assert player.in_browser
    html = player.html(standalone=True)
    data = page_data(html)
    assert all("dot" in f and "layout=nop2" not in f["dot"] for f in data["frames"])
    assert "digraph" in data["reference"] and "Viz.js 3.31.0" in html
    path = player.save(tmp_path / "backprop.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


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
    assert len(page_data(target.read_text(encoding="utf-8"))["captions"]) == 6
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
