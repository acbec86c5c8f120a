"""``train(..., live=True)`` in JupyterLab itself: a real server, its page in Chromium.

The notebook's cell trains the flower network with ``live=True``; a MutationObserver records
every "training... iteration ..." note the output shows while it trains; at the end the output
is the full replay, which steps with its own keys. About 15 s (JupyterLab's start); skipped
where JupyterLab is not installed (the dev extra installs it).
"""

from __future__ import annotations

import json
import re

import pytest
from browser_support import CHROMIUM, SKIP_REASON, launch
from lab_server import jupyterlab

pytest.importorskip(
    "jupyterlab", reason="JupyterLab is not installed (pip install -e '.[jupyter]')"
)
nbformat = pytest.importorskip("nbformat")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

CELL = """from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, train
X, Y = load_planar_dataset()
model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
history = train(model, X, Y, 6000, learning_rate=1.2, record_every=200, live=True)"""


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server serving a notebook with the cell, stopped afterwards."""
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(CELL)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, root / "live.ipynb")
    with jupyterlab(root, home) as (base, token):
        yield base, token


def test_live_training_updates_the_output_then_leaves_the_replay(lab) -> None:
    base, token = lab
    with launch(sync_api, allowed=(base,)) as context:
        page = context.new_page()
        page.set_default_timeout(120_000)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/lab/tree/live.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        page.wait_for_function(  # the kernel is up (the status bar says so)
            "() => /\\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')"
            " ? document.body.innerText : '')"
        )
        page.evaluate(
            """() => {
            const seen = window.agnnSeen = [];
            new MutationObserver(() => {
                document.querySelectorAll('.jp-OutputArea .agnn-tp-live').forEach(e => {
                    if (!seen.includes(e.textContent)) seen.push(e.textContent);
                });
            }).observe(document.body, {subtree: true, childList: true, characterData: true});
        }"""
        )
        page.click(".jp-Notebook .jp-Cell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(  # the end: the full replay, no "training..." note
            """() => { const r = document.querySelector('.jp-OutputArea .agnn-training');
            return r && r.getAttribute('data-ready') === 'true' &&
                   !r.querySelector('.agnn-tp-live') &&
                   r.querySelector('.agnn-counter').textContent === 'step 1 of 31'; }"""
        )
        seen = page.evaluate("window.agnnSeen")
        iterations = [
            int(re.search(r"iteration ([\d,]+)", s).group(1).replace(",", "")) for s in seen
        ]
        assert len(set(iterations)) >= 3, seen  # the output changed while it trained (31 here)
        assert iterations == sorted(iterations)
        assert page.locator(".jp-OutputArea .agnn-training").count() == 1  # replaced, not added
        replay = page.locator(".jp-OutputArea .agnn-training")
        replay.locator(".agnn-tp-stats").click()
        page.keyboard.press("End")  # the widget's key, not JupyterLab's
        assert replay.locator(".agnn-tp-iteration").inner_text() == "6,000"
        data = json.loads(replay.locator("script.agnn-data").text_content())["data"]
        assert replay.locator(".agnn-tp-cost").inner_text() == f"{data['costs'][-1]:.6f}"[:8]
        assert errors == []
