"""SMOTE-style oversampling: new minority samples on segments between nearest neighbours.

SMOTE (Chawla et al., 2002) picks a minority sample x_i, one of its k nearest minority
neighbours x_j and u ~ U(0, 1), and adds x_i + u (x_j - x_i). Every new point lies on a
segment between two real ones. Plus the small tools the lesson's experiment needs (PCA and a
softmax classifier in NumPy), so the lesson runs without TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
    if not 1 <= k < len(X):
        raise ValueError(f"k must be between 1 and N - 1 = {len(X) - 1}; got {k}.")
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
    X = _check_matrix(X_minority)
    if len(X) < 2:
        raise ValueError(
            f"SMOTE needs at least 2 minority samples to interpolate between; got {len(X)}."
        )
    if n_new < 0:
        raise ValueError(f"n_new must be >= 0; got {n_new}.")
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
    X, y = _check_matrix(X), np.asarray(y)
    if y.shape != (len(X),):
        raise ValueError(f"y must be (N,) = ({len(X)},); got {y.shape}.")
    counts = class_counts(y)
    minority = min(counts, key=counts.get) if minority is None else minority
    if minority not in counts:
        raise ValueError(f"Class {minority} does not occur in y (classes: {sorted(counts)}).")
    target = max(counts.values()) if target is None else int(target)
    members = X[y == minority]
    n_new = max(0, target - len(members))
    if method == "smote":
        new = smote(members, n_new, k, seed).samples
    elif method == "duplicate":
        new = members[np.random.default_rng(seed).integers(0, len(members), size=n_new)]
    else:
        raise ValueError(f"method must be 'smote' or 'duplicate'; got {method!r}.")
    return np.vstack([X, new]), np.concatenate([y, np.full(n_new, minority, dtype=y.dtype)])


def class_counts(y: np.ndarray) -> dict[int, int]:
    """{class: count}, classes in increasing order."""
    values, counts = np.unique(np.asarray(y), return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


def imbalanced_blobs(
    n_major: int = 300, n_minor: int = 15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D toy set: a large class 0 cloud and a small, curved class 1 (a crescent) beside it."""
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
        return (np.asarray(X, np.float64) - self.mean) @ self.components.T

    def inverse(self, Z: np.ndarray) -> np.ndarray:
        return np.asarray(Z, np.float64) @ self.components + self.mean


def fit_pca(X: np.ndarray, n_components: int, seed: int = 0) -> PCA:
    """PCA of (N, D) rows: the top eigenvectors of their D x D covariance (NumPy only).

    A randomized subspace iteration (Halko et al., 2011) finds the top ``n_components`` without
    a full eigendecomposition, which on 784 pixels is several times slower.
    """
    X = _check_matrix(X)
    if not 1 <= n_components <= X.shape[1]:
        raise ValueError(f"n_components must be 1 to {X.shape[1]}; got {n_components}.")
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
    Y = np.eye(num_classes, dtype=np.float32)[np.asarray(y)]
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
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
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
    (X, y), (X_test, y_test) = train, test
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
    p, a, b = (np.asarray(v, np.float64) for v in (points, a, b))
    d = b - a
    u = np.sum((p - a) * d, axis=1) / np.maximum(np.sum(d * d, axis=1), 1e-300)
    closest = a + np.clip(u, 0, 1)[:, None] * d
    return np.linalg.norm(p - closest, axis=1) <= atol * (1 + np.linalg.norm(d, axis=1))


def _check_matrix(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"Expected a non-empty (N, D) array of samples; got shape {X.shape}.")
    return X
