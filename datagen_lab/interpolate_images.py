"""Interpolating between images: mixup, digit-to-digit paths, and what the mixtures give away.

mixup (Zhang et al., 2018) trains on convex combinations of two examples *and* their labels:
x = lam x_a + (1 - lam) x_b, y = lam y_a + (1 - lam) y_b with lam ~ Beta(alpha, alpha).
A mixed image still contains both originals, which is the privacy point at the end.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def as_float_images(images: np.ndarray) -> np.ndarray:
    """float32 images in [0, 1]: uint8 is divided by 255, floats are checked to lie in [0, 1]."""
    array = np.asarray(images)
    if array.dtype == np.uint8:
        return array.astype(np.float32) / 255.0
    if not np.issubdtype(array.dtype, np.floating):
        raise ValueError(f"Images must be uint8 or float in [0, 1]; got dtype {array.dtype}.")
    if array.size and (array.min() < 0 or array.max() > 1):
        raise ValueError(
            f"Float images must lie in [0, 1]; got [{array.min():g}, {array.max():g}]."
        )
    return array.astype(np.float32)


def one_hot(labels: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """(N,) integer labels in [0, num_classes) -> (N, num_classes) float32 one-hot rows."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be a 1-D integer array; got {labels.dtype} {labels.shape}.")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must lie in [0, {num_classes}); got [{labels.min()}, {labels.max()}]."
        )
    return np.eye(num_classes, dtype=np.float32)[labels]


