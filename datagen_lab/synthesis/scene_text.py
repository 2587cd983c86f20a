"""Labelled datasets made by fusing sources: scene-text images (words on photo crops).

Each dataset is a folder of PNG images plus ``manifest.jsonl`` (:mod:`datagen_lab.synthesis.manifest`,
whose names are re-exported here); :func:`crop_words` cuts the labelled words back out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from PIL import Image

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_positive_int,
    check_seed,
    check_text,
)
from datagen_lab.data import PHOTOS, load_photo
from datagen_lab.synthesis.fonts import block_bbox, stroke_width_for
from datagen_lab.synthesis.fusion import render_text
from datagen_lab.synthesis.manifest import (  # noqa: F401 (re-exported)
    MANIFEST,
    CaptionRecord,
    SceneTextRecord,
    TextInstance,
    load_dataset,
    read_manifest,
    write_dataset,
    write_manifest,
)

# Words you might see on signs and shop fronts.
SIGN_WORDS = (
    "OPEN", "EXIT", "STOP", "SALE", "CAFE", "HOTEL", "TAXI", "BUS", "PARK", "BOOKS", "BAKERY",
    "PHARMACY", "MUSEUM", "STATION", "POLICE", "PIZZA", "MARKET", "SCHOOL", "Welcome", "Bar",
    "Library", "Garden", "Bank", "Cinema", "Tea", "Fresh", "Closed", "Entrance", "Hello", "42",
    "2024", "No 7", "Platform 3", "Free Wi-Fi",
)  # fmt: skip
SCENE_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
)
SIGN_COLOURS = (
    (255, 255, 255),
    (0, 0, 0),
    (255, 215, 0),
    (220, 20, 60),
    (30, 144, 255),
    (255, 140, 0),
)
SCENE_PHOTOS = ("astronaut", "chelsea", "coffee")


def scene_text_sample(
    index: int,
    seed: int = 0,
    image_size: Sequence[int] = (128, 192),
    words: Sequence[str] = SIGN_WORDS,
    max_words: int = 3,
    size_range: Sequence[int] = (14, 36),
    fonts: Sequence[str] = SCENE_FONTS,
    photos: Sequence[str] = SCENE_PHOTOS,
) -> tuple[np.ndarray, SceneTextRecord]:
    """Make scene-text image number ``index``: a random photo crop with 1 to ``max_words`` words.

    Sample ``index`` depends only on (seed, index), so the first samples of a short run equal
    those of a long one. Words never overlap; each gets a random font, size and colour (black
    or white chosen for contrast half of the time, a sign colour otherwise, outlined if needed).

    Args:
        image_size: (height, width) of the image in pixels.

    Returns:
        (image, record): uint8 (H, W, 3) and a :class:`SceneTextRecord` with ``file=""``.
    """
    index = check_int(index, "index", low=0)
    seed = check_seed(seed)
    height, width = _check_scene_options(image_size, words, max_words, size_range, fonts, photos)
    rng = np.random.default_rng([seed, index])
    name = photos[rng.integers(len(photos))]
    image, crop = _random_crop(_photo(name), height, width, rng)
    taken: list[tuple[int, int, int, int]] = []
    instances = []
    for _ in range(rng.integers(1, max_words + 1)):
        word, font = words[rng.integers(len(words))], fonts[rng.integers(len(fonts))]
        size = int(rng.integers(size_range[0], size_range[1] + 1))
        box = _free_box(word, font, size, (width, height), taken, rng)
        while box is None and size > size_range[0]:  # no room at this size: try smaller
            size = max(int(size_range[0]), int(size * 0.8))
            box = _free_box(word, font, size, (width, height), taken, rng)
        if box is None:  # no room left at all: this image gets fewer words
            continue
        colour = "auto" if rng.random() < 0.5 else SIGN_COLOURS[rng.integers(len(SIGN_COLOURS))]
        drawn = render_text(image, word, box=box, size=size, font=font, colour=colour, wrap=False)
        image, taken = drawn.image, [*taken, box]
        instances.append(
            TextInstance(
                word, drawn.bbox, font, size, drawn.fill, drawn.stroke_fill, drawn.stroke_width
            )
        )
    return image, SceneTextRecord("", width, height, name, crop, tuple(instances))


def synthesize_scene_text(
    out_dir: str | os.PathLike, n: int, seed: int = 0, **options
) -> list[SceneTextRecord]:
    """Write ``n`` scene-text images to ``out_dir/images/`` and their labels to ``out_dir/manifest.jsonl``.

    Args:
        options: passed to :func:`scene_text_sample` (image_size, words, max_words, fonts, ...).

    Returns:
        The records, as :func:`read_manifest` will read them back.
    """
    n = check_int(n, "n", low=0, what="images")
    seed = check_seed(seed)
    import inspect

    known = set(inspect.signature(scene_text_sample).parameters) - {"index", "seed"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise InputError(
            "options", unknown, f"keywords of scene_text_sample: {', '.join(sorted(known))}"
        )
    defaults = {
        k: p.default
        for k, p in inspect.signature(scene_text_sample).parameters.items()
        if k in known
    }
    _check_scene_options(**{**defaults, **options})  # all checked before a file is written
    samples = (scene_text_sample(i, seed, **options) for i in range(n))
    return write_dataset(out_dir, samples)


def crop_words(
    image: np.ndarray, record: SceneTextRecord, pad: int = 2
) -> list[tuple[np.ndarray, str]]:
    """The word patches of a scene image with their text: training pairs for a text recogniser.

    Args:
        image: (H, W[, C]) the scene image; record: its :class:`SceneTextRecord`;
        pad: pixels kept around each word box (>= 0).
    """
    image = check_array(image, "image", ndim=(2, 3), kinds="biuf")
    if not isinstance(record, SceneTextRecord):
        raise InputError(
            "record", record, "a SceneTextRecord (from scene_text_sample or load_dataset)"
        )
    pad = check_int(pad, "pad", low=0, what="pixels")
    height, width = image.shape[:2]
    for word in record.words:
        x0, y0, x1, y1 = word.bbox
        if not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height):
            raise InputError(
                "record",
                word.bbox,
                f"word boxes inside the {width}x{height} image",
                got_text=f"the box {word.bbox} of {word.text!r}",
            )
    crops = []
    for word in record.words:
        x0, y0, x1, y1 = word.bbox
        crops.append((image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad], word.text))
    return crops


def _check_scene_options(
    image_size=(128, 192),
    words=SIGN_WORDS,
    max_words=3,
    size_range=(14, 36),
    fonts=SCENE_FONTS,
    photos=SCENE_PHOTOS,
) -> tuple[int, int]:
    """Check :func:`scene_text_sample`'s options; return (height, width)."""
    from datagen_lab.synthesis.fonts import resolve_font

    if isinstance(image_size, str) or not isinstance(image_size, Sequence) or len(image_size) != 2:
        raise InputError("image_size", image_size, "two positive integers (height, width)")
    height, width = (check_positive_int(v, "image_size") for v in image_size)
    for name, values in (("words", words), ("fonts", fonts), ("photos", photos)):
        if isinstance(values, str) or not isinstance(values, Sequence) or not values:
            raise InputError(name, values, "a non-empty list")
    for word in words:
        check_text(word, "words")
    for font in fonts:
        resolve_font(font, "fonts")
    for photo in photos:
        if photo not in PHOTOS:
            raise InputError("photos", photo, f"names of course photos: {', '.join(PHOTOS)}")
    check_positive_int(max_words, "max_words")
    if isinstance(size_range, str) or not isinstance(size_range, Sequence) or len(size_range) != 2:
        raise InputError("size_range", size_range, "two font sizes (smallest, largest) in pixels")
    low, high = (check_positive_int(v, "size_range") for v in size_range)
    if low > high:
        raise InputError("size_range", size_range, "(smallest, largest) with smallest <= largest")
    return height, width


