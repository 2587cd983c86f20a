"""A tiny sentiment classifier (multinomial naive Bayes in NumPy) to judge text augmentations.

An augmentation is only useful for training if the new text keeps the old label. We cannot ask
a person about every variant, so we ask a classifier trained on the originals: does it still
predict the same label? :func:`label_preservation` measures that together with how many words
changed, and :func:`augmentation_gain` checks whether EDA helps when training data is scarce.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import padded, t
from datagen_lab.text.diff import change_share
from datagen_lab.text.tokens import PUNCT, split


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` (the classifier's features), punctuation dropped."""
    if not isinstance(text, str):
        raise InputError("text", text, "a str")
    tokens = split(text)
    return [t.lower() for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]


class NaiveBayes:
    r"""Multinomial naive Bayes on word counts with add-$\alpha$ (Laplace) smoothing.

    $\log P(c \mid x) = \log P(c) + \sum_w x_w \log P(w \mid c) + \text{const}$, with
    $P(w \mid c) = (N_{wc} + \alpha) / (N_c + \alpha |V|)$. Words never seen in training are ignored.
    """

    def __init__(self, smoothing: float = 1.0):
        checks.check_number(smoothing, "smoothing", low=0.0, low_open=True, what="add-alpha")
        self.smoothing = smoothing
        self.vocabulary: dict[str, int] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[int]) -> NaiveBayes:
        """Learn word counts per class. ``labels``: ints in [0, classes). Returns self.

        A second ``fit`` starts afresh (the vocabulary of the first is forgotten).
        """
        texts = check_texts(texts, "texts")
        labels = _check_labels(labels, len(texts))
        self.vocabulary = {}
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
        self._check_fitted()
        texts = check_texts(texts, "texts")
        scores = self._counts(texts) @ self.log_likelihood_.T + self.log_prior_
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) int64 predicted labels."""
        self._check_fitted()
        return self.classes_[np.argmax(self.predict_proba(texts), axis=1)]

    def score(self, texts: Sequence[str], labels: Sequence[int]) -> float:
        """Accuracy in [0, 1]."""
        texts = check_texts(texts, "texts")
        labels = _check_labels(labels, len(texts))
        return float(np.mean(self.predict(texts) == labels))

    def top_words(self, k: int = 8) -> dict[int, list[str]]:
        """The ``k`` words that most favour each class over the others (largest log-likelihood ratio).

        Many words share a ratio exactly (all words seen once, in one class), and float sums of
        equal terms can differ in the last bits from one CPU's vector code to another's. So the
        ratio is computed once per distinct count pattern (equal patterns get bit-equal ratios),
        rounded to 9 decimals, and ties are broken alphabetically: the same words on every machine.
        """
        self._check_fitted()
        k = checks.check_positive_int(k, "k", what="words per class")
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

    def _check_fitted(self) -> None:
        if not hasattr(self, "log_likelihood_"):
            raise InputError(
                "self",
                self,
                "a fitted classifier",
                "Call fit(texts, labels) first.",
                got_text="a NaiveBayes not fitted yet",
            )

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
        changed: (A,) mean share of words changed (:func:`datagen_lab.text.diff.change_share`).
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
        operation: e.g. :func:`datagen_lab.text.augment.random_deletion`.
        alphas: strengths in [0, 1].
        variants: variants per sentence and strength (seeds ``seed .. seed + variants - 1``).

    Returns:
        A :class:`Preservation` with one entry per alpha.
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
        ``{"sizes", "plain", "augmented", "plain_std", "augmented_std", "wins"}``, arrays of
        shape (S,). Both models of one draw see the same sentences, so ``wins``, the share of
        draws in which the augmented model scored higher than the plain one, compares them pair
        by pair (the standard deviations also include how much the draws differ from each other).
    """
    texts, labels = _check_split(train, "train")
    _check_split(test, "test")
    sizes = checks.check_array(sizes, "sizes", ndim=1, kinds="iu", low=2, what="training-set sizes")
    for c in (0, 1):
        available = int((labels == c).sum())
        if sizes.max() // 2 > available:
            raise InputError(
                "sizes", sizes, f"sizes up to {2 * available} (train has {available} of class {c})"
            )
    checks.check_callable(augmenter, "augmenter", "a function augmenter(text, seed) -> list")
    repeats = checks.check_positive_int(repeats, "repeats")
    seed = checks.check_seed(seed)
    if not isinstance(progress, bool):
        raise InputError("progress", progress, "True or False")
    rng = np.random.default_rng(seed)
    plain = np.zeros((len(sizes), repeats))
    augmented = np.zeros_like(plain)
    steps = [(i, r) for i in range(len(sizes)) for r in range(repeats)]
    if progress:
        from tqdm.auto import tqdm

        steps = tqdm(steps, desc=t("train and test"))
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
        "wins": (augmented > plain).mean(axis=1),
    }


