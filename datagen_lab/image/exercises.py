"""Checkers for the exercises at the end of the image augmentation lesson.

Each checker takes the learner's answer and returns a :class:`~datagen_lab.exercises.Feedback`
(a green tick or a red hint). Expected answers are computed with imgaug itself, not typed in.
"""

from __future__ import annotations

import imgaug.augmenters as iaa
import numpy as np
from imgaug.augmentables.bbs import BoundingBoxesOnImage
from imgaug.augmentables.kps import KeypointsOnImage

from datagen_lab.exercises import Feedback, check_close, feedback
from datagen_lab.i18n import t
from datagen_lab.image.labels import mask_iou, square_example

FLIP_BOX = (30, 40, 90, 120)  # (x1, y1, x2, y2) on an image 200 pixels wide, 160 high
FLIP_SHAPE = (160, 200, 3)
ROTATE_POINT = (40, 20)  # (x, y) on a 64 x 64 image, rotated by 90 degrees
ROTATE_SHAPE = (64, 64, 3)
HALF_TURN_CHOICES = (
    "fliplr",
    "flipud",
    "fliplr then flipud",
    "rotate 90",
    "rotate 180",
    "gaussian noise",
    "scale 1.2",
)


def expected_flipped_box() -> np.ndarray:
    """What imgaug's ``Fliplr(1.0)`` does to :data:`FLIP_BOX`."""
    boxes = BoundingBoxesOnImage.from_xyxy_array(np.array([FLIP_BOX], np.float32), FLIP_SHAPE)
    return iaa.Fliplr(1.0)(bounding_boxes=boxes).to_xyxy_array()[0]


def check_flipped_box(answer) -> Feedback:
    """Exercise 1: the box ``(x1, y1, x2, y2)`` after a left-right flip of a 200-pixel-wide image."""
    return check_close(
        answer,
        expected_flipped_box(),
        "A flip maps x to W - x, and the old right edge becomes the new left edge.",
        "Map each x to 200 - x, then swap x1 and x2 so that x1 < x2 again; y does not change.",
        tol=0.5,
    )


def expected_rotated_point() -> np.ndarray:
    """What imgaug's ``Affine(rotate=90)`` does to :data:`ROTATE_POINT` on a 64 x 64 image."""
    points = KeypointsOnImage.from_xy_array(np.array([ROTATE_POINT], np.float32), ROTATE_SHAPE)
    return iaa.Affine(rotate=90)(keypoints=points).to_xy_array()[0]


def check_rotated_point(answer) -> Feedback:
    """Exercise 2: the keypoint ``(x, y)`` after ``iaa.Affine(rotate=90)`` about the centre (32, 32)."""
    return check_close(
        answer,
        expected_rotated_point(),
        "Right: subtract the centre, rotate, add the centre back.",
        "Use x' = cx + (x-cx)cos t - (y-cy)sin t, y' = cy + (x-cx)sin t + (y-cy)cos t with "
        "t = 90 degrees and (cx, cy) = (32, 32); rows grow downwards, so this turns clockwise.",
        tol=0.5,
    )


def check_half_turn(answer) -> Feedback:
    """Exercise 3: which choices of :data:`HALF_TURN_CHOICES` can turn a 6 into a 9?"""
    if not isinstance(answer, set | frozenset | list | tuple) or not set(answer) <= set(
        HALF_TURN_CHOICES
    ):
        return Feedback(
            False,
            t(
                "Answer with a set of choices from {choices}; got {answer!r}.",
                choices=HALF_TURN_CHOICES,
                answer=answer,
            ),
        )
    return feedback(
        set(answer) == {"fliplr then flipud", "rotate 180"},
        "A 9 is a 6 turned half a turn; two flips make exactly that rotation.",
        "Draw a 6 and try each transform on paper: which ones give a 9, not its mirror image?",
    )


def check_aligned(image: np.ndarray, mask: np.ndarray) -> Feedback:
    """Exercise 4: a square image and its mask, augmented with one shared random draw."""
    original = square_example()
    try:
        image, mask = np.asarray(image), np.asarray(mask)
        white = (image[..., 0] if image.ndim == 3 else image) > 127
        overlap = mask_iou(white, mask)
    except (TypeError, ValueError, IndexError) as error:
        return Feedback(
            False, t("Expected an image (64, 64, 3) and a mask (64, 64); {error}", error=error)
        )
    if np.array_equal(mask > 0, original.mask > 0):
        return Feedback(
            False, "The mask is unchanged: augment it with the same geometric draw as the image."
        )
    return feedback(
        overlap > 0.98,
        t("Image and mask agree (IoU {overlap:.2f}): one draw, applied to both.", overlap=overlap),
        t(
            "Image and mask disagree (IoU {overlap:.2f}): two calls drew two random rotations. "
            "Use det = seq.to_deterministic(), then det(image=...) and det(segmentation_maps=...).",
            overlap=overlap,
        ),
    )


def check_digit_safe(pipeline, images: np.ndarray, labels: np.ndarray, predict=None) -> Feedback:
    """Exercise 5: a pipeline for digits that changes pixels but keeps labels.

    Passes when the mean absolute pixel change is at least 6 (of 255) and label survival is
    within 3 points of the judge's clean accuracy.
    """
    from datagen_lab.image.augment import augment_batch
    from datagen_lab.image.harm import classifier_predict

    if not isinstance(pipeline, iaa.Augmenter):
        return Feedback(
            False,
            t(
                "Expected an imgaug augmenter (e.g. iaa.Sequential([...])); got {kind}.",
                kind=type(pipeline).__name__,
            ),
        )
    from datagen_lab.checks import InputError, check_callable
    from datagen_lab.image.augment import check_batch

    batch = check_batch(images)  # the notebook's digits, not the learner's answer: refused loudly
    labels = np.asarray(labels) if labels is not None else labels
    if (
        not isinstance(labels, np.ndarray)
        or labels.shape != (len(batch),)
        or labels.dtype.kind not in "iu"
    ):
        raise InputError("labels", labels, f"{len(batch)} integer labels (one per image)")
    predict = classifier_predict if predict is None else check_callable(predict, "predict")
    try:
        augmented = augment_batch(images, pipeline.deepcopy())
    except ValueError as error:
        return Feedback(False, str(error))
    change = float(np.abs(augmented.astype(np.int16) - np.asarray(images, np.int16)).mean())
    clean = float(np.mean(np.asarray(predict(images)) == labels))
    survival = float(np.mean(np.asarray(predict(augmented)) == labels))
    numbers = t(
        "pixels change by {change:.1f} on average, labels survive {survival:.0%} (clean {clean:.0%})",
        change=change,
        survival=survival,
        clean=clean,
    )
    if change < 6:
        return Feedback(
            False,
            t(
                "Too gentle: {numbers}. Add variety (a few degrees of rotation, a shift, noise).",
                numbers=numbers,
            ),
        )
    return feedback(
        survival >= clean - 0.03,
        t("Safe and useful: {numbers}.", numbers=numbers),
        t(
            "Labels break: {numbers}. Avoid flips and large rotations, shifts or crops that push "
            "the digit out.",
            numbers=numbers,
        ),
    )
