"""The backward pass step by step: one picture per edge run, every node kept in its place.

Frame 1 shows the seed dJ/dJ = 1 at the cost; frame k + 1 shows the pass after its k-th edge:
that edge is drawn thick, the node it fed is highlighted (yellow, thick red border) with its
gradient so far, and the caption is the edge's chain-rule line
(``dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6``), followed by the node's total on its last
path. Nodes not reached yet read ``dJ/dx = ?``, with grey dashed edges; a node reached by some
but not all of its paths shows the paths so far (``dJ/dx = 3 + 3 + …``). For J = 3(a + bc) there
are six frames: the seed, then the edges J→v, v→a, v→u, u→b, u→c, in the order the engine ran
them.

Every frame is laid out once: where Graphviz's ``dot`` program is installed, the complete
picture is laid out and every frame is pinned to that geometry (``layout=nop2``), so nothing
moves from frame to frame. Without it, frames are plain DOT text (the player,
:func:`autograd_nn.viz.player`, pins them in the browser instead).

The frames are read from the replay of ``J.backward_trace`` (what the engine did).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import graphviz

from ..files import write_bytes
from ..tensor import Tensor
from . import labels
from .chain_rule import frame_caption
from .naming import NameTable
from .options import Options, check_names, check_options, check_root
from .output import FORMATS, has_dot, image_bytes, layout
from .render import Diagram, Renderer
from .replay import Replay


@dataclasses.dataclass(frozen=True)
class Frames:
    """The frames of one backward pass, and what they are made of.

    Attributes:
        diagrams: one DOT picture per frame (pinned to one geometry when ``pinned``).
        captions: each frame's chain-rule line.
        reference: the complete picture that the frames share the geometry of (laid out
            once, by ``dot`` here or by the browser).
        pinned: True when every frame carries the positions of ``reference``.
        replay: the backward pass they show.
        names: the names every node is given.
    """

    diagrams: tuple[Diagram, ...]
    captions: tuple[str, ...]
    reference: Diagram
    pinned: bool
    replay: Replay
    names: NameTable


def make_frames(
    J: Tensor,
    options: Options,
    names: Mapping[str, Any] | None,
    function: str,
    pin: bool | None = None,
) -> Frames:
    """The frames of ``J``'s backward pass with checked ``options``.

    Args:
        J: the root (backward has run).
        options: checked drawing options (mode is backward).
        names: variable names for unnamed tensors.
        function: the public function asking (named in errors).
        pin: lay the frames out once and pin them (default: when ``dot`` is installed).
    """
    replay = Replay(J, function)
    states = [replay.state(k) for k in range(len(replay.steps) + 1)]
    probe = Renderer(J, options, names, states[-1])
    table = probe.names
    total = len(states)
    captions = tuple(frame_caption(s, table, options.small) for s in states)
    titles = [f"step {k} of {total}: {c}" for k, c in enumerate(captions, start=1)]
    fixed = dataclasses.replace(options, rankdir=probe.rankdir)
    longest = max(titles, key=len)
    reference = Renderer(J, dataclasses.replace(fixed, title=longest), names, states[-1])
    reference_diagram = reference.digraph()
    pinned = has_dot() if pin is None else pin
    pins = layout(reference_diagram) if pinned else None
    diagrams = tuple(
        Renderer(J, dataclasses.replace(fixed, title=title), names, state, pins).digraph()
        for state, title in zip(states, titles, strict=True)
    )
    return Frames(diagrams, captions, reference_diagram, pinned, replay, table)


def backward_frames(
    J: Tensor,
    *,
    names: Mapping[str, Any] | None = None,
    rankdir: str | None = None,
    legend: bool = True,
    detail: str = "chain",
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
) -> list[graphviz.Digraph]:
    """The backward pass of ``J`` as one ``graphviz.Digraph`` per step (the seed, then each edge).

    Args:
        J: the tensor ``backward()`` was called on (keep_grads=True, the default).
        names: a mapping of variable names to tensors, typically ``locals()``.
        rankdir: layout direction (default as :func:`autograd_nn.viz.draw`: LR, or TB for a
            long graph).
        legend: draw the colour legend (with the step's chain-rule line) under each frame.
        detail: as for :func:`autograd_nn.viz.draw` (``"chain"``, ``"values"`` or ``"plain"``).
        grad_names: ``"fraction"`` (dJ/dW1) or ``"course"`` (dW1).
        small: arrays up to this shape are written out in full (default 4 x 4).

    Returns:
        The frames, in the order the backward pass ran (the seed at J first). With Graphviz's
        ``dot`` installed they share one layout, so no node moves from frame to frame.

    Raises:
        TypeError, ValueError: a wrong argument (named in the message).
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """
    check_root("backward_frames", J, "J")
    options = check_options(
        "backward_frames",
        mode="backward",
        detail=detail,
        grad_names=grad_names,
        small=small,
        rankdir=rankdir,
        legend=legend,
    )
    names = check_names("backward_frames", names)
    return list(make_frames(J, options, names, "backward_frames").diagrams)


def save_frames(
    J: Tensor,
    directory: str | os.PathLike[str],
    fmt: str = "svg",
    *,
    prefix: str = "backward",
    names: Mapping[str, Any] | None = None,
    rankdir: str | None = None,
    detail: str = "chain",
    grad_names: str = "fraction",
    small: int | tuple[int, int] = labels.SMALL,
) -> list[Path]:
    """Write the backward pass of ``J`` as numbered files ``backward-01.svg``, ``-02``, ...

    Args:
        J: the tensor ``backward()`` was called on.
        directory: where to write (created if missing).
        fmt: ``"svg"`` (default), ``"png"``, ``"pdf"`` or ``"dot"``.
        prefix: the start of each file name.
        names: a mapping of variable names to tensors, typically ``locals()``.
        rankdir: layout direction (default: LR, or TB for a long graph).
        detail: as for :func:`autograd_nn.viz.draw` (``"chain"``, ``"values"`` or ``"plain"``).
        grad_names: ``"fraction"`` (dJ/dW1) or ``"course"`` (dW1).
        small: arrays up to this shape are written out in full (default 4 x 4).

    Returns:
        The paths written, in step order.

    Raises:
        TypeError, ValueError: a wrong argument (named in the message).
        GraphvizMissingError: an image format without Graphviz's ``dot`` program (checked
            before any file is written).
    """
    check_root("save_frames", J, "J")
    if not isinstance(fmt, str) or fmt.lower().lstrip(".") not in FORMATS:
        raise ValueError(f"save_frames: fmt must be one of {', '.join(FORMATS)}; got {fmt!r}")
    if not isinstance(prefix, str) or not prefix or "/" in prefix or os.sep in prefix:
        raise ValueError(f"save_frames: prefix must be a file name start, got {prefix!r}")
    if isinstance(directory, bytes) or not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"save_frames: directory must be a str or a path, got {type(directory).__name__}"
        )
    fmt = FORMATS[fmt.lower().lstrip(".")]
    diagrams = backward_frames(
        J, names=names, rankdir=rankdir, detail=detail, grad_names=grad_names, small=small
    )
    folder = Path(directory)
    width = max(2, len(str(len(diagrams))))
    ext = "dot" if fmt == "dot" else fmt
    paths = [folder / f"{prefix}-{k:0{width}d}.{ext}" for k in range(1, len(diagrams) + 1)]
    contents = [image_bytes(d, fmt, p.name) for d, p in zip(diagrams, paths, strict=True)]
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in zip(paths, contents, strict=True):
        write_bytes(path, data)
    return paths
