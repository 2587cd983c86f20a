"""The capstone experiment: balanced subsets, one labelled subset for every arm, results files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from datagen_lab.capstone import experiment as se
from datagen_lab.capstone.results import ExperimentResults


def test_balanced_subset_is_balanced_seeded_and_distinct():
    labels = np.repeat(np.arange(10), 30)
    subset = se.balanced_subset(labels, 50, seed=4)
    assert len(set(subset.tolist())) == 50
    np.testing.assert_array_equal(np.bincount(labels[subset]), [5] * 10)
    np.testing.assert_array_equal(subset, se.balanced_subset(labels, 50, seed=4))
    assert not np.array_equal(subset, se.balanced_subset(labels, 50, seed=5))
    for bad in (0, 15, 310):
        with pytest.raises(ValueError):
            se.balanced_subset(labels, bad)


def small_subset(n=20):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    return images, np.arange(n) % 10


def real_positions(arm, steps, extra=None, batch_size=8):
    images, labels = small_subset()
    batches = list(se.arm_batches(arm, images, labels, steps, batch_size, seed=1, extra=extra))
    for batch in batches:
        assert batch.x.shape == (batch_size, 28, 28, 1) and batch.x.dtype == np.float32
        assert batch.x.min() >= 0 and batch.x.max() <= 1
        np.testing.assert_allclose(batch.y.sum(axis=1), 1.0, rtol=1e-6)
    return batches, np.concatenate([b.real for b in batches])


def test_every_arm_draws_its_labelled_digits_from_the_same_stream():
    extra = (np.zeros((30, 28, 28), np.uint8), np.arange(30) % 10)
    _, reference = real_positions("real", 10)
    for arm in ("augment", "mixup"):
        np.testing.assert_array_equal(real_positions(arm, 10)[1], reference)
    for arm in ("gan", "more_real"):
        batches, seen = real_positions(arm, 10, extra)
        assert all(len(b.real) == 4 for b in batches)  # half real, half from the pool
        np.testing.assert_array_equal(seen, reference[: len(seen)])
    assert set(reference.tolist()) == set(range(20))


def test_arms_change_pixels_or_labels_as_promised():
    images, labels = small_subset()
    real = next(se.arm_batches("real", images, labels, 1, 8, seed=2))
    augmented = next(se.arm_batches("augment", images, labels, 1, 8, seed=2))
    mixed = next(se.arm_batches("mixup", images, labels, 1, 8, seed=2))
    np.testing.assert_array_equal(augmented.y, real.y)  # augmentation keeps labels
    assert not np.array_equal(augmented.x, real.x)
    assert (mixed.y.max(axis=1) < 1).any()  # mixup gives soft labels
    with pytest.raises(ValueError):
        next(se.arm_batches("gan", images, labels, 1, 8))
    with pytest.raises(ValueError):
        next(se.arm_batches("flip", images, labels, 1, 8))


def test_run_cell_trains_every_arm_and_the_generator_on_one_subset(mnist):
    config = se.ExperimentConfig(
        label_sizes=(20,),
        seeds=(3,),
        cnn_steps=3,
        batch_size=16,
        synthetic_per_class=2,
        gan_steps=1,
        heldout=50,
    )
    received = {}

    def fake_generator(images, labels, cfg, seed):
        received.update(images=images.copy(), labels=labels.copy(), seed=seed)
        return {"images": 255 - images[:20], "labels": labels[:20].astype(np.int32)}

    runs, gan = se.run_cell(mnist, 20, 3, config, synthesize=fake_generator)
    subset = se.balanced_subset(mnist.train_labels, 20, 3)
    np.testing.assert_array_equal(received["images"], mnist.train_images[subset])
    np.testing.assert_array_equal(received["labels"], mnist.train_labels[subset])
    assert [r["arm"] for r in runs] == list(se.ARMS)
    assert {r["subset"] for r in runs} == {se.subset_digest(subset)} == {gan["subset"]}
    assert all(r["distinct_real"] == 20 for r in runs)  # every labelled digit used, no others
    assert all(0 <= r["test_accuracy"] <= 1 for r in runs)
    assert "membership_accuracy" not in gan  # the fake generator has no discriminator


def fake_results(accuracies: dict) -> ExperimentResults:
    config = se.ExperimentConfig(label_sizes=(10, 20), seeds=(0, 1))
    runs = [
        {"labels": n, "seed": s, "arm": arm, "test_accuracy": value, "subset": f"{n}-{s}"}
        for (arm, n), values in accuracies.items()
        for s, value in enumerate(values)
    ]
    return ExperimentResults(config, runs, [], 12.0, "test")


def test_gains_are_paired_per_seed_and_the_table_reports_them():
    results = fake_results(
        {
            ("real", 10): [0.5, 0.7],
            ("mixup", 10): [0.6, 0.7],
            ("real", 20): [0.8, 0.8],
            ("mixup", 20): [0.7, 0.9],
        }
    )
    np.testing.assert_allclose(results.gains("mixup", 10), [0.1, 0.0])
    table = results.table()
    assert table.header == ["arm", "10 labels", "20 labels"]
    assert table.rows[0] == ["(a) real only", "60.0 ± 14.1", "80.0 ± 0.0"]
    assert table.rows[1][1] == "65.0 ± 7.1 (+5.0 ± 7.1)"
    assert "<table>" in table._repr_html_() and "65.0" in repr(table)


def test_the_claim_helpers_give_one_row_per_size_and_one_column_per_seed():
    results = fake_results(
        {
            ("real", 10): [0.5, 0.7],
            ("mixup", 10): [0.6, 0.7],
            ("real", 20): [0.8, 0.8],
            ("mixup", 20): [0.7, 0.9],
        }
    )
    np.testing.assert_allclose(results.gain_points("mixup"), [[10.0, 0.0], [-10.0, 10.0]])
    for run in results.runs:
        run["train_accuracy"] = 1.0
    np.testing.assert_allclose(results.gap_points("real"), [[50.0, 30.0], [20.0, 20.0]])
    results.gans = [
        {"labels": n, "seed": s, "copy_share": 0.01 * (n + s)} for n in (10, 20) for s in (1, 0)
    ]
    np.testing.assert_allclose(results.generator_matrix("copy_share"), [[0.1, 0.11], [0.2, 0.21]])
    with pytest.raises(ValueError, match="key"):
        results.generator_matrix("no_such_measure")
    with pytest.raises(ValueError, match="arm"):
        results.gain_points("no_such_arm")


def test_a_config_copy_with_changes_is_checked_like_a_new_one():
    changed = se.FULL.replace(synthetic_share=0.25, gan_steps=1600)
    assert (changed.synthetic_share, changed.gan_steps, changed.cnn_steps) == (0.25, 1600, 300)
    assert se.FULL.synthetic_share == 0.5  # the original is unchanged
    with pytest.raises(ValueError, match="ExperimentConfig fields"):
        se.FULL.replace(gan_stpes=1600)
    with pytest.raises(ValueError, match="synthetic_share"):
        se.FULL.replace(synthetic_share=1.5)


def test_results_survive_a_save_and_load(tmp_path):
    results = fake_results({("real", 10): [0.5, 0.7], ("real", 20): [0.8, 0.8]})
    path = tmp_path / "results.json"
    results.save(path)
    loaded = se.load_results(path)
    assert loaded.config == results.config and loaded.runs == results.runs
    with pytest.raises(ValueError, match="run_experiment"):
        se.load_results(tmp_path / "missing.json")


def test_run_experiment_saves_after_each_cell_and_resumes(tmp_path, monkeypatch, mnist):
    calls = []

    def fake_cell(data, n, seed, config):
        calls.append((n, seed))
        return [{"labels": n, "seed": seed, "arm": "real", "test_accuracy": 0.5}], {}

    monkeypatch.setattr(se, "run_cell", fake_cell)
    config = se.ExperimentConfig(label_sizes=(10, 20), seeds=(0,))
    path = tmp_path / "r.json"
    se.run_experiment(config, path, data=mnist, progress=False)
    assert calls == [(10, 0), (20, 0)] and len(json.loads(path.read_text())["runs"]) == 2
    se.run_experiment(config, path, data=mnist, progress=False)
    assert len(calls) == 2  # nothing left to do
    se.run_experiment(config, path, data=mnist, progress=False, resume=False)
    assert len(calls) == 4


def test_the_committed_results_cover_every_cell_with_one_subset_per_cell():
    if not se.RESULTS_PATH.is_file():
        pytest.skip("the full experiment's results file is not there yet")
    results = se.load_results()
    config = results.config
    for n in config.label_sizes:
        for seed in config.seeds:
            rows = [r for r in results.runs if r["labels"] == n and r["seed"] == seed]
            assert sorted(r["arm"] for r in rows) == sorted(se.ARMS)
            assert len({r["subset"] for r in rows}) == 1
            assert all(r["distinct_real"] == n for r in rows)
    assert len(results.gans) == len(config.label_sizes) * len(config.seeds)
