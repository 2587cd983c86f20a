"""Pictures the lessons share: image grids and strips (matplotlib, imported on first use)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
    batch = np.asarray(images)
    if batch.ndim not in (3, 4) or batch.shape[0] == 0:
        raise ValueError(
            f"image_grid expects a non-empty batch (N, H, W[, C]); got shape {batch.shape}."
        )
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

    images = list(images)
    if not images:
        raise ValueError("show_images needs at least one image.")
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
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def _displayable(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.dtype == np.uint8:
        return image
    image = image.astype(np.float32)
    if image.min() < 0:  # generator output in [-1, 1]
        image = (image + 1) / 2
    return np.clip(image, 0, 1)
