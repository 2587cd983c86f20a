"""Lesson 4's pictures: a training run's curves beside its preview images, and latent paths.

:func:`plot_training` draws one figure from a :class:`datagen_lab.training.Trainer` (which
metrics go in which panel, and which reference lines to draw, comes from the task:
``metric_groups``, optional ``metric_guides``, so the VAE lesson reuses it unchanged);
:class:`datagen_lab.dcgan.panel.LiveDashboard` redraws it while a run trains.
:func:`plot_interpolations` shows the linear and spherical paths between two latent vectors.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_number, check_text
from datagen_lab.dcgan.latent import (
    METHODS,
    _check_latent_size,
    interpolate,
    interpolation_strip,
)
from datagen_lab.i18n import t

# Where the DCGAN's curves sit when the game is balanced (D outputs 1/2 everywhere):
# D loss = 2 ln 2, G loss = ln 2, D(x) = D(G(z)) = 1/2.
GAN_GUIDES = {"d_loss": 2 * math.log(2), "g_loss": math.log(2), "d_real": 0.5, "d_fake": 0.5}


def smooth(values: np.ndarray, weight: float = 0.9) -> np.ndarray:
    """Exponential moving average (TensorBoard-style, bias-corrected) of a 1-D series.

    Args:
        values: finite 1-D series (may be empty); weight: in [0, 1), the share of the past.

    Returns:
        float64 of values' shape.
    """
    values = check_array(values, "values", ndim=1, min_size=0, what="a metric's history")
    weight = check_number(weight, "weight", low=0.0, high=1.0, high_open=True)
    return _smooth(values, weight)


def _smooth(values: np.ndarray, weight: float = 0.9) -> np.ndarray:
    """:func:`smooth` without the checks: a diverged run's NaN are drawn as they are (gaps)."""
    values = np.asarray(values, dtype=np.float64)
    out, running = np.empty_like(values), 0.0
    for index, value in enumerate(values):
        running = weight * running + (1 - weight) * value
        out[index] = running / (1 - weight ** (index + 1))
    return out


