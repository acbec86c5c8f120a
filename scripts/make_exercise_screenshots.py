"""Take the screenshots of docs/guides/practise.md: the exercise page in headless Chromium.

Run: ``python scripts/make_exercise_screenshots.py`` (needs the dev extra's Playwright and
Debian's ``chromium``; no browser is downloaded). Writes docs/images/exercise-wrong.png (a
wrong answer, its feedback and a hint) and docs/images/exercise-finished.png (every blank
right).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from autograd_nn import Tensor
from autograd_nn.exercises import Exercise
from autograd_nn.exercises.answers import as_text

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def j_exercise() -> Exercise:
    a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
    u = b * c
    v = a + u
    J = 3 * v
    J.backward()
    return Exercise(J, names={"a": a, "b": b, "c": c, "u": u, "v": v, "J": J})


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Debian's chromium is needed: sudo apt-get install chromium")
    ex = j_exercise()
    right = {blank.id: as_text(blank.expected) for blank in ex.blanks}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = ex.save(Path(folder) / "ex.html")
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
        page.goto(path.as_uri())
        page.wait_for_selector(".agnn-ex-stage svg")
        for blank_id in ("dJ/dv", "dv/da", "dJ/da", "dv/du", "dJ/du"):
            page.fill(f'[data-blank="{blank_id}"]', right[blank_id])
        page.fill('[data-blank="du/db"]', "3")  # b itself: the other operand
        page.click("[data-action=check-all]")
        page.locator('li[data-row="du/db"] [data-action=hint]').click()
        page.locator(".agnn-exercise").screenshot(path=str(IMAGES / "exercise-wrong.png"))
        for blank_id, text in right.items():
            page.fill(f'[data-blank="{blank_id}"]', text)
        page.click("[data-action=check-all]")
        page.locator(".agnn-exercise").screenshot(path=str(IMAGES / "exercise-finished.png"))
        browser.close()
    print(f"wrote {IMAGES / 'exercise-wrong.png'} and {IMAGES / 'exercise-finished.png'}")


if __name__ == "__main__":
    main()
