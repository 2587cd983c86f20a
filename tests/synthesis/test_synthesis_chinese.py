"""Lesson 5's helpers in the Chinese edition: the contrast and SMOTE tables, the glyph error the
lesson shows, the exercise feedback and both panels speak Chinese under DATAGEN_LAB_LANG=zh,
and stay byte-identical in English."""

from __future__ import annotations

import matplotlib
import pytest

from datagen_lab import i18n
from datagen_lab.i18n import display_width, padded
from datagen_lab.synthesis import exercises as ex
from datagen_lab.synthesis import panel as sp
from datagen_lab.synthesis.colour import contrast_ratio, contrast_table
from datagen_lab.synthesis.fusion import POSITIONS, MissingGlyphError, render_text
from datagen_lab.synthesis.smote import results_table

PAIRS = {
    "black on white": ((0, 0, 0), (255, 255, 255)),
    "yellow on white": ((255, 255, 0), (255, 255, 255)),
}
SCORES = {
    "imbalanced": {"accuracy": 0.8, "balanced accuracy": 0.79, "recall": 0.1, "precision": 1.0},
    "SMOTE": {"accuracy": 0.87, "balanced accuracy": 0.86, "recall": 0.65, "precision": 0.9},
}


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "zh")  # restored afterwards, like matplotlib's fonts
    with matplotlib.rc_context():
        i18n.set_language("zh")  # as the Chinese notebooks do: figures get a CJK font
        yield


def test_padding_counts_a_chinese_character_as_two_columns():
    assert display_width("白底黑字") == 8 and padded("白底黑字", 10, ">") == "  白底黑字"
    assert padded("ab", 4) == "ab  "


def test_tables_in_english_are_the_lessons_prints(en):
    lines = [
        f"{name:>20}: {float(contrast_ratio(text, back)):5.2f}"
        for name, (text, back) in PAIRS.items()
    ]
    assert contrast_table(PAIRS) == "\n".join(lines)
    header = (
        f"{'training set':>14} {'accuracy':>9} {'balanced':>9} {'recall 8':>9} {'precision 8':>12}"
    )
    rows = [
        f"{name:>14} {s['accuracy']:9.3f} {s['balanced accuracy']:9.3f} {s['recall']:9.3f} "
        f"{s['precision']:12.3f}"
        for name, s in SCORES.items()
    ]
    assert results_table(SCORES, minority=8) == "\n".join([header, *rows])


def test_tables_speak_chinese_and_stay_aligned(zh):
    table = contrast_table(PAIRS).splitlines()
    assert table[0] == "            白底黑字: 21.00"
    assert {display_width(line) for line in table} == {27}
    header, *rows = results_table(SCORES, minority=8).splitlines()
    assert header.split() == ["训练集", "准确率", "平衡准确率", "8的召回率", "8的精确率"]
    assert rows[0].split()[0] == "不平衡"
    assert {display_width(line) for line in [header, *rows]} == {display_width(header)}


def test_the_glyph_error_the_lesson_shows_speaks_chinese(zh):
    from datagen_lab.data import load_photo

    with pytest.raises(MissingGlyphError) as error:
        render_text(load_photo("chelsea"), "你好, world")
    assert str(error.value).startswith("字体DejaVuSans.ttf中没有'你' (U+4F60), '好' (U+597D)的字形")
    assert str(error.value).endswith("（中文可用Noto Sans CJK）。")


def test_the_glyph_error_stays_english(en):
    from datagen_lab.data import load_photo

    with pytest.raises(MissingGlyphError) as error:
        render_text(load_photo("chelsea"), "你好", fallback_font="DejaVuSerif.ttf")
    assert str(error.value) == (
        "Font DejaVuSans.ttf has no glyph for '你' (U+4F60), '好' (U+597D): PIL would draw "
        "empty boxes. fallback DejaVuSerif.ttf lacks '你好'."
    )


def test_exercise_feedback_with_a_number_speaks_chinese(zh, monkeypatch):
    assert repr(ex.check_error_factor(16)).startswith("✅ 正确：没错（你的答案是16）")
    monkeypatch.delenv(i18n.ENV_VAR)
    assert ex.check_error_factor(16).message.startswith("Right (you said 16): the plot's slope")


def test_panels_speak_chinese_and_keep_english_values(zh):
    text = sp.text_overlay_panel(width=64)
    assert text.controls["size"].description == "最大字号"
    assert text.controls["position"].value == "bottom" and text.controls["position"].label == "下"
    assert len(text.controls["position"].options) == len(POSITIONS)
    assert text.readout.value.startswith("字号<b>")
    text.controls["text"].value = " "
    assert text.readout.value == "请输入一些文字。"
    gap = sp.gap_filling_panel()
    assert gap.controls["method"].value == "cubic spline"
    assert gap.controls["method"].label == "三次样条"
    assert gap.readout.value.startswith("<b>三次样条</b>，4个8小时的缺口：RMSE <b>")


def test_panels_stay_english(en):
    gap = sp.gap_filling_panel()
    assert gap.controls["method"].options == tuple(sp.GAP_METHODS)
    assert gap.readout.value.startswith("<b>cubic spline</b>, 4 gaps of 8 h: RMSE <b>")
    assert sp.text_overlay_panel(width=64).readout.value.startswith("size <b>")


def test_text_that_does_not_fit_is_explained_in_chinese(zh):
    _, readout = sp.text_preview("word " * 300, size=40, width=64)
    assert "放不进" in readout and "请缩短文字" in readout


def test_text_that_does_not_fit_is_explained_in_english(en):
    _, readout = sp.text_preview("word " * 300, size=40, width=64)
    assert "does not fit a" in readout and "Shorten the text, enlarge the box" in readout
