"""The frameworks a learner might use, each behind the same small toolbox.

The workloads are written once, as a learner writes them (``W1 @ X + b1``, ``tanh``, ``sigmoid``,
the cost with logs, ``J.backward()``, ``W.data -= learning_rate * W.grad``). A toolbox supplies
what differs from one framework to the next: how a parameter and a data array are made, the
names of ``tanh``, ``sigmoid``, ``relu``, ``log`` and ``exp``, and the framework's idiom for one
step of gradient descent. Tape-based frameworks (autograd_nn, PyTorch, MyGrad, micrograd) all run
the same :func:`tape_step`; HIPS autograd, which differentiates a function rather than a
recorded value, runs ``value_and_grad`` on the same cost function.

Peers are optional: :func:`load` returns None and a reason when one is not installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from importlib import metadata
from typing import Any

import numpy as np

Cost = Callable[[Mapping[str, Any]], Any]
"""A learner's cost function: parameters (by course name) -> the cost J."""

PEERS = {  # toolbox name -> (module to import, distribution name for the version)
    "autograd_nn": ("autograd_nn", "autograd-nn"),
    "micrograd": ("micrograd.engine", "micrograd"),
    "PyTorch": ("torch", "torch"),
    "MyGrad": ("mygrad", "mygrad"),
    "HIPS autograd": ("autograd", "autograd"),
}


def version(name: str) -> str:
    """The installed version of a toolbox's distribution ("numpy" included), or "absent"."""
    distribution = PEERS.get(name, (name, name))[1]
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


class Toolbox:
    """What a learner's code needs from a framework; the defaults suit tape-based ones."""

    name = ""

    def scalar(self, x: float) -> Any:
        """A scalar leaf that gets a gradient (a, b, c in J = 3(a + bc))."""
        raise NotImplementedError

    def param(self, array: np.ndarray) -> Any:
        """A parameter (W1, b1, ...) made from an initial numpy array (copied)."""
        raise NotImplementedError

    def constant(self, array: np.ndarray) -> Any:
        """Data (X, Y): no gradient."""
        raise NotImplementedError

    def backward(self, J: Any) -> None:
        """The framework's default backward pass from a one-entry J."""
        J.backward()

    def value(self, J: Any) -> float:
        """J as a Python float."""
        return J.item()

    def grad(self, p: Any) -> np.ndarray:
        """p's gradient as a numpy array (for the checks, not the timed loop)."""
        return np.asarray(p.grad, dtype=np.float64)

    def zero_grad(self, p: Any) -> None:
        """Forget p's gradient before the next backward pass."""
        p.grad = None

    def gradients(self, f: Callable[..., Any], inputs: tuple[float, ...]) -> tuple[float, list]:
        """J = f(*inputs) and dJ/d(each input), inputs made into scalar leaves here."""
        leaves = [self.scalar(x) for x in inputs]
        J = f(*leaves)
        self.backward(J)
        return self.value(J), [leaf.grad for leaf in leaves]

    def step(self, cost: Cost, params: dict[str, Any], learning_rate: float) -> tuple[float, Any]:
        """One gradient-descent step; returns J before the update and the gradients' holder."""
        return tape_step(self, cost, params, learning_rate), params


def tape_step(F: Toolbox, cost: Cost, params: dict[str, Any], learning_rate: float) -> float:
    """The learner's loop body for a tape-based framework: zero, forward, backward, update."""
    for p in params.values():
        F.zero_grad(p)
    J = cost(params)
    F.backward(J)
    for p in params.values():
        p.data -= learning_rate * p.grad
    return F.value(J)


class AutogradNN(Toolbox):
    name = "autograd_nn"

    def __init__(self, dtype: Any = np.float64) -> None:
        import autograd_nn

        self.Tensor, self.dtype = autograd_nn.Tensor, dtype
        self.tanh, self.sigmoid, self.relu = autograd_nn.tanh, autograd_nn.sigmoid, autograd_nn.relu
        self.log, self.exp = autograd_nn.log, autograd_nn.exp

    def scalar(self, x: float) -> Any:
        return self.Tensor(x)

    def param(self, array: np.ndarray) -> Any:
        return self.Tensor(array, dtype=self.dtype)

    def constant(self, array: np.ndarray) -> Any:
        return self.Tensor(array, requires_grad=False, dtype=self.dtype)

    def zero_grad(self, p: Any) -> None:
        p.zero_grad()


