"""A step-through player for the backward pass: one self-contained HTML page, no network.

``viz.player(J)`` returns a :class:`Player`: Jupyter displays it (``_repr_html_``) and
``.save("backprop.html")`` writes it as one file that opens in any browser, offline. It shows
the frames of :mod:`autograd_nn.viz.frames` (the seed, then one frame per edge of the backward
pass) with prev, next, play and a slider (arrow keys, Home and End work too); the caption is the
current step's chain-rule line (``dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6``), and clicking a
node shows its value, its gradient and the chain-rule lines that made it.

Where Graphviz's ``dot`` program is installed, the frames are inline SVG made here, all pinned
to one layout. Where it is not (Windows without Graphviz, JupyterLite), the page carries the
frames as DOT text and a WebAssembly build of Graphviz (``@viz-js/viz``, vendored in
``autograd_nn/viz/vendor/viz-js/`` with its licence and version; ``scripts/fetch_viz_js.sh``
updates it), which lays them out in the browser the same way.
"""

from __future__ import annotations

import html
import json
import os
import secrets
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..files import write_text
from ..graph import toposort
from ..tensor import Tensor
from . import labels
from .chain_rule import edge_line, node_lines
from .frames import Frames, make_frames
from .naming import is_constant, is_data
from .options import check_names, check_options, check_root
from .output import check_folder, check_path, image_bytes
from .render import COST_FILL, CURRENT_FILL, DATA_FILL, PARAMETER_FILL, PENDING, RED

_ASSETS = resources.files(__package__)


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def viz_js() -> str:
    """The vendored WebAssembly Graphviz (``@viz-js/viz``'s viz-global.js)."""
    return _asset("vendor/viz-js/viz-global.js")


