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

        def refuse(route):
            url = route.request.url
            if url.startswith(("file://", "data:", *allowed)):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        def new_context(**options):
            context = browser.new_context(**options)
            context.outside = outside
            context.route("**/*", refuse)
            return context

        context = new_context()
        context.sibling = new_context
        try:
            yield context
        finally:
            browser.close()
