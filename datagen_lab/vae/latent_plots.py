"""Pictures of the VAE's latent space (lesson 07): codes scattered by digit class, the decoded plane,
and how beta shapes both across the saved beta sweep.

Every function returns a matplotlib Figure and draws nothing else; matplotlib is imported on use.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_number,
    check_positive_int,
)
from datagen_lab.i18n import t
from datagen_lab.plotting import image_grid

DIGIT_COLOURS = "tab10"  # one colour per digit class, the same in every scatter


def scatter_codes(ax, codes: np.ndarray, labels: np.ndarray, size: float = 4.0) -> None:
    """Draw 2-D codes (N, 2) on ``ax``, coloured by digit label, with a compact legend."""
    import matplotlib.pyplot as plt

    codes = check_array(codes, "codes", shape=(None, 2), kinds="iuf", what="2-D codes (N, 2)")
    labels = check_array(labels, "labels", ndim=1, kinds="iu", low=0, high=9, what="digit classes")
    if len(labels) != len(codes):
        raise InputError("labels", labels, f"one label per code ({len(codes)})")
    size = check_number(size, "size", low=0, low_open=True, what="marker size")
    cmap = plt.get_cmap(DIGIT_COLOURS)
    for digit in range(10):
        chosen = np.asarray(labels) == digit
        ax.scatter(
            *np.asarray(codes, np.float32)[chosen].T,
            s=size,
            color=cmap(digit),
            label=str(digit),
            alpha=0.7,
            lw=0,
        )
    ax.legend(
        markerscale=2.5,
        fontsize=7,
        ncols=2,
        loc="upper right",
        handletextpad=0.1,
        columnspacing=0.5,
    )


def plot_latent_plane(
    task, images: np.ndarray, labels: np.ndarray, limit: float = 2.5, n: int = 15
):
    """A 2-D latent space: posterior means coloured by class (left) and the decoded grid (right).

    The square on the left is the region the right-hand grid walks through: the digit at each
    grid point is the decoder's mean for that code.

    Args:
        task: a trained :class:`datagen_lab.vae.model.VAETask` with ``latent_dim == 2``.
        images, labels: held-out digits and their labels.
        limit: the grid spans [-limit, limit] in both coordinates (the prior's ±2.5 σ by default).
        n: grid points per side.
    """
    import matplotlib.pyplot as plt

    if task.config.latent_dim != 2:
        raise ValueError(
            f"plot_latent_plane needs a 2-d latent model; this one has {task.config.latent_dim} dims (see vae_sweep.project_2d)."
        )
    limit, n = _check_plane(task, limit, n)
    codes = task.encode(images)[0]
    labels = check_array(labels, "labels", ndim=1, kinds="iu", low=0, high=9, what="digit classes")
    if len(labels) != len(codes):
        raise InputError("labels", labels, f"one label per digit ({len(codes)})")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 4.6))
    scatter_codes(left, codes, labels)
    left.add_patch(plt.Rectangle((-limit, -limit), 2 * limit, 2 * limit, fill=False, ls="--", lw=1))
    left.set_xlabel("$z_1$")
    left.set_ylabel("$z_2$")
    left.set_title(t("posterior means μ(x) of held-out digits"), fontsize=10)
    right.imshow(
        latent_grid(task, limit, n),
        cmap="gray",
        vmin=0,
        vmax=255,
        extent=(-limit, limit, -limit, limit),
    )
    right.set_title(t("decoder mean on a {n}x{n} grid of codes", n=n), fontsize=10)
    right.set_xlabel("$z_1$")
    fig.tight_layout()
    return fig


def latent_grid(task, limit: float = 2.5, n: int = 15) -> np.ndarray:
    """Decoded digits on an n x n grid over [-limit, limit]^2, tiled: uint8 (28n, 28n), z2 grows upwards."""
    from datagen_lab.vae.model import to_uint8

    limit, n = _check_plane(task, limit, n)
    axis = np.linspace(-limit, limit, n, dtype=np.float32)
    z1, z2 = np.meshgrid(axis, axis[::-1])
    digits = to_uint8(task.decode(np.stack([z1.ravel(), z2.ravel()], axis=1)))
    return image_grid(digits, ncols=n, pad=0)


def plot_beta_tradeoff(sweep, mark: float | None = None):
    """Held-out reconstruction and KL terms, and active dimensions, against beta (log axis)."""
    import matplotlib.pyplot as plt

    _check_sweep(sweep)
    if mark is not None:
        mark = check_number(mark, "mark", low=0, low_open=True, what="a beta to mark")
    fig, (terms, dims) = plt.subplots(1, 2, figsize=(9.5, 3.2))
    terms.plot(sweep.betas, sweep.reconstruction, "o-", label=t("reconstruction"))
    terms.plot(sweep.betas, sweep.kl, "s-", label="KL")
    terms.plot(
        sweep.betas,
        sweep.reconstruction + sweep.kl,
        "^--",
        color="gray",
        label=t("true -ELBO (β=1)"),
    )
    terms.set_ylabel(t("nats per held-out digit"))
    terms.legend(fontsize=8)
    dims.plot(sweep.betas, sweep.active, "o-", color="tab:purple", label=t("active latent dims"))
    dims.set_ylim(0, sweep.latent_dim + 0.5)
    dims.set_ylabel(t("active dims (of {dims})", dims=sweep.latent_dim))
    grey = dims.twinx()
    grey.plot(
        sweep.betas, sweep.greyness, "d-", color="tab:gray", label=t("mid-grey share of samples")
    )
    grey.set_ylim(0, 1)
    grey.set_ylabel(t("mid-grey share (blur)"))
    dims.legend(handles=dims.lines + grey.lines, fontsize=8, loc="lower left")
    for ax in (terms, dims):
        ax.set_xscale("log")
        ax.set_xticks(sweep.betas, [f"{beta:g}" for beta in sweep.betas])
        ax.minorticks_off()
        ax.set_xlabel(t("β (weight of the KL term)"))
        if mark is not None:
            ax.axvline(mark, color="tab:red", lw=1, ls=":")
    fig.tight_layout()
    return fig


def plot_beta(sweep, beta: float):
    """One beta of a saved sweep: reconstructions, prior samples and the latent projection."""
    import matplotlib.pyplot as plt

    _check_sweep(sweep)
    k = sweep.index(beta)
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.9), width_ratios=(1.1, 1, 1.1))
    pairs = np.concatenate(
        [
            sweep.originals[:4],
            sweep.reconstructions[k, :4],
            sweep.originals[4:8],
            sweep.reconstructions[k, 4:8],
        ]
    )
    axes[0].imshow(image_grid(pairs, ncols=4, pad=2), cmap="gray", vmin=0, vmax=255)
    axes[0].set_title(t("rows 1, 3: held-out digits\nrows 2, 4: their reconstructions"), fontsize=9)
    axes[1].imshow(image_grid(sweep.samples[k, :25], ncols=5, pad=2), cmap="gray", vmin=0, vmax=255)
    axes[1].set_title(
        t("samples from the prior\nmid-grey share {share:.0%}", share=sweep.greyness[k]), fontsize=9
    )
    for ax in axes[:2]:
        ax.axis("off")
    scatter_codes(axes[2], sweep.projection[k].astype(np.float32), sweep.labels, size=3)
    axes[2].set_title(
        t(
            "posterior means (PCA to 2-d)\n{active} of {dims} dims active",
            active=sweep.active[k],
            dims=sweep.latent_dim,
        ),
        fontsize=9,
    )
    axes[2].set_xticks([])
    axes[2].set_yticks([])
    fig.suptitle(
        t(
            "β = {beta:g}: reconstruction {reconstruction:.0f} nats, KL {kl:.1f} nats",
            beta=beta,
            reconstruction=sweep.reconstruction[k],
            kl=sweep.kl[k],
        ),
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def plot_beta_sweep(sweep, betas=None):
    """Every swept beta in one static figure: a column each, reconstructions / samples / latent projection."""
    import matplotlib.pyplot as plt

    _check_sweep(sweep)
    if betas is not None and (
        isinstance(betas, str) or not isinstance(betas, tuple | list | np.ndarray) or not len(betas)
    ):
        raise InputError("betas", betas, "a non-empty list of swept betas, or None for all")
    betas = list(sweep.betas if betas is None else betas)
    for beta in betas:
        sweep.index(beta)  # every beta is one of the swept values: checked before drawing
    fig, axes = plt.subplots(3, len(betas), figsize=(1.55 * len(betas), 5.3), squeeze=False)
    half = slice(None, None, 2)  # 500 points per panel are plenty at this size
    for column, beta in enumerate(betas):
        k = sweep.index(beta)
        axes[0, column].imshow(
            image_grid(sweep.reconstructions[k, :4], ncols=2, pad=2), cmap="gray", vmin=0, vmax=255
        )
        axes[1, column].imshow(
            image_grid(sweep.samples[k, :9], ncols=3, pad=2), cmap="gray", vmin=0, vmax=255
        )
        codes = sweep.projection[k, half].astype(np.float32)
        scatter_codes(axes[2, column], codes, sweep.labels[half], size=2.5)
        axes[2, column].get_legend().remove()
        axes[0, column].set_title(f"β = {beta:g}", fontsize=10)
        for row in range(3):
            axes[row, column].set_xticks([])
            axes[row, column].set_yticks([])
    for row, name in enumerate((t("reconstructions"), t("prior samples"), t("latent (PCA)"))):
        axes[row, 0].set_ylabel(name, fontsize=9)
    fig.tight_layout()
    return fig


def _check_sweep(sweep) -> None:
    from datagen_lab.vae.sweep import BetaSweep

    if not isinstance(sweep, BetaSweep):
        raise InputError("sweep", sweep, "a BetaSweep (from load_sweep or run_beta_sweep)")


def _check_plane(task, limit, n) -> tuple[float, int]:
    """A task with a 2-d latent space, a positive limit and grid size."""
    config = getattr(task, "config", None)
    if getattr(config, "latent_dim", None) != 2:
        raise InputError(
            "task",
            task,
            "a trained VAETask with latent_dim == 2 (e.g. trained with PLANE)",
            got_text=f"a model with latent_dim {getattr(config, 'latent_dim', None)}",
        )
    limit = check_number(limit, "limit", low=0, low_open=True)
    return limit, check_positive_int(n, "n", "grid points per side")
