"""Tokens for text augmentation: a regex tokenizer that remembers spacing, and its inverse.

No trained tokenizer is needed (NLTK's punkt is not available offline): one regular expression
splits text into words, numbers, punctuation and single CJK characters, and keeps the whitespace
between them, so ``join(split(text)) == text`` exactly and an augmented text keeps the original's
spacing everywhere it was not changed. The :class:`Tokens` it returns (and :class:`Deletions`)
are defined in :mod:`datagen_lab.text.tokenized` and importable from here as before.

Text is put in Unicode NFC first: a decomposed accent ("cafe" + U+0301) would otherwise be cut
off its letter and make two non-words. Text already in NFC (nearly all typed text) is unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from numbers import Integral, Real

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.text.tokenized import (  # noqa: F401 (re-exported)
    CJK,
    NUM,
    OTHER,
    PUNCT,
    WORD,
    WORD_KINDS,
    Deletions,
    Tokens,
)

_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTER = rf"[^\W\d_{_CJK_CHARS}]"  # a letter in any script except CJK
TOKEN_RE = re.compile(
    rf"(?P<cjk>[{_CJK_CHARS}])"  # one Chinese/Japanese character per token (no spaces to split on)
    rf"|(?P<word>{_LETTER}+(?:['’\-]{_LETTER}+)*)"  # don't, well-known, café, слово
    r"|(?P<num>\d+(?:[.,:]\d+)*)"  # 3, 3.5, 1,000, 10:30
    r"|(?P<punct>\.{2,}|\S)"  # "..." or any other single visible character
)
SENTENCE_END = frozenset({".", "!", "?", "...", "…", "。", "！", "？"})
_NO_SPACE_BEFORE = frozenset(".,;:!?%)]}»”’…" + "。，、；：！？）」』")
_CLOSERS = frozenset("\"')]}”’»")  # may follow a sentence's final stop: 'He said "no."'
_NO_SPACE_AFTER = frozenset("([{«“‘$#¿¡" + "（「『")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "jr", "sr"}
)


def split(text: str) -> Tokens:
    """Tokenize ``text`` keeping its whitespace (see :class:`Tokens`); ``str(split(t)) == t``.

    ``text`` is put in NFC first (so the round trip is exact for NFC text, which is nearly all
    text); any string is accepted, the empty one included (no tokens).
    """
    if not isinstance(text, str):
        raise InputError("text", text, "a str")
    text = unicodedata.normalize("NFC", text)
    texts, gaps, kinds = [], [], []
    end = 0
    for match in TOKEN_RE.finditer(text):
        start = match.start()
        gaps.append(text[end:start])
        token = match.group()
        kind = match.lastgroup
        if kind == WORD and not token.isascii():
            kind = OTHER
        texts.append(token)
        kinds.append(kind)
        end = match.end()
    gaps.append(text[end:])
    return Tokens(texts, gaps, kinds)


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens: words (with inner apostrophes/hyphens), numbers, punctuation, CJK characters.

    Args:
        text: any string.

    Returns:
        The tokens, whitespace dropped, e.g. ``["Don't", "panic", "!"]``.
    """
    return split(check_text(text)).texts


def detokenize(tokens: Sequence[str]) -> str:
    """Join tokens with sensible spacing: none before ``.,!?)`` or after ``(``, none between CJK characters.

    Straight double quotes alternate between opening and closing. Use :func:`split` and ``str()``
    instead when the original text is available: that restores its spacing exactly.
    """
    tokens = _check_token_list(tokens, "tokens")
    out: list[str] = []
    open_quote = False
    previous = ""
    for token in tokens:
        space = bool(out)
        if token == '"':
            space = space and not open_quote and previous not in _NO_SPACE_AFTER
            open_quote = not open_quote
        elif (
            token[:1] in _NO_SPACE_BEFORE
            or previous in _NO_SPACE_AFTER
            or previous == '"'
            and open_quote
            or _is_cjk(token)
            and (_is_cjk(previous) or previous in "。，、；：！？")
        ):
            space = False
        out.append((" " if space else "") + token)
        previous = token
    return "".join(out)


