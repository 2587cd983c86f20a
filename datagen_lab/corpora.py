"""NLTK corpora (WordNet, stopwords), found offline when possible and loaded once per process.

Order of search: NLTK's own paths (including ``NLTK_DATA``, read again at every call so that
setting it in a running notebook works), ``nltk_data/`` under ``DATAGEN_LAB_DATA`` or the
offline copy beside the project (unless ``DATAGEN_LAB_NO_SHARED_DATA=1``), then
``nltk.download`` (real users; never with ``DATAGEN_LAB_NO_DOWNLOAD=1``).
"""

from __future__ import annotations

import os
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from datagen_lab import checks
from datagen_lab.config import DATA_ENV, NO_DOWNLOAD_ENV, data_roots, downloads_disabled
from datagen_lab.i18n import joined, t

CORPORA = {"wordnet": "corpora/wordnet", "stopwords": "corpora/stopwords"}
# What reading a damaged corpus zip raises, deep inside NLTK and zipfile.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)


class CorpusNotFoundError(LookupError):
    """Raised when an NLTK corpus is nowhere to be found; the message says where it looked.

    ``fix`` holds the advice alone (one line per way to fix it).
    """

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


class CorpusDamagedError(CorpusNotFoundError):
    """Raised when a corpus file exists but cannot be read (a download or copy cut short)."""


def fix_advice(name: str) -> str:
    """How to make corpus ``name`` available: each way on its own line, each one that works."""
    return t(
        "run `python -m nltk.downloader {name}` while online; "
        "or set NLTK_DATA to a folder that holds {layout}; "
        "or set {variable} to a folder that holds nltk_data/{layout}.",
        name=name,
        layout=f"{CORPORA[name]}.zip",
        variable=DATA_ENV,
    )


def ensure_corpus(name: str, download: bool = True) -> str:
    """Make sure the NLTK corpus ``name`` ("wordnet" or "stopwords") can be loaded.

    Args:
        name: "wordnet" or "stopwords".
        download: allow ``nltk.download`` as the last resort (``DATAGEN_LAB_NO_DOWNLOAD=1``
            forbids it whatever this says).

    Returns:
        The location NLTK resolved it to (a folder or a zip).

    Raises:
        CorpusNotFoundError: it is not installed, not in any offline copy and cannot be downloaded.
        CorpusDamagedError: the file NLTK finds is damaged; the message names it and what to do.
    """
    checks.check_choice(name, "name", CORPORA)
    if not isinstance(download, bool):
        raise checks.InputError("download", download, "True or False")
    import nltk

    _add_search_paths(nltk)
    refused: list[str] = []
    found = _find(name, refused)
    if found is None and download and not downloads_disabled():
        try:
            nltk.download(name, quiet=True, raise_on_error=True)
        except Exception as error:  # offline, SSL: fall through to the clear error below
            download_error = f"{type(error).__name__}: {error}"
        else:
            download_error = t("nltk.download reported success but the corpus is still missing")
        found = _find(name, refused)
    elif found is None:
        download_error = (
            t("download disabled ({variable}=1)", variable=NO_DOWNLOAD_ENV)
            if downloads_disabled()
            else t("download disabled")
        )
    if found is None:
        places = "\n  - ".join(nltk.data.path)
        extra = "".join(f"\n  {note}" for note in refused)
        fix = fix_advice(name)
        not_found = t("NLTK corpus {name!r} not found. Looked in:", name=name)
        failed = t("Download failed: {error}.", error=download_error)
        raise CorpusNotFoundError(
            f"{not_found}\n  - {places}{extra}\n{failed}\n{joined(t('Fix:'), fix)}", fix
        )
    return found


@lru_cache(maxsize=1)
def wordnet():
    """NLTK's WordNet corpus reader, loaded once per process (loading takes seconds)."""
    location = ensure_corpus("wordnet")
    from nltk.corpus import wordnet as wn

    try:
        wn.ensure_loaded()
    except _DAMAGED as error:
        raise damaged("wordnet", location, error) from None
    return wn


@lru_cache(maxsize=4)
def stopwords(language: str = "english") -> frozenset[str]:
    """Lower-case stopwords for ``language`` from NLTK's stopwords corpus."""
    if not isinstance(language, str) or not language.strip():
        raise checks.InputError("language", language, "a language name such as 'english'")
    location = ensure_corpus("stopwords")
    from nltk.corpus import stopwords as corpus

    try:
        languages = corpus.fileids()
        if language not in languages:
            raise checks.InputError(
                "language", language, f"one of the stopword lists: {', '.join(languages)}"
            )
        return frozenset(word.lower() for word in corpus.words(language))
    except _DAMAGED as error:
        raise damaged("stopwords", location, error) from None


def damaged(name: str, location: str, error: BaseException) -> CorpusDamagedError:
    """The clear error for a corpus file that exists but cannot be read."""
    path = _zip_of(location)
    fix = t(
        "delete {path}, then run `python -m nltk.downloader {name}` while online, "
        "or put a complete copy of {file} in its place.",
        path=path,
        name=name,
        file=Path(path).name,
    )
    message = t(
        "NLTK corpus {name!r} at {path} is damaged ({error}); "
        "a download or copy was probably cut short.",
        name=name,
        path=path,
        error=f"{type(error).__name__}: {error}",
    )
    return CorpusDamagedError(f"{message}\n{joined(t('Fix:'), fix)}", fix)


def _add_search_paths(nltk) -> None:
    """NLTK_DATA (as it is now, not as it was when NLTK was imported), then the offline copies."""
    for entry in reversed(os.environ.get("NLTK_DATA", "").split(os.pathsep)):
        entry = entry.strip()
        if entry and str(Path(entry).expanduser()) not in nltk.data.path:
            nltk.data.path.insert(0, str(Path(entry).expanduser()))
    for root in data_roots():
        extra = str(root / "nltk_data")
        if Path(extra).is_dir() and extra not in nltk.data.path:
            nltk.data.path.append(extra)


def _find(name: str, refused: list[str]) -> str | None:
    """Where NLTK finds corpus ``name``, or None; notes on folders NLTK refused go to ``refused``."""
    import nltk

    for resource in (CORPORA[name], CORPORA[name] + ".zip"):
        try:
            return str(nltk.data.find(resource))
        except LookupError as error:
            for where in getattr(error, "_nltk_refused_writable", ()):
                note = t(
                    "(NLTK refused {where}: other accounts can write to it; "
                    "run `chmod go-w {where}` to use it)",
                    where=where,
                )
                if note not in refused:
                    refused.append(note)
            continue
        except (*_DAMAGED, OSError) as error:  # a zip that is there but cannot be opened
            raise damaged(name, _damaged_zip(nltk, name), error) from None
    return None


def _damaged_zip(nltk, name: str) -> str:
    """The first ``corpora/<name>.zip`` on NLTK's path that zipfile cannot open."""
    for folder in nltk.data.path:
        path = Path(folder) / f"{CORPORA[name]}.zip"
        if path.is_file():
            try:
                zipfile.ZipFile(path).close()
            except (zipfile.BadZipFile, OSError):
                return str(path)
    return f"{CORPORA[name]}.zip"


def _zip_of(location: str) -> str:
    """The zip file in an NLTK location such as ``/x/corpora/wordnet.zip/wordnet/``."""
    text = str(location)
    cut = text.find(".zip")
    return text[: cut + 4] if cut >= 0 else text
