"""Does a generator copy its training set? Nearest-neighbour distances and membership inference.

Two checks that any generated dataset should pass before it is shared or trained on:

* **nearest neighbours**: for every generated digit, the pixel distance to the closest training
  digit, compared with the same distance for *held-out* real digits (real digits the generator
  never saw). A generator that invents new digits gives distances like the held-out ones; one that
  copies gives a pile of near-zero distances. The closest pairs, shown side by side, settle it.
* **membership inference** (a baseline in the spirit of Hayes et al., 2019, "LOGAN"): the
  discriminator was trained to say "real" to the training digits. If it scores them higher than
  held-out real digits, anyone holding it can tell who was in the training set. Rank all digits by
  score and call the top half "members": the accuracy of that guess against 50% (chance) and the
  AUC measure the leak.

Distances are Euclidean on pixels scaled to [0, 1]: two 28x28 digits are between 0 (identical) and
28 (one all black, one all white) apart; typical MNIST neighbours are 4-7 apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.capstone.membership import (  # noqa: F401 (re-exported)
    MembershipResult,
    auc,
    membership_inference,
)
from datagen_lab.checks import (
    InputError,
    check_array,
    check_callable,
    check_positive_int,
)
from datagen_lab.i18n import t

IMAGES = "a non-empty batch of images (N, H, W[, C]), uint8 in [0, 255] or float in [0, 1]"


def as_vectors(images: np.ndarray, name: str = "images") -> np.ndarray:
    """Images (N, H, W[, C]) uint8 in [0, 255] or float in [0, 1] -> float64 rows (N, H*W*C) in [0, 1].

    ``name`` is the argument's name in error messages.
    """
    array = check_array(images, name, kinds="biuf", finite=False, what=IMAGES)
    if array.ndim < 2:
        raise InputError(name, array, IMAGES)
    if array.dtype == np.uint8:
        return array.reshape(len(array), -1).astype(np.float64) / 255.0
    if array.dtype.kind != "f":
        raise InputError(name, array, IMAGES, "Convert int images with .astype(np.uint8).")
    if not np.isfinite(array).all():
        raise InputError(name, array, IMAGES + ", with no NaN or inf")
    if array.min() < 0 or array.max() > 1:
        raise InputError(name, array, IMAGES + ": float images must lie in [0, 1]")
    return array.reshape(len(array), -1).astype(np.float64)


def nearest_neighbours(
    queries: np.ndarray, reference: np.ndarray, chunk: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """For each query image, the Euclidean distance to its closest reference image, and which one.

    .. math:: d(q) = \\min_j \\lVert q - r_j \\rVert_2

    Args:
        queries: (N, ...) images (uint8 or float in [0, 1]).
        reference: (M, ...) images of the same size (the training set).
        chunk: queries handled per matrix product (bounds memory at chunk x M floats).

    Returns:
        ``(distances, indices)``: float64 (N,) >= 0 and int64 (N,) positions in ``reference``
        (the first one on ties).
    """
    return _nearest(queries, reference, chunk, ("queries", "reference"))


def _nearest(
    queries, reference, chunk: int, names: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`nearest_neighbours`, naming the arguments as the caller knows them."""
    chunk = check_positive_int(chunk, "chunk")
    q, r = as_vectors(queries, names[0]), as_vectors(reference, names[1])
    if q.shape[1] != r.shape[1]:
        raise InputError(
            names[1],
            np.asarray(reference),
            f"images of the size of {names[0]} ({q.shape[1]} pixels each)",
        )
    r_norms = np.einsum("ij,ij->i", r, r)
    distances, indices = np.empty(len(q)), np.empty(len(q), dtype=np.int64)
    for start in range(0, len(q), chunk):
        block = q[start : start + chunk]
        # |q - r|^2 = |q|^2 + |r|^2 - 2 q.r, one matrix product per chunk instead of a Python loop
        squared = (
            np.einsum("ij,ij->i", block, block)[:, None] + r_norms[None, :] - 2.0 * block @ r.T
        )
        best = np.argmin(squared, axis=1)
        indices[start : start + chunk] = best
        exact = block - r[best]  # recompute the winners exactly: no cancellation error near 0
        distances[start : start + chunk] = np.sqrt(np.einsum("ij,ij->i", exact, exact))
    return distances, indices


