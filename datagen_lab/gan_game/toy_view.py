"""A redrawable picture of a toy GAN in training, in the spirit of GAN Lab (Kahng et al., 2019).

:class:`ToyGANView` builds its matplotlib figure once and afterwards only moves the artists
(samples, decision surface, curves), so a frame costs about a tenth of a second and the play
button of :mod:`datagen_lab.gan_game.panel` can redraw after every few training steps.

Panels: the data space (data, generator samples G(z) for a fixed z, and the discriminator's
D(x): a coloured surface in 2-D with arrows showing where the generator's gradient pushes each
sample; a curve beside D* in 1-D), the two losses, and the mean of D on data and on fakes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datagen_lab.checks import InputError, check_array, check_number
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game.plots import D_COLOUR, DATA_COLOUR, GEN_COLOUR, to_png
from datagen_lab.gan_game.toy_data import ToyData, mode_coverage
from datagen_lab.gan_game.toy_gan import ToyGAN, _check_gan
from datagen_lab.i18n import t

SURFACE_POINTS = 60
ARROWS = 40


class PlanePanel:
    """2-D data space: D(x) as a colour surface, data and fake samples, generator push arrows."""

    def __init__(self, ax, data: ToyData, colorbar: bool = True, arrows: bool = True) -> None:
        _check_axes(ax)
        _check_data(data, 2, "ring()")
        lo, hi = data.limits
        axis = np.linspace(lo, hi, SURFACE_POINTS)
        self.points = np.stack([c.ravel() for c in np.meshgrid(axis, axis)], axis=1)
        empty = np.full((SURFACE_POINTS, SURFACE_POINTS), 0.5)
        self.surface = ax.imshow(
            empty, extent=(lo, hi, lo, hi), origin="lower", cmap="PiYG", vmin=0, vmax=1, alpha=0.8
        )
        if colorbar:
            bar = ax.figure.colorbar(self.surface, ax=ax, fraction=0.046, pad=0.02)
            bar.ax.set_title("D(x)", fontsize=8)
        real = data.sample(500, np.random.default_rng(0))
        ax.scatter(*real.T, s=3, color=DATA_COLOUR, alpha=0.6, label=t("data"))
        self.fake = ax.scatter([], [], s=3, color=GEN_COLOUR, alpha=0.8, label="G(z)")
        zeros = np.zeros(ARROWS)
        self.arrows = ax.quiver(
            zeros, zeros, zeros, zeros, color="black", width=0.004, scale=25, alpha=0.6
        )
        self.arrows.set_visible(arrows)
        ax.set(xlim=(lo, hi), ylim=(lo, hi), aspect="equal", xticks=[], yticks=[])
        ax.legend(loc="lower left", fontsize=7, markerscale=3, framealpha=0.7)

    def update(self, gan, fake: np.ndarray) -> str:
        """Redraw for the current networks; ``fake`` are the samples to show (N, 2).

        Returns:
            A status line: how many of the ring's modes ``fake`` covers.
        """
        _check_gan(gan)
        fake = _samples(fake, "fake", 2)
        self.surface.set_data(gan.discriminate(self.points).reshape(SURFACE_POINTS, SURFACE_POINTS))
        self.fake.set_offsets(fake)
        if self.arrows.get_visible():
            few = fake[np.linspace(0, len(fake) - 1, ARROWS).astype(int)]
            push = -gan.generator_loss_gradient(few)
            push /= np.linalg.norm(push, axis=1, keepdims=True) + 1e-12
            self.arrows.set_offsets(few)
            self.arrows.set_UVC(push[:, 0], push[:, 1])
        coverage = mode_coverage(fake, gan.data)
        return t(
            "{covered}/{modes} modes covered", covered=coverage.covered, modes=coverage.n_modes
        )


class LinePanel:
    """1-D data space: p_data, a smoothed density of G(z), D(x), and D* computed from the two."""

    def __init__(self, ax, data: ToyData) -> None:
        _check_axes(ax)
        _check_data(data, 1, "bimodal()")
        lo, hi = data.limits
        self.x = np.linspace(lo, hi, 300)
        self.p_data = gan_math.DATA.pdf(self.x)
        ax.fill_between(self.x, self.p_data, color=DATA_COLOUR, alpha=0.35, label="$p_{data}$")
        (self.p_g,) = ax.plot(
            self.x, 0 * self.x, color=GEN_COLOUR, lw=2, label=t("$p_g$ (smoothed G(z))")
        )
        ax.set(xlim=(lo, hi), ylim=(0, 0.8), xlabel="x")
        twin = ax.twinx()
        (self.d,) = twin.plot(self.x, 0 * self.x + 0.5, color=D_COLOUR, lw=2, label="D(x)")
        (self.d_star,) = twin.plot(
            self.x, 0 * self.x + 0.5, color=D_COLOUR, ls="--", lw=1, label=t("D* for this $p_g$")
        )
        twin.set(ylim=(-0.02, 1.02))
        handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
        ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.7)

    def update(self, gan, fake: np.ndarray) -> str:
        """Redraw for the current networks; ``fake`` are the samples to show (N, 1).

        Returns:
            A status line: the JSD between p_data and the smoothed density of ``fake``.
        """
        _check_gan(gan)
        fake = _samples(fake, "fake", 1)
        p_g = smoothed_density(fake[:, 0], self.x)
        self.p_g.set_ydata(p_g)
        self.d.set_ydata(gan.discriminate(self.x[:, None]))
        self.d_star.set_ydata(gan_math.optimal_discriminator(self.p_data, p_g))
        p_data = gan_math.check_density(self.p_data, self.x, normalize=True)
        p_g = gan_math.check_density(p_g, self.x, normalize=True)
        return f"JSD(p_data ‖ p_g) ≈ {gan_math.js_divergence(p_data, p_g, self.x):.3f}"


class ToyGANView:
    """The whole training picture for one GAN configuration; call :meth:`update`, then :meth:`png`.

    Args:
        data: the GAN's dataset (decides 1-D or 2-D drawing).
        view_noise: fixed noise (N, latent_dim): every frame shows G of the same z.
        width: figure width in inches.
    """

    def __init__(self, data: ToyData, view_noise: np.ndarray, width: float = 11.0) -> None:
        _check_data(data, None, "ring() or bimodal()")
        view_noise = _samples(view_noise, "view_noise", None, "latent vectors (N, latent_dim)")
        width = check_number(width, "width", low=0.0, low_open=True, what="inches")
        self.data, self.view_noise = data, view_noise
        self.figure = Figure(figsize=(width, width * 0.3))
        self.figure.subplots_adjust(left=0.05, right=0.98, bottom=0.14, top=0.9, wspace=0.35)
        space, losses, outputs = self.figure.subplots(
            1, 3, gridspec_kw={"width_ratios": [1.2, 1, 1]}
        )
        self.space = space
        self.panel = PlanePanel(space, data) if data.dim == 2 else LinePanel(space, data)
        self.curves = {
            "d_loss": losses.plot([], [], lw=1, label=t("D loss"))[0],
            "g_loss": losses.plot([], [], lw=1, label=t("G loss"))[0],
            "d_real": outputs.plot([], [], lw=1, color=DATA_COLOUR, label=t("mean D(x) on data"))[
                0
            ],
            "d_fake": outputs.plot([], [], lw=1, color=GEN_COLOUR, label=t("mean D(G(z))"))[0],
        }
        losses.axhline(
            gan_math.LOG4, color="grey", ls=":", lw=1, label=t("D loss at equilibrium: log 4")
        )
        outputs.axhline(0.5, color="grey", ls=":", lw=1, label=t("equilibrium: 1/2"))
        losses.set(xlabel=t("step"), title=t("Losses"))
        outputs.set(xlabel=t("step"), ylim=(0, 1.4), yticks=np.linspace(0, 1, 6))
        outputs.set_title(t("Discriminator outputs"))
        self.losses, self.outputs = losses, outputs
        for ax in (losses, outputs):
            ax.legend(fontsize=7, loc="upper right", framealpha=0.7)

    def update(self, gan) -> ToyGANView:
        """Redraw every panel for the GAN's current state and history; return self.

        ``gan`` must learn this view's kind of data (1-D or 2-D) from noise of the view's width.
        """
        _check_gan(gan)
        if gan.data.dim != self.data.dim:
            raise InputError(
                "gan", gan, f"a GAN on {self.data.dim}-D data like this view's {self.data.name!r}"
            )
        self.status = self.panel.update(gan, self.generator_samples(gan))
        self.space.set_title(
            t("step {step}: {status}", step=gan.steps, status=self.status), fontsize=10
        )
        steps = np.arange(1, gan.steps + 1)
        for key, line in self.curves.items():
            line.set_data(steps, gan.history[key])
        self.curves["g_loss"].set_label(
            t("G loss ({loss})", loss=gan.config.loss.replace("_", "-"))
        )
        self.losses.legend(fontsize=7, loc="upper right", framealpha=0.7)
        for ax in (self.losses, self.outputs):
            ax.set_xlim(0, max(10, gan.steps))
        if gan.steps:
            values = np.concatenate([gan.history["d_loss"], gan.history["g_loss"]])
            lo, hi = np.percentile(values, [1, 99])
            lo, hi = min(lo, gan_math.LOG4) - 0.1, max(hi, gan_math.LOG4) + 0.1
            self.losses.set_ylim(lo, hi + 0.5 * (hi - lo))  # headroom for the legend
        return self

    def generator_samples(self, gan) -> np.ndarray:
        """G of the view's fixed noise: the samples every frame shows."""
        _check_gan(gan)
        return gan.generator(_noise_for(gan, self.view_noise))

    def png(self, dpi: int = 80) -> bytes:
        """The current frame as PNG bytes (``dpi`` > 0)."""
        dpi = check_number(dpi, "dpi", low=0.0, low_open=True, what="dots per inch")
        return to_png(self.figure, dpi)


