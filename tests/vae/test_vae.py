"""The VAE lesson's model: the ELBO's terms, the reparameterisation trick, training, resuming.

The one real training run (300 steps on the 8,000 offline digits, ~25 s of CPU) is shared by
two tests through a module-scoped fixture, so the file stays under a minute of CPU.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from training_helpers import StopAt

from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training import CheckpointError
from datagen_lab.vae import model as vae
from datagen_lab.vae.elbo import gradient_estimators, gradient_through_sample

tf = import_tensorflow()

# -- the KL term ---------------------------------------------------------------------------------


@pytest.fixture
def gaussians():
    rng = np.random.default_rng(3)
    return rng.normal(0, 1.5, (6, 5)).astype(np.float32), rng.normal(0, 1, (6, 5)).astype(
        np.float32
    )


def test_kl_closed_form_matches_the_monte_carlo_estimate(gaussians):
    mean, logvar = gaussians
    exact = vae.kl_closed_form(mean, logvar).numpy()
    estimate, error = (t.numpy() for t in vae.kl_monte_carlo(mean, logvar, samples=20_000, seed=1))
    assert exact.shape == estimate.shape == (6,)
    # unbiased: within 4 standard errors for every row (a wrong formula is off by many)
    assert np.all(np.abs(estimate - exact) < 4 * error), (exact, estimate, error)
    assert np.all(error < 0.05 * np.maximum(exact, 1.0))  # and the error is small


def test_monte_carlo_error_shrinks_like_one_over_root_n(gaussians):
    mean, logvar = gaussians
    small = vae.kl_monte_carlo(mean, logvar, samples=400, seed=2)[1].numpy()
    large = vae.kl_monte_carlo(mean, logvar, samples=40_000, seed=2)[1].numpy()
    np.testing.assert_allclose(small / large, 10.0, rtol=0.25)


def test_kl_closed_form_against_numerical_integration():
    from scipy import integrate

    def log_pdf(z, mu, var):
        return -0.5 * (math.log(2 * math.pi * var) + (z - mu) ** 2 / var)

    for mu, var in [(0.0, 1.0), (1.0, 1.0), (-0.7, 0.3), (2.0, 4.0)]:

        def integrand(z, mu=mu, var=var):
            return math.exp(log_pdf(z, mu, var)) * (log_pdf(z, mu, var) - log_pdf(z, 0.0, 1.0))

        numeric = integrate.quad(integrand, -30, 30, points=[mu], limit=200)[0]
        exact = float(vae.kl_closed_form([[mu]], [[math.log(var)]])[0])
        assert exact == pytest.approx(numeric, abs=1e-5)
    assert float(vae.kl_closed_form(np.zeros((1, 8)), np.zeros((1, 8)))[0]) == 0.0


# -- reconstruction term and the ELBO --------------------------------------------------------------


def test_reconstruction_nats_is_bernoulli_cross_entropy_per_digit():
    rng = np.random.default_rng(0)
    x = rng.random((3, 28, 28, 1)).astype(np.float32)
    logits = rng.normal(0, 2, x.shape).astype(np.float32)
    p = 1 / (1 + np.exp(-logits.astype(np.float64)))
    expected = -(x * np.log(p) + (1 - x) * np.log(1 - p)).reshape(3, -1).sum(axis=1)
    np.testing.assert_allclose(vae.reconstruction_nats(x, logits).numpy(), expected, rtol=1e-4)
    coin = vae.reconstruction_nats(x, np.zeros_like(x)).numpy()
    np.testing.assert_allclose(coin, 784 * math.log(2), rtol=1e-5)  # p = 1/2 everywhere


def test_negative_elbo_adds_beta_times_kl(gaussians):
    mean, logvar = gaussians
    x = np.full((6, 28, 28, 1), 0.3, np.float32)
    logits = np.zeros_like(x)
    terms = {k: v.numpy() for k, v in vae.negative_elbo(x, logits, mean, logvar, beta=4.0).items()}
    np.testing.assert_allclose(
        terms["loss"], terms["reconstruction"] + 4.0 * terms["kl"], rtol=1e-6
    )


def test_entropy_floor():
    binary = np.zeros((2, 28, 28), np.uint8)
    binary[:, 10:18, 12:16] = 255
    assert vae.entropy_floor(binary) == pytest.approx(0.0, abs=1e-6)
    half = np.full((2, 28, 28), 0.5, np.float32)
    assert vae.entropy_floor(half) == pytest.approx(784 * math.log(2), rel=1e-6)


# -- the reparameterisation trick ------------------------------------------------------------------


def test_gradients_flow_through_the_reparameterised_sample():
    mean, logvar = tf.Variable([[0.5, -1.0]]), tf.Variable([[0.2, -0.4]])
    eps = tf.constant([[1.5, -0.3]])
    with tf.GradientTape() as tape:
        z = vae.reparameterize(mean, logvar, eps)
    d_mean, d_logvar = tape.gradient(z, [mean, logvar])
    np.testing.assert_allclose(d_mean.numpy(), [[1.0, 1.0]])
    np.testing.assert_allclose(
        d_logvar.numpy(), 0.5 * np.exp(0.5 * logvar.numpy()) * eps.numpy(), rtol=1e-6
    )


def test_gradient_through_sample_demo():
    result = gradient_through_sample(mean=1.0, std=0.5, samples=50_000, seed=0)
    assert result["exact"] == (2.0, 1.0)
    np.testing.assert_allclose(result["reparameterised"], result["exact"], rtol=0.03)
    assert result["sampled outside the graph"] == (None, None)


def test_both_gradient_estimators_are_unbiased_but_score_function_is_noisier():
    estimates = gradient_estimators(mean=1.0, std=0.5, samples=200_000, seed=0)
    pathwise, score = estimates["reparameterisation"], estimates["score function"]
    for values in (pathwise, score):
        assert values.mean() == pytest.approx(2.0, abs=4 * values.std() / math.sqrt(len(values)))
    assert pathwise.std() == pytest.approx(1.0, rel=0.02)  # 2z with z ~ N(1, 0.25)
    assert score.std() > 3 * pathwise.std()


# -- training --------------------------------------------------------------------------------------

TRAIN_STEPS = 300  # ~2.4 epochs of the 8,000 offline digits at batch 64
HELD_OUT = 500


@pytest.fixture(scope="module")
def trained(mnist):
    held_out = mnist.test_images[:HELD_OUT]
    trainer = vae.make_vae_trainer(mnist.train_images, vae.DEFAULT, seed=0)
    before = trainer.task.evaluate(held_out, seed=0)
    trainer.fit(steps=TRAIN_STEPS, progress=False)
    return trainer, before, trainer.task.evaluate(held_out, seed=0), held_out


def test_short_training_lowers_held_out_negative_elbo_by_a_stated_margin(trained):
    trainer, before, after, _ = trained
    # An untrained decoder says p ~ 1/2 for every pixel: 784 ln 2 = 543 nats per digit.
    assert before["loss"] == pytest.approx(784 * math.log(2), rel=0.05)
    # Stated margin: 300 steps take at least 300 nats (55%) off the held-out negative ELBO
    # (measured: 543 -> 155).
    assert after["loss"] < before["loss"] - 300, (before, after)
    assert after["kl"] > 1.0  # the code carries information: not a collapsed posterior
    steps, losses = trainer.metric("loss")
    assert steps[-1] == TRAIN_STEPS and losses[-10:].mean() < losses[:10].mean() - 200


def test_reconstructions_are_closer_to_their_inputs_than_to_other_digits(trained):
    trainer, _, _, held_out = trained
    x = held_out.astype(np.float32) / 255
    recon = trainer.task.reconstruct(held_out).astype(np.float32) / 255
    own = ((recon - x) ** 2).mean(axis=(1, 2))
    others = np.random.default_rng(0).permutation(len(x))
    others = np.where(others == np.arange(len(x)), (others + 1) % len(x), others)  # no fixed points
    other = ((recon - x[others]) ** 2).mean(axis=(1, 2))
    assert (own < other).mean() >= 0.95  # measured: 99% of 500 held-out digits
    assert own.mean() < 0.6 * other.mean()  # measured: 0.039 vs 0.086


def test_samples_previews_and_generator_view(trained):
    task = trained[0].task
    samples = task.sample(16, seed=3)
    assert samples.shape == (16, 28, 28) and samples.dtype == np.uint8
    np.testing.assert_array_equal(samples, task.sample(16, seed=3))  # seeded
    assert task.preview().shape == (64, 28, 28)
    codes = vae.prior_codes(4, task.config.latent_dim, seed=1)
    signed = np.asarray(task.as_generator()(codes))
    np.testing.assert_allclose((signed[..., 0] + 1) / 2, task.decode(codes), atol=1e-5)
    with pytest.raises(ValueError, match=r"codes must have shape \(N, 16\)"):
        task.decode(np.zeros((2, 3)))


# -- checkpoints -----------------------------------------------------------------------------------


SMALL = vae.DEFAULT.replace(latent_dim=4, widths=(8, 16), batch_size=16)


def test_resume_after_interrupt_continues_from_the_saved_step(mnist, tmp_path, capsys):
    images = mnist.train_images[:128]
    reference = vae.make_vae_trainer(images, SMALL, seed=5)
    reference.fit(steps=10, progress=False)

    first = vae.make_vae_trainer(
        images, SMALL, seed=5, checkpoint_dir=tmp_path, checkpoint_every=1000
    )
    with pytest.raises(KeyboardInterrupt):
        first.fit(steps=10, callbacks=[StopAt(4)], progress=False)
    assert "Interrupted at step 4" in capsys.readouterr().out

    resumed = vae.make_vae_trainer(images, SMALL, seed=5, checkpoint_dir=tmp_path)
    assert resumed.step == 4
    summary = resumed.fit(steps=10, progress=False)
    assert (summary.start_step, summary.end_step) == (4, 10)
    np.testing.assert_allclose(resumed.metric("loss")[1], reference.metric("loss")[1], rtol=1e-5)
    for mine, theirs in zip(
        resumed.task.trainable_variables, reference.task.trainable_variables, strict=True
    ):
        np.testing.assert_allclose(mine.numpy(), theirs.numpy(), rtol=1e-5, atol=1e-6)


def test_checkpoint_of_another_beta_is_refused(mnist, tmp_path):
    images = mnist.train_images[:64]
    vae.make_vae_trainer(images, SMALL, checkpoint_dir=tmp_path).fit(steps=1, progress=False)
    with pytest.raises(CheckpointError, match=r"beta: saved 1.0, now 4.0"):
        vae.make_vae_trainer(images, SMALL.replace(beta=4.0), checkpoint_dir=tmp_path)


# -- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latent_dim": 0}, "must be positive"),
        ({"beta": -1.0}, "beta >= 0"),
        ({"widths": (8,)}, "2 widths"),
    ],
)
def test_bad_config_is_explained(changes, message):
    with pytest.raises(ValueError, match=message):
        vae.DEFAULT.replace(**changes)


def test_bad_digits_and_batch_are_explained(mnist):
    with pytest.raises(ValueError, match=r"\(N, 28, 28\)"):
        vae.prepare_digits(np.zeros((3, 32, 32)))
    with pytest.raises(ValueError, match="batch_size=64 is larger than the 10 digits"):
        vae.make_vae_trainer(mnist.train_images[:10])


# -- tf.distribute -----------------------------------------------------------------------------------

TWO_REPLICAS = """
import json, os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
from datagen_lab.data import load_mnist
from datagen_lab.vae import model as vae
config = vae.DEFAULT.replace(latent_dim=4, widths=(8, 16), batch_size=16)
images = load_mnist().train_images[:64]
one = vae.make_vae_trainer(images, config, seed=1)
one.fit(steps=3, progress=False)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
two = vae.make_vae_trainer(images, config, seed=1, strategy=strategy)
two.fit(steps=3, progress=False)
print(json.dumps({"replicas": strategy.num_replicas_in_sync,
                  "one": [one.metric(k)[1].tolist() for k in ("loss", "kl")],
                  "two": [two.metric(k)[1].tolist() for k in ("loss", "kl")]}))
"""


def test_two_replicas_train_exactly_like_one_device():
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", TWO_REPLICAS], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    logs = json.loads(result.stdout.strip().splitlines()[-1])
    assert logs["replicas"] == 2
    # the same global batch, split in two: losses averaged over the global batch agree
    np.testing.assert_allclose(logs["two"], logs["one"], rtol=1e-4)
