"""Diagrams of the recorded graph: the J = 3(a + bc) example against the course's hand values.

Oracles: a = 5, b = 3, c = 2, u = bc = 6, v = a + u = 11, J = 3v = 33; dJ/dv = 3, dJ/du = 3,
dJ/da = 3, dJ/db = dJ/du * c = 3 * 2 = 6, dJ/dc = dJ/du * b = 3 * 3 = 9. For y = x*x + 2*x at
x = 3: dy/dx = 2x + 2 = 8, reached by three edges carrying 3, 3 and 2.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time

import numpy as np
import pytest
from course_graphs import j_example, matmul_2x2, reused_value, small_layer, two_layer

from autograd_nn import BackwardError, Tensor, ops, scope, viz
from autograd_nn import functions as fn
from autograd_nn.tensor import record
from autograd_nn.viz.render import RED

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot program is not installed")

VALUES = {"a": 5, "b": 3, "c": 2, "u": 6, "v": 11, "J": 33}
GRADS = {"a": 3, "b": 6, "c": 9, "u": 3, "v": 3, "J": 1}
EQUATIONS = {"u": "u = b * c", "v": "v = a + u", "J": "J = 3 * v"}


def text_of(label: str) -> str:
    """A label's text with the markup removed: lines joined by ' | ', grid cells by spaces."""
    label = re.sub(r"<BR/>|</TR></TABLE></TD></TR>|</TD></TR><TR><TD>", " | ", label)
    label = re.sub(r"</TD>", " ", label)
    text = re.sub(r"<[^>]+>", "", label)
    return re.sub(r"\s+", " ", text).strip(" |")


def node_texts(source: str) -> dict[str, str]:
    """Node id -> the label's text."""
    texts = {}
    for line in source.splitlines():
        match = re.match(r"^\s*([ng]\d+) \[label=<(.*)> ", line)
        if match:
            texts[match.group(1)] = text_of(match.group(2))
    return texts


def edge_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if " -> " in line]


def edge_label(line: str) -> str:
    match = re.search(r"label=<(.*)> id=", line)
    return text_of(match.group(1)).replace(" | = ", " = ") if match else ""  # one line


def node_id(source: str, start: str) -> str:
    return next(node for node, text in node_texts(source).items() if text.startswith(start))


def edge_between(source: str, parent: str, child: str) -> str:
    tail, head = node_id(source, parent), node_id(source, child)
    return next(e for e in edge_lines(source) if e.strip().startswith(f"{tail} -> {head} "))


# ------------------------------------------------------------------------------ forward
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
    assert "rankdir=LR" in source and "forward pass: values, left to right" in source
    edges = edge_lines(source)
    assert len(edges) == 5  # b, c -> u; a, u -> v; v -> J
    assert not any(RED in e for e in edges)


# ------------------------------------------------------------------------------ backward
def test_each_node_holds_its_value_and_its_gradient() -> None:
    J, names = j_example()
    texts = list(node_texts(viz.draw(J, "backward", names=names).source).values())
    for name, equation in EQUATIONS.items():
        assert f"{equation} | {VALUES[name]} | dJ/d{name} = {GRADS[name]}" in texts
    for leaf in "abc":
        assert f"{leaf} = {VALUES[leaf]} | dJ/d{leaf} = {GRADS[leaf]}" in texts


def test_each_edge_carries_upstream_times_local_equals_downstream() -> None:
    J, names = j_example()
    source = viz.draw(J, "backward", names=names).source
    expected = {
        ("b", "u"): "3 × c = 3 × 2 = 6",  # dJ/du * du/db, du/db = c = 2
        ("c", "u"): "3 × b = 3 × 3 = 9",
        ("a", "v"): "3 × 1 = 3",
        ("u", "v"): "3 × 1 = 3",
        ("v", "J"): "1 × 3 = 3",  # dJ/dJ * d(3v)/dv
    }
    for (parent, child), label in expected.items():
        edge = edge_between(source, parent, child)
        assert edge_label(edge) == label
        assert f'color="{RED}"' in edge and 'dir="back"' in edge


