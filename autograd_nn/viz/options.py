"""The options every picture, explanation and player shares, checked once.

Each public function of :mod:`autograd_nn.viz` passes what it was given to :func:`check_options`
(and the tensor to :func:`check_root`), so a wrong argument fails at once with a message that
names the function and the argument (``draw: collapse must be True, False, a group name or a
list of group names; got int 5``), never with an error from deep inside Graphviz or numpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..tensor import Tensor
from . import labels

MODES = ("forward", "backward", "both")
#: How much a backward picture shows: gradients only, the values each edge carries, or each
#: edge's chain rule (upstream x local = downstream) and the sums where paths meet.
DETAILS = ("plain", "values", "chain")
#: Gradients written as fractions (dJ/dW1) or with the course's variable names (dW1).
GRAD_NAMES = ("fraction", "course")
RANKDIRS = ("LR", "RL", "TB", "BT")


@dataclass(frozen=True)
class Options:
    """How a picture is drawn (see :func:`autograd_nn.viz.draw` for each field)."""

    mode: str = "backward"
    detail: str = "chain"
    grad_names: str = "fraction"
    small: tuple[int, int] = labels.SMALL
    rankdir: str | None = None
    collapse: frozenset[str] | bool = False
    legend: bool = True
    title: str | None = None


def check_root(function: str, root: Any, what: str = "root") -> Tensor:
    """``root`` if it is a Tensor, else a TypeError naming ``function`` and the argument."""
    if not isinstance(root, Tensor):
        raise TypeError(
            f"{function}: {what} must be a Tensor (the value to draw from, usually the cost J), "
            f"got {_kind(root)}"
        )
    return root


def check_names(function: str, names: Any) -> Mapping[str, Any] | None:
    """``names`` if it is None or a mapping (such as ``locals()``), else a TypeError."""
    if names is not None and not isinstance(names, Mapping):
        raise TypeError(
            f"{function}: names must be a mapping of variable names to tensors, such as "
            f"locals() or {{'u': u, 'v': v}}; got {_kind(names)}"
        )
    return names


def check_options(function: str, **given: Any) -> Options:
    """Check the options given to ``function`` and return them as :class:`Options`.

    Raises:
        TypeError: an option of the wrong type (e.g. ``collapse=5``).
        ValueError: an option outside its choices (e.g. ``mode="sideways"``).
    """
    checked: dict[str, Any] = {}
    for key, value in given.items():
        if key == "mode":
            checked[key] = _choice(function, key, value, MODES)
        elif key == "detail":
            checked[key] = _choice(function, key, value, DETAILS)
        elif key == "grad_names":
            checked[key] = _choice(function, key, value, GRAD_NAMES)
        elif key == "rankdir":
            checked[key] = None if value is None else _choice(function, key, value, RANKDIRS)
        elif key == "small":
            checked[key] = _small(function, value)
        elif key == "collapse":
            checked[key] = _collapse(function, value)
        elif key == "legend":
            checked[key] = _flag(function, key, value)
        elif key == "title":
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{function}: title must be a string or None, got {_kind(value)}")
            checked[key] = value
        else:  # pragma: no cover - a programming error in this package
            raise AssertionError(f"unknown option {key}")
    return Options(**checked)


def _kind(value: Any) -> str:
    text = repr(value)
    return type(value).__name__ + (f" {text}" if len(text) <= 40 else "")


def _choice(function: str, key: str, value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{function}: {key} must be one of {', '.join(choices)} (a string); got {_kind(value)}"
        )
    if value not in choices:
        raise ValueError(f"{function}: {key} must be one of {', '.join(choices)}; got {value!r}")
    return value


def _flag(function: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{function}: {key} must be True or False, got {_kind(value)}")
    return value


def _small(function: str, value: Any) -> tuple[int, int]:
    """An int n means (n, n); a pair is (rows, columns); 0 writes every array as a summary."""
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if (
        not isinstance(pair, (tuple, list))
        or len(pair) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
    ):
        raise TypeError(
            f"{function}: small must be an int n (arrays up to n x n are written out) or a pair "
            f"(rows, columns); got {_kind(value)}"
        )
    if min(pair) < 0 or max(pair) > 32:
        raise ValueError(f"{function}: small must be between 0 and 32 per side; got {value!r}")
    return (int(pair[0]), int(pair[1]))


def _collapse(function: str, value: Any) -> frozenset[str] | bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(g, str) for g in value):
        return frozenset(value)
    raise TypeError(
        f"{function}: collapse must be True, False, a group name or a list of group names; "
        f"got {_kind(value)}"
    )
