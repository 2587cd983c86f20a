"""The Laplace and Gaussian mechanisms on a counting query or a class histogram, and their error.

A *counting query* ("how many patients have label 7?") changes by at most 1 when one person is
added to or removed from the data: its sensitivity is 1. A *class histogram* (one count per class,
each person in exactly one class) also changes by 1 in a single bin, so its L1 and L2 sensitivity
are both 1. Adding noise calibrated to that sensitivity makes the released numbers differentially
private:

* Laplace: noise ``Laplace(0, b)`` with ``b = sensitivity / epsilon`` gives (epsilon, 0)-DP; the
  expected absolute error of each released count is ``b``.
* Gaussian: noise ``N(0, sigma^2)`` gives (epsilon, delta)-DP for the smallest ``sigma`` found by
  ``dp_accounting.get_sigma_gaussian`` (the exact, "analytic" calibration of Balle and Wang, 2018,
  valid for every epsilon > 0); the expected absolute error is ``sigma * sqrt(2 / pi)``.
"""

from __future__ import annotations

import math

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_number,
    check_positive_int,
)


def check_epsilon(epsilon, name: str = "epsilon") -> float:
    """``epsilon`` as a finite float > 0, else InputError (epsilon = 0 would need infinite noise)."""
    return check_number(epsilon, name, low=0.0, low_open=True, what="the privacy loss epsilon")


def check_delta(delta, name: str = "delta") -> float:
    """``delta`` as a float in the open interval (0, 1), else InputError."""
    return check_number(
        delta,
        name,
        low=0.0,
        high=1.0,
        low_open=True,
        high_open=True,
        what="the failure probability delta",
    )


def check_sensitivity(sensitivity, name: str = "sensitivity") -> float:
    """``sensitivity`` as a finite float > 0, else InputError."""
    return check_number(sensitivity, name, low=0.0, low_open=True, what="the query's sensitivity")


def class_histogram(labels, classes: int = 10) -> np.ndarray:
    """Counts of each class label: the query the mechanisms release.

    Args:
        labels: (N,) integer labels in [0, classes).
        classes: number of classes, >= 1.

    Returns:
        (classes,) int64 counts.
    """
    classes = check_positive_int(classes, "classes", "number of classes")
    labels = check_array(
        labels, "labels", ndim=1, kinds="iu", low=0, high=classes - 1, what="class labels"
    )
    return np.bincount(labels.astype(np.int64), minlength=classes).astype(np.int64)


def laplace_scale(epsilon: float, sensitivity: float = 1.0) -> float:
    """The Laplace mechanism's scale ``b = sensitivity / epsilon``."""
    return check_sensitivity(sensitivity) / check_epsilon(epsilon)


def gaussian_sigma(epsilon: float, delta: float, sensitivity: float = 1.0) -> float:
    """The smallest Gaussian noise standard deviation giving (epsilon, delta)-DP (exact calibration).

    Computed by ``dp_accounting.get_sigma_gaussian`` (for sensitivity 1) and scaled by the
    sensitivity.
    """
    epsilon, delta = check_epsilon(epsilon), check_delta(delta)
    sensitivity = check_sensitivity(sensitivity)
    from dp_accounting import get_sigma_gaussian

    return float(get_sigma_gaussian(epsilon, delta)) * sensitivity


def laplace_mechanism(
    values, epsilon: float, rng: np.random.Generator, sensitivity: float = 1.0
) -> np.ndarray:
    """Release ``values`` with Laplace noise of scale ``sensitivity / epsilon``: (epsilon, 0)-DP.

    Args:
        values: true query answers, any shape, finite numbers (a count or a histogram).
        epsilon: privacy loss, > 0 (smaller = more private = noisier).
        rng: a NumPy Generator (the noise's only source of randomness).
        sensitivity: how much one person can change ``values`` in L1 norm, > 0.

    Returns:
        float64 array of ``values``' shape.
    """
    values = check_array(values, "values", what="query answers").astype(np.float64)
    scale = laplace_scale(epsilon, sensitivity)
    return values + check_rng(rng).laplace(0.0, scale, size=values.shape)


def gaussian_mechanism(
    values, epsilon: float, delta: float, rng: np.random.Generator, sensitivity: float = 1.0
) -> np.ndarray:
    """Release ``values`` with Gaussian noise calibrated to (epsilon, delta)-DP.

    Args:
        values: true query answers, any shape, finite numbers.
        epsilon: privacy loss, > 0; delta: failure probability in (0, 1).
        rng: a NumPy Generator.
        sensitivity: how much one person can change ``values`` in L2 norm, > 0.

    Returns:
        float64 array of ``values``' shape.
    """
    values = check_array(values, "values", what="query answers").astype(np.float64)
    sigma = gaussian_sigma(epsilon, delta, sensitivity)
    return values + check_rng(rng).normal(0.0, sigma, size=values.shape)


def expected_abs_error(
    mechanism: str, epsilon: float, delta: float | None = None, sensitivity: float = 1.0
) -> float:
    """The formula for the mean absolute error of one released value.

    Laplace: ``E|noise| = b = sensitivity / epsilon``. Gaussian: ``E|noise| = sigma * sqrt(2 / pi)``.
    """
    mechanism = _mechanism(mechanism)
    if mechanism == "laplace":
        return laplace_scale(epsilon, sensitivity)
    if delta is None:
        raise InputError("delta", delta, "a number in (0, 1) for the Gaussian mechanism")
    return gaussian_sigma(epsilon, delta, sensitivity) * math.sqrt(2.0 / math.pi)


def empirical_abs_error(
    mechanism: str,
    epsilons,
    rng: np.random.Generator,
    trials: int = 2000,
    delta: float | None = None,
    true_values=None,
) -> np.ndarray:
    """The mean absolute error of ``trials`` releases of ``true_values`` at each epsilon.

    Args:
        mechanism: "laplace" or "gaussian".
        epsilons: (E,) privacy losses, each > 0.
        rng: a NumPy Generator.
        trials: releases per epsilon, >= 1.
        delta: for the Gaussian mechanism, in (0, 1).
        true_values: the released query (default: one count of 100).

    Returns:
        (E,) float64 mean |released - true| per epsilon.
    """
    mechanism = _mechanism(mechanism)
    epsilons = check_array(epsilons, "epsilons", ndim=1, kinds="iuf", what="privacy losses")
    for epsilon in epsilons:
        check_epsilon(float(epsilon), "epsilons")
    trials = check_positive_int(trials, "trials", "releases per epsilon")
    truth = np.asarray([100.0]) if true_values is None else check_array(true_values, "true_values")
    errors = []
    for epsilon in epsilons:
        stacked = np.broadcast_to(truth, (trials, *truth.shape))
        if mechanism == "laplace":
            released = laplace_mechanism(stacked, float(epsilon), rng)
        else:
            released = gaussian_mechanism(stacked, float(epsilon), _need_delta(delta), rng)
        errors.append(np.mean(np.abs(released - stacked)))
    return np.asarray(errors, dtype=np.float64)


def _need_delta(delta) -> float:
    if delta is None:
        raise InputError("delta", delta, "a number in (0, 1) for the Gaussian mechanism")
    return check_delta(delta)


def _mechanism(mechanism) -> str:
    if mechanism not in ("laplace", "gaussian"):
        raise InputError("mechanism", mechanism, "'laplace' or 'gaussian'")
    return mechanism


def check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise InputError("rng", rng, "a numpy.random.Generator, e.g. np.random.default_rng(0)")
    return rng
