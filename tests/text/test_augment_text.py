"""Tokens, lexical and syntactic operations, EDA and input checks of datagen_lab.text.augment."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from datagen_lab.text import augment as at
from datagen_lab.text.diff import word_diff
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.tokens import (
    PUNCT,
    detokenize,
    sentence_spans,
    split,
    split_sentences,
    tokenize,
)

SENTENCE = "The happy children quickly found seven shiny stones near the old river."
TEXT = "The movies were great, and I really loved the acting! The ending was too long, though. We left happy."
CHINESE = "我喜欢这本书。它很有趣！"
RANDOM_OPS = [
    "synonym_replacement",
    "random_insertion",
    "random_swap",
    "random_deletion",
    "spelling_noise",
]
ALL_OPS = RANDOM_OPS + ["lemmatize", "reorder_sentences", "to_passive", "grammar_noise"]


def words(text: str) -> list[str]:
    tokens = split(text)
    return [t for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]


def punctuation(text: str) -> Counter:
    tokens = split(text)
    return Counter(t for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k == PUNCT)


# --- tokens -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        CHINESE,
        "  Leading and trailing  ",
        "Don't panic!!! It's well-known (really).",
        "Café, naïve; 3.5 kg\tof 1,000 apples…",
        "abc中文def",
    ],
)
def test_split_restores_the_text_exactly(text):
    assert str(split(text)) == text


def test_tokenize_keeps_punctuation_contractions_and_numbers():
    assert tokenize("Don't panic: it's 3.5 km, well-known!") == [
        "Don't", "panic", ":", "it's", "3.5", "km", ",", "well-known", "!",
    ]  # fmt: skip
    assert tokenize(CHINESE) == list(CHINESE)


@pytest.mark.parametrize(
    "text", [TEXT, 'She said "yes" (twice), then left.', "Prices rose 5% in 2024: a record!"]
)
def test_detokenize_inverts_tokenize_on_ordinary_spacing(text):
    assert detokenize(tokenize(text)) == text


def test_sentences_respect_abbreviations_and_chinese_stops():
    assert split_sentences("Mr. Smith arrived. He sat down! Did he? Yes.") == [
        "Mr. Smith arrived.",
        "He sat down!",
        "Did he?",
        "Yes.",
    ]
    assert split_sentences(CHINESE) == ["我喜欢这本书。", "它很有趣！"]
    assert len(sentence_spans(split("No stop at the end"))) == 1


# --- every operation ---------------------------------------------------------------------------


@pytest.mark.parametrize("op", RANDOM_OPS)
def test_same_seed_same_result_and_seeds_differ(op):
    function = getattr(at, op)
    assert function(TEXT, alpha=0.3, seed=7) == function(TEXT, alpha=0.3, seed=7)
    outputs = {function(TEXT, alpha=0.3, seed=seed) for seed in range(8)}
    assert len(outputs) >= 3, outputs
    assert all(out != TEXT for out in outputs)


@pytest.mark.parametrize("op", ALL_OPS)
def test_punctuation_is_kept(op):
    out = getattr(at, op)(TEXT, alpha=0.5, seed=3)
    assert punctuation(out) == punctuation(TEXT)


@pytest.mark.parametrize("op", ALL_OPS)
def test_results_are_augmented_strings(op):
    out = getattr(at, op)(TEXT, alpha=0.3, seed=1)
    assert isinstance(out, str) and isinstance(out, at.Augmented)
    assert out.source == TEXT and out.op in at.OPERATIONS and out.changed == (out != TEXT)


@pytest.mark.parametrize("op", ["synonym_replacement", "random_insertion", "lemmatize"])
def test_lexical_operations_leave_chinese_unchanged_and_say_so(op):
    out = getattr(at, op)(CHINESE, alpha=0.5, seed=0)
    assert out == CHINESE and "WordNet" in out.note


@pytest.mark.parametrize(
    "op", ["random_swap", "random_deletion", "spelling_noise", "reorder_sentences"]
)
def test_order_and_noise_operations_work_on_chinese(op):
    outputs = {getattr(at, op)(CHINESE, alpha=0.5, seed=seed) for seed in range(5)}
    assert any(out != CHINESE for out in outputs)
    assert all(out.strip() for out in outputs)


def test_mixed_scripts_change_only_english_words():
    text = "I love 北京 and the beautiful old city."
    out = at.synonym_replacement(text, alpha=1.0, seed=0)
    assert "北京" in out and out != text


# --- lexical ------------------------------------------------------------------------------------


def test_synonym_replacement_never_touches_stopwords_nor_keeps_the_same_word():
    stop = lexicon().stopwords
    for seed in range(10):
        out = at.synonym_replacement(SENTENCE, alpha=1.0, seed=seed)
        for tag, old, new in word_diff(SENTENCE, out):
            if tag != "equal":
                assert not any(w.lower() in stop for w in old), (old, new)
                assert [w.lower() for w in old] != [w.lower() for w in new]
        remaining = iter(words(out))  # the original's stopwords survive, in order
        assert all(any(w == v for v in remaining) for w in words(SENTENCE) if w.lower() in stop)


def test_synonym_replacement_keeps_case_and_inflection():
    for seed in range(5):
        subject = at.synonym_replacement("Movies are fun.", alpha=1.0, seed=seed).split(" are ")[0]
        assert subject[0].isupper() and subject.endswith("s") and subject != "Movies"
    assert set(at.synonyms("movies")) >= {"films", "pictures"}
    assert "film" not in at.synonyms("movies")
    assert all(s.split()[0].endswith("ing") for s in at.synonyms("running", previous="is"))
    assert "goed" not in " ".join(at.synonyms("went"))
    assert at.synonyms("the") == () and at.synonyms("qwzxv") == ()


def test_names_inside_a_sentence_are_not_replaced():
    out = at.synonym_replacement("We visited Paris and Rome with John.", alpha=1.0, seed=0)
    assert {"Paris", "Rome", "John"} <= set(words(out))


def test_offensive_senses_and_words_are_never_offered():
    assert "enjoyed" in at.synonyms("loved")
    assert not {"humped", "fucked", "had sex", "slept together"} & set(at.synonyms("loved"))
    assert "spick-and-span" in at.synonyms("spotless") and not {"spic", "spick"} & set(
        at.synonyms("spotless")
    )
    lex = lexicon()
    assert {"spic", "fuck"} <= lex.blocked and "spotless" not in lex.blocked


def test_senses_limit_gives_fewer_synonyms():
    assert len(at.synonyms("great", senses=1)) < len(at.synonyms("great"))


def test_random_insertion_only_adds_words():
    out = at.random_insertion(SENTENCE, alpha=0.3, seed=2)
    n = max(1, int(0.3 * len(words(SENTENCE))))
    diff = word_diff(SENTENCE, out)
    assert all(tag in ("equal", "insert") for tag, _, _ in diff)
    assert len(words(out)) >= len(words(SENTENCE)) + n


def test_lemmatize_modes():
    assert at.lemmatize("The children ran home.", alpha=1.0) == "The child run home."
    assert at.lemmatize("The studies continued.", alpha=1.0, mode="stem") == "The studi continu."
    with pytest.raises(ValueError, match="mode"):
        at.lemmatize("The cats ran.", mode="porter")


# --- syntactic ----------------------------------------------------------------------------------


def test_random_swap_keeps_the_words():
    out = at.random_swap(SENTENCE, alpha=0.5, seed=4)
    assert Counter(w.lower() for w in words(out)) == Counter(w.lower() for w in words(SENTENCE))
    assert out != SENTENCE and out[0].isupper()
    single = at.random_swap("Hello!", alpha=1.0)
    assert single == "Hello!" and "fewer than two" in single.note


def test_random_deletion_never_empties_a_sentence():
    for seed in range(20):
        out = at.random_deletion(TEXT, alpha=1.0, seed=seed)
        assert len(split_sentences(out)) == 3
        assert all(words(sentence) for sentence in split_sentences(out))
    assert len(words(at.random_deletion("one two three", alpha=1.0))) == 1
    alone = at.random_deletion("Alone.", alpha=1.0)
    assert alone == "Alone." and "single word" in alone.note


def test_random_deletion_spacing_stays_clean():
    for seed in range(10):
        out = at.random_deletion(TEXT, alpha=0.4, seed=seed)
        assert "  " not in out and " ," not in out and " ." not in out and not out.startswith(" ")


def test_reorder_sentences_moves_every_chosen_sentence():
    out = at.reorder_sentences(TEXT, alpha=1.0, seed=0)
    before, after = split_sentences(TEXT), split_sentences(out)
    assert sorted(before) == sorted(after)
    assert all(a != b for a, b in zip(before, after, strict=True))
    one = at.reorder_sentences("Just one sentence here.", alpha=1.0)
    assert one == "Just one sentence here." and "single sentence" in one.note


# --- EDA and augment ----------------------------------------------------------------------------


def test_eda_makes_n_variants_with_the_four_operations():
    variants = at.eda(TEXT, n=9, seed=0)
    assert len(variants) == 9 and {v.op for v in variants} == set(at.EDA_OPERATIONS)
    assert variants == at.eda(TEXT, n=9, seed=0)
    assert at.eda(TEXT, n=9, seed=1) != variants
    with_original = at.eda(TEXT, n=4, include_original=True)
    assert len(with_original) == 5 and with_original[-1] == TEXT


def test_eda_skips_operations_with_zero_strength():
    variants = at.eda(TEXT, alpha_sr=0, alpha_ri=0, n=8, seed=0)
    assert {v.op for v in variants} == {"swap", "deletion"}
    unchanged = at.augment(TEXT, {"swap": 0.0}, n=2)
    assert unchanged == [TEXT, TEXT] and "alpha is 0" in unchanged[0].note


def test_augment_all_mode_chains_operations():
    variant = at.augment(TEXT, {"swap": 0.3, "spelling": 0.3}, n=1, seed=0, mode="all")[0]
    assert variant.op == "swap+spelling" and variant != TEXT


def test_a_random_generator_continues_its_stream():
    rng = random.Random(5)
    first, second = at.random_swap(TEXT, 0.3, seed=rng), at.random_swap(TEXT, 0.3, seed=rng)
    assert first != second
    assert first == at.random_swap(TEXT, 0.3, seed=random.Random(5))


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t", None, 42, ["a", "list"], b"bytes"])
@pytest.mark.parametrize("op", ALL_OPS)
def test_bad_text_is_a_clear_value_error(op, text):
    with pytest.raises(ValueError, match="text must") as error:
        getattr(at, op)(text)
    assert repr(text)[:10] in str(error.value) or type(text).__name__ in str(error.value)


@pytest.mark.parametrize("alpha", [-0.1, 1.5, "0.1", None, True, float("nan")])
def test_bad_alpha_is_a_clear_value_error(alpha):
    with pytest.raises(ValueError, match=r"alpha must be a number in \[0, 1\]"):
        at.random_swap(TEXT, alpha=alpha)
    with pytest.raises(ValueError, match="alpha_sr"):
        at.eda(TEXT, alpha_sr=alpha)


@pytest.mark.parametrize("n", [0, -2, 1.5, "3", None])
def test_bad_n_is_a_clear_value_error(n):
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        at.eda(TEXT, n=n)


def test_bad_seed_operation_and_mode():
    with pytest.raises(ValueError, match="seed"):
        at.random_swap(TEXT, seed=-1)
    with pytest.raises(ValueError, match="unknown operations"):
        at.augment(TEXT, {"shuffle": 0.1})
    with pytest.raises(ValueError, match="mode"):
        at.augment(TEXT, {"swap": 0.1}, mode="some")


def test_missing_wordnet_gives_the_foundation_error(monkeypatch, tmp_path):
    import nltk

    from datagen_lab import corpora
    from datagen_lab.text import lexicon as text_lexicon

    monkeypatch.setattr(text_lexicon, "lexicon_path", lambda: tmp_path / "absent.pkl")
    monkeypatch.setattr(corpora, "data_roots", lambda: [])
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(
        corpora, "wordnet", lambda: corpora.ensure_corpus("wordnet", download=False)
    )
    text_lexicon.lexicon.cache_clear()
    try:
        with pytest.raises(corpora.CorpusNotFoundError, match="wordnet"):
            text_lexicon.lexicon()
    finally:
        text_lexicon.lexicon.cache_clear()
