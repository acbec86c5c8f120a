"""Autodiff next to the course's hand-derived backprop, quantity by quantity, in backward order.

``compare(parameters, X, Y)`` runs the L-layer network twice on the same numbers:

* **autodiff**: the nn ``Model`` of the course's network (for l = 1..L,
  Z[l] = W[l] A[l-1] + b[l], `A[l] = g[l](Z[l])`, a sigmoid output) and its
  ``logistic_cost``, then ``J.backward()``, which leaves dJ/dW[l], dJ/db[l], dJ/dZ[l], dJ/dA[l]
  on the recorded tensors;
* **the formulas**: :func:`autograd_nn.reference.L_model_backward` (the course's vectorized
  backprop), or your own hand-written gradient function (``manual=``).

and reports the row dA[L], then for l = L..1 the rows dZ[l], dW[l], db[l], dA[l-1] (backward
order): shape, the two values, max absolute difference, relative difference
||g1 - g2|| / (||g1|| + ||g2||) and a verdict at the tolerance. Optionally a third check runs
centered finite differences on dW[l], db[l] (the course's gradient check: about 1e-7 fine, 1e-5
look closer, 1e-3 wrong).

The 1/m convention. The course applies 1/m inside dW and db only and seeds backprop with the
derivatives of the per-example loss, dA[L] = -(Y / A[L] - (1 - Y) / (1 - A[L])) and
dZ[L] = A[L] - Y::

    dZ[l] = dA[l] * g[l]'(Z[l])                           (n[l], m)
    dW[l] = (1/m) dZ[l] A[l-1]^T                          (n[l], n[l-1])
    db[l] = (1/m) np.sum(dZ[l], axis=1, keepdims=True)    (n[l], 1)
    dA[l-1] = W[l]^T dZ[l]                                (n[l-1], m)

so its dW[l], db[l] are the partials of the mean cost J, but its dZ[l] and dA[l] are m times
dJ/dZ[l] and dJ/dA[l], which is what autodiff computes. The report therefore shows
m * dJ/dZ[l] and m * dJ/dA[l] in the autodiff column (``scale`` = m in the records), so equal
numbers mean equal gradients and no row is a false mismatch. ``logistic_cost`` computes J
stably from Z[L] and reports dJ/dA[L] = dA[L] / m to A[L] without sending it on, so the dA[L]
row compares that with the course's dA[L] (infinite or 0/0 in both where A[L] saturates to
exactly 0 or 1: those entries count as equal).

Your own gradients (``manual=``), as the course writes them: week 3's
``backward_propagation(parameters, cache, X, Y)`` (after your ``forward_propagation(X,
parameters)``), week 4's ``L_model_backward(AL, Y, caches)`` (after your ``L_model_forward``), or
any ``f(parameters, X, Y)``; see :mod:`~autograd_nn.compare.manual`. The grads dict needs dW1,
db1, ..., dWL, dbL; dZ1, ..., dZL and dA0, ..., dA{L} are optional and compared when present.
With ``manual`` the formula column is "yours" instead of "reference", and every row checks your
value against autodiff (which the test suite checks against the reference to 1e-10). A value of
the wrong shape is a finding, not an error: its row says "wrong shape" and the hint says which
shape the course's formula gives.

Finding the bug. :attr:`ComparisonReport.first_mismatch` is the first row, in backward order,
that disagrees: since each quantity is computed from the ones before it, that is where your
mistake is. The report prints it with a few entries side by side and a hint (a missing 1/m, a
transposed product, db without ``keepdims=True``, a forgotten g'(Z), g' evaluated at A, ...),
naming the cause where it is recognised (``np.sum(dZ2)`` without ``axis=1, keepdims=True``,
``np.dot(dZ1, A1.T)`` where ``np.dot(dZ1, X.T)`` belongs, a dA changed in place by ``dZ = dA``).
When your function crashes, the error shows the line of your code that failed, with the shapes
there; arrays your function changed in place (its inputs, your cache) are named in the report.

No false alarms. Entries below an absolute floor in both columns count as equal: 1e-12 times
the numbers the row's formula multiplies (max|dZ[l]| max|A[l-1]| for dW[l], ...), never below
the smallest normal float64, so rounding next to 0 (2e-17 against 0 with the zero
initialization) and the subnormal numbers of a 300-layer network are not mismatches. Hidden
units that start equal (zero initialization) get a note on symmetry, not a hint.

>>> import numpy as np
>>> from autograd_nn import reference
>>> parameters = reference.initialize_parameters_deep([2, 3, 1], seed=1, scale=0.5)
>>> rng = np.random.RandomState(0)
>>> X, Y = rng.randn(2, 5), (rng.rand(1, 5) > 0.5).astype(float)
>>> report = compare(parameters, X, Y, hidden_activation="tanh")
>>> " ".join(row.name for row in report.rows)
'dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1 dA0'
>>> report.ok, report.first_mismatch
(True, None)

The package, a module per idea:

* :mod:`~autograd_nn.compare.comparison`: :func:`compare`, lining the two sides up row by row;
* :mod:`~autograd_nn.compare.autodiff`: the autodiff side, the nn ``Model`` and
  ``logistic_cost``, :func:`autodiff_grads`;
* :mod:`~autograd_nn.compare.finite_differences`: the course's gradient check column;
* :mod:`~autograd_nn.compare.rows`: :class:`ComparisonRow`, one quantity with both values;
* :mod:`~autograd_nn.compare.diagnosis`: finding the bug, the first mismatch and its hint (data);
* :mod:`~autograd_nn.compare.report`: :class:`ComparisonReport` and its rendering (text table,
  Markdown, HTML, records, the "Finding the bug" section);
* :mod:`~autograd_nn.compare.inputs`: checking X, Y, parameters and activations, and the errors
  :class:`ComparisonError`, :class:`ManualGradientError`;
* :mod:`~autograd_nn.compare.manual`: calling your own backprop and reading its grads;
* :mod:`~autograd_nn.compare.crash`: where your code failed (file, line, statement, shapes);
* :mod:`~autograd_nn.compare.aliasing`: arrays your code changed in place;
* :mod:`~autograd_nn.compare.symmetry`: hidden units that start equal (zero initialization);
* :mod:`~autograd_nn.compare.command`: the ``autograd-nn compare`` subcommand.

Imports run one way: crash <- inputs <- aliasing, manual, symmetry; autodiff <-
finite_differences; rows <- diagnosis <- report; comparison uses them all and command uses
comparison.
"""

from .autodiff import autodiff_grads
from .command import add_compare_command, run_compare_command
from .comparison import DEFAULT_TOLERANCE as DEFAULT_TOLERANCE
from .comparison import compare
from .diagnosis import FORMULAS as FORMULAS
from .diagnosis import SHOWN_ENTRIES as SHOWN_ENTRIES
from .finite_differences import FD_RESOLUTION as FD_RESOLUTION
from .inputs import ComparisonError, ManualGradientError
from .inputs import Parameters as Parameters
from .manual import ManualGradients as ManualGradients
from .report import ComparisonReport
from .rows import ComparisonRow

__all__ = [
    "ComparisonError",
    "ComparisonReport",
    "ComparisonRow",
    "ManualGradientError",
    "add_compare_command",
    "autodiff_grads",
    "compare",
    "run_compare_command",
]
