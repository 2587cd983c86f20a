"""NLTK corpora (WordNet, stopwords), found offline when possible and loaded once per process.

Order of search: NLTK's own paths (including ``NLTK_DATA``), ``nltk_data/`` under
``DATAGEN_LAB_DATA`` or the offline copy beside the project, then ``nltk.download`` (real users).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from datagen_lab.config import DATA_ENV, data_roots

CORPORA = {"wordnet": "corpora/wordnet", "stopwords": "corpora/stopwords"}


class CorpusNotFoundError(LookupError):
    """Raised when an NLTK corpus is nowhere to be found; the message says where it looked."""


def ensure_corpus(name: str, download: bool = True) -> str:
    """Make sure the NLTK corpus ``name`` ("wordnet" or "stopwords") can be loaded.

    Returns:
        The location NLTK resolved it to (a folder or a zip).

    Raises:
        CorpusNotFoundError: it is not installed, not in any offline copy and cannot be downloaded.
    """
    import nltk

    if name not in CORPORA:
        raise ValueError(f"Unknown corpus {name!r}; the course uses {', '.join(CORPORA)}.")
    for root in data_roots():
        extra = str(root / "nltk_data")
        if Path(extra).is_dir() and extra not in nltk.data.path:
            nltk.data.path.append(extra)
    found = _find(name)
    if found is None and download:
        try:
            nltk.download(name, quiet=True, raise_on_error=True)
        except Exception as error:  # offline, SSL: fall through to the clear error below
            download_error = f"{type(error).__name__}: {error}"
        else:
            download_error = "nltk.download reported success but the corpus is still missing"
        found = _find(name)
    else:
        download_error = "download disabled"
    if found is None:
        places = "\n  - ".join(nltk.data.path)
        raise CorpusNotFoundError(
            f"NLTK corpus {name!r} not found. Looked in:\n  - {places}\n"
            f"Download failed: {download_error}.\nFix: run `python -m nltk.downloader {name}` "
            f"while online, or set NLTK_DATA (or {DATA_ENV}) to a folder with nltk_data/{CORPORA[name]}.zip."
        )
    return found


@lru_cache(maxsize=1)
def wordnet():
    """NLTK's WordNet corpus reader, loaded once per process (loading takes seconds)."""
    ensure_corpus("wordnet")
    from nltk.corpus import wordnet as wn

    wn.ensure_loaded()
    return wn


@lru_cache(maxsize=4)
def stopwords(language: str = "english") -> frozenset[str]:
    """Lower-case stopwords for ``language`` from NLTK's stopwords corpus."""
    ensure_corpus("stopwords")
    from nltk.corpus import stopwords as corpus

    return frozenset(word.lower() for word in corpus.words(language))


def _find(name: str) -> str | None:
    import nltk

    for resource in (CORPORA[name], CORPORA[name] + ".zip"):
        try:
            return str(nltk.data.find(resource))
        except LookupError:
            continue
    return None
