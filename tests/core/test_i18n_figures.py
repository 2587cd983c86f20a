"""Figures speak the course language: Chinese titles, labels and legends with DATAGEN_LAB_LANG=zh,
the English ones, unchanged, otherwise; and the catalog files merge without contradictions."""

from __future__ import annotations

import ast
import json
import re
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from datagen_lab import i18n  # noqa: E402

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "datagen_lab"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Calls in a notebook that draw a lesson figure: their literal titles pass through t().
FIGURE_CALL = ("plot_", "show_")
TITLE_KEYWORDS = ("title", "suptitle")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def figure_texts(fig) -> list[str]:
    """Every fixed text of ``fig``: suptitle, axes titles (all three places), axis labels,
    legend entries and free texts (tick labels left out: numbers and names of data)."""
    texts = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    texts += [text.get_text() for text in fig.texts]
    texts += [legend_text.get_text() for legend in fig.legends for legend_text in legend.texts]
    for ax in fig.axes:
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        texts += [text.get_text() for text in ax.texts]
        if ax.get_legend() is not None:
            texts += [text.get_text() for text in ax.get_legend().texts]
    return [text for text in texts if text]


def lesson_figures() -> dict[str, object]:
    """A few real lesson figures, drawn from small made-up inputs (no training, no data)."""
    from datagen_lab.dcgan.conditioning import plot_quality_curves
    from datagen_lab.dcgan.evaluation import DigitReport
    from datagen_lab.gan_game.plots import plot_generator_losses
    from datagen_lab.image.plots import plot_training_comparison
    from datagen_lab.privacy.plots import plot_rdp_conversion
    from datagen_lab.synthesis.plots import plot_class_counts
    from datagen_lab.text.plots import plot_keyboard
    from datagen_lab.vae.plots import plot_kl_convergence

    history = {"accuracy": [0.5, 0.8, 0.9], "val_accuracy": [0.5, 0.7, 0.8]}
    report = DigitReport(100, 0.8, 0.5, np.full(10, 10), 3.3, 20.0)
    records = [{"step": step, "report": report} for step in (100, 200)]
    orders = np.array([1.5, 2.0, 4.0, 8.0, 16.0, 32.0])
    return {
        "text": plot_keyboard("g"),
        "gan_game": plot_generator_losses(),
        "image": plot_training_comparison({"plain": (history, 0.4)}),
        "dcgan": plot_quality_curves({"unconditional (default)": records}),
        "vae": plot_kl_convergence(np.zeros(2), np.zeros(2), (10, 100), seed=0),
        "privacy": plot_rdp_conversion(orders, 0.05 * orders, 1e-5),
        "synthesis": plot_class_counts({0: 50, 1: 5}, {0: 50, 1: 50}),
    }


