"""Speed and memory of a learner's own code: autograd_nn, hand-written numpy and the peers.

One run measures every workload side by side (the sides take turns in each repetition) and
reports the median time per iteration, its interquartile range, and the median ratio to the
baseline (hand-written numpy; micrograd for the scalar workloads); then the peak memory growth
of a few iterations of each side, each in a fresh process. See benchmarks/README.md.

``make bench`` runs this with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that command
only. Options: ``--quick`` (a smoke run), ``--long`` (the million-operation chain for the peers
too), ``--markdown`` (tables to paste), ``--json FILE`` (save the figures),
``--combine A.json B.json C.json`` (one table over several runs), ``--only c,e`` (some workloads).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import chain, dense, recording, scalar
from benchmarks.measure import interleaved, limit_threads, peak_growth, probe, traced_peak
from benchmarks.report import (
    CHAIN_COLUMNS,
    COLUMNS,
    cells,
    chain_cells,
    combine,
    machine,
    machine_lines,
    markdown,
)
from benchmarks.workload import UnavailableError, Workload

ITERATIONS = 5  # iterations of the learner's loop in each memory probe
CHAIN_LENGTH = 1_000_000


def all_workloads() -> list[Workload]:
    """a, b, c, d, e, f64, f32 (g, the chain, runs apart)."""
    return scalar.workloads() + dense.workloads()


def find(key: str) -> Workload:
    """The workload with this key."""
    for workload in all_workloads():
        if workload.key == key:
            return workload
    raise SystemExit(f"run.py: no workload {key!r}")


def run_probe(key: str, label: str, iterations: int, method: str, size: str) -> dict[str, Any]:
    """In this fresh process: one workload side's memory (or the chain), as a dict."""
    try:
        if key == "g":
            return chain.run(label, int(size) if size.isdigit() else CHAIN_LENGTH)
        build = find(key).cases[label]
        build("tiny").step()  # first-call costs (imports, BLAS buffers, lazy set-up) go here
        case = build(size)
    except UnavailableError as why:
        return {"skipped": str(why)}

    def loop() -> None:
        for _ in range(iterations):
            case.step()

    if method == "tracemalloc":
        return {"traced": traced_peak(loop)}
    growth, how = peak_growth(loop)
    return {"rss": growth, "method": how}


def time_workload(workload: Workload, repeats: int | None) -> list[dict[str, Any]]:
    """Build every side of a workload and time them side by side; one row per side."""
    built, rows = {}, []
    for label, build in workload.cases.items():
        row = {"key": workload.key, "title": workload.title, "label": label}
        try:
            built[label] = build("full").step
        except UnavailableError as why:
            row["skipped"] = str(why)
        rows.append(row)
    baseline = workload.baseline if workload.baseline in built else next(iter(built), None)
    timings = interleaved(built, baseline, repeats or workload.repeats, workload.target)
    for row in rows:
        if row["label"] in timings:
            row.update(vars(timings[row["label"]]), baseline=baseline)
    gc.collect()
    return rows


def profile(key: str, label: str, iterations: int) -> int:
    """Print where one side's loop spends its time: cProfile, by own time, then cumulative."""
    import cProfile
    import pstats

    if key == "g":
        profiler = cProfile.Profile()
        profiler.runcall(chain.run, label, 100_000)
    else:
        case = find(key).cases[label]("full")
        case.step()
        seconds = time.perf_counter()
        case.step()
        seconds = time.perf_counter() - seconds
        repeat = max(iterations, round(1.0 / max(seconds, 1e-9)))  # about a second of work
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [case.step() for _ in range(repeat)])
        print(f"{key} {label}: {repeat} iterations")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(18)
    stats.sort_stats("cumulative").print_stats(12)
    return 0