def mixup(
    x_a: np.ndarray, x_b: np.ndarray, y_a: np.ndarray, y_b: np.ndarray, lam: float | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The convex combination lam * a + (1 - lam) * b of two images and of their (one-hot) labels.

    Args:
        x_a, x_b: images of one shape, a single image or a batch (N, ...): uint8 or float in [0, 1].
        y_a, y_b: label vectors of one shape, e.g. one-hot (C,) or (N, C).
        lam: weight of ``a`` in [0, 1]: a scalar, or (N,) for one weight per pair of a batch.

    Returns:
        (x, y): float32 mixed images in [0, 1] and float32 mixed labels.

    Raises:
        ValueError: mismatched shapes, or lam outside [0, 1].
    """
    xa, xb = as_float_images(x_a), as_float_images(x_b)
    ya, yb = np.asarray(y_a, np.float32), np.asarray(y_b, np.float32)
    if xa.shape != xb.shape:
        raise ValueError(f"mixup needs images of one shape; got {xa.shape} and {xb.shape}.")
    if ya.shape != yb.shape:
        raise ValueError(
            f"mixup needs labels of one shape (one-hot both); got {ya.shape} and {yb.shape}."
        )
    lam = np.asarray(lam, np.float32)
    if np.any(lam < 0) or np.any(lam > 1):
        raise ValueError(f"lam must lie in [0, 1]; got {lam}.")
    if lam.ndim == 1 and (len(lam) != len(xa) or len(lam) != len(ya)):
        raise ValueError(f"One lam per pair: got {len(lam)} weights for {len(xa)} images.")
    if lam.ndim > 1:
        raise ValueError(f"lam must be a scalar or (N,); got shape {lam.shape}.")
    lx = lam.reshape(lam.shape + (1,) * (xa.ndim - lam.ndim))
    ly = lam.reshape(lam.shape + (1,) * (ya.ndim - lam.ndim))
    return lx * xa + (1 - lx) * xb, ly * ya + (1 - ly) * yb


def mixup_batch(
    images: np.ndarray, labels: np.ndarray, alpha: float = 0.4, num_classes: int = 10, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Mix each image of a batch with a random partner, lam ~ Beta(alpha, alpha), as in training.

    Returns:
        (x, y, lam, partner): mixed images (N, ...) float32, soft labels (N, C), the weights
        (N,) and the partner index of each image.
    """
    if alpha <= 0:
        raise ValueError(f"alpha must be > 0; got {alpha}.")
    rng = np.random.default_rng(seed)
    lam = rng.beta(alpha, alpha, size=len(images)).astype(np.float32)
    partner = rng.permutation(len(images))
    y = one_hot(labels, num_classes)
    x, y = mixup(images, np.asarray(images)[partner], y, y[partner], lam)
    return x, y, lam, partner


def describe_label(soft: np.ndarray, top: int = 2) -> str:
    """A soft label as text, largest weights first: [0, 0, 0, .7, 0, 0, 0, 0, .3, 0] -> "0.70·3 + 0.30·8"."""
    soft = np.asarray(soft, dtype=np.float64)
    order = [c for c in np.argsort(-soft, kind="stable")[:top] if soft[c] > 0.005]
    return " + ".join(f"{soft[c]:.2f}·{c}" for c in order)


def pixel_path(a: np.ndarray, b: np.ndarray, steps: int = 8) -> np.ndarray:
    """``steps`` images from a to b by cross-fading pixels: (1 - t) a + t b for t from 0 to 1.

    Returns:
        (steps, H, W) float32 in [0, 1]. The middle images are double exposures, not digits.
    """
    if steps < 2:
        raise ValueError(f"A path needs at least 2 steps; got {steps}.")
    fa, fb = as_float_images(a), as_float_images(b)
    if fa.shape != fb.shape:
        raise ValueError(f"Both images need one shape; got {fa.shape} and {fb.shape}.")
    t = np.linspace(0, 1, steps, dtype=np.float32).reshape(-1, *[1] * fa.ndim)
    return (1 - t) * fa + t * fb


def shape_path(a: np.ndarray, b: np.ndarray, steps: int = 8, softness: float = 0.25) -> np.ndarray:
    """``steps`` images from a to b by interpolating their signed distance fields: a shape morph.

    Each image becomes the signed distance to its stroke outline (negative inside); blending the
    distances moves the outline from one shape to the other instead of fading one out.

    Returns:
        (steps, H, W) float32 in [0, 1] (a soft stroke: sigmoid of -distance / softness).
    """
    fa, fb = as_float_images(a), as_float_images(b)
    if fa.shape != fb.shape or fa.ndim != 2:
        raise ValueError(
            f"shape_path needs two grey images (H, W) of one shape; got {fa.shape}, {fb.shape}."
        )
    if steps < 2:
        raise ValueError(f"A path needs at least 2 steps; got {steps}.")
    t = np.linspace(0, 1, steps, dtype=np.float32)[:, None, None]
    sdf = (1 - t) * signed_distance(fa) + t * signed_distance(fb)
    return (1 / (1 + np.exp(sdf / softness))).astype(np.float32)


def signed_distance(image: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Distance (pixels) of every pixel to the stroke's edge: positive outside, negative inside."""
    ink = as_float_images(image) >= threshold
    if not ink.any():
        raise ValueError("The image has no stroke above the threshold: nothing to measure from.")
    outside = ndimage.distance_transform_edt(~ink)
    inside = ndimage.distance_transform_edt(ink)
    return (outside - inside).astype(np.float32)


def unmix(mixed: np.ndarray, known: np.ndarray, lam: float) -> np.ndarray:
    """Recover b from x = lam a + (1 - lam) b when a and lam are known: (x - lam a) / (1 - lam)."""
    if not 0 <= lam < 1:
        raise ValueError(f"lam must lie in [0, 1) to unmix; got {lam}.")
    x, a = as_float_images(mixed), as_float_images(known)
    if x.shape != a.shape:
        raise ValueError(f"unmix needs images of one shape; got {x.shape} and {a.shape}.")
    return np.clip((x - lam * a) / (1 - lam), 0, 1)


def nearest_sources(
    query: np.ndarray, pool: np.ndarray, k: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` images of ``pool`` most similar to ``query`` (cosine similarity of pixels).

    Returns:
        (indices, similarity): (k,) int indices into ``pool``, best first, and their similarities.
    """
    q = as_float_images(query).ravel()
    p = as_float_images(pool).reshape(len(pool), -1)
    if p.shape[1] != q.size:
        raise ValueError(f"query has {q.size} pixels but pool images have {p.shape[1]}.")
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
    x = as_float_images(mixed).ravel()
    p = as_float_images(pool).reshape(len(pool), -1)
    if p.shape[1] != x.size:
        raise ValueError(f"mixed has {x.size} pixels but pool images have {p.shape[1]}.")
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
