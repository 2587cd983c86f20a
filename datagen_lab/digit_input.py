"""Digits as the course's classifier takes them: checking a batch and scaling it to [0, 1].

Holds the accepted pixel ranges (``VALUE_RANGES``, ``RANGE_TOL``, ``SYMMETRIC_SHARE``),
:func:`to_model_input` and the checks behind it (``_check_digits``, ``_check_value_range``,
``_to_unit_range``). Moved out of :mod:`datagen_lab.classifier`, which re-exports them all.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np

from datagen_lab.checks import InputError

# Pixel ranges digits may come in; ``value_range`` names one, or None lets the helpers infer it.
VALUE_RANGES = ((0, 255), (0, 1), (-1, 1))
# Rounding at the ends of a range (1.00001 after a resize) is not an error.
RANGE_TOL = 1e-4
# Inferring a float batch's range (value_range=None): [0, 1] when every value lies in [0, 1];
# [-1, 1] only when the batch plainly uses the negative half, as generator output does (its
# background sits near -1): at least this share of the pixels at or below -0.5. A [0, 1] batch
# with a few stray negative pixels (or with noise around 0) is refused instead of being read as
# [-1, 1], which once turned 91% confident digits into 35% confident ones.
SYMMETRIC_SHARE = 0.1
DIGITS_EXPECTED = (
    "a non-empty batch of 28x28 digits, shape (N, 28, 28) or (N, 28, 28, 1), of uint8 or finite "
    "floats: uint8 in [0, 255], floats in [0, 1] or [-1, 1]"
)


def to_model_input(
    images: np.ndarray, value_range: tuple[float, float] | None = None
) -> np.ndarray:
    """Validate digits and convert them to float32 (N, 28, 28, 1) in [0, 1].

    Args:
        images: (N, 28, 28) or (N, 28, 28, 1); uint8 in [0, 255], or finite floats in [0, 1] or
            [-1, 1].
        value_range: ``(0, 1)`` or ``(-1, 1)`` says which range float digits use (``(0, 255)``
            or None for uint8). None infers it: [0, 1] when every value lies there, [-1, 1] when
            the batch plainly uses the negative half (at least ``SYMMETRIC_SHARE`` of the pixels
            at or below -0.5, like a generator's dark background); anything else is refused,
            never guessed from one stray pixel.

    Raises:
        InputError: wrong shape, dtype, NaN/inf, values outside the range, or a range that
            cannot be told (the message says to pass ``value_range``).
    """
    return _to_unit_range(*_check_digits(images, value_range))


def _check_value_range(value_range: Any) -> tuple[int, int] | None:
    """``value_range`` as one of ``VALUE_RANGES`` (or None), else InputError."""
    if value_range is None:
        return None
    expected = "None (infer it), (0, 1) or (-1, 1) for float digits, or (0, 255) for uint8"
    if isinstance(value_range, str | bytes) or not isinstance(value_range, tuple | list):
        raise InputError("value_range", value_range, expected)
    if len(value_range) != 2 or any(
        isinstance(v, bool) or not isinstance(v, Real | np.number) for v in value_range
    ):
        raise InputError("value_range", value_range, expected)
    for allowed in VALUE_RANGES:
        if tuple(float(v) for v in value_range) == allowed:
            return allowed
    raise InputError("value_range", value_range, expected)


def _check_digits(
    images: np.ndarray, value_range: Any = None, name: str = "images"
) -> tuple[np.ndarray, bool]:
    """Validate digits: ``(batch (N, 28, 28), True for float digits in [-1, 1])``."""
    value_range = _check_value_range(value_range)
    if images is None or isinstance(images, str | bytes | dict | set):
        raise InputError(name, images, DIGITS_EXPECTED)
    try:
        batch = np.asarray(images)
    except (ValueError, TypeError):  # ragged lists
        raise InputError(name, images, DIGITS_EXPECTED) from None
    if batch.ndim == 4 and batch.shape[-1] == 1:
        batch = batch[..., 0]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28) or batch.shape[0] == 0:
        raise InputError(name, batch, DIGITS_EXPECTED)
    if batch.dtype == np.uint8:
        if value_range not in (None, (0, 255)):
            raise InputError(
                "value_range", value_range, "None or (0, 255) for uint8 digits (they use 0-255)"
            )
        return batch, False
    if not np.issubdtype(batch.dtype, np.floating) or not np.isfinite(batch).all():
        raise InputError(name, batch, DIGITS_EXPECTED)
    if value_range == (0, 255):
        raise InputError(
            "value_range",
            value_range,
            "(0, 1), (-1, 1) or None for float digits",
            "For floats in [0, 255], divide by 255 or convert to uint8 first.",
        )
    low, high = float(batch.min()), float(batch.max())
    if value_range is not None:
        lo, hi = value_range
        if low < lo - RANGE_TOL or high > hi + RANGE_TOL:
            raise InputError(
                name,
                batch,
                f"float digits in [{lo}, {hi}], as value_range={value_range} says",
                f"Clip them first (np.clip(images, {lo}, {hi})), or pass the range they use.",
            )
        return batch, value_range == (-1, 1)
    if low < -1 - RANGE_TOL or high > 1 + RANGE_TOL:
        hint = "Floats in [0, 255]? Divide by 255 or convert to uint8." if high > 1 else ""
        raise InputError(name, batch, DIGITS_EXPECTED, hint)
    if low >= 0:
        return batch, False
    if np.mean(batch <= -0.5) >= SYMMETRIC_SHARE:
        return batch, True  # generator output in [-1, 1]: its background is near -1
    raise InputError(
        name,
        batch,
        "float digits whose range can be told: all in [0, 1], or in [-1, 1] with a background "
        "near -1",
        "A few values below 0 do not make a batch [-1, 1]: pass value_range=(0, 1) after "
        "np.clip(images, 0, 1), or value_range=(-1, 1) if they are generator output.",
    )


def _to_unit_range(batch: np.ndarray, from_symmetric: bool) -> np.ndarray:
    """Checked digits (N, 28, 28) -> float32 (N, 28, 28, 1) in [0, 1]."""
    if batch.dtype == np.uint8:
        return (batch.astype(np.float32) / 255.0)[..., None]
    batch = batch.astype(np.float32)
    if from_symmetric:
        batch = (batch + 1.0) / 2.0
    return batch[..., None]
