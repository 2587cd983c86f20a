"""Grouping digits without their labels: k-means, for the self-conditioned GAN (lesson 4, §8).

:func:`cluster_digits` runs Lloyd's k-means (k-means++ seeding, then "assign each digit to the
nearest centre, move each centre to the mean of its digits" until nothing moves) on raw pixels, or
on any features the learner chooses. :func:`plot_clusters` shows each cluster's mean and members.

The arithmetic is exact: pixels are integers, a centre is kept as the integer sum of its members
and their count, and the distances are compared as ratios of exact integers. Floating-point sums
round differently on different CPUs (the order in which vector units add), and a digit halfway
between two centres could then change cluster from one laptop to the next; here the clusters are
the same on every machine. Float features are first rounded to 1/1000 of their range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_seed
from datagen_lab.i18n import t

FEATURE_STEPS = 1000  # float features are rounded to this many steps of their range
MAX_ITERATIONS = 100


@dataclass(frozen=True)
class Clusters:
    """The result of :func:`cluster_digits`.

    Attributes:
        labels: int32 (N,) the cluster of each digit, in [0, k); cluster 0 is the largest (ties:
            the cluster whose first member comes first).
        sizes: int64 (k,) digits per cluster, in decreasing order.
        centers: float32 (k, D) each cluster's mean, in the units of what was clustered (pixels:
            0-255, so ``centers.reshape(-1, 28, 28)`` are the clusters' mean digits).
        iterations: assignment rounds run; converged: True when the last round moved no digit.
    """

    labels: np.ndarray
    sizes: np.ndarray
    centers: np.ndarray
    iterations: int
    converged: bool

    @property
    def k(self) -> int:
        """The number of clusters."""
        return len(self.sizes)

    @property
    def frequencies(self) -> np.ndarray:
        """Each cluster's share of the digits, float64 (k,) summing to 1."""
        return self.sizes / self.sizes.sum()

    def summary(self) -> str:
        """One line: k, the sizes, and whether k-means converged."""
        template = (
            "{k} clusters of {n} digits, sizes {sizes} (converged after {rounds} rounds)"
            if self.converged
            else "{k} clusters of {n} digits, sizes {sizes} (stopped before converging after "
            "{rounds} rounds)"
        )
        return t(
            template,
            k=self.k,
            n=int(self.sizes.sum()),
            sizes=self.sizes.tolist(),
            rounds=self.iterations,
        )


