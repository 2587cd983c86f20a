"""The lesson's widgets respond to their controls; plots and exercise checkers work."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.synthesis import exercises as ex
from datagen_lab.synthesis import panel as sp
from datagen_lab.synthesis.colour import contrast_ratio, relative_luminance


@pytest.fixture(scope="module")
def text_panel():
    return sp.text_overlay_panel(width=200)


@pytest.fixture(scope="module")
def gap_panel():
    return sp.gap_filling_panel()


def test_text_panel_is_a_marked_demo(text_panel):
    assert "datagen-demo" in text_panel._dom_classes
    assert text_panel.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "px" in text_panel.readout.value and "letters' edge" in text_panel.readout.value


@pytest.mark.parametrize(
    ("control", "value"),
    [
        ("size", 70),
        ("position", "top-left"),
        ("colour", "yellow"),
        ("background_name", "stripes"),
        ("stroke", "off"),
        ("text", "Something else"),
    ],
)
def test_every_text_control_changes_the_preview(control, value):
    text_panel = sp.text_overlay_panel(width=200)  # fresh: each control moves from the defaults
    before = text_panel.image.value, text_panel.readout.value
    text_panel.controls[control].value = value
    assert (text_panel.image.value, text_panel.readout.value) != before


def test_text_panel_reports_errors_instead_of_raising(text_panel):
    text_panel.controls["text"].value = "你好"
    assert "U+4F60" in text_panel.readout.value and "#cf222e" in text_panel.readout.value
    text_panel.controls["text"].value = "back to normal"
    assert "#cf222e" not in text_panel.readout.value


def test_text_preview_reduces_a_size_that_does_not_fit():
    image, readout = sp.text_preview(
        "a rather long caption for a small picture", size=120, width=160
    )
    assert "reduced to fit" in readout and image.shape[1:] == (160, 3)
    assert sp.text_preview("   ")[1] == "Type some text."


def test_gap_panel_follows_its_controls(gap_panel):
    assert "datagen-demo" in gap_panel._dom_classes
    for control, value in (("gap_size", 3), ("seed", 5), ("method", "linear")):
        before = gap_panel.image.value, gap_panel.readout.value
        gap_panel.controls[control].value = value
        assert gap_panel.image.value != before[0] and gap_panel.readout.value != before[1]


def test_gap_preview_error_grows_with_the_gap():
    def rmse(readout: str) -> float:
        return float(readout.split("RMSE <b>")[1].split(" ")[0])

    small, large = (rmse(sp.gap_preview("linear", g)[1]) for g in (2, 12))
    assert small < large
    with pytest.raises(ValueError, match="method must be"):
        sp.gap_preview("spline")


def test_backgrounds_have_the_asked_width():
    for name in sp.BACKGROUNDS:
        image = sp.background(name, 120)
        assert image.shape[1] == 120 and image.dtype == np.uint8


def test_exercise_checkers_accept_right_and_reject_wrong_answers():
    def right(a, b):
        la, lb = relative_luminance(a), relative_luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)

    assert ex.check_contrast(right) and ex.check_contrast(contrast_ratio)
    assert not ex.check_contrast(lambda a, b: 1.0)
    label = np.zeros(10)
    label[3], label[8] = 0.7, 0.3
    assert ex.check_mixup_label(label) and not ex.check_mixup_label(np.eye(10)[3])
    assert ex.check_smote_point(lambda a, b, u: a + u * (b - a))
    assert not ex.check_smote_point(lambda a, b, u: b + u * (a - b))
    assert ex.check_error_factor(16) and ex.check_error_factor(23)  # theory, and the plot
    assert not ex.check_error_factor(4) and not ex.check_error_factor(32)
    assert not ex.check_error_factor("sixteen")