def check_texts(texts: object, name: str = "texts") -> list[str]:
    """``texts`` as a non-empty list of str, else InputError (one str is refused: not a list)."""
    expected = "a non-empty list of str"
    if isinstance(texts, str | bytes) or not isinstance(texts, Iterable):
        raise InputError(name, texts, expected)
    listed = list(texts)
    if not listed:
        raise InputError(name, texts, expected, got_text="an empty list")
    bad = next((i for i, text in enumerate(listed) if not isinstance(text, str)), None)
    if bad is not None:
        raise InputError(name, texts, expected, got_text=f"{listed[bad]!r:.40} at index {bad}")
    return listed


def _check_labels(labels: object, count: int) -> np.ndarray:
    """Integer class labels >= 0, one per text."""
    array = checks.check_array(labels, "labels", ndim=1, kinds="iu", low=0, what="class ids")
    if len(array) != count:
        raise InputError(
            "labels", labels, f"one label per text ({count})", got_text=f"{len(array)} labels"
        )
    return array.astype(np.int64)


def _check_split(pair: object, name: str) -> tuple[list[str], np.ndarray]:
    """A ``(texts, labels)`` pair with labels 0 and 1, one per text."""
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise InputError(name, pair, "a pair (texts, labels)")
    texts = check_texts(pair[0], f"{name}[0]")
    try:
        labels = _check_labels(pair[1], len(texts))
    except InputError as error:
        raise InputError(f"{name}[1]", pair[1], error.expected, got_text=error.got) from None
    if not set(np.unique(labels)) <= {0, 1}:
        raise InputError(f"{name}[1]", labels, "labels 0 (negative) and 1 (positive)")
    return texts, labels


def preservation_table(results: Sequence[Preservation]) -> str:
    """The share of predictions each operation keeps at each strength, one line per operation.

    Columns are the strengths of the first result (all results must share them); in Chinese
    (``DATAGEN_LAB_LANG=zh``) the labels are translated and padded to the same display width.
    """
    results = list(results)
    if not results or not all(isinstance(r, Preservation) for r in results):
        raise InputError("results", results, "a non-empty list of Preservation results")
    alphas = [float(a) for a in results[0].alphas]
    if any([float(a) for a in r.alphas] != alphas for r in results):
        raise InputError("results", results, "results for the same strengths")
    header = f"{padded(t('operation'), 10, '>')} " + " ".join(f"α={a:<4}" for a in alphas)
    kept = t("(prediction kept)")
    rows = [f"{r.op:>10} " + " ".join(f"{k:6.0%}" for k in r.kept) + f"  {kept}" for r in results]
    return "\n".join([header, *rows])


def gain_table(gain: Mapping[str, np.ndarray]) -> str:
    """:func:`augmentation_gain`'s means, one line per training-set size."""
    lines = []
    for size, plain, augmented, wins in zip(
        *(gain[k] for k in ("sizes", "plain", "augmented", "wins")), strict=True
    ):
        lines.append(
            t(
                "{size:4d} sentences: {plain:.1%} -> {augmented:.1%} with EDA, gain {gain:+.1f} "
                "points, EDA higher in {wins:.0%} of draws",
                size=int(size),
                plain=plain,
                augmented=augmented,
                gain=100 * (augmented - plain),
                wins=wins,
            )
        )
    return "\n".join(lines)