def cluster_digits(
    images: np.ndarray,
    k: int = 10,
    seed: int = 0,
    features: np.ndarray | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> Clusters:
    """Group digits into ``k`` clusters by k-means, without looking at any label.

    Args:
        images: uint8 (N, 28, 28[, 1]) digits in [0, 255]; clustered on their 784 raw pixels
            unless ``features`` is given.
        k: number of clusters, 2 <= k <= N (and at most the number of distinct rows).
        seed: picks the k-means++ starting centres; same seed, same clusters (on any CPU).
        features: optional (N, D) numbers describing each digit (for example a PCA of the
            pixels); floats are rounded to 1/1000 of their range first.
        max_iterations: assignment rounds at most, >= 1.

    Returns:
        :class:`Clusters`, largest cluster first.
    """
    data = _integer_rows(images, features)
    n = len(data)
    k = check_int(k, "k", low=2, high=max(n, 2), what=f"clusters, from 2 to the {n} digits")
    if k > n:  # only reachable when n < 2
        raise InputError("k", k, f"at most the {n} digits")
    seed = check_seed(seed)
    max_iterations = check_int(max_iterations, "max_iterations", low=1)
    # floats keep integer products and sums exact below 2**53; BLAS may then add in any order
    exact = data.astype(np.float64)
    labels = _assign(exact, _seed_centres(data, k, np.random.default_rng(seed)))
    converged, rounds = False, 0
    while rounds < max_iterations and not converged:
        rounds += 1
        sums, counts = _sums(data, labels, k)
        new = _assign(exact, (sums, counts))
        converged = bool(np.array_equal(new, labels))
        labels = new
    return _ordered(data, labels, k, rounds, converged)


def plot_clusters(images: np.ndarray, clusters: Clusters, per_cluster: int = 8):
    """One row per cluster: its mean digit, then its first ``per_cluster`` members; returns the figure.

    Args:
        images: uint8 (N, 28, 28) the digits that were clustered (on their pixels).
        clusters: from :func:`cluster_digits` on these digits.
        per_cluster: members shown per row, >= 1.
    """
    import matplotlib.pyplot as plt

    images = np.asarray(images).reshape(len(images), 28, 28)
    _check_clusters(clusters, len(images))
    per_cluster = check_int(per_cluster, "per_cluster", low=1)
    fig, axes = plt.subplots(
        clusters.k, per_cluster + 1, figsize=(0.75 * (per_cluster + 1), 0.8 * clusters.k)
    )
    means = [images[clusters.labels == c].mean(axis=0) for c in range(clusters.k)]
    for c, row in enumerate(np.atleast_2d(axes)):
        members = np.flatnonzero(clusters.labels == c)[:per_cluster]
        shown = [means[c], *images[members]]
        for ax, picture in zip(row, shown + [None] * (len(row) - len(shown)), strict=True):
            ax.set_axis_off()
            if picture is not None:
                ax.imshow(picture, cmap="gray", vmin=0, vmax=255)
        row[0].set_title(f"{c}: {clusters.frequencies[c]:.0%}", fontsize=8, loc="left")
    fig.suptitle(t("clusters: the mean digit, then members"), fontsize=10)
    fig.tight_layout()
    return fig


def _integer_rows(images, features) -> np.ndarray:
    """The rows to cluster as int64 (N, D): pixels 0-255, or features rounded to 1/1000 of their range."""
    if features is None:
        pixels = check_array(
            images, "images", ndim=(3, 4), kinds="u", low=0, high=255, what="uint8 digits"
        )
        rows, top = pixels.reshape(len(pixels), -1).astype(np.int64), 255
    else:
        values = check_array(features, "features", ndim=2, kinds="biuf", what="one row per digit")
        if images is not None and len(np.asarray(images)) != len(values):
            raise InputError(
                "features",
                values,
                f"one row per digit ({len(np.asarray(images))})",
                got_text=f"{len(values)} rows",
            )
        values = values.astype(np.float64)
        low, span = values.min(), np.ptp(values)
        top = FEATURE_STEPS
        rows = np.rint((values - low) / (span or 1.0) * top).astype(np.int64)
    n, d = rows.shape
    if d * (top * n) ** 2 >= 2**61:  # the exact sums and products below would overflow
        raise InputError(
            "images" if features is None else "features",
            rows,
            "at most about 80,000 rows of 784 values (exact integer k-means)",
            got_text=f"{n} rows of {d} values",
        )
    return rows


def _seed_centres(data: np.ndarray, k: int, rng: np.random.Generator):
    """k-means++: each next centre is a digit drawn with probability proportional to its squared
    distance to the nearest centre so far; returns ``(sums, counts)`` of k one-digit clusters."""
    squares = (data * data).sum(axis=1)
    chosen = [int(rng.integers(len(data)))]
    nearest = squares - 2 * (data @ data[chosen[0]]) + squares[chosen[0]]
    while len(chosen) < k:
        total = nearest.sum()
        if total == 0:
            raise InputError("k", k, f"at most the number of distinct digits ({len(chosen)} here)")
        pick = int(rng.choice(len(data), p=nearest / total))
        chosen.append(pick)
        nearest = np.minimum(nearest, squares - 2 * (data @ data[pick]) + squares[pick])
    return data[chosen], np.ones(k, dtype=np.int64)


def _sums(data: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each cluster's member count (k,) and the integer sum of its members (k, D); empty
    clusters take the digit farthest from its own centre (the lowest index among equals)."""
    counts = np.bincount(labels, minlength=k).astype(np.int64)
    sums = np.stack([data[labels == c].sum(axis=0) for c in range(k)])
    while (counts == 0).any():
        empty = int(np.flatnonzero(counts == 0)[0])
        far = int(np.argmax(_own_distance(data, labels, sums, counts)))
        old = labels[far]
        sums[old] -= data[far]
        counts[old] -= 1
        sums[empty], counts[empty] = data[far], 1
        labels = labels.copy()
        labels[far] = empty
    return sums, counts


def _own_distance(data, labels, sums, counts) -> np.ndarray:
    """Each digit's squared distance to its own cluster's mean (float64, exact ratio, rounded)."""
    own_sums, own_counts = sums[labels], counts[labels]
    squares = (data * data).sum(axis=1)
    numerator = (
        own_counts**2 * squares
        - 2 * own_counts * (data * own_sums).sum(axis=1)
        + (own_sums * own_sums).sum(axis=1)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(own_counts > 0, numerator / own_counts.astype(np.float64) ** 2, -1.0)


def _assign(exact: np.ndarray, centres: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The nearest centre of every digit, int32 (N,); ties go to the lower cluster index.

    With S the integer sum and n the count of a cluster, |x - S/n|^2 - |x|^2 = (|S|^2 - 2n x.S) / n^2:
    an exact integer over an exact integer, divided once (correctly rounded on every CPU).
    """
    sums, counts = centres
    dots = np.rint(exact @ sums.T.astype(np.float64)).astype(np.int64)  # exact: integers < 2**53
    numerator = (sums * sums).sum(axis=1)[None, :] - 2 * counts[None, :] * dots
    return np.argmin(numerator / (counts.astype(np.float64) ** 2)[None, :], axis=1).astype(np.int32)


def _ordered(data, labels, k: int, rounds: int, converged: bool) -> Clusters:
    """Renumber clusters by size (largest first; ties: first member's index) and pack the result."""
    sizes = np.bincount(labels, minlength=k).astype(np.int64)
    first = np.array([np.flatnonzero(labels == c)[0] for c in range(k)])
    order = np.lexsort((first, -sizes))  # a total order: size, then first member
    rank = np.empty(k, dtype=np.int32)
    rank[order] = np.arange(k, dtype=np.int32)
    labels = rank[labels]
    sums = np.stack([data[labels == c].sum(axis=0) for c in range(k)])
    centers = (sums / sizes[order][:, None]).astype(np.float32)
    return Clusters(labels, sizes[order], centers, rounds, converged)


def _check_clusters(clusters, n: int) -> Clusters:
    if not isinstance(clusters, Clusters):
        raise InputError("clusters", clusters, "a Clusters (from cluster_digits)")
    if len(clusters.labels) != n:
        raise InputError(
            "clusters",
            clusters,
            f"the clusters of these {n} digits",
            got_text=f"clusters of {len(clusters.labels)} digits",
        )
    return clusters
