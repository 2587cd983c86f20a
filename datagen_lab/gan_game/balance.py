"""Balanced is not converged: what the losses of a toy GAN say, and what they cannot.

At the equilibrium of the minimax game (Goodfellow et al., 2014, Theorem 1) the discriminator is
1/2 everywhere and its loss is log 4. The converse is false: *any* generator scores V(D, G) =
-log 4 against a discriminator that says 1/2 everywhere, so losses flat at log 4 show only that
*this* discriminator cannot tell data from fakes, not that the best one could not. The optimal
discriminator D* of the same generator can still separate them, and V(D*, G) = -log 4 + 2 JSD
measures by how much.

:func:`balance_check` puts the two side by side for a toy GAN on the 1-D mixture: the numbers a
training curve shows (recent losses, D on the data) and the ones it hides (how far the
generator's density is from the data, and what D* would score).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import InputError, check_int, check_number
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game.toy_gan import ToyGAN, _check_gan
from datagen_lab.gan_game.toy_view import smoothed_density
from datagen_lab.i18n import padded, t

GRID_POINTS = 300  # the grid of the lesson's 1-D picture (toy_view.LinePanel)


@dataclass(frozen=True)
class Balance:
    """What a 1-D toy GAN's curves show, and what its densities show. Densities in nats.

    Attributes:
        steps: training steps taken; last: how many recent steps the means below cover.
        d_loss, d_real, d_fake: mean over the last steps of the discriminator's loss, of D on
            data and of D on fakes (the curves of the picture).
        support: (lo, hi), the data's modes +- ``support_sigmas`` stds; support_mass: the
            share of the data inside it.
        d_range: (min, max) of the network's D(x) on the support.
        d_star_range: (min, max) of D* = p_data / (p_data + p_g) on the support.
        jsd: JSD(p_data || p_g), p_g smoothed from G of the view noise (the picture's title).
        jsd_real: the same for as many *real* samples, smoothed alike: what smoothing and a
            finite sample alone give, the floor a perfect generator would reach.
        generator_means, generator_stds, data_std: the mean and std of the generator's
            samples around each data mode (each sample assigned to its nearest mode), and the
            data's own std.
        value_d, value_d_star: V(D, G) for the network's D and for D* (= -log 4 + 2 JSD).
    """

    steps: int
    last: int
    d_loss: float
    d_real: float
    d_fake: float
    support: tuple[float, float]
    support_mass: float
    d_range: tuple[float, float]
    d_star_range: tuple[float, float]
    jsd: float
    jsd_real: float
    generator_means: tuple[float, ...]
    generator_stds: tuple[float, ...]
    data_std: float
    value_d: float
    value_d_star: float

    def __str__(self) -> str:
        lo, hi = self.support
        stds = ", ".join(f"{s:.2f}" for s in self.generator_stds)
        means = ", ".join(f"{m:.2f}" for m in self.generator_means)
        data_means = ", ".join(f"{m:g}" for m in gan_math.DATA.means)
        lines = [
            t(
                "after {steps:,} steps, means over the last {last}:",
                steps=self.steps,
                last=self.last,
            ),
            t(
                "what the curves show: D loss {d_loss:.3f} (log 4 = {log4:.3f}), mean D(x) "
                "{d_real:.3f}, mean D(G(z)) {d_fake:.3f}",
                d_loss=self.d_loss,
                log4=gan_math.LOG4,
                d_real=self.d_real,
                d_fake=self.d_fake,
            ),
            t(
                "the network's D on [{lo:g}, {hi:g}] ({mass:.0%} of the data): from {low:.3f} to "
                "{high:.3f}",
                lo=lo,
                hi=hi,
                mass=self.support_mass,
                low=self.d_range[0],
                high=self.d_range[1],
            ),
            t(
                "what the densities show: D* there from {low:.3f} to {high:.3f}",
                low=self.d_star_range[0],
                high=self.d_star_range[1],
            ),
            t(
                "JSD(p_data || p_g) {jsd:.4f}; real samples smoothed alike {jsd_real:.4f}",
                jsd=self.jsd,
                jsd_real=self.jsd_real,
            ),
            t(
                "generator modes: means {means}, stds {stds}; the data's: means {data_means}, "
                "std {data_std:.2f}",
                means=means,
                stds=stds,
                data_means=data_means,
                data_std=self.data_std,
            ),
            t(
                "V(D, G) with the network's D {value_d:.4f}; with D* {value_d_star:.4f} "
                "(-log 4 = {minus_log4:.4f})",
                value_d=self.value_d,
                value_d_star=self.value_d_star,
                minus_log4=-gan_math.LOG4,
            ),
        ]
        return "\n".join(lines[:1] + ["  " + line for line in lines[1:]])


def balance_check(
    gan: ToyGAN,
    view_noise: np.ndarray,
    last: int = 200,
    support_sigmas: float = 2.0,
    seed: int = 0,
) -> Balance:
    """Measure a 1-D toy GAN against the equilibrium: its curves, and its densities.

    Args:
        gan: a trained :class:`~datagen_lab.gan_game.toy_gan.ToyGAN` on the 1-D mixture
            (``data="bimodal"``), with at least ``last`` steps.
        view_noise: finite latent vectors (N, latent_dim), N >= 2: the generator samples
            measured (use the picture's, so the numbers describe what it shows).
        last: recent steps over which the curves are averaged, >= 1.
        support_sigmas: half-width of the data's support around each mode, in stds, > 0.
        seed: draws the real samples of the smoothing floor ``jsd_real``.

    Returns:
        A :class:`Balance`; ``print`` it for a readable summary.
    """
    last = _check_run(gan, 1, "a toy GAN on the 1-D mixture: train(..., data='bimodal')", last)
    support_sigmas = check_number(
        support_sigmas, "support_sigmas", low=0.0, low_open=True, what="stds around each mode"
    )
    fake = _generator_samples(gan, view_noise)
    real = gan.data.sample(len(fake), np.random.default_rng(seed))[:, 0]
    x = np.linspace(*gan.data.limits, GRID_POINTS)
    p_data = gan_math.check_density(gan_math.DATA.pdf(x), x, normalize=True)
    p_g = gan_math.check_density(smoothed_density(fake, x), x, normalize=True)
    p_real = gan_math.check_density(smoothed_density(real, x), x, normalize=True)
    d = gan.discriminate(x[:, None])
    d_star = gan_math.optimal_discriminator(p_data, p_g)
    centres = gan.data.centres[:, 0]
    lo = float(centres.min() - support_sigmas * gan.data.std)
    hi = float(centres.max() + support_sigmas * gan.data.std)
    inside = (x >= lo) & (x <= hi)
    nearest = np.abs(fake[:, None] - centres[None, :]).argmin(axis=1)
    recent = {
        key: float(np.mean(gan.history[key][-last:])) for key in ("d_loss", "d_real", "d_fake")
    }
    return Balance(
        steps=gan.steps,
        last=last,
        **recent,
        support=(lo, hi),
        support_mass=_mixture_mass(lo, hi),
        d_range=(float(d[inside].min()), float(d[inside].max())),
        d_star_range=(float(d_star[inside].min()), float(d_star[inside].max())),
        jsd=gan_math.js_divergence(p_data, p_g, x),
        jsd_real=gan_math.js_divergence(p_data, p_real, x),
        generator_means=_per_mode(fake, nearest, len(centres), np.mean),
        generator_stds=_per_mode(fake, nearest, len(centres), np.std),
        data_std=float(gan.data.std),
        value_d=gan_math.value_exact(np.clip(d, 1e-12, 1 - 1e-12), p_data, p_g, x),
        value_d_star=gan_math.value_exact(d_star, p_data, p_g, x),
    )


def _generator_samples(gan: ToyGAN, view_noise: np.ndarray, width: int = 1) -> np.ndarray:
    """G(view_noise), checked: (N,) for 1-D data (``width`` 1), else (N, width)."""
    expected = f"a finite float array (N, {gan.config.latent_dim}), N >= 2: latent vectors"
    try:
        noise = np.asarray(view_noise, dtype=float)
    except (TypeError, ValueError):
        raise InputError("view_noise", view_noise, expected) from None
    if (
        noise.ndim != 2
        or noise.shape[0] < 2
        or noise.shape[1] != gan.config.latent_dim
        or not np.isfinite(noise).all()
    ):
        raise InputError("view_noise", view_noise, expected)
    samples = gan.generator(noise)
    return samples[:, 0] if width == 1 else samples


def _per_mode(samples: np.ndarray, nearest: np.ndarray, modes: int, statistic) -> tuple:
    """``statistic`` of the samples nearest each mode (NaN for a mode that has none)."""
    return tuple(
        float(statistic(samples[nearest == mode])) if np.any(nearest == mode) else float("nan")
        for mode in range(modes)
    )


def _mixture_mass(lo: float, hi: float) -> float:
    """The share of the lesson's data mixture between ``lo`` and ``hi`` (exact, via erf)."""
    from math import erf, sqrt

    data = gan_math.DATA
    return float(
        sum(
            w * 0.5 * (erf((hi - m) / (s * sqrt(2))) - erf((lo - m) / (s * sqrt(2))))
            for m, s, w in zip(data.means, data.stds, data.weights, strict=True)
        )
    )


@dataclass(frozen=True)
class RingState:
    """A 2-D toy GAN on the ring: its recent curves, its decision surface and its samples.

    Attributes:
        steps, last, d_loss, d_real, d_fake: as in :class:`Balance`.
        d_box: (min, max) of D(x) over the picture's square (a 60 x 60 grid).
        d_modes: D at each of the ring's mode centres.
        d_far_fakes: median D on the samples farther than ``far`` from every mode (NaN if none).
        far_share: the share of samples that far.
        spread: the radius around the samples' mean that holds 90% of them (the ring's radius
            is 2: a collapsed generator sits well inside it).
    """

    steps: int
    last: int
    d_loss: float
    d_real: float
    d_fake: float
    d_box: tuple[float, float]
    d_modes: tuple[float, ...]
    d_far_fakes: float
    far_share: float
    spread: float


def ring_state(gan: ToyGAN, view_noise: np.ndarray, last: int = 200, far: float = 0.5) -> RingState:
    """Measure a toy GAN trained on the ring (``data="ring"``), for the samples G(view_noise).

    Args:
        gan: trained on the 2-D ring, with at least ``last`` steps; view_noise: finite
            (N, latent_dim), N >= 2; last >= 1; far > 0: the distance from every mode beyond
            which a sample counts as "a fake away from the data".
    """
    last = _check_run(gan, 2, "a toy GAN on the 2-D ring: train(..., data='ring')", last)
    far = check_number(far, "far", low=0.0, low_open=True, what="a distance from the modes")
    fake = _generator_samples(gan, view_noise, width=2)
    lo, hi = gan.data.limits
    axis = np.linspace(lo, hi, 60)
    box = gan.discriminate(np.stack([c.ravel() for c in np.meshgrid(axis, axis)], axis=1))
    distance = np.linalg.norm(fake[:, None, :] - gan.data.centres[None, :, :], axis=2).min(axis=1)
    away = fake[distance > far]
    recent = {
        key: float(np.mean(gan.history[key][-last:])) for key in ("d_loss", "d_real", "d_fake")
    }
    return RingState(
        steps=gan.steps,
        last=last,
        **recent,
        d_box=(float(box.min()), float(box.max())),
        d_modes=tuple(float(v) for v in gan.discriminate(gan.data.centres)),
        d_far_fakes=float(np.median(gan.discriminate(away))) if len(away) else float("nan"),
        far_share=float(len(away) / len(fake)),
        spread=float(np.percentile(np.linalg.norm(fake - fake.mean(axis=0), axis=1), 90)),
    )


def _check_run(gan: ToyGAN, dim: int, expected: str, last: int) -> int:
    """Check a trained toy GAN on ``dim``-D data with at least ``last`` steps; return ``last``."""
    _check_gan(gan)
    if gan.data.dim != dim:
        raise InputError("gan", gan, expected)
    last = check_int(last, "last", low=1, what="recent training steps to average")
    if gan.steps < last:
        raise InputError(
            "last", last, f"at most the steps trained ({gan.steps}); train longer or pass less"
        )
    return last


# gan_game.pad: lesson 3's tables line up in Chinese (a Chinese character is two columns).
pad = padded