def plot_coverage_runs(runs: dict, view_noise: np.ndarray) -> Figure:
    """Final samples of trained 2-D GANs side by side over their decision surfaces, with coverage.

    Args:
        runs: non-empty title -> :class:`~datagen_lab.gan_game.toy_gan.ToyGAN` on 2-D data (the ring).
        view_noise: finite (N, latent_dim).
    """
    expected = "a non-empty dict of title -> ToyGAN trained on 2-D data (the ring)"
    if not isinstance(runs, Mapping) or not runs:
        raise InputError("runs", runs, expected)
    for gan in runs.values():
        if not isinstance(gan, ToyGAN) or gan.data.dim != 2:
            raise InputError("runs", runs, expected)
    view_noise = _samples(view_noise, "view_noise", None, "latent vectors (N, latent_dim)")
    for gan in runs.values():
        _noise_for(gan, view_noise)
    fig = Figure(figsize=(4.5 * len(runs), 4.4), layout="constrained")
    axes = fig.subplots(1, len(runs), squeeze=False)[0]
    for ax, (title, gan) in zip(axes, runs.items(), strict=True):
        fake = gan.generator(view_noise)
        PlanePanel(ax, gan.data, colorbar=ax is axes[-1], arrows=False).update(gan, fake)
        coverage = mode_coverage(fake, gan.data)
        ax.set_title(
            t(
                "{title}\n{covered}/{modes} modes covered, {quality:.0%} high quality",
                title=t(title),
                covered=coverage.covered,
                modes=coverage.n_modes,
                quality=coverage.high_quality,
            ),
            fontsize=9,
        )
    return fig