def test_detail_chooses_how_much_the_edges_say() -> None:
    J, names = j_example()
    values = viz.draw(J, "backward", names=names, detail="values").source
    assert edge_label(edge_between(values, "b", "u")) == "6"
    assert edge_label(edge_between(values, "c", "u")) == "9"
    plain = viz.draw(J, "backward", names=names, detail="plain").source
    assert not any("label=" in e for e in edge_lines(plain))
    assert "dJ/db = 6" in " ".join(node_texts(plain).values())  # gradients stay in the nodes


def test_a_reused_value_shows_the_sum_of_its_paths() -> None:
    y, _ = reused_value()  # y = x*x + 2*x at x = 3
    source = viz.draw(y, "backward").source
    x_text = node_texts(source)[node_id(source, "x = 3")]
    match = re.search(r"dy/dx = (\d) \+ (\d) \+ (\d) = 8", x_text)
    assert match and sorted(match.groups()) == ["2", "3", "3"]  # 2x = 3 + 3, and 2
    into_x = [e for e in edge_lines(source) if e.strip().startswith(node_id(source, "x = 3"))]
    three = "1 × x = 1 × 3 = 3"
    assert sorted(edge_label(e) for e in into_x) == ["1 × 2 = 2", three, three]


def test_one_edge_per_dependency_in_every_mode() -> None:
    y, _ = reused_value()
    for mode in ("forward", "backward", "both"):
        assert len(edge_lines(viz.draw(y, mode).source)) == 5  # x three times, t1 and t3
    assert viz.draw(y, "both").source == viz.draw(y, "backward").source


def test_a_2x2_matmul_shows_its_entries() -> None:
    J = matmul_2x2()
    source = viz.draw(J, "backward").source
    texts = node_texts(source)
    # by hand: Z = [[4.5, -1], [9.5, -3]]; dW = 1 @ A.T = [[-0.5, 2], [-0.5, 2]];
    # dA = W.T @ 1 = [[4, 4], [6, 6]]
    assert texts[node_id(source, "Z = W @ A")].startswith("Z = W @ A | 4.5 -1 9.5 -3")
    assert "dJ/dW = -0.5 2 -0.5 2" in texts[node_id(source, "W")]
    assert "dJ/dA = 4 4 6 6" in texts[node_id(source, "A")]
    w_edge = edge_label(edge_between(source, "W", "Z = W @ A"))
    assert w_edge == "1 1 1 1 @ 0.5 -1 2 0 .T = -0.5 2 -0.5 2"
    assert "dJ/dW = dJ/dZ @ A.T = [[1, 1], [1, 1]] @ [[0.5, -1], [2, 0]].T" in viz.explain(J)


def test_arrays_above_the_threshold_are_summarized_and_the_threshold_is_an_option() -> None:
    W = Tensor(np.arange(25.0).reshape(5, 5) / 10, name="W")
    J = (W * W).sum()
    J.backward()
    summarized = node_texts(viz.draw(J, "backward").source)
    w_text = next(t for t in summarized.values() if t.startswith("W"))
    assert "(5, 5)" in w_text and "mean 1.2" in w_text and "0.7" not in w_text
    full = node_texts(viz.draw(J, "backward", small=5).source)
    w_full = next(t for t in full.values() if t.startswith("W"))
    # dJ/dW = W + W (two paths) = 2W, every entry written out
    assert "0.7" in w_full and "= 0 0.2 0.4 0.6 0.8 1 1.2 1.4 1.6" in w_full


