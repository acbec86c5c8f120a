"""Run every benchmark in one go: the engine (bench_engine.py) then training (bench_training.py).

``make bench`` runs this with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that command
only. Pass ``--quick`` for a smoke run with fewer repetitions.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run both benchmark scripts with this interpreter; return the first failing status."""
    extra = sys.argv[1:]
    for script in ("bench_engine.py", "bench_training.py"):
        print(f"== {script} ==", flush=True)
        status = subprocess.call([sys.executable, str(HERE / script), *extra])
        if status:
            return status
        print(flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
