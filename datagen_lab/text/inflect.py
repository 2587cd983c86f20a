"""Inflection without a tagger: which lemma and form a word is, and the same form of another lemma.

``running`` is the ``ing`` form of the verb ``run``; its synonym ``operate`` in that form is
``operating``. WordNet's morphology (:meth:`Lexicon.morphy` and its irregular-form lists) gives
the lemma; simple English suffix rules give the new form, which is kept only if morphy maps it
back to the right lemma. No part-of-speech tagger is available offline, so the part of speech is
guessed from the previous word (after "the" a noun, after "will" a verb) and, failing that, from
which reading WordNet knows more senses of.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.text.lexicon import POS, lexicon
from datagen_lab.text.tokens import word_set

FORMS = ("base", "s", "ed", "ing", "er", "est")
# Past and past participle of common irregular verbs: WordNet's lists do not say which is which.
# One verb a row, "base past participle", in irregular_verbs.txt beside this module.
_VERB_FILE = Path(__file__).with_name("irregular_verbs.txt")
_VERB_ROWS = _VERB_FILE.read_text(encoding="utf-8").splitlines()
IRREGULAR_VERBS = {
    base: (past, participle)
    for base, past, participle in (row.split() for row in _VERB_ROWS if row and row[0] != "#")
}
_PAST_TO_BASE = {forms[0]: base for base, forms in IRREGULAR_VERBS.items()}
_PARTICIPLE_TO_BASE = {forms[1]: base for base, forms in IRREGULAR_VERBS.items()}
# The previous word narrows the part of speech of the next one.
_BEFORE_NOUN = word_set(
    "the a an this that these those my your his her its our their some any every each no "
    "many few several much all both another either neither"
)
_BEFORE_VERB = word_set(
    "to will would can could shall should may might must do does did don't doesn't didn't "
    "won't can't cannot i you we they he she who"
)
_BEFORE_ADJ = word_set("very so too quite really extremely rather is are was were be been am seems")
_VOWELS = "aeiou"


def hint_after(previous: str) -> tuple[str, ...]:
    """Parts of speech to prefer for the word after ``previous`` (lower case); () when unsure."""
    if not isinstance(previous, str):
        raise InputError("previous", previous, "a str (the word before, or '')")
    if previous in _BEFORE_NOUN:
        return ("n", "a")
    if previous in _BEFORE_VERB:
        return ("v", "r")
    if previous in _BEFORE_ADJ:
        return ("a", "v", "r")
    return ()


def analyses(word: str, hint: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """Readings of a lower-case word as ``(pos, lemma, form)``, most plausible first.

    Args:
        word: a lower-case word, e.g. ``"running"``.
        hint: parts of speech to try first (see :func:`hint_after`).

    Returns:
        e.g. ``[("v", "run", "ing"), ("n", "running", "base"), ...]``; ``[]`` if WordNet does not
        know the word. ``form`` is one of :data:`FORMS`.
    """
    if not isinstance(word, str):
        raise InputError("word", word, "a lower-case word (str)")
    if isinstance(hint, str) or not isinstance(hint, tuple) or not set(hint) <= set(POS):
        raise InputError("hint", hint, f"a tuple of parts of speech from {POS}")
    lex = lexicon()
    found = []
    for pos in ("n", "v", "a", "r"):
        for base in lex.morphy(word, pos):
            form = _form_of(word, base, pos)
            if form is not None:
                senses = len(lex.senses[pos].get(base, ()))
                preferred = pos in hint or (pos == "r" and word.endswith("ly"))
                found.append((not preferred, -senses, pos, base, form))
    return [(pos, base, form) for *_, pos, base, form in sorted(found)]


def inflect(lemma: str, pos: str, form: str) -> str | None:
    """``lemma`` put in ``form`` (``"operate", "v", "ing" -> "operating"``), or None if unsure.

    Multi-word lemmas inflect their head (first word of a verb, last word of a noun). A result is
    kept only if WordNet's morphy maps it back to ``lemma``; verbs with a past that differs from
    their participle ("wrote"/"written") give None for ``"ed"``, as the wanted one is unknown.
    """
    if not isinstance(lemma, str) or not lemma.strip():
        raise InputError("lemma", lemma, "a base-form word (str)")
    checks.check_choice(pos, "pos", POS)
    checks.check_choice(form, "form", FORMS)
    if form == "base":
        return lemma
    if " " in lemma:
        words = lemma.split(" ")
        head = 0 if pos == "v" else -1 if pos == "n" else None
        if head is None:
            return None
        word = words[head]
        known = word in lexicon().senses[pos] or word in IRREGULAR_VERBS
        new = _inflect_word(word, pos, form) if known else _regular(word, pos, form)
        if new is None:
            return None
        words[head] = new
        return " ".join(words)
    return _inflect_word(lemma, pos, form)


@lru_cache(maxsize=200_000)
def _inflect_word(lemma: str, pos: str, form: str) -> str | None:
    lex = lexicon()
    if pos == "v" and form == "ed" and lemma in IRREGULAR_VERBS:
        past, participle = IRREGULAR_VERBS[lemma]
        return past if past == participle else None
    irregular = [f for f in lex.irregular_forms(lemma, pos) if _has_shape(f, pos, form)]
    if irregular:
        return irregular[0] if len(irregular) == 1 or pos == "n" else None
    candidate = _regular(lemma, pos, form)
    if candidate is None or lemma not in lex.morphy(candidate, pos):
        return None
    return candidate


def past_participle(verb: str) -> str | None:
    """Past participle of a verb in any form (``"wrote" -> "written"``, ``"chases" -> "chased"``)."""
    if not isinstance(verb, str):
        raise InputError("verb", verb, "a verb (str)")
    if verb in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[verb][1]
    if verb in _PAST_TO_BASE or verb in _PARTICIPLE_TO_BASE:
        return IRREGULAR_VERBS[_PAST_TO_BASE.get(verb) or _PARTICIPLE_TO_BASE[verb]][1]
    for base in lexicon().morphy(verb, "v"):
        if base in IRREGULAR_VERBS:
            return IRREGULAR_VERBS[base][1]
        regular = [f for f in lexicon().irregular_forms(base, "v") if f.endswith("ed")]
        return regular[0] if regular else _regular(base, "v", "ed")
    return None


def _form_of(word: str, base: str, pos: str) -> str | None:
    if base == word:
        return "base"
    if pos == "n":
        return "s"
    if pos == "v":
        if word.endswith("ing"):
            return "ing"
        return "s" if word.endswith("s") and not word.endswith("ss") else "ed"
    if pos == "a":
        return "est" if word.endswith("st") else "er"
    return None  # adverbs: "better" as a form of "well" is too rare to be worth the errors


def _has_shape(form_text: str, pos: str, form: str) -> bool:
    if pos == "n":
        return form == "s"
    if pos == "a":
        return form_text.endswith("st") == (form == "est") and form in ("er", "est")
    if form == "ing":
        return form_text.endswith("ing")
    third = form_text.endswith("s") and not form_text.endswith("ss")
    return third if form == "s" else not third and not form_text.endswith("ing") and form == "ed"


def _regular(base: str, pos: str, form: str) -> str | None:
    consonant_y = base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS
    if form == "s":
        if base.endswith(("s", "x", "z", "ch", "sh")) or (pos == "v" and base.endswith("o")):
            return base + "es"
        return base[:-1] + "ies" if consonant_y else base + "s"
    if form == "ed":
        return (
            base + "d" if base.endswith("e") else base[:-1] + "ied" if consonant_y else base + "ed"
        )
    if form == "ing":
        if base.endswith("ie"):
            return base[:-2] + "ying"
        if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
            return base[:-1] + "ing"
        return base + "ing"
    if form in ("er", "est"):
        if len(re.findall(r"[aeiouy]+", base.removesuffix("e"))) > 1:
            return None  # "more beautiful", not "beautifuller"
        stem = base[:-1] + "i" if consonant_y else base.removesuffix("e")
        return stem + form
    return None