def smoothed_density(samples: np.ndarray, x: np.ndarray, bandwidth: float = 0.2) -> np.ndarray:
    """Gaussian kernel density estimate of 1-D ``samples`` at points ``x``, kernel std ``bandwidth``.

    Args:
        samples: finite (N,), N >= 1; x: finite (M,); bandwidth > 0.

    Returns:
        float64 (M,): the estimate, which integrates to 1 over the whole line.
    """
    samples = check_array(samples, "samples", ndim=1).astype(float)
    x = check_array(x, "x", ndim=1).astype(float)
    bandwidth = check_number(bandwidth, "bandwidth", low=0.0, low_open=True, what="a kernel std")
    z = (x[:, None] - samples[None, :]) / bandwidth
    return np.exp(-0.5 * z * z).sum(axis=1) / (len(samples) * bandwidth * np.sqrt(2 * np.pi))


def _check_axes(ax: Any) -> Axes:
    if not isinstance(ax, Axes):
        raise InputError("ax", ax, "a matplotlib Axes, e.g. Figure().add_subplot()")
    return ax


def _check_data(data: Any, dim: int | None, example: str) -> ToyData:
    if not isinstance(data, ToyData) or (dim is not None and data.dim != dim):
        kind = "a ToyData" if dim is None else f"a {dim}-D ToyData"
        raise InputError("data", data, f"{kind} such as {example}")
    return data


def _samples(values: Any, name: str, dim: int | None, what: str = "") -> np.ndarray:
    """A finite non-empty float array (N, dim) (any width when ``dim`` is None)."""
    width = "width" if dim is None else str(dim)
    expected = f"a non-empty finite float array of shape (N, {width})" + (
        f" ({what})" if what else ""
    )
    try:
        array = check_array(values, name, ndim=2)
    except InputError as error:
        raise InputError(name, values, expected, got_text=error.got) from None
    if dim is not None and array.shape[1] != dim:
        raise InputError(name, array, expected)
    return array.astype(float)


def _noise_for(gan: ToyGAN, noise: np.ndarray) -> np.ndarray:
    """The view's noise, if its width is the GAN's latent size."""
    if noise.shape[1] != gan.config.latent_dim:
        raise InputError(
            "view_noise",
            noise,
            f"latent vectors of the GAN's size: shape (N, {gan.config.latent_dim})",
        )
    return noise
