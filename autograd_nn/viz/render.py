"""Computation-graph diagrams: the forward pass, the backward pass, or both, as Graphviz.

:func:`draw` reads the recorded graph (never computes a gradient) and returns a
``graphviz.Digraph``, so the Graphviz ecosystem comes for free: ``.source`` (DOT text),
``.render()``, ``.pipe()`` and inline display in Jupyter. :func:`save` writes DOT, SVG, PNG or
PDF by the file's extension.

The pictures follow the course's figures for J = 3(a + bc):

- forward: left to right; each computed node reads like the slides ("u = b * c" and its value
  6); leaves show name and value ("a = 5"); constants (the 3 in J = 3v) are folded into labels;
- backward: the same layout, edges drawn in red (#d62728) pointing right to left, each node
  labelled with dJ/d(name) and its value; where a gradient was summed over a broadcast axis (b[l]
  across the m examples) the broadcast node and its edge say so: that sum is db = (1/m) sum(dZ);
- both: value and gradient on the same node, blue forward and red backward edges.

Colours (a legend is drawn under the graph): parameters light blue, data grey, intermediate
values white, the cost green, everything backward red.

Big graphs: each group (``with scope("layer 1"):``) is a labelled cluster; ``collapse=True``
draws one box per group (the L-layer network [12288, 20, 7, 5, 1] becomes a chain of five
boxes). The walk is iterative and the DOT lines are written directly, so a 100,000-node graph
becomes DOT text in seconds; node ids are topological indices (``n0``, ``n1``, ...), so the
same graph always gives byte-identical DOT.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphviz
import numpy as np

from ..errors import AutogradError, BackwardError
from ..graph import toposort
from ..tensor import Tensor
from . import labels
from .naming import NameTable, is_constant, is_data, is_parameter

MODES = ("forward", "backward", "both")
RANKDIRS = ("LR", "RL", "TB", "BT")
FORMATS = {"dot": "dot", "gv": "dot", "svg": "svg", "png": "png", "pdf": "pdf"}

RED = "#d62728"  #: backward edges and gradients (the course's red arrows)
BLUE = "#1f77b4"  #: forward edges (the course's blue left-to-right arrows)
PARAMETER_FILL = "#cfe8fc"  #: light blue: a, b, c; W[l], b[l]
DATA_FILL = "#e4e4e4"  #: grey: X, Y and anything computed from data only
COST_FILL = "#c7e9c0"  #: green: the cost J (the course's green "Loss" box)
GROUP_FILL = "#ece6f6"  #: light purple: a collapsed layer (the course's purple blocks)
CURRENT_FILL = "#fff2a8"  #: yellow: the node being processed in a step-by-step frame
PENDING = "#b0b0b0"  #: grey: what the backward pass has not reached yet (frames)
PNG_DPI = 144  #: PNG resolution: sharp on screens and slides (Graphviz's default is 96)
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: "
    "`brew install graphviz`; conda: `conda install graphviz`); DOT output (.dot, .gv) "
    "works without it"
)


class GraphvizMissingError(AutogradError, RuntimeError):
    """An image format was asked for but Graphviz's ``dot`` program is not installed."""


class Diagram(graphviz.Digraph):
    """A ``graphviz.Digraph`` that still shows something in Jupyter without Graphviz.

    With the ``dot`` program installed it behaves exactly as a Digraph (inline SVG); without
    it, a notebook shows the DOT text and how to install Graphviz instead of a traceback.
    """

    def _repr_mimebundle_(
        self,
        include: Any = None,
        exclude: Any = None,
        **kwargs: Any,
    ) -> dict[str, bytes | str]:
        if shutil.which("dot") is None:
            return {
                "text/plain": f"Graphviz's `dot` program is missing: {INSTALL_HINT}.\n\n"
                + self.source
            }
        return super()._repr_mimebundle_(include, exclude, **kwargs)


