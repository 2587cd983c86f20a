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

import hashlib
import warnings
from dataclasses import dataclass

import numpy as np

from datagen_lab.config import INFERENCE_BATCH

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
        fd = "" if self.frechet is None else f", Fréchet {self.frechet:.1f}"
        verdict = "meets the bar" if self.meets_bar else "below the bar"
        return (
            f"n={self.n}: confidence {self.mean_confidence:.2f}, confident {self.confident_share:.0%}, "
            f"entropy {self.entropy_bits:.2f} bits{fd} ({verdict})"
        )

    def __repr__(self) -> str:
        return f"DigitReport({self.summary()})"


def evaluate_digits(
    images: np.ndarray, reference: np.ndarray | None = None, model=None
) -> DigitReport:
    """Judge digits with the cached classifier.

    Args:
        images: (N, 28, 28[, 1]) uint8 in [0, 255] or float in [0, 1] / [-1, 1].
        reference: real digits to compare features with (e.g. held-out MNIST); None skips the
            Fréchet distance.
        model: a classifier from :func:`datagen_lab.classifier.load_classifier` (default: cached one).

    Returns:
        A :class:`DigitReport`.
    """
    labels, confidences, features = judge(images, model=model)
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
    """True when ``confident_share >= 0.8`` and ``entropy >= 3.2`` bits (judged on 2,000 samples)."""
    return confident_share >= BAR_CONFIDENT_SHARE and entropy >= BAR_ENTROPY_BITS


def class_histogram(labels: np.ndarray, num_classes: int = NUM_CLASSES) -> np.ndarray:
    """Counts (num_classes,) int64 of integer labels in [0, num_classes)."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"labels must be a 1-D integer array; got shape {labels.shape}, dtype {labels.dtype}."
        )
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must lie in [0, {num_classes}); got [{labels.min()}, {labels.max()}]."
        )
    return np.bincount(labels, minlength=num_classes).astype(np.int64)


def entropy_bits(counts: np.ndarray) -> float:
    r"""Shannon entropy :math:`H = -\sum_k p_k \log_2 p_k` of a histogram, in bits (0 for empty)."""
    counts = np.asarray(counts, dtype=np.float64)
    if counts.ndim != 1 or (counts < 0).any():
        raise ValueError(f"counts must be a 1-D array of non-negative numbers; got {counts}.")
    total = counts.sum()
    if total == 0:
        return 0.0
    p = counts[counts > 0] / total
    return float(-(p * np.log2(p)).sum() + 0.0)


def feature_statistics(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean (F,) and covariance (F, F) float64 of features (N, F), N >= 2."""
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"features must have shape (N, F) with N >= 2; got {features.shape}.")
    return features.mean(axis=0), np.cov(features, rowvar=False)


def frechet_distance(features_a: np.ndarray, features_b: np.ndarray) -> float:
    r"""Fréchet distance between Gaussians fitted to two feature sets (N, F) and (M, F).

    .. math:: d^2 = \lVert\mu_a - \mu_b\rVert^2 + \operatorname{Tr}\big(\Sigma_a + \Sigma_b
              - 2(\Sigma_a\Sigma_b)^{1/2}\big)

    This is the formula behind FID; here the features come from our own MNIST classifier,
    so values are comparable only within this course. ``features_b`` may also be a precomputed
    ``(mean, covariance)`` pair from :func:`feature_statistics`.
    """
    import scipy.linalg

    mu_a, sigma_a = feature_statistics(features_a)
    mu_b, sigma_b = features_b if isinstance(features_b, tuple) else feature_statistics(features_b)
    if mu_a.shape != mu_b.shape:
        raise ValueError(f"feature sizes differ: {mu_a.shape[0]} vs {mu_b.shape[0]}.")
    with warnings.catch_warnings():  # collapsed generators give singular covariances: expected
        warnings.simplefilter("ignore")
        covmean = scipy.linalg.sqrtm(sigma_a @ sigma_b)
        if not np.isfinite(covmean).all():  # nudge both diagonals and try again
            offset = np.eye(len(mu_a)) * 1e-6
            covmean = scipy.linalg.sqrtm((sigma_a + offset) @ (sigma_b + offset))
    covmean = np.real(covmean)
    diff = mu_a - mu_b
    value = diff @ diff + np.trace(sigma_a) + np.trace(sigma_b) - 2.0 * np.trace(covmean)
    return float(max(value, 0.0))


def classifier_frechet_distance(images: np.ndarray, reference: np.ndarray, model=None) -> float:
    """Fréchet distance between two batches of digits in the classifier's feature space."""
    return frechet_distance(
        judge(images, model=model)[2], reference_statistics(reference, model=model)
    )


def reference_statistics(reference: np.ndarray, model=None) -> tuple[np.ndarray, np.ndarray]:
    """Feature mean and covariance of real digits, cached per process (computed once per batch)."""
    reference = np.asarray(reference)
    key = (reference.shape, hashlib.sha1(reference.tobytes()).hexdigest(), id(model))
    if key not in _REFERENCE_STATS:
        _REFERENCE_STATS[key] = feature_statistics(judge(reference, model=model)[2])
    return _REFERENCE_STATS[key]


