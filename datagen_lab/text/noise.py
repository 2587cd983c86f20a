"""Noise operations: the slips people make when typing (typos) and writing (grammar errors).

Same contract as :mod:`datagen_lab.text.ops`: ``op(tokens, alpha, rng) -> (tokens, note)``.
Typos work on any script (a Chinese character can be doubled or swapped with its neighbour);
keyboard-neighbour substitution needs Latin letters, grammar slips need English.
"""

from __future__ import annotations

import random

from datagen_lab.checks import InputError
from datagen_lab.i18n import t
from datagen_lab.text.inflect import analyses, inflect
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.ops import _check_op, changes, sentence_case
from datagen_lab.text.tokens import CJK, NUM, WORD, WORD_KINDS, Deletions, Tokens, match_case

TYPOS = ("substitute", "transpose", "delete", "duplicate")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_SHIFT = (0.0, 0.25, 0.75)  # how far each row of a QWERTY keyboard sits to the right
_KEYS = {
    key: (col + _ROW_SHIFT[row], row)
    for row, keys in enumerate(_ROWS)
    for col, key in enumerate(keys)
}
KEYBOARD_NEIGHBOURS = {  # keys beside it in its row, and the (up to) two touching it above and below
    key: "".join(
        other
        for other, (x2, y2) in _KEYS.items()
        if other != key and (y2 == y and abs(x2 - x) <= 1 or abs(y2 - y) == 1 and abs(x2 - x) < 1)
    )
    for key, (x, y) in _KEYS.items()
}
# Agreement slips: each form and the one a careless writer puts in its place.
AGREEMENT_SWAPS = {
    "is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
    "does": "do", "do": "does", "am": "is", "isn't": "aren't", "aren't": "isn't",
    "wasn't": "weren't", "weren't": "wasn't", "doesn't": "don't", "don't": "doesn't",
    "this": "these", "these": "this",
}  # fmt: skip
_SINGULAR_SUBJECTS = frozenset({"he", "she", "it"})
_PLURAL_SUBJECTS = frozenset({"i", "you", "we", "they"})


def spelling_noise(
    tokens: Tokens, alpha: float, rng: random.Random, typos: tuple[str, ...] = TYPOS
):
    """Give n words one typo each: a keyboard neighbour, two swapped letters, a lost or a doubled letter.

    Args:
        typos: the kinds of typo to draw from, a subset of :data:`TYPOS`.
    """
    _check_op(tokens, alpha, rng)
    if (
        isinstance(typos, str)
        or not isinstance(typos, tuple | list | set | frozenset)
        or not typos
        or not set(typos) <= set(TYPOS)
    ):
        raise InputError("typos", typos, f"a non-empty subset of {TYPOS}")
    eligible = [i for i, kind in enumerate(tokens.kinds) if kind in WORD_KINDS and kind != NUM]
    if not eligible:
        return tokens, t("unchanged: no word to misspell")
    # Deleting a CJK character from the list would move every later token (quadratic on a long
    # text): deletions are recorded and applied once, and the word count is kept by hand.
    deletions = tokens.deleter()
    words = len(tokens.word_indices())
    for i in sorted(rng.sample(eligible, changes(alpha, len(eligible))), reverse=True):
        options = [typo for typo in typos if _possible(tokens, i, typo, deletions, words)]
        if options:
            words -= _typo(tokens, i, rng.choice(options), rng, deletions)
    deletions.apply()
    return tokens, ""


