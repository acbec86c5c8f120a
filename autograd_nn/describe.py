"""How messages and diagrams name a tensor (``W2 (1, 4)``, ``1 - A2``, ``3 entries``), and how
Python shows one (its repr)."""

from __future__ import annotations

from typing import Any

import numpy as np


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


def show(t: Any) -> str:
    """How Python shows a tensor (its repr): ``Tensor(33.0, name='J', op='mul')``; a few
    entries in full, a larger one by its shape, mean, min and max."""
    d = t.data
    if d.ndim == 0:
        parts = [repr(float(d))]
    elif d.size <= 8:
        value = np.array2string(d, precision=4, separator=", ", floatmode="maxprec")
        parts = [value.replace("\n", ""), f"shape={t.shape}"]
    else:
        parts = [f"shape={t.shape}, mean={d.mean():.4g}, min={d.min():.4g}, max={d.max():.4g}"]
    if t.name:
        parts.insert(1, f"name={t.name!r}")
    if t.op is not None:
        parts.append(f"op={t.op.name!r}")
    if t.dtype != np.float64:
        parts.append(f"dtype={t.dtype}")
    if not t.requires_grad:
        parts.append("requires_grad=False")
    return f"Tensor({', '.join(parts)})"
