"""Interpolating between images: mixup, digit-to-digit paths, and what the mixtures give away.

mixup (Zhang et al., 2018) trains on convex combinations of two examples *and* their labels:
x = lam x_a + (1 - lam) x_b, y = lam y_a + (1 - lam) y_b with lam ~ Beta(alpha, alpha).
A mixed image still contains both originals, which is the privacy point at the end.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)

IMAGES = "uint8 images in [0, 255] or float images in [0, 1]"
SOFT_TOLERANCE = 1e-5  # float32 mixing can leave a label weight a rounding error outside [0, 1]


def as_float_images(images: np.ndarray, name: str = "images") -> np.ndarray:
    """float32 images in [0, 1]: uint8 is divided by 255, floats are checked to lie in [0, 1].

    Args:
        images: one image (H, W[, C]) or a batch (N, H, W[, C]), uint8 or float in [0, 1].
        name: the argument's name in error messages.

    Raises:
        InputError: empty, non-finite, out of range, another dtype (int64 0-255 too: cast it to
            uint8 first), or fewer than 2 dimensions.
    """
    return _images(images, name)


def _images(images, name: str, min_ndim: int = 2) -> np.ndarray:
    """:func:`as_float_images` with the argument's name and the fewest dimensions it needs."""
    array = check_array(images, name, kinds="biuf", finite=False, what=IMAGES)
    if array.dtype == np.uint8:
        converted = array.astype(np.float32) / 255.0
    elif array.dtype.kind == "f":
        if not np.isfinite(array).all():
            raise InputError(name, array, f"{IMAGES} with no NaN or inf")
        if array.min() < 0 or array.max() > 1:
            raise InputError(
                name, array, f"{IMAGES}: float images must lie in [0, 1] (divide uint8 by 255)"
            )
        converted = array.astype(np.float32)
    else:
        # an int64 0-255 image or a bool mask is ambiguous: say how to convert it
        raise InputError(
            name, array, IMAGES, "Convert with .astype(np.uint8) (0-255) or / 255 (to [0, 1])."
        )
    if array.ndim < min_ndim:
        raise InputError(name, array, f"{IMAGES} with at least {min_ndim} dimensions")
    return converted