def test_course_gradient_names() -> None:
    J, names = j_example()
    texts = " || ".join(
        node_texts(viz.draw(J, "backward", names=names, grad_names="course").source).values()
    )
    assert "db = 6" in texts and "dc = 9" in texts and "du = 3" in texts and "dJ/dJ = 1" in texts
    assert "dJ/db" not in texts
    lines = viz.explain(J, names=names, grad_names="course").splitlines()
    assert lines[4] == "db = du * ∂u/∂b = 3 * c = 3 * 2 = 6"  # du alone is dJ/du
    network = viz.explain(two_layer(m=5), grad_names="course")
    assert "dW1 = " in network and "db2 = sum of" in network and "dZ1 = dA1 * (1 - A1^2)" in network


def test_backward_before_backward_ran_is_refused() -> None:
    J, names = j_example(run_backward=False)
    viz.draw(J, "forward")  # fine
    for mode in ("backward", "both"):
        with pytest.raises(BackwardError, match=r"J\.backward\(\)"):
            viz.draw(J, mode, names=names)


def test_gradients_from_earlier_passes_are_said_not_hidden() -> None:
    w = Tensor(2.0, name="w")
    J1 = w * 3
    J1.backward()
    J2 = w * 4
    J2.backward(accumulate=True)  # w.grad = 3 + 4 = 7, but J2's own edge carries 4
    assert float(w.grad) == 7.0
    text = node_texts(viz.draw(J2, "backward").source)[
        node_id(viz.draw(J2, "backward").source, "w")
    ]
    assert "dJ/dw = 7" in text and "includes earlier passes (this graph: 4)" in text
    explained = viz.explain(J2)
    assert "w.grad = 7 includes earlier passes" in explained and "this graph sends 4" in explained


# ------------------------------------------------------------------------------ layout
def test_layout_direction_and_captions_follow_rankdir() -> None:
    J, names = j_example()
    assert "rankdir=LR" in viz.draw(J, "backward", names=names).source  # short: the course's
    tb = viz.draw(J, "backward", names=names, rankdir="TB").source
    assert "rankdir=TB" in tb and "bottom to top" in tb and "right to left" not in tb
    assert "top to bottom" in viz.draw(J, names=names, rankdir="TB").source
    assert "left to right" in viz.draw(J, "backward", rankdir="RL").source
    network = viz.draw(two_layer(m=5), "backward").source
    assert "rankdir=TB" in network and "backward pass, bottom to top" in network  # long: TB


