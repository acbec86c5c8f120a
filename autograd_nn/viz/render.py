"""Computation-graph diagrams: the forward pass, or the backward pass with the chain rule on it.

:func:`draw` reads the recorded graph (never computes a gradient) and returns a
``graphviz.Digraph``, so the Graphviz ecosystem comes for free: ``.source`` (DOT text),
``.render()``, ``.pipe()`` and inline display in Jupyter. :func:`save` writes DOT, SVG, PNG or
PDF by the file's extension.

The pictures follow the course's figures for J = 3(a + bc):

- forward: left to right; each computed node reads like the slides ("u = b * c" and its value
  6); leaves show name and value ("a = 5"); constants (the 3 in J = 3v) are folded into labels;
- backward: the same layout, edges drawn in red (#d62728) pointing right to left; each node
  holds its value and, in red, its gradient dJ/dx, so one picture holds both passes. With
  ``detail="chain"`` (the default) each edge carries upstream x local = downstream, with the
  symbolic local derivative and its value (``3 × c = 3 × 2 = 6`` on the edge from u to b), and a
  node reached by several edges shows their sum (``dJ/dx = 3 + 3 + 2 = 8``);
  ``detail="values"`` puts only the number each edge carries on it, ``"plain"`` nothing. Where a
  gradient was summed over a broadcast axis (b[l] across the m examples) the edge says so: that
  sum is db = (1/m) sum(dZ). ``mode="both"`` is the same picture (kept for older code).

Small arrays (up to 4 x 4 by default, ``small=``) are written out as grids of their entries, in
nodes and on edges, so a learner can check dW by hand; larger ones show the course's shape and a
summary. ``grad_names="course"`` writes gradients as the course's assignments name them (dz,
dW1, db2) instead of dJ/dz.

Colours (a legend is drawn under the graph): parameters light blue, data grey, intermediate
values white, the cost green, everything backward red.

Layout: left to right as the course draws it; a long graph (more than :data:`LONGEST_ROW`
nodes in a chain, such as a full 2-layer network) is drawn top to bottom so that it fits a page
(about 1200 px wide), unless ``rankdir`` says otherwise; titles name the direction drawn. Each
group (``with scope("layer 1"):``) is a labelled cluster; ``collapse=True`` draws one box per
group. The walk is iterative and the DOT lines are written directly, so a 100,000-node graph
becomes DOT text in seconds; node ids are topological indices (``n0``, ``n1``, ...) and edge ids
name the edge (``e5_1``: input 1 of node 5), so the same graph always gives byte-identical DOT
and step-by-step frames can pin every node in place.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import graphviz
import numpy as np

from ..files import write_bytes
from ..graph import toposort
from ..tensor import Tensor
from . import labels, markup
from .broadcast import sum_words
from .chain_rule import Token, edge_math, sum_terms, write
from .forward import Forward
from .naming import NameTable, is_constant, is_data, is_parameter
from .options import MODES, RANKDIRS, Options, check_names, check_options, check_root
from .output import (
    FORMATS,
    INSTALL_HINT,
    GraphvizMissingError,
    check_folder,
    check_path,
    format_of,
    has_dot,
    image_bytes,
)
from .replay import Replay, State

__all__ = [
    "FORMATS",
    "MODES",
    "RANKDIRS",
    "Diagram",
    "GraphvizMissingError",
    "Renderer",
    "direction",
    "draw",
    "save",
]

RED = "#d62728"  #: backward edges and gradients (the course's red arrows)
BLUE = "#1f77b4"  #: forward edges (the course's blue left-to-right arrows)
PARAMETER_FILL = "#cfe8fc"  #: light blue: a, b, c; W[l], b[l]
DATA_FILL = "#e4e4e4"  #: grey: X, Y and anything computed from data only
COST_FILL = "#c7e9c0"  #: green: the cost J (the course's green "Loss" box)
GROUP_FILL = "#ece6f6"  #: light purple: a collapsed layer (the course's purple blocks)
CURRENT_FILL = "#fff2a8"  #: yellow: the node that just received a gradient in a frame
PENDING = "#b0b0b0"  #: grey: what the backward pass has not reached yet (frames)
LONGEST_ROW = 6  #: a graph with a longer chain of nodes is drawn top to bottom by default
LONGEST_LABEL = 30  #: an edge's chain rule longer than this is written one step per line


def split(summary: str) -> list[str]:
    """A summary on two lines, ``mean 0.01`` and ``min -0.3, max 0.4``, so boxes stay narrow."""
    mean, comma, rest = summary.partition(", min")
    return [mean, "min" + rest] if comma else [summary]


class Diagram(graphviz.Digraph):
    """A ``graphviz.Digraph`` that still shows something in Jupyter without Graphviz.

    With the ``dot`` program installed it behaves exactly as a Digraph (inline SVG); without
    it, a notebook shows the DOT text and how to install Graphviz instead of a traceback (the
    player, :func:`autograd_nn.viz.player`, lays the graph out in the browser instead).
    """

    def _repr_mimebundle_(
        self,
        include: Any = None,
        exclude: Any = None,
        **kwargs: Any,
    ) -> dict[str, bytes | str]:
        if not has_dot():
            return {
                "text/plain": f"Graphviz's `dot` program is missing: {INSTALL_HINT}.\n\n"
                + self.source
            }
        return super()._repr_mimebundle_(include, exclude, **kwargs)


def direction(rankdir: str, backward: bool) -> str:
    """Which way a pass runs on the page: ``"left to right"``, ``"bottom to top"``, ..."""
    ways = {"LR": "left to right", "RL": "right to left", "TB": "top to bottom"}
    ways["BT"] = "bottom to top"
    if backward:
        rankdir = {"LR": "RL", "RL": "LR", "TB": "BT", "BT": "TB"}[rankdir]
    return ways[rankdir]


def draw(
    root: Tensor,
    mode: str = "forward",
    *,
    detail: str = "chain",
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
    collapse: bool | str | Sequence[str] = False,
    names: Mapping[str, Any] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    title: str | None = None,
) -> graphviz.Digraph:
    """Draw the computation graph that produced ``root`` (usually the cost J).

    Args:
        root: the tensor to draw from; every node it depends on is drawn.
        mode: ``"forward"`` (values, left to right) or ``"backward"`` (values and gradients
            dJ/dx, red edges right to left; needs ``root.backward()`` first); ``"both"`` is
            the backward picture.
        detail: what the backward picture's edges carry: ``"chain"`` (default) the chain rule,
            upstream x local = downstream (``3 × c = 3 × 2 = 6``), and the sums at reused
            nodes (``3 + 3 + 2 = 8``); ``"values"`` the number each edge carries; ``"plain"``
            nothing (gradients in the nodes only).
        grad_names: ``"fraction"`` writes dJ/dW1 (default), ``"course"`` writes dW1 (the
            assignments' names: dz, dw1, da, dW1, db2).
        small: arrays up to this shape (rows, columns; an int n means n x n; default 4 x 4)
            are written out in full, larger ones as shape and summary.
        collapse: True draws each group (``scope("layer 1")``) as one box; a group name or a
            list of them collapses only those (e.g. the loss); False (default) draws every
            node, with groups as labelled clusters.
        names: a mapping of variable names to tensors, typically ``locals()``: unnamed tensors
            take the user's variable names (u, v), otherwise ``t<k>`` (k = topological index).
        rankdir: ``"LR"`` (the course's left to right), ``"RL"``, ``"TB"`` or ``"BT"``; by
            default LR, or TB for a graph with a chain longer than :data:`LONGEST_ROW` nodes.
        legend: draw the colour legend under the graph.
        title: a line drawn above the legend (default: what the picture shows).

    Returns:
        A ``graphviz.Digraph`` (a :class:`Diagram`); ``.source`` is the DOT text, and Jupyter
        displays it inline (as DOT text with an install hint when Graphviz is missing).

    Raises:
        TypeError: ``root`` is not a Tensor, or an option has the wrong type (``collapse=5``).
        ValueError: an unknown ``mode``, ``detail``, ``rankdir`` or group name.
        BackwardError: a backward picture was asked before ``root.backward()`` ran.

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> source = draw(J, "backward", names=locals()).source
        >>> "dJ/db = 6" in source and "3 × c = 3 × 2 = 6" in source
        True
    """
    check_root("draw", root)
    options = check_options(
        "draw",
        mode=mode,
        detail=detail,
        grad_names=grad_names,
        small=small,
        collapse=collapse,
        rankdir=rankdir,
        legend=legend,
        title=title,
    )
    names = check_names("draw", names)
    state = None if options.mode == "forward" else Replay(root, "draw").state()
    return Renderer(root, options, names, state).digraph()


def save(
    graph: Tensor | graphviz.Digraph,
    path: str | os.PathLike[str],
    **options: Any,
) -> Path:
    """Write a diagram to ``path``; the extension picks the format (.dot/.gv, .svg, .png, .pdf).

    Args:
        graph: a Tensor (drawn with :func:`draw` and ``options``) or a ``graphviz.Digraph``.
        path: the file to write; its folder must exist.
        **options: passed to :func:`draw` (``mode``, ``detail``, ``collapse``, ``names`` ...).

    Returns:
        The path written.

    Raises:
        TypeError: ``graph`` is neither a Tensor nor a Digraph, ``path`` is not a path, or
            options were given with a drawn Digraph.
        ValueError: an unknown extension.
        GraphvizMissingError: an image format without Graphviz's ``dot`` program installed.
            Nothing is written then: files appear whole or not at all, with the permissions
            the umask asks for.
    """
    target = check_path("save", path)
    fmt = format_of("save", target)
    check_folder("save", target)
    if isinstance(graph, graphviz.Digraph):
        if options:
            raise TypeError("save: drawing options apply to a Tensor, not to a drawn Digraph")
        digraph = graph
    elif isinstance(graph, Tensor):
        unknown = set(options) - _DRAW_OPTIONS
        if unknown:
            raise TypeError(
                f"save: unknown option {sorted(unknown)[0]!r}; the options are those of draw: "
                + ", ".join(sorted(_DRAW_OPTIONS))
            )
        digraph = draw(graph, **options)
    else:
        raise TypeError(
            f"save: graph must be a Tensor or a drawn graphviz.Digraph, got {type(graph).__name__}"
        )
    write_bytes(target, image_bytes(digraph, fmt, target.name))
    return target


_DRAW_OPTIONS = {
    "mode",
    "detail",
    "grad_names",
    "small",
    "collapse",
    "names",
    "rankdir",
    "legend",
    "title",
}


# ---------------------------------------------------------------------------------------------
class Renderer:
    """Builds the DOT text of one picture (one instance per picture, then thrown away).

    Args:
        root: the tensor drawn from.
        options: the checked options.
        names: variable names for unnamed tensors.
        state: how far the backward pass has got (None for the forward picture); a frame's
            state highlights the edge just run and the node that received it.
        pins: node, edge and cluster positions (from :func:`autograd_nn.viz.output.layout`)
            that fix the picture's geometry, so that frames keep every node in place.
        forward: in a forward picture, how far the forward pass has got (a forward frame:
            the nodes not computed yet read ``= ?``, the one just computed is highlighted).
    """

    def __init__(
        self,
        root: Tensor,
        options: Options,
        names: Mapping[str, Any] | None,
        state: State | None = None,
        pins: Mapping[str, Mapping[str, str]] | None = None,
        forward: Forward | None = None,
    ) -> None:
        self.root = root
        self.options = options
        self.pins = pins or {}
        self.highlight = True  # a frame's current node and edge drawn thick (and yellow)
        self.at(state, forward)
        self.small = options.small
        self.order = toposort(root)
        self.names = NameTable(self.order, root, names, options.grad_names)
        self.nodes = [t for t in self.order if not is_constant(t)]
        self.groups = self._groups()
        if options.collapse is True:
            self.collapsed = set(self.groups)
        elif options.collapse is False:
            self.collapsed = set()
        else:
            unknown = sorted(set(options.collapse) - set(self.groups))
            if unknown:
                known = ", ".join(repr(g) for g in self.groups) or "none"
                raise ValueError(
                    f"draw: collapse names {unknown[0]!r}, which is not a group of this graph "
                    f"(its groups: {known})"
                )
            self.collapsed = set(options.collapse)
        self.consumers: dict[int, list[Tensor]] = {}
        for t in self.nodes:
            for p in t.parents:
                self.consumers.setdefault(id(p), []).append(t)
        self.on_spine = self.spine()
        self.rankdir = options.rankdir or ("TB" if self.longest_chain() > LONGEST_ROW else "LR")

    def at(self, state: State | None, forward: Forward | None = None) -> Renderer:
        """The same picture at another moment: a backward ``state`` or a ``forward`` frame.

        Frames of one graph share one Renderer (its names, groups and layout are the same),
        so that a frame costs only the nodes and edges it changes.
        """
        self.state = state
        self.forward = None if state is not None else forward
        self.backward = state is not None
        return self

    def _groups(self) -> list[str]:
        """Groups in the order their first computed node appears (layer 1 before layer 2, even
        though the walk may meet W2, a leaf, first); a group of leaves only goes by its first."""
        first_seen: dict[str, tuple[int, int]] = {}
        for position, t in enumerate(self.nodes):
            if t.group is None:
                continue
            key = (0 if t.op is not None else 1, position)
            if t.group not in first_seen or key < first_seen[t.group]:
                first_seen[t.group] = key
        last = len(self.nodes)
        return sorted(first_seen, key=lambda g: first_seen[g][1] + first_seen[g][0] * last)

    def longest_chain(self) -> int:
        """The number of nodes on the longest path of the drawn graph (a group counts as one)."""
        depth: dict[str, int] = {}
        for t in self.nodes:  # parents come before their children
            head = self.node_id(t)
            depth.setdefault(head, 1)
            for p in t.parents:
                tail = self.node_id(p)
                if not is_constant(p) and tail != head:
                    depth[head] = max(depth[head], depth.get(tail, 1) + 1)
        return max(depth.values(), default=1)

    def spine(self) -> set[int]:
        """The nodes of the longest path into the root (on ties: data, then computed nodes,
        then parameters): drawn in one straight line, the other inputs to its side."""
        score: dict[int, tuple[int, int]] = {}  # id -> (nodes on the longest path, kind)
        via: dict[int, Tensor] = {}
        for t in self.nodes:  # parents come first
            inputs = [p for p in t.parents if not is_constant(p)]
            if inputs:
                via[id(t)] = max(inputs, key=lambda p: score[id(p)])
            length = score[id(via[id(t)])][0] + 1 if inputs else 1
            score[id(t)] = (length, 2 if is_data(t) else 1 if t.op is not None else 0)
        path, t = {id(self.root)}, self.root
        while id(t) in via:
            t = via[id(t)]
            path.add(id(t))
        return path

    # ----------------------------------------------------------------- ids and roles
    def node_id(self, t: Tensor) -> str:
        """``n<index>``, or ``g<k>`` for a node inside collapsed group k."""
        if t.group in self.collapsed:
            return f"g{self.groups.index(t.group)}"
        return f"n{self.names.index(t)}"

    def fill(self, t: Tensor) -> str:
        """A node's colour: yellow when it just got its gradient, else its role's."""
        if self.highlight and self.state is not None and self.state.current(t):
            return CURRENT_FILL
        if self.highlight and self.forward is not None and self.forward.current(t):
            return CURRENT_FILL
        if t is self.root:
            return COST_FILL
        if is_parameter(t):
            return PARAMETER_FILL
        if is_data(t):
            return DATA_FILL
        return "white"

    # ----------------------------------------------------------------- labels
    def tokens(
        self, tokens: Sequence[Token], color: str | None = None, size: float | None = None
    ) -> str:
        """Tokens as label markup: one line of text, or a row with small arrays as grids."""
        grids = any(
            not isinstance(t, str) and np.size(t) > 1 and labels.is_small(t, self.small)
            for t in tokens
        )
        if not grids:
            return markup.font(write(tokens, self.small, "×"), color, size)
        cells = []
        for token in tokens:
            if isinstance(token, str):
                cells.append(markup.font(token.replace(" * ", " × ").strip(), color, size))
            elif np.size(token) > 1 and labels.is_small(token, self.small):
                cells.append(markup.matrix(token, color, size or 10))
            else:
                cells.append(markup.font(labels.short(token, small=self.small), color, size))
        return markup.row(cells)

    def value_lines(self, t: Tensor) -> list[str]:
        """A node's equation and value (entries when small, else shape and summary)."""
        name = self.names[t]
        if self.forward is not None and not self.forward.known(t):
            head = markup.font(self.names.equation(t))
            return [head, markup.font("= ?", PENDING)]
        if t.op is not None and t.op.name == "broadcast_to":
            source = t.parents[0].shape
            head = f"broadcast {self.names[t.parents[0]]}"
            shape = f"{source} → {t.shape}"
            return [markup.font(head), markup.font(shape, size=10)]
        data = t.data
        if data.size == 1 or labels.is_small(data, self.small):
            if t.op is None and data.size == 1:
                return [markup.font(f"{name} = {labels.short(data)}", bold=True)]
            head = markup.font(name if t.op is None else self.names.equation(t), bold=t.op is None)
            if data.size == 1:
                return [head, markup.font(labels.value(data, name)[0], bold=True)]
            return [head, markup.matrix(data, size=9)]
        head = markup.font(name if t.op is None else self.names.equation(t), bold=t.op is None)
        shape, summary = labels.value(data, name, self.small)
        return [head, markup.font(shape, size=9)] + [markup.font(s, size=9) for s in split(summary)]

    def grad_lines(self, t: Tensor) -> list[str]:
        """The red lines under a node: dJ/dt (with the sum of its paths), or ``?``."""
        state = self.state
        assert state is not None
        target = self.names.d(t)
        if is_data(t):
            return [markup.font("no gradient (data)", PENDING, 10)]
        g = state.grad(t)
        if g is None:
            return [markup.font(f"{target} = ?", PENDING)]
        replay = state.replay
        pieces = state.pieces(t)
        complete = state.complete(t)
        shown_small = all(labels.is_small(p, self.small) for p in (g, *pieces))
        chain = self.options.detail == "chain"
        if not complete:  # a frame, part way: the paths so far, and more to come
            terms: list[Token] = sum_terms(pieces) if chain else [g]
            if shown_small:
                return [self.tokens([f"{target} = ", *terms, " + …"], RED, None)]
            # two short lines: a frame's box keeps the size of the complete picture's
            return [markup.font(f"{target} so far", RED, 10), markup.font("(more to come)", RED, 9)]
        lines = []
        earlier = replay.earlier(t)
        if shown_small:
            tokens: list[Token] = [f"{target} = "]
            if chain and len(pieces) > 1 and not earlier:
                tokens += [*sum_terms(pieces), " = "]
            lines.append(self.tokens([*tokens, g], RED))
        else:
            lines.append(markup.font(target, RED, bold=True))  # its shape is the value's
            lines += [markup.font(s, RED, 9) for s in split(labels.summary(g))]
        if earlier:
            total = replay.total(t)
            sent = labels.short(np.asarray(total), small=self.small)
            lines.append(markup.font(f"includes earlier passes (this graph: {sent})", RED, 9))
        return lines

    def node_label(self, t: Tensor) -> str:
        """A node's label: its value, and in a backward picture its gradient."""
        lines = self.value_lines(t)
        if self.backward:
            lines = lines + self.grad_lines(t)
        return markup.label(lines)

    def group_label(self, group: str, members: list[Tensor]) -> str:
        """One box for a whole group: its name, what it holds, its outputs and gradients."""
        outputs = [t for t in members if self.leaves_group(t)]
        inside = [self.names[t] for t in members if t.name and t not in outputs]
        lines = [markup.font(group, bold=True)]
        if inside:
            lines.append(markup.font(", ".join(inside), size=10))
        ops = sum(t.op is not None for t in members)
        lines.append(markup.font(f"({ops} operation{'s' if ops != 1 else ''} inside)", size=9))
        for t in outputs:
            name = self.names[t]
            shown = labels.value(t.data, name, (0, 0) if t.size > 1 else self.small)
            text = f"{name} = {shown[0]}" if len(shown) == 1 else f"{name}: {shown[0]}"
            lines.append(markup.font(text, size=11, bold=True))
            if len(shown) > 1:
                lines.append(markup.font(shown[1], size=9))
        if self.state is not None:
            for t in outputs + [t for t in members if is_parameter(t)]:
                g = self.state.grad(t)
                target = self.names.d(t)
                small = (0, 0) if t.size > 1 else self.small
                shown = ["?"] if g is None else labels.value(g, "d" + self.names[t], small)
                text = f"{target} = {shown[0]}" if len(shown) == 1 else f"{target}: {shown[0]}"
                lines.append(markup.font(text, RED, 10, bold=t in outputs))
                if len(shown) > 1:
                    lines.append(markup.font(shown[1], RED, 9))
        return markup.label(lines)

    def leaves_group(self, t: Tensor) -> bool:
        """True when t is used outside its group (an output of the collapsed box)."""
        if t is self.root:
            return True
        return any(c.group != t.group for c in self.consumers.get(id(t), ()))

    # ----------------------------------------------------------------- the DOT text
    def digraph(self) -> Diagram:
        """The picture as a Digraph (a :class:`Diagram`); a long graph, drawn top to bottom,
        uses slightly smaller type so that it fits a page."""
        compact = self.rankdir in ("TB", "BT")
        graph_attr = {
            "rankdir": self.rankdir,
            "fontname": "Helvetica",
            "fontsize": "12",
            "nodesep": "0.2" if compact else "0.6",
            "ranksep": "0.35",
            "newrank": "true",
            "id": "graph",
        }
        if self.pins:
            pin = self.pins.get("graph", {})
            graph_attr.update({"layout": "nop2", **{k: pin[k] for k in ("bb", "lp") if k in pin}})
        dot = Diagram(
            name="computation_graph",
            graph_attr=graph_attr,
            node_attr={
                "shape": "box",
                "style": "rounded,filled",
                "fillcolor": "white",
                "fontname": "Helvetica",
                "fontsize": "11" if compact else "12",
                "margin": "0.08,0.04" if compact else "0.1,0.05",
                "color": "#555555",
            },
            edge_attr={
                "color": BLUE,
                "arrowsize": "0.7",
                "fontname": "Helvetica",
                "fontsize": "9" if compact else "10",
            },
        )
        dot.body.extend(self.node_lines())
        dot.body.extend(self.edge_lines())
        dot.body.extend(self.rank_lines())
        if self.options.legend:
            dot.body.append(self.legend_line())
        return dot

    def pinned(self, key: str, attrs: dict[str, str]) -> dict[str, str]:
        """``attrs`` with the id ``key`` and, in a pinned frame, its fixed position and size."""
        attrs["id"] = key
        pin = self.pins.get(key)
        if pin:
            attrs.update(pin)
            if "width" in pin:
                attrs["fixedsize"] = "true"
        return attrs

    def node_lines(self) -> list[str]:
        """One DOT line per node, clusters around groups, one box per collapsed group."""
        lines: list[str] = []
        clusters: dict[str, list[str]] = {g: [] for g in self.groups}
        members: dict[str, list[Tensor]] = {g: [] for g in self.groups}
        nodes = self.nodes
        if self.rankdir in ("TB", "BT"):  # data beside the main line (Y of the cost) goes left,
            # away from the labels of the main line's edges, which Graphviz puts on their right
            aside = [t for t in nodes if is_data(t) and t.is_leaf and id(t) not in self.on_spine]
            nodes = aside + [t for t in nodes if not any(t is a for a in aside)]
        for t in nodes:
            if t.group in self.collapsed:
                members[t.group].append(t)
                continue
            line = self.node_statement(t)
            if t.group is None:
                lines.append(line)
            else:
                clusters[t.group].append("\t" + line)
        for k, group in enumerate(self.groups):
            if group in self.collapsed:
                lines.append(self.group_statement(k, members[group]))
            elif clusters[group]:
                cluster = {
                    "label": markup.label([markup.font(group, bold=True)]),
                    "style": "rounded,dashed",
                    "color": "#6a51a3",
                    "fontcolor": "#6a51a3",
                    "labeljust": "l",
                }
                attrs = self.pinned(f"cluster_{k}", cluster)
                lines.append(f"\tsubgraph cluster_{k} {{\n")
                lines.append("\t\tgraph" + markup.attrs(attrs) + "\n")
                lines.extend(clusters[group])
                lines.append("\t}\n")
        return lines

    def node_statement(self, t: Tensor) -> str:
        """The DOT line of node ``t`` (not in a collapsed group) in this picture's state."""
        state, forward = self.state, self.forward
        attrs = {"label": self.node_label(t)}
        fill = self.fill(t)
        if fill != "white":
            attrs["fillcolor"] = fill
        if self.highlight and state is not None and state.current(t):
            attrs.update(penwidth="3", color=RED)
        elif state is not None and state.frame and state.grad(t) is None:
            attrs["color"] = PENDING
        elif state is not None and t.requires_grad:
            attrs["color"] = RED
        elif self.highlight and forward is not None and forward.current(t):
            attrs.update(penwidth="3", color=BLUE)
        elif forward is not None and not forward.known(t):
            attrs["color"] = PENDING
        if id(t) in self.on_spine:
            attrs["group"] = "spine"
        key = self.node_id(t)
        return f"\t{key}{markup.attrs(self.pinned(key, attrs))}\n"

    def group_statement(self, k: int, members: list[Tensor]) -> str:
        """The DOT line of collapsed group ``k`` (one box for its ``members``)."""
        group = self.groups[k]
        attrs = {
            "label": self.group_label(group, members),
            "fillcolor": COST_FILL if self.root in members else GROUP_FILL,
            "color": RED if self.backward else "#6a51a3",
            "penwidth": "1.5",
        }
        return f"\tg{k}{markup.attrs(self.pinned(f'g{k}', attrs))}\n"

    def rank_lines(self) -> list[str]:
        """Top to bottom, a side input (W1 of Z1 = W1 X + b1) sits in the row of the node it
        feeds, so that the main line runs straight down and the picture stays narrow."""
        if self.rankdir not in ("TB", "BT") or self.pins:
            return []
        rows: dict[str, list[str]] = {}
        row_of: dict[str, str] = {}
        for t in reversed(self.nodes):  # consumers first, so chains of side inputs share a row
            key = self.node_id(t)
            users = [c for c in self.consumers.get(id(t), ()) if self.node_id(c) != key]
            if id(t) in self.on_spine or len({id(c) for c in users}) != 1 or key[0] != "n":
                continue
            user = users[0]
            inputs = [p for p in user.parents if not is_constant(p)]
            # beside the main line itself, or at the end of a one-input chain beside it
            # (b1 -> broadcast b1 -> Z1); not the inputs of a side node with several
            if id(user) not in self.on_spine and (
                len(inputs) != 1 or self.node_id(user) not in row_of
            ):
                continue
            consumer = self.node_id(user)
            row = row_of.setdefault(consumer, consumer)
            row_of[key] = row
            rows.setdefault(row, [row]).append(key)
        return [f"\t{{rank=same; {'; '.join(members)}}}\n" for members in rows.values()]

    def edge_lines(self) -> list[str]:
        """One DOT line per edge (one per group pair where groups are collapsed)."""
        return [self.edge_line(*item) for item in self.edge_items()]

    def edge_items(self) -> list[tuple[Tensor, int, Tensor, str, str, bool]]:
        """The drawn edges as :meth:`edge_line`'s arguments ``(t, i, p, tail, head, merged)``."""
        items: list[tuple[Tensor, int, Tensor, str, str, bool]] = []
        seen: set[tuple[str, str]] = set()
        merged: dict[tuple[str, str], int] = {}
        for t in self.nodes:
            if t.group in self.collapsed or any(p.group in self.collapsed for p in t.parents):
                head = self.node_id(t)
                for p in t.parents:
                    if not is_constant(p):
                        key = (self.node_id(p), head)
                        merged[key] = merged.get(key, 0) + 1
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
                ambiguous = collapsed and merged.get((tail, head), 0) > 1
                items.append((t, i, p, tail, head, ambiguous))
        return items

    def edge_id(self, t: Tensor, i: int) -> str:
        """The id of the edge into input ``i`` of ``t``: ``e5_1``."""
        return f"e{self.names.index(t)}_{i}"

    def edge_line(self, t: Tensor, i: int, p: Tensor, tail: str, head: str, merged: bool) -> str:
        """The DOT edge for input ``i`` of ``t``; ``merged``: it stands for several edges."""
        attrs: dict[str, str] = {}
        if (
            t.group != p.group
            and t.group is not None
            and p.group is not None
            and not {t.group, p.group} & self.collapsed
        ):
            # one more rank between clusters, so that the next layer's W and b fit before it
            attrs["minlen"] = "2"
        state = self.state
        if state is not None:
            attrs["dir"] = "back"
            if not p.requires_grad:
                attrs.update(color=PENDING, style="dashed")
            elif state.frame and not state.edge_done(t, i):
                attrs.update(color=PENDING, style="dashed")
            else:
                attrs.update(color=RED, fontcolor=RED, penwidth="1.4")
                step = state.step
                current = step is not None and step.child is t and step.index == i
                if self.highlight and state.frame and current:
                    attrs["penwidth"] = "3"
                label = "" if merged else self.edge_label(t, i, p)
                if label:
                    attrs["label"] = label
        elif self.forward is not None:
            if not self.forward.known(t):
                attrs.update(color=PENDING, style="dashed")
            elif self.highlight and self.forward.current(t):
                attrs["penwidth"] = "3"
        key = self.edge_id(t, i)
        return f"\t{tail} -> {head}{markup.attrs(self.pinned(key, attrs))}\n"

    def edge_label(self, t: Tensor, i: int, p: Tensor) -> str:
        """What a red edge carries: the chain rule, the value, or nothing (``detail``)."""
        detail = self.options.detail
        if detail == "plain":
            return ""
        if t.op is not None and t.op.name == "broadcast_to" and t.group not in self.collapsed:
            words = sum_words(p.shape, t.shape).replace(" = ", "\u00a0=\u00a0")
            lines = textwrap.wrap(words, 15, break_long_words=False)
            return markup.label([markup.font(line.replace("\u00a0", " "), RED) for line in lines])
        state = self.state
        assert state is not None
        step = next(
            (s for s in state.replay.incoming.get(id(p), ()) if s.child is t and s.index == i),
            None,
        )
        if step is None:
            return ""
        if detail == "values":
            if labels.is_small(step.contribution, self.small):
                return markup.label([self.tokens([step.contribution], RED)])
            shape = labels.course_shape("d" + self.names[p], p.shape)
            return markup.label([markup.font(shape, RED)])
        math = edge_math(step, self.names, self.small, seed_form=False)
        if not math.terms:
            return markup.label([markup.font(math.symbolic.replace(" * ", " × "), RED)])
        tokens: list[Token] = []
        for k, term in enumerate(math.terms):
            tokens += ([" = "] if k else []) + list(term)
        if len(write(tokens, self.small, "×")) <= LONGEST_LABEL:
            return markup.label([self.tokens(tokens, RED)])
        # a long chain rule, one step per line, so that the edge stays short
        lines = [[*([] if k == 0 else ["= "]), *term] for k, term in enumerate(math.terms)]
        return markup.label([self.tokens(line, RED) for line in lines])

    def legend_line(self) -> str:
        """The title and the colours' key under the graph."""
        title = self.options.title
        J = self.names.root
        if title is None:
            if not self.backward:
                title = f"forward pass: values, {direction(self.rankdir, backward=False)}"
            else:
                gradients = f"d{J}/dx" if self.options.grad_names == "fraction" else f"dx = d{J}/dx"
                title = (
                    f"backward pass, {direction(self.rankdir, backward=True)}: values, and "
                    f"gradients {gradients} in red"
                )
                if self.options.detail == "chain":
                    title += "; each edge: upstream × local = downstream"
        cells = [
            f'<TD BGCOLOR="{PARAMETER_FILL}">parameter</TD>',
            f'<TD BGCOLOR="{DATA_FILL}">data</TD>',
            '<TD BGCOLOR="white">intermediate</TD>',
            f'<TD BGCOLOR="{COST_FILL}">cost</TD>',
        ]
        if self.collapsed:
            cells.append(f'<TD BGCOLOR="{GROUP_FILL}">group (collapsed)</TD>')
        if self.backward:
            cells.append(f'<TD><FONT COLOR="{RED}">backward: d{markup.escape(J)}/dx</FONT></TD>')
        else:
            arrow = {"LR": "→", "RL": "←", "TB": "↓", "BT": "↑"}[self.rankdir]
            cells.append(f'<TD><FONT COLOR="{BLUE}">forward {arrow}</FONT></TD>')
        key = (
            '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">'
            f"<TR>{''.join(cells)}</TR></TABLE>"
        )
        size = ""
        pin = self.pins.get("graph", {})
        if "lwidth" in pin:  # a frame: the legend keeps the size laid out, whatever its caption
            width, height = (round(float(pin[k]) * 72) for k in ("lwidth", "lheight"))
            size = f' FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"'
        table = (
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"{size}>'
            f'<TR><TD ALIGN="LEFT">{markup.escape(title)}</TD></TR>'
            f'<TR><TD ALIGN="LEFT">{key}</TD></TR></TABLE>'
        )
        return f"\tlabel=<{table}> labelloc=b labeljust=l fontsize=10\n"
