"""The augmenters the image lesson teaches, by name, with the range of strengths each accepts.

Each entry maps one number, its *strength*, to an imgaug call ``iaa.<Class>(*args, **kwargs)``.
The same description builds the augmenter object and writes its source code, so the code that
the control panel shows always builds exactly the pipeline it previews.

Strength means "at most": ``rotate`` at 25 draws an angle uniformly from [-25, 25] degrees for
every image, ``gaussian_noise`` at 12 draws a noise level from [0, 12] pixel values. That is how
augmentation is configured for training, so label-breaking measurements use the same meaning.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from datagen_lab.checks import InputError
from datagen_lab.i18n import padded, t

FAMILIES = ("geometric", "colour", "noise")

Call = tuple[str, tuple[Any, ...], dict[str, Any]]


@dataclass(frozen=True)
class AugmenterSpec:
    """One augmenter of the lesson.

    Attributes:
        name: the key used everywhere (panel, pipelines, measurements), e.g. ``"rotate"``.
        family: ``"geometric"``, ``"colour"`` or ``"noise"``.
        meaning: what the strength is, with its unit, e.g. ``"maximum angle (degrees)"``.
        low, high: the accepted strength range (inclusive); default: the lesson's usual value.
        step: slider step in the control panel.
        call: strength -> (imgaug class name, positional args, keyword args).
        colour_only: needs RGB images (hue, grayscale); single-channel digits are refused.
        moves_pixels: geometric, so boxes, keypoints and masks must follow it.
    """

    name: str
    family: str
    meaning: str
    low: float
    high: float
    default: float
    step: float
    call: Callable[[float], Call]
    colour_only: bool = False
    moves_pixels: bool = False


def _r(value: float) -> float | int:
    """Round away float noise (1 - 0.2 = 0.8, not 0.7999...) and print integers as integers."""
    value = round(float(value), 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(value) if value.is_integer() else value


# Ranges collapse to a single number at strength 0 (imgaug refuses some empty ranges like (0, 0)).
def _sym(s: float) -> tuple | float:
    return (_r(-s), _r(s)) if s else 0


def _upto(s: float) -> tuple | float:
    return (0, _r(s)) if s else 0


def _around_one(s: float) -> tuple | float:
    return (_r(1 - s), _r(1 + s)) if s else 1


_SPECS = [
    # geometric: move pixels, so labels that live in pixel coordinates must move with them
    AugmenterSpec("fliplr", "geometric", "probability of a left-right flip", 0, 1, 0.5, 0.05,
                  lambda s: ("Fliplr", (_r(s),), {}), moves_pixels=True),
    AugmenterSpec("flipud", "geometric", "probability of an upside-down flip", 0, 1, 0.5, 0.05,
                  lambda s: ("Flipud", (_r(s),), {}), moves_pixels=True),
    AugmenterSpec("rotate", "geometric", "maximum angle (degrees)", 0, 180, 25, 5,
                  lambda s: ("Affine", (), {"rotate": _sym(s)}), moves_pixels=True),
    AugmenterSpec("scale", "geometric", "maximum zoom in or out (fraction of size)", 0, 0.5, 0.2, 0.05,
                  lambda s: ("Affine", (), {"scale": _around_one(s)}), moves_pixels=True),
    AugmenterSpec("translate", "geometric", "maximum shift (fraction of width/height)", 0, 0.4, 0.1, 0.02,
                  lambda s: ("Affine", (), {"translate_percent": _sym(s)}), moves_pixels=True),
    AugmenterSpec("shear", "geometric", "maximum shear angle (degrees)", 0, 45, 15, 1,
                  lambda s: ("Affine", (), {"shear": _sym(s)}), moves_pixels=True),
    AugmenterSpec("crop", "geometric", "maximum crop per side (fraction), resized back", 0, 0.4, 0.1, 0.02,
                  lambda s: ("Crop", (), {"percent": _upto(s)}), moves_pixels=True),
    AugmenterSpec("perspective", "geometric", "maximum corner jitter (fraction of size)", 0, 0.2, 0.06, 0.01,
                  lambda s: ("PerspectiveTransform", (), {"scale": _upto(s)}), moves_pixels=True),
    AugmenterSpec("elastic", "geometric", "maximum displacement alpha (pixels, sigma=5)", 0, 60, 15, 1,
                  lambda s: ("ElasticTransformation", (), {"alpha": _upto(s), "sigma": 5, "order": 1}),
                  moves_pixels=True),
    # colour: change values, never positions
    AugmenterSpec("multiply", "colour", "maximum brightness change (factor 1 +/- s)", 0, 0.9, 0.3, 0.05,
                  lambda s: ("Multiply", (_around_one(s),), {})),
    AugmenterSpec("contrast", "colour", "maximum contrast change (factor 1 +/- s)", 0, 0.9, 0.3, 0.05,
                  lambda s: ("LinearContrast", (_around_one(s),), {})),
    AugmenterSpec("gamma", "colour", "maximum gamma change (gamma 1 +/- s)", 0, 0.9, 0.4, 0.05,
                  lambda s: ("GammaContrast", (_around_one(s),), {})),
    AugmenterSpec("hue_saturation", "colour", "maximum hue and saturation shift (of 255)", 0, 100, 20, 5,
                  lambda s: ("AddToHueAndSaturation", (_sym(round(s)),), {}), colour_only=True),
    AugmenterSpec("grayscale", "colour", "maximum blend towards grayscale", 0, 1, 1, 0.05,
                  lambda s: ("Grayscale", (), {"alpha": _upto(s)}), colour_only=True),
    # noise: corrupt detail
    AugmenterSpec("gaussian_noise", "noise", "maximum noise std (pixel values of 255)", 0, 80, 12, 1,
                  lambda s: ("AdditiveGaussianNoise", (), {"scale": _upto(s)})),
    AugmenterSpec("salt_pepper", "noise", "maximum fraction of pixels set to black/white", 0, 0.3, 0.05, 0.01,
                  lambda s: ("SaltAndPepper", (_upto(s),), {})),
    AugmenterSpec("blur", "noise", "maximum Gaussian blur sigma (pixels)", 0, 4, 1, 0.1,
                  lambda s: ("GaussianBlur", (), {"sigma": _upto(s)})),
    AugmenterSpec("coarse_dropout", "noise", "maximum fraction of 15%-grid cells dropped", 0, 0.5, 0.1, 0.02,
                  lambda s: ("CoarseDropout", (_upto(s),), {"size_percent": 0.15})),
    AugmenterSpec("jpeg", "noise", "maximum JPEG compression (0-99)", 0, 99, 70, 1,
                  lambda s: ("JpegCompression", (), {"compression": _upto(s)})),
]  # fmt: skip

CATALOG: dict[str, AugmenterSpec] = {spec.name: spec for spec in _SPECS}


def names(family: str | None = None) -> list[str]:
    """Augmenter names in lesson order, all of them or one family's (``FAMILIES``)."""
    if family is not None and (not isinstance(family, str) or family not in FAMILIES):
        raise InputError("family", family, f"None or one of {', '.join(FAMILIES)}")
    return [spec.name for spec in _SPECS if family is None or spec.family == family]


