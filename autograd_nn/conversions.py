"""Where numpy turns a Tensor into plain numbers by itself, and which of those turns are refused.

numpy's dispatch protocols (see :mod:`autograd_nn.numpy_api`) reach every ufunc and every
function that dispatches on its array arguments. Some numpy code never dispatches: it converts
the Tensor to numbers through ``__array__`` or ``__float__``, the same calls the explicit ways
out make (``np.asarray(t)``, ``float(t)``). A copy of the values then carries no graph, and
``J.backward()`` gives a wrong gradient without a word. The calls themselves look alike; what
differs is who makes them, which the caller's frame tells:

* **writing into a numpy array**: ``dw[j] = t``, ``dw[j] += t``, ``A[mask] = t``: the frame that
  converts the Tensor is executing a subscript store;
* **numpy's own Python code** (``np.full``, ``np.bmat``, ``np.vectorize``, ``np.isfortran``):
  the conversion comes from a frame of the numpy package; the function the learner called is
  the outermost of those frames;
* **numpy's compiled functions** (``np.fromiter``, ``np.arange``, ``np.random.normal``,
  ``rng.choice``): the conversion comes straight from the learner's frame, while it calls a
  function of numpy; the call's position in the code names the function (``rng.normal``).

For a Tensor that requires a gradient (while recording), those are refused with
:class:`~autograd_nn.errors.UnsupportedNumpyFunctionError`, which names the function and the
way that keeps the graph. The explicit ways out stay open (``float(t)``, ``t.item()``,
``t.numpy()``, ``np.asarray(t)``, ``np.array(t)``, ``np.float64(t)``), and so does every
conversion of a tensor that needs no gradient. numpy's attribute probes on a Tensor
(``np.isfortran`` reads ``.flags``, ``np.fromfile`` calls ``.flush``) are refused the same way,
for any Tensor.

What no frame can tell is listed in docs/guides/course-code.md: a Python list of Tensors given
to ``np.array`` (the same call as ``np.array(t)``), the methods of a numpy array (``X.dot(W)``),
and the ``math`` module.
"""

from __future__ import annotations

import builtins
import dis
import functools
import sys
from collections.abc import Callable
from types import CodeType, FrameType, ModuleType
from typing import Any

import numpy as np

from .describe import describe
from .errors import UnsupportedNumpyFunctionError
from .graph import state

# the explicit ways out: numpy calls that convert a Tensor to values because the learner asked
EXPLICIT = frozenset(
    {
        "array",
        "asarray",
        "asanyarray",
        "ascontiguousarray",
        "asfortranarray",
        "asarray_chkfinite",
        "require",
        "copy",
    }
)
# the opcodes of ``x[i] = value`` (STORE_SLICE: ``x[i:j] = value`` from Python 3.12)
STORES = frozenset(dis.opmap[name] for name in ("STORE_SUBSCR", "STORE_SLICE") if name in dis.opmap)
LOADS = frozenset(
    {
        "LOAD_NAME",
        "LOAD_GLOBAL",
        "LOAD_FAST",
        "LOAD_FAST_CHECK",
        "LOAD_DEREF",
        "LOAD_CLASSDEREF",
        "LOAD_ATTR",
        "LOAD_METHOD",
    }
)
FIX = (
    "To keep the graph, compute with the Tensor (numpy's recorded functions, the Tensor's "
    "methods); to use its values on purpose, call it on {name}.numpy() (or float({name}))"
)


def check(t: Any, conversion: str) -> None:
    """Refuse numpy's conversion of ``t`` (``"__array__"``, ``"__float__"``) where it would lose
    the graph: ``t`` requires a gradient and operations are being recorded."""
    if not (t.requires_grad and state.grad_enabled):
        return
    frame = _asking()
    if frame is None:
        return
    message = _writing(t, frame) or _numpy_caller(t, frame, conversion)
    if message is not None:
        raise UnsupportedNumpyFunctionError(message)


PROBES = ("flags", "flush", "split", "__dlpack__", "__dlpack_device__")
"""The attributes numpy reads when it takes a Tensor for an array or a file: ``np.isfortran``
(``.flags``), ``np.fromfile`` (``.flush``), ``np.genfromtxt`` (``.split`` of each line),
``np.from_dlpack`` (``__dlpack__``). (Named attributes, not a ``__getattr__``: a class with one
has every attribute read slowed down.)"""


