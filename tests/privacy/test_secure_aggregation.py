"""Lesson 8's secret sharing: exact reconstruction, shares independent of the secret, bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.privacy import secure_aggregation as s


@pytest.mark.parametrize("parties", [2, 3, 7])
def test_shares_reconstruct_exactly(parties):
    rng = np.random.default_rng(parties)
    secret = rng.integers(0, s.MODULUS, size=50)
    shares = s.share(secret, parties, rng)
    assert shares.shape == (parties, 50)
    assert np.array_equal(s.reconstruct(shares), secret.astype(np.uint64))
    # leaving out any one share loses the secret
    assert not np.array_equal(shares[1:].sum(axis=0) % s.MODULUS, secret.astype(np.uint64))


def test_secure_sum_is_the_exact_sum_and_published_parts_look_random():
    rng = np.random.default_rng(0)
    hospitals = rng.integers(0, 1000, size=(3, 10))
    result = s.secure_sum(hospitals, rng)
    assert np.array_equal(result["total"], hospitals.sum(axis=0))
    assert result["shares"].shape == (3, 3, 10)
    assert not np.any(result["published"] == hospitals)  # no party publishes its input


def test_a_single_share_is_independent_of_the_secret():
    """Seeded statistical test: the first share of 0 and of a large secret look alike and uniform."""
    rng = np.random.default_rng(11)
    result = s.share_uniformity(0, 3_000_000_000, 20_000, rng)
    assert result["ks_pvalue"] > 0.01 and result["uniform_pvalue_a"] > 0.01
    # the test can fail: the *last* share of a constant secret is not independent of the others
    constant = s.share(np.zeros(20_000, dtype=np.int64), 2, rng)
    assert np.array_equal((constant[0] + constant[1]) % s.MODULUS, np.zeros(20_000))


def test_secure_mean_of_reals():
    rng = np.random.default_rng(5)
    gradients = rng.normal(size=(3, 100))
    mean = s.secure_mean(gradients, rng)
    assert np.abs(mean - gradients.mean(axis=0)).max() < 3 * 2.0**-s.FRACTION_BITS


def test_fixed_point_round_trip_with_negatives():
    values = np.array([-3.25, 0.0, 1e-3, 1000.5])
    assert np.allclose(s.decode_fixed(s.encode_fixed(values)), values, atol=2.0**-16)


def test_bad_inputs():
    rng = np.random.default_rng(0)
    assert_clear_error(lambda: s.share([1, 2], 1, rng), "parties")
    assert_clear_error(lambda: s.share([-1], 3, rng), "secret")
    assert_clear_error(lambda: s.share([1.5], 3, rng), "secret")
    assert_clear_error(lambda: s.secure_sum(np.ones((1, 3), dtype=int), rng), "inputs")
    assert_clear_error(lambda: s.secure_sum(np.ones(3, dtype=int), rng), "inputs")
    assert_clear_error(lambda: s.encode_fixed([np.nan]), "values")
    assert_clear_error(lambda: s.encode_fixed([1e9]), "values")
