"""The documentation: every Python code block in README.md and docs/ runs, the MkDocs site builds
with --strict, and every public name has a docstring."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

import autograd_nn

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "page", [p for p in PAGES if python_blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_code_blocks_run(page: Path, tmp_path, monkeypatch) -> None:
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)  # files the examples write land in a scratch folder
    namespace: dict = {"__name__": "__docs__"}
    for number, block in enumerate(python_blocks(page), start=1):
        try:
            exec(compile(block, f"{page.name} block {number}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.relative_to(ROOT)} block {number} failed: {error!r}\n{block}")


def test_there_are_code_blocks_to_run() -> None:
    assert sum(len(python_blocks(p)) for p in PAGES) >= 15


@pytest.mark.skipif(
    shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists(),
    reason="mkdocs is installed by the dev extra",
)
def test_site_builds_without_warnings(tmp_path) -> None:
    mkdocs = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists()


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
