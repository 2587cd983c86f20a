"""The language setting: English by default, Chinese with DATAGEN_LAB_LANG=zh, in every helper's words."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from datagen_lab import environment, i18n
from datagen_lab.checks import InputError
from datagen_lab.claims import HELD_MARK, UNCHECKED_MARK, ClaimFailed, claim
from datagen_lab.exercises import check_close, check_number, feedback

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "datagen_lab"


def test_english_is_the_default_and_returns_the_text_itself(monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.language() == "en"
    assert i18n.t("evidence:") == "evidence:"
    assert i18n.t("{version}, for {why}", version="1.0", why="plots") == "1.0, for plots"
    monkeypatch.setenv(i18n.ENV_VAR, " ")
    assert i18n.language() == "en"


def test_chinese_from_the_setting_and_unknown_text_falls_back_to_english(zh):
    assert i18n.language() == "zh"
    assert i18n.t("evidence:") == "依据："
    assert i18n.t("{version}, for {why}", version="1.0", why=i18n.t("plots")) == "1.0，用于绘图"
    assert i18n.t("a sentence nobody translated") == "a sentence nobody translated"


@pytest.mark.parametrize("spelling", ["zh", "zh-CN", "zh_CN", "ZH-Hans", "en", "en-GB"])
def test_set_language_takes_the_usual_spellings(monkeypatch, spelling):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    with matplotlib.rc_context():
        assert i18n.set_language(spelling) == spelling[:2].lower()
    assert i18n.language() == spelling[:2].lower()


@pytest.mark.parametrize("bad", ["fr", "", 3, None])
def test_a_language_the_course_does_not_have_is_refused(monkeypatch, bad):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    with pytest.raises(InputError, match="lang must be a course language"):
        i18n.set_language(bad)
    assert i18n.language() == "en"


def test_a_wrong_setting_names_the_variable(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")
    with pytest.raises(InputError, match="DATAGEN_LAB_LANG must be .*'klingon'"):
        i18n.language()


def test_set_language_zh_gives_matplotlib_a_chinese_font(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    with matplotlib.rc_context():
        i18n.set_language("zh")
        assert any(
            "CJK" in name or "WenQuanYi" in name for name in matplotlib.rcParams["font.family"]
        )


def test_claims_speak_chinese(zh, capsys):
    claim("the same seed gives the same numbers", True, evidence={"run": 1.0, "mean": 0.5})
    out = capsys.readouterr().out
    # An evidence label in the catalog ("mean") is translated; one that is not stays as written.
    assert out == f"{i18n.t(HELD_MARK)}相同的种子给出相同的随机数\n    依据：run = 1; 均值 = 0.5\n"
    assert out.startswith("✔ 结论成立：")
    with pytest.raises(ClaimFailed, match="✘ 结论不成立：相同的种子") as failed:
        claim("the same seed gives the same numbers", False)
    assert "请不要保存这个笔记本" in str(failed.value)
    claim("an untranslated statement", True, fast="normal-run")
    assert capsys.readouterr().out.startswith(i18n.t(UNCHECKED_MARK))


def test_claims_stay_english_by_default(monkeypatch, capsys):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    claim("the same seed gives the same numbers", True, evidence=np.float64(0.5))
    assert (
        capsys.readouterr().out
        == f"{HELD_MARK} the same seed gives the same numbers\n    evidence: 0.5\n"
    )


def test_exercise_feedback_speaks_chinese(zh):
    wrong = check_close(3, 784, "784 = 28 x 28 pixels.", "Multiply the height by the width.")
    assert repr(wrong) == "❌ 还不对：把高和宽相乘。"
    assert wrong.message == "Multiply the height by the width."  # the message itself is kept
    assert "还不对" in wrong._repr_html_()
    assert repr(feedback(True, "untranslated praise", "hint")) == "✅ 正确：untranslated praise"
    assert "这里需要一个数" in repr(check_number("x", lambda v: v > 0, "ok", "hint"))


def test_widget_labels_speak_chinese(zh):
    from datagen_lab.widgets import image_browser

    box = image_browser(np.zeros((3, 4, 4), np.uint8), np.array([7, 8, 9]))
    assert box.slider.description == "序号"
    assert box.caption.value == "第0张图像，标签 <b>7</b>"


def test_environment_report_speaks_chinese_and_checks_the_chinese_font(zh):
    report = environment.check_environment(include_tensorflow=False)
    assert report.checks[-1].name == "中文字体" and report.checks[-1].ok
    text = repr(report)
    assert "用于绘图" in text and "<th>检查项</th>" in report._repr_html_()
    packages = {
        c.name: c.detail for c in report.checks if c.name in {p for _, p, _ in environment.PACKAGES}
    }
    assert packages and all("，用于" in detail for detail in packages.values()), packages
    broken = environment.EnvironmentReport(
        (environment.Check("x", False, "d", environment.INSTALL_FIX),)
    )
    assert "解决办法：在项目文件夹中运行" in repr(broken)


def test_environment_report_stays_english_without_the_font_check(monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    report = environment.check_environment(include_tensorflow=False)
    assert "中文字体" not in repr(report) and "for plots" in repr(report)


def keys_the_package_uses() -> set[str]:
    """Every text the package passes to t(): literals, and module constants passed by name."""
    keys = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
                elif isinstance(first, ast.Name) and first.id in constants:
                    keys.add(constants[first.id])
    keys |= {why for _, _, why in environment.PACKAGES}
    from datagen_lab.claims import FAILED_ADVICE, FAILED_MARK
    from datagen_lab.exercises import CORRECT, NOT_YET

    return keys | {HELD_MARK, UNCHECKED_MARK, FAILED_MARK, FAILED_ADVICE, CORRECT, NOT_YET}


def notebook_texts(notebook: Path) -> set[str]:
    """What a notebook's code cells say to the reader through the catalog: literal claim
    statements and the labels of their ``evidence={...}``, exercise messages, and the literal
    texts passed to ``t(...)`` (a print in a code cell speaks Chinese only through ``t``)."""
    texts = set()
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(
                "\n".join(line for line in source.splitlines() if not line.startswith(("%", "!")))
            )
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            name = getattr(getattr(node, "func", None), "id", None) or getattr(
                getattr(node, "func", None), "attr", None
            )
            if not isinstance(node, ast.Call):
                continue
            if name == "t" and node.args and isinstance(node.args[0], ast.Constant):
                texts.add(node.args[0].value)
                continue
            if name == "claim":
                texts.update(_evidence_labels(node))
            if name not in ("claim", "check_close", "feedback"):
                continue
            strings = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            texts.update(strings if name != "claim" else strings[:1])
    return texts


def _evidence_labels(call: ast.Call) -> set[str]:
    """The literal string keys of a claim's ``evidence={...}`` (labels the reader sees)."""
    for keyword in call.keywords:
        if keyword.arg == "evidence" and isinstance(keyword.value, ast.Dict):
            return {
                key.value
                for key in keyword.value.keys
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            }
    return set()


