"""SMOTE-style oversampling: new minority samples on segments between nearest neighbours.

SMOTE (Chawla et al., 2002) picks a minority sample x_i, one of its k nearest minority
neighbours x_j and u ~ U(0, 1), and adds x_i + u (x_j - x_i). Every new point lies on a
segment between two real ones. Plus the small tools the lesson's experiment needs (PCA and a
softmax classifier in NumPy), so the lesson runs without TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)


@dataclass(frozen=True)
class SmoteResult:
    """New samples and their provenance: ``samples[m] = X[base[m]] + gap[m] * (X[neighbour[m]] - X[base[m]])``."""

    samples: np.ndarray
    base: np.ndarray
    neighbour: np.ndarray
    gap: np.ndarray


def nearest_neighbours(X: np.ndarray, k: int) -> np.ndarray:
    """(N, k) indices of each row's k nearest other rows (Euclidean), nearest first."""
    X = _check_matrix(X)
    if len(X) < 2:
        raise InputError("X", X, "at least 2 rows (a row's neighbours are the other rows)")
    k = check_int(
        k, "k", low=1, high=len(X) - 1, what=f"k must be between 1 and N - 1 = {len(X) - 1}"
    )
    sq = np.sum(X**2, axis=1)
    d2 = sq[:, None] + sq[None, :] - 2 * X @ X.T
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


def smote(X_minority: np.ndarray, n_new: int, k: int = 5, seed: int = 0) -> SmoteResult:
    """``n_new`` synthetic samples interpolated between minority samples and their neighbours.

    Args:
        X_minority: (N, D) samples of the minority class, N >= 2.
        n_new: how many to make.
        k: neighbours to choose from (reduced to N - 1 when the class is smaller).

    Returns:
        A :class:`SmoteResult`: samples (n_new, D) float64 plus base/neighbour indices and gaps.
    """
    X = _check_matrix(X_minority, "X_minority")
    if len(X) < 2:
        raise InputError(
            "X_minority",
            X,
            "at least 2 minority samples to interpolate between (SMOTE needs at least 2 minority samples)",
            got_text=f"{len(X)}",
        )
    n_new = check_int(n_new, "n_new", low=0)
    k = check_positive_int(
        k, "k", "neighbours to choose from; reduced to N - 1 for a smaller class"
    )
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    neighbours = nearest_neighbours(X, min(k, len(X) - 1))
    base = rng.integers(0, len(X), size=n_new)
    neighbour = neighbours[base, rng.integers(0, neighbours.shape[1], size=n_new)]
    gap = rng.random(n_new)
    samples = X[base] + gap[:, None] * (X[neighbour] - X[base])
    return SmoteResult(samples, base, neighbour, gap)


