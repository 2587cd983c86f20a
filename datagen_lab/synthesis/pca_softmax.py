"""The small NumPy models the SMOTE experiment needs, so the lesson runs without TensorFlow:
:class:`PCA` (:func:`fit_pca`), a softmax classifier (:func:`train_softmax`,
:func:`evaluate_softmax`) and :func:`recall_per_class`; and the checks of samples and labels they
share with :mod:`datagen_lab.synthesis.smote`, which re-exports everything public here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)


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
    X: np.ndarray,
    y: np.ndarray,
    num_classes: int = 10,
    steps: int = 300,
    lr: float = 0.5,
    l2: float = 1e-3,
    batch_size: int = 512,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
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
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    minority: int,
    steps: int = 300,
    num_classes: int = 10,
) -> dict[str, float]:
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
