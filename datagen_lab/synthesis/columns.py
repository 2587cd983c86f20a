"""Fixed-width text for the lesson's small printed tables, in English or Chinese.

A Chinese character takes two columns in a monospaced font, so ``f"{text:>20}"`` misaligns
translated labels; :func:`padded` counts columns instead of characters (and equals the
f-string for English text, so English output does not change).
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: 2 for wide (CJK, full-width) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def padded(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` columns, ``"<"`` left or ``">"`` right aligned."""
    space = " " * max(0, width - display_width(text))
    return text + space if align == "<" else space + text
