"""Legibility measures: the edge contrast sees an outline, the background's worst contrast does not."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from datagen_lab.checks import InputError
from datagen_lab.synthesis import fonts, fusion, legibility

AA = 4.5


def stripes(height=120, width=240, period=8):
    row = ((np.arange(width) // (period // 2)) % 2 * 255).astype(np.uint8)
    return np.repeat(np.repeat(row[None, :, None], height, axis=0), 3, axis=2)


def test_without_outline_the_edge_contrast_is_the_background_around_the_letters():
    for rgb in [(135, 206, 235), (20, 24, 60), (128, 128, 128)]:
        plain = np.zeros((80, 200, 3), np.uint8) + np.array(rgb, np.uint8)
        drawn = fusion.render_text(plain, "Legible", stroke=False)
        assert drawn.edge_contrast == pytest.approx(drawn.worst_contrast)
        assert drawn.edge_contrast == pytest.approx(float(fusion.contrast_ratio(drawn.fill, rgb)))


def test_an_outline_lifts_the_edge_contrast_but_not_the_worst_contrast():
    image = stripes()
    plain = fusion.render_text(image, "Read me", max_size=48, stroke=False)
    outlined = fusion.render_text(image, "Read me", max_size=48, stroke=True)
    assert plain.worst_contrast < AA and outlined.worst_contrast < AA
    assert plain.edge_contrast < AA
    assert outlined.stroke_width >= 2 and outlined.edge_contrast == pytest.approx(21)


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_edge_contrast_is_measured_on_every_image_mode(mode):
    image = Image.fromarray(stripes()).convert(mode)
    drawn = fusion.render_text(image, "Two lines of text", stroke=3)  # wraps: lines move apart
    assert "\n" in drawn.text
    assert drawn.edge_contrast == pytest.approx(21)


def test_fill_mask_covers_the_fill_and_the_ring_surrounds_it():
    drawn = fusion.render_text(np.zeros((60, 160, 3), np.uint8), "Hi there", size=24, stroke=False)
    changed = (drawn.image != 0).any(axis=-1)
    ring = legibility.edge_ring(changed, reach=2)
    assert not (ring & changed).any() and ring.sum() > changed.sum() / 2
    grown = legibility.edge_ring(changed, 1)
    assert (grown <= ring).all()


def test_edge_contrast_on_a_hand_made_mask():
    image = np.full((9, 9, 3), 255, np.uint8)
    image[3:6, 3:6] = 0
    mask = np.zeros((9, 9), bool)
    mask[3:6, 3:6] = True
    assert legibility.edge_contrast(image, mask, (0, 0, 0)) == pytest.approx(21)
    image[2, 2] = 0  # one dark pixel in the 16-pixel ring: the minimum sees it, the 10th % not
    assert legibility.edge_contrast(image, mask, (0, 0, 0), percentile=0) == pytest.approx(1)
    assert legibility.edge_contrast(image, mask, (0, 0, 0)) == pytest.approx(21)
    assert legibility.edge_contrast(image[..., 0], mask, (0, 0, 0)) == pytest.approx(21)


@pytest.mark.parametrize(
    ("image", "mask", "fill", "kwargs", "name"),
    [
        (np.zeros((5, 5, 3), np.uint8), np.zeros((5, 5), bool), (0, 0, 0), {}, "mask"),
        (np.zeros((5, 5, 3), np.uint8), np.ones((5, 5), bool), (0, 0, 0), {}, "mask"),
        (np.zeros((5, 5, 3), np.uint8), np.eye(4, dtype=bool), (0, 0, 0), {}, "mask"),
        (np.zeros((5, 5, 3), np.uint8), np.eye(5), (0, 0, 0), {}, "mask"),
        (np.zeros((5, 5, 3)), np.eye(5, dtype=bool), (0, 0, 0), {}, "image"),
        (np.zeros((5, 5, 2), np.uint8), np.eye(5, dtype=bool), (0, 0, 0), {}, "image"),
        (np.zeros((5, 5, 3), np.uint8), np.eye(5, dtype=bool), (0, 0), {}, "fill"),
        (np.zeros((5, 5, 3), np.uint8), np.eye(5, dtype=bool), (0, 0, 0), {"reach": 0}, "reach"),
        (
            np.zeros((5, 5, 3), np.uint8),
            np.eye(5, dtype=bool),
            (0, 0, 0),
            {"percentile": 101},
            "percentile",
        ),
    ],
)
def test_edge_contrast_rejects_bad_input_by_name(image, mask, fill, kwargs, name):
    with pytest.raises(InputError, match=name):
        legibility.edge_contrast(image, mask, fill, **kwargs)


def test_fill_mask_rejects_a_bad_shape():
    with pytest.raises(InputError, match="shape"):
        legibility.fill_mask((0, 10), (0, 0), "a", "DejaVuSans.ttf", 10)


def test_the_binary_search_finds_the_largest_size_that_fits():
    caption = "Synthetic text must fit the box it is given"
    for box in [(280, 60), (110, 200), (150, 200)]:
        size, _ = fonts.fit_text(caption, "DejaVuSans.ttf", box, 8, box[1], "left")
        assert fonts.largest_fitting_size(caption, "DejaVuSans.ttf", box, "left", box[1]) == size
        assert fonts.fits(caption, "DejaVuSans.ttf", size, box, "left")
        assert not fonts.fits(caption, "DejaVuSans.ttf", size + 1, box, "left")
    assert fonts.largest_fitting_size("far too long for it", "DejaVuSans.ttf", (5, 5)) is None
    with pytest.raises(InputError, match="whole_words"):
        fonts.fits("a", "DejaVuSans.ttf", 10, (50, 50), whole_words="yes")
