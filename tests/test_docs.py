"""The documentation: every Python code block in README.md and docs/ runs, the MkDocs site builds
with --strict into pages that work from file:// (every internal link reaches a file, a click in
Chromium lands on a page), only documentation is copied into it, and every public name has a
docstring."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import matplotlib
import pytest

import autograd_nn

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
# ```python, or ```python hl_lines="3 4" (the lines a page highlights)
BLOCK = re.compile(r"^```python(?: [^\n]*)?\n(.*?)^```", re.DOTALL | re.MULTILINE)

END_TO_END = ROOT / "docs" / "guides" / "course-end-to-end.md"
#: The blocks of the end-to-end page that train with the course's update_parameters (copy.deepcopy,
#: W1 = W1 - learning_rate * dW1): they need the core branch's update semantics.
TRAINING = re.compile(r"= (nn_model|L_layer_model)\(|update_parameters\(parameters, backward_")


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def run_blocks(page: Path, blocks: list[tuple[int, str]]) -> dict:
    """Run the numbered blocks of ``page`` in order, in one namespace, as a reader would."""
    matplotlib.use("Agg")
    namespace: dict = {"__name__": "__docs__"}
    for number, block in blocks:
        try:
            exec(compile(block, f"{page.name} block {number}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.relative_to(ROOT)} block {number} failed: {error!r}\n{block}")
    return namespace


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if python_blocks(p) and p != END_TO_END],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_code_blocks_run(page: Path, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # files the examples write land in a scratch folder
    run_blocks(page, list(enumerate(python_blocks(page), start=1)))


def test_the_end_to_end_page_runs_the_course_functions_and_one_step(
    tmp_path, monkeypatch, capsys
) -> None:
    """Everything but the training blocks: the course's functions on Tensors, and one step
    whose gradients equal the course's hand-written backward pass (asserted on the page)."""
    monkeypatch.chdir(tmp_path)
    blocks = list(enumerate(python_blocks(END_TO_END), start=1))
    training = [n for n, block in blocks if TRAINING.search(block)]
    assert len(training) == 3 and len(blocks) == 7  # week 3: run and numpy check; week 4: run
    namespace = run_blocks(END_TO_END, [(n, b) for n, b in blocks if n not in training])
    for name in ("nn_model", "L_layer_model", "update_parameters", "predict"):
        assert callable(namespace[name])
    out = capsys.readouterr().out
    assert out.count("cost ") == 2  # the two one-step checks printed their costs


def test_the_end_to_end_page_trains_with_the_course_loop(tmp_path, monkeypatch, capsys) -> None:
    """The whole page: nn_model and L_layer_model as the course writes them, their costs equal
    to the course's numpy run (asserted on the page), and the predictions."""
    monkeypatch.chdir(tmp_path)
    run_blocks(END_TO_END, list(enumerate(python_blocks(END_TO_END), start=1)))
    out = capsys.readouterr().out
    assert "Cost after iteration 1000:" in out and "Accuracy: " in out


def test_there_are_code_blocks_to_run() -> None:
    assert sum(len(python_blocks(p)) for p in PAGES) >= 15


MKDOCS = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
needs_mkdocs = pytest.mark.skipif(
    not Path(MKDOCS).exists(),
    reason="mkdocs is installed by the dev extra (pip install -e '.[dev]')",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The site, built once for this module as `make docs` builds it (about two seconds)."""
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return folder, result


@needs_mkdocs
def test_site_builds_without_warnings(site) -> None:
    folder, result = site
    assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "index.html").exists()
    assert (folder / "notation.html").exists()  # pages are files: nothing needs a web server
    assert (folder / "guides" / "course-end-to-end.html").exists()


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.targets.append(value)


def internal_links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [t for t in parser.targets if not urlsplit(t).scheme and not t.startswith(("#", "//"))]


@needs_mkdocs
def test_every_internal_link_reaches_a_file_not_a_folder(site) -> None:
    """From file://, a link to a folder opens a directory listing: every link must name a file."""
    folder, result = site
    assert result.returncode == 0, result.stdout + result.stderr
    # (404.html is what a web server shows for a missing address, at any depth: its links start
    # at the site's root by design, and no page links to it)
    pages = sorted(p for p in folder.rglob("*.html") if p.name != "404.html")
    checked, broken = 0, []
    for page in pages:
        for link in internal_links(page):
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(folder)}: {link}")
    assert checked > 500 and not broken, broken[:20]
    index_links = internal_links(folder / "index.html")
    assert "guides/course-end-to-end.html" in index_links and "notation.html" in index_links


