"""Fonts for image-text fusion: find a font file, check its glyphs, wrap and fit text to a box.

Fonts come from matplotlib's data folder (the DejaVu and STIX families), so nothing is
downloaded and no system font (``arial.ttf``) is assumed. Glyph coverage is read from the
font's character map with fontTools before anything is drawn. Finding, loading and checking
fonts is in :mod:`datagen_lab.synthesis.font_files` (importable from here as before); this module
wraps text and fits it to a box.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from datagen_lab.checks import InputError, check_choice, check_int, check_number, check_text
from datagen_lab.i18n import t
from datagen_lab.synthesis.font_files import (  # noqa: F401 (re-exported)
    FontLike,
    MissingGlyphError,
    _check_size,
    _codepoints,
    _invisible,
    _load_font,
    _read_codepoints,
    load_font,
    missing_glyphs,
    resolve_font,
    select_font,
)

ALIGNS = ("left", "center", "right")


def wrap_text(text: str, font: FontLike, size: int, max_width: float) -> list[str]:
    """Greedy word wrap: the fewest words per line moved down so each line fits ``max_width`` px.

    Existing line breaks are kept; a word wider than the line is broken between characters.
    """
    text = check_text(text, allow_empty=True)
    max_width = check_number(max_width, "max_width", what="pixels")
    face = load_font(font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if face.getlength(candidate) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while face.getlength(line) > max_width and len(line) > 1:
                cut = max(1, _longest_prefix(line, face, max_width))
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def fit_text(
    text: str,
    font: FontLike,
    box_size: Sequence[int],
    min_size: int = 8,
    max_size: int = 200,
    align: str = "center",
    wrap: bool = True,
) -> tuple[int, list[str]]:
    """The largest font size in [min_size, max_size] at which the wrapped text fits ``box_size``.

    Sizes that keep every word whole come first; only if none fits are words broken.

    Args:
        box_size: (width, height) in pixels. The outline width for each size is reserved.
        wrap: break long lines at word boundaries; False keeps the text's own lines.

    Returns:
        (size, lines): the size in pixels and the wrapped lines.

    Raises:
        ValueError: the text does not fit even at ``min_size``.
    """
    text = check_text(text, allow_empty=True)
    min_size = check_int(min_size, "min_size", low=1, what="font size in pixels")
    max_size = check_int(max_size, "max_size", low=1, what="font size in pixels")
    if max_size < min_size:
        raise InputError("max_size", max_size, f"an integer >= min_size ({min_size})")
    box_size = _check_box_size(box_size)
    align, wrap = _check_align(align), _check_flag(wrap, "wrap")
    resolve_font(font)
    best = None
    for split_words in (False, True):  # break words inside only when nothing else fits
        low, high = int(min_size), int(max_size)
        while low <= high:  # binary search: fitting is (close to) monotonic in the size
            mid = (low + high) // 2
            lines = _fits(text, font, mid, box_size, align, wrap, split_words)
            if lines is not None:
                best, low = (mid, lines), mid + 1
            else:
                high = mid - 1
        if best is not None:
            break
    if best is None:
        needed = _block_size(wrap_text(text, font, min_size, box_size[0]), font, min_size, align)
        raise ValueError(
            t(
                "Text {text!r} does not fit a {width}x{height} px box even at the minimum size "
                "{min_size} px (it needs {need_w}x{need_h} px). Shorten the text, enlarge the box "
                "or lower min_size.",
                text=text,
                width=box_size[0],
                height=box_size[1],
                min_size=min_size,
                need_w=needed[0],
                need_h=needed[1],
            )
        )
    return best


def stroke_width_for(size: int) -> int:
    """Outline width used at a font size: about 1/15 of it, at least 1 pixel."""
    size = check_number(size, "size", low=0, low_open=True, what="font size in pixels")
    return max(1, round(size / 15))


def line_spacing(size: int) -> int:
    """Pixels between lines of a block at a font size (a fifth of it)."""
    size = check_number(size, "size", low=0, low_open=True, what="font size in pixels")
    return max(1, round(0.2 * size))


def block_bbox(
    text: str,
    font: FontLike,
    size: int,
    stroke_width: int = 0,
    align: str = "center",
    origin: Sequence[int] = (0, 0),
) -> tuple[int, int, int, int]:
    """Ink box (x0, y0, x1, y1), x1/y1 exclusive, of ``text`` drawn at ``origin`` (left, ascender)."""
    text = check_text(text, allow_empty=True)
    stroke_width = check_int(stroke_width, "stroke_width", low=0, what="outline width in pixels")
    align = _check_align(align)
    if isinstance(origin, str) or not isinstance(origin, Sequence) or len(origin) != 2:
        raise InputError("origin", origin, "two numbers (x, y) in pixels")
    for value in origin:
        check_number(value, "origin", what="pixels")
    box = _MEASURE.multiline_textbbox(
        tuple(origin),
        text,
        font=load_font(font, size),
        spacing=line_spacing(size),
        align=align,
        stroke_width=stroke_width,
    )
    # PIL boxes may be fractional: round outwards to whole pixels.
    return (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))


def wrap_to_fit(
    text: str,
    font: FontLike,
    size: int,
    box_size: Sequence[int],
    align: str = "center",
    wrap: bool = True,
) -> list[str]:
    """Wrapped lines of ``text`` at ``size`` (outline room reserved) that fit (width, height).

    Raises:
        ValueError: they do not fit; the message gives the space needed.
    """
    text = check_text(text, allow_empty=True)
    size = _check_size(size)
    box_size = _check_box_size(box_size)
    align, wrap = _check_align(align), _check_flag(wrap, "wrap")
    lines = _fits(text, font, size, box_size, align, wrap)
    if lines is None:
        needed = _block_size(wrap_text(text, font, size, box_size[0]), font, size, align)
        raise ValueError(
            t(
                "Text {text!r} at size {size} px needs {need_w}x{need_h} px but the box is "
                "{width}x{height} px. Use a smaller size, or size=None to fit it.",
                text=text,
                size=size,
                need_w=needed[0],
                need_h=needed[1],
                width=box_size[0],
                height=box_size[1],
            )
        )
    return lines


def fits(
    text: str,
    font: FontLike,
    size: int,
    box_size: Sequence[int],
    align: str = "center",
    whole_words: bool = True,
) -> bool:
    """Whether ``text`` wrapped at ``size`` (outline room reserved) fits (width, height).

    With ``whole_words`` (what :func:`fit_text` tries first) no word may be broken.
    """
    text = check_text(text, allow_empty=True)
    size, box_size = _check_size(size), _check_box_size(box_size)
    align, whole_words = _check_align(align), _check_flag(whole_words, "whole_words")
    resolve_font(font)
    return _fits(text, font, size, box_size, align, True, not whole_words) is not None


def largest_fitting_size(
    text: str, font: FontLike, box_size: Sequence[int], align: str = "center", max_size: int = 200
) -> int | None:
    """The largest size up to ``max_size`` at which ``text`` fits with whole words, by trying each.

    A slow, plain check of :func:`fit_text`'s binary search; None if no size fits.
    """
    max_size = _check_size(max_size, "max_size")
    return next((s for s in range(max_size, 0, -1) if fits(text, font, s, box_size, align)), None)


def _block_size(lines: list[str], font, size: int, align: str) -> tuple[int, int]:
    left, top, right, bottom = block_bbox(
        "\n".join(lines), font, size, stroke_width_for(size), align
    )
    return right - left, bottom - top


def _fits(text, font, size, box_size, align, wrap=True, split_words=True) -> list[str] | None:
    room = box_size[0] - 2 * stroke_width_for(size)
    if not split_words and any(load_font(font, size).getlength(w) > room for w in text.split()):
        return None
    lines = wrap_text(text, font, size, room) if wrap else text.split("\n")
    width, height = _block_size(lines, font, size, align)
    return lines if width <= box_size[0] and height <= box_size[1] else None


def _longest_prefix(word: str, face, max_width: float) -> int:
    return next((n for n in range(len(word), 0, -1) if face.getlength(word[:n]) <= max_width), 0)


def _check_box_size(box_size: Any) -> Sequence[float]:
    """(width, height) in pixels, both finite numbers (a box too small simply does not fit).

    Returned as given, so messages print the caller's numbers.
    """
    if isinstance(box_size, str) or not isinstance(box_size, Sequence) or len(box_size) != 2:
        raise InputError("box_size", box_size, "two numbers (width, height) in pixels")
    for value in box_size:
        check_number(value, "box_size", what="pixels")
    return box_size


def _check_align(align: Any) -> str:
    return check_choice(align, "align", ALIGNS)


def _check_flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise InputError(name, value, "True or False")
    return bool(value)


_MEASURE = ImageDraw.Draw(Image.new("L", (1, 1)))
