"""DP-SGD's parts: per-example gradients, clipping, the noise's size, one training step, bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.privacy import dp_sgd


@pytest.fixture(scope="module")
def batch():
    rng = np.random.default_rng(0)
    images = rng.random((12, 28, 28, 1), dtype=np.float32)
    labels = rng.integers(0, 10, 12).astype(np.int32)
    return images, labels


@pytest.fixture(scope="module")
def model():
    return dp_sgd.build_model(0)


def test_per_example_gradients_match_one_at_a_time(model, batch):
    from datagen_lab.tf_runtime import import_tensorflow

    tf = import_tensorflow()
    images, labels = batch
    vectorised = dp_sgd.per_example_gradients(model, tf.constant(images), tf.constant(labels))
    for index in (0, 7):
        with tf.GradientTape() as tape:
            logits = model(images[index : index + 1], training=True)
            target = labels[index : index + 1]
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits(target, logits)[0]
        single = tape.gradient(loss, model.trainable_variables)
        for many, one in zip(vectorised, single, strict=True):
            np.testing.assert_allclose(many[index].numpy(), one.numpy(), rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("clip_norm", [0.01, 0.5, 100.0])
def test_clipped_norms_are_at_most_the_clip_norm(model, batch, clip_norm):
    norms = dp_sgd.gradient_norms(model, *batch, clip_norm)
    assert np.all(norms["after"] <= clip_norm * (1 + 1e-5))
    # gradients already shorter than C are left alone; longer ones end exactly at C
    short = norms["before"] <= clip_norm
    np.testing.assert_allclose(norms["after"][short], norms["before"][short], rtol=1e-5)
    np.testing.assert_allclose(norms["after"][~short], clip_norm, rtol=1e-5)
    if clip_norm == 0.01:
        assert not short.any()


@pytest.mark.parametrize(("noise_multiplier", "clip_norm"), [(1.0, 1.0), (2.5, 0.2)])
def test_noise_standard_deviation_is_sigma_times_c(model, batch, noise_multiplier, clip_norm):
    """With every example weighted 0, the noisy sum is pure noise: its std must be sigma * C."""
    from datagen_lab.tf_runtime import import_tensorflow

    tf = import_tensorflow()
    images, labels = batch
    grads = dp_sgd.per_example_gradients(model, tf.constant(images), tf.constant(labels))
    clipped, _ = dp_sgd.clip_gradients(grads, clip_norm)
    noise = dp_sgd.noisy_sum(
        clipped, tf.zeros(len(labels)), clip_norm, noise_multiplier, tf.constant([3, 4])
    )
    values = np.concatenate([n.numpy().ravel() for n in noise])
    assert values.size > 10_000
    # the sample std of n normal draws has relative standard error 1 / sqrt(2n) < 0.7 %
    assert np.std(values) == pytest.approx(noise_multiplier * clip_norm, rel=0.03)
    assert abs(np.mean(values)) < 0.05 * noise_multiplier * clip_norm


def test_noise_is_seeded_and_differs_between_steps(model, batch):
    from datagen_lab.tf_runtime import import_tensorflow

    tf = import_tensorflow()
    grads = dp_sgd.per_example_gradients(model, tf.constant(batch[0]), tf.constant(batch[1]))
    zero = tf.zeros(len(batch[1]))
    draw = lambda seed: dp_sgd.noisy_sum(grads, zero, 1.0, 1.0, tf.constant(seed))[0].numpy()  # noqa: E731
    assert np.array_equal(draw([0, 1]), draw([0, 1]))
    assert not np.array_equal(draw([0, 1]), draw([0, 2]))


def test_a_dp_step_changes_the_weights_and_reports(batch):
    model = dp_sgd.build_model(1)
    before = [v.numpy().copy() for v in model.trainable_variables]
    step = dp_sgd.DPSGDStep(model, clip_norm=1.0, noise_multiplier=1.0, expected_batch=12)
    logs = step(*batch, np.ones(12, np.float32), (0, 0))
    assert set(logs) == {"loss", "mean_norm", "clipped"} and 0 <= logs["clipped"] <= 1
    after = [v.numpy() for v in model.trainable_variables]
    assert any(not np.array_equal(b, a) for b, a in zip(before, after, strict=True))
    assert np.isfinite(step.normal(*batch))


def test_bad_inputs(model, batch):
    assert_clear_error(lambda: dp_sgd.DPSGDStep(model, clip_norm=0), "clip_norm")
    assert_clear_error(lambda: dp_sgd.DPSGDStep(model, clip_norm=-1.0), "clip_norm")
    assert_clear_error(lambda: dp_sgd.DPSGDStep(model, noise_multiplier=-1.0), "noise_multiplier")
    assert_clear_error(
        lambda: dp_sgd.DPSGDStep(model, noise_multiplier=float("nan")), "noise_multiplier"
    )
    assert_clear_error(lambda: dp_sgd.gradient_norms(model, *batch, 0.0), "clip_norm")
    assert_clear_error(
        lambda: dp_sgd.gradient_norms(model, batch[0][:, :27], batch[1], 1.0), "images"
    )
    assert_clear_error(lambda: dp_sgd.gradient_norms(model, batch[0], batch[1][:3], 1.0), "labels")
    bad = batch[0].copy()
    bad[0, 0, 0, 0] = np.nan
    assert_clear_error(lambda: dp_sgd.gradient_norms(model, bad, batch[1], 1.0), "images")


def test_noise_draw_has_the_step_noise_size(model):
    noise = dp_sgd.noise_draw(model, clip_norm=0.5, noise_multiplier=3.0, seed=1)
    assert noise.size == model.count_params()
    assert np.std(noise) == pytest.approx(1.5, rel=0.03)
    assert_clear_error(lambda: dp_sgd.noise_draw(model, 0.5, 0.0), "noise_multiplier")