def layout_of(source: str, fmt: str = "json0") -> dict:
    import subprocess

    out = subprocess.run(["dot", f"-T{fmt}"], input=source.encode(), capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def curve(edge: dict, samples: int = 12) -> list[tuple[float, float]]:
    """Points along an edge's drawn spline (cubic Bezier pieces from its pos attribute)."""
    controls = [tuple(map(float, p.split(","))) for p in edge["pos"].split() if p[0] not in "se"]
    out = []
    for k in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[k : k + 4]
        for i in range(samples + 1):
            t = i / samples
            out.append(
                tuple(
                    (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
                    for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
                )
            )
    return out


def label_box(edge: dict) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) around an edge label's text, from Graphviz's drawing orders."""
    boxes = []
    for op in edge["_ldraw_"]:
        if op["op"] == "F":
            size = op["size"]
        if op["op"] == "T":
            x, y = op["pt"]
            left = {"l": x, "c": x - op["width"] / 2, "r": x - op["width"]}[op["align"]]
            boxes.append((left, y - 0.25 * size, left + op["width"], y + 0.8 * size))
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@needs_dot
@pytest.mark.parametrize("example", ["j", "reused", "logistic", "two-layer", "matmul"])
def test_no_edge_label_sits_on_another_edge(example: str) -> None:
    if example == "j":
        root = j_example()[0]
    elif example == "reused":
        root = reused_value()[0]
    elif example == "two-layer":
        root = two_layer(m=20)
    elif example == "matmul":
        W = Tensor([[1.0, 2.0], [3.0, 4.0]], name="W")
        root = (W @ Tensor([[0.5, -1.0], [2.0, 0.0]], name="A")).sum()
        root.backward()
    else:
        x1 = Tensor(1.0, name="x1", requires_grad=False)
        x2 = Tensor(2.0, name="x2", requires_grad=False)
        w1, w2, b = Tensor(0.5, name="w1"), Tensor(-0.25, name="w2"), Tensor(0.1, name="b")
        root = fn.logistic_loss(w1 * x1 + w2 * x2 + b, Tensor(1.0, requires_grad=False))
        root.backward()
    laid = layout_of(viz.draw(root, "backward").source, "json")
    edges = laid["edges"]
    labelled = [e for e in edges if "_ldraw_" in e]
    assert labelled
    for edge in labelled:
        x0, y0, x1, y1 = label_box(edge)
        for other in edges:
            if other is edge:
                continue
            inside = [p for p in curve(other) if x0 + 1 < p[0] < x1 - 1 and y0 + 1 < p[1] < y1 - 1]
            assert not inside, f"the label of {edge['id']} sits on edge {other['id']}"


@needs_dot
def test_the_two_layer_network_fits_a_page_by_default() -> None:
    laid = layout_of(viz.draw(two_layer(), "backward").source)
    width_pt = float(laid["bb"].split(",")[2])
    assert width_pt * 96 / 72 <= 1000  # CSS px at 100 % (it was 5000 px at 144 dpi before)


# ------------------------------------------------------------------------------ names, ids
def test_generated_names_are_stable_and_dot_is_byte_identical() -> None:
    first, _ = j_example()
    second, _ = j_example()
    assert viz.draw(first, "backward").source == viz.draw(second, "backward").source
    texts = list(node_texts(viz.draw(first).source).values())
    assert "b * c | 6" in texts and "a + b * c | 11" in texts  # named by their expressions
    assert "J = 3 * (a + b * c) | 33" in texts


def test_a_plus_a_draws_two_edges() -> None:
    a = Tensor(4.0, name="a")
    J = a + a
    J.backward()
    source = viz.draw(J, "backward").source
    edges = edge_lines(source)
    assert len(edges) == 2 and {e.split(" [")[0] for e in edges} == {edges[0].split(" [")[0]}
    assert "dJ/da = 1 + 1 = 2" in " ".join(node_texts(source).values())


def test_control_characters_in_names_are_written_visibly() -> None:
    a = Tensor(2.0, name="a\x01\x1b[31m")
    b = Tensor(3.0, name="line\nbreak")
    with scope("group\x07"):
        J = a * b
    J.backward()
    source = viz.draw(J, "backward").source
    assert "\x01" not in source and "\x1b" not in source and "\x07" not in source
    assert "a\\x01\\x1b[31m = 2" in " ".join(node_texts(source).values())
    if HAS_DOT:
        svg = viz.draw(J, "backward").pipe(format="svg").decode()
        assert "line\\nbreak" in svg


def test_an_op_declared_elsewhere_renders_and_explains_with_no_change_to_viz() -> None:
    cube = ops.defop(
        "cube_for_a_test",
        lambda x: x**3,
        lambda g, out, x: g * 3 * x**2,  # d(x^3)/dx = 3 x^2
        label="cube({x})",
        local=("3 {x}^2",),
    )
    try:
        x = Tensor(2.0, name="x")
        y = record(cube, (x,))
        J = 5 * y
        J.backward()  # by hand: dJ/dx = 5 * 3 * 2^2 = 60
        source = viz.draw(J, "backward", names={"y": y}).source
        texts = " || ".join(node_texts(source).values())
        assert "y = cube(x) | 8 | dJ/dy = 5" in texts and "dJ/dx = 60" in texts
        assert (
            edge_label(edge_between(source, "x = 2", "y = cube(x)")) == "5 × (3 x^2) = 5 × 12 = 60"
        )
        assert viz.explain(J, names={"y": y}).splitlines()[-1] == (
            "dJ/dx = dJ/dy * dy/dx = 5 * (3 x^2) = 5 * 12 = 60"
        )
    finally:
        ops.OPS.pop("cube_for_a_test")


def test_broadcast_of_the_bias_is_drawn_with_its_backward_sum() -> None:
    J, _ = small_layer()
    forward = " || ".join(node_texts(viz.draw(J).source).values())
    assert "broadcast b1" in forward and "(4, 1) → (4, 400)" in forward
    backward = viz.draw(J, "backward").source
    assert "sum over the" in backward and "m = 400 columns" in backward


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


# ------------------------------------------------------------------------------ files
def test_save_dot_writes_the_source(tmp_path) -> None:
    J, names = j_example()
    path = viz.save(J, tmp_path / "j.dot", mode="backward", names=names)
    assert path.read_text() == viz.draw(J, "backward", names=names).source
    digraph = viz.draw(J)
    assert viz.save(digraph, tmp_path / "j.gv").read_text() == digraph.source
    with pytest.raises(ValueError, match="format"):
        viz.save(J, tmp_path / "j.jpeg2000")


def test_save_honours_the_umask_and_accepts_long_names(tmp_path) -> None:
    J, _ = j_example()
    previous = os.umask(0o022)
    try:
        path = viz.save(J, tmp_path / "j.dot")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # 0666 less the umask, not 0600
        os.umask(0o077)
        assert stat.S_IMODE(viz.save(J, tmp_path / "private.dot").stat().st_mode) == 0o600
    finally:
        os.umask(previous)
    long_name = "j" * 242 + ".dot"  # 246 characters: the file system's limit is 255
    assert viz.save(J, tmp_path / long_name).name == long_name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["j.dot", "private.dot", long_name])


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
    assert "<svg" in svg and "dJ/db = 6" in svg and "3 × c = 3 × 2 = 6" in svg
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
    assert viz.draw(J, collapse="loss").source == viz.draw(J, collapse=["loss"]).source


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda J: viz.draw(None), TypeError, r"draw: root must be a Tensor .* got NoneType"),
        (lambda J: viz.draw(J, collapse=5), TypeError, r"draw: collapse must be .* got int 5"),
        (lambda J: viz.draw(J, collapse=["nope"]), ValueError, r"collapse names 'nope'"),
        (lambda J: viz.draw(J, mode=3), TypeError, r"draw: mode must be one of"),
        (lambda J: viz.draw(J, "sideways"), ValueError, r"draw: mode must be one of"),
        (lambda J: viz.draw(J, rankdir="XY"), ValueError, r"draw: rankdir must be one of"),
        (lambda J: viz.draw(J, detail="all"), ValueError, r"draw: detail must be one of"),
        (lambda J: viz.draw(J, grad_names="dx"), ValueError, r"draw: grad_names must be one"),
        (lambda J: viz.draw(J, small="big"), TypeError, r"draw: small must be an int"),
        (lambda J: viz.draw(J, small=-1), ValueError, r"draw: small must be between"),
        (lambda J: viz.draw(J, legend="yes"), TypeError, r"draw: legend must be True or False"),
        (lambda J: viz.draw(J, title=3), TypeError, r"draw: title must be a string"),
        (lambda J: viz.draw(J, names=[J]), TypeError, r"draw: names must be a mapping"),
        (lambda J: viz.save(J, None), TypeError, r"save: path must be a str or a path"),
        (lambda J: viz.save(J, ""), ValueError, r"save: path must be a non-empty"),
        (lambda J: viz.save(None, "j.dot"), TypeError, r"save: graph must be a Tensor"),
        (lambda J: viz.save(J, "j.dot", colour=1), TypeError, r"save: unknown option 'colour'"),
    ],
)
def test_wrong_arguments_are_named(call, error, message) -> None:
    J, _ = j_example()
    with pytest.raises(error, match=message):
        call(J)


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
