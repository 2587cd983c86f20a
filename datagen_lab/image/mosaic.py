"""Many same-shaped images tiled into one figure (:func:`show_mosaic`), zoomed crops for tiles
whose details are too small to see (:func:`zoom_crop`), and the small checks the image lesson's
figures share (scales in inches, lists of titles).

:mod:`datagen_lab.image.plots` re-exports :func:`show_mosaic`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datagen_lab.checks import InputError, check_int, check_number, check_positive_int
from datagen_lab.image.augment import check_image
from datagen_lab.image.inputs import validate


def _check_scale(value, name: str) -> float:
    return check_number(value, name, low=0, low_open=True, what="inches")


def _check_titles(titles, count: int, name: str = "titles") -> None:
    """None, or a list of texts (or numbers) with at most ``count`` entries."""
    if titles is None:
        return
    if isinstance(titles, str) or not isinstance(titles, Sequence):
        raise InputError(name, titles, f"a list of at most {count} titles, or None")
    if len(titles) > count:
        raise InputError(
            name, titles, f"at most {count} titles, one per image", got_text=f"{len(titles)} titles"
        )


def show_mosaic(
    images: Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    row_labels: Sequence[str] | None = None,
    tile_inches: float = 1.4,
    suptitle: str = "",
):
    """Same-shaped images tiled into one picture with a title above each and labels beside rows.

    One matplotlib image instead of a subplot per tile: many times faster to draw.

    Args:
        images: uint8 (or float in [0, 1]) images of one shape (H, W[, C]); titles: one per image
            (``titles[i % len(titles)]`` when shorter, so one row of titles can label every row).
        ncols: tiles per row; row_labels: one per row, written on the left.
        tile_inches: width of one tile in the figure.
    """
    import matplotlib.pyplot as plt

    if images is None or isinstance(images, str | bytes) or not hasattr(images, "__len__"):
        raise InputError("images", images, "a non-empty list or batch of same-shaped images")
    tiles = [
        _rgb(check_image(validate(image, batch=False, name=f"images[{k}]")))
        for k, image in enumerate(images)
    ]
    if not tiles or any(tile.shape != tiles[0].shape for tile in tiles):
        shapes = sorted({tile.shape for tile in tiles})
        raise InputError(
            "images",
            images,
            "at least one image, all of the same shape (show_mosaic)",
            got_text=f"{len(tiles)} images of shapes {shapes}",
        )
    (h, w), n = tiles[0].shape[:2], len(tiles)
    ncols = max(1, min(check_positive_int(ncols, "ncols"), n))
    nrows = -(-n // ncols)
    tile_inches = _check_scale(tile_inches, "tile_inches")
    if titles is not None and (isinstance(titles, str) or not isinstance(titles, Sequence)):
        raise InputError("titles", titles, "a list of titles, or None")
    _check_titles(row_labels, nrows, "row_labels")
    if not isinstance(suptitle, str):
        raise InputError("suptitle", suptitle, "a str")
    pad = max(2, w // 40)
    band = max(2, round(h * 0.22)) if titles else pad
    canvas = np.full((nrows * (h + band), ncols * (w + pad) - pad, 3), 255, np.uint8)
    for k, tile in enumerate(tiles):
        row, col = divmod(k, ncols)
        canvas[row * (h + band) + band :][:h, col * (w + pad) :][:, :w] = tile
    label_in, title_in = (1.3 if row_labels else 0.0), (0.35 if suptitle else 0.0)
    width_in, height_in = tile_inches * canvas.shape[1] / w, tile_inches * canvas.shape[0] / w
    fig = plt.figure(figsize=(width_in + label_in, height_in + title_in))
    total_w, total_h = width_in + label_in, height_in + title_in
    ax = fig.add_axes((label_in / total_w, 0, width_in / total_w, height_in / total_h))
    ax.imshow(canvas)
    ax.axis("off")
    for k in range(n if titles else 0):
        row, col = divmod(k, ncols)
        x, y = col * (w + pad) + w / 2, row * (h + band) + band * 0.85
        ax.text(x, y, titles[k % len(titles)], ha="center", va="bottom", fontsize=8)
    for row, label in enumerate(row_labels or []):
        ax.text(
            -pad * 2, row * (h + band) + band + h / 2, label, ha="right", va="center", fontsize=8
        )
    if suptitle:
        fig.suptitle(suptitle, fontsize=10, y=1 - 0.1 * title_in / total_h)
    return fig


def zoom_crop(image: np.ndarray, box: Sequence[int], factor: int | None = None) -> np.ndarray:
    """The square ``box = (top, left, size)`` of ``image``, enlarged by repeating each pixel.

    Noise, blur and JPEG blocks at their default strength change single pixels, which a thumbnail
    of the whole photo averages away; a crop enlarged ``factor`` times shows every pixel as a
    ``factor`` x ``factor`` block (nearest neighbour: no smoothing that would hide the noise).

    Args:
        image: (H, W) or (H, W, C), as :func:`~datagen_lab.image.augment.check_image` accepts.
        box: ``(top, left, size)`` in pixels; the square must lie inside the image.
        factor: enlargement, >= 1; None: ``min(H, W) // size``, so the crop fills about as much
            room as the whole image did.

    Returns:
        (size * factor, size * factor[, C]) array of the image's dtype.
    """
    image = check_image(validate(image, batch=False, name="image"))
    h, w = image.shape[:2]
    expected = f"(top, left, size) of a square inside the {h} x {w} image"
    if isinstance(box, str) or not isinstance(box, Sequence) or len(box) != 3:
        raise InputError("box", box, expected)
    top, left, size = (check_int(v, "box", low=0, what=expected) for v in box)
    if size < 1 or top + size > h or left + size > w:
        raise InputError("box", box, expected)
    factor = max(1, min(h, w) // size) if factor is None else check_positive_int(factor, "factor")
    crop = image[top : top + size, left : left + size]
    return np.repeat(np.repeat(crop, factor, axis=0), factor, axis=1)


def _rgb(image: np.ndarray) -> np.ndarray:
    image = image.reshape(image.shape[:2]) if image.ndim == 2 or image.shape[-1] == 1 else image
    return np.repeat(image[..., None], 3, axis=-1) if image.ndim == 2 else image
