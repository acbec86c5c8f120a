"""Watch it learn: a replay of training, snapshot by snapshot, as one self-contained HTML page.

``viz.training_player(history, X, Y)`` takes the :class:`~autograd_nn.nn.training.History` of
``train(model, X, Y, ..., record_every=k)`` and returns a :class:`TrainingPlayer`: Jupyter
displays it (``_repr_html_``) and ``.save("training.html")`` writes one file that opens offline.
A slider (and first, prev, play, next, last; the arrow keys, Home, End, P) moves over the
snapshots; for the snapshot shown the page draws

- the cost curve J(i) with a cursor at iteration i, and i, J and the accuracy as text;
- the network collapsed, one box per layer, with W[l], b[l] and (in red) dW[l], db[l]: their
  entries when they are small (up to 4 x 4), else a colour grid with its scale (purple
  negative, white 0, green positive; one cell per block of entries for a big W[l], such as the
  cat network's W1 (20, 12288));
- for two input features, the decision boundary over the data points: the course's flower
  picture, from the model's output on a 100 x 100 grid (red: predicts 0, blue: predicts 1,
  paler where A[L] is near 0.5);
- the backward pass of that iteration: for the first and last snapshots, step through it right
  there (the step-through player, kept in the page); for any snapshot,
  ``history.player(i, X, Y)`` recomputes it in Python.

W[l] and b[l] share one colour scale over the whole replay, so a weight that grows darkens;
dW[l] and db[l] get a scale per snapshot (printed beside them), since gradients shrink by
orders of magnitude as the cost flattens.

Size: the heavy parts (the grids, the parameters, the embedded backward passes) are compressed
with zlib in the page and unpacked by the browser (``DecompressionStream``: Chrome 80, Firefox
113, Safari 16.4 and later). The flower run (10,000 iterations recorded every 100, 101
snapshots) makes a page of 0.33 MB; see the guide "Watch it learn" for the figures.

The page is built on the shared page shell (:mod:`autograd_nn.viz.page`): keys that stay in
the widget, any number of copies on one page, and a static picture (the cost curve and the last
boundary) where scripts cannot run (an untrusted notebook).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import math
import time
import zlib
from typing import Any

import numpy as np

from ..checks import is_int
from ..errors import ShapeError
from ..tensor import Tensor
from . import labels
from .page import Page, Shown, asset

PALE = 0.35
"""How much of its class colour the palest grid cell (A[L] = 0.5) gets: the rest is white."""

RED = (215, 48, 39)  # class 0 (the course's red petals)
BLUE = (69, 117, 180)  # class 1
CELL = 3  # pixels per grid point on the page's canvas
MAX_POINTS = 2000  # data points drawn over the boundary (every k-th when there are more)
MOST_SNAPSHOTS = 501  # the most snapshots a page holds by default (evenly spaced beyond)
GRID_ROWS, GRID_COLS = 48, 128  # the most cells of a colour grid; larger matrices are averaged
BACKWARD = ("ends", "none")
_DIGITS = 6  # significant digits of the entries kept for a small matrix


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where ``IPython.display`` reaches a notebook)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


class TrainingPlayer(Shown):
    """The snapshots of a training run as an interactive page.

    Args:
        history: what ``train(...)`` returned, with its snapshots (the default).
        X: the inputs (n[0], m) the model was trained on.
        Y: the labels (n[L], m).
        backward: ``"ends"`` keeps the step-through player of the first and last snapshots'
            backward passes in the page (needs Graphviz's ``dot``; about 30 kB each for the
            flower network, compressed);
            ``"none"`` leaves it to ``history.player(i, X, Y)``.
        small: matrices up to this shape show their entries (default 4 x 4).
        interval: seconds per snapshot when playing.
        start: ``"first"`` or ``"last"``: the snapshot shown when the page opens.
        most: the most snapshots the page holds (default 501). A history with more (say
            ``record_every=1`` for 10,000 iterations) is shown at evenly spaced snapshots, the
            first and last always among them, and the page says so; the cost curve keeps
            every recorded cost.

    Attributes:
        nbytes: the size of the page (``.save`` writes about this many bytes).

    Raises:
        TypeError, ValueError, ShapeError: a history without snapshots, data of the wrong
            shape, an unknown option (each named in the message).
    """

    def __init__(
        self,
        history: Any,
        X: np.ndarray | Tensor,
        Y: np.ndarray | Tensor,
        *,
        backward: str = "ends",
        small: int | tuple[int, int] = labels.SMALL,
        interval: float = 0.3,
        start: str = "first",
        most: int = MOST_SNAPSHOTS,
        note: str = "",
    ) -> None:
        from ..nn.training import History  # viz reads what nn recorded

        where = "training_player"
        if not isinstance(history, History):
            raise TypeError(
                f"{where}: history must be what train(...) returned, got {type(history).__name__}"
            )
        if not history.snapshots:
            raise ValueError(
                f"{where}: this history has no snapshots to replay; train with "
                "snapshots=True (the default keeps them when they fit in 256 MiB)"
            )
        if backward not in BACKWARD:
            raise ValueError(f"{where}: backward must be 'ends' or 'none', got {backward!r}")
        if start not in ("first", "last"):
            raise ValueError(f"{where}: start must be 'first' or 'last', got {start!r}")
        if isinstance(interval, bool) or not isinstance(interval, (int, float)):
            raise TypeError(f"{where}: interval must be a number of seconds, got {interval!r}")
        if not 0.02 <= interval <= 60:
            raise ValueError(f"{where}: interval must be 0.02 to 60 seconds, got {interval}")
        if not is_int(most) or most < 2:
            raise ValueError(f"{where}: most must be an int >= 2, got {most!r}")
        # the lists as they are now (a live training goes on appending to the history's), and
        # at most `most` snapshots, evenly spaced
        recorded = len(history.snapshots)
        picked = np.unique(np.rint(np.linspace(0, recorded - 1, min(most, recorded))))
        self.history = dataclasses.replace(
            history,
            iterations=list(history.iterations),
            costs=list(history.costs),
            snapshots=[history.snapshots[int(k)] for k in picked],
        )
        if len(picked) < recorded:
            shown = (
                f"showing {len(picked)} of the {recorded:,} snapshots, evenly spaced "
                "(most=... shows more)"
            )
            note = f"{note}; {shown}" if note else shown
        self.X, self.Y = _check_data(where, history, X, Y)
        self.small = _check_small(where, small)
        self.backward = backward
        self.interval = float(interval)
        self.start = start
        self.note = note
        self._page: Page | None = None

    def __len__(self) -> int:
        """The number of snapshots."""
        return len(self.history.snapshots)

    def __repr__(self) -> str:
        h = self.history
        return (
            f"<TrainingPlayer: {len(self)} snapshots of {h.layer_dims}, iterations "
            f"{h.snapshots[0].iteration} to {h.snapshots[-1].iteration}>"
        )

    # ------------------------------------------------------------------------- the data
    def data(self) -> dict[str, Any]:
        """What the page's script reads: the small part as JSON, the rest packed (zlib)."""
        return self.page().data

    def page(self) -> Page:
        """The page (:class:`autograd_nn.viz.page.Page`) this player is."""
        if self._page is None:
            self._page = self._make_page()
        return self._page

    def _make_page(self) -> Page:
        h = self.history
        snapshots = h.snapshots
        grid = h.grid if self.X.shape[0] == 2 else None
        detail: dict[str, Any] = {
            "matrices": _matrices(h, self.small),
            "backward": self._backward_passes(),
        }
        meta: dict[str, Any] = {
            "iterations": [s.iteration for s in snapshots],
            "costs": [s.cost for s in snapshots],
            "accuracies": [s.accuracy for s in snapshots],
            "last": h.iterations[-1],
            "interval": int(self.interval * 1000),
            "start": self.start,
            "layers": _layers(h),
            "curve": CURVE,
            "detail": _pack(json.dumps(detail, separators=(",", ":")).encode("utf-8")),
            "note": self.note,
        }
        if grid is not None:
            outputs = np.stack([s.output for s in snapshots]).astype(np.int16)
            # each grid minus the one before: changes little from snapshot to snapshot
            delta = np.diff(outputs, axis=0, prepend=0).astype(np.uint8)
            meta["grid"] = {
                "rows": grid.shape[0],
                "cols": grid.shape[1],
                "classes": grid.classes,
                "cell": CELL,
                "pale": PALE,
                "colours": [RED, BLUE],
                "outputs": _pack(delta.tobytes()),
            }
        title = (
            f"Watch it learn: layer_dims {h.layer_dims}, {_optimizer_name(h)}, "
            f"{h.iterations[-1]:,} iterations"
        )
        return Page(
            "training",
            title,
            body=self._body(grid),
            data=meta,
            script=asset("training_player.js"),
            style=asset("training_player.css"),
            fallback_svg=self._fallback_svg(grid),
            fallback_text=_summary_line(snapshots[-1]),
            what="training replay",
        )

    def _backward_passes(self) -> dict[str, Any]:
        """The step-through frames of the first and last snapshots' backward passes."""
        if self.backward == "none":
            return {}
        import shutil

        if shutil.which("dot") is None:
            return {}  # laying frames out needs Graphviz; history.player() still works
        passes: dict[str, Any] = {}
        for snapshot in (self.history.snapshots[0], self.history.snapshots[-1]):
            player = self.history.player(snapshot.iteration, self.X, self.Y, passes="backward")
            passes[str(snapshot.iteration)] = {"html": player.html(), "frames": len(player)}
        return passes

    # ------------------------------------------------------------------------- the markup
    def _body(self, grid: Any) -> str:
        h = self.history
        boundary = ""
        if grid is not None:
            width, height = grid.shape[1] * CELL, grid.shape[0] * CELL
            boundary = (
                '<div class="agnn-tp-panel agnn-tp-boundary-panel">'
                '<div class="agnn-tp-heading">decision boundary: predict on a '
                f"{grid.shape[1]} × {grid.shape[0]} grid, and the data (x1 →, x2 ↑)</div>"
                f'<div class="agnn-tp-boundary" style="aspect-ratio:{width}/{height}">'
                f'<canvas class="agnn-tp-grid" width="{width}" height="{height}"></canvas>'
                f"{_points_svg(self.X, self.Y, grid)}</div>"
                '<div class="agnn-tp-legend"><span class="agnn-tp-swatch" '
                f'style="background:rgb{RED}"></span>predicts 0 '
                f'<span class="agnn-tp-swatch" style="background:rgb{BLUE}"></span>predicts 1 '
                "(paler: A[L] near 0.5) · dots: the m examples, coloured by Y</div></div>"
            )
        elif self.X.shape[0] != 2:
            boundary = (
                '<div class="agnn-tp-panel agnn-tp-note">The decision boundary is drawn for '
                f"two input features; X has n[0] = {self.X.shape[0]}.</div>"
            )
        note = f'<div class="agnn-tp-live">{html.escape(self.note)}</div>' if self.note else ""
        return (
            f"{note}"
            '<div class="agnn-tp-stats"><span>iteration <b class="agnn-tp-iteration"></b>'
            "</span> <span>cost J = <b class=agnn-tp-cost></b></span> "
            '<span title="on the (X, Y) train() was given">train accuracy '
            '<b class="agnn-tp-accuracy"></b></span></div>'
            '<div class="agnn-tp-row">'
            '<div class="agnn-tp-panel"><div class="agnn-tp-heading">the cost J after each '
            f"recorded iteration ({_optimizer_name(h)})</div>"
            f"{cost_curve_svg(h.iterations, h.costs, classes='agnn-tp-curve')}</div>"
            f"{boundary}</div>"
            '<div class="agnn-tp-panel"><div class="agnn-tp-heading">the network, one box per '
            "layer: W[l], b[l] at this iteration and, in red, dW[l], db[l] from its backward "
            'pass</div><div class="agnn-tp-network"></div></div>'
            '<div class="agnn-tp-panel agnn-tp-backward"></div>'
        )

    def _fallback_svg(self, grid: Any) -> str:
        """A static picture: the cost curve and, for two features, the last boundary."""
        h = self.history
        curve = cost_curve_svg(h.iterations, h.costs, cursor=len(h.costs) - 1)
        parts = [curve]
        if grid is not None:
            parts.append(_boundary_svg(self.X, self.Y, grid, h.snapshots[-1].output))
        width = sum(_svg_width(p) for p in parts) + 20 * (len(parts) - 1)
        height = max(_svg_height(p) for p in parts)
        x, placed = 0, []
        for part in parts:
            placed.append(f'<g transform="translate({x},0)">{_svg_inner(part)}</g>')
            x += _svg_width(part) + 20
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif">'
            f"{''.join(placed)}</svg>"
        )

    # ------------------------------------------------------------------------- output
    @property
    def nbytes(self) -> int:
        """The size in bytes of the saved page."""
        return len(self.html(standalone=True).encode("utf-8"))


