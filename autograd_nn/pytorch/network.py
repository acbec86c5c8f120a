"""A course network against its PyTorch twin, quantity by quantity.

:func:`check_model_against_torch` computes the cost of a :class:`~autograd_nn.nn.Model` on
(X, Y) and its gradients with autograd_nn, does the same with ``to_torch(model)`` and
PyTorch's own losses (``BCEWithLogitsLoss``, ...), and compares, in backward order, dA[L],
then dZ[l], dW[l], db[l], dA[l-1] for l = L, ..., 1, each in the course's layout (PyTorch's
rows turned back into columns). Unlike :func:`~autograd_nn.pytorch.check_against_torch`, which
replays autograd_nn's own graph, here PyTorch builds the network its own way: ``nn.Linear``
and its loss functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..nn import Dense, Model
from ..nn.costs import COSTS
from ..tensor import Tensor
from .convert import activation_name, to_torch, torch_dtype
from .costs import cost_name, from_logits, torch_cost
from .report import TorchReport, TorchRow, differing_entries, set_floors, tolerance_for
from .requirement import import_torch

STEPS = {
    "A": "dA[l-1] = W[l].T dZ[l] (or, for A[L], the derivative of the cost)",
    "Z": "dZ[l] = dA[l] * g'[l](Z[l])",
    "W": "dW[l] = dZ[l] A[l-1].T",
    "b": "db[l] = sum(dZ[l], axis=1, keepdims=True)",
    "J": "the cost",
}
"""How each quantity is computed (autograd_nn's dZ carries the 1/m: no 1/m in dW, db)."""


def check_model_against_torch(
    model: Model, X: Any, Y: Any, cost: Any = None, *, dtype: Any = np.float64
) -> TorchReport:
    """Compare a course network with its ``to_torch`` twin: J, A[l], Z[l] and dZ[l], dW[l],
    db[l], dA[l].

    The model is copied first: its parameters, gradients and cache are left as they were.

    Args:
        model: the network.
        X: inputs (n[0], m), one example per column (PyTorch is given X.T).
        Y: labels (n[L], m).
        cost: "logistic", "mse", "softmax_cross_entropy" or one of those functions; None
            chooses it from the output activation, as ``train`` does.
        dtype: the PyTorch network's dtype, float64 (default) or float32.

    Returns:
        A :class:`~autograd_nn.pytorch.report.TorchReport`: one row per quantity, J first,
        then A[L], and Z[l], W[l], b[l], A[l-1] for l = L, ..., 1 (each row's gradient is
        dA, dZ, dW, db).

    Raises:
        ImportError: PyTorch is not installed.
        TypeError, ValueError: not a Model, a custom activation or cost, bad X or Y.
    """
    torch = import_torch("check_model_against_torch")
    if not isinstance(model, Model):
        raise TypeError(
            f"check_model_against_torch: model must be a Model, got {type(model).__name__}"
        )
    where = "check_model_against_torch"
    names = [activation_name(layer, where) for layer in model.layers]
    kind = torch_dtype(torch, dtype, where)
    cost = cost_name(model, cost, where)
    logits = from_logits(model, cost)

    # autograd_nn, on a copy of the model
    layers = [
        Dense(layer.n_in, layer.n_out, name, initialization="zeros")
        for layer, name in zip(model.layers, names, strict=True)
    ]
    copy = Model(layers)
    copy.set_parameters(model.get_parameters())
    J = COSTS[cost](copy.forward(X), Y)
    J.backward()
    ours = {**copy.cache, **copy.parameters(), "J": J}

    # PyTorch: to_torch's layers, one example per row
    net = to_torch(model, kind)
    X_rows = torch.tensor(np.asarray(ours["A0"].data).T, dtype=kind)
    Y_rows = torch.tensor(np.asarray(Y.data if isinstance(Y, Tensor) else Y, float).T, dtype=kind)
    theirs = _torch_forward(net, names, X_rows)
    L = model.L
    J_torch = torch_cost(torch, cost, logits, theirs[f"Z{L}"], theirs[f"A{L}"], Y_rows)
    J_torch.retain_grad()
    J_torch.backward()
    theirs["J"] = J_torch
    gradients = {name: value.grad for name, value in theirs.items()}
    if logits and names[-1] != "linear":  # A[L] is outside J's graph: dJ/dA[L] from the cost on A
        AL = theirs[f"A{L}"].detach().requires_grad_(True)
        with torch.enable_grad():
            (gradients[f"A{L}"],) = torch.autograd.grad(
                torch_cost(torch, cost, False, None, AL, Y_rows), AL
            )
        if cost == "softmax_cross_entropy":
            gradients[f"A{L}"] = None  # autograd_nn too computes J from Z[L] alone (no dA[L])
    rows = []
    tolerance = tolerance_for(np.float32 if kind == torch.float32 else np.float64)
    for name in _backward_order(names):
        t = ours[name]
        rows.append(
            TorchRow(
                name,
                _made_by(name, names),
                tuple(np.shape(t.data)),
                np.asarray(t.data),
                _course_layout(name, theirs[name]),
                None if t.grad is None else np.asarray(t.grad),
                _course_layout(name, gradients[name]),
                tolerance,
            )
        )
    set_floors(rows)
    title = (
        f"autograd_nn vs PyTorch (to_torch): layer_dims {model.layer_dims}, "
        f"{', '.join(names)}, cost {cost}, m = {X_rows.shape[0]}"
    )
    notes = [
        "PyTorch's quantities are shown in the course's layout (its rows turned back into "
        "columns); both put the 1/m inside J, so a row's gradient is dJ/dZ[l] = dZ[l] / m in "
        "the course's notation."
    ]
    return TorchReport(title, rows, _finding(rows), notes)


def _torch_forward(net: Any, names: list[str], X_rows: Any) -> dict[str, Any]:
    """Z[l], A[l] (rows: (m, n[l])), W[l] = weight, b[l] = bias of ``to_torch``'s network,
    every intermediate keeping its gradient."""
    values: dict[str, Any] = {}
    A = X_rows
    position = 0
    for l, name in enumerate(names, start=1):
        linear = net[position]
        Z = linear(A)  # Z[l].T = A[l-1].T W[l].T + b[l].T
        Z.retain_grad()
        values[f"Z{l}"], values[f"W{l}"], values[f"b{l}"] = Z, linear.weight, linear.bias
        position += 1
        if name != "linear":
            A = net[position](Z)  # A[l].T = g[l](Z[l].T)
            A.retain_grad()
            position += 1
        else:
            A = Z
        values[f"A{l}"] = A
    return values


def _backward_order(names: list[str]) -> list[str]:
    """J, A[L], then Z[l], W[l], b[l], A[l-1] for l = L..1 (no A row where A[l] is Z[l])."""
    L = len(names)
    order = ["J"] + ([f"A{L}"] if names[-1] != "linear" else [])
    for l in range(L, 0, -1):
        order += [f"Z{l}", f"W{l}", f"b{l}"]
        if l > 1 and names[l - 2] != "linear":
            order.append(f"A{l - 1}")
    return order


def _made_by(name: str, names: list[str]) -> str:
    """Which PyTorch module (or loss) made the quantity."""
    if name == "J":
        return "the cost (PyTorch's loss)"
    l = int(name[1:])
    if name[0] in "Wb":
        return f"layer {l}: nn.Linear.{'weight' if name[0] == 'W' else 'bias'}"
    if name[0] == "Z":
        return f"layer {l}: nn.Linear"
    return f"layer {l}: {names[l - 1]}"


def _course_layout(name: str, value: Any) -> np.ndarray | None:
    """A PyTorch quantity in the course's layout: rows back to columns, the bias a column."""
    if value is None:
        return None
    array = value.detach().to("cpu").double().numpy()
    if name[0] in "ZA":
        return array.T
    if name[0] == "b":
        return array.reshape(-1, 1)
    return array


def _finding(rows: list[TorchRow]) -> str:
    """The first value that differs in forward order, else the first gradient in backward
    order, with the course's formula of that step and the entries that differ most."""
    for row in reversed(rows):
        if not row.value_matches:
            return "\n".join(
                [
                    "Finding the disagreement",
                    f"The first value that differs, in forward order, is {row.name} "
                    f"{row.shape} ({row.made_by}); the values before it agree.",
                    "",
                    *differing_entries(row.value, row.torch_value),
                ]
            )
    for position, row in enumerate(rows):
        if not row.gradient_matches:
            agreed = ", ".join(f"d{r.name}" for r in rows[:position] if r.gradient is not None)
            return "\n".join(
                [
                    "Finding the disagreement",
                    f"The first gradient that differs, in backward order, is d{row.name} "
                    f"{row.shape}, computed by {STEPS[row.name[0]]}."
                    + (f" Everything before it agrees ({agreed})." if agreed else ""),
                    "",
                    *differing_entries(row.gradient, row.torch_gradient),
                ]
            )
    return ""
