"""Labelled datasets made by fusing sources: scene-text images, and MNIST image-caption pairs.

Each dataset is a folder of PNG images plus ``manifest.jsonl``: one JSON object per line, one
line per image, holding everything a training script needs (the words and their bounding boxes,
the font, size and colours; or the caption and which MNIST digits were used).
:func:`read_manifest` gives back exactly the records :func:`write_manifest` wrote.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from datagen_lab.data import load_photo
from datagen_lab.fusion import render_text
from datagen_lab.fusion_fonts import block_bbox, stroke_width_for

# Words you might see on signs and shop fronts.
SIGN_WORDS = (
    "OPEN", "EXIT", "STOP", "SALE", "CAFE", "HOTEL", "TAXI", "BUS", "PARK", "BOOKS", "BAKERY",
    "PHARMACY", "MUSEUM", "STATION", "POLICE", "PIZZA", "MARKET", "SCHOOL", "Welcome", "Bar",
    "Library", "Garden", "Bank", "Cinema", "Tea", "Fresh", "Closed", "Entrance", "Hello", "42",
    "2024", "No 7", "Platform 3", "Free Wi-Fi",
)  # fmt: skip
SCENE_FONTS = (
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono-Bold.ttf", "DejaVuSans-Oblique.ttf",
)  # fmt: skip
SIGN_COLOURS = (
    (255, 255, 255),
    (0, 0, 0),
    (255, 215, 0),
    (220, 20, 60),
    (30, 144, 255),
    (255, 140, 0),
)
SCENE_PHOTOS = ("astronaut", "chelsea", "coffee")
MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class TextInstance:
    """One word drawn on a scene image: its text, ink box (x0, y0, x1, y1) and how it was drawn."""

    text: str
    bbox: tuple[int, int, int, int]
    font: str
    size: int
    fill: tuple[int, int, int]
    stroke_fill: tuple[int, int, int] | None
    stroke_width: int


@dataclass(frozen=True)
class SceneTextRecord:
    """One scene-text image: file (relative to the dataset folder), size, source photo and crop
    box (x0, y0, x1, y1) in that photo, and the words drawn on it."""

    file: str
    width: int
    height: int
    background: str
    crop: tuple[int, int, int, int]
    words: tuple[TextInstance, ...]


@dataclass(frozen=True)
class CaptionRecord:
    """One image-caption pair: file, caption, the number shown, and the MNIST indices it was built from."""

    file: str
    caption: str
    number: int
    sources: tuple[int, ...]


def scene_text_sample(
    index: int, seed: int = 0, image_size: Sequence[int] = (128, 192), words: Sequence[str] = SIGN_WORDS,
    max_words: int = 3, size_range: Sequence[int] = (14, 36), fonts: Sequence[str] = SCENE_FONTS,
    photos: Sequence[str] = SCENE_PHOTOS,
) -> tuple[np.ndarray, SceneTextRecord]:  # fmt: skip
    """Make scene-text image number ``index``: a random photo crop with 1 to ``max_words`` words.

    Sample ``index`` depends only on (seed, index), so the first samples of a short run equal
    those of a long one. Words never overlap; each gets a random font, size and colour (black
    or white chosen for contrast half of the time, a sign colour otherwise, outlined if needed).

    Args:
        image_size: (height, width) of the image in pixels.

    Returns:
        (image, record): uint8 (H, W, 3) and a :class:`SceneTextRecord` with ``file=""``.
    """
    if max_words < 1 or not words or size_range[0] > size_range[1]:
        raise ValueError(
            f"Need max_words >= 1, some words and a valid size_range; got {size_range}."
        )
    rng = np.random.default_rng([seed, index])
    height, width = (int(v) for v in image_size)
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
    samples = (scene_text_sample(i, seed, **options) for i in range(int(n)))
    return write_dataset(out_dir, samples)


def write_dataset(out_dir: str | os.PathLike, samples) -> list:
    """Save (image, record) pairs as ``images/000000.png``, ... and ``manifest.jsonl``; return the records."""
    folder = Path(out_dir)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    records = []
    for index, (image, record) in enumerate(samples):
        name = f"images/{index:06d}.png"
        Image.fromarray(np.asarray(image, dtype=np.uint8)).save(folder / name)
        records.append(dataclasses.replace(record, file=name))
    write_manifest(records, folder / MANIFEST)
    return records


def write_manifest(records: Sequence, path: str | os.PathLike) -> Path:
    """Write records (:class:`SceneTextRecord` or :class:`CaptionRecord`) as JSON lines."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")
    return path


def read_manifest(path: str | os.PathLike) -> list:
    """Read a manifest back into records; the kind is told by the fields of each line.

    Raises:
        ValueError: a line is not JSON, or not a record this module writes (the line is named).
    """
    path = Path(path)
    if path.is_dir():
        path = path / MANIFEST
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append(_record(json.loads(line)))
        except (json.JSONDecodeError, TypeError, KeyError) as error:
            raise ValueError(
                f"{path}, line {number}: not a datagen_lab record ({error})."
            ) from None
    return records


def load_dataset(folder: str | os.PathLike) -> tuple[list[np.ndarray], list]:
    """The images (uint8 arrays) and records of a dataset folder written by :func:`write_dataset`."""
    records = read_manifest(Path(folder) / MANIFEST)
    return [np.asarray(Image.open(Path(folder) / r.file)) for r in records], records


def crop_words(
    image: np.ndarray, record: SceneTextRecord, pad: int = 2
) -> list[tuple[np.ndarray, str]]:
    """The word patches of a scene image with their text: training pairs for a text recogniser."""
    crops = []
    for word in record.words:
        x0, y0, x1, y1 = word.bbox
        crops.append((image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad], word.text))
    return crops


def _record(data: dict):
    if "words" in data:
        words = tuple(
            TextInstance(**{**w, "bbox": tuple(w["bbox"]), "fill": tuple(w["fill"]),
                            "stroke_fill": tuple(w["stroke_fill"]) if w["stroke_fill"] else None})
            for w in data["words"]
        )  # fmt: skip
        return SceneTextRecord(**{**data, "crop": tuple(data["crop"]), "words": words})
    return CaptionRecord(**{**data, "sources": tuple(data["sources"])})


@lru_cache(maxsize=8)
def _photo(name: str) -> np.ndarray:
    return load_photo(name)


def _random_crop(photo: np.ndarray, height: int, width: int, rng: np.random.Generator):
    """A random crop with the aspect of (height, width), zoomed 1x to 3x, resized to that size."""
    most = min(photo.shape[0] / height, photo.shape[1] / width, 3.0)
    if most < 1:
        raise ValueError(
            f"Photo {photo.shape[:2]} is smaller than the image size {(height, width)}."
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
