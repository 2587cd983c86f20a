"""Labels that live in pixel coordinates (boxes, keypoints, masks), augmented with their image.

A detection or segmentation label is geometry: when the image rotates, the box, the keypoints
and the mask must rotate with the *same* random draw. imgaug does this when everything goes into
one call (or through ``augmenter.to_deterministic()``); these helpers wrap that call around plain
NumPy arrays and draw the result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import imgaug.augmenters as iaa
import numpy as np
from imgaug.augmentables.bbs import BoundingBoxesOnImage
from imgaug.augmentables.kps import KeypointsOnImage
from imgaug.augmentables.segmaps import SegmentationMapsOnImage

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_number,
    check_positive_int,
    check_probability,
)
from datagen_lab.image.inputs import check_augmenter

QUOKKA_KEYPOINTS = (
    "left ear",
    "right ear",
    "left eye",
    "right eye",
    "nose",
    "left paw",
    "right paw",
)
# one colour per keypoint, so a flip that moves the "left ear" to the right is visible
KEYPOINT_COLOURS = np.array(
    [
        [255, 60, 60],
        [255, 160, 0],
        [255, 255, 0],
        [0, 220, 0],
        [0, 200, 255],
        [80, 80, 255],
        [255, 0, 255],
    ],
    dtype=np.uint8,
)


@dataclass(frozen=True)
class Labelled:
    """An image with its geometric labels, all as NumPy arrays in pixel coordinates.

    Attributes:
        image: uint8 (H, W, 3) or (H, W).
        boxes: float32 (K, 4), one ``(x1, y1, x2, y2)`` row per object; may extend past the image
            after augmentation (draw functions clip).
        keypoints: float32 (P, 2), one ``(x, y)`` row per point.
        mask: int32 (H, W) class ids, 0 = background.
        keypoint_names: one name per keypoint row.
    """

    image: np.ndarray
    boxes: np.ndarray
    keypoints: np.ndarray
    mask: np.ndarray
    keypoint_names: tuple[str, ...] = ()


def quokka_example(size: int = 256) -> Labelled:
    """imgaug's quokka photo with its box, 7 keypoints and segmentation mask (ships with imgaug)."""
    import imgaug.data as data

    size = check_int(size, "size", low=8, what="pixels")
    shape = (size, size)
    return Labelled(
        image=data.quokka(size=shape),
        boxes=data.quokka_bounding_boxes(size=shape).to_xyxy_array().astype(np.float32),
        keypoints=data.quokka_keypoints(size=shape).to_xy_array().astype(np.float32),
        mask=data.quokka_segmentation_map(size=shape).get_arr()[..., 0].astype(np.int32),
        keypoint_names=QUOKKA_KEYPOINTS,
    )


def square_example(size: int = 64, box: tuple[int, int, int, int] = (16, 20, 40, 48)) -> Labelled:
    """A white rectangle on black: its box, its 4 corners + centre as keypoints, itself as mask.

    Every label is known exactly, so it makes a clean test that labels follow the object.
    """
    size = check_positive_int(size, "size", what="pixels")
    expected = (
        f"four ints (x1, y1, x2, y2) with 0 <= x1 < x2 <= size and 0 <= y1 < y2 <= size ({size})"
    )
    if isinstance(box, str) or not isinstance(box, tuple | list) or len(box) != 4:
        raise InputError("box", box, expected)
    x1, y1, x2, y2 = (check_int(v, "box") for v in box)
    if not (0 <= x1 < x2 <= size and 0 <= y1 < y2 <= size):
        raise InputError("box", box, expected, got_text=str(tuple(box)))
    image = np.zeros((size, size, 3), np.uint8)
    image[y1:y2, x1:x2] = 255
    mask = np.zeros((size, size), np.int32)
    mask[y1:y2, x1:x2] = 1
    # pixel centres of the corner pixels: a pixel (i, j) covers [j, j+1) x [i, i+1)
    corners = [
        (x1 + 0.5, y1 + 0.5),
        (x2 - 0.5, y1 + 0.5),
        (x2 - 0.5, y2 - 0.5),
        (x1 + 0.5, y2 - 0.5),
    ]
    points = np.array([*corners, ((x1 + x2) / 2, (y1 + y2) / 2)], np.float32)
    names = ("top left", "top right", "bottom right", "bottom left", "centre")
    return Labelled(image, np.array([box], np.float32), points, mask, names)


