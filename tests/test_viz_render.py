"""Diagrams of the recorded graph: the J = 3(a + bc) example against the course's hand values.

Oracles: a = 5, b = 3, c = 2, u = bc = 6, v = a + u = 11, J = 3v = 33; dJ/dv = 3, dJ/du = 3,
dJ/da = 3, dJ/db = dJ/du * c = 6, dJ/dc = dJ/du * b = 9.
"""

from __future__ import annotations

import re
import shutil
import time

import numpy as np
import pytest
from course_graphs import j_example, small_layer

from autograd_nn import BackwardError, Tensor, scope, viz
from autograd_nn import functions as fn
from autograd_nn.viz.render import RED

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot program is not installed")

VALUES = {"a": 5, "b": 3, "c": 2, "u": 6, "v": 11, "J": 33}
GRADS = {"a": 3, "b": 6, "c": 9, "u": 3, "v": 3, "J": 1}
EQUATIONS = {"u": "u = b * c", "v": "v = a + u", "J": "J = 3 * v"}


def node_texts(source: str) -> dict[str, str]:
    """Node id -> the label's text with the HTML markup removed (line breaks become ' | ')."""
    texts = {}
    for match in re.finditer(r"^\s*([ng]\d+) \[label=<(.*?)>(?: [a-z]+=|\]$)", source, re.M):
        label = match.group(2).replace("<BR/>", " | ")
        texts[match.group(1)] = re.sub(r"<[^>]+>", "", label)
    return texts


def edge_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if " -> " in line]


def test_forward_labels_show_the_course_equations_and_values() -> None:
    J, names = j_example()
    texts = list(node_texts(viz.draw(J, "forward", names=names).source).values())
    for leaf in "abc":
        assert f"{leaf} = {VALUES[leaf]}" in texts
    for name, equation in EQUATIONS.items():
        assert f"{equation} | {VALUES[name]}" in texts
    assert len(texts) == 6  # the constant 3 is folded into "J = 3 * v", not drawn


def test_forward_is_left_to_right_with_forward_edges() -> None:
    J, names = j_example()
    source = viz.draw(J, names=names).source
    assert "rankdir=LR" in source
    edges = edge_lines(source)
    assert len(edges) == 5  # b, c -> u; a, u -> v; v -> J
    assert not any(RED in e for e in edges)


def test_backward_labels_show_every_derivative() -> None:
    J, names = j_example()
    texts = " || ".join(node_texts(viz.draw(J, "backward", names=names).source).values())
    for name, grad in GRADS.items():
        assert f"dJ/d{name} = {grad}" in texts


def test_backward_edges_are_red_and_point_right_to_left() -> None:
    J, names = j_example()
    source = viz.draw(J, "backward", names=names).source
    assert "rankdir=LR" in source
    edges = edge_lines(source)
    assert len(edges) == 5
    for edge in edges:
        assert f'color="{RED}"' in edge and 'dir="back"' in edge


def test_backward_edge_labels_carry_the_gradient_sent() -> None:
    J, names = j_example()
    source = viz.draw(J, "backward", names=names).source
    ids = {text.split(" ")[0]: node for node, text in node_texts(source).items()}
    for parent, child, grad in [("b", "u", 6), ("c", "u", 9), ("a", "v", 3), ("v", "J", 3)]:
        edge = next(e for e in edge_lines(source) if f"{ids[parent]} -> {ids[child]}" in e)
        assert f"label=<{grad}>" in edge


def test_both_mode_shows_values_and_gradients() -> None:
    J, names = j_example()
    texts = list(node_texts(viz.draw(J, "both", names=names).source).values())
    assert f"{EQUATIONS['u']} | {VALUES['u']} | dJ/du = {GRADS['u']}" in texts


def test_backward_before_backward_ran_is_refused() -> None:
    J, names = j_example(run_backward=False)
    viz.draw(J, "forward")  # fine
    for mode in ("backward", "both"):
        with pytest.raises(BackwardError, match=r"J\.backward\(\)"):
            viz.draw(J, mode, names=names)


def test_bad_mode_and_rankdir_are_refused() -> None:
    J, _ = j_example()
    with pytest.raises(ValueError, match="mode"):
        viz.draw(J, "sideways")
    with pytest.raises(ValueError, match="rankdir"):
        viz.draw(J, rankdir="XY")
    assert "rankdir=TB" in viz.draw(J, rankdir="TB").source


