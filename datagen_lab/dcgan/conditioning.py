"""Lesson 4, §8: the unconditional, class-conditional and self-conditioned DCGANs side by side.

:func:`plot_quality_curves` draws the judge's verdicts during training for several generators in
one figure (confident share, class entropy and Fréchet distance against training steps), and
:func:`cluster_contents` / :func:`cluster_purity` grade clusters found without labels against the labels afterwards (the
labels are only read to grade, never to train).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from datagen_lab.checks import InputError, check_array, check_text
from datagen_lab.dcgan.clusters import Clusters, _check_clusters
from datagen_lab.dcgan.evaluation import (
    BAR_CONFIDENT_SHARE,
    BAR_ENTROPY_BITS,
    NUM_CLASSES,
    DigitReport,
)
from datagen_lab.i18n import t


def plot_quality_curves(
    runs: Mapping[str, Sequence[dict]], title: str = "three generators, one budget, one judge"
):
    """The judge's verdicts during training, one line per generator; returns the Figure.

    Args:
        runs: ``{name: QualityMonitor.records}`` (each a non-empty list of dicts with ``step`` and
            ``report``), e.g. ``{"unconditional": monitor.records, ...}``.
        title: the figure's title.

    Three panels against training steps: the share of confident digits (the bar's 80% dotted),
    the class-histogram entropy in bits (the bar's 3.2 dotted), the Fréchet distance to held-out
    digits (log scale; lower is closer to real digits).
    """
    import matplotlib.pyplot as plt

    runs = _check_runs(runs)
    title = check_text(title, "title")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.3))
    panels = (
        ("confident_share", t("share with confidence >= 0.9"), BAR_CONFIDENT_SHARE, (0, 1)),
        ("entropy_bits", t("class-histogram entropy (bits)"), BAR_ENTROPY_BITS, (0, 3.5)),
        ("frechet", t("Fréchet distance (log scale)"), None, None),
    )
    for ax, (field, label, bar, limits) in zip(axes, panels, strict=True):
        for name, records in runs.items():
            steps = [record["step"] for record in records]
            ax.plot(steps, [getattr(record["report"], field) for record in records], "o-", ms=3)
            ax.lines[-1].set_label(t(name))
        if bar is not None:
            ax.axhline(bar, color="k", ls=":", lw=1)
        if limits is None:
            ax.set_yscale("log")
        else:
            ax.set_ylim(*limits)
        ax.set(xlabel=t("training steps (batch 16)"), title=label)
    axes[1].axhline(np.log2(NUM_CLASSES), color="tab:gray", ls="--", lw=0.8)
    axes[0].legend(fontsize=8, loc="lower right")
    fig.suptitle(t(title))
    fig.tight_layout()
    return fig


def cluster_purity(clusters: Clusters, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much of one digit each cluster holds, graded with labels the clustering never saw.

    Args:
        clusters: from :func:`~datagen_lab.dcgan.clusters.cluster_digits`.
        labels: int (N,) the true digit of each clustered image, in [0, 10).

    Returns:
        ``(majority, purity)``: int (k,) each cluster's most common digit (ties: the smaller
        digit) and float (k,) that digit's share of the cluster, in (0, 1].
    """
    counts = cluster_contents(clusters, labels)
    majority = counts.argmax(axis=1)  # argmax takes the first maximum: the smaller digit
    return majority, counts.max(axis=1) / counts.sum(axis=1)


def cluster_contents(clusters: Clusters, labels: np.ndarray) -> np.ndarray:
    """How many of each digit every cluster holds: int64 (k, 10), rows = clusters, columns = digits.

    Args:
        clusters: from :func:`~datagen_lab.dcgan.clusters.cluster_digits`.
        labels: int (N,) the true digit of each clustered image, in [0, 10) (read only to grade).
    """
    labels = check_array(labels, "labels", ndim=1, kinds="iu", low=0, high=NUM_CLASSES - 1)
    _check_clusters(clusters, len(labels))
    counts = np.zeros((clusters.k, NUM_CLASSES), dtype=np.int64)
    np.add.at(counts, (clusters.labels, labels), 1)
    return counts


def _check_runs(runs) -> dict[str, list[dict]]:
    expected = "a dict {name: QualityMonitor.records}, each a non-empty list of records"
    if not isinstance(runs, Mapping) or not runs:
        raise InputError("runs", runs, expected)
    for name, records in runs.items():
        if (
            not isinstance(name, str)
            or isinstance(records, str | bytes)
            or not isinstance(records, Sequence)
            or not records
            or not all(
                isinstance(r, Mapping) and isinstance(r.get("report"), DigitReport) and "step" in r
                for r in records
            )
        ):
            raise InputError(
                "runs",
                runs,
                expected,
                got_text=f"{name!r}: {type(records).__name__}",
            )
    return dict(runs)