def augment_labelled(example: Labelled, augmenter: iaa.Augmenter) -> Labelled:
    """Augment the image and its boxes, keypoints and mask with one shared random draw.

    Args:
        example: a :class:`Labelled`.
        augmenter: any imgaug augmenter. Colour and noise augmenters change only the image;
            geometric ones move every label. Masks use nearest-neighbour interpolation.

    Returns:
        A new :class:`Labelled` of the same image shape (the augmenter must keep sizes).
    """
    image = _check_labelled(example)
    check_augmenter(augmenter)
    shape = image.shape
    # One draw for everything: a deterministic copy replays the same random parameters on each call.
    frozen = augmenter.to_deterministic()
    boxes = frozen(
        bounding_boxes=BoundingBoxesOnImage.from_xyxy_array(_boxes(example.boxes), shape)
    )
    points = frozen(keypoints=KeypointsOnImage.from_xy_array(_points(example.keypoints), shape))
    segmap = frozen(segmentation_maps=SegmentationMapsOnImage(_mask(example.mask, shape), shape))
    return replace(
        example,
        image=frozen(image=image),
        boxes=boxes.to_xyxy_array().astype(np.float32).reshape(-1, 4),
        keypoints=points.to_xy_array().astype(np.float32).reshape(-1, 2),
        mask=segmap.get_arr().astype(np.int32),
    )


def draw_labelled(
    example: Labelled, mask_alpha: float = 0.45, thickness: int = 2, point_size: int = 7
) -> np.ndarray:
    """The image with the mask tinted in, boxes outlined and keypoints as coloured dots.

    Returns:
        uint8 (H, W, 3): a new array; the example is not modified.
    """
    image = _check_labelled(example)
    mask_alpha = check_probability(mask_alpha, "mask_alpha", what="opacity of the mask tint")
    thickness = check_positive_int(thickness, "thickness", what="pixels")
    point_size = check_positive_int(point_size, "point_size", what="pixels")
    if image.ndim == 2 or image.shape[-1] == 1:
        image = np.repeat(image.reshape(image.shape[:2])[..., None], 3, axis=-1)
    shape = image.shape
    if example.mask.any():
        segmap = SegmentationMapsOnImage(_mask(example.mask, shape), shape)
        image = segmap.draw_on_image(image, alpha=mask_alpha, draw_background=False)[0]
    boxes = BoundingBoxesOnImage.from_xyxy_array(_boxes(example.boxes), shape)
    image = boxes.draw_on_image(image, color=(255, 255, 255), size=thickness)
    for index, point in enumerate(_points(example.keypoints)):
        one = KeypointsOnImage.from_xy_array(point[None], shape)
        image = one.draw_on_image(
            image, color=tuple(int(c) for c in KEYPOINT_COLOURS[index % 7]), size=point_size
        )
    return image


def mask_iou(a: np.ndarray, b: np.ndarray) -> float:
    r"""Intersection over union of two masks' foregrounds: $|A \cap B| / |A \cup B|$ (1.0 if both empty)."""
    a = check_array(a, "a", min_size=0, what="mask") > 0
    b = check_array(b, "b", min_size=0, what="mask") > 0
    if a.shape != b.shape:
        raise InputError(
            "b", b, f"a mask of the same shape as a {a.shape}", got_text=f"shape {b.shape}"
        )
    union = np.logical_or(a, b).sum()
    return 1.0 if union == 0 else float(np.logical_and(a, b).sum() / union)


