"""Lesson 4's helpers speak Chinese under DATAGEN_LAB_LANG=zh and stay byte-identical in English."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from datagen_lab import i18n
from datagen_lab.dcgan import evaluation as ev
from datagen_lab.dcgan import exercises as ex
from datagen_lab.dcgan.clusters import Clusters
from datagen_lab.dcgan.dataset import DigitSet
from datagen_lab.training_parts import FitSummary


def _reports():
    real = ev.DigitReport(2000, 0.97, 0.932, np.full(10, 200), 3.31, 0.8034)
    fake = ev.DigitReport(2000, 0.79, 0.4165, np.full(10, 200), 3.09, 17.17)
    return real, fake


def test_reports_and_fit_summaries_keep_their_english_words(en):
    real, fake = _reports()
    assert real.summary() == (
        "n=2000: confidence 0.97, confident 93%, entropy 3.31 bits, Fréchet 0.8 (meets the bar)"
    )
    table = ev.report_table({"real digits": real, "DCGAN, step 1600": fake})
    assert table.splitlines()[0] == f"{'real digits':17s} {real.summary()}"
    assert table.splitlines()[1] == f"{'DCGAN, step 1600':17s} {fake.summary()}"
    assert repr(FitSummary(1, 1600, 168.5, 152.0, "steps")) == (
        "Trained steps 1->1600 (1599 steps) in 168.5 s, 152 images/s; stopped by steps."
    )
    digits = DigitSet(np.zeros((2, 28, 28)), np.array([1, 3]), np.ones(2), Path("out"), 0.41)
    assert repr(digits) == (
        "DigitSet(2 digits in out, per class [0, 1, 0, 1, 0, 0, 0, 0, 0, 0], acceptance 41%)"
    )


def test_reports_and_fit_summaries_speak_chinese(zh):
    real, fake = _reports()
    assert real.summary() == (
        "n=2000：置信度0.97，高置信占比93%，熵3.31比特，Fréchet距离0.8（达到质量门槛）"
    )
    lines = ev.report_table({i18n.t("real digits"): real, "DCGAN": fake}).splitlines()
    # Chinese characters take two columns: the summaries still start in the same column.
    assert lines[0].startswith("真实数字  n=2000") and lines[1].startswith("DCGAN     n=2000")
    assert repr(FitSummary(0, 6, 1.5, 80.0, "time")) == (
        "训练了第0->6步（共6步），用时1.5秒，每秒80张图像；达到设定时间后停止。"
    )
    digits = DigitSet(np.zeros((1, 28, 28)), np.array([7]), np.ones(1), Path("out"), 1.0)
    assert repr(digits).startswith("DigitSet(out中的1个数字，各类数量[")
    clusters = Clusters(
        labels=np.array([0, 1, 1]),
        centers=np.zeros((2, 4)),
        sizes=np.array([1, 2]),
        iterations=5,
        converged=True,
    )
    assert clusters.summary() == "3个数字分成2个簇，大小为[1, 2]（5轮后收敛）"


def test_padding_counts_a_chinese_character_as_two_columns():
    assert ev.padded("ab", 5) == "ab   " and ev.padded("真实", 5) == "真实 "
    assert ev.display_width("DCGAN，第6步") == 12


def test_exercise_templates_speak_chinese(zh):
    assert repr(ex.check_confident_set(None)) == (
        "❌ 还不对：调用write_digits(..., 100, folder, min_confidence=0.95)，并把结果赋给变量。"
    )
    assert "比特" in repr(ex.check_entropy(0.5 + 0.5 * np.log2(18)))


def test_exercise_templates_stay_english(en):
    assert repr(ex.check_confident_set(None)).endswith(
        "Call write_digits(..., 100, folder, min_confidence=0.95) and assign the result."
    )