class Player:
    """The backward pass of ``J``, frame by frame, as an interactive HTML page.

    Args:
        J: the tensor ``backward()`` was called on (keep_grads=True, the default).
        names: a mapping of variable names to tensors, typically ``locals()``.
        detail: as for :func:`autograd_nn.viz.draw` (``"chain"``, ``"values"`` or ``"plain"``).
        grad_names: ``"fraction"`` (dJ/dW1) or ``"course"`` (dW1).
        small: arrays up to this shape are written out in full (default 4 x 4).
        rankdir: layout direction (default: LR, or TB for a long graph).
        interval: seconds per frame when playing.
        layout: ``"auto"`` (default) makes SVG here when Graphviz's ``dot`` is installed and
            lets the browser lay the graph out otherwise; ``"browser"`` always does the latter.

    Attributes:
        captions: each frame's chain-rule line.
        in_browser: True when the page lays the frames out itself (no ``dot`` here).

    Raises:
        TypeError, ValueError: a wrong argument (named in the message).
        BackwardError: ``J.backward()`` has not run (or ran with keep_grads=False).
    """

    def __init__(
        self,
        J: Tensor,
        *,
        names: Mapping[str, Any] | None = None,
        detail: str = "chain",
        grad_names: str = "fraction",
        small: int | tuple[int, int] = labels.SMALL,
        rankdir: str | None = None,
        interval: float = 1.5,
        layout: str = "auto",
    ) -> None:
        check_root("player", J, "J")
        options = check_options(
            "player",
            mode="backward",
            detail=detail,
            grad_names=grad_names,
            small=small,
            rankdir=rankdir,
            legend=False,  # the page says it in HTML: the caption, and the colours' key
        )
        names = check_names("player", names)
        if isinstance(interval, bool) or not isinstance(interval, (int, float)):
            raise TypeError(f"player: interval must be a number of seconds, got {interval!r}")
        if not 0.05 <= interval <= 60:
            raise ValueError(f"player: interval must be 0.05 to 60 seconds; got {interval}")
        if layout not in ("auto", "browser"):
            raise ValueError(f"player: layout must be 'auto' or 'browser'; got {layout!r}")
        pin = False if layout == "browser" else None
        self.J = J
        self.interval = float(interval)
        self.frames: Frames = make_frames(J, options, names, "player", pin=pin)
        self.in_browser = not self.frames.pinned
        self.captions = list(self.frames.captions)
        self.small = options.small
        self._data: dict[str, Any] | None = None

    def __len__(self) -> int:
        """The number of frames (the seed, then one per edge)."""
        return len(self.captions)

    def __repr__(self) -> str:
        where = "laid out in the browser" if self.in_browser else "inline SVG"
        return f"<Player: {len(self)} frames of {self.frames.names.root}'s backward pass, {where}>"

    # ------------------------------------------------------------------ the page
    def data(self) -> dict[str, Any]:
        """What the page's script reads: frames, captions and, per node, what a click shows."""
        if self._data is None:
            frames = self.frames
            if self.in_browser:
                shown = [{"dot": d.source} for d in frames.diagrams]
                reference: str | None = frames.reference.source
            else:
                shown = [{"svg": _svg(d)} for d in frames.diagrams]
                reference = None
            self._data = {
                "frames": shown,
                "reference": reference,
                "captions": self.captions,
                "interval": int(self.interval * 1000),
                "nodes": self._nodes(),
            }
        return self._data

    def _nodes(self) -> dict[str, dict[str, Any]]:
        frames, small = self.frames, self.small
        table, replay = frames.names, frames.replay
        out: dict[str, dict[str, Any]] = {}
        for t in toposort(self.J):
            if is_constant(t):
                continue
            steps = replay.incoming.get(id(t), [])
            lines = [edge_line(s, table, small, "×", seed_form=False) for s in steps]
            lines += node_lines(t, replay, table, small, "×")
            if is_data(t):
                gradient = "no gradient (data: requires_grad=False)"
            elif t.grad is None:
                gradient = f"{table.d(t)}: not kept"
            else:
                gradient = f"{table.d(t)} = {labels.inline(np.asarray(t.grad), 'd' + table[t])}"
            out[f"n{table.index(t)}"] = {
                "title": table.equation(t),
                "value": f"value: {labels.inline(t.data, table[t], small)}",
                "gradient": gradient,
                "lines": lines,
                "step": steps[-1].number + 1 if steps else None,
            }
        return out

    def html(self, *, standalone: bool = False) -> str:
        """The player as HTML: a fragment for a notebook, or a whole page (``standalone``)."""
        uid = "agnn-" + secrets.token_hex(4)
        payload = json.dumps(self.data(), separators=(",", ":")).replace("</", "<\\/")
        title = html.escape(f"backward pass of {self.frames.names.root}, step by step")
        library = f"<script>{viz_js()}</script>\n" if self.in_browser else ""
        body = (
            f'<div class="agnn-player" id="{uid}" tabindex="0">\n'
            f'<div class="agnn-title">{title}</div>\n'
            '<div class="agnn-controls">'
            '<button type="button" data-action="first" title="first step (Home)">« first</button>'
            '<button type="button" data-action="prev" title="previous step (←)">◀ prev</button>'
            '<button type="button" data-action="play" title="play (space)">▶ play</button>'
            '<button type="button" data-action="next" title="next step (→)">next ▶</button>'
            '<button type="button" data-action="last" title="last step (End)">last »</button>'
            '<input class="agnn-slider" type="range" min="0" max="0" step="1" value="0" '
            'aria-label="step">'
            '<span class="agnn-counter"></span></div>\n'
            '<div class="agnn-caption"></div>\n'
            '<div class="agnn-stage"></div>\n'
            f"{_key()}\n"
            '<div class="agnn-info">Click a node to see its value, its gradient and the '
            "chain-rule lines that made it.</div>\n"
            f'<script type="application/json" class="agnn-data">{payload}</script>\n'
            f"<style>{_asset('player.css')}</style>\n"
            f"{library}<script>{_asset('player.js')}</script>\n"
            f'<script>autogradNNPlayer(document.getElementById("{uid}"));</script>\n'
            "</div>"
        )
        if not standalone:
            return body
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "</head>\n<body>\n"
            f"{body}\n"
            f'<script>document.getElementById("{uid}").focus();</script>\n'
            "</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the player as one self-contained HTML file (opens offline in any browser).

        Args:
            path: the file to write (``.html`` or ``.htm``); its folder must exist.

        Returns:
            The path written (whole or not at all, with the permissions the umask asks for).
        """
        target = check_path("Player.save", path)
        if target.suffix.lower() not in (".html", ".htm"):
            raise ValueError(
                f"Player.save: the player is an HTML page; give a name ending in .html, "
                f"got {target.name!r}"
            )
        check_folder("Player.save", target)
        return write_text(target, self.html(standalone=True))


def _key() -> str:
    """What the colours mean (the pictures' legend, in HTML)."""
    items = [
        (PARAMETER_FILL, "#555", "parameter"),
        (DATA_FILL, "#555", "data"),
        ("white", "#555", "intermediate"),
        (COST_FILL, "#555", "cost"),
        (CURRENT_FILL, RED, "gets its gradient in this step"),
        ("white", PENDING, "not reached yet"),
    ]
    spans = "".join(
        f'<span class="agnn-swatch" style="background:{fill};border-color:{line}"></span>{text}'
        for fill, line, text in items
    )
    return f'<div class="agnn-key">{spans} <span style="color:{RED}">red: gradients</span></div>'


def _svg(diagram: Any) -> str:
    """A frame as SVG text for inline use (no XML prolog or doctype)."""
    svg = image_bytes(diagram, "svg", "a player frame").decode("utf-8")
    return svg[svg.index("<svg") :] if "<svg" in svg else svg


def player(J: Tensor, **options: Any) -> Player:
    """Step through the backward pass of ``J``: ``viz.player(J)`` in a notebook, or
    ``viz.player(J).save("backprop.html")``.

    See :class:`Player` for the options (``names``, ``detail``, ``grad_names``, ``small``,
    ``rankdir``, ``interval``, ``layout``).

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> p = player(J, names=locals())
        >>> len(p), p.captions[4]
        (6, 'dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6')
    """
    return Player(J, **options)
