"""Lesson 6's reports, tables, progress text and exercise feedback speak Chinese under
DATAGEN_LAB_LANG=zh and stay byte-identical in English."""

from __future__ import annotations

import numpy as np

from datagen_lab.capstone import exercises
from datagen_lab.capstone.experiment import ExperimentConfig
from datagen_lab.capstone.membership import MembershipResult
from datagen_lab.capstone.memorization import MemorizationReport
from datagen_lab.capstone.results import ExperimentResults
from datagen_lab.capstone.table import ResultsTable, display_width


def results() -> ExperimentResults:
    config = ExperimentConfig(label_sizes=(10, 20), seeds=(0, 1))
    runs = [
        {"labels": n, "seed": s, "arm": arm, "test_accuracy": 0.5 + 0.1 * s, "subset": f"{n}-{s}"}
        for arm in ("real", "mixup")
        for n in (10, 20)
        for s in (0, 1)
    ]
    return ExperimentResults(config, runs, [], 2400.0, "8000 training and 2000 test digits (mnist)")


REPORT = MemorizationReport(
    np.array([1.0, 2.0, 3.0]), np.array([0, 1, 2]), np.array([2.0, 2.5, 4.0]), np.array([0, 1, 2])
)
ATTACK = MembershipResult(accuracy=0.83, auc=0.906, threshold=0.0, n=200)


def test_reports_and_results_stay_english(en):
    assert REPORT.summary().startswith(
        "median distance to the nearest training digit: generated 2.00"
    )
    assert repr(ATTACK) == (
        "MembershipResult(membership inference on 200 digits: accuracy 83.0% "
        "(chance 50% +/- 3.5%), AUC 0.906 (0.5 = no leak))"
    )
    assert results().describe() == (
        "8 CNN runs and 0 generators; data: 8000 training and 2000 test digits (mnist)\n"
        "the saved run took 40 minutes of wall time"
    )
    table = results().table()
    assert table.header == ["arm", "10 labels", "20 labels"] and table.rows[0][0] == "(a) real only"


def test_reports_and_results_speak_chinese(zh):
    assert REPORT.summary().startswith("到最近训练数字的中位距离：生成数字2.00")
    assert "成员推断：准确率83.0%" in repr(ATTACK) and "no leak" not in repr(ATTACK)
    assert results().describe() == (
        "8次CNN训练和0个生成器；数据：8000个训练数字和2000个测试数字（mnist）\n"
        "保存的这次运行用了40分钟（墙钟时间）"
    )
    table = results().table()
    assert table.header == ["组", "10个标签", "20个标签"] and table.rows[0][0] == "(a) 只用真实数据"
    assert table.note.startswith("测试准确率")


def test_a_chinese_table_lines_up_in_a_monospaced_font():
    table = ResultsTable(["组", "x"], [["(a) 只用真实数据", "1"], ["ab", "2"]])
    header, rule, first, second = repr(table).splitlines()
    starts = [
        display_width(line[: line.rindex(cell)])
        for line, cell in ((header, "x"), (first, "1"), (second, "2"))
    ]
    assert starts == [18, 18, 18] and len(rule) == display_width(header) == 19


def test_display_width_counts_wide_characters_twice():
    assert display_width("ab ± 1") == 6 and display_width("组(a)") == 5


def test_exercise_feedback_speaks_chinese(zh):
    feedback = exercises.check_attack_accuracy(1.0, [2.0, 1.5], [0.1, -0.5])
    assert feedback.ok and repr(feedback).endswith("没错：100%的数字被正确分类。")


def test_exercise_feedback_stays_english(en):
    feedback = exercises.check_attack_accuracy(1.0, [2.0, 1.5], [0.1, -0.5])
    assert repr(feedback).endswith("Right: 100% of the digits are classified correctly.")


def test_padded_counts_wide_characters_and_equals_ljust_for_english():
    from datagen_lab.capstone.table import padded

    assert padded("true mean:", 12) == "true mean:".ljust(12)
    assert padded("no DP", 7, ">") == "no DP".rjust(7)
    assert padded("真实均值：", 12) == "真实均值：  " and padded("很长的标签", 4) == "很长的标签"
