"""The course's costs and their PyTorch losses, and how the cost of a model is chosen.

=========================  ==================================  ===================================
autograd_nn cost           J                                   PyTorch
=========================  ==================================  ===================================
logistic_cost, after a     -(1/m) sum(Y log A + (1-Y)          ``nn.BCEWithLogitsLoss()`` on Z[L]
sigmoid output             log(1-A)), computed from Z[L]       (mean reduction; for n[L] > 1 the
                                                               sum over units and examples / m)
logistic_cost, any other   the same, from A[L]                 ``nn.BCELoss`` on A[L]
output
mean_squared_error         (1/(2m)) sum((A - Y)^2)             ``nn.MSELoss(reduction="sum")``
                                                               ``/ (2 m)``
softmax_cross_entropy,     -(1/m) sum(Y log A), from Z[L]      ``nn.CrossEntropyLoss()`` on Z[L]
after a softmax output                                         (one-hot Y as class probabilities)
=========================  ==================================  ===================================

The 1/m is inside J in both libraries, so PyTorch's ``W.grad`` is the course's dW[l] (with its
1/m) and ``Z.grad`` is dJ/dZ[l] = dZ[l] / m in the course's notation.
"""

from __future__ import annotations

from typing import Any

from ..nn import Model
from ..nn.costs import COSTS

COST_NAMES = {function: name for name, function in COSTS.items()}
"""The built-in cost functions -> their names ("logistic", "mse", "softmax_cross_entropy")."""


def cost_name(model: Model, cost: Any, where: str) -> str:
    """The name of the cost: given by name or as a built-in function, or chosen as ``train``
    chooses it from the output activation (softmax: cross-entropy, linear: mse, else
    logistic).

    Raises:
        ValueError: an unknown name, or a cost function of your own (it has no PyTorch loss).
    """
    if cost is None:
        output = model.layers[-1].activation_name
        return {"softmax": "softmax_cross_entropy", "linear": "mse"}.get(output, "logistic")
    if isinstance(cost, str) and cost in COSTS:
        return cost
    if callable(cost) and cost in COST_NAMES:
        return COST_NAMES[cost]
    shown = repr(cost) if isinstance(cost, str) else getattr(cost, "__name__", type(cost).__name__)
    raise ValueError(
        f"{where}: the cost {shown} has no PyTorch loss here; use one of {', '.join(COSTS)}"
    )


def from_logits(model: Model, cost: str) -> bool:
    """Whether the cost is computed from Z[L] (logistic after a sigmoid, cross-entropy after a
    softmax), as both libraries do for stability."""
    output = model.layers[-1].activation_name
    return (cost, output) in (("logistic", "sigmoid"), ("softmax_cross_entropy", "softmax"))


def torch_cost(torch: Any, cost: str, logits: bool, Z: Any, A: Any, Y: Any) -> Any:
    """J in PyTorch from the output layer's Z and A, (m, n[L]) each, and Y (m, n[L])."""
    F = torch.nn.functional
    m = Y.shape[0]
    if cost == "logistic":
        if logits:
            return F.binary_cross_entropy_with_logits(Z, Y, reduction="sum") / m
        return F.binary_cross_entropy(A, Y, reduction="sum") / m
    if cost == "mse":
        return F.mse_loss(A, Y, reduction="sum") / (2 * m)
    if logits:
        return F.cross_entropy(Z, Y)  # Y one-hot rows, read as class probabilities; mean over m
    return -(Y * torch.log(A)).sum() / m
