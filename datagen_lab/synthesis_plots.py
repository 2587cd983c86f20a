"""Pictures for the dataset-synthesis lesson: gap filling, error curves, SMOTE, class counts.

Every function builds a matplotlib ``Figure`` and returns it (pyplot is used only where a
notebook shows the figure; :func:`figure_png` renders one without pyplot, for widgets).
"""

from __future__ import annotations

import io

import numpy as np

COLOURS = {"linear": "tab:orange", "polynomial": "tab:green", "cubic": "tab:purple"}


def new_figure(
    width: float, height: float, nrows: int = 1, ncols: int = 1, pyplot: bool = True, **kw
):
    """A figure and its axes: through pyplot (shown inline) or a bare Agg figure (for widgets)."""
    if pyplot:
        import matplotlib.pyplot as plt

        return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, **kw)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    return fig, fig.subplots(nrows, ncols, squeeze=False, **kw)


def figure_png(fig, dpi: int = 80) -> bytes:
    """PNG bytes of a figure (for ``ipywidgets.Image``)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def plot_gap_filling(
    t, y, known, fills: dict[str, np.ndarray], unit: str = "°C", pyplot: bool = True
):
    """Top: the truth, the known samples and each method's filled values. Bottom: |error| in the gaps.

    Args:
        t, y: (N,) times and true values; known: (N,) bool mask of kept samples.
        fills: {method: (N,) filled series}.
    """
    t, y, known = np.asarray(t), np.asarray(y), np.asarray(known, bool)
    fig, axes = new_figure(10, 5.2, 2, 1, pyplot, sharex=True, height_ratios=[2, 1])
    top, bottom = axes[:, 0]
    top.plot(t, y, color="0.75", lw=4, label="truth", zorder=1)
    top.plot(t[known], y[known], ".", color="0.2", ms=4, label="known samples", zorder=3)
    gaps = np.ma.masked_where(known, t)
    for method, filled in fills.items():
        colour = COLOURS.get(method.split()[0])
        top.plot(
            gaps, np.ma.masked_where(known, filled), color=colour, lw=1.8, label=method, zorder=2
        )
        error = np.ma.masked_where(known, np.abs(filled - y))
        bottom.plot(gaps, error, color=colour, lw=1.5, label=method)
    for start, stop in _runs(~known):
        for ax in (top, bottom):
            ax.axvspan(t[start] - 0.5, t[stop - 1] + 0.5, color="0.93", zorder=0)
    top.set_ylabel(unit)
    top.legend(loc="upper right", fontsize=8, ncol=2)
    bottom.set_ylabel(f"|error| ({unit})")
    bottom.set_xlabel("time (hours)")
    fig.tight_layout()
    return fig


def plot_error_curves(
    sizes, table: dict[str, np.ndarray], xlabel: str, slopes=(2, 4), pyplot: bool = True
):
    """Log-log RMSE against gap size or spacing per method, with reference lines of given slopes."""
    fig, axes = new_figure(6.5, 4, pyplot=pyplot)
    ax = axes[0, 0]
    sizes = np.asarray(sizes, float)
    for method, errors in table.items():
        ax.loglog(sizes, errors, "o-", color=COLOURS.get(method.split()[0]), label=method)
    anchor = min(e[0] for e in table.values() if e[0] > 0)
    for slope in slopes:
        ax.loglog(sizes, anchor * (sizes / sizes[0]) ** slope, ":", color="0.5", lw=1)
        ax.annotate(
            f"slope {slope}", (sizes[-1], anchor * (sizes[-1] / sizes[0]) ** slope), fontsize=8
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("RMSE (°C)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_smote(X, y, result, minority: int = 1, pyplot: bool = True):
    """2-D scatter of both classes, the SMOTE samples, and the segment each one was drawn on."""
    from matplotlib.collections import LineCollection

    X, y = np.asarray(X), np.asarray(y)
    members = X[y == minority]
    fig, axes = new_figure(6.5, 4.5, pyplot=pyplot)
    ax = axes[0, 0]
    ax.scatter(*X[y != minority].T, s=8, color="0.7", label="majority")
    segments = np.stack([members[result.base], members[result.neighbour]], axis=1)
    ax.add_collection(LineCollection(segments, colors="tab:red", alpha=0.25, lw=1))
    ax.scatter(*result.samples.T, s=14, marker="x", color="tab:red", label="SMOTE samples")
    ax.scatter(*members.T, s=30, color="tab:blue", edgecolor="k", label="minority (real)")
    ax.set_aspect("equal")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def plot_class_counts(before: dict[int, int], after: dict[int, int], pyplot: bool = True):
    """Bars of samples per class before and after oversampling."""
    fig, axes = new_figure(7, 3, pyplot=pyplot)
    ax = axes[0, 0]
    classes = sorted(set(before) | set(after))
    x = np.arange(len(classes))
    ax.bar(x - 0.2, [before.get(c, 0) for c in classes], 0.4, label="before", color="0.6")
    ax.bar(x + 0.2, [after.get(c, 0) for c in classes], 0.4, label="after", color="tab:red")
    ax.set_xticks(x, [str(c) for c in classes])
    ax.set_xlabel("class")
    ax.set_ylabel("samples")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_boxes(image, record, pyplot: bool = True):
    """A scene-text image with each word's bounding box and label drawn over it."""
    from matplotlib.patches import Rectangle

    fig, axes = new_figure(4, 3, pyplot=pyplot)
    ax = axes[0, 0]
    ax.imshow(image)
    for word in record.words:
        x0, y0, x1, y1 = word.bbox
        ax.add_patch(
            Rectangle((x0 - 0.5, y0 - 0.5), x1 - x0, y1 - y0, fill=False, ec="lime", lw=1.5)
        )
        ax.text(x0, y0 - 2, word.text, color="lime", fontsize=7, va="bottom")
    ax.axis("off")
    fig.tight_layout()
    return fig


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True in a 1-D mask."""
    edges = np.diff(np.r_[0, mask.astype(int), 0])
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True))