def judge(
    images: np.ndarray, model=None, batch_size: int = INFERENCE_BATCH
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One pass of the classifier: labels int64 (N,), confidences float32 (N,), features (N, F).

    Equivalent to :func:`datagen_lab.classifier.predict_digits` plus ``digit_features``, in
    one forward pass instead of two (it runs every few seconds during training).
    """
    from datagen_lab.classifier import labels_and_confidences, load_classifier, run_in_batches

    model = model or load_classifier()
    if id(model) not in _EXTRACTORS:
        import keras

        outputs = [model.get_layer("features").output, model.layers[-1].output]
        _EXTRACTORS[id(model)] = (model, keras.Model(model.inputs[0], outputs))
    extractor = _EXTRACTORS[id(model)][1]
    features, logits = run_in_batches(extractor, images, batch_size)
    return (*labels_and_confidences(logits), features.astype(np.float32))


_REFERENCE_STATS: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
_EXTRACTORS: dict[int, tuple] = {}  # id(model) -> (model kept alive, features+logits model)


def noise_digits(n: int, seed: int = 0) -> np.ndarray:
    """Pure noise as a reference point: uint8 (n, 28, 28), each pixel uniform in [0, 255]."""
    return np.random.default_rng(seed).integers(0, 256, (n, 28, 28), dtype=np.uint8)


def plot_reports(reports: dict[str, DigitReport]):
    """Class histograms side by side, each titled with its numbers; returns the Figure."""
    import matplotlib.pyplot as plt

    if not reports:
        raise ValueError("plot_reports needs at least one report.")
    fig, axes = plt.subplots(1, len(reports), figsize=(3.4 * len(reports), 2.9), squeeze=False)
    for ax, (name, report) in zip(axes[0], reports.items(), strict=True):
        share = report.histogram / max(report.n, 1)
        ax.bar(range(NUM_CLASSES), share, color="tab:green" if report.meets_bar else "tab:red")
        ax.axhline(1 / NUM_CLASSES, color="k", lw=0.8, ls="--")
        ax.set_xticks(range(NUM_CLASSES))
        ax.set_ylim(0, max(0.5, float(share.max()) * 1.1))
        fd = "" if report.frechet is None else f"\nFréchet {report.frechet:.1f}"
        ax.set_title(
            f"{name}\nconfident {report.confident_share:.0%}, H={report.entropy_bits:.2f} bits{fd}",
            fontsize=9,
        )
        ax.set_xlabel("predicted digit")
    axes[0][0].set_ylabel("share of samples")
    fig.tight_layout()
    return fig


class QualityMonitor:
    """Training callback: judge ``trainer.task.sample(samples)`` every few seconds of training.

    Works with any task that has ``sample(n, seed) -> digits``. Time spent judging is not counted
    as training time, so ``records`` give an honest *time to quality*.

    Args:
        every_seconds: training seconds between evaluations.
        samples: digits judged each time (the bar is defined on 2,000).
        reference: real digits for the Fréchet distance (None skips it).
        stop_at_bar: end training as soon as the quality bar is met.
        seed: noise seed for the samples (the same noise every time).
    """

    def __init__(self, every_seconds: float = 10.0, samples: int = BAR_SAMPLES, reference=None,
                 stop_at_bar: bool = False, seed: int = 0, verbose: bool = False):  # fmt: skip
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
                f"step {record['step']:5d}, {record['train_seconds']:6.1f} s: {report.summary()}",
                flush=True,
            )
        if self.stop_at_bar and report.meets_bar:
            trainer.stop_training = True
        return report


def plot_quality(records: list[dict], title: str = "quality during training"):
    """Confident share and histogram entropy against training time, with the bar; returns the Figure.

    Args:
        records: :attr:`QualityMonitor.records` (dicts with ``train_seconds``, ``step``, ``report``).
    """
    import matplotlib.pyplot as plt

    if not records:
        raise ValueError("No evaluations recorded yet: train with a QualityMonitor callback first.")
    seconds = [r["train_seconds"] for r in records]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.2))
    left.plot(seconds, [r["report"].confident_share for r in records], "o-")
    left.axhline(BAR_CONFIDENT_SHARE, color="k", ls=":", lw=1)
    left.set(ylim=(0, 1), xlabel="training seconds", title=f"share with confidence >= {CONFIDENT}")
    right.plot(seconds, [r["report"].entropy_bits for r in records], "o-", color="tab:orange")
    right.axhline(BAR_ENTROPY_BITS, color="k", ls=":", lw=1)
    right.axhline(np.log2(NUM_CLASSES), color="tab:gray", ls="--", lw=0.8)
    right.set(ylim=(0, 3.5), xlabel="training seconds", title="class-histogram entropy (bits)")
    reached = next((r for r in records if r["report"].meets_bar), None)
    for ax in (left, right):
        if reached is not None:
            ax.axvline(reached["train_seconds"], color="tab:green", lw=1)
    fig.suptitle(
        title + ("" if reached is None else f": bar met after {reached['train_seconds']:.0f} s")
    )
    fig.tight_layout()
    return fig