def test_lesson_figures_speak_chinese_in_zh_mode(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    with matplotlib.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        i18n.set_language("zh")  # as the Chinese notebooks do: Chinese words and a CJK font
        figures = lesson_figures()
        for fig in figures.values():
            fig.canvas.draw()
    missing = {str(w.message) for w in caught if "missing from font" in str(w.message)}
    assert missing == set()
    for lesson, fig in figures.items():
        texts = figure_texts(fig)
        titles = [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
        titles = [title for title in titles if title]
        assert all(CJK.search(title) for title in titles), (lesson, titles)
        assert titles or lesson == "synthesis", lesson  # the class counts have no title
        assert any(CJK.search(text) for text in texts), (lesson, texts)
        english = [text for text in texts if re.fullmatch(r"[A-Za-z ,'()]{12,}", text)]
        assert english == [], f"{lesson}: untranslated figure texts {english}"
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    for lesson, fig in lesson_figures().items():
        assert not any(CJK.search(text) for text in figure_texts(fig)), lesson


def test_english_figures_keep_their_exact_words(monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    figures = lesson_figures()
    image_texts = figure_texts(figures["image"])
    assert "the gap between dashed and solid is overfitting" in image_texts
    assert "plain: held out" in image_texts and "final accuracy" in image_texts
    assert figures["text"].axes[0].get_title() == "Keyboard neighbours of g"
    assert "share with confidence >= 0.9" in figure_texts(figures["dcgan"])
    monkeypatch.setenv(i18n.ENV_VAR, "zh")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no CJK font configured here: only the words count
        assert lesson_figures()["text"].axes[0].get_title() == "g在键盘上的相邻键"


def test_chinese_figure_texts_draw_without_missing_glyphs(monkeypatch):
    """Every translation in zh_figures.json, drawn with the course's CJK font: no empty boxes."""
    from datagen_lab import cjk_fonts

    entries = json.loads((PACKAGE / "locale" / "zh_figures.json").read_text(encoding="utf-8"))
    with matplotlib.rc_context():
        cjk_fonts.use_cjk_font()
        fig = plt.figure(figsize=(4, 4), dpi=30)
        for row, chinese in enumerate(entries.values()):
            fig.text(0.01, row / len(entries), chinese.replace("{", "").replace("}", ""))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []


def test_names_drawn_from_constants_are_in_the_catalog():
    """Texts that reach t() through a variable: panel titles (metric_groups), the capstone's arm
    names, default titles of plotting functions, method names and the VAE's row names."""
    from datagen_lab.capstone.config import ARM_NAMES
    from datagen_lab.dcgan.latent import METHODS as LATENT_METHODS
    from datagen_lab.synthesis.gap_filling import METHODS as GAP_METHODS

    needed = set(ARM_NAMES.values()) | set(LATENT_METHODS) | set(GAP_METHODS)
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = getattr(node, "targets", [])
            if any(getattr(target, "id", "") == "metric_groups" for target in targets):
                needed |= {key.value for key in node.value.keys}
            if isinstance(node, ast.FunctionDef) and node.name.startswith(FIGURE_CALL):
                arguments = node.args.args + node.args.kwonlyargs
                defaults = [*node.args.defaults, *node.args.kw_defaults]
                for argument, default in zip(arguments[::-1], defaults[::-1], strict=False):
                    if argument.arg in TITLE_KEYWORDS and isinstance(
                        getattr(default, "value", None), str
                    ):
                        needed.add(default.value)
            if isinstance(node, ast.FunctionDef) and node.name == "where_blur_comes_from":
                returned = [n.value for n in ast.walk(node) if isinstance(n, ast.Return)]
                needed |= {key.value for key in returned[-1].keys}
    needed.discard("")
    missing = sorted(needed - set(i18n.catalog("zh")))
    assert missing == [], "untranslated in datagen_lab/locale/zh_figures.json:\n" + "\n".join(
        missing
    )


def notebook_titles(notebook: Path) -> set[str]:
    """Literal titles a notebook passes to the lessons' plot_*/show_* functions."""
    found = set()
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
        lines = [line for line in source.splitlines() if not line.startswith(("%", "!"))]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            func = getattr(node, "func", None)
            name = getattr(func, "id", None) or getattr(func, "attr", None) or ""
            if isinstance(node, ast.Call) and name.startswith(FIGURE_CALL):
                found |= {
                    keyword.value.value
                    for keyword in node.keywords
                    if keyword.arg in TITLE_KEYWORDS and isinstance(keyword.value, ast.Constant)
                }
    return found


def test_the_titles_lessons_pass_to_figures_are_translated():
    # The Chinese notebooks run the English code cells, so these titles reach t() in Chinese too.
    catalog = i18n.catalog("zh")
    lessons = sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    missing = sorted(
        f"{nb.name}: {title}" for nb in lessons for title in notebook_titles(nb) - set(catalog)
    )
    assert missing == [], "untranslated in datagen_lab/locale/zh_figures.json:\n" + "\n".join(
        missing
    )


def _write(path: Path, entries: dict) -> Path:
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_catalog_merges_every_zh_file():
    names = [path.name for path in i18n.catalog_files("zh")]
    assert {"zh.json", "zh_figures.json"} <= set(names) and names == sorted(names)
    assert i18n.catalog_files("en") == []
    merged = i18n.merge_catalogs(i18n.catalog_files("zh"))
    assert merged == i18n.catalog("zh")
    assert merged["evidence:"] == "依据：" and merged["final accuracy"] == "最终准确率"


def test_a_text_translated_twice_differently_is_an_error(tmp_path):
    first = _write(tmp_path / "zh.json", {"epoch": "迭代周期", "step": "步数"})
    same = _write(tmp_path / "zh_a.json", {"epoch": "迭代周期", "note": ["not a translation"]})
    assert i18n.merge_catalogs([first, same]) == {"epoch": "迭代周期", "step": "步数"}
    other = _write(tmp_path / "zh_b.json", {"step": "步"})
    with pytest.raises(ValueError, match=r"'step' is translated twice: '步数' in zh.json and '步'"):
        i18n.merge_catalogs([first, other])
    with pytest.raises(ValueError, match="expected a JSON object"):
        i18n.merge_catalogs([_write(tmp_path / "zh_c.json", ["step"])])


def test_the_shipped_catalog_files_do_not_contradict_each_other():
    files = i18n.catalog_files("zh")
    seen: dict[str, tuple[str, str]] = {}
    for path in files:
        for english, chinese in json.loads(path.read_text(encoding="utf-8")).items():
            if english in seen and isinstance(chinese, str):
                assert seen[english][1] == chinese, (english, seen[english], path.name)
            seen[english] = (path.name, chinese)


def test_figure_entries_are_well_formed():
    entries = json.loads((PACKAGE / "locale" / "zh_figures.json").read_text(encoding="utf-8"))
    for english, chinese in entries.items():
        assert isinstance(chinese, str) and chinese.strip(), english
        fields = sorted(re.findall(r"\{[^}]*\}", english))
        assert fields == sorted(re.findall(r"\{[^}]*\}", chinese)), english
        assert chinese.count("$") == english.count("$"), english  # mathtext stays intact
