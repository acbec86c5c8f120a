"""Broadcasting in words: which axes a broadcast stretched, and the sum that undoes it.

The backward pass of ``broadcast_to`` is :func:`autograd_nn.ops.sum_to_shape`; the axes named
here are exactly the axes that function sums over, so the words never disagree with the maths:
for b1 of shape (n[1], 1) stretched across the m = 400 columns of Z1, the backward pass sums
dJ/dZ1 over the m columns, which is why db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True).
"""

from __future__ import annotations

import numpy as np

from ..ops import sum_to_shape


def stretched_axes(source: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of ``target`` that :func:`~autograd_nn.ops.sum_to_shape` sums over for ``source``.

    Two entries that differ only along axis k land in the same entry of the sum exactly when
    axis k was stretched; the probe asks ``sum_to_shape`` that for each axis, on a copy of the
    shapes with every size above 2 taken as 2 (the answer depends only on which sizes are 1).

    >>> stretched_axes((4, 1), (4, 400))
    (1,)
    >>> stretched_axes((), (2, 3))
    (0, 1)
    """
    small_target = tuple(min(n, 2) for n in target)
    small_source = tuple(min(n, 2) for n in source)
    axes = []
    for k, n in enumerate(small_target):
        if n < 2:
            continue
        probe = np.zeros(small_target)
        probe[(0,) * len(target)] = 1.0
        probe[(0,) * k + (1,) + (0,) * (len(target) - k - 1)] = 1.0
        if sum_to_shape(probe, small_source).max() == 2.0:
            axes.append(k)
    return tuple(axes)


def describe_sum(source: tuple[int, ...], target: tuple[int, ...]) -> str:
    """How the backward pass undoes a broadcast, in words: ``sum over the m = 400 columns``.

    >>> describe_sum((4, 1), (4, 400))
    'sum over the m = 400 columns (axis=1, keepdims=True)'
    """
    axes = stretched_axes(source, target)
    if len(target) == 2 and len(source) == 2 and axes == (1,):
        return f"sum over the m = {target[1]} columns (axis=1, keepdims=True)"
    if len(target) == 2 and len(source) == 2 and axes == (0,):
        return f"sum over the {target[0]} rows (axis=0, keepdims=True)"
    if not source or all(n == 1 for n in source):
        return f"sum of all {int(np.prod(target))} entries"
    return f"sum over axes {axes}"


def sum_words(source: tuple[int, ...], target: tuple[int, ...]) -> str:
    """:func:`describe_sum` without the numpy arguments: ``sum over the m = 400 columns``."""
    return describe_sum(source, target).split(" (")[0]
