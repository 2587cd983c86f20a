"""DCGAN models, the adversarial step, resuming after an interrupt, and bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from training_helpers import StopAt

from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan.task import make_dcgan_trainer
from datagen_lab.training import CheckpointError

# A network small enough that a training step takes milliseconds; same code path as DEFAULT.
TINY = dcgan.DCGANConfig(
    name="tiny",
    noise_dim=16,
    generator_widths=(16, 8, 4),
    discriminator_widths=(4, 8),
    kernel_size=3,
    batch_size=16,
    learning_rate=2e-4,
    beta_1=0.5,
)


@pytest.fixture(scope="module")
def digits():
    return np.random.default_rng(0).integers(0, 256, (64, 28, 28), dtype=np.uint8)


def test_reference_matches_the_tensorflow_tutorial():
    generator = dcgan.make_generator(dcgan.REFERENCE)
    discriminator = dcgan.make_discriminator(dcgan.REFERENCE)
    # Parameter counts printed by model.summary() in tensorflow/docs' dcgan.ipynb.
    assert generator.count_params() == 2_330_944
    assert dcgan.count_parameters(generator) == 2_305_472
    assert discriminator.count_params() == 212_865
    convs = [layer for layer in generator.layers if "conv2d_transpose" in layer.name]
    assert [(c.filters, c.kernel_size, c.strides) for c in convs] == [
        (128, (5, 5), (1, 1)),
        (64, (5, 5), (2, 2)),
        (1, (5, 5), (2, 2)),
    ]
    dropouts = [layer.rate for layer in discriminator.layers if "dropout" in layer.name]
    assert dropouts == [0.3, 0.3]
    assert dcgan.REFERENCE.batch_size == 256 and dcgan.REFERENCE.learning_rate == 1e-4


@pytest.mark.parametrize("config", [dcgan.REFERENCE, dcgan.DEFAULT], ids=["reference", "default"])
def test_shapes_and_ranges(config):
    generator = dcgan.make_generator(config)
    noise = dcgan.sample_noise(3, config.noise_dim, seed=1)
    images = np.asarray(generator(noise, training=False))
    assert images.shape == (3, 28, 28, 1) and images.min() >= -1 and images.max() <= 1
    logits = np.asarray(dcgan.make_discriminator(config)(images, training=False))
    assert logits.shape == (3, 1)
    digits = dcgan.generate(generator, noise)
    assert digits.shape == (3, 28, 28) and digits.dtype == np.uint8


def test_default_is_smaller_than_reference():
    small = (
        dcgan.make_generator(dcgan.DEFAULT).count_params()
        + dcgan.make_discriminator(dcgan.DEFAULT).count_params()
    )
    assert small * 2 < 2_330_944 + 212_865


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = (dcgan.make_generator(TINY, seed=s).get_weights()[0] for s in (5, 5, 6))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_one_step_updates_both_networks_and_the_average(digits):
    trainer = make_dcgan_trainer(digits, TINY.replace(ema=0.9), seed=0)
    task = trainer.task
    g_before = [w.copy() for w in task.generator.get_weights()]
    d_before = [w.copy() for w in task.discriminator.get_weights()]
    np.testing.assert_array_equal(task.average.get_weights()[0], g_before[0])  # starts equal
    trainer.fit(steps=2, progress=False)
    logs = trainer.history[0]
    assert all(np.isfinite(logs[k]) for k in ("d_loss", "g_loss", "d_real", "d_fake"))
    assert 0 < logs["d_real"] < 1 and 0 < logs["d_fake"] < 1
    # An untrained D outputs about 1/2: losses near 2 ln 2 and ln 2.
    assert logs["d_loss"] == pytest.approx(2 * np.log(2), abs=0.3)
    assert logs["g_loss"] == pytest.approx(np.log(2), abs=0.3)
    for before, model in ((g_before, task.generator), (d_before, task.discriminator)):
        after = model.get_weights()
        assert any(not np.array_equal(a, b) for a, b in zip(before, after, strict=True)), model.name
    # The weight average moved towards the generator, but lags behind it.
    start, average, current = (
        g_before[0],
        task.average.get_weights()[0],
        task.generator.get_weights()[0],
    )
    assert task.sampler is task.average
    assert 0 < np.abs(average - start).max() < np.abs(current - start).max()


def test_discriminator_learns_to_separate_real_from_fake(digits):
    real = np.zeros((64, 28, 28), np.uint8)
    real[:, 10:18, 10:18] = 255  # an easy "dataset": a white square
    trainer = make_dcgan_trainer(real, TINY.replace(learning_rate=2e-3), seed=0)
    trainer.fit(steps=25, progress=False)
    _, d_real = trainer.metric("d_real")
    _, d_fake = trainer.metric("d_fake")
    assert d_real[-5:].mean() > d_fake[-5:].mean()


def test_interrupted_gan_resumes_exactly(digits, tmp_path):
    """Weights, BN statistics, dropout RNG, Adam moments, the weight average, data order and noise."""
    config = TINY.replace(ema=0.9)
    straight = make_dcgan_trainer(digits, config, seed=3)
    straight.fit(steps=8, progress=False)

    first = make_dcgan_trainer(
        digits, config, seed=3, checkpoint_dir=tmp_path, checkpoint_every=100
    )
    with pytest.raises(KeyboardInterrupt):
        first.fit(steps=8, callbacks=[StopAt(5)], progress=False)
    resumed = make_dcgan_trainer(digits, config, seed=3, checkpoint_dir=tmp_path)
    assert resumed.step == 5
    resumed.fit(steps=8, progress=False)
    assert resumed.metric("g_loss")[0].tolist() == list(range(1, 9))
    for net in ("generator", "discriminator", "average"):
        ours = getattr(resumed.task, net).get_weights()
        theirs = getattr(straight.task, net).get_weights()
        for a, b in zip(ours, theirs, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(resumed.metric("d_loss")[1], straight.metric("d_loss")[1], rtol=1e-5)


def test_checkpoint_of_another_architecture_is_refused(digits, tmp_path):
    make_dcgan_trainer(digits, TINY, checkpoint_dir=tmp_path).save()  # a checkpoint at step 0
    wider = TINY.replace(generator_widths=(32, 8, 4))
    with pytest.raises(CheckpointError, match=r"generator_widths.*restart=True"):
        make_dcgan_trainer(digits, wider, checkpoint_dir=tmp_path)


@pytest.mark.parametrize(
    ("images", "message"),
    [
        (np.zeros((5, 32, 32), np.uint8), r"shape \(N, 28, 28\).*got shape \(5, 32, 32\)"),
        (np.zeros((0, 28, 28), np.uint8), "N >= 1"),
        (np.full((5, 28, 28), 255.0), r"\[0, 1\].*255"),
        (np.full((5, 28, 28), np.nan), r"\[0, 1\]"),
        (np.array([["a"] * 28] * 28)[None], "numeric"),
    ],
    ids=["wrong-size", "empty", "float-0-255", "nan", "strings"],
)
def test_bad_images_are_explained(images, message):
    with pytest.raises(ValueError, match=message):
        dcgan.prepare_images(images)


def test_prepare_images_scales_to_minus_one_one():
    out = dcgan.prepare_images(np.array([[[0, 255] * 14] * 28], np.uint8))
    assert out.shape == (1, 28, 28, 1) and out.min() == -1 and out.max() == 1
    np.testing.assert_allclose(dcgan.prepare_images(np.full((1, 28, 28), 0.5)), 0.0)


def test_batch_larger_than_data_is_explained(digits):
    with pytest.raises(ValueError, match=r"batch_size=256 is larger than the 64 training digits"):
        make_dcgan_trainer(digits, dcgan.REFERENCE)


def test_bad_configs_are_explained():
    with pytest.raises(ValueError, match="generator_widths needs 3"):
        dcgan.DCGANConfig(generator_widths=(8, 8))
    with pytest.raises(ValueError, match="dropout"):
        dcgan.DCGANConfig(dropout=1.5)


def test_generate_checks_noise_shape():
    with pytest.raises(ValueError, match=r"noise must be .*shape \(any, 16\)"):
        dcgan.generate(dcgan.make_generator(TINY), np.zeros((2, 100), np.float32))