def oversample(
    X: np.ndarray, y: np.ndarray, minority: int | None = None, target: int | None = None,
    method: str = "smote", k: int = 5, seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Add samples of one class until it has ``target`` members.

    Args:
        X: (N, D) features; y: (N,) integer labels.
        minority: the class to grow (default: the rarest); target: its new count (default: the
            count of the commonest class).
        method: "smote" (interpolate between neighbours) or "duplicate" (copy random members).

    Returns:
        (X_new, y_new): the originals followed by the new samples.
    """
    X = _check_matrix(X)
    y = _check_labels(y, "y")
    if y.shape != (len(X),):
        raise InputError("y", y, f"one label per row of X: shape ({len(X)},)")
    method = check_choice(method, "method", ("smote", "duplicate"))
    seed = check_seed(seed)
    counts = class_counts(y)
    if minority is None:
        minority = min(counts, key=counts.get)
    elif isinstance(minority, bool) or not isinstance(minority, int | np.integer | float):
        raise InputError("minority", minority, f"one of the classes in y: {sorted(counts)}")
    if minority not in counts:
        raise InputError(
            "minority",
            minority,
            f"one of the classes in y: {sorted(counts)}",
            got_text=f"class {minority!r}, which does not occur in y",
        )
    target = max(counts.values()) if target is None else check_int(target, "target", low=0)
    if method == "smote" and counts[minority] < 2 and target > counts[minority]:
        raise InputError(
            "minority",
            minority,
            "a class with at least 2 samples for SMOTE (or method='duplicate')",
            got_text=f"class {minority!r} with {counts[minority]} sample",
        )
    members = X[y == minority]
    n_new = max(0, target - len(members))
    if method == "smote":
        new = smote(members, n_new, k, seed).samples
    else:
        new = members[np.random.default_rng(seed).integers(0, len(members), size=n_new)]
    return np.vstack([X, new]), np.concatenate([y, np.full(n_new, minority, dtype=y.dtype)])


def class_counts(y: np.ndarray) -> dict[int, int]:
    """{class: count}, classes in increasing order. ``y``: (N,) integer labels (whole floats too)."""
    values, counts = np.unique(_check_labels(y, "y", min_size=0), return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


def imbalanced_blobs(
    n_major: int = 300, n_minor: int = 15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D toy set: a large class 0 cloud and a small, curved class 1 (a crescent) beside it."""
    n_major = check_positive_int(n_major, "n_major")
    n_minor = check_positive_int(n_minor, "n_minor")
    rng = np.random.default_rng(seed)
    major = rng.normal([0.0, 0.0], [1.0, 0.8], size=(n_major, 2))
    angle = rng.uniform(-0.9, 0.9, n_minor)
    minor = np.c_[2.6 * np.cos(angle) + 0.6, 2.6 * np.sin(angle)] + rng.normal(
        0, 0.15, (n_minor, 2)
    )
    return np.vstack([major, minor]), np.r_[np.zeros(n_major, int), np.ones(n_minor, int)]


@dataclass(frozen=True)
class PCA:
    """Principal components: ``transform`` projects rows, ``inverse`` maps codes back."""

    mean: np.ndarray
    components: np.ndarray  # (n_components, D), orthonormal rows
    explained: np.ndarray  # fraction of the variance each component explains

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Rows (N, D) -> codes (N, n_components) float64."""
        X = check_array(X, "X", ndim=(1, 2), kinds="biuf", what="rows of the fitted width")
        if X.shape[-1] != self.components.shape[1]:
            raise InputError("X", X, f"rows of {self.components.shape[1]} features, as fitted")
        return (np.asarray(X, np.float64) - self.mean) @ self.components.T

    def inverse(self, Z: np.ndarray) -> np.ndarray:
        """Codes (N, n_components) -> rows (N, D) float64."""
        Z = check_array(Z, "Z", ndim=(1, 2), kinds="biuf", what="codes")
        if Z.shape[-1] != self.components.shape[0]:
            raise InputError("Z", Z, f"codes of {self.components.shape[0]} components")
        return np.asarray(Z, np.float64) @ self.components + self.mean


def fit_pca(X: np.ndarray, n_components: int, seed: int = 0) -> PCA:
    """PCA of (N, D) rows: the top eigenvectors of their D x D covariance (NumPy only).

    A randomized subspace iteration (Halko et al., 2011) finds the top ``n_components`` without
    a full eigendecomposition, which on 784 pixels is several times slower.
    """
    X = _check_matrix(X)
    n_components = check_int(n_components, "n_components", low=1, high=X.shape[1])
    seed = check_seed(seed)
    if len(X) < 2 or not np.ptp(X, axis=0).any():
        raise InputError("X", X, "at least 2 different rows (PCA needs some variance)")
    mean = X.mean(axis=0)
    centred = (X - mean).astype(np.float32)  # float32 halves the cost of the D x D product
    cov = (centred.T @ centred).astype(np.float64) / max(1, len(X) - 1)
    width = min(X.shape[1], n_components + 10)
    basis = np.random.default_rng(seed).normal(size=(X.shape[1], width))
    for _ in range(4):  # power iterations sharpen the top of the spectrum
        basis, _ = np.linalg.qr(cov @ basis)
    values, small = np.linalg.eigh(basis.T @ cov @ basis)
    order = np.argsort(values)[::-1][:n_components]
    components = (basis @ small[:, order]).T
    components *= np.sign(components[np.arange(len(order)), np.abs(components).argmax(axis=1)])[
        :, None
    ]
    return PCA(mean, components, values[order] / np.trace(cov))


def train_softmax(
    X: np.ndarray, y: np.ndarray, num_classes: int = 10, steps: int = 300, lr: float = 0.5,
    l2: float = 1e-3, batch_size: int = 512, seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Multinomial logistic regression by mini-batch gradient descent on cross-entropy.

    Args:
        X: (N, D) features (standardise them first); y: (N,) integer labels.
        steps: mini-batch updates; batches walk through a fresh permutation each epoch.

    Returns:
        (W, b): (D, C) weights and (C,) biases; predict with ``(X @ W + b).argmax(1)``.
    """
    X = _check_matrix(X).astype(np.float32)
    num_classes = check_positive_int(num_classes, "num_classes")
    y = _check_labels(y, "y", num_classes=num_classes).astype(np.int64)
    if y.shape != (len(X),):
        raise InputError("y", y, f"one label per row of X: shape ({len(X)},)")
    steps = check_int(steps, "steps", low=0)
    lr = check_number(lr, "lr", low=0, low_open=True, what="a learning rate")
    l2 = check_number(l2, "l2", low=0)
    batch_size = check_positive_int(batch_size, "batch_size")
    seed = check_seed(seed)
    Y = np.eye(num_classes, dtype=np.float32)[y]
    W, b = np.zeros((X.shape[1], num_classes), np.float32), np.zeros(num_classes, np.float32)
    rng = np.random.default_rng(seed)
    order, position = rng.permutation(len(X)), 0
    for _ in range(int(steps)):
        if position >= len(X):
            order, position = rng.permutation(len(X)), 0
        batch = order[position : position + batch_size]
        position += batch_size
        logits = X[batch] @ W + b
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - Y[batch]) / len(batch)
        W -= lr * (X[batch].T @ grad + l2 * W)
        b -= lr * grad.sum(axis=0)
    return W, b


