"""Exercise checkers of the image lesson and its figures."""

from __future__ import annotations

import imgaug.augmenters as iaa
import matplotlib
import numpy as np
import pytest
from imgaug.augmentables.segmaps import SegmentationMapsOnImage

from datagen_lab.checks import InputError
from datagen_lab.image import exercises as ex
from datagen_lab.image.augment import make_pipeline
from datagen_lab.image.harm import measure_label_survival
from datagen_lab.image.labels import square_example
from datagen_lab.image.plots import (
    family_draws,
    plot_label_survival,
    plot_training_comparison,
    show_family,
    show_label_flips,
    show_mosaic,
    zoom_crop,
)

matplotlib.use("Agg")


@pytest.mark.parametrize(
    ("checker", "right", "wrong"),
    [
        (ex.check_flipped_box, (110, 40, 170, 120), (170, 40, 110, 120)),
        (ex.check_rotated_point, (44, 40), (20, 44)),
        (ex.check_half_turn, {"rotate 180", "fliplr then flipud"}, {"rotate 180"}),
    ],
)
def test_checkers_accept_the_right_answer_and_hint_otherwise(checker, right, wrong):
    assert checker(right).ok
    verdict = checker(wrong)
    assert not verdict.ok and verdict.message
    assert not checker(None).ok


def test_expected_answers_come_from_imgaug():
    np.testing.assert_allclose(ex.expected_flipped_box(), [110, 40, 170, 120], atol=1e-4)
    np.testing.assert_allclose(ex.expected_rotated_point(), [44, 40], atol=1e-4)


def test_half_turn_refuses_unknown_choices():
    assert "choices" in ex.check_half_turn({"rotate 270"}).message


def test_aligned_check_tells_one_draw_from_two():
    square = square_example()
    segmap = SegmentationMapsOnImage(square.mask, square.image.shape)
    seq = make_pipeline({"rotate": 60}, seed=1)
    two_draws = ex.check_aligned(seq(image=square.image), seq(segmentation_maps=segmap).get_arr())
    frozen = make_pipeline({"rotate": 60}, seed=1).to_deterministic()
    one_draw = ex.check_aligned(
        frozen(image=square.image), frozen(segmentation_maps=segmap).get_arr()
    )
    assert one_draw.ok and not two_draws.ok and "to_deterministic" in two_draws.message
    assert not ex.check_aligned(square.image, square.mask).ok  # nothing augmented
    assert not ex.check_aligned("image", None).ok


@pytest.fixture(scope="module")
def digits(mnist):
    return mnist.test_images[:200], mnist.test_labels[:200]


def test_digit_safe_check_with_a_stand_in_judge(digits):
    images, labels = digits
    reader = _ink_judge(images, labels)
    assert ex.check_digit_safe(
        make_pipeline({"rotate": 10, "gaussian_noise": 20}, seed=0), images, labels, reader
    ).ok
    flips = ex.check_digit_safe(
        make_pipeline({"fliplr": 1, "rotate": 10}, seed=0), images, labels, reader
    )
    assert not flips.ok and "Labels break" in flips.message
    gentle = ex.check_digit_safe(
        make_pipeline({"gaussian_noise": 2}, seed=0), images, labels, reader
    )
    assert not gentle.ok and "Too gentle" in gentle.message
    assert "RGB" in ex.check_digit_safe(iaa.Grayscale(1.0), images, labels, reader).message
    assert "augmenter" in ex.check_digit_safe("rotate", images, labels, reader).message


def _ink_judge(images, labels):
    """A TensorFlow-free judge for aligned batches: it reads the true label while an image still
    correlates with its clean original (r > 0.5), and a wrong one when the digit was mirrored or
    moved away."""
    clean = _centred(images)

    def predict(batch):
        r = (_centred(batch) * clean).sum(axis=1)
        return np.where(r > 0.5, labels, (labels + 1) % 10)

    return predict


def _centred(images):
    flat = np.asarray(images, float).reshape(len(images), -1)
    flat = flat - flat.mean(axis=1, keepdims=True)
    return flat / np.linalg.norm(flat, axis=1, keepdims=True)


# ---- figures ---------------------------------------------------------------------------------


def test_mosaic_is_one_image_and_refuses_mixed_shapes():
    tiles = np.zeros((5, 10, 12), np.uint8)
    fig = show_mosaic(tiles, ["a"], ncols=3, row_labels=["x", "y"], suptitle="t")
    assert len(fig.axes) == 1 and len(fig.axes[0].images) == 1
    assert fig.axes[0].images[0].get_array().shape[1] == 3 * 12 + 2 * 2
    with pytest.raises(ValueError, match="same shape"):
        show_mosaic([np.zeros((4, 4)), np.zeros((5, 5))])


