"""A step-through player for the forward and the backward pass: one self-contained HTML page.

``viz.player(J)`` returns a :class:`Player`: Jupyter displays it (``_repr_html_``) and
``.save("backprop.html")`` writes it as one file that opens in any browser, offline. It plays
the forward pass node by node (``u = b * c = 3 * 2 = 6``: each value appears with its line),
then the backward pass edge by edge (``dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6``), as one
lesson; ``passes="forward"`` or ``"backward"`` plays one of them. Clicking a node shows its
value, its gradient and the lines that made them.

The page is built on the page shell (:mod:`autograd_nn.viz.page`): keys that stay in the player
(←/→ step, Home/End first/last, P play; Up, Down and Space scroll as usual; JupyterLab's
shortcuts leave it alone), a static picture of the last frame with "File > Trust Notebook, or
re-run the cell, for the interactive player" where scripts cannot run (an untrusted notebook,
GitHub, nbviewer), any number of independent copies, sticky controls with the caption, a
fit/zoom control, and the current node kept in view.

Size: the graph is laid out once and each frame is the small change it makes
(:mod:`autograd_nn.viz.film`), so a page grows with nodes + frames: the course's J is about
40 kB, the flower network about 0.4 MB, a 200-operation chain about 1.5 MB. A graph of more than
:data:`~autograd_nn.viz.film.MOST_NODES` nodes is refused with what to do instead.

Where Graphviz's ``dot`` program is installed, the picture is SVG made here. Where it is not
(Windows without Graphviz, JupyterLite), the page carries DOT text and a WebAssembly build of
Graphviz (``@viz-js/viz``, vendored in ``autograd_nn/viz/vendor/viz-js/`` with its licence and
version; ``scripts/fetch_viz_js.sh`` updates it), which lays it out in the browser the same
way. It is 1.3 MB: a saved page carries it, and in a notebook only the first player of the
kernel does (the later outputs use it from the page).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import BackwardError
from ..tensor import Tensor
from . import labels
from .chain_rule import edge_line, node_lines
from .film import PASSES, Film, compact_svg, final_picture, make_film
from .forward import forward_line
from .naming import is_constant, is_data
from .options import check_names, check_options, check_root
from .page import STEP_KEYS, Page, Shown, asset
from .render import COST_FILL, CURRENT_FILL, DATA_FILL, PARAMETER_FILL, PENDING, RED

#: Whether a notebook output of this process already carried the WebAssembly Graphviz.
_SHOWN_GRAPHVIZ: list[bool] = []


def viz_js() -> str:
    """The vendored WebAssembly Graphviz (``@viz-js/viz``'s viz-global.js)."""
    return asset("vendor/viz-js/viz-global.js")


class Player(Shown):
    """The forward and backward pass of ``J``, frame by frame, as an interactive HTML page.

    Args:
        J: the cost (for a backward pass, ``J.backward()`` has run, keep_grads=True).
        names: a mapping of variable names to tensors, typically ``locals()``.
        passes: ``"both"`` (default: the forward pass, then the backward pass), ``"forward"``
            (no backward needed) or ``"backward"``.
        detail: as for :func:`autograd_nn.viz.draw` (``"chain"``, ``"values"`` or ``"plain"``).
        grad_names: ``"fraction"`` (dJ/dW1) or ``"course"`` (dW1).
        small: arrays up to this shape are written out in full (default 4 x 4).
        rankdir: layout direction (default: LR, or TB for a long graph).
        interval: seconds per frame when playing.
        layout: ``"auto"`` (default) draws the picture here when Graphviz's ``dot`` is
            installed and lets the browser lay it out otherwise; ``"browser"`` always does
            the latter.

    Attributes:
        captions: each frame's line.
        phases: each frame's pass, ``"forward"`` or ``"backward"``.
        in_browser: True when the page lays the picture out itself (no ``dot`` here).

    Raises:
        TypeError, ValueError: a wrong argument (named in the message).
        GraphTooBigError: more than :data:`~autograd_nn.viz.film.MOST_NODES` nodes.
        BackwardError: a backward pass was asked before ``J.backward()`` ran.
    """

    def __init__(
        self,
        J: Tensor,
        *,
        names: Mapping[str, Any] | None = None,
        passes: str = "both",
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
        if not isinstance(passes, str) or passes not in PASSES:
            raise ValueError(f"player: passes must be one of {', '.join(PASSES)}; got {passes!r}")
        if isinstance(interval, bool) or not isinstance(interval, (int, float)):
            raise TypeError(f"player: interval must be a number of seconds, got {interval!r}")
        if not 0.05 <= interval <= 60:
            raise ValueError(f"player: interval must be 0.05 to 60 seconds; got {interval}")
        if layout not in ("auto", "browser"):
            raise ValueError(f"player: layout must be 'auto' or 'browser'; got {layout!r}")
        name = J.name or "J"
        if passes != "forward" and not J.requires_grad:
            raise BackwardError(
                f"player: {name} does not require a gradient (it was made from data only, or "
                "under no_grad()), so there is no backward pass to play; play the forward pass "
                f"with viz.player({name}, passes='forward')"
            )
        if passes != "forward" and J.grad is None:
            raise BackwardError(
                f"player: {name} has no gradients yet: call {name}.backward() first (with "
                f"keep_grads=True, the default), or play the forward pass alone with "
                f"viz.player({name}, passes='forward')"
            )
        self.J = J
        self.passes = passes
        self.interval = float(interval)
        self.film: Film = make_film(
            J, options, names, passes, "player", pin=False if layout == "browser" else None
        )
        self.in_browser = not self.film.pinned
        self.captions = list(self.film.captions)
        self.phases = list(self.film.phases)
        self.small = options.small
        self._data: dict[str, Any] | None = None
        self._svg: str | None = None

    def __len__(self) -> int:
        """The number of frames."""
        return len(self.captions)

    def __repr__(self) -> str:
        where = "laid out in the browser" if self.in_browser else "SVG"
        root = self.film.renderer.names.root
        return f"<Player: {len(self)} frames of {root}'s {self._what()}, {where}>"

    def _what(self) -> str:
        return {
            "both": "forward and backward pass",
            "forward": "forward pass",
            "backward": "backward pass",
        }[self.passes]

    # ------------------------------------------------------------------ the page
    def svg(self) -> str | None:
        """The picture with every variant of every element (None when laid out in the browser)."""
        if self._svg is None and not self.in_browser:
            self._svg = self.film.svg()
        return self._svg

    def data(self) -> dict[str, Any]:
        """What the page's script reads: the picture, each frame's changes and captions, and
        per node what a click shows."""
        if self._data is None:
            film = self.film
            self._data = {
                "svg": None if self.in_browser else compact_svg(self.svg() or ""),
                "sheet": film.sheet.source if self.in_browser else None,
                "reference": film.reference.source if self.in_browser else None,
                "elements": list(film.elements),
                "changes": [list(c) for c in film.changes],
                "focus": list(film.focus),
                "now": [list(n) for n in film.now],
                "captions": self.captions,
                "phases": self.phases if self.passes == "both" else None,
                "interval": int(self.interval * 1000),
                "nodes": self._nodes(),
            }
        return self._data

    def _nodes(self) -> dict[str, dict[str, Any]]:
        film, small = self.film, self.small
        renderer, replay = film.renderer, film.replay
        table = renderer.names
        got: dict[str, int] = {}
        computed: dict[str, int] = {}
        for k, key in enumerate(film.focus):
            name = film.elements[key]
            target = got if film.phases[k] == "backward" else computed
            target[name] = k + 1
        out: dict[str, dict[str, Any]] = {}
        for t in renderer.nodes:
            if is_constant(t) or t.group in renderer.collapsed:
                continue
            key = renderer.node_id(t)
            lines = [forward_line(t, table, small)] if t.op is not None else []
            card: dict[str, Any] = {
                "title": table.equation(t),
                "value": f"value: {labels.inline(t.data, table[t], small)}",
                "gradient": None,
                "lines": lines,
                "computed": computed.get(key),
                "step": None,
            }
            if replay is not None:
                steps = replay.incoming.get(id(t), [])
                card["lines"] = lines + [edge_line(s, table, small, "×") for s in steps]
                card["lines"] += node_lines(t, replay, table, small, "×")
                if is_data(t):
                    card["gradient"] = "no gradient (data: requires_grad=False)"
                elif t.grad is None:
                    card["gradient"] = f"{table.d(t)}: not kept"
                else:
                    grad = labels.inline(np.asarray(t.grad), "d" + table[t])
                    card["gradient"] = f"{table.d(t)} = {grad}"
                card["step"] = got.get(key) if steps else None
            out[key] = card
        return out

    def page(self, *, graphviz: bool = True) -> Page:
        """The player as a :class:`~autograd_nn.viz.page.Page` (the page shell's widget).

        Args:
            graphviz: carry the WebAssembly Graphviz when the page lays the picture out
                itself; False relies on one already on the page (a notebook's first player).
        """
        root = self.film.renderer.names.root
        svg = self.svg()
        script = asset("player.js")
        if self.in_browser and graphviz:
            # hidden from an AMD loader (classic Notebook's require.js), so it sets window.Viz
            wrapped = f"(function (define, exports, module) {{\n{viz_js()}\n}}).call(window);"
            script = wrapped + "\n" + script
        return Page(
            "player",
            f"{self._what()} of {root}, step by step",
            body=(
                '<div class="agnn-stage"></div>\n'
                f"{_key(self.passes)}\n"
                '<div class="agnn-info">Click a node to see its value, its gradient and the '
                "lines that made them.</div>"
            ),
            data=self.data(),
            script=script,
            style=asset("player.css"),
            fallback_svg=None if svg is None else final_picture(svg, self.film),
            fallback_text="" if svg is not None else "\n".join(self.captions[:200]),
            what="player",
            keys=STEP_KEYS,
        )

    def _repr_html_(self) -> str:
        """The notebook output. Laid out in the browser, only the first player this Python
        process shows carries the 1.3 MB WebAssembly Graphviz; the later ones use it from
        the page (and say so, with "re-run this cell", if that output is gone)."""
        first = not _SHOWN_GRAPHVIZ
        if self.in_browser:
            _SHOWN_GRAPHVIZ.append(True)
        return self.page(graphviz=first).html()


def _key(passes: str) -> str:
    """What the colours mean (the pictures' legend, in HTML)."""
    now = {
        "forward": "computed in this step",
        "backward": "gets its gradient in this step",
        "both": "computed, or gets its gradient, in this step",
    }[passes]
    items = [
        (PARAMETER_FILL, "#555", "parameter"),
        (DATA_FILL, "#555", "data"),
        ("white", "#555", "intermediate"),
        (COST_FILL, "#555", "cost"),
        (CURRENT_FILL, RED, now),
        ("white", PENDING, "not reached yet"),
    ]
    spans = "".join(
        f'<span class="agnn-swatch" style="background:{fill};border-color:{line}"></span>{text}'
        for fill, line, text in items
    )
    red = f'<span style="color:{RED}">red: gradients</span>' if passes != "forward" else ""
    return f'<div class="agnn-key">{spans} {red}</div>'


def player(J: Tensor, **options: Any) -> Player:
    """Step through the forward and backward pass of ``J``: ``viz.player(J)`` in a notebook,
    or ``viz.player(J).save("backprop.html")``.

    See :class:`Player` for the options (``names``, ``passes``, ``detail``, ``grad_names``,
    ``small``, ``rankdir``, ``interval``, ``layout``).

    Example:
        >>> from autograd_nn import Tensor
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; v = a + u; J = 3 * v
        >>> J.backward()
        >>> p = player(J, names=locals())
        >>> len(p), p.captions[1], p.captions[8]
        (10, 'u = b * c = 3 * 2 = 6', 'dJ/db = dJ/du × du/db = 3 × c = 3 × 2 = 6')
    """
    return Player(J, **options)
