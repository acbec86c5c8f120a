"""The player's frames as one picture and, per frame, the few things it changes.

A frame of the forward pass computes one node (its value appears, its input edges turn solid);
a frame of the backward pass runs one edge (the edge turns red with its chain rule, the node it
feeds gets its gradient so far). Everything else stays as it was. So the graph is laid out
once, every node and edge is drawn once per look it ever has (its *variants*: ``dJ/db = ?``,
then highlighted with its gradient, then plain with it), all in one picture, and each frame is a
list of ``(element, old variant, new variant)`` changes. A page holding the player grows with
the size of the graph plus the number of frames, not with their product: a 200-operation chain
is one picture of about 800 elements and 400 small lists of changes.

:func:`make_film` does it with one :class:`~autograd_nn.viz.render.Renderer` moved from frame
to frame (:meth:`~autograd_nn.viz.render.Renderer.at`), asking only the elements a step can
change (the node computed or fed, the previous one, their edges) for their DOT line; a line
that differs from the element's current one is a new variant (or an old one met again). With
Graphviz's ``dot`` installed the picture is laid out and drawn here, two runs of ``dot`` in
all; without it the page gets the DOT text and lays it out in the browser.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

import graphviz

from ..errors import AutogradError
from ..graph import toposort
from ..tensor import Tensor
from .chain_rule import frame_caption
from .forward import Forward, forward_line, inputs_line
from .naming import is_constant
from .options import Options
from .output import has_dot, image_bytes, layout
from .render import Diagram, Renderer
from .replay import Replay, State

PASSES = ("forward", "backward", "both")

#: The most nodes a player draws; a bigger graph is refused with what to do instead.
MOST_NODES = 1000


class GraphTooBigError(AutogradError, ValueError):
    """The graph has more nodes than the player draws (:data:`MOST_NODES`)."""


@dataclasses.dataclass(frozen=True)
class Film:
    """A pass (or both) as one picture with variants, and each frame's changes.

    Attributes:
        elements: the ids of the drawn nodes and edges (``n3``, ``e5_1``, ``g0``).
        changes: per frame, a flat list ``[element, old, new, ...]`` (element as an index into
            ``elements``, old and new as variant numbers) from the frame before; frame 0 has
            none (every element shows variant 0).
        final: per element, the variant it shows in the last frame.
        variants: per element, the DOT line of each of its variants.
        focus: per frame, the element to keep in view (the node computed or fed).
        now: per frame, the elements the step is about (its node and edges), drawn highlighted
            by the page (a class, not a variant, so that highlighting costs no picture).
        captions: per frame, its line (``u = b * c = 3 * 2 = 6``,
            ``dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6``).
        phases: per frame, ``"forward"`` or ``"backward"``.
        sheet: the picture with every variant (``id="n3~1"`` for variant 1 of n3).
        reference: the picture the geometry comes from.
        pinned: True when ``sheet`` carries the positions (laid out here by ``dot``).
        renderer: the renderer of the frames (its ``names`` are the nodes' names).
        replay: the backward pass (None when only the forward pass is played).
    """

    elements: tuple[str, ...]
    changes: tuple[tuple[int, ...], ...]
    final: tuple[int, ...]
    variants: tuple[tuple[str, ...], ...]
    focus: tuple[int, ...]
    now: tuple[tuple[int, ...], ...]
    captions: tuple[str, ...]
    phases: tuple[str, ...]
    sheet: Diagram
    reference: Diagram
    pinned: bool
    renderer: Renderer
    replay: Replay | None

    def svg(self) -> str:
        """The sheet drawn by ``dot`` (pinned films only), ids moved to ``data-agnn``."""
        return clean_svg(image_bytes(self.sheet, "svg", "the player's picture").decode("utf-8"))


def check_size(J: Tensor, function: str) -> list[Tensor]:
    """The graph's nodes, or :class:`GraphTooBigError` above :data:`MOST_NODES`."""
    order = toposort(J)
    drawn = sum(1 for t in order if not is_constant(t))
    if drawn > MOST_NODES:
        raise GraphTooBigError(
            f"{function}: the graph of {J.name or 'J'} has {drawn:,} nodes; the player draws at "
            f"most {MOST_NODES:,} (viz.film.MOST_NODES), one frame per step, so that its page "
            "stays small and followable. Step through a smaller example of the same code (fewer "
            "examples or units), draw the whole graph with viz.draw(J, collapse=True) after "
            "grouping it with scope(...), or read it as text with viz.explain(J)"
        )
    return order


class _Elements:
    """Every drawn element's current DOT line and its variants, as the frames are made."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.nodes: dict[str, Tensor] = {}
        self.groups: dict[str, tuple[int, list[Tensor]]] = {}
        self.edges: dict[str, tuple[Any, ...]] = {}
        members: dict[str, list[Tensor]] = {g: [] for g in renderer.groups}
        for t in renderer.nodes:
            if t.group in renderer.collapsed:
                members[t.group].append(t)
            else:
                self.nodes[renderer.node_id(t)] = t
        for k, group in enumerate(renderer.groups):
            if group in renderer.collapsed:
                self.groups[f"g{k}"] = (k, members[group])
        for item in renderer.edge_items():
            self.edges.setdefault(renderer.edge_id(item[0], item[1]), item)
        self.ids = [*self.nodes, *self.groups, *self.edges]
        self.index = {key: k for k, key in enumerate(self.ids)}
        self.variants: dict[str, list[str]] = {key: [] for key in self.ids}
        self.shown: dict[str, int] = {}

    def line(self, key: str) -> str:
        r = self.renderer
        if key in self.nodes:
            return r.node_statement(self.nodes[key])
        if key in self.groups:
            return r.group_statement(*self.groups[key])
        return r.edge_line(*self.edges[key])

    def update(self, keys: list[str]) -> tuple[int, ...]:
        """Ask ``keys`` for their line now; the changes as ``(element, old, new, ...)``."""
        changes: list[int] = []
        for key in dict.fromkeys(k for k in keys if k in self.index):
            text = self.line(key)
            seen = self.variants[key]
            try:
                variant = seen.index(text)
            except ValueError:
                variant = len(seen)
                seen.append(text)
            old = self.shown.get(key)
            if old is None:
                self.shown[key] = variant
            elif old != variant:
                self.shown[key] = variant
                changes += [self.index[key], old, variant]
        return tuple(changes)

    def node_key(self, t: Tensor) -> str:
        return self.renderer.node_id(t)

    def edge_keys(self, t: Tensor) -> list[str]:
        """The edges into ``t`` (its inputs)."""
        return [self.renderer.edge_id(t, i) for i in range(len(t.parents))]


def make_film(
    J: Tensor,
    options: Options,
    names: Mapping[str, Any] | None,
    passes: str,
    function: str,
    pin: bool | None = None,
) -> Film:
    """The frames of ``passes`` (``"forward"``, ``"backward"`` or ``"both"``) of ``J``.

    Args:
        J: the root (for a backward pass, ``J.backward()`` has run).
        options: checked drawing options (mode backward; legend off).
        names: variable names for unnamed tensors.
        passes: which pass(es) to play.
        function: the public function asking (named in errors).
        pin: lay the picture out here (default: when ``dot`` is installed).
    """
    check_size(J, function)
    replay = Replay(J, function) if passes != "forward" else None
    probe = Renderer(J, options, names, replay.state() if replay else None)
    fixed = dataclasses.replace(options, rankdir=probe.rankdir, title=None)
    reference = Renderer(J, fixed, names, replay.state() if replay else None).digraph()
    if passes == "both":  # arrows at both ends, so forward and backward frames share the curves
        reference = _both_ways(reference)
    pinned = has_dot() if pin is None else pin
    pins = layout(reference) if pinned else None
    nodes = probe.nodes
    table = probe.names
    start = Forward.start(nodes)
    renderer = Renderer(J, fixed, names, None, pins, start if passes != "backward" else None)
    renderer.highlight = False  # the page highlights the step's elements with a class
    if passes == "backward":
        assert replay is not None
        renderer.at(replay.state(0))
    elements = _Elements(renderer)
    elements.update(elements.ids)
    base = renderer.digraph()
    changes: list[tuple[int, ...]] = []
    focus: list[int] = []
    now: list[tuple[int, ...]] = []
    captions: list[str] = []
    phases: list[str] = []
    small = options.small

    def frame(change: tuple[int, ...], keys: list[str], caption: str, phase: str) -> None:
        changes.append(change)
        focus.append(elements.index.get(keys[0], 0) if keys else 0)
        now.append(tuple(elements.index[k] for k in keys if k in elements.index))
        captions.append(caption)
        phases.append(phase)

    if passes != "backward":
        first = start.order[0] if start.order else J
        frame((), [elements.node_key(first)], inputs_line(nodes, table, small), "forward")
        now[-1] = ()
        before: Tensor | None = None
        for done, t in enumerate(start.order, start=1):
            renderer.at(None, start.after(done))
            keys = [elements.node_key(t), *elements.edge_keys(t)]
            before_keys = [] if before is None else [elements.node_key(before)]
            if before is not None:
                before_keys += elements.edge_keys(before)
            change = elements.update(keys + before_keys)
            frame(change, keys, forward_line(t, table, small), "forward")
            before = t
    if replay is not None:
        states = [replay.state(k) for k in range(len(replay.steps) + 1)]
        if passes == "both":
            renderer.at(states[0])
            change = elements.update(elements.ids)
        else:
            change = ()
        root_keys = [elements.node_key(J)]
        frame(change, root_keys, frame_caption(states[0], table, small), "backward")
        for k in range(1, len(states)):
            renderer.at(states[k])
            keys = _step_keys(states[k], elements)
            change = elements.update(keys + _step_keys(states[k - 1], elements))
            frame(change, keys, frame_caption(states[k], table, small), "backward")
    sheet = _sheet(base, elements)
    final = tuple(elements.shown[key] for key in elements.ids)
    return Film(
        tuple(elements.ids),
        tuple(changes),
        final,
        tuple(tuple(elements.variants[key]) for key in elements.ids),
        tuple(focus),
        tuple(now),
        tuple(captions),
        tuple(phases),
        sheet,
        reference,
        pinned,
        renderer,
        replay,
    )


def _step_keys(state: State, elements: _Elements) -> list[str]:
    """The node a backward step fed (the root at the seed) and the edge it ran."""
    step = state.step
    if step is None:
        return [elements.node_key(state.replay.root)]
    edge = elements.renderer.edge_id(step.child, step.index)
    return [elements.node_key(step.parent), edge]


def _both_ways(diagram: Diagram) -> Diagram:
    """A copy of ``diagram`` with every edge drawn with arrows at both ends (for the layout)."""
    copy = diagram.copy()
    copy.body = [line.replace('dir="back"', 'dir="both"') for line in copy.body]
    return copy


def _sheet(base: graphviz.Digraph, elements: _Elements) -> Diagram:
    """The frame-0 picture plus every other variant of every element, renamed ``n3~1``."""
    sheet = base.copy()
    extra: list[str] = []
    for key in elements.ids:
        for k, text in enumerate(elements.variants[key][1:], start=1):
            renamed = text.replace(f'id="{key}"', f'id="{key}~{k}"', 1)
            if not key.startswith("e"):  # a node statement starts with its name
                renamed = renamed.replace(f"\t{key} ", f"\t{key}v{k} ", 1)
            extra.append(renamed)
    sheet.body = [*sheet.body, *extra]
    return sheet  # type: ignore[return-value]


_G_ID = re.compile(r'^<g id="([^"]*)" class="(node|edge|cluster|graph)"', re.MULTILINE)


def clean_svg(svg: str) -> str:
    """Graphviz's SVG for a page: from ``<svg``, without comments and ``<title>`` lines, the
    ids of the drawn elements moved to ``data-agnn`` (several copies of a page share none), and
    the font said once."""
    svg = svg[svg.index("<svg") :]
    lines = [line for line in svg.split("\n") if not _dropped(line)]
    text = _G_ID.sub(r'<g data-agnn="\1" class="\2"', "\n".join(lines))
    # every label is Helvetica: said once on the graph (inherited) instead of on each text
    text = text.replace(_FONT, "")
    return text.replace('class="graph"', f'class="graph"{_FONT}', 1)


_FONT = ' font-family="Helvetica,sans-Serif"'


def _dropped(line: str) -> bool:
    return line.startswith("<!--") or (line.startswith("<title>") and line.endswith("</title>"))


def final_picture(svg: str, film: Film) -> str:
    """The cleaned sheet with only the variants of the last frame: a static picture."""
    keep = {
        key if variant == 0 else f"{key}~{variant}"
        for key, variant in zip(film.elements, film.final, strict=True)
    }
    drawn = set(film.elements)
    out: list[str] = []
    depth = 0
    skipping = False
    for line in svg.split("\n"):
        opened = line.count("<g ") + line.count("<g>")
        closed = line.count("</g>")
        if depth == 0:
            if not line.startswith('<g data-agnn="') or 'class="graph"' in line:
                out.append(line)
                continue
            name = line.split('"', 2)[1]
            skipping = name.split("~", 1)[0] in drawn and name not in keep
        depth += opened - closed
        if not skipping:
            out.append(line)
        if depth <= 0:
            depth, skipping = 0, False
    return "\n".join(out)


_SHAPE = re.compile(r' (d|points)="([^"]*)"')
_OUTLINES = ("<path ", "<polygon ", "<polyline ")


def compact_svg(svg: str) -> str:
    """The cleaned sheet with each variant's outlines that repeat its element's variant 0
    written as a reference (``data-d="0"``: the first outline of variant 0), which the page
    copies back when it loads: a node's box is drawn once, whatever its labels."""
    shapes: dict[str, dict[tuple[str, str], int]] = {}
    counts: dict[str, int] = {}
    out: list[str] = []
    depth = 0
    base, variant = "", 0
    for line in svg.split("\n"):
        if depth == 0 and line.startswith('<g data-agnn="') and 'class="graph"' not in line:
            name = line.split('"', 2)[1]
            base, _, number = name.partition("~")
            variant = int(number) if number.isdigit() else 0
        elif depth == 0:
            out.append(line)
            continue
        depth += line.count("<g ") + line.count("<g>") - line.count("</g>")
        match = _SHAPE.search(line) if line.startswith(_OUTLINES) else None
        if match and variant == 0:  # the page finds them as querySelectorAll("[d],[points]")
            j = counts.get(base, 0)
            counts[base] = j + 1
            shapes.setdefault(base, {}).setdefault((match.group(1), match.group(2)), j)
        elif match:
            j = shapes.get(base, {}).get((match.group(1), match.group(2)))
            if j is not None:
                line = line.replace(match.group(0), f' data-{match.group(1)[0]}="{j}"', 1)
        out.append(line)
        if depth <= 0:
            depth = 0
    return "\n".join(out)
