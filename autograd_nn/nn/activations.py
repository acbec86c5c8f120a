"""Activation functions g[l], chosen by name or given as a function of Z[l].

Each maps Z[l] (n[l], m) to `A[l] = g[l](Z[l])` of the same shape; the derivative g'[l] that the
course writes out by hand (``docs/notation.md``) comes from the Tensor operation's backward rule:

==============  =============================  ===========================================
name            g(z)                           g'(z)
==============  =============================  ===========================================
"sigmoid"       1 / (1 + e^(-z))               a (1 - a)
"tanh"          tanh(z)                        1 - a^2
"relu"          max(0, z)                      1 for z > 0, 0 for z <= 0 (0 at z = 0)
"leaky_relu"    max(0.01 z, z)                 1 for z > 0, 0.01 for z <= 0
"linear"        z (identity)                   1
"softmax"       e^(z_i) / sum_j e^(z_j)        (classes in rows; beyond the course)
==============  =============================  ===========================================

A custom activation is any function from a Tensor to a Tensor of the same shape, written with
Tensor operations (``lambda Z: Z.leaky_relu(0.2)``); autodiff provides its derivative.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd_nn import Tensor

Activation = Callable[[Tensor], Tensor]
"""A function A = g(Z), from Z[l] (n[l], m) to A[l] (n[l], m)."""


def sigmoid(Z: Tensor) -> Tensor:
    """A = sigma(Z) = 1 / (1 + e^(-Z)); g'(Z) = A (1 - A). The course's binary output layer."""
    return Z.sigmoid()


def tanh(Z: Tensor) -> Tensor:
    """A = tanh(Z); g'(Z) = 1 - A^2. The course's hidden layer of the flower network."""
    return Z.tanh()


def relu(Z: Tensor) -> Tensor:
    """A = max(0, Z); g'(Z) = 1 where Z > 0, else 0 (0 at Z = 0, as the course's relu_backward)."""
    return Z.relu()


def leaky_relu(Z: Tensor) -> Tensor:
    """A = max(0.01 Z, Z); g'(Z) = 1 where Z > 0, else 0.01."""
    return Z.leaky_relu(0.01)


def linear(Z: Tensor) -> Tensor:
    """A = Z (identity, the output of a regression such as the house-price neuron); g'(Z) = 1.

    Returns Z itself: no operation is recorded, and A[l] is the tensor Z[l].
    """
    return Z


def softmax(Z: Tensor) -> Tensor:
    """A = softmax(Z) over the classes (axis 0: one class per row, one example per column).

    A[i, j] = e^(Z[i, j]) / sum_k e^(Z[k, j]); each column of A sums to 1. Pair it with
    :func:`autograd_nn.nn.costs.softmax_cross_entropy`.
    """
    return Z.softmax(axis=0)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "linear": linear,
    "softmax": softmax,
}
"""Activation name -> function A = g(Z)."""


def get_activation(activation: str | Activation) -> tuple[str, Activation]:
    """Resolve an activation given by name or as a function.

    Args:
        activation: one of the names in :data:`ACTIVATIONS`, or a function Z -> A made of
            Tensor operations.

    Returns:
        (name, function): the name for display ("sigmoid", or the function's ``__name__``)
        and the function A = g(Z).

    Raises:
        ValueError: for an unknown name (the message lists the known ones).
        TypeError: for something that is neither a name nor callable.
    """
    if isinstance(activation, str):
        if activation not in ACTIVATIONS:
            known = ", ".join(repr(name) for name in ACTIVATIONS)
            raise ValueError(
                f"activation must be one of {known} or a function Z -> A, got {activation!r}"
            )
        return activation, ACTIVATIONS[activation]
    if callable(activation):
        return getattr(activation, "__name__", "custom"), activation
    raise TypeError(
        "activation must be a name (e.g. 'relu') or a function Z -> A, "
        f"got {type(activation).__name__}"
    )
