"""Checkers for the exercises at the end of the dataset-synthesis lesson (05)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from datagen_lab.exercises import Feedback, check_close, check_function, check_number
from datagen_lab.i18n import t
from datagen_lab.synthesis.colour import contrast_ratio


def check_contrast(fn: Callable) -> Feedback:
    """Exercise 1: ``fn(rgb_a, rgb_b)`` returns the WCAG contrast ratio of two colours."""
    rng = np.random.default_rng(5)
    pairs = [((0, 0, 0), (255, 255, 255)), ((119, 119, 119), (255, 255, 255))]
    pairs += [tuple(map(tuple, rng.integers(0, 256, (2, 3)))) for _ in range(20)]

    def agrees(f) -> bool:
        return all(abs(float(f(a, b)) - float(contrast_ratio(a, b))) < 1e-6 for a, b in pairs)

    return check_function(
        fn,
        agrees,
        ((0, 0, 0), (255, 255, 255)),
        "Right: (L_light + 0.05) / (L_dark + 0.05), whichever colour is lighter.",
        "Use relative_luminance for both colours, put the lighter one on top, add 0.05 to each.",
        returns_none="Your function returns None: compute the ratio and return it.",
    )


def check_mixup_label(answer) -> Feedback:
    """Exercise 2: the label of a 3 mixed with weight 0.7 with an 8 (10 classes)."""
    expected = np.zeros(10)
    expected[3], expected[8] = 0.7, 0.3
    return check_close(
        answer,
        expected,
        "Right: the label is mixed with the same weight as the pixels; it still sums to 1.",
        "Start from two one-hot vectors (a 1 at index 3, a 1 at index 8) and mix them with lam = 0.7.",
        unanswered="Set `label` to a vector of 10 numbers.",
    )


def check_smote_point(fn: Callable) -> Feedback:
    """Exercise 3: ``fn(x_i, x_j, u)`` returns the SMOTE sample between two points."""
    rng = np.random.default_rng(7)
    cases = [(rng.normal(size=4), rng.normal(size=4), rng.random()) for _ in range(10)]

    def agrees(f) -> bool:
        return all(np.allclose(f(a, b, u), a + u * (b - a)) for a, b, u in cases)

    return check_function(
        fn,
        agrees,
        cases[0],
        "Right: x_i + u (x_j - x_i) lies on the segment, a fraction u of the way to x_j.",
        "Start at x_i and move a fraction u of the way towards x_j (u = 0 gives x_i, u = 1 gives x_j).",
        returns_none="Your function returns None: compute the new point and return it.",
    )


def check_error_factor(answer) -> Feedback:
    """Exercise 4: by what factor does a cubic spline's error fall when the spacing halves?

    The theory's error ~ h^4 gives 16; the lesson's upsampling plot measures a slope of about 4.5
    (a factor of 22 to 25 per halving). Both are right answers.
    """
    return check_number(
        answer,
        lambda value: 12 <= value <= 27,
        lambda value: t(
            "Right (you said {value:g}): the plot's slope is about 4.5, so halving h divides the "
            "error by 2^4.5, about 23; the theory's error ~ h^4 gives 2^4 = 16.",
            value=value,
        ),
        "Read the slope of the cubic spline's line in the log-log plot: error ~ h^slope, so "
        "halving h divides the error by 2^slope.",
        unanswered="Set `factor` to a number.",
    )
