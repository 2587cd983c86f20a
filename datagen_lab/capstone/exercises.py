"""Lesson 6's exercise checkers: the gain of an arm, the membership attack's accuracy, the nearest distance."""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone.memorization import _nearest
from datagen_lab.capstone.results import ExperimentResults
from datagen_lab.exercises import Feedback, check_close
from datagen_lab.i18n import t


def check_gain(answer: float, results: ExperimentResults, arm: str, n_labels: int) -> Feedback:
    """Exercise checker: the mean paired gain of ``arm`` over (a), in percentage points."""
    expected = 100 * float(results.gains(arm, n_labels).mean())
    return check_close(
        answer,
        expected,
        t("Right: {gain:+.1f} percentage points.", gain=expected),
        "Subtract (a)'s accuracy from the arm's, seed by seed (results.accuracies), "
        "average, and multiply by 100.",
        tol=0.051,
    )


def check_attack_accuracy(answer: float, member_scores, nonmember_scores) -> Feedback:
    """Exercise checker: the accuracy of the median-cut membership attack on these scores."""
    from datagen_lab.capstone.memorization import membership_inference

    expected = membership_inference(member_scores, nonmember_scores).accuracy
    return check_close(
        answer,
        expected,
        t("Right: {share:.0%} of the digits are classified correctly.", share=expected),
        "Sort all scores; call the top half members; count members called members and "
        "non-members called non-members; divide by the number of digits.",
        tol=1e-6,
    )


def check_nearest_distance(answer: float, query: np.ndarray, train: np.ndarray) -> Feedback:
    """Exercise checker: the distance from one digit to its nearest training digit."""
    expected = _nearest(np.asarray(query)[None], train, 1024, ("query", "train"))[0][0]
    return check_close(
        answer,
        expected,
        t("Right: {distance:.4f}.", distance=expected),
        "Scale pixels to [0, 1] (divide uint8 by 255), take the Euclidean distance to every training "
        "digit (np.linalg.norm over the pixel axes) and keep the smallest.",
        tol=1e-4,
    )
