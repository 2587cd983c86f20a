"""The VAE lesson's other pieces: latent metrics, the saved beta sweep, the comparison, widgets, exercises.

No training here (the model tests are in test_vae.py): untrained models where a network is needed.
"""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.vae import exercises as ex
from datagen_lab.vae.compare import CURVES_FILE, comparison_table, greyness, load_curves
from datagen_lab.vae.sweep import (
    SWEEP_FILE,
    BetaSweep,
    active_dimensions,
    kl_per_dimension,
    load_sweep,
    project_2d,
    save_sweep,
)

# -- latent-space measurements ---------------------------------------------------------------------


def test_active_dimensions_counts_dimensions_that_carry_information():
    rng = np.random.default_rng(0)
    mean = np.concatenate([rng.normal(0, 1, (500, 3)), rng.normal(0, 0.05, (500, 2))], axis=1)
    logvar = np.concatenate([np.full((500, 3), -2.0), np.full((500, 2), -0.001)], axis=1)
    assert active_dimensions(kl_per_dimension(mean, logvar)) == 3
    assert active_dimensions(np.array([0.5, 0.2, 0.05]), threshold=0.1) == 2
    with pytest.raises(ValueError, match=r"1-D array"):
        active_dimensions(np.zeros((5, 2)))


def test_kl_per_dimension_sums_to_the_closed_form():
    rng = np.random.default_rng(1)
    mean, logvar = rng.normal(size=(50, 4)), rng.normal(size=(50, 4))
    per_dim = kl_per_dimension(mean, logvar)
    total = 0.5 * (np.exp(logvar) + mean**2 - 1 - logvar).sum(axis=1).mean()
    assert per_dim.shape == (4,) and per_dim.sum() == pytest.approx(total)
    assert kl_per_dimension(np.zeros((3, 2)), np.zeros((3, 2))).tolist() == [0.0, 0.0]


def test_project_2d_keeps_the_two_directions_of_largest_variance():
    rng = np.random.default_rng(2)
    codes = rng.normal(size=(400, 6)) * np.array([5.0, 0.1, 3.0, 0.1, 0.1, 0.1])
    projected = project_2d(codes)
    assert projected.shape == (400, 2) and projected.dtype == np.float32
    assert projected[:, 0].var() == pytest.approx(codes[:, 0].var(), rel=0.05)
    assert projected[:, 1].var() == pytest.approx(codes[:, 2].var(), rel=0.05)
    np.testing.assert_array_equal(project_2d(projected), projected)  # 2-d codes pass through


# -- blur and the comparison table -----------------------------------------------------------------


def test_greyness_is_the_mid_grey_share_of_inked_pixels():
    crisp = np.zeros((2, 28, 28), np.uint8)
    crisp[:, 5:20, 10:14] = 255
    assert greyness(crisp) == 0.0
    assert greyness(np.full((1, 28, 28), 128, np.uint8)) == 1.0
    assert greyness(np.zeros((1, 28, 28), np.uint8)) == 0.0  # no ink at all
    half = crisp.copy()
    half[:, 5:20, 10:12] = 128
    assert greyness(half) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="uint8 digits"):
        greyness(crisp.astype(np.float32))


def test_real_digits_are_less_grey_than_a_blurred_copy(mnist):
    from scipy.ndimage import uniform_filter

    real = mnist.test_images[:200]
    blurred = uniform_filter(real.astype(np.float32), size=(1, 3, 3)).round().astype(np.uint8)
    assert greyness(real) < greyness(blurred) - 0.15


def test_comparison_table_has_a_row_per_model():
    from datagen_lab.dcgan.evaluation import DigitReport
    from datagen_lab.vae.compare import ModelResult

    report = DigitReport(10, 0.8, 0.5, np.ones(10, np.int64), 3.32, 12.5)
    table = comparison_table(
        [ModelResult("VAE", report, 0.8, 120.0, 900), ModelResult("real", report, 0.5)]
    )
    lines = table.splitlines()
    assert len(lines) == 3 and "Fréchet" in lines[0]
    assert lines[1].startswith("VAE") and "120 s / 900 steps" in lines[1] and "80%" in lines[1]
    assert lines[2].split()[1] == "-"  # no training time for real digits


