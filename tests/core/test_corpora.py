import pytest

from datagen_lab import corpora


def test_wordnet_and_stopwords_load_offline():
    wordnet = corpora.wordnet()
    assert any("dog" in synset.lemma_names() for synset in wordnet.synsets("dog"))
    assert corpora.wordnet() is wordnet  # loaded once per process
    assert {"the", "and", "of"} <= corpora.stopwords()


def test_missing_corpus_gives_clear_error(monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [])
    monkeypatch.setattr(corpora, "data_roots", lambda: [])

    def offline(*args, **kwargs):
        raise OSError("no network")

    monkeypatch.setattr(nltk, "download", offline)
    with pytest.raises(corpora.CorpusNotFoundError) as error:
        corpora.ensure_corpus("stopwords")
    assert "no network" in str(error.value) and "NLTK_DATA" in str(error.value)


def test_unknown_corpus():
    with pytest.raises(ValueError, match="wordnet"):
        corpora.ensure_corpus("brown")