def training_player(
    history: Any, X: np.ndarray | Tensor, Y: np.ndarray | Tensor, **options: Any
) -> TrainingPlayer:
    """Replay a training run: ``viz.training_player(history, X, Y)`` in a notebook, or
    ``viz.training_player(history, X, Y).save("training.html")``.

    See :class:`TrainingPlayer` for the options (``backward``, ``small``, ``interval``,
    ``start``).

    Example:
        >>> from autograd_nn.datasets import load_planar_dataset
        >>> from autograd_nn.nn import Model, train
        >>> X, Y = load_planar_dataset()
        >>> model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
        >>> history = train(model, X, Y, num_iterations=1000, learning_rate=1.2)
        >>> replay = training_player(history, X, Y, backward="none")
        >>> len(replay), history.iterations[:3], history.iterations[-1]
        (11, [0, 100, 200], 1000)
    """
    return TrainingPlayer(history, X, Y, **options)


# ----------------------------------------------------------------------------- live in Jupyter
class LiveView:
    """The training page in a notebook output, replaced at each recorded iteration.

    ``train(..., live=True)`` makes one (:func:`live_view`), calls :meth:`update` after each
    recorded iteration and :meth:`finish` at the end. Updates are the light page (no backward
    passes, shown at the newest snapshot); the last one is the full replay.
    """

    def __init__(self, history: Any, X: np.ndarray, Y: np.ndarray, display: Any) -> None:
        self.X, self.Y = X, Y
        self.handle: Any = None
        self.display = display
        self.started = time.perf_counter()

    def update(self, history: Any) -> None:
        """Show the snapshots so far, the newest one selected."""
        if not history.snapshots:
            return
        last = history.snapshots[-1].iteration
        seconds = time.perf_counter() - self.started
        player = TrainingPlayer(
            history,
            self.X,
            self.Y,
            backward="none",
            start="last",
            note=f"training... iteration {last:,}, {seconds:.1f} s",
        )
        self._show(player)

    def finish(self, history: Any) -> None:
        """Leave the full replay (from the first snapshot)."""
        if history.snapshots:
            self._show(TrainingPlayer(history, self.X, self.Y))

    def _show(self, player: TrainingPlayer) -> None:
        if self.handle is None:
            self.handle = self.display(player, display_id=True)
        else:
            self.handle.update(player)


