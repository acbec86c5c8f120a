"""The player where learners use it: a real JupyterLab, driven by Chromium through Playwright.

The module starts JupyterLab headless on localhost (a random free port, a random token, no
browser, its own configuration and data folders, bounded waits) and always stops it. A notebook
with the course's J and a 2-layer network is run from the Run menu; the player is stepped with
its buttons and every key, and the active cell must not change (Shift+Enter, the notebook's
own key, still re-runs the cell); two views of one output step on their own; the notebook run
and saved elsewhere (by nbclient, as on a teacher's machine), opened here untrusted, shows the
static picture and the hint; that notebook exported with ``nbconvert --to html`` works from
``file://``. (A save from JupyterLab itself stalls at "Saving started" under this headless
Chromium, so the saved notebook is made by nbclient.) Skipped, with the reason,
where JupyterLab, Playwright or Chromium is missing.

Set ``AUTOGRAD_NN_GALLERY`` to a folder to keep the screenshots (docs/make_gallery.py does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import CHROMIUM, FOCUS_AND_BAR, SKIP_REASON, assert_in_window, launch
from lab_server import jupyterlab

pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install -e '.[dev]')")
nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

WAIT_MS = 60_000

J_CELL = """\
from autograd_nn import Tensor, viz
a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
u = b * c; v = a + u; J = 3 * v
J.backward()
viz.player(J, names=locals())"""

NETWORK_CELL = """\
import numpy as np
from autograd_nn import Tensor, scope, functions as fn
rng = np.random.default_rng(1)
X = Tensor(rng.standard_normal((2, 400)), name="X", requires_grad=False)
Y = Tensor((rng.random((1, 400)) > 0.5).astype(float), name="Y", requires_grad=False)
with scope("layer 1"):
    W1 = Tensor(rng.standard_normal((4, 2)) * 0.01, name="W1")
    b1 = Tensor(np.zeros((4, 1)), name="b1")
    Z1 = W1 @ X + b1; A1 = fn.tanh(Z1)
with scope("layer 2"):
    W2 = Tensor(rng.standard_normal((1, 4)) * 0.01, name="W2")
    b2 = Tensor(np.zeros((1, 1)), name="b2")
    Z2 = W2 @ A1 + b2
with scope("cost"):
    cost = fn.logistic_loss(Z2, Y).mean()
cost.backward()
viz.player(cost, names=locals())"""


def notebook(path: Path) -> None:
    cells = [
        nbformat.v4.new_markdown_cell("# The course's J = 3(a + bc)"),
        nbformat.v4.new_code_cell(J_CELL),
        nbformat.v4.new_markdown_cell("## The flower network"),
        nbformat.v4.new_code_cell(NETWORK_CELL),
        nbformat.v4.new_markdown_cell("## After"),
    ]
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(book, path)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server serving the notebook, stopped at the end whatever happens."""
    root = tmp_path_factory.mktemp("lab")
    home = tmp_path_factory.mktemp("jupyter-home")
    notebook(root / "player.ipynb")
    with jupyterlab(root, home) as (base, token):
        yield {"base": base, "token": token, "root": root}


@pytest.fixture(scope="module")
def browser(lab):
    with launch(sync_api, allowed=(lab["base"],)) as context:
        yield context


def keep(page, name: str) -> None:
    folder = os.environ.get("AUTOGRAD_NN_GALLERY")
    if folder:
        page.screenshot(path=str(Path(folder) / name))


def open_notebook(browser, lab, name: str, width: int = 1200, height: int = 900):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(f"{lab['base']}/lab/tree/{name}?token={lab['token']}", timeout=WAIT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=WAIT_MS)
    page.wait_for_function(  # the kernel started and connected
        "[...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(e => /\\| Idle/.test(e.textContent))",
        timeout=WAIT_MS,
    )
    return page


def run_all(page) -> None:
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
    page.wait_for_function(
        "document.querySelectorAll('.agnn-player[data-ready]').length >= 2", timeout=WAIT_MS
    )


def active_cell(page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')]"
        ".findIndex(c => c.classList.contains('jp-mod-active'))"
    )


def step_of(player) -> str:
    return player.get_attribute("data-step")


@pytest.fixture(scope="module")
def ran(browser, lab):
    """The notebook run once in JupyterLab (shared by the tests that read it)."""
    page = open_notebook(browser, lab, "player.ipynb")
    run_all(page)
    yield page
    page.close()


