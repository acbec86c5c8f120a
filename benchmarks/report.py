"""The machine, and the tables: for the terminal, in Markdown, and over several runs."""

from __future__ import annotations

import os
import platform
from typing import Any

import numpy as np

from benchmarks.frameworks import PEERS, version


def machine() -> dict[str, Any]:
    """Python, CPU, cores, numpy and its BLAS (threadpoolctl), the peers' versions."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load": os.getloadavg()[0],
        "numpy": np.__version__,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "unset"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE", "unset"),
        "versions": {name: version(name) for name in PEERS},
    }
    try:
        from threadpoolctl import threadpool_info

        info["blas"] = [
            f"{pool.get('internal_api')} {pool.get('version')} "
            f"({pool.get('architecture', '?')}, {pool.get('num_threads')} threads, "
            f"{pool.get('threading_layer', '?')})"
            for pool in threadpool_info()
            if pool.get("user_api") == "blas"
        ]
    except ImportError:
        info["blas"] = ["threadpoolctl not installed: pip install -e '.[bench]'"]
    if info["versions"]["PyTorch"] != "absent":
        import torch

        info["torch_threads"] = torch.get_num_threads()
    return info


def machine_lines(info: dict[str, Any]) -> list[str]:
    """The machine as a few lines of text."""
    peers = ", ".join(f"{name} {v}" for name, v in info["versions"].items())
    torch_threads = info.get("torch_threads")
    return [
        f"Python {info['python']} on {info['system']}; {info['cpu']}, {info['cores']} cores "
        f"(load average {info['load']:.1f} at the start)",
        f"numpy {info['numpy']}; BLAS: {'; '.join(info['blas']) or 'not found'}",
        f"OPENBLAS_CORETYPE {info['OPENBLAS_CORETYPE']}, "
        f"OPENBLAS_L2_SIZE {info['OPENBLAS_L2_SIZE']}"
        + (f"; PyTorch threads {torch_threads}" if torch_threads else ""),
        f"versions: {peers}",
    ]


def seconds(t: float | None) -> str:
    """A duration with a unit that keeps three significant digits."""
    if t is None:
        return ""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if t >= scale:
            return f"{t / scale:.3g} {unit}"
    return f"{t / 1e-9:.3g} ns"


def mebibytes(n: float | None) -> str:
    """Bytes as MiB (one decimal under 10 MiB)."""
    if n is None:
        return ""
    mib = n / 2**20
    return f"{mib:.1f} MiB" if abs(mib) < 10 else f"{mib:.0f} MiB"


def ratio(row: dict[str, Any]) -> str:
    """'1.12x (1.08-1.15)': the median ratio and its interquartile range."""
    if row.get("ratio") is None:
        return ""
    return f"{times(row['ratio'])} ({times(row['ratio_q1'])}-{times(row['ratio_q3'])})"


def times(r: float) -> str:
    """A ratio: two decimals, or 1/N below 0.1 (1/394x: 394 times faster than the baseline)."""
    return f"{r:.2f}x" if r >= 0.1 else f"1/{1 / r:,.0f}x"


COLUMNS = ["workload", "side", "time per iteration (IQR)", "ratio to baseline (IQR)",
           "peak RSS growth", "traced peak"]  # fmt: skip


def cells(row: dict[str, Any]) -> list[str]:
    """The cells of one result row (a skipped side shows its reason)."""
    if row.get("skipped"):
        return [row["title"], row["label"], f"skipped: {row['skipped']}", "", "", ""]
    time = f"{seconds(row['median'])} ({seconds(row['q1'])}-{seconds(row['q3'])})"
    failed = "probe failed: " + row["error"] if row.get("error") else ""
    return [row["title"], row["label"], time, ratio(row), mebibytes(row.get("rss")) or failed,
            mebibytes(row.get("traced")) or failed]  # fmt: skip


def markdown(rows: list[dict[str, Any]], columns: list[str], render: Any) -> str:
    """A Markdown table; the workload's title is written on its first row only."""
    lines = ["| " + " | ".join(columns) + " |", "| --- | --- |" + " ---: |" * (len(columns) - 2)]
    previous = None
    for row in rows:
        line = render(row)
        if line[0] == previous:
            line[0] = ""
        else:
            previous = line[0]
        lines.append("| " + " | ".join(line) + " |")
    return "\n".join(lines)


def chain_cells(row: dict[str, Any]) -> list[str]:
    """The chain's row: forward, backward, free, total, memory per node."""
    if row.get("skipped"):
        return [row["label"], f"skipped: {row['skipped']}", "", "", "", ""]
    backward = "(in forward)" if row["backward"] is None else seconds(row["backward"])
    return [row["label"], seconds(row["forward"]), backward, seconds(row["free"]),
            seconds(row["total"]), f"{row['per_node']:.0f} B"]  # fmt: skip


CHAIN_COLUMNS = ["side", "forward", "backward", "free the graph", "total", "RSS per node"]


def combine(runs: list[dict[str, Any]]) -> str:
    """Markdown over several runs (JSON from ``--json``): each figure as run 1 / run 2 / ..."""
    first = runs[0]
    loads = " / ".join(f"{run['machine']['load']:.1f}" for run in runs)
    out = ["Machine: " + "  \n".join(machine_lines(first["machine"])) + "  ", ""]
    out[0] += f"\nload average at the start of each run: {loads}"
    keyed = [{(r["key"], r["label"]): r for r in run["rows"]} for run in runs]

    def each(key: tuple, field: str, show: Any) -> str:
        values = [k[key].get(field) for k in keyed if key in k]
        return " / ".join(show(v) for v in values if v is not None)

    columns = ["workload", "side", f"time per iteration ({len(runs)} runs)", "ratio to baseline",
               "peak RSS growth", "traced peak"]  # fmt: skip

    def render(row: dict[str, Any]) -> list[str]:
        key = (row["key"], row["label"])
        if row.get("skipped"):
            return [row["title"], row["label"], f"skipped: {row['skipped']}", "", "", ""]
        return [
            row["title"],
            row["label"],
            each(key, "median", seconds),
            each(key, "ratio", times),
            each(key, "rss", mebibytes),
            each(key, "traced", mebibytes),
        ]

    out.append(markdown(first["rows"], columns, render))
    if first.get("chain"):
        chains = [{r["label"]: r for r in run.get("chain", [])} for run in runs]

        def chain_render(row: dict[str, Any]) -> list[str]:
            if row.get("skipped"):
                return ["n = 1,000,000", row["label"], f"skipped: {row['skipped']}", "", "", ""]
            mine = [c[row["label"]] for c in chains if row["label"] in c]
            joined = [" / ".join(seconds(r[f]) for r in mine)
                      for f in ("forward", "backward", "free", "total")]  # fmt: skip
            per_node = " / ".join(f"{r['per_node']:.0f} B" for r in mine)
            return ["n = 1,000,000", row["label"], *joined, per_node]

        out += ["", markdown(first["chain"], ["chain", *CHAIN_COLUMNS], chain_render)]
    return "\n".join(out)