def live_view(history: Any, X: np.ndarray, Y: np.ndarray) -> LiveView | None:
    """A :class:`LiveView` in a Jupyter notebook, else None (``train`` shows a progress bar)."""
    if not in_notebook():
        return None
    from IPython.display import display

    return LiveView(history, X, Y, display)


# ----------------------------------------------------------------------------- helpers
def _check_data(where: str, history: Any, X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X.data if isinstance(X, Tensor) else X, dtype=np.float64)
    Y = np.asarray(Y.data if isinstance(Y, Tensor) else Y, dtype=np.float64)
    dims = history.layer_dims
    if X.ndim != 2 or X.shape[0] != dims[0]:
        raise ShapeError(
            f"{where}: X {X.shape} must be (n[0], m) = ({dims[0]}, m) for the network "
            f"{dims} this history trained"
        )
    if Y.shape != (dims[-1], X.shape[1]):
        raise ShapeError(
            f"{where}: Y {Y.shape} must be (n[L], m) = ({dims[-1]}, {X.shape[1]}), like X {X.shape}"
        )
    return X, Y


def _check_small(where: str, small: Any) -> tuple[int, int]:
    pair = (small, small) if is_int(small) else small
    if not (isinstance(pair, tuple) and len(pair) == 2 and all(is_int(n) and n >= 1 for n in pair)):
        raise ValueError(f"{where}: small must be an int or (rows, columns) >= 1, got {small!r}")
    return (int(pair[0]), int(pair[1]))


