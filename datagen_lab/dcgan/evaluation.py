"""Measuring a digit generator with a classifier: confidence, Fréchet distance, class histogram.

A GAN has no loss that says "the digits are good". Instead we ask a small MNIST classifier
(:mod:`datagen_lab.classifier`, trained on real digits) three questions about a batch of samples:

* **confidence**: does it recognise each sample as some digit? (mean top-class probability, and the
  share of samples it is at least ``CONFIDENT`` sure about);
* **Fréchet distance** (the idea behind FID): do the samples' penultimate-layer features have the
  same mean and covariance as held-out real digits? 0 means identical statistics;
* **class histogram** and its entropy in bits: are all ten digits generated, in similar amounts?
  A collapsed generator draws one or two digits (entropy near 0-1 bit); uniform is log2(10) = 3.32.

The package's **quality bar** (used by ``bench/dcgan_time_to_quality.py``): on 2,000 samples, at
least 80% confident samples and a histogram entropy of at least 3.2 bits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_number,
    check_positive_int,
    check_probability,
    check_seed,
    check_text,
)
from datagen_lab.dcgan.features import (  # noqa: F401 (re-exported)
    feature_statistics,
    frechet_distance,
    judge,
    reference_statistics,
)
from datagen_lab.i18n import display_width, padded, t

CONFIDENT = 0.9  # a sample is "confident" when the classifier's top probability is at least this
BAR_CONFIDENT_SHARE = 0.8
BAR_ENTROPY_BITS = 3.2
BAR_SAMPLES = 2000
NUM_CLASSES = 10


@dataclass(frozen=True)
class DigitReport:
    """What the classifier thinks of a batch of digits.

    Attributes:
        n: number of digits judged.
        mean_confidence: mean top-class probability in [0, 1] (the "classifier score").
        confident_share: share of digits with top-class probability >= ``CONFIDENT``.
        histogram: (10,) int counts of predicted classes.
        entropy_bits: entropy of the histogram in bits, in [0, log2(10) = 3.32].
        frechet: Fréchet distance to the reference digits' features (None if not computed).
    """

    n: int
    mean_confidence: float
    confident_share: float
    histogram: np.ndarray
    entropy_bits: float
    frechet: float | None = None

    @property
    def meets_bar(self) -> bool:
        """The package's quality bar: confident share >= 0.8 and entropy >= 3.2 bits."""
        return meets_quality_bar(self.confident_share, self.entropy_bits)

    def summary(self) -> str:
        """One line: confidence, confident share, entropy, Fréchet distance and the bar verdict."""
        fd = "" if self.frechet is None else t(", Fréchet {frechet:.1f}", frechet=self.frechet)
        verdict = t("meets the bar") if self.meets_bar else t("below the bar")
        return t(
            "n={n}: confidence {confidence:.2f}, confident {share:.0%}, entropy {bits:.2f} bits"
            "{frechet} ({verdict})",
            n=self.n,
            confidence=self.mean_confidence,
            share=self.confident_share,
            bits=self.entropy_bits,
            frechet=fd,
            verdict=verdict,
        )

    def __repr__(self) -> str:
        return f"DigitReport({self.summary()})"


def report_table(reports: Mapping[str, DigitReport]) -> str:
    """One line per named report: the name (padded so the summaries line up), then its summary.

    Args:
        reports: name -> :class:`DigitReport` (names as the reader should see them).
    """
    if not isinstance(reports, Mapping) or not reports:
        raise InputError("reports", reports, "a non-empty dict of name -> DigitReport")
    width = 1 + max(display_width(str(name)) for name in reports)
    return "\n".join(
        f"{padded(str(name), width)} {report.summary()}" for name, report in reports.items()
    )


def evaluate_digits(
    images: np.ndarray,
    reference: np.ndarray | None = None,
    model=None,
    value_range: tuple[float, float] | None = None,
) -> DigitReport:
    """Judge digits with the cached classifier.

    Args:
        images: (N, 28, 28[, 1]) uint8 in [0, 255] or float in [0, 1] / [-1, 1].
        reference: real digits to compare features with (e.g. held-out MNIST), in the same
            forms (their range is inferred); None skips the Fréchet distance.
        model: a classifier from :func:`datagen_lab.classifier.load_classifier` (default: cached one).
        value_range: the range of float ``images``, ``(0, 1)`` or ``(-1, 1)``; None infers it
            and refuses a batch whose range cannot be told (see
            :func:`datagen_lab.classifier.to_model_input`). uint8 digits need none.

    Returns:
        A :class:`DigitReport`.
    """
    from datagen_lab.classifier import _check_digits, _check_model

    _check_digits(images, value_range)  # every argument before the classifier loads
    if reference is not None:
        _check_digits(reference, None, "reference")
    _check_model(model)
    labels, confidences, features = judge(images, model=model, value_range=value_range)
    histogram = class_histogram(labels)
    frechet = None
    if reference is not None:
        frechet = frechet_distance(features, reference_statistics(reference, model=model))
    return DigitReport(
        n=len(labels),
        mean_confidence=float(confidences.mean()),
        confident_share=float((confidences >= CONFIDENT).mean()),
        histogram=histogram,
        entropy_bits=entropy_bits(histogram),
        frechet=frechet,
    )