# -- saved results ---------------------------------------------------------------------------------


def small_sweep(k: int = 3, d: int = 4) -> BetaSweep:
    rng = np.random.default_rng(3)
    digits = lambda *shape: rng.integers(0, 256, shape, dtype=np.uint8)  # noqa: E731
    row = lambda: rng.random(k)  # noqa: E731
    return BetaSweep(
        betas=np.array([0.5, 1.0, 4.0][:k]),
        steps=10,
        latent_dim=d,
        reconstruction=row() * 100,
        kl=row() * 10,
        active=np.arange(k),
        kl_per_dim=rng.random((k, d)),
        confidence=row(),
        entropy=row(),
        frechet=row(),
        greyness=row(),
        seconds=row(),
        originals=digits(8, 28, 28),
        reconstructions=digits(k, 8, 28, 28),
        samples=digits(k, 36, 28, 28),
        projection=rng.normal(size=(k, 1000, 2)).astype(np.float16),
        labels=digits(1000) % 10,
    )


def test_sweep_round_trip_and_lookup(tmp_path):
    sweep = small_sweep()
    loaded = load_sweep(save_sweep(sweep, tmp_path / "s.npz"))
    for name in BetaSweep.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(loaded, name), getattr(sweep, name))
    assert loaded.index(4.0) == 2 and len(loaded.table().splitlines()) == 4
    with pytest.raises(ValueError, match="not in this sweep"):
        loaded.index(2.0)
    with pytest.raises(FileNotFoundError, match="python -m datagen_lab.vae.sweep"):
        load_sweep(tmp_path / "missing.npz")


def test_the_saved_sweep_is_small_and_shows_the_beta_tradeoff():
    assert SWEEP_FILE.stat().st_size < 1_000_000
    sweep = load_sweep()
    k = len(sweep.betas)
    assert k >= 5 and np.all(np.diff(sweep.betas) > 0)
    assert sweep.reconstructions.shape == (k, 8, 28, 28) and sweep.projection.shape[:2] == (k, 1000)
    # what the lesson says: more beta, less KL, worse reconstructions, fewer active dimensions
    assert sweep.kl[-1] < 0.5 * sweep.kl[0]
    assert sweep.reconstruction[-1] > sweep.reconstruction[0] + 20
    assert sweep.active[-1] < sweep.active[0]
    assert np.all(np.diff(sweep.kl) < 0)


def test_the_saved_quality_curves_cover_both_models():
    curves = load_curves()
    assert set(curves["models"]) == {"VAE", "DCGAN"}
    for run in curves["models"].values():
        assert run["batch_size"] > 0 and run["images_per_second"] > 0
        lengths = {
            len(run[key])
            for key in ("steps", "seconds", "confident", "entropy", "frechet", "greyness")
        }
        assert len(lengths) == 1 and lengths.pop() >= 5
        assert np.all(np.diff(run["steps"]) > 0) and np.all(np.diff(run["seconds"]) > 0)
    # judged at the same numbers of digits seen, whatever each model's batch size
    seen = [np.multiply(run["steps"], run["batch_size"]) for run in curves["models"].values()]
    common = min(len(x) for x in seen)
    assert np.array_equal(seen[0][:common], seen[1][:common])
    assert CURVES_FILE.stat().st_size < 200_000


def test_the_saved_curves_belong_to_the_current_default_models():
    """Fails when dcgan.DEFAULT or vae.DEFAULT changes: re-measure with `python -m datagen_lab.vae.compare`."""
    import json

    from datagen_lab.dcgan import model as dcgan
    from datagen_lab.dcgan.task import GANTask
    from datagen_lab.vae import model as vae

    runs = load_curves()["models"]
    saved = {name: [run["signature"], run["batch_size"]] for name, run in runs.items()}
    current = {
        "VAE": [vae.VAETask(vae.DEFAULT).signature(), vae.DEFAULT.batch_size],
        "DCGAN": [GANTask(dcgan.DEFAULT).signature(), dcgan.DEFAULT.batch_size],
    }
    assert saved == json.loads(json.dumps(current))


# -- widgets ---------------------------------------------------------------------------------------


