"""Font files for image-text fusion: find one, load it, check it has a glyph for every character.

Fonts come from matplotlib's data folder (the DejaVu and STIX families), so nothing is
downloaded and no system font (``arial.ttf``) is assumed. Glyph coverage is read from the
font's character map with fontTools before anything is drawn. :mod:`datagen_lab.synthesis.fonts`
(wrapping and fitting text) re-exports everything public here.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import ImageFont

from datagen_lab.checks import InputError, check_int, check_text
from datagen_lab.data import font_path
from datagen_lab.i18n import t

FontLike = str | Path | None


class MissingGlyphError(ValueError):
    """The font has no glyph for some characters; ``missing`` lists them, ``font`` names the font."""

    def __init__(self, missing: Sequence[str], font: str, hint: str = ""):
        self.missing, self.font = list(missing), font
        chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in self.missing)
        super().__init__(
            t(
                "Font {font} has no glyph for {chars}: PIL would draw empty boxes. {hint}",
                font=font,
                chars=chars,
                hint=hint,
            ).strip()
        )


def resolve_font(font: FontLike = None, name: str = "font") -> Path:
    """The font file behind ``font``: a path, a file name in matplotlib's font folder, or None.

    Args:
        font: the font; name: the argument named in errors (``"fallback_font"`` for fallbacks).

    Raises:
        InputError (a ValueError): no such file; the message lists the fonts matplotlib ships.
    """
    if font is None:
        return font_path()
    expected = "a font file path, a font name matplotlib ships (e.g. 'DejaVuSans.ttf') or None"
    if not isinstance(font, str | os.PathLike) or not str(font).strip():
        raise InputError(name, font, expected)
    path = Path(font).expanduser()
    if path.is_file():
        return path
    if path.parent != Path("."):  # a path was meant: do not silently swap in a shipped font
        raise InputError(name, font, expected, got_text=f"{str(font)!r}, which does not exist")
    try:
        return font_path(path.name)
    except FileNotFoundError:
        shipped = ", ".join(sorted(p.name for p in font_path().parent.glob("*.ttf")))
        raise InputError(
            name,
            font,
            f"a font file path or one of the fonts matplotlib ships: {shipped}",
            got_text=f"{str(font)!r}, which does not exist, neither as a path nor as a shipped font",
        ) from None


def load_font(font: FontLike, size: int, name: str = "font") -> ImageFont.FreeTypeFont:
    """A PIL font object at ``size`` pixels (cached); InputError for a file that is no font."""
    size = _check_size(size)
    if font is not None and not isinstance(font, str | Path):
        font = resolve_font(font, name)  # other path-likes (and wrong types) checked here
    return _load_font(font, size, name)


@lru_cache(maxsize=64)
def _load_font(font: str | Path | None, size: int, name: str) -> ImageFont.FreeTypeFont:
    # cached on the caller's font: fitting text loads the same font dozens of times
    path = resolve_font(font, name)
    try:
        return ImageFont.truetype(str(path), size)
    except OSError as error:
        raise InputError(
            name,
            font,
            "a readable TrueType/OpenType font file",
            got_text=f"{str(path)!r}, which could not be read as a TrueType/OpenType font: {error}",
        ) from None


def missing_glyphs(text: str, font: FontLike = None, name: str = "font") -> list[str]:
    """Characters of ``text`` that ``font`` has no glyph for, in order of first appearance.

    Reads the font's character map with fontTools; spaces and control characters are ignored.
    (Beware "last resort" fonts: they map every code point, to a placeholder box.) ``text`` is
    NFC-normalised first (an accent typed as a combining mark is looked up composed).
    """
    text = check_text(text, allow_empty=True)
    covered = _codepoints(resolve_font(font, name), name)
    seen = dict.fromkeys(ch for ch in text if not _invisible(ch) and ord(ch) not in covered)
    return list(seen)


def select_font(
    text: str, font: FontLike = None, fallback: FontLike | Sequence[FontLike] = None
) -> Path:
    """The first of ``font`` and then ``fallback`` font(s) with a glyph for every character.

    Raises:
        MissingGlyphError: none of them does; the message names the characters and code points.
        InputError: a font or fallback that does not exist or is not a font.
    """
    text = check_text(text, allow_empty=True)
    fallbacks = list(fallback) if isinstance(fallback, list | tuple) else [fallback]
    candidates = [font, *(f for f in fallbacks if f is not None)]
    for index, candidate in enumerate(candidates):  # every font checked before any is chosen
        _codepoints(
            resolve_font(candidate, "font" if index == 0 else "fallback"),
            "font" if index == 0 else "fallback",
        )
    for candidate in candidates:
        if not missing_glyphs(text, candidate):
            return resolve_font(candidate)
    lacks = [
        t(
            "fallback {font} lacks {chars!r}",
            font=resolve_font(f).name,
            chars="".join(missing_glyphs(text, f)),
        )
        for f in candidates[1:]
    ]
    hint = (
        t("{lacks}.", lacks=t("; ").join(lacks))
        if lacks
        else t("Pass fallback_font= a font that covers them (e.g. Noto Sans CJK for Chinese).")
    )
    raise MissingGlyphError(missing_glyphs(text, font), resolve_font(font).name, hint)


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def _codepoints(path: Path, name: str = "font") -> frozenset[int]:
    try:
        return _read_codepoints(path)
    except ValueError as error:
        raise InputError(
            name,
            path,
            "a readable TrueType/OpenType font file",
            got_text=f"{str(path)!r}, which could not be read as a TrueType/OpenType font: {error}",
        ) from None


@lru_cache(maxsize=16)
def _read_codepoints(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as face:
            return frozenset(face.getBestCmap() or {})
    except (TTLibError, OSError, AssertionError, KeyError, IndexError) as error:
        raise ValueError(str(error) or type(error).__name__) from None


def _check_size(size: Any, name: str = "size") -> int:
    return check_int(size, name, low=1, what="font size in pixels")
