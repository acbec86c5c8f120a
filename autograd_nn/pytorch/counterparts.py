"""Each op of autograd_nn's op table beside its PyTorch counterpart.

:data:`TORCH_OPS` maps an op's name (``autograd_nn.ops.OPS``) to a :class:`Counterpart`: how
PyTorch computes the same forward (``torch.matmul(x, y)`` for ``matmul``), from which PyTorch's
own autograd derives the gradients that :func:`autograd_nn.pytorch.check_against_torch`
compares with autograd_nn's. The backward rules are never written here: PyTorch's are the
second opinion.

A test walks ``OPS`` and fails for an op without a counterpart, so a new op cannot be added
without saying how PyTorch writes it.

Where the two libraries choose differently at a point where the derivative does not exist,
:attr:`Counterpart.convention` says so, and the report quotes it when that op disagrees:

- ``maximum``/``minimum`` at a tie (x = y): PyTorch sends half the gradient to each operand,
  autograd_nn to neither (so that ``np.maximum(0, Z)`` has relu'(0) = 0, as the course's relu);
- ``pow``, d(x^p)/dp for x < 0: PyTorch gives NaN (log of a negative number), autograd_nn 0;
  at x = 0 with p < 1, d(x^p)/dx: PyTorch inf or NaN, autograd_nn refuses (DomainError);
- ``sqrt`` at 0: PyTorch's derivative is inf (NaN after a zero upstream gradient), autograd_nn
  sends 0 for a zero upstream gradient and refuses otherwise.

relu'(0) = 0, leaky_relu'(0) = slope, |x|'(0) = 0, clip's gradient at its bounds (passed) and
tied maxima of ``max`` (shared equally, ``torch.amax``) are the same in both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Counterpart:
    """How PyTorch computes one op of the table.

    Attributes:
        forward: ``forward(torch, *inputs, **params)``: the op's value from PyTorch tensors
            (``params`` are the op's own, as recorded in ``t.params``: axis, slope, ...).
        text: how it reads in PyTorch, e.g. ``"torch.matmul(x, y)"``.
        reported: for an op that reports a gradient to an input without sending it on (the
            logistic loss reports the course's dA[L] to A[L]): input index -> a function
            ``(torch, *inputs)`` whose derivative with respect to that input, by PyTorch's
            autograd, is the reported gradient.
        convention: where PyTorch's derivative differs from autograd_nn's at a
            non-differentiable point ("" when nowhere).
    """

    forward: Callable[..., Any]
    text: str
    reported: Mapping[int, Callable[..., Any]] = field(default_factory=dict)
    convention: str = ""


def _dims(x: Any, axis: Any) -> tuple[int, ...]:
    """numpy's ``axis`` (None, an int or a tuple) as PyTorch's ``dim`` tuple."""
    if axis is None:
        return tuple(range(x.dim()))
    return (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)


def _reduction(name: str) -> Callable[..., Any]:
    """sum, mean or amax over numpy's ``axis`` with numpy's ``keepdims``."""

    def forward(torch: Any, x: Any, axis: Any, keepdims: bool) -> Any:
        if axis is None and not keepdims:
            return getattr(torch, name)(x)  # every entry, to one number
        return getattr(torch, name)(x, dim=_dims(x, axis), keepdim=keepdims)

    return forward


def _take(torch: Any, x: Any, index: Any) -> Any:
    # x[index] with numpy's indexing rules: the flat positions numpy selects, gathered by
    # torch.take (a repeated position gets the sum of its gradients, as numpy's np.add.at)
    positions = np.arange(x.numel()).reshape(tuple(x.shape))[index]
    return torch.take(x, torch.as_tensor(np.ascontiguousarray(positions)))


def _course_loss(torch: Any, z: Any, y: Any, a: Any) -> Any:
    # L(a, y) = -(y log a + (1 - y) log(1 - a)): d/da is the course's dA[L]
    return -(y * torch.log(a) + (1 - y) * torch.log(1 - a))


TIE = (
    "at a tie (x = y) PyTorch sends half of the gradient to each operand; autograd_nn sends it "
    "to neither, so that np.maximum(0, Z) has relu'(0) = 0 as the course's relu"
)

TORCH_OPS: dict[str, Counterpart] = {
    "add": Counterpart(lambda torch, x, y: torch.add(x, y), "x + y"),
    "sub": Counterpart(lambda torch, x, y: torch.sub(x, y), "x - y"),
    "mul": Counterpart(lambda torch, x, y: torch.mul(x, y), "x * y"),
    "div": Counterpart(lambda torch, x, y: torch.div(x, y), "x / y"),
    "pow": Counterpart(
        lambda torch, x, y: torch.pow(x, y),
        "torch.pow(x, y)",
        convention=(
            "d(x^p)/dp for x < 0: PyTorch gives NaN (the log of a negative number), autograd_nn "
            "0; at x = 0 with p < 1, d(x^p)/dx is infinite: PyTorch gives inf or NaN, "
            "autograd_nn refuses"
        ),
    ),
    "maximum": Counterpart(
        lambda torch, x, y: torch.maximum(x, y), "torch.maximum(x, y)", convention=TIE
    ),
    "minimum": Counterpart(
        lambda torch, x, y: torch.minimum(x, y),
        "torch.minimum(x, y)",
        convention=TIE.replace("np.maximum(0, Z) has relu'(0) = 0", "ties send no gradient"),
    ),
    "where": Counterpart(
        lambda torch, x, y, condition: torch.where(torch.as_tensor(np.array(condition)), x, y),
        "torch.where(condition, x, y)",
    ),
    "neg": Counterpart(lambda torch, x: torch.neg(x), "-x"),
    "exp": Counterpart(lambda torch, x: torch.exp(x), "torch.exp(x)"),
    "log": Counterpart(lambda torch, x: torch.log(x), "torch.log(x)"),
    "sqrt": Counterpart(
        lambda torch, x: torch.sqrt(x),
        "torch.sqrt(x)",
        convention=(
            "at x = 0 the derivative 1/(2 sqrt(x)) is infinite: PyTorch gives inf (NaN after a "
            "zero upstream gradient), autograd_nn sends 0 for a zero upstream gradient and "
            "refuses otherwise"
        ),
    ),
    "abs": Counterpart(lambda torch, x: torch.abs(x), "torch.abs(x)"),
    "tanh": Counterpart(lambda torch, x: torch.tanh(x), "torch.tanh(x)"),
    "sigmoid": Counterpart(lambda torch, x: torch.sigmoid(x), "torch.sigmoid(x)"),
    "relu": Counterpart(lambda torch, x: torch.relu(x), "torch.relu(x)"),
    "leaky_relu": Counterpart(
        lambda torch, x, slope: torch.nn.functional.leaky_relu(x, negative_slope=slope),
        "F.leaky_relu(x, negative_slope=slope)",
    ),
    "clip": Counterpart(lambda torch, x, lo, hi: torch.clamp(x, lo, hi), "torch.clamp(x, lo, hi)"),
    "matmul": Counterpart(lambda torch, x, y: torch.matmul(x, y), "x @ y"),
    "transpose": Counterpart(
        lambda torch, x, axes: x.permute(
            tuple(reversed(range(x.dim()))) if axes is None else tuple(axes)
        ),
        "x.permute(axes)",
    ),
    "reshape": Counterpart(lambda torch, x, shape: x.reshape(shape), "x.reshape(shape)"),
    "broadcast_to": Counterpart(
        lambda torch, x, shape: torch.broadcast_to(x, shape), "torch.broadcast_to(x, shape)"
    ),
    "sum": Counterpart(_reduction("sum"), "torch.sum(x, dim, keepdim)"),
    "mean": Counterpart(_reduction("mean"), "torch.mean(x, dim, keepdim)"),
    "max": Counterpart(_reduction("amax"), "torch.amax(x, dim, keepdim)"),
    "min": Counterpart(_reduction("amin"), "torch.amin(x, dim, keepdim)"),
    "copy": Counterpart(lambda torch, x: x.clone(), "x.clone()"),
    "astype": Counterpart(
        lambda torch, x, dtype: x.to(getattr(torch, np.dtype(dtype).name)), "x.to(dtype)"
    ),
    "softmax": Counterpart(
        lambda torch, x, axis: torch.softmax(x, dim=axis), "torch.softmax(x, dim)"
    ),
    "log_softmax": Counterpart(
        lambda torch, x, axis: torch.log_softmax(x, dim=axis), "torch.log_softmax(x, dim)"
    ),
    "getitem": Counterpart(_take, "x[index]"),
    "concatenate": Counterpart(
        lambda torch, *xs, axis, starts: torch.cat(xs, dim=axis), "torch.cat(xs, dim)"
    ),
    "stack": Counterpart(
        lambda torch, *xs, axis: torch.stack(xs, dim=axis), "torch.stack(xs, dim)"
    ),
    "logistic_loss": Counterpart(
        # the value and dL/dz = a - y from the logits z, as BCEWithLogitsLoss computes them
        lambda torch, z, y, a=None: torch.nn.functional.binary_cross_entropy_with_logits(
            z, y, reduction="none"
        ),
        "F.binary_cross_entropy_with_logits(z, y)",
        reported={2: _course_loss},
    ),
}
"""Op name -> its PyTorch counterpart; every op of ``autograd_nn.ops.OPS`` has one."""
