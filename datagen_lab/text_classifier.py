"""A tiny sentiment classifier (multinomial naive Bayes in NumPy) to judge text augmentations.

An augmentation is only useful for training if the new text keeps the old label. We cannot ask
a person about every variant, so we ask a classifier trained on the originals: does it still
predict the same label? :func:`label_preservation` measures that together with how many words
changed, and :func:`augmentation_gain` checks whether EDA helps when training data is scarce.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from datagen_lab.text_diff import change_share
from datagen_lab.text_tokens import PUNCT, split


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` (the classifier's features), punctuation dropped."""
    tokens = split(text)
    return [t.lower() for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]


class NaiveBayes:
    r"""Multinomial naive Bayes on word counts with add-$\alpha$ (Laplace) smoothing.

    $\log P(c \mid x) = \log P(c) + \sum_w x_w \log P(w \mid c) + \text{const}$, with
    $P(w \mid c) = (N_{wc} + \alpha) / (N_c + \alpha |V|)$. Words never seen in training are ignored.
    """

    def __init__(self, smoothing: float = 1.0):
        if not smoothing > 0:
            raise ValueError(f"smoothing must be > 0, got {smoothing!r}.")
        self.smoothing = smoothing
        self.vocabulary: dict[str, int] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[int]) -> NaiveBayes:
        """Learn word counts per class. ``labels``: ints in [0, classes). Returns self."""
        labels = np.asarray(labels, dtype=np.int64)
        if len(texts) != len(labels) or len(texts) == 0:
            raise ValueError(
                f"need as many labels as texts (> 0), got {len(texts)} texts, {len(labels)} labels."
            )
        for text in texts:
            for word in words_of(text):
                self.vocabulary.setdefault(word, len(self.vocabulary))
        counts = self._counts(texts)
        self.classes_ = np.unique(labels)
        # Word counts per class, (classes, vocabulary): integers, kept so top_words can rank exactly.
        self.counts_ = np.stack([counts[labels == c].sum(axis=0) for c in self.classes_])
        per_class = self.counts_ + self.smoothing
        self.per_class_total_ = per_class.sum(axis=1)
        self.log_prior_ = np.log(np.array([(labels == c).mean() for c in self.classes_]))
        self.log_likelihood_ = np.log(per_class / per_class.sum(axis=1, keepdims=True))
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(N, classes) float64 probabilities, rows sum to 1."""
        scores = self._counts(texts) @ self.log_likelihood_.T + self.log_prior_
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) int64 predicted labels."""
        return self.classes_[np.argmax(self.predict_proba(texts), axis=1)]

    def score(self, texts: Sequence[str], labels: Sequence[int]) -> float:
        """Accuracy in [0, 1]."""
        return float(np.mean(self.predict(texts) == np.asarray(labels)))

    def top_words(self, k: int = 8) -> dict[int, list[str]]:
        """The ``k`` words that most favour each class over the others (largest log-likelihood ratio).

        Many words share a ratio exactly (all words seen once, in one class), and float sums of
        equal terms can differ in the last bits from one CPU's vector code to another's. So the
        ratio is computed once per distinct count pattern (equal patterns get bit-equal ratios),
        rounded to 9 decimals, and ties are broken alphabetically: the same words on every machine.
        """
        words = np.array(sorted(self.vocabulary, key=self.vocabulary.get))
        patterns, pattern_of_word = np.unique(self.counts_.T, axis=0, return_inverse=True)
        smoothed = patterns.T + self.smoothing
        log_likelihood = np.log(smoothed / self.per_class_total_[:, None])
        ratio = log_likelihood - np.log(np.exp(log_likelihood).mean(axis=0))
        ratio = np.round(ratio, 9)[:, pattern_of_word.ravel()]
        alphabetical = np.argsort(words, kind="stable")
        top = {}
        for i, c in enumerate(self.classes_):
            # lexsort: the last key is the primary one; the alphabetical rank breaks ties.
            order = np.lexsort((alphabetical.argsort(), -ratio[i]))
            top[int(c)] = [str(w) for w in words[order[:k]]]
        return top

    def _counts(self, texts: Sequence[str]) -> np.ndarray:
        counts = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float64)
        for row, text in enumerate(texts):
            for word in words_of(text):
                column = self.vocabulary.get(word)
                if column is not None:
                    counts[row, column] += 1
        return counts