def _pack(raw: bytes) -> str:
    """zlib (the browser's DecompressionStream "deflate"), then base64."""
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def _optimizer_name(history: Any) -> str:
    name = history.optimizer.split("(")[0] or "gradient descent"
    if history.learning_rate is not None:
        return f"{name}, learning_rate = {history.learning_rate:g}"
    return name


def _layers(history: Any) -> list[dict[str, Any]]:
    dims, out = history.layer_dims, []
    for l in range(1, len(dims)):
        g = history.activations[l - 1]
        out.append(
            {
                "l": l,
                "n_in": dims[l - 1],
                "n_out": dims[l],
                "activation": g if isinstance(g, str) else getattr(g, "__name__", "g"),
            }
        )
    return out


def _summary_line(snapshot: Any) -> str:
    text = f"iteration {snapshot.iteration:,}: cost J = {snapshot.cost:.6g}"
    if snapshot.accuracy is not None:
        text += f", train accuracy {100 * snapshot.accuracy:.2f} %"
    return text


def _matrices(history: Any, small: tuple[int, int]) -> list[dict[str, Any]]:
    """Per snapshot, per parameter and gradient: entries (small) or a colour grid (large).

    What is shown is the entries of a small matrix, or the means of the blocks of a large one.
    W[l], b[l]: one colour scale for the whole replay (the largest |shown value| over the
    snapshots); dW[l], db[l]: a scale per snapshot.
    """
    shown = [
        {
            name: _shown(value, small)
            for name, value in [*s.parameters.items(), *s.gradients.items()]
        }
        for s in history.snapshots
    ]
    scales = {
        name: max(_largest(entry[name][0]) for entry in shown)
        for name in history.snapshots[0].parameters
    }
    out = []
    for s, entry in zip(history.snapshots, shown, strict=True):
        encoded: dict[str, Any] = {}
        for name, (values, block) in entry.items():
            value = s.parameters[name] if name in s.parameters else s.gradients[name]
            scale = scales.get(name, _largest(values))
            encoded[name] = _matrix(value, values, block, scale)
        out.append(encoded)
    return out


