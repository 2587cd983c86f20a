"""Figures for the image augmentation lesson (matplotlib, imported on first use).

Each function returns a matplotlib Figure; notebooks show it by leaving it as the cell's value.
:func:`show_mosaic`, which most of them use, is in :mod:`datagen_lab.image.mosaic`, and
:func:`show_family` (one row per augmenter of a family) in :mod:`datagen_lab.image.family`; both
are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datagen_lab.checks import InputError, check_number, check_positive_int
from datagen_lab.i18n import t
from datagen_lab.image.augment import augment_draws, check_image
from datagen_lab.image.catalog import spec
from datagen_lab.image.family import family_draws, show_family  # noqa: F401 (re-exported)
from datagen_lab.image.labels import KEYPOINT_COLOURS, Labelled, draw_labelled
from datagen_lab.image.mosaic import (  # noqa: F401 (show_mosaic, zoom_crop re-exported)
    _check_scale,
    _check_titles,
    _rgb,
    show_mosaic,
    zoom_crop,
)


def show_pipeline_draws(
    image: np.ndarray,
    augmenter,
    n_draws: int = 8,
    title: str = "",
    ncols: int = 8,
    scale: float = 1.5,
):
    """The original and ``n_draws`` random draws of ``augmenter`` in a grid."""
    image = check_image(image)
    ncols, scale = check_positive_int(ncols, "ncols"), _check_scale(scale, "scale")
    if not isinstance(title, str):
        raise InputError("title", title, "a str")
    draws = augment_draws(image, augmenter, n_draws)
    titles = [t("original")] + [t("draw {k}", k=i + 1) for i in range(n_draws)]
    return show_mosaic([image, *draws], titles, ncols=ncols, tile_inches=scale, suptitle=t(title))


def show_labelled(
    examples: Sequence[Labelled],
    titles: Sequence[str] | None = None,
    scale: float = 2.4,
    legend: bool = True,
):
    """Examples drawn with :func:`~datagen_lab.image.labels.draw_labelled`, with a keypoint legend."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if isinstance(examples, str) or not isinstance(examples, Sequence) or not examples:
        raise InputError("examples", examples, "a non-empty list of Labelled examples")
    for example in examples:
        if not isinstance(example, Labelled):
            raise InputError("examples", example, "a non-empty list of Labelled examples")
    _check_titles(titles, len(examples))
    if titles is not None and len(titles) != len(examples):
        raise InputError(
            "titles",
            titles,
            f"one title per example ({len(examples)})",
            got_text=f"{len(titles)} titles",
        )
    scale = _check_scale(scale, "scale")
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
                [],
                [],
                marker="o",
                linestyle="",
                color=KEYPOINT_COLOURS[i % 7] / 255,
                label=t(name),
            )
            for i, name in enumerate(names)
        ]
        fig.legend(handles=handles, loc="lower center", ncol=len(names), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08 if legend and names else 0, 1, 1))
    return fig


def plot_label_survival(result, level: int = -1, scale: float = 0.42):
    """Two heatmaps of how often labels survive (green: kept, red: broken).

    Left: all digits, one row per augmenter, one column per measured strength (as a share of the
    augmenter's maximum). Right: per true digit, at strength index ``level`` (default: strongest).

    Args:
        result: a :class:`~datagen_lab.image.harm.LabelSurvival`.
    """
    import matplotlib.pyplot as plt

    from datagen_lab.image.harm import LabelSurvival

    if not isinstance(result, LabelSurvival):
        raise InputError("result", result, "a LabelSurvival from measure_label_survival")
    level, scale = result._level(level), _check_scale(scale, "scale")
    names = result.names
    if len({len(result.strengths[n]) for n in names}) != 1:
        raise ValueError(
            "plot_label_survival needs the same number of strengths for every augmenter."
        )
    shares = np.stack([result.strengths[n] / (spec(n).high or 1) for n in names])
    overall = np.stack([result.survival[n] for n in names])
    per_digit = np.stack([result.per_digit(n)[level] for n in names])
    rows = len(names)
    # fixed proportions, whatever the number of strengths: the figure looks the same in every run
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(scale * 15 + 3.2, scale * rows + 1.4), width_ratios=(5, 10)
    )
    labels = [t("{name} (max {high:g})", name=n, high=spec(n).high) for n in names]
    aligned = np.allclose(shares, shares[0])
    columns = (
        [f"{f:.0%}" for f in shares[0]] if aligned else [str(i + 1) for i in range(shares.shape[1])]
    )
    xlabel = t("strength (share of max)") if aligned else t("strength level")
    _heatmap(left, overall, labels, columns, xlabel)
    _heatmap(right, per_digit, None, [str(d) for d in range(10)], t("true digit, strongest level"))
    left.set_title(
        t(
            "label survives, all digits\n(clean accuracy {accuracy:.0%})",
            accuracy=result.clean_accuracy,
        ),
        fontsize=9,
    )
    right.set_title(t("label survives, per digit"), fontsize=9)
    fig.subplots_adjust(
        left=0.2,
        right=0.99,
        top=1 - 0.9 / (scale * rows + 1.4),
        bottom=0.5 / (scale * rows + 1.4),
        wspace=0.05,
    )
    return fig


