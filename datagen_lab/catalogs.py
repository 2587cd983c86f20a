"""The translation catalogs under the course's language setting, without the input checks.

:mod:`datagen_lab.i18n` is the public face (``t``, ``set_language``, ``catalog``); this module
holds what :mod:`datagen_lab.checks` needs too, so that an :class:`~datagen_lab.checks.InputError`
can speak the reader's language without an import cycle (``checks`` -> ``catalogs``, and
``i18n`` -> ``checks``, ``catalogs``). It imports only the standard library.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

ENV_VAR = "DATAGEN_LAB_LANG"
LANGUAGES = ("en", "zh")
DEFAULT = "en"
CATALOG_DIR = Path(__file__).resolve().parent / "locale"
# Spellings of a language that mean the same thing (compared in lower case, "_" read as "-").
ALIASES = {"en": "en", "en-us": "en", "en-gb": "en", "zh": "zh", "zh-cn": "zh", "zh-hans": "zh"}


def error_text(english: str, /, **fields: object) -> str:
    """:func:`t` for the words of an error message: the same, except that an invalid language
    setting gives English instead of raising (an error being built must not fail, and the
    setting's own error is built with this)."""
    value = os.environ.get(ENV_VAR, "")
    lang = (
        ALIASES.get(value.strip().lower().replace("_", "-"), DEFAULT) if value.strip() else DEFAULT
    )
    return translate(lang, english, fields)


def translate(lang: str, english: str, fields: dict) -> str:
    """``english`` in ``lang`` (already normalised; the English itself when the catalog lacks it),
    formatted with ``fields`` when there are any: the one lookup behind ``t`` and ``error_text``."""
    text = (entries_of(lang).get(english) or english) if lang != DEFAULT else english
    return text.format(**fields) if fields else text


def joined(first: str, second: str) -> str:
    """``first`` and ``second`` with a space between, unless ``first`` ends in full-width
    punctuation (``"依据："``, ``"。"``), after which Chinese puts no space."""
    return first + second if first.endswith(("：", "，", "。", "；")) else f"{first} {second}"


def merge_catalogs(paths: list[Path]) -> dict[str, str]:
    """The entries of the JSON catalogs at ``paths`` in one dict (English text -> translation);
    entries whose value is not a str are skipped.

    Raises:
        ValueError: a file is not a JSON object, or two files translate the same
            English text differently (the message names both files and both translations).
    """
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in paths:
        entries = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entries, dict):
            raise ValueError(f"{path.name}: expected a JSON object of English text -> translation")
        for english, translated in entries.items():
            if not isinstance(translated, str):
                continue  # not a translation (a note, say), as before
            if english in merged and merged[english] != translated:
                raise ValueError(
                    f"{english!r} is translated twice: {merged[english]!r} in {origin[english]}"
                    f" and {translated!r} in {path.name}; keep one translation"
                )
            merged[english], origin[english] = translated, path.name
    return merged


def files_of(lang: str) -> list[Path]:
    """``<lang>.json`` and ``<lang>_*.json`` in ``datagen_lab/locale``, sorted by name (``lang``
    already normalised; ``[]`` for English)."""
    if lang == DEFAULT:
        return []
    return sorted(
        [*CATALOG_DIR.glob(f"{lang}.json"), *CATALOG_DIR.glob(f"{lang}_*.json")],
        key=lambda path: path.name,
    )


@lru_cache(maxsize=len(LANGUAGES))
def entries_of(lang: str) -> MappingProxyType:
    """The merged catalog of ``lang`` (already normalised), English -> translation, read-only.
    Read once per process: ``t`` looks texts up in it on every call."""
    return MappingProxyType(merge_catalogs(files_of(lang)))
