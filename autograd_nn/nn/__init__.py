"""Neural networks on the Tensor: dense layers, activations, costs, initializers, optimizers,
training, and saving parameters, in the notation of the course (``docs/notation.md``).

Built only from the public Tensor API: a layer is Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`
written with ``@`` and ``+``, and every gradient comes from ``J.backward()``.

>>> from autograd_nn.nn import Model, logistic_cost
>>> import numpy as np
>>> model = Model.from_layer_dims([2, 4, 1], hidden_activation="tanh", seed=2)
>>> X, Y = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([[1.0, 0.0]])
>>> J = logistic_cost(model.forward(X), Y)
>>> J.backward()
>>> model["W1"].grad.shape
(4, 2)
"""

from .activations import ACTIVATIONS, get_activation
from .costs import compute_cost, logistic_cost, mean_squared_error, softmax_cross_entropy
from .initializers import initialize_layer, initialize_parameters
from .layers import Dense, Model, ParameterError, Sequential
from .optimizers import Adam, GradientDescent, Momentum, Optimizer
from .persistence import ParameterFileError, load_parameters, save_parameters
from .training import History, TrainingDivergedError, accuracy, predict, train, train_step

__all__ = [
    "ACTIVATIONS",
    "Adam",
    "Dense",
    "GradientDescent",
    "History",
    "Model",
    "Momentum",
    "Optimizer",
    "ParameterError",
    "ParameterFileError",
    "Sequential",
    "TrainingDivergedError",
    "accuracy",
    "compute_cost",
    "get_activation",
    "initialize_layer",
    "initialize_parameters",
    "load_parameters",
    "logistic_cost",
    "mean_squared_error",
    "predict",
    "save_parameters",
    "softmax_cross_entropy",
    "train",
    "train_step",
]
