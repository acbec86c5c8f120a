"""How messages and diagrams name a tensor: ``W2 (1, 4)``, ``1 - A2``, ``3 entries``."""

from __future__ import annotations

from typing import Any


def describe(t: Any) -> str:
    """A tensor by name and shape, ``W2 (1, 4)``; an unnamed one by what made it."""
    return f"{label(t)} {tuple(t.shape)}"


def label(t: Any, depth: int = 1) -> str:
    """A tensor's name; for an unnamed one, its value (a one-entry constant) or the formula that
    made it, one level deep (``1 - A2``, ``W1 @ X``, ``sum(...)``)."""
    if t.name:
        return t.name
    if t.op is None:
        return format(t.data.item(), "g") if t.data.size == 1 else "unnamed tensor"
    if depth <= 0:
        return "(...)"
    return t.op.write("label", 0, [label(p, depth - 1) for p in t.parents], **t.params)


def entries(n: int) -> str:
    """``1 entry``, ``3 entries``: counts in messages."""
    return f"{n} entry" if n == 1 else f"{n} entries"
