"""Dense layers and the model that chains them, in the course's notation.

Layer l computes, for A[l-1] of shape (n[l-1], m) (A[0] = X, one example per column)::

    Z[l] = W[l] A[l-1] + b[l]        W[l]: (n[l], n[l-1]), b[l]: (n[l], 1) broadcast over m
    A[l] = g[l](Z[l])                Z[l], A[l]: (n[l], m)

Every tensor a layer records is named as in the course (W1, b1, Z1, A1, ...) and created inside
``scope("layer l")``, so diagrams draw one cluster per layer, like the course's figures. The
gradients dW[l], db[l] come from ``J.backward()``; nothing here writes a derivative by hand.

>>> from autograd_nn.nn import Model
>>> model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
>>> model.layer_dims, model["W1"].shape, model["b2"].shape
([2, 4, 1], (4, 2), (1, 1))
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from autograd_nn import Tensor, scope
from autograd_nn.checks import is_int
from autograd_nn.errors import AutogradError, ShapeError

from .activations import Activation, get_activation
from .initializers import as_random_state, check_layer_dims, check_size, initialize_layer, scale


class ParameterError(AutogradError, ValueError):
    """A ``parameters`` dict that does not fit the model: missing, extra or unusable entries."""


def _shape(array: Any) -> tuple[int, ...]:
    return tuple(np.shape(array))


def data_tensor(where: str, name: str, value: Any, dtype: Any = None) -> Tensor:
    """A data tensor (no gradient) named ``name`` from an array, or an error naming ``where``.

    A Tensor is returned as it is. Used for X, A[l-1], Y: what the caller passed is named in
    the message (``Model.forward: X: expected numbers, got an array of <U1``), not only the
    Tensor constructor.

    Raises:
        TypeError, ValueError: ``value`` is not a number or an array of real numbers.
    """
    if isinstance(value, Tensor):
        return value
    try:
        return Tensor(value, name=name, requires_grad=False, dtype=dtype)
    except (TypeError, ValueError) as error:
        detail = str(error).removeprefix("Tensor: ")
        raise type(error)(f"{where}: {name} must be an array of numbers: {detail}") from None


class Dense:
    """A fully connected layer: Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`.

    Args:
        n_in: n[l-1], the number of inputs (n_x for the first layer).
        n_out: n[l], the number of units.
        activation: g[l], by name ("sigmoid", "tanh", "relu", "leaky_relu", "linear",
            "softmax") or a function Z -> A made of Tensor operations.
        initialization: "random" (randn * 0.01, the course), "xavier"/"scaled", "he" or
            "zeros"; see :mod:`autograd_nn.nn.initializers`.
        seed: an int or a ``np.random.RandomState`` for the draws of W[l].
        index: l, the layer's position (1 for the first hidden layer); :class:`Model` sets it.

    Attributes:
        W: W[l], a Tensor (n[l], n[l-1]) named "W<l>".
        b: b[l], a Tensor (n[l], 1) named "b<l>".
        Z, A: Z[l] and A[l] of the last forward pass (None before any), like the course's cache.
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str | Activation = "relu",
        *,
        initialization: str = "random",
        seed: int | np.random.RandomState | None = None,
        index: int = 1,
    ) -> None:
        n_in = check_size("Dense", "n_in", n_in)
        n_out = check_size("Dense", "n_out", n_out)
        try:
            self.activation_name, self.activation = get_activation(activation)
        except (TypeError, ValueError) as error:
            raise type(error)(f"Dense: {error}") from None
        _check_index(index)
        try:
            scale(initialization, n_in)
        except (TypeError, ValueError) as error:
            raise type(error)(f"Dense: {error}") from None
        W, b = initialize_layer(n_out, n_in, initialization, as_random_state(seed, "Dense: seed"))
        self.n_in, self.n_out = n_in, n_out
        self.W = Tensor(W, name="W")
        self.b = Tensor(b, name="b")
        self.Z: Tensor | None = None
        self.A: Tensor | None = None
        self._index = 0
        self.index = index

    @property
    def index(self) -> int:
        """l, the layer's position; setting it renames W[l], b[l] and their group "layer l"."""
        return self._index

    @index.setter
    def index(self, l: int) -> None:
        _check_index(l)
        self._index = int(l)
        self.W.name, self.b.name = f"W{l}", f"b{l}"
        self.W.group = self.b.group = f"layer {l}"
        self._names = (f"A{l - 1}", f"Z{l}", f"A{l}", f"layer {l}")

    def forward(self, A_prev: Tensor | np.ndarray) -> Tensor:
        """Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`.

        Args:
            A_prev: A[l-1], shape (n[l-1], m) (X for the first layer).

        Returns:
            A[l], shape (n[l], m), named "A<l>" (for the "linear" activation A[l] is Z[l]).

        Raises:
            ShapeError: if A_prev is not (n[l-1], m).
        """
        l = self._index
        A_prev_name, Z_name, A_name, group = self._names
        A_prev = data_tensor(f"layer {l} (Dense.forward)", A_prev_name, A_prev)
        if A_prev.ndim != 2 or A_prev.shape[0] != self.n_in:
            raise ShapeError(
                f"layer {l}: A[{l - 1}] must be (n[{l - 1}], m) = ({self.n_in}, m), "
                f"got {A_prev.shape}"
            )
        with scope(group):
            Z = self.W @ A_prev + self.b
            Z.name = Z_name
            A = self.activation(Z)
            if A is not Z:
                A.name = A_name
        self.Z, self.A = Z, A
        return A

    __call__ = forward

    def __repr__(self) -> str:
        return f"Dense(layer {self._index}: {self.n_in} -> {self.n_out}, {self.activation_name})"


def _check_index(l: Any) -> None:
    if not is_int(l) or not 1 <= l < 2**31:
        shown = repr(l) if len(repr(l)) < 40 else type(l).__name__
        raise ValueError(f"Dense: the layer index l must be a positive integer, got {shown}")


class Model:
    """A stack of Dense layers: A[0] = X, then `A[l] = g[l](W[l] A[l-1] + b[l])` for l = 1..L.

    Args:
        layers: the layers 1..L in order; layer l's n_in must equal layer l-1's n_out.
            Their indices are set to 1..L (renaming W[l], b[l]).

    Attributes:
        layers: the Dense layers; ``layers[l - 1]`` is layer l.
        cache: after a forward pass, {"A0": X, "Z1": Z1, "A1": A1, ..., "ZL": ZL, "AL": AL}.

    Parameters are reachable by their course names: ``model["W1"]`` or
    ``model.parameters()["W1"]`` (Tensors), ``model.get_parameters()`` (a dict of numpy copies)
    and ``model.set_parameters(parameters)`` (checked before anything is written).
    """

    def __init__(self, layers: Sequence[Dense]) -> None:
        if isinstance(layers, Dense):
            raise TypeError("Model: layers must be a list of Dense layers; put it in a list")
        if not isinstance(layers, (list, tuple)):
            raise TypeError(
                f"Model: layers must be a list of Dense layers, got {type(layers).__name__}"
            )
        layers = list(layers)
        if not layers:
            raise ValueError("Model: needs at least one layer")
        for position, layer in enumerate(layers, start=1):
            if not isinstance(layer, Dense):
                raise TypeError(
                    f"Model: layer {position} must be a Dense layer, got {type(layer).__name__}"
                )
        first_use: dict[int, tuple[int, str]] = {}  # id of a layer or tensor -> (l, what)
        for l, layer in enumerate(layers, start=1):
            if id(layer) in first_use:
                raise ValueError(
                    f"Model: layers {first_use[id(layer)][0]} and {l} are the same Dense object; "
                    "make a new Dense for each layer (they would share W and b and both be "
                    f"named W{l}, b{l})"
                )
            first_use[id(layer)] = (l, "layer")
            for tensor in (layer.W, layer.b):
                if id(tensor) in first_use:
                    other, name = first_use[id(tensor)]
                    raise ValueError(
                        f"Model: layers {other} and {l} share the tensor {name}; give each "
                        "layer its own W and b"
                    )
                first_use[id(tensor)] = (l, tensor.name or "W")
        for l in range(2, len(layers) + 1):
            previous, layer = layers[l - 2], layers[l - 1]
            if layer.n_in != previous.n_out:
                raise ShapeError(
                    f"Model: layer {l} takes n[{l - 1}] = {layer.n_in} inputs but layer {l - 1} "
                    f"has n[{l - 1}] = {previous.n_out} units"
                )
        for l, layer in enumerate(layers, start=1):
            layer.index = l
        self.layers: list[Dense] = layers
        self.cache: dict[str, Tensor] = {}

    @classmethod
    def from_layer_dims(
        cls,
        layer_dims: Sequence[int],
        hidden_activation: str | Activation = "relu",
        output_activation: str | Activation = "sigmoid",
        initialization: str = "random",
        seed: int | np.random.RandomState | None = None,
    ) -> Model:
        """The course's L-layer network from ``layer_dims`` = [n[0], n[1], ..., n[L]].

        Layers 1..L-1 use ``hidden_activation``, layer L uses ``output_activation``. W[1], ...,
        W[L] are drawn in that order from one ``RandomState(seed)``, so the course's
        ``initialize_parameters_deep`` with the same seed and scheme gives the same numbers.

        Args:
            layer_dims: e.g. [12288, 20, 7, 5, 1] (L = 4) or [2, 4, 1] (the flower network).
            hidden_activation: g[1], ..., g[L-1]: "relu" (the course's L-layer network),
                "tanh" (the flower network), "leaky_relu", "sigmoid", "linear", or a function.
            output_activation: g[L]: "sigmoid" for a binary label, "linear" for regression,
                "softmax" for several classes.
            initialization: "random", "xavier"/"scaled", "he" or "zeros".
            seed: an int (or RandomState) for reproducible W[l]; None draws fresh ones.

        Returns:
            A Model with L = len(layer_dims) - 1 Dense layers.

        Raises:
            ValueError: if layer_dims has fewer than two sizes or a size is not positive.
        """
        where = "Model.from_layer_dims"
        dims = check_layer_dims(where, layer_dims)
        for name, activation in (
            ("hidden_activation", hidden_activation),
            ("output_activation", output_activation),
        ):
            try:
                get_activation(activation)
            except (TypeError, ValueError) as error:
                raise type(error)(f"{where}: {name}: {error}") from None
        try:
            scale(initialization, dims[0])
        except (TypeError, ValueError) as error:
            raise type(error)(f"{where}: {error}") from None
        rng = as_random_state(seed, f"{where}: seed")
        L = len(dims) - 1
        layers = [
            Dense(
                dims[l - 1],
                dims[l],
                hidden_activation if l < L else output_activation,
                initialization=initialization,
                seed=rng,
                index=l,
            )
            for l in range(1, L + 1)
        ]
        return cls(layers)

    # ------------------------------------------------------------------ shapes
    @property
    def L(self) -> int:
        """The number of layers (the input layer is not counted)."""
        return len(self.layers)

    @property
    def layer_dims(self) -> list[int]:
        """[n[0], n[1], ..., n[L]]."""
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    # ------------------------------------------------------------------ forward
    def forward(self, X: Tensor | np.ndarray) -> Tensor:
        """A[L] for inputs X: for l = 1..L, Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`.

        Args:
            X: A[0], shape (n[0], m), one example per column. A numpy array becomes a data
                tensor named "X" (no copy for float64, no gradient work).

        Returns:
            A[L], shape (n[L], m). The intermediate Z[l], A[l] are kept in :attr:`cache`.

        Raises:
            ShapeError: if X is not (n[0], m).
        """
        X = data_tensor("Model.forward", "X", X)
        n_x = self.layers[0].n_in
        if X.ndim != 2 or X.shape[0] != n_x:
            hint = (
                "; examples look like rows: pass X.T (one example per column)"
                if X.ndim == 2 and X.shape[1] == n_x
                else ""
            )
            raise ShapeError(
                f"X must be (n[0], m) = ({n_x}, m), one example per column, got {X.shape}{hint}"
            )
        self.cache = {}  # let the previous pass's graph go before this one is built
        for layer in self.layers:
            layer.Z = layer.A = None
        cache = {"A0": X}
        A = X
        for layer in self.layers:
            A = layer.forward(A)
            _, Z_name, A_name, _ = layer._names
            cache[Z_name], cache[A_name] = layer.Z, A
        self.cache = cache
        return A

    __call__ = forward

    # ------------------------------------------------------------------ parameters
    def parameters(self) -> dict[str, Tensor]:
        """The parameter Tensors by course name: {"W1": W1, "b1": b1, ..., "WL": WL, "bL": bL}."""
        named: dict[str, Tensor] = {}
        for layer in self.layers:
            named[f"W{layer.index}"], named[f"b{layer.index}"] = layer.W, layer.b
        return named

    def __getitem__(self, name: str) -> Tensor:
        """``model["W1"]``: the parameter Tensor of that course name."""
        named = self.parameters()
        if not isinstance(name, str):
            raise TypeError(
                f"Model[...]: a parameter is named by a str such as 'W1', got {type(name).__name__}"
            )
        if name not in named:
            raise KeyError(
                f"no parameter {name!r}; this model has {', '.join(named)} (L = {self.L})"
            )
        return named[name]

    def __iter__(self) -> Iterator[Dense]:
        return iter(self.layers)

    def __len__(self) -> int:
        return self.L

    def get_parameters(self) -> dict[str, np.ndarray]:
        """A copy of the parameters as the course's dict of numpy arrays, W1, b1, ..., WL, bL."""
        return {name: p.data.copy() for name, p in self.parameters().items()}

    def gradients(self) -> dict[str, np.ndarray | None]:
        """The course's ``grads`` after ``J.backward()``: {"dW1": dJ/dW1, "db1": ..., "dbL": ...}.

        Each entry is a copy of ``.grad`` (None for a parameter no backward pass has reached).
        """
        return {
            f"d{name}": None if p.grad is None else p.grad.copy()
            for name, p in self.parameters().items()
        }

    def zero_grad(self) -> None:
        """Forget every parameter's gradient (needed only before ``backward(accumulate=True)``)."""
        for p in self.parameters().values():
            p.zero_grad()

    def set_parameters(self, parameters: Mapping[str, Any]) -> None:
        """Copy values into W1, b1, ..., WL, bL, in place, after checking all of them.

        Args:
            parameters: a dict keyed exactly W1, b1, ..., WL, bL (the course's ``parameters``)
                of numpy arrays (or Tensors), W[l] of shape (n[l], n[l-1]) and b[l] of shape
                (n[l], 1).

        Raises:
            ParameterError: missing or unexpected keys (named), values that are not finite
                numbers.
            ShapeError: a wrong shape, e.g. ``W2 must be (n[2], n[1]) = (1, 4), got (4, 1)``.

        Every value is checked before any is written, so a failed call changes nothing.
        """
        if not isinstance(parameters, Mapping):
            raise TypeError(
                "parameters must be a dict keyed W1, b1, ..., WL, bL, "
                f"got {type(parameters).__name__}"
            )
        named = self.parameters()
        missing = [name for name in named if name not in parameters]
        extra = [str(name) for name in parameters if name not in named]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(missing)}")
            if extra:
                parts.append(f"unexpected {', '.join(extra)}")
            raise ParameterError(
                f"parameters: {'; '.join(parts)} (this model has L = {self.L} layers: "
                f"{', '.join(named)})"
            )
        values: dict[str, np.ndarray] = {}
        for name, p in named.items():
            value = parameters[name]
            array = value.data if isinstance(value, Tensor) else np.asarray(value)
            if array.dtype.kind not in "biuf":
                raise ParameterError(f"{name} must hold numbers, got an array of {array.dtype}")
            l = int(name[1:])
            if name[0] == "W":
                expected, formula = p.shape, f"(n[{l}], n[{l - 1}])"
            else:
                expected, formula = p.shape, f"(n[{l}], 1)"
            if _shape(array) != expected:
                raise ShapeError(f"{name} must be {formula} = {expected}, got {_shape(array)}")
            if not np.all(np.isfinite(array)):
                raise ParameterError(f"{name} contains NaN or infinity")
            values[name] = array
        for name, p in named.items():
            p.data[...] = values[name]

    def __repr__(self) -> str:
        lines = ", ".join(
            f"{layer.n_in}->{layer.n_out} {layer.activation_name}" for layer in self.layers
        )
        return f"Model(layer_dims={self.layer_dims}: {lines})"


Sequential = Model
"""Another name for :class:`Model` (a stack of layers), for readers coming from Keras."""
