"""Synthetic data from a differentially private summary: a noisy 2-D histogram, then sampling.

1. Count the private points in a grid of ``bins x bins`` cells over fixed, *public* bounds (the
   bounds must not come from the data, or they would leak it).
2. Add Laplace noise of scale ``1 / epsilon`` to every count (one person changes one count by 1:
   the Laplace mechanism, (epsilon, 0)-DP for the whole histogram).
3. Post-processing, which costs no privacy: negative counts become 0, the rest is normalised
   into probabilities; synthetic points pick a cell by those probabilities and a uniform position
   inside it.

Checks: *fidelity* (total-variation distance between the synthetic and held-out real points on a
coarse grid: 0 = same distribution, 1 = disjoint) and the *nearest-neighbour leak* (the share of
synthetic points that lie closer to a training point than to any of as many held-out points:
0.5 = the generator did not copy its training set).
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_positive_int
from datagen_lab.i18n import display_width, padded, t
from datagen_lab.privacy.mechanisms import check_epsilon, check_rng

BOUNDS = ((-1.5, 2.5), (-1.0, 1.5))  # public bounds of the two-moons data: (x range, y range)


def two_moons(n: int, rng: np.random.Generator, noise: float = 0.1) -> np.ndarray:
    """``n`` points of the two-moons set (two interleaved half circles), (n, 2) float64."""
    n = check_positive_int(n, "n", "points")
    rng = check_rng(rng)
    angle = rng.uniform(0, np.pi, n)
    upper = rng.random(n) < 0.5
    x = np.where(upper, np.cos(angle), 1 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    points = np.stack([x, y], axis=1) + rng.normal(0, noise, (n, 2))
    low, high = np.array(BOUNDS).T
    return np.clip(points, low, high - 1e-9)


def histogram(points, bins: int, epsilon: float | None, rng: np.random.Generator) -> np.ndarray:
    """Counts of ``points`` on a ``bins x bins`` grid over :data:`BOUNDS`, with Laplace noise.

    Args:
        points: (N, 2) finite points (outside the bounds: clipped onto the edge cells).
        bins: cells per axis, >= 1.
        epsilon: privacy loss > 0, or None for the exact (non-private) counts.
        rng: a NumPy Generator (the noise).

    Returns:
        (bins, bins) float64 counts, x along axis 0.
    """
    points = _points(points, "points")
    bins = check_int(bins, "bins", low=1, high=1024, what="cells per axis")
    rng = check_rng(rng)
    (x_low, x_high), (y_low, y_high) = BOUNDS
    counts, _, _ = np.histogram2d(
        np.clip(points[:, 0], x_low, x_high),
        np.clip(points[:, 1], y_low, y_high),
        bins=bins,
        range=BOUNDS,
    )
    if epsilon is None:
        return counts
    return counts + rng.laplace(0.0, 1.0 / check_epsilon(epsilon), counts.shape)


def sample_histogram(counts, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` synthetic points from (noisy) counts: negatives to 0, a cell by weight, uniform inside.

    Returns:
        (n, 2) float64 points within :data:`BOUNDS`.
    """
    counts = check_array(counts, "counts", ndim=2, kinds="iuf", what="histogram counts")
    if counts.shape[0] != counts.shape[1]:
        raise InputError("counts", counts, "a square (bins, bins) histogram")
    n = check_positive_int(n, "n", "synthetic points")
    rng = check_rng(rng)
    weights = np.clip(counts, 0, None).ravel()
    if weights.sum() <= 0:
        weights = np.ones_like(weights)  # all noise came out negative: nothing better than uniform
    cells = rng.choice(weights.size, size=n, p=weights / weights.sum())
    bins = counts.shape[0]
    (x_low, x_high), (y_low, y_high) = BOUNDS
    ix, iy = np.divmod(cells, bins)
    x = x_low + (ix + rng.random(n)) * (x_high - x_low) / bins
    y = y_low + (iy + rng.random(n)) * (y_high - y_low) / bins
    return np.stack([x, y], axis=1)