def _heatmap(ax, values: np.ndarray, row_labels, col_labels, xlabel: str) -> None:
    ax.imshow(values, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    for (r, c), value in np.ndenumerate(values):
        if np.isfinite(value):
            ax.text(c, r, f"{value:.0%}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(col_labels)), col_labels, fontsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_yticks(range(len(values)), row_labels or [], fontsize=8)
    ax.tick_params(length=0)


def show_label_flips(
    originals: np.ndarray,
    augmented: np.ndarray,
    labels: np.ndarray,
    predicted: np.ndarray,
    scale: float = 1.0,
):
    """Originals (top row, with their label) above their augmented copies (with the judge's reading)."""
    n = len(originals) if hasattr(originals, "__len__") else -1
    if n == 0:
        raise InputError(
            "originals",
            originals,
            "at least one digit",
            "No label flips to show: the augmenter broke no label in this sample.",
        )
    for name, values in (("augmented", augmented), ("labels", labels), ("predicted", predicted)):
        if not hasattr(values, "__len__") or len(values) != n:
            raise InputError(name, values, f"one entry per original ({n})")
    for name, values in (("labels", labels), ("predicted", predicted)):
        check_int_array = np.asarray(values)
        if check_int_array.dtype.kind not in "iu":
            raise InputError(name, values, "integer digit labels")
    scale = _check_scale(scale, "scale")
    titles = [t("label {digit}", digit=int(x)) for x in labels]
    titles += [t("read as {digit}", digit=int(x)) for x in predicted]
    return show_mosaic([*originals, *augmented], titles, ncols=n, tile_inches=scale)


def plot_training_comparison(results: dict[str, tuple[dict, float]], scale: float = 3.2):
    """Left: training vs held-out accuracy per epoch for each run; right: accuracy on a shifted set.

    Args:
        results: run name -> (Keras ``history.history``, accuracy on the shifted test digits).
    """
    import matplotlib.pyplot as plt

    _check_results(results)
    scale = _check_scale(scale, "scale")
    fig, (curves, bars) = plt.subplots(1, 2, figsize=(scale * 2.6, scale), width_ratios=(1.6, 1))
    for colour, (name, (history, _)) in zip(
        ("tab:gray", "tab:blue", "tab:green"), results.items(), strict=False
    ):
        epochs = np.arange(1, len(history["accuracy"]) + 1)
        curves.plot(
            epochs,
            history["accuracy"],
            color=colour,
            linestyle="--",
            label=t("{name}: training", name=t(name)),
        )
        curves.plot(
            epochs, history["val_accuracy"], color=colour, label=t("{name}: held out", name=t(name))
        )
    curves.set_xlabel(t("epoch"))
    curves.set_ylabel(t("accuracy"))
    curves.set_ylim(0, 1.02)
    curves.legend(fontsize=8)
    curves.set_title(t("the gap between dashed and solid is overfitting"), fontsize=9)
    names = list(results)
    held_out = [results[n][0]["val_accuracy"][-1] for n in names]
    shifted = [results[n][1] for n in names]
    positions = np.arange(len(names))
    bars.bar(positions - 0.2, held_out, 0.4, label=t("held-out digits"), color="0.7")
    bars.bar(positions + 0.2, shifted, 0.4, label=t("shifted held-out digits"), color="tab:blue")
    for x, value in zip([*(positions - 0.2), *(positions + 0.2)], held_out + shifted, strict=True):
        bars.text(x, value + 0.01, f"{value:.0%}", ha="center", fontsize=8)
    bars.set_xticks(positions, [t(n) for n in names], fontsize=8)
    bars.set_ylim(0, 1.1)
    bars.legend(fontsize=8, loc="lower right")
    bars.set_title(t("final accuracy"), fontsize=9)
    fig.tight_layout()
    return fig


def _check_results(results) -> None:
    """{name: (history with accuracy/val_accuracy lists, shifted accuracy in [0, 1])}."""
    expected = "a non-empty dict {run name: (Keras history.history, accuracy on shifted digits)}"
    if not isinstance(results, dict) or not results:
        raise InputError("results", results, expected)
    for name, entry in results.items():
        if not isinstance(entry, tuple | list) or len(entry) != 2 or not isinstance(entry[0], dict):
            raise InputError(f"results[{name!r}]", entry, "a (history dict, accuracy) pair")
        history, shifted = entry
        for key in ("accuracy", "val_accuracy"):
            if key not in history:
                raise InputError(f"results[{name!r}]", sorted(history), f"a history with {key!r}")
            from datagen_lab.checks import check_array

            check_array(
                history[key], f"results[{name!r}]", ndim=1, low=0, high=1, what=f"{key} per epoch"
            )
        check_number(
            shifted, f"results[{name!r}]", low=0, high=1, what="accuracy on shifted digits"
        )
