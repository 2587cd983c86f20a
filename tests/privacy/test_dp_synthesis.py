"""Synthetic data from a DP histogram: the noise, sampling, fidelity, the nearest-neighbour leak check."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.privacy import dp_synthesis as d


@pytest.fixture(scope="module")
def moons():
    rng = np.random.default_rng(0)
    return d.two_moons(1000, rng), d.two_moons(1000, rng)


def test_exact_histogram_counts_every_point(moons):
    counts = d.histogram(moons[0], 16, None, np.random.default_rng(0))
    assert counts.shape == (16, 16) and counts.sum() == 1000


def test_laplace_noise_on_the_histogram_has_scale_one_over_epsilon(moons):
    exact = d.histogram(moons[0], 64, None, np.random.default_rng(0))
    noisy = d.histogram(moons[0], 64, 0.5, np.random.default_rng(1))
    noise = (noisy - exact).ravel()
    assert np.mean(np.abs(noise)) == pytest.approx(1 / 0.5, rel=0.05)  # E|Laplace(b)| = b


def test_samples_stay_in_the_occupied_cells():
    counts = np.zeros((4, 4))
    counts[1, 2] = 5.0
    counts[3, 0] = -2.0  # negative noise: never sampled
    points = d.sample_histogram(counts, 500, np.random.default_rng(2))
    (x_low, x_high), (y_low, y_high) = d.BOUNDS
    ix = np.floor((points[:, 0] - x_low) / (x_high - x_low) * 4)
    iy = np.floor((points[:, 1] - y_low) / (y_high - y_low) * 4)
    assert np.all(ix == 1) and np.all(iy == 2)


def test_fine_grid_without_dp_copies_and_dp_does_not(moons):
    train, holdout = moons
    rows, samples = d.compare_synthesis(train, holdout, [16, 128], 1.0, np.random.default_rng(3))
    by = {(r["bins"], r["private"]): r for r in rows}
    assert set(samples) == {r["name"] for r in rows}
    assert by[(128, False)]["closer_to_train"] > 0.7  # samples sit inside training points' cells
    assert abs(by[(128, True)]["closer_to_train"] - 0.5) < 0.06
    # a coarse grid loses little fidelity to the noise; a fine one drowns in it
    assert by[(16, True)]["fidelity_tv"] < by[(16, False)]["fidelity_tv"] + 0.05
    assert by[(128, True)]["fidelity_tv"] > by[(128, False)]["fidelity_tv"] + 0.2


def test_leak_check_sees_a_copy(moons):
    train, holdout = moons
    copied = train[:500] + 1e-4
    assert d.nearest_neighbour_leak(copied, train, holdout)["closer_to_train"] > 0.95
    fresh = d.two_moons(2000, np.random.default_rng(9))
    assert abs(d.nearest_neighbour_leak(fresh, train, holdout)["closer_to_train"] - 0.5) < 0.05


def test_fidelity_distance_is_zero_for_the_same_points_and_one_for_disjoint(moons):
    assert d.fidelity_distance(moons[0], moons[0]) == 0
    left, right = np.full((10, 2), [-1.4, 0.0]), np.full((10, 2), [2.4, 0.0])
    assert d.fidelity_distance(left, right) == pytest.approx(1.0)


def test_bad_inputs(moons):
    rng = np.random.default_rng(0)
    assert_clear_error(lambda: d.histogram(moons[0], 16, 0.0, rng), "epsilon")
    assert_clear_error(lambda: d.histogram(moons[0], 16, -1.0, rng), "epsilon")
    assert_clear_error(lambda: d.histogram(moons[0], 0, 1.0, rng), "bins")
    assert_clear_error(lambda: d.histogram(moons[0][:, :1], 16, 1.0, rng), "points")
    assert_clear_error(lambda: d.histogram([[np.nan, 0.0]], 16, 1.0, rng), "points")
    assert_clear_error(lambda: d.sample_histogram(np.ones((3, 4)), 5, rng), "counts")
    assert_clear_error(
        lambda: d.nearest_neighbour_leak(moons[0], moons[0], moons[1][:10]), "holdout"
    )
