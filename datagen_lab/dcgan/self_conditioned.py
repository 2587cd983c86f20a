"""A self-conditioned DCGAN: conditioning without labels (Liu et al., "Diverse image generation via
self-conditioned GANs", CVPR 2020).

A class-conditional GAN (:mod:`datagen_lab.dcgan.conditional`) makes the game easier by telling
both players which kind of digit is at stake; it needs labels. Here the "kind" comes from the data:
cluster the training digits (:func:`datagen_lab.dcgan.clusters.cluster_digits`), then train the
same conditional networks with the cluster id in place of the label. To draw new digits, pick
clusters as often as they occur in the data (:func:`frequency_labels`), so the mix of kinds follows
the training set's. Not a single label is used.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_seed
from datagen_lab.dcgan.clusters import Clusters, _check_clusters, cluster_digits
from datagen_lab.dcgan.conditional import (
    CONDITIONAL,
    ConditionalGANTask,
    generate_digits,
    make_conditional_trainer,
)
from datagen_lab.dcgan.model import DCGANConfig, _check_config, _check_model_seed, prepare_images
from datagen_lab.training import Trainer


class SelfConditionedTask(ConditionalGANTask):
    """The conditional DCGAN's task, conditioned on cluster ids and sampled by cluster frequency.

    Args:
        config: architecture and Adam settings (as the conditional DCGAN's).
        clusters: the training digits' clusters (:func:`cluster_digits`).
        seed: seeds the weight initialisers and dropout.
    """

    name = "self-conditioned-dcgan"

    def __init__(self, config: DCGANConfig, clusters: Clusters, seed: int = 0):
        if not isinstance(clusters, Clusters):
            raise InputError("clusters", clusters, "a Clusters (from cluster_digits)")
        super().__init__(config, seed=seed, num_classes=clusters.k)
        self.frequencies = clusters.frequencies
        # a checkpoint from other clusters is another experiment: the signature says which
        self.clusters_id = hashlib.sha1(clusters.labels.astype(np.int32).tobytes()).hexdigest()

    def signature(self) -> dict:
        """The conditional DCGAN's signature plus a fingerprint of the clusters trained on."""
        return super().signature() | {"clusters": self.clusters_id}

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` >= 0 new digits, uint8 (n, 28, 28), clusters in proportion to their frequency."""
        n = check_int(n, "n", low=0, what="how many digits")
        labels = frequency_labels(self.frequencies, n, seed=seed)
        return generate_digits(self.generator, labels, seed=seed)


def frequency_labels(frequencies: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """``n`` cluster ids, int32 (n,), each cluster as often as its frequency says, in random order.

    The counts are the largest-remainder rounding of ``n * frequencies`` (ties: the lower
    cluster), so they follow the frequencies as closely as whole numbers can; the order is
    shuffled with ``seed``.

    Args:
        frequencies: float (k,) non-negative shares summing to 1 (``Clusters.frequencies``).
        n: how many ids, >= 0.
        seed: the shuffle's seed.
    """
    shares = check_array(frequencies, "frequencies", ndim=1, kinds="f", low=0.0, what="shares")
    if abs(float(shares.sum()) - 1.0) > 1e-6:
        raise InputError(
            "frequencies", shares, "shares summing to 1", got_text=f"sum {shares.sum():.4g}"
        )
    n = check_int(n, "n", low=0, what="how many ids")
    seed = check_seed(seed)
    wanted = n * shares
    counts = np.floor(wanted).astype(np.int64)
    remainders = wanted - counts
    order = np.lexsort((np.arange(len(shares)), -remainders))  # largest remainder, then lower id
    counts[order[: n - int(counts.sum())]] += 1
    labels = np.repeat(np.arange(len(shares), dtype=np.int32), counts)
    return np.random.default_rng(seed).permutation(labels)


def make_self_conditioned_trainer(
    images: np.ndarray,
    clusters: Clusters | None = None,
    k: int = 10,
    config: DCGANConfig = CONDITIONAL,
    seed: int = 0,
    checkpoint_dir: str | Path | None = None,
    checkpoint_every: int = 500,
    restart: bool = False,
) -> Trainer:
    """A :class:`~datagen_lab.training.Trainer` for a self-conditioned DCGAN on unlabelled digits.

    Args:
        images: real digits uint8 (N, 28, 28[, 1]) in [0, 255]; no labels.
        clusters: their clusters (:func:`cluster_digits`); None clusters the raw pixels into ``k``
            groups with ``seed``.
        k: clusters when ``clusters`` is None, 2 <= k <= N.
        config: as for the conditional DCGAN (:data:`CONDITIONAL`).
        seed: one seed for the weights, dropout, data order and noise.
        checkpoint_dir, checkpoint_every, restart: as for the DCGAN's trainer; a checkpoint made
            with other clusters is refused.

    Returns:
        The trainer; ``trainer.task`` is the :class:`SelfConditionedTask`.
    """
    config, seed = _check_config(config), _check_model_seed(seed)
    n = len(prepare_images(images))  # checks the digits before any clustering
    if clusters is None:
        clusters = cluster_digits(images, k=k, seed=seed)
    _check_clusters(clusters, n)
    return make_conditional_trainer(
        images,
        clusters.labels,
        config,
        seed=seed,
        checkpoint_dir=checkpoint_dir,
        checkpoint_every=checkpoint_every,
        restart=restart,
        task=SelfConditionedTask(config, clusters, seed=seed),
    )
