"""Replay a recorded graph in PyTorch, op by op, and compare every value and gradient.

:func:`check_against_torch` walks the graph of J in topological order (``graph.toposort``),
gives each leaf to PyTorch as a tensor of the same value and dtype, computes every other node
with its op's counterpart (:data:`~autograd_nn.pytorch.counterparts.TORCH_OPS`), keeps every
intermediate's gradient (``retain_grad()``) and runs PyTorch's backward from J with the seed
autograd_nn used. Each tensor then has two values and two gradients, one from each library.

The first disagreement is located as a learner would look for it: a value that differs while
the values it was made from agree points at that op's forward; a gradient that differs while
every tensor it feeds agrees points at the backward rule (VJP) of the op that sent it, found by
comparing each edge's contribution (``viz.replay.trace(J)`` against ``torch.autograd.grad``).
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from ..graph import toposort
from ..tensor import Tensor
from ..viz.replay import trace
from .counterparts import TORCH_OPS
from .report import TorchReport, TorchRow, agree, differing_entries, set_floors, tolerance_for
from .requirement import import_torch


def row_name(t: Tensor) -> str:
    """A tensor's name, or the op and the names of its inputs: ``mul(b, c)``."""
    if t.name or t.op is None:
        return _short_name(t)
    return f"{t.op.name}({', '.join(_short_name(p) for p in t.parents)})"


def _short_name(t: Tensor) -> str:
    """A name, a one-entry constant's value, ``op(...)`` or "leaf"."""
    if t.name:
        return t.name
    if t.op is not None:
        return f"{t.op.name}(...)"
    return format(float(np.ravel(t.data)[0]), "g") if np.size(t.data) == 1 else "leaf"


def missing_counterparts(J: Tensor) -> list[str]:
    """The names of the ops in J's graph that have no PyTorch counterpart (sorted)."""
    return sorted({t.op.name for t in toposort(J) if t.op is not None} - set(TORCH_OPS))


def check_against_torch(J: Tensor) -> TorchReport:
    """Replay J's graph in PyTorch op by op; compare every node's value and gradient.

    Every tensor J depends on, leaves (W, b, X) and intermediates (Z, A) alike, gets a row:
    its value from autograd_nn and from PyTorch, and dJ/d(tensor) from ``J.backward()`` and
    from PyTorch's autograd (``retain_grad()`` keeps the intermediates' gradients). They agree
    when the relative difference ||ours - theirs|| / (||ours|| + ||theirs||) is at most 1e-10
    (float64) or 1e-5 (float32).

    The gradients compared are those the tensors hold: run ``J.backward()`` first (or let this
    function run it, when J holds no gradient yet; a J of several entries needs your seed,
    ``J.backward(gradient)``). PyTorch starts from the same seed, J.grad.

    Args:
        J: the tensor whose graph to replay, usually the cost.

    Returns:
        A :class:`~autograd_nn.pytorch.report.TorchReport`: print it, or show it in a notebook
        as a table; ``report.ok`` is True when everything agrees, and ``report.finding``
        locates the first disagreement.

    Raises:
        ImportError: PyTorch is not installed (``pip install "autograd-nn[torch]"``).
        TypeError: J is not a Tensor.
        ValueError: J has several entries and no gradient, or an op has no counterpart.

    Example:
        >>> from autograd_nn import Tensor
        >>> from autograd_nn.pytorch import check_against_torch
        >>> a, b, c = Tensor(5.0, name="a"), Tensor(3.0, name="b"), Tensor(2.0, name="c")
        >>> u = b * c; u.name = "u"
        >>> J = 3 * (a + u); J.name = "J"
        >>> J.backward()
        >>> check_against_torch(J).ok  # doctest: +SKIP
        True
    """
    torch = import_torch("check_against_torch")
    if not isinstance(J, Tensor):
        raise TypeError(f"check_against_torch: J must be a Tensor, got {type(J).__name__}")
    missing = missing_counterparts(J)
    if missing:
        raise ValueError(
            f"check_against_torch: no PyTorch counterpart for the op(s) {', '.join(missing)}; "
            "add one to autograd_nn.pytorch.counterparts.TORCH_OPS"
        )
    notes = []
    if J.grad is None:
        if J.size != 1:
            raise ValueError(
                f"check_against_torch: J {J.shape} has {J.size} entries and no gradient: run "
                "J.backward(gradient) first with the seed dJ/dJ you want compared"
            )
        J.backward()
        notes.append("J held no gradient, so J.backward() was run first.")
    order = toposort(J)
    replay = _Replay(torch, order)
    replay.forward()
    replay.backward(J)
    rows = [replay.row(t) for t in reversed(order)]
    set_floors(rows)
    title = f"autograd_nn vs PyTorch, op by op: {row_name(J)} {J.shape}, {len(order)} tensors"
    finding = replay.locate(J, rows)
    return TorchReport(title, rows, finding, notes)


