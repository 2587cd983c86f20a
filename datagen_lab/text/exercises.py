"""Checkers for the text-augmentation lesson's exercises: each returns instant :class:`Feedback`."""

from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache

from datagen_lab import checks
from datagen_lab.exercises import Feedback, check_close, check_with, feedback
from datagen_lab.i18n import t
from datagen_lab.text.tokens import check_alpha

DELETION_GRID = (0.05, 0.1, 0.2, 0.3, 0.5)


def check_eda_count(answer: object, words: int = 23, alpha: float = 0.1) -> Feedback:
    """Exercise 1: how many words does EDA's synonym replacement change in a ``words``-word sentence?"""
    words = checks.check_positive_int(words, "words")
    alpha = check_alpha(alpha)
    expected = max(1, int(alpha * words))
    return check_close(
        answer,
        expected,
        t("Yes: n = max(1, floor({alpha} x {words})) = {n}.", alpha=alpha, words=words, n=expected),
        t(
            "Use n = max(1, floor(alpha x l)) with l = {words} words and alpha = {alpha}; floor "
            "rounds down.",
            words=words,
            alpha=alpha,
        ),
    )


def check_passive(sentence: object) -> Feedback:
    """Exercise 2: a sentence that :func:`datagen_lab.text.augment.sentence_to_passive` can convert."""
    from datagen_lab.text.voice import sentence_to_passive

    if not isinstance(sentence, str) or not sentence.strip():
        return Feedback(
            False,
            t(
                "Write your sentence as a non-empty string, not {kind}.",
                kind=type(sentence).__name__,
            ),
        )
    result = sentence_to_passive(sentence)
    return feedback(
        result.ok,
        t(
            "Converted: {text}. Read it aloud: is it still true to the original?",
            text=repr(result.text),
        ),
        t(
            "Not converted: {reason}. Try subject + past verb + object, e.g. 'The dog found a "
            "bone.'",
            reason=result.reason,
        ),
    )


def check_deletion_threshold(answer: object, target: float = 0.95) -> Feedback:
    """Exercise 3: the largest deletion probability in :data:`DELETION_GRID` that keeps >= ``target``
    of the test predictions (naive Bayes on :func:`datagen_lab.text.reviews.split_reviews`, seed 0)."""
    target = checks.check_probability(target, "target", "a share of predictions kept")
    kept = _deletion_kept()
    good = [p for p, k in zip(DELETION_GRID, kept, strict=True) if k >= target]
    expected = max(good) if good else DELETION_GRID[0]
    table = ", ".join(f"p={p}: {k:.0%}" for p, k in zip(DELETION_GRID, kept, strict=True))
    return check_close(
        answer,
        expected,
        t("Right: {table}. Beyond p = {p} too many predictions flip.", table=table, p=expected),
        t(
            "Run label_preservation for random_deletion over {grid} with variants=3 and seed=0, "
            "and pick the largest p whose kept share is at least {target:.0%}.",
            grid=list(DELETION_GRID),
            target=target,
        ),
    )


def check_swap_function(swap) -> Feedback:
    """Exercise 4: ``swap(words, n, rng) -> list`` swaps two random positions ``n`` times."""

    def correct(function) -> bool:
        words = ["w0", "w1", "w2", "w3", "w4", "w5"]
        original = list(words)
        made = function(words, 2, random.Random(1))
        assert words == original, t("the input list must not be modified")
        assert isinstance(made, list) and Counter(made) == Counter(words), t(
            "the result must hold the same words"
        )
        assert made != words or function(words, 2, random.Random(2)) != words, t(
            "nothing was swapped"
        )
        assert made == function(words, 2, random.Random(1)), t(
            "the same rng seed must give the same result"
        )
        assert function(["one"], 3, random.Random(0)) == ["one"], t(
            "a single word has nothing to swap with"
        )
        return True

    return check_with(
        correct,
        swap,
        "Your random swap keeps the words, changes their order and is repeatable per seed.",
        "Copy the list, then n times pick two different positions with rng.sample(range(len(words)), 2) "
        "and swap them; return the copy (and leave a one-word list alone).",
    )


def check_order_blind(answer: object) -> Feedback:
    """Exercise 5: which EDA operation can never change a bag-of-words prediction?"""
    text = str(answer).strip().lower().replace("random_", "").replace("random ", "")
    return feedback(
        text in ("swap", "rs"),
        "Yes: naive Bayes counts words and ignores their order, so a swap never changes its "
        "prediction. A model that reads order (an RNN, a transformer) would notice.",
        "Look at the label-preservation plot: one curve stays at 100 %. What does naive Bayes ignore?",
    )


@lru_cache(maxsize=1)
def _deletion_kept() -> tuple[float, ...]:
    from datagen_lab.text.augment import random_deletion
    from datagen_lab.text.classifier import NaiveBayes, label_preservation
    from datagen_lab.text.reviews import split_reviews

    train_x, train_y, test_x, _ = split_reviews()
    model = NaiveBayes().fit(train_x, train_y)
    result = label_preservation(model, test_x, random_deletion, DELETION_GRID, variants=3, seed=0)
    return tuple(float(k) for k in result.kept)
