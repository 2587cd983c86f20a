"""WordNet boiled down to what text augmentation needs, cached on disk so later runs start fast.

Reading WordNet through NLTK costs seconds in every new process. The first call of
:func:`lexicon` reads the WordNet files once (through :func:`datagen_lab.corpora.wordnet`, so a
missing corpus gives the foundation's clear error), keeps lemmas, synsets, the irregular-form
lists, transitive verbs and the stopwords in plain dicts, and pickles them to
``cache_dir()/wordnet_lexicon_v{LEXICON_VERSION}.pkl``; later processes load that pickle in a
fraction of a second and never import NLTK.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from datagen_lab import checks
from datagen_lab.config import cache_dir

LEXICON_VERSION = 2
POS = ("n", "v", "a", "r")  # noun, verb, adjective (satellites included), adverb
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's detachment rules (the same as nltk's morphy): strip a suffix, add another.
SUFFIX_RULES = {
    "n": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
          ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip
# Verb frames that take a direct object ("Somebody ----s something", "Something ----s somebody", ...).
TRANSITIVE_FRAMES = frozenset({8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 31})
_CLEAN_SYNONYM = re.compile(r"^[A-Za-z][A-Za-z'\- ]*$")
# Synsets never used as a source of synonyms: WordNet marks them (by gloss or usage domain) as
# offensive, vulgar or sexual. EDA would happily turn "loved" into one of them; a course should not.
_UNSAFE_GLOSS = re.compile(
    r"\b(sex|sexual|sexually|copulat\w*|genital\w*|vulgar|obscen\w*|offensive|slur|derogatory|"
    r"disparag\w*|penis|vagina|buttocks|prostitut\w*|excrement|defecat\w*)\b",
    re.IGNORECASE,
)
_UNSAFE_DOMAINS = ("obscenity.n.02", "ethnic_slur.n.01", "disparagement.n.01")
# Words never offered as synonyms, even from a harmless sense: any word with a sense that WordNet
# calls an offensive term, an ethnic slur, obscene or vulgar ("spic" is also "spick-and-span").
_BLOCKED_GLOSS = re.compile(
    r"\b(offensive|derogatory|disparaging|contemptuous|insulting)\b[^;|]*\b(term|name|word|slang)\b"
    r"|\bethnic slur|\bobscen|\bvulgar",
    re.IGNORECASE,
)


@dataclass(eq=False)
class Lexicon:
    """The parts of WordNet (and NLTK's English stopwords) the text operations use.

    Attributes:
        senses: ``senses[pos][lemma]`` = synset ids of a lower-case lemma (``"ice_cream"``), most
            frequent sense first.
        members: ``members[synset_id]`` = the lemma names in that synset, as WordNet writes them.
        exceptions: ``exceptions[pos][form]`` = base forms of an irregular form (``"went" -> ("go",)``).
        transitive: verbs with at least one sense that takes a direct object.
        stopwords: NLTK's English stopwords (lower case).
        unsafe: synset ids that are never a source of synonyms (offensive, vulgar or sexual senses).
        blocked: lower-case lemmas never offered as a synonym (a word with a slur or obscene sense).
        titled: lower-cased lemmas that WordNet also writes with a capital ("paris", "john", "may"):
            at the start of a sentence such a word may be a name, so it is left alone.
    """

    senses: dict[str, dict[str, tuple[int, ...]]]
    members: list[tuple[str, ...]]
    exceptions: dict[str, dict[str, tuple[str, ...]]]
    transitive: frozenset[str]
    stopwords: frozenset[str]
    titled: frozenset[str]
    unsafe: frozenset[int]
    blocked: frozenset[str]
    _inverse: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for pos in POS:
            inverse: dict[str, list[str]] = {}
            for form, bases in self.exceptions[pos].items():
                for base in bases:
                    inverse.setdefault(base, []).append(form)
            self._inverse[pos] = {base: tuple(sorted(forms)) for base, forms in inverse.items()}
        self._morphy_cached = lru_cache(maxsize=200_000)(self._morphy)
        self._synonyms_cached = lru_cache(maxsize=200_000)(self._synonyms)

    def morphy(self, form: str, pos: str) -> tuple[str, ...]:
        """Base forms of ``form`` as part of speech ``pos`` (WordNet's morphy): ``("ran", "v") -> ("run",)``."""
        if not isinstance(form, str):
            raise checks.InputError("form", form, "a lower-case word (str)")
        return self._morphy_cached(form, checks.check_choice(pos, "pos", POS))

    def synonyms(self, lemma: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
        """Synonyms of a base-form ``lemma`` as part of speech ``pos`` (see :meth:`_synonyms`)."""
        if not isinstance(lemma, str):
            raise checks.InputError("lemma", lemma, "a base-form word (str)")
        if senses is not None:
            checks.check_positive_int(senses, "senses", what="how many senses, or None for all")
        return self._synonyms_cached(lemma, checks.check_choice(pos, "pos", POS), senses)

    def __repr__(self) -> str:
        counts = ", ".join(f"{pos}={len(self.senses[pos])}" for pos in POS)
        return f"Lexicon(lemmas: {counts}; synsets={len(self.members)}; stopwords={len(self.stopwords)})"

    def _morphy(self, form: str, pos: str) -> tuple[str, ...]:
        """Base forms of ``form`` as part of speech ``pos`` (WordNet's morphy): ``("ran", "v") -> ("run",)``."""
        known = self.senses[pos]
        if form in self.exceptions[pos]:
            forms = self.exceptions[pos][form]
        else:  # one round of detachment rules, as NLTK 3.9 does (no recursion: "chompings" is no verb)
            forms = [
                form[: -len(old)] + new for old, new in SUFFIX_RULES[pos] if form.endswith(old)
            ]
        return tuple(dict.fromkeys(f for f in (form, *forms) if f in known))

    def _synonyms(self, lemma: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
        """Synonyms of a base-form ``lemma`` as part of speech ``pos``, most frequent sense first.

        Args:
            lemma: lower-case base form, e.g. ``"run"``.
            pos: ``"n"``, ``"v"``, ``"a"`` or ``"r"``.
            senses: use only the first this many senses (None: all, as EDA does). WordNet orders
                senses by frequency, so a small number keeps the common meanings.

        Returns:
            Synonyms with spaces for underscores; the lemma itself, names (capitalized lemmas)
            and entries with digits or symbols are left out.
        """
        own = lemma.lower()
        seen: dict[str, None] = {}
        for synset in self.senses[pos].get(own, ())[:senses]:
            if synset in self.unsafe:
                continue
            for name in self.members[synset]:
                text = name.replace("_", " ")
                lower = name.lower()
                if (
                    lower != own
                    and lower not in self.blocked
                    and not name[:1].isupper()
                    and _CLEAN_SYNONYM.match(text)
                ):
                    seen.setdefault(text, None)
        return tuple(seen)

    def irregular_forms(self, base: str, pos: str) -> tuple[str, ...]:
        """Irregular inflected forms WordNet lists for ``base``: ``("go", "v") -> ("gone", "went")``."""
        if not isinstance(base, str):
            raise checks.InputError("base", base, "a base-form word (str)")
        checks.check_choice(pos, "pos", POS)
        return self._inverse[pos].get(base, ())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cached :class:`Lexicon`: built from WordNet the first time (seconds), then read from disk."""
    path = lexicon_path()
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
        return Lexicon(**data)
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, KeyError, AttributeError):
        pass  # missing or stale cache: build it
    data = build_lexicon_data()
    _atomic_pickle(data, path)
    return Lexicon(**data)


def lexicon_path() -> Path:
    """Where the lexicon cache lives (delete the file to force a rebuild)."""
    return cache_dir() / f"wordnet_lexicon_v{LEXICON_VERSION}.pkl"


def build_lexicon_data() -> dict:
    """Read WordNet's data, index and exception files into plain dicts (takes a few seconds).

    Raises:
        CorpusNotFoundError: WordNet or the stopwords are missing (the message says how to fix it).
        CorpusDamagedError: a corpus zip is damaged (the message names it).
    """
    from datagen_lab import corpora

    wn = corpora.wordnet()
    try:
        return _read_wordnet(wn, corpora.stopwords("english"))
    except corpora._DAMAGED as error:  # a zip whose directory is fine but whose data is cut
        raise corpora.damaged("wordnet", str(getattr(wn, "root", "wordnet.zip")), error) from None


def _read_wordnet(wn, stopwords: frozenset[str]) -> dict:
    ids: dict[tuple[str, str], int] = {}
    members: list[tuple[str, ...]] = []
    transitive: set[str] = set()
    titled, unsafe, blocked = set(), set(), set()
    domains = {wn.synset(name).offset() for name in _UNSAFE_DOMAINS}
    for pos in POS:
        for line in wn.open(f"data.{_FILES[pos]}"):
            if line.startswith(" "):
                continue  # licence header
            fields = line.split()
            count = int(fields[3], 16)
            words = tuple(re.sub(r"\(.*\)$", "", w) for w in fields[4 : 4 + 2 * count : 2])
            ids[(pos, fields[0])] = len(members)
            gloss, in_domain = line.partition("|")[2], _in_domains(fields, count, domains)
            if _UNSAFE_GLOSS.search(gloss) or in_domain:
                unsafe.add(len(members))
            if _BLOCKED_GLOSS.search(gloss) or in_domain:
                blocked.update(w.lower() for w in words)
            members.append(words)
            titled.update(w.lower() for w in words if w[:1].isupper() and not w.isupper())
            if pos == "v":
                transitive.update(_transitive_words(fields, words))
    senses: dict[str, dict[str, tuple[int, ...]]] = {}
    for pos in POS:
        table = senses[pos] = {}
        for line in wn.open(f"index.{_FILES[pos]}"):
            if line.startswith(" "):
                continue
            fields = line.split()
            table[fields[0]] = tuple(ids[(pos, offset)] for offset in fields[-int(fields[2]) :])
    exceptions = {}
    for pos in POS:
        exceptions[pos] = {}
        for line in wn.open(f"{_FILES[pos]}.exc"):
            form, *bases = line.split()
            exceptions[pos][form] = tuple(bases)
    return {
        "senses": senses,
        "members": members,
        "exceptions": exceptions,
        "transitive": frozenset(transitive),
        "stopwords": frozenset(stopwords),
        "titled": frozenset(titled),
        "unsafe": frozenset(unsafe),
        "blocked": frozenset(blocked),
    }


def _in_domains(fields: list[str], count: int, domains: set[int]) -> bool:
    """True if a data line has a usage-domain pointer (";u") to one of ``domains``."""
    at = 4 + 2 * count
    pointers = fields[at + 1 : at + 1 + 4 * int(fields[at])]
    return any(
        sym == ";u" and int(offset) in domains
        for sym, offset in zip(pointers[::4], pointers[1::4], strict=True)
    )


def _transitive_words(fields: list[str], words: tuple[str, ...]) -> set[str]:
    """Lower-case verbs of one data.verb line that have a frame with a direct object."""
    pointers = int(fields[4 + 2 * len(words)])
    at = 5 + 2 * len(words) + 4 * pointers
    if at >= len(fields) or not fields[at].isdigit():
        return set()
    found = set()
    for k in range(int(fields[at])):
        frame, word = int(fields[at + 2 + 3 * k]), int(fields[at + 3 + 3 * k], 16)
        if frame in TRANSITIVE_FRAMES:
            found.update(w.lower() for w in (words if word == 0 else words[word - 1 : word]))
    return found


def _atomic_pickle(data: dict, path: Path) -> None:
    """Write the pickle so that a concurrent reader never sees half a file."""
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only cache only costs the rebuild next time
