"""Running a call that could hang (reading a named pipe) in a child Python, with a time limit.

A read blocked on a named pipe can hold the interpreter in C code where no alarm or thread can
stop it, so the tests of "nothing hangs" run the call in a separate process and fail, instead of
waiting forever, when it does not finish in time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

LIMIT_SECONDS = 60
"""Far above what the calls need (well under a second); only a hang reaches it."""


def outcome(code: str, *, stdin: int | None = subprocess.DEVNULL) -> str:
    """Run ``code`` in a child Python and return what it printed (stdout), stripped.

    ``code`` should print the outcome of the call, e.g. ``type(error).__name__: message``.
    The test fails when the child does not finish within :data:`LIMIT_SECONDS` (it is killed)
    or exits with an error.
    """
    try:
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the call did not finish within {LIMIT_SECONDS} s (it hangs):\n{code}")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def raised(call: str, imports: str) -> str:
    """``Kind: message`` of the exception ``call`` raises in a child Python (or "returned")."""
    return outcome(
        f"""
        {imports}
        try:
            {call}
            print("returned")
        except Exception as error:
            print(f"{{type(error).__name__}}: {{error}}")
        """
    )