def probe(attribute: str) -> Callable[[Any], Any]:
    """The property that answers numpy's read of ``attribute`` on a Tensor: refused by the
    numpy function's name, for any Tensor; anyone else gets the AttributeError."""

    def read(t: Any) -> Any:
        frame = _asking()
        name = None if frame is None else _numpy_function(frame)
        if name is not None:
            raise UnsupportedNumpyFunctionError(
                f"{name}: {describe(t)} is a Tensor, not a numpy array (numpy read its "
                f"'{attribute}'); call it on {_short(t)}.numpy() for the values"
            )
        raise AttributeError(f"'Tensor' object has no attribute '{attribute}'")

    read.__doc__ = f"Not a Tensor's: numpy reading ``{attribute}`` is refused by name."
    return read


def check_write_back(t: Any, value: Any) -> None:
    """``dw[j] += t`` with ``dw`` a numpy array: numpy's number ``dw[j]`` plus a Tensor is about
    to be stored back into the array. Refused before the sum is made (``t`` requires a
    gradient; ``value`` is the numpy number on the left)."""
    frame = _asking()
    if frame is not None and _stores_back(frame.f_code, frame.f_lasti):
        raise UnsupportedNumpyFunctionError(_writing_message(t))


def _asking() -> FrameType | None:
    """The frame that asked, outside autograd_nn (the learner's code, or numpy's); None when
    the library itself asked (it converts tensors on purpose)."""
    frame = sys._getframe(2)
    while frame is not None and _is_library(frame):
        frame = frame.f_back
    return frame


def _writing(t: Any, frame: FrameType) -> str | None:
    """``dw[j] = t``: the frame converting the Tensor is storing into a subscript."""
    return _writing_message(t) if _stores(frame.f_code, frame.f_lasti) else None


def _writing_message(t: Any) -> str:
    name = _short(t)
    return (
        f"{describe(t)} written into a numpy array: numpy would store a copy of its values, "
        "and the graph would be lost (J.backward() would give wrong gradients, silently). Keep "
        "the values as Tensors: collect them in a list and join them with "
        "autograd_nn.stack(terms) (or add them up: total = total + term, a recorded Tensor); "
        f"to store the value on purpose, write float({name}) or {name}.numpy()"
    )


def _numpy_caller(t: Any, frame: FrameType, conversion: str) -> str | None:
    name = _numpy_function(frame, holding=t)
    if name is None or _explicit(name.rsplit(".", 1)[-1]):
        return None
    spelling = ""
    if name in ("np.full", "np.full_like"):
        spelling = f" (a Tensor filled with it: autograd_nn.broadcast_to({_short(t)}, shape))"
    elif name.endswith(".dot") and not name.startswith("np."):
        spelling = " (a numpy array's own method: np.dot(X, W) and X @ W record)"
    return (
        f"{name} converts {describe(t)} to plain numbers itself (through {conversion}), so it "
        f"cannot keep it in the graph: the gradient would be silently lost{spelling}. "
        + FIX.format(name=_short(t))
    )


def _explicit(function: str) -> bool:
    """np.asarray(t), np.array(t), np.float64(t): the learner asked for the values."""
    scalar_type = getattr(np, function, None)
    return function in EXPLICIT or (
        isinstance(scalar_type, type) and issubclass(scalar_type, np.generic)
    )


def _numpy_function(frame: FrameType, holding: Any = None) -> str | None:
    """The numpy function the learner called, if numpy is the one reading the Tensor now:
    the outermost frame of numpy's own Python code, or the compiled numpy function the
    learner's frame is calling.

    With ``holding`` (the Tensor converted), numpy's Python code counts only if one of its
    frames holds a Tensor that requires a gradient in a variable of its own (``np.full(2, s)``,
    ``np.tri(s)``, which converts ``s - 0``): a Tensor inside a list handed to numpy
    (``np.squeeze(costs)`` for a plot) is converted with the list, as by ``np.array(costs)``.
    """
    outermost, holds = None, holding is None
    while frame is not None and _is_numpy(frame.f_globals.get("__name__", "")):
        holds = holds or any(
            type(value) is type(holding) and value.requires_grad
            for value in frame.f_locals.values()
        )
        outermost, frame = frame, frame.f_back
    if outermost is not None:
        if outermost.f_globals["__name__"].startswith("numpy.testing") or _is_library(frame):
            return None  # (assert_allclose and friends: tests; the library's own calls)
        return _public_name(outermost) if holds else None
    if frame is None:
        return None
    callee = _callee(frame.f_code, frame.f_lasti)
    if callee is None or not _calls_numpy(frame, callee):
        return None
    return ".".join(callee)


def _is_numpy(module: str) -> bool:
    return module == "numpy" or module.startswith("numpy.")


def _is_library(frame: FrameType | None) -> bool:
    """Frames of autograd_nn itself: it converts tensors on purpose (``t.data`` it knows)."""
    return frame is not None and frame.f_globals.get("__name__", "").startswith("autograd_nn.")