@lru_cache(maxsize=8)
def _photo(name: str) -> np.ndarray:
    return load_photo(name)


def _random_crop(photo: np.ndarray, height: int, width: int, rng: np.random.Generator):
    """A random crop with the aspect of (height, width), zoomed 1x to 3x, resized to that size."""
    most = min(photo.shape[0] / height, photo.shape[1] / width, 3.0)
    if most < 1:
        raise InputError(
            "image_size",
            (height, width),
            f"at most the photo's size {photo.shape[:2]}",
            got_text=f"{(height, width)}, larger than the photo",
        )
    zoom = rng.uniform(1.0, most)
    ch, cw = round(height * zoom), round(width * zoom)
    y0, x0 = (
        int(rng.integers(0, photo.shape[0] - ch + 1)),
        int(rng.integers(0, photo.shape[1] - cw + 1)),
    )
    crop = Image.fromarray(photo[y0 : y0 + ch, x0 : x0 + cw]).resize(
        (width, height), Image.BILINEAR
    )
    return np.asarray(crop), (x0, y0, x0 + cw, y0 + ch)


def _free_box(word, font, size, image_size, taken, rng, tries: int = 30):
    """A random box for ``word`` inside the image that overlaps no taken box, or None."""
    left, top, right, bottom = block_bbox(word, font, size, stroke_width_for(size))
    w, h = right - left, bottom - top
    if w >= image_size[0] or h >= image_size[1]:
        return None
    for _ in range(tries):
        x, y = int(rng.integers(0, image_size[0] - w)), int(rng.integers(0, image_size[1] - h))
        box = (x, y, x + w, y + h)
        if all(_apart(box, other) for other in taken):
            return box
    return None


def _apart(a, b, gap: int = 2) -> bool:
    return a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]
