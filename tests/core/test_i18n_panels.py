"""Widget panels speak Chinese in zh mode: slider labels, buttons, dropdown choices, readouts."""

from __future__ import annotations

import json
import re

import matplotlib
import pytest

matplotlib.use("Agg")

from datagen_lab import i18n  # noqa: E402
from datagen_lab.gan_game import panel, toy_gan  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    with matplotlib.rc_context():
        i18n.set_language("zh")  # as the Chinese notebooks do: Chinese words and a CJK font
        yield


def test_lesson_3_explorer_speaks_chinese(zh):
    explorer = panel.distribution_explorer()
    labels = [explorer.mean.description, explorer.spread.description, explorer.weight.description]
    assert labels == ["均值", "宽度", "右峰权重"]
    readout = explorer.readout.value
    assert "数值积分" in readout and "闭式解" in readout and "拖动滑块" in readout
    assert explorer.view.figure.axes[0].get_title().startswith("生成器：两个峰位于")
    explorer.mean.value, explorer.spread.value, explorer.weight.value = 0.0, 0.5, 0.5
    assert "吻合" in explorer.readout.value or "拖动滑块" in explorer.readout.value


def test_lesson_3_trainer_speaks_chinese_and_keeps_english_values(zh):
    trainer = panel.gan_trainer(steps_per_frame=1)
    controls = (trainer.preset, trainer.data, trainer.loss, trainer.d_steps, trainer.lr_d)
    controls += (trainer.lr_g, trainer.steps_per_frame, trainer.step_button, trainer.reset_button)
    assert all(CJK.search(control.description) for control in controls)
    assert "按▶开始训练" in trainer.readout.value and "随机种子" in trainer.readout.value
    assert trainer.preset.options[1] == ("势均力敌", "balanced")
    assert trainer.preset.value == "custom" and trainer.preset.label == "自定义"
    trainer.preset.value = "fast generator: mode collapse"  # values stay the English names
    assert trainer.preset.label == "生成器过快：模式崩溃"
    assert trainer.config == toy_gan.PRESETS["fast generator: mode collapse"]
    assert all(CJK.search(label) for dropdown in controls[:3] for label, _ in dropdown.options)
    trainer.step()
    assert trainer.readout.value.startswith("<b>第1步</b>") and "D损失" in trainer.readout.value


def test_lesson_3_panels_stay_english_by_default(monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    explorer, trainer = panel.distribution_explorer(), panel.gan_trainer()
    assert explorer.mean.description == "mean" and not CJK.search(explorer.readout.value)
    assert trainer.preset.options[0] == "custom" and trainer.step_button.description == "Step"


def test_dropdown_choices_drawn_from_constants_are_in_the_panel_catalog():
    """Texts that reach t() through i18n.labelled (the key finder of test_i18n sees literals)."""
    catalog = json.loads((i18n.CATALOG_DIR / "zh_panels.json").read_text(encoding="utf-8"))
    needed = {"custom", *toy_gan.PRESETS, "ring", "bimodal", *panel.gan_math.GENERATOR_LOSSES}
    assert sorted(needed - set(catalog)) == []
