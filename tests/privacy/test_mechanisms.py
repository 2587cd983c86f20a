"""Lesson 8's mechanisms: calibration, the error formulas against simulation, bad inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.privacy import mechanisms as m


def test_class_histogram_counts_each_label():
    hist = m.class_histogram(np.array([0, 2, 2, 9]), classes=10)
    assert hist.tolist() == [1, 0, 2, 0, 0, 0, 0, 0, 0, 1]


@pytest.mark.parametrize("epsilon", [0.1, 0.5, 1.0, 4.0])
def test_laplace_error_matches_formula(epsilon):
    empirical = m.empirical_abs_error(
        "laplace", [epsilon], np.random.default_rng(1), trials=40_000
    )[0]
    formula = m.expected_abs_error("laplace", epsilon)
    assert formula == pytest.approx(1.0 / epsilon)
    # the mean of |Laplace(b)| has standard deviation b / sqrt(trials): 5 of them is 2.5 %
    assert empirical == pytest.approx(formula, rel=0.025)


@pytest.mark.parametrize("epsilon", [0.2, 1.0, 3.0])
def test_gaussian_error_matches_formula(epsilon):
    delta = 1e-5
    empirical = m.empirical_abs_error(
        "gaussian", [epsilon], np.random.default_rng(2), trials=40_000, delta=delta
    )[0]
    formula = m.expected_abs_error("gaussian", epsilon, delta)
    assert empirical == pytest.approx(formula, rel=0.025)


def test_gaussian_sigma_is_the_exact_calibration():
    """The analytic Gaussian mechanism: delta(sigma) from Balle and Wang (2018), Theorem 8."""
    from scipy.stats import norm

    for epsilon in (0.3, 1.0, 5.0):
        sigma = m.gaussian_sigma(epsilon, 1e-5)
        delta = norm.cdf(0.5 / sigma - epsilon * sigma) - math.exp(epsilon) * norm.cdf(
            -0.5 / sigma - epsilon * sigma
        )
        assert delta == pytest.approx(1e-5, rel=0.02)
        # below the classical sqrt(2 ln(1.25/delta)) / epsilon where that bound is valid (eps < 1)
        if epsilon < 1:
            assert sigma < math.sqrt(2 * math.log(1.25 / 1e-5)) / epsilon


def test_more_privacy_means_more_noise():
    errors = m.empirical_abs_error("laplace", [0.1, 1.0, 10.0], np.random.default_rng(3), 5000)
    assert errors[0] > errors[1] > errors[2]


def test_seeded_release_is_reproducible():
    first = m.laplace_mechanism([5, 7], 1.0, np.random.default_rng(4))
    second = m.laplace_mechanism([5, 7], 1.0, np.random.default_rng(4))
    assert np.array_equal(first, second) and not np.array_equal(first, [5, 7])


@pytest.mark.parametrize("epsilon", [0, -1, float("nan"), float("inf"), "1", None])
def test_bad_epsilon(epsilon):
    assert_clear_error(
        lambda: m.laplace_mechanism([1], epsilon, np.random.default_rng(0)), "epsilon"
    )
    assert_clear_error(lambda: m.gaussian_sigma(epsilon, 1e-5), "epsilon")


@pytest.mark.parametrize("delta", [0, 1, -0.1, 1.5, float("nan")])
def test_bad_delta(delta):
    assert_clear_error(
        lambda: m.gaussian_mechanism([1], 1.0, delta, np.random.default_rng(0)), "delta"
    )


def test_other_bad_inputs():
    rng = np.random.default_rng(0)
    assert_clear_error(lambda: m.laplace_mechanism([1.0, np.nan], 1.0, rng), "values")
    assert_clear_error(lambda: m.laplace_mechanism([1], 1.0, rng, sensitivity=0), "sensitivity")
    assert_clear_error(lambda: m.laplace_mechanism([1], 1.0, 0), "rng")
    assert_clear_error(lambda: m.class_histogram([0, 10], classes=10), "labels")
    assert_clear_error(lambda: m.expected_abs_error("gaussian", 1.0), "delta")
    assert_clear_error(lambda: m.expected_abs_error("exponential", 1.0), "mechanism")