def test_family_figure_skips_colour_for_digits():
    digit = np.zeros((28, 28), np.uint8)
    digit[8:20, 12:16] = 255
    texts = [t.get_text() for t in show_family(digit, "colour", n_draws=2).axes[0].texts]
    assert any(t.startswith("multiply") for t in texts) and not any("hue" in t for t in texts)
    with pytest.raises(ValueError, match="No augmenter"):
        show_family(digit, "colour", names=["grayscale"])


def test_zoom_crop_enlarges_the_square_pixel_by_pixel():
    photo = np.random.default_rng(1).integers(0, 256, (60, 90, 3), dtype=np.uint8)
    crop = zoom_crop(photo, (10, 20, 12))
    assert crop.shape == (60, 60, 3) and crop.dtype == np.uint8  # factor min(60, 90) // 12 = 5
    assert np.array_equal(crop[::5, ::5], photo[10:22, 20:32])  # one block per source pixel
    assert np.array_equal(crop[3, 7], photo[10, 21])  # nearest neighbour, no smoothing
    assert zoom_crop(photo[..., 0], (0, 0, 30), factor=3).shape == (90, 90)
    for box in [(50, 0, 12), (0, 80, 12), (0, 0, 0), (-1, 0, 5), (0, 5), "0,0,5", (0.5, 0, 5)]:
        with pytest.raises(InputError, match="box"):
            zoom_crop(photo, box)
    with pytest.raises(InputError, match="factor"):
        zoom_crop(photo, (0, 0, 5), factor=0)


def test_family_figure_zooms_and_shows_a_stronger_setting_beside_the_default():
    photo = np.random.default_rng(2).integers(0, 256, (40, 40, 3), dtype=np.uint8)
    stronger = family_draws(photo, "colour", 2, seed=0, names=["multiply"], stronger=2)
    default = family_draws(photo, "colour", 2, seed=0, names=["multiply"])
    assert stronger["multiply"][0] == 0.6 and default["multiply"][0] == 0.3
    change = {
        k: np.abs(d["multiply"][1] / 1.0 - photo).mean()
        for k, d in (("strong", stronger), ("default", default))
    }
    assert change["strong"] > change["default"]
    assert (
        family_draws(photo, "colour", 1, names=["gamma"], stronger=5)["gamma"][0] == 0.9
    )  # capped
    fig = show_family(photo, "colour", n_draws=2, names=["multiply"], stronger=2, zoom=(0, 0, 10))
    canvas = np.asarray(fig.axes[0].images[0].get_array())
    pad, band = 2, round(40 * 0.22)  # show_mosaic's gaps for 40-pixel tiles with titles
    assert canvas.shape[1] == 5 * 40 + 4 * pad  # original + 2 default + 2 stronger
    assert np.array_equal(canvas[band : band + 40, :40], zoom_crop(photo, (0, 0, 10)))  # 4x zoom
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "stronger 2" in texts and "multiply\n0.3 | 0.6" in texts
    with pytest.raises(InputError, match="stronger"):
        family_draws(photo, "colour", stronger=1)


def test_survival_heatmaps(digits):
    images, labels = digits
    result = measure_label_survival(
        images, labels, ["fliplr", "blur"], levels=3, predict=lambda x: np.zeros(len(x), int)
    )
    fig = plot_label_survival(result)
    assert len(fig.axes) == 2
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0%", "50%", "100%"]
    uneven = measure_label_survival(
        images,
        labels,
        ["fliplr", "blur"],
        {"fliplr": [0, 1], "blur": [1, 2, 3]},
        predict=lambda x: np.zeros(len(x), int),
    )
    with pytest.raises(ValueError, match="same number"):
        plot_label_survival(uneven)


def test_flip_and_training_figures():
    with pytest.raises(ValueError, match="No label flips"):
        show_label_flips(np.zeros((0, 28, 28)), np.zeros((0, 28, 28)), [], [])
    fig = show_label_flips(
        np.zeros((2, 28, 28), np.uint8), np.zeros((2, 28, 28), np.uint8), [6, 9], [9, 6]
    )
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "label 6",
        "label 9",
        "read as 9",
        "read as 6",
    ]
    history = {"accuracy": [0.5, 0.9], "val_accuracy": [0.5, 0.8]}
    fig = plot_training_comparison({"plain": (history, 0.5), "augmented": (history, 0.7)})
    assert len(fig.axes) == 2
