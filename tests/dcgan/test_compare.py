"""Lesson 4's new faces: the tutorial's code, the equal-time comparison, and the curve averages."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.checks import InputError
from datagen_lab.dcgan import compare, plots, tutorial
from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan.task import make_dcgan_trainer

TINY = dcgan.DEFAULT.replace(
    name="tiny",
    generator_widths=(8, 4, 2),
    discriminator_widths=(4, 8),
    batch_size=8,
    jit_compile=False,
)


@pytest.fixture(scope="module")
def digits():
    return np.random.default_rng(0).integers(0, 256, (64, 28, 28), dtype=np.uint8)


def test_the_tutorials_code_builds_the_reference_layer_for_layer():
    generator, discriminator = tutorial.make_generator_model(), tutorial.make_discriminator_model()
    # Parameter counts printed by model.summary() in tensorflow/docs' dcgan.ipynb.
    assert generator.count_params() == 2_330_944
    assert discriminator.count_params() == 212_865
    assert tutorial.layer_table(generator) == tutorial.layer_table(
        dcgan.make_generator(dcgan.REFERENCE)
    )
    assert tutorial.layer_table(discriminator) == tutorial.layer_table(
        dcgan.make_discriminator(dcgan.REFERENCE)
    )
    slopes = [layer.negative_slope for layer in generator.layers if "LeakyReLU" in str(type(layer))]
    assert slopes == [dcgan.REFERENCE.leaky_slope] * 3


def test_layer_table_tells_the_default_from_the_reference():
    assert tutorial.layer_table(dcgan.make_generator(dcgan.DEFAULT)) != tutorial.layer_table(
        dcgan.make_generator(dcgan.REFERENCE)
    )
    with pytest.raises(InputError, match="model"):
        tutorial.layer_table("generator")


def test_equal_time_runs_share_noise_and_budget(digits, monkeypatch):
    calls = []

    def fake_report(images, reference=None):  # the judge is tested in test_evaluation
        calls.append(images)
        from datagen_lab.dcgan.evaluation import DigitReport

        return DigitReport(len(images), 0.5, 0.25, np.full(10, len(images) // 10), 3.3, 1.0)

    monkeypatch.setattr(compare, "evaluate_digits", fake_report)
    configs = [TINY, TINY.replace(name="tiny, batch 16", batch_size=16)]
    runs = compare.train_for_equal_time(digits, configs, 0.5, seed=3, grid=6, judge_samples=20)
    assert list(runs) == ["tiny", "tiny, batch 16"]
    for run, config in zip(runs.values(), configs, strict=True):
        assert run.config == config and run.steps >= 2
        assert run.cpu_seconds >= 0.5 and run.seconds > 0
        assert run.images_seen == run.steps * config.batch_size
        assert run.grid.shape == (6, 28, 28) and run.grid.dtype == np.uint8
        assert "CPU seconds" in run.summary()
    assert [len(images) for images in calls] == [20, 20]
    fig = compare.plot_equal_time(runs, ncols=3)
    assert len(fig.axes) == 2 and "CPU seconds" in fig.texts[0].get_text()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"configs": []}, "configs"),
        ({"configs": TINY}, "configs"),
        ({"configs": [TINY, TINY]}, "configs"),
        ({"configs": [TINY, TINY.replace(name="other", noise_dim=50)]}, "configs"),
        ({"configs": ["default"]}, "config"),
        ({"seconds": 0}, "seconds"),
        ({"grid": 0}, "grid"),
        ({"judge_samples": 0}, "judge_samples"),
        ({"seed": -1}, "seed"),
    ],
)
def test_equal_time_explains_bad_input(digits, kwargs, name):
    arguments = {"configs": [TINY], "seconds": 1.0} | kwargs
    with pytest.raises(InputError, match=name):
        compare.train_for_equal_time(digits, **arguments)


def test_plot_equal_time_explains_bad_input():
    with pytest.raises(InputError, match="runs"):
        compare.plot_equal_time({})
    with pytest.raises(InputError, match="runs"):
        compare.plot_equal_time({"a": 1})


def test_curve_means_average_equal_stretches(digits):
    trainer = make_dcgan_trainer(digits, TINY, seed=0)
    trainer.fit(steps=10, progress=False)
    means = plots.curve_means(trainer, ("d_loss",), parts=5)
    _, values = trainer.metric("d_loss")
    assert means["d_loss"] == pytest.approx([values[i : i + 2].mean() for i in range(0, 10, 2)])
    assert set(plots.curve_means(trainer)) == {"d_loss", "g_loss", "d_real", "d_fake"}
    with pytest.raises(InputError, match="trainer"):
        plots.curve_means(trainer, parts=11)
    with pytest.raises(InputError, match="parts"):
        plots.curve_means(trainer, parts=0)
    with pytest.raises(InputError, match="names"):
        plots.curve_means(trainer, names="d_loss")
    with pytest.raises(InputError, match="trainer"):
        plots.curve_means(object())
