"""Input checks for the image helpers: what imgaug accepts, refused early with a clear message.

Accepted: uint8 images in [0, 255] or float images in [0, 1], shaped (H, W), (H, W, 1) or
(H, W, 3); batches add a leading N >= 1. Floats are converted to uint8 for imgaug and the result
is converted back, so callers get their own dtype and range.
"""

from __future__ import annotations

from typing import Any

import imgaug.augmenters as iaa
import numpy as np

from datagen_lab.checks import InputError

# Augmenters that work in a colour space and need three channels.
COLOUR_ONLY = (
    iaa.ChangeColorspace,  # includes Grayscale
    iaa.AddToHueAndSaturation,
    iaa.WithColorspace,
    iaa.WithHueAndSaturation,
    iaa.AddToHue,
    iaa.AddToSaturation,
    iaa.MultiplyHueAndSaturation,
    iaa.ChangeColorTemperature,
)
_SHAPES = {
    False: "(H, W), (H, W, 1) or (H, W, 3)",
    True: "(N, H, W), (N, H, W, 1) or (N, H, W, 3) with N >= 1",
}


def check_image(image: np.ndarray) -> np.ndarray:
    """Validate one image for imgaug and return it as uint8.

    Args:
        image: (H, W), (H, W, 1) or (H, W, 3); uint8 in [0, 255] or float in [0, 1].

    Returns:
        uint8 array of the same shape (floats are scaled by 255 and rounded).

    Raises:
        ValueError: wrong number of dimensions or channels, empty, NaN, out-of-range values or an
            unsupported dtype; the message says what was received and what is expected.
    """
    return _to_uint8(validate(image, batch=False))


def check_batch(images: np.ndarray) -> np.ndarray:
    """Validate a batch for imgaug and return it as uint8.

    Args:
        images: (N, H, W), (N, H, W, 1) or (N, H, W, 3) with N >= 1, or a list of same-shaped
            images; uint8 in [0, 255] or float in [0, 1].

    Returns:
        uint8 array of the same shape.

    Raises:
        ValueError: as :func:`check_image`, and for an empty batch or images of different shapes.
    """
    return _to_uint8(validate(images, batch=True))


def validate(images: Any, batch: bool, name: str | None = None) -> np.ndarray:
    """Check shape, dtype and range; return the array unconverted (uint8 or float in [0, 1]).

    ``name`` is the argument named in errors (default ``"images"`` for a batch, else ``"image"``).
    """
    name = name or ("images" if batch else "image")
    what = _SHAPES[batch]
    shaped = f"{'a batch' if batch else 'an image'} shaped {what}"
    if images is None or isinstance(images, str | bytes | dict | set):
        raise InputError(name, images, shaped)
    try:
        array = np.asarray(images)
    except (ValueError, TypeError) as error:  # a ragged list
        raise InputError(
            name,
            images,
            f"images that all have the same shape {what}",
            got_text=f"a ragged list ({error})",
        ) from None
    ndim = 3 if batch else 2
    if (
        not (array.ndim == ndim or (array.ndim == ndim + 1 and array.shape[-1] in (1, 3)))
        or array.size == 0
    ):
        rgba = array.ndim == ndim + 1 and array.shape[-1] == 4
        hint = "RGBA? Drop the alpha channel with images[..., :3]." if rgba else ""
        raise InputError(
            name,
            array,
            f"{shaped} (grayscale, grayscale with a channel axis, or RGB), not empty",
            hint,
            got_text=f"shape {array.shape}",
        )
    if array.dtype == np.uint8:
        return array
    if not np.issubdtype(array.dtype, np.floating):
        raise InputError(
            name,
            array,
            "uint8 in [0, 255] or float in [0, 1]",
            "Convert integers with images.astype(np.uint8) after checking they lie in [0, 255].",
            got_text=f"dtype {array.dtype}",
        )
    _check_float_range(array, name)
    return array


