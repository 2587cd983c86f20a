"""Outputs that must not depend on the CPU: exact rankings, and the restricted-CPU run itself.

`python3 course.py test` re-runs every notebook with NumPy's optional CPU features turned off
(course.test_on_restricted_cpu); these tests check the pieces that makes work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from datagen_lab.text.classifier import NaiveBayes
from datagen_lab.text.reviews import split_reviews

PROJECT = Path(__file__).resolve().parents[1]


def _exact_top_words(model: NaiveBayes, texts, labels, k: int) -> dict[int, list[str]]:
    """top_words by exact rational arithmetic: P(w|c) / mean_c' P(w|c'), ties alphabetical."""
    from datagen_lab.text.classifier import words_of

    classes = sorted(set(labels))
    counts = {c: {} for c in classes}
    for text, label in zip(texts, labels, strict=True):
        for word in words_of(text):
            counts[label][word] = counts[label].get(word, 0) + 1
    vocabulary = sorted(set().union(*counts.values()))
    alpha = Fraction(model.smoothing)
    totals = {c: sum(counts[c].values()) + alpha * len(vocabulary) for c in classes}
    share = {(c, w): (counts[c].get(w, 0) + alpha) / totals[c] for c in classes for w in vocabulary}
    top = {}
    for c in classes:

        def key(word, c=c):
            mean = sum(share[(other, word)] for other in classes) / len(classes)
            return (-(share[(c, word)] / mean), word)

        top[c] = sorted(vocabulary, key=key)[:k]
    return top


def test_top_words_follow_the_exact_order_with_alphabetical_ties():
    texts, labels, _, _ = split_reviews(seed=0)
    model = NaiveBayes().fit(texts, labels)
    # 40 words reaches deep into the tied groups (words seen once, in one class only).
    assert model.top_words(40) == _exact_top_words(model, texts, labels, 40)


def test_top_words_ties_are_alphabetical_whatever_the_vocabulary_order():
    texts = ["zeta alpha mid", "beta", "alpha zeta mid", "gamma"]
    labels = [1, 0, 1, 0]
    forwards = NaiveBayes().fit(texts, labels).top_words(3)
    backwards = NaiveBayes().fit(texts[::-1], labels[::-1]).top_words(3)
    assert forwards == backwards
    assert forwards[1] == ["alpha", "mid", "zeta"]  # tied: all seen twice, in class 1 only


_SCRIPT = """
import json
from datagen_lab.text.classifier import NaiveBayes
from datagen_lab.text.reviews import split_reviews
texts, labels, _, _ = split_reviews(seed=0)
print(json.dumps(NaiveBayes().fit(texts, labels).top_words(40)))
"""


def _restricted_features(course) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", course._DISPATCHED_FEATURES],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_the_restriction_turns_the_features_off(course):
    features = _restricted_features(course)
    if not features:
        pytest.skip("NumPy dispatches no optional CPU features on this machine")
    probe = (
        "import json; from numpy._core._multiarray_umath import __cpu_features__ as f;"
        "print(json.dumps({k: bool(v) for k, v in f.items()}))"
    )
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(features))
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", probe], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr  # -W error: no "cannot disable" warning either
    still_on = [name for name, on in json.loads(result.stdout).items() if on and name in features]
    assert still_on == []


def test_lesson_2_top_words_are_the_same_with_restricted_cpu_features(course):
    features = _restricted_features(course)
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(features))
    runs = [
        subprocess.run(
            [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=e, cwd=PROJECT
        )
        for e in (dict(os.environ), env)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert runs[0].stdout == runs[1].stdout
