"""The page shell: one interactive widget in a notebook output or a saved HTML file.

The step-through player (:mod:`autograd_nn.viz.player`), the exercise page and the training
replay are each one :class:`Page`. The shell gives all three the same behaviour where learners
open them:

- **Keys that belong to the widget.** The root element carries ``tabindex="0"`` and
  ``data-lm-suppress-shortcuts`` (JupyterLab's keyboard shortcuts leave it alone), and every key
  pressed while the focus is inside it stops there (``stopPropagation``), so JupyterLab, classic
  Notebook and VS Code never see it; the notebook's own shortcuts with Ctrl, Cmd or Alt (Ctrl+S
  saves) and Shift+Enter (runs the cell) still reach it. The keys a page handles are written
  on the widget itself
  (``keys``): by default ←/→ step, Home/End go to the first/last step and P plays; Up, Down,
  Space and Page Up/Down keep their page meaning (scrolling). Keys typed into a text field of
  the page go to that field.
- **A static picture where scripts cannot run.** An untrusted notebook (JupyterLab's sanitizer),
  GitHub's notebook view and nbviewer drop ``<script>``, ``<style>`` and ``<svg>``. The shell
  writes a fallback that survives them: ``<img src="data:image/svg+xml;base64,...">`` of a
  useful picture (``fallback_svg``, for the player the last frame of the backward pass) and one
  line, :data:`TRUST_HINT` ("File > Trust Notebook, or re-run the cell, for the interactive
  player"). The live widget is built by the script from the embedded JSON, and the script hides
  the fallback; with no script, only the fallback is there (no dead buttons).
- **Any number of copies.** Each copy starts from its own element: its last ``<script>`` calls
  ``autogradNNPage.start(document.currentScript)``, which finds the root as the script's parent.
  No ids are used, so JupyterLab's "New View for Output", re-run cells and several widgets in
  one notebook each work on their own.
- **Sticky controls.** The control bar (buttons, slider, counter, caption) sticks to the top of
  the scrolling area; the picture sits in a stage with a fit/zoom control (``page.zoom``) and a
  ``page.reveal(element)`` that scrolls the stage and the window so an element stays in view.
- **Safe JSON.** :func:`script_json` writes the data for a ``<script>`` element with ``<``,
  ``>``, ``&`` and the line separators U+2028/2029 escaped (``\\u003c``), so no string (a tensor
  named ``<!--<script>``) can end the element or open a comment.

Python API
----------
``Page(kind, title, body="", data=None, script="", style="", fallback_svg=None,
fallback_text="", what="", keys=STEP_KEYS)``; ``page.html(standalone=False)`` returns the
fragment for ``_repr_html_`` (or a whole ``<!DOCTYPE html>`` page); ``page.save(path, caller=...)``
writes the whole page (``.html``/``.htm``) whole or not at all. ``kind`` names the widget (a
word: ``"player"``, ``"exercise"``, ``"replay"``); ``body`` is trusted markup made by the caller
(escape every piece of user text with :func:`html.escape`); ``data`` any JSON-able value (NumPy
numbers and arrays are converted; NaN and infinities become the strings ``"nan"``, ``"inf"``,
``"-inf"``); ``script`` the JavaScript that registers the kind (see below); ``style`` extra CSS
(prefix its classes ``agnn-``); ``keys`` pairs ``(key, meaning)`` written on the widget.
Helpers: :func:`script_json`, :func:`svg_image` (an ``<img>`` of SVG text), :func:`asset`.

JavaScript API (``window.autogradNNPage``, from ``page.js``, included in every page)
-----------------------------------------------------------------------------------
``autogradNNPage.register(kind, function (page) { ... })`` defines what a kind does; ``init`` is
called once per copy with ``page``:

- ``page.root`` (the widget's element), ``page.data`` (the ``data`` given in Python),
  ``page.live`` (the element holding ``body``), ``page.find(selector)`` (one element in this
  copy only), ``page.bar`` (the sticky control bar);
- ``page.stepper({count, show, interval})`` adds first/prev/play/next/last buttons, a slider, a
  counter and a caption to the bar, binds ←/→/Home/End/P and returns ``{show(k), index(),
  play(), stop(), caption(text)}``; ``show(k)`` is called with the 0-based step on every change;
- ``page.zoom(stage)`` adds "fit width", "−", "+", "100%" to the bar for a stage element
  holding one picture (``svg`` or ``img``); fit width is the default;
- ``page.reveal(element)`` scrolls the stage and, if needed, the window, so ``element`` is seen;
- ``page.onKey(function (event) { return handled; })`` adds a key of the page's own.

Example:
    >>> p = Page("demo", "a demo", body="<p>hi</p>", data={"name": "<!--<script>"})
    >>> fragment = p.html()
    >>> "<!--<script>" in fragment, "\\\\u003c!--\\\\u003cscript\\\\u003e" in fragment
    (False, True)
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import math
import os
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..files import write_text
from .output import check_folder, check_path

#: The line shown where the script cannot run (``{what}`` names the widget).
TRUST_HINT = "File > Trust Notebook, or re-run the cell, for the interactive {what}"

#: The keys of a page that steps (``page.stepper``), as written on the widget.
STEP_KEYS: tuple[tuple[str, str], ...] = (
    ("← →", "step"),
    ("Home End", "first, last"),
    ("P", "play/pause"),
)

_KIND = re.compile(r"[a-z][a-z0-9-]{0,30}")
_ASSETS = resources.files(__package__)


def asset(name: str) -> str:
    """The text of a file shipped beside this module (``page.js``, ``player.css``, ...)."""
    return (_ASSETS / name).read_text(encoding="utf-8")


def _plain(value: Any) -> Any:
    """``value`` with NumPy scalars/arrays as Python values and non-finite floats as strings."""
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isfinite(number):
            return number
        return "nan" if math.isnan(number) else ("inf" if number > 0 else "-inf")
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(
        f"page data: cannot write a {type(value).__name__} as JSON "
        "(use str, numbers, bool, None, lists, dicts or NumPy arrays)"
    )


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026`` (and U+2028/2029 as
    escapes), so no string in it can close the element (``</script>``), open a comment
    (``<!--``) or start another script. ``JSON.parse`` reads it back unchanged.

    >>> script_json({"name": "</script><!--"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def svg_image(svg: str, alt: str, css_class: str = "agnn-fallback-picture") -> str:
    """SVG text as an ``<img src="data:image/svg+xml;base64,...">`` (survives sanitizers)."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    encoded = base64.b64encode(body.encode("utf-8")).decode("ascii")
    return (
        f'<img class="{css_class}" alt="{html.escape(alt, quote=True)}" '
        f'src="data:image/svg+xml;base64,{encoded}">'
    )


