"""PyTorch is optional: imported only when a function of :mod:`autograd_nn.pytorch` runs.

``import autograd_nn`` and ``import autograd_nn.pytorch`` work without PyTorch; calling
``to_torch``, ``export_script`` or ``check_against_torch`` without it raises an ``ImportError``
that says how to install it.
"""

from __future__ import annotations

from typing import Any

INSTALL = 'pip install "autograd-nn[torch]"'
"""The command that installs the ``torch`` extra (a CPU build of PyTorch, version pinned)."""


def import_torch(feature: str) -> Any:
    """The ``torch`` module, or an ImportError naming ``feature`` and the extra to install.

    Args:
        feature: what needs PyTorch, e.g. "to_torch", named in the message.

    Raises:
        ImportError: PyTorch is not installed.
    """
    try:
        import torch
    except ImportError:
        raise ImportError(
            f"{feature} needs PyTorch, which is not installed; install the torch extra: {INSTALL}"
        ) from None
    return torch