def one_hot(labels: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """(N,) integer labels in [0, num_classes) -> (N, num_classes) float32 one-hot rows."""
    num_classes = check_positive_int(num_classes, "num_classes")
    labels = check_array(
        labels, "labels", ndim=1, kinds="iu", min_size=0, what="1-D integer class ids"
    )
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise InputError(
            "labels",
            labels,
            f"class ids in [0, {num_classes}): labels must lie in [0, {num_classes})",
        )
    return np.eye(num_classes, dtype=np.float32)[labels]


def mixup(
    x_a: np.ndarray,
    x_b: np.ndarray,
    y_a: np.ndarray,
    y_b: np.ndarray,
    lam: float | np.ndarray,
    num_classes: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The convex combination lam * a + (1 - lam) * b of two images and of their (one-hot) labels.

    Args:
        x_a, x_b: images of one shape, a single image or a batch (N, ...): uint8 or float in [0, 1].
        y_a, y_b: label vectors of one shape, e.g. one-hot (C,) or (N, C): each row a probability
            vector (entries in [0, 1] summing to 1). Class ids (``3``, or (N,) integers) are
            one-hot encoded when ``num_classes`` is given, and refused otherwise: mixing the
            numbers 3 and 7 would give the meaningless "class 5".
        lam: weight of ``a`` in [0, 1]: a scalar, or (N,) for one weight per pair of a batch.
        num_classes: the number of classes, to one-hot encode integer class ids.

    Returns:
        (x, y): float32 mixed images in [0, 1] and float32 mixed labels.

    Raises:
        InputError (a ValueError): mismatched shapes, class ids without num_classes, labels that
            are not probability vectors, or lam outside [0, 1] or not finite.
    """
    xa, xb = _images(x_a, "x_a"), _images(x_b, "x_b")
    if xa.shape != xb.shape:
        raise InputError(
            "x_b", xb, f"images of one shape with x_a, {xa.shape}: mixup needs images of one shape"
        )
    ya, yb = _label_vectors(y_a, "y_a", num_classes), _label_vectors(y_b, "y_b", num_classes)
    if ya.shape != yb.shape:
        raise InputError("y_b", yb, f"labels of one shape with y_a, {ya.shape} (one-hot both)")
    lam = check_array(lam, "lam", ndim=(0, 1), kinds="iuf", low=0, high=1, what="weights of a")
    lam = lam.astype(np.float32)
    if lam.ndim == 1 and (len(lam) != len(xa) or ya.ndim != 2 or len(lam) != len(ya)):
        raise InputError(
            "lam",
            lam,
            "a scalar, or one lam per pair: (N,) for a batch of N images and (N, C) labels",
            got_text=f"{len(lam)} weights for images {xa.shape} and labels {ya.shape}",
        )
    if ya.ndim == 2 and xa.ndim >= 3 and len(ya) != len(xa):
        raise InputError("y_a", ya, f"one label row per image ({len(xa)})")
    lx = lam.reshape(lam.shape + (1,) * (xa.ndim - lam.ndim))
    ly = lam.reshape(lam.shape + (1,) * (ya.ndim - lam.ndim))
    return lx * xa + (1 - lx) * xb, ly * ya + (1 - ly) * yb


def _label_vectors(labels, name: str, num_classes: int | None) -> np.ndarray:
    """Labels as float32 probability rows (C,) or (N, C); class ids one-hot if num_classes is given."""
    array = check_array(labels, name, ndim=(0, 1, 2), kinds="biuf", what="label vectors")
    if num_classes is not None:
        if array.dtype.kind not in "iu" or array.ndim > 1:
            raise InputError(
                name, array, "class ids (an int or (N,) ints) when num_classes is given"
            )
        num_classes = check_positive_int(num_classes, "num_classes")
        ids = array.reshape(-1)
        if ids.min() < 0 or ids.max() >= num_classes:
            raise InputError(
                name, array, f"class ids in [0, {num_classes}) (num_classes={num_classes})"
            )
        return one_hot(ids, num_classes)[0] if array.ndim == 0 else one_hot(ids, num_classes)
    if array.ndim == 0 or (array.dtype.kind in "iu" and not np.isin(array, (0, 1)).all()):
        raise InputError(
            name,
            array,
            "a one-hot or probability label vector (C,) or (N, C)",
            "Class ids like 3 cannot be mixed as numbers: pass one_hot(labels, C) "
            "or num_classes=C to one-hot them.",
        )
    vectors = array.astype(np.float32)
    sums = vectors.sum(axis=-1)
    # float32 rounding may put a mixed label a hair past 1: allow what re-mixing can produce
    if (
        vectors.min() < -SOFT_TOLERANCE
        or vectors.max() > 1 + SOFT_TOLERANCE
        or not np.allclose(sums, 1, atol=1e-3)
    ):
        raise InputError(
            name,
            array,
            "one-hot or probability label vectors: entries in [0, 1] summing to 1 per row",
            "For class ids, pass num_classes=C (or one_hot(labels, C)).",
        )
    return vectors


def mixup_batch(
    images: np.ndarray, labels: np.ndarray, alpha: float = 0.4, num_classes: int = 10, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Mix each image of a batch with a random partner, lam ~ Beta(alpha, alpha), as in training.

    Returns:
        (x, y, lam, partner): mixed images (N, ...) float32, soft labels (N, C), the weights
        (N,) and the partner index of each image.
    """
    alpha = check_number(alpha, "alpha", low=0, low_open=True, what="lam ~ Beta(alpha, alpha)")
    seed = check_seed(seed)
    batch = _images(images, "images")
    labels = check_array(labels, "labels", ndim=1, kinds="iu", what="1-D integer class ids")
    if len(labels) != len(batch):
        raise InputError(
            "labels",
            labels,
            f"one class id per image of the batch; images have shape {batch.shape}",
        )
    rng = np.random.default_rng(seed)
    lam = rng.beta(alpha, alpha, size=len(images)).astype(np.float32)
    partner = rng.permutation(len(images))
    y = one_hot(labels, num_classes)
    x, y = mixup(images, np.asarray(images)[partner], y, y[partner], lam)
    return x, y, lam, partner


def describe_label(soft: np.ndarray, top: int = 2) -> str:
    """A soft label as text, largest weights first: [0, 0, 0, .7, 0, 0, 0, 0, .3, 0] -> "0.70·3 + 0.30·8"."""
    # float32 mixing can put a weight a rounding error outside [0, 1]: allow that, not logits
    soft = check_array(
        soft,
        "soft",
        ndim=1,
        kinds="biuf",
        low=-SOFT_TOLERANCE,
        high=1 + SOFT_TOLERANCE,
        what="one label vector (C,) with weights in [0, 1]",
    )
    soft = soft.astype(np.float64)
    top = check_positive_int(top, "top")
    order = [c for c in np.argsort(-soft, kind="stable")[:top] if soft[c] > 0.005]
    return " + ".join(f"{soft[c]:.2f}·{c}" for c in order)


def pixel_path(a: np.ndarray, b: np.ndarray, steps: int = 8) -> np.ndarray:
    """``steps`` images from a to b by cross-fading pixels: (1 - t) a + t b for t from 0 to 1.

    Returns:
        (steps, H, W) float32 in [0, 1]. The middle images are double exposures, not digits.
    """
    steps = check_int(steps, "steps", low=2, what="a path needs at least 2 steps")
    fa, fb = _images(a, "a"), _images(b, "b")
    if fa.shape != fb.shape:
        raise InputError(
            "b", fb, f"an image of the shape of a, {fa.shape}: both images need one shape"
        )
    t = np.linspace(0, 1, steps, dtype=np.float32).reshape(-1, *[1] * fa.ndim)
    return (1 - t) * fa + t * fb


def shape_path(a: np.ndarray, b: np.ndarray, steps: int = 8, softness: float = 0.25) -> np.ndarray:
    """``steps`` images from a to b by interpolating their signed distance fields: a shape morph.

    Each image becomes the signed distance to its stroke outline (negative inside); blending the
    distances moves the outline from one shape to the other instead of fading one out.

    Returns:
        (steps, H, W) float32 in [0, 1] (a soft stroke: sigmoid of -distance / softness).
    """
    fa, fb = _images(a, "a"), _images(b, "b")
    for name, image in (("a", fa), ("b", fb)):
        if image.ndim != 2:
            raise InputError(name, image, "a grey image (H, W): shape_path needs two grey images")
    if fa.shape != fb.shape:
        raise InputError("b", fb, f"a grey image of the shape of a, {fa.shape}")
    steps = check_int(steps, "steps", low=2, what="a path needs at least 2 steps")
    softness = check_number(softness, "softness", low=0, low_open=True, what="pixels")
    t = np.linspace(0, 1, steps, dtype=np.float32)[:, None, None]
    sdf = (1 - t) * _signed_distance(fa, 0.5, "a") + t * _signed_distance(fb, 0.5, "b")
    return (1 / (1 + np.exp(sdf / softness))).astype(np.float32)


def grey_share(frames: np.ndarray, low: float = 0.25, high: float = 0.75) -> float:
    """Share of the inked pixels (above ``low``) that are grey (below ``high``): ghosts, blur.

    A clean stroke is black or white, so its share is near 0; a cross-fade's is large.
    """
    frames = _images(frames, "frames")
    low = check_number(low, "low", low=0, high=1, what="the ink threshold")
    high = check_number(high, "high", low=low, high=1, what=f"the grey limit (>= low = {low:g})")
    inked = frames > low
    if not inked.any():
        raise InputError("frames", frames, f"images with some ink (pixels above low = {low:g})")
    return float((inked & (frames < high)).sum() / inked.sum())


def stroke_pieces(frames: np.ndarray, threshold: float = 0.5) -> list[int]:
    """Number of separate strokes (8-connected blobs above ``threshold``) in each frame."""
    frames = _images(frames, "frames", min_ndim=3)
    if frames.ndim != 3:
        raise InputError("frames", frames, "grey frames shaped (N, H, W)")
    threshold = check_number(threshold, "threshold", low=0, high=1, what="the ink threshold")
    return [int(ndimage.label(frame > threshold, np.ones((3, 3)))[1]) for frame in frames]


def _signed_distance(image: np.ndarray, threshold: float, name: str) -> np.ndarray:
    ink = image >= threshold
    if not ink.any() or ink.all():
        raise InputError(
            name,
            image,
            f"an image with both stroke and background (pixels above and below {threshold:g})",
            "With no stroke (or no background) there is no edge to measure from.",
        )
    outside = ndimage.distance_transform_edt(~ink)
    inside = ndimage.distance_transform_edt(ink)
    return (outside - inside).astype(np.float32)


def unmix(mixed: np.ndarray, known: np.ndarray, lam: float) -> np.ndarray:
    """Recover b from x = lam a + (1 - lam) b when a and lam are known: (x - lam a) / (1 - lam)."""
    lam = check_number(lam, "lam", low=0, high=1, high_open=True, what="to unmix")
    x, a = _images(mixed, "mixed"), _images(known, "known")
    if x.shape != a.shape:
        raise InputError("known", a, f"an image of the shape of mixed, {x.shape}")
    return np.clip((x - lam * a) / (1 - lam), 0, 1)


def nearest_sources(
    query: np.ndarray, pool: np.ndarray, k: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` images of ``pool`` most similar to ``query`` (cosine similarity of pixels).

    Returns:
        (indices, similarity): (k,) int indices into ``pool``, best first, and their similarities.
    """
    q, p = _query_and_pool(query, pool, "query")
    k = check_int(k, "k", low=1, high=len(p), what="at most the pool's size")
    sim = p @ q / (np.linalg.norm(p, axis=1) * np.linalg.norm(q) + 1e-12)
    order = np.argsort(-sim, kind="stable")[:k]
    return order, sim[order]


def recover_mixup_sources(mixed: np.ndarray, pool: np.ndarray) -> tuple[int, int, float, float]:
    """Find both originals of a mixup image in ``pool`` and the weight, from the mixture alone.

    The most similar pool image is taken as a; then for every candidate b the best lam in
    x = lam a + (1 - lam) b has a closed form, and the b with the smallest residual wins.

    Returns:
        (a, b, lam, residual): pool indices, the weight of a, and the RMS pixel residual
        (about 0 when the mixture really is made of two pool images).
    """
    x, p = _query_and_pool(mixed, pool, "mixed")
    if len(p) < 2:
        raise InputError("pool", pool, "a batch of at least 2 images (two sources to find)")
    a = int(np.argmax(p @ x / (np.linalg.norm(p, axis=1) * np.linalg.norm(x) + 1e-12)))
    d = p[a] - p  # (N, D): a - b for every candidate b
    r = x - p
    lam = np.clip(
        np.einsum("nd,nd->n", r, d) / np.maximum(np.einsum("nd,nd->n", d, d), 1e-12), 0, 1
    )
    residual = np.sqrt(np.maximum(np.mean((r - lam[:, None] * d) ** 2, axis=1), 0))
    residual[a] = np.inf
    b = int(np.argmin(residual))
    return a, b, float(lam[b]), float(residual[b])


def _query_and_pool(query, pool, name: str) -> tuple[np.ndarray, np.ndarray]:
    """One image flattened (D,) and a batch of images of its size flattened (N, D)."""
    q = _images(query, name)
    p = _images(pool, "pool", min_ndim=q.ndim + 1)
    if p.shape[1:] != q.shape:
        raise InputError(
            "pool", p, f"a batch (N, {', '.join(map(str, q.shape))}) of images the size of {name}"
        )
    return q.ravel(), p.reshape(len(p), -1)
