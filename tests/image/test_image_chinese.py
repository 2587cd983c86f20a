"""Lesson 1's helpers in the Chinese edition: the augmenter table, the survival table, the
exercise feedback and the panel speak Chinese under DATAGEN_LAB_LANG=zh, and stay
byte-identical in English."""

from __future__ import annotations

import numpy as np
from imgaug.augmentables.segmaps import SegmentationMapsOnImage

from datagen_lab import i18n
from datagen_lab.i18n import display_width, padded
from datagen_lab.image import exercises as ex
from datagen_lab.image.augment import make_pipeline
from datagen_lab.image.catalog import CATALOG, catalog_table
from datagen_lab.image.harm import measure_label_survival
from datagen_lab.image.labels import square_example
from datagen_lab.image.panel import COMBINE, AugmentationPanel


def test_padding_counts_a_chinese_character_as_two_columns():
    assert display_width("abc") == 3 and display_width("强度") == 4
    assert padded("ab", 5) == "ab   " and padded("ab", 5, ">") == "   ab"
    assert padded("强度", 6) == "强度  " and padded("强度", 3) == "强度"


def test_augmenter_table_in_english_is_the_lessons_table(en):
    old = [
        f"{e.family:<10}{e.name:<16}"
        + f"{f'{e.low:g} to {e.high:g}, default {e.default:g}':<26}{e.meaning}"
        for e in CATALOG.values()
    ]
    assert catalog_table() == "\n".join(old)
    assert catalog_table("noise").splitlines() == old[-5:]


def test_augmenter_table_speaks_chinese_for_every_augmenter(zh):
    catalog = i18n.catalog("zh")
    missing = [e.meaning for e in CATALOG.values() if e.meaning not in catalog]
    assert missing == []
    lines = catalog_table().splitlines()
    assert len(lines) == len(CATALOG)
    assert lines[2] == "geometric rotate          0到180，默认25            最大旋转角（度）"
    # the meanings start in one column, Chinese strengths counted as two columns per character
    starts = {
        display_width(line[: line.index(i18n.t(e.meaning))])
        for line, e in zip(lines, CATALOG.values(), strict=True)
    }
    assert starts == {52}


def test_survival_table_header_speaks_chinese_and_stays_aligned(mnist, zh):
    images, labels = mnist.test_images[:40], mnist.test_labels[:40]
    result = measure_label_survival(
        images, labels, names=["fliplr", "blur"], levels=2, predict=lambda b: np.zeros(len(b), int)
    )
    header, rule, *rows = result.summary().splitlines()
    assert header.split()[:4] == ["增强器", "强度", "保留率", "下降"]
    assert display_width(header) == len(rule) == len(rows[0]) == len(rows[1])


def test_exercise_feedback_with_numbers_speaks_chinese(zh):
    square = square_example()
    segmap = SegmentationMapsOnImage(square.mask, square.image.shape)
    seq = make_pipeline({"rotate": 60}, seed=1)
    verdict = ex.check_aligned(seq(image=square.image), seq(segmentation_maps=segmap).get_arr())
    assert repr(verdict).startswith("❌ 还不对：图像和掩码对不上（IoU为0.")
    assert "to_deterministic()" in repr(verdict)
    assert "收到的是{'rotate 270'}" in repr(ex.check_half_turn({"rotate 270"}))
    assert "收到的是str" in repr(ex.check_digit_safe("rotate", square.image[None, ..., 0], [1]))


def test_exercise_feedback_stays_english(en):
    square = square_example()
    segmap = SegmentationMapsOnImage(square.mask, square.image.shape)
    seq = make_pipeline({"rotate": 60}, seed=1)
    verdict = ex.check_aligned(seq(image=square.image), seq(segmentation_maps=segmap).get_arr())
    assert verdict.message.startswith("Image and mask disagree (IoU 0.")
    assert verdict.message.endswith(
        "two calls drew two random rotations. Use det = seq.to_deterministic(), then "
        "det(image=...) and det(segmentation_maps=...)."
    )
    assert (
        ex.check_half_turn({"rotate 270"}).message
        == f"Answer with a set of choices from {ex.HALF_TURN_CHOICES}; got {{'rotate 270'}}."
    )


def _samples():
    digit = np.zeros((28, 28), np.uint8)
    digit[6:22, 12:16] = 255
    return {"digit 7": digit, "photo": np.full((32, 32, 3), 90, np.uint8)}


def test_panel_speaks_chinese_and_keeps_english_values(zh):
    panel = AugmentationPanel(_samples(), steps={"rotate": 30, "hue_saturation": 20}, n_draws=2)
    assert (panel.sample.description, panel.seed.description) == ("样本", "随机种子")
    assert panel.redraw.description == "重新抽取"
    assert panel.sample.options == (("数字7", "digit 7"), ("照片", "photo"))
    assert panel.combine.value == list(COMBINE)[0]  # the values stay the English names
    assert panel.combine.label == "Sequential：全部，按顺序"
    assert panel.status.value.startswith("<b>数字7</b>：原图（左上）和rotate 30的2次抽取")
    assert "灰度样本跳过了：hue_saturation" in panel.status.value
    assert panel.sliders["rotate"].tooltip == "最大旋转角（度）"


def test_panel_stays_english(en):
    panel = AugmentationPanel(_samples(), steps={"rotate": 30, "hue_saturation": 20}, n_draws=2)
    assert panel.sample.options == ("digit 7", "photo")
    assert panel.status.value == (
        "<b>digit 7</b>: original (top left) and 2 draws of rotate 30 with seed <b>0</b>"
        "; skipped for a grayscale sample: hue_saturation"
    )
