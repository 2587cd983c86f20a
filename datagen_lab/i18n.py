"""The course's language: what the helpers say to a learner, in English (default) or Chinese.

One setting chooses it: the environment variable ``DATAGEN_LAB_LANG`` (``"en"`` or ``"zh"``;
``"zh-CN"``, ``"zh_CN"`` and ``"zh-Hans"`` mean ``"zh"``). The Chinese notebooks set it in their
parameters cell with :func:`set_language`, which also gives matplotlib a font with Chinese
glyphs. Helpers pass every fixed word they print through :func:`t`::

    print(t("✔ Claim held:"), statement)
    t("{version}, for {why}", version="2.1", why="plots")

:func:`t` looks the English text up in the catalog (English text -> Chinese text; the English text
is the key, so an English reader's output never depends on the catalog) and falls back to the
English text for anything not yet translated. The catalog of ``zh`` is every
``datagen_lab/locale/zh*.json`` merged (``zh.json`` for what helpers print, ``zh_figures.json``
for figure titles and labels); a text keyed in two files must have one translation.
``tests/core/test_i18n.py`` lists the keys the package uses that the catalog lacks.
"""

from __future__ import annotations

import os
from pathlib import Path

from datagen_lab import catalogs
from datagen_lab.catalogs import (  # noqa: F401 (re-exported: i18n is the public face)
    CATALOG_DIR,
    DEFAULT,
    ENV_VAR,
    LANGUAGES,
    error_text,
    joined,
    merge_catalogs,
)
from datagen_lab.checks import InputError


def language() -> str:
    """The language helpers speak: ``"en"`` (default, also for an empty setting) or ``"zh"``.

    Raises:
        InputError: ``DATAGEN_LAB_LANG`` holds something else (the message names the variable).
    """
    value = os.environ.get(ENV_VAR, "")
    return _normalised(value, ENV_VAR) if value.strip() else DEFAULT


def set_language(lang: str) -> str:
    """Choose the language for this kernel (and the processes it starts); return it normalised.

    ``"zh"`` also configures matplotlib to draw Chinese text (a CJK font from
    :mod:`datagen_lab.cjk_fonts` first, DejaVu Sans as fallback, so labels mixing ``$math$`` and
    Chinese draw too); when no such font is installed
    it warns with the fix instead of failing, so the lesson still runs (figures then show boxes).

    Args:
        lang: ``"en"`` or ``"zh"`` (also ``"zh-CN"``, ``"zh_CN"``, ``"zh-Hans"``).

    Raises:
        InputError: any other value.
    """
    lang = _normalised(lang, "lang")
    os.environ[ENV_VAR] = lang
    if lang == "zh":
        import warnings

        from datagen_lab import cjk_fonts

        try:
            cjk_fonts.use_cjk_font()
        except cjk_fonts.CJKFontNotFoundError as error:
            warnings.warn(str(error), stacklevel=2)
    return lang


def t(english: str, /, **fields: object) -> str:
    """``english`` in the current language, with ``{name}`` fields filled from ``fields``.

    Args:
        english: the English text, exactly as the catalog keys it (a template when ``fields``
            are given: ``t("got {n} digits", n=3)``).
        **fields: values for the template's fields, inserted after translation (so the catalog
            holds one entry per template, not one per value).

    Returns:
        The Chinese text when the language is ``"zh"`` and the catalog has it, else ``english``;
        formatted with ``fields`` when any are given.
    """
    if not isinstance(english, str):
        raise InputError("english", english, "the English text (a str)")
    return catalogs.translate(language(), english, fields)


def labelled(values: list[str]) -> list[str] | list[tuple[str, str]]:
    """A dropdown's options for ``values``: the list itself in English, ``(label, value)`` pairs
    with translated labels otherwise (the widget's values stay the English names)."""
    labels = [t(value) for value in values]
    return values if labels == values else list(zip(labels, values, strict=True))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a notebook's monospaced output: 2 for each wide (Chinese,
    full-width) character, 1 for any other; ``len(text)`` for English text."""
    import unicodedata

    if not isinstance(text, str):
        raise InputError("text", text, "a str")
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def padded(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (never cut): ``"<"`` left-aligned,
    ``">"`` right-aligned. The same as ``f"{text:<{width}}"`` for English text, and columns that
    still line up when a table's labels are Chinese (a Chinese character takes two columns)."""
    if align not in ("<", ">"):
        raise InputError("align", align, "'<' (left-aligned) or '>' (right-aligned)")
    if isinstance(width, bool) or not isinstance(width, int) or width < 0:
        raise InputError("width", width, "a number of columns, an int >= 0")
    space = " " * max(0, width - display_width(text))
    return text + space if align == "<" else space + text


def catalog(lang: str = "zh") -> dict[str, str]:
    """The catalog of ``lang`` (English text -> translation); ``{}`` for English. Cached."""
    lang = _normalised(lang, "lang")
    return {} if lang == DEFAULT else dict(catalogs.entries_of(lang))


def catalog_files(lang: str = "zh") -> list[Path]:
    """The files whose entries make up the catalog of ``lang``: ``<lang>.json`` and
    ``<lang>_*.json`` in ``datagen_lab/locale``, sorted by name; ``[]`` for English."""
    lang = _normalised(lang, "lang")
    if lang == DEFAULT:
        return []
    return catalogs.files_of(lang)


def _normalised(value: object, name: str) -> str:
    expected = "a course language: 'en' (English, the default) or 'zh' (Simplified Chinese)"
    if not isinstance(value, str):
        raise InputError(name, value, expected)
    lang = catalogs.ALIASES.get(value.strip().lower().replace("_", "-"))
    if lang is None:
        raise InputError(name, value, expected)
    return lang