def spec(name: str, argument: str = "name") -> AugmenterSpec:
    """The :class:`AugmenterSpec` called ``name``; an InputError (a ValueError) lists the known names.

    ``argument`` is the argument named in the error (``"steps"`` when the name came from a list).
    """
    if not isinstance(name, str) or name not in CATALOG:
        raise InputError(
            argument,
            name,
            f"the name of an augmenter of the catalogue: {', '.join(CATALOG)}",
            got_text=f"the unknown augmenter {name!r}",
        )
    return CATALOG[name]


def check_strength(name: str, strength: float, argument: str = "strength") -> float:
    """Return ``strength`` as a float if it lies in the named augmenter's range, else InputError."""
    entry = spec(name)
    expected = f"a number in [{entry.low:g}, {entry.high:g}] for {name!r} ({entry.meaning})"
    if isinstance(strength, bool | np.bool_) or not isinstance(strength, numbers.Real):
        raise InputError(argument, strength, expected)
    value = float(strength)
    if not math.isfinite(value) or not entry.low <= value <= entry.high:
        raise InputError(argument, strength, expected)
    return value


def catalog_table(family: str | None = None) -> str:
    """The augmenter menu as a text table, one line per augmenter: family, name, strength range
    and default, and what the strength means (the range and the meaning in the course language;
    names and families stay as the code spells them).

    Args:
        family: ``None`` for every augmenter, or one of :data:`FAMILIES`.
    """
    rows = []
    for name in names(family):
        entry = CATALOG[name]
        strength = t(
            "{low:g} to {high:g}, default {default:g}",
            low=entry.low,
            high=entry.high,
            default=entry.default,
        )
        rows.append(f"{entry.family:<10}{entry.name:<16}{padded(strength, 26)}{t(entry.meaning)}")
    return "\n".join(rows)


def call_for(name: str, strength: float) -> Call:
    """The imgaug call ``(class name, args, kwargs)`` for ``name`` at ``strength`` (validated)."""
    return spec(name).call(check_strength(name, strength))


def call_code(call: Call) -> str:
    """Source code of one imgaug call, e.g. ``iaa.Affine(rotate=(-25, 25))``.

    Args:
        call: ``(class name, positional args tuple, keyword args dict)`` as :func:`call_for` gives.
    """
    if not (
        isinstance(call, tuple)
        and len(call) == 3
        and isinstance(call[0], str)
        and isinstance(call[1], tuple | list)
        and isinstance(call[2], dict)
    ):
        raise InputError(
            "call", call, "a (class name, args tuple, kwargs dict) triple from call_for"
        )
    cls, args, kwargs = call
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"iaa.{cls}({', '.join(parts)})"