@dataclasses.dataclass(frozen=True)
class Page:
    """One interactive widget: a root element, its fallback, its data and its script.

    Attributes:
        kind: what the widget is, one lower-case word (``"player"``): the root's class is
            ``agnn-page agnn-<kind>`` and ``autogradNNPage.register(kind, ...)`` defines it.
        title: shown at the top and in the fallback's alt text (plain text, escaped here).
        body: the live widget's markup (trusted, made by the caller), put in place by the script.
        data: what the script reads as ``page.data`` (JSON-able; see :func:`script_json`).
        script: JavaScript that calls ``autogradNNPage.register(kind, init)``.
        style: extra CSS for this kind.
        fallback_svg: SVG text of a useful static picture for pages without scripts.
        fallback_text: a few lines of plain text shown in the fallback (escaped here).
        what: the widget's name in the hint (default: ``kind``): "... for the interactive
            player".
        keys: ``(key, meaning)`` pairs written on the widget.
    """

    kind: str
    title: str
    body: str = ""
    data: Any = None
    script: str = ""
    style: str = ""
    fallback_svg: str | None = None
    fallback_text: str = ""
    what: str = ""
    keys: Sequence[tuple[str, str]] = STEP_KEYS

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or not _KIND.fullmatch(self.kind):
            raise ValueError(
                f"Page: kind must be a lower-case word like 'player', got {self.kind!r}"
            )
        for field in ("title", "body", "script", "style", "fallback_text", "what"):
            if not isinstance(getattr(self, field), str):
                raise TypeError(
                    f"Page: {field} must be a str, got {type(getattr(self, field)).__name__}"
                )

    def fallback(self) -> str:
        """The static part: the picture (if any), the text (if any) and the hint."""
        parts = ['<div class="agnn-fallback">']
        if self.fallback_svg is not None:
            parts.append(svg_image(self.fallback_svg, f"{self.title} (static picture)"))
        if self.fallback_text:
            parts.append(f"<pre>{html.escape(self.fallback_text)}</pre>")
        hint = TRUST_HINT.format(what=self.what or self.kind)
        parts.append(f'<p class="agnn-hint"><i>{html.escape(hint)}</i></p></div>')
        return "".join(parts)

    def html(self, *, standalone: bool = False) -> str:
        """The widget as HTML: a fragment for a notebook, or a whole page (``standalone``)."""
        title = html.escape(self.title)
        label = html.escape(self.title, quote=True)
        payload = script_json(
            {
                "kind": self.kind,
                "title": self.title,
                "body": self.body,
                "keys": [list(pair) for pair in self.keys],
                "data": self.data,
            }
        )
        body = (
            f'<div class="agnn-page agnn-{self.kind}" tabindex="0" '
            f'data-lm-suppress-shortcuts="true" aria-label="{label}">\n'
            f"{self.fallback()}\n"
            f'<script type="application/json" class="agnn-data">{payload}</script>\n'
            f"<style>{asset('page.css')}{self.style}</style>\n"
            f"<script>{asset('page.js')}\n{self.script}</script>\n"
            "<script>autogradNNPage.start(document.currentScript);</script>\n"
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
            '<script>var first = document.querySelector(".agnn-page");'
            " if (first) { first.focus(); }</script>\n"
            "</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def save(self, path: str | os.PathLike[str], *, caller: str = "Page.save") -> Path:
        """Write the widget as one self-contained HTML file (opens offline in any browser).

        Args:
            path: the file to write (``.html`` or ``.htm``); its folder must exist.
            caller: the public function named in error messages.

        Returns:
            The path written (whole or not at all).
        """
        target = check_path(caller, path)
        if target.suffix.lower() not in (".html", ".htm"):
            raise ValueError(
                f"{caller}: the {self.what or self.kind} is an HTML page; give a name ending "
                f"in .html, got {target.name!r}"
            )
        check_folder(caller, target)
        return write_text(target, self.html(standalone=True))


class Shown:
    """What shows as a page: ``html()``, the notebook display and ``save(path)``, all from the
    subclass's ``page()`` (the player, the exercise, the training replay)."""

    def page(self) -> Page:
        """The page to show (each subclass makes its own)."""
        raise NotImplementedError

    def html(self, *, standalone: bool = False) -> str:
        """The page as HTML: a fragment for a notebook, or a whole page (``standalone``)."""
        return self.page().html(standalone=standalone)

    def _repr_html_(self) -> str:
        return self.html()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page as one self-contained HTML file (opens offline in any browser).

        Args:
            path: the file to write (``.html`` or ``.htm``); its folder must exist.

        Returns:
            The path written (whole or not at all, with the permissions the umask asks for).
        """
        return self.page().save(path, caller=f"{type(self).__name__}.save")
