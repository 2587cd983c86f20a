"""The classifier's view of a batch of digits: labels, confidences and penultimate-layer features
(:func:`judge`), their mean and covariance, and the Fréchet distance between two such statistics
(the idea behind FID). Used by :mod:`datagen_lab.dcgan.evaluation`.
"""

from __future__ import annotations

import hashlib
import warnings
from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_positive_int,
)
from datagen_lab.config import INFERENCE_BATCH


def feature_statistics(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean (F,) and covariance (F, F) float64 of finite features (N, F), N >= 2."""
    return _statistics(features, "features")


def _statistics(features: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    expected = "a finite array of shape (N, F) with N >= 2 (one row of features per digit)"
    try:
        features = check_array(features, name, ndim=2).astype(np.float64)
    except InputError as error:
        raise InputError(name, features, expected, got_text=error.got) from None
    if features.shape[0] < 2:
        raise InputError(name, features, expected)
    return features.mean(axis=0), np.cov(features, rowvar=False)


def frechet_distance(features_a: np.ndarray, features_b: np.ndarray) -> float:
    r"""Fréchet distance between Gaussians fitted to two feature sets (N, F) and (M, F).

    .. math:: d^2 = \lVert\mu_a - \mu_b\rVert^2 + \operatorname{Tr}\big(\Sigma_a + \Sigma_b
              - 2(\Sigma_a\Sigma_b)^{1/2}\big)

    This is the formula behind FID; here the features come from our own MNIST classifier,
    so values are comparable only within this course. ``features_b`` may also be a precomputed
    ``(mean, covariance)`` pair from :func:`feature_statistics`.
    """
    import scipy.linalg

    mu_a, sigma_a = _statistics(features_a, "features_a")
    if isinstance(features_b, tuple):
        mu_b, sigma_b = _check_statistics(features_b, mu_a.shape[0])
    else:
        mu_b, sigma_b = _statistics(features_b, "features_b")
    if mu_a.shape != mu_b.shape:
        raise InputError(
            "features_b",
            features_b,
            f"features of the size of features_a ({mu_a.shape[0]}): feature sizes differ",
            got_text=f"{mu_b.shape[0]} features per row",
        )
    with warnings.catch_warnings():  # collapsed generators give singular covariances: expected
        warnings.simplefilter("ignore")
        covmean = scipy.linalg.sqrtm(sigma_a @ sigma_b)
        if not np.isfinite(covmean).all():  # nudge both diagonals and try again
            offset = np.eye(len(mu_a)) * 1e-6
            covmean = scipy.linalg.sqrtm((sigma_a + offset) @ (sigma_b + offset))
    covmean = np.real(covmean)
    diff = mu_a - mu_b
    value = diff @ diff + np.trace(sigma_a) + np.trace(sigma_b) - 2.0 * np.trace(covmean)
    return float(max(value, 0.0))


def reference_statistics(reference: np.ndarray, model=None) -> tuple[np.ndarray, np.ndarray]:
    """Feature mean and covariance of real digits, cached per process (computed once per batch).

    ``reference``: digits as for :func:`evaluate_digits`, their range inferred.
    """
    from datagen_lab.classifier import _check_digits

    _check_digits(reference, None, "reference")
    reference = np.asarray(reference)
    key = (reference.shape, hashlib.sha1(reference.tobytes()).hexdigest(), id(model))
    if key not in _REFERENCE_STATS:
        _REFERENCE_STATS[key] = feature_statistics(judge(reference, model=model)[2])
    return _REFERENCE_STATS[key]


def judge(
    images: np.ndarray,
    model=None,
    batch_size: int = INFERENCE_BATCH,
    value_range: tuple[float, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One pass of the classifier: labels int64 (N,), confidences float32 (N,), features (N, F).

    Equivalent to :func:`datagen_lab.classifier.predict_digits` plus ``digit_features``, in
    one forward pass instead of two (it runs every few seconds during training). ``images``
    and ``value_range`` as for :func:`evaluate_digits`; ``batch_size`` >= 1.
    """
    from datagen_lab.classifier import (
        _check_digits,
        _check_model,
        labels_and_confidences,
        load_classifier,
        run_in_batches,
    )

    _check_digits(images, value_range)
    batch_size = check_positive_int(batch_size, "batch_size", "digits per forward pass")
    model = _check_model(model) or load_classifier()
    if id(model) not in _EXTRACTORS:
        import keras

        outputs = [model.get_layer("features").output, model.layers[-1].output]
        _EXTRACTORS[id(model)] = (model, keras.Model(model.inputs[0], outputs))
    extractor = _EXTRACTORS[id(model)][1]
    features, logits = run_in_batches(extractor, images, batch_size, value_range)
    return (*labels_and_confidences(logits), features.astype(np.float32))


_REFERENCE_STATS: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

_EXTRACTORS: dict[int, tuple] = {}  # id(model) -> (model kept alive, features+logits model)


def _check_statistics(pair: tuple, size: int) -> tuple[np.ndarray, np.ndarray]:
    """A (mean (F,), covariance (F, F)) pair, finite, as :func:`feature_statistics` returns."""
    expected = "features (N, F) or a (mean (F,), covariance (F, F)) pair from feature_statistics"
    if len(pair) != 2:
        raise InputError("features_b", pair, expected)
    try:
        mean = check_array(pair[0], "features_b", ndim=1).astype(np.float64)
        cov = check_array(pair[1], "features_b", ndim=2).astype(np.float64)
    except InputError:
        raise InputError("features_b", pair, expected) from None
    if cov.shape != (len(mean), len(mean)):
        raise InputError("features_b", pair, expected)
    return mean, cov
