"""One row of random draws per augmenter of a family (geometric, colour, noise), for lesson 1.

:func:`family_draws` makes the draws; :func:`show_family` shows them, optionally with a stronger
setting beside the default and zoomed crops (:func:`~datagen_lab.image.mosaic.zoom_crop`), so
that colour and noise changes too small to see in a thumbnail become visible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datagen_lab.checks import InputError, check_number, check_positive_int, check_seed
from datagen_lab.i18n import t
from datagen_lab.image.augment import augment_draws, check_image, make_augmenter
from datagen_lab.image.catalog import names as catalog_names
from datagen_lab.image.catalog import spec
from datagen_lab.image.mosaic import _check_scale, show_mosaic, zoom_crop


def family_draws(
    image: np.ndarray,
    family: str,
    n_draws: int = 5,
    seed: int = 0,
    names: Sequence[str] | None = None,
    stronger: float | None = None,
) -> dict[str, tuple[float, np.ndarray]]:
    """Random draws of each augmenter of ``family``: name -> (strength, (n_draws, H, W[, C]) draws).

    Row ``r`` draws with seed ``seed + r + 1``, so rows are independent and repeatable. Without
    ``stronger`` every augmenter is at its default strength; with a factor > 1 at ``stronger``
    times its default, capped at its maximum (seeds ``seed + 101 + r``). Colour-only augmenters
    are left out for single-channel images (a digit has no hue).
    """
    image = check_image(image)
    n_draws, seed = check_positive_int(n_draws, "n_draws"), check_seed(seed)
    catalog_names(family)  # refuses an unknown family
    if stronger is not None:
        stronger = check_number(stronger, "stronger", low=1, low_open=True, what="a factor > 1")
    if names is not None:
        if isinstance(names, str) or not isinstance(names, Sequence):
            raise InputError("names", names, "a list of augmenter names, or None")
        names = [spec(n, "names").name for n in names]
    gray = image.ndim == 2 or image.shape[-1] == 1
    chosen = [n for n in (names or catalog_names(family)) if not (gray and spec(n).colour_only)]
    if not chosen:
        raise ValueError(
            f"No augmenter of family {family!r} applies to an image of shape {image.shape}."
        )
    draws = {}
    for row, name in enumerate(chosen):
        strength, row_seed = spec(name).default, seed + row + 1
        if stronger is not None:
            strength, row_seed = min(spec(name).high, strength * stronger), row_seed + 100
        augmenter = make_augmenter(name, strength=strength, seed=row_seed)
        draws[name] = (strength, augment_draws(image, augmenter, n_draws))
    return draws


def show_family(
    image: np.ndarray,
    family: str,
    n_draws: int = 5,
    seed: int = 0,
    names: Sequence[str] | None = None,
    scale: float = 1.0,
    stronger: float | None = None,
    zoom: Sequence[int] | None = None,
):
    """One row per augmenter of ``family`` at its default strength: the original, then random draws.

    Args:
        image, family, n_draws, seed, names: as for :func:`family_draws` (the same draws).
        scale: width of one tile in inches.
        stronger: None, or a factor > 1: each row then also shows ``n_draws`` draws at that many
            times the default strength (capped at the maximum), beside the default ones, for
            changes too subtle to see at the default.
        zoom: None, or ``(top, left, size)``: every tile shows that square of the image (after
            augmenting the whole image), enlarged by :func:`zoom_crop` so single pixels show.
    """
    scale = _check_scale(scale, "scale")
    default = family_draws(image, family, n_draws, seed, names)
    strong = family_draws(image, family, n_draws, seed, names, stronger) if stronger else None
    image = check_image(image)
    tiles, labels = [], []
    for name, (strength, draws) in default.items():
        row = [image, *draws] + ([] if strong is None else list(strong[name][1]))
        tiles += row
        extra = "" if strong is None else f"\n{strength:g} | {strong[name][0]:g}"
        labels.append(f"{name}{extra}" if extra else f"{name} {strength:g}")
    if zoom is not None:
        tiles = [zoom_crop(tile, zoom) for tile in tiles]
    titles = [t("original")] + [t("draw {k}", k=i + 1) for i in range(n_draws)]
    if strong is not None:
        titles = [t("original")] + [t("default {k}", k=i + 1) for i in range(n_draws)]
        titles += [t("stronger {k}", k=i + 1) for i in range(n_draws)]
    ncols = len(titles)
    titles += [""] * (len(tiles) - len(titles))  # column titles on the first row only
    return show_mosaic(tiles, titles, ncols=ncols, row_labels=labels, tile_inches=scale)
