"""The examples and notebooks run end to end and show what they say they show.

Each script in examples/ runs once with ``--quick`` into a temporary folder (a subprocess with
this interpreter); the tests check its exit code, the PNGs it writes (present, non-empty, PNG
signature) and a few printed facts that would change if the lesson broke. The notebooks run
with nbclient. The full-settings flower run (the course's 90 % / 47 %) is marked slow.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOKS = EXAMPLES / "notebooks"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

PNGS = {
    "computation_graph": [
        "forward.png",
        "backward.png",
        "both.png",
        *(f"steps/backward-0{k}.png" for k in range(1, 7)),
    ],
    "logistic_regression": ["cost.png", "weights.png", "misclassified.png"],
    "planar_flower": [
        "logistic_regression.png",
        "decision_boundary.png",
        "cost.png",
        "hidden_layer_sizes.png",
    ],
    "deep_network": ["cost.png", "graph_forward.png", "graph_backward.png"],
    "autodiff_vs_manual": ["relative_differences.png"],
    "broadcasting": [
        "calories_percentages.png",
        "calories_forward.png",
        "bias_forward.png",
        "bias_backward.png",
    ],
    "initialization": ["symmetry.png", "cost.png"],
    "course_code": ["gradients.png", "cost.png"],
}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    output_dir: Path


def run_script(
    name: str, cwd: Path, *args: str, timeout: float = 180, env: dict[str, str] | None = None
) -> Run:
    env = {**os.environ, "MPLBACKEND": "Agg", **(env or {})}
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr, cwd / "out")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Run]:
    """Run an example with --quick once per module; later calls reuse the result."""
    runs: dict[str, Run] = {}

    def get(name: str) -> Run:
        if name not in runs:
            cwd = tmp_path_factory.mktemp(name)
            output_dir = cwd / "pictures"
            run = run_script(name, cwd, "--quick", "--output-dir", str(output_dir))
            run.output_dir = output_dir
            runs[name] = run
        return runs[name]

    return get


def number(pattern: str, text: str) -> float:
    """The number captured by ``pattern`` in the printed output (fails if it is missing)."""
    match = re.search(pattern, text)
    assert match, f"expected a line matching {pattern!r} in:\n{text}"
    return float(match.group(1))


def check_png(path: Path) -> None:
    assert path.is_file(), f"{path} was not written"
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    width = int.from_bytes(data[16:20], "big")  # IHDR: width, height
    height = int.from_bytes(data[20:24], "big")
    assert width > 50 and height > 50, f"{path} is {width}x{height}"


@pytest.mark.parametrize("name", sorted(PNGS))
def test_example_runs_and_writes_its_pictures(name: str, quick_run: Callable[[str], Run]) -> None:
    run = quick_run(name)
    assert run.returncode == 0, f"{name} failed:\n{run.stderr[-3000:]}"
    assert "What to notice" in run.stdout
    for png in PNGS[name]:
        check_png(run.output_dir / png)


def test_computation_graph_prints_the_course_numbers(quick_run: Callable[[str], Run]) -> None:
    out = quick_run("computation_graph").stdout
    assert "u = b * c = 6" in out
    assert "v = a + u = 11" in out
    assert "J = 3 * v = 33" in out
    assert "dJ/da = 3, dJ/db = 6, dJ/dc = 9" in out
    assert "dJ/db = dJ/du * du/db = 3 * c = 3 * 2 = 6" in out
    assert "the same" in out


def test_logistic_regression_learns_is_it_a_zero(quick_run: Callable[[str], Run]) -> None:
    out = quick_run("logistic_regression").stdout
    assert "X_train (64, " in out and "Y_train (1, " in out
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", out)]
    assert len(costs) >= 5 and costs[0] == pytest.approx(0.693147, abs=1e-6)  # w = 0: log 2
    assert all(later < earlier for earlier, later in itertools.pairwise(costs))
    # Quick settings (100 iterations) already beat the 90 % of always answering "not 0".
    assert number(r"test accuracy: ([\d.]+) %", out) >= 95


def test_planar_flower_line_fails_and_hidden_layer_works(
    quick_run: Callable[[str], Run],
) -> None:
    out = quick_run("planar_flower").stdout
    # Logistic regression runs the same 2000 iterations in quick and full settings.
    assert 40 <= number(r"accuracy, logistic regression: ([\d.]+) %", out) <= 55
    # 2000 instead of 10000 iterations: close to, not at, the course's 90 %.
    assert number(r"accuracy, 4 hidden units: ([\d.]+) %", out) >= 85
    sweep = {
        int(size): float(acc)
        for size, acc in re.findall(r"accuracy for\s+(\d+) hidden units: ([\d.]+) %", out)
    }
    assert sorted(sweep) == [1, 2, 3, 4, 5, 20, 50]
    assert sweep[1] < 75 and sweep[4] > 80  # one unit is too few


def test_deep_network_scaled_trains_and_small_random_stalls(
    quick_run: Callable[[str], Run],
) -> None:
    out = quick_run("deep_network").stdout
    assert "layer_dims = [64, 20, 7, 5, 1]: L = 4 layers" in out
    assert number(r"test accuracy \(scaled\): ([\d.]+) %", out) >= 95
    # randn * 0.01 in 4 layers: stuck at answering "not 0", the share of non-zeros (~90 %).
    assert number(r"train accuracy \(random\): ([\d.]+) %", out) <= 91


def test_autodiff_vs_manual_finds_both_bugs(quick_run: Callable[[str], Run]) -> None:
    out = quick_run("autodiff_vs_manual").stdout
    assert "all rows agree: True" in out
    assert "bug 1, first mismatch: dZ1" in out
    assert "bug 2, first mismatch: dW1" in out
    assert "m = 400 times too large" in out


def test_broadcasting_calories_and_bias_gradient(quick_run: Callable[[str], Run]) -> None:
    out = quick_run("broadcasting").stdout
    assert "cal = [59.0, 239.0, 155.4, 76.9]" in out
    assert "each column sums to 100: True" in out
    assert "with Tensors: the same numbers: True" in out
    assert re.search(r"Carbs\s+94\.9%\s+0\.0%\s+2\.8%\s+88\.4%", out)
    assert "'broadcast_to'" in out
    assert "db equals np.sum(dZ, axis=1, keepdims=True): True" in out


def test_initialization_shows_the_symmetry(quick_run: Callable[[str], Run]) -> None:
    out = quick_run("initialization").stdout
    assert "distinct rows of W1 (zeros): 1 of 4" in out
    assert "distinct rows of W1 (constant): 1 of 4" in out
    assert "distinct rows of W1 (random): 4 of 4" in out
    assert number(r"accuracy \(zeros\): ([\d.]+) %", out) == 50.0


def test_course_code_gives_the_hand_written_gradients_and_learns(
    quick_run: Callable[[str], Run],
) -> None:
    out = quick_run("course_code").stdout
    assert "agree to 1e-10: True" in out
    assert number(r"largest relative difference: ([\d.e+-]+)", out) <= 1e-10
    assert "Cost after iteration 0: 0.693048" in out  # the course's first cost
    assert number(r"accuracy, 4 hidden units: ([\d.]+) %", out) >= 85
    assert "predictions: ndarray of bool" in out
    assert "np.linalg.norm(W1) refused: np.linalg.norm has no derivative rule" in out


def test_default_output_dir_is_relative_to_the_current_directory(tmp_path: Path) -> None:
    run = run_script("broadcasting", tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    check_png(tmp_path / "out" / "examples" / "broadcasting" / "bias_backward.png")


def test_cat_application_without_the_data_says_how_to_get_them(tmp_path: Path) -> None:
    run = run_script("cat_application", tmp_path, "--quick", env={"AUTOGRAD_NN_CAT_DATA": ""})
    assert run.returncode == 0, run.stderr[-3000:]
    assert "no train_catvnoncat.h5 in datasets" in run.stdout
    assert "which the course provides" in run.stdout and "AUTOGRAD_NN_CAT_DATA" in run.stdout
    assert 'pip install "autograd-nn[cat]"' in run.stdout
    assert not (tmp_path / "out").exists()


def test_cat_application_trains_both_models_on_files_of_the_course_layout(tmp_path: Path) -> None:
    h5py = pytest.importorskip("h5py")
    data = tmp_path / "cat-data"
    data.mkdir()
    rng = np.random.RandomState(0)
    for part, m in (("train", 6), ("test", 4)):  # the course's layout, a few random pictures
        with h5py.File(data / f"{part}_catvnoncat.h5", "w") as f:
            f[f"{part}_set_x"] = rng.randint(0, 256, size=(m, 64, 64, 3)).astype(np.uint8)
            f[f"{part}_set_y"] = np.arange(m) % 2
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    run = run_script(
        "cat_application",
        tmp_path,
        "--quick",
        "--output-dir",
        "pictures",
        env={"AUTOGRAD_NN_CAT_DATA": str(data)},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout
    assert "train_x (12288, 6), train_y (1, 6); test_x (12288, 4)" in out
    assert "classes: ['non-cat', 'cat']" in out
    # W[l] = randn * 0.01 makes A2 about 1/2 for every picture: J starts near log 2
    assert number(r"Cost after iteration 0: ([\d.]+)", out) == pytest.approx(np.log(2), abs=0.02)
    for label in ("2-layer \\(12288, 7, 1\\)", "L-layer \\[12288, 20, 7, 5, 1\\]"):
        assert 0 <= number(rf"accuracy, {label}: train [\d.]+ %, test ([\d.]+) %", out) <= 100
    assert "What to notice" in out
    for png in ("cost.png", "misclassified.png"):
        check_png(tmp_path / "pictures" / png)


@pytest.mark.parametrize("notebook", ["computation_graph.ipynb", "two_layer_network.ipynb"])
def test_notebook_executes_without_errors(notebook: str, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    nbformat.validate(nb)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    diagrams = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert diagrams, "the diagrams should display inline (SVG)"


@pytest.mark.slow
def test_planar_flower_full_settings_reach_the_course_numbers(tmp_path: Path) -> None:
    run = run_script("planar_flower", tmp_path, "--output-dir", str(tmp_path / "pictures"))
    assert run.returncode == 0, run.stderr[-3000:]
    assert number(r"accuracy, 4 hidden units: ([\d.]+) %", run.stdout) >= 90
    assert 40 <= number(r"accuracy, logistic regression: ([\d.]+) %", run.stdout) <= 55
    for png in PNGS["planar_flower"]:
        check_png(tmp_path / "pictures" / png)
