"""Clustering without labels, and the self-conditioned DCGAN built on it (lesson 4, §8)."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab import set_seed
from datagen_lab.checkpoints import CheckpointError
from datagen_lab.checks import InputError
from datagen_lab.dcgan import conditional as cg
from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan import self_conditioned as sc
from datagen_lab.dcgan.clusters import cluster_digits, plot_clusters


def tiny_config():
    return cg.SMALL.replace(
        generator_widths=(8, 8, 4), discriminator_widths=(4, 8), batch_size=8, jit_compile=False
    )


def blobs(n_per: int = 20, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three kinds of uint8 'digits' (a bar at three places) with a little noise, and their kind."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 30, (3 * n_per, 28, 28)).astype(np.uint8)
    kind = np.repeat(np.arange(3), n_per)
    for i, k in enumerate(kind):
        images[i, 4 + 8 * k : 10 + 8 * k, 4:24] = 250
    return images, kind


def test_clusters_find_the_three_kinds_and_are_ordered_by_size():
    images, kind = blobs()
    images, kind = images[5:], kind[5:]  # kind 0 now has 15 members, the others 20
    clusters = cluster_digits(images, k=3, seed=0)
    assert clusters.converged and clusters.labels.dtype == np.int32
    # one cluster per kind: the partitions agree up to naming
    pairs = set(zip(clusters.labels.tolist(), kind.tolist(), strict=True))
    assert len(pairs) == 3
    assert clusters.sizes.tolist() == [20, 20, 15] and clusters.k == 3
    np.testing.assert_allclose(clusters.frequencies.sum(), 1.0)
    assert clusters.centers.shape == (3, 784)


def test_clustering_is_deterministic_for_a_seed(mnist):
    images = mnist.train_images[:600]
    first = cluster_digits(images, k=10, seed=3)
    again = cluster_digits(images, k=10, seed=3)
    np.testing.assert_array_equal(first.labels, again.labels)
    other = cluster_digits(images, k=10, seed=4)
    assert not np.array_equal(first.labels, other.labels)  # the seed matters


def test_clustering_on_chosen_features():
    images, kind = blobs()
    features = np.stack([kind + 0.01 * np.arange(len(kind)) % 0.1, np.zeros(len(kind))], axis=1)
    clusters = cluster_digits(images, k=3, seed=0, features=features)
    assert len(set(zip(clusters.labels.tolist(), kind.tolist(), strict=True))) == 3
    with pytest.raises(InputError, match="features"):
        cluster_digits(images, k=3, features=features[:-1])


@pytest.mark.parametrize("k", [1, 0, -3, 61, 2.0, "10", None])
def test_bad_k_is_refused(k):
    images, _ = blobs()  # 60 digits
    with pytest.raises(InputError, match="k"):
        cluster_digits(images, k=k)


def test_more_clusters_than_distinct_digits_is_refused():
    images = np.zeros((10, 28, 28), np.uint8)
    images[5:] = 255
    with pytest.raises(InputError, match="distinct"):
        cluster_digits(images, k=3)


def test_bad_images_are_refused():
    with pytest.raises(InputError, match="images"):
        cluster_digits(np.random.default_rng(0).random((10, 28, 28)), k=2)  # floats, not uint8


def test_plot_clusters_draws_one_row_per_cluster():
    images, _ = blobs()
    clusters = cluster_digits(images, k=3, seed=0)
    fig = plot_clusters(images, clusters, per_cluster=4)
    assert len(fig.axes) == 3 * 5
    with pytest.raises(InputError, match="clusters"):
        plot_clusters(images[:10], clusters)


@pytest.mark.parametrize("n", [0, 1, 7, 100, 1001])
def test_frequency_labels_follow_the_frequencies(n):
    shares = np.array([0.5, 0.3, 0.15, 0.05])
    labels = sc.frequency_labels(shares, n, seed=2)
    counts = np.bincount(labels, minlength=4)
    assert counts.sum() == n and labels.dtype == np.int32
    assert np.all(np.abs(counts - n * shares) < 1)  # as close as whole numbers can be
    np.testing.assert_array_equal(labels, sc.frequency_labels(shares, n, seed=2))


def test_frequency_labels_are_shuffled_and_checked():
    labels = sc.frequency_labels(np.array([0.5, 0.5]), 100, seed=0)
    assert np.sum(np.diff(labels) != 0) > 0 and not np.all(labels[:50] == 0)
    for bad in (np.array([0.5, 0.6]), np.array([1.5, -0.5]), np.array([[1.0]])):
        with pytest.raises(InputError, match="frequencies"):
            sc.frequency_labels(bad, 10)


def test_self_conditioned_sampling_uses_cluster_frequencies(mnist):
    set_seed(0)
    images = mnist.train_images[:64]
    clusters = cluster_digits(images, k=4, seed=0)
    trainer = sc.make_self_conditioned_trainer(images, clusters, config=tiny_config(), seed=1)
    trainer.fit(steps=1, progress=False)
    task = trainer.task
    wanted = sc.frequency_labels(clusters.frequencies, 30, seed=9)
    np.testing.assert_array_equal(
        task.sample(30, seed=9), cg.generate_digits(task.generator, wanted, seed=9)
    )
    assert task.preview().shape == (4 * 10, 28, 28)


def test_self_conditioned_trainer_resumes_and_refuses_other_clusters(tmp_path, mnist):
    set_seed(0)
    images = mnist.train_images[:64]
    clusters = cluster_digits(images, k=3, seed=0)
    first = sc.make_self_conditioned_trainer(
        images, clusters, config=tiny_config(), seed=2, checkpoint_dir=tmp_path
    )
    first.fit(steps=2, progress=False)
    again = sc.make_self_conditioned_trainer(
        images, clusters, config=tiny_config(), seed=2, checkpoint_dir=tmp_path
    )
    assert again.step == 2
    for a, b in zip(first.task.generator.weights, again.task.generator.weights, strict=True):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    other = cluster_digits(images, k=3, seed=5)
    assert not np.array_equal(other.labels, clusters.labels)
    with pytest.raises(CheckpointError):
        sc.make_self_conditioned_trainer(
            images, other, config=tiny_config(), seed=2, checkpoint_dir=tmp_path
        )


def test_self_conditioned_trainer_checks_its_clusters(mnist):
    clusters = cluster_digits(mnist.train_images[:40], k=2, seed=0)
    with pytest.raises(InputError, match="clusters"):
        sc.make_self_conditioned_trainer(mnist.train_images[:50], clusters, config=tiny_config())
    with pytest.raises(InputError, match="clusters"):
        sc.SelfConditionedTask(tiny_config(), clusters=np.zeros(40, int))


def test_a_generator_knows_its_number_of_conditions():
    set_seed(0)
    generator = cg.make_conditional_generator(tiny_config(), seed=0, num_classes=3)
    assert cg.class_count(generator) == 3
    assert cg.generate_digits(generator, np.array([0, 2])).shape == (2, 28, 28)
    with pytest.raises(InputError, match="labels"):
        cg.generate_digits(generator, np.array([0, 3]))
    with pytest.raises(InputError, match="num_classes"):
        cg.make_conditional_generator(tiny_config(), num_classes=1)


def test_a_fixed_condition_walks_one_class(mnist):
    """The latent helpers take an unconditional generator; sampler_for(label) gives them one."""
    set_seed(0)
    trainer = cg.make_conditional_trainer(
        mnist.train_images[:40], mnist.train_labels[:40], tiny_config(), seed=0
    )
    trainer.fit(steps=1, progress=False)
    noise = dcgan.sample_noise(5, tiny_config().noise_dim, seed=3)
    sevens = dcgan.generate(trainer.task.sampler_for(7), noise)
    np.testing.assert_array_equal(
        sevens, cg.generate_digits(trainer.task.generator, np.full(5, 7), noise=noise)
    )
    assert not np.array_equal(sevens, dcgan.generate(trainer.task.sampler_for(1), noise))
    with pytest.raises(InputError, match="label"):
        trainer.task.sampler_for(10)
