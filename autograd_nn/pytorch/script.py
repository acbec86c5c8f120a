"""Write a course network as a standalone PyTorch script: build, load, train, in PyTorch's idiom.

:func:`export_script` writes ``net.py``, which imports only ``torch``: the same layers as
``nn.Linear`` and activation modules, the parameters (written into the script for a small
network, else a state dict ``net.pt`` beside it), the cost as PyTorch's loss, the optimizer
with its learning rate (and its state: momentum's v, Adam's v, s and t), and the training loop
``zero_grad``, forward, cost, ``backward``, ``step``, each line commented with the course's
formula. Given X and Y, the data goes beside it too (``net.data.pt``, one example per row) and
``python net.py`` trains on it.

What maps to what:

======================  ===========================================================
autograd_nn             PyTorch
======================  ===========================================================
Dense, g[l]             ``nn.Linear(n[l-1], n[l])``, ``nn.Tanh()``, ``nn.ReLU()``, ...
logistic cost (sigmoid  ``nn.BCEWithLogitsLoss()`` on Z[L] (mean reduction); the
output)                 sigmoid is applied in ``forward`` for A[L]
mse                     ``nn.MSELoss(reduction="sum")`` / (2 m)
softmax cross-entropy   ``nn.CrossEntropyLoss()`` on Z[L] (one-hot Y as probabilities)
GradientDescent         ``torch.optim.SGD(lr=alpha)``
Momentum(beta)          ``SGD(lr=alpha, momentum=beta, dampening=beta)``, its buffers
                        starting at the course's v (PyTorch's own first step is v = dW)
Adam                    ``torch.optim.Adam(lr, betas=(beta1, beta2), eps=epsilon)``
======================  ===========================================================

Anything else (a custom activation or cost, another optimizer) is refused by name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..checks import is_int
from ..files import as_path, write_file, write_text
from ..nn import Adam, GradientDescent, Model, Momentum, Optimizer
from ..nn.layers import data_tensor
from .convert import LEAKY_SLOPE, activation_name, torch_dtype
from .costs import cost_name, from_logits
from .requirement import import_torch

INLINE_LIMIT = 200
"""Networks with at most this many parameters get them written into the script."""

MODULES = {
    "sigmoid": "nn.Sigmoid()",
    "tanh": "nn.Tanh()",
    "relu": "nn.ReLU()",
    "leaky_relu": f"nn.LeakyReLU({LEAKY_SLOPE})",
    "softmax": "nn.Softmax(dim=1)",
}
FORMULAS = {
    "sigmoid": "sigmoid(Z{l})",
    "tanh": "tanh(Z{l})",
    "relu": "max(0, Z{l})",
    "leaky_relu": f"max({LEAKY_SLOPE} Z{{l}}, Z{{l}})",
    "softmax": "softmax(Z{l}) over the classes",
}


def export_script(
    model: Model,
    path: str | os.PathLike,
    *,
    train: bool = True,
    optimizer: Optimizer | None = None,
    learning_rate: float | None = None,
    cost: Any = None,
    num_iterations: int = 1000,
    X: Any = None,
    Y: Any = None,
    dtype: Any = np.float64,
    inline: bool | None = None,
) -> list[Path]:
    """Write a standalone PyTorch script (no autograd_nn import) of the model and its training.

    Args:
        model: the network (activations sigmoid, tanh, relu, leaky_relu, linear, softmax).
        path: the script to write, ending in ``.py``; the files beside it take its stem
            (``net.pt``, ``net.optimizer.pt``, ``net.data.pt``).
        train: write the optimizer and the training loop (True) or only the network, its
            parameters, ``forward`` and the cost (False).
        optimizer: the autograd_nn optimizer the model was trained with (GradientDescent,
            Momentum, Adam); its learning rate and state carry over, so training continues
            where it stopped.
        learning_rate: for gradient descent, instead of ``optimizer``.
        cost: "logistic", "mse", "softmax_cross_entropy" (or the function); None chooses it
            from the output layer, as ``train`` does.
        num_iterations: the iterations ``python net.py`` runs.
        X, Y: the training data (n[0], m) and (n[L], m), written beside the script as
            ``net.data.pt`` in PyTorch's layout (X.T, Y.T); without them ``python net.py``
            only builds the network.
        dtype: the script's dtype, float64 (default: the same numbers) or float32.
        inline: write the parameters into the script (True) or into ``net.pt`` (False); by
            default inline for networks of at most :data:`INLINE_LIMIT` parameters.

    Returns:
        The paths written, the script first.

    Raises:
        ImportError: PyTorch is not installed (it writes the ``.pt`` files).
        TypeError, ValueError: anything without a PyTorch mapping, named; bad arguments.
        Nothing is written when a check fails.

    Example:
        >>> from autograd_nn.nn import Model
        >>> model = Model.from_layer_dims([2, 4, 1], "tanh", seed=2)
        >>> export_script(model, "net.py", learning_rate=1.2)  # doctest: +SKIP
        [PosixPath('net.py')]
    """
    where = "export_script"
    torch = import_torch(where)
    if not isinstance(model, Model):
        raise TypeError(f"{where}: model must be an autograd_nn Model, got {type(model).__name__}")
    target = as_path(where, path)
    if target.suffix != ".py":
        raise ValueError(f"{where}: the script's name must end in .py, got {target.name!r}")
    for flag, value in (("train", train), ("inline", inline)):
        if not (isinstance(value, bool) or (flag == "inline" and value is None)):
            raise TypeError(f"{where}: {flag} must be True or False, got {value!r}")
    if not is_int(num_iterations) or num_iterations < 0:
        raise ValueError(f"{where}: num_iterations must be an int >= 0, got {num_iterations!r}")
    names = [activation_name(layer, where) for layer in model.layers]
    kind = torch_dtype(torch, dtype, where)
    cost = cost_name(model, cost, where)
    optimizer_lines, state, update = _optimizer(model, optimizer, learning_rate, train, where)
    data = _data(model, X, Y, where)
    count = sum(p.size for p in model.parameters().values())
    inline = count <= INLINE_LIMIT if inline is None else inline

    stem = target.with_suffix("")
    files = {
        "parameters": stem.with_name(stem.name + ".pt"),
        "optimizer": stem.with_name(stem.name + ".optimizer.pt"),
        "data": stem.with_name(stem.name + ".data.pt"),
    }
    text = _script(
        model,
        names,
        cost,
        (optimizer_lines, state, update),
        data is not None,
        inline,
        kind,
        num_iterations,
        {k: v.name for k, v in files.items()},
    )
    written = []  # the files the script reads first, the script last: it never refers to
    if not inline:  # a file that is not there
        written.append(_save(torch, files["parameters"], _tensors(torch, _state_dict(model), kind)))
        if state:
            written.append(_save(torch, files["optimizer"], _optimizer_tensors(torch, state, kind)))
    if data is not None:
        written.append(
            _save(torch, files["data"], {k: torch.tensor(v, dtype=kind) for k, v in data.items()})
        )
    return [write_text(target, text, caller=where), *written]


# ------------------------------------------------------------------------------------ checks
def _optimizer(
    model: Model, optimizer: Any, learning_rate: Any, train: bool, where: str
) -> tuple[list[str], dict[str, dict[str, np.ndarray]], str]:
    """The lines making PyTorch's optimizer, its state per parameter (PyTorch layout) and the
    update it makes in the course's notation."""
    if not train:
        return [], {}, ""
    if optimizer is None and learning_rate is None:
        raise ValueError(
            f"{where}: train=True needs the optimizer the model was trained with, or "
            "learning_rate for gradient descent (or train=False for no training loop)"
        )
    if optimizer is not None and learning_rate is not None:
        raise ValueError(f"{where}: give optimizer or learning_rate, not both")
    if optimizer is None:
        optimizer = GradientDescent(model.parameters(), learning_rate)
    mine = {id(p): name for name, p in model.parameters().items()}
    if (
        not isinstance(optimizer, Optimizer)
        or not all(id(p) in mine for p in optimizer.params.values())
        or len(optimizer.params) != len(mine)
    ):
        raise ValueError(
            f"{where}: the optimizer must be an autograd_nn optimizer over this model's "
            "parameters (e.g. GradientDescent(model.parameters(), learning_rate))"
        )
    alpha = optimizer.learning_rate
    by_model_name = {mine[id(p)]: key for key, p in optimizer.params.items()}
    state: dict[str, dict[str, np.ndarray]] = {}
    if type(optimizer) is GradientDescent:
        lines = [
            f"LEARNING_RATE = {alpha!r}  # alpha",
            "# W[l] := W[l] - alpha dW[l], b[l] := b[l] - alpha db[l]",
            "optimizer = torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)",
        ]
    elif type(optimizer) is Momentum:
        lines = [
            f"LEARNING_RATE = {alpha!r}  # alpha",
            f"BETA = {optimizer.beta!r}  # beta",
            "# v := beta v + (1 - beta) dW, W := W - alpha v: PyTorch's SGD with momentum=beta",
            "# and dampening=beta computes v := beta v + (1 - beta) dW too",
            "optimizer = torch.optim.SGD(",
            "    net.parameters(), lr=LEARNING_RATE, momentum=BETA, dampening=BETA",
            ")",
        ]
        for name in mine.values():
            state[name] = {"momentum_buffer": optimizer.v[by_model_name[name]]}
    elif type(optimizer) is Adam:
        lines = [
            f"LEARNING_RATE = {alpha!r}  # alpha",
            f"BETA1, BETA2, EPSILON = {optimizer.beta1!r}, {optimizer.beta2!r}, "
            f"{optimizer.epsilon!r}",
            "# v := beta1 v + (1 - beta1) dW; s := beta2 s + (1 - beta2) dW^2;",
            "# W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon), t counting the steps",
            "optimizer = torch.optim.Adam(",
            "    net.parameters(), lr=LEARNING_RATE, betas=(BETA1, BETA2), eps=EPSILON",
            ")",
        ]
        if optimizer.t:
            for name in mine.values():
                key = by_model_name[name]
                state[name] = {
                    "step": np.array(float(optimizer.t)),
                    "exp_avg": optimizer.v[key],
                    "exp_avg_sq": optimizer.s[key],
                }
    else:
        raise ValueError(
            f"{where}: the optimizer {type(optimizer).__name__} has no PyTorch mapping here; "
            "GradientDescent, Momentum and Adam do"
        )
    state = {name: _torch_layout_state(name, s) for name, s in state.items()}
    return lines, state, UPDATES[type(optimizer).__name__]


