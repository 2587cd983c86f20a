"""Bad inputs to the helpers of lesson 3 (GAN minimax, toy GAN) and lesson 4's judge, latents, dashboard.

Every public function or class is fed the families of mistakes a learner makes (wrong rank,
dtype or type, NaN/inf, empty arrays, None, zero or negative sizes, steps and learning rates,
probabilities outside [0, 1], mismatched shapes). Each must either raise a clear error naming
the argument (``CLEAR_ERRORS``) or return a correct answer (``CORRECT``). Nothing here needs the
classifier except the last tests, which check that explicit pixel ranges give the same verdict
as uint8 digits.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error, assert_finite

from datagen_lab import classifier
from datagen_lab.dcgan import evaluation, latent
from datagen_lab.dcgan import exercises as dcgan_exercises
from datagen_lab.dcgan import panel as dcgan_panel
from datagen_lab.dcgan import plots as dcgan_plots
from datagen_lab.gan_game import exercises as gan_exercises
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game import panel as gan_panel
from datagen_lab.gan_game import plots as gan_math_plots
from datagen_lab.gan_game import toy_data as toy_gan_data
from datagen_lab.gan_game import toy_gan
from datagen_lab.gan_game import toy_nn as toy_gan_nn
from datagen_lab.gan_game import toy_train as toy_gan_train
from datagen_lab.gan_game import toy_view as toy_gan_view
from datagen_lab.gan_game.densities import Mixture1D, check_density, gaussian_pdf, grid, integrate

NAN, INF = float("nan"), float("inf")
X = grid()
P = gan_math.DATA.pdf(X)
Q = gan_math.two_mode(-1.5, 1.2, 0.2).pdf(X)
HALF = np.full_like(X, 0.5)
RNG = np.random.default_rng(0)
RING = toy_gan_data.ring()
BIMODAL = toy_gan_data.bimodal()
NOISE = np.random.default_rng(1).standard_normal((50, 2))


def with_nan(array: np.ndarray, value: float = NAN) -> np.ndarray:
    """A float copy of ``array`` with its first element replaced by ``value``."""
    copy = np.array(array, dtype=float)
    copy.reshape(-1)[0] = value
    return copy


def digits(kind: str = "unit", n: int = 4) -> np.ndarray:
    """A few digit-like batches (N, 28, 28): a bright square on a dark background."""
    batch = np.zeros((n, 28, 28), np.uint8)
    batch[:, 8:20, 10:18] = 255
    if kind == "uint8":
        return batch
    if kind == "unit":
        return batch / 255.0
    return batch / 127.5 - 1.0  # "symmetric": generator output in [-1, 1]


class FakeGenerator:
    """Stands in for a Keras generator: input_shape (None, 4), outputs blank digits in [-1, 1]."""

    input_shape = (None, 4)

    def __call__(self, noise, training=False):
        return -np.ones((len(noise), 28, 28, 1), np.float32)


_CACHE: dict[str, object] = {}


def gan() -> toy_gan.ToyGAN:
    """A small ring GAN, trained two steps (shared: building one costs milliseconds, but still)."""
    if "gan" not in _CACHE:
        _CACHE["gan"] = toy_gan.make_gan(hidden=8, seed=0).step(2)
    return _CACHE["gan"]


def gan_1d() -> toy_gan.ToyGAN:
    if "gan_1d" not in _CACHE:
        _CACHE["gan_1d"] = toy_gan.make_gan(hidden=8, seed=0, data="bimodal")
    return _CACHE["gan_1d"]


def trainer_widget() -> gan_panel.GANTrainer:
    if "trainer" not in _CACHE:
        _CACHE["trainer"] = gan_panel.gan_trainer(replace(toy_gan.BALANCED, hidden=8))
    return _CACHE["trainer"]


def axes():
    from matplotlib.figure import Figure

    return Figure().add_subplot()


class FakeTrainer:
    class task:  # noqa: N801 - a stand-in for a training task
        name = "fake"
        metric_groups: dict = {}

    step, seconds = 0, 0.0

    def metric(self, name):
        return np.array([]), np.array([])


MLP = toy_gan_nn.MLP.create([2, 3, 1], np.random.default_rng(0))
OUT, CACHE = MLP.forward(np.zeros((4, 2)))
ARRAY = np.zeros((3, 2))


# (id, call, the argument the error must name)
CLEAR_ERRORS = [
    # ---- gan_densities: the grid, integrals, Gaussians, mixtures, density validation ----
    ("grid-lo-nan", lambda: grid(NAN, 1.0), "lo"),
    ("grid-hi-inf", lambda: grid(0.0, INF), "hi"),
    ("grid-lo-none", lambda: grid(None, 1.0), "lo"),
    ("grid-hi-below-lo", lambda: grid(1.0, -1.0), "hi"),
    ("grid-n-2", lambda: grid(0.0, 1.0, 2), "n"),
    ("grid-n-str", lambda: grid(0.0, 1.0, "100"), "n"),
    ("grid-n-float", lambda: grid(0.0, 1.0, 2.5), "n"),
    ("integrate-nan", lambda: integrate(with_nan(P), X), "values"),
    ("integrate-shape", lambda: integrate(P[:-1], X), "values"),
    ("integrate-empty", lambda: integrate(np.array([]), np.array([])), "values"),
    ("integrate-x-nan", lambda: integrate(P, with_nan(X)), "x"),
    ("integrate-none", lambda: integrate(None, X), "values"),
    ("gaussian-x-nan", lambda: gaussian_pdf(with_nan(X)), "x"),
    ("gaussian-mean-nan", lambda: gaussian_pdf(X, NAN), "mean"),
    ("gaussian-std-zero", lambda: gaussian_pdf(X, 0.0, 0.0), "std"),
    ("gaussian-std-str", lambda: gaussian_pdf(X, 0.0, "1"), "std"),
    ("gaussian-x-str", lambda: gaussian_pdf("x"), "x"),
    ("mixture-weights-nan", lambda: Mixture1D((0.0, 1.0), (1.0, 1.0), (NAN, NAN)), "weights"),
    ("mixture-weights-sum", lambda: Mixture1D((0.0, 1.0), (1.0, 1.0), (0.5, 0.6)), "weights"),
    ("mixture-means-nan", lambda: Mixture1D((NAN,), (1.0,), (1.0,)), "means"),
    ("mixture-means-inf", lambda: Mixture1D((INF,), (1.0,), (1.0,)), "means"),
    ("mixture-stds-str", lambda: Mixture1D((0.0,), ("1",), (1.0,)), "stds"),
    ("mixture-stds-zero", lambda: Mixture1D((0.0,), (0.0,), (1.0,)), "stds"),
    ("mixture-lengths", lambda: Mixture1D((0.0, 1.0), (1.0,), (1.0,)), "stds"),
    ("mixture-empty", lambda: Mixture1D((), (), ()), "means"),
    ("mixture-none", lambda: Mixture1D(None, (1.0,), (1.0,)), "means"),
    ("mixture-pdf-nan", lambda: gan_math.DATA.pdf(with_nan(X)), "x"),
    ("mixture-sample-n0", lambda: gan_math.DATA.sample(0, RNG), "n"),
    ("mixture-sample-n-neg", lambda: gan_math.DATA.sample(-3, RNG), "n"),
    ("mixture-sample-rng-int", lambda: gan_math.DATA.sample(5, 0), "rng"),
    ("two-mode-mean-nan", lambda: gan_math.two_mode(mean=NAN), "mean"),
    ("two-mode-spread-zero", lambda: gan_math.two_mode(spread=0.0), "spread"),
    ("two-mode-spread-inf", lambda: gan_math.two_mode(spread=INF), "spread"),
    ("two-mode-weight-big", lambda: gan_math.two_mode(weight=1.5), "weight"),
    ("two-mode-weight-nan", lambda: gan_math.two_mode(weight=NAN), "weight"),
    ("two-mode-gap-neg", lambda: gan_math.two_mode(gap=-1.0), "gap"),
    ("two-mode-mean-str", lambda: gan_math.two_mode(mean="0"), "mean"),
    ("density-none", lambda: check_density(None, X, "p"), "p"),
    ("density-str", lambda: check_density(["a"] * len(X), X, "p"), "p"),
    ("density-nan", lambda: check_density(with_nan(P), X, "p_data"), "p_data"),
    ("density-inf", lambda: check_density(with_nan(P, INF), X, "p_g"), "p_g"),
    ("density-shape", lambda: check_density(P[:-1], X, "p_g"), "p_g"),
    ("density-2d", lambda: check_density(P[None], X, "p"), "p"),
    ("density-x-2d", lambda: check_density(P[None], X[None], "p"), "x"),
    ("density-negative", lambda: check_density(P - 0.01, X, "p_data"), "p_data"),
    ("density-mass", lambda: check_density(2 * P, X, "p_data"), "p_data"),
    ("density-zero", lambda: check_density(0 * P, X, "p", normalize=True), "p"),
    ("density-x-reversed", lambda: check_density(P, X[::-1], "p"), "x"),
    ("density-x-nan", lambda: check_density(P, with_nan(X), "p"), "x"),
    ("density-name-none", lambda: check_density(P, X, None), "name"),
    # ---- gan_math: D, V(D, G), divergences, losses ----
    ("disc-empty", lambda: gan_math.check_discriminator(np.array([])), "D"),
    ("disc-none", lambda: gan_math.check_discriminator(None), "D"),
    ("disc-str", lambda: gan_math.check_discriminator(["a"]), "D"),
    ("disc-nan", lambda: gan_math.check_discriminator(with_nan(HALF)), "D"),
    ("disc-logits", lambda: gan_math.check_discriminator(1.2 * X), "D"),
    ("dstar-nan", lambda: gan_math.optimal_discriminator(with_nan(P), Q), "p_data"),
    ("dstar-negative", lambda: gan_math.optimal_discriminator(P, Q - 0.1), "p_g"),
    ("dstar-shape", lambda: gan_math.optimal_discriminator(P, Q[:-1]), "p_g"),
    ("dstar-none", lambda: gan_math.optimal_discriminator(None, Q), "p_data"),
    ("integrand-d-big", lambda: gan_math.value_integrand(HALF + 1, P, Q), "D"),
    ("integrand-p-nan", lambda: gan_math.value_integrand(HALF, with_nan(P), Q), "p_data"),
    ("integrand-shape", lambda: gan_math.value_integrand(HALF[:-1], P, Q), "D"),
    ("value-d-shape", lambda: gan_math.value_exact(HALF[:-1], P, Q, X), "D"),
    ("value-d-nan", lambda: gan_math.value_exact(with_nan(HALF), P, Q, X), "D"),
    ("value-logits", lambda: gan_math.value_exact(1.2 * X, P, Q, X), "D"),
    ("value-d-zero", lambda: gan_math.value_exact(0 * HALF, P, Q, X), "D"),
    ("value-x-nan", lambda: gan_math.value_exact(HALF, P, Q, with_nan(X)), "x"),
    ("value-p-g-nan", lambda: gan_math.value_exact(HALF, P, with_nan(Q), X), "p_g"),
    ("mc-d-not-callable", lambda: gan_math.value_monte_carlo(0.5, np.zeros(5), np.zeros(5)), "d"),
    (
        "mc-real-nan",
        lambda: gan_math.value_monte_carlo(np.tanh, with_nan(np.ones(5)), np.ones(5)),
        "real",
    ),
    (
        "mc-fake-short",
        lambda: gan_math.value_monte_carlo(lambda x: 0 * x + 0.5, np.ones(5), np.ones(1)),
        "fake",
    ),
    (
        "mc-fake-none",
        lambda: gan_math.value_monte_carlo(lambda x: 0 * x + 0.5, np.ones(5), None),
        "fake",
    ),
    (
        "mc-d-returns-nan",
        lambda: gan_math.value_monte_carlo(lambda x: x * NAN, np.ones(5), np.ones(5)),
        "D",
    ),
    (
        "mc-d-returns-one",
        lambda: gan_math.value_monte_carlo(lambda x: np.ones_like(x), np.zeros(5), np.zeros(5)),
        "D",
    ),
    (
        "mc-d-wrong-shape",
        lambda: gan_math.value_monte_carlo(lambda x: np.array([0.5]), np.ones(5), np.ones(5)),
        "D",
    ),
    ("interp-x-reversed", lambda: gan_math.interpolate(X[::-1], HALF), "x"),
    ("interp-values-nan", lambda: gan_math.interpolate(X, with_nan(HALF)), "values"),
    ("interp-shape", lambda: gan_math.interpolate(X, HALF[:-1]), "values"),
    ("interp-points-nan", lambda: gan_math.interpolate(X, HALF)(np.array([NAN])), "points"),
    ("kl-q-nan", lambda: gan_math.kl_divergence(P, with_nan(Q), X), "q"),
    ("js-p-none", lambda: gan_math.js_divergence(None, Q, X), "p"),
    ("js-x-shape", lambda: gan_math.js_divergence(P, Q, X[:-1]), "p"),
    ("optimal-value-nan", lambda: gan_math.optimal_value(P, with_nan(Q), X), "p_g"),
    ("summarize-p-g-nan", lambda: gan_math.summarize(P, with_nan(Q), X), "p_g"),
    ("loss-kind", lambda: gan_math.generator_loss(np.array([0.5]), "minimax"), "kind"),
    ("loss-d-nan", lambda: gan_math.generator_loss(np.array([NAN])), "D(G(z))"),
    ("loss-d-zero-ns", lambda: gan_math.generator_loss(np.array([0.0])), "D(G(z))"),
    ("loss-d-one-sat", lambda: gan_math.generator_loss(np.array([1.0]), "saturating"), "D(G(z))"),
    ("loss-d-big", lambda: gan_math.generator_loss(np.array([1.5])), "D(G(z))"),
    ("sigmoid-nan", lambda: gan_math.sigmoid(np.array([0.0, NAN])), "a"),
    ("sigmoid-str", lambda: gan_math.sigmoid("1"), "a"),
    ("sigmoid-none", lambda: gan_math.sigmoid(None), "a"),
    ("sweep-means-empty", lambda: gan_math.sweep_generator_mean([], X), "means"),
    ("sweep-means-nan", lambda: gan_math.sweep_generator_mean([0.0, NAN], X), "means"),
    ("sweep-data", lambda: gan_math.sweep_generator_mean([0.0], X, data="data"), "data"),
    ("sweep-family-typo", lambda: gan_math.sweep_generator_mean([0.0], X, spred=1.0), "spred"),
    ("sweep-family-mean", lambda: gan_math.sweep_generator_mean([0.0], X, mean=1.0), "mean"),
    ("sweep-family-nan", lambda: gan_math.sweep_generator_mean([0.0], X, spread=NAN), "spread"),
    ("format-nan", lambda: gan_math.format_nats(NAN), "number"),
    ("format-none", lambda: gan_math.format_nats(None), "number"),
    ("format-str", lambda: gan_math.format_nats("1"), "number"),
    # ---- gan_math_plots ----
    ("png-fig-none", lambda: gan_math_plots.to_png(None), "fig"),
    (
        "png-dpi-zero",
        lambda: gan_math_plots.to_png(gan_math_plots.plot_generator_losses(), 0),
        "dpi",
    ),
    ("view-x-nan", lambda: gan_math_plots.DensityView(with_nan(X), P), "x"),
    ("view-p-shape", lambda: gan_math_plots.DensityView(X, P[:-1]), "p_data"),
    ("view-p-negative", lambda: gan_math_plots.DensityView(X, P - 1), "p_data"),
    ("view-width-zero", lambda: gan_math_plots.DensityView(X, P, width=0), "width"),
    ("view-update-nan", lambda: gan_math_plots.DensityView(X, P).update(with_nan(Q)), "p_g"),
    ("view-update-d-big", lambda: gan_math_plots.DensityView(X, P).update(Q, HALF + 1), "d"),
    ("view-update-d-shape", lambda: gan_math_plots.DensityView(X, P).update(Q, HALF[:3]), "d"),
    ("view-update-title", lambda: gan_math_plots.DensityView(X, P).update(Q, title=3), "title"),
    ("plot-densities-logits", lambda: gan_math_plots.plot_densities(X, P, Q, d=1.2 * X), "d"),
    ("plot-densities-p-g-none", lambda: gan_math_plots.plot_densities(X, P, None), "p_g"),
    ("sweep-plot-empty", lambda: gan_math_plots.plot_jsd_sweep({}), "sweep"),
    ("sweep-plot-none", lambda: gan_math_plots.plot_jsd_sweep(None), "sweep"),
    (
        "sweep-plot-nan",
        lambda: gan_math_plots.plot_jsd_sweep(
            {"mean": np.zeros(3), "value": np.zeros(3), "jsd": with_nan(np.zeros(3))}
        ),
        "sweep",
    ),
    ("snapshots-empty", lambda: gan_math_plots.plot_snapshots([], RING), "snapshots"),
    (
        "snapshots-nan",
        lambda: gan_math_plots.plot_snapshots([(0, with_nan(NOISE))], RING),
        "snapshots",
    ),
    (
        "snapshots-shape",
        lambda: gan_math_plots.plot_snapshots([(0, np.zeros((5, 3)))], RING),
        "snapshots",
    ),
    ("snapshots-not-pairs", lambda: gan_math_plots.plot_snapshots([NOISE], RING), "snapshots"),
    (
        "snapshots-data-1d",
        lambda: gan_math_plots.plot_snapshots([(0, NOISE[:, :1])], BIMODAL),
        "data",
    ),
    ("snapshots-data-none", lambda: gan_math_plots.plot_snapshots([(0, NOISE)], None), "data"),
    # ---- gan_panel ----
    ("explorer-mean-far", lambda: gan_panel.distribution_explorer(mean=10.0), "mean"),
    ("explorer-spread-nan", lambda: gan_panel.distribution_explorer(spread=NAN), "spread"),
    ("explorer-weight-big", lambda: gan_panel.distribution_explorer(weight=2.0), "weight"),
    ("explorer-mean-str", lambda: gan_panel.distribution_explorer(mean="0"), "mean"),
    ("trainer-config-str", lambda: gan_panel.gan_trainer("ring"), "config"),
    ("trainer-steps-zero", lambda: gan_panel.gan_trainer(steps_per_frame=0), "steps_per_frame"),
    ("trainer-steps-float", lambda: gan_panel.gan_trainer(steps_per_frame=2.5), "steps_per_frame"),
    ("trainer-step-frames", lambda: trainer_widget().step(0), "frames"),
    ("summary-html-none", lambda: gan_panel.summary_html(None), "summary"),
    # ---- toy_gan ----
    ("config-pack-float", lambda: toy_gan.ToyGANConfig(pack=2.5), "pack"),
    ("config-hidden-str", lambda: toy_gan.ToyGANConfig(hidden="64"), "hidden"),
    ("config-batch-zero", lambda: toy_gan.ToyGANConfig(batch_size=0), "batch_size"),
    ("config-latent-bool", lambda: toy_gan.ToyGANConfig(latent_dim=True), "latent_dim"),
    ("config-depth-neg", lambda: toy_gan.ToyGANConfig(depth=-1), "depth"),
    ("config-d-steps-zero", lambda: toy_gan.ToyGANConfig(d_steps=0), "d_steps"),
    ("config-lr-d-nan", lambda: toy_gan.ToyGANConfig(lr_d=NAN), "lr_d"),
    ("config-lr-g-neg", lambda: toy_gan.ToyGANConfig(lr_g=-1e-3), "lr_g"),
    ("config-lr-g-zero", lambda: toy_gan.ToyGANConfig(lr_g=0.0), "lr_g"),
    ("config-lr-d-inf", lambda: toy_gan.ToyGANConfig(lr_d=INF), "lr_d"),
    ("config-lr-d-huge", lambda: toy_gan.ToyGANConfig(lr_d=5.0), "lr_d"),
    ("config-seed-neg", lambda: toy_gan.ToyGANConfig(seed=-1), "seed"),
    ("config-seed-float", lambda: toy_gan.ToyGANConfig(seed=1.5), "seed"),
    ("config-data", lambda: toy_gan.ToyGANConfig(data="moons"), "data"),
    ("config-data-none", lambda: toy_gan.ToyGANConfig(data=None), "data"),
    ("config-loss", lambda: toy_gan.ToyGANConfig(loss="wasserstein"), "loss"),
    ("config-remedy", lambda: toy_gan.ToyGANConfig(remedy="magic"), "remedy"),
    ("gan-step-neg", lambda: gan().step(-1), "n"),
    ("gan-step-float", lambda: gan().step(1.5), "n"),
    ("gan-sample-zero", lambda: gan().sample(0), "n"),
    ("gan-sample-rng", lambda: gan().sample(5, rng=3), "rng"),
    ("gan-coverage-n", lambda: gan().coverage(n=0), "n"),
    ("gan-coverage-seed", lambda: gan().coverage(seed=-1), "seed"),
    ("gan-disc-nan", lambda: gan().discriminate(with_nan(ARRAY)), "x"),
    ("gan-disc-cols", lambda: gan().discriminate(np.zeros((3, 3))), "x"),
    ("gan-disc-3d", lambda: gan().discriminate(np.zeros((3, 2, 1))), "x"),
    ("gan-disc-empty", lambda: gan().discriminate(np.zeros((0, 2))), "x"),
    ("gan-disc-none", lambda: gan().discriminate(None), "x"),
    ("gan-push-cols", lambda: gan().generator_loss_gradient(np.zeros((3, 3))), "x"),
    ("gan-push-nan", lambda: gan().generator_loss_gradient(with_nan(ARRAY)), "x"),
    ("make-gan-config-str", lambda: toy_gan.make_gan("ring"), "config"),
    ("make-gan-unknown", lambda: toy_gan.make_gan(lr=0.1), "lr"),
    ("make-gan-lr-nan", lambda: toy_gan.make_gan(lr_g=NAN), "lr_g"),
    (
        "logits-loss-kind",
        lambda: toy_gan.generator_loss_from_logits(np.zeros((3, 1)), "minimax"),
        "kind",
    ),
    (
        "logits-loss-nan",
        lambda: toy_gan.generator_loss_from_logits(with_nan(np.zeros((3, 1))), "saturating"),
        "logits",
    ),
    ("d-grads-gan", lambda: toy_gan.discriminator_gradients(None, ARRAY, ARRAY), "gan"),
    (
        "d-grads-real-nan",
        lambda: toy_gan.discriminator_gradients(gan(), with_nan(ARRAY), ARRAY),
        "real",
    ),
    (
        "d-grads-fake-cols",
        lambda: toy_gan.discriminator_gradients(gan(), ARRAY, np.zeros((3, 3))),
        "fake",
    ),
    ("g-grads-z-cols", lambda: toy_gan.generator_gradients(gan(), np.zeros((3, 5))), "z"),
    ("g-grads-z-nan", lambda: toy_gan.generator_gradients(gan(), with_nan(ARRAY)), "z"),
    ("g-grads-gan", lambda: toy_gan.generator_gradients("gan", ARRAY), "gan"),
    # ---- toy_gan_data ----
    ("ring-radius-nan", lambda: toy_gan_data.ring(radius=NAN), "radius"),
    ("ring-modes-one", lambda: toy_gan_data.ring(n_modes=1), "n_modes"),
    ("ring-modes-float", lambda: toy_gan_data.ring(n_modes=8.5), "n_modes"),
    ("ring-std-zero", lambda: toy_gan_data.ring(std=0.0), "std"),
    ("ring-std-inf", lambda: toy_gan_data.ring(std=INF), "std"),
    ("bimodal-none", lambda: toy_gan_data.bimodal(None), "data"),
    (
        "bimodal-unequal",
        lambda: toy_gan_data.bimodal(Mixture1D((0.0, 1.0), (1.0, 2.0), (0.5, 0.5))),
        "data",
    ),
    ("dataset-name", lambda: toy_gan_data.dataset("moons"), "name"),
    ("dataset-none", lambda: toy_gan_data.dataset(None), "name"),
    ("toydata-sample-n", lambda: RING.sample(-1, RNG), "n"),
    ("toydata-sample-rng", lambda: RING.sample(5, None), "rng"),
    ("coverage-nan", lambda: toy_gan_data.mode_coverage(with_nan(NOISE), RING), "samples"),
    ("coverage-empty", lambda: toy_gan_data.mode_coverage(np.zeros((0, 2)), RING), "samples"),
    ("coverage-cols", lambda: toy_gan_data.mode_coverage(np.zeros((3, 3)), RING), "samples"),
    ("coverage-none", lambda: toy_gan_data.mode_coverage(None, RING), "samples"),
    ("coverage-data", lambda: toy_gan_data.mode_coverage(NOISE, None), "data"),
    ("coverage-sigmas", lambda: toy_gan_data.mode_coverage(NOISE, RING, n_sigmas=0), "n_sigmas"),
    (
        "coverage-share-zero",
        lambda: toy_gan_data.mode_coverage(NOISE, RING, min_share=0),
        "min_share",
    ),
    (
        "coverage-share-nan",
        lambda: toy_gan_data.mode_coverage(NOISE, RING, min_share=NAN),
        "min_share",
    ),
    # ---- toy_gan_nn ----
    ("mlp-sizes-zero", lambda: toy_gan_nn.MLP.create([2, 0, 1], RNG), "sizes"),
    ("mlp-sizes-float", lambda: toy_gan_nn.MLP.create([2.5, 3], RNG), "sizes"),
    ("mlp-sizes-short", lambda: toy_gan_nn.MLP.create([2], RNG), "sizes"),
    ("mlp-activation", lambda: toy_gan_nn.MLP.create([2, 1], RNG, "gelu"), "activation"),
    ("mlp-rng", lambda: toy_gan_nn.MLP.create([2, 1], 0), "rng"),
    ("mlp-forward-nan", lambda: MLP.forward(with_nan(np.zeros((3, 2)))), "x"),
    ("mlp-forward-shape", lambda: MLP(np.zeros((3, 5))), "x"),
    ("mlp-forward-none", lambda: MLP(None), "x"),
    ("mlp-backward-shape", lambda: MLP.backward(CACHE, np.zeros((4, 2))), "grad_out"),
    ("mlp-backward-nan", lambda: MLP.backward(CACHE, with_nan(np.zeros((4, 1)))), "grad_out"),
    ("adam-lr-nan", lambda: toy_gan_nn.Adam(MLP.params, lr=NAN), "lr"),
    ("adam-lr-zero", lambda: toy_gan_nn.Adam(MLP.params, lr=0.0), "lr"),
    ("adam-beta1-one", lambda: toy_gan_nn.Adam(MLP.params, beta1=1.0), "beta1"),
    ("adam-beta2-neg", lambda: toy_gan_nn.Adam(MLP.params, beta2=-0.1), "beta2"),
    ("adam-eps-zero", lambda: toy_gan_nn.Adam(MLP.params, eps=0.0), "eps"),
    ("adam-params", lambda: toy_gan_nn.Adam([1.0, 2.0]), "params"),
    ("adam-step-count", lambda: toy_gan_nn.Adam([np.zeros(3)]).step([]), "grads"),
    ("adam-step-shape", lambda: toy_gan_nn.Adam([np.zeros(3)]).step([np.zeros(1)]), "grads"),
    (
        "adam-step-nan",
        lambda: toy_gan_nn.Adam([np.zeros(3)]).step([with_nan(np.zeros(3))]),
        "grads",
    ),
    ("bce-nan", lambda: toy_gan_nn.bce_with_logits(with_nan(np.zeros((3, 1))), 1.0), "logits"),
    (
        "bce-inf",
        lambda: toy_gan_nn.bce_with_logits(with_nan(np.zeros((3, 1)), INF), 1.0),
        "logits",
    ),
    ("bce-empty", lambda: toy_gan_nn.bce_with_logits(np.zeros((0, 1)), 1.0), "logits"),
    ("bce-target", lambda: toy_gan_nn.bce_with_logits(np.zeros((3, 1)), 2.0), "target"),
    ("numgrad-loss", lambda: toy_gan_nn.numeric_gradient(None, np.zeros(3)), "loss"),
    (
        "numgrad-int-array",
        lambda: toy_gan_nn.numeric_gradient(lambda: 0.0, np.zeros(3, int)),
        "array",
    ),
    ("numgrad-list", lambda: toy_gan_nn.numeric_gradient(lambda: 0.0, [0.0, 1.0]), "array"),
    ("numgrad-h", lambda: toy_gan_nn.numeric_gradient(lambda: 0.0, np.zeros(3), h=0.0), "h"),
    (
        "numgrad-limit",
        lambda: toy_gan_nn.numeric_gradient(lambda: 0.0, np.zeros(3), limit=0),
        "limit",
    ),
    ("relerr-shape", lambda: toy_gan_nn.relative_error(np.zeros(3), np.zeros(2)), "numeric"),
    ("relerr-empty", lambda: toy_gan_nn.relative_error(np.zeros(0), np.zeros(0)), "analytic"),
    (
        "relerr-nan",
        lambda: toy_gan_nn.relative_error(np.zeros(3), with_nan(np.zeros(3))),
        "numeric",
    ),
    # ---- toy_gan_train ----
    ("gradcheck-gan", lambda: toy_gan_train.gradient_check(None), "gan"),
    ("gradcheck-seed", lambda: toy_gan_train.gradient_check(gan(), seed=-1), "seed"),
    ("gradcheck-limit", lambda: toy_gan_train.gradient_check(gan(), limit=0), "limit"),
    ("train-steps-neg", lambda: toy_gan_train.train(steps=-1, progress=False, hidden=8), "steps"),
    (
        "train-steps-float",
        lambda: toy_gan_train.train(steps=2.5, progress=False, hidden=8),
        "steps",
    ),
    (
        "train-snapshots-neg",
        lambda: toy_gan_train.train(steps=4, snapshots=-1, progress=False, hidden=8),
        "snapshots",
    ),
    (
        "train-snapshots-many",
        lambda: toy_gan_train.train(steps=4, snapshots=9, progress=False, hidden=8),
        "snapshots",
    ),
    (
        "train-noise-nan",
        lambda: toy_gan_train.train(steps=4, noise=with_nan(NOISE), progress=False, hidden=8),
        "noise",
    ),
    (
        "train-noise-cols",
        lambda: toy_gan_train.train(steps=4, noise=np.zeros((5, 3)), progress=False, hidden=8),
        "noise",
    ),
    ("train-unknown", lambda: toy_gan_train.train(steps=4, progress=False, hiden=8), "hiden"),
    ("train-config", lambda: toy_gan_train.train("ring", steps=4, progress=False), "config"),
    # ---- toy_gan_view ----
    ("view-data-none", lambda: toy_gan_view.ToyGANView(None, NOISE), "data"),
    ("view-noise-nan", lambda: toy_gan_view.ToyGANView(RING, with_nan(NOISE)), "view_noise"),
    ("view-noise-1d", lambda: toy_gan_view.ToyGANView(RING, NOISE[:, 0]), "view_noise"),
    ("view-noise-empty", lambda: toy_gan_view.ToyGANView(RING, np.zeros((0, 2))), "view_noise"),
    ("view-width", lambda: toy_gan_view.ToyGANView(RING, NOISE, width=-1), "width"),
    ("view-update-none", lambda: toy_gan_view.ToyGANView(RING, NOISE).update(None), "gan"),
    (
        "view-update-latent",
        lambda: toy_gan_view.ToyGANView(RING, NOISE[:, :1]).update(gan()),
        "view_noise",
    ),
    ("view-update-data", lambda: toy_gan_view.ToyGANView(BIMODAL, NOISE).update(gan()), "gan"),
    ("view-png-dpi", lambda: toy_gan_view.ToyGANView(RING, NOISE).png(dpi=0), "dpi"),
    ("coverage-runs-empty", lambda: toy_gan_view.plot_coverage_runs({}, NOISE), "runs"),
    ("coverage-runs-1d", lambda: toy_gan_view.plot_coverage_runs({"a": gan_1d()}, NOISE), "runs"),
    ("coverage-runs-none", lambda: toy_gan_view.plot_coverage_runs({"a": None}, NOISE), "runs"),
    (
        "coverage-runs-noise",
        lambda: toy_gan_view.plot_coverage_runs({"a": gan()}, with_nan(NOISE)),
        "view_noise",
    ),
    ("kde-nan", lambda: toy_gan_view.smoothed_density(with_nan(np.zeros(5)), X), "samples"),
    ("kde-empty", lambda: toy_gan_view.smoothed_density(np.zeros(0), X), "samples"),
    ("kde-2d", lambda: toy_gan_view.smoothed_density(np.zeros((5, 2)), X), "samples"),
    ("kde-x-nan", lambda: toy_gan_view.smoothed_density(np.zeros(5), with_nan(X)), "x"),
    ("kde-bandwidth", lambda: toy_gan_view.smoothed_density(np.zeros(5), X, 0.0), "bandwidth"),
    ("plane-panel-data", lambda: toy_gan_view.PlanePanel(axes(), BIMODAL), "data"),
    ("plane-panel-ax", lambda: toy_gan_view.PlanePanel(None, RING), "ax"),
    (
        "plane-update-nan",
        lambda: toy_gan_view.PlanePanel(axes(), RING).update(gan(), with_nan(NOISE)),
        "fake",
    ),
    ("line-panel-data", lambda: toy_gan_view.LinePanel(axes(), RING), "data"),
    (
        "line-update-shape",
        lambda: toy_gan_view.LinePanel(axes(), BIMODAL).update(gan_1d(), NOISE),
        "fake",
    ),
    # ---- evaluation (all refused before the classifier is loaded) ----
    (
        "eval-stray-pixel",
        lambda: evaluation.evaluate_digits(with_nan(digits("unit"), -0.01)),
        "images",
    ),
    (
        "eval-range-bad",
        lambda: evaluation.evaluate_digits(digits("unit"), value_range=(0, 2)),
        "value_range",
    ),
    (
        "eval-range-str",
        lambda: evaluation.evaluate_digits(digits("unit"), value_range="unit"),
        "value_range",
    ),
    (
        "eval-range-mismatch",
        lambda: evaluation.evaluate_digits(digits("symmetric"), value_range=(0, 1)),
        "images",
    ),
    (
        "eval-range-uint8",
        lambda: evaluation.evaluate_digits(digits("uint8"), value_range=(0, 1)),
        "value_range",
    ),
    ("eval-nan", lambda: evaluation.evaluate_digits(with_nan(digits("unit"))), "images"),
    ("eval-none", lambda: evaluation.evaluate_digits(None), "images"),
    ("eval-empty", lambda: evaluation.evaluate_digits(np.zeros((0, 28, 28), np.uint8)), "images"),
    ("eval-shape", lambda: evaluation.evaluate_digits(np.zeros((4, 32, 32), np.uint8)), "images"),
    (
        "eval-0-255-float",
        lambda: evaluation.evaluate_digits(digits("uint8").astype(float)),
        "images",
    ),
    ("eval-int32", lambda: evaluation.evaluate_digits(digits("uint8").astype(np.int32)), "images"),
    (
        "eval-reference-nan",
        lambda: evaluation.evaluate_digits(digits("uint8"), with_nan(digits("unit"))),
        "reference",
    ),
    (
        "eval-reference-shape",
        lambda: evaluation.evaluate_digits(digits("uint8"), np.zeros((3, 5))),
        "reference",
    ),
    (
        "eval-model",
        lambda: evaluation.evaluate_digits(digits("uint8"), model="classifier"),
        "model",
    ),
    ("bar-share-nan", lambda: evaluation.meets_quality_bar(NAN, 3.3), "confident_share"),
    ("bar-share-big", lambda: evaluation.meets_quality_bar(1.5, 3.3), "confident_share"),
    ("bar-entropy-none", lambda: evaluation.meets_quality_bar(0.9, None), "entropy"),
    ("bar-entropy-neg", lambda: evaluation.meets_quality_bar(0.9, -1.0), "entropy"),
    ("hist-range", lambda: evaluation.class_histogram(np.array([10])), "labels"),
    ("hist-float", lambda: evaluation.class_histogram(np.array([0.5])), "labels"),
    ("hist-2d", lambda: evaluation.class_histogram(np.zeros((2, 2), int)), "labels"),
    ("hist-none", lambda: evaluation.class_histogram(None), "labels"),
    (
        "hist-classes",
        lambda: evaluation.class_histogram(np.array([0]), num_classes=0),
        "num_classes",
    ),
    ("entropy-nan", lambda: evaluation.entropy_bits(np.array([1.0, NAN])), "counts"),
    ("entropy-inf", lambda: evaluation.entropy_bits(np.array([1.0, INF])), "counts"),
    ("entropy-neg", lambda: evaluation.entropy_bits(np.array([1, -1])), "counts"),
    ("entropy-2d", lambda: evaluation.entropy_bits(np.ones((2, 2))), "counts"),
    ("entropy-str", lambda: evaluation.entropy_bits(["a", "b"]), "counts"),
    ("features-nan", lambda: evaluation.feature_statistics(with_nan(np.ones((5, 3)))), "features"),
    ("features-one-row", lambda: evaluation.feature_statistics(np.ones((1, 3))), "features"),
    ("features-1d", lambda: evaluation.feature_statistics(np.ones(5)), "features"),
    (
        "frechet-a-nan",
        lambda: evaluation.frechet_distance(with_nan(np.ones((5, 3))), np.ones((5, 3))),
        "features_a",
    ),
    (
        "frechet-b-sizes",
        lambda: evaluation.frechet_distance(np.ones((5, 3)), np.ones((5, 4))),
        "features_b",
    ),
    (
        "frechet-b-tuple-shape",
        lambda: evaluation.frechet_distance(np.ones((5, 3)), (np.zeros(3), np.eye(2))),
        "features_b",
    ),
    (
        "frechet-b-tuple-nan",
        lambda: evaluation.frechet_distance(np.ones((5, 3)), (with_nan(np.zeros(3)), np.eye(3))),
        "features_b",
    ),
    ("frechet-b-none", lambda: evaluation.frechet_distance(np.ones((5, 3)), None), "features_b"),
    ("refstats-none", lambda: evaluation.reference_statistics(None), "reference"),
    (
        "refstats-stray",
        lambda: evaluation.reference_statistics(with_nan(digits(), -0.01)),
        "reference",
    ),
    ("judge-batch-zero", lambda: evaluation.judge(digits("uint8"), batch_size=0), "batch_size"),
    ("judge-images-str", lambda: evaluation.judge("digits"), "images"),
    ("noise-n-zero", lambda: evaluation.noise_digits(0), "n"),
    ("noise-seed-neg", lambda: evaluation.noise_digits(5, seed=-1), "seed"),
    ("reports-empty", lambda: evaluation.plot_reports({}), "reports"),
    ("reports-none-value", lambda: evaluation.plot_reports({"a": None}), "reports"),
    ("monitor-every-zero", lambda: evaluation.QualityMonitor(every_seconds=0), "every_seconds"),
    ("monitor-every-nan", lambda: evaluation.QualityMonitor(every_seconds=NAN), "every_seconds"),
    ("monitor-samples", lambda: evaluation.QualityMonitor(samples=0), "samples"),
    ("monitor-seed", lambda: evaluation.QualityMonitor(seed=-1), "seed"),
    (
        "monitor-reference",
        lambda: evaluation.QualityMonitor(reference=with_nan(digits())),
        "reference",
    ),
    ("quality-empty", lambda: evaluation.plot_quality([]), "records"),
    ("quality-bad-record", lambda: evaluation.plot_quality([{"step": 1}]), "records"),
    # ---- classifier (all refused before TensorFlow runs) ----
    ("clf-seed", lambda: classifier.load_classifier(seed=-1), "seed"),
    ("clf-epochs", lambda: classifier.load_classifier(epochs=0), "epochs"),
    ("clf-data", lambda: classifier.load_classifier(data="mnist"), "data"),
    ("predict-stray", lambda: classifier.predict_digits(with_nan(digits(), -0.01)), "images"),
    (
        "predict-range",
        lambda: classifier.predict_digits(digits(), value_range=(0, 255)),
        "value_range",
    ),
    ("predict-model", lambda: classifier.predict_digits(digits(), model=3), "model"),
    (
        "logits-nan",
        lambda: classifier.labels_and_confidences(with_nan(np.zeros((3, 10)))),
        "logits",
    ),
    ("logits-1d", lambda: classifier.labels_and_confidences(np.zeros(10)), "logits"),
    ("logits-empty", lambda: classifier.labels_and_confidences(np.zeros((0, 10))), "logits"),
    ("features-stray", lambda: classifier.digit_features(with_nan(digits(), -0.01)), "images"),
    ("batches-model", lambda: classifier.run_in_batches(None, digits()), "model"),
    (
        "batches-size",
        lambda: classifier.run_in_batches(lambda x, training: x, digits(), 0),
        "batch_size",
    ),
    (
        "batches-stray",
        lambda: classifier.run_in_batches(lambda x, training: x, with_nan(digits(), -0.01)),
        "images",
    ),
    ("input-stray", lambda: classifier.to_model_input(with_nan(digits(), -0.01)), "images"),
    ("input-stray-big", lambda: classifier.to_model_input(with_nan(digits(), -0.9)), "images"),
    (
        "input-noisy-unit",
        lambda: classifier.to_model_input(
            digits() + np.random.default_rng(0).normal(0, 0.05, (4, 28, 28))
        ),
        "images",
    ),
    (
        "input-unit-out-of-range",
        lambda: classifier.to_model_input(with_nan(digits(), -0.01), value_range=(0, 1)),
        "images",
    ),
    (
        "input-sym-out-of-range",
        lambda: classifier.to_model_input(digits("symmetric") * 1.5, value_range=(-1, 1)),
        "images",
    ),
    (
        "input-0-255-float",
        lambda: classifier.to_model_input(digits("uint8").astype(np.float32)),
        "images",
    ),
    ("input-bool", lambda: classifier.to_model_input(digits("uint8") > 0), "images"),
    ("input-list", lambda: classifier.to_model_input([[1, 2]]), "images"),
    ("input-inf", lambda: classifier.to_model_input(with_nan(digits(), INF)), "images"),
    # ---- latent ----
    ("lerp-nan", lambda: latent.lerp(with_nan(np.zeros(4)), np.ones(4), 5), "z0"),
    ("lerp-inf", lambda: latent.lerp(np.zeros(4), with_nan(np.ones(4), INF), 5), "z1"),
    ("lerp-length", lambda: latent.lerp(np.zeros(3), np.zeros(4), 5), "z1"),
    ("lerp-2d", lambda: latent.lerp(np.zeros((2, 3)), np.zeros((2, 3)), 5), "z0"),
    ("lerp-empty", lambda: latent.lerp(np.zeros(0), np.zeros(0), 5), "z0"),
    ("lerp-none", lambda: latent.lerp(None, np.zeros(3), 5), "z0"),
    ("lerp-steps-one", lambda: latent.lerp(np.zeros(3), np.ones(3), 1), "steps"),
    ("lerp-steps-float", lambda: latent.lerp(np.zeros(3), np.ones(3), 2.5), "steps"),
    ("lerp-steps-str", lambda: latent.lerp(np.zeros(3), np.ones(3), "5"), "steps"),
    ("slerp-nan", lambda: latent.slerp(np.ones(4), with_nan(np.ones(4)), 5), "z1"),
    ("slerp-steps-neg", lambda: latent.slerp(np.ones(4), np.zeros(4), -2), "steps"),
    ("interp-method", lambda: latent.interpolate(np.zeros(3), np.ones(3), 5, "cubic"), "method"),
    ("interp-nan", lambda: latent.interpolate(with_nan(np.ones(3)), np.ones(3), 5), "z0"),
    (
        "strip-generator-none",
        lambda: latent.interpolation_strip(None, np.zeros(4), np.ones(4)),
        "generator",
    ),
    (
        "strip-latent-size",
        lambda: latent.interpolation_strip(FakeGenerator(), np.zeros(3), np.ones(3)),
        "z0",
    ),
    (
        "strip-steps",
        lambda: latent.interpolation_strip(FakeGenerator(), np.zeros(4), np.ones(4), 0),
        "steps",
    ),
    (
        "plot-interp-nan",
        lambda: dcgan_plots.plot_interpolations(FakeGenerator(), with_nan(np.zeros(4)), np.ones(4)),
        "z0",
    ),
    (
        "plot-interp-steps",
        lambda: dcgan_plots.plot_interpolations(FakeGenerator(), np.zeros(4), np.ones(4), 1),
        "steps",
    ),
    ("slider-generator", lambda: dcgan_panel.seed_slider(None), "generator"),
    ("slider-count", lambda: dcgan_panel.seed_slider(FakeGenerator(), count=0), "count"),
    ("slider-scale", lambda: dcgan_panel.seed_slider(FakeGenerator(), scale=0), "scale"),
    ("widget-steps", lambda: dcgan_panel.interpolation_widget(FakeGenerator(), steps=1), "steps"),
    ("widget-generator", lambda: dcgan_panel.interpolation_widget("generator"), "generator"),
    ("widget-scale", lambda: dcgan_panel.interpolation_widget(FakeGenerator(), scale=-1), "scale"),
    ("write-sample", lambda: latent.write_digits(None, 5, "/tmp/x"), "sample"),
    ("write-n", lambda: latent.write_digits(lambda n, s: digits("uint8", n), 0, "/tmp/x"), "n"),
    (
        "write-confidence",
        lambda: latent.write_digits(
            lambda n, s: digits("uint8", n), 5, "/tmp/x", min_confidence=1.5
        ),
        "min_confidence",
    ),
    (
        "write-confidence-nan",
        lambda: latent.write_digits(
            lambda n, s: digits("uint8", n), 5, "/tmp/x", min_confidence=NAN
        ),
        "min_confidence",
    ),
    (
        "write-fmt",
        lambda: latent.write_digits(lambda n, s: digits("uint8", n), 5, "/tmp/x", fmt="jpg"),
        "fmt",
    ),
    (
        "write-seed",
        lambda: latent.write_digits(lambda n, s: digits("uint8", n), 5, "/tmp/x", seed=-1),
        "seed",
    ),
    (
        "write-batch",
        lambda: latent.write_digits(lambda n, s: digits("uint8", n), 5, "/tmp/x", batch=0),
        "batch",
    ),
    (
        "write-max-batches",
        lambda: latent.write_digits(lambda n, s: digits("uint8", n), 5, "/tmp/x", max_batches=0),
        "max_batches",
    ),
    (
        "write-folder",
        lambda: latent.write_digits(lambda n, s: digits("uint8", n), 5, None),
        "folder",
    ),
    (
        "write-float-digits",
        lambda: latent.write_digits(
            lambda n, s: digits("unit", n), 5, "/tmp/datagen-lab-never-written"
        ),
        "sample",
    ),
    (
        "write-shape",
        lambda: latent.write_digits(
            lambda n, s: np.zeros((n, 32, 32), np.uint8), 5, "/tmp/datagen-lab-never-written"
        ),
        "sample",
    ),
    ("read-folder", lambda: latent.read_digits(None), "folder"),
    ("read-confidence", lambda: latent.read_digits("/tmp", min_confidence=NAN), "min_confidence"),
    # ---- dashboard ----
    ("smooth-nan", lambda: dcgan_plots.smooth(np.array([1.0, NAN])), "values"),
    ("smooth-2d", lambda: dcgan_plots.smooth(np.ones((2, 2))), "values"),
    ("smooth-str", lambda: dcgan_plots.smooth(["a"]), "values"),
    ("smooth-weight-one", lambda: dcgan_plots.smooth(np.ones(3), weight=1.0), "weight"),
    ("smooth-weight-neg", lambda: dcgan_plots.smooth(np.ones(3), weight=-0.1), "weight"),
    ("smooth-weight-nan", lambda: dcgan_plots.smooth(np.ones(3), weight=NAN), "weight"),
    ("training-trainer", lambda: dcgan_plots.plot_training(None), "trainer"),
    (
        "training-preview-float",
        lambda: dcgan_plots.plot_training(FakeTrainer(), preview=digits("unit")),
        "preview",
    ),
    (
        "training-preview-shape",
        lambda: dcgan_plots.plot_training(FakeTrainer(), preview=np.zeros((2, 5), np.uint8)),
        "preview",
    ),
    ("training-title", lambda: dcgan_plots.plot_training(FakeTrainer(), title=3), "title"),
    ("live-every-nan", lambda: dcgan_panel.LiveDashboard(every_seconds=NAN), "every_seconds"),
    ("live-every-neg", lambda: dcgan_panel.LiveDashboard(every_seconds=-1), "every_seconds"),
    ("live-every-str", lambda: dcgan_panel.LiveDashboard(every_seconds="5"), "every_seconds"),
]


@pytest.mark.parametrize(
    ("call", "argument"), [row[1:] for row in CLEAR_ERRORS], ids=[row[0] for row in CLEAR_ERRORS]
)
def test_bad_input_gets_a_clear_error(call, argument):
    import matplotlib.pyplot as plt

    try:
        assert_clear_error(call, argument)
    finally:
        plt.close("all")


def _same(a, b) -> bool:
    return np.array_equal(np.asarray(a), np.asarray(b))


def _checker_says_no(verdict) -> bool:
    return not verdict.ok and bool(verdict.message)


# (id, call, a predicate the result must satisfy): inputs that are fine, or edge cases with a
# right answer (infinite KL, saturated sigmoid, a lone snapshot, a learner's odd answer).
CORRECT = [
    (
        "sigmoid-inf",
        lambda: gan_math.sigmoid(np.array([-INF, INF])),
        lambda r: _same(r, [0.0, 1.0]),
    ),
    ("sigmoid-list", lambda: gan_math.sigmoid([0.0]), lambda r: _same(r, [0.5])),
    ("format-inf", lambda: gan_math.format_nats(INF), lambda r: r == "+inf"),
    ("format-numpy", lambda: gan_math.format_nats(np.float32(-0.00001)), lambda r: r == "+0.0000"),
    (
        "kl-off-support",
        lambda: gan_math.kl_divergence(
            gaussian_pdf(X, -6, 0.3),
            gaussian_pdf(X, 6, 0.3) * (X > 0) / integrate(gaussian_pdf(X, 6, 0.3) * (X > 0), X),
            X,
        ),
        lambda r: r == INF,
    ),
    (
        "dstar-unnormalised",
        lambda: gan_math.optimal_discriminator(2 * P, 2 * P),
        lambda r: np.allclose(r, 0.5),
    ),
    (
        "dstar-both-zero",
        lambda: gan_math.optimal_discriminator(np.zeros(3), np.zeros(3)),
        lambda r: np.allclose(r, 0.5),
    ),
    (
        "loss-d-zero-sat",
        lambda: gan_math.generator_loss(np.array([0.0]), "saturating"),
        lambda r: _same(r[0], [0.0]),
    ),
    (
        "loss-0d",
        lambda: gan_math.generator_loss(np.array(0.5)),
        lambda r: np.isclose(r[0], np.log(2)),
    ),
    (
        "disc-bool",
        lambda: gan_math.check_discriminator(np.array([True, False])),
        lambda r: _same(r, [1.0, 0.0]),
    ),
    ("grid-int-ends", lambda: grid(-1, 1, 3), lambda r: _same(r, [-1.0, 0.0, 1.0])),
    ("grid-numpy-n", lambda: grid(0.0, 1.0, np.int64(5)), lambda r: len(r) == 5),
    ("two-mode-gap-zero", lambda: gan_math.two_mode(gap=0.0).means, lambda r: r == (0.0, 0.0)),
    (
        "mc-2d-samples",
        lambda: gan_math.value_monte_carlo(lambda x: 0 * x + 0.5, np.ones((3, 1)), np.ones((3, 1)))[
            0
        ],
        lambda r: np.isclose(r, -np.log(4)),
    ),
    ("integrate-list", lambda: integrate([1.0, 1.0], [0.0, 2.0]), lambda r: r == 2.0),
    (
        "mixture-sample-numpy-n",
        lambda: gan_math.DATA.sample(np.int32(4), RNG).shape,
        lambda r: r == (4,),
    ),
    (
        "coverage-share-one",
        lambda: (
            toy_gan_data.mode_coverage(np.repeat(RING.centres, 10, 0), RING, min_share=1.0).covered
        ),
        lambda r: r == 8,
    ),
    ("gan-step-zero", lambda: gan().steps - gan().step(0).steps, lambda r: r == 0),
    (
        "gan-disc-1d-for-bimodal",
        lambda: gan_1d().discriminate(np.zeros(3)).shape,
        lambda r: r == (3,),
    ),
    ("config-lr-one", lambda: toy_gan.ToyGANConfig(lr_d=1.0).lr_d, lambda r: r == 1.0),
    (
        "train-one-snapshot",
        lambda: [
            s for s, _ in toy_gan_train.train(steps=3, snapshots=1, progress=False, hidden=8)[1]
        ],
        lambda r: r == [0],
    ),
    (
        "train-zero-steps",
        lambda: toy_gan_train.train(steps=0, snapshots=1, progress=False, hidden=8)[1][0][0],
        lambda r: r == 0,
    ),
    (
        "trainer-keeps-lr",
        lambda: (
            gan_panel.gan_trainer(replace(toy_gan.BALANCED, hidden=8, lr_d=0.05, d_steps=12)).config
        ),
        lambda c: c.lr_d == 0.05 and c.d_steps == 12,
    ),
    (
        "trainer-keeps-steps",
        lambda: (
            gan_panel.gan_trainer(
                replace(toy_gan.BALANCED, hidden=8), steps_per_frame=500
            ).steps_per_frame.value
        ),
        lambda r: r == 500,
    ),
    (
        "bce-soft-target",
        lambda: toy_gan_nn.bce_with_logits(np.zeros((2, 1)), 0.9)[0],
        lambda r: np.isclose(r, np.log(2)),
    ),
    (
        "kde-x-list",
        lambda: toy_gan_view.smoothed_density(np.zeros(1), [0.0, 1.0]).shape,
        lambda r: r == (2,),
    ),
    (
        "kde-list-samples",
        lambda: toy_gan_view.smoothed_density([0.0], np.array([0.0])),
        lambda r: np.isclose(r[0], 1 / (0.2 * np.sqrt(2 * np.pi))),
    ),
    ("entropy-empty-histogram", lambda: evaluation.entropy_bits(np.zeros(10)), lambda r: r == 0.0),
    (
        "hist-empty-labels",
        lambda: evaluation.class_histogram(np.zeros(0, int)),
        lambda r: _same(r, np.zeros(10)),
    ),
    (
        "bar-numpy-numbers",
        lambda: evaluation.meets_quality_bar(np.float32(0.85), np.float64(3.3)),
        lambda r: r is True,
    ),
    (
        "frechet-tuple",
        lambda: evaluation.frechet_distance(
            np.array([[1.0, 0], [-1, 0]]), (np.zeros(2), np.eye(2))
        ),
        lambda r: np.isfinite(r),
    ),
    (
        "input-unit",
        lambda: classifier.to_model_input(digits("unit")),
        lambda r: _same(r, classifier.to_model_input(digits("uint8"))),
    ),
    (
        "input-symmetric",
        lambda: classifier.to_model_input(digits("symmetric")),
        lambda r: np.allclose(r, classifier.to_model_input(digits("uint8")), atol=1e-6),
    ),
    (
        "input-explicit-unit",
        lambda: classifier.to_model_input(digits("unit"), value_range=(0, 1)),
        lambda r: _same(r, classifier.to_model_input(digits("uint8"))),
    ),
    (
        "input-explicit-symmetric-bright",
        lambda: classifier.to_model_input(np.full((1, 28, 28), 0.5), value_range=(-1, 1)),
        lambda r: np.allclose(r, 0.75),
    ),
    (
        "input-explicit-uint8",
        lambda: classifier.to_model_input(digits("uint8"), value_range=(0, 255)),
        lambda r: _same(r, classifier.to_model_input(digits("uint8"))),
    ),
    (
        "input-channel-axis",
        lambda: classifier.to_model_input(digits("uint8")[..., None]).shape,
        lambda r: r == (4, 28, 28, 1),
    ),
    (
        "lerp-lists",
        lambda: latent.lerp([0.0, 0.0], [2.0, 2.0], 3),
        lambda r: _same(r[1], [1.0, 1.0]),
    ),
    (
        "slerp-zero-vector",
        lambda: latent.slerp(np.zeros(2), np.ones(2), 3),
        lambda r: _same(r[1], [0.5, 0.5]),
    ),
    ("smooth-empty", lambda: dcgan_plots.smooth(np.array([])), lambda r: r.size == 0),
    (
        "smooth-weight-zero",
        lambda: dcgan_plots.smooth(np.array([1.0, 3.0]), weight=0.0),
        lambda r: _same(r, [1.0, 3.0]),
    ),
    (
        "live-every-zero",
        lambda: dcgan_panel.LiveDashboard(every_seconds=0).every,
        lambda r: r == 0.0,
    ),
    # Exercise checkers answer every input with feedback, never an exception.
    ("ex-optimal-d-nan", lambda: gan_exercises.check_optimal_d(NAN), _checker_says_no),
    (
        "ex-matching-nan",
        lambda: gan_exercises.check_matching_generator(NAN, NAN, NAN),
        _checker_says_no,
    ),
    (
        "ex-matching-str",
        lambda: gan_exercises.check_matching_generator("0", "0.7", "0.6"),
        _checker_says_no,
    ),
    (
        "ex-gradient-nan",
        lambda: gan_exercises.check_non_saturating_gradient(lambda d: d * NAN),
        _checker_says_no,
    ),
    (
        "ex-gradient-not-callable",
        lambda: gan_exercises.check_non_saturating_gradient(3),
        _checker_says_no,
    ),
    (
        "ex-three-modes-nan",
        lambda: gan_exercises.check_three_modes(np.full((1000, 2), NAN)),
        _checker_says_no,
    ),
    ("ex-three-modes-list", lambda: gan_exercises.check_three_modes([[0, 0]]), _checker_says_no),
    (
        "ex-equilibrium-str",
        lambda: dcgan_exercises.check_equilibrium("a", "b"),
        _checker_says_no,
    ),
    ("ex-entropy-nan", lambda: dcgan_exercises.check_entropy(NAN), _checker_says_no),
    ("ex-midpoint-inf", lambda: dcgan_exercises.check_lerp_midpoint(INF), _checker_says_no),
    (
        "ex-confident-set-str",
        lambda: dcgan_exercises.check_confident_set("digits"),
        _checker_says_no,
    ),
]


@pytest.mark.parametrize(
    ("call", "holds"), [row[1:] for row in CORRECT], ids=[row[0] for row in CORRECT]
)
def test_fine_input_gets_a_correct_result(call, holds):
    import matplotlib.pyplot as plt

    try:
        result = call()
    finally:
        plt.close("all")
    assert holds(result), f"unexpected result {result!r}"


def test_density_errors_print_as_before():
    """Lesson 3 prints these messages (its stored outputs are compared): they must not change."""
    with pytest.raises(ValueError) as mass:
        check_density(2 * P, X, name="p_data")
    assert str(mass.value) == (
        "p_data integrates to 2.000000 on [-12, 12], not 1. Pass normalize=True to rescale it, "
        "or widen the grid if part of its mass lies outside."
    )
    with pytest.raises(ValueError) as negative:
        check_density(P - 0.01, X, name="p_data")
    assert str(negative.value) == (
        "p_data is negative (min -0.01 at x=-12); a density is >= 0 everywhere."
    )
    with pytest.raises(ValueError) as logits:
        gan_math.value_exact(1.2 * X + 0.3, P, Q, X)
    assert str(logits.value) == (
        "D(x) must lie in (0, 1): it is the probability that x is real. Got values in "
        "[-14.1, 14.7]; if these are logits, apply a sigmoid first."
    )


def test_a_stray_pixel_no_longer_flips_the_range_and_the_message_says_what_to_do():
    batch = with_nan(digits("unit"), -0.01)
    error = assert_clear_error(lambda: classifier.to_model_input(batch), "images")
    assert "value_range" in str(error) and "-0.01" in str(error)


def test_toy_gan_results_are_finite_after_training():
    trained = toy_gan.make_gan(hidden=8, seed=3).step(20)
    for key, values in trained.history.items():
        assert_finite(values, key)
    assert_finite(trained.sample(10))


@pytest.fixture(scope="module")
def model():
    return classifier.load_classifier()


def test_explicit_ranges_give_the_verdict_of_uint8_digits(model, mnist):
    """The issue's example: a [0, 1] batch judged as [0, 1], never as [-1, 1]."""
    real = mnist.test_images[:200]
    as_uint8 = evaluation.evaluate_digits(real, model=model)
    as_unit = evaluation.evaluate_digits(real / 255.0, model=model, value_range=(0, 1))
    as_tanh = evaluation.evaluate_digits(real / 127.5 - 1.0, model=model, value_range=(-1, 1))
    for report in (as_unit, as_tanh):
        assert report.mean_confidence == pytest.approx(as_uint8.mean_confidence, abs=1e-4)
        np.testing.assert_array_equal(report.histogram, as_uint8.histogram)
    stray = real / 255.0
    stray[0, 0, 0] = -0.01
    assert_clear_error(lambda: evaluation.evaluate_digits(stray, model=model), "images")
    clipped = evaluation.evaluate_digits(np.clip(stray, 0, 1), model=model, value_range=(0, 1))
    assert clipped.mean_confidence == pytest.approx(as_uint8.mean_confidence, abs=1e-3)