def _largest(values: np.ndarray) -> float:
    return float(np.max(np.abs(values), initial=0.0))


def _shown(A: np.ndarray, small: tuple[int, int]) -> tuple[np.ndarray, list[int] | None]:
    """(what the page shows, the block size): the entries of a small matrix (block None), or
    the means of blocks of a large one."""
    A = np.asarray(A, dtype=np.float64)
    A2 = A if A.ndim == 2 else A.reshape(1, -1)
    if labels.is_small(A2, small):
        return A2, None
    return block_means(A2, GRID_ROWS, GRID_COLS)


def _matrix(
    A: np.ndarray, values: np.ndarray, block: list[int] | None, scale: float
) -> dict[str, Any]:
    """One matrix for the page: its shape, range and scale, and its entries or its cells
    (block means coded 0..254, 127 for 0, +-scale at the ends)."""
    scale = scale if scale > 0 and math.isfinite(scale) else 1.0
    found: dict[str, Any] = {
        "shape": list(np.shape(A)),
        "scale": float(f"{scale:.4g}"),
        "min": float(f"{np.min(A):.4g}"),
        "max": float(f"{np.max(A):.4g}"),
    }
    if block is None:
        found["values"] = [[float(f"{x:.{_DIGITS}g}") for x in row] for row in values]
        return found
    codes = np.clip(np.rint(127 + 127 * values / scale), 0, 254).astype(int)
    found.update(rows=int(values.shape[0]), cols=int(values.shape[1]), block=block)
    found["codes"] = codes.ravel().tolist()
    return found


