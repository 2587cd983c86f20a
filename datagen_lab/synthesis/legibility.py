"""Legibility of drawn text: the contrast the letters' own edges have, outline included.

:func:`datagen_lab.synthesis.render_text` reports three contrast numbers (WCAG ratios, 1 to 21):

- ``contrast``: the fill against the *mean* colour of the text's box, before drawing;
- ``worst_contrast``: the 10th percentile of the fill against each pixel of that box, before
  drawing. It describes the background, so an outline cannot change it;
- ``edge_contrast`` (this module): the 10th percentile of the fill against each pixel of the
  *drawn* image that touches the letters from outside (a ring ``reach`` pixels wide around the
  fill). Without an outline those pixels are the background right around the glyphs; with one
  they are the outline. It is the contrast that draws the letters' shapes, the one an outline
  raises.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from datagen_lab.checks import InputError, check_array, check_colour, check_int, check_number
from datagen_lab.synthesis.colour import contrast_ratio
from datagen_lab.synthesis.fonts import FontLike, line_spacing, load_font

__all__ = ["edge_contrast", "edge_ring", "fill_mask"]


def fill_mask(
    shape: Sequence[int],
    origin: Sequence[float],
    text: str,
    font: FontLike,
    size: int,
    align: str = "center",
    stroke_width: int = 0,
) -> np.ndarray:
    """(H, W) bool: the pixels the text's fill touches (any coverage), outline excluded.

    Args:
        shape: (H, W) of the image the text is drawn on.
        origin, text, font, size, align, stroke_width: as ``render_text`` passed them to PIL's
            ``multiline_text`` (the outline's width moves the lines apart, so it is needed too).
    """
    if isinstance(shape, str) or not isinstance(shape, Sequence) or len(shape) < 2:
        raise InputError("shape", shape, "the image's (H, W)")
    height = check_int(shape[0], "shape", low=1, what="pixels")
    width = check_int(shape[1], "shape", low=1, what="pixels")
    canvas = Image.new("L", (width, height), 0)
    ImageDraw.Draw(canvas).multiline_text(
        tuple(origin),
        text,
        font=load_font(font, size),
        fill=255,
        spacing=line_spacing(size),
        align=align,
        stroke_width=check_int(stroke_width, "stroke_width", low=0, what="outline width"),
        stroke_fill=0,  # the outline is drawn in the canvas's own 0: only the fill marks it
    )
    return np.asarray(canvas) > 0


def edge_ring(mask: np.ndarray, reach: int = 1) -> np.ndarray:
    """(H, W) bool: pixels outside ``mask`` within ``reach`` pixels of it (8-neighbourhood)."""
    mask = _check_mask(mask)
    reach = check_int(reach, "reach", low=1, what="pixels around the letters")
    return ndimage.binary_dilation(mask, np.ones((3, 3), bool), iterations=reach) & ~mask


def edge_contrast(
    image: np.ndarray,
    mask: np.ndarray,
    fill: Sequence[int],
    reach: int = 1,
    percentile: float = 10,
) -> float:
    """Contrast of the letters against what touches them: the ``percentile`` over the edge ring.

    Args:
        image: the drawn image, uint8 (H, W, 3), or (H, W) grey.
        mask: (H, W) bool, the pixels the fill covers (:func:`fill_mask`).
        fill: the RGB colour the letters were filled with.
        reach: width of the ring around the letters, in pixels.
        percentile: which percentile of the ring's per-pixel contrast (10: what 90% beat).

    Returns:
        A WCAG contrast ratio, 1 to 21.
    """
    image = check_array(image, "image", kinds="u", low=0, high=255, what="a uint8 image")
    if image.ndim == 2:
        image = np.repeat(image[..., None], 3, axis=-1)
    if image.ndim != 3 or image.shape[-1] != 3:
        raise InputError("image", image, "a uint8 image shaped (H, W, 3) or (H, W)")
    mask = _check_mask(mask)
    if mask.shape != image.shape[:2]:
        raise InputError("mask", mask, f"a bool array of the image's (H, W), {image.shape[:2]}")
    fill = check_colour(fill, "fill")
    percentile = check_number(percentile, "percentile", low=0, high=100)
    ring = edge_ring(mask, reach)
    if not ring.any():
        raise InputError("mask", mask, "letters with some pixels around them (the mask fills it)")
    return float(np.percentile(contrast_ratio(image[ring], fill), percentile))


def _check_mask(mask: np.ndarray) -> np.ndarray:
    mask = check_array(mask, "mask", ndim=2, kinds="b", what="(H, W) bool: the letters' pixels")
    if not mask.any():
        raise InputError(
            "mask", mask, "a mask with some letters' pixels (all False: nothing drawn)"
        )
    return mask
