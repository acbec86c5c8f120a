"""Timing side by side, and peak memory in a fresh process.

Time: the cases of one workload take turns in every repetition (the one going first rotates), so
that machine noise (another job, the CPU clock, the caches) hits all of them alike. Each case
runs ``number`` calls per repetition, chosen at warm-up so that a repetition lasts about
``target`` seconds. Reported: the median time per call with its interquartile range, and the
median of the per-repetition ratios to the baseline case (measured in the same repetition) with
their interquartile range.

Memory: each (workload, case) runs in a fresh Python process (``run.py --probe``): the setup
(imports, data, parameters), then ``gc.collect()``, then the peak resident set size is reset
(Linux ``/proc/self/clear_refs``) and read again after a few iterations of the learner's loop
with the default ``backward()``: the growth is VmHWM after the loop minus VmRSS before it. It
includes whatever the garbage collector has not yet freed. Where the peak cannot be reset, the
difference of ``resource.getrusage().ru_maxrss`` before and after is used (it may read low when
the setup already peaked higher).
"""

from __future__ import annotations

import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Timing:
    """Seconds per call of one case and its ratio to the baseline, over the repetitions."""

    median: float
    q1: float
    q3: float
    ratio: float | None
    ratio_q1: float | None
    ratio_q3: float | None
    repeats: int


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(first quartile, median, third quartile) of a non-empty list."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def interleaved(
    cases: dict[str, Callable[[], object]],
    baseline: str | None,
    repeats: int,
    target: float = 0.02,
) -> dict[str, Timing]:
    """Time every case, the cases taking turns in each repetition.

    Args:
        cases: label -> one call of the case (one iteration of the learner's loop).
        baseline: the label the ratios are taken against (None: no ratios).
        repeats: repetitions; each runs every case ``number`` times in a row.
        target: seconds a repetition of one case should last (sets ``number`` at warm-up).

    Returns:
        label -> :class:`Timing`.
    """
    numbers = {}
    for label, f in cases.items():  # warm-up, and how many calls make about `target` seconds
        f()
        start = time.perf_counter()
        f()
        once = time.perf_counter() - start
        numbers[label] = max(1, min(100_000, round(target / max(once, 1e-9))))
    samples: dict[str, list[float]] = {label: [] for label in cases}
    labels = list(cases)
    for repetition in range(repeats):
        shift = repetition % len(labels)
        for label in labels[shift:] + labels[:shift]:
            f, number = cases[label], numbers[label]
            start = time.perf_counter()
            for _ in range(number):
                f()
            samples[label].append((time.perf_counter() - start) / number)
    timings = {}
    for label, times in samples.items():
        q1, median, q3 = quartiles(times)
        ratio = r1 = r3 = None
        if baseline in samples:
            r1, ratio, r3 = quartiles(
                [t / b for t, b in zip(times, samples[baseline], strict=True)]
            )
        timings[label] = Timing(median, q1, q3, ratio, r1, r3, repeats)
    return timings


# ------------------------------------------------------------------ memory
def _status(field: str) -> int | None:
    """A field of /proc/self/status in bytes (VmRSS, VmHWM), or None off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the process's peak RSS (VmHWM) to its current RSS; False where not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def peak_growth(loop: Callable[[], object]) -> tuple[int, str]:
    """Bytes of peak RSS growth while ``loop()`` runs, and how it was measured."""
    gc.collect()
    if _reset_peak() and _status("VmRSS") is not None:
        before = _status("VmRSS")
        loop()
        return _status("VmHWM") - before, "VmHWM after - VmRSS before (peak reset)"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    loop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return after - before, "ru_maxrss after - before"


def traced_peak(loop: Callable[[], object]) -> int:
    """Peak bytes allocated through Python's allocators and numpy while ``loop()`` runs."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    loop()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


LIMITS: list = []  # the thread limits in force (see limit_threads)


def limit_threads(threads: int | None) -> None:
    """Use at most ``threads`` threads in numpy's BLAS and in PyTorch (None: their defaults)."""
    if not threads:
        return
    from threadpoolctl import threadpool_limits

    LIMITS.append(threadpool_limits(threads))  # applies until restored: keep it alive
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(threads)


def probe(
    workload: str, case: str, iterations: int, method: str, size: str, threads: int | None = None
) -> dict:
    """Run ``run.py --probe`` in a fresh interpreter; its JSON answer (or an error)."""
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "run.py"),
        "--probe",
        workload,
        case,
        "--iterations",
        str(iterations),
        "--memory-method",
        method,
        "--size",
        size,
    ]
    if threads:
        command += ["--threads", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])
