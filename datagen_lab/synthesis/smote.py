"""SMOTE-style oversampling: new minority samples on segments between nearest neighbours.

SMOTE (Chawla et al., 2002) picks a minority sample x_i, one of its k nearest minority
neighbours x_j and u ~ U(0, 1), and adds x_i + u (x_j - x_i). Every new point lies on a
segment between two real ones. Plus the small tools the lesson's experiment needs (PCA and a
softmax classifier in NumPy), so the lesson runs without TensorFlow: those are in
:mod:`datagen_lab.synthesis.pca_softmax` and importable from here as before.
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
from datagen_lab.i18n import display_width, padded, t
from datagen_lab.synthesis.pca_softmax import (  # noqa: F401 (re-exported)
    PCA,
    _check_labels,
    _check_matrix,
    _check_pair,
    evaluate_softmax,
    fit_pca,
    recall_per_class,
    train_softmax,
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
    X: np.ndarray,
    y: np.ndarray,
    minority: int | None = None,
    target: int | None = None,
    method: str = "smote",
    k: int = 5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
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


def results_table(results: dict[str, dict[str, float]], minority: int) -> str:
    """The scores of :func:`evaluate_softmax` per training set as a fixed-width text table
    (headers and set names in the course language; a column widens for a longer header)."""
    if not isinstance(results, dict) or not results:
        raise InputError("results", results, "a dict {training set: evaluate_softmax scores}")
    minority = check_int(minority, "minority", low=0)
    balanced = t("balanced accuracy")
    balanced = "balanced" if balanced == "balanced accuracy" else balanced  # English abbreviates
    labels = [
        t("training set"),
        t("accuracy"),
        balanced,
        t("recall {digit}", digit=minority),
        t("precision {digit}", digit=minority),
    ]
    widths = [
        max(w, display_width(label)) for w, label in zip((14, 9, 9, 9, 12), labels, strict=True)
    ]
    lines = [" ".join(padded(label, w, ">") for label, w in zip(labels, widths, strict=True))]
    keys = ("accuracy", "balanced accuracy", "recall", "precision")
    for name, scores in results.items():
        cells = [f"{scores[k]:.3f}".rjust(w) for k, w in zip(keys, widths[1:], strict=True)]
        lines.append(" ".join([padded(t(name), widths[0], ">"), *cells]))
    return "\n".join(lines)


def class_counts(y: np.ndarray) -> dict[int, int]:
    """{class: count}, classes in increasing order. ``y``: (N,) integer labels (whole floats too)."""
    values, counts = np.unique(_check_labels(y, "y", min_size=0), return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


def distance_to_nearest(points: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """(M,) Euclidean distance from each row of ``points`` to its nearest row of ``reference``.

    A copy of a reference row is at distance 0; SMOTE samples lie between reference rows.
    """
    points, reference = _check_matrix(points, "points"), _check_matrix(reference, "reference")
    if points.shape[1] != reference.shape[1]:
        raise InputError(
            "reference", reference, f"rows with the {points.shape[1]} columns of points"
        )
    d2 = np.sum((points[:, None, :] - reference[None, :, :]) ** 2, axis=-1)
    return np.sqrt(d2.min(axis=1))


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