def meets_quality_bar(confident_share: float, entropy: float) -> bool:
    """True when ``confident_share >= 0.8`` and ``entropy >= 3.2`` bits (judged on 2,000 samples).

    ``confident_share`` is a share in [0, 1]; ``entropy`` a finite number of bits >= 0.
    """
    confident_share = check_probability(confident_share, "confident_share", "a share of samples")
    entropy = check_number(entropy, "entropy", low=0.0, what="bits")
    return confident_share >= BAR_CONFIDENT_SHARE and entropy >= BAR_ENTROPY_BITS


def class_histogram(labels: np.ndarray, num_classes: int = NUM_CLASSES) -> np.ndarray:
    """Counts (num_classes,) int64 of integer labels in [0, num_classes) (an empty array: zeros)."""
    num_classes = check_positive_int(num_classes, "num_classes")
    expected = f"a 1-D integer array with values in [0, {num_classes})"
    try:
        labels = check_array(labels, "labels", ndim=1, kinds="iu", min_size=0)
    except InputError as error:
        raise InputError("labels", labels, expected, got_text=error.got) from None
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise InputError("labels", labels, expected)
    return np.bincount(labels, minlength=num_classes).astype(np.int64)


def entropy_bits(counts: np.ndarray) -> float:
    r"""Shannon entropy :math:`H = -\sum_k p_k \log_2 p_k` of a histogram, in bits (0 for empty).

    ``counts`` is a 1-D array of finite numbers >= 0 (counts or shares).
    """
    counts = check_array(counts, "counts", ndim=1, low=0, min_size=0, what="a histogram").astype(
        np.float64
    )
    total = counts.sum()
    if total == 0:
        return 0.0
    p = counts[counts > 0] / total
    return float(-(p * np.log2(p)).sum() + 0.0)


def noise_digits(n: int, seed: int = 0) -> np.ndarray:
    """Pure noise as a reference point: uint8 (n, 28, 28), each pixel uniform in [0, 255]; n >= 1."""
    n = check_positive_int(n, "n", "digits")
    seed = check_seed(seed, "seed")
    return np.random.default_rng(seed).integers(0, 256, (n, 28, 28), dtype=np.uint8)


def plot_reports(reports: dict[str, DigitReport]):
    """Class histograms side by side, each titled with its numbers; returns the Figure."""
    import matplotlib.pyplot as plt

    if (
        not isinstance(reports, Mapping)
        or not reports
        or not all(isinstance(r, DigitReport) for r in reports.values())
    ):
        raise InputError("reports", reports, "a non-empty dict of name -> DigitReport")
    fig, axes = plt.subplots(1, len(reports), figsize=(3.4 * len(reports), 2.9), squeeze=False)
    for ax, (name, report) in zip(axes[0], reports.items(), strict=True):
        share = report.histogram / max(report.n, 1)
        ax.bar(range(NUM_CLASSES), share, color="tab:green" if report.meets_bar else "tab:red")
        ax.axhline(1 / NUM_CLASSES, color="k", lw=0.8, ls="--")
        ax.set_xticks(range(NUM_CLASSES))
        ax.set_ylim(0, max(0.5, float(share.max()) * 1.1))
        fd = "" if report.frechet is None else f"\nFréchet {report.frechet:.1f}"
        numbers = t(
            "{name}\nconfident {share:.0%}, H={bits:.2f} bits",
            name=t(name),
            share=report.confident_share,
            bits=report.entropy_bits,
        )
        ax.set_title(numbers + fd, fontsize=9)
        ax.set_xlabel(t("predicted digit"))
    axes[0][0].set_ylabel(t("share of samples"))
    fig.tight_layout()
    return fig