def test_beta_slider_redraws_picture_and_numbers():
    from datagen_lab.vae.panel import beta_slider

    box = beta_slider(small_sweep(), initial=1.0)
    assert "datagen-demo" in box._dom_classes and box.slider.value == 1.0
    before = (box.image.value, box.caption.value)
    box.slider.value = 4.0
    assert box.image.value != before[0] and box.caption.value != before[1]
    assert "β = <b>4</b>" in box.caption.value


def test_latent_walk_moves_through_a_two_dimensional_space(monkeypatch):
    import datagen_lab.classifier
    from datagen_lab.vae.model import PLANE, VAETask
    from datagen_lab.vae.panel import latent_walk

    monkeypatch.setattr(
        datagen_lab.classifier, "predict_digits", lambda x: (np.array([7]), np.array([0.5]))
    )
    task = VAETask(PLANE, seed=0)
    task.build()
    box = latent_walk(task)
    before = box.image.value
    box.z1.value = 2.5
    assert box.image.value != before and "z = (+2.5, +0.0)" in box.caption.value
    wide = VAETask(PLANE.replace(latent_dim=3))
    wide.build()
    with pytest.raises(ValueError, match="interpolation_widget"):
        latent_walk(wide)


def test_plots_draw_from_a_sweep_and_curves():
    import matplotlib.pyplot as plt

    from datagen_lab.vae import plots as vae_plots

    sweep = small_sweep()
    for fig in (
        vae_plots.plot_beta(sweep, 0.5),
        vae_plots.plot_beta_sweep(sweep),
        vae_plots.plot_beta_tradeoff(sweep, mark=1.0),
    ):
        assert fig.axes
        plt.close(fig)
    run = {k: [1, 2] for k in ("steps", "frechet", "confident", "entropy", "greyness")} | {
        "batch_size": 64
    }
    fig = vae_plots.plot_quality_curves({"models": {"A": run}}, reached={"A": 2})
    assert len(fig.axes) == 4
    plt.close(fig)


# -- exercises -------------------------------------------------------------------------------------


def test_exercise_checkers_accept_right_answers_and_explain_wrong_ones():
    variance = np.exp(ex.EXERCISE_LOGVAR)
    right_kl = 0.5 * np.sum(variance + ex.EXERCISE_MEAN**2 - 1 - ex.EXERCISE_LOGVAR)
    assert ex.check_kl(right_kl) and not ex.check_kl(right_kl + 0.1) and not ex.check_kl(None)

    assert ex.check_reparameterize(lambda m, v, e: m + np.exp(0.5 * v) * e)
    wrong = ex.check_reparameterize(lambda m, v, e: m + np.exp(v) * e)
    assert not wrong and "standard deviation" in wrong.message
    assert not ex.check_reparameterize(lambda m, v, e: None)
    assert not ex.check_reparameterize(lambda m, v, e: 1 / 0)  # errors become hints, not crashes

    def nats(x, p):
        return -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(axis=(1, 2))

    assert ex.check_bernoulli_nats(nats)
    assert not ex.check_bernoulli_nats(lambda x, p: nats(x, p).sum())  # summed over images too

    assert ex.check_cubic_gradient(3.75) and not ex.check_cubic_gradient(0.75)
    sweep = small_sweep()
    best = sweep.betas[np.argmin(sweep.reconstruction + sweep.kl)]
    assert ex.check_best_beta(best, sweep) and not ex.check_best_beta(99.0, sweep)
    assert not ex.check_best_beta("one", sweep)
    assert ex.check_sampled_pixels(" Less") and not ex.check_sampled_pixels("more")


def test_cpu_budget_stops_training_after_its_cpu_time(monkeypatch):
    import time
    from types import SimpleNamespace

    from datagen_lab.vae.compare import CPUBudget

    clock = iter([100.0, 130.0, 161.0])
    monkeypatch.setattr(time, "process_time", lambda: next(clock))
    budget, trainer = CPUBudget(1.0), SimpleNamespace(stop_training=False)
    budget.on_train_begin(trainer)
    budget.on_step_end(trainer, {})
    assert not trainer.stop_training and budget.used == 30.0
    budget.on_step_end(trainer, {})
    assert trainer.stop_training and "used 1.02" in repr(budget)
    with pytest.raises(ValueError, match="positive"):
        CPUBudget(0)
