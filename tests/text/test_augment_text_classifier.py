"""The naive Bayes judge, the reviews set, label preservation and the lesson's exercise checkers."""

from __future__ import annotations

import random

import numpy as np
import pytest

from datagen_lab.text import augment as at
from datagen_lab.text import exercises as ex
from datagen_lab.text.classifier import NaiveBayes, augmentation_gain, label_preservation
from datagen_lab.text.reviews import load_reviews, split_reviews


@pytest.fixture(scope="module")
def split():
    return split_reviews()


@pytest.fixture(scope="module")
def model(split):
    train_x, train_y, _, _ = split
    return NaiveBayes().fit(train_x, train_y)


def test_reviews_are_balanced_pairs_kept_together(split):
    texts, labels = load_reviews()
    assert len(texts) == 240 and labels.sum() == 120 and len(set(texts)) == 240
    train_x, train_y, test_x, test_y = split
    assert len(train_x) == len(test_x) == 120 and train_y.sum() == test_y.sum() == 60
    pairs = {i for i, t in enumerate(texts[:120]) if t in test_x}
    assert pairs == {i for i, t in enumerate(texts[120:]) if t in test_x}
    with pytest.raises(ValueError, match="test_share"):
        split_reviews(test_share=1.0)


def test_naive_bayes_matches_hand_computed_probabilities():
    model = NaiveBayes(smoothing=1.0).fit(["good good", "bad"], [1, 0])
    # vocabulary {good, bad}; P(good|1) = 3/4, P(good|0) = 1/3; equal priors
    p = model.predict_proba(["good"])[0]
    assert np.allclose(p[1] / p[0], (3 / 4) / (1 / 3))
    assert np.allclose(model.predict_proba(["bad", "unknown words"]).sum(axis=1), 1)
    assert list(model.predict(["good", "bad"])) == [1, 0]
    with pytest.raises(ValueError, match="one label per text"):
        NaiveBayes().fit(["a"], [0, 1])


def test_naive_bayes_learns_the_reviews(model, split):
    _, _, test_x, test_y = split
    assert model.score(test_x, test_y) > 0.7
    top = model.top_words(10)
    assert {"great", "lovely"} & set(top[1]) and {"dull", "slow"} & set(top[0])


def test_label_preservation_swap_is_invisible_to_bag_of_words(model, split):
    test_x = split[2][:30]
    swap = label_preservation(model, test_x, at.random_swap, [0.0, 0.3], variants=2)
    assert swap.op == "random_swap" and swap.kept.tolist() == [1.0, 1.0]
    assert swap.changed[0] == 0.0 and swap.changed[1] > 0.2
    deletion = label_preservation(model, test_x, at.random_deletion, [0.1, 0.6], variants=2)
    assert deletion.changed[1] > deletion.changed[0] and deletion.kept[1] < 1.0


def test_augmentation_gain_shapes(split):
    train, test = (split[0], split[1]), (split[2], split[3])
    gain = augmentation_gain(
        train, test, [10, 20], lambda s, seed: at.eda(s, n=2, seed=seed), repeats=2
    )
    assert set(gain) == {"sizes", "plain", "augmented", "plain_std", "augmented_std", "wins"}
    assert np.all((gain["wins"] >= 0) & (gain["wins"] <= 1))
    assert gain["plain"].shape == (2,) and np.all(
        (gain["augmented"] >= 0) & (gain["augmented"] <= 1)
    )


def test_augmentation_gain_counts_wins_pair_by_pair(split):
    """No variants: each augmented model equals its plain twin, so it never wins a draw."""
    train, test = (split[0], split[1]), (split[2], split[3])
    same = augmentation_gain(train, test, [10, 40], lambda s, seed: [], repeats=3)
    assert np.array_equal(same["augmented"], same["plain"]) and not same["wins"].any()


def test_exercise_checkers_accept_right_and_reject_wrong_answers():
    assert ex.check_eda_count(2) and not ex.check_eda_count(2.3) and not ex.check_eda_count("two")
    assert ex.check_passive("The dog found a bone.") and not ex.check_passive("The dog slept.")
    assert not ex.check_passive(42)
    kept = ex._deletion_kept()
    right = max([p for p, k in zip(ex.DELETION_GRID, kept, strict=True) if k >= 0.95], default=0.05)
    assert ex.check_deletion_threshold(right) and not ex.check_deletion_threshold(
        0.5 if right != 0.5 else 0.05
    )
    assert ex.check_order_blind("random swap") and not ex.check_order_blind("deletion")


def test_swap_exercise_checker():
    def good(words, n, rng):
        words = list(words)
        for _ in range(n if len(words) > 1 else 0):
            a, b = rng.sample(range(len(words)), 2)
            words[a], words[b] = words[b], words[a]
        return words

    def in_place(words, n, rng):
        rng.shuffle(words)
        return words

    assert ex.check_swap_function(good)
    verdict = ex.check_swap_function(in_place)
    assert not verdict and "must not be modified" in verdict.message
    assert not ex.check_swap_function(lambda words, n, rng: list(words))
    assert not ex.check_swap_function(lambda words, n, rng: random.sample(words, len(words)))
