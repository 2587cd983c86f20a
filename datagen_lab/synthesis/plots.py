"""Pictures for the dataset-synthesis lesson: gap filling, error curves, SMOTE, class counts.

Every function builds a matplotlib ``Figure`` and returns it (pyplot is used only where a
notebook shows the figure; :func:`figure_png` renders one without pyplot, for widgets).
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_number, check_positive_int
from datagen_lab.i18n import t
from datagen_lab.i18n import t as translate  # where a function's `t` is the time axis


def _series(values: Any, name: str, n: int | None = None, finite: bool = True) -> np.ndarray:
    """A 1-D numeric series, of length ``n`` when given."""
    array = check_array(values, name, ndim=1, kinds="biuf", finite=finite)
    if n is not None and len(array) != n:
        raise InputError(name, array, f"a 1-D series of length {n}, like the others")
    return array


def _curves(curves: Any, name: str, n: int) -> None:
    """{label: 1-D series of length n}, non-empty."""
    if not isinstance(curves, dict) or not curves:
        raise InputError(name, curves, "a non-empty dict {name: series}")
    for label, values in curves.items():
        if not isinstance(label, str):
            raise InputError(name, label, "str names as keys")
        _series(values, f"{name}[{label!r}]", n)


COLOURS = {
    "linear": "tab:orange",
    "polynomial": "tab:green",
    "cubic": "tab:purple",
    "one": "tab:red",
}


def new_figure(
    width: float,
    height: float,
    nrows: int = 1,
    ncols: int = 1,
    pyplot: bool = True,
    dpi: float | None = None,
    **kw,
):
    """A figure and its axes: through pyplot (shown inline) or a bare Agg figure (for widgets).

    ``dpi`` below the default keeps photo grids small in stored notebooks (photos compress badly).
    """
    check_number(width, "width", low=0, low_open=True, what="inches")
    check_number(height, "height", low=0, low_open=True, what="inches")
    check_positive_int(nrows, "nrows")
    check_positive_int(ncols, "ncols")
    if dpi is not None:
        check_number(dpi, "dpi", low=1, what="dots per inch")
    if pyplot:
        import matplotlib.pyplot as plt

        return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, dpi=dpi, **kw)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=dpi)
    return fig, fig.subplots(nrows, ncols, squeeze=False, **kw)


def figure_png(fig, dpi: int = 80) -> bytes:
    """PNG bytes of a figure (for ``ipywidgets.Image``)."""
    if not hasattr(fig, "savefig"):
        raise InputError("fig", fig, "a matplotlib Figure")
    check_number(dpi, "dpi", low=1, what="dots per inch")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def plot_gap_filling(
    t, y, known, fills: dict[str, np.ndarray], unit: str = "°C", pyplot: bool = True
):
    """Top: the truth, the known samples and each method's filled values. Bottom: |error| in the gaps.

    Args:
        t, y: (N,) times and true values; known: (N,) bool mask of kept samples.
        fills: {method: (N,) filled series}.
    """
    t = _series(t, "t")
    y = _series(y, "y", len(t))
    known = check_array(
        known, "known", shape=(len(t),), kinds="b", what="bool mask of kept samples"
    )
    _curves(fills, "fills", len(t))
    fig, axes = new_figure(10, 5.2, 2, 1, pyplot, sharex=True, height_ratios=[2, 1])
    top, bottom = axes[:, 0]
    words = _gap_words(unit)  # (this function's `t` is the time axis)
    top.plot(t, y, color="0.75", lw=4, label=words["truth"], zorder=1)
    top.plot(t[known], y[known], ".", color="0.2", ms=4, label=words["known"], zorder=3)
    gaps = np.ma.masked_where(known, t)
    for method, filled in fills.items():
        colour = COLOURS.get(method.split()[0])
        top.plot(
            gaps,
            np.ma.masked_where(known, filled),
            color=colour,
            lw=1.8,
            label=words.get(method) or translate(method),
            zorder=2,
        )
        error = np.ma.masked_where(known, np.abs(filled - y))
        bottom.plot(gaps, error, color=colour, lw=1.5, label=words.get(method) or translate(method))
    for start, stop in _runs(~known):
        for ax in (top, bottom):
            ax.axvspan(t[start] - 0.5, t[stop - 1] + 0.5, color="0.93", zorder=0)
    top.set_ylabel(unit)
    top.legend(loc="upper right", fontsize=8, ncol=2)
    bottom.set_ylabel(words["error"])
    bottom.set_xlabel(words["time"])
    if pyplot:
        fig.tight_layout()
    else:  # a fixed layout: tight_layout would double the time a widget takes to answer
        fig.subplots_adjust(left=0.07, right=0.99, top=0.98, bottom=0.1, hspace=0.08)
    return fig


def plot_error_curves(
    sizes,
    table: dict[str, np.ndarray],
    xlabel: str,
    slopes: dict[str, float] | None = None,
    pyplot: bool = True,
):
    """Log-log RMSE against gap size or spacing per method, with dotted reference slopes.

    Args:
        slopes: {method: slope} reference lines, drawn through that method's first point (moved
            down a little); default linear 2 and cubic 4.
    """
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    sizes = check_array(sizes, "sizes", ndim=1, low=0, what="gap sizes or spacings").astype(float)
    if len(sizes) < 2 or (sizes <= 0).any():
        raise InputError("sizes", sizes, "at least two positive sizes (a log-log plot)")
    _curves(table, "table", len(sizes))
    if slopes is not None and not isinstance(slopes, dict):
        raise InputError("slopes", slopes, "a dict {method: slope} or None")
    fig, axes = new_figure(6.5, 4, pyplot=pyplot)
    ax = axes[0, 0]
    for method, errors in table.items():
        ax.loglog(sizes, errors, "o-", color=COLOURS.get(method.split()[0]), label=t(method))
    for method, slope in ({"linear": 2, "cubic": 4} if slopes is None else slopes).items():
        if method in table and table[method][0] > 0:
            ref = 0.5 * table[method][0] * (sizes / sizes[0]) ** slope
            ax.loglog(sizes, ref, ":", color=COLOURS.get(method), lw=1.2)
            ax.annotate(
                t("slope {slope:g}", slope=slope),
                (sizes[1], ref[1]),
                fontsize=8,
                va="top",
                color=COLOURS.get(method),
            )
    ax.set_xticks(sizes)
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(t(xlabel))
    ax.set_ylabel("RMSE (°C)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_smote(X, y, result, minority: int = 1, pyplot: bool = True):
    """2-D scatter of both classes, the SMOTE samples, and the segment each one was drawn on."""
    from matplotlib.collections import LineCollection

    X = check_array(X, "X", shape=(None, 2), what="2-D points")
    y = check_array(y, "y", shape=(len(X),), kinds="biu", what="one class per point")
    for attribute in ("samples", "base", "neighbour"):
        if not hasattr(result, attribute):
            raise InputError("result", result, "a SMOTE result (from interpolate_smote.smote)")
    members = X[y == minority]
    if not len(members):
        raise InputError("minority", minority, "a class present in y")
    fig, axes = new_figure(6.5, 4.5, pyplot=pyplot)
    ax = axes[0, 0]
    ax.scatter(*X[y != minority].T, s=8, color="0.7", label=t("majority"))
    segments = np.stack([members[result.base], members[result.neighbour]], axis=1)
    ax.add_collection(LineCollection(segments, colors="tab:red", alpha=0.25, lw=1))
    ax.scatter(*result.samples.T, s=14, marker="x", color="tab:red", label=t("SMOTE samples"))
    ax.scatter(*members.T, s=30, color="tab:blue", edgecolor="k", label=t("minority (real)"))
    ax.set_aspect("equal")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def plot_class_counts(before: dict[int, int], after: dict[int, int], pyplot: bool = True):
    """Bars of samples per class before and after oversampling."""
    for name, counts in (("before", before), ("after", after)):
        if not isinstance(counts, dict) or not counts:
            raise InputError(name, counts, "a non-empty dict {class: count}")
        for count in counts.values():
            check_int(count, name, low=0, what="counts per class")
    fig, axes = new_figure(7, 3, pyplot=pyplot)
    ax = axes[0, 0]
    classes = sorted(set(before) | set(after))
    x = np.arange(len(classes))
    ax.bar(x - 0.2, [before.get(c, 0) for c in classes], 0.4, label=t("before"), color="0.6")
    ax.bar(x + 0.2, [after.get(c, 0) for c in classes], 0.4, label=t("after"), color="tab:red")
    ax.set_xticks(x, [str(c) for c in classes])
    ax.set_xlabel(t("class"))
    ax.set_ylabel(t("samples"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_boxes(
    images, boxes, labels=None, titles=None, ncols: int = 4, scale: float = 3.0, dpi: float = 72
):
    """Images with rectangles drawn over them.

    Args:
        images: list of (H, W[, C]) uint8 images.
        boxes: per image, a list of (x0, y0, x1, y1) boxes (x1, y1 exclusive).
        labels: per image, an optional list of strings written above the boxes.
        titles: optional title per image.
    """
    from matplotlib.patches import Rectangle

    if isinstance(images, str) or not hasattr(images, "__len__") or not len(images):
        raise InputError("images", images, "a non-empty list of images")
    for k, image in enumerate(images):
        check_array(image, f"images[{k}]", ndim=(2, 3), kinds="biuf", what="an image (H, W[, C])")
    for name, per_image in (("boxes", boxes), ("labels", labels), ("titles", titles)):
        if per_image is not None and (
            not hasattr(per_image, "__len__") or len(per_image) != len(images)
        ):
            raise InputError(name, per_image, f"one entry per image ({len(images)})")
    for k, image_boxes in enumerate(boxes):
        for box in image_boxes:
            check_array(box, f"boxes[{k}]", shape=(4,), what="(x0, y0, x1, y1)")
        if labels is not None and len(labels[k]) != len(image_boxes):
            raise InputError(f"labels[{k}]", labels[k], f"one label per box ({len(image_boxes)})")
    ncols = check_positive_int(ncols, "ncols")
    check_number(scale, "scale", low=0, low_open=True, what="inches")
    rows = -(-len(images) // ncols)
    width, height = scale * min(ncols, len(images)), scale * 0.8 * rows
    fig, axes = new_figure(width, height, rows, min(ncols, len(images)), dpi=dpi)
    for ax in axes.flat:
        ax.axis("off")
    for index, (ax, image) in enumerate(zip(axes.flat, images, strict=False)):
        ax.imshow(image, cmap="gray" if np.ndim(image) == 2 else None, vmin=0, vmax=255)
        names = labels[index] if labels is not None else [None] * len(boxes[index])
        for (x0, y0, x1, y1), name in zip(boxes[index], names, strict=True):
            ax.add_patch(
                Rectangle((x0 - 0.5, y0 - 0.5), x1 - x0, y1 - y0, fill=False, ec="lime", lw=1.5)
            )
            if name:
                ax.text(x0, y0 - 1, name, color="lime", fontsize=8, va="bottom")
        if titles is not None:
            ax.set_title(titles[index], fontsize=8)
    fig.tight_layout()
    return fig


def plot_scene_records(images, records, ncols: int = 4, scale: float = 2.8):
    """Scene-text images with each word's bounding box and text, read from their records."""
    if not hasattr(records, "__len__") or not all(hasattr(r, "words") for r in records):
        raise InputError("records", records, "a list of SceneTextRecord (from load_dataset)")
    boxes = [[w.bbox for w in r.words] for r in records]
    labels = [[w.text for w in r.words] for r in records]
    return plot_boxes(images, boxes, labels, ncols=ncols, scale=scale)


