"""Lesson 7's helpers speak Chinese under DATAGEN_LAB_LANG=zh and stay byte-identical in English."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.dcgan.evaluation import DigitReport
from datagen_lab.vae import exercises as ex
from datagen_lab.vae.compare import ModelResult, comparison_table
from datagen_lab.vae.report import display_width, estimator_table, gradient_table, ljust, rjust
from datagen_lab.vae.sweep import load_sweep

GRADIENTS = {"exact": (2.0, 1.0), "sampled outside the graph": (None, None)}
ENGLISH_GRADIENTS = (
    "exact                      d/dmu = 2.000                d/dsigma = 1.000\n"
    "sampled outside the graph  d/dmu = None (no gradient)   d/dsigma = None (no gradient)"
)
SWEEP_HEADER = " beta   recon     KL   -ELBO  active confidence  entropy  Fréchet  mid-grey"


def rows() -> list[ModelResult]:
    report = DigitReport(10, 0.8, 0.5, np.ones(10, np.int64), 3.32, 12.5)
    return [
        ModelResult("real digits (train)", report, 0.5),
        ModelResult("VAE", report, 0.8, 120.0, 900),
    ]


def test_padding_counts_a_chinese_character_as_two_columns():
    assert display_width("β = 1") == 5 and display_width("精确值") == 6
    assert ljust("精确值", 8) == "精确值  " and rjust("中灰", 6) == "  中灰"
    assert ljust("exact", 7) == f"{'exact':7s}" and rjust("toolong", 3) == "toolong"


def test_tables_stay_byte_identical_in_english(monkeypatch):
    monkeypatch.delenv("DATAGEN_LAB_LANG", raising=False)
    assert gradient_table(GRADIENTS) == ENGLISH_GRADIENTS
    estimates = {"score function": np.array([1.0, 3.0])}
    assert estimator_table(estimates) == "score function     mean 2.00, standard deviation 1.00"
    assert load_sweep().table().splitlines()[0] == SWEEP_HEADER
    old = f"{'VAE':22s} {f'{120.0:5.0f} s / 900 steps':>18s} {0.8:10.2f} {0.5:9.0%} {3.32:8.2f}"
    assert comparison_table(rows()).splitlines()[2] == f"{old} {'12.5':>8s} {0.8:9.0%}"


def test_tables_speak_chinese_and_stay_aligned(zh):
    table = gradient_table(GRADIENTS).splitlines()
    assert table[0].startswith("精确值") and "None（没有梯度）" in table[1]
    assert {display_width(line.split("d/dmu")[0]) for line in table} == {27}
    header, *lines = load_sweep().table().splitlines()
    assert "活跃维" in header and "中灰占比" in header and "mid-grey" not in header
    assert display_width(header) == display_width(SWEEP_HEADER) == len(lines[0])
    compared = comparison_table(rows()).splitlines()
    assert "置信≥0.9" in compared[0] and compared[1].startswith("真实数字（训练集）")
    assert "120秒/900步" in compared[2]


@pytest.mark.filterwarnings(
    "ignore:Glyph"
)  # the figure's Chinese title, without set_language's font
def test_exercise_feedback_and_panel_captions_speak_chinese(zh):
    from datagen_lab.vae.panel import beta_slider

    variance = np.exp(ex.EXERCISE_LOGVAR)
    right_kl = 0.5 * np.sum(variance + ex.EXERCISE_MEAN**2 - 1 - ex.EXERCISE_LOGVAR)
    assert repr(ex.check_kl(right_kl)) == "✅ 正确：没错：1.0966奈特。"
    assert "β = 1优化的恰好就是这个界" in repr(ex.check_best_beta(1.0, load_sweep()))
    caption = beta_slider(load_sweep()).caption.value
    assert caption.startswith("β = <b>1</b>：留出数字的重构项") and "nats" not in caption