def _public_name(frame: FrameType) -> str:
    """``np.full``, ``np.vectorize`` (from ``vectorize.__call__``), ``np.random.normal``."""
    module = frame.f_globals["__name__"]
    qualname = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
    function = qualname.split(".")[0]
    for sub in ("random", "linalg", "fft", "ma", "polynomial"):
        if module == f"numpy.{sub}" or module.startswith(f"numpy.{sub}."):
            return f"np.{sub}.{function}"
    return f"np.{function}"


@functools.lru_cache(maxsize=256)
def _instructions(code: CodeType) -> tuple[dis.Instruction, ...]:
    return tuple(dis.get_instructions(code))


@functools.lru_cache(maxsize=1024)
def _stores(code: CodeType, offset: int) -> bool:
    """Is the instruction at ``offset`` a subscript store (``x[i] = value``)?"""
    return code.co_code[offset] in STORES  # (co_code is a new copy on every read: cached)


@functools.lru_cache(maxsize=1024)
def _stores_back(code: CodeType, offset: int) -> bool:
    """Is the instruction at ``offset`` an augmented assignment (``+=``) whose result is stored
    into a subscript (``dw[j] += ...``)? (Only stack shuffles lie between the two.)"""
    instructions = _instructions(code)
    index = next((k for k, i in enumerate(instructions) if i.offset == offset), None)
    if index is None or not _augmented(instructions[index]):
        return False
    for i in instructions[index + 1 :]:
        if i.opcode in STORES:
            return True
        if i.opname not in ("SWAP", "COPY", "ROT_TWO", "ROT_THREE", "CACHE"):
            return False
    return False


def _augmented(instruction: dis.Instruction) -> bool:
    """``+=`` and friends: BINARY_OP with an in-place operator (3.11+), INPLACE_* before."""
    if instruction.opname == "BINARY_OP":
        return instruction.argrepr.endswith("=")
    return instruction.opname.startswith("INPLACE_")


@functools.lru_cache(maxsize=1024)
def _callee(code: CodeType, offset: int) -> tuple[str, ...] | None:
    """The names of the function called at ``offset``, as written: ``("np", "random",
    "normal")``, ``("rng", "choice")``, ``("np", "random", "default_rng()", "normal")``.

    The callee is the expression the call starts with: the loads (and inner calls) whose
    source position starts where the call starts and ends before it does (Python 3.11+).
    """
    instructions = _instructions(code)
    call = next((i for i in instructions if i.offset == offset), None)
    if call is None or not call.opname.startswith("CALL") or not _placed(call):
        return None
    start = (call.positions.lineno, call.positions.col_offset)
    reach = (call.positions.end_lineno, call.positions.end_col_offset)
    names: list[str] = []
    last = start
    for i in instructions:  # the callee's loads in order, each reaching further than the last
        if (
            i.offset >= offset
            or not _placed(i)
            or (i.positions.lineno, i.positions.col_offset) != start
        ):
            continue
        end = (i.positions.end_lineno, i.positions.end_col_offset)
        if not last < end < reach:
            continue
        if i.opname in LOADS and isinstance(i.argval, str) and (names or "ATTR" not in i.opname):
            names.append(i.argval)
        elif i.opname.startswith("CALL") and names:
            names[-1] += "()"
        else:
            continue
        last = end
    return tuple(names) or None


def _placed(instruction: dis.Instruction) -> bool:
    """Does the instruction know its source position (Python 3.11+)?"""
    positions = getattr(instruction, "positions", None)
    return positions is not None and None not in positions


def _calls_numpy(frame: FrameType, callee: tuple[str, ...]) -> bool:
    """Is the callee numpy's (a numpy module, function, Generator or RandomState first)?"""
    first = callee[0]
    if first.endswith("()"):
        return False
    namespaces = (frame.f_locals, frame.f_globals, vars(builtins))
    value = next((n[first] for n in namespaces if first in n), None)
    if isinstance(value, ModuleType):
        return _is_numpy(value.__name__)
    module = getattr(value, "__module__", None)  # a function (from numpy import fromiter)
    if not isinstance(module, str):
        module = type(value).__module__  # an object: a numpy array, a Generator
    return _is_numpy(module)


def _short(t: Any) -> str:
    return t.name or "t"


def numpy_function_calling() -> str | None:
    """The numpy function the learner called when numpy's own code hands a Tensor on to another
    numpy function (``np.full`` calls ``np.copyto``): its name, for the refusal; else None."""
    frame = _asking()
    if frame is None or not _is_numpy(frame.f_globals.get("__name__", "")):
        return None
    return _numpy_function(frame)
