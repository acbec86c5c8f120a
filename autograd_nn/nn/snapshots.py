"""Snapshots of training: what ``train(..., record_every=k)`` keeps at each recorded iteration.

At iteration i (0, k, 2k, ..., and the last), before that iteration's update, a
:class:`Snapshot` holds the state the course's loop is in::

    W[l], b[l]          the parameters that iteration starts from     parameters["W1"], ...
    J                   the cost of A[L] = model(X) with them         cost
    dW[l], db[l]        the gradients backward() gave for them        gradients["dW1"], ...
    accuracy            the share of examples predict gets right      accuracy (None: regression)
    A[L] on a grid      for two input features: the model's output    output (8-bit, see below)
                        on a :class:`DecisionGrid` over the data

The grid is the course's ``plot_decision_boundary``: x1 from min(x1) - 1 to max(x1) + 1 and
the same for x2, here 100 x 100 points. A binary output A[L] in [0, 1] is kept in 8 bits as
q = floor(256 A[L]) (capped at 255), so that q >= 128 exactly where A[L] >= 0.5: the picture
and ``predict`` draw the same boundary (they differ only where A[L] is exactly 0.5). A softmax
output is kept as the predicted class, argmax over the C rows.

Memory: a snapshot holds 2 x 8 bytes per parameter (W, b and dW, db in float64) plus one byte
per grid point (10,000 for two features). The flower network [2, 4, 1] (17 parameters)
recorded every 100 iterations for 10,000 iterations: 101 snapshots, about 1.0 MB, nearly all
of it the grids; the 4-layer cat network [12288, 20, 7, 5, 1] (245,973 parameters): 3.9 MB a
snapshot.

>>> import numpy as np
>>> grid = DecisionGrid.over(np.array([[0.0, 2.0], [1.0, 3.0]]), points=3)
>>> grid.x1.tolist(), grid.x2.tolist()
([-1.0, 1.0, 3.0], [0.0, 2.0, 4.0])
>>> grid.points()[:, :4].tolist()  # one point per column, x1 fastest
[[-1.0, 1.0, 3.0, -1.0], [0.0, 0.0, 0.0, 2.0]]
>>> q = grid.encode(np.array([[0.0, 0.49, 0.5, 0.51, 1.0, 0.2, 0.7, 0.3, 0.9]]))
>>> q.tolist()
[[0, 125, 128], [130, 255, 51], [179, 76, 230]]
>>> grid.decisions(q).tolist()
[[0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

GRID_POINTS = 100
"""Points along each axis of the decision grid (100 x 100 = 10,000 points)."""


@dataclass(frozen=True)
class DecisionGrid:
    """The points in the plane where a two-feature model's output is recorded.

    Attributes:
        x1: the first feature's values, ``linspace(min(x1) - 1, max(x1) + 1, points)``.
        x2: the second feature's values, the same way.
        classes: 1 for a binary output (kept as 8-bit probabilities), C for softmax (kept as
            the class index).
    """

    x1: np.ndarray
    x2: np.ndarray
    classes: int = 1

    @classmethod
    def over(cls, X: np.ndarray, points: int = GRID_POINTS, classes: int = 1) -> DecisionGrid:
        """The grid of the course's ``plot_decision_boundary`` over the data X (2, m)."""
        X = np.asarray(X, dtype=np.float64)
        x1 = np.linspace(X[0].min() - 1, X[0].max() + 1, points)
        x2 = np.linspace(X[1].min() - 1, X[1].max() + 1, points)
        return cls(x1, x2, classes)

    @property
    def shape(self) -> tuple[int, int]:
        """(len(x2), len(x1)): one row per value of x2, as an image with x2 up."""
        return (len(self.x2), len(self.x1))

    def points(self) -> np.ndarray:
        """The grid as inputs X_grid (2, len(x1) * len(x2)), x1 varying fastest.

        Point k is (x1[k % len(x1)], x2[k // len(x1)]): ``encode`` reshapes the model's output
        on these points to :attr:`shape`.
        """
        xx1, xx2 = np.meshgrid(self.x1, self.x2)
        return np.vstack([xx1.ravel(), xx2.ravel()])

    def encode(self, AL: np.ndarray) -> np.ndarray:
        """The model's output on :meth:`points`, A[L] (n[L], len(x1) * len(x2)), as uint8.

        Binary output: floor(256 A[L]) capped at 255 (q >= 128 exactly where A[L] >= 0.5).
        Softmax output: the predicted class, argmax over the rows.
        """
        AL = np.asarray(AL)
        if self.classes == 1:
            q = np.floor(np.clip(AL[0], 0.0, 1.0) * 256.0)
            return np.minimum(q, 255).astype(np.uint8).reshape(self.shape)
        return AL.argmax(axis=0).astype(np.uint8).reshape(self.shape)

    def decisions(self, output: np.ndarray) -> np.ndarray:
        """What ``predict`` says at each grid point, from a snapshot's ``output``.

        Binary: 1.0 where q >= 128 (A[L] >= 0.5), else 0.0; softmax: the class index.
        """
        if self.classes == 1:
            return (np.asarray(output) >= 128).astype(np.float64)
        return np.asarray(output).astype(np.float64)


@dataclass
class Snapshot:
    """The state of training at one recorded iteration, before that iteration's update.

    Attributes:
        iteration: i.
        cost: J at iteration i (the same number as ``History.costs``).
        accuracy: the fraction of the m examples that ``predict`` classifies right with these
            parameters, in [0, 1]; None when the output is not a classification (linear
            output or labels other than 0/1).
        parameters: {"W1": W1, "b1": b1, ..., "bL": bL}, copies (float arrays).
        gradients: {"dW1": dW1, "db1": db1, ..., "dbL": dbL}: dJ/dW[l] at these parameters.
        output: the model's output on the history's :class:`DecisionGrid` (uint8, see
            :meth:`DecisionGrid.encode`), or None when X does not have two features.
    """

    iteration: int
    cost: float
    accuracy: float | None
    parameters: dict[str, np.ndarray] = field(repr=False)
    gradients: dict[str, np.ndarray] = field(repr=False)
    output: np.ndarray | None = field(default=None, repr=False)

    @property
    def nbytes(self) -> int:
        """The bytes of the arrays this snapshot holds."""
        arrays = [*self.parameters.values(), *self.gradients.values()]
        if self.output is not None:
            arrays.append(self.output)
        return sum(a.nbytes for a in arrays)


def snapshot_bytes(layer_dims: list[int], grid_points: int = 0) -> int:
    """What one snapshot of a network ``layer_dims`` takes: W, b, dW, db in float64 + the grid.

    >>> snapshot_bytes([2, 4, 1], 100 * 100)  # 17 parameters, twice, 8 bytes, + 10,000 bytes
    10272
    """
    P = sum(layer_dims[l] * (layer_dims[l - 1] + 1) for l in range(1, len(layer_dims)))
    return 2 * 8 * P + grid_points
