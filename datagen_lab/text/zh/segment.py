"""Chinese word segmentation with jieba: a text becomes a :class:`~datagen_lab.text.tokens.Tokens`
of words, so the Chinese operations insert, swap and delete words, not characters.

Chinese is written without spaces, so "words" must be found: ``"我喜欢这本书"`` is
``我 / 喜欢 / 这 / 本书``. jieba does it with a dictionary of about 350,000 words that ships in
its package (no download) and an HMM for words it does not know; this module loads the 136,547
words seen at least :data:`MIN_FREQ` times, which starts 3.6x faster (see ``_dictionary``). The
result keeps the whitespace of the text in ``Tokens.gaps``, so ``str(segment(text)) == text`` for
NFC text, exactly as :func:`datagen_lab.text.tokens.split` does for English.

Token kinds: a Chinese word (any number of Han characters) is ``"cjk"``; Latin words, numbers
and punctuation get the English kinds (``"word"``, ``"num"``, ``"punct"``; ``"other"`` for words
in other scripts). jieba loads its dictionary once per process (about half a second, from a cache
in ``cache_dir()/jieba``) and segmentations are cached by text.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.config import cache_dir
from datagen_lab.text.tokens import CJK, NUM, OTHER, PUNCT, WORD, Tokens

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ALL_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*%?")
_LETTERS = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
MIN_FREQ = 5  # jieba's dictionary words kept: those seen at least this often (see _dictionary)


def has_chinese(text: str) -> bool:
    """True when ``text`` holds at least one Han character (Chinese, or Japanese kanji)."""
    if not isinstance(text, str):
        raise InputError("text", text, "a str")
    return HAN.search(text) is not None


def segment(text: str) -> Tokens:
    """Segment ``text`` into words with jieba, keeping its whitespace; ``str(segment(t)) == t``.

    Args:
        text: any str (NFC-normalised first; the empty string gives no tokens).

    Returns:
        A new :class:`Tokens` (safe to change): e.g. ``"我喜欢这本书。"`` ->
        texts ``["我", "喜欢", "这", "本书", "。"]``, kinds ``["cjk", "cjk", "cjk", "cjk", "punct"]``.
    """
    if not isinstance(text, str):
        raise InputError("text", text, "a str")
    texts, gaps, kinds = _segment(unicodedata.normalize("NFC", text))
    return Tokens(list(texts), list(gaps), list(kinds))


def words(text: str) -> list[str]:
    """The words of a non-blank ``text`` (punctuation included, whitespace dropped).

    Returns:
        e.g. ``["这家", "餐厅", "的", "服务员", "非常", "热情", "。"]``.
    """
    return segment(checks.check_text(text, "text")).texts


def kind_of(token: str) -> str:
    """The token kind of one segment: ``"cjk"``, ``"num"``, ``"word"``, ``"other"`` or ``"punct"``."""
    if not isinstance(token, str) or not token:
        raise InputError("token", token, "a non-empty str")
    if _ALL_HAN.fullmatch(token):
        return CJK
    if _NUMBER.fullmatch(token):
        return NUM
    if _LETTERS.fullmatch(token):
        return WORD if token.isascii() else OTHER
    if HAN.search(token) or any(c.isalnum() for c in token):
        return OTHER  # mixed, e.g. "3D" or "T恤"
    return PUNCT


def tokenizer():
    """The process's jieba tokenizer, initialised quietly (dictionary cache in ``cache_dir()/jieba``)."""
    return _tokenizer()


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba  # imported on first use: loading its dictionary takes about a second

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter in stored outputs
    folder = cache_dir() / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    found = jieba.Tokenizer(dictionary=str(_dictionary(Path(jieba.__file__).parent, folder)))
    found.tmp_dir = str(folder)
    found.initialize()
    return found


def _dictionary(package: Path, folder: Path) -> Path:
    """jieba's dictionary without its rarest words (seen fewer than MIN_FREQ times), written once.

    The full dictionary (349,046 words) takes jieba about 1.6 s to load on the course's machine;
    the 136,547 words seen at least 5 times load in about 0.45 s. Rare compounds are then split
    into their parts (味道鲜美 -> 味道 / 鲜美, 服务周到 -> 服务 / 周到), which suits operations on
    words: the parts have synonyms, the compound has none.
    """
    path = folder / f"dict_min{MIN_FREQ}_v{_dist_version()}.txt"
    if not path.is_file():
        kept = [
            line
            for line in (package / "dict.txt").read_text(encoding="utf-8").splitlines(True)
            if int(line.split()[1]) >= MIN_FREQ
        ]
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("".join(kept), encoding="utf-8")
        os.replace(partial, path)  # another process writing the same file meanwhile is harmless
    return path


def _dist_version() -> str:
    from importlib.metadata import version

    return version("jieba")


@lru_cache(maxsize=65_536)
def _segment(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    texts: list[str] = []
    gaps: list[str] = []
    kinds: list[str] = []
    gap = ""
    for piece in _tokenizer().lcut(text) if text else ():
        if piece.isspace():
            gap += piece
            continue
        for part in _split_punctuation(piece):
            gaps.append(gap)
            texts.append(part)
            kinds.append(kind_of(part))
            gap = ""
    gaps.append(gap)
    return tuple(texts), tuple(gaps), tuple(kinds)


def _split_punctuation(piece: str) -> list[str]:
    """jieba keeps runs such as "！！" or "……" whole; split mixed runs of punctuation and words."""
    if kind_of(piece) != PUNCT or len(piece) == 1 or piece in ("...", "……", "——"):
        return [piece]
    return list(piece)
