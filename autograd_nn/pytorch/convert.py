"""A course model as a PyTorch ``nn.Sequential``, and back.

The layout change, layer by layer (``layout_note`` writes it for a given model)::

    the course (autograd_nn)              PyTorch
    W[l]  (n[l], n[l-1])            ->    Linear.weight  (n[l], n[l-1])   the same matrix
    b[l]  (n[l], 1)                 ->    Linear.bias    (n[l],)          b[l].squeeze(1)
    X     (n_x, m), one example     ->    X.T            (m, n_x), one example per row
          per column
    A[L] = model.forward(X)         ->    net(X.T).T

``nn.Linear`` computes ``A_prev @ weight.T + bias`` on rows, which is the course's
Z[l] = W[l] A[l-1] + b[l] transposed: the same numbers, the weight matrix unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ShapeError
from ..nn import ACTIVATIONS, Dense, Model
from .requirement import import_torch

MODULES = {
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
    "relu": "ReLU",
    "leaky_relu": "LeakyReLU",
    "softmax": "Softmax",
}
"""autograd_nn's activation name -> the ``torch.nn`` module class; "linear" has none (Z[l] is
A[l]), ``nn.Identity`` is read as "linear"."""

LEAKY_SLOPE = 0.01
"""The slope of autograd_nn's "leaky_relu" (and PyTorch's default ``negative_slope``)."""


def torch_dtype(torch: Any, dtype: Any, where: str) -> Any:
    """``torch.float64`` or ``torch.float32`` from a numpy or torch dtype (or its name)."""
    if dtype in (torch.float64, torch.float32):
        return dtype
    try:
        kind = np.dtype(dtype)
    except TypeError:
        kind = None
    if kind == np.float64:
        return torch.float64
    if kind == np.float32:
        return torch.float32
    raise TypeError(f"{where}: dtype must be float64 or float32, got {dtype!r}")


def activation_name(layer: Dense, where: str) -> str:
    """The library's name of a layer's activation, or an error naming a custom one."""
    name = layer.activation_name
    if ACTIVATIONS.get(name) is not layer.activation:
        raise ValueError(
            f"{where}: layer {layer.index} has the custom activation {name!r}, which has no "
            f"PyTorch module here; use one of {', '.join(ACTIVATIONS)}"
        )
    return name


def layout_note(model: Model) -> str:
    """The course's names and shapes beside the ``nn.Sequential`` that :func:`to_torch` makes.

    >>> from autograd_nn.nn import Model
    >>> print(layout_note(Model.from_layer_dims([2, 1], seed=1)))
    the course (autograd_nn)  ->  PyTorch (net = to_torch(model))
    W1 (1, 2)                 ->  net[0].weight (1, 2), the same matrix
    b1 (1, 1)                 ->  net[0].bias (1,), b1.squeeze(1)
    X (2, m), examples in columns  ->  X.T (m, 2), examples in rows
    A1 = model.forward(X) (1, m)  ->  net(X.T).T
    """
    lines = ["the course (autograd_nn)  ->  PyTorch (net = to_torch(model))"]
    position = 0
    for layer in model.layers:
        l, n, n_prev = layer.index, layer.n_out, layer.n_in
        lines.append(
            f"{f'W{l} ({n}, {n_prev})':<25} ->  net[{position}].weight ({n}, {n_prev}), "
            "the same matrix"
        )
        lines.append(f"{f'b{l} ({n}, 1)':<25} ->  net[{position}].bias ({n},), b{l}.squeeze(1)")
        position += 1 if layer.activation_name == "linear" else 2
    n_x, n_L, L = model.layer_dims[0], model.layer_dims[-1], model.L
    lines.append(f"X ({n_x}, m), examples in columns  ->  X.T (m, {n_x}), examples in rows")
    lines.append(f"A{L} = model.forward(X) ({n_L}, m)  ->  net(X.T).T")
    return "\n".join(lines)


def to_torch(model: Model, dtype: Any = np.float64) -> Any:
    """The model as an ``nn.Sequential`` of ``nn.Linear`` and activation modules.

    Layer l becomes ``nn.Linear(n[l-1], n[l])`` with ``weight`` = W[l] (the same
    (n[l], n[l-1]) matrix) and ``bias`` = b[l].squeeze(1), followed by its activation module
    (``nn.Tanh()``, ...; none for "linear"). The parameters are copied: training one does not
    change the other. The returned network has an attribute ``layout``, the text of
    :func:`layout_note`: PyTorch takes X.T (m, n_x), one example per row, and
    ``net(X.T).T`` is the course's A[L].

    Args:
        model: an :class:`autograd_nn.nn.Model` whose activations are the library's (sigmoid,
            tanh, relu, leaky_relu, linear, softmax).
        dtype: ``np.float64`` (default, the same numbers) or ``np.float32``.

    Returns:
        A ``torch.nn.Sequential``.

    Raises:
        ImportError: PyTorch is not installed.
        TypeError: ``model`` is not a Model, or a dtype other than float64/float32.
        ValueError: a layer has a custom activation function.

    Example:
        >>> from autograd_nn.nn import Model
        >>> net = to_torch(Model.from_layer_dims([2, 4, 1], "tanh", seed=2))  # doctest: +SKIP
        >>> net  # doctest: +SKIP
        Sequential(
          (0): Linear(in_features=2, out_features=4, bias=True)
          (1): Tanh()
          (2): Linear(in_features=4, out_features=1, bias=True)
          (3): Sigmoid()
        )
    """
    torch = import_torch("to_torch")
    if not isinstance(model, Model):
        raise TypeError(f"to_torch: model must be an autograd_nn Model, got {type(model).__name__}")
    kind = torch_dtype(torch, dtype, "to_torch")
    names = [activation_name(layer, "to_torch") for layer in model.layers]
    nn = torch.nn
    modules = []
    for layer, name in zip(model.layers, names, strict=True):
        # skip_init: no random initialisation (which would draw from torch's generator)
        linear = nn.utils.skip_init(nn.Linear, layer.n_in, layer.n_out, dtype=kind)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(layer.W.data, dtype=kind))  # W[l] (n[l], n[l-1])
            linear.bias.copy_(torch.tensor(layer.b.data[:, 0], dtype=kind))  # b[l].squeeze(1)
        modules.append(linear)
        if name == "leaky_relu":
            modules.append(nn.LeakyReLU(LEAKY_SLOPE))
        elif name == "softmax":
            modules.append(nn.Softmax(dim=1))  # over the classes: columns, in PyTorch's rows
        elif name != "linear":
            modules.append(getattr(nn, MODULES[name])())
    net = nn.Sequential(*modules)
    net.layout = layout_note(model)
    return net


def from_torch(net: Any) -> Model:
    """An autograd_nn Model from an ``nn.Sequential`` of ``nn.Linear`` and activations.

    Each ``nn.Linear`` starts a layer (W[l] = weight, b[l] = bias as a column (n[l], 1)); the
    activation module after it is g[l] (none, or ``nn.Identity``, is "linear"). Parameters are
    copied as float64.

    Args:
        net: a ``torch.nn.Sequential`` made of ``Linear`` (with a bias), ``Sigmoid``,
            ``Tanh``, ``ReLU``, ``LeakyReLU(0.01)``, ``Softmax(dim=1)`` and ``Identity``.

    Returns:
        A :class:`autograd_nn.nn.Model` computing the same function.

    Raises:
        ImportError: PyTorch is not installed.
        TypeError: ``net`` is not an ``nn.Sequential``.
        ValueError: a module autograd_nn has no layer for (named with its position), a
            ``Linear`` without bias, an activation before any Linear or two in a row.
        ShapeError: a Linear whose in_features differ from the previous out_features.
    """
    torch = import_torch("from_torch")
    nn = torch.nn
    if not isinstance(net, nn.Sequential):
        raise TypeError(
            "from_torch: net must be an nn.Sequential of nn.Linear and activation modules, got "
            f"{type(net).__name__}"
        )
    names = {getattr(nn, module): name for name, module in MODULES.items()}
    supported = "Linear, Sigmoid, Tanh, ReLU, LeakyReLU(0.01), Softmax(dim=1) and Identity"
    layers: list[list[Any]] = []  # [Linear, activation name or None]
    for position, module in enumerate(net):
        kind = type(module).__name__
        where = f"from_torch: net[{position}] ({kind})"
        if type(module) is nn.Linear:
            if module.bias is None:
                raise ValueError(f"{where} has no bias; the course's layer has b[l]")
            layers.append([module, None])
            continue
        if type(module) not in names and type(module) is not nn.Identity:
            raise ValueError(f"{where}: autograd_nn has no counterpart; it reads {supported}")
        if not layers:
            raise ValueError(f"{where} comes before any Linear layer")
        if layers[-1][1] is not None:
            raise ValueError(
                f"{where} follows the activation {layers[-1][1]!r}; a layer has one activation"
            )
        name = "linear" if type(module) is nn.Identity else names[type(module)]
        if name == "leaky_relu" and module.negative_slope != LEAKY_SLOPE:
            raise ValueError(
                f"{where}: negative_slope {module.negative_slope:g}; autograd_nn's leaky_relu "
                f"has slope {LEAKY_SLOPE:g} (write Dense(..., activation=lambda Z: "
                f"Z.leaky_relu({module.negative_slope:g})) for another)"
            )
        if name == "softmax" and module.dim not in (1, -1):
            raise ValueError(
                f"{where}: dim={module.dim}; only Softmax(dim=1), over each example's classes, "
                "is autograd_nn's softmax"
            )
        layers[-1][1] = name
    if not layers:
        raise ValueError(f"from_torch: net has no Linear layer; it reads {supported}")
    for l in range(2, len(layers) + 1):
        previous, linear = layers[l - 2][0], layers[l - 1][0]
        if linear.in_features != previous.out_features:
            raise ShapeError(
                f"from_torch: layer {l} takes {linear.in_features} inputs but layer {l - 1} has "
                f"{previous.out_features} units"
            )
    model = Model(
        [
            Dense(linear.in_features, linear.out_features, name or "linear", initialization="zeros")
            for linear, name in layers
        ]
    )
    parameters = {}
    for l, (linear, _) in enumerate(layers, start=1):
        weight = linear.weight.detach().to("cpu", torch.float64).numpy()
        bias = linear.bias.detach().to("cpu", torch.float64).numpy()
        parameters[f"W{l}"], parameters[f"b{l}"] = weight, bias.reshape(-1, 1)
    model.set_parameters(parameters)
    return model
