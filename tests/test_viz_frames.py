"""The backward pass step by step: one frame per node processed, numbered files."""

from __future__ import annotations

import re
import shutil

import pytest
from course_graphs import j_example

from autograd_nn import BackwardError, Tensor, viz
from autograd_nn.viz.render import CURRENT_FILL

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

GRADS = {"J": 1, "v": 3, "u": 3, "a": 3, "b": 6, "c": 9}  # by hand (course example)


def highlighted(source: str) -> list[str]:
    return [line for line in source.splitlines() if CURRENT_FILL in line and "[label=" in line]


def test_one_frame_per_node_with_the_current_node_highlighted() -> None:
    J, names = j_example()
    frames = viz.backward_frames(J, names=names)
    assert len(frames) == 6  # J, v, u, a, b, c: every node that needs a gradient
    current = []
    for frame in frames:
        lines = highlighted(frame.source)
        assert len(lines) == 1
        first_line = re.search(r"label=<(.*?)<BR/>", lines[0]).group(1)
        current.append(re.sub(r"<[^>]+>", "", first_line))
    assert current[:2] == ["J = 3 * v", "v = a + u"]  # from the cost backwards
    assert sorted(current) == sorted(["J = 3 * v", "v = a + u", "u = b * c", "a", "b", "c"])
    assert current.index("u = b * c") < min(current.index("b"), current.index("c"))


def test_gradients_fill_in_as_the_pass_goes() -> None:
    J, names = j_example()
    frames = viz.backward_frames(J, names=names)
    first, last = frames[0].source, frames[-1].source
    assert "dJ/dJ = 1" in first and "dJ/db = ?" in first and "dJ/dv = 3" in first
    for name, grad in GRADS.items():
        assert f"dJ/d{name} = {grad}" in last
    filled = [sum(f"dJ/d{n} = {g}" in f.source for n, g in GRADS.items()) for f in frames]
    assert filled == sorted(filled) and filled[-1] == len(GRADS)


def test_partial_sums_say_so_far() -> None:
    x = Tensor(3.0, name="x")
    y = x * 2
    J = y + x  # x has two consumers: dJ/dx = 2 + 1 = 3 by hand
    J.backward()
    sources = [f.source for f in viz.backward_frames(J)]
    assert any("dJ/dx = 1 (so far)" in s for s in sources)
    assert "dJ/dx = 3" in sources[-1] and "(so far)" not in sources[-1]


def test_save_frames_writes_numbered_files(tmp_path) -> None:
    J, names = j_example()
    paths = viz.save_frames(J, tmp_path / "steps", "dot", names=names)
    assert [p.name for p in paths] == [f"backward-0{k}.dot" for k in range(1, 7)]
    assert sorted(p.name for p in (tmp_path / "steps").iterdir()) == [p.name for p in paths]


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


def test_image_frames_without_graphviz_write_nothing(tmp_path, monkeypatch) -> None:
    J, _ = j_example()
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(viz.GraphvizMissingError, match="apt-get install graphviz"):
        viz.save_frames(J, tmp_path / "steps", "png")
    assert not (tmp_path / "steps").exists()


@needs_dot
def test_png_frames(tmp_path) -> None:
    J, names = j_example()
    paths = viz.save_frames(J, tmp_path, "png", names=names)
    assert len(paths) == 6
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in paths)
