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


def test_missing_corpus_error_speaks_chinese_in_the_chinese_edition(monkeypatch):
    import nltk

    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    monkeypatch.setattr(nltk.data, "path", [])
    monkeypatch.setattr(corpora, "data_roots", lambda: [])
    monkeypatch.setenv("DATAGEN_LAB_NO_DOWNLOAD", "1")
    with pytest.raises(corpora.CorpusNotFoundError) as error:
        corpora.ensure_corpus("stopwords")
    message = str(error.value)
    assert message.startswith("找不到NLTK语料库'stopwords'。") and "下载已关闭" in message
    assert "解决办法：联网时运行`python -m nltk.downloader stopwords`" in message


def test_unknown_corpus():
    with pytest.raises(ValueError, match="wordnet"):
        corpora.ensure_corpus("brown")
