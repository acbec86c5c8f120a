"""autograd_nn.compare.rows: one row's differences and verdicts, at any magnitude.

Oracles: hand-worked relative differences ([3, 4] against 0 is 1; against itself 0); the
relative difference does not change when both arrays are multiplied by the same number, so
values near 1e300 or 1e-300 must give what the same values near 1 give (gradcheck's
``relative_difference`` on moderate numbers).
"""

from __future__ import annotations

import numpy as np
import pytest
from compare_networks import random_network
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograd_nn.compare import compare
from autograd_nn.compare.rows import (
    UNDERFLOW_FLOOR,
    backward_order,
    differences,
    floor_of,
    row_relative_difference,
)
from autograd_nn.gradcheck import relative_difference


def test_hand_worked_relative_differences_near_the_ends_of_float64():
    big = np.array([3e300, 4e300])  # ||big|| = 5e300, but its squares overflow float64
    assert row_relative_difference(big, np.zeros(2)) == 1.0
    assert row_relative_difference(big, -big) == 1.0  # ||2 big|| / (2 ||big||)
    assert row_relative_difference(big, big) == 0.0
    tiny = np.array([3e-300, 4e-300])  # their squares underflow to 0
    assert row_relative_difference(tiny, np.zeros(2)) == 1.0
    assert row_relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    # ||a - 2a|| / (||a|| + ||2a||) = 1/3, which the unscaled formula got as NaN (inf / inf)
    # for big and as 0 (0 / 0, read as "both zero") for tiny; gradcheck's now scales as well
    assert relative_difference(big, 2 * big) == pytest.approx(1 / 3, rel=1e-15)
    assert relative_difference(tiny, 2 * tiny) == pytest.approx(1 / 3, rel=1e-15)
    assert row_relative_difference(big, 2 * big) == pytest.approx(1 / 3, rel=1e-15)
    assert row_relative_difference(tiny, 2 * tiny) == pytest.approx(1 / 3, rel=1e-15)


def test_infinities_and_nan():
    assert row_relative_difference(np.array([np.inf, 1.0]), np.array([np.inf, 1.0])) == 0.0
    assert row_relative_difference(np.array([np.inf, 1.0]), np.array([np.inf, 2.0])) == 1 / 3
    assert np.isnan(row_relative_difference(np.array([np.inf]), np.array([-np.inf])))  # mismatch
    assert np.isnan(row_relative_difference(np.array([np.nan, 1.0]), np.array([np.nan, np.inf])))
    assert row_relative_difference(np.array([np.nan, 1.0]), np.array([np.nan, 1.0])) == 0.0
    assert np.isnan(row_relative_difference(np.array([np.nan]), np.array([1.0])))
    max_abs, rel = differences(np.array([1e308, -1e308]), np.array([-1e308, 1e308]))
    assert max_abs == np.inf and rel == 1.0  # the difference overflows, the ratio does not


# -10.00 .. 10.00: an entry near 1e-161 would itself underflow to 0 when scaled by 1e-300
HUNDREDTHS = st.integers(-1000, 1000).map(lambda k: k / 100)


@given(
    pair=st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            arrays(np.float64, n, elements=HUNDREDTHS),
            arrays(np.float64, n, elements=HUNDREDTHS),
        )
    ),
    exponent=st.sampled_from([-300, -150, 0, 150, 300]),
)
def test_the_scale_of_the_entries_does_not_change_the_relative_difference(pair, exponent):
    a, b = pair
    expected = relative_difference(a, b)
    scale = 10.0**exponent
    assert row_relative_difference(a * scale, b * scale) == pytest.approx(
        expected, rel=1e-12, abs=1e-15
    )


def test_gradients_near_1e298_agree_instead_of_disagreeing():
    # X near 4e298 with W1 near 1e-299 keeps Z1 moderate, but dW1 = (1/m) dZ1 X^T is near 1e298:
    # the unscaled relative difference of dW1 overflowed to NaN and the row said MISMATCH.
    parameters, X, Y = random_network([2, 3, 1], 5, seed=0)
    X = X * 4e298
    parameters["W1"] = parameters["W1"] * 1e-299
    report = compare(parameters, X, Y, hidden_activation="tanh")
    rows = {row.name: row for row in report.rows}
    assert abs(rows["dW1"].autodiff).max() > 1e297
    assert rows["dW1"].relative_difference < 1e-12 and report.ok
    assert rows["dA0"].relative_difference < 1e-12  # entries near 1e-300 no longer read 0


def test_backward_order():
    assert backward_order(2) == ["dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1", "dA0"]
    assert backward_order(1) == ["dA1", "dZ1", "dW1", "db1", "dA0"]


def test_entries_tiny_in_both_columns_count_as_equal_and_only_those():
    floor = floor_of(np.array([[0.5, -0.5]]), np.array([[0.5], [0.5]]))  # max|dZ| max|A|
    assert floor == pytest.approx(0.25e-12, rel=1e-15)
    zero, rounding = np.zeros((1, 4)), np.full((1, 4), -2.168e-17)
    assert row_relative_difference(rounding, zero) == 1.0  # without a floor: a false alarm
    assert row_relative_difference(rounding, zero, floor) == 0.0
    max_abs, rel = differences(rounding, zero, floor)
    assert max_abs == pytest.approx(2.168e-17) and rel == 0.0  # the maximum still shows it
    # an entry tiny on one side only is compared: 1e-3 against 0 is a mistake
    assert row_relative_difference(np.array([1e-3, 0.3]), np.array([0.0, 0.3]), floor) > 1e-3
    # entries above the floor keep their relative difference, tiny ones drop out of it
    mixed = row_relative_difference(np.array([1.0, 1e-14]), np.array([2.0, 0.0]), floor)
    assert mixed == pytest.approx(1 / 3, rel=1e-15)


def test_the_floor_never_goes_below_the_smallest_normal_number():
    assert UNDERFLOW_FLOOR == np.finfo(np.float64).tiny
    assert floor_of(np.array([1e-300]), np.array([1e-300])) == UNDERFLOW_FLOOR
    assert floor_of(np.zeros(3)) == UNDERFLOW_FLOOR
    assert floor_of(np.array([np.inf, 2.0])) == pytest.approx(2e-12)  # infinities left out
    subnormal = np.array([5.8533044e-317]), np.array([5.853302e-317])  # a 300-layer run's dA120
    assert row_relative_difference(*subnormal) > 1e-7
    assert row_relative_difference(*subnormal, floor_of(*subnormal)) == 0.0