def test_the_readme_says_how_to_build_and_open_the_site() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make docs" in readme and "out/site/index.html" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--site-dir out/site" in makefile


def test_no_page_names_a_notation_file_that_is_not_in_the_repository() -> None:
    """The notation is docs/notation.md; the design notes' NOTATION.md is not in the repository."""
    assert (ROOT / "docs" / "notation.md").exists()
    texts = [p.read_text(encoding="utf-8") for p in [*PAGES, *(ROOT / "autograd_nn").rglob("*.py")]]
    assert not [t for t in texts if "NOTATION.md" in t]


@needs_mkdocs
def test_only_documentation_is_copied_into_the_site(site) -> None:
    folder, result = site
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p.relative_to(folder) for p in folder.rglob("*.py")]
    assert not (ROOT / "docs" / "make_gallery.py").exists()  # the gallery's script: scripts/
    assert (ROOT / "scripts" / "make_gallery.py").exists()


@needs_mkdocs
def test_code_the_page_highlights_is_coloured_at_build_time(site) -> None:
    """The lines that differ from the course are marked; no script from the web colours code."""
    folder, _ = site
    page = (folder / "guides" / "course-end-to-end.html").read_text(encoding="utf-8")
    assert page.count('class="hll"') == 16  # 7 lines in week 3, 9 in week 4
    assert "cost.backward()" in re.sub(r"<[^>]+>", "", page)
    assert "cdnjs" not in page and "highlight.min.js" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
FLAGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]


@needs_mkdocs
@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed: `make test` installs it as root, else run "
    "`sudo apt-get install chromium`",
)
def test_the_site_opens_from_a_file_url_and_a_click_lands_on_a_page(site, tmp_path) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright: pip install -e '.[dev]'"
    )
    folder, result = site
    assert result.returncode == 0, result.stdout + result.stderr
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        outside: list[str] = []

        def refuse(route):  # the site needs nothing from the network
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        try:
            browser.route("**/*", refuse)
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto((folder / "index.html").as_uri())
            assert page.locator("h1").first.inner_text().strip() == "autograd_nn"
            page.click(
                "main a[href='guides/course-end-to-end.html'], "
                "div[role=main] a[href='guides/course-end-to-end.html']"
            )
            page.wait_for_load_state()
            assert page.url.endswith("/guides/course-end-to-end.html")
            assert page.locator("h1").first.inner_text().strip() == "Your course code, end to end"
            assert "Index of" not in page.content()  # a page, not a folder listing
            page.click("a[href='../notation.html']")  # a relative link back up works too
            page.wait_for_load_state()
            assert page.url.endswith("/notation.html")
            assert "Examples are columns" in page.inner_text("body")
            assert errors == [] and outside == []
        finally:
            browser.close()


def public_objects():
    for module_info in pkgutil.walk_packages(autograd_nn.__path__, "autograd_nn."):
        module = importlib.import_module(module_info.name)
        yield module.__name__, module
        names = getattr(module, "__all__", None)
        if names is None:
            names = [
                n
                for n, obj in vars(module).items()
                if not n.startswith("_")
                and getattr(obj, "__module__", None) == module.__name__
                and (inspect.isfunction(obj) or inspect.isclass(obj))
            ]
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj):
                yield f"{module.__name__}.{name}", obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and (
                        inspect.isfunction(member) or isinstance(member, property)
                    ):
                        yield f"{module.__name__}.{name}.{attr}", member


def test_every_public_name_has_a_docstring() -> None:
    missing = sorted({name for name, obj in public_objects() if not inspect.getdoc(obj)})
    assert not missing, f"public names without a docstring: {missing}"
