"""A synthetic dataset on disk: a folder of PNG images plus ``manifest.jsonl``, one JSON object per
line, one line per image, holding everything a training script needs (the words and their bounding
boxes, the font, size and colours; or the caption and which MNIST digits were used).
:func:`read_manifest` gives back exactly the records :func:`write_manifest` wrote.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from datagen_lab.checks import (
    InputError,
    check_array,
    check_path,
)

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


def write_dataset(out_dir: str | os.PathLike, samples) -> list:
    """Save (image, record) pairs as ``images/000000.png``, ... and ``manifest.jsonl``; return the records."""
    folder = _check_out_dir(out_dir, "out_dir")
    if isinstance(samples, str | bytes) or not isinstance(samples, Iterable):
        raise InputError("samples", samples, "an iterable of (image, record) pairs")
    (folder / "images").mkdir(parents=True, exist_ok=True)
    records = []
    for index, sample in enumerate(samples):
        image, record = _check_sample(sample, index)
        name = f"images/{index:06d}.png"
        Image.fromarray(image).save(folder / name)
        records.append(dataclasses.replace(record, file=name))
    write_manifest(records, folder / MANIFEST)
    return records


def write_manifest(records: Sequence, path: str | os.PathLike) -> Path:
    """Write records (:class:`SceneTextRecord` or :class:`CaptionRecord`) as JSON lines."""
    if isinstance(records, str | bytes) or not isinstance(records, Sequence):
        raise InputError("records", records, "a list of SceneTextRecord or CaptionRecord")
    for record in records:
        if not isinstance(record, SceneTextRecord | CaptionRecord):
            raise InputError("records", record, "a list of SceneTextRecord or CaptionRecord")
    path = _check_out_file(path, "path")
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")
    return path


def read_manifest(path: str | os.PathLike) -> list:
    """Read a manifest back into records; the kind is told by the fields of each line.

    Raises:
        ValueError: a line is not JSON, or not a record this module writes (the line is named).
    """
    if isinstance(path, str | os.PathLike) and Path(path).expanduser().is_dir():
        path = Path(path).expanduser() / MANIFEST
    path = check_path(path, "path")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append(_record(json.loads(line)))
        except (json.JSONDecodeError, TypeError, KeyError, AttributeError) as error:
            raise ValueError(
                f"{path}, line {number}: not a datagen_lab record ({error})."
            ) from None
    return records


def load_dataset(folder: str | os.PathLike) -> tuple[list[np.ndarray], list]:
    """The images (uint8 arrays) and records of a dataset folder written by :func:`write_dataset`."""
    folder = check_path(folder, "folder", kind="dir")
    if not (folder / MANIFEST).is_file():
        raise InputError(
            "folder",
            folder,
            f"a dataset folder written by write_dataset (with {MANIFEST})",
            got_text=f"{str(folder)!r}, which has no {MANIFEST}",
        )
    records = read_manifest(folder / MANIFEST)
    missing = [r.file for r in records if not (folder / r.file).is_file()]
    if missing:
        raise InputError(
            "folder",
            folder,
            "a dataset folder with every image its manifest lists",
            got_text=f"{str(folder)!r}, where {len(missing)} are missing (first: {missing[0]})",
        )
    return [np.asarray(Image.open(folder / r.file)) for r in records], records


def _check_out_dir(out_dir, name: str) -> Path:
    """A folder to write into: it may not exist yet, but it must not be a file."""
    if not isinstance(out_dir, str | os.PathLike) or not str(out_dir).strip():
        raise InputError(name, out_dir, "the path of a folder to write into")
    folder = Path(out_dir).expanduser()
    for path in (folder, folder / "images", *folder.parents):
        if path.exists() and not path.is_dir():
            raise InputError(
                name,
                out_dir,
                "the path of a folder to write into",
                got_text=f"{str(out_dir)!r}, where {str(path)!r} is a file",
            )
    return folder


def _check_out_file(path, name: str) -> Path:
    """A file to write: its folder must exist, and it must not be a folder itself."""
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise InputError(name, path, "the path of a file to write")
    path = Path(path).expanduser()
    if path.is_dir() or not path.parent.is_dir():
        found = "a folder" if path.is_dir() else "a path whose folder does not exist"
        raise InputError(
            name, path, "the path of a file to write", got_text=f"{str(path)!r}, {found}"
        )
    return path


def _check_sample(sample, index: int) -> tuple[np.ndarray, object]:
    """One (image, record) pair of :func:`write_dataset`, checked before its file is written."""
    if isinstance(sample, str | bytes) or not isinstance(sample, Sequence) or len(sample) != 2:
        raise InputError(f"samples[{index}]", sample, "an (image, record) pair")
    image, record = sample
    image = check_array(
        image,
        f"samples[{index}]",
        kinds="u",
        low=0,
        high=255,
        what="a uint8 image (H, W), (H, W, 3) or (H, W, 4)",
    )
    if not (image.ndim == 2 or (image.ndim == 3 and image.shape[-1] in (3, 4))):
        raise InputError(f"samples[{index}]", image, "a uint8 image (H, W), (H, W, 3) or (H, W, 4)")
    if not isinstance(record, SceneTextRecord | CaptionRecord):
        raise InputError(f"samples[{index}]", record, "a SceneTextRecord or CaptionRecord record")
    return np.asarray(image, dtype=np.uint8), record


def _record(data: dict):
    if "words" in data:
        words = tuple(
            TextInstance(
                **{
                    **w,
                    "bbox": tuple(w["bbox"]),
                    "fill": tuple(w["fill"]),
                    "stroke_fill": tuple(w["stroke_fill"]) if w["stroke_fill"] else None,
                }
            )
            for w in data["words"]
        )
        return SceneTextRecord(**{**data, "crop": tuple(data["crop"]), "words": words})
    return CaptionRecord(**{**data, "sources": tuple(data["sources"])})