def block_means(A: np.ndarray, max_rows: int, max_cols: int) -> tuple[np.ndarray, list[int]]:
    """A (r, c) averaged over blocks so it has at most max_rows x max_cols cells.

    Blocks are br x bc entries with br = ceil(r / max_rows), bc = ceil(c / max_cols) (the last
    row and column of blocks may be partial). Returns the means and [br, bc].

    >>> means, block = block_means(np.arange(12.0).reshape(2, 6), 2, 3)
    >>> means.tolist(), block
    ([[0.5, 2.5, 4.5], [6.5, 8.5, 10.5]], [1, 2])
    """
    r, c = A.shape
    br, bc = math.ceil(r / max_rows), math.ceil(c / max_cols)
    R, C = math.ceil(r / br), math.ceil(c / bc)
    padded = np.full((R * br, C * bc), np.nan)
    padded[:r, :c] = A
    blocks = padded.reshape(R, br, C, bc)
    counts = np.sum(~np.isnan(blocks), axis=(1, 3))
    means = np.nansum(blocks, axis=(1, 3)) / counts
    return means, [br, bc]


# ---------------------------------------------------------------------- SVG made in Python
CURVE = {"width": 440, "height": 240, "left": 58, "right": 26, "top": 14, "bottom": 40}
"""The cost curve's size and margins (the script places its cursor with the same numbers)."""


def cost_curve_svg(
    iterations: list[int], costs: list[float], cursor: int | None = None, classes: str = ""
) -> str:
    """The cost curve J(i) as SVG: the course's plot, iterations across, J up from 0.

    ``cursor`` (an index into the lists) draws the marker there; the page moves it with
    its script. The y axis runs from 0 to the largest finite cost.
    """
    W, H = CURVE["width"], CURVE["height"]
    left, right, top, bottom = CURVE["left"], CURVE["right"], CURVE["top"], CURVE["bottom"]
    x_max = max(iterations[-1], 1)
    y_max = _nice_top(max(costs))

    def x(i: float) -> float:
        return left + (W - left - right) * i / x_max

    def y(J: float) -> float:
        return top + (H - top - bottom) * (1 - J / y_max)

    points = " ".join(f"{x(i):.1f},{y(J):.1f}" for i, J in zip(iterations, costs, strict=True))
    ticks = []
    for value in _ticks(y_max):
        ticks.append(
            f'<line x1="{left - 4}" x2="{W - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#e6e6e6"/><text x="{left - 7}" y="{y(value) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#444">{value:g}</text>'
        )
    for value in _ticks(x_max):
        ticks.append(
            f'<text x="{x(value):.1f}" y="{H - bottom + 15}" font-size="11" '
            f'text-anchor="middle" fill="#444">{value:,.0f}</text>'
        )
    k = len(costs) - 1 if cursor is None else cursor
    hidden = ' visibility="hidden"' if cursor is None and not classes else ""
    marker = (
        f'<g class="agnn-tp-cursor"{hidden}><line x1="{x(iterations[k]):.1f}" '
        f'x2="{x(iterations[k]):.1f}" y1="{top}" y2="{H - bottom}" stroke="#d62728" '
        f'stroke-dasharray="4 3"/><circle cx="{x(iterations[k]):.1f}" cy="{y(costs[k]):.1f}" '
        'r="4.5" fill="#d62728"/></g>'
    )
    css = f' class="{classes}"' if classes else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{css} width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" data-xmax="{x_max}" data-ymax="{y_max}">'
        f'<rect x="0" y="0" width="{W}" height="{H}" fill="white"/>'
        f"{''.join(ticks)}"
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{H - bottom}" stroke="#888"/>'
        f'<line x1="{left}" x2="{W - right}" y1="{H - bottom}" y2="{H - bottom}" stroke="#888"/>'
        f'<polyline points="{points}" fill="none" stroke="#1f77b4" stroke-width="2"/>'
        f"{marker}"
        f'<text x="{(left + W - right) / 2}" y="{H - 6}" font-size="12" text-anchor="middle" '
        'fill="#222">iteration</text>'
        f'<text x="14" y="{(top + H - bottom) / 2}" font-size="12" text-anchor="middle" '
        f'fill="#222" transform="rotate(-90 14 {(top + H - bottom) / 2})">cost J</text></svg>'
    )


