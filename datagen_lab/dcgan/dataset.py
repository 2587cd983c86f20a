"""Turning a generator's samples into a labelled dataset, and reading it back.

:func:`write_digits`: generate digits, label them with the classifier, keep the confident ones and
write PNG files plus a ``manifest.csv`` (or one ``digits.npz``); :func:`read_digits` reads them back
as a :class:`DigitSet`.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_callable,
    check_choice,
    check_positive_int,
    check_probability,
    check_seed,
)
from datagen_lab.i18n import t


@dataclass(frozen=True)
class DigitSet:
    """Generated digits on disk, as written by :func:`write_digits` or read by :func:`read_digits`.

    Attributes:
        images: uint8 (N, 28, 28); labels: int64 (N,) classifier labels; confidences: float32 (N,).
        folder: where they live; acceptance: share of generated digits that passed the filter.
    """

    images: np.ndarray
    labels: np.ndarray
    confidences: np.ndarray
    folder: Path
    acceptance: float = 1.0

    def __repr__(self) -> str:
        counts = np.bincount(self.labels, minlength=10).tolist()
        return t(
            "DigitSet({n} digits in {folder}, per class {counts}, acceptance {acceptance:.0%})",
            n=len(self.labels),
            folder=self.folder,
            counts=counts,
            acceptance=self.acceptance,
        )


def write_digits(
    sample: Callable[[int, int], np.ndarray],
    n: int,
    folder: str | Path,
    min_confidence: float = 0.0,
    fmt: str = "png",
    seed: int = 0,
    batch: int = 500,
    max_batches: int = 50,
    overwrite: bool = False,
) -> DigitSet:
    """Generate ``n`` digits, label them with the classifier, keep confident ones, write to disk.

    Args:
        sample: ``sample(count, seed) -> uint8 (count, 28, 28)``, e.g. ``trainer.task.sample``
            (float digits are refused: cast to uint8 they would turn black).
        n: digits to keep, >= 1.
        folder: output folder; ``fmt="png"`` writes ``images/NNNNN.png`` and ``manifest.csv``
            (file, label, confidence, seed, index), ``fmt="npz"`` writes ``digits.npz``.
        min_confidence: keep digits whose top-class probability is at least this (0 keeps all).
        seed: first noise seed; batch ``k`` uses ``seed + k`` (recorded in the manifest).
        batch: samples asked of ``sample`` at a time, >= 1.
        max_batches: give up after this many batches of ``batch`` samples, >= 1.
        overwrite: replace an existing set in ``folder`` (otherwise refuse).

    Returns:
        A :class:`DigitSet`.
    """
    from datagen_lab.classifier import predict_digits

    sample = check_callable(sample, "sample", "a function sample(count, seed) -> uint8 digits")
    n = check_positive_int(n, "n", "digits to keep")
    min_confidence = check_probability(min_confidence, "min_confidence")
    check_choice(fmt, "fmt", ("png", "npz"))
    seed = check_seed(seed, "seed")
    batch = check_positive_int(batch, "batch", "samples per call of sample")
    max_batches = check_positive_int(max_batches, "max_batches")
    folder = _check_folder(folder)
    if not overwrite and ((folder / "manifest.csv").exists() or (folder / "digits.npz").exists()):
        raise FileExistsError(
            f"{folder} already holds generated digits; pass overwrite=True or another folder."
        )
    kept, tried, passed = [], 0, 0
    for k in range(max_batches):
        digits = _sampled_digits(sample(batch, seed + k))
        labels, confidences = predict_digits(digits)
        tried += len(digits)
        good = np.flatnonzero(confidences >= min_confidence)
        passed += len(good)
        kept += [(digits[i], int(labels[i]), float(confidences[i]), seed + k, int(i)) for i in good]
        if len(kept) >= n:
            break
    if len(kept) < n:
        raise RuntimeError(
            f"Only {len(kept)} of {tried} generated digits reached confidence {min_confidence}; "
            f"lower min_confidence, train the generator longer, or raise max_batches (now {max_batches})."
        )
    kept = kept[:n]
    images = np.stack([row[0] for row in kept]).astype(np.uint8)
    labels = np.array([row[1] for row in kept], dtype=np.int64)
    confidences = np.array([row[2] for row in kept], dtype=np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "npz":
        np.savez_compressed(
            folder / "digits.npz", images=images, labels=labels, confidences=confidences
        )
    else:
        _write_pngs(folder, kept)
    return DigitSet(images, labels, confidences, folder, acceptance=passed / tried)


def read_digits(folder: str | Path, min_confidence: float = 0.0) -> DigitSet:
    """Read a set written by :func:`write_digits`, keeping digits with confidence >= ``min_confidence``."""
    from PIL import Image

    folder = _check_folder(folder)
    min_confidence = check_probability(min_confidence, "min_confidence")
    if (folder / "digits.npz").is_file():
        with np.load(folder / "digits.npz") as archive:
            images, labels, conf = archive["images"], archive["labels"], archive["confidences"]
    elif (folder / "manifest.csv").is_file():
        with open(folder / "manifest.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        images = (
            np.stack([np.asarray(Image.open(folder / r["file"])) for r in rows])
            if rows
            else np.zeros((0, 28, 28), np.uint8)
        )
        labels = np.array([int(r["label"]) for r in rows], dtype=np.int64)
        conf = np.array([float(r["confidence"]) for r in rows], dtype=np.float32)
    else:
        raise FileNotFoundError(
            f"No manifest.csv or digits.npz in {folder}; write a set with write_digits first."
        )
    keep = conf >= min_confidence
    return DigitSet(
        images[keep],
        labels[keep],
        conf[keep],
        folder,
        acceptance=float(keep.mean()) if len(keep) else 1.0,
    )


def _write_pngs(folder: Path, kept: list) -> None:
    from PIL import Image

    (folder / "images").mkdir(exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "label", "confidence", "seed", "index"])
        for number, (image, label, confidence, seed, index) in enumerate(kept):
            name = f"images/{number:05d}.png"
            Image.fromarray(image).save(folder / name)
            writer.writerow([name, label, f"{confidence:.4f}", seed, index])


def _check_folder(folder: Any) -> Path:
    if not isinstance(folder, str | os.PathLike) or str(folder) == "":
        raise InputError("folder", folder, "a folder path (str or pathlib.Path)")
    return Path(folder)


def _sampled_digits(digits: Any) -> np.ndarray:
    """What ``sample`` returned, if it is uint8 digits (N, 28, 28[, 1]); as (N, 28, 28)."""
    expected = (
        "sample(count, seed) returning uint8 digits (count, 28, 28), as trainer.task.sample does"
    )
    array = np.asarray(digits) if isinstance(digits, np.ndarray | list | tuple) else None
    if array is not None and array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if (
        array is None
        or array.dtype != np.uint8
        or array.ndim != 3
        or array.shape[1:] != (28, 28)
        or len(array) == 0
    ):
        raise InputError("sample", digits if array is None else array, expected)
    return array
