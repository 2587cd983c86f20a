"""The NumPy toy GAN: hand-written gradients against finite differences, data, coverage, training."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.gan_game import toy_data as toy_gan_data
from datagen_lab.gan_game import toy_gan
from datagen_lab.gan_game import toy_train as toy_gan_train
from datagen_lab.gan_game.toy_nn import (
    MLP,
    Adam,
    bce_with_logits,
    numeric_gradient,
    relative_error,
    single_threaded_blas,
)


def assert_gradients_match(loss, arrays, analytic, rtol=1e-5, atol=1e-7):
    for array, grad in zip(arrays, analytic, strict=True):
        index, numeric = numeric_gradient(loss, array)
        np.testing.assert_allclose(grad.reshape(-1)[index], numeric, rtol=rtol, atol=atol)


def test_numeric_gradient_of_a_known_function():
    a = np.array([[1.0, -2.0], [0.5, 3.0]])
    index, slopes = numeric_gradient(lambda: float(np.sum(a**3)), a)
    np.testing.assert_allclose(slopes, (3 * a**2).ravel()[index], rtol=1e-7)
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0
    assert relative_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "linear"])
def test_mlp_backward_matches_finite_differences(activation):
    rng = np.random.default_rng(0)
    net = MLP.create([3, 7, 5, 2], rng, activation)
    x, target = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))

    def loss():
        return 0.5 * np.sum((net(x) - target) ** 2)

    out, cache = net.forward(x)
    grads, grad_x = net.backward(cache, out - target)
    assert_gradients_match(loss, net.params, grads)
    assert_gradients_match(loss, [x], [grad_x])


@pytest.mark.parametrize("target", [0.0, 1.0])
def test_bce_with_logits_gradient_and_extreme_logits(target):
    logits = np.array([[-30.0], [-2.0], [0.0], [0.7], [40.0]])
    loss, grad = bce_with_logits(logits, target)
    _, numeric = numeric_gradient(lambda: bce_with_logits(logits, target)[0], logits)
    np.testing.assert_allclose(grad.ravel(), numeric, rtol=1e-5, atol=1e-9)
    assert np.isfinite(loss)
    assert bce_with_logits(np.array([[0.0]]), target)[0] == pytest.approx(np.log(2))


def test_adam_descends_a_quadratic_and_first_step_has_size_lr():
    start = np.array([3.0, -2.0])
    x = start.copy()
    optimizer = Adam([x], lr=0.1)
    optimizer.step([2 * x])
    np.testing.assert_allclose(np.abs(x - start), 0.1, rtol=1e-6)
    for _ in range(300):
        optimizer.step([2 * x])
    assert np.linalg.norm(x) < 0.05


CASES = [
    dict(data="ring", loss="non_saturating", remedy="none"),
    dict(data="ring", loss="saturating", remedy="none"),
    dict(data="ring", loss="non_saturating", remedy="pack", pack=3),
    dict(data="bimodal", loss="saturating", remedy="pack", pack=2),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(v) for v in c.values()))
def test_generator_gradients_flow_through_the_discriminator_correctly(case):
    gan = toy_gan.make_gan(batch_size=4, hidden=8, seed=1, **case).step(3)
    z = np.random.default_rng(2).normal(
        size=(4 * gan.config.samples_per_input, gan.config.latent_dim)
    )
    _, grads = toy_gan.generator_gradients(gan, z)

    def loss():
        logits = gan.discriminator(gan._pack(gan.generator(z)))
        return toy_gan.generator_loss_from_logits(logits, gan.config.loss)[0]

    assert_gradients_match(loss, gan.generator.params, grads)


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(v) for v in c.values()))
def test_discriminator_gradients_match_finite_differences(case):
    gan = toy_gan.make_gan(batch_size=4, hidden=8, seed=3, **case).step(2)
    rng = np.random.default_rng(4)
    n = 4 * gan.config.samples_per_input
    real, fake = gan.data.sample(n, rng), gan.sample(n, rng)
    _, grads, d_real, d_fake = toy_gan.discriminator_gradients(gan, real, fake)
    assert 0 < d_real < 1 and 0 < d_fake < 1

    def loss():
        return toy_gan.discriminator_gradients(gan, real, fake)[0]

    assert_gradients_match(loss, gan.discriminator.params, grads)


def test_generator_loss_gradient_at_points_matches_finite_differences():
    gan = toy_gan.make_gan(hidden=8, seed=5, remedy="pack", pack=2).step(5)
    points = np.random.default_rng(6).normal(size=(5, 2))
    analytic = gan.generator_loss_gradient(points)
    for row in range(len(points)):
        single = points[row : row + 1].copy()

        def loss(single=single):
            logits = gan.discriminator(np.tile(single, (1, 2)))
            return toy_gan.generator_loss_from_logits(logits, gan.config.loss)[0]

        _, numeric = numeric_gradient(loss, single)
        np.testing.assert_allclose(analytic[row], numeric, rtol=1e-5, atol=1e-8)


def test_same_seed_same_run_and_history_has_one_entry_per_step():
    first = toy_gan.make_gan(seed=7, hidden=16).step(20)
    second = toy_gan.make_gan(seed=7, hidden=16).step(20)
    assert first.history == second.history
    assert all(len(values) == 20 for values in first.history.values())
    other = toy_gan.make_gan(seed=8, hidden=16).step(20)
    assert other.history["d_loss"] != first.history["d_loss"]


def test_single_threaded_blas_restores_the_previous_setting():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    assert before, "threadpoolctl finds NumPy's BLAS"
    with single_threaded_blas():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before


# ---- data and coverage ----------------------------------------------------------------------


def test_ring_modes_lie_on_the_circle_and_samples_stay_near_them():
    data = toy_gan_data.ring()
    np.testing.assert_allclose(np.linalg.norm(data.centres, axis=1), toy_gan_data.RING_RADIUS)
    samples = data.sample(4000, np.random.default_rng(0))
    coverage = toy_gan_data.mode_coverage(samples, data)
    assert coverage.covered == 8 and coverage.high_quality > 0.98
    assert coverage.counts.sum() == pytest.approx(4000 * coverage.high_quality)


def test_coverage_counts_collapsed_and_off_target_samples():
    data = toy_gan_data.ring()
    one_mode = np.repeat(data.centres[:1], 500, axis=0)
    assert toy_gan_data.mode_coverage(one_mode, data).covered == 1
    nowhere = np.zeros((500, 2))
    assert toy_gan_data.mode_coverage(nowhere, data).covered == 0
    assert toy_gan_data.mode_coverage(nowhere, data).high_quality == 0
    # three modes: one with a fair share, one with a sliver below the threshold, one with none
    mixed = np.concatenate(
        [np.repeat(data.centres[:1], 490, axis=0), np.repeat(data.centres[1:2], 10, axis=0)]
    )
    assert toy_gan_data.mode_coverage(mixed, data).covered == 1
    assert toy_gan_data.mode_coverage(mixed, data, min_share=0.1).covered == 2


def test_bimodal_dataset_matches_the_minimax_lesson():
    data = toy_gan_data.dataset("bimodal")
    assert data.dim == 1 and data.centres.ravel().tolist() == [-2.0, 2.0]
    samples = data.sample(20000, np.random.default_rng(0))
    assert np.mean(samples > 0) == pytest.approx(0.6, abs=0.02)


def test_bad_configs_and_inputs_are_refused():
    with pytest.raises(ValueError, match="data must be one of"):
        toy_gan.ToyGANConfig(data="moons")
    with pytest.raises(ValueError, match="remedy"):
        toy_gan.ToyGANConfig(remedy="magic")
    with pytest.raises(ValueError, match="loss"):
        toy_gan.ToyGANConfig(loss="wasserstein")
    with pytest.raises(ValueError, match=">= 1"):
        toy_gan.ToyGANConfig(d_steps=0)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        toy_gan_data.mode_coverage(np.zeros((3, 3)), toy_gan_data.ring())
    with pytest.raises(ValueError, match="expected input"):
        MLP.create([2, 4, 1], np.random.default_rng(0))(np.zeros((3, 5)))


def test_gradient_check_reports_small_errors_and_catches_a_wrong_gradient(monkeypatch):
    gan = toy_gan.make_gan(hidden=8, seed=2).step(5)
    errors = toy_gan_train.gradient_check(gan)
    assert set(errors) == {"discriminator", "generator"}
    assert max(errors.values()) < 1e-4

    original = toy_gan.generator_gradients

    def wrong(gan, z):
        loss, grads = original(gan, z)
        return loss, [1.1 * g for g in grads]  # a 10% mistake somewhere in backprop

    monkeypatch.setattr(toy_gan_train, "generator_gradients", wrong)
    assert toy_gan_train.gradient_check(gan)["generator"] > 0.01


def test_train_keeps_snapshots_at_even_steps():
    gan, pictures = toy_gan_train.train(steps=60, snapshots=4, progress=False, hidden=8)
    assert gan.steps == 60
    assert [step for step, _ in pictures] == [0, 20, 40, 60]
    assert all(samples.shape == (500, 2) for _, samples in pictures)
    np.testing.assert_array_equal(
        pictures[-1][1], gan.generator(np.random.default_rng(0).standard_normal((500, 2)))
    )


COVERAGE_STEPS = 3000


@pytest.mark.slow
def test_fast_generator_collapses_and_more_discriminator_steps_cover_the_ring():
    """The lesson's claim, with its seed: the remedy covers at least 7 of 8 modes, collapse at most 2.

    Measured with seeds 0-3 while building the lesson: the remedy covered 7-8 modes at 3,000
    steps for each of them, so the claim does not hang on one lucky trajectory.
    """
    collapsed, _ = toy_gan_train.train(toy_gan.COLLAPSE, steps=COVERAGE_STEPS, progress=False)
    remedied, _ = toy_gan_train.train(toy_gan.REMEDY, steps=COVERAGE_STEPS, progress=False)
    assert collapsed.coverage().covered <= 2
    assert remedied.coverage().covered >= 7
    assert remedied.coverage().high_quality > collapsed.coverage().high_quality
