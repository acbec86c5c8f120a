"""A parameter's gradient, as backward gives it: ``W.grad``, the course's dW.

``W.grad`` is a numpy array in every way (shape, arithmetic, ``np.sum``, printing) of a subclass,
:class:`Gradient`, that marks it as dJ/dW. The mark survives the arithmetic of an update
(``learning_rate * dW``, ``dW / m``), and it is what lets the course's update

    W1 = W1 - learning_rate * dW1          # dW1 = W1.grad

be what the course means: an assignment, a new parameter W1 with the new values and no history,
rather than an operation recorded into the graph (after which every backward pass would walk
back through every earlier iteration). Any other arithmetic is recorded as always: ``W - target``,
``W - 0.01 * np.ones(...)``, ``W * dW``. ``np.asarray(dW)`` or ``dW.view(np.ndarray)`` drops the
mark. Only parameters (leaves that require a gradient) with array values get a Gradient; a
one-number parameter's gradient is a numpy number (see docs/design.md).
"""

from __future__ import annotations

import numpy as np


class Gradient(np.ndarray):
    """dJ/dW of a parameter W (``W.grad``): a numpy array marked as a gradient, so that
    ``W - learning_rate * W.grad`` is the course's update (a new parameter), not an operation.

    >>> import numpy as np
    >>> from autograd_nn import Tensor
    >>> W1 = Tensor(np.ones((1, 2)), name="W1")
    >>> (3 * W1).sum().backward()
    >>> W1.grad
    array([[3., 3.]])
    >>> W1 = W1 - 0.1 * W1.grad
    >>> W1.is_leaf, W1.name, W1.data
    (True, 'W1', array([[0.7, 0.7]]))
    """

    def __repr__(self) -> str:
        return repr(self.view(np.ndarray))  # printed as the array it is: array([[3., 3.]])