@dataclass
class Progress:
    """How far a backward pass has got, for step-by-step frames (see :mod:`.frames`).

    Attributes:
        current: the node being processed (highlighted).
        processed: ids of nodes whose gradient is complete (current included).
        grads: dJ/d(node) accumulated so far, by node id.
        received: how many contributions each node has received so far, by node id.
        expected: how many contributions each node receives in the whole pass, by node id.
        edges_done: (id(child), input index) of the backward edges already run.
        contributions: what each of those edges carried, by (id(child), input index).
    """

    current: Tensor
    processed: set[int] = field(default_factory=set)
    grads: dict[int, np.ndarray] = field(default_factory=dict)
    received: dict[int, int] = field(default_factory=dict)
    expected: dict[int, int] = field(default_factory=dict)
    edges_done: set[tuple[int, int]] = field(default_factory=set)
    contributions: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)


def draw(
    root: Tensor,
    mode: str = "forward",
    *,
    collapse: bool | Sequence[str] = False,
    names: Mapping[str, Any] | None = None,
    rankdir: str = "LR",
    legend: bool = True,
    edge_labels: bool = True,
    title: str | None = None,
) -> graphviz.Digraph:
    """Draw the computation graph that produced ``root`` (usually the cost J).

    Args:
        root: the tensor to draw from; every node it depends on is drawn.
        mode: ``"forward"`` (values, left to right), ``"backward"`` (gradients dJ/dx, red,
            right to left; needs ``root.backward()`` first) or ``"both"``.
        collapse: True draws each group (``scope("layer 1")``) as one box; a list of group
            names collapses only those (e.g. the loss); False (default) draws every node, with
            groups as labelled clusters.
        names: a mapping of variable names to tensors, typically ``locals()``: unnamed tensors
            take the user's variable names (u, v), otherwise ``t<k>`` (k = topological index).
        rankdir: ``"LR"`` (default, as the course), ``"RL"``, ``"TB"`` or ``"BT"``.
        legend: draw the colour legend under the graph.
        edge_labels: in backward mode, label each red edge with the gradient it carries
            (scalars only).
        title: a line drawn above the legend (default: what the picture shows).

    Returns:
        A ``graphviz.Digraph`` (a :class:`Diagram`); ``.source`` is the DOT text, and Jupyter
        displays it inline (as DOT text with an install hint when Graphviz is missing).

    Raises:
        ValueError: unknown ``mode`` or ``rankdir``.
        BackwardError: a backward picture was asked before ``root.backward()`` ran.

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> "dJ/db = 6" in draw(J, "backward", names=locals()).source
        True
    """
    if mode not in MODES:
        raise ValueError(f"draw: mode must be one of {', '.join(MODES)}; got {mode!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"draw: rankdir must be one of {', '.join(RANKDIRS)}; got {rankdir!r}")
    if not isinstance(root, Tensor):
        raise TypeError(f"draw: expected a Tensor, got {type(root).__name__}")
    if mode != "forward":
        _require_backward(root, mode)
    return _Renderer(root, mode, collapse, names, rankdir, legend, edge_labels, title).digraph()


def _require_backward(root: Tensor, mode: str) -> None:
    name = root.name or "J"
    if not root.requires_grad:
        raise BackwardError(
            f"draw(mode={mode!r}): {name} does not require a gradient (it was made from data "
            "only, or under no_grad()), so there is no backward pass to draw; use "
            "mode='forward'"
        )
    if root.grad is None and any(t.grad is not None for t in toposort(root) if t.is_leaf):
        raise BackwardError(
            f"draw(mode={mode!r}): the backward pass ran with keep_grads=False, which keeps only "
            f"the leaves' gradients; call {name}.backward() (keep_grads=True, the default) to "
            "draw every dJ/dx"
        )
    if root.grad is None:
        raise BackwardError(
            f"draw(mode={mode!r}): {name} has no gradients yet: call {name}.backward() first "
            "(or draw mode='forward' to see the values)"
        )


def save(
    graph: Tensor | graphviz.Digraph,
    path: str | os.PathLike[str],
    **options: Any,
) -> Path:
    """Write a diagram to ``path``; the extension picks the format (.dot/.gv, .svg, .png, .pdf).

    Args:
        graph: a Tensor (drawn with :func:`draw` and ``options``) or a ``graphviz.Digraph``.
        path: the file to write; its folder must exist.
        **options: passed to :func:`draw` (``mode``, ``collapse``, ``names`` ...).

    Returns:
        The path written.

    Raises:
        ValueError: an unknown extension.
        GraphvizMissingError: an image format without Graphviz's ``dot`` program installed.
            Nothing is written then: files appear whole or not at all.
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower().lstrip("."))
    if fmt is None:
        raise ValueError(
            f"save: cannot tell the format of {target.name!r}: use one of "
            + ", ".join("." + ext for ext in FORMATS)
        )
    if not (target.parent or Path(".")).is_dir():
        raise FileNotFoundError(
            f"save: folder {str(target.parent)!r} does not exist (create it first)"
        )
    if isinstance(graph, graphviz.Digraph):
        if options:
            raise TypeError("save: drawing options apply to a Tensor, not to a drawn Digraph")
        digraph = graph
    else:
        digraph = draw(graph, **options)
    if fmt == "dot":
        data = digraph.source.encode("utf-8")
    else:
        data = _pipe(digraph, fmt, target)
    _write_whole(target, data)
    return target


def _pipe(digraph: graphviz.Digraph, fmt: str, target: Path) -> bytes:
    """Run Graphviz's ``dot`` to get the image bytes, or explain how to install it."""
    if shutil.which("dot") is None:
        raise GraphvizMissingError(
            f"writing {target.name} needs Graphviz's `dot` program, which was not found on "
            f"PATH: {INSTALL_HINT}"
        )
    if fmt == "png":
        digraph = digraph.copy()
        digraph.graph_attr["dpi"] = str(PNG_DPI)
    try:
        return digraph.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissingError(
            f"writing {target.name} needs Graphviz's `dot` program, which could not be run: "
            f"{INSTALL_HINT}"
        ) from None
    except graphviz.CalledProcessError as error:
        stderr = (error.stderr or b"").decode("utf-8", "replace").strip()
        if not stderr:  # killed or crashed, typically on a graph too big to lay out
            nodes = sum(1 for line in digraph.source.splitlines() if _is_node_line(line))
            stderr = (
                f"`dot` stopped with exit status {error.returncode} and no message, on a "
                f"diagram of about {nodes} nodes. For a big graph, draw it with "
                "collapse=True (one box per scope(...) group) or write .dot text instead"
            )
        raise RuntimeError(f"Graphviz failed writing {target.name}: {stderr}") from None


def _is_node_line(line: str) -> bool:
    """True for a DOT node statement (``\tn3 [label=...]``), not an edge (``\tn0 -> n3``)."""
    words = line.split(None, 2)
    return len(words) > 1 and words[0][:1] == "n" and words[0][1:].isdigit() and words[1] != "->"


def _write_whole(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename: never half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------------------------
def _html(text: str) -> str:
    return html.escape(text, quote=False)


def _line(text: str, color: str | None = None, size: int | None = None, bold: bool = False) -> str:
    out = _html(text)
    if bold:
        out = f"<B>{out}</B>"
    attrs = ""
    if color:
        attrs += f' COLOR="{color}"'
    if size:
        attrs += f' POINT-SIZE="{size}"'
    return f"<FONT{attrs}>{out}</FONT>" if attrs else out


def _label(lines: list[str]) -> str:
    return "<" + "<BR/>".join(lines) + ">"


def _attrs(attrs: dict[str, str]) -> str:
    parts = []
    for key, val in attrs.items():
        if val.startswith("<") and val.endswith(">"):
            parts.append(f"{key}={val}")
        else:
            parts.append(f'{key}="{val}"')
    return " [" + " ".join(parts) + "]" if parts else ""


def stretched_axes(source: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of ``target`` along which ``source`` was stretched by broadcasting."""
    extra = len(target) - len(source)
    axes = list(range(extra))
    axes += [extra + i for i, n in enumerate(source) if n == 1 and target[extra + i] != 1]
    return tuple(axes)


def describe_sum(source: tuple[int, ...], target: tuple[int, ...]) -> str:
    """How the backward pass undoes a broadcast, in words: ``sum over the m = 400 columns``."""
    axes = stretched_axes(source, target)
    if len(target) == 2 and len(source) == 2 and axes == (1,):
        return f"sum over the m = {target[1]} columns (axis=1, keepdims=True)"
    if len(target) == 2 and len(source) == 2 and axes == (0,):
        return f"sum over the {target[0]} rows (axis=0, keepdims=True)"
    if not source or all(n == 1 for n in source):
        return f"sum of all {int(np.prod(target))} entries"
    return f"sum over axes {axes}"


class _Renderer:
    """Builds the DOT text for one picture (one instance per call, then thrown away)."""

    def __init__(
        self,
        root: Tensor,
        mode: str,
        collapse: bool | Sequence[str],
        names: Mapping[str, Any] | None,
        rankdir: str,
        legend: bool,
        edge_labels: bool,
        title: str | None,
        progress: Progress | None = None,
    ) -> None:
        self.root = root
        self.mode = mode
        self.rankdir = rankdir
        self.legend = legend
        self.edge_labels = edge_labels
        self.title = title
        self.progress = progress
        self.order = toposort(root)
        self.names = NameTable(self.order, root, names)
        self.J = self.names[root]
        self.nodes = [t for t in self.order if not is_constant(t)]
        # groups in the order their first computed node appears (layer 1 before layer 2, even
        # though the walk may meet W2, a leaf, first); a group of leaves only goes by its first
        first_seen: dict[str, tuple[int, int]] = {}
        for position, t in enumerate(self.nodes):
            if t.group is None:
                continue
            key = (0 if t.op is not None else 1, position)
            if t.group not in first_seen or key < first_seen[t.group]:
                first_seen[t.group] = key
        self.groups = sorted(
            first_seen,
            key=lambda g: (
                first_seen[g][1] if first_seen[g][0] == 0 else len(self.nodes) + first_seen[g][1]
            ),
        )
        if collapse is True:
            self.collapsed = set(self.groups)
        elif collapse is False or collapse is None:
            self.collapsed = set()
        elif isinstance(collapse, str):
            self.collapsed = {collapse}
        else:
            self.collapsed = set(collapse)
        self.contributions: dict[tuple[int, int], np.ndarray] = {}
        if progress is not None:
            self.contributions = progress.contributions
        elif mode != "forward":
            for edge in root.backward_trace:
                self.contributions[(id(edge.child), edge.index)] = edge.contribution

    # ----------------------------------------------------------------- ids and roles
    def node_id(self, t: Tensor) -> str:
        if t.group in self.collapsed:
            return f"g{self.groups.index(t.group)}"
        return f"n{self.names.index(t)}"

    def grad(self, t: Tensor) -> np.ndarray | None:
        if self.progress is not None:
            return self.progress.grads.get(id(t))
        return t.grad

    def fill(self, t: Tensor) -> str:
        if self.progress is not None and t is self.progress.current:
            return CURRENT_FILL
        if t is self.root:
            return COST_FILL
        if is_parameter(t):
            return PARAMETER_FILL
        if is_data(t):
            return DATA_FILL
        return "white"

    # ----------------------------------------------------------------- labels
    def value_lines(self, t: Tensor) -> list[str]:
        name = self.names[t]
        equation = self.names.equation(t)
        lines: list[str]
        if t.op is not None and t.op.name == "broadcast_to":
            source = t.parents[0].shape
            head = f"broadcast {self.names[t.parents[0]]}"
            shape = f"{labels.course_shape(self.names[t.parents[0]], source)} → {t.shape}"
            lines = [_line(head), _line(shape, size=10)]
            if self.mode == "forward":
                lines.append(_line(labels.summary(t.data), size=10))
            return lines
        shown = labels.value(t.data, name)
        if t.op is None and len(shown) == 1:
            return [_line(f"{name} = {shown[0]}", bold=True)]
        if t.op is None:
            return [_line(name, bold=True)] + [_line(s, size=9) for s in shown]
        return [_line(equation)] + [
            _line(s, size=9 if len(shown) > 1 else 11, bold=len(shown) == 1) for s in shown
        ]

    def grad_lines(self, t: Tensor) -> list[str]:
        name = self.names[t]
        target = f"d{self.J}/d{name}" if name.isidentifier() else f"d{self.J}/d({name})"
        if is_data(t):
            return [_line("no gradient (data)", color=PENDING, size=10)]
        g = self.grad(t)
        if g is None:
            if self.progress is not None:
                return [_line(f"{target} = ?", color=PENDING)]
            return [_line(f"{target}: not kept (keep_grads=False)", color=PENDING, size=10)]
        shown = labels.value(g, "d" + name)
        suffix = ""
        if self.progress is not None:
            key = id(t)
            if key not in self.progress.processed and self.progress.received.get(
                key, 0
            ) < self.progress.expected.get(key, 0):
                suffix = " (so far)"
        if len(shown) == 1:
            return [_line(f"{target} = {shown[0]}{suffix}", RED, bold=True)]
        return [_line(f"{target}{suffix}", RED, bold=True)] + [_line(s, RED, 9) for s in shown]

    def node_label(self, t: Tensor) -> str:
        if self.mode == "forward":
            return _label(self.value_lines(t))
        if self.mode == "backward":
            if t.op is None:
                head = [_line(self.names[t], bold=True)]
            else:
                head = self.value_lines(t)[:1]
            return _label(head + self.grad_lines(t))
        return _label(self.value_lines(t) + self.grad_lines(t))

    def group_label(self, group: str, members: list[Tensor]) -> str:
        """One box for a whole group: its name, what it holds, its outputs and gradients."""
        outputs = [t for t in members if self.leaves_group(t)]
        inside = [self.names[t] for t in members if t.name and t not in outputs]
        lines = [_line(group, bold=True)]
        if inside:
            lines.append(_line(", ".join(inside), size=10))
        ops = sum(t.op is not None for t in members)
        lines.append(_line(f"({ops} operation{'s' if ops != 1 else ''} inside)", size=9))
        parameters = [t for t in members if is_parameter(t)]
        for t in outputs:
            name = self.names[t]
            if self.mode != "backward":
                shown = labels.value(t.data, name)
                text = f"{name} = {shown[0]}" if len(shown) == 1 else f"{name}: {shown[0]}"
                lines.append(_line(text, size=11, bold=True))
                if len(shown) > 1:
                    lines.append(_line(shown[1], size=9))
        if self.mode != "forward":
            for t in outputs + parameters:
                name = self.names[t]
                g = self.grad(t)
                shown = ["?"] if g is None else labels.value(g, "d" + name)
                target = f"d{self.J}/d{name}"
                text = f"{target} = {shown[0]}" if len(shown) == 1 else f"{target}: {shown[0]}"
                lines.append(_line(text, RED, 10, bold=t in outputs))
                if len(shown) > 1:
                    lines.append(_line(shown[1], RED, 9))
        return _label(lines)

    def leaves_group(self, t: Tensor) -> bool:
        if t is self.root:
            return True
        return any(c.group != t.group for c in self.consumers.get(id(t), ()))

    # ----------------------------------------------------------------- the DOT text
    def digraph(self) -> graphviz.Digraph:
        dot = Diagram(
            name="computation_graph",
            graph_attr={
                "rankdir": self.rankdir,
                "fontname": "Helvetica",
                "fontsize": "12",
                "nodesep": "0.25",
                "ranksep": "0.45",
                "newrank": "true",
            },
            node_attr={
                "shape": "box",
                "style": "rounded,filled",
                "fillcolor": "white",
                "fontname": "Helvetica",
                "fontsize": "12",
                "margin": "0.12,0.06",
                "color": "#555555",
            },
            edge_attr={
                "color": BLUE,
                "arrowsize": "0.7",
                "fontname": "Helvetica",
                "fontsize": "10",
            },
        )
        self.consumers: dict[int, list[Tensor]] = {}
        for t in self.nodes:
            for p in t.parents:
                self.consumers.setdefault(id(p), []).append(t)
        body = dot.body
        body.extend(self.node_lines())
        body.extend(self.edge_lines())
        if self.legend:
            body.append(self.legend_line())
        return dot

    def node_lines(self) -> list[str]:
        lines: list[str] = []
        clusters: dict[str, list[str]] = {g: [] for g in self.groups}
        members: dict[str, list[Tensor]] = {g: [] for g in self.groups}
        for t in self.nodes:
            if t.group in self.collapsed:
                members[t.group].append(t)
                continue
            attrs = {"label": self.node_label(t)}
            fill = self.fill(t)
            if fill != "white":
                attrs["fillcolor"] = fill
            if self.progress is not None and t is self.progress.current:
                attrs["penwidth"] = "3"
                attrs["color"] = RED
            elif self.progress is not None and id(t) not in self.progress.grads:
                attrs["color"] = PENDING
            elif self.mode != "forward" and t.requires_grad:
                attrs["color"] = RED
            line = f"\tn{self.names.index(t)}{_attrs(attrs)}\n"
            if t.group is None:
                lines.append(line)
            else:
                clusters[t.group].append("\t" + line)
        for k, group in enumerate(self.groups):
            if group in self.collapsed:
                attrs = {
                    "label": self.group_label(group, members[group]),
                    "fillcolor": COST_FILL if self.root in members[group] else GROUP_FILL,
                    "color": RED if self.mode != "forward" else "#6a51a3",
                    "penwidth": "1.5",
                }
                lines.append(f"\tg{k}{_attrs(attrs)}\n")
            elif clusters[group]:
                lines.append(f"\tsubgraph cluster_{k} {{\n")
                lines.append(
                    f'\t\tlabel=<{_line(group, bold=True)}> style="rounded,dashed" '
                    'color="#6a51a3" fontcolor="#6a51a3" labeljust=l\n'
                )
                lines.extend(clusters[group])
                lines.append("\t}\n")
        return lines

    def edge_lines(self) -> list[str]:
        lines: list[str] = []
        seen: set[tuple[str, str]] = set()
        self.merged: dict[tuple[str, str], int] = {}
        for t in self.nodes:
            if t.group in self.collapsed or any(p.group in self.collapsed for p in t.parents):
                head = self.node_id(t)
                for p in t.parents:
                    if not is_constant(p):
                        key = (self.node_id(p), head)
                        self.merged[key] = self.merged.get(key, 0) + 1
        for t in self.nodes:
            head = self.node_id(t)
            for i, p in enumerate(t.parents):
                if is_constant(p):
                    continue
                tail = self.node_id(p)
                if tail == head:
                    continue
                collapsed = t.group in self.collapsed or p.group in self.collapsed
                if collapsed:
                    if (tail, head) in seen:
                        continue
                    seen.add((tail, head))
                ambiguous = collapsed and self.merged.get((tail, head), 0) > 1
                lines.extend(self.edges_for(t, i, p, tail, head, ambiguous))
        return lines

    def edges_for(
        self, t: Tensor, i: int, p: Tensor, tail: str, head: str, merged: bool
    ) -> list[str]:
        """The DOT edge(s) for input ``i`` of ``t``; ``merged``: it stands for several edges."""
        forward = f"\t{tail} -> {head}"
        spacing: dict[str, str] = {}
        if (
            t.group != p.group
            and t.group is not None
            and p.group is not None
            and not {t.group, p.group} & self.collapsed
        ):
            # one more rank between clusters, so that the next layer's W and b fit before it:
            # the layers then sit side by side, left to right, instead of in a staircase
            spacing["minlen"] = "2"
        if self.mode == "forward":
            return [forward + _attrs(spacing) + "\n"]
        if not p.requires_grad:
            return [forward + _attrs({**spacing, "color": PENDING, "style": "dashed"}) + "\n"]
        attrs = {**spacing, "dir": "back", "color": RED, "fontcolor": RED, "penwidth": "1.4"}
        done = self.progress is None or (id(t), i) in self.progress.edges_done
        if not done:
            attrs.update({"color": PENDING, "style": "dashed", "penwidth": "1"})
        label = self.edge_label(t, i, p, merged) if done else ""
        if label:
            attrs["label"] = label
        if self.mode == "both":
            attrs["constraint"] = "false"
            return [forward + _attrs(spacing) + "\n", forward + _attrs(attrs) + "\n"]
        return [forward + _attrs(attrs) + "\n"]

    def edge_label(self, t: Tensor, i: int, p: Tensor, merged: bool) -> str:
        if t.op is not None and t.op.name == "broadcast_to" and t.group not in self.collapsed:
            return _label([_line(describe_sum(p.shape, t.shape).split(" (")[0])])
        if not self.edge_labels or merged:
            return ""
        g = self.contributions.get((id(t), i))
        if g is None or np.size(g) != 1:
            return ""
        return _label([_line(labels.number(g))])

    def legend_line(self) -> str:
        title = self.title
        if title is None:
            title = {
                "forward": "forward pass: values, left to right",
                "backward": f"backward pass: gradients d{self.J}/dx, right to left",
                "both": f"forward values (black) and backward gradients d{self.J}/dx (red)",
            }[self.mode]
        cells = [
            f'<TD BGCOLOR="{PARAMETER_FILL}">parameter</TD>',
            f'<TD BGCOLOR="{DATA_FILL}">data</TD>',
            '<TD BGCOLOR="white">intermediate</TD>',
            f'<TD BGCOLOR="{COST_FILL}">cost</TD>',
        ]
        if self.collapsed:
            cells.append(f'<TD BGCOLOR="{GROUP_FILL}">group (collapsed)</TD>')
        if self.mode != "forward":
            cells.append(f'<TD><FONT COLOR="{RED}">backward: d{_html(self.J)}/dx</FONT></TD>')
        else:
            cells.append(f'<TD><FONT COLOR="{BLUE}">forward →</FONT></TD>')
        table = (
            '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">'
            f'<TR><TD COLSPAN="{len(cells)}" BORDER="0">{_html(title)}</TD></TR>'
            f"<TR>{''.join(cells)}</TR></TABLE>"
        )
        return f"\tlabel=<{table}> labelloc=b labeljust=l fontsize=10\n"


def draw_step(
    root: Tensor,
    progress: Progress,
    *,
    names: Mapping[str, Any] | None = None,
    rankdir: str = "LR",
    legend: bool = True,
    title: str | None = None,
) -> graphviz.Digraph:
    """Draw the backward pass as far as ``progress`` has got (one step-by-step frame).

    The node being processed is yellow with a thick red border; gradients complete so far are
    red; nodes not reached yet show ``dJ/dx = ?`` and their edges are grey and dashed.
    """
    if rankdir not in RANKDIRS:
        raise ValueError(f"draw: rankdir must be one of {', '.join(RANKDIRS)}; got {rankdir!r}")
    renderer = _Renderer(root, "backward", False, names, rankdir, legend, True, title, progress)
    return renderer.digraph()
