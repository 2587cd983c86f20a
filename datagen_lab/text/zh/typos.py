"""Homophone typos: the commonest Chinese typing error, a character with the same pinyin.

Most Chinese is typed in pinyin: the learner types ``zai`` and picks 在 or 再 from a list of
candidates. Picking the wrong one gives a real character that sounds right and reads wrong:
在/再, 的/地/得, 做/作, 已/以. This operation makes that slip in n words: one character of the
word is replaced by another common character with the same toneless pinyin (what a pinyin
keyboard takes), read in context by pypinyin (重 in 重要 is ``zhong``, in 重新 ``chong``).

The candidates are the :data:`COMMON` most frequent single characters of jieba's dictionary
(ties broken by code point), so a typo never brings in a rare character nobody would pick.
"""

from __future__ import annotations

import random
from functools import lru_cache

from datagen_lab.i18n import t
from datagen_lab.text.ops import changes
from datagen_lab.text.tokens import CJK, Tokens
from datagen_lab.text.zh.ops import _check_op
from datagen_lab.text.zh.segment import tokenizer

COMMON = 3500  # about the 3,500 characters of China's list of common characters (常用字)
CHOICES = 6  # a typo picks among the most frequent homophones, as a pinyin keyboard lists them


def homophone_noise(tokens: Tokens, alpha: float, rng: random.Random):
    """Give n Chinese words one homophone typo each (n = ``max(1, int(alpha * Chinese words))``).

    Returns:
        ``(tokens, note)``; the note says why nothing changed (no Chinese word, or no character
        with a common homophone).
    """
    _check_op(tokens, alpha, rng)
    chinese = [i for i, kind in enumerate(tokens.kinds) if kind == CJK]
    if not chinese:
        return tokens, t("unchanged: no Chinese word to mistype")
    options = {i: _positions(tokens.texts[i]) for i in chinese}
    eligible = [i for i in chinese if options[i]]
    if not eligible:
        return tokens, t("unchanged: no character here has a common homophone")
    for i in sorted(rng.sample(eligible, min(len(eligible), changes(alpha, len(chinese))))):
        at, candidates = rng.choice(options[i])
        word = tokens.texts[i]
        tokens.texts[i] = word[:at] + rng.choice(candidates) + word[at + 1 :]
    return tokens, ""


def homophones(char: str, reading: str | None = None) -> tuple[str, ...]:
    """Common characters that sound like ``char`` (toneless pinyin), most frequent first.

    Args:
        char: one Chinese character.
        reading: its pinyin without tone (e.g. ``"zai"``); None reads it alone (its first reading).

    Returns:
        Up to :data:`CHOICES` characters, e.g. ``homophones("在") -> ("再", "载", ...)``.
    """
    from datagen_lab.checks import InputError

    if not isinstance(char, str) or len(char) != 1:
        raise InputError("char", char, "one Chinese character")
    if reading is not None and not isinstance(reading, str):
        raise InputError("reading", reading, "a toneless pinyin syllable such as 'zai', or None")
    if reading is None:
        readings = _readings(char)
        reading = readings[0] if readings else ""
    return tuple(c for c in _by_sound().get(reading, ()) if c != char)[:CHOICES]


@lru_cache(maxsize=65_536)
def _positions(word: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """``((index, homophones), ...)`` for the characters of ``word`` that have any."""
    from pypinyin import Style, lazy_pinyin  # imported on first use (half a second)

    readings = lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: [""] * len(chars))
    if len(readings) != len(word):
        return ()
    found = []
    for at, (char, reading) in enumerate(zip(word, readings, strict=True)):
        options = homophones(char, reading)
        if options:
            found.append((at, options))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, tuple[str, ...]]:
    """Toneless pinyin -> the common characters with that reading, most frequent first."""
    freq = tokenizer().FREQ
    singles = sorted(
        ((-count, char) for char, count in freq.items() if len(char) == 1 and count > 0),
    )
    table: dict[str, list[str]] = {}
    for _, char in singles[:COMMON]:
        readings = _readings(char)
        if readings:  # its main reading only: 它 is also a rare "yi", which nobody types for it
            table.setdefault(readings[0], []).append(char)
    return {reading: tuple(chars) for reading, chars in table.items()}


@lru_cache(maxsize=65_536)
def _readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of one character in pypinyin's dictionary, main one first (的: de, di)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    marked = pinyin_dict.get(ord(char), "")
    return tuple(dict.fromkeys(to_normal(r) for r in marked.split(",") if r))
