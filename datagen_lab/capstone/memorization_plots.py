"""Pictures for :mod:`datagen_lab.capstone.memorization`: distance histograms, closest pairs and
membership scores (the explorer widget is in :mod:`datagen_lab.capstone.panel`).
"""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone.membership import MembershipResult, _scores, membership_inference
from datagen_lab.capstone.memorization import MemorizationReport, as_vectors
from datagen_lab.checks import (
    InputError,
)
from datagen_lab.i18n import t


def plot_distances(report: MemorizationReport, title: str = "", ax=None):
    """Histograms of nearest-training-digit distances: generated vs held-out real. Returns the Axes."""
    import matplotlib.pyplot as plt

    _check_report(report)
    _check_title(title)
    ax = ax or plt.subplots(figsize=(6, 3.4))[1]
    top = max(report.generated.max(), report.heldout.max())
    bins = np.linspace(0, top * 1.02, 40)
    ax.hist(
        report.heldout,
        bins,
        alpha=0.55,
        density=True,
        color="tab:blue",
        label=t("held-out real digits"),
    )
    ax.hist(
        report.generated,
        bins,
        alpha=0.55,
        density=True,
        color="tab:orange",
        label=t("generated digits"),
    )
    ax.axvline(
        report.copy_threshold, color="k", ls="--", lw=1, label=t("1st percentile of held-out")
    )
    ax.set_xlabel(t("distance to the nearest training digit (pixels in [0, 1])"))
    ax.set_ylabel(t("density"))
    ax.set_title(
        t(title) if title else t("copy share {share:.1%}", share=report.copy_share), fontsize=10
    )
    ax.legend(fontsize=8)
    return ax


def show_closest_pairs(
    generated: np.ndarray, train: np.ndarray, report: MemorizationReport, k: int = 8
):
    """Top row: the k generated digits closest to the training set; bottom row: their neighbours."""
    from datagen_lab.plotting import show_images

    _check_report(report)
    if len(as_vectors(generated, "generated")) != len(report.generated):
        raise InputError(
            "generated", generated, f"the {len(report.generated)} digits the report measured"
        )
    if len(as_vectors(train, "train")) <= int(np.max(report.generated_index)):
        raise InputError("train", train, "the training digits the report measured against")
    chosen = report.closest(k)
    pairs = list(np.asarray(generated)[chosen]) + list(
        np.asarray(train)[report.generated_index[chosen]]
    )
    titles = [t("gen, d={distance:.2f}", distance=report.generated[i]) for i in chosen]
    titles += [t("nearest train")] * len(chosen)
    return show_images(pairs, titles=titles, ncols=len(chosen), scale=1.3)


def plot_membership(
    member_scores: np.ndarray,
    nonmember_scores: np.ndarray,
    result: MembershipResult | None = None,
    ax=None,
):
    """Histograms of discriminator scores for training vs held-out digits, with the median cut."""
    import matplotlib.pyplot as plt

    if result is not None and not isinstance(result, MembershipResult):
        raise InputError("result", result, "a MembershipResult from membership_inference, or None")
    member_scores = _scores(member_scores, "member_scores")
    nonmember_scores = _scores(nonmember_scores, "nonmember_scores")
    result = result or membership_inference(member_scores, nonmember_scores)
    ax = ax or plt.subplots(figsize=(6, 3.4))[1]
    bins = np.linspace(
        min(np.min(member_scores), np.min(nonmember_scores)),
        max(np.max(member_scores), np.max(nonmember_scores)),
        40,
    )
    ax.hist(nonmember_scores, bins, alpha=0.55, color="tab:blue", label=t("held-out (non-members)"))
    ax.hist(member_scores, bins, alpha=0.55, color="tab:red", label=t("training digits (members)"))
    ax.axvline(result.threshold, color="k", ls="--", lw=1, label=t("median: the attack's cut"))
    ax.set_xlabel(t("discriminator logit (high = 'real')"))
    ax.set_title(
        t(
            "attack accuracy {accuracy:.1%} (chance 50%), AUC {auc:.2f}",
            accuracy=result.accuracy,
            auc=result.auc,
        ),
        fontsize=10,
    )
    ax.legend(fontsize=8)
    return ax


def _check_report(report) -> None:
    if not isinstance(report, MemorizationReport):
        raise InputError("report", report, "a MemorizationReport from memorization_report()")


def _check_title(title) -> None:
    if not isinstance(title, str):
        raise InputError("title", title, "a str")
