"""Nearest-neighbour distances, the copy check and the membership-inference baseline."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.capstone import exercises as capstone_exercises
from datagen_lab.capstone import memorization as mem


def tiny_reference():
    zeros = np.zeros((2, 2))
    ones = np.ones((2, 2))
    corner = np.array([[1.0, 0.0], [0.0, 0.0]])
    return np.stack([zeros, ones, corner])


def test_nearest_neighbours_exact_on_a_hand_made_case():
    queries = np.stack(
        [
            np.array([[1.0, 0.0], [0.0, 0.0]]),  # equals the corner image: distance 0, index 2
            np.array([[0.0, 0.0], [0.0, 0.5]]),  # 0.5 from zeros; corner is sqrt(1.25) away
            np.full((2, 2), 0.75),  # |0.25| * 2 = 0.5 from ones
            np.full((2, 2), 0.5),  # exactly 1 from all three: the first one wins
        ]
    )
    distances, indices = mem.nearest_neighbours(queries, tiny_reference())
    np.testing.assert_allclose(distances, [0.0, 0.5, 0.5, 1.0], atol=1e-12)
    np.testing.assert_array_equal(indices, [2, 0, 1, 0])


def test_uint8_images_are_scaled_to_unit_range():
    reference = np.zeros((1, 3, 3), np.uint8)
    query = np.zeros((1, 3, 3), np.uint8)
    query[0, 1, 1] = 255
    distances, _ = mem.nearest_neighbours(query, reference)
    assert distances[0] == pytest.approx(1.0)


def test_nearest_neighbours_matches_brute_force_across_chunks():
    rng = np.random.default_rng(0)
    queries, reference = rng.random((37, 5, 5)), rng.random((23, 5, 5))
    distances, indices = mem.nearest_neighbours(queries, reference, chunk=8)
    brute = np.linalg.norm(queries.reshape(37, 1, -1) - reference.reshape(1, 23, -1), axis=2)
    np.testing.assert_allclose(distances, brute.min(axis=1), rtol=1e-12)
    np.testing.assert_array_equal(indices, brute.argmin(axis=1))


@pytest.mark.parametrize(
    ("queries", "reference"),
    [
        (np.zeros((2, 4, 4)), np.zeros((2, 5, 5))),  # different sizes
        (np.zeros((0, 4, 4)), np.zeros((2, 4, 4))),  # empty
        (np.full((1, 4, 4), 2.0), np.zeros((2, 4, 4))),  # out of [0, 1]
    ],
)
def test_bad_inputs_are_refused(queries, reference):
    with pytest.raises(ValueError):
        mem.nearest_neighbours(queries, reference)


def test_a_copying_generator_is_caught_and_a_fresh_one_is_not():
    rng = np.random.default_rng(1)
    train, heldout = rng.random((200, 6, 6)), rng.random((200, 6, 6))
    copies = train[:50] + 0.001  # (almost) exact copies
    report = mem.memorization_report(np.clip(copies, 0, 1), train, heldout)
    assert report.copy_share == 1.0
    np.testing.assert_array_equal(report.generated_index, np.arange(50))
    fresh = mem.memorization_report(rng.random((200, 6, 6)), train, heldout)
    assert fresh.copy_share < 0.08
    assert "held-out real" in fresh.summary()


def test_closest_returns_the_nearest_generated_digits_first():
    report = mem.MemorizationReport(
        np.array([3.0, 1.0, 2.0]), np.zeros(3, int), np.array([5.0]), np.zeros(1, int)
    )
    np.testing.assert_array_equal(report.closest(2), [1, 2])


def test_membership_inference_extremes_and_chance():
    perfect = mem.membership_inference([5, 6, 7], [1, 2, 3])
    assert perfect.accuracy == 1.0 and perfect.auc == 1.0
    reversed_ = mem.membership_inference([1, 2, 3], [5, 6, 7])
    assert reversed_.accuracy == 0.0 and reversed_.auc == 0.0
    rng = np.random.default_rng(2)
    chance = mem.membership_inference(rng.normal(size=4000), rng.normal(size=4000))
    assert abs(chance.accuracy - 0.5) < 4 * chance.standard_error
    assert abs(chance.auc - 0.5) < 0.03
    with pytest.raises(ValueError):
        mem.membership_inference([1, 2], [1])


def test_auc_counts_ties_as_one_half():
    positive, negative = np.array([1.0, 2.0, 2.0]), np.array([2.0, 0.0])
    pairs = [(p > n) + 0.5 * (p == n) for p in positive for n in negative]
    assert mem.auc(positive, negative) == pytest.approx(np.mean(pairs))


def test_digits_survive_the_trip_through_json_text():
    rng = np.random.default_rng(3)
    one, many = (
        rng.integers(0, 256, (28, 28), np.uint8),
        rng.integers(0, 256, (4, 28, 28), np.uint8),
    )
    np.testing.assert_array_equal(mem.decode_digit(mem.encode_digit(one)), one)
    np.testing.assert_array_equal(mem.decode_digit(mem.encode_digit(many)), many)


def test_exercise_checker_accepts_the_right_distance_only():
    train = tiny_reference()
    query = np.full((2, 2), 0.75)
    assert capstone_exercises.check_nearest_distance(0.5, query, train).ok
    assert not capstone_exercises.check_nearest_distance(0.25, query, train).ok


def test_class_spread_is_the_mean_pairwise_distance_within_each_class():
    images = np.zeros((4, 1, 2))
    images[1, 0, 0] = 1.0  # class 0: [0, 0] and [1, 0], 1 apart
    images[3] = [[0.6, 0.8]]  # class 1: [0, 0] and [0.6, 0.8], 1 apart
    images[2] = 0.0
    spread = mem.class_spread(images, np.array([0, 0, 1, 1]), num_classes=3)
    np.testing.assert_allclose(spread[:2], [1.0, 1.0])
    assert np.isnan(spread[2])
    collapsed = mem.class_spread(np.zeros((5, 2, 2)), np.zeros(5, int), num_classes=1)
    assert collapsed[0] == 0.0
