"""Text augmentation: lexical, syntactic and noise operations on WordNet, and EDA, all offline.

Every operation is a function ``op(text, alpha=..., seed=0) -> Augmented``:

- ``alpha`` in [0, 1] is its strength: the share of words it changes, ``n = max(1, int(alpha * words))``
  as in EDA (for deletion the probability of deleting each word; for sentence operations the share
  of sentences);
- ``seed`` (an int, or a ``random.Random`` to continue a stream) makes it repeatable;
- the result is a ``str`` with two extra attributes: ``.op`` (the operation) and ``.note`` (why the
  text is unchanged, or ``""``): e.g. lexical operations on Chinese text return it unchanged and
  say that WordNet does not cover it.

Lexical: :func:`synonym_replacement`, :func:`random_insertion`, :func:`lemmatize`.
Syntactic: :func:`random_swap`, :func:`random_deletion`, :func:`reorder_sentences`, :func:`to_passive`.
Noise: :func:`spelling_noise`, :func:`grammar_noise`. Combined: :func:`augment`, :func:`eda`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from numbers import Integral

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import t
from datagen_lab.text import noise as text_noise
from datagen_lab.text import ops as text_ops
from datagen_lab.text import voice as text_voice
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.tokens import (
    Tokens,
    check_alpha,
    check_count,
    check_text,
    detokenize,
    split,
    tokenize,
)
from datagen_lab.text.voice import Passive, sentence_to_passive

__all__ = [
    "EDA_OPERATIONS",
    "OPERATIONS",
    "Augmented",
    "Passive",
    "augment",
    "detokenize",
    "eda",
    "grammar_noise",
    "lemmatize",
    "lexicon",
    "random_deletion",
    "random_insertion",
    "random_swap",
    "reorder_sentences",
    "sentence_to_passive",
    "spelling_noise",
    "synonym_replacement",
    "synonyms",
    "to_passive",
    "tokenize",
]


class Augmented(str):
    """An augmented text: a ``str`` that also says which operation made it and why it may be unchanged.

    Attributes:
        op: the operation's name (a key of :data:`OPERATIONS`), or ``"original"``.
        note: why the text is unchanged (``"unchanged: ..."``), or ``""``.
        source: the text it was made from.
    """

    op: str
    note: str
    source: str

    def __new__(cls, text: str, op: str = "", note: str = "", source: str = "") -> Augmented:
        for name, value in (("text", text), ("op", op), ("note", note), ("source", source)):
            if not isinstance(value, str):
                raise InputError(name, value, "a str")
        made = super().__new__(cls, text)
        made.op, made.note, made.source = op, note, source
        return made

    @property
    def changed(self) -> bool:
        """True when the text differs from its source."""
        return str(self) != self.source


# name -> (implementation on Tokens, family, what it does)
OPERATIONS: dict[str, tuple[Callable, str, str]] = {
    "synonym": (text_ops.synonym_replacement, "lexical", "replace words by WordNet synonyms"),
    "insertion": (
        text_ops.random_insertion,
        "lexical",
        "insert synonyms of words at random places",
    ),
    "lemma": (text_ops.lemmatize, "lexical", "put inflected words in their base form"),
    "swap": (text_ops.random_swap, "syntactic", "swap two words"),
    "deletion": (text_ops.random_deletion, "syntactic", "delete each word with probability alpha"),
    "reorder": (text_ops.reorder_sentences, "syntactic", "move sentences"),
    "passive": (text_voice.passive_voice, "syntactic", "turn active sentences passive"),
    "spelling": (
        text_noise.spelling_noise,
        "noise",
        "typos: keyboard neighbour, swap, drop, double",
    ),
    "grammar": (text_noise.grammar_noise, "noise", "article and agreement slips"),
}
EDA_OPERATIONS = ("synonym", "insertion", "swap", "deletion")


def synonym_replacement(
    text: str, alpha: float = 0.1, seed: int | random.Random = 0, senses: int | None = None
) -> Augmented:
    """EDA's SR: replace ``n`` random non-stopwords by a WordNet synonym, keeping case and inflection.

    Args:
        text: any non-blank string.
        alpha: share of the words to replace, in [0, 1].
        seed: int or ``random.Random``.
        senses: draw synonyms from the first this many WordNet senses only (None: all, as EDA).

    Returns:
        An :class:`Augmented` text: "The movies were great" -> "The films were great".
    """
    return _apply("synonym", text, alpha, seed, senses=text_ops.check_senses(senses))


def random_insertion(
    text: str, alpha: float = 0.1, seed: int | random.Random = 0, senses: int | None = None
) -> Augmented:
    """EDA's RI: ``n`` times, insert a synonym of a random non-stopword at a random position."""
    return _apply("insertion", text, alpha, seed, senses=text_ops.check_senses(senses))


