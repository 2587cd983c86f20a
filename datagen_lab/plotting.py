"""Pictures the lessons share: image grids and strips (matplotlib, imported on first use)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_number, check_positive_int
from datagen_lab.i18n import t

# Floats a hair outside [-1, 1] (rounding in a blend) are clipped as before; further out is a
# different scale ([0, 255] floats would all show white), refused with a hint.
_FLOAT_SLACK = 1e-3


def image_grid(
    images: np.ndarray | Sequence[np.ndarray], ncols: int = 8, pad: int = 1
) -> np.ndarray:
    """Tile images into one array, row-major, with ``pad`` pixels of background between them.

    Args:
        images: (N, H, W) or (N, H, W, C), or a list of same-shaped arrays; any numeric dtype.
        ncols: images per row.
        pad: gap in pixels, filled with the minimum value of the batch.

    Returns:
        (rows*(H+pad)-pad, ncols*(W+pad)-pad[, C]) array in the input dtype.
    """
    batch = check_array(images, "images", ndim=(3, 4), what="a batch (N, H, W[, C])")
    if 0 in batch.shape:
        raise InputError(
            "images", batch, "a non-empty batch (N, H, W[, C])", got_text=f"shape {batch.shape}"
        )
    ncols = check_positive_int(ncols, "ncols")
    pad = check_int(pad, "pad", low=0, what="pixels")
    n, h, w = batch.shape[:3]
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    grid = np.full(
        (nrows * (h + pad) - pad, ncols * (w + pad) - pad, *batch.shape[3:]),
        batch.min(),
        batch.dtype,
    )
    for index, image in enumerate(batch):
        row, col = divmod(index, ncols)
        grid[row * (h + pad) : row * (h + pad) + h, col * (w + pad) : col * (w + pad) + w] = image
    return grid


def show_images(
    images: np.ndarray | Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    scale: float = 1.6,
    cmap: str = "gray",
    suptitle: str | None = None,
):
    """Show images in a grid of subplots, one title each; return the matplotlib Figure.

    Args:
        images: a batch (N, H, W[, C]) or a list of arrays (sizes may differ); uint8 in [0, 255] or
            float in [0, 1] (or [-1, 1], shown rescaled).
        titles: optional, one per image.
        ncols: images per row; scale: inches per image.
    """
    import matplotlib.pyplot as plt

    if images is None or isinstance(images, str | bytes) or not hasattr(images, "__iter__"):
        raise InputError("images", images, "a non-empty batch or list of images")
    images = [_check_shown(image, f"images[{k}]") for k, image in enumerate(images)]
    if not images:
        raise InputError("images", images, "at least one image")
    if titles is not None and (isinstance(titles, str) or not hasattr(titles, "__len__")):
        raise InputError("titles", titles, "a list of titles (one per image), or None")
    ncols = check_positive_int(ncols, "ncols")
    scale = check_number(scale, "scale", low=0, low_open=True, what="inches per image")
    if not isinstance(cmap, str):
        raise InputError("cmap", cmap, "a matplotlib colormap name such as 'gray'")
    ncols = max(1, min(ncols, len(images)))
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(scale * ncols, scale * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for index, (ax, image) in enumerate(zip(axes.flat, images, strict=False)):
        image = _displayable(np.asarray(image))
        ax.imshow(
            image,
            cmap=cmap if image.ndim == 2 else None,
            vmin=0,
            vmax=255 if image.dtype == np.uint8 else 1,
        )
        if titles is not None and index < len(titles):
            ax.set_title(titles[index], fontsize=8)
    if suptitle:
        fig.suptitle(t(suptitle))
    fig.tight_layout()
    return fig


def _check_shown(image: Any, name: str) -> np.ndarray:
    """One image for :func:`show_images`: (H, W) or (H, W, 1/3/4), finite, in a range it can show."""
    array = check_array(image, name, ndim=(2, 3), kinds="biuf", what="an image (H, W[, C])")
    if array.ndim == 3 and array.shape[-1] not in (1, 3, 4):
        raise InputError(name, array, "an image (H, W) or (H, W, C) with C = 1, 3 or 4")
    if array.dtype != np.uint8 and array.dtype.kind != "b":
        low, high = float(array.min()), float(array.max())
        if low < -1 - _FLOAT_SLACK or high > 1 + _FLOAT_SLACK:
            raise InputError(
                name,
                array,
                "uint8 in [0, 255], or float in [0, 1] or [-1, 1]",
                "Convert [0, 255] values with .astype(np.uint8), or divide them by 255.",
            )
    return array


def _displayable(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.dtype == np.uint8:
        return image
    image = image.astype(np.float32)
    if image.min() < 0:  # generator output in [-1, 1]
        image = (image + 1) / 2
    return np.clip(image, 0, 1)