def grammar_noise(tokens: Tokens, alpha: float, rng: random.Random):
    """Make n grammar slips: a wrong or missing article, or a verb that disagrees with its subject.

    Sites: ``a``/``an`` (swapped or dropped), ``the`` (dropped), be/have/do forms and
    ``this``/``these`` (:data:`AGREEMENT_SWAPS`), a verb after he/she/it or I/you/we/they
    ("she runs" -> "she run", "they run" -> "they runs").
    """
    _check_op(tokens, alpha, rng)
    sites = []
    for i, (text, kind) in enumerate(zip(tokens.texts, tokens.kinds, strict=True)):
        if kind != WORD:
            continue
        slip = _slip(text.lower(), tokens.texts[i - 1].lower() if i else "")
        if slip is not None:
            sites.append((i, slip))
    if not sites:
        return tokens, t("unchanged: no article, be/have/do form or pronoun + verb to get wrong")
    chosen = sorted(rng.sample(sites, changes(alpha, len(sites))), reverse=True)
    with sentence_case(tokens):
        deletions = tokens.deleter()  # applied once: one by one is quadratic on a long text
        words = len(tokens.word_indices())
        for i, slip in chosen:
            article = tokens.texts[i].lower() in ("a", "an")
            if slip == "" or article and rng.random() < 0.5:
                if words > 1:
                    deletions.delete(i)  # a missing article
                    words -= 1
            else:
                tokens.texts[i] = match_case(tokens.texts[i], slip)
        deletions.apply()
    return tokens, ""


def _slip(word: str, previous: str) -> str | None:
    """The wrong version of ``word`` after ``previous`` ("" = drop it), or None if it is no site."""
    if word in ("a", "an"):
        return "an" if word == "a" else "a"
    if word == "the":
        return ""
    if word in AGREEMENT_SWAPS:
        return AGREEMENT_SWAPS[word]
    if previous in _SINGULAR_SUBJECTS or previous in _PLURAL_SUBJECTS:
        form = "s" if previous in _SINGULAR_SUBJECTS else "base"
        for pos, lemma, found in analyses(word, ("v",)):
            if pos == "v" and found == form and lemma not in lexicon().stopwords:
                return inflect(lemma, "v", "base" if form == "s" else "s")
    return None


def _possible(tokens: Tokens, i: int, typo: str, deletions: Deletions, words: int) -> bool:
    """Whether ``typo`` can happen to token ``i``; ``words``: word-like tokens left now."""
    text = tokens.texts[i]
    if typo == "substitute":
        return any(c.lower() in KEYBOARD_NEIGHBOURS for c in text)
    if typo == "transpose":
        if len(text) == 1:  # one CJK character: swap with the next one
            nxt = deletions.next_alive(i + 1)
            return (
                nxt < len(tokens)
                and tokens.kinds[nxt] == CJK
                and not deletions.gap(nxt)
                and tokens.texts[nxt] != text
            )
        return any(a != b for a, b in zip(text, text[1:], strict=False))
    if typo == "delete":
        return len(text) >= 3 or (tokens.kinds[i] == CJK and words > 1)
    return True  # duplicate


def _typo(tokens: Tokens, i: int, typo: str, rng: random.Random, deletions: Deletions) -> int:
    """Make the typo; returns how many word-like tokens it deleted (0 or 1)."""
    text = tokens.texts[i]
    if typo == "substitute":
        j = rng.choice([j for j, c in enumerate(text) if c.lower() in KEYBOARD_NEIGHBOURS])
        tokens.texts[i] = (
            text[:j]
            + match_case(text[j], rng.choice(KEYBOARD_NEIGHBOURS[text[j].lower()]))
            + text[j + 1 :]
        )
    elif typo == "transpose" and len(text) == 1:
        nxt = deletions.next_alive(i + 1)
        tokens.texts[i], tokens.texts[nxt] = tokens.texts[nxt], text
    elif typo == "transpose":
        j = rng.choice([j for j in range(len(text) - 1) if text[j] != text[j + 1]])
        tokens.texts[i] = text[:j] + text[j + 1] + text[j] + text[j + 2 :]
    elif typo == "delete" and tokens.kinds[i] == CJK:
        deletions.delete(i)
        return 1
    elif typo == "delete":
        j = rng.randrange(1, len(text))  # keep the first letter: people rarely lose that one
        tokens.texts[i] = text[:j] + text[j + 1 :]
    else:
        j = rng.randrange(len(text))
        tokens.texts[i] = text[: j + 1] + text[j:]
    return 0