def lemmatize(
    text: str, alpha: float = 1.0, seed: int | random.Random = 0, mode: str = "lemma"
) -> Augmented:
    """Replace ``n`` inflected words by their base form: WordNet's lemma (``mode="lemma"``: "ran" -> "run")
    or NLTK's Porter stem (``mode="stem"``: "studies" -> "studi")."""
    return _apply(
        "lemma", text, alpha, seed, mode=checks.check_choice(mode, "mode", ("lemma", "stem"))
    )


def random_swap(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """EDA's RS: ``n`` times, swap two random words; punctuation stays where it was."""
    return _apply("swap", text, alpha, seed)


def random_deletion(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """EDA's RD: delete each word with probability ``alpha``; every sentence keeps at least one word."""
    return _apply("deletion", text, alpha, seed)


def reorder_sentences(text: str, alpha: float = 1.0, seed: int | random.Random = 0) -> Augmented:
    """Move ``max(2, round(alpha * sentences))`` sentences, each to a new place (one sentence: unchanged)."""
    return _apply("reorder", text, alpha, seed)


def to_passive(text: str, alpha: float = 1.0, seed: int | random.Random = 0) -> Augmented:
    """Turn simple subject-verb-object sentences passive; ``.note`` gives the reason for any left alone.

    "The cat chased the mouse." -> "The mouse was chased by the cat." ``alpha`` < 1 converts only
    ``max(1, int(alpha * sentences))`` of them. See :func:`sentence_to_passive` for one sentence.
    """
    return _apply("passive", text, alpha, seed)


def spelling_noise(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """Give ``n`` words a typo: keyboard-neighbour substitution, transposition, deletion or duplication."""
    return _apply("spelling", text, alpha, seed)


def grammar_noise(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """Make ``max(1, int(alpha * sites))`` article or agreement slips ("an dog", "the cats is", "she run")."""
    return _apply("grammar", text, alpha, seed)


def augment(
    text: str,
    alphas: Mapping[str, float],
    n: int = 4,
    seed: int | random.Random = 0,
    mode: str = "one",
    include_original: bool = False,
) -> list[Augmented]:
    """``n`` variants of ``text``, each made by the operations in ``alphas`` (a generalized EDA).

    Args:
        text: any non-blank string.
        alphas: operation name (see :data:`OPERATIONS`) -> strength in [0, 1]; 0 switches it off.
        n: number of variants, >= 1.
        seed: int or ``random.Random``.
        mode: ``"one"``: each variant gets one operation, as in EDA: ``n // k + 1`` variants of
            each of the ``k`` active operations are planned, shuffled, and the first ``n`` kept (as
            the paper's code does), so the shares are only about equal; ``"all"``: each variant
            goes through every active operation in turn.
        include_original: append the original text (EDA does, for training).

    Returns:
        ``n`` (or ``n + 1``) :class:`Augmented` texts; with every alpha 0 they are the original.
    """
    text, n, rng = check_text(text), check_count(n), _rng(seed)
    expected = f"a dict of operation names ({', '.join(OPERATIONS)}) to strengths in [0, 1]"
    if not isinstance(alphas, Mapping):
        raise InputError("alphas", alphas, expected)
    unknown = [op for op in alphas if op not in OPERATIONS]
    if unknown:
        raise InputError("alphas", alphas, expected, got_text=f"unknown operations {unknown!r}")
    checks.check_choice(mode, "mode", ("one", "all"))
    if not isinstance(include_original, bool):
        raise InputError("include_original", include_original, "True or False")
    checked = [(op, check_alpha(alpha, f"alphas[{op!r}]")) for op, alpha in alphas.items()]
    active = [(op, alpha) for op, alpha in checked if alpha > 0]
    tokens = split(text)
    if not active:
        variants = [Augmented(text, "original", t("unchanged: every alpha is 0"), text)] * n
    elif mode == "all":
        variants = [_chain(tokens.copy(), active, rng, text) for _ in range(n)]
    else:
        plan = active * (n // len(active) + 1)
        rng.shuffle(plan)
        variants = [_chain(tokens.copy(), [step], rng, text) for step in plan[:n]]
    return variants + [Augmented(text, "original", "", text)] * include_original


def eda(
    text: str,
    alpha_sr: float = 0.1,
    alpha_ri: float = 0.1,
    alpha_rs: float = 0.1,
    p_rd: float = 0.1,
    n: int = 9,
    seed: int | random.Random = 0,
    include_original: bool = False,
) -> list[Augmented]:
    """Easy Data Augmentation (Wei and Zou, 2019): ``n`` variants, each by one of SR, RI, RS, RD.

    The four operations share the variants about equally, in random order, as in the paper's
    code (``n // 4 + 1`` of each are planned, shuffled, and the first ``n`` kept);
    ``alpha_*`` is the share of words each changes (``p_rd`` the deletion probability), and an
    operation with strength 0 is left out. Unlike the paper's code, the text is not lower-cased
    and punctuation is kept.

    Returns:
        ``n`` :class:`Augmented` texts (plus the original with ``include_original``).
    """
    names = ("alpha_sr", "alpha_ri", "alpha_rs", "p_rd")
    values = [
        check_alpha(v, name)
        for v, name in zip((alpha_sr, alpha_ri, alpha_rs, p_rd), names, strict=True)
    ]  # checked here so that the message names alpha_sr, not alphas['synonym']
    alphas = dict(zip(EDA_OPERATIONS, values, strict=True))
    return augment(text, alphas, n=n, seed=seed, include_original=include_original)


def synonyms(word: str, previous: str = "", senses: int | None = None) -> tuple[str, ...]:
    """WordNet synonyms of ``word`` in its inflection, as synonym replacement sees them.

    Args:
        word: one word, e.g. ``"movies"``.
        previous: the word before it, which hints at its part of speech ("the" -> noun).
        senses: only the first this many senses (None: all).

    Returns:
        e.g. ``("films", "pictures", ...)``; ``()`` for stopwords and words WordNet lacks.
    """
    from datagen_lab.text.inflect import hint_after

    word = check_text(word, "word")
    if not isinstance(previous, str):
        raise InputError("previous", previous, "a str (the word before, or '')")
    senses = text_ops.check_senses(senses)
    return text_ops.word_synonyms(word.strip().lower(), hint_after(previous.lower()), senses)


def _apply(op: str, text: str, alpha: float, seed: int | random.Random, **options) -> Augmented:
    text, alpha, rng = check_text(text), check_alpha(alpha), _rng(seed)
    return _chain(split(text), [(op, alpha)], rng, text, **options)


def _chain(
    tokens: Tokens, steps: list[tuple[str, float]], rng: random.Random, source: str, **options
) -> Augmented:
    notes = []
    for op, alpha in steps:
        if alpha == 0:
            notes.append(t("unchanged: alpha is 0"))
            continue
        tokens, note = OPERATIONS[op][0](tokens, alpha, rng, **options)
        if note:
            notes.append(note if len(steps) == 1 else f"{op} {note}")
    return Augmented(str(tokens), "+".join(op for op, _ in steps), "; ".join(notes), source)


def _rng(seed: int | random.Random) -> random.Random:
    if isinstance(seed, random.Random):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, Integral) or seed < 0:
        raise InputError("seed", seed, "a non-negative int or a random.Random")
    return random.Random(int(seed))
