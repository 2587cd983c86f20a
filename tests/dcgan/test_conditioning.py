"""Lesson 4 §8's comparison helpers, and the latent and dataset helpers on all three generators."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab import set_seed
from datagen_lab.checks import InputError
from datagen_lab.dcgan import conditional as cg
from datagen_lab.dcgan import dataset, panel, plots
from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan import self_conditioned as sc
from datagen_lab.dcgan import task as gan_task
from datagen_lab.dcgan.clusters import Clusters, cluster_digits
from datagen_lab.dcgan.conditioning import cluster_contents, cluster_purity, plot_quality_curves
from datagen_lab.dcgan.evaluation import DigitReport


def tiny(config):
    return config.replace(
        generator_widths=(8, 8, 4), discriminator_widths=(4, 8), batch_size=8, jit_compile=False
    )


def report(share: float) -> DigitReport:
    return DigitReport(
        n=100,
        mean_confidence=share,
        confident_share=share,
        entropy_bits=3.0,
        frechet=10.0 / (share + 0.1),
        histogram=np.full(10, 10),
    )


def test_cluster_purity_grades_clusters_with_the_labels():
    labels = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 3])
    clusters = Clusters(
        labels=np.array([0, 0, 1, 1, 1, 0, 0, 0, 0, 1], np.int32),
        sizes=np.array([6, 4]),
        centers=np.zeros((2, 784), np.float32),
        iterations=1,
        converged=True,
    )
    np.testing.assert_array_equal(
        cluster_contents(clusters, labels), [[2, 0, 4, 0] + [0] * 6, [1, 2, 0, 1] + [0] * 6]
    )
    majority, purity = cluster_purity(clusters, labels)
    # cluster 0 holds digits 0, 0, 2, 2, 2, 2; cluster 1 holds 0, 1, 1, 3
    np.testing.assert_array_equal(majority, [2, 1])
    np.testing.assert_allclose(purity, [4 / 6, 2 / 4])
    with pytest.raises(InputError, match="clusters"):
        cluster_purity(clusters, labels[:-1])
    with pytest.raises(InputError, match="labels"):
        cluster_purity(clusters, labels + 9)


def test_plot_quality_curves_draws_one_line_per_generator():
    runs = {
        name: [{"step": s, "report": report(share * s / 300)} for s in (100, 200, 300)]
        for name, share in (("unconditional", 0.5), ("conditional", 0.9), ("self", 0.7))
    }
    fig = plot_quality_curves(runs)
    assert len(fig.axes) == 3
    assert [line.get_label() for line in fig.axes[0].lines[:3]] == list(runs)
    np.testing.assert_allclose(fig.axes[0].lines[1].get_ydata(), [0.3, 0.6, 0.9])
    for bad in ({}, {"a": []}, {"a": [{"step": 1}]}, [("a", runs["self"])]):
        with pytest.raises(InputError, match="runs"):
            plot_quality_curves(bad)


@pytest.fixture(scope="module")
def three_tasks(mnist):
    """One briefly trained task per kind: unconditional, class-conditional, self-conditioned."""
    set_seed(0)
    images, labels = mnist.train_images[:64], mnist.train_labels[:64]
    trainers = {
        "unconditional": gan_task.make_dcgan_trainer(images, tiny(dcgan.DEFAULT), seed=0),
        "conditional": cg.make_conditional_trainer(images, labels, tiny(cg.CONDITIONAL), seed=0),
        "self-conditioned": sc.make_self_conditioned_trainer(
            images, cluster_digits(images, k=4, seed=0), config=tiny(cg.CONDITIONAL), seed=0
        ),
    }
    for trainer in trainers.values():
        trainer.fit(steps=1, progress=False)
    return {name: trainer.task for name, trainer in trainers.items()}


def latent_generator(task):
    return task.sampler if hasattr(task, "sampler") else task.sampler_for(3)


@pytest.mark.parametrize("kind", ["unconditional", "conditional", "self-conditioned"])
def test_the_latent_helpers_work_for_every_generator(three_tasks, kind):
    generator = latent_generator(three_tasks[kind])
    z = dcgan.sample_noise(2, generator.input_shape[-1], seed=1)
    fig = plots.plot_interpolations(generator, z[0], z[1], steps=4)
    assert fig.axes
    slider = panel.seed_slider(generator, count=4, classify=False)
    walk = panel.interpolation_widget(generator, steps=4)
    assert "datagen-demo" in slider._dom_classes and "datagen-demo" in walk._dom_classes


@pytest.mark.parametrize("kind", ["unconditional", "conditional", "self-conditioned"])
def test_the_dataset_export_works_for_every_generator(three_tasks, kind, tmp_path):
    written = dataset.write_digits(three_tasks[kind].sample, 12, tmp_path / kind, seed=2)
    assert written.images.shape == (12, 28, 28)
    again = dataset.read_digits(tmp_path / kind)
    np.testing.assert_array_equal(again.images, written.images)
