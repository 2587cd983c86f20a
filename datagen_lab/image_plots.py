"""Figures for the image augmentation lesson (matplotlib, imported on first use).

Each function returns a matplotlib Figure; notebooks show it by leaving it as the cell's value.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datagen_lab.augment_image import augment_draws, check_image, make_augmenter
from datagen_lab.augment_image_catalog import names as catalog_names
from datagen_lab.augment_image_catalog import spec
from datagen_lab.image_labels import KEYPOINT_COLOURS, Labelled, draw_labelled

DIGIT_COLOURS = {2: "tab:orange", 5: "tab:green", 6: "tab:red", 9: "tab:purple"}


def show_family(
    image: np.ndarray,
    family: str,
    n_draws: int = 5,
    seed: int = 0,
    names: Sequence[str] | None = None,
    scale: float = 1.3,
):
    """One row per augmenter of ``family`` at its default strength: the original, then random draws.

    Colour-only augmenters are left out for single-channel images (a digit has no hue).
    """
    image = check_image(image)
    gray = image.ndim == 2 or image.shape[-1] == 1
    chosen = [n for n in (names or catalog_names(family)) if not (gray and spec(n).colour_only)]
    if not chosen:
        raise ValueError(
            f"No augmenter of family {family!r} applies to an image of shape {image.shape}."
        )
    rows = [
        (name, augment_draws(image, make_augmenter(name, seed=seed), n_draws)) for name in chosen
    ]
    return _grid(image, rows, scale, lambda name: f"{name}\n{spec(name).default:g}")


def show_pipeline_draws(
    image: np.ndarray,
    augmenter,
    n_draws: int = 8,
    title: str = "",
    ncols: int = 8,
    scale: float = 1.5,
):
    """The original and ``n_draws`` random draws of ``augmenter`` in a grid."""
    from datagen_lab.plotting import show_images

    image = check_image(image)
    draws = augment_draws(image, augmenter, n_draws)
    titles = ["original"] + [f"draw {i + 1}" for i in range(n_draws)]
    return show_images(
        [image, *draws], titles=titles, ncols=ncols, scale=scale, suptitle=title or None
    )


def show_labelled(
    examples: Sequence[Labelled],
    titles: Sequence[str] | None = None,
    scale: float = 2.4,
    legend: bool = True,
):
    """Examples drawn with :func:`~datagen_lab.image_labels.draw_labelled`, with a keypoint legend."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, axes = plt.subplots(
        1, len(examples), figsize=(scale * len(examples), scale * 1.1), squeeze=False
    )
    for index, (ax, example) in enumerate(zip(axes[0], examples, strict=True)):
        ax.imshow(draw_labelled(example))
        ax.axis("off")
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
    names = examples[0].keypoint_names
    if legend and names:
        handles = [
            Line2D(
                [], [], marker="o", linestyle="", color=KEYPOINT_COLOURS[i % 7] / 255, label=name
            )
            for i, name in enumerate(names)
        ]
        fig.legend(handles=handles, loc="lower center", ncol=len(names), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08 if legend and names else 0, 1, 1))
    return fig


def plot_label_survival(
    result, digits: Sequence[int] = (2, 5, 6, 9), ncols: int = 5, scale: float = 2.3
):
    """Small multiples: survival against strength per augmenter, overall and for ``digits``.

    Args:
        result: a :class:`~datagen_lab.augment_image_harm.LabelSurvival`.
    """
    import matplotlib.pyplot as plt

    names = result.names
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(scale * ncols, scale * 0.85 * nrows), sharey=True, squeeze=False
    )
    for ax in axes.flat[len(names) :]:
        ax.axis("off")
    for ax, name in zip(axes.flat, names, strict=False):
        x = result.strengths[name]
        ax.axhline(result.clean_accuracy, color="0.6", linestyle="--", linewidth=1)
        per = result.per_digit(name)
        for digit in digits:
            ax.plot(
                x,
                per[:, digit],
                color=DIGIT_COLOURS.get(digit),
                linewidth=1,
                alpha=0.8,
                label=f"digit {digit}",
            )
        ax.plot(
            x,
            result.survival[name],
            color="black",
            linewidth=2,
            marker="o",
            markersize=3,
            label="all digits",
        )
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(_short_unit(name), fontsize=7)
        ax.tick_params(labelsize=7)
        ax.set_ylim(0, 1.02)
    axes[0, 0].set_ylabel("label survives", fontsize=8)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(
        handles,
        [*labels[: len(digits)], labels[-1]],
        loc="lower center",
        ncol=len(digits) + 1,
        fontsize=8,
        frameon=False,
    )
    fig.suptitle(
        f"How often the judge still reads the true label (dashed: clean accuracy, {result.n_images} digits)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    return fig


def show_label_flips(
    originals: np.ndarray,
    augmented: np.ndarray,
    labels: np.ndarray,
    predicted: np.ndarray,
    scale: float = 1.3,
):
    """Pairs (original above, augmented below) titled ``true -> read as``."""
    import matplotlib.pyplot as plt

    n = len(originals)
    if n == 0:
        raise ValueError("No label flips to show: the augmenter broke no label in this sample.")
    fig, axes = plt.subplots(2, n, figsize=(scale * n, scale * 2.2), squeeze=False)
    for i in range(n):
        for row, image in enumerate((originals[i], augmented[i])):
            axes[row, i].imshow(image, cmap="gray", vmin=0, vmax=255)
            axes[row, i].axis("off")
        axes[0, i].set_title(f"label {int(labels[i])}", fontsize=8)
        axes[1, i].set_title(f"read as {int(predicted[i])}", fontsize=8, color="tab:red")
    fig.tight_layout()
    return fig


def _grid(image: np.ndarray, rows: list[tuple[str, np.ndarray]], scale: float, label):
    import matplotlib.pyplot as plt

    ncols = 1 + len(rows[0][1])
    fig, axes = plt.subplots(
        len(rows), ncols, figsize=(scale * ncols, scale * len(rows)), squeeze=False
    )
    cmap = "gray" if image.ndim == 2 or image.shape[-1] == 1 else None
    for r, (name, draws) in enumerate(rows):
        for c, picture in enumerate([image, *draws]):
            ax = axes[r, c]
            ax.imshow(np.squeeze(picture), cmap=cmap, vmin=0, vmax=255)
            ax.set_xticks([])
            ax.set_yticks([])
        axes[r, 0].set_ylabel(label(name), fontsize=8)
    axes[0, 0].set_title("original", fontsize=8)
    for c in range(1, ncols):
        axes[0, c].set_title(f"draw {c}", fontsize=8)
    fig.tight_layout()
    return fig


def _short_unit(name: str) -> str:
    meaning = spec(name).meaning
    return meaning if len(meaning) <= 32 else meaning[:30] + "..."