def class_spread(images: np.ndarray, labels: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """Mean distance between two different digits of the same class, per class.

    A generator that draws the same few digits whatever its noise (*mode collapse*) has a much
    smaller spread than real digits of that class, even when no sample copies a training digit.

    Returns:
        float64 (num_classes,); NaN for classes with fewer than two digits.
    """
    num_classes = check_positive_int(num_classes, "num_classes")
    vectors = as_vectors(images)
    labels = _labels(labels, "labels", len(vectors), num_classes)
    spread = np.full(num_classes, np.nan)
    for digit in range(num_classes):
        x = vectors[labels == digit]
        if len(x) >= 2:
            norms = np.einsum("ij,ij->i", x, x)
            squared = np.clip(norms[:, None] + norms[None, :] - 2.0 * x @ x.T, 0, None)
            spread[digit] = float(np.sqrt(squared)[np.triu_indices(len(x), 1)].mean())
    return spread


@dataclass(frozen=True)
class MemorizationReport:
    """Nearest-training-digit distances of generated digits and of held-out real digits.

    Attributes:
        generated: float64 (N,) distance of each generated digit to its closest training digit.
        generated_index: int64 (N,) which training digit that is.
        heldout: float64 (M,) the same for held-out real digits (the yardstick: "new but real").
        heldout_index: int64 (M,).
    """

    generated: np.ndarray
    generated_index: np.ndarray
    heldout: np.ndarray
    heldout_index: np.ndarray

    def __post_init__(self) -> None:
        for name in ("generated", "heldout"):
            distances = check_array(getattr(self, name), name, ndim=1, kinds="iuf", low=0)
            index = check_array(getattr(self, f"{name}_index"), f"{name}_index", ndim=1, kinds="iu")
            if len(index) != len(distances):
                raise InputError(
                    f"{name}_index", index, f"one index per distance ({len(distances)})"
                )

    @property
    def copy_threshold(self) -> float:
        """The 1st percentile of held-out distances: closer than this is closer than 99% of real digits."""
        return float(np.percentile(self.heldout, 1))

    @property
    def copy_share(self) -> float:
        """Share of generated digits closer to the training set than :attr:`copy_threshold` (about 0.01 if not copying)."""
        return float(np.mean(self.generated < self.copy_threshold))

    def closest(self, k: int = 8) -> np.ndarray:
        """Indices (k,) of the generated digits nearest to the training set, closest first."""
        k = check_positive_int(k, "k")
        return np.argsort(self.generated, kind="stable")[:k]

    def summary(self) -> str:
        """Medians of both distributions and the copy share."""
        return t(
            "median distance to the nearest training digit: generated {generated:.2f}, "
            "held-out real {heldout:.2f}; {share:.1%} of generated digits are "
            "closer than 99% of held-out ones (threshold {threshold:.2f}; ~1% if not copying)",
            generated=np.median(self.generated),
            heldout=np.median(self.heldout),
            share=self.copy_share,
            threshold=self.copy_threshold,
        )

    def __repr__(self) -> str:
        return f"MemorizationReport({self.summary()})"


def memorization_report(
    generated: np.ndarray, train: np.ndarray, heldout: np.ndarray
) -> MemorizationReport:
    """Nearest-neighbour distances into ``train`` for ``generated`` and for ``heldout`` digits."""
    g, gi = _nearest(generated, train, 1024, ("generated", "train"))
    h, hi = _nearest(heldout, train, 1024, ("heldout", "train"))
    return MemorizationReport(g, gi, h, hi)


def generator_check(
    generated: np.ndarray,
    generated_labels: np.ndarray,
    train: np.ndarray,
    train_labels: np.ndarray,
    heldout: np.ndarray,
    heldout_labels: np.ndarray,
    score=None,
    pairs: int = 6,
) -> dict:
    """Every check of this module on one generator, as a JSON-able dict (one row of the capstone).

    Args:
        generated, generated_labels: its digits and the classes they were asked for.
        train, train_labels: the digits it was trained on (the members).
        heldout, heldout_labels: real digits it never saw (the yardstick and the non-members).
        score: ``score(images, labels) -> (N,)`` discriminator scores; None skips membership.
        pairs: closest generated/training pairs to keep (as base64 uint8 pixels).

    Returns:
        Medians of both distance distributions, ``copy_share``, ``conditioning_accuracy`` (the
        course's classifier agrees with the asked-for class), the mean within-class spread of the
        generated and the training digits (:func:`class_spread`), ``membership_accuracy`` and
        ``membership_auc`` (members vs as many non-members), histograms on fixed ``bins``, and
        the ``closest`` pairs and one generated ``samples`` digit per class.
    """
    from datagen_lab.classifier import predict_digits

    for images, labels, name in (
        (generated, generated_labels, "generated"),
        (train, train_labels, "train"),
        (heldout, heldout_labels, "heldout"),
    ):
        _labels(labels, f"{name}_labels", len(as_vectors(images, name)), 10)
    if score is not None:
        check_callable(score, "score", "a function score(images, labels) -> (N,) scores, or None")
    pairs = check_positive_int(pairs, "pairs")
    report = memorization_report(generated, train, heldout)
    seen, _ = predict_digits(generated)
    row = {
        "generated_median": round(float(np.median(report.generated)), 4),
        "heldout_median": round(float(np.median(report.heldout)), 4),
        "copy_threshold": round(report.copy_threshold, 4),
        "copy_share": round(report.copy_share, 4),
        "conditioning_accuracy": round(float(np.mean(seen == np.asarray(generated_labels))), 4),
        "generated_spread": round(float(np.nanmean(class_spread(generated, generated_labels))), 4),
        "train_spread": round(float(np.nanmean(class_spread(train, train_labels))), 4),
    }
    if score is not None:
        n = min(len(train), len(heldout))
        result = membership_inference(
            score(train[:n], train_labels[:n]), score(heldout[:n], heldout_labels[:n])
        )
        row |= {
            "membership_accuracy": round(result.accuracy, 4),
            "membership_auc": round(result.auc, 4),
            "membership_n": result.n,
        }
    bins = np.linspace(0, 16, 65)
    first = [
        int(np.flatnonzero(np.asarray(generated_labels) == c)[0])
        for c in np.unique(generated_labels)
    ]
    row |= {
        "samples": encode_digit(np.asarray(generated)[first]),
        "bins": bins.round(3).tolist(),
        "generated_hist": np.histogram(report.generated, bins)[0].tolist(),
        "heldout_hist": np.histogram(report.heldout, bins)[0].tolist(),
        "closest": [
            {
                "generated": encode_digit(generated[i]),
                "train": encode_digit(train[report.generated_index[i]]),
                "distance": round(float(report.generated[i]), 4),
            }
            for i in report.closest(pairs)
        ],
    }
    return row


def encode_digit(image: np.ndarray) -> str:
    """uint8 (28, 28) or (N, 28, 28) -> base64 text (for JSON); :func:`decode_digit` reverses it."""
    import base64

    array = check_array(
        image, "image", ndim=(2, 3), kinds="iu", low=0, high=255, what="uint8 digits"
    )
    if array.shape[-2:] != (28, 28):
        raise InputError("image", array, "a uint8 digit (28, 28) or digits (N, 28, 28)")
    return base64.b64encode(array.astype(np.uint8).tobytes()).decode("ascii")


def decode_digit(text: str) -> np.ndarray:
    """base64 text from :func:`encode_digit` -> uint8 (28, 28), or (N, 28, 28) for several."""
    import base64
    import binascii

    expected = "base64 text from encode_digit (a multiple of 784 pixels)"
    if not isinstance(text, str | bytes) or not text:
        raise InputError("text", text, expected)
    try:
        pixels = np.frombuffer(base64.b64decode(text, validate=True), np.uint8)
    except (binascii.Error, ValueError):
        raise InputError("text", text, expected) from None
    if not pixels.size or pixels.size % 784:
        raise InputError("text", text, expected, got_text=f"text of {pixels.size} bytes")
    return pixels.reshape(-1, 28, 28).copy() if len(pixels) > 784 else pixels.reshape(28, 28).copy()


def _labels(labels, name: str, n: int, num_classes: int) -> np.ndarray:
    """(n,) class numbers in [0, num_classes): integers, or floats that are whole numbers."""
    array = check_array(labels, name, ndim=1, kinds="iuf", what=f"one class number per image ({n})")
    if len(array) != n:
        raise InputError(name, array, f"one class number per image ({n})")
    if (array.dtype.kind == "f" and not np.all(array == np.round(array))) or (
        array.min() < 0 or array.max() >= num_classes
    ):
        raise InputError(name, array, f"class numbers in [0, {num_classes})")
    return array
