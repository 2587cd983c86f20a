"""Bad inputs to lesson 2's text helpers, the data loaders and the shared widgets/exercises.

Every case either raises a clear error (raised inside datagen_lab, naming the argument) or gives
a correct result. Families: wrong type, None, empty and blank text, too-long text, NaN/inf,
out-of-range strengths, zero/negative counts, mismatched lengths, unknown names, wrong ndim or
dtype, missing files. Also: decomposed accents (NFC) and linear time on long texts.
"""

from __future__ import annotations

import random
import sys
import unicodedata

import numpy as np
import pytest
from bad_input_helpers import NON_FINITE, assert_clear_error, assert_finite

from datagen_lab import config, corpora, data, environment, exercises, widgets
from datagen_lab.checks import MAX_TEXT_CHARS
from datagen_lab.text import augment as at
from datagen_lab.text import ops as text_ops
from datagen_lab.text.classifier import NaiveBayes, augmentation_gain, label_preservation, words_of
from datagen_lab.text.diff import change_share, word_diff
from datagen_lab.text.exercises import (
    check_deletion_threshold,
    check_eda_count,
    check_order_blind,
    check_passive,
    check_swap_function,
)
from datagen_lab.text.inflect import analyses, hint_after, inflect, past_participle
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.noise import spelling_noise
from datagen_lab.text.panel import (
    VariantTable,
    augmentation_widget,
    highlight_html,
    highlight_text,
    operations_table,
    sentence_moves,
)
from datagen_lab.text.plots import plot_gain, plot_keyboard, plot_preservation
from datagen_lab.text.reviews import load_reviews, split_reviews
from datagen_lab.text.tokens import (
    Tokens,
    detokenize,
    match_case,
    no_space_before,
    sentence_spans,
    split,
    split_sentences,
    tokenize,
    word_set,
)
from datagen_lab.text.voice import passive_voice, sentence_to_passive

TEXT = "The movies were great, and I really loved the acting! We left happy."
OPS = [
    "synonym_replacement",
    "random_insertion",
    "lemmatize",
    "random_swap",
    "random_deletion",
    "reorder_sentences",
    "to_passive",
    "spelling_noise",
    "grammar_noise",
]
TOO_LONG = "a" * (MAX_TEXT_CHARS + 1)
BAD_TEXTS = [
    ("none", None),
    ("int", 42),
    ("bytes", b"bytes"),
    ("list", ["a", "list"]),
    ("empty", ""),
    ("blank", " \n\t"),
    ("too-long", TOO_LONG),
]
BAD_ALPHAS = [
    *NON_FINITE,
    ("negative", -0.1),
    ("above-one", 1.5),
    ("str", "0.1"),
    ("none", None),
    ("bool", True),
]
BAD_SEEDS = [("negative", -1), ("float", 1.5), ("str", "0"), ("none", None), ("bool", True)]
BAD_COUNTS = [("zero", 0), ("negative", -2), ("float", 1.5), ("str", "3"), ("none", None)]


def ids(cases):
    return [name for name, _ in cases]


def values(cases):
    return [value for _, value in cases]


@pytest.fixture(scope="module")
def tokens():
    return split(TEXT)


@pytest.fixture(scope="module")
def judge():
    train_x, train_y, _, _ = split_reviews()
    return NaiveBayes().fit(train_x, train_y)


# --- text operations: text, alpha, seed, options ------------------------------------------------


@pytest.mark.parametrize("text", values(BAD_TEXTS), ids=ids(BAD_TEXTS))
@pytest.mark.parametrize("op", OPS)
def test_operations_refuse_bad_text(op, text):
    error = assert_clear_error(lambda: getattr(at, op)(text), "text")
    if text is TOO_LONG:
        assert "2,000,000" in str(error) and "2,000,001" in str(error)


@pytest.mark.parametrize("alpha", values(BAD_ALPHAS), ids=ids(BAD_ALPHAS))
@pytest.mark.parametrize("op", OPS)
def test_operations_refuse_bad_alpha(op, alpha):
    assert_clear_error(lambda: getattr(at, op)(TEXT, alpha=alpha), "alpha")