def _nice_top(value: float) -> float:
    """A round number just above ``value`` (the top of the y axis)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * step >= value * 1.02:
            return factor * step
    return 10 * step


def _ticks(top: float) -> list[float]:
    """About five round values from 0 to ``top``."""
    raw = top / 5
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * step >= raw:
            step *= factor
            break
    count = int(top / step + 1e-9)
    return [k * step for k in range(count + 1)]


def _shown_points(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    stride = max(1, math.ceil(X.shape[1] / MAX_POINTS))
    labels_ = Y.argmax(axis=0) if Y.shape[0] > 1 else Y[0]
    return X[:, ::stride], labels_[::stride]


def _position(grid: Any) -> Any:
    """Grid coordinates -> pixels: cell (row, col) centred on its grid point, x2 upwards."""
    n2, n1 = grid.shape
    h1 = (grid.x1[-1] - grid.x1[0]) / max(n1 - 1, 1)
    h2 = (grid.x2[-1] - grid.x2[0]) / max(n2 - 1, 1)

    def place(x1: np.ndarray, x2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        px = ((x1 - grid.x1[0]) / h1 + 0.5) * CELL
        py = (n2 - 0.5 - (x2 - grid.x2[0]) / h2) * CELL
        return px, py

    return place


def _points_svg(X: np.ndarray, Y: np.ndarray, grid: Any) -> str:
    """The data points over the boundary, one circle per example, coloured by its label."""
    n2, n1 = grid.shape
    x, labels_ = _shown_points(X, Y)
    px, py = _position(grid)(x[0], x[1])
    circles = "".join(
        f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.2" fill="{_class_colour(c, grid.classes)}"/>'
        for a, b, c in zip(px, py, labels_, strict=True)
    )
    return (
        f'<svg class="agnn-tp-points" viewBox="0 0 {n1 * CELL} {n2 * CELL}" '
        f'preserveAspectRatio="none"><g stroke="#222" stroke-width="0.6">{circles}</g></svg>'
    )


def _class_colour(label: float, classes: int) -> str:
    if classes <= 2:
        return f"rgb{BLUE if label >= 0.5 else RED}"
    hue = int(360 * int(label) / classes)
    return f"hsl({hue},65%,45%)"


def _boundary_svg(X: np.ndarray, Y: np.ndarray, grid: Any, output: np.ndarray) -> str:
    """The decisions on the grid as runs of rectangles (a static picture), and the points."""
    decisions = grid.decisions(output)
    n2, n1 = grid.shape
    rects = []
    for row in range(n2):
        values = decisions[row]
        start = 0
        for col in range(1, n1 + 1):
            if col == n1 or values[col] != values[start]:
                y = (n2 - 1 - row) * CELL
                colour = _pale(_class_colour(values[start], grid.classes))
                rects.append(
                    f'<rect x="{start * CELL}" y="{y}" width="{(col - start) * CELL}" '
                    f'height="{CELL}" fill="{colour}"/>'
                )
                start = col
    points = _points_svg(X, Y, grid)
    inner = points[points.index(">") + 1 : points.rindex("</svg>")]
    W, H = n1 * CELL, n2 * CELL
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" shape-rendering="crispEdges">{"".join(rects)}'
        f'<g shape-rendering="auto">{inner}</g></svg>'
    )


def _pale(colour: str) -> str:
    if colour.startswith("rgb("):
        r, g, b = (int(v) for v in colour[4:-1].split(","))
        mix = 0.55
        return "rgb({},{},{})".format(*(round(255 - mix * (255 - v)) for v in (r, g, b)))
    return colour.replace("45%)", "80%)")


def _svg_width(svg: str) -> int:
    return int(float(svg.split('width="', 1)[1].split('"', 1)[0]))


def _svg_height(svg: str) -> int:
    return int(float(svg.split('height="', 1)[1].split('"', 1)[0]))


def _svg_inner(svg: str) -> str:
    return svg[svg.index(">") + 1 : svg.rindex("</svg>")]
