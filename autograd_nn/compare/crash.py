"""Where your code failed: the file, line and statement of a crash in your backprop, with shapes.

When your ``backward_propagation`` or ``L_model_backward`` raises (a shape mismatch in
``np.dot``, a missing cache key), compare reports the deepest line of *your* code in the
traceback, the one that was running when numpy (or Python) gave up, as a learner would look for
it::

    your L_model_backward(AL, Y, caches) raised ValueError: shapes (4,20) and (3,20) not aligned
      in linear_backward, file "deep.py", line 31:
        dW = 1 / m * np.dot(dZ, A_prev)
      shapes there: dZ (4, 20), A_prev (3, 20)
      called from linear_activation_backward (line 44), L_model_backward (line 61)

"Your code" is every frame of the traceback outside numpy, autograd_nn and Python's own
library (so a notebook cell and a file next to it both count). The shapes are those of the
arrays named in the failing statement, read from that frame's variables when it failed.
"""

from __future__ import annotations

import functools
import linecache
import re
import sysconfig
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import autograd_nn

MESSAGE_CHARACTERS = 300
"""An exception's message is cut to this many characters (a message may print whole arrays)."""

SHOWN_SHAPES = 8
"""At most this many arrays of the failing statement get their shape shown."""

SHOWN_CALLERS = 3
"""At most this many of your functions that led to the failing one are named."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def exception_text(error: BaseException) -> str:
    """``Kind: message`` of an exception, cut to :data:`MESSAGE_CHARACTERS`; never raises.

    An exception whose ``__str__`` itself raises (a learner's own exception class, say) is
    named with its type and a note instead of escaping compare raw.

    >>> class Broken(Exception):
    ...     def __str__(self):
    ...         raise RuntimeError("no message")
    >>> exception_text(Broken())
    'Broken (its message could not be printed: its __str__ raised RuntimeError)'
    """
    kind = type(error).__name__
    try:
        text = str(error)
    except Exception as inner:  # the exception's own __str__ failed
        return (
            f"{kind} (its message could not be printed: its __str__ raised {type(inner).__name__})"
        )
    text = " ".join(text.split())
    if len(text) > MESSAGE_CHARACTERS:
        text = text[:MESSAGE_CHARACTERS] + "..."
    return f"{kind}: {text}" if text else kind


@functools.cache
def _library_folders() -> tuple[str, ...]:
    """Folders whose code is not the learner's: autograd_nn, numpy, Python's library."""
    folders = {str(Path(autograd_nn.__file__).resolve().parent), str(Path(np.__file__).parent)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            folders.add(str(Path(path).resolve()))
    return tuple(folder.rstrip("/\\") + "/" for folder in folders)


def _is_yours(filename: str) -> bool:
    """Whether a frame's file is the learner's code (not numpy's, ours or Python's)."""
    if filename.startswith("<frozen") or filename.startswith("<__array_function__"):
        return False
    if filename.startswith("<"):  # <ipython-input-...>, <stdin>, <string>: typed by someone
        return True
    try:
        resolved = str(Path(filename).resolve())
    except (OSError, ValueError, RuntimeError):
        resolved = filename
    return not any(resolved.startswith(folder) for folder in _library_folders())


@dataclass(frozen=True)
class FailingLine:
    """The line of your code that was running when the exception was raised.

    Attributes:
        function: its function's name, e.g. "relu_backward".
        filename: its file, as Python knows it.
        line: the line number.
        source: the statement (up to 5 lines, stripped), or "" when the file cannot be read.
        shapes: "dZ (4, 20), Z (3, 20)": the arrays the statement names, with their shapes.
        callers: your functions that led to it, outermost last, each with the line of the call
            and how many times in a row it called (recursion): [("linear_backward", 31, 1)].
    """

    function: str
    filename: str
    line: int
    source: str
    shapes: str
    callers: list[tuple[str, int, int]]

    def describe(self) -> str:
        """The indented lines a message shows under "your ... raised ..."."""
        lines = [f'  in {self.function}, file "{self.filename}", line {self.line}:']
        if self.source:
            lines += [f"    {text}" for text in self.source.splitlines()]
        if self.shapes:
            lines.append(f"  shapes there: {self.shapes}")
        if self.callers:
            called = ", ".join(
                f"{name} (line {line}{f', {times} times' if times > 1 else ''})"
                for name, line, times in self.callers
            )
            lines.append(f"  called from {called}")
        return "\n".join(lines)


def _statement(code: types.CodeType, filename: str, line: int, last_instruction: int) -> str:
    """The source of the failing statement: its lines (at most 5), stripped."""
    end = line
    positions = list(code.co_positions()) if hasattr(code, "co_positions") else []
    index = last_instruction // 2
    if 0 <= index < len(positions):
        start_line, end_line = positions[index][0], positions[index][1]
        if start_line == line and end_line is not None and line <= end_line <= line + 4:
            end = end_line
    return "\n".join(
        linecache.getline(filename, number).strip() for number in range(line, end + 1)
    ).strip()


def _shapes(source: str, frame: types.FrameType) -> str:
    """``name (shape)`` for each array (or Tensor) the statement names, in order of appearance."""
    shown: list[str] = []
    seen: set[str] = set()
    for name in _NAME.findall(source):
        if name in seen or len(shown) >= SHOWN_SHAPES:
            continue
        seen.add(name)
        value: Any = frame.f_locals.get(name, frame.f_globals.get(name))
        shape = getattr(value, "shape", None)
        if isinstance(shape, tuple) and not isinstance(value, type):
            shown.append(f"{name} {shape}")
    return ", ".join(shown)


def failing_line(error: BaseException) -> FailingLine | None:
    """The deepest line of your code in ``error``'s traceback, or None when there is none.

    Args:
        error: an exception raised by (or under) your function.

    Returns:
        A :class:`FailingLine` with the statement, the shapes of the arrays it names and the
        chain of your functions that called it; None when no frame of the traceback is yours.
    """
    yours: list[tuple[types.FrameType, int, int]] = []
    tb = error.__traceback__
    while tb is not None:
        if _is_yours(tb.tb_frame.f_code.co_filename):
            yours.append((tb.tb_frame, tb.tb_lineno, tb.tb_lasti))
        tb = tb.tb_next
    if not yours:
        return None
    frame, line, last_instruction = yours[-1]
    code = frame.f_code
    source = _statement(code, code.co_filename, line, last_instruction)
    callers: list[tuple[str, int, int]] = []  # (function, line, times in a row)
    for caller, number, _ in reversed(yours[:-1]):
        name = caller.f_code.co_name
        if callers and callers[-1][:2] == (name, number):  # recursion: one entry, counted
            callers[-1] = (name, number, callers[-1][2] + 1)
        elif len(callers) < SHOWN_CALLERS:
            callers.append((name, number, 1))
    return FailingLine(
        function=code.co_name,
        filename=code.co_filename,
        line=line,
        source=source,
        shapes=_shapes(source, frame),
        callers=callers,
    )


def crash_message(call: str, error: BaseException, inputs: str) -> str:
    """The message of a ManualGradientError for your function's crash.

    Args:
        call: how your call is named, e.g. "L_model_backward(AL, Y, caches)".
        error: what it raised.
        inputs: the shapes compare gave it, e.g. "(shapes: X (2, 20), Y (1, 20), W1 (4, 2), ...)".

    Returns:
        "your CALL raised KIND: MESSAGE", then where in your code and the shapes there (when a
        frame of the traceback is yours), then the inputs' shapes.
    """
    where = failing_line(error)
    head = f"your {call} raised {exception_text(error)}"
    if where is None:
        return f"{head} {inputs}"
    return f"{head}\n{where.describe()}\n{inputs}"
