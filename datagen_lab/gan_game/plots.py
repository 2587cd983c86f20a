"""Pictures for the GAN minimax lesson: densities with D*, generator losses, JSD sweeps, toy GANs.

Every function returns a ``matplotlib.figure.Figure`` built without pyplot, so nothing is shown
or kept open behind the learner's back: a notebook shows the figure when it is a cell's last
value, and the widgets turn it into PNG bytes with :func:`to_png`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from datagen_lab.checks import InputError, check_array, check_number, check_text
from datagen_lab.gan_game import minimax as gan_math
from datagen_lab.gan_game.densities import check_grid
from datagen_lab.gan_game.toy_data import ToyData, mode_coverage
from datagen_lab.i18n import t

DATA_COLOUR, GEN_COLOUR, D_COLOUR = "#1f77b4", "#ff7f0e", "#2ca02c"


def to_png(fig: Figure, dpi: int = 80) -> bytes:
    """PNG bytes of ``fig`` (for ``ipywidgets.Image``).

    Light zlib compression: the bytes only travel from the kernel to the browser, and encoding
    at the default level took a third of a trainer frame.
    """
    check_figure(fig)
    dpi = check_number(dpi, "dpi", low=0.0, low_open=True, what="dots per inch")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


class DensityView:
    """p_data and p_g filled, and a discriminator curve (default D*) on a second axis in [0, 1].

    Built once; :meth:`update` swaps in a new p_g (and D) cheaply, for the sliders of
    :func:`datagen_lab.gan_game.panel.distribution_explorer`.
    """

    def __init__(self, x: np.ndarray, p_data: np.ndarray, width: float = 8.0) -> None:
        x = check_grid(x)
        p_data = _check_curve(p_data, "p_data", x)
        width = check_number(width, "width", low=0.0, low_open=True, what="inches")
        self.x, self.p_data = x, p_data
        self.figure = Figure(figsize=(width, width * 0.4))
        self.figure.subplots_adjust(left=0.08, right=0.9, bottom=0.15, top=0.9)
        ax = self.ax = self.figure.add_subplot()
        ax.fill_between(x, p_data, color=DATA_COLOUR, alpha=0.35, label="$p_{data}$")
        self.p_g = ax.fill_between(x, 0 * x, color=GEN_COLOUR, alpha=0.35, label="$p_g$")
        ax.set(xlim=(-6, 6), ylim=(0, 0.8), xlabel="x", ylabel=t("density"))
        self.twin = ax.twinx()
        (self.d,) = self.twin.plot(x, 0 * x + 0.5, color=D_COLOUR, lw=2, label="$D^*(x)$")
        self.twin.axhline(0.5, color=D_COLOUR, lw=0.8, ls=":")
        self.twin.set(ylim=(-0.02, 1.02), ylabel=t("D(x): probability that x is real"))

    def update(self, p_g: np.ndarray, d: np.ndarray | None = None, title: str = "") -> Figure:
        """Show ``p_g`` and the discriminator ``d`` (None: the optimal D* for this p_g).

        Args:
            p_g: the generator's density at the view's grid (n,), finite and >= 0.
            d: D(x) at the grid (n,), in [0, 1]; None draws D*.
            title: the plot's title.
        """
        p_g = _check_curve(p_g, "p_g", self.x)
        if d is not None:
            d = gan_math.check_discriminator(d, "d")
            if d.shape != self.x.shape:
                raise InputError("d", d, f"D(x) at the grid points: shape {self.x.shape}")
        title = check_text(title, "title", allow_empty=True)
        self.p_g.remove()
        self.p_g = self.ax.fill_between(self.x, p_g, color=GEN_COLOUR, alpha=0.35, label="$p_g$")
        self.d.set_ydata(gan_math.optimal_discriminator(self.p_data, p_g) if d is None else d)
        self.d.set_label("$D^*(x)$" if d is None else "$D(x)$")
        top = max(self.p_data.max(), p_g.max())
        self.ax.set_ylim(0, max(0.6, 1.1 * top))
        handles = self.ax.get_legend_handles_labels()[0] + self.twin.get_legend_handles_labels()[0]
        self.ax.legend(handles=handles, loc="upper left", fontsize=8)
        self.ax.set_title(t(title), fontsize=10)
        return self.figure


def plot_densities(
    x: np.ndarray, p_data: np.ndarray, p_g: np.ndarray, d: np.ndarray | None = None, title: str = ""
) -> Figure:
    """A one-off :class:`DensityView`: p_data, p_g and ``d`` (default D*)."""
    return DensityView(x, p_data).update(p_g, d, title)


def plot_generator_losses() -> Figure:
    """The two generator losses and their slopes (w.r.t. D's logit) as functions of D(G(z))."""
    d = np.linspace(1e-3, 1 - 1e-3, 400)
    fig = Figure(figsize=(9, 3.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    for kind, style in (("saturating", "--"), ("non_saturating", "-")):
        loss, grad = gan_math.generator_loss(d, kind)
        name = (
            t(r"$\log(1-D)$ (saturating)")
            if kind == "saturating"
            else t(r"$-\log D$ (non-saturating)")
        )
        left.plot(d, loss, style, lw=2, label=name)
        right.plot(d, np.abs(grad), style, lw=2, label=name)
    left.set(xlabel="D(G(z))", ylabel=t("generator loss (minimised)"), ylim=(-5, 5))
    right.set(xlabel="D(G(z))", ylabel="|d loss / d logit|", ylim=(0, 1.05))
    for ax in (left, right):
        ax.axvspan(0, 0.1, color="grey", alpha=0.15)
        ax.legend(fontsize=8)
    left.text(0.02, -4.6, t("early training:\nD rejects fakes"), fontsize=8)
    left.set_title(t("Losses"), fontsize=10)
    right.set_title(t("Gradient size that reaches the generator"), fontsize=10)
    return fig


def plot_jsd_sweep(sweep: dict[str, np.ndarray]) -> Figure:
    """JSD and C(G) = -log 4 + 2 JSD as the generator mean slides (from ``sweep_generator_mean``).

    Args:
        sweep: a mapping with finite 1-D arrays "mean", "value" and "jsd" of one length.
    """
    expected = (
        'the dict from sweep_generator_mean: "mean", "value" and "jsd", finite, of one length'
    )
    if not isinstance(sweep, Mapping) or any(key not in sweep for key in ("mean", "value", "jsd")):
        raise InputError("sweep", sweep, expected)
    try:
        curves = [check_array(sweep[key], key, ndim=1) for key in ("mean", "value", "jsd")]
    except InputError:
        raise InputError("sweep", sweep, expected) from None
    if len({len(curve) for curve in curves}) != 1:
        raise InputError("sweep", sweep, expected)
    fig = Figure(figsize=(10, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(sweep["mean"], sweep["value"], lw=2, color=D_COLOUR, label="$C(G) = V(D^*, G)$")
    ax.plot(sweep["mean"], sweep["jsd"], lw=2, color=GEN_COLOUR, label="JSD$(p_{data} \\| p_g)$")
    ax.axhline(-gan_math.LOG4, color="grey", ls=":", label=t("$-\\log 4$ (global minimum)"))
    ax.axhline(gan_math.LOG2, color="grey", ls="--", label=t("$\\log 2$ (JSD ceiling)"))
    ax.set(xlabel=t("generator mean (other parameters at the data's values)"), ylabel=t("nats"))
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    return fig


def plot_snapshots(snapshots: list[tuple[int, np.ndarray]], data, title: str = "") -> Figure:
    """Generator samples at several steps (list of (step, samples (N, 2))) over the ring's modes.

    Args:
        snapshots: non-empty list of (step, finite samples (N, 2)), as :func:`toy_gan_train.train`
            returns them.
        data: the 2-D :class:`ToyData` the GAN learned (its modes are drawn).
        title: the figure's title.
    """
    if not isinstance(data, ToyData) or data.dim != 2:
        raise InputError("data", data, "a 2-D ToyData such as ring() (its modes are drawn)")
    snapshots = _check_snapshots(snapshots)
    title = check_text(title, "title", allow_empty=True)
    fig = Figure(figsize=(2.2 * len(snapshots), 2.4), layout="constrained")
    lo, hi = data.limits
    for ax, (step, fake) in zip(
        fig.subplots(1, len(snapshots), squeeze=False)[0], snapshots, strict=True
    ):
        ax.scatter(*data.centres.T, s=60, marker="o", facecolors="none", edgecolors=DATA_COLOUR)
        ax.scatter(*fake.T, s=2, color=GEN_COLOUR, alpha=0.5)
        ax.set(xlim=(lo, hi), ylim=(lo, hi), xticks=[], yticks=[], aspect="equal")
        covered = mode_coverage(fake, data).covered
        ax.set_title(
            t(
                "step {step} · {covered}/{modes} modes",
                step=step,
                covered=covered,
                modes=len(data.centres),
            ),
            fontsize=8,
        )
    if title:
        fig.suptitle(t(title), fontsize=10)
    return fig


def check_figure(fig: Any, name: str = "fig") -> Figure:
    """``fig`` if it is a matplotlib Figure, else InputError."""
    if not isinstance(fig, Figure):
        raise InputError(name, fig, "a matplotlib Figure")
    return fig


def _check_curve(values: Any, name: str, x: np.ndarray) -> np.ndarray:
    """A density at the grid points ``x``: finite, >= 0, shape of x (its mass is not checked)."""
    values = check_array(values, name, ndim=1, what="a density at the grid points")
    if values.shape != x.shape:
        raise InputError(name, values, f"a density at the grid points: shape {x.shape}")
    if values.min() < 0:
        raise InputError(name, values, "a density: >= 0 everywhere")
    return values.astype(float)


def _check_snapshots(snapshots: Any) -> list[tuple[int, np.ndarray]]:
    expected = (
        "a non-empty list of (step, samples (N, 2)) pairs with finite samples, as train() returns"
    )
    if isinstance(snapshots, str | bytes) or not isinstance(snapshots, Sequence) or not snapshots:
        raise InputError("snapshots", snapshots, expected)
    checked = []
    for pair in snapshots:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InputError("snapshots", snapshots, expected)
        try:
            samples = check_array(pair[1], "snapshots", shape=(None, 2))
        except InputError as error:
            raise InputError("snapshots", pair[1], expected, got_text=error.got) from None
        checked.append((pair[0], samples))
    return checked
