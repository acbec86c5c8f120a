"""autograd_nn: reverse-mode autodiff on numpy, for learning and teaching backpropagation.

``Tensor`` records every operation into a computation graph; ``backward()`` computes every
gradient by the chain rule, in the notation of the "Neural Networks and Deep Learning" course.
"""

from . import ops
from .errors import (
    AutogradError,
    BackwardError,
    DomainError,
    IndexingError,
    InPlaceError,
    ShapeError,
    UnsupportedNumpyFunctionError,
)
from .functions import (
    abs,
    broadcast_to,
    clip,
    concatenate,
    exp,
    leaky_relu,
    log,
    log_softmax,
    matmul,
    max,
    maximum,
    mean,
    minimum,
    relu,
    reshape,
    sigmoid,
    softmax,
    sqrt,
    square,
    squeeze,
    stack,
    sum,
    tanh,
    transpose,
    where,
)
from .gradcheck import GradcheckResult, gradcheck
from .graph import is_grad_enabled, no_grad, scope
from .tensor import Edge, Tensor

__version__ = "0.1.0"

__all__ = [
    "AutogradError",
    "BackwardError",
    "DomainError",
    "Edge",
    "GradcheckResult",
    "InPlaceError",
    "IndexingError",
    "ShapeError",
    "Tensor",
    "UnsupportedNumpyFunctionError",
    "abs",
    "broadcast_to",
    "clip",
    "concatenate",
    "exp",
    "gradcheck",
    "is_grad_enabled",
    "leaky_relu",
    "log",
    "log_softmax",
    "matmul",
    "max",
    "maximum",
    "mean",
    "minimum",
    "no_grad",
    "ops",
    "relu",
    "reshape",
    "scope",
    "sigmoid",
    "softmax",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "sum",
    "tanh",
    "transpose",
    "where",
]
