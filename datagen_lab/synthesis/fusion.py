"""Image-text fusion: draw legible text on any image with a font that ships with matplotlib.

The steps a caption goes through, each a small function you can call on its own:

1. :func:`select_font` checks that the font has a glyph for every character (else PIL would
   draw empty boxes) and falls back to a font the caller passes, or raises :class:`MissingGlyphError`.
2. :func:`fit_text` finds the largest size at which the wrapped text (:func:`wrap_text`) fits a box.
3. :func:`pick_colours` chooses a fill with the highest WCAG contrast ratio (:func:`contrast_ratio`)
   against the pixels under the text, and an outline (stroke) when the background is busy.
4. :func:`render_text` does all of it and returns the new image with the text's bounding box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from datagen_lab.checks import InputError, check_choice, check_int, check_number, check_text
from datagen_lab.synthesis.colour import (
    AA_CONTRAST,
    BLACK,
    WHITE,
    contrast_ratio,
    parse_colour,
    pick_colours,
    relative_luminance,
)
from datagen_lab.synthesis.fonts import (
    ALIGNS,
    FontLike,
    MissingGlyphError,
    block_bbox,
    fit_text,
    line_spacing,
    load_font,
    missing_glyphs,
    resolve_font,
    select_font,
    stroke_width_for,
    wrap_text,
    wrap_to_fit,
)
from datagen_lab.synthesis.legibility import edge_contrast, fill_mask

# Where the text block sits inside its box: (fraction across, fraction down).
POSITIONS = {
    "top-left": (0.0, 0.0), "top": (0.5, 0.0), "top-right": (1.0, 0.0),
    "left": (0.0, 0.5), "center": (0.5, 0.5), "right": (1.0, 0.5),
    "bottom-left": (0.0, 1.0), "bottom": (0.5, 1.0), "bottom-right": (1.0, 1.0),
}  # fmt: skip
SUPPORTED_MODES = ("L", "RGB", "RGBA")
__all__ = [
    "AA_CONTRAST",
    "BLACK",
    "POSITIONS",
    "WHITE",
    "MissingGlyphError",
    "RenderedText",
    "contrast_ratio",
    "fit_text",
    "load_font",
    "missing_glyphs",
    "parse_colour",
    "pick_colours",
    "relative_luminance",
    "render_text",
    "resolve_font",
    "select_font",
    "stroke_width_for",
    "wrap_text",
    "wrap_to_fit",
]


@dataclass(frozen=True)
class RenderedText:
    """What :func:`render_text` drew, and where.

    Attributes:
        image: the new image, same type (NumPy array or PIL image), mode and size as the input.
        text: the text as drawn, with the line breaks wrapping added.
        bbox: (x0, y0, x1, y1) in pixels, x1/y1 exclusive: every changed pixel lies inside it.
        font: file name of the font used; size: font size in pixels.
        fill: RGB text colour; stroke_fill: RGB outline colour (None without outline);
        stroke_width: outline width in pixels (0 without outline).
        contrast: WCAG contrast ratio of ``fill`` against the mean colour under the text (1 to 21).
        worst_contrast: the 10th percentile of the per-pixel contrast of ``fill`` against the
            background of the text's box (before drawing): 90% of it beats this. Low values mean
            a busy background; the outline is for those, but cannot change this number.
        edge_contrast: the 10th percentile of the contrast of ``fill`` against the drawn pixels
            that touch the letters from outside: the outline where there is one, else the
            background (see :mod:`datagen_lab.synthesis.legibility`). An outline raises it to 21.
    """

    image: np.ndarray | Image.Image
    text: str
    bbox: tuple[int, int, int, int]
    font: str
    size: int
    fill: tuple[int, int, int]
    stroke_fill: tuple[int, int, int] | None
    stroke_width: int
    contrast: float
    worst_contrast: float
    edge_contrast: float


def render_text(
    image: np.ndarray | Image.Image,
    text: str,
    *,
    box: Sequence[int] | None = None,
    position: str = "center",
    size: int | None = None,
    min_size: int = 8,
    max_size: int | None = None,
    font: FontLike = None,
    fallback_font: FontLike | Sequence[FontLike] = None,
    colour: str | Sequence[int] = "auto",
    stroke: bool | int | str = "auto",
    margin: float = 0.04,
    align: str = "center",
    wrap: bool = True,
) -> RenderedText:
    """Draw ``text`` inside ``box`` of ``image``: fitted, wrapped, legible; the input is not changed.

    Args:
        image: uint8 array (H, W), (H, W, 3) or (H, W, 4), or a PIL image of mode L, RGB or RGBA.
        text: what to write; ``\\n`` starts a new line, long lines wrap at word boundaries.
        box: (x0, y0, x1, y1) pixels the text must stay inside; default the image less ``margin``.
        position: where the text block sits in the box, one of ``POSITIONS`` ("bottom", "top-left", ...).
        size: font size in pixels; None picks the largest in [min_size, max_size] that fits.
        min_size, max_size: limits for the fitted size (max_size defaults to the box height, at most 200).
        font: a font file path, a file name in matplotlib's font folder, or None for DejaVuSans.
        fallback_font: font(s) to use instead when ``font`` lacks a glyph in ``text``.
        colour: "auto" (black or white, whichever contrasts more), a colour name or an RGB tuple.
        stroke: "auto" (outline only on busy backgrounds), True/False, or a width in pixels.
        margin: default box inset as a fraction of the shorter image side.
        align: "left", "center" or "right" for the lines of a block.
        wrap: break long lines at word boundaries to fit the box; False keeps the text's lines.

    Returns:
        A :class:`RenderedText` with the new image, the bounding box, font, size and colours.

    Raises:
        InputError (a ValueError naming the argument): unsupported image mode, dtype or shape,
            blank text, a box outside the image, an unknown position or align, a colour that is
            not three ints in 0-255 or three floats in [0, 1], a font that does not exist or is
            not a font, a bad size, margin or stroke.
        ValueError: text that does not fit at ``min_size`` (or at ``size``).
        MissingGlyphError: (a ValueError) no given font covers every character.
    """
    pil, kind = _to_pil(image)
    text = check_text(text, "text")  # blank text would come back as the image, unchanged
    check_choice(position, "position", POSITIONS)
    align = check_choice(align, "align", ALIGNS)
    if not isinstance(wrap, bool | np.bool_):
        raise InputError("wrap", wrap, "True or False")
    margin = check_number(
        margin, "margin", low=0, high=0.5, high_open=True, what="of the shorter side"
    )
    size = None if size is None else check_int(size, "size", low=1, what="font size in pixels")
    min_size = check_int(min_size, "min_size", low=1, what="font size in pixels")
    if max_size is not None:
        max_size = check_int(max_size, "max_size", low=min_size, what="font size >= min_size")
    if not (isinstance(colour, str) and colour == "auto"):
        parse_colour(colour, "colour")  # refused before anything is drawn
    _check_stroke(stroke)
    _check_fonts(font, fallback_font)
    x0, y0, x1, y1 = box = _check_box(box, pil.size, margin)
    path = select_font(text, font, fallback_font)
    if size is None:
        top_size = max_size or min(y1 - y0, 200)
        size, lines = fit_text(text, path, (x1 - x0, y1 - y0), min_size, top_size, align, wrap)
    else:
        lines = wrap_to_fit(text, path, int(size), (x1 - x0, y1 - y0), align, wrap)
    joined, width = "\n".join(lines), _stroke_width(stroke, size)
    origin, bbox = _place(joined, path, size, width, align, box, position)
    region = np.asarray(pil.convert("RGB"))[bbox[1] : bbox[3], bbox[0] : bbox[2]]
    fill, stroke_fill, contrast, worst = pick_colours(region, colour)
    if (stroke == "auto" and worst >= AA_CONTRAST) or width == 0:
        stroke_fill, width = None, 0
        ink = block_bbox(joined, path, size, 0, align, origin)  # no outline: shrink to the ink
        bbox = (
            max(bbox[0], ink[0]),
            max(bbox[1], ink[1]),
            min(bbox[2], ink[2]),
            min(bbox[3], ink[3]),
        )
    out = pil.copy()
    ImageDraw.Draw(out).multiline_text(
        origin,
        joined,
        font=load_font(path, size),
        fill=_ink(fill, out.mode),
        spacing=line_spacing(size),
        align=align,
        stroke_width=width,
        stroke_fill=_ink(stroke_fill, out.mode) if stroke_fill else None,
    )
    drawn_fill = (_ink(fill, "L"),) * 3 if out.mode == "L" else fill  # what the pixels got
    mask = fill_mask((out.height, out.width), origin, joined, path, size, align, width)
    edge = edge_contrast(np.asarray(out.convert("RGB")), mask, drawn_fill)
    result = out if kind == "pil" else np.asarray(out).copy()
    return RenderedText(
        result, joined, bbox, path.name, int(size), fill, stroke_fill, width, contrast, worst, edge
    )


def _stroke_width(stroke: bool | int | str, size: int) -> int:
    _check_stroke(stroke)
    if isinstance(stroke, bool) or stroke == "auto":
        return stroke_width_for(size) if stroke is not False else 0
    return int(stroke)


def _check_stroke(stroke: Any) -> None:
    if isinstance(stroke, bool) or (isinstance(stroke, str) and stroke == "auto"):
        return
    if isinstance(stroke, int | np.integer) and not isinstance(stroke, np.bool_) and stroke >= 0:
        return
    raise InputError("stroke", stroke, "'auto', True, False or a width >= 0 in pixels")


def _check_fonts(font: Any, fallback_font: Any) -> None:
    """Each font exists and is a font, named as the caller's argument, before any is chosen."""
    from datagen_lab.synthesis.fonts import _codepoints

    _codepoints(resolve_font(font, "font"), "font")
    fallbacks = fallback_font if isinstance(fallback_font, list | tuple) else [fallback_font]
    for candidate in fallbacks:
        if candidate is not None:
            _codepoints(resolve_font(candidate, "fallback_font"), "fallback_font")


