"""When augmentation hurts: how often an augmented digit still *is* its label.

Augmentation assumes the label survives the transform, $y(T(x)) = y(x)$. A classifier trained
on clean digits acts as a judge: for each augmenter and strength we augment held-out digits and
count how often the judge still reads the original label. A transform that turns a 6 into a 9
(rotation by 180 degrees) or mirrors a 2 into something 5-like (a flip) teaches the model wrong
labels; mild noise leaves the judge's verdict unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_callable,
    check_int,
    check_number,
    check_seed,
)
from datagen_lab.i18n import display_width, padded, t
from datagen_lab.image.augment import augment_batch, check_batch, make_augmenter
from datagen_lab.image.catalog import CATALOG, check_strength, spec
from datagen_lab.image.inputs import check_augmenter, validate

Predict = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class LabelSurvival:
    """Result of :func:`measure_label_survival`.

    Attributes:
        strengths: name -> (S,) strengths measured, in the augmenter's own units.
        survival: name -> (S,) fraction of augmented digits the judge still reads as their label.
        confusion: name -> (S, 10, 10) counts, [true digit, predicted digit].
        clean_accuracy: the judge's accuracy on the same digits without augmentation.
        n_images: digits per (augmenter, strength).
    """

    strengths: dict[str, np.ndarray]
    survival: dict[str, np.ndarray]
    confusion: dict[str, np.ndarray]
    clean_accuracy: float
    n_images: int

    @property
    def names(self) -> list[str]:
        """Augmenters measured, in order."""
        return list(self.strengths)

    def per_digit(self, name: str) -> np.ndarray:
        """(S, 10) survival per true digit (NaN where a digit is absent)."""
        counts = self.confusion[self._name(name)]
        totals = counts.sum(axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.diagonal(counts, axis1=1, axis2=2) / totals

    def became(self, name: str, digit: int, level: int = -1) -> np.ndarray:
        """(10,) fractions of ``digit`` predicted as each digit at strength index ``level``."""
        name, level = self._name(name), self._level(level)
        digit = check_int(digit, "digit", low=0, high=9)
        row = self.confusion[name][level, digit].astype(float)
        return row / max(row.sum(), 1)

    def drop(self, name: str, level: int = -1) -> float:
        """Survival lost against clean accuracy at strength index ``level`` (0 = harmless)."""
        name, level = self._name(name), self._level(level)
        return float(self.clean_accuracy - self.survival[name][level])

    def label_breaking(self, tolerance: float = 0.05, level: int = -1) -> list[str]:
        """Names whose survival at ``level`` falls more than ``tolerance`` below clean accuracy."""
        tolerance = check_number(tolerance, "tolerance", low=0, high=1, what="a share of digits")
        level = self._level(level)
        return [name for name in self.names if self.drop(name, level) > tolerance]

    def summary(self, level: int = -1, digits: Sequence[int] = (2, 5, 6, 9)) -> str:
        """A fixed-width text table: strength, survival, drop and per-digit survival per augmenter
        (column headers in the course language, aligned for Chinese too)."""
        level = self._level(level)
        if isinstance(digits, str) or not isinstance(digits, Sequence) or not digits:
            raise InputError("digits", digits, "a non-empty list of digits 0-9")
        digits = [check_int(d, "digits", low=0, high=9) for d in digits]
        header = (
            padded(t("augmenter"), 15)
            + padded(t("strength"), 9, ">")
            + padded(t("survives"), 9, ">")
            + padded(t("drop"), 7, ">")
            + "".join(f"{d:>6}" for d in digits)
        )
        rows = [header, "-" * display_width(header)]
        for name in self.names:
            per = self.per_digit(name)[level]
            cells = "".join(
                f"{per[d]:>6.0%}" if np.isfinite(per[d]) else f"{'-':>6}" for d in digits
            )
            rows.append(
                f"{name:<15}{self.strengths[name][level]:>9g}{self.survival[name][level]:>9.0%}"
                f"{self.drop(name, level):>7.0%}{cells}"
            )
        return "\n".join(rows)

    def _name(self, name: str) -> str:
        if not isinstance(name, str) or name not in self.strengths:
            raise InputError(
                "name", name, f"one of the measured augmenters: {', '.join(self.names)}"
            )
        return name

    def _level(self, level: int) -> int:
        count = min(len(v) for v in self.strengths.values()) if self.strengths else 0
        return check_int(level, "level", low=-count, high=count - 1, what="a strength index")


def default_strengths(names: Sequence[str], levels: int = 5) -> dict[str, np.ndarray]:
    """``levels`` evenly spaced strengths from 0 to each augmenter's maximum."""
    levels = check_int(levels, "levels", low=2)
    names = _check_names(names)
    return {name: np.linspace(spec(name).low, spec(name).high, levels) for name in names}


def grayscale_safe_names() -> list[str]:
    """Augmenters that work on single-channel digits (all but hue/saturation and grayscale)."""
    return [name for name, entry in CATALOG.items() if not entry.colour_only]


