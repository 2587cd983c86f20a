"""Image-text fusion: text stays inside the image, stays legible, datasets read back exactly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from datagen_lab.data import font_path
from datagen_lab.synthesis import fusion
from datagen_lab.synthesis.captions import compose_number, mnist_caption_pairs, number_to_words
from datagen_lab.synthesis.scene_text import (
    crop_words,
    load_dataset,
    read_manifest,
    scene_text_sample,
    synthesize_scene_text,
    write_dataset,
)

# Auto colour on a uniform background beats WCAG AA (4.5): black or white always reach sqrt(21).
CONTRAST_THRESHOLD = 4.5


def noise_image(shape=(90, 160, 3), seed=0):
    return np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)


@pytest.mark.parametrize("position", list(fusion.POSITIONS))
@pytest.mark.parametrize("shape", [(90, 160, 3), (120, 80), (64, 200, 4)])
def test_text_stays_inside_the_image_and_its_bbox(position, shape):
    image = noise_image(shape)
    drawn = fusion.render_text(image, "Synthetic data, fused", position=position)
    x0, y0, x1, y1 = drawn.bbox
    assert 0 <= x0 < x1 <= shape[1] and 0 <= y0 < y1 <= shape[0]
    changed = np.argwhere((drawn.image != image).reshape(shape[0], shape[1], -1).any(axis=-1))
    assert changed.size, "nothing was drawn"
    assert changed[:, 0].min() >= y0 and changed[:, 0].max() < y1
    assert changed[:, 1].min() >= x0 and changed[:, 1].max() < x1
    assert drawn.image.shape == image.shape and drawn.image.dtype == np.uint8


def test_text_stays_inside_a_given_box_and_leaves_the_input_alone():
    image = noise_image()
    before = image.copy()
    box = (20, 10, 120, 60)
    drawn = fusion.render_text(image, "inside the box please", box=box, position="top-right")
    assert box[0] <= drawn.bbox[0] and drawn.bbox[2] <= box[2]
    assert box[1] <= drawn.bbox[1] and drawn.bbox[3] <= box[3]
    assert np.array_equal(image, before)


def test_position_moves_the_text():
    image = np.full((100, 200, 3), 128, np.uint8)
    top = fusion.render_text(image, "hi", position="top-left", size=20).bbox
    bottom = fusion.render_text(image, "hi", position="bottom-right", size=20).bbox
    assert top[0] < bottom[0] and top[1] < bottom[1]


@pytest.mark.parametrize("seed", range(5))
def test_auto_colour_beats_the_contrast_threshold_on_any_plain_background(seed):
    for rgb in np.random.default_rng(seed).integers(0, 256, (40, 3)):
        image = np.zeros((40, 120, 3), np.uint8) + rgb.astype(np.uint8)
        drawn = fusion.render_text(image, "Legible", stroke="auto")
        assert drawn.contrast >= CONTRAST_THRESHOLD, (rgb, drawn.fill, drawn.contrast)
        assert drawn.worst_contrast == pytest.approx(drawn.contrast)
        assert drawn.stroke_width == 0  # a plain background needs no outline


def test_busy_background_gets_an_outline_of_full_contrast():
    stripes = np.repeat(((np.arange(160) // 4) % 2 * 255).astype(np.uint8)[None, :], 90, axis=0)
    drawn = fusion.render_text(stripes, "busy")
    assert drawn.worst_contrast < CONTRAST_THRESHOLD
    assert drawn.stroke_width > 0
    assert fusion.contrast_ratio(drawn.fill, drawn.stroke_fill) == pytest.approx(21)


def test_wcag_reference_values():
    assert fusion.contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert fusion.contrast_ratio((90, 10, 200), (90, 10, 200)) == pytest.approx(1)
    # #777777 on white is the classic "just fails AA" grey: 4.48:1.
    assert fusion.contrast_ratio((0x77,) * 3, (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert fusion.relative_luminance((255, 0, 0)) == pytest.approx(0.2126)


def test_given_colour_is_used_and_reported():
    drawn = fusion.render_text(np.zeros((50, 100, 3), np.uint8), "x", colour="yellow", size=20)
    assert drawn.fill == (255, 255, 0)
    assert (drawn.image == np.array([255, 255, 0], np.uint8)).all(axis=-1).any()


def test_fitted_size_fills_the_box_and_lines_fit():
    box_size = (150, 80)
    text = "a caption that has to wrap onto more lines"
    size, lines = fusion.fit_text(text, None, box_size, min_size=6, max_size=80)
    assert len(lines) > 1 and " ".join(lines).split() == text.split()
    face = fusion.load_font(None, size)
    assert all(face.getlength(line) <= box_size[0] for line in lines)
    with pytest.raises(ValueError):  # one size more no longer fits with whole words
        fusion.fit_text(text, None, box_size, min_size=size + 1, max_size=size + 1)


def test_wrap_breaks_a_word_only_when_it_cannot_fit():
    lines = fusion.wrap_text("tiny enormousword", None, 20, max_width=60)
    assert lines[0] == "tiny" and "".join(lines[1:]) == "enormousword"
    assert all(fusion.load_font(None, 20).getlength(line) <= 60 for line in lines)


def test_missing_glyphs_are_detected_before_drawing():
    assert fusion.missing_glyphs("Hello 你好!", None) == ["你", "好"]
    assert fusion.missing_glyphs("Grüße, naïve café", None) == []
    with pytest.raises(fusion.MissingGlyphError, match=r"U\+4F60") as info:
        fusion.render_text(noise_image(), "你好")
    assert info.value.missing == ["你", "好"] and isinstance(info.value, ValueError)


def test_fallback_font_is_used_when_it_covers_the_text():
    script = "\U0001d49c\U0001d4b7"  # mathematical script A and b: in STIX, not in DejaVu Sans
    assert fusion.missing_glyphs(script, None)
    drawn = fusion.render_text(noise_image(), script, fallback_font="STIXGeneral.ttf")
    assert drawn.font == "STIXGeneral.ttf"
    with pytest.raises(fusion.MissingGlyphError, match="fallback STIXGeneral.ttf lacks"):
        fusion.render_text(noise_image(), "你", fallback_font=["STIXGeneral.ttf"])


def test_font_can_be_a_path_or_a_name():
    by_path = fusion.render_text(noise_image(), "x", font=font_path("DejaVuSerif.ttf"), size=20)
    by_name = fusion.render_text(noise_image(), "x", font="DejaVuSerif.ttf", size=20)
    assert by_path.font == by_name.font == "DejaVuSerif.ttf"
    assert np.array_equal(by_path.image, by_name.image)


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_pil_images_keep_their_type_and_mode(mode):
    image = Image.new(mode, (120, 60))
    drawn = fusion.render_text(image, "mode", size=24)
    assert isinstance(drawn.image, Image.Image) and drawn.image.mode == mode
    assert drawn.image.getextrema() != image.getextrema()


@pytest.mark.parametrize(
    ("image", "kwargs", "message"),
    [
        (Image.new("CMYK", (50, 50)), {}, "unsupported mode 'CMYK'"),
        (Image.new("P", (50, 50)), {}, "unsupported mode 'P'"),
        (np.zeros((50, 50), np.float32), {}, "uint8"),
        (np.zeros((50, 50, 2), np.uint8), {}, "shape"),
        (np.zeros((50, 50, 3), np.uint8), {"font": "no-such-font.ttf"}, "does not exist"),
        (np.zeros((50, 50, 3), np.uint8), {"box": (0, 0, 80, 20)}, "box must be"),
        (np.zeros((50, 50, 3), np.uint8), {"position": "middle"}, "position must be"),
        (np.zeros((50, 50, 3), np.uint8), {"stroke": -2}, "stroke must be"),
        (np.zeros((50, 50, 3), np.uint8), {"colour": "not-a-colour"}, "unknown colour"),
        (np.zeros((20, 40, 3), np.uint8), {"min_size": 14}, "does not fit"),
        (np.zeros((20, 40, 3), np.uint8), {"size": 30}, "needs"),
    ],
)
def test_bad_inputs_raise_clear_value_errors(image, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fusion.render_text(image, "too long to fit at all", **kwargs)


def test_a_missing_font_path_is_not_replaced_by_a_shipped_font(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        fusion.render_text(noise_image(), "x", font=tmp_path / "DejaVuSans.ttf")


def test_a_file_that_is_not_a_font_is_rejected(tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_text("not a font")
    with pytest.raises(ValueError, match="could not be read"):
        fusion.render_text(noise_image(), "x", font=fake)


def test_scene_text_manifest_round_trip(tmp_path):
    records = synthesize_scene_text(tmp_path, 6, seed=3, image_size=(96, 128))
    assert read_manifest(tmp_path / "manifest.jsonl") == records
    images, again = load_dataset(tmp_path)
    assert again == records
    for index, (image, record) in enumerate(zip(images, records, strict=True)):
        expected, _ = scene_text_sample(index, seed=3, image_size=(96, 128))
        assert np.array_equal(image, expected), "PNG is lossless: the pixels must come back"
        assert image.shape == (record.height, record.width, 3) and record.words
        boxes = [w.bbox for w in record.words]
        for x0, y0, x1, y1 in boxes:
            assert 0 <= x0 < x1 <= record.width and 0 <= y0 < y1 <= record.height
        for a in range(len(boxes)):  # words never overlap
            for b in range(a + 1, len(boxes)):
                assert not _overlap(boxes[a], boxes[b])
        for crop, text in crop_words(image, record):
            assert crop.size and text in {w.text for w in record.words}


def test_scene_text_samples_depend_only_on_seed_and_index():
    a, record_a = scene_text_sample(4, seed=1)
    b, record_b = scene_text_sample(4, seed=1)
    c, _ = scene_text_sample(5, seed=1)
    assert np.array_equal(a, b) and record_a == record_b and not np.array_equal(a, c)


def test_caption_pairs_round_trip_and_match_their_sources(tmp_path, mnist):
    pairs = mnist_caption_pairs(mnist.train_images, mnist.train_labels, 8, max_digits=3, seed=2)
    records = write_dataset(tmp_path, pairs)
    images, back = load_dataset(tmp_path)
    assert back == records
    for image, (original, _), record in zip(images, pairs, back, strict=True):
        assert np.array_equal(image, original)
        digits = [int(mnist.train_labels[i]) for i in record.sources]
        assert "".join(map(str, digits)) == str(record.number)
        assert record.caption == number_to_words(record.number)
        assert image.shape == (28, 22 * len(digits) + 6)


def test_corrupt_manifest_line_is_named(tmp_path):
    path = tmp_path / "manifest.jsonl"
    path.write_text('{"file": "a.png", "caption": "one", "number": 1, "sources": [3]}\nnot json\n')
    with pytest.raises(ValueError, match="line 2"):
        read_manifest(path)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (40, "forty"),
        (42, "forty-two"),
        (105, "one hundred five"),
        (1000, "one thousand"),
        (12345, "twelve thousand three hundred forty-five"),
    ],
)
def test_number_words(number, words):
    assert number_to_words(number) == words


def test_number_words_and_composition_reject_bad_input(mnist):
    with pytest.raises(ValueError):
        number_to_words(-1)
    labels = np.zeros(5, int)
    with pytest.raises(ValueError, match="(?i)no image of digit 7"):
        compose_number(mnist.train_images[:5], labels, 7, np.random.default_rng(0))


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
