"""``train(..., live=True)`` in a real Jupyter kernel (nbclient): the output is replaced at every
recorded iteration and ends as the full replay; it then runs in Chromium."""

from __future__ import annotations

import json
import re

import pytest
from browser_support import CHROMIUM, launch

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

SETUP = """
from IPython.display import DisplayHandle
updates = []
original = DisplayHandle.update
def counting(self, obj, **kwargs):
    updates.append(len(obj))  # a TrainingPlayer: its number of snapshots
    return original(self, obj, **kwargs)
DisplayHandle.update = counting
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, train
X, Y = load_planar_dataset()
model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
"""
TRAIN = "history = train(model, X, Y, num_iterations=600, learning_rate=1.2, live=True)"
REPORT = "print(json.dumps({'updates': updates, 'costs': history.costs}))"


def test_live_training_in_a_kernel_leaves_the_full_replay(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(SETUP),
        nbformat.v4.new_code_cell(TRAIN),
        nbformat.v4.new_code_cell("import json\n" + REPORT),
    ]
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    errors = [o for c in nb.cells for o in c.outputs if o.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    report = json.loads(nb.cells[2].outputs[0].text)
    # snapshot 1 is the first display; then one update per snapshot 2..7, then the replay
    assert report["updates"] == [2, 3, 4, 5, 6, 7, 7]
    (output,) = nb.cells[1].outputs  # one output, replaced in place: no progress bar, no copies
    assert output.output_type == "display_data"
    page = output.data["text/html"]
    assert 'class="agnn-page agnn-training"' in page
    assert '"start":"first"' in page and "training..." not in page
    if CHROMIUM is None:
        return
    sync_api = pytest.importorskip("playwright.sync_api")
    path = tmp_path / "output.html"
    path.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{page}</body>", "utf-8")
    with launch(sync_api) as context:
        view = context.new_page()
        errors = []
        view.on("pageerror", lambda e: errors.append(str(e)))
        view.goto(path.as_uri())
        view.wait_for_selector(".agnn-training[data-ready=true]", timeout=30_000)
        view.focus(".agnn-training")
        view.keyboard.press("End")
        cost = view.inner_text(".agnn-tp-cost")
        assert float(cost) == pytest.approx(report["costs"][-1], rel=1e-5)
        assert re.fullmatch(r"\d+\.\d\d %", view.inner_text(".agnn-tp-accuracy"))
        assert errors == [] and context.outside == []
