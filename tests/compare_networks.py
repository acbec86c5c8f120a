"""Networks and hand-written backprop functions shared by the tests of autograd_nn.compare.

``learner`` writes a learner's L-layer backprop in the course's style, optionally with one of
the usual mistakes planted; the tests use it as the "yours" column.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np


def random_network(
    layer_dims: list[int], m: int, seed: int
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Parameters with W[l] ~ randn / sqrt(n[l-1]) and nonzero b[l]; X randn; Y in {0, 1}."""
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
            layer_dims[l - 1]
        )
        parameters[f"b{l}"] = rng.randn(layer_dims[l], 1) * 0.1
    X = rng.randn(layer_dims[0], m)
    Y = (rng.rand(1, m) > 0.5).astype(float)
    return parameters, X, Y


def expected_names(L: int) -> list[str]:
    """Backward order: dA[L], dZ[L], dW[L], db[L], dA[L-1], ..., dZ[1], dW[1], db[1], dA[0]."""
    steps = [name for l in range(L, 0, -1) for name in (f"dZ{l}", f"dW{l}", f"db{l}", f"dA{l - 1}")]
    return [f"dA{L}", *steps]


G = {
    "tanh": (np.tanh, lambda Z: 1 - np.tanh(Z) ** 2),
    "relu": (lambda Z: np.maximum(Z, 0), lambda Z: (Z > 0).astype(float)),
    "sigmoid": (lambda Z: 1 / (1 + np.exp(-Z)), lambda Z: np.exp(-Z) / (1 + np.exp(-Z)) ** 2),
}


def learner(activation: str, bug: str | None = None, layer: int = 0, intermediates: bool = True):
    """A learner's hand-written L-layer backprop, in the course's style, with one mistake.

    bug (at the given layer): "no 1/m" (dW and db without 1/m), "transposed A" (dW computed
    as (1/m) A[l-1] dZ^T), "db rank-1" (np.sum without keepdims), "A instead of Z" (relu: dZ
    = dA * A; tanh: g' evaluated at A), "forgot g'" (dZ = dA), "relu mask on A" (dZ[A <= 0] = 0:
    not a mistake, A > 0 exactly where Z > 0), "Z in 1 - A^2" (tanh' written with Z for A).
    """
    g, g_prime = G[activation]

    def manual(parameters, X, Y):
        L = len(parameters) // 2
        m = X.shape[1]
        caches = []
        A = X
        for l in range(1, L + 1):
            W, b = parameters[f"W{l}"], parameters[f"b{l}"]
            Z = np.dot(W, A) + b
            A_next = 1 / (1 + np.exp(-Z)) if l == L else g(Z)
            caches.append((A, W, Z, A_next))
            A = A_next
        grads = {}
        dZ = A - Y
        for l in range(L, 0, -1):
            A_prev, W, Z, A_l = caches[l - 1]
            if l < L:
                dA = grads[f"dA{l}"]
                here = l == layer
                if here and bug == "forgot g'":
                    dZ = dA
                elif here and bug == "A instead of Z" and activation == "relu":
                    dZ = dA * A_l
                elif here and bug == "A instead of Z":
                    dZ = dA * g_prime(A_l)
                elif here and bug == "Z in 1 - A^2":
                    dZ = dA * (1 - Z**2)
                elif here and bug == "relu mask on A":
                    dZ = np.array(dA, copy=True)
                    dZ[A_l <= 0] = 0
                else:
                    dZ = dA * g_prime(Z)
            here = l == layer
            scale = 1 if here and bug == "no 1/m" else 1 / m
            if here and bug == "transposed A":
                dW = scale * np.dot(A_prev, dZ.T)
            else:
                dW = scale * np.dot(dZ, A_prev.T)
            db = scale * np.sum(dZ, axis=1, keepdims=not (here and bug == "db rank-1"))
            grads[f"dZ{l}"], grads[f"dW{l}"], grads[f"db{l}"] = dZ, dW, db
            grads[f"dA{l - 1}"] = np.dot(W.T, dZ)
        if not intermediates:
            grads = {k: v for k, v in grads.items() if k[1] in "Wb"}
        return grads

    return manual


def variant(tmp_path: Path, module: ModuleType, line: str, mistake: str) -> ModuleType:
    """The learner's file with one line changed (a planted mistake), loaded as a module.

    The file is written to ``tmp_path``, so a crash in it has a real file and line.
    """
    source = Path(module.__file__).read_text()
    assert source.count(line) == 1, line
    path = tmp_path / f"{module.__name__}_with_a_mistake.py"
    path.write_text(source.replace(line, mistake))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    planted = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(planted)
    return planted