def test_generated_names_are_stable_and_dot_is_byte_identical() -> None:
    first, _ = j_example()
    second, _ = j_example()
    assert viz.draw(first, "backward").source == viz.draw(second, "backward").source
    texts = list(node_texts(viz.draw(first).source).values())
    assert any(re.fullmatch(r"t\d+ = b \* c \| 6", t) for t in texts)
    assert any(re.fullmatch(r"J = 3 \* t\d+ \| 33", t) for t in texts)


def test_a_plus_a_draws_two_edges() -> None:
    a = Tensor(4.0, name="a")
    J = a + a
    J.backward()
    edges = edge_lines(viz.draw(J, "backward").source)
    assert len(edges) == 2 and edges[0] == edges[1]
    assert "dJ/da = 2" in " ".join(node_texts(viz.draw(J, "backward").source).values())


def test_broadcast_of_the_bias_is_drawn_with_its_backward_sum() -> None:
    J, _ = small_layer()
    forward = " || ".join(node_texts(viz.draw(J).source).values())
    assert "broadcast b1" in forward and "(n[1], 1) = (4, 1) → (4, 400)" in forward
    backward = viz.draw(J, "backward").source
    assert "sum over the m = 400 columns" in backward


def test_arrays_show_course_shapes_and_a_summary_not_their_entries() -> None:
    J, names = small_layer()
    texts = node_texts(viz.draw(J).source)
    z1 = next(t for t in texts.values() if t.startswith("Z1 = "))
    assert "(n[1], m) = (4, 400)" in z1 and "mean" in z1
    data = names["Z1"].data
    assert format(float(data[0, 0]), ".4g") not in z1  # no entries dumped
    assert len(z1) < 120
    x_label = next(t for t in texts.values() if t.startswith("X"))
    assert "(n[0], m) = (2, 400)" in x_label


def test_groups_become_clusters_and_collapse_to_one_box() -> None:
    J, _ = small_layer(m=5)
    source = viz.draw(J).source
    assert "subgraph cluster_0" in source and "layer 1" in source
    collapsed = viz.draw(J, "backward", collapse=True).source
    texts = node_texts(collapsed)
    boxes = [t for node, t in texts.items() if node.startswith("g")]
    assert len(boxes) == 1 and boxes[0].startswith("layer 1")
    assert "dJ/dW1" in boxes[0] and "dJ/db1" in boxes[0]
    assert not any(t.startswith("W1") for t in texts.values())


def test_collapsed_l_layer_network_stays_small() -> None:
    layer_dims = [12288, 20, 7, 5, 1]
    rng = np.random.default_rng(0)
    m = 3
    A = Tensor(rng.standard_normal((layer_dims[0], m)), name="X", requires_grad=False)
    Y = Tensor(np.ones((1, m)), name="Y", requires_grad=False)
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        with scope(f"layer {l}"):
            W = Tensor(rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01, name=f"W{l}")
            b = Tensor(np.zeros((layer_dims[l], 1)), name=f"b{l}")
            Z = W @ A + b
            Z.name = f"Z{l}"
            A = fn.sigmoid(Z) if l == L else fn.relu(Z)
            A.name = f"A{l}"
    J = fn.logistic_loss(Z, Y).mean()
    J.backward()
    texts = node_texts(viz.draw(J, "backward", collapse=True).source)
    boxes = [t for node, t in texts.items() if node.startswith("g")]
    assert [b.split(" | ")[0] for b in boxes] == [f"layer {l}" for l in range(1, L + 1)]
    assert len(texts) <= L + 5  # the boxes, X, Y and the cost's few nodes
    full = node_texts(viz.draw(J, "backward").source)
    assert len(full) > 3 * L


def test_hundred_thousand_nodes_render_to_dot_without_recursion() -> None:
    x = Tensor(1.0, name="x")
    t = x
    for _ in range(100_000):
        t = t + x
    start = time.perf_counter()
    source = viz.draw(t).source
    assert time.perf_counter() - start < 30
    assert source.count(" -> ") == 200_000