def _place(joined, path, size, width, align, box, position):
    """Drawing origin and bounding box that put the block at ``position`` inside ``box``."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = block_bbox(joined, path, size, width, align)
    fx, fy = POSITIONS[position]
    bx = x0 + round(fx * (x1 - x0 - (right - left)))
    by = y0 + round(fy * (y1 - y0 - (bottom - top)))
    bbox = (bx, by, bx + right - left, by + bottom - top)
    if bx < x0 or by < y0 or bbox[2] > x1 or bbox[3] > y1:
        raise ValueError(
            f"The text with a {width} px outline needs {right - left}x{bottom - top} px; "
            f"the box is {x1 - x0}x{y1 - y0} px. Use a thinner outline or a smaller size."
        )
    return (bx - left, by - top), bbox


def _to_pil(image: np.ndarray | Image.Image) -> tuple[Image.Image, str]:
    if isinstance(image, Image.Image):
        if image.mode not in SUPPORTED_MODES:
            raise InputError(
                "image",
                image,
                f"a PIL image of mode {', '.join(SUPPORTED_MODES)}",
                "Convert first, e.g. image.convert('RGB').",
                got_text=f"an image of the unsupported mode {image.mode!r}",
            )
        if 0 in image.size:
            raise InputError("image", image, "a non-empty image", got_text=f"size {image.size}")
        return image, "pil"
    expected = "a uint8 image in [0, 255] shaped (H, W), (H, W, 3) or (H, W, 4), or a PIL image"
    if image is None or isinstance(image, str | bytes | dict | set):
        raise InputError("image", image, expected)
    try:
        array = np.asarray(image)
    except (ValueError, TypeError):  # a ragged list
        raise InputError("image", image, expected) from None
    if array.dtype != np.uint8:
        raise InputError(
            "image",
            array,
            expected,
            "Convert first, e.g. (image * 255).round().astype(np.uint8) for floats in [0, 1].",
            got_text=f"dtype {array.dtype}",
        )
    if (array.ndim == 2 or (array.ndim == 3 and array.shape[-1] in (3, 4))) and array.size:
        return Image.fromarray(array), "array"
    raise InputError("image", array, expected, got_text=f"shape {array.shape}")


def _check_box(box, image_size, margin) -> tuple[int, int, int, int]:
    width, height = image_size
    if box is None:
        inset = round(margin * min(width, height))
        box = (inset, inset, width - inset, height - inset)
    expected = (
        f"(x0, y0, x1, y1) with 0 <= x0 < x1 <= {width} and 0 <= y0 < y1 <= {height} "
        f"(the image is {width}x{height})"
    )
    if isinstance(box, str) or not isinstance(box, Sequence | np.ndarray) or len(box) != 4:
        raise InputError("box", box, expected)
    for value in box:
        check_number(value, "box", what="pixels")
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    if not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height):
        raise InputError("box", box, expected, got_text=str(tuple(box)))
    return x0, y0, x1, y1


def _ink(rgb: tuple[int, int, int], mode: str):
    if mode == "L":  # the grey level PIL's convert("L") would give this colour (ITU-R 601 luma)
        return round((rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000)
    return (*rgb, 255) if mode == "RGBA" else rgb