def test_notebook_texts_finds_statements_evidence_labels_and_t_calls(tmp_path):
    cell = (
        'claim("the sum holds", True, evidence={"left side": 1, "right side": 1})\n'
        'print(t("digits per second:"), 3)\nprint("not through t")'
    )
    notebook = tmp_path / "01_x.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": [cell]}]}))
    assert notebook_texts(notebook) == {
        "the sum holds",
        "left side",
        "right side",
        "digits per second:",
    }


def test_every_text_the_package_says_is_in_the_chinese_catalog():
    missing = sorted(keys_the_package_uses() - set(i18n.catalog("zh")))
    assert missing == [], "untranslated in datagen_lab/locale/zh.json:\n" + "\n".join(missing)


def test_the_chinese_editions_claims_and_exercise_messages_are_translated():
    catalog = i18n.catalog("zh")
    built = sorted((PROJECT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))
    missing = sorted(
        {f"{nb.name}: {text}" for nb in built for text in notebook_texts(nb) - set(catalog)}
    )
    assert missing == [], "untranslated in datagen_lab/locale/zh.json:\n" + "\n".join(missing)


def test_untranslated_lists_what_the_english_lessons_still_need(capsys):
    # Not a failure: lessons without a Chinese edition yet. The list is what a translator does next.
    catalog = i18n.catalog("zh")
    todo = {
        nb.name: sorted(notebook_texts(nb) - set(catalog))
        for nb in sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    }
    assert todo["00_start_here.ipynb"] == []
    print({name: len(texts) for name, texts in todo.items()})


def _fields(text: str) -> list[str]:
    return sorted(part.split("}")[0] for part in text.split("{")[1:])


@pytest.mark.parametrize("path", i18n.catalog_files("zh"), ids=lambda path: path.name)
def test_the_catalog_is_well_formed(path):
    entries = json.loads(path.read_text(encoding="utf-8"))
    for english, chinese in entries.items():
        assert isinstance(chinese, str) and chinese.strip(), english
        assert _fields(english) == _fields(chinese), f"{english!r}: the {{fields}} differ"


@pytest.mark.parametrize("text", ["", "Fréchet", "confident share", "x" * 30])
def test_padded_is_plain_formatting_for_english(text):
    assert i18n.padded(text, 12) == f"{text:<12}" and i18n.padded(text, 12, ">") == f"{text:>12}"


def test_padded_counts_a_chinese_character_as_two_columns():
    assert i18n.display_width("置信度 0.9") == 10
    assert i18n.padded("置信度", 8) == "置信度  " and i18n.padded("置信度", 8, ">") == "  置信度"
    rows = [i18n.padded(label, 12) + "|" for label in ("真实数字", "DCGAN", "自条件化的")]
    assert {i18n.display_width(row) for row in rows} == {13}


@pytest.mark.parametrize(("width", "align"), [(-1, "<"), (2.5, "<"), (True, "<"), (4, "^")])
def test_padded_refuses_bad_widths_and_alignments(width, align):
    with pytest.raises(InputError, match="width|align"):
        i18n.padded("x", width, align)


def test_input_errors_speak_chinese_where_the_catalog_knows_the_words(zh):
    error = InputError("text", 3, "a str")
    assert str(error) == "text应当是一个字符串（str）；收到的却是3 (int)。"
    unknown = InputError("digits", np.zeros((2, 0)), "uint8 digits (N, 28, 28)", "Convert first.")
    assert str(unknown) == (
        "digits应当是uint8 digits (N, 28, 28)；收到的却是形状为(2, 0)、dtype为float64的数组（空）。"
        "Convert first."
    )


def test_a_bad_language_setting_still_gets_its_error_in_english(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")
    with pytest.raises(InputError, match="DATAGEN_LAB_LANG must be a course language"):
        i18n.language()
    assert str(InputError("text", 3, "a str")) == "text must be a str; got 3 (int)."
