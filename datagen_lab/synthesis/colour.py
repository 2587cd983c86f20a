"""Colour for legible text: WCAG relative luminance, contrast ratio and an automatic choice.

WCAG 2 asks for a contrast ratio of at least 4.5 for normal text (3.0 for large text) between
text and background; the ratio runs from 1 (same colour) to 21 (black on white).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from PIL import ImageColor

from datagen_lab.checks import InputError, check_array, check_colour
from datagen_lab.i18n import padded, t

AA_CONTRAST = 4.5  # WCAG 2 level AA for normal text
LARGE_TEXT_CONTRAST = 3.0  # WCAG 2 level AA for large text (18 pt, or 14 pt bold)
BLACK, WHITE = (0, 0, 0), (255, 255, 255)


def relative_luminance(rgb: np.ndarray | Sequence[int]) -> np.ndarray:
    """WCAG relative luminance of sRGB colours, 0 (black) to 1 (white).

    Args:
        rgb: (..., 3) values in [0, 255].

    Returns:
        (...) float64: 0.2126 R + 0.7152 G + 0.0722 B on linearised channels.
    """
    c = _check_rgb(rgb, "rgb") / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast_table(pairs: Mapping[str, tuple[Any, Any]]) -> str:
    """One line per named (text colour, background colour) pair: its name, right-aligned in the
    course language, and the contrast ratio, e.g. ``"      black on white: 21.00"``."""
    if not isinstance(pairs, Mapping) or not pairs:
        raise InputError("pairs", pairs, "a dict {name: (text colour, background colour)}")
    lines = []
    for name, (text_colour, background_colour) in pairs.items():
        ratio = float(contrast_ratio(text_colour, background_colour))
        lines.append(f"{padded(t(str(name)), 20, '>')}: {ratio:5.2f}")
    return "\n".join(lines)


def contrast_ratio(a: np.ndarray | Sequence[int], b: np.ndarray | Sequence[int]) -> np.ndarray:
    """WCAG contrast ratio (L_light + 0.05) / (L_dark + 0.05) between colours: 1 (none) to 21."""
    la, lb = relative_luminance(_check_rgb(a, "a")), relative_luminance(_check_rgb(b, "b"))
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def pick_colours(
    region: np.ndarray, colour: str | Sequence[int] = "auto"
) -> tuple[tuple[int, int, int], tuple[int, int, int], float, float]:
    """Text and outline colours for text over ``region`` (H, W, 3) uint8 of background.

    "auto" picks black or white, whichever gives the higher 10th-percentile contrast over the
    region's pixels; the outline is the other one (contrast 21 with the fill). For a given
    colour, the outline is whichever of black or white contrasts more with it.

    Returns:
        (fill, stroke_fill, contrast, worst_contrast): RGB tuples, the contrast ratio against the
        region's mean colour and the 10th percentile of the per-pixel contrast.
    """
    pixels = _check_rgb(region, "region").reshape(-1, 3)
    if isinstance(colour, str) and colour == "auto":
        fill = max((BLACK, WHITE), key=lambda c: np.percentile(contrast_ratio(pixels, c), 10))
    else:
        fill = parse_colour(colour)
    stroke_fill = max((BLACK, WHITE), key=lambda c: float(contrast_ratio(fill, c)))
    contrast = float(contrast_ratio(pixels.mean(axis=0), fill))
    worst = float(np.percentile(contrast_ratio(pixels, fill), 10))
    return fill, stroke_fill, contrast, worst


def parse_colour(colour: str | Sequence[int], name: str = "colour") -> tuple[int, int, int]:
    """An RGB tuple from a colour name ("yellow", "#ffcc00") or three values.

    Three ints are 0-255; three floats in [0, 1] are matplotlib's convention ((0.5, 0.5, 0.5) is
    mid-grey, not black). ``name`` is the argument named in errors.
    """
    if isinstance(colour, str):
        try:
            rgb = ImageColor.getrgb(colour)
        except ValueError:
            raise InputError(
                name,
                colour,
                "a colour name, '#rrggbb' or (r, g, b)",
                got_text=f"the unknown colour {colour!r}",
            ) from None
        return tuple(rgb[:3])
    return check_colour(colour, name)


def _check_rgb(values: Any, name: str) -> np.ndarray:
    """(..., 3) finite RGB values in [0, 255] as float64, else InputError."""
    array = check_array(
        values, name, kinds="biuf", low=0, high=255, what="RGB values (..., 3) in [0, 255]"
    )
    if array.shape[-1:] != (3,):
        raise InputError(name, array, "RGB values shaped (..., 3) in [0, 255]")
    return np.asarray(array, dtype=np.float64)