def test_buttons_and_every_key_step_the_player_and_leave_the_notebook_alone(ran) -> None:
    page = ran
    player = page.locator(".agnn-player").first
    player.locator("button[data-action=next]").click()
    assert step_of(player) == "2"
    cell = active_cell(page)
    headings = page.locator(".jp-MarkdownCell").count()
    player.locator(".agnn-title").click()  # focus the player, as a learner clicks on it
    expected = {
        "ArrowRight": "3",
        "ArrowLeft": "2",
        "End": "10",
        "Home": "1",
        "ArrowUp": "1",  # Up, Down, Space and Page keys keep their page meaning
        "ArrowDown": "1",
        "Space": "1",
        "PageDown": "1",
        "PageUp": "1",
    }
    for key, step in expected.items():
        page.keyboard.press(key)
        assert step_of(player) == step, key
        assert active_cell(page) == cell, key  # JupyterLab did not move to another cell
        inside = page.evaluate(
            "document.activeElement && document.activeElement.closest('.agnn-player') !== null"
        )
        assert inside, key  # and did not take the focus
    assert page.locator(".jp-MarkdownCell").count() == headings
    assert page.locator(".jp-collapseHeadingButton.jp-mod-collapsed").count() == 0
    page.keyboard.press("p")  # play, then pause
    page.wait_for_function(
        "el => el.getAttribute('data-step') !== '1'", arg=player.element_handle(), timeout=10_000
    )
    page.keyboard.press("p")
    assert active_cell(page) == cell
    keep(page, "jupyterlab-player.png")
    prompts = "[...document.querySelectorAll('.jp-InputPrompt')].map(e => e.textContent.trim())"
    before = page.evaluate(prompts)
    page.keyboard.press("Shift+Enter")  # the notebook's own shortcut still works: re-run
    page.wait_for_function(f"{prompts}[1] !== {json.dumps(before[1])}", timeout=WAIT_MS)
    page.wait_for_function(
        "document.querySelectorAll('.agnn-player[data-ready]').length >= 2", timeout=WAIT_MS
    )
    assert page.errors == []


def test_the_flower_network_keeps_the_current_node_in_the_window(ran) -> None:
    page = ran
    page.set_viewport_size({"width": 1000, "height": 700})
    player = page.locator(".agnn-player").nth(1)
    player.locator(".agnn-title").click()
    page.keyboard.press("Home")
    count = int(player.locator(".agnn-counter").inner_text().split()[-1])
    for step in range(count):
        assert_in_window(player.evaluate(FOCUS_AND_BAR), 1000, 700, step)
        if step == 12:
            keep(page, "jupyterlab-flower-step.png")
        page.keyboard.press("ArrowRight")
    page.set_viewport_size({"width": 1200, "height": 900})


def test_two_views_of_one_output_step_on_their_own(ran) -> None:
    page = ran
    output = page.locator(".jp-Cell").nth(1).locator(".jp-OutputArea-output").first
    output.click(button="right", position={"x": 5, "y": 5})
    page.locator(".lm-Menu-item", has_text="Create New View for Cell Output").first.click()
    page.wait_for_function(
        "document.querySelectorAll('.agnn-player[data-ready]').length >= 3", timeout=WAIT_MS
    )
    view = page.locator(".jp-LinkedOutputView .agnn-player").first
    original = page.locator(".jp-NotebookPanel .agnn-player").first
    original.locator(".agnn-title").click()
    page.keyboard.press("Home")
    view.locator("button[data-action=last]").click()
    assert step_of(view) == "10" and step_of(original) == "1"
    original.locator("button[data-action=next]").click()
    assert step_of(view) == "10" and step_of(original) == "2"
    assert view.locator(".agnn-stage svg").count() == 1  # one picture each, not two stacked
    assert original.locator(".agnn-stage svg").count() == 1
    keep(page, "jupyterlab-two-views.png")


@pytest.fixture(scope="module")
def received(lab):
    """The notebook run and saved elsewhere (by nbclient, as a teacher's machine would) and
    copied here: no signature of this server knows it, so JupyterLab opens it untrusted."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
    book = nbformat.read(lab["root"] / "player.ipynb", as_version=4)
    nbclient.NotebookClient(book, timeout=120, kernel_name="python3").execute()
    path = lab["root"] / "received.ipynb"
    nbformat.write(book, path)
    return path


def test_an_untrusted_copy_shows_the_picture_and_the_hint(browser, lab, received) -> None:
    other = open_notebook(browser, lab, received.name)
    other.wait_for_selector(".agnn-fallback img", timeout=WAIT_MS)
    images = other.locator(".agnn-fallback img")
    assert images.count() == 2 and images.first.is_visible()
    width = images.first.evaluate("img => img.naturalWidth")
    assert width > 100  # the SVG decoded: a picture, not a broken image
    hint = "File > Trust Notebook, or re-run the cell, for the interactive player"
    assert other.locator(".agnn-hint", has_text=hint).count() == 2
    assert other.locator(".agnn-bar, .agnn-controls button").count() == 0  # no dead buttons
    keep(other, "jupyterlab-untrusted.png")
    assert other.errors == []
    other.close()


def test_the_html_export_plays_from_a_file(browser, received, tmp_path) -> None:
    target = tmp_path / "export"
    command = [sys.executable, "-m", "nbconvert", "--to", "html", str(received)]
    subprocess.run(
        [*command, "--output-dir", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((target / "received.html").as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.agnn-player[data-ready]').length === 2", timeout=WAIT_MS
    )
    player = page.locator(".agnn-player").first
    player.locator("button[data-action=next]").click()
    player.locator(".agnn-title").click()
    page.keyboard.press("ArrowRight")
    assert step_of(player) == "3"
    assert page.locator(".agnn-fallback img:visible").count() == 0
    keep(page, "nbconvert-export.png")
    assert errors == []
    page.close()
