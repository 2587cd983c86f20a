"""Chinese text augmentation: EDA on jieba words with HIT Cilin synonyms, homophone typos, 把/被.

The same API as :mod:`datagen_lab.text.augment`, so a lesson calls both alike: every operation is
``op(text, alpha=..., seed=0) -> Augmented`` (a ``str`` with ``.op``, ``.note`` and ``.source``),
``alpha`` in [0, 1] is the share of *words* it changes (``n = max(1, int(alpha * words))``; for
deletion the probability per word; for the voice changes the share of sentences), and ``seed`` is
an int or a ``random.Random``. Bad input raises :class:`~datagen_lab.checks.InputError` (empty or
blank text included); text without Chinese comes back unchanged from the lexical operations with
a ``.note`` that says why, as Chinese does from the English ones; in mixed text only the Chinese
words get Chinese synonyms and typos.

Lexical: :func:`synonym_replacement`, :func:`random_insertion`. Syntactic: :func:`random_swap`,
:func:`random_deletion`, :func:`to_passive` (被), :func:`to_ba` (把). Noise: :func:`homophone_noise`.
Combined: :func:`augment`, :func:`eda`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from functools import partial
from numbers import Integral

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import t
from datagen_lab.text.augment import Augmented
from datagen_lab.text.tokens import Tokens, check_alpha, check_count, check_text
from datagen_lab.text.voice import Passive
from datagen_lab.text.zh import ops as zh_ops
from datagen_lab.text.zh import typos as zh_typos
from datagen_lab.text.zh import voice as zh_voice
from datagen_lab.text.zh.segment import segment, words
from datagen_lab.text.zh.thesaurus import check_senses, thesaurus
from datagen_lab.text.zh.voice import sentence_to_ba, sentence_to_passive

__all__ = [
    "EDA_OPERATIONS",
    "OPERATIONS",
    "Augmented",
    "Passive",
    "augment",
    "eda",
    "homophone_noise",
    "random_deletion",
    "random_insertion",
    "random_swap",
    "sentence_to_ba",
    "sentence_to_passive",
    "synonym_replacement",
    "synonyms",
    "thesaurus",
    "to_ba",
    "to_passive",
    "tokenize",
]

# name -> (implementation on Tokens, family, what it does)
OPERATIONS: dict[str, tuple[Callable, str, str]] = {
    "synonym": (zh_ops.synonym_replacement, "lexical", "replace words by Cilin synonyms"),
    "insertion": (zh_ops.random_insertion, "lexical", "insert synonyms of words at random places"),
    "swap": (zh_ops.random_swap, "syntactic", "swap two words"),
    "deletion": (zh_ops.random_deletion, "syntactic", "delete each word with probability alpha"),
    "passive": (
        partial(zh_voice.voice_change, voice="bei"),
        "syntactic",
        "turn S V了 O sentences into the 被 passive",
    ),
    "ba": (
        partial(zh_voice.voice_change, voice="ba"),
        "syntactic",
        "turn S V了 O sentences into the 把 construction",
    ),
    "homophone": (zh_typos.homophone_noise, "noise", "typos: a character with the same pinyin"),
}
EDA_OPERATIONS = ("synonym", "insertion", "swap", "deletion")


def tokenize(text: str) -> list[str]:
    """The jieba words of a non-blank ``text``: ``"我喜欢这本书。"`` -> ``["我", "喜欢", "这", "本书", "。"]``."""
    return words(text)


def synonym_replacement(
    text: str, alpha: float = 0.1, seed: int | random.Random = 0, senses: int | None = None
) -> Augmented:
    """EDA's SR on Chinese words: replace ``n`` words (two or more characters, not stopwords) by a Cilin synonym.

    Args:
        text: any non-blank string.
        alpha: share of the words to replace, in [0, 1].
        seed: int or ``random.Random``.
        senses: draw synonyms from the first this many Cilin leaves of a word only (None: all).

    Returns:
        An :class:`Augmented` text: "这部电影很精彩" -> "这部影片很精彩".
    """
    return _apply("synonym", text, alpha, seed, senses=check_senses(senses))


def random_insertion(
    text: str, alpha: float = 0.1, seed: int | random.Random = 0, senses: int | None = None
) -> Augmented:
    """EDA's RI: ``n`` times, insert a Cilin synonym of a random replaceable word before a random word."""
    return _apply("insertion", text, alpha, seed, senses=check_senses(senses))


def random_swap(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """EDA's RS: ``n`` times, swap two random words (jieba words, not characters)."""
    return _apply("swap", text, alpha, seed)


def random_deletion(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """EDA's RD: delete each word with probability ``alpha``; every sentence keeps at least one word."""
    return _apply("deletion", text, alpha, seed)


def homophone_noise(text: str, alpha: float = 0.1, seed: int | random.Random = 0) -> Augmented:
    """Give ``n`` Chinese words a pinyin typo: one character replaced by a common homophone (在 -> 再)."""
    return _apply("homophone", text, alpha, seed)


def to_passive(text: str, alpha: float = 1.0, seed: int | random.Random = 0) -> Augmented:
    """Turn simple "S V了 O" (or 把) sentences into the 被 passive: "猫抓住了老鼠。" -> "老鼠被猫抓住了。"."""
    return _apply("passive", text, alpha, seed)


def to_ba(text: str, alpha: float = 1.0, seed: int | random.Random = 0) -> Augmented:
    """Turn simple "S V了 O" (or 被) sentences into the 把 construction: "猫把老鼠抓住了。"."""
    return _apply("ba", text, alpha, seed)


def augment(
    text: str,
    alphas: Mapping[str, float],
    n: int = 4,
    seed: int | random.Random = 0,
    mode: str = "one",
    include_original: bool = False,
) -> list[Augmented]:
    """``n`` variants of ``text``, each made by the operations in ``alphas`` (a generalized EDA).

    Args and Returns as :func:`datagen_lab.text.augment.augment`, with this module's
    :data:`OPERATIONS`. The text is segmented once; every variant starts from a copy.
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
    tokens = segment(text)
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
    """EDA (Wei and Zou, 2019) on Chinese words: ``n`` variants, each by one of SR, RI, RS, RD.

    The same plan as :func:`datagen_lab.text.augment.eda` (``n // 4 + 1`` of each operation,
    shuffled, the first ``n`` kept); words are jieba's, synonyms Cilin's.

    Returns:
        ``n`` :class:`Augmented` texts (plus the original with ``include_original``).
    """
    names = ("alpha_sr", "alpha_ri", "alpha_rs", "p_rd")
    values = [
        check_alpha(v, name)
        for v, name in zip((alpha_sr, alpha_ri, alpha_rs, p_rd), names, strict=True)
    ]
    alphas = dict(zip(EDA_OPERATIONS, values, strict=True))
    return augment(text, alphas, n=n, seed=seed, include_original=include_original)


def synonyms(word: str, senses: int | None = None) -> tuple[str, ...]:
    """Cilin synonyms of one Chinese word, as synonym replacement sees them.

    Returns:
        e.g. ``synonyms("电影") -> ("影戏", "影片", "影视", "录像")``; ``()`` for stopwords,
        one-character words and words Cilin lacks.
    """
    word = check_text(word, "word").strip()
    return thesaurus().synonyms(word, check_senses(senses))


def _apply(op: str, text: str, alpha: float, seed: int | random.Random, **options) -> Augmented:
    text, alpha, rng = check_text(text), check_alpha(alpha), _rng(seed)
    return _chain(segment(text), [(op, alpha)], rng, text, **options)


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