def plot_interpolants(
    t_known, y_known, t_fine, y_true, curves: dict[str, np.ndarray], title: str = ""
):
    """Known samples, the true curve and interpolated curves on a fine grid."""
    t_known = _series(t_known, "t_known")
    _series(y_known, "y_known", len(t_known))
    t_fine = _series(t_fine, "t_fine")
    _series(y_true, "y_true", len(t_fine))
    _curves(curves, "curves", len(t_fine))
    fig, axes = new_figure(8, 3.4)
    ax = axes[0, 0]
    ax.plot(t_fine, y_true, color="0.75", lw=4, label=t("truth"))
    for name, values in curves.items():
        ax.plot(t_fine, values, color=COLOURS.get(name.split()[0]), lw=1.6, label=t(name))
    ax.plot(t_known, y_known, "o", color="0.15", ms=4, label=t("known samples"))
    ax.set_title(t(title), fontsize=10)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def _gap_words(unit: str) -> dict[str, str]:
    """The words of :func:`plot_gap_filling` in the course language (method names included)."""
    words = {"truth": t("truth"), "known": t("known samples"), "time": t("time (hours)")}
    words["error"] = t("|error| ({unit})", unit=unit)
    return words | {method: t(method) for method in ("linear", "polynomial", "cubic")}


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True in a 1-D mask."""
    edges = np.diff(np.r_[0, mask.astype(int), 0])
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True))