@dataclass(frozen=True)
class Preservation:
    """How an operation's strength trades change against label preservation.

    Attributes:
        op: operation name; alphas: (A,) strengths tried.
        changed: (A,) mean share of words changed (:func:`datagen_lab.text_diff.change_share`).
        kept: (A,) share of variants whose predicted label equals the original's prediction.
    """

    op: str
    alphas: np.ndarray
    changed: np.ndarray
    kept: np.ndarray


def label_preservation(
    classifier: NaiveBayes,
    texts: Sequence[str],
    operation: Callable[..., str],
    alphas: Sequence[float],
    variants: int = 1,
    seed: int = 0,
    name: str | None = None,
) -> Preservation:
    """Apply ``operation(text, alpha=a, seed=s)`` at each strength and compare predictions.

    Args:
        classifier: a fitted classifier with ``predict(texts)``.
        texts: sentences to augment (held-out ones, so predictions are not memorised).
        operation: e.g. :func:`datagen_lab.augment_text.random_deletion`.
        alphas: strengths in [0, 1].
        variants: variants per sentence and strength (seeds ``seed .. seed + variants - 1``).

    Returns:
        A :class:`Preservation` with one entry per alpha.
    """
    before = np.repeat(classifier.predict(texts), variants)
    changed, kept = [], []
    for alpha in alphas:
        made = [operation(t, alpha=alpha, seed=seed + v) for t in texts for v in range(variants)]
        originals = [t for t in texts for _ in range(variants)]
        changed.append(np.mean([change_share(a, b) for a, b in zip(originals, made, strict=True)]))
        kept.append(np.mean(classifier.predict(made) == before))
    op = name or getattr(operation, "__name__", "operation")
    return Preservation(op, np.asarray(alphas, dtype=float), np.array(changed), np.array(kept))


def augmentation_gain(
    train: tuple[Sequence[str], np.ndarray],
    test: tuple[Sequence[str], np.ndarray],
    sizes: Sequence[int],
    augmenter: Callable[[str, int], list[str]],
    repeats: int = 5,
    seed: int = 0,
    progress: bool = False,
) -> dict[str, np.ndarray]:
    """Test accuracy of naive Bayes trained on ``size`` originals, without and with augmentation.

    Args:
        train, test: ``(texts, labels)``.
        sizes: training-set sizes to try (balanced draws from ``train``).
        augmenter: ``augmenter(text, seed) -> list of variants`` (e.g. EDA with n variants).
        repeats: random draws per size; the means and standard deviations are returned.

    Returns:
        ``{"sizes", "plain", "augmented", "plain_std", "augmented_std"}``, arrays of shape (S,).
    """
    texts, labels = list(train[0]), np.asarray(train[1])
    rng = np.random.default_rng(seed)
    plain = np.zeros((len(sizes), repeats))
    augmented = np.zeros_like(plain)
    steps = [(i, r) for i in range(len(sizes)) for r in range(repeats)]
    if progress:
        from tqdm.auto import tqdm

        steps = tqdm(steps, desc="train and test")
    for i, r in steps:
        per_class = sizes[i] // 2
        pick = np.concatenate(
            [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in (0, 1)]
        )
        small_x, small_y = [texts[j] for j in pick], labels[pick]
        plain[i, r] = NaiveBayes().fit(small_x, small_y).score(*test)
        big_x, big_y = list(small_x), list(small_y)
        for k, (text, label) in enumerate(zip(small_x, small_y, strict=True)):
            made = augmenter(text, 1000 * r + k)
            big_x += made
            big_y += [label] * len(made)
        augmented[i, r] = NaiveBayes().fit(big_x, big_y).score(*test)
    return {
        "sizes": np.asarray(sizes),
        "plain": plain.mean(axis=1),
        "augmented": augmented.mean(axis=1),
        "plain_std": plain.std(axis=1),
        "augmented_std": augmented.std(axis=1),
    }