class _Replay:
    """The PyTorch twin of one graph: a torch tensor for each autograd_nn tensor."""

    def __init__(self, torch: Any, order: list[Tensor]) -> None:
        self.torch = torch
        self.order = order
        self.values: dict[Tensor, Any] = {}  # autograd_nn tensor -> its torch twin
        self.reported: dict[tuple[Tensor, int], Any] = {}  # (child, input) -> reported gradient
        self.dtypes = {np.dtype(np.float64): torch.float64, np.dtype(np.float32): torch.float32}

    def forward(self) -> None:
        torch = self.torch
        with torch.enable_grad():
            for t in self.order:
                dtype = self.dtypes.get(np.dtype(t.data.dtype), torch.float64)
                if t.op is None:
                    value = torch.tensor(np.array(t.data), dtype=dtype)
                    value.requires_grad_(t.requires_grad)
                else:
                    counterpart = TORCH_OPS[t.op.name]
                    inputs = [self.values[p] for p in t.parents]
                    for i in counterpart.reported:  # reported, not sent on: no gradient flows
                        if i < len(inputs):
                            inputs[i] = inputs[i].detach()
                    try:
                        value = counterpart.forward(torch, *inputs, **t.params)
                    except Exception as error:
                        raise RuntimeError(
                            f"check_against_torch: PyTorch's {counterpart.text} failed for "
                            f"{row_name(t)} ({t.op.name}): {error}"
                        ) from None
                    if value.dtype != dtype:
                        value = value.to(dtype)
                    if any(value is x for x in inputs):
                        value = value.clone()
                    if value.requires_grad:
                        value.retain_grad()
                self.values[t] = value

    def backward(self, J: Tensor) -> None:
        torch = self.torch
        root = self.values[J]
        if not root.requires_grad:
            return
        seed = torch.tensor(np.array(J.grad), dtype=root.dtype)
        root.backward(gradient=seed, retain_graph=True)
        for child in self.order:  # the gradients an op reports without sending them on
            if child.op is None or self.values[child].grad is None:
                continue
            for i, function in TORCH_OPS[child.op.name].reported.items():
                if i < len(child.parents) and child.parents[i].requires_grad:
                    inputs = [self.values[p].detach() for p in child.parents]
                    inputs[i].requires_grad_(True)
                    with torch.enable_grad():
                        (gradient,) = torch.autograd.grad(
                            function(torch, *inputs), inputs[i], self.values[child].grad
                        )
                    self.reported[(child, i)] = gradient

    def torch_gradient(self, t: Tensor) -> np.ndarray | None:
        """PyTorch's dJ/dt: the gradient kept on its twin plus what was reported to it."""
        value = self.values[t]
        if not value.requires_grad:
            return None
        total = value.grad if value.grad is not None else self.torch.zeros_like(value)
        for (child, i), gradient in self.reported.items():
            if child.parents[i] is t:
                total = total + gradient
        return total.detach().numpy()

    def row(self, t: Tensor) -> TorchRow:
        made_by = "leaf" if t.op is None else f"{t.op.name}: {TORCH_OPS[t.op.name].text}"
        # (a tensor that requires a gradient but holds none disagrees with PyTorch's)
        gradient = None if t.grad is None else np.asarray(t.grad)
        return TorchRow(
            row_name(t),
            made_by,
            tuple(np.shape(t.data)),
            np.asarray(t.data),
            self.values[t].detach().numpy(),
            gradient if t.requires_grad else None,
            self.torch_gradient(t),
            tolerance_for(t.data.dtype),
            "" if t.op is None else TORCH_OPS[t.op.name].convention,
        )

    # --- locating the first disagreement --------------------------------------------------
    def locate(self, J: Tensor, rows: list[TorchRow]) -> str:
        """The "Finding the disagreement" section ("" when every row agrees)."""
        self.gradient_floor = max((row.gradient_floor for row in rows), default=0.0)
        by_tensor = dict(zip(reversed(self.order), rows, strict=True))
        for t in self.order:  # forward order: the first value that differs
            row = by_tensor[t]
            if not row.value_matches:
                return self._value_finding(t, row)
        for t, row in zip(reversed(self.order), rows, strict=True):  # backward order
            if not row.gradient_matches:
                return self._gradient_finding(J, t, row)
        return ""

    def _value_finding(self, t: Tensor, row: TorchRow) -> str:
        counterpart = TORCH_OPS[t.op.name] if t.op is not None else None
        inputs = ", ".join(row_name(p) for p in t.parents)
        lines = [
            "Finding the disagreement",
            textwrap.fill(
                f"The first value that differs, in forward order, is {row.name} {row.shape}, "
                f"made by {t.op.name if t.op else 'nobody (a leaf)'} from "
                f"{inputs or 'nothing'}. Its inputs agree, so the forward rule of this op is "
                "where autograd_nn and PyTorch part (PyTorch computes it as "
                f"{counterpart.text if counterpart else '-'}).",
                100,
            ),
            "",
            *differing_entries(row.value, row.torch_value),
        ]
        return "\n".join(lines)

    def _gradient_finding(self, J: Tensor, t: Tensor, row: TorchRow) -> str:
        lines = [
            "Finding the disagreement",
            textwrap.fill(
                f"The first gradient that differs, in backward order, is dJ/d{row.name} "
                f"{row.shape}; the value of every tensor agrees, and so does the gradient of "
                f"every tensor {row.name} feeds.",
                100,
            ),
        ]
        edge = self._first_wrong_edge(J, t)
        if edge is not None:
            child, indices, ours, theirs = edge
            which = " and ".join(f"input {i + 1}" for i in indices)
            counterpart = TORCH_OPS[child.op.name]
            lines.append(
                textwrap.fill(
                    f"What {row_name(child)} sends back to it ({which} of {child.op.name}) "
                    f"differs: the backward rule (VJP) of {child.op.name} for that input "
                    f"disagrees with PyTorch's autograd of {counterpart.text}.",
                    100,
                )
            )
            if counterpart.convention:
                lines.append(textwrap.fill(f"Note: {counterpart.convention}.", 100))
            lines += ["", *differing_entries(ours, theirs)]
        else:
            lines += ["", *differing_entries(row.gradient, row.torch_gradient)]
            if t.op is None and row.gradient is None:
                lines.append("autograd_nn holds no gradient for it (was backward run on J?).")
        return "\n".join(lines)

    def _edge(self, child: Tensor, indices: list[int]) -> np.ndarray:
        """PyTorch's contribution of ``child`` to its inputs ``indices`` alone: the child's
        counterpart run again on detached copies of its inputs, differentiated with the
        gradient PyTorch gave the child (the edge, not every path between the two)."""
        torch = self.torch
        counterpart = TORCH_OPS[child.op.name]
        inputs = [
            self.values[p].detach().requires_grad_(i in indices)
            for i, p in enumerate(child.parents)
        ]
        with torch.enable_grad():
            out = counterpart.forward(torch, *inputs, **child.params).to(self.values[child].dtype)
            gradients = torch.autograd.grad(
                out, [inputs[i] for i in indices], self.values[child].grad
            )
        return sum(g.detach().numpy() for g in gradients)

    def _first_wrong_edge(
        self, J: Tensor, parent: Tensor
    ) -> tuple[Tensor, list[int], np.ndarray, np.ndarray] | None:
        """The first consumer (backward order) whose contribution to ``parent`` differs."""
        ours: dict[Tensor, Any] = {}
        indices: dict[Tensor, list[int]] = {}
        for child, index, receiver, _, contribution in trace(J):
            if receiver is parent:
                ours[child] = ours.get(child, 0) + contribution
                indices.setdefault(child, []).append(index)
        for child, contribution in ours.items():
            theirs = 0
            reported = [i for i in indices[child] if (child, i) in self.reported]
            for i in reported:
                theirs = theirs + self.reported[(child, i)].detach().numpy()
            sent = [i for i in indices[child] if i not in reported]
            if sent and self.values[child].grad is not None:
                theirs = theirs + self._edge(child, sent)
            theirs = np.broadcast_to(np.asarray(theirs, dtype=float), np.shape(contribution))
            tolerance = tolerance_for(parent.data.dtype)
            if not agree(contribution, theirs, tolerance, self.gradient_floor):
                return child, indices[child], np.asarray(contribution), theirs
        return None
