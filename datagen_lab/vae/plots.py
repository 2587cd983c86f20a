"""Pictures for the VAE lesson (07): the ELBO's terms, reconstructions, the latent space, GAN vs VAE.

Every function returns a matplotlib Figure and draws nothing else; matplotlib is imported on use.
Digits are uint8 (N, 28, 28) in [0, 255] unless a docstring says otherwise.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.i18n import t
from datagen_lab.plotting import image_grid
from datagen_lab.vae.latent_plots import (  # noqa: F401 (re-exported)
    DIGIT_COLOURS,
    latent_grid,
    plot_beta,
    plot_beta_sweep,
    plot_beta_tradeoff,
    plot_latent_plane,
    scatter_codes,
)


def plot_kl_convergence(
    mean, logvar, sample_counts=(10, 30, 100, 300, 1000, 3000, 10000), seed: int = 0
):
    """Monte Carlo estimates of KL(q || N(0, I)) with ±2 standard errors, against the closed form.

    Args:
        mean, logvar: (D,) parameters of one diagonal Gaussian q.
        sample_counts: numbers of draws to try (log-spaced reads best).

    The numbers are :func:`datagen_lab.vae.evidence.kl_convergence`'s.
    """
    import matplotlib.pyplot as plt

    from datagen_lab.vae.evidence import kl_convergence

    found = kl_convergence(mean, logvar, sample_counts, seed)
    sample_counts, estimates, errors = found["samples"], found["estimate"], found["error"]
    exact = found["exact"]
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.errorbar(
        sample_counts,
        estimates,
        yerr=2 * errors,
        fmt="o",
        capsize=3,
        label=t("Monte Carlo ± 2 s.e."),
    )
    ax.axhline(
        exact, color="k", ls="--", lw=1, label=t("closed form = {exact:.3f} nats", exact=exact)
    )
    ax.set_xscale("log")
    ax.set_xlabel(t("samples of z ~ q"))
    ax.set_ylabel(t("KL (nats)"))
    ax.set_title(t("Two ways to compute the KL term agree; sampling just adds noise"), fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_gradient_estimators(estimates: dict[str, np.ndarray], exact: float | None = None):
    """Histograms of single-sample gradient estimates (from :func:`vae_elbo.gradient_estimators`)."""
    import matplotlib.pyplot as plt

    if not isinstance(estimates, dict) or not estimates:
        raise InputError("estimates", estimates, "a non-empty dict {name: (samples,) estimates}")
    estimates = {
        name: check_array(values, "estimates", ndim=1, kinds="iuf", what=f"the {name!r} estimates")
        for name, values in estimates.items()
    }
    if exact is not None:
        exact = check_number(exact, "exact")
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    pooled = np.concatenate(list(estimates.values()))
    bins = np.linspace(*np.percentile(pooled, [0.5, 99.5]), 80)
    for name, values in estimates.items():
        label = t(
            "{name}: mean {mean:.2f}, std {std:.2f}",
            name=t(name),
            mean=values.mean(),
            std=values.std(),
        )
        ax.hist(values, bins=bins, alpha=0.55, density=True, label=label)
    if exact is not None:
        ax.axvline(
            exact, color="k", ls="--", lw=1, label=t("exact gradient {exact:g}", exact=exact)
        )
    ax.set_xlabel(t("one sample's estimate of d/dμ E[f(z)]"))
    ax.set_yticks([])
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_reconstructions(originals: np.ndarray, reconstructions: np.ndarray, title: str = ""):
    """Originals (top row) above their reconstructions (bottom row), up to 12 of each."""
    import matplotlib.pyplot as plt

    originals = _digits(originals, "originals", uint8=True)
    reconstructions = _digits(reconstructions, "reconstructions", uint8=True)
    if len(reconstructions) < len(originals):
        raise InputError(
            "reconstructions",
            reconstructions,
            f"one reconstruction per original ({len(originals)})",
        )
    _check_title(title)
    n = min(12, len(originals))
    fig, axes = plt.subplots(2, 1, figsize=(1.0 * n, 2.5))
    rows = {t("original"): originals, t("reconstruction"): reconstructions}
    return _draw_strips(fig, axes, rows, n, title, white=255)


def plot_digit_rows(rows: dict[str, np.ndarray], ncols: int = 12, title: str = ""):
    """One labelled strip of digits per entry of ``rows`` (name -> uint8 or [0, 1] float digits)."""
    import matplotlib.pyplot as plt

    if not isinstance(rows, dict) or not rows:
        raise InputError("rows", rows, "a non-empty dict {name: digits}")
    rows = {name: _digits(images, "rows", what=f"row {name!r}") for name, images in rows.items()}
    ncols = check_positive_int(ncols, "ncols")
    _check_title(title)
    fig, axes = plt.subplots(len(rows), 1, figsize=(0.8 * ncols, 1.1 * len(rows)), squeeze=False)
    return _draw_strips(fig, axes[:, 0], rows, ncols, title)


def plot_samples(samples: dict[str, np.ndarray], n: int = 36, ncols: int = 6):
    """Grids of digits side by side, one per entry (e.g. real, VAE, DCGAN), titled by the key."""
    import matplotlib.pyplot as plt

    if not isinstance(samples, dict) or not samples:
        raise InputError("samples", samples, "a non-empty dict {name: uint8 digits}")
    samples = {
        name: _digits(images, "samples", uint8=True, what=f"entry {name!r}")
        for name, images in samples.items()
    }
    n, ncols = check_positive_int(n, "n"), check_positive_int(ncols, "ncols")
    fig, axes = plt.subplots(1, len(samples), figsize=(2.5 * len(samples), 2.8), squeeze=False)
    for ax, (name, images) in zip(axes[0], samples.items(), strict=True):
        ax.imshow(
            image_grid(np.asarray(images)[:n], ncols=ncols, pad=2), cmap="gray", vmin=0, vmax=255
        )
        ax.set_title(t(name), fontsize=10)
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_pixel_histograms(samples: dict[str, np.ndarray]):
    """How grey are the pixels? Histograms of stroke pixel values (> 10% intensity), one line each.

    Real digits are mostly black background and near-white strokes; a blurry generator puts
    many pixels in between. The legend gives each set's mid-grey share (see :func:`vae_compare.greyness`).
    """
    import matplotlib.pyplot as plt

    from datagen_lab.vae.compare import greyness

    if not isinstance(samples, dict) or not samples:
        raise InputError("samples", samples, "a non-empty dict {name: uint8 digits}")
    for images in samples.values():
        greyness(images)  # uint8 (N, 28, 28), checked before a figure is made
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    bins = np.arange(26, 257, 10)
    for name, images in samples.items():
        values = np.asarray(images).ravel()
        ax.hist(
            values[values > 25],
            bins=bins,
            histtype="step",
            lw=1.6,
            density=True,
            label=t("{name}: mid-grey share {share:.0%}", name=t(name), share=greyness(images)),
        )
    ax.set_xlabel(t("pixel value (background, <= 25, left out)"))
    ax.set_ylabel(t("density"))
    ax.legend(fontsize=8, loc="upper center")
    fig.tight_layout()
    return fig


def plot_quality_curves(curves: dict, reached: dict[str, int] | None = None):
    """Sample quality against training progress (digits seen) for each model of a saved run.

    Args:
        curves: from :func:`datagen_lab.vae.compare.load_curves`.
        reached: optional ``{model name: steps}`` trained elsewhere (e.g. in the notebook), drawn
            as a dotted line in that model's colour.
    """
    import matplotlib.pyplot as plt

    _check_curves(curves)
    if reached is not None:
        if not isinstance(reached, dict):
            raise InputError("reached", reached, "a dict {model name: steps}, or None")
        for name, steps in reached.items():
            check_int(steps, "reached", low=0, what=f"steps trained by {name!r}")
    panels = (
        ("frechet", t("Fréchet distance (lower is better)")),
        ("confident", t("confident share (higher is better)")),
        ("entropy", t("class entropy, bits (3.32 = uniform)")),
        ("greyness", t("mid-grey share (blur)")),
    )
    fig, axes = plt.subplots(1, len(panels), figsize=(15, 3.3))
    for ax, (key, title) in zip(axes, panels, strict=True):
        for colour, (name, run) in zip(
            ("tab:blue", "tab:orange", "tab:green"), curves["models"].items(), strict=False
        ):
            seen = np.asarray(run["steps"]) * run["batch_size"] / 1000
            ax.plot(seen, run[key], "o-", ms=3, color=colour, label=t(name))
            if reached and name in reached:
                ax.axvline(reached[name] * run["batch_size"] / 1000, color=colour, ls=":", lw=1.2)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(t("digits seen in training (thousands)"))
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def where_blur_comes_from(task, images: np.ndarray, seed: int = 0) -> dict[str, np.ndarray]:
    """Four ways to read a digit out of a VAE, as rows for :func:`plot_digit_rows`.

    Returns:
        ``{row name: uint8 (N, 28, 28)}``: the inputs; the decoder's mean at z = μ(x); its mean at one
        z ~ q(z|x); and 0/1 pixels sampled from p(x|z) at that z (what the model literally generates).
    """
    from datagen_lab.vae.model import prepare_digits, to_uint8

    seed = check_seed(seed)
    x = prepare_digits(images)  # checked, and the input row drawn right for float digits too
    shown = np.asarray(images, np.uint8) if np.asarray(images).dtype == np.uint8 else to_uint8(x)
    rng = np.random.default_rng(seed)
    mean, logvar = task.encode(images)
    z = mean + np.exp(0.5 * logvar) * rng.standard_normal(mean.shape).astype(np.float32)
    probabilities = task.decode(z)
    return {
        "held-out digits x": shown,
        "decoder mean at z = μ(x)": to_uint8(task.decode(mean)),
        "decoder mean at one z ~ q(z|x)": to_uint8(probabilities),
        "pixels sampled from p(x|z) at that z": (
            rng.random(probabilities.shape) < probabilities
        ).astype(np.uint8)
        * 255,
    }


def _draw_strips(
    fig, axes, rows: dict[str, np.ndarray], ncols: int, title: str, white: float | None = None
):
    """Draw the first ``ncols`` digits of each row as a labelled strip, one per axis; return ``fig``.

    ``white`` is the value drawn as white (None: 255 for uint8 strips, 1 for float ones).
    """
    for ax, (name, images) in zip(axes, rows.items(), strict=True):
        strip = image_grid(np.asarray(images)[:ncols], ncols=ncols, pad=2)
        vmax = white if white is not None else (255 if strip.dtype == np.uint8 else 1)
        ax.imshow(strip, cmap="gray", vmin=0, vmax=vmax)
        ax.set_title(t(name), fontsize=9, loc="left")  # where_blur_comes_from's names are keys
        ax.axis("off")
    if title:
        fig.suptitle(t(title), fontsize=10)
    fig.tight_layout()
    return fig


def _digits(images, name: str, uint8: bool = False, what: str = "") -> np.ndarray:
    """A non-empty batch of digits (N, H, W[, 1]): uint8, or (unless ``uint8``) float in [0, 1]."""
    expected = (
        "uint8 digits (N, 28, 28)" if uint8 else "digits (N, 28, 28), uint8 or float in [0, 1]"
    )
    expected += f" ({what})" if what else ""
    array = check_array(images, name, ndim=(3, 4), kinds="biuf", finite=False, what=what)
    if array.dtype == np.uint8:
        return array
    hint = "Convert decoder probabilities with datagen_lab.vae.model.to_uint8." if uint8 else ""
    if (
        uint8
        or array.dtype.kind != "f"
        or not np.isfinite(array).all()
        or array.min() < 0
        or array.max() > 1
    ):
        raise InputError(name, array, expected, hint)
    return array


def _check_title(title) -> None:
    if not isinstance(title, str):
        raise InputError("title", title, "a str")


def _check_curves(curves) -> None:
    needed = ("steps", "batch_size", "frechet", "confident", "entropy", "greyness")
    models = curves.get("models") if isinstance(curves, dict) else None
    if (
        not isinstance(models, dict)
        or not models
        or not all(
            isinstance(run, dict) and all(key in run for key in needed) for run in models.values()
        )
    ):
        raise InputError(
            "curves",
            curves,
            f"curves from load_curves: {{'models': {{name: {{{', '.join(needed)}, ...}}}}}}",
        )
