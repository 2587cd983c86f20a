"""What each arm of the capstone experiment trains on: a balanced labelled subset of the training
digits, and the batches of each arm (real, augment, mixup, gan, more_real), a pure function of
the arm, the data and the seed. Used by :mod:`datagen_lab.capstone.experiment`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from datagen_lab.capstone.results import ARMS, AUGMENT, NUM_CLASSES
from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)


def balanced_subset(labels: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """Indices (n,) int64, sorted, of ``n // 10`` randomly chosen digits of every class."""
    labels = _check_labels(labels, "labels")
    n = check_int(n, "n", low=NUM_CLASSES, what=f"a multiple of {NUM_CLASSES}: a balanced subset")
    if n % NUM_CLASSES:
        raise InputError("n", n, f"a positive multiple of {NUM_CLASSES} (a balanced subset)")
    seed = check_seed(seed)
    rng, chosen = np.random.default_rng(seed), []
    for digit in range(NUM_CLASSES):
        pool = np.flatnonzero(labels == digit)
        if len(pool) < n // NUM_CLASSES:
            raise InputError(
                "n",
                n,
                f"at most {NUM_CLASSES} x the size of the rarest class",
                f"Only {len(pool)} digits of class {digit}; cannot take {n // NUM_CLASSES}.",
            )
        chosen.append(rng.choice(pool, n // NUM_CLASSES, replace=False))
    return np.sort(np.concatenate(chosen)).astype(np.int64)


def subset_digest(indices: np.ndarray) -> str:
    """A short fingerprint of a subset (which digits), stored with every result row."""
    indices = check_array(indices, "indices", ndim=1, kinds="iu", min_size=0, what="positions")
    return hashlib.sha256(np.asarray(indices, np.int64).tobytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Batch:
    """One training batch: ``x`` float32 (B, 28, 28, 1) in [0, 1], ``y`` float32 (B, 10) (soft)
    labels, and ``real`` int64: positions in the labelled subset of the real digits it used."""

    x: np.ndarray
    y: np.ndarray
    real: np.ndarray


def arm_batches(
    arm: str,
    images: np.ndarray,
    labels: np.ndarray,
    steps: int,
    batch_size: int = 64,
    seed: int = 0,
    extra: tuple[np.ndarray, np.ndarray] | None = None,
    mixup_alpha: float = 0.4,
    extra_share: float = 0.5,
) -> Iterator[Batch]:
    """The batches one arm trains on. Every arm takes its labelled digits from the same seeded
    stream (epoch after epoch of shuffles of the subset), so all arms see the same digits.

    Args:
        arm: one of :data:`ARMS`.
        images, labels: the labelled subset, uint8 (n, 28, 28) and int (n,).
        steps, batch_size, seed: how many batches, how big, which random draws.
        extra: ``(images, labels)`` pool that fills ``extra_share`` of each batch in the ``"gan"``
            (generated digits) and ``"more_real"`` (real digits outside the subset) arms.
    """
    arm = check_choice(arm, "arm", ARMS)
    images, labels = _check_digits(images, labels, "images", "labels")
    steps = check_int(steps, "steps", low=0)
    batch_size = check_positive_int(batch_size, "batch_size")
    seed = check_seed(seed)
    mixup_alpha = check_number(mixup_alpha, "mixup_alpha", low=0, low_open=True)
    extra_share = check_number(extra_share, "extra_share", low=0, high=1, high_open=True)
    pooled = arm in ("gan", "more_real")
    if pooled and extra is None:
        raise InputError(
            "extra",
            extra,
            f"(images, labels): the {arm!r} arm needs extra=(images, labels) to fill its batches",
        )
    if pooled:
        if not isinstance(extra, tuple | list) or len(extra) != 2:
            raise InputError("extra", extra, "a pair (images, labels)")
        extra = _check_digits(extra[0], extra[1], "extra", "extra")
    n_extra = int(round(batch_size * extra_share)) if pooled else 0
    if batch_size - n_extra < 1:
        raise InputError(
            "batch_size",
            batch_size,
            f"large enough to hold a real digit besides {n_extra} extra ones",
        )
    labels = labels.astype(np.int64)
    # the checks above run now, not at the first next(): a generator function would defer them
    return _arm_batches(arm, images, labels, steps, batch_size, seed, extra, mixup_alpha, n_extra)


def _arm_batches(
    arm: str,
    images: np.ndarray,
    labels: np.ndarray,
    steps: int,
    batch_size: int,
    seed: int,
    extra,
    mixup_alpha: float,
    n_extra: int,
) -> Iterator[Batch]:
    from datagen_lab.synthesis.interpolate_images import mixup_batch, one_hot

    pooled = arm in ("gan", "more_real")
    stream, rng = _index_stream(len(images), seed), np.random.default_rng(seed + 10_000)
    augmenter = _augmenter(seed) if arm == "augment" else None
    for step in range(steps):
        real = np.array([next(stream) for _ in range(batch_size - n_extra)], dtype=np.int64)
        x, y = images[real], one_hot(labels[real], NUM_CLASSES)
        if arm == "augment":
            from datagen_lab.image.augment import augment_batch

            x = augment_batch(x, augmenter)
        elif arm == "mixup":
            x, y, _, _ = mixup_batch(x, labels[real], alpha=mixup_alpha, seed=seed * 100_003 + step)
        elif pooled:
            pick = rng.integers(0, len(extra[0]), n_extra)
            x = np.concatenate([x, np.asarray(extra[0])[pick]])
            y = np.concatenate(
                [y, one_hot(np.asarray(extra[1]).astype(np.int64)[pick], NUM_CLASSES)]
            )
        x = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
        yield Batch(x[..., None], y.astype(np.float32), real)


def _check_labels(labels, name: str) -> np.ndarray:
    """(N,) integer class numbers in [0, 10)."""
    array = check_array(
        labels, name, ndim=1, kinds="iu", what=f"class numbers in [0, {NUM_CLASSES})"
    )
    if array.min() < 0 or array.max() >= NUM_CLASSES:
        raise InputError(name, array, f"class numbers in [0, {NUM_CLASSES})")
    return array


def _check_digits(
    images, labels, images_name: str, labels_name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Digits (N, 28, 28) uint8 (or float in [0, 1]) and their (N,) class numbers."""
    array = check_array(
        images,
        images_name,
        kinds="uf",
        finite=True,
        what="digits (N, 28, 28), uint8 or float in [0, 1]",
    )
    if (
        array.ndim != 3
        or array.shape[1:] != (28, 28)
        or (array.dtype.kind == "f" and (array.min() < 0 or array.max() > 1))
        or (array.dtype.kind == "u" and array.dtype != np.uint8)
    ):
        raise InputError(images_name, array, "digits (N, 28, 28), uint8 or float in [0, 1]")
    labels = _check_labels(labels, labels_name)
    if len(labels) != len(array):
        raise InputError(labels_name, labels, f"one class number per digit ({len(array)})")
    return array, labels


def _index_stream(n: int, seed: int) -> Iterator[int]:
    rng = np.random.default_rng(seed)
    while True:
        yield from rng.permutation(n).tolist()


def _augmenter(seed: int):
    import imgaug.augmenters as iaa

    return iaa.Affine(**AUGMENT, seed=seed)
