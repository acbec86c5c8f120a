"""The chain rule in words, checked against the course's hand-worked J = 3(a + bc) example.

By hand: u = bc = 6, v = a + u = 11, J = 3v = 33; dJ/dv = 3; dv/da = dv/du = 1, so
dJ/da = dJ/du = 3; du/db = c = 2, so dJ/db = 3 * 2 = 6; du/dc = b = 3, so dJ/dc = 3 * 3 = 9.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from course_graphs import j_example, small_layer

from autograd_nn import BackwardError, Tensor, viz


def test_j_example_lines_match_the_hand_worked_numbers() -> None:
    J, names = j_example()
    lines = viz.explain(J, names=names).splitlines()
    assert lines == [
        "dJ/dJ = 1",
        "dJ/dv = d(3 * v)/dv = 3",
        "dJ/da = dJ/dv * dv/da = 3 * 1 = 3",
        "dJ/du = dJ/dv * dv/du = 3 * 1 = 3",
        "dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6",
        "dJ/dc = dJ/du * du/dc = 3 * b = 3 * 3 = 9",
    ]


def test_every_line_ends_with_the_gradient_the_engine_stored() -> None:
    J, names = j_example()
    hand = {"v": 3, "a": 3, "u": 3, "b": 6, "c": 9}
    for step in viz.chain_steps(J, names=names):
        name = next(k for k, t in names.items() if t is step.parent)
        assert float(step.text.rsplit("= ", 1)[1]) == hand[name]
        assert float(step.contribution) == hand[name] == float(step.parent.grad)


def test_lines_follow_the_order_the_backward_pass_ran() -> None:
    J, names = j_example()
    text = viz.explain(J, names=names)
    order = [text.index(f"dJ/d{n} =") for n in ("J", "v", "u", "b")]
    assert order == sorted(order)


def test_without_names_intermediates_get_generated_names() -> None:
    J, _ = j_example()
    text = viz.explain(J)
    assert "dJ/db = dJ/d(b * c) * d(b * c)/db = 3 * c = 3 * 2 = 6" in text.splitlines()
    assert not re.search(r"\bt\d+\b", text)  # their expressions, never generated ids


def test_a_node_with_two_consumers_shows_each_path_and_the_total() -> None:
    x = Tensor(3.0, name="x")
    J = x * x  # dJ/dx = 2x = 6 by hand
    J.backward()
    text = viz.explain(J)
    assert "dJ/dx (path 1 of 2, through J)" in text
    assert "dJ/dx (path 2 of 2, through J)" in text
    assert "total dJ/dx = 3 + 3 = 6" in text


def test_markdown_uses_latex_fractions() -> None:
    J, names = j_example()
    md = viz.explain(J, "markdown", names=names)
    assert r"$\frac{dJ}{db} = \frac{dJ}{du} \cdot \frac{du}{db} = 3 \cdot c = 3 \cdot 2 = 6$" in md
    assert all(line.startswith("- ") for line in md.splitlines())


def test_arrays_use_vjp_wording_with_shapes() -> None:
    J, _ = small_layer()
    text = viz.explain(J)
    w_line = next(line for line in text.splitlines() if line.startswith("dJ/dW1 = "))
    assert w_line.startswith("dJ/dW1 = dJ/d(W1 @ X) @ X.T ")


def test_explain_before_backward_is_refused() -> None:
    a = Tensor(2.0, name="a")
    J = a * a
    with pytest.raises(BackwardError, match=r"backward\(\)"):
        viz.explain(J)


def test_a_variable_differentiated_by_itself_explains_the_seed_only() -> None:
    # J = a: the backward pass is the seed dJ/dJ = 1 and has no edges (the command
    # `autograd-nn graph a a=5` ends here)
    a = Tensor(5.0, name="a")
    a.backward()
    assert viz.explain(a) == "da/da = 1"
    assert viz.explain(a, "markdown") == r"- $\frac{da}{da} = 1$"
    assert viz.chain_steps(a) == []
    with pytest.raises(BackwardError, match=r"backward\(\)"):
        viz.explain(Tensor(5.0, name="b"))  # not yet differentiated


def test_a_users_J_on_an_intermediate_does_not_collide_with_the_root() -> None:
    u = Tensor(1.0, name="u")
    J = u * 2
    K = J * 3  # explain(J * 3, names=locals()): the root is not in the names
    K.backward()
    lines = viz.explain(K, names={"J": J}).splitlines()
    assert lines[1] == "dcost/dJ = d(J * 3)/dJ = 3"
    assert lines[0] == "dcost/dcost = 1" and lines[2] == "dcost/du = dcost/dJ * dJ/du = 3 * 2 = 6"


def test_empty_names_are_ignored_and_a_list_of_names_is_refused() -> None:
    x = Tensor(2.0)
    J = x * 3
    J.backward()
    assert viz.explain(J, names={"": J, "x": x}).splitlines()[0] == "dJ/dJ = 1"
    with pytest.raises(TypeError, match="names must be a mapping"):
        viz.explain(J, names=[x])  # type: ignore[arg-type]


def test_one_entry_matrices_are_explained_like_numbers() -> None:
    # a (1, 2) @ (2, 1) product is a (1, 1) matrix: one entry, but not a 0-d array
    a, b = Tensor([[1.0, 2.0]], name="a"), Tensor([[1.0], [2.0]], name="b")
    J = (a @ b).sum()
    J.backward()
    lines = viz.explain(J).splitlines()
    assert lines[1].endswith(" = 1") and lines[2].startswith("dJ/da = dJ/d(a @ b) @ b.T")
    c = Tensor([[[3.0]]], name="c")
    K = (c * 2).sum()
    K.backward()
    assert viz.explain(K).splitlines()[-1] == "dJ/dc = dJ/d(c * 2) * d(c * 2)/dc = 1 * 2 = 2"
    assert "dJ/dc = 2" in viz.draw(K, "backward").source


def test_reductions_of_one_entry_read_as_a_factor_not_as_vjp_wording() -> None:
    a, b = Tensor(3.0, name="a"), Tensor(2.0, name="b")
    J = 2 * (a * b).mean()
    J.backward()
    text = viz.explain(J)
    assert (
        "dJ/d(a * b) = dJ/d(mean(a * b)) * d(mean(a * b))/d(a * b) = 2 * 1 = 2" in text.splitlines()
    )
    K = (a * b).sum()
    K.backward()
    assert viz.explain(K).splitlines()[1] == "dJ/d(a * b) = d(sum(a * b))/d(a * b) = 1"
    assert not re.search(r"\bg\b", text + viz.explain(K) + viz.explain(K, "markdown"))


def test_unknown_style_is_refused() -> None:
    J, _ = j_example()
    with pytest.raises(ValueError, match="style"):
        viz.explain(J, "html")


def test_forward_and_gradient_listings() -> None:
    J, names = j_example()
    assert viz.explain_forward(J, names=names).splitlines() == [
        "a = 5",
        "b = 3",
        "c = 2",
        "u = b * c = 6",
        "v = a + u = 11",
        "J = 3 * v = 33",
    ]
    assert viz.explain_gradients(J, names=names).splitlines() == [
        "dJ/da = 3",
        "dJ/db = 6",
        "dJ/dc = 9",
    ]


def test_small_arrays_are_written_out_in_the_lines() -> None:
    w = Tensor([1.0, -2.0], name="w")
    x = Tensor([3.0, 4.0], name="x", requires_grad=False)
    J = (w * x).sum()  # dJ/dw = x = [3, 4] by hand
    J.backward()
    line = viz.explain(J).splitlines()[-1]
    assert line == "dJ/dw = dJ/d(w * x) * d(w * x)/dw = [1, 1] * x = [1, 1] * [3, 4] = [3, 4]"
    wide = viz.explain(J, small=1).splitlines()[-1]  # above the threshold: shape and summary
    assert wide.startswith("dJ/dw = dJ/d(w * x) * x   element-wise, (2,) -> (2,); mean 3.5")


def test_gradients_from_earlier_passes_are_said_in_words() -> None:
    w = Tensor(2.0, name="w")
    (w * 3).backward()
    J = w * w  # this graph sends 2 + 2 = 4; w.grad holds 3 + 4 = 7
    J.backward(accumulate=True)
    lines = viz.explain(J).splitlines()
    assert "  total dJ/dw = 2 + 2 = 4" in lines
    assert lines[-1] == (
        "  w.grad = 7 includes earlier passes (backward(accumulate=True)); this graph sends 4"
    )


def test_a_template_parameter_is_filled_by_name_not_by_spelling() -> None:
    # the old explainer replaced "lo" in the text, so a tensor named logits read "-0.5gits"
    logits = Tensor(0.5, name="logits")
    J = logits.clip(-0.5, 1.0) * 2
    J.backward()
    line = viz.explain(J).splitlines()[-1]
    clipped = "d(clip(logits, -0.5, 1))"
    assert line == (
        f"dJ/dlogits = dJ/{clipped} * {clipped}/dlogits = 2 * 1[-0.5 <= logits <= 1] = 2 * 1 = 2"
    )


def test_wrong_arguments_are_named() -> None:
    with pytest.raises(TypeError, match=r"explain: J must be a Tensor .* got NoneType"):
        viz.explain(None)
    J, _ = j_example()
    with pytest.raises(ValueError, match=r"explain: grad_names must be one of"):
        viz.explain(J, grad_names="short")
    with pytest.raises(TypeError, match=r"chain_steps: small must be an int"):
        viz.chain_steps(J, small=(1, 2, 3))
    with pytest.raises(TypeError, match=r"explain_forward: J must be a Tensor"):
        viz.explain_forward("J")


# ----------------------------------------------------------------- every template, written well
def _op_graphs(m: int) -> dict[str, object]:
    """One graph per op of the table, on inputs with negative entries (m columns)."""
    from autograd_nn import functions as fn

    rng = np.random.default_rng(3)
    x = Tensor(rng.standard_normal((2, m)) - 0.5, name="x")
    y = Tensor(rng.standard_normal((2, m)) + 0.5, name="y")
    pos = Tensor(rng.random((2, m)) + 0.5, name="p")
    b = Tensor([[-1.5], [2.0]], name="b")
    W = Tensor([[-1.0, 2.0], [0.5, -3.0]], name="W")
    labels_ = Tensor((rng.random((1, m)) > 0.5).astype(float), name="Y", requires_grad=False)
    return {
        "add": x + y,
        "sub": x - y,
        "mul": x * y,
        "div": x / pos,
        "pow": x**3,
        "maximum": fn.maximum(x, y),
        "minimum": fn.minimum(x, y),
        "where": fn.where(x.data > 0, x, y),
        "neg": -x,
        "exp": fn.exp(x),
        "log": fn.log(pos),
        "sqrt": fn.sqrt(pos),
        "abs": fn.abs(x),
        "tanh": fn.tanh(x),
        "sigmoid": fn.sigmoid(x),
        "relu": fn.relu(x),
        "leaky_relu": fn.leaky_relu(x, 0.01),
        "clip": fn.clip(x, -0.5, 0.5),
        "matmul": W @ x,
        "transpose": fn.transpose(x),
        "reshape": fn.reshape(x, 2 * m, 1),
        "broadcast_to": x + b,
        "sum": fn.sum(x, axis=1, keepdims=True),
        "mean": fn.mean(x),
        "max": fn.max(x, axis=0),
        "min": x.min(axis=0),
        "copy": x.copy(),
        "astype": x.astype(np.float32),
        "softmax": fn.softmax(x),
        "log_softmax": fn.log_softmax(x),
        "getitem": x[0],
        "concatenate": fn.concatenate([x, y]),
        "stack": fn.stack([x, y]),
        "logistic_loss": fn.logistic_loss(x[:1], labels_),
    }


def _wording_problems(text: str) -> list[str]:
    """What reads wrong in explain's lines: a negative number after an operator without
    parentheses, an empty shape, unbalanced parentheses, a wrong article, a term repeated."""
    problems = []
    for line in text.splitlines():
        if re.search(r"[*×+/@] -\d", line):
            problems.append(f"unparenthesized negative: {line}")
        if re.search(r"(?<![\w)])\(\)", line):
            problems.append(f"empty shape: {line}")
        if line.count("(") != line.count(")") or line.count("[") != line.count("]"):
            problems.append(f"unbalanced: {line}")
        if re.search(r"\ban (?![aeiouAEIOU])", line) or re.search(r"\ba (?=[aeiouAEIO]\w)", line):
            problems.append(f"article: {line}")
        if re.search(r"\d\]'s shape", line):  # a value's shape (not a name's: x[...]'s)
            problems.append(f"a value's shape: {line}")
        head = line.split("   ", 1)[0]  # the formula, before a note
        terms = [t.strip() for t in head.split(" = ")]
        if any(a == b for a, b in itertools.pairwise(terms)):
            problems.append(f"repeated term: {line}")
    return problems


@pytest.mark.parametrize("m", [2, 400])  # entries written out, and shapes with a summary
def test_every_template_of_explain_reads_well(m) -> None:
    from autograd_nn import ops

    graphs = _op_graphs(m)
    assert set(graphs) == set(ops.OPS)  # a new op must be added here
    weights = Tensor(-np.linspace(1.0, 2.0, 4 * m), name="w")  # negative upstream gradients
    for name, out in graphs.items():
        J = (fn_reshape(out) * weights[: out.size]).sum() if out.size > 1 else out * -2.0
        J.backward()
        text = viz.explain(J)
        assert _wording_problems(text) == [], (name, text)
        assert f"{viz.explain(J, style='markdown')}".count("$") % 2 == 0, name


def fn_reshape(t):
    from autograd_nn import functions as fn

    return fn.reshape(t, t.size)


def test_the_wording_slips_of_issue_16() -> None:
    A2 = Tensor(np.full((1, 400), 0.5), name="A2")
    J = (-(A2.log())).sum() / 400
    J.backward()
    text = viz.explain(J)
    assert "() copied" not in text
    assert "0.0025 copied to every summed entry -> (1, 400)" in text
    w, c = Tensor(0.0025, name="w"), Tensor(3.0, name="c")
    J = (-w) * c
    J.backward()
    assert viz.explain(J).splitlines()[-1] == "dJ/dw = dJ/d(-w) * d(-w)/dw = 3 * (-1) = -3"


@pytest.mark.parametrize("length", [1_000, 20_000])
def test_explain_is_linear_in_the_length_of_names(length) -> None:
    """Long names through the LaTeX writer (the patterns that backtracked: runs of d, of
    letters, of "d(", of ".T") give output in proportion, and the text style does no LaTeX
    work at all. The times, 16k to 256k characters side by side, are in
    benchmarks/player.py (not a timed test)."""
    from autograd_nn.viz import chain_rule

    for name in ("d" * length, "a" * length, "d(" * (length // 2), "x.T" * (length // 3)):
        text = f"dJ/d{name} * d{name}/d({name}) @ {name}.T"
        out = chain_rule._latex(text)
        assert len(out) < 4 * len(text) + 100
    # the text style does no LaTeX work at all
    calls = []
    original = chain_rule._latex
    chain_rule._latex = lambda text: calls.append(text) or original(text)
    try:
        a = Tensor(2.0, name="a" * length)
        J = a * a
        J.backward()
        viz.explain(J)
        assert calls == []
        viz.explain(J, style="markdown")
        assert calls
    finally:
        chain_rule._latex = original


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", "</script>", "a`b``c", "$\\href"])
def test_markdown_escapes_html_and_tex_in_names(name) -> None:
    a, b = Tensor(2.0, name=name), Tensor(3.0, name="b")
    J = a * b + a
    J.backward()
    markdown = viz.explain(J, style="markdown")
    assert "<" not in markdown and ">" not in markdown
    assert markdown.count("$") - markdown.count("\\$") * 1 >= 0
    for line in markdown.splitlines():
        unescaped = re.sub(r"\\\$", "", line)
        assert unescaped.count("$") % 2 == 0, line