@pytest.mark.parametrize("seed", values(BAD_SEEDS), ids=ids(BAD_SEEDS))
@pytest.mark.parametrize("op", OPS)
def test_operations_refuse_bad_seed(op, seed):
    assert_clear_error(lambda: getattr(at, op)(TEXT, seed=seed), "seed")


@pytest.mark.parametrize("senses", [0, -1, 1.5, "2"])
@pytest.mark.parametrize("op", ["synonym_replacement", "random_insertion"])
def test_bad_senses(op, senses):
    assert_clear_error(lambda: getattr(at, op)(TEXT, senses=senses), "senses")


@pytest.mark.parametrize("mode", ["lemmas", None, 1])
def test_bad_lemmatize_mode(mode):
    assert_clear_error(lambda: at.lemmatize(TEXT, mode=mode), "mode")


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: at.augment(TEXT, None), "alphas"),
        (lambda: at.augment(TEXT, ["swap"]), "alphas"),
        (lambda: at.augment(TEXT, {"shuffle": 0.1}), "alphas"),
        (lambda: at.augment(TEXT, {"swap": float("nan")}), "alphas['swap']"),
        (lambda: at.augment(TEXT, {"swap": 2}), "alphas['swap']"),
        (lambda: at.augment(TEXT, {"swap": 0.1}, mode="some"), "mode"),
        (lambda: at.augment(TEXT, {"swap": 0.1}, include_original="yes"), "include_original"),
        (lambda: at.augment(None, {"swap": 0.1}), "text"),
        (lambda: at.eda(TEXT, alpha_ri=-1), "alpha_ri"),
        (lambda: at.eda(TEXT, p_rd=float("inf")), "p_rd"),
        (lambda: at.synonyms(None), "word"),
        (lambda: at.synonyms(""), "word"),
        (lambda: at.synonyms("good", previous=None), "previous"),
        (lambda: at.synonyms("good", senses=0), "senses"),
        (lambda: at.Augmented(None), "text"),
        (lambda: at.Augmented("x", op=3), "op"),
    ],
)
def test_augment_eda_synonyms_bad_arguments(case, argument):
    assert_clear_error(case, argument)


@pytest.mark.parametrize("n", values(BAD_COUNTS), ids=ids(BAD_COUNTS))
def test_bad_variant_counts(n):
    assert_clear_error(lambda: at.eda(TEXT, n=n), "n")
    assert_clear_error(lambda: at.augment(TEXT, {"swap": 0.1}, n=n), "n")


def test_edge_inputs_that_have_a_correct_result():
    # a single word, punctuation only, numbers only: unchanged, with a note saying why
    assert at.random_swap("Hello").note.startswith("unchanged")
    assert at.synonym_replacement("?!").note.startswith("unchanged")
    assert at.random_deletion("42").note.startswith("unchanged")
    # alpha 0 and 1 are the ends of the range, not errors
    assert at.random_swap(TEXT, alpha=0.0) == TEXT
    assert sorted(words_of(at.random_swap(TEXT, alpha=1.0))) == sorted(words_of(TEXT))
    # a NumPy number is a number
    assert at.random_swap(TEXT, alpha=np.float32(0.2), seed=np.int64(1)) == at.random_swap(
        TEXT, alpha=0.2, seed=1
    )
    assert len(at.eda(TEXT, n=np.int64(3))) == 3
    assert at.augment(TEXT, {}, n=2) == [TEXT, TEXT]
    assert detokenize([]) == "" and tokenize("  a  ") == ["a"]


# --- Unicode: decomposed accents are composed (NFC) before tokenising --------------------------

DECOMPOSED = "Le cafe\u0301 e\u0301tait tre\u0300s agre\u0301able."