class Micrograd(Toolbox):
    """Karpathy's scalar engine: Values only (no matrices), relu as its one activation."""

    name = "micrograd"

    def __init__(self, dtype: Any = np.float64) -> None:
        from micrograd.engine import Value

        self.Value = Value

    def scalar(self, x: float) -> Any:
        return self.Value(x)

    def value(self, J: Any) -> float:
        return J.data

    def grad(self, p: Any) -> np.ndarray:
        return np.asarray(p.grad, dtype=np.float64)

    def zero_grad(self, p: Any) -> None:
        p.grad = 0.0


class PyTorch(Toolbox):
    name = "PyTorch"

    def __init__(self, dtype: Any = np.float64) -> None:
        import torch

        self.torch = torch
        self.dtype = torch.float32 if dtype == np.float32 else torch.float64
        self.tanh, self.sigmoid, self.relu = torch.tanh, torch.sigmoid, torch.relu
        self.log, self.exp = torch.log, torch.exp

    def scalar(self, x: float) -> Any:
        return self.torch.tensor(x, dtype=self.dtype, requires_grad=True)

    def param(self, array: np.ndarray) -> Any:
        return self.torch.tensor(array, dtype=self.dtype, requires_grad=True)

    def constant(self, array: np.ndarray) -> Any:
        return self.torch.tensor(array, dtype=self.dtype)

    def grad(self, p: Any) -> np.ndarray:
        return p.grad.double().numpy()


class MyGrad(Toolbox):
    name = "MyGrad"

    def __init__(self, dtype: Any = np.float64) -> None:
        import mygrad
        from mygrad.nnet.activations import relu, sigmoid

        self.mygrad, self.dtype = mygrad, dtype
        self.tanh, self.sigmoid, self.relu = mygrad.tanh, sigmoid, relu
        self.log, self.exp = mygrad.log, mygrad.exp

    def scalar(self, x: float) -> Any:
        return self.mygrad.tensor(x)

    def param(self, array: np.ndarray) -> Any:
        return self.mygrad.tensor(np.array(array, dtype=self.dtype))

    def constant(self, array: np.ndarray) -> Any:
        return self.mygrad.tensor(array, dtype=self.dtype, constant=True)

    def zero_grad(self, p: Any) -> None:
        p.null_grad()


class HipsAutograd(Toolbox):
    """HIPS autograd: differentiates a function of numpy arrays (``value_and_grad``)."""

    name = "HIPS autograd"

    def __init__(self, dtype: Any = np.float64) -> None:
        import autograd
        import autograd.numpy as anp

        self.anp, self.dtype = anp, dtype
        self.value_and_grad = autograd.value_and_grad
        self.tanh, self.log, self.exp = anp.tanh, anp.log, anp.exp

    def sigmoid(self, Z: Any) -> Any:
        return 1 / (1 + self.anp.exp(-Z))

    def relu(self, Z: Any) -> Any:
        return self.anp.maximum(Z, 0)

    def scalar(self, x: float) -> Any:
        return x

    def param(self, array: np.ndarray) -> Any:
        return np.array(array, dtype=self.dtype)

    def constant(self, array: np.ndarray) -> Any:
        return np.asarray(array, dtype=self.dtype)

    def gradients(self, f: Callable[..., Any], inputs: tuple[float, ...]) -> tuple[float, list]:
        J, grads = self.value_and_grad(f, argnum=tuple(range(len(inputs))))(*inputs)
        return float(J), list(grads)

    def step(self, cost: Cost, params: dict[str, Any], learning_rate: float) -> tuple[float, Any]:
        J, grads = self.value_and_grad(cost)(params)
        for name, g in grads.items():
            params[name] -= learning_rate * g
        return float(J), grads

    def grad(self, g: Any) -> np.ndarray:
        return np.asarray(g, dtype=np.float64)


TOOLBOXES: dict[str, type[Toolbox]] = {
    "autograd_nn": AutogradNN,
    "micrograd": Micrograd,
    "PyTorch": PyTorch,
    "MyGrad": MyGrad,
    "HIPS autograd": HipsAutograd,
}


def load(name: str, dtype: Any = np.float64) -> tuple[Toolbox | None, str]:
    """The toolbox called ``name`` for ``dtype``, or (None, why it is skipped)."""
    module = PEERS[name][0]
    try:
        importlib.import_module(module)
    except ImportError as error:
        return None, f"{name} not installed ({error}); pip install -e '.[bench]'"
    return TOOLBOXES[name](dtype), ""


def gradients_of(F: Toolbox, holder: Any) -> dict[str, np.ndarray]:
    """The gradients by name after a step: from the parameters (tape) or the returned dict."""
    return {name: F.grad(p) for name, p in holder.items()}
