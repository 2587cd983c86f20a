"""Lesson 8's exercises, widget and figures: right answers pass, wrong ones get a hint, nothing crashes."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from bad_input_helpers import assert_clear_error  # noqa: E402

from datagen_lab.privacy import exercises as ex  # noqa: E402
from datagen_lab.privacy import plots  # noqa: E402


def test_laplace_scale_checker():
    assert ex.check_laplace_scale(4.0).ok
    assert not ex.check_laplace_scale(0.25).ok
    assert "Set" in ex.check_laplace_scale(None).message


def test_clip_checker():
    def right(g, c):
        return g * min(1.0, c / max(np.linalg.norm(g), 1e-12))

    def stretches(g, c):
        return g * c / np.linalg.norm(g)

    assert ex.check_clip(right).ok
    wrong = ex.check_clip(stretches)
    assert not wrong.ok and "stretches" in wrong.message
    assert "None" in ex.check_clip(lambda g, c: None).message
    assert not ex.check_clip(lambda g, c: 1 / 0).ok


def test_hospital_checker():
    assert ex.check_hospital_a(ex.RELEASED_TOTAL - ex.HOSPITAL_B - ex.HOSPITAL_C).ok
    assert not ex.check_hospital_a(ex.RELEASED_TOTAL - ex.HOSPITAL_B).ok


def test_mechanism_slider_redraws():
    from datagen_lab.privacy.panel import mechanism_slider

    box = mechanism_slider(np.array([100, 90, 80]), seed=0)
    first = box.caption.value
    assert box.image.value[:4] == b"\x89PNG" and "ε = <b>1</b>" in first
    box.slider.value = 0.1
    assert box.caption.value != first and "ε = <b>0.1</b>" in box.caption.value
    assert_clear_error(lambda: mechanism_slider([1, 2], delta=0), "delta")


def test_figures_draw():
    import matplotlib.pyplot as plt

    rows = [
        {
            "setting": "no DP",
            "noise_multiplier": None,
            "epsilon": math.inf,
            "seeds": 2,
            "test_accuracy_mean": 0.9,
            "test_accuracy_std": 0.01,
            "membership_auc_mean": 0.57,
            "membership_auc_std": 0.01,
        },
        {
            "setting": "σ = 2",
            "noise_multiplier": 2.0,
            "epsilon": 6.0,
            "seeds": 2,
            "test_accuracy_mean": 0.6,
            "test_accuracy_std": 0.02,
            "membership_auc_mean": 0.52,
            "membership_auc_std": 0.01,
        },
    ]
    figures = [
        plots.plot_tradeoff(rows),
        plots.plot_release([5, 6], {"laplace": np.array([5.5, 6.1])}, 1.0),
        plots.plot_error_vs_epsilon(
            [0.1, 1.0], {"laplace": np.array([10.0, 1.0])}, {"laplace": np.array([10.0, 1.0])}
        ),
        plots.plot_gradient_norms(np.array([0.5, 2.0]), np.array([0.5, 1.0]), 1.0),
        plots.plot_epsilon_curves(np.array([0, 10]), {"σ = 1": np.array([0.0, 1.0])}, 1e-5),
        plots.plot_rdp_conversion(np.array([1.5, 2.0, 4.0]), np.array([0.1, 0.2, 0.4]), 1e-5),
        plots.plot_synthesis(np.zeros((5, 2)), {"a": np.ones((5, 2))}),
        plots.plot_shares({"s": np.arange(10)}, 2**32),
    ]
    assert all(isinstance(fig, plt.Figure) for fig in figures)
    plt.close("all")
    with pytest.raises(ValueError):
        plots.plot_tradeoff([])
