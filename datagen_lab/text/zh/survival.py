"""Label survival on Chinese: does a judge trained on the originals still read a variant the same way?

The experiment of :func:`datagen_lab.text.classifier.label_preservation`, with the change measured
in jieba *words* (the unit the Chinese operations work on), not in characters. The judge is the
lesson's naive Bayes, which reads Chinese one character at a time (character unigrams: the
classic Chinese baseline, which needs no segmentation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

import numpy as np

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.text.classifier import Preservation, check_texts
from datagen_lab.text.tokens import PUNCT, check_text
from datagen_lab.text.zh.segment import segment


def change_share(original: str, variant: str) -> float:
    r"""Share of the original's words that changed, $\min(1, \text{edits} / \text{words})$, on jieba words.

    A replaced block of k words against m new ones counts ``max(k, m)`` edits (a synonym 1, a
    swap 2, an insertion 1); punctuation is ignored. Returns a float in [0, 1].
    """
    a = _words(check_text(original, "original"))
    b = _words(check_text(variant, "variant"))
    if not a:
        return 0.0 if a == b else 1.0
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    edits = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    return min(1.0, edits / len(a))


def label_survival(
    classifier,
    texts: Sequence[str],
    operation: Callable[..., str],
    alphas: Sequence[float],
    variants: int = 1,
    seed: int = 0,
    name: str | None = None,
) -> Preservation:
    """Apply ``operation(text, alpha=a, seed=s)`` at each strength; share of predictions kept.

    Args:
        classifier: a fitted classifier with ``predict(texts)`` (e.g. the lesson's NaiveBayes).
        texts: held-out Chinese sentences.
        operation: e.g. :func:`datagen_lab.text.zh.augment.random_deletion`.
        alphas: strengths in [0, 1].
        variants: variants per sentence and strength (seeds ``seed .. seed + variants - 1``).

    Returns:
        A :class:`~datagen_lab.text.classifier.Preservation`: ``changed`` (A,) mean share of
        jieba words changed, ``kept`` (A,) share of variants whose prediction stayed.
    """
    if not callable(getattr(classifier, "predict", None)):
        raise InputError("classifier", classifier, "a fitted classifier with predict(texts)")
    texts = check_texts(texts, "texts")
    checks.check_callable(operation, "operation", "a function operation(text, alpha=, seed=)")
    alphas = checks.check_array(alphas, "alphas", ndim=1, low=0.0, high=1.0, what="strengths")
    variants = checks.check_positive_int(variants, "variants")
    seed = checks.check_seed(seed)
    if name is not None and not isinstance(name, str):
        raise InputError("name", name, "a str or None")
    before = np.repeat(classifier.predict(texts), variants)
    originals = [t for t in texts for _ in range(variants)]
    changed, kept = [], []
    for alpha in alphas:
        made = [
            operation(t, alpha=float(alpha), seed=seed + v) for t in texts for v in range(variants)
        ]
        changed.append(np.mean([change_share(a, b) for a, b in zip(originals, made, strict=True)]))
        kept.append(np.mean(classifier.predict(made) == before))
    op = name or getattr(operation, "__name__", "operation")
    return Preservation(op, np.asarray(alphas, dtype=float), np.array(changed), np.array(kept))


def _words(text: str) -> list[str]:
    tokens = segment(text)
    return [t for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]