class QualityMonitor:
    """Training callback: judge ``trainer.task.sample(samples)`` every few seconds of training.

    Works with any task that has ``sample(n, seed) -> digits``. Time spent judging is not counted
    as training time, so ``records`` give an honest *time to quality*.

    Args:
        every_seconds: training seconds between evaluations, > 0.
        samples: digits judged each time, >= 1 (the bar is defined on 2,000).
        reference: real digits for the Fréchet distance (None skips it).
        stop_at_bar: end training as soon as the quality bar is met.
        seed: noise seed for the samples (the same noise every time).
    """

    def __init__(
        self,
        every_seconds: float = 10.0,
        samples: int = BAR_SAMPLES,
        reference=None,
        stop_at_bar: bool = False,
        seed: int = 0,
        verbose: bool = False,
    ):
        every_seconds = check_number(every_seconds, "every_seconds", low=0.0, low_open=True)
        samples = check_positive_int(samples, "samples", "digits judged each time")
        seed = check_seed(seed, "seed")
        if reference is not None:
            from datagen_lab.classifier import _check_digits

            _check_digits(reference, None, "reference")  # now, not minutes into training
        self.every, self.samples, self.reference = float(every_seconds), int(samples), reference
        self.stop_at_bar, self.seed, self.verbose = stop_at_bar, int(seed), verbose
        self.records: list[dict] = []
        self.judging_seconds = 0.0
        self._next = self.every

    @property
    def reached(self) -> dict | None:
        """The first record that met the bar (keys step, train_seconds, report), or None."""
        return next((r for r in self.records if r["report"].meets_bar), None)

    def on_train_begin(self, trainer) -> None:
        self._next = trainer.seconds - self.judging_seconds + self.every

    def on_step_end(self, trainer, logs) -> None:
        trained = trainer.seconds - self.judging_seconds
        if trained >= self._next:
            self.judge(trainer)
            self._next = trained + self.every

    def on_train_end(self, trainer) -> None:
        if not self.records or self.records[-1]["step"] != trainer.step:
            self.judge(trainer)

    def judge(self, trainer) -> DigitReport:
        """Evaluate now and record ``{step, train_seconds, report}``."""
        import time

        began = time.perf_counter()
        report = evaluate_digits(trainer.task.sample(self.samples, seed=self.seed), self.reference)
        record = {
            "step": trainer.step,
            "train_seconds": trainer.seconds - self.judging_seconds,
            "report": report,
        }
        self.records.append(record)
        self.judging_seconds += time.perf_counter() - began
        if self.verbose:
            print(
                t(
                    "step {step:5d}, {seconds:6.1f} s: {summary}",
                    step=record["step"],
                    seconds=record["train_seconds"],
                    summary=report.summary(),
                ),
                flush=True,
            )
        if self.stop_at_bar and report.meets_bar:
            trainer.stop_training = True
        return report


def plot_quality(records: list[dict], title: str = "quality during training"):
    """Confident share and histogram entropy against training time, with the bar; returns the Figure.

    Args:
        records: :attr:`QualityMonitor.records` (dicts with ``train_seconds``, ``step``, ``report``).
        title: the figure's title.
    """
    import matplotlib.pyplot as plt

    expected = "a non-empty list of QualityMonitor records (dicts with train_seconds and report)"
    if isinstance(records, str | bytes) or not isinstance(records, Sequence) or not records:
        raise InputError(
            "records",
            records,
            expected,
            "No evaluations recorded yet: train with a QualityMonitor callback first.",
        )
    for record in records:
        seconds = record.get("train_seconds") if isinstance(record, Mapping) else None
        if (
            not isinstance(record, Mapping)
            or not isinstance(record.get("report"), DigitReport)
            or isinstance(seconds, bool)
            or not isinstance(seconds, Real | np.number)
            or not np.isfinite(seconds)
        ):
            raise InputError("records", records, expected)
    title = check_text(title, "title")
    seconds = [r["train_seconds"] for r in records]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.2))
    left.plot(seconds, [r["report"].confident_share for r in records], "o-")
    left.axhline(BAR_CONFIDENT_SHARE, color="k", ls=":", lw=1)
    left.set(
        ylim=(0, 1),
        xlabel=t("training seconds"),
        title=t("share with confidence >= {level}", level=CONFIDENT),
    )
    right.plot(seconds, [r["report"].entropy_bits for r in records], "o-", color="tab:orange")
    right.axhline(BAR_ENTROPY_BITS, color="k", ls=":", lw=1)
    right.axhline(np.log2(NUM_CLASSES), color="tab:gray", ls="--", lw=0.8)
    right.set(
        ylim=(0, 3.5), xlabel=t("training seconds"), title=t("class-histogram entropy (bits)")
    )
    reached = next((r for r in records if r["report"].meets_bar), None)
    for ax in (left, right):
        if reached is not None:
            ax.axvline(reached["train_seconds"], color="tab:green", lw=1)
    met = (
        ""
        if reached is None
        else t(": bar met after {seconds:.0f} s", seconds=reached["train_seconds"])
    )
    fig.suptitle(t(title) + met)
    fig.tight_layout()
    return fig