def _check_float_range(array: np.ndarray, name: str) -> None:
    """InputError unless the float ``array`` is finite and within [0, 1] (up to 1e-6)."""
    low, high = float(array.min()), float(array.max())  # NaN propagates into both
    if np.isnan(low) or np.isnan(high) or np.isinf(low) or np.isinf(high):
        raise InputError(
            name,
            array,
            "finite values in [0, 1]",
            got_text=f"NaN or infinity (dtype {array.dtype})",
        )
    if low < -1e-6 or high > 1 + 1e-6:
        raise InputError(
            name,
            array,
            "float images in [0, 1]",
            "Divide [0, 255] floats by 255, or map [-1, 1] with (x + 1) / 2.",
            got_text=f"values in [{low:.4g}, {high:.4g}]",
        )


def check_augmenter(augmenter: Any, name: str = "augmenter") -> iaa.Augmenter:
    """``augmenter`` if it is an imgaug augmenter, else InputError (before imgaug fails deep inside)."""
    if not isinstance(augmenter, iaa.Augmenter):
        raise InputError(
            name,
            augmenter,
            "an imgaug augmenter, e.g. iaa.Fliplr(0.5) or make_pipeline({'rotate': 25})",
        )
    return augmenter


def to_uint8(array: np.ndarray) -> np.ndarray:
    """An array of images as uint8 (floats in [0, 1] scaled by 255 and rounded).

    Args:
        array: uint8 in [0, 255] or float in [0, 1] (any shape); anything else is refused.
    """
    array = np.asarray(array) if array is not None else array
    if (
        not isinstance(array, np.ndarray)
        or array.dtype.kind not in "uf"
        or (array.dtype.kind == "u" and array.dtype != np.uint8)
    ):
        raise InputError("array", array, "a uint8 array in [0, 255] or a float array in [0, 1]")
    if array.dtype != np.uint8 and array.size:
        _check_float_range(array, "array")
    return _to_uint8(array)


def _to_uint8(array: np.ndarray) -> np.ndarray:
    """:func:`to_uint8` without the checks, for arrays :func:`validate` has passed."""
    if array.dtype == np.uint8:
        return array
    scaled = np.multiply(array, 255, dtype=np.float32)  # validated: within [0, 1] up to 1e-6
    return np.rint(scaled, out=scaled).astype(np.uint8)


def restore_like(out: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Augmented uint8 back to the layout and dtype of the caller's ``like`` (float: in [0, 1]).

    Args:
        out: uint8 images as imgaug returned them; like: the caller's validated array.
    """
    out, like = np.asarray(out), np.asarray(like)
    if out.dtype != np.uint8:
        raise InputError("out", out, "uint8 images (what imgaug returns for uint8 input)")
    if like.dtype != np.uint8 and like.dtype.kind != "f":
        raise InputError("like", like, "a uint8 or float array (the caller's images)")
    if out.ndim == like.ndim - 1 and like.shape[-1] == 1:  # an augmenter dropped the channel axis
        out = out[..., None]
    if like.dtype == np.uint8:
        return out
    return np.divide(out, np.float32(255), dtype=np.float32).astype(like.dtype, copy=False)


def refuse_colour_only(augmenter: iaa.Augmenter, shape: tuple[int, ...]) -> None:
    """ValueError if ``augmenter`` (or anything inside it) needs RGB but the images have one channel."""
    check_augmenter(augmenter)
    for node in [augmenter, *augmenter.get_all_children(flat=True)]:
        if isinstance(node, COLOUR_ONLY):
            raise InputError(
                "augmenter",
                node,
                "free of colour-only steps for single-channel images",
                f"{type(node).__name__} needs RGB images (..., 3); got single-channel images of "
                f"shape {shape}. Leave colour augmenters out for grayscale data such as digits, "
                "or make RGB copies with np.repeat(images[..., None], 3, axis=-1).",
                got_text=type(node).__name__,
            )