def recall_per_class(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """(C,) fraction of each class's samples predicted as that class (NaN for absent classes)."""
    num_classes = check_positive_int(num_classes, "num_classes")
    y_true = _check_labels(y_true, "y_true", num_classes=num_classes).astype(np.int64)
    y_pred = _check_labels(y_pred, "y_pred", num_classes=num_classes).astype(np.int64)
    if y_pred.shape != y_true.shape:
        raise InputError("y_pred", y_pred, f"one prediction per label: shape {y_true.shape}")
    hits = np.bincount(y_true[y_true == y_pred], minlength=num_classes)
    totals = np.bincount(y_true, minlength=num_classes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return hits / totals


def evaluate_softmax(
    train: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray], minority: int,
    steps: int = 300, num_classes: int = 10,
) -> dict[str, float]:  # fmt: skip
    """Train :func:`train_softmax` on ``train`` = (X, y), score it on ``test``.

    Features are divided by the training set's standard deviation first.

    Returns:
        {"accuracy", "balanced accuracy", "recall", "precision"}: the last two for ``minority``.
    """
    (X, y), (X_test, y_test) = _check_pair(train, "train"), _check_pair(test, "test")
    num_classes = check_positive_int(num_classes, "num_classes")
    X_test = _check_matrix(X_test, "test")
    y_test = _check_labels(y_test, "test", num_classes=num_classes)
    if X_test.shape[1] != _check_matrix(X, "train").shape[1] or len(y_test) != len(X_test):
        raise InputError(
            "test", test, f"(X_test, y_test) with {np.shape(X)[1]} features and one label per row"
        )
    minority = check_int(minority, "minority", low=0, high=num_classes - 1)
    if not np.any(y_test == minority):
        raise InputError(
            "minority", minority, "a class that occurs in the test labels (its recall is measured)"
        )
    scale = np.maximum(np.asarray(X).std(axis=0), 1e-12)
    W, b = train_softmax(X / scale, y, num_classes, steps)
    predicted = (np.asarray(X_test) / scale @ W + b).argmax(axis=1)
    flagged = predicted == minority
    return {
        "accuracy": float(np.mean(predicted == y_test)),
        "balanced accuracy": float(np.nanmean(recall_per_class(y_test, predicted, num_classes))),
        "recall": float(np.mean(predicted[y_test == minority] == minority)),
        "precision": float(np.mean(y_test[flagged] == minority)) if flagged.any() else float("nan"),
    }


def on_segment(points: np.ndarray, a: np.ndarray, b: np.ndarray, atol: float = 1e-9) -> np.ndarray:
    """(M,) bool: whether each point lies on the segment between the matching rows of a and b."""
    p, a, b = (
        check_array(v, name, ndim=2, kinds="iuf", what="(M, D) rows").astype(np.float64)
        for v, name in ((points, "points"), (a, "a"), (b, "b"))
    )
    for name, other in (("a", a), ("b", b)):
        if other.shape != p.shape:
            raise InputError(name, other, f"rows matching points, shape {p.shape}")
    atol = check_number(atol, "atol", low=0)
    d = b - a
    u = np.sum((p - a) * d, axis=1) / np.maximum(np.sum(d * d, axis=1), 1e-300)
    closest = a + np.clip(u, 0, 1)[:, None] * d
    return np.linalg.norm(p - closest, axis=1) <= atol * (1 + np.linalg.norm(d, axis=1))


def _check_matrix(X, name: str = "X") -> np.ndarray:
    """A non-empty, finite (N, D) float64 array of samples."""
    array = check_array(X, name, ndim=2, kinds="biuf", what="a non-empty (N, D) array of samples")
    if array.shape[1] == 0:
        raise InputError(name, array, "a non-empty (N, D) array of samples with D >= 1")
    return array.astype(np.float64)


def _check_labels(y, name: str, min_size: int = 1, num_classes: int | None = None) -> np.ndarray:
    """1-D class labels: integers, or floats that are whole numbers; within [0, num_classes)."""
    labels = check_array(y, name, ndim=1, kinds="iuf", min_size=min_size, what="integer labels")
    if labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
        raise InputError(name, labels, "integer labels (class numbers), not fractions")
    if (
        num_classes is not None
        and labels.size
        and (labels.min() < 0 or labels.max() >= num_classes)
    ):
        raise InputError(name, labels, f"class numbers in [0, {num_classes})")
    return labels


def _check_pair(value, name: str) -> tuple:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise InputError(name, value, "a pair (X, y) of features (N, D) and labels (N,)")
    return tuple(value)