def medians(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """One answer per field: the median of the numbers, the first of anything else."""
    merged = dict(answers[0])
    for field, value in merged.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            merged[field] = statistics.median(answer[field] for answer in answers)
    return merged


def print_rows(rows: list[dict[str, Any]], columns: list[str], render: Any) -> None:
    """Rows as aligned text columns."""
    lines = [columns] + [render(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )


def main() -> int:
    """Parse the options, run what they ask, print (and save) the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 repetitions, 2 memory iterations")
    parser.add_argument("--long", action="store_true", help="the chain for the peers too, 3 times")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--json", metavar="FILE", help="save the figures as JSON")
    parser.add_argument("--combine", nargs="+", metavar="JSON", help="one table over runs")
    parser.add_argument("--only", help="comma-separated workload keys (a,b,c,d,e,f64,f32,g,r)")
    parser.add_argument("--repeats", type=int, help="override every workload's repetitions")
    parser.add_argument("--threads", type=int, help="BLAS and PyTorch threads (default: theirs)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory probes")
    parser.add_argument(
        "--profile", nargs=2, metavar=("WORKLOAD", "SIDE"), help="cProfile one side's loop"
    )
    parser.add_argument("--probe", nargs=2, metavar=("WORKLOAD", "SIDE"), help=argparse.SUPPRESS)
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--memory-method", default="rss", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args()
    limit_threads(args.threads)

    if args.probe:
        print(json.dumps(run_probe(*args.probe, args.iterations, args.memory_method, args.size)))
        return 0
    if args.profile:
        return profile(*args.profile, args.iterations)
    if args.combine:
        print(combine([json.loads(Path(f).read_text()) for f in args.combine]))
        return 0

    keys = args.only.split(",") if args.only else None
    repeats = 3 if args.quick else args.repeats
    iterations = 2 if args.quick else ITERATIONS
    started = time.perf_counter()
    info = machine()
    print("\n".join(machine_lines(info)), flush=True)
    results: dict[str, Any] = {"machine": info, "rows": [], "chain": []}
    for workload in all_workloads():
        if keys and workload.key not in keys:
            continue
        rows = time_workload(workload, repeats)
        if workload.memory and not args.no_memory:
            for row in rows:
                if "skipped" in row:
                    continue
                methods = ["rss"] if row["label"].startswith("PyTorch") else ["rss", "tracemalloc"]
                for method in methods:
                    answer = probe(
                        workload.key, row["label"], iterations, method, "full", args.threads
                    )
                    row.update({k: v for k, v in answer.items() if k != "method"})
                    if "error" in answer:  # e.g. the engine changed under the run: say which
                        row["error"] = f"{method}: {answer['error']}"
        print(f"\n{workload.key}. {workload.title} (baseline: {rows[0].get('baseline')})")
        print_rows(rows, COLUMNS[1:], lambda row: cells(row)[1:])
        sys.stdout.flush()
        results["rows"] += rows
    if not keys or "g" in keys:
        sides = chain.SIDES if args.long else chain.DEFAULT_SIDES
        answers: dict[str, list[dict[str, Any]]] = {}
        for repetition in range(3 if args.long else 1):
            for side in sides[repetition % len(sides) :] + sides[: repetition % len(sides)]:
                answers.setdefault(side, []).append(
                    probe("g", side, 1, "rss", str(CHAIN_LENGTH), args.threads)
                )
        results["chain"] = [{"label": side, **medians(runs)} for side, runs in answers.items()]
        print(f"\ng. a chain of n = {CHAIN_LENGTH:,} operations x = x * 1.0000001, then backward")
        print_rows(results["chain"], CHAIN_COLUMNS, chain_cells)
    if not keys or "r" in keys:  # what train's snapshots cost (issue 21)
        results["recording"] = recording.measure(2000 if args.quick else 10000, repeats or 5)
        print("\n" + recording.report(results["recording"]))
    print(
        "\nTimes: median per iteration (interquartile range) over interleaved repetitions; "
        "ratio: median of the per-repetition ratios to the baseline. Memory: peak RSS growth "
        f"over {iterations} iterations in a fresh process (after one tiny warm-up step), and "
        "the tracemalloc peak of the same loop (numpy and Python allocations; not PyTorch's). "
        f"This run took {time.perf_counter() - started:.0f} s; load average now "
        f"{os.getloadavg()[0]:.1f}."
    )
    if args.markdown:
        print("\n" + "\n".join(machine_lines(info)) + "\n")
        if results["rows"]:
            print(markdown(results["rows"], COLUMNS, cells))
        if results["chain"]:
            print("\n" + markdown(results["chain"], CHAIN_COLUMNS, chain_cells))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