def _torch_layout_state(name: str, state: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """An optimizer's state for W[l] as it is, for b[l] squeezed to (n[l],) like the bias."""
    if name[0] != "b":
        return {k: np.array(v) for k, v in state.items()}
    return {k: (np.array(v)[:, 0] if np.ndim(v) == 2 else np.array(v)) for k, v in state.items()}


def _data(model: Model, X: Any, Y: Any, where: str) -> dict[str, np.ndarray] | None:
    """X.T and Y.T (PyTorch's rows), checked against the model; None without data."""
    if X is None and Y is None:
        return None
    if X is None or Y is None:
        raise ValueError(f"{where}: give both X and Y, or neither")
    X = data_tensor(where, "X", X).data
    Y = data_tensor(where, "Y", Y).data
    n_x, n_L = model.layer_dims[0], model.layer_dims[-1]
    if X.ndim != 2 or X.shape[0] != n_x:
        raise ValueError(f"{where}: X must be (n[0], m) = ({n_x}, m), got {X.shape}")
    if Y.shape != (n_L, X.shape[1]):
        raise ValueError(f"{where}: Y must be (n[L], m) = ({n_L}, {X.shape[1]}), got {Y.shape}")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
        raise ValueError(f"{where}: X and Y must be finite")
    return {"X": np.array(X.T), "Y": np.array(Y.T)}


# ------------------------------------------------------------------------------------ files
def _state_dict(model: Model) -> dict[str, np.ndarray]:
    """The model's parameters under ``nn.Sequential``'s keys ("0.weight", "0.bias", ...)."""
    parameters, position = {}, 0
    for layer in model.layers:
        parameters[f"{position}.weight"] = layer.W.data.copy()
        parameters[f"{position}.bias"] = layer.b.data[:, 0].copy()
        position += 1 if layer.activation_name == "linear" else 2
    return parameters


def _tensors(torch: Any, arrays: dict[str, np.ndarray], kind: Any) -> dict[str, Any]:
    return {key: torch.tensor(value, dtype=kind) for key, value in arrays.items()}


def _optimizer_tensors(torch: Any, state: dict[str, dict], kind: Any) -> dict[str, Any]:
    return {
        name: {
            k: torch.tensor(v, dtype=torch.float32 if k == "step" else kind) for k, v in s.items()
        }
        for name, s in state.items()
    }


def _save(torch: Any, path: Path, obj: Any) -> Path:
    return write_file(path, lambda file: torch.save(obj, file), caller="export_script")


# ------------------------------------------------------------------------------------ text
def _literal(array: np.ndarray, indent: str) -> str:
    """A tensor literal, one row per line, every float64 written exactly (repr)."""
    array = np.asarray(array, dtype=np.float64)
    if array.ndim == 0:
        return repr(float(array))
    if array.ndim == 1:
        return "[" + ", ".join(repr(float(x)) for x in array) + "]"
    rows = [_literal(row, indent + "    ") for row in array]
    inner = (",\n" + indent + "    ").join(rows)
    return "[\n" + indent + "    " + inner + ",\n" + indent + "]"


def _aligned(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Code lines with their comments aligned: ``code  # comment``."""
    width = max(len(code) for code, comment in pairs if comment)
    return [f"{code:<{width}}  # {comment}" if comment else code for code, comment in pairs]


def _script(
    model: Model,
    names: list[str],
    cost: str,
    optimizer_text: tuple[list[str], dict[str, dict[str, np.ndarray]], str],
    has_data: bool,
    inline: bool,
    kind: Any,
    num_iterations: int,
    files: dict[str, str],
) -> str:
    L, dims = model.L, model.layer_dims
    optimizer_lines, state, update = optimizer_text
    logits = from_logits(model, cost)
    dtype_name = "torch.float64" if "64" in str(kind) else "torch.float32"
    output = names[-1]
    out = [
        '"""' + f"The autograd_nn network layer_dims {dims} ({', '.join(names)}) in PyTorch.",
        "",
        "Written by autograd_nn.pytorch.export_script.",
        "",
        "Runs with PyTorch alone. The course's layout and PyTorch's:",
        "    W[l] (n[l], n[l-1])  is  Linear.weight (n[l], n[l-1]), the same matrix",
        "    b[l] (n[l], 1)       is  Linear.bias (n[l],), b[l].squeeze(1)",
        "    X (n_x, m)           is  X.T (m, n_x): PyTorch puts one example per ROW",
        "    A[L] (n[L], m)       is  forward(X.T).T",
        '"""',
        "",
        "from pathlib import Path",
        "",
        "import torch",
        "from torch import nn",
        "",
        f"DTYPE = {dtype_name}",
        "HERE = Path(__file__).resolve().parent",
        "",
        "# --- the network: layer l is Z[l] = W[l] A[l-1] + b[l], then A[l] = g[l](Z[l])",
        "# (nn.Linear computes A_prev @ weight.T + bias on rows: the same numbers, transposed)",
    ]
    pairs: list[tuple[str, str]] = [("net = nn.Sequential(", "")]
    for l, (layer, name) in enumerate(zip(model.layers, names, strict=True), start=1):
        pairs.append(
            (
                f"    nn.Linear({layer.n_in}, {layer.n_out}, dtype=DTYPE),",
                f"Z{l} = W{l} A{l - 1} + b{l}: weight is W{l}, bias is b{l}",
            )
        )
        if name == "linear":
            continue
        if l == L and logits:
            pairs.append(
                (
                    f"    # no {MODULES[name]} here: the loss takes Z{L} (stable), forward() "
                    f"applies it",
                    "",
                )
            )
            continue
        pairs.append((f"    {MODULES[name]},", f"A{l} = {FORMULAS[name].format(l=l)}"))
    pairs.append((")", ""))
    out += _aligned(pairs)
    out += ["", "# --- the parameters: weight is W[l] as it is; bias is b[l] (n[l], 1) squeezed"]
    if inline:
        out.append("parameters = {")
        for key, value in _state_dict(model).items():
            l = _layer_of(model, key)
            course = f"W{l}" if key.endswith("weight") else f"b{l}.squeeze(1)"
            out.append(f'    "{key}": torch.tensor(  # {course}')
            out.append(f"        {_literal(value, '        ')},")
            out.append("        dtype=DTYPE,")
            out.append("    ),")
        out.append("}")
    else:
        out.append(f'parameters = torch.load(HERE / "{files["parameters"]}", weights_only=True)')
    out += ["net.load_state_dict(parameters)", ""]

    out += _forward_text(output, logits, L)
    out += _cost_text(cost, logits, output, dims[-1])
    if optimizer_lines:
        out += ["", "", "# --- the optimizer", *optimizer_lines]
        if state:
            out += _state_text(model, state, inline, files["optimizer"])
        out += _train_text(update)
    out += _main_text(has_data, bool(optimizer_lines), files["data"], num_iterations, output)
    return "\n".join(out) + "\n"


def _layer_of(model: Model, key: str) -> int:
    """The layer l of a state-dict key such as "2.weight"."""
    position = 0
    for layer in model.layers:
        if key.startswith(f"{position}."):
            return layer.index
        position += 1 if layer.activation_name == "linear" else 2
    raise KeyError(key)


def _forward_text(output: str, logits: bool, L: int) -> list[str]:
    lines = [
        "",
        "def forward(X):",
        f'    """A[{L}] for X (m, n_x), one example per row (the course\'s X.T); returns '
        f'A[{L}].T (m, n[{L}])."""',
    ]
    if logits and output == "sigmoid":
        lines.append(f"    return torch.sigmoid(net(X))  # A{L} = sigmoid(Z{L})")
    elif logits:
        lines.append(f"    return torch.softmax(net(X), dim=1)  # A{L} = softmax(Z{L}), per row")
    else:
        lines.append("    return net(X)")
    return lines


def _cost_text(cost: str, logits: bool, output: str, n_L: int) -> list[str]:
    lines = ["", "", "# --- the cost J (the 1/m is inside it, so weight.grad is dW[l], as here)"]
    if cost == "logistic" and logits:
        if n_L == 1:
            lines += [
                "# J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)), computed from Z[L] = net(X)",
                "loss = nn.BCEWithLogitsLoss()  # mean reduction: the 1/m",
            ]
        else:
            lines += [
                "# J = -(1/m) sum over units and examples of Y log A + (1 - Y) log(1 - A)",
                "_bce = nn.BCEWithLogitsLoss(reduction='sum')",
                "loss = lambda Z, Y: _bce(Z, Y) / Y.shape[0]  # / m",
            ]
        lines += ["", "", "def compute_cost(X, Y):", "    return loss(net(X), Y)"]
    elif cost == "logistic":
        lines += [
            "# J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)), from A[L] (no sigmoid output)",
            "_bce = nn.BCELoss(reduction='sum')",
            "",
            "",
            "def compute_cost(X, Y):",
            "    return _bce(forward(X), Y) / Y.shape[0]  # / m",
        ]
    elif cost == "mse":
        lines += [
            "# J = (1/(2m)) sum((A - Y)^2)",
            "_squares = nn.MSELoss(reduction='sum')",
            "",
            "",
            "def compute_cost(X, Y):",
            "    return _squares(forward(X), Y) / (2 * Y.shape[0])  # / (2m)",
        ]
    elif logits:
        lines += [
            "# J = -(1/m) sum(Y log A), A = softmax(Z[L]): one-hot Y rows as class probabilities",
            "loss = nn.CrossEntropyLoss()  # mean over the m examples",
            "",
            "",
            "def compute_cost(X, Y):",
            "    return loss(net(X), Y)",
        ]
    else:
        lines += [
            "# J = -(1/m) sum(Y log A), from A[L]",
            "",
            "",
            "def compute_cost(X, Y):",
            "    return -(Y * torch.log(forward(X))).sum() / Y.shape[0]",
        ]
    return lines


def _state_text(model: Model, state: dict[str, dict], inline: bool, file: str) -> list[str]:
    """The lines that put the optimizer's state (PyTorch layout) on each parameter."""
    if all(not np.any(v) for entries in state.values() for v in entries.values()):
        return [  # a fresh momentum: only the buffers' existence matters
            "# the course's v starts at 0, so its first step is v := (1 - beta) dW; PyTorch's SGD",
            "# takes v := dW at its first step unless a buffer exists: start every buffer at 0",
            "for p in net.parameters():",
            '    optimizer.state[p]["momentum_buffer"] = torch.zeros_like(p)',
        ]
    lines = [
        "# the optimizer's state where autograd_nn left it (momentum's v, Adam's v, s and t), so",
        "# that training goes on as it would have in autograd_nn",
        "COURSE_NAMES = {  # course name -> (position in net, parameter)",
    ]
    position = 0
    for layer in model.layers:
        l = layer.index
        lines.append(f'    "W{l}": ({position}, "weight"),')
        lines.append(f'    "b{l}": ({position}, "bias"),')
        position += 1 if layer.activation_name == "linear" else 2
    lines.append("}")
    if inline:
        lines.append("optimizer_state = {")
        for name, entries in state.items():
            lines.append(f'    "{name}": {{')
            for key, value in entries.items():
                dtype = "torch.float32" if key == "step" else "DTYPE"
                lines.append(f'        "{key}": torch.tensor(')
                lines.append(f"            {_literal(value, '            ')},")
                lines.append(f"            dtype={dtype},")
                lines.append("        ),")
            lines.append("    },")
        lines.append("}")
    else:
        lines.append(f'optimizer_state = torch.load(HERE / "{file}", weights_only=True)')
    lines += [
        "for name, state in optimizer_state.items():",
        "    layer, which = COURSE_NAMES[name]",
        "    optimizer.state[getattr(net[layer], which)].update(state)",
    ]
    return lines


UPDATES = {
    "GradientDescent": "W[l] := W[l] - alpha dW[l], and b[l]",
    "Momentum": "v := beta v + (1 - beta) dW; W := W - alpha v",
    "Adam": "W := W - alpha v_corrected / (sqrt(s_corrected) + epsilon)",
}
"""The update ``optimizer.step()`` makes, in the course's notation, by optimizer."""


def _train_text(update: str) -> list[str]:
    return [
        "",
        "",
        "def train(X, Y, num_iterations, print_every=100):",
        '    """num_iterations steps on X (m, n_x), Y (m, n[L]); returns the costs: before',
        "    each step, and the trained network's after the last (as autograd_nn's train",
        '    records them)."""',
        "    costs = []",
        "    for i in range(num_iterations):",
        *_aligned(
            [
                (
                    "        optimizer.zero_grad()",
                    "PyTorch ADDS into .grad: forget the last dW, db",
                ),
                ("        J = compute_cost(X, Y)", "forward propagation and the cost J"),
                ("        J.backward()", "backward propagation: weight.grad is dW[l]"),
                ("        optimizer.step()", f"the update: {update}"),
            ]
        ),
        "        costs.append(J.item())",
        "        if print_every and i % print_every == 0:",
        '            print(f"Cost after iteration {i}: {J.item():.6f}")',
        "    with torch.no_grad():  # the cost after the last step: the trained network's",
        "        J = compute_cost(X, Y)",
        "    costs.append(J.item())",
        "    if print_every:",
        '        print(f"Cost after iteration {num_iterations}: {J.item():.6f}")',
        "    return costs",
    ]


def _main_text(
    has_data: bool, has_training: bool, data_file: str, num_iterations: int, output: str
) -> list[str]:
    lines = [
        "",
        "",
        f"NUM_ITERATIONS = {num_iterations}",
        "",
        "",
        "def load_data():",
        '    """X (m, n_x) and Y (m, n[L]): the course\'s X.T and Y.T."""',
        f'    data = torch.load(HERE / "{data_file}", weights_only=True)',
        '    return data["X"], data["Y"]',
        "",
        "",
        'if __name__ == "__main__":',
        "    print(net)",
    ]
    if not has_data:
        lines.append(f'    print("no training data: export it with X and Y ({data_file})")')
        return lines
    lines.append("    X, Y = load_data()")
    if has_training:
        lines.append("    train(X, Y, NUM_ITERATIONS)")
    lines += [
        "    with torch.no_grad():  # no graph for evaluation",
        '        print(f"cost J = {compute_cost(X, Y).item():.6f}")',
    ]
    if output == "sigmoid":
        lines += [
            "        predictions = (forward(X) > 0.5).to(DTYPE)",
            '        print(f"accuracy: {(predictions == Y).to(DTYPE).mean().item():.2%}")',
        ]
    return lines
