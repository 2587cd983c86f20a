"""Word diffs, highlighted tables, plots and the live widget of the text lesson."""

from __future__ import annotations

import pytest

from datagen_lab.text import augment as at
from datagen_lab.text import panel as tp
from datagen_lab.text import plots as text_plots
from datagen_lab.text.classifier import NaiveBayes
from datagen_lab.text.diff import change_share, word_diff

TEXT = "The movies were great, and I really loved the acting."


@pytest.fixture(scope="module")
def classifier():
    return NaiveBayes().fit(
        ["great fun", "lovely and great", "awful and dull", "dull mess"], [1, 1, 0, 0]
    )


def test_word_diff_and_change_share():
    assert word_diff("a b c", "a x c") == [
        ("equal", ["a"], ["a"]),
        ("replace", ["b"], ["x"]),
        ("equal", ["c"], ["c"]),
    ]
    assert change_share(TEXT, TEXT) == 0.0
    assert change_share("one two three four", "one 2 three four") == 0.25
    assert change_share("one two three four", "two one three four") == 0.5
    assert (
        change_share("one two three four.", "one two three four!") == 0.0
    )  # punctuation is not a word
    assert change_share("one two", "completely different words here") == 1.0


def test_highlight_text_marks_removed_and_new_words():
    assert tp.highlight_text("a b c d", "a x c d") == "a [-b-]{+x+} c d"
    assert tp.highlight_text("a b c d", "b c d") == "[-a-] b c d"
    assert tp.highlight_text("a b c d.", "a b c.") == "a b c [-d-]."
    assert tp.highlight_text("a b", "a new b") == "a {+new+} b"
    assert tp.highlight_text("我喜欢书。", "我喜书。") == "我喜[-欢-]书。"


def test_highlight_html_escapes_and_colours():
    out = tp.highlight_html("x <b>bold</b> y", "x <b>bold</b> z")
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert tp.NEW_STYLE in out and tp.OLD_STYLE in out and ">z</span>" in out


def test_variant_table_text_and_html(classifier):
    variants = [
        at.Augmented("The movies were awful and dull.", "synonym", "", TEXT),
        at.to_passive(TEXT),
    ]
    table = tp.VariantTable(TEXT, variants, classifier)
    text, page = repr(table), table._repr_html_()
    assert text.splitlines()[0].startswith("original: ") and "synonym" in text and "passive" in text
    assert "unchanged:" in text  # the passive note is shown
    assert "(flipped)" in page and page.count("<tr>") == 4


def test_operations_table_runs_every_operation():
    table = tp.operations_table("The cat chased the mouse. It ran away quickly!", alpha=0.3, seed=1)
    assert table.names == list(at.OPERATIONS)
    assert sum(v != table.original for v in table.variants) >= len(at.OPERATIONS) - 2


def test_plots_return_figures():
    import matplotlib

    matplotlib.use("Agg")
    from datagen_lab.text.classifier import Preservation

    result = Preservation("swap", *(tuple([[0.1, 0.2]] * 3)))
    fig = text_plots.plot_preservation([result])
    assert len(fig.axes) == 2 and len(fig.axes[0].lines) >= 1
    gain = {k: [0.5, 0.6] for k in ("plain", "augmented", "plain_std", "augmented_std")} | {
        "sizes": [10, 20]
    }
    assert len(text_plots.plot_gain(gain).axes) == 1
    assert len(text_plots.plot_keyboard("g").axes[0].patches) == 26


def test_widget_is_a_demo_that_updates_live(classifier):
    panel = tp.augmentation_widget("The food was great and the staff were kind.", classifier, n=3)
    assert "datagen-demo" in panel._dom_classes
    box, columns, _, _, output = panel.children
    before = output.value
    assert before.count("<tr>") == 1 + 1 + 3
    first_slider = columns.children[0].children[1]
    first_slider.value = 0.5
    assert output.value != before
    box.value = "   "
    assert "text must be a str with at least one non-whitespace character" in output.value


def test_reordered_sentences_show_where_they_came_from():
    story = "We arrived. It was cold. We slept."
    moved = "It was cold. We arrived. We slept."
    assert tp.sentence_moves(story, moved) == [
        ("It was cold.", 1),
        ("We arrived.", 0),
        ("We slept.", None),
    ]
    assert (
        tp.highlight_text(story, moved)
        == "{+It was cold.+}(was 2) {+We arrived.+}(was 1) We slept."
    )
    assert "was 2</sup>" in tp.highlight_html(story, moved)
    assert (
        tp.sentence_moves(story, story) is None and tp.sentence_moves(story, "Other words.") is None
    )
    assert (
        tp.highlight_text("我喜欢。很好！", "很好！我喜欢。")
        == "{+很好！+}(was 2){+我喜欢。+}(was 1)"
    )


def test_variant_table_and_reasons_speak_chinese_in_the_chinese_edition(monkeypatch, classifier):
    """Under DATAGEN_LAB_LANG=zh the table's labels, the notes, the passive helper's reasons and
    the exercise feedback are Chinese; the operations' names and the texts themselves are not."""
    from datagen_lab.text import exercises
    from datagen_lab.text.classifier import Preservation, preservation_table

    english_table = tp.VariantTable(TEXT, [at.to_passive(TEXT)], classifier)
    english = repr(english_table), english_table._repr_html_()
    reason = at.sentence_to_passive("They will eat the cake.").reason
    assert reason.startswith("'will' is an auxiliary")
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    table = tp.VariantTable(TEXT, [at.to_passive(TEXT)], classifier)
    text, page = repr(table), table._repr_html_()
    assert text.startswith(f"原文：{TEXT}  -> ") and "未改动：" in text and "passive" in text
    assert "<th" in page and ">操作</th>" in page and ">预测</th>" in page
    assert "正面" in text or "负面" in text
    assert at.sentence_to_passive("They will eat the cake.").reason == (
        "“will”是助动词、情态动词或否定词：只处理简单的一般过去时或一般现在时动词"
    )
    assert "没有转换：" in repr(exercises.check_passive("They will eat the cake."))
    kept = Preservation("swap", [0.0, 0.1], [0.0, 0.2], [1.0, 1.0])
    assert preservation_table([kept]).splitlines() == [
        "      操作 α=0.0  α=0.1 ",  # padded by display width: a CJK character is two columns
        "      swap   100%   100%  （预测不变的比例）",
    ]
    panel = tp.augmentation_widget(TEXT, classifier, n=2)
    assert panel.children[0].description == "文本" and "原文" in panel.children[-1].value
    monkeypatch.setenv("DATAGEN_LAB_LANG", "en")
    again = tp.VariantTable(TEXT, [at.to_passive(TEXT)], classifier)
    assert (repr(again), again._repr_html_()) == english  # English is unchanged
    assert preservation_table([kept]).splitlines()[0] == " operation α=0.0  α=0.1 "
