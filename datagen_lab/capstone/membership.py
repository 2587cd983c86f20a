"""Membership inference: can an attacker tell the digits a generator was trained on from held-out
ones, using only distances to generated samples? Scores, the attack's ROC AUC (0.5 = no leak),
and :class:`MembershipResult`. Used by :mod:`datagen_lab.capstone.memorization`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_number,
    check_positive_int,
)
from datagen_lab.i18n import t


@dataclass(frozen=True)
class MembershipResult:
    """How well 'score above the median means member' separates training from held-out digits.

    Attributes:
        accuracy: share of digits classified correctly (members and non-members equally many, so
            chance is 0.5).
        auc: probability that a random member scores above a random non-member (0.5 = no leak).
        threshold: the median score used as the cut.
        n: digits scored (members + non-members).
        standard_error: of the accuracy under pure chance, sqrt(0.25 / n): a gap from 0.5 of more
            than about two of these is unlikely to be luck.
    """

    accuracy: float
    auc: float
    threshold: float
    n: int

    def __post_init__(self) -> None:
        check_number(self.accuracy, "accuracy", low=0, high=1)
        check_number(self.auc, "auc", low=0, high=1)
        check_number(self.threshold, "threshold")
        check_positive_int(self.n, "n", "digits scored")

    @property
    def standard_error(self) -> float:
        return float(np.sqrt(0.25 / self.n))

    def summary(self) -> str:
        return t(
            "membership inference on {n} digits: accuracy {accuracy:.1%} (chance 50% +/- "
            "{se:.1%}), AUC {auc:.3f} (0.5 = no leak)",
            n=self.n,
            accuracy=self.accuracy,
            se=self.standard_error,
            auc=self.auc,
        )

    def __repr__(self) -> str:
        return f"MembershipResult({self.summary()})"


def membership_inference(
    member_scores: np.ndarray, nonmember_scores: np.ndarray
) -> MembershipResult:
    """The threshold attack: call the higher-scoring half of all digits "members".

    Args:
        member_scores: (N,) discriminator scores (logits or probabilities) of training digits.
        nonmember_scores: (N,) scores of held-out real digits; the same N, so chance is 50%.

    Returns:
        A :class:`MembershipResult`.
    """
    members = _scores(member_scores, "member_scores")
    others = _scores(nonmember_scores, "nonmember_scores")
    if len(members) != len(others):
        raise InputError(
            "nonmember_scores",
            others,
            f"as many scores as member_scores ({len(members)}): need equally many member and non-member scores",
        )
    scores = np.concatenate([members, others])
    is_member = np.concatenate([np.ones(len(members), bool), np.zeros(len(others), bool)])
    # rank by score (ties broken by position, so the top half is always exactly half)
    top_half = np.zeros(len(scores), bool)
    top_half[np.argsort(-scores, kind="stable")[: len(members)]] = True
    threshold = float(np.median(scores))
    return MembershipResult(
        float(np.mean(top_half == is_member)), auc(members, others), threshold, len(scores)
    )


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Area under the ROC curve: P(a positive scores above a negative), ties counting one half."""
    pos, neg = _scores(positive, "positive"), _scores(negative, "negative")
    from scipy.stats import rankdata

    ranks = rankdata(np.concatenate([pos, neg]))  # average ranks for ties (Mann-Whitney U)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _scores(scores, name: str) -> np.ndarray:
    """Any shape of finite numeric scores, flattened to (N,) float64, N >= 1."""
    return check_array(scores, name, kinds="biuf", what="scores").astype(np.float64).ravel()
