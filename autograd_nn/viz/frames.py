"""The backward pass step by step: one picture per node processed.

Frame k shows the graph after the backward pass has processed its k-th node: that node is
highlighted (yellow, thick red border), its gradient is complete, and the red edges it has just
run carry its contributions to its inputs. Gradients filled in so far are red; an input that
has received some but not all of its contributions says "(so far)"; nodes not reached yet read
``dJ/dx = ?``, with grey dashed edges. For J = 3(a + bc) there are six frames: J, v, u, then
the leaves, in the order the engine ran them.

The frames are read from ``J.backward_trace`` (what the engine did), never recomputed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import graphviz
import numpy as np

from ..errors import BackwardError
from ..graph import toposort
from ..tensor import Tensor
from .naming import NameTable
from .render import FORMATS, Progress, _pipe, _write_whole, draw_step


def backward_frames(
    J: Tensor,
    *,
    names: Mapping[str, Any] | None = None,
    rankdir: str = "LR",
    legend: bool = True,
) -> list[graphviz.Digraph]:
    """The backward pass of ``J`` as one ``graphviz.Digraph`` per node processed.

    Args:
        J: the tensor ``backward()`` was called on (keep_grads=True, the default).
        names: a mapping of variable names to tensors, typically ``locals()``.
        rankdir: layout direction, ``"LR"`` (default) as the course.
        legend: draw the colour legend (with the step number) under each frame.

    Returns:
        The frames, in the order the backward pass processed the nodes (J first).

    Raises:
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """
    trace = J.backward_trace
    if not trace and J.grad is None:
        name = J.name or "J"
        raise BackwardError(
            f"backward_frames: {name} has no recorded backward pass: call {name}.backward() "
            "first (with keep_grads=True, the default)"
        )
    order = list(reversed(toposort(J, requiring_grad_only=True)))
    by_child: dict[int, list[Any]] = {}
    expected: dict[int, int] = {}
    for edge in trace:
        by_child.setdefault(id(edge.child), []).append(edge)
        expected[id(edge.parent)] = expected.get(id(edge.parent), 0) + 1
    table = NameTable(toposort(J), J, names)
    seed = np.ones(J.shape) if J.size == 1 else np.asarray(J.grad)
    progress = Progress(current=J, expected=expected)
    progress.grads[id(J)] = seed
    frames = []
    for step, node in enumerate(order, start=1):
        progress.current = node
        progress.processed.add(id(node))
        for edge in by_child.get(id(node), ()):
            key = id(edge.parent)
            previous = progress.grads.get(key)
            summed = edge.contribution if previous is None else previous + edge.contribution
            progress.grads[key] = summed
            progress.received[key] = progress.received.get(key, 0) + 1
            progress.edges_done.add((id(edge.child), edge.index))
            progress.contributions[(id(edge.child), edge.index)] = edge.contribution
        title = (
            f"backward pass, step {step} of {len(order)}: processing {table[node]}"
            " (yellow); red = gradients dJ/dx so far"
        )
        frames.append(
            draw_step(J, progress, names=names, rankdir=rankdir, legend=legend, title=title)
        )
    return frames


def save_frames(
    J: Tensor,
    directory: str | os.PathLike[str],
    fmt: str = "svg",
    *,
    prefix: str = "backward",
    names: Mapping[str, Any] | None = None,
    rankdir: str = "LR",
) -> list[Path]:
    """Write the backward pass of ``J`` as numbered files ``backward-01.svg``, ``-02``, ...

    Args:
        J: the tensor ``backward()`` was called on.
        directory: where to write (created if missing).
        fmt: ``"svg"`` (default), ``"png"``, ``"pdf"`` or ``"dot"``.
        prefix: the start of each file name.
        names: a mapping of variable names to tensors, typically ``locals()``.
        rankdir: layout direction.

    Returns:
        The paths written, in step order.

    Raises:
        ValueError: unknown ``fmt``.
        GraphvizMissingError: an image format without Graphviz's ``dot`` program (checked
            before any file is written).
    """
    fmt = fmt.lower().lstrip(".")
    if FORMATS.get(fmt) is None:
        raise ValueError(f"save_frames: fmt must be one of {', '.join(FORMATS)}; got {fmt!r}")
    frames = backward_frames(J, names=names, rankdir=rankdir)
    folder = Path(directory)
    width = max(2, len(str(len(frames))))
    paths = [folder / f"{prefix}-{k:0{width}d}.{fmt}" for k in range(1, len(frames) + 1)]
    if FORMATS[fmt] == "dot":
        contents = [frame.source.encode("utf-8") for frame in frames]
    else:
        pairs = zip(frames, paths, strict=True)
        contents = [_pipe(frame, FORMATS[fmt], path) for frame, path in pairs]
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in zip(paths, contents, strict=True):
        _write_whole(path, data)
    return paths
