"""Lesson 8's printed lines, progress text and panel speak Chinese under DATAGEN_LAB_LANG=zh and
stay byte-identical in English."""

from __future__ import annotations

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab import i18n
from datagen_lab.privacy import dp_synthesis, tradeoff

ROWS = [
    {
        "setting": "no DP",
        "epsilon": float("inf"),
        "test_accuracy_mean": 0.9012,
        "test_accuracy_std": 0.0071,
        "train_accuracy_mean": 1.0,
        "membership_auc_mean": 0.5741,
        "membership_auc_std": 0.0049,
    },
    {
        "setting": "σ = 2",
        "epsilon": 6.031,
        "test_accuracy_mean": 0.507,
        "test_accuracy_std": 0.065,
        "train_accuracy_mean": 0.579,
        "membership_auc_mean": 0.555,
        "membership_auc_std": 0.011,
    },
]


def test_trade_off_lines_are_the_lessons_english_lines(en):
    assert tradeoff.summary_lines(ROWS) == [
        "  no DP: epsilon    inf | test accuracy 0.901 ± 0.007 | train accuracy 1.000"
        " | membership AUC 0.574 ± 0.005",
        "  σ = 2: epsilon   6.03 | test accuracy 0.507 ± 0.065 | train accuracy 0.579"
        " | membership AUC 0.555 ± 0.011",
    ]
    assert_clear_error(lambda: tradeoff.summary_lines([]), "rows")


def test_trade_off_lines_speak_chinese(zh):
    first, second = tradeoff.summary_lines(ROWS)
    assert "无差分隐私" in first and "测试准确率0.901" in first and "成员推断AUC 0.574" in first
    assert "test accuracy" not in first + second and "σ = 2" in second


def test_synthesis_rows_and_lines(en, monkeypatch):
    rng = np.random.default_rng(0)
    train, holdout = dp_synthesis.two_moons(200, rng), dp_synthesis.two_moons(200, rng)
    rows, samples = dp_synthesis.compare_synthesis(train, holdout, [4], 1.0, rng, n_synthetic=100)
    assert list(samples) == ["4x4 cells, no DP", "4x4 cells, DP ε = 1"]
    line = dp_synthesis.synthesis_lines(rows)[0]
    assert line.startswith("          4x4 cells, no DP: fidelity TV ") and "to held-out" in line
    monkeypatch.setenv(i18n.ENV_VAR, "zh")
    rows, samples = dp_synthesis.compare_synthesis(train, holdout, [4], 1.0, rng, n_synthetic=100)
    assert list(samples) == ["4x4网格，无差分隐私", "4x4网格，DP ε = 1"]
    line = dp_synthesis.synthesis_lines(rows)[1]
    assert "保真度TV" in line and "fidelity" not in line
    assert_clear_error(lambda: dp_synthesis.synthesis_lines([{"name": "x"}]), "rows")


@pytest.mark.filterwarnings("ignore:Glyph")  # the figure's font is not this test's concern
def test_the_epsilon_panel_speaks_chinese(zh):
    from datagen_lab.privacy.panel import mechanism_slider

    caption = mechanism_slider(np.array([100, 90, 80]), seed=0).caption.value
    assert "每个计数的期望误差" in caption and "expected error" not in caption
    assert "ε = <b>1</b>" in caption


def test_the_epsilon_panel_stays_english(en):
    from datagen_lab.privacy.panel import mechanism_slider

    caption = mechanism_slider(np.array([100, 90, 80]), seed=0).caption.value
    assert caption.startswith("ε = <b>1</b>: expected error per count Laplace <b>1</b>, Gaussian")
    assert "; measured here: laplace " in caption


def test_chinese_trade_off_lines_line_up(zh):
    from datagen_lab.capstone.table import display_width

    lines = tradeoff.summary_lines(ROWS)
    assert len({display_width(line.split("：")[0]) for line in lines}) == 1
