"""Image-caption pairs from MNIST: numbers composed of several digits, captioned in words.

New samples from combining sources: "seventy-three" is two MNIST digits side by side, and its
record remembers which two, so the provenance of every synthetic image is known.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from datagen_lab.synthesis.fusion import render_text
from datagen_lab.synthesis.scene_text import CaptionRecord


def number_to_words(number: int) -> str:
    """English words for 0 <= number < 1,000,000: 42 -> "forty-two", 105 -> "one hundred five"."""
    number = check_int(number, "number", low=0, high=999_999)
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_to_words(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    return f"{number_to_words(thousands)} thousand" + (f" {number_to_words(rest)}" if rest else "")


def compose_number(
    images: np.ndarray, labels: np.ndarray, number: int, rng: np.random.Generator, overlap: int = 6
) -> tuple[np.ndarray, tuple[int, ...]]:
    """An image of ``number`` written with random MNIST digits side by side.

    Args:
        images: (N, 28, 28) uint8 digits; labels: (N,) their classes.
        overlap: columns that neighbouring digits share (MNIST digits have empty margins).

    Returns:
        (image, sources): uint8 (28, 28 k - overlap (k - 1)) for k digits, and the indices used.
    """
    images, labels = _check_digits(images, labels)
    number = check_int(number, "number", low=0)
    if not isinstance(rng, np.random.Generator):
        raise InputError("rng", rng, "a NumPy Generator, e.g. np.random.default_rng(0)")
    overlap = check_int(overlap, "overlap", low=0, high=images.shape[2] - 1, what="columns")
    return _compose_number(images, labels, number, rng, overlap)


def _compose_number(
    images: np.ndarray, labels: np.ndarray, number: int, rng: np.random.Generator, overlap: int = 6
) -> tuple[np.ndarray, tuple[int, ...]]:
    """:func:`compose_number` on checked arguments (checking 60,000 digits per pair is slow)."""
    sources = []
    for digit in str(int(number)):
        pool = np.flatnonzero(labels == int(digit))
        if pool.size == 0:
            raise InputError(
                "labels",
                labels,
                f"at least one image of each digit of {number}",
                got_text=f"no image of digit {digit} among the {len(labels)} given",
            )
        sources.append(int(rng.choice(pool)))
    h, w = images.shape[1:3]
    step = w - overlap
    canvas = np.zeros((h, step * (len(sources) - 1) + w), np.uint8)
    for k, source in enumerate(sources):
        window = canvas[:, k * step : k * step + w]
        np.maximum(window, images[source], out=window)  # overlapping strokes add up as the brighter
    return canvas, tuple(sources)


def mnist_caption_pairs(
    images: np.ndarray,
    labels: np.ndarray,
    n: int,
    max_digits: int = 3,
    seed: int = 0,
    templates: Sequence[str] = ("{words}",),
) -> list[tuple[np.ndarray, CaptionRecord]]:
    """``n`` new (image, caption) pairs: numbers of 1 to ``max_digits`` digits composed from MNIST.

    Args:
        templates: caption patterns with ``{words}`` and/or ``{number}``; one is picked per pair.

    Returns:
        A list of (uint8 image (28, W), :class:`CaptionRecord` with ``file=""``).
    """
    images, labels = _check_digits(images, labels)
    n = check_int(n, "n", low=0, what="pairs")
    max_digits = check_int(max_digits, "max_digits", low=1, high=5)
    seed = check_seed(seed)
    if isinstance(templates, str) or not isinstance(templates, Sequence) or not templates:
        raise InputError("templates", templates, "a non-empty list of caption patterns")
    for template in templates:
        try:
            check_text(template, "templates").format(words="one", number=1)
        except (KeyError, IndexError, ValueError) as error:
            if isinstance(error, InputError):
                raise
            raise InputError(
                "templates", template, "patterns using only {words} and {number}"
            ) from None
    pairs = []
    for index in range(n):
        rng = np.random.default_rng([seed, index])
        k = int(rng.integers(1, max_digits + 1))
        number = int(rng.integers(0 if k == 1 else 10 ** (k - 1), 10**k))
        image, sources = _compose_number(images, labels, number, rng)
        template = templates[rng.integers(len(templates))]
        caption = template.format(words=number_to_words(number), number=number)
        pairs.append((image, CaptionRecord("", caption, number, sources)))
    return pairs


def captioned(image: np.ndarray, caption: str, scale: int = 3, band: int = 28) -> np.ndarray:
    """``image`` enlarged ``scale`` times above a white band of ``band`` px with ``caption`` in it.

    Returns:
        uint8 (scale H + band, scale W) grey image: the pair as one picture.
    """
    image = check_array(
        image, "image", ndim=2, kinds="u", low=0, high=255, what="a uint8 grey image (H, W)"
    )
    caption = check_text(caption, "caption")
    scale = check_positive_int(scale, "scale")
    band = check_int(band, "band", low=14, what="pixels: room for 8 px text")
    big = np.asarray(
        Image.fromarray(np.asarray(image, np.uint8)).resize(
            (image.shape[1] * scale, image.shape[0] * scale), Image.NEAREST
        )
    )
    strip = np.full((band, big.shape[1]), 255, np.uint8)
    strip = render_text(strip, caption, max_size=min(16, band - 6), margin=0.1).image
    return np.vstack([big, strip])


def _check_digits(images, labels) -> tuple[np.ndarray, np.ndarray]:
    """(N, H, W) uint8 digits and (N,) integer labels of the same length."""
    images = check_array(images, "images", ndim=3, kinds="u", low=0, high=255, what="uint8 digits")
    labels = check_array(labels, "labels", ndim=1, kinds="iu", what="digit classes")
    if len(labels) != len(images):
        raise InputError("labels", labels, f"one label per image ({len(images)})")
    return images, labels


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
