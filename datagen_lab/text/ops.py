"""The lexical and syntactic operations on a tokenized text (the public wrappers are in augment_text).

Every operation here has the signature ``op(tokens, alpha, rng, **options) -> (tokens, note)``:
it may change ``tokens`` in place or return new ones, draws all randomness from ``rng`` (a
``random.Random``), and returns a note that says why the text is unchanged (or ``""``). How many
words change follows EDA: ``n = max(1, int(alpha * words))`` for ``alpha > 0``.
"""

from __future__ import annotations

import random
from functools import lru_cache

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import t
from datagen_lab.text.inflect import analyses, hint_after, inflect
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.ranks import (
    insert_at_word_ranks,
)
from datagen_lab.text.tokens import (
    WORD,
    WORD_KINDS,
    Tokens,
    check_alpha,
    match_case,
    sentence_spans,
    split,
)

NO_LATIN = "unchanged: WordNet covers English words only, and this text has none (another script?)"
NO_SYNONYM = "unchanged: no word outside the stopwords has a WordNet synonym"


def changes(alpha: float, words: int) -> int:
    """How many words an operation changes: ``max(1, int(alpha * words))``, 0 when ``alpha == 0``."""
    alpha = check_alpha(alpha)
    words = checks.check_int(words, "words", low=0, what="a number of words")
    return max(1, int(alpha * words)) if alpha > 0 and words else 0


@lru_cache(maxsize=100_000)
def word_synonyms(
    word: str, hint: tuple[str, ...] = (), senses: int | None = None
) -> tuple[str, ...]:
    """Synonyms of a lower-case word, inflected like it: ``"movies" -> ("films", "pictures", ...)``.

    The first reading of the word (see :func:`datagen_lab.text.inflect.analyses`) that has any
    synonym in the same form wins; stopwords have none. Cached: the second call is a dict lookup.
    """
    if not isinstance(word, str):
        raise InputError("word", word, "a lower-case word (str)")
    check_senses(senses)
    lex = lexicon()
    if word in lex.stopwords:
        return ()
    for pos, lemma, form in analyses(word, hint):
        found = []
        for synonym in lex.synonyms(lemma, pos, senses):
            new = inflect(synonym, pos, form)
            if new is not None and new.lower() != word and new not in found:
                found.append(new)
        if found:
            return tuple(found)
    return ()


def lexical_candidates(tokens: Tokens, senses: int | None = None):
    """Words that may be replaced, ``((index, synonyms), ...)``, and a note when there are none.

    Left out: stopwords, numbers, words in other scripts, acronyms ("NASA"), capitalized words
    inside a sentence and capitalized first words that WordNet knows as names ("John", "Paris").
    """
    check_senses(senses)
    return _candidates(tuple(tokens.texts), tuple(tokens.kinds), tuple(first_words(tokens)), senses)


@lru_cache(maxsize=4096)
def _candidates(
    texts: tuple[str, ...],
    kinds: tuple[str, ...],
    starts: tuple[int | None, ...],
    senses: int | None,
):
    lex = lexicon()
    found, latin, previous = [], False, ""
    for i, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
        if kind != WORD:
            previous = "" if kind not in WORD_KINDS else previous
            continue
        latin = True
        lower = text.lower()
        name = text[:1].isupper() and (i not in starts or lower in lex.titled)
        if not name and not (len(text) > 1 and text.isupper()):
            synonyms = word_synonyms(lower, hint_after(previous), senses)
            if synonyms:
                found.append((i, synonyms))
        previous = lower
    return tuple(found), "" if found else t(NO_SYNONYM) if latin else t(NO_LATIN)


def synonym_replacement(
    tokens: Tokens, alpha: float, rng: random.Random, senses: int | None = None
):
    """Replace n non-stopwords by a random WordNet synonym (every occurrence of a chosen word)."""
    _check_op(tokens, alpha, rng)
    candidates, note = lexical_candidates(tokens, senses)
    by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for index, synonyms in candidates:
        by_word.setdefault(tokens.texts[index].lower(), []).append((index, synonyms))
    chosen = list(by_word)
    rng.shuffle(chosen)
    for word in chosen[: changes(alpha, len(tokens.word_indices()))]:
        synonym = rng.choice(by_word[word][0][1])
        for index, _ in by_word[word]:
            tokens.texts[index] = match_case(tokens.texts[index], synonym)
    return tokens, note


def random_insertion(tokens: Tokens, alpha: float, rng: random.Random, senses: int | None = None):
    """n times: insert a random synonym of a random non-stopword at a random word position."""
    _check_op(tokens, alpha, rng)
    candidates, note = lexical_candidates(tokens, senses)
    if not candidates:
        return tokens, note
    with sentence_case(tokens):
        words = len(tokens.word_indices())
        draws = []
        for k in range(changes(alpha, words)):
            synonym = rng.choice(rng.choice(candidates)[1])
            # A slot before any of the words + k present now, or after the last: choosing from a
            # range draws exactly what choosing from the list of slots drew, without building it.
            draws.append((rng.choice(range(words + k + 1)), synonym))
        insert_at_word_ranks(tokens, draws)
    return tokens, ""


