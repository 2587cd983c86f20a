"""The trade-off experiment's plumbing on a tiny run: splits, one DP and one normal run, the summary."""

from __future__ import annotations

import math

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.data import load_mnist
from datagen_lab.privacy import tradeoff


@pytest.fixture(scope="module")
def digits():
    return tradeoff.split_digits(load_mnist(), 64, 100, seed=0)


def test_split_is_disjoint_and_shaped(digits):
    assert digits["members"].shape == (64, 28, 28, 1) and digits["test"].shape == (100, 28, 28, 1)
    members = {m.tobytes() for m in digits["members"]}
    assert not any(m.tobytes() in members for m in digits["nonmembers"])


def test_runs_report_epsilon_accuracy_and_membership(digits):
    private = tradeoff.train_run(digits, 2.0, 6, 0.25, seed=0)
    normal = tradeoff.train_run(digits, None, 6, 0.25, seed=0)
    from datagen_lab.privacy.accounting import dp_sgd_epsilon

    assert private.epsilon == pytest.approx(dp_sgd_epsilon(2.0, 0.25, 6, 1e-5))
    assert math.isinf(normal.epsilon) and normal.label == "no DP" and private.label == "σ = 2"
    for run in (private, normal):
        assert 0 <= run.test_accuracy <= 1 and 0 <= run.membership_auc <= 1
    rows = tradeoff.summarise([private, normal, tradeoff.train_run(digits, 2.0, 6, 0.25, seed=1)])
    assert [r["setting"] for r in rows] == ["σ = 2", "no DP"] and rows[0]["seeds"] == 2
    assert rows[0]["test_accuracy_std"] >= 0 and np.isfinite(rows[0]["membership_auc_mean"])


def test_a_seeded_run_repeats(digits):
    first = tradeoff.train_run(digits, 1.0, 4, 0.25, seed=3)
    second = tradeoff.train_run(digits, 1.0, 4, 0.25, seed=3)
    assert first.test_accuracy == second.test_accuracy
    assert first.membership_auc == second.membership_auc


def test_bad_inputs(digits):
    assert_clear_error(lambda: tradeoff.train_run(digits, 0.0, 4, 0.25), "noise_multiplier")
    assert_clear_error(lambda: tradeoff.train_run(digits, 1.0, 4, 0.0), "sample_rate")
    assert_clear_error(lambda: tradeoff.train_run(digits, 1.0, 4, 0.25, clip_norm=0), "clip_norm")
    assert_clear_error(lambda: tradeoff.train_run(digits, 1.0, 4, 0.25, delta=1.0), "delta")
    assert_clear_error(lambda: tradeoff.train_run(digits, 1.0, 0, 0.25), "steps")
    assert_clear_error(lambda: tradeoff.split_digits(load_mnist(), 0, 10), "n")
    assert_clear_error(lambda: tradeoff.summarise([]), "results")


def test_untrained_floor_is_one_auc_per_seed(digits):
    floor = tradeoff.untrained_auc(digits, [0, 1])
    assert floor.shape == (2,) and np.all((floor >= 0) & (floor <= 1))
    assert floor[0] != floor[1]  # different random networks score the digits differently
    assert_clear_error(lambda: tradeoff.untrained_auc(digits, []), "seeds")