def plot_training(trainer, title: str | None = None, preview: np.ndarray | None = None):
    """Metric curves (one panel per ``task.metric_groups`` entry) and the task's preview grid.

    Args:
        trainer: a :class:`datagen_lab.training.Trainer` (its ``history`` and ``task``).
        title: figure title; default: the task name and current step.
        preview: images to show (default ``trainer.task.preview()``); uint8 (N, 28, 28).

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    from datagen_lab.plotting import image_grid

    _check_trainer(trainer)
    if title is not None:
        title = check_text(title, "title")
    if preview is not None:
        preview = _check_preview(preview)

    groups = getattr(trainer.task, "metric_groups", {})
    guides = getattr(trainer.task, "metric_guides", GAN_GUIDES)
    if preview is None and hasattr(trainer.task, "preview"):
        preview = trainer.task.preview()
    panels = len(groups) + (preview is not None)
    fig, axes = plt.subplots(1, max(panels, 1), figsize=(4.2 * max(panels, 1), 3.6), squeeze=False)
    for ax, (panel, names) in zip(axes[0], groups.items(), strict=False):
        for colour, name in zip(
            ("tab:blue", "tab:orange", "tab:green", "tab:red"), names, strict=False
        ):
            steps, values = trainer.metric(name)
            if len(steps):
                ax.plot(steps, values, color=colour, alpha=0.25, lw=0.8)
                ax.plot(steps, _smooth(values), color=colour, lw=1.6, label=name)
            if name in guides:
                ax.axhline(guides[name], color=colour, ls=":", lw=1)
        ax.set_title(t(panel), fontsize=10)  # the task's metric_groups keys are in the catalog
        ax.set_xlabel(t("step"))
        if ax.lines:
            ax.legend(fontsize=8, loc="best")
    if preview is not None:
        ax = axes[0][-1]
        columns = int(math.ceil(math.sqrt(len(preview))))
        ax.imshow(
            image_grid(np.asarray(preview), ncols=columns, pad=1), cmap="gray", vmin=0, vmax=255
        )
        ax.set_title(t("fixed noise, step {step}", step=trainer.step), fontsize=10)
        ax.axis("off")
    fig.suptitle(
        t(title)
        if title
        else t(
            "{name}: step {step}, {seconds:.0f} s of training",
            name=trainer.task.name,
            step=trainer.step,
            seconds=trainer.seconds,
        )
    )
    fig.tight_layout()
    return fig


def curve_means(trainer, names: tuple[str, ...] = tuple(GAN_GUIDES), parts: int = 5) -> dict:
    """The mean of each metric over ``parts`` consecutive, equal stretches of the run's steps.

    What the smoothed curves of :func:`plot_training` show, as numbers a claim can check: e.g.
    whether the losses have settled (the last two stretches agree) and where.

    Args:
        trainer: a :class:`datagen_lab.training.Trainer` with at least ``parts`` recorded steps.
        names: metrics of ``trainer.history`` (default: the GAN's two losses and two verdicts).
        parts: how many stretches, >= 1.

    Returns:
        ``{name: [mean of stretch 1, ..., mean of stretch parts]}`` as Python floats.
    """
    _check_trainer(trainer)
    parts = check_int(parts, "parts", low=1, what="stretches of the run")
    if isinstance(names, str) or not isinstance(names, tuple | list) or not names:
        raise InputError("names", names, "a non-empty tuple of metric names")
    means = {}
    for name in names:
        _, values = trainer.metric(check_text(name, "names"))
        if len(values) < parts:
            raise InputError(
                "trainer",
                trainer,
                f"a run with at least {parts} recorded steps of {name!r}",
                got_text=f"{len(values)} recorded steps",
            )
        means[name] = [float(np.mean(part)) for part in np.array_split(np.asarray(values), parts)]
    return means


def _check_trainer(trainer: Any) -> Any:
    if not all(hasattr(trainer, name) for name in ("task", "metric", "step", "seconds")):
        raise InputError(
            "trainer", trainer, "a datagen_lab.training.Trainer (with task, metric, step, seconds)"
        )
    return trainer


def _check_preview(preview: Any) -> np.ndarray:
    """uint8 digits (N, H, W): drawn on a 0-255 scale, so floats in [0, 1] would show black."""
    expected = "uint8 images (N, H, W) in [0, 255], as task.preview() returns"
    array = np.asarray(preview) if isinstance(preview, np.ndarray | list | tuple) else None
    if array is None or array.dtype != np.uint8 or array.ndim != 3 or array.size == 0:
        raise InputError("preview", preview if array is None else array, expected)
    return array


def plot_interpolations(generator, z0: np.ndarray, z1: np.ndarray, steps: int = 10):
    """Two strips (linear, spherical) and the latent norm along each path; returns the Figure."""
    import matplotlib.pyplot as plt

    _check_latent_size(generator, interpolate(z0, z1, steps, "linear").shape[1])  # before drawing

    from datagen_lab.plotting import image_grid

    fig = plt.figure(figsize=(12, 3.6))
    grid = fig.add_gridspec(2, 2, width_ratios=(3.2, 1))
    norm_ax = fig.add_subplot(grid[:, 1])
    names = {"linear": (t("linear"), t("linear interpolation"))}
    names["spherical"] = (t("spherical"), t("spherical interpolation"))
    for row, method in enumerate(METHODS):
        name, title = names.get(method, (method, f"{method} interpolation"))
        ax = fig.add_subplot(grid[row, 0])
        strip = image_grid(
            interpolation_strip(generator, z0, z1, steps, method), ncols=steps, pad=2
        )
        ax.imshow(strip, cmap="gray", vmin=0, vmax=255)
        ax.set_title(title, fontsize=10, loc="left")
        ax.axis("off")
        norm_ax.plot(
            np.linspace(0, 1, steps),
            np.linalg.norm(interpolate(z0, z1, steps, method), axis=1),
            "o-",
            label=name,
        )
    norm_ax.axhline(np.sqrt(len(z0)), color="k", ls=":", lw=1, label=r"$\sqrt{d}$")
    norm_ax.set_xlabel("t")
    norm_ax.set_ylabel("|z|")
    norm_ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
