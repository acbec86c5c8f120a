"""Errors raised by autograd_nn.

Every message names the operation, the tensors involved (by name and shape) and what would have
been valid, e.g. ``matmul: W2 (1, 4) @ A1 (3, 400): inner dimensions 4 and 3 differ``. A failed
call changes nothing the user holds: checks run before any state is written.

Hierarchy::

    AutogradError
    ├── ShapeError      (also a ValueError: shapes that do not fit the operation)
    ├── DomainError     (also a ValueError: log(0), sqrt(-1), division by zero, ...)
    ├── BackwardError   (also a RuntimeError: backward() cannot run as asked)
    ├── IndexingError   (also an IndexError: an index that does not fit the tensor)
    ├── UnsupportedNumpyFunctionError (also a TypeError: a numpy function with no derivative rule)
    ├── InPlaceError    (also a RuntimeError: writing into a tensor the graph needs)
    └── ConversionError (also a TypeError and a ValueError: float(t), int(t), t.item() of a
                         tensor that is not one number)
"""

from __future__ import annotations


class AutogradError(Exception):
    """Base class of every error autograd_nn raises on purpose."""


class ShapeError(AutogradError, ValueError):
    """Shapes that do not fit an operation (matmul inner dimensions, broadcasting, reshape)."""


class DomainError(AutogradError, ValueError):
    """An input outside an operation's domain (log of a non-positive number, division by zero)."""


class BackwardError(AutogradError, RuntimeError):
    """``backward()`` cannot run as asked (missing or mis-shaped seed gradient, no graph)."""


class IndexingError(AutogradError, IndexError):
    """An index that does not fit the tensor (out of bounds, too many indices)."""


class UnsupportedNumpyFunctionError(AutogradError, TypeError):
    """A numpy function or ufunc given a Tensor has no derivative rule (or an argument such as
    ``out=`` that would leave the graph): refused rather than computed on a silent copy."""


class InPlaceError(AutogradError, RuntimeError):
    """Writing into a tensor the graph needs (``Z[Z <= 0] = 0`` on a recorded tensor, ``W += 1``
    on a parameter outside ``no_grad()``)."""


class ConversionError(AutogradError, TypeError, ValueError):
    """A conversion to one number (``float(t)``, ``int(t)``, ``format(t, ".4f")``, ``t.item()``)
    of a tensor with several entries. Both a TypeError (as Python's ``float([1, 2])``) and a
    ValueError (as numpy's ``a.item()``), so either ``except`` catches it."""


class GrowingGraphWarning(UserWarning):
    """A graph made of the graphs of many earlier backward passes: each iteration of a training
    loop walks back through every earlier one (said once, with the fix)."""
