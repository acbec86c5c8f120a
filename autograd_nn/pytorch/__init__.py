"""The bridge to PyTorch: the same network, the same numbers, checked gradient for gradient.

- :func:`to_torch` / :func:`from_torch`: a course model as an ``nn.Sequential`` of
  ``nn.Linear`` and activation modules, and back;
- :func:`export_script`: a standalone, commented PyTorch script that builds the same network,
  loads its parameters and trains it the same way (``autograd-nn export`` on the command line);
- :func:`check_against_torch`: any recorded graph replayed in PyTorch op by op, every value and
  gradient compared; :func:`check_model_against_torch`: a course network against its
  ``to_torch`` twin, dZ[l], dW[l], db[l], dA[l] one by one.

PyTorch is optional (``pip install "autograd-nn[torch]"``): it is imported only inside these
functions, and this package imports without it.

The course's layout against PyTorch's (``LAYOUT``): W[l] (n[l], n[l-1]) is ``Linear.weight``,
the same matrix; b[l] (n[l], 1) is ``Linear.bias`` (n[l],), ``b.squeeze(1)``; X (n_x, m), one
example per column, is PyTorch's ``X.T`` (m, n_x), one example per row; A[L] is ``net(X.T).T``.
"""

from .convert import from_torch, layout_note, to_torch
from .counterparts import TORCH_OPS, Counterpart
from .network import check_model_against_torch
from .replay import check_against_torch
from .report import TorchReport, TorchRow
from .requirement import INSTALL
from .script import export_script

__all__ = [
    "INSTALL",
    "TORCH_OPS",
    "Counterpart",
    "TorchReport",
    "TorchRow",
    "check_against_torch",
    "check_model_against_torch",
    "export_script",
    "from_torch",
    "layout_note",
    "to_torch",
]
