"""Passive voice and the noise operations of datagen_lab.text.augment."""

from __future__ import annotations

import random

import pytest

from datagen_lab.text import augment as at
from datagen_lab.text.noise import KEYBOARD_NEIGHBOURS
from datagen_lab.text.tokens import PUNCT, split


@pytest.mark.parametrize(
    ("active", "passive"),
    [
        ("The cat chased the mouse.", "The mouse was chased by the cat."),
        ("She wrote three letters last week.", "Three letters were written by her last week."),
        ("John loves Mary.", "Mary is loved by John."),
        ("Dogs chase cats.", "Cats are chased by dogs."),
        ("My brother bought a new car yesterday.", "A new car was bought by my brother yesterday."),
        ("I saw him in the park.", "He was seen by me in the park."),
        ("The children ate apples and pears.", "Apples and pears were eaten by the children."),
        ("Lightning struck the tree!", "The tree was struck by lightning!"),
    ],
)
def test_simple_active_sentences_become_passive(active, passive):
    assert at.sentence_to_passive(active) == (passive, True, "")
    assert at.to_passive(active) == passive


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("She sleeps.", "fewer than three words"),
        ("He looked at the sky.", "no direct object"),
        ("They will eat the cake.", "auxiliary"),
        ("Did you see it?", "statements"),
        ("The mouse was chased by the cat.", "already in the passive"),
        ("The company hired two engineers, and they started today.", "punctuation"),
        ("The baby arrived early today.", "takes no direct object"),
        ("我喜欢这本书。", "English"),
    ],
)
def test_unhandled_sentences_come_back_unchanged_with_a_reason(sentence, reason):
    result = at.sentence_to_passive(sentence)
    assert not result.ok and result.text == sentence and reason in result.reason
    out = at.to_passive(sentence)
    assert out == sentence and reason in out.note


def test_to_passive_converts_what_it_can_in_a_longer_text():
    text = "The cat chased the mouse. It was fun. The dog found a bone."
    out = at.to_passive(text)
    assert out == "The mouse was chased by the cat. It was fun. A bone was found by the dog."
    assert at.to_passive(text, alpha=0.1, seed=0).count(" by the ") == 1


def test_spelling_noise_makes_one_small_typo_per_chosen_word():
    text = "Typing quickly produces several predictable mistakes tonight."
    for seed in range(10):
        out = at.spelling_noise(text, alpha=0.3, seed=seed)
        before, after = split(text).texts, split(out).texts
        changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
        assert len(changed) == max(1, int(0.3 * 7))
        assert all(_damerau(old, new) == 1 for old, new in changed)


def test_keyboard_substitution_uses_neighbouring_keys():
    assert set(KEYBOARD_NEIGHBOURS["g"]) == set("ftyhvb")
    assert set(KEYBOARD_NEIGHBOURS["a"]) == set("qwsz")
    text = "keyboard neighbours matter"
    for seed in range(10):
        out = at.text_noise.spelling_noise(
            split(text), 0.4, random.Random(seed), typos=("substitute",)
        )[0]
        for a, b in zip(text, str(out), strict=True):
            assert a == b or b in KEYBOARD_NEIGHBOURS[a]


def test_spelling_noise_rejects_unknown_typos():
    with pytest.raises(ValueError, match="typos"):
        at.text_noise.spelling_noise(split("some text"), 0.5, random.Random(0), typos=("smudge",))


def test_grammar_noise_makes_article_and_agreement_slips():
    text = "She runs to the park, and they have an apple."
    outputs = {at.grammar_noise(text, alpha=1.0, seed=seed) for seed in range(12)}
    joined = " | ".join(outputs)
    assert "She run " in joined and "they has " in joined
    assert any(" a apple" in out or "have apple" in out for out in outputs)
    assert all(out != text for out in outputs)
    plain = at.grammar_noise("Birds sing loudly.", alpha=1.0)
    assert plain == "Birds sing loudly." and "no article" in plain.note


def test_noise_keeps_punctuation_and_handles_chinese():
    text = "我喜欢这本书。它很有趣！"
    for seed in range(5):
        out = at.spelling_noise(text, alpha=0.5, seed=seed)
        assert [t for t, k in zip(*_tk(out), strict=True) if k == PUNCT] == ["。", "！"]
    assert at.grammar_noise(text) == text


def _tk(text):
    tokens = split(text)
    return tokens.texts, tokens.kinds


def _damerau(a: str, b: str) -> int:
    """Optimal string alignment distance (edits incl. adjacent transposition)."""
    d = [[max(i, j) if min(i, j) == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]
