"""Chinese renders: matplotlib and PIL draw every character of Chinese text, none as an empty box."""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from datagen_lab import cjk_fonts, i18n  # noqa: E402
from datagen_lab.synthesis.font_files import missing_glyphs  # noqa: E402

TEXT = "中文数据增强：生成对抗网络的判别器与生成器，模式崩溃。"
NOT_A_CHARACTER = "\ue000"  # private use: no font here maps it, so it is drawn as the box


def _matplotlib_drawing(text: str) -> tuple[np.ndarray, list[str]]:
    """The pixels of ``text`` drawn by matplotlib, and the missing-glyph warnings it gave.

    matplotlib warns "Glyph ... missing from font(s) ..." for every character that none of its
    fonts has (it then draws a box, or its LastResort font's placeholder, which differs per
    Unicode block, so comparing pixels with one known box is not enough here).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plt.figure(figsize=(1, 1), dpi=60)
        fig.text(0.1, 0.3, text, fontsize=30)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., 0].copy()
        plt.close(fig)
    return pixels, [str(w.message) for w in caught if "missing from font" in str(w.message)]


def _pil_tofu(text: str, font: ImageFont.FreeTypeFont) -> list[str]:
    def drawn(ch: str) -> np.ndarray:
        image = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(image).text((4, 4), ch, font=font, fill=255)
        return np.asarray(image)

    box = drawn(NOT_A_CHARACTER)
    return [ch for ch in text if not drawn(ch).any() or np.array_equal(drawn(ch), box)]


def test_a_cjk_font_is_installed_and_covers_chinese():
    path = cjk_fonts.find_cjk_font()
    assert path.is_file()
    assert cjk_fonts.missing_chinese(path, TEXT) == []
    assert missing_glyphs(TEXT, font=path) == []  # lesson 5's coverage check agrees
    index, family = cjk_fonts.chinese_face(path)
    assert index >= 0 and family


def test_matplotlib_draws_chinese_without_missing_glyphs():
    with matplotlib.rc_context():
        family = cjk_fonts.use_cjk_font()
        assert family in matplotlib.rcParams["font.family"]
        pixels, warned = _matplotlib_drawing(TEXT)
        assert warned == [] and (pixels < 128).any()
        fig, ax = plt.subplots()
        ax.set_title(TEXT)
        ax.set_xlabel("判别器的输出 D(x)")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph warns: fail on it
            fig.canvas.draw()
        plt.close(fig)


MIXED = r"$\log D(x)$ 的全局最小值（饱和）"  # math and Chinese in one label: mathtext draws it all


def _mathtext_missing(texts: list[str], caplog: pytest.LogCaptureFixture) -> list[str]:
    """The "Font 'default' does not have a glyph" messages logged while drawing ``texts``.

    A label with ``$...$`` goes whole to mathtext, which logs (it does not warn) each character
    that its fonts lack and draws a dummy symbol in its place.
    """
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        fig = plt.figure(figsize=(4, 4), dpi=30)
        for row, text in enumerate(texts):
            fig.text(0.01, row / len(texts), text)
        fig.canvas.draw()
        plt.close(fig)
    return [r.getMessage() for r in caplog.records if "does not have a glyph" in r.getMessage()]


def test_labels_mixing_math_and_chinese_draw_in_zh_mode(monkeypatch, caplog):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    catalog = Path(i18n.CATALOG_DIR) / "zh_figures.json"
    entries = json.loads(catalog.read_text(encoding="utf-8")).values()
    mixed = [MIXED, *(text for text in entries if "$" in text)]  # lessons 2 and 3's labels
    with matplotlib.rc_context():
        i18n.set_language("zh")  # as the Chinese notebooks do
        assert _mathtext_missing(mixed, caplog) == []
        fig, ax = plt.subplots()
        ax.set_xlabel(MIXED)
        ax.legend([ax.plot([0, 1])[0]], [r"$-\log D$（非饱和）"])
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a plain-text missing glyph warns: fail on it
            fig.canvas.draw()
        plt.close(fig)
    assert not [r for r in caplog.records if "does not have a glyph" in r.getMessage()]


def test_the_mathtext_check_finds_boxes_with_the_cjk_font_only_as_a_fallback(caplog):
    # The font after DejaVu Sans (as before the fix): mathtext still gives boxes, so the test
    # above can fail.
    family = cjk_fonts.chinese_face(cjk_fonts.find_cjk_font())[1]
    with matplotlib.rc_context():
        cjk_fonts.use_cjk_font()
        matplotlib.rcParams["font.family"] = ["sans-serif", family]
        matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans", family]
        missing = _mathtext_missing([MIXED], caplog)
    assert any("\\u5168" in message for message in missing), missing  # 全 is U+5168


def test_the_tofu_check_finds_boxes_when_no_cjk_font_is_configured():
    # The same checks fail on matplotlib's default fonts, so the test above can fail.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        _, warned = _matplotlib_drawing(TEXT)
        assert warned, "matplotlib drew Chinese with DejaVu Sans without a missing-glyph warning"
        assert any("20013" in message for message in warned)  # 中 is U+4E2D = 20013
        _, latin = _matplotlib_drawing("abc")
        assert latin == []


def test_pil_draws_chinese_without_missing_glyphs():
    path = cjk_fonts.find_cjk_font()
    font = ImageFont.truetype(str(path), 32, index=cjk_fonts.chinese_face(path)[0])
    assert _pil_tofu(TEXT, font) == []
    dejavu = ImageFont.truetype("DejaVuSans.ttf", 32)
    assert _pil_tofu("a数", dejavu) == ["数"]  # the check does find boxes


def test_a_chosen_font_without_chinese_is_refused_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv(cjk_fonts.ENV_VAR, str(tmp_path / "nothing.ttf"))
    with pytest.raises(cjk_fonts.CJKFontNotFoundError, match="is not a font file") as error:
        cjk_fonts.find_cjk_font()
    assert "fonts-noto-cjk" in str(error.value)
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    monkeypatch.setenv(cjk_fonts.ENV_VAR, str(dejavu))
    with pytest.raises(cjk_fonts.CJKFontNotFoundError, match="has no glyph for"):
        cjk_fonts.find_cjk_font()


def test_no_font_found_says_where_it_looked_and_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(cjk_fonts, "SYSTEM_FONTS", (tmp_path / "absent.ttc",))
    with pytest.raises(cjk_fonts.CJKFontNotFoundError) as error:
        cjk_fonts.find_cjk_font()
    message = str(error.value)
    assert "absent.ttc" in message and "apt-get install fonts-noto-cjk" in message