def measure_label_survival(
    images: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str] | None = None,
    strengths: Mapping[str, Sequence[float]] | None = None,
    levels: int = 5,
    seed: int = 0,
    predict: Predict | None = None,
    progress: bool = False,
) -> LabelSurvival:
    """Augment digits with each augmenter at each strength and ask a judge what they now show.

    Args:
        images: uint8 (N, 28, 28) digits (or float in [0, 1]) the judge did not train on.
        labels: (N,) integer labels in [0, 9].
        names: augmenters to measure; default: every grayscale-safe one of the catalogue.
        strengths: name -> strengths to measure; default: ``levels`` steps from 0 to the maximum.
        levels: used when ``strengths`` is None.
        seed: each (augmenter, strength) gets ``make_augmenter(..., seed=seed)``: repeatable.
        predict: images -> (N,) predicted labels; default: the cached course classifier
            (``datagen_lab.classifier.predict_digits``).
        progress: show a tqdm bar over augmenters.

    Returns:
        A :class:`LabelSurvival`.
    """
    batch = check_batch(images)
    labels = _check_labels(labels, len(batch))
    names = grayscale_safe_names() if names is None else _check_names(names)
    levels = check_int(levels, "levels", low=2)
    seed = check_seed(seed)
    progress = _check_flag(progress, "progress")
    chosen = (
        default_strengths(names, levels)
        if strengths is None
        else _check_strengths(strengths, names)
    )
    predict = classifier_predict if predict is None else check_callable(predict, "predict")
    augmented = [
        batch
    ]  # everything goes to the judge in one call: Keras predict has a high per-call cost
    for name in _progress(names, progress):
        augmented += [
            augment_batch(batch, make_augmenter(name, float(s), seed=seed)) for s in chosen[name]
        ]
    predicted = _predict(predict, np.concatenate(augmented)).reshape(len(augmented), len(batch))
    clean = float(np.mean(predicted[0] == labels))
    survival, confusion, row = {}, {}, 1
    for name in names:
        block = predicted[row : row + len(chosen[name])]
        row += len(chosen[name])
        survival[name] = (block == labels).mean(axis=1)
        confusion[name] = np.stack([_confusion(labels, one) for one in block])
    return LabelSurvival(chosen, survival, confusion, clean, len(batch))


def label_flip_examples(
    images: np.ndarray,
    labels: np.ndarray,
    augmenter,
    predict: Predict | None = None,
    limit: int = 8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Digits whose label the augmenter broke, in order, at most ``limit`` of them.

    Args:
        images, labels: uint8 (N, 28, 28) digits and their (N,) labels.
        augmenter: seed it for a repeatable selection.
        predict: images -> labels; default: the course classifier.

    Returns:
        ``(index, augmented, predicted)``: positions in ``images`` (K,), the augmented digits
        (K, 28, 28) and what the judge read (K,).
    """
    batch = check_batch(images)
    labels = _check_labels(labels, len(batch))
    check_augmenter(augmenter)
    predict = classifier_predict if predict is None else check_callable(predict, "predict")
    limit = check_int(limit, "limit", low=0, what="examples")
    augmented = augment_batch(batch, augmenter)
    predicted = _predict(predict, augmented)
    broken = np.flatnonzero(predicted != labels)[:limit]
    return broken, augmented[broken], predicted[broken]


def classifier_predict(images: np.ndarray) -> np.ndarray:
    """The course classifier's (N,) predicted digits for uint8 (N, 28, 28[, 1]) digits."""
    from datagen_lab.classifier import predict_digits

    validate(images, batch=True)
    return predict_digits(images)[0]


def _predict(predict: Predict, images: np.ndarray) -> np.ndarray:
    raw = np.asarray(predict(images))
    if raw.dtype.kind not in "biuf" or (raw.dtype.kind == "f" and not np.isfinite(raw).all()):
        raise InputError("predict", raw, "a function returning integer labels (no NaN)")
    predicted = raw.astype(np.int64).reshape(-1)
    if predicted.shape != (len(images),):
        raise InputError(
            "predict",
            raw,
            f"a function returning one label per image ({len(images)})",
            got_text=f"labels of shape {raw.shape}",
        )
    return predicted


def _confusion(true: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    return np.bincount(true * 10 + np.clip(predicted, 0, 9), minlength=100).reshape(10, 10)


def _check_labels(labels: np.ndarray, n: int) -> np.ndarray:
    labels = np.asarray(labels) if labels is not None else labels
    if (
        not isinstance(labels, np.ndarray)
        or labels.shape != (n,)
        or not np.issubdtype(labels.dtype, np.integer)
        or labels.min() < 0
        or labels.max() > 9
    ):
        raise InputError("labels", labels, f"{n} integers in [0, 9] (one per image)")
    return labels.astype(np.int64)


def _check_names(names) -> list[str]:
    if isinstance(names, str) or not isinstance(names, Sequence | tuple) or not len(names):
        raise InputError("names", names, "a non-empty list of augmenter names, e.g. ['rotate']")
    return [spec(name, "names").name for name in names]


def _check_strengths(strengths, names: list[str]) -> dict[str, np.ndarray]:
    if not isinstance(strengths, Mapping):
        raise InputError("strengths", strengths, "a dict {name: list of strengths}")
    chosen = {}
    for name in names:
        if name not in strengths:
            raise InputError(
                "strengths", sorted(strengths), f"strengths for every name, {name!r} too"
            )
        values = strengths[name]
        if (
            isinstance(values, str)
            or not isinstance(values, Sequence | np.ndarray)
            or not len(values)
        ):
            raise InputError(f"strengths[{name!r}]", values, "a non-empty list of strengths")
        chosen[name] = np.asarray(
            [check_strength(name, v, f"strengths[{name!r}]") for v in values], float
        )
    return chosen


def _check_flag(value, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise InputError(name, value, "True or False")
    return bool(value)


def _progress(items: list[str], show: bool):
    if not show:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=t("augmenters"), leave=False)
