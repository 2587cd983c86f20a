"""EDA's four operations on Chinese words: synonym replacement, insertion, swap and deletion.

Same contract as :mod:`datagen_lab.text.ops`: ``op(tokens, alpha, rng, **options) -> (tokens,
note)`` on the :class:`~datagen_lab.text.tokens.Tokens` of :func:`datagen_lab.text.zh.segment.segment`,
all randomness from ``rng`` (a ``random.Random``), ``n = max(1, int(alpha * words))`` words
changed, and a note that says why a text is unchanged (or ``""``). A "word" is a jieba word, so
``我喜欢这本书`` has four (我 / 喜欢 / 这 / 本书), not six characters; Latin words and numbers in
mixed text are words too, but only Chinese words get Chinese synonyms.
"""

from __future__ import annotations

import random

from datagen_lab.checks import InputError
from datagen_lab.i18n import t
from datagen_lab.text.ops import changes
from datagen_lab.text.tokens import CJK, WORD_KINDS, Tokens, check_alpha, sentence_spans
from datagen_lab.text.zh.thesaurus import check_senses, thesaurus

NO_CHINESE = "unchanged: the Chinese thesaurus covers Chinese words only, and this text has none"
NO_SYNONYM = (
    "unchanged: no Chinese word of two or more characters outside the stopwords has a Cilin synonym"
)


def lexical_candidates(tokens: Tokens, senses: int | None = None):
    """Chinese words that may be replaced, ``[(index, synonyms), ...]``, and a note when there are none."""
    _check_tokens(tokens)
    check_senses(senses)
    found, chinese = [], False
    lex = thesaurus()
    for i, (text, kind) in enumerate(zip(tokens.texts, tokens.kinds, strict=True)):
        if kind != CJK:
            continue
        chinese = True
        synonyms = lex.synonyms(text, senses)
        if synonyms:
            found.append((i, synonyms))
    return found, "" if found else t(NO_SYNONYM) if chinese else t(NO_CHINESE)


def synonym_replacement(
    tokens: Tokens, alpha: float, rng: random.Random, senses: int | None = None
):
    """Replace n Chinese words (not stopwords, two or more characters) by a random Cilin synonym.

    Every occurrence of a chosen word gets the same synonym, as in the English operation.
    """
    _check_op(tokens, alpha, rng)
    candidates, note = lexical_candidates(tokens, senses)
    by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for index, synonyms in candidates:
        by_word.setdefault(tokens.texts[index], []).append((index, synonyms))
    chosen = list(by_word)
    rng.shuffle(chosen)
    for word in chosen[: changes(alpha, len(tokens.word_indices()))]:
        synonym = rng.choice(by_word[word][0][1])
        for index, _ in by_word[word]:
            tokens.texts[index] = synonym
    return tokens, note


def random_insertion(tokens: Tokens, alpha: float, rng: random.Random, senses: int | None = None):
    """n times: insert a synonym of a random replaceable word before a random word (or at the end).

    The n places are drawn among the original words' positions, and the words inserted at one
    place keep the order they were drawn in. Chinese needs no spaces: an inserted word takes the
    whitespace before its place, if any, and the word it goes before keeps its own.
    """
    _check_op(tokens, alpha, rng)
    candidates, note = lexical_candidates(tokens, senses)
    if not candidates:
        return tokens, note
    positions = tokens.word_indices()
    slots: dict[int, list[str]] = {}
    for _ in range(changes(alpha, len(positions))):
        synonym = rng.choice(rng.choice(candidates)[1])
        slot = rng.choice(range(len(positions) + 1))
        # before the slot-th word; the slot after the last word is just after it (before any 。)
        at = positions[slot] if slot < len(positions) else positions[-1] + 1
        slots.setdefault(at, []).append(synonym)
    texts, gaps, kinds = [], [], []
    n = len(tokens.texts)
    for i in range(n + 1):
        gap = tokens.gaps[i] if i < n else ""  # the trailing whitespace stays at the end
        for word in slots.get(i, ()):
            texts.append(word)
            gaps.append(gap)
            kinds.append(CJK)
            gap = "" if i == n or tokens.kinds[i] == CJK else gap
        if i < n:
            texts.append(tokens.texts[i])
            kinds.append(tokens.kinds[i])
        gaps.append(gap if i < n else tokens.gaps[n])
    return Tokens(texts, gaps, kinds), ""


def random_swap(tokens: Tokens, alpha: float, rng: random.Random):
    """n times: swap two random words (punctuation and whitespace stay in place)."""
    _check_op(tokens, alpha, rng)
    words = tokens.word_indices()
    if len(words) < 2:
        return tokens, t("unchanged: fewer than two words, nothing to swap")
    for _ in range(changes(alpha, len(words))):
        a, b = rng.sample(words, 2)
        tokens.texts[a], tokens.texts[b] = tokens.texts[b], tokens.texts[a]
        tokens.kinds[a], tokens.kinds[b] = tokens.kinds[b], tokens.kinds[a]
    return tokens, ""


def random_deletion(tokens: Tokens, alpha: float, rng: random.Random):
    """Delete each word with probability alpha, keeping at least one word in every sentence."""
    _check_op(tokens, alpha, rng)
    if len(tokens.word_indices()) < 2:
        return tokens, t("unchanged: a single word is never deleted")
    doomed = []
    for start, stop in sentence_spans(tokens):
        inside = [i for i in range(start, stop) if tokens.kinds[i] in WORD_KINDS]
        gone = [i for i in inside if rng.random() < alpha]
        if inside and len(gone) == len(inside):
            gone.remove(rng.choice(gone))  # never empty a sentence
        doomed += gone
    deletions = tokens.deleter()
    for i in sorted(doomed, reverse=True):
        deletions.delete(i)
    return deletions.apply(), ""


def _check_tokens(tokens: object) -> None:
    if not isinstance(tokens, Tokens):
        raise InputError("tokens", tokens, "a Tokens (from datagen_lab.text.zh.segment.segment)")


def _check_op(tokens: object, alpha: object, rng: object) -> None:
    """The arguments every operation takes: Tokens, a strength in [0, 1] and a random.Random."""
    _check_tokens(tokens)
    check_alpha(alpha)
    if not isinstance(rng, random.Random):
        raise InputError("rng", rng, "a random.Random")
