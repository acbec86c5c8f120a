"""Arrays your backprop changed in place: its inputs and your cache, compared before and after.

In numpy, ``dZ = dA`` does not copy: ``dZ`` becomes a second name for the array ``dA`` names,
so ``dZ[Z <= 0] = 0`` (or ``dZ *= ...``) changes that array for every name it has: ``dA``,
the cache it came from, the grads dict it was stored in. The course writes
``dZ = np.array(dA, copy=True)`` in ``relu_backward`` for exactly this reason.

compare copies every array it hands your backward function (the parameters, X, Y, A[L] and
every array inside your cache, however nested) before the call, and compares them after it:
:func:`changed_in_place` lists those that changed, and :func:`in_place_note` explains it in the
course's terms, naming each array by its place in your arguments (``caches[1][1]``) and by the
course's name of its value (Z[2]). A ``dA`` that the next step changes in place after it was
stored in grads is not among your arguments; :mod:`~autograd_nn.compare.diagnosis` recognises
it from its value (it equals dZ).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import reference
from .inputs import Parameters

MAX_ARRAYS = 10_000
"""Arrays followed inside the arguments (a cache of a 1,000-layer network holds 4,000)."""

MAX_DEPTH = 8
"""Nesting followed inside the arguments (week 4's caches: list -> tuple -> tuple -> array)."""

SHOWN_CHANGES = 5


@dataclass(frozen=True)
class Snapshot:
    """One array handed to your function, and a copy of it taken before the call.

    Attributes:
        where: its place in the arguments, e.g. 'cache["A1"]' or "caches[1][0][0]".
        array: the array itself (what your function could change).
        before: its values before the call.
    """

    where: str
    array: np.ndarray
    before: np.ndarray


def snapshot(arguments: Mapping[str, Any]) -> list[Snapshot]:
    """Copies of every numpy array inside ``arguments`` (by argument name), each once.

    Dicts, lists and tuples are followed up to :data:`MAX_DEPTH` levels and
    :data:`MAX_ARRAYS` arrays; an array reachable in two places is recorded at the first.
    """
    found: list[Snapshot] = []
    seen: set[int] = set()

    def visit(value: Any, where: str, depth: int) -> None:
        if len(found) >= MAX_ARRAYS or depth > MAX_DEPTH:
            return
        if isinstance(value, np.ndarray):
            if id(value) not in seen:
                seen.add(id(value))
                found.append(Snapshot(where, value, value.copy()))
        elif isinstance(value, Mapping):
            for key, item in list(value.items()):
                shown = f'"{key}"' if isinstance(key, str) else repr(key)
                visit(item, f"{where}[{shown}]", depth + 1)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                visit(item, f"{where}[{index}]", depth + 1)

    for name, value in arguments.items():
        visit(value, name, 0)
    return found


def changed_in_place(snapshots: list[Snapshot]) -> list[tuple[Snapshot, int]]:
    """The arrays whose values changed since :func:`snapshot`, with how many entries changed."""
    changes = []
    for shot in snapshots:
        now = shot.array
        if now.shape != shot.before.shape:
            changes.append((shot, int(shot.before.size)))
            continue
        with np.errstate(invalid="ignore"):
            differ = (now != shot.before) & ~(np.isnan(now) & np.isnan(shot.before))
        if np.any(differ):
            changes.append((shot, int(np.count_nonzero(differ))))
    return changes


def course_values(
    parameters: Parameters, X: np.ndarray, Y: np.ndarray, hidden_activation: str
) -> dict[str, np.ndarray]:
    """The course's name of each array a forward pass makes: X, Y, W[l], b[l], Z[l], A[l].

    Used to name an array of your cache by its value (``caches[1][1]`` holds Z[2]).
    """
    L = len(parameters) // 2
    AL, caches = reference.L_model_forward(X, parameters, hidden_activation)
    values: dict[str, np.ndarray] = {"X": X, "Y": Y}
    for l in range(1, L + 1):
        (_, W, b), Z = caches[l - 1]
        values[f"W[{l}]"], values[f"b[{l}]"], values[f"Z[{l}]"] = W, b, Z
        values[f"A[{l}]"] = AL if l == L else caches[l][0][0]
    return values


def _course_name(before: np.ndarray, values: Mapping[str, np.ndarray]) -> str:
    """The course's name of the quantity ``before`` holds (to rounding), or ""."""
    for name, value in values.items():
        if value.shape == before.shape and before.dtype.kind in "fiub":
            with np.errstate(all="ignore"):
                if np.allclose(before, value, rtol=1e-9, atol=1e-300):
                    return name
    return ""


def in_place_note(
    call: str, changes: list[tuple[Snapshot, int]], values: Mapping[str, np.ndarray]
) -> str:
    """The report's sentence on arrays your function changed in place.

    Args:
        call: how your call is named, e.g. "backward_propagation(parameters, cache, X, Y)".
        changes: from :func:`changed_in_place` (not empty).
        values: from :func:`course_values`, to name each array by the course's name.
    """
    described = []
    for shot, count in changes[:SHOWN_CHANGES]:
        name = _course_name(shot.before, values)
        what = f"{name}, shape" if name else "shape"
        described.append(
            f"{shot.where} ({what} {shot.before.shape}: {count} of its {shot.before.size} entries)"
        )
    more = f" and {len(changes) - SHOWN_CHANGES} more" if len(changes) > SHOWN_CHANGES else ""
    return (
        f"In place: your {call} changed {', '.join(described)}{more} while it ran. In numpy, "
        "`B = A` does not copy: B becomes a second name for the same array (so does an array "
        "taken out of the cache or the parameters dict), and `B[...] = ...` or `B *= ...` then "
        "changes it under every name, the forward pass's cache included, which later steps "
        "read. Copy before changing, as the course does: `dZ = np.array(dA, copy=True)`, then "
        "`dZ[Z <= 0] = 0`."
    )