def test_decomposed_accents_stay_inside_their_words():
    composed = unicodedata.normalize("NFC", DECOMPOSED)
    assert tokenize(DECOMPOSED) == ["Le", "café", "était", "très", "agréable", "."]
    assert split(DECOMPOSED).kinds == split(composed).kinds
    assert str(split(DECOMPOSED)) == composed
    assert words_of(DECOMPOSED) == words_of(composed)
    assert change_share(DECOMPOSED, composed) == 0.0
    assert split_sentences(DECOMPOSED) == [composed]
    for op in OPS:
        made = getattr(at, op)(DECOMPOSED, alpha=0.5, seed=1)
        assert made == getattr(at, op)(composed, alpha=0.5, seed=1)
        assert "\u0301" not in made and "\u0300" not in made


# --- long texts: linear time, counted in executed lines (cannot flake) --------------------------


def executed_lines(call) -> int:
    """How many lines of datagen_lab's code ``call`` executes (loop bodies once per turn)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if "datagen_lab" in frame.f_code.co_filename else None

    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def long_text(sentences: int) -> str:
    texts, _ = load_reviews()
    return " ".join(texts[k % len(texts)] for k in range(sentences))


@pytest.mark.parametrize("op", [*OPS, "eda", "change_share", "highlight_text"])
def test_operations_take_linear_time_on_long_texts(op):
    """10x the text costs about 10x the steps (quadratic code would cost about 100x)."""

    def run(text):
        text_ops._candidates.cache_clear()  # caches keyed by the text would hide the work
        if op == "eda":
            return at.eda(text, n=2, seed=0)
        if op in ("change_share", "highlight_text"):
            variant = at.random_swap(text, alpha=0.2, seed=0)
            function = change_share if op == "change_share" else highlight_text
            return executed_lines(lambda: function(text, variant))
        return getattr(at, op)(text, alpha=0.3, seed=0)

    small, large = long_text(60), long_text(600)  # about 3,000 and 30,000 characters
    for text in (small, large):  # warm the word caches, so both counts see the same lookups
        run(text)
    if op in ("change_share", "highlight_text"):
        steps_small, steps_large = run(small), run(large)
    else:
        steps_small = executed_lines(lambda: run(small))
        steps_large = executed_lines(lambda: run(large))
    assert steps_large < 25 * steps_small, (steps_small, steps_large)


def test_a_megabyte_of_text_is_accepted_and_a_book_is_refused_with_the_limit():
    text = long_text(22_000)  # about 1 MB
    assert len(text) > 1_000_000
    made = at.random_insertion(text, alpha=0.01, seed=0)
    before = split(text)
    inserted = len(split(made)) - len(before)  # synonyms like "ice cream" count as two
    assert inserted >= int(0.01 * len(before.word_indices()))
    error = assert_clear_error(lambda: at.eda(text * 2), "text")
    assert "at most 2,000,000 characters" in str(error)


# --- tokens -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: tokenize(None), "text"),
        (lambda: tokenize("  "), "text"),
        (lambda: split(None), "text"),
        (lambda: split(["a"]), "text"),
        (lambda: split_sentences(""), "text"),
        (lambda: detokenize(None), "tokens"),
        (lambda: detokenize("abc"), "tokens"),
        (lambda: detokenize([1, 2]), "tokens"),
        (lambda: detokenize(["a", None]), "tokens"),
        (lambda: sentence_spans("The text."), "tokens"),
        (lambda: match_case(None, "a"), "model"),
        (lambda: match_case("A", 3), "word"),
        (lambda: no_space_before(None), "token"),
        (lambda: word_set(None), "text"),
        (lambda: Tokens(["a"], [""], ["word"]), "gaps"),
        (lambda: Tokens(["a"], ["", ""], ["word", "word"]), "kinds"),
        (lambda: Tokens("a", ["", ""], ["word"]), "texts"),
        (lambda: split("a b").delete(5), "index"),
        (lambda: split("a b").insert(-1, "c"), "index"),
        (lambda: split("a b").insert(0, ""), "text"),
        (lambda: split("a b").insert(0, "c", kind="noun"), "kind"),
    ],
)
def test_token_helpers_bad_arguments(case, argument):
    assert_clear_error(case, argument)


# --- the operations on tokens, inflection and the lexicon ---------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: text_ops.changes(2.0, 3), "alpha"),
        (lambda: text_ops.changes(0.1, -1), "words"),
        (lambda: text_ops.word_synonyms(None), "word"),
        (lambda: text_ops.lexical_candidates(split(TEXT), senses=-1), "senses"),
        (lambda: text_ops.random_swap(TEXT, 0.1, random.Random(0)), "tokens"),
        (lambda: text_ops.random_swap(split(TEXT), 0.1, 0), "rng"),
        (lambda: text_ops.random_deletion(split(TEXT), float("nan"), random.Random(0)), "alpha"),
        (lambda: text_ops.lemmatize(split(TEXT), 0.1, random.Random(0), mode="x"), "mode"),
        (lambda: text_ops.insert_at_word_ranks(split(TEXT), [(99, "x")]), "rank"),
        (lambda: text_ops.insert_at_word_ranks(split("?!"), [(0, "x")]), "tokens"),
        (lambda: text_ops.sentence_case("text"), "tokens"),
        (lambda: spelling_noise(split(TEXT), 0.1, random.Random(0), typos=("typo",)), "typos"),
        (lambda: spelling_noise(split(TEXT), 0.1, random.Random(0), typos="delete"), "typos"),
        (lambda: spelling_noise(split(TEXT), 0.1, random.Random(0), typos=()), "typos"),
        (lambda: passive_voice("text", 0.1, random.Random(0)), "tokens"),
        (lambda: sentence_to_passive(None), "sentence"),
        (lambda: sentence_to_passive("   "), "sentence"),
        (lambda: hint_after(None), "previous"),
        (lambda: analyses(None), "word"),
        (lambda: analyses("run", hint="v"), "hint"),
        (lambda: inflect("run", "x", "ing"), "pos"),
        (lambda: inflect("run", "v", "past"), "form"),
        (lambda: inflect(None, "v", "s"), "lemma"),
        (lambda: past_participle(None), "verb"),
        (lambda: lexicon().morphy("ran", "x"), "pos"),
        (lambda: lexicon().morphy(["ran"], "v"), "form"),
        (lambda: lexicon().synonyms("run", "v", 0), "senses"),
        (lambda: lexicon().synonyms(None, "v"), "lemma"),
        (lambda: lexicon().irregular_forms("go", "q"), "pos"),
    ],
)
def test_token_operations_inflection_lexicon_bad_arguments(case, argument):
    assert_clear_error(case, argument)


def test_deferred_deletions_must_come_last_to_first():
    deletions = split("a b c").deleter()
    deletions.delete(1)
    assert_clear_error(lambda: deletions.delete(2), "index")


# --- classifier, diffs, reviews ----------------------------------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: NaiveBayes(0), "smoothing"),
        (lambda: NaiveBayes(-1), "smoothing"),
        (lambda: NaiveBayes(float("nan")), "smoothing"),
        (lambda: NaiveBayes("1"), "smoothing"),
        (lambda: NaiveBayes().fit(["a", "b"], [0]), "labels"),
        (lambda: NaiveBayes().fit([], []), "texts"),
        (lambda: NaiveBayes().fit("abc", [1, 1, 1]), "texts"),
        (lambda: NaiveBayes().fit(["a", None], [0, 1]), "texts"),
        (lambda: NaiveBayes().fit(["a", "b"], [0.5, 1]), "labels"),
        (lambda: NaiveBayes().fit(["a", "b"], [-1, 1]), "labels"),
        (lambda: NaiveBayes().fit(["a", "b"], [[0, 1]]), "labels"),
        (lambda: NaiveBayes().predict(["a"]), "self"),
        (lambda: NaiveBayes().top_words(), "self"),
        (lambda: words_of(None), "text"),
        (lambda: word_diff(None, "a"), "original"),
        (lambda: word_diff("a", ""), "variant"),
        (lambda: change_share(3, "a"), "original"),
        (lambda: split_reviews(test_share=0), "test_share"),
        (lambda: split_reviews(test_share=1), "test_share"),
        (lambda: split_reviews(test_share=float("nan")), "test_share"),
        (lambda: split_reviews(test_share="0.5"), "test_share"),
        (lambda: split_reviews(seed=-1), "seed"),
    ],
)
def test_classifier_diff_reviews_bad_arguments(case, argument):
    assert_clear_error(case, argument)


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda m: m.predict_proba(None), "texts"),
        (lambda m: m.predict_proba("one text"), "texts"),
        (lambda m: m.score(["a", "b"], [1]), "labels"),
        (lambda m: m.top_words(0), "k"),
        (lambda m: m.top_words(1.5), "k"),
        (lambda m: label_preservation(None, ["a"], at.random_swap, [0.1]), "classifier"),
        (lambda m: label_preservation(m, [], at.random_swap, [0.1]), "texts"),
        (lambda m: label_preservation(m, ["a"], "swap", [0.1]), "operation"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, [1.5]), "alphas"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, [float("nan")]), "alphas"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, []), "alphas"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, [0.1], variants=0), "variants"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, [0.1], seed=-1), "seed"),
        (lambda m: label_preservation(m, ["a"], at.random_swap, [0.1], name=3), "name"),
    ],
)
def test_fitted_classifier_bad_arguments(judge, case, argument):
    assert_clear_error(lambda: case(judge), argument)


@pytest.mark.parametrize(
    "change, argument",
    [
        ({"train": (["a", "b"], [0])}, "train[1]"),
        ({"train": "texts"}, "train"),
        ({"test": (["a"], [2])}, "test[1]"),
        ({"sizes": []}, "sizes"),
        ({"sizes": [1]}, "sizes"),
        ({"sizes": [10_000]}, "sizes"),
        ({"sizes": [10.5]}, "sizes"),
        ({"augmenter": None}, "augmenter"),
        ({"repeats": 0}, "repeats"),
        ({"seed": -1}, "seed"),
        ({"progress": "yes"}, "progress"),
    ],
)
def test_augmentation_gain_bad_arguments(change, argument):
    train_x, train_y, test_x, test_y = split_reviews()
    arguments = {
        "train": (train_x, train_y),
        "test": (test_x, test_y),
        "sizes": [10],
        "augmenter": lambda text, seed: [text],
        "repeats": 1,
    } | change
    assert_clear_error(lambda: augmentation_gain(**arguments), argument)


def test_classifier_edge_inputs_have_correct_results(judge):
    # a refit starts afresh: the same data gives the same model whatever was fitted before
    fresh = NaiveBayes().fit(["good film", "bad film"], [1, 0])
    refit = (
        NaiveBayes()
        .fit(["other words entirely", "more"], [0, 1])
        .fit(["good film", "bad film"], [1, 0])
    )
    np.testing.assert_allclose(fresh.predict_proba(["good"]), refit.predict_proba(["good"]))
    assert refit.vocabulary == fresh.vocabulary
    # texts with no known word get the prior; blank texts are texts with no words
    probabilities = judge.predict_proba(["zzz qqq", ""])
    assert_finite(probabilities)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1)
    assert judge.top_words(10_000)[0][:3] == judge.top_words(3)[0]


# --- exercises: learners' answers never raise; the lesson's own arguments are checked ----------


@pytest.mark.parametrize(
    "check",
    [
        lambda: check_eda_count(None),
        lambda: check_eda_count("two"),
        lambda: check_eda_count([1, 2]),
        lambda: check_eda_count(float("nan")),
        lambda: check_passive(None),
        lambda: check_passive(42),
        lambda: check_passive(""),
        lambda: check_deletion_threshold("x"),
        lambda: check_swap_function(None),
        lambda: check_swap_function(lambda words, n, rng: None),
        lambda: check_order_blind(None),
        lambda: exercises.check_close(object(), 1, "ok", "hint"),
        lambda: exercises.check_number("abc", lambda v: v > 0, "ok", "hint"),
    ],
)
def test_learners_answers_get_feedback_not_errors(check):
    result = check()
    assert isinstance(result, exercises.Feedback) and result.ok is False and result.message


def test_a_right_answer_is_still_right():
    assert check_eda_count(2).ok and check_eda_count(np.int64(2)).ok
    assert check_order_blind(" Random_Swap ").ok


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: check_eda_count(2, words=0), "words"),
        (lambda: check_eda_count(2, alpha=2), "alpha"),
        (lambda: check_deletion_threshold(0.1, target=1.5), "target"),
        (lambda: exercises.Feedback("yes", "m"), "ok"),
        (lambda: exercises.Feedback(True, None), "message"),
        (lambda: exercises.feedback(True, None, "hint"), "success"),
        (lambda: exercises.check_close(1, 1, "ok", "hint", tol=-1), "tol"),
        (lambda: exercises.check_close(1, 1, "ok", "hint", tol=float("nan")), "tol"),
        (lambda: exercises.check_with("not callable", 1, "ok", "hint"), "predicate"),
        (
            lambda: exercises.check_function(len, None, (1,), "ok", "hint", returns_none="x"),
            "agrees",
        ),
        (lambda: exercises.check_function(len, len, 1, "ok", "hint", returns_none="x"), "probe"),
        (lambda: exercises.check_number(1, None, "ok", "hint"), "predicate"),
        (lambda: exercises.check_number(1, bool, 3, "hint"), "success"),
    ],
)
def test_exercise_helpers_bad_arguments(case, argument):
    assert_clear_error(case, argument)


# --- panel and plots ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: highlight_html(None, "a"), "original"),
        (lambda: highlight_text("a", None), "variant"),
        (lambda: highlight_text("a", "  "), "variant"),
        (lambda: sentence_moves(None, "A. B."), "original"),
        (lambda: VariantTable(None, ["a"]), "original"),
        (lambda: VariantTable(TEXT, "a variant"), "variants"),
        (lambda: VariantTable(TEXT, ["b", None]), "variants"),
        (lambda: VariantTable(TEXT, ["b", " "]), "variants[1]"),
        (lambda: VariantTable(TEXT, ["b"], names=["x", "y"]), "names"),
        (lambda: VariantTable(TEXT, ["b"], names="x"), "names"),
        (lambda: VariantTable(TEXT, ["b"], classifier="model"), "classifier"),
        (lambda: operations_table(None), "text"),
        (lambda: operations_table(TEXT, alpha=2), "alpha"),
        (lambda: operations_table(TEXT, seed=-1), "seed"),
        (lambda: operations_table(TEXT, ops=["nope"]), "ops"),
        (lambda: operations_table(TEXT, ops="swap"), "ops"),
        (lambda: operations_table(TEXT, ops=[]), "ops"),
        (lambda: augmentation_widget(3), "text"),
        (lambda: augmentation_widget(TEXT, n=0), "n"),
        (lambda: augmentation_widget(TEXT, n=13), "n"),
        (lambda: augmentation_widget(TEXT, seed=10**7), "seed"),
        (lambda: augmentation_widget(TEXT, classifier=3), "classifier"),
        (lambda: plot_preservation([]), "results"),
        (lambda: plot_preservation(None), "results"),
        (lambda: plot_preservation(["x"]), "results[0]"),
        (lambda: plot_preservation([], title=3), "title"),
        (lambda: plot_gain({}), "gain"),
        (
            lambda: plot_gain({k: [1.0] for k in ("sizes", "plain", "augmented", "plain_std")}),
            "gain",
        ),
        (
            lambda: plot_gain(
                {k: [1.0, 2.0] for k in ("sizes", "plain", "augmented", "plain_std")}
                | {"augmented_std": [1.0]}
            ),
            "gain['augmented_std']",
        ),
        (lambda: plot_keyboard(""), "keys"),
        (lambda: plot_keyboard("1"), "keys"),
        (lambda: plot_keyboard(None), "keys"),
    ],
)
def test_panel_and_plots_bad_arguments(case, argument):
    assert_clear_error(case, argument)


def test_plot_keyboard_reads_capitals_as_their_keys():
    import matplotlib.pyplot as plt

    figure = plot_keyboard("G")
    assert "g" in figure.axes[0].get_title()
    plt.close(figure)


# --- widgets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: widgets.png_bytes(None), "image"),
        (lambda: widgets.png_bytes(np.zeros(5)), "image"),
        (lambda: widgets.png_bytes(np.zeros((4, 4, 2))), "image"),
        (lambda: widgets.png_bytes(np.full((4, 4), np.nan)), "image"),
        (lambda: widgets.png_bytes(np.full((4, 4), 200.0)), "image"),
        (lambda: widgets.png_bytes(np.full((4, 4), -1.0)), "image"),
        (lambda: widgets.png_bytes(np.full((4, 4), 300, np.int32)), "image"),
        (lambda: widgets.png_bytes(np.zeros((4, 4), np.uint8), scale=0), "scale"),
        (lambda: widgets.png_bytes(np.zeros((4, 4), np.uint8), scale=1.5), "scale"),
        (lambda: widgets.image_browser([]), "images"),
        (lambda: widgets.image_browser(np.zeros((28, 28), np.uint8)), "images"),
        (lambda: widgets.image_browser(np.zeros((2, 8, 8), np.uint8), labels=[1]), "labels"),
        (lambda: widgets.image_browser(np.zeros((2, 8, 8), np.uint8), scale=0), "scale"),
        (lambda: widgets.demo_box(None), "children"),
        (lambda: widgets.demo_box(["text"]), "children"),
    ],
)
def test_widgets_bad_arguments(case, argument):
    assert_clear_error(case, argument)


def test_widgets_edge_inputs_have_correct_results():
    from io import BytesIO

    from PIL import Image

    as_int = widgets.png_bytes(np.full((2, 2), 200, np.int64))
    as_uint8 = widgets.png_bytes(np.full((2, 2), 200, np.uint8))
    assert as_int == as_uint8  # whole numbers in 0-255 are pixels, whatever their dtype
    nearly = Image.open(BytesIO(widgets.png_bytes(np.full((2, 2), 1.000001))))
    assert np.asarray(nearly).max() == 255  # rounding a hair above 1 is still white


# --- data loaders, corpora, environment, config --------------------------------------------------


@pytest.mark.parametrize(
    "case, argument",
    [
        (lambda: data.load_mnist(source=3), "source"),
        (lambda: data.load_mnist(source=""), "source"),
        (lambda: data.load_mnist(download="yes"), "download"),
        (lambda: data.load_photo("x"), "name"),
        (lambda: data.load_photo(None), "name"),
        (lambda: data.font_path(None), "name"),
        (lambda: data.font_path("../fonts/DejaVuSans.ttf"), "name"),
        (lambda: corpora.ensure_corpus("brown"), "name"),
        (lambda: corpora.ensure_corpus(None), "name"),
        (lambda: corpora.ensure_corpus("wordnet", download="yes"), "download"),
        (lambda: corpora.stopwords("klingon"), "language"),
        (lambda: corpora.stopwords(None), "language"),
        (lambda: environment.check_environment("yes"), "include_tensorflow"),
    ],
)
def test_loaders_bad_arguments(case, argument):
    assert_clear_error(case, argument)


def test_missing_files_give_the_loaders_clear_errors(tmp_path):
    with pytest.raises(data.DataNotFoundError, match="Could not find MNIST"):
        data.load_mnist(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="DejaVuSans.ttf"):
        data.font_path("arial.ttf")


def test_mnist_arrays_are_checked():
    images, labels = np.zeros((3, 28, 28), np.uint8), np.zeros(3, np.uint8)
    assert_clear_error(lambda: data.MNIST(images, labels[:2], images, labels, "x"), "train_labels")
    assert_clear_error(
        lambda: data.MNIST(images[:, :14], labels, images, labels, "x"), "train_images"
    )
    assert_clear_error(lambda: data.MNIST(images, labels + 10, images, labels, "x"), "train_labels")


def test_cache_folder_that_cannot_be_made_is_named(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(config.CACHE_ENV, str(blocker / "cache"))
    with pytest.raises(OSError, match=config.CACHE_ENV):
        config.cache_dir()
