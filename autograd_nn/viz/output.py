"""Files and images: Graphviz's ``dot`` program turns DOT text into SVG, PNG or PDF.

Every file goes through :func:`autograd_nn.files.write_bytes` (whole or not at all, with the
permissions the umask asks for, any file name the file system accepts). Without the ``dot``
program, image formats raise :class:`GraphvizMissingError` saying how to install it; DOT text
and the player (which then lays the graph out in the browser) still work.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import graphviz

from ..errors import AutogradError
from ..files import as_path, check_target

FORMATS = {"dot": "dot", "gv": "dot", "svg": "svg", "png": "png", "pdf": "pdf"}
PNG_DPI = 144  #: PNG resolution: sharp on screens and slides (Graphviz's default is 96)
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: "
    "`brew install graphviz`; conda: `conda install graphviz`); DOT output (.dot, .gv) "
    "works without it"
)


class GraphvizMissingError(AutogradError, RuntimeError):
    """An image format was asked for but Graphviz's ``dot`` program is not installed."""


def has_dot() -> bool:
    """True when Graphviz's ``dot`` program is on PATH."""
    return shutil.which("dot") is not None


def check_path(function: str, path: Any) -> Path:
    """``path`` as a Path, or a TypeError/ValueError naming ``function`` and the argument."""
    return as_path(function, path)


def format_of(function: str, target: Path) -> str:
    """The output format that ``target``'s extension asks for, or a ValueError."""
    fmt = FORMATS.get(target.suffix.lower().lstrip("."))
    if fmt is None:
        raise ValueError(
            f"{function}: cannot tell the format of {target.name!r}: use one of "
            + ", ".join("." + ext for ext in FORMATS)
        )
    return fmt


def check_folder(function: str, target: Path) -> None:
    """Refuse, before any work, a target whose folder does not exist, or one that is a folder,
    a named pipe or a device (:func:`autograd_nn.files.check_target`)."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{function}: folder {str(folder)!r} does not exist (create it first)"
        )
    check_target(target, caller=function)


def image_bytes(digraph: graphviz.Digraph, fmt: str, name: str) -> bytes:
    """Run Graphviz's ``dot`` to get ``fmt`` bytes (``name`` is named in errors)."""
    if fmt == "dot":
        return digraph.source.encode("utf-8")
    if not has_dot():
        raise GraphvizMissingError(
            f"writing {name} needs Graphviz's `dot` program, which was not found on "
            f"PATH: {INSTALL_HINT}"
        )
    if fmt == "png":
        digraph = digraph.copy()
        digraph.graph_attr["dpi"] = str(PNG_DPI)
    try:
        return digraph.pipe(format=fmt, quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissingError(
            f"writing {name} needs Graphviz's `dot` program, which could not be run: {INSTALL_HINT}"
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
        raise RuntimeError(f"Graphviz failed writing {name}: {stderr}") from None


def layout(digraph: graphviz.Digraph) -> dict[str, Any]:
    """The positions ``dot`` gives every node, edge and cluster, by their ``id``.

    Returns:
        ``{"graph": {"bb": ..., "lp": ...}, "n3": {"pos": ..., "width": ..., "height": ...},
        "e5_0": {"pos": ..., "lp": ...}, "cluster_0": {"bb": ..., "lp": ...}}``: the
        attributes that pin a picture's geometry (see :func:`autograd_nn.viz.frames.pin`).
    """
    data = json.loads(image_bytes(digraph, "json0", "the layout"))
    keep = ("pos", "width", "height", "bb", "lp")
    graph = ("bb", "lp", "lwidth", "lheight")
    found: dict[str, Any] = {"graph": {k: data[k] for k in graph if k in data}}
    for item in [*data.get("objects", []), *data.get("edges", [])]:
        if "id" in item:
            found[item["id"]] = {k: item[k] for k in keep if k in item}
    return found


def _is_node_line(line: str) -> bool:
    """True for a DOT node statement (``\tn3 [label=...]``), not an edge (``\tn0 -> n3``)."""
    words = line.split(None, 2)
    return len(words) > 1 and words[0][:1] == "n" and words[0][1:].isdigit() and words[1] != "->"
