"""Regenerate the screenshots of docs/guides/watch-it-learn.md (needs Chromium and Playwright).

Run: ``.venv/bin/python scripts/make_watch_it_learn.py``. Trains the course's flower network
(10,000 iterations, recorded every 100), saves the replay and photographs it in headless
Chromium at an early, a middle and the last snapshot.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from autograd_nn import viz
from autograd_nn.datasets import load_planar_dataset
from autograd_nn.nn import Model, train

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
SHOTS = {"early": 2, "middle": 20, "last": None}  # snapshot index (iteration 200, 2000, end)


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is not installed (sudo apt-get install chromium)", file=sys.stderr)
        return 1
    X, Y = load_planar_dataset()
    model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
    history = train(model, X, Y, num_iterations=10000, learning_rate=1.2)
    with tempfile.TemporaryDirectory() as folder:
        page_file = viz.training_player(history, X, Y).save(Path(folder) / "training.html")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(page_file.as_uri())
            page.wait_for_selector(".agnn-training[data-ready=true]")
            for name, index in SHOTS.items():
                page.evaluate(
                    """k => { const s = document.querySelector('input.agnn-slider');
                    s.value = k === null ? s.max : String(k);
                    s.dispatchEvent(new Event('input')); }""",
                    index,
                )
                path = IMAGES / f"watch-it-learn-{name}.png"
                page.locator(".agnn-training").screenshot(path=str(path))
                print(f"wrote {path}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