def rotate_points(points: np.ndarray, degrees: float, centre: tuple[float, float]) -> np.ndarray:
    r"""Rotate (x, y) points about ``centre`` as imgaug's ``Affine(rotate=degrees)`` does.

    Image rows grow downwards, so a positive angle turns clockwise on screen:
    $x' = c_x + (x - c_x)\cos\theta - (y - c_y)\sin\theta$,
    $y' = c_y + (x - c_x)\sin\theta + (y - c_y)\cos\theta$.

    Args:
        points: (P, 2) float (x, y); degrees: the angle; centre: (c_x, c_y), imgaug uses the
            image centre ``(W / 2, H / 2)``.

    Returns:
        float64 (P, 2) rotated points.
    """
    points = check_array(points, "points", shape=(None, 2), min_size=0, what="(x, y) rows")
    degrees = check_number(degrees, "degrees")
    centre = check_array(centre, "centre", shape=(2,), what="(c_x, c_y)")
    theta = np.deg2rad(degrees)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    offset = np.asarray(points, np.float64) - np.asarray(centre, np.float64)
    return offset @ rotation.T + np.asarray(centre, np.float64)


def enclosing_box(points: np.ndarray) -> np.ndarray:
    """The axis-aligned box ``(x1, y1, x2, y2)`` around (P, 2) points: how a rotated box is re-boxed."""
    points = check_array(points, "points", shape=(None, 2), what="(x, y) rows")
    points = np.asarray(points, np.float64)
    return np.concatenate([points.min(axis=0), points.max(axis=0)])


def box_corners(box: np.ndarray) -> np.ndarray:
    """The 4 corners (4, 2) of a box ``(x1, y1, x2, y2)``, clockwise from top left."""
    x1, y1, x2, y2 = np.asarray(
        check_array(box, "box", shape=(4,), what="(x1, y1, x2, y2)"), np.float64
    )
    return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])


def _check_labelled(example: Labelled) -> np.ndarray:
    """The example's image as uint8, after checking every label against it."""
    if not isinstance(example, Labelled):
        raise InputError(
            "example", example, "a Labelled (e.g. from quokka_example or square_example)"
        )
    image = _validate_image(example.image)
    boxes = check_array(example.boxes, "example.boxes", min_size=0, what="(x1, y1, x2, y2) rows")
    if boxes.size % 4 or (boxes.ndim == 2 and boxes.shape[1] != 4) or boxes.ndim > 2:
        raise InputError("example.boxes", boxes, "an array of (x1, y1, x2, y2) rows (K, 4)")
    rows = boxes.reshape(-1, 4)
    if ((rows[:, 2] < rows[:, 0]) | (rows[:, 3] < rows[:, 1])).any():
        raise InputError("example.boxes", boxes, "boxes with x1 <= x2 and y1 <= y2")
    points = check_array(example.keypoints, "example.keypoints", min_size=0, what="(x, y) rows")
    if points.size % 2 or (points.ndim == 2 and points.shape[1] != 2) or points.ndim > 2:
        raise InputError("example.keypoints", points, "an array of (x, y) rows (P, 2)")
    _mask(example.mask, image.shape)
    return image


def _validate_image(image: np.ndarray) -> np.ndarray:
    """One image checked and converted to uint8 (see :func:`~datagen_lab.image.augment.check_image`);
    errors name ``example.image``."""
    from datagen_lab.image.inputs import _to_uint8, validate

    return _to_uint8(validate(image, batch=False, name="example.image"))


def _boxes(boxes: np.ndarray) -> np.ndarray:
    return np.asarray(boxes, np.float32).reshape(-1, 4)


def _points(points: np.ndarray) -> np.ndarray:
    return np.asarray(points, np.float32).reshape(-1, 2)


def _mask(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    mask = np.asarray(mask)
    if mask.shape != shape[:2] or not np.issubdtype(mask.dtype, np.integer) and mask.dtype != bool:
        raise InputError(
            "example.mask",
            mask,
            f"an integer (H, W) array matching the image {shape[:2]}",
            got_text=f"{mask.shape} {mask.dtype}",
        )
    return mask.astype(np.int32)