def sentence_spans(tokens: Tokens) -> list[tuple[int, int]]:
    """``[start, stop)`` token ranges of the sentences: a sentence ends at ``. ! ?`` (or ``。！？``).

    A full stop after a known abbreviation (Mr, Dr, e.g) or a single capital letter does not end one.
    """
    if not isinstance(tokens, Tokens):
        raise InputError("tokens", tokens, "a Tokens (from datagen_lab.text.tokens.split)")
    texts, n = tokens.texts, len(tokens.texts)
    spans, start = [], 0
    for i in [
        i for i, text in enumerate(texts) if text in SENTENCE_END
    ]:  # only punctuation matches
        text = texts[i]
        if i < start or text == "." and i > 0 and _is_abbreviation(texts[i - 1]):
            continue
        stop = i + 1
        while stop < n and texts[stop] in _CLOSERS and not tokens.gaps[stop]:
            stop += 1
        if text == "." and stop < n and not tokens.gaps[stop] and tokens.kinds[stop] == WORD:
            continue  # "node.js": no space after the stop, so not a sentence end
        spans.append((start, stop))
        start = stop
    if start < n:
        spans.append((start, n))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, without the whitespace between them."""
    tokens = split(check_text(text))
    return [_slice(tokens, a, b).strip() for a, b in sentence_spans(tokens)]


def check_text(text: object, name: str = "text") -> str:
    """``text`` in NFC if it is a non-blank string of at most ``MAX_TEXT_CHARS``, else InputError.

    Delegates to :func:`datagen_lab.checks.check_text`; the message names ``name``, what it got and
    what it expects.
    """
    return checks.check_text(text, name)


def check_alpha(alpha: object, name: str = "alpha") -> float:
    """Return ``alpha`` as a float if it is a finite number in [0, 1], else raise InputError."""
    if (
        isinstance(alpha, bool)
        or not isinstance(alpha, Real)
        or not 0.0 <= float(alpha) <= 1.0  # also False for NaN
    ):
        raise InputError(name, alpha, "a number in [0, 1] (a share of the words)")
    return float(alpha)


def check_count(n: object, name: str = "n") -> int:
    """Return ``n`` if it is an integer >= 1, else raise InputError."""
    if isinstance(n, bool) or not isinstance(n, Integral) or int(n) < 1:
        raise InputError(name, n, "an integer >= 1 (how many variants)")
    return int(n)


def match_case(model: str, word: str) -> str:
    """``word`` in the casing of ``model``: ``("Happy", "glad") -> "Glad"``, ``("NICE", "good") -> "GOOD"``."""
    if not isinstance(model, str):
        raise InputError("model", model, "a str")
    if not isinstance(word, str):
        raise InputError("word", word, "a str")
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def no_space_before(token: str) -> bool:
    """True for tokens written without a space before them: closing punctuation and CJK characters."""
    if not isinstance(token, str):
        raise InputError("token", token, "a str")
    return token[:1] in _NO_SPACE_BEFORE or _is_cjk(token)


def word_set(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in ``text`` (for word lists written as one string)."""
    if not isinstance(text, str):
        raise InputError("text", text, "a str of words separated by whitespace")
    return frozenset(text.split())


def _check_token_list(tokens: object, name: str) -> list[str]:
    """``tokens`` as a list of str; a bare str is refused (it would be read one letter per token)."""
    expected = "a list of str tokens (e.g. from tokenize), not one str"
    if isinstance(tokens, str | bytes) or not isinstance(tokens, Iterable):
        raise InputError(name, tokens, expected)
    listed = list(tokens)
    bad = next((i for i, t in enumerate(listed) if not isinstance(t, str)), None)
    if bad is not None:
        got = f"a sequence holding {listed[bad]!r:.40} at index {bad}"
        raise InputError(name, tokens, expected, got_text=got)
    return listed


def _slice(tokens: Tokens, start: int, stop: int) -> str:
    return "".join(tokens.gaps[i] + tokens.texts[i] for i in range(start, stop))


def _is_abbreviation(word: str) -> bool:
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _is_cjk(token: str) -> bool:
    return bool(token) and "\u3040" <= token[0] <= "\ufaff"
