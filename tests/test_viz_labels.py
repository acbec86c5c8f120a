"""How values are written: numbers as the course writes them, small arrays in full, shapes."""

from __future__ import annotations

import numpy as np
import pytest

from autograd_nn.viz import labels


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (6.0, "6"),
        (33.0, "33"),
        (0.25, "0.25"),
        (-0.013712, "-0.01371"),
        (-0.0, "0"),
        ([[2.5]], "2.5"),
    ],
)
def test_numbers_read_like_the_course(value, text) -> None:
    assert labels.number(value) == text


def test_small_arrays_are_those_within_the_threshold() -> None:
    assert labels.is_small(np.zeros((4, 4))) and labels.is_small(np.zeros(4))
    assert not labels.is_small(np.zeros((4, 5))) and not labels.is_small(np.zeros((5, 1)))
    assert not labels.is_small(np.zeros((2, 2, 2)))  # more than two axes: a summary
    assert labels.is_small(np.zeros((5, 5)), (5, 5)) and not labels.is_small(np.zeros(2), (0, 0))
    assert labels.is_small(np.zeros((1, 1, 1)))  # one entry is a number


def test_values_in_full_or_as_shape_and_summary() -> None:
    assert labels.value(np.array([[1.0, 2.0], [3.0, 4.0]])) == ["[[1, 2], [3, 4]]"]
    assert labels.value(np.array(6.0)) == ["6"]
    assert labels.value(np.array([[-0.015]]), "db2") == ["-0.015  (n[2], 1) = (1, 1)"]
    Z1 = np.arange(1600.0).reshape(4, 400)  # mean 799.5, min 0, max 1599
    assert labels.value(Z1, "Z1") == ["(n[1], m) = (4, 400)", "mean 8e+02, min 0, max 1.6e+03"]
    assert labels.inline(np.ones(3)) == "[1, 1, 1]"
    assert labels.short(Z1, "Z1") == "(n[1], m) = (4, 400)"
    assert labels.summary(np.array([1.0, np.inf])) == "1 non-finite entries"


@pytest.mark.parametrize(
    ("name", "shape", "text"),
    [
        ("W1", (4, 2), "(n[1], n[0]) = (4, 2)"),
        ("dW2", (1, 4), "(n[2], n[1]) = (1, 4)"),
        ("b1", (4, 1), "(n[1], 1) = (4, 1)"),
        ("A2", (1, 400), "(n[2], m) = (1, 400)"),
        ("X", (2, 400), "(n[0], m) = (2, 400)"),
        ("Y", (1, 400), "(1, m) = (1, 400)"),
        ("t3", (4, 400), "(4, 400)"),
        ("W1", (4,), "(4,)"),
    ],
)
def test_shapes_in_course_terms(name, shape, text) -> None:
    assert labels.course_shape(name, shape) == text