def lemmatize(tokens: Tokens, alpha: float, rng: random.Random, mode: str = "lemma"):
    """Replace n inflected words by their WordNet lemma ("ran" -> "run") or Porter stem ("running" -> "run")."""
    _check_op(tokens, alpha, rng)
    checks.check_choice(mode, "mode", ("lemma", "stem"))
    lex = lexicon()
    stem = _porter() if mode == "stem" else None
    found, latin = [], False
    for i, (text, kind) in enumerate(zip(tokens.texts, tokens.kinds, strict=True)):
        if kind != WORD:
            continue
        latin, lower = True, text.lower()
        if lower in lex.stopwords:
            continue
        if stem is not None:
            base = stem(lower)
        else:
            readings = analyses(lower, hint_after(tokens.texts[i - 1].lower() if i else ""))
            base = readings[0][1] if readings else lower
        if base != lower:
            found.append((i, base))
    if not found:
        return (
            tokens,
            t("unchanged: no word outside the stopwords has a {mode} of its own", mode=mode)
            if latin
            else t(NO_LATIN),
        )
    for i, base in rng.sample(found, min(len(found), changes(alpha, len(tokens.word_indices())))):
        tokens.texts[i] = match_case(tokens.texts[i], base.replace("_", " "))
    return tokens, ""


def random_swap(tokens: Tokens, alpha: float, rng: random.Random):
    """n times: swap two random words (punctuation stays in place)."""
    _check_op(tokens, alpha, rng)
    words = tokens.word_indices()
    if len(words) < 2:
        return tokens, t("unchanged: fewer than two words, nothing to swap")
    with sentence_case(tokens):
        for _ in range(changes(alpha, len(words))):
            a, b = rng.sample(words, 2)
            tokens.texts[a], tokens.texts[b] = tokens.texts[b], tokens.texts[a]
            tokens.kinds[a], tokens.kinds[b] = tokens.kinds[b], tokens.kinds[a]
    return tokens, ""


def random_deletion(tokens: Tokens, alpha: float, rng: random.Random):
    """Delete each word with probability alpha, keeping at least one word in every sentence."""
    _check_op(tokens, alpha, rng)
    words = tokens.word_indices()
    if len(words) < 2:
        return tokens, t("unchanged: a single word is never deleted")
    doomed = []
    for start, stop in sentence_spans(tokens):
        inside = [i for i in range(start, stop) if tokens.kinds[i] in WORD_KINDS]
        gone = [i for i in inside if rng.random() < alpha]
        if inside and len(gone) == len(inside):
            gone.remove(rng.choice(gone))  # never empty a sentence
        doomed += gone
    with sentence_case(tokens):
        deletions = tokens.deleter()  # one by one, each deletion would move every later token
        for i in sorted(doomed, reverse=True):
            deletions.delete(i)
        deletions.apply()
    return tokens, ""


def reorder_sentences(tokens: Tokens, alpha: float, rng: random.Random):
    """Move ``max(2, round(alpha * sentences))`` sentences so that each lands somewhere else."""
    _check_op(tokens, alpha, rng)
    spans = sentence_spans(tokens)
    if len(spans) < 2:
        return tokens, t("unchanged: a single sentence has no order to change")
    if alpha == 0:
        return tokens, ""
    pieces = [
        str(Tokens(tokens.texts[a:b], ["", *tokens.gaps[a + 1 : b], ""], [])) for a, b in spans
    ]
    order = list(range(len(spans)))
    chosen = rng.sample(order, min(len(spans), max(2, round(alpha * len(spans)))))
    for source, target in zip(chosen, chosen[1:] + chosen[:1], strict=True):
        order[target] = source  # a cycle through the chosen sentences: each one moves
    text = "".join(tokens.gaps[a] + pieces[k] for (a, _), k in zip(spans, order, strict=True))
    return split(text + tokens.gaps[-1]), ""


def check_senses(senses: object) -> int | None:
    """``senses`` if it is None or an integer >= 1 (how many WordNet senses to use), else InputError."""
    if senses is None:
        return None
    return checks.check_positive_int(
        senses, "senses", what="how many WordNet senses, or None for all"
    )


def _check_op(tokens: object, alpha: object, rng: object) -> None:
    """The arguments every operation takes: Tokens, a strength in [0, 1] and a random.Random."""
    if not isinstance(tokens, Tokens):
        raise InputError("tokens", tokens, "a Tokens (from datagen_lab.text.tokens.split)")
    check_alpha(alpha)
    if not isinstance(rng, random.Random):
        raise InputError("rng", rng, "a random.Random")


def _porter():
    from nltk.stem.porter import PorterStemmer  # imported on demand: importing NLTK costs ~1.5 s

    return PorterStemmer().stem


def first_words(tokens: Tokens) -> list[int | None]:
    """Index of the first word of every sentence (None for a sentence of punctuation only)."""
    kinds = tokens.kinds  # sentence_spans checks that tokens is a Tokens
    return [
        next((i for i in range(a, b) if kinds[i] in WORD_KINDS), None)
        for a, b in sentence_spans(tokens)
    ]


class sentence_case:
    """Context manager: lower-case sentence-initial common words before a reordering, re-capitalize after.

    "The cat sat." with "The" and "cat" swapped becomes "Cat the sat.", not "cat The sat.";
    names ("Paris") and "I" keep their capital.
    """

    def __init__(self, tokens: Tokens):
        if not isinstance(tokens, Tokens):
            raise InputError("tokens", tokens, "a Tokens (from datagen_lab.text.tokens.split)")
        self.tokens = tokens

    def __enter__(self):
        lex, tokens = lexicon(), self.tokens
        self.flags = []
        for first in first_words(tokens):
            text = tokens.texts[first] if first is not None else ""
            flag = text[:1].isupper() and (len(text) == 1 or text[1:].islower()) and text != "I"
            lower = text.lower()
            if flag and (lower in lex.stopwords or lower not in lex.titled):
                tokens.texts[first] = lower
            self.flags.append(flag)
        return tokens

    def __exit__(self, *exc):
        tokens = self.tokens
        for first, flag in zip(first_words(tokens), self.flags, strict=False):
            if flag and first is not None:
                tokens.texts[first] = tokens.texts[first][:1].upper() + tokens.texts[first][1:]
        return False
