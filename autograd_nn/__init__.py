"""autograd_nn: reverse-mode autodiff on numpy, for learning and teaching backpropagation.

``Tensor`` records every operation into a computation graph; ``backward()`` computes every
gradient by the chain rule, in the notation of the "Neural Networks and Deep Learning" course.

The functions (``exp``, ``tanh``, ``sigmoid``, ``sum``, ``maximum``, ...) are one per op of the
table in :mod:`autograd_nn.ops` (see :mod:`autograd_nn.functions`): declaring an op there makes
``autograd_nn.<name>``. The layers import one way: ``errors``, ``graph``, ``describe`` ->
``ops``, ``checks`` -> ``tensor`` -> ``functions`` -> ``numpy_api`` -> this package, which
installs the functions' methods and numpy's protocols on Tensor.
"""

from typing import Any

from . import functions, numpy_api, ops
from .errors import (
    AutogradError,
    BackwardError,
    ConversionError,
    DomainError,
    GrowingGraphWarning,
    IndexingError,
    InPlaceError,
    ShapeError,
    UnsupportedNumpyFunctionError,
)
from .functions import backward
from .gradcheck import GradcheckResult, gradcheck
from .gradient import Gradient
from .graph import is_grad_enabled, no_grad, scope
from .tensor import Tensor

functions.install(Tensor)  # Z.sigmoid(), b.sum(axis=1, keepdims=True), W.T
numpy_api.install(Tensor)  # np.exp(Z), np.dot(W, X), Z > 0, W += x
globals().update(functions.public())  # autograd_nn.exp, .tanh, ...: one per op of the table

__version__ = "0.1.0"

__all__ = [
    "AutogradError",
    "BackwardError",
    "ConversionError",
    "DomainError",
    "GradcheckResult",
    "Gradient",
    "GrowingGraphWarning",
    "InPlaceError",
    "IndexingError",
    "ShapeError",
    "Tensor",
    "UnsupportedNumpyFunctionError",
    "backward",
    "gradcheck",
    "is_grad_enabled",
    "no_grad",
    "ops",
    "scope",
    *functions.public(),
]


def __getattr__(name: str) -> Any:
    """The function of an op declared after the package loaded (``ops.defop`` in your code)."""
    found = functions.public().get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return found