def fidelity_distance(synthetic, reference, bins: int = 8) -> float:
    """Total-variation distance between two point sets on a coarse ``bins x bins`` grid, in [0, 1]."""
    synthetic, reference = _points(synthetic, "synthetic"), _points(reference, "reference")
    rng = np.random.default_rng(0)  # unused: exact counts
    p = histogram(synthetic, bins, None, rng).ravel()
    q = histogram(reference, bins, None, rng).ravel()
    return float(0.5 * np.abs(p / p.sum() - q / q.sum()).sum())


def nearest_neighbour_leak(synthetic, train, holdout) -> dict[str, float]:
    """Do synthetic points sit on top of training points? Compared with held-out points.

    Args:
        synthetic: (M, 2) generated points; train: (N, 2) the generator's data; holdout: (N, 2)
            real points it never saw (the same N, so both sets are equally dense).

    Returns:
        ``{"closer_to_train": share of synthetic points nearer to a training point than to any
        held-out point (0.5: no sign of copying), "median_to_train", "median_to_holdout": median
        nearest-neighbour distances}``.
    """
    synthetic = _points(synthetic, "synthetic")
    train, holdout = _points(train, "train"), _points(holdout, "holdout")
    if len(train) != len(holdout):
        raise InputError("holdout", holdout, f"as many points as train ({len(train)})")
    from scipy.spatial import cKDTree

    to_train = cKDTree(train).query(synthetic)[0]
    to_holdout = cKDTree(holdout).query(synthetic)[0]
    return {
        "closer_to_train": float(np.mean(to_train < to_holdout)),
        "median_to_train": float(np.median(to_train)),
        "median_to_holdout": float(np.median(to_holdout)),
    }


def compare_synthesis(
    train, holdout, bins_list, epsilon: float, rng: np.random.Generator, n_synthetic: int = 2000
) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Non-private and DP histogram synthesis at each grid size: fidelity and leak, one row each.

    Returns:
        ``(rows, samples)``: rows ``{"name", "bins", "private", "epsilon", "fidelity_tv",
        "closer_to_train", "median_to_train", "median_to_holdout"}`` in the order
        bins x (non-private, DP), and the synthetic points of each row by name.
    """
    train, holdout = _points(train, "train"), _points(holdout, "holdout")
    epsilon = check_epsilon(epsilon)
    rows, samples = [], {}
    for bins in bins_list:
        for private in (False, True):
            counts = histogram(train, bins, epsilon if private else None, rng)
            synthetic = sample_histogram(counts, n_synthetic, rng)
            name = (
                t("{bins}x{bins} cells, DP ε = {epsilon:g}", bins=bins, epsilon=epsilon)
                if private
                else t("{bins}x{bins} cells, no DP", bins=bins)
            )
            samples[name] = synthetic
            rows.append(
                {
                    "name": name,
                    "bins": int(bins),
                    "private": private,
                    "epsilon": epsilon if private else float("inf"),
                    "fidelity_tv": fidelity_distance(synthetic, holdout),
                    **nearest_neighbour_leak(synthetic, train, holdout),
                }
            )
    return rows, samples


def synthesis_lines(rows: list[dict]) -> list[str]:
    """One line per row of :func:`compare_synthesis` (fidelity and the leak check), in the
    course's language."""
    if not rows or not all(isinstance(r, dict) and "fidelity_tv" in r for r in rows):
        raise InputError("rows", rows, "the rows of datagen_lab.privacy.compare_synthesis")
    width = max(26, *(display_width(row["name"]) for row in rows))
    return [
        t(
            "{name}: fidelity TV {tv:.3f} | closer to train {closer:.3f}"
            " | median distance to train {to_train:.3f}, to held-out {to_holdout:.3f}",
            name=padded(row["name"], width, ">"),
            tv=row["fidelity_tv"],
            closer=row["closer_to_train"],
            to_train=row["median_to_train"],
            to_holdout=row["median_to_holdout"],
        )
        for row in rows
    ]


def _points(points, name: str) -> np.ndarray:
    return check_array(points, name, shape=(None, 2), kinds="iuf", what="2-D points").astype(float)