def test_save_dot_writes_the_source(tmp_path) -> None:
    J, names = j_example()
    path = viz.save(J, tmp_path / "j.dot", mode="backward", names=names)
    assert path.read_text() == viz.draw(J, "backward", names=names).source
    digraph = viz.draw(J)
    assert viz.save(digraph, tmp_path / "j.gv").read_text() == digraph.source
    with pytest.raises(ValueError, match="format"):
        viz.save(J, tmp_path / "j.jpeg2000")


def test_image_without_graphviz_fails_clearly_and_writes_nothing(tmp_path, monkeypatch) -> None:
    J, _ = j_example()
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "out"
    out.mkdir()
    for ext in ("svg", "png", "pdf"):
        with pytest.raises(viz.GraphvizMissingError, match="apt-get install graphviz"):
            viz.save(J, out / f"j.{ext}")
    assert list(out.iterdir()) == []
    viz.save(J, out / "j.dot")  # DOT still works
    assert [p.name for p in out.iterdir()] == ["j.dot"]


def test_save_into_a_missing_folder_names_the_folder(tmp_path) -> None:
    J, _ = j_example()
    with pytest.raises(FileNotFoundError, match=r"folder '.*absent' does not exist") as caught:
        viz.save(J, tmp_path / "absent" / "j.dot")
    assert ".j.dot." not in str(caught.value)  # no temporary name leaks into the message


def test_graphviz_dying_silently_gets_an_explanation(tmp_path, monkeypatch) -> None:
    """dot killed on a graph too big to lay out: no stderr, so the message says what to do."""
    import graphviz

    J, _ = j_example()

    def killed(self, *args, **kwargs):
        raise graphviz.CalledProcessError(-9, ["dot"], output=b"", stderr=b"")

    monkeypatch.setattr(graphviz.Digraph, "pipe", killed)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/dot")
    with pytest.raises(RuntimeError, match=r"exit status -9 .* about 6 nodes.*collapse=True"):
        viz.save(J, tmp_path / "j.svg", mode="backward")
    assert list(tmp_path.iterdir()) == []


@needs_dot
def test_svg_and_png_are_produced(tmp_path) -> None:
    J, names = j_example()
    svg = viz.save(J, tmp_path / "j.svg", mode="backward", names=names).read_text()
    assert "<svg" in svg and "dJ/db = 6" in svg and "dJ/dc = 9" in svg
    png = viz.save(J, tmp_path / "j.png", names=names).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = viz.save(J, tmp_path / "j.pdf", names=names).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.pdf", "j.png", "j.svg"]


def test_lean_backward_is_explained() -> None:
    J, names = j_example(run_backward=False)
    J.backward(keep_grads=False)
    with pytest.raises(BackwardError, match="keep_grads=False"):
        viz.draw(J, "backward", names=names)


def test_names_mapping_names_unnamed_tensors_and_own_names_win() -> None:
    J, names = j_example()
    names["u"].name = "bc"
    texts = list(node_texts(viz.draw(J, names=names).source).values())
    assert "bc = b * c | 6" in texts and "v = a + bc | 11" in texts
    assert any(
        t.startswith("w = a + bc")
        for t in node_texts(viz.draw(J, names={"w": names["v"]}).source).values()
    )


def test_collapse_only_the_groups_named() -> None:
    x = Tensor(0.5, name="x")
    with scope("hidden"):
        h = fn.tanh(x * 2)
    with scope("loss"):
        J = (h - 1) ** 2
    J.backward()
    texts = node_texts(viz.draw(J, "backward", collapse=["loss"]).source)
    boxes = [t for node, t in texts.items() if node.startswith("g")]
    assert len(boxes) == 1 and boxes[0].startswith("loss")
    assert "subgraph cluster_" in viz.draw(J, collapse=["loss"]).source  # "hidden" stays open


def test_notebook_display_without_graphviz_shows_dot_and_the_hint(tmp_path, monkeypatch) -> None:
    J, _ = j_example()
    diagram = viz.draw(J, "backward")
    monkeypatch.setenv("PATH", str(tmp_path))
    bundle = diagram._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert "apt-get install graphviz" in bundle["text/plain"]
    assert diagram.source in bundle["text/plain"]


@needs_dot
def test_notebook_display_with_graphviz_is_svg() -> None:
    J, _ = j_example()
    bundle = viz.draw(J)._repr_mimebundle_()
    assert "<svg" in bundle["image/svg+xml"]
