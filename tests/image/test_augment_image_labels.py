"""Boxes, keypoints and masks follow the image through geometric augmentation (one shared draw)."""

from __future__ import annotations

import imgaug.augmenters as iaa
import numpy as np
import pytest
from scipy import ndimage

from datagen_lab.image.augment import make_augmenter, make_pipeline
from datagen_lab.image.labels import (
    augment_labelled,
    box_corners,
    draw_labelled,
    enclosing_box,
    mask_iou,
    quokka_example,
    rotate_points,
    square_example,
)

GEOMETRY = {
    "fliplr": iaa.Fliplr(1.0),
    "flipud": iaa.Flipud(1.0),
    "rotate": make_augmenter("rotate", 60),
    "affine": make_pipeline({"rotate": 40, "scale": 0.2, "translate": 0.08, "shear": 15}),
    "crop": make_augmenter("crop", 0.2),
    "perspective": make_augmenter("perspective", 0.08),
    "elastic": make_augmenter("elastic", 10),
    "everything": make_pipeline(
        {"fliplr": 0.5, "rotate": 30, "scale": 0.15, "multiply": 0.3, "gaussian_noise": 10}
    ),
}


@pytest.mark.parametrize("name", list(GEOMETRY))
def test_keypoints_stay_on_the_object_and_boxes_enclose_it(name):
    example = square_example()
    augmenter = GEOMETRY[name]
    augmenter.seed_(0)
    for _ in range(10):
        out = augment_labelled(example, augmenter)
        white = out.image[..., 0] > 127
        assert mask_iou(white, out.mask) > 0.85, "mask no longer covers the object"
        distance = ndimage.distance_transform_edt(~white)  # pixels to the nearest object pixel
        for x, y in out.keypoints:
            col, row = int(np.floor(x)), int(np.floor(y))
            assert 0 <= col < 64 and 0 <= row < 64, f"keypoint ({x:.1f}, {y:.1f}) left the image"
            assert distance[row, col] <= 2.0, f"keypoint ({x:.1f}, {y:.1f}) is off the object"
        rows, cols = np.nonzero(white)
        x1, y1, x2, y2 = out.boxes[0]
        tolerance = 2.0
        assert x1 - tolerance <= cols.min() and cols.max() + 1 <= x2 + tolerance
        assert y1 - tolerance <= rows.min() and rows.max() + 1 <= y2 + tolerance


def test_labels_use_the_same_draw_as_the_image():
    """Fresh draws every call, but within a call image and labels agree."""
    example = square_example()
    augmenter = make_augmenter("rotate", 90, seed=1)
    first, second = augment_labelled(example, augmenter), augment_labelled(example, augmenter)
    assert not np.allclose(first.keypoints, second.keypoints)
    for out in (first, second):
        assert mask_iou(out.image[..., 0] > 127, out.mask) > 0.9


def test_separate_calls_without_to_deterministic_misalign():
    """The mistake the lesson warns about: two calls, two draws."""
    example = square_example()
    augmenter = make_augmenter("rotate", 90, seed=2)
    from imgaug.augmentables.segmaps import SegmentationMapsOnImage

    image = augmenter(image=example.image)
    mask = augmenter(segmentation_maps=SegmentationMapsOnImage(example.mask, example.image.shape))
    assert mask_iou(image[..., 0] > 127, mask.get_arr()) < 0.9


def test_colour_and_noise_leave_labels_untouched():
    example = quokka_example(size=128)
    out = augment_labelled(
        example, make_pipeline({"multiply": 0.5, "gaussian_noise": 30, "blur": 2}, seed=0)
    )
    np.testing.assert_array_equal(out.boxes, example.boxes)
    np.testing.assert_array_equal(out.keypoints, example.keypoints)
    np.testing.assert_array_equal(out.mask, example.mask)
    assert not np.array_equal(out.image, example.image)


def test_a_flip_moves_the_left_ear_to_the_right():
    example = quokka_example(size=128)
    out = augment_labelled(example, iaa.Fliplr(1.0))
    left_ear = example.keypoint_names.index("left ear")
    np.testing.assert_allclose(
        out.keypoints[left_ear, 0], 128 - example.keypoints[left_ear, 0], atol=1e-3
    )
    np.testing.assert_allclose(out.boxes[0, [0, 2]], 128 - example.boxes[0, [2, 0]], atol=1e-3)
    np.testing.assert_array_equal(out.mask, example.mask[:, ::-1])


def test_quokka_example_is_consistent():
    example = quokka_example(size=128)
    assert example.image.shape == (128, 128, 3) and example.mask.shape == (128, 128)
    assert example.boxes.shape == (1, 4) and example.keypoints.shape == (7, 2)
    assert len(example.keypoint_names) == 7
    x1, y1, x2, y2 = example.boxes[0]
    assert np.all((example.keypoints[:, 0] >= x1 - 1) & (example.keypoints[:, 0] <= x2 + 1))
    rows, cols = np.nonzero(example.mask)
    assert x1 - 2 <= cols.min() and cols.max() <= x2 + 2 and y1 - 2 <= rows.min()


def test_rotation_formula_matches_imgaug():
    example = square_example()
    out = augment_labelled(example, iaa.Affine(rotate=30))
    expected = rotate_points(example.keypoints, 30, centre=(32, 32))
    np.testing.assert_allclose(out.keypoints, expected, atol=1e-3)
    np.testing.assert_allclose(
        out.boxes[0],
        enclosing_box(rotate_points(box_corners(example.boxes[0]), 30, (32, 32))),
        atol=1e-3,
    )


def test_rotated_boxes_grow_loose():
    corners = box_corners([10, 10, 30, 20])
    rotated = enclosing_box(rotate_points(corners, 45, (20, 15)))
    assert (rotated[2] - rotated[0]) * (rotated[3] - rotated[1]) > 20 * 10 * 1.5


def test_draw_labelled_marks_box_keypoints_and_mask_without_touching_the_example():
    example = square_example()
    before = example.image.copy()
    drawn = draw_labelled(example)
    assert drawn.shape == (64, 64, 3) and drawn.dtype == np.uint8
    np.testing.assert_array_equal(example.image, before)
    x, y = example.keypoints[0]
    assert not np.array_equal(drawn[int(y), int(x)], [255, 255, 255])  # a coloured dot
    assert draw_labelled(quokka_example(64)).shape == (64, 64, 3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"box": (40, 0, 10, 20)}, "x1 < x2"), ({"box": (0, 0, 80, 20)}, "<= size")],
)
def test_square_example_refuses_impossible_boxes(kwargs, message):
    with pytest.raises(ValueError, match=message):
        square_example(**kwargs)


def test_mask_checks():
    with pytest.raises(ValueError, match="same shape"):
        mask_iou(np.zeros((4, 4)), np.zeros((5, 5)))
    assert mask_iou(np.zeros((4, 4)), np.zeros((4, 4))) == 1.0
    example = square_example()
    bad = type(example)(example.image, example.boxes, example.keypoints, np.zeros((3, 3), int))
    with pytest.raises(ValueError, match="mask must be"):
        augment_labelled(bad, iaa.Fliplr(1.0))
