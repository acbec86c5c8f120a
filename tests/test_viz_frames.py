"""The backward pass step by step: the seed, then one frame per edge, every node kept in place."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat

import pytest
from course_graphs import j_example, reused_value, two_layer

from autograd_nn import BackwardError, Tensor, viz
from autograd_nn.viz.render import CURRENT_FILL

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

GRADS = {"J": 1, "v": 3, "u": 3, "a": 3, "b": 6, "c": 9}  # by hand (course example)


def highlighted(source: str) -> list[str]:
    return [line for line in source.splitlines() if CURRENT_FILL in line and "[label=" in line]


def current_name(source: str) -> str:
    (line,) = highlighted(source)
    first = re.search(r"label=<(.*?)(<BR/>|</TD>)", line).group(1)
    return re.sub(r"<[^>]+>", "", first).split(" = ")[0]


def test_the_seed_then_one_frame_per_edge_in_the_order_the_pass_ran() -> None:
    J, names = j_example()
    frames = viz.backward_frames(J, names=names)
    assert len(frames) == 6  # the seed, then J->v, v->a, v->u, u->b, u->c
    assert [current_name(f.source) for f in frames] == ["J", "v", "a", "u", "b", "c"]


def test_each_frame_says_its_chain_rule_line() -> None:
    J, names = j_example()
    sources = [f.source for f in viz.backward_frames(J, names=names)]
    expected = [
        "step 1 of 6: dJ/dJ = 1",
        "step 2 of 6: dJ/dv = d(3 × v)/dv = 3",
        "step 3 of 6: dJ/da = dJ/dv × dv/da = 3 × 1 = 3",
        "step 4 of 6: dJ/du = dJ/dv × dv/du = 3 × 1 = 3",
        "step 5 of 6: dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6",
        "step 6 of 6: dJ/dc = dJ/du × du/dc = 3 × b = 3 × 3 = 9",
    ]
    for source, line in zip(sources, expected, strict=True):
        assert line in source


def test_gradients_fill_in_as_the_pass_goes() -> None:
    J, names = j_example()
    frames = viz.backward_frames(J, names=names)
    first, last = frames[0].source, frames[-1].source
    assert "dJ/dJ = 1" in first and "dJ/db = ?" in first and "dJ/dv = ?" in first
    assert "dJ/dv = 3" in frames[1].source and "dJ/db = ?" in frames[1].source
    for name, grad in GRADS.items():
        assert f"dJ/d{name} = {grad}" in last
    filled = [sum(f"dJ/d{n} = {g}<" in f.source for n, g in GRADS.items()) for f in frames]
    assert filled == [1, 2, 3, 4, 5, 6]


def test_partial_sums_show_the_paths_so_far() -> None:
    y, _ = reused_value()  # dy/dx = 2 + 3 + 3 = 8, one path at a time
    sources = [f.source for f in viz.backward_frames(y)]
    partial = [s for s in sources if "dy/dx = 2 + …" in s or "dy/dx = 2 + 3 + …" in s]
    assert len(partial) == 2
    assert "dy/dx = 2 + 3 + 3 = 8" in sources[-1] and "…" not in sources[-1]


@needs_dot
def test_every_node_stays_in_place_from_frame_to_frame() -> None:
    import subprocess

    for root in (j_example()[0], reused_value()[0], two_layer(m=5)):
        positions = []
        for frame in viz.backward_frames(root):
            laid = subprocess.run(
                ["dot", "-Tjson0"], input=frame.source.encode(), capture_output=True, check=True
            )
            objects = json.loads(laid.stdout)["objects"]
            positions.append({o["name"]: (o["pos"], o["width"]) for o in objects if "pos" in o})
        assert len(positions[0]) >= 4
        assert all(p == positions[0] for p in positions)


def test_save_frames_writes_numbered_files(tmp_path) -> None:
    J, names = j_example()
    previous = os.umask(0o022)
    try:
        paths = viz.save_frames(J, tmp_path / "steps", "dot", names=names)
    finally:
        os.umask(previous)
    assert [p.name for p in paths] == [f"backward-0{k}.dot" for k in range(1, 7)]
    assert sorted(p.name for p in (tmp_path / "steps").iterdir()) == [p.name for p in paths]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in paths)  # the umask's choice


def test_frames_need_backward_first() -> None:
    a = Tensor(1.0, name="a")
    with pytest.raises(BackwardError):
        viz.backward_frames(a * 2)


def test_a_lean_backward_pass_is_named_in_the_refusal() -> None:
    # backward(keep_grads=False), as the training loop runs it: "call backward() first" alone
    # would contradict what the learner just did
    a = Tensor(2.0, name="a")
    J = a * 3
    J.backward(keep_grads=False)
    with pytest.raises(BackwardError, match=r"keep_grads=True"):
        viz.backward_frames(J)
    with pytest.raises(BackwardError, match=r"keep_grads=False keeps only the leaves'"):
        viz.explain_gradients(J)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda J, d: viz.backward_frames(None), TypeError, r"backward_frames: J must be a"),
        (lambda J, d: viz.save_frames(J, d, "jpeg"), ValueError, r"fmt must be one of"),
        (lambda J, d: viz.save_frames(J, None), TypeError, r"directory must be a str"),
        (lambda J, d: viz.save_frames(J, d, prefix="a/b"), ValueError, r"prefix must be"),
        (lambda J, d: viz.backward_frames(J, rankdir=1), TypeError, r"rankdir must be one"),
    ],
)
def test_wrong_arguments_are_named(call, error, message, tmp_path) -> None:
    J, _ = j_example()
    with pytest.raises(error, match=message):
        call(J, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_image_frames_without_graphviz_write_nothing(tmp_path, monkeypatch) -> None:
    J, _ = j_example()
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(viz.GraphvizMissingError, match="apt-get install graphviz"):
        viz.save_frames(J, tmp_path / "steps", "png")
    assert not (tmp_path / "steps").exists()
    paths = viz.save_frames(J, tmp_path / "steps", "dot")  # DOT text needs no Graphviz
    assert len(paths) == 6 and "layout=nop2" not in paths[0].read_text()


@needs_dot
def test_png_frames(tmp_path) -> None:
    J, names = j_example()
    paths = viz.save_frames(J, tmp_path, "png", names=names)
    assert len(paths) == 6
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in paths)
