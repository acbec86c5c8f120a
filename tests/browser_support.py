"""Headless Chromium for the page tests: Debian's ``chromium`` driven by Playwright.

No browser is downloaded: Playwright is pointed at the system executable. ``launch()`` gives
a context (a fresh temporary profile) whose requests other than ``file://``, ``data:`` and the
``allowed`` prefixes are refused and recorded in ``context.outside`` (the pages need no network).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SKIP_REASON = (
    "Debian's chromium is not installed: `make test` installs it as root, else run "
    "`sudo apt-get install chromium`"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def launch(sync_api, allowed: tuple[str, ...] = ()) -> Iterator:
    """A Chromium context that refuses requests off the allowed places (``file://``, ``data:``).

    ``context.sibling(**options)`` opens another context of the same browser (for example with
    ``java_script_enabled=False``), refusing the same requests; it is closed with the first.
    """
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        outside: list[str] = []

        places = ("file://", "data:", *allowed)

        def refuse(route):
            outside.append(route.request.url)
            route.abort()

        def new_context(**options):
            # JupyterLab's service worker would stand between the page and the interception
            # (a save never reaches the server): the pages work without it
            context = browser.new_context(service_workers="block", **options)
            context.outside = outside
            # only what goes elsewhere is intercepted: the allowed requests pass untouched
            # (an intercepted request with a large body, a notebook being saved, can stall)
            context.route(lambda url: not url.startswith(places), refuse)
            return context

        context = new_context()
        context.sibling = new_context
        try:
            yield context
        finally:
            browser.close()


#: For a player's root element: the box of the node the step is about and of the control bar.
FOCUS_AND_BAR = """root => { const key = root.dataset.focus;
    const g = [...root.querySelectorAll('.agnn-stage g[data-agnn]')].filter(
        g => g.style.display !== 'none' && g.dataset.agnn.split('~')[0] === key)[0];
    const r = g.getBoundingClientRect();
    const bar = root.querySelector('.agnn-bar').getBoundingClientRect();
    return [r.top, r.bottom, r.left, r.right, bar.top, bar.bottom]; }"""


def assert_in_window(box: list[float], width: int, height: int, step: int) -> None:
    """The step's node and the controls are inside the window."""
    top, bottom, left, right, bar_top, bar_bottom = box
    assert 0 <= top and bottom <= height and 0 <= left and right <= width, (step, box)
    assert 0 <= bar_top and bar_bottom <= height, (step, box)  # the controls stay reachable
