"""Gradient checking: autodiff against centered finite differences.

The course's check: for each input x, compare the autodiff gradient g with the numerical one
g_num[i] = (J(x + eps e_i) - J(x - eps e_i)) / (2 eps) by the relative difference
||g - g_num|| / (||g|| + ||g_num||). Around 1e-7 or less is fine, around 1e-5 look closer,
1e-3 or more is almost surely a bug.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .checks import is_int, is_real
from .graph import no_grad
from .tensor import Tensor

FINE = 1e-7
LOOK_CLOSER = 1e-5
WRONG = 1e-3


def _real_array(function: str, name: str, value: Any) -> np.ndarray:
    """``value`` as a float64 array, or a TypeError naming the function and the argument."""
    data = value.data if isinstance(value, Tensor) else value
    try:
        array = np.asarray(data)
    except ValueError:  # ragged nested lists
        raise TypeError(f"{function}: {name} must be an array of numbers (rectangular)") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{function}: {name} must hold real numbers, got an array of {array.dtype}")
    return array.astype(np.float64)


def relative_difference(g: np.ndarray, g_num: np.ndarray) -> float:
    """||g - g_num|| / (||g|| + ||g_num||), and 0 when both are zero, at any magnitude.

    NaN when either holds NaN or infinity (:func:`verdict` reads it as "wrong").

    Raises:
        TypeError: an argument is not an array of real numbers.
        ValueError: g and g_num have different shapes.
    """
    g = _real_array("relative_difference", "g", g)
    g_num = _real_array("relative_difference", "g_num", g_num)
    if g.shape != g_num.shape:
        raise ValueError(
            f"relative_difference: g {g.shape} and g_num {g_num.shape} must have the same shape"
        )
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(g_num))):
        return math.nan
    # Divided by the largest magnitude first: the ratio is the same, but the squares inside the
    # norms can neither overflow (entries near 1e300) nor underflow to 0 (near 1e-300).
    top = max(np.max(np.abs(g), initial=0.0), np.max(np.abs(g_num), initial=0.0))
    if top == 0:
        return 0.0
    g, g_num = g / top, g_num / top
    return float(np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num)))


def verdict(difference: float) -> str:
    """The course's reading of a relative difference: "fine" (<= 1e-7), "look closer"
    (<= 1e-5), "check" (<= 1e-3) or "wrong" (also for NaN).

    Raises:
        TypeError: ``difference`` is not a real number.
    """
    if isinstance(difference, np.ndarray) and difference.ndim == 0:
        difference = difference[()]
    if isinstance(difference, bool) or not isinstance(
        difference, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"verdict: difference must be a number, got {type(difference).__name__}")
    if difference <= FINE:
        return "fine"
    if difference <= LOOK_CLOSER:
        return "look closer"
    return "check" if difference <= WRONG else "wrong"


@dataclass(frozen=True)
class GradcheckResult:
    """The check of one input: its name, shape, both gradients and their differences."""

    name: str
    shape: tuple[int, ...]
    analytic: np.ndarray
    numeric: np.ndarray
    relative_difference: float
    max_abs_difference: float

    @property
    def verdict(self) -> str:
        """The course's reading of :attr:`relative_difference` (see :func:`verdict`)."""
        return verdict(self.relative_difference)


def gradcheck(
    f: Callable[..., Tensor], *inputs: Any, eps: float = 1e-6, seed: int = 0
) -> list[GradcheckResult]:
    """Compare autodiff with centered finite differences for ``f(*inputs)``.

    Args:
        f: a function of tensors returning a Tensor. A non-scalar output is reduced to
            sum(out * R) with a fixed random R, which checks the full vector-Jacobian product.
        *inputs: Tensors, numbers or arrays. Tensors with ``requires_grad=False`` are held fixed.
        eps: the finite-difference step, a positive finite number.
        seed: seed of R for non-scalar outputs.

    Returns:
        One :class:`GradcheckResult` per input that requires a gradient, in order. Everything is
        computed in float64 on copies: the caller's tensors and their ``.grad`` are unchanged.

    Example:
        >>> from autograd_nn import Tensor, gradcheck
        >>> a, b = Tensor(5.0, name="a"), Tensor(3.0, name="b")
        >>> " ".join(r.verdict for r in gradcheck(lambda a, b: 3 * (a + a * b), a, b))
        'fine fine'
    """
    if not callable(f):
        raise TypeError(f"gradcheck: f must be a function of Tensors, got {type(f).__name__}")
    if not is_real(eps):
        raise TypeError(f"gradcheck: eps must be a number, got {type(eps).__name__}")
    if not (abs(eps) < 1e300 and math.isfinite(eps) and eps > 0):
        raise ValueError(
            f"gradcheck: eps must be a positive finite number (the step of the finite "
            f"differences, e.g. 1e-6), got {eps}"
        )
    if not is_int(seed) or seed < 0:
        raise TypeError(f"gradcheck: seed must be a non-negative int, got {seed!r}")
    names, arrays, checked = [], [], []
    for i, x in enumerate(inputs):
        try:
            tensor = x if isinstance(x, Tensor) else Tensor(x)
        except (TypeError, ValueError) as error:
            detail = str(error).removeprefix("Tensor: ")
            raise type(error)(
                f"gradcheck: input {i} must be a number or an array: {detail}"
            ) from None
        names.append(tensor.name or f"input {i}")
        arrays.append(np.array(tensor.data, dtype=np.float64))
        checked.append(tensor.requires_grad)

    def tensors(track: bool) -> list[Tensor]:
        return [
            Tensor(a, name=n, requires_grad=track and c)
            for a, n, c in zip(arrays, names, checked, strict=True)
        ]

    leaves = tensors(True)
    out = f(*leaves)
    if not isinstance(out, Tensor):
        raise TypeError(f"gradcheck: f must return a Tensor, got {type(out).__name__}")
    weights = np.random.default_rng(seed).standard_normal(out.shape) if out.size > 1 else None
    (out if weights is None else (out * weights).sum()).backward()

    def cost() -> float:
        with no_grad():
            value = f(*tensors(False)).data
        return float(value.sum() if weights is None else (value * weights).sum())

    results = []
    for leaf, array, checked_here in zip(leaves, arrays, checked, strict=True):
        if not checked_here:
            continue
        analytic = np.zeros_like(array) if leaf.grad is None else leaf.grad
        numeric = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + eps
            plus = cost()
            array[index] = original - eps
            minus = cost()
            array[index] = original
            numeric[index] = (plus - minus) / (2 * eps)
        results.append(
            GradcheckResult(
                name=leaf.name or "",
                shape=array.shape,
                analytic=analytic,
                numeric=numeric,
                relative_difference=relative_difference(analytic, numeric),
                max_abs_difference=float(np.max(np.abs(analytic - numeric), initial=0.0)),
            )
        )
    return results
