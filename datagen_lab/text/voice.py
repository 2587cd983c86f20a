"""Active to passive voice by rule, for simple subject-verb-object sentences.

"The cat chased the mouse." -> "The mouse was chased by the cat." Without a tagger the rules
read the sentence left to right: a subject (a pronoun, or words ending in a noun), a finite
verb (a past form like "chased"/"wrote" or a present form like "chases"/"chase") that WordNet's
verb frames say can take an object, an object noun phrase, and an optional tail of adverbs and
prepositional phrases. Anything else comes back unchanged with a reason.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from datagen_lab.i18n import t
from datagen_lab.text.inflect import _PARTICIPLE_TO_BASE, _PAST_TO_BASE, analyses, past_participle
from datagen_lab.text.lexicon import lexicon
from datagen_lab.text.ops import _check_op, changes
from datagen_lab.text.tokens import (
    NUM,
    PUNCT,
    WORD,
    Tokens,
    check_text,
    detokenize,
    sentence_spans,
    split,
    word_set,
)

SUBJECT_TO_OBJECT = {
    "i": "me",
    "he": "him",
    "she": "her",
    "we": "us",
    "they": "them",
    "you": "you",
    "it": "it",
}
OBJECT_TO_SUBJECT = {v: k for k, v in SUBJECT_TO_OBJECT.items()}
AUXILIARIES = word_set(
    "am is are was were be been being has have had will would can could may might must "
    "shall should do does did isn't aren't wasn't weren't hasn't haven't hadn't won't "
    "wouldn't can't cannot couldn't mustn't shouldn't don't doesn't didn't not"
)
BE_FORMS = word_set("am is are was were be been being")
PREPOSITIONS = word_set(
    "in on at with for from to into onto under over near after before during by through "
    "across around behind beside between without within about against along among toward "
    "towards up down out off away back upon like since until"
)
TAIL_WORDS = word_set(
    "yesterday today tomorrow tonight now again recently already soon later once twice"
)
CLAUSE_WORDS = word_set("that which who whom whose because when while if but although though so")
_PLURAL_DETERMINERS = word_set(
    "these those many several few both all two three four five six seven eight nine ten"
)
_DETERMINERS = word_set(
    "the a an this that these those my your his her its our their some any every each no"
)


class Passive(NamedTuple):
    """One sentence's conversion: the new text (the old one if not ``ok``) and why not."""

    text: str
    ok: bool
    reason: str


def sentence_to_passive(sentence: str) -> Passive:
    """Convert one sentence to the passive voice, or say why not.

    Returns:
        ``Passive(text, ok, reason)``; e.g. ``("The mouse was chased by the cat.", True, "")`` or
        ``("She sleeps.", False, "no object after the verb 'sleeps'")``.
    """
    sentence = check_text(sentence, "sentence")
    tokens = split(sentence)
    try:
        text = _convert(tokens.texts, tokens.kinds)
    except _Unhandled as why:
        return Passive(sentence, False, str(why))
    return Passive(tokens.gaps[0] + text + tokens.gaps[-1], True, "")


def passive_voice(tokens: Tokens, alpha: float, rng: random.Random):
    """Convert n of the convertible sentences (n = ``max(1, int(alpha * sentences))``) to the passive."""
    _check_op(tokens, alpha, rng)
    spans = sentence_spans(tokens)
    sentences = [
        str(Tokens(tokens.texts[a:b], ["", *tokens.gaps[a + 1 : b], ""], [])) for a, b in spans
    ]
    results = [sentence_to_passive(sentence) for sentence in sentences]
    ready = [k for k, result in enumerate(results) if result.ok]
    if not ready:
        reasons = t("; ").join(
            t("sentence {k}: {reason}", k=k + 1, reason=r.reason) for k, r in enumerate(results)
        )
        why = reasons if len(spans) > 1 else results[0].reason
        return tokens, t("unchanged: {why}", why=why)
    chosen = set(rng.sample(ready, min(len(ready), changes(alpha, len(spans)))))
    pieces = [results[k].text if k in chosen else sentence for k, sentence in enumerate(sentences)]
    text = "".join(tokens.gaps[a] + piece for (a, _), piece in zip(spans, pieces, strict=True))
    return split(text + tokens.gaps[-1]), ""


class _Unhandled(Exception):
    """The sentence is outside what the rules handle; the message says why."""


def _convert(texts: list[str], kinds: list[str]) -> str:
    if WORD not in kinds:
        raise _Unhandled(t("no English words: the rules read English only"))
    end = texts[-1] if kinds and kinds[-1] == PUNCT else ""
    words = texts[: len(texts) - bool(end)]
    if end and end not in ".!":
        raise _Unhandled(
            t("ends with {end}: only statements (ending in '.' or '!') are handled", end=repr(end))
        )
    if any(kind not in (WORD, NUM) for kind in kinds[: len(words)]):
        raise _Unhandled(
            t(
                "has punctuation or symbols inside: only a plain subject-verb-object sentence is "
                "handled"
            )
        )
    if len(words) < 3:
        raise _Unhandled(t("fewer than three words: no room for subject, verb and object"))
    verb_at, tense, lemma = _find_verb(words)
    subject, rest = words[:verb_at], words[verb_at + 1 :]
    verb = words[verb_at]
    if lemma not in lexicon().transitive:
        raise _Unhandled(
            t("'{lemma}' takes no direct object in WordNet's verb frames", lemma=lemma)
        )
    if not rest:
        raise _Unhandled(t("no object after the verb '{verb}'", verb=verb))
    first = rest[0].lower()
    if first in PREPOSITIONS or first in TAIL_WORDS or first.endswith("ly"):
        raise _Unhandled(
            t(
                "no direct object: '{word}' follows '{verb}' (a prepositional or phrasal verb?)",
                word=rest[0],
                verb=verb,
            )
        )
    if first in SUBJECT_TO_OBJECT and first not in OBJECT_TO_SUBJECT:
        raise _Unhandled(
            t("'{word}' after the verb is a subject pronoun: more than one clause?", word=rest[0])
        )
    size = _object_size(rest)
    obj, tail = rest[:size], rest[size:]
    if any(w.lower() in CLAUSE_WORDS for w in tail) or any(w.lower() in AUXILIARIES for w in tail):
        raise _Unhandled(t("more than one clause: only one subject, verb and object are handled"))
    new_subject = (
        [OBJECT_TO_SUBJECT[obj[0].lower()]]
        if len(obj) == 1 and obj[0].lower() in OBJECT_TO_SUBJECT
        else obj
    )
    agent = _agent(subject)
    be = _be(new_subject, tense)
    participle = past_participle(verb.lower()) or verb
    sentence = [*new_subject, be, participle, "by", *agent, *tail]
    sentence[0] = "I" if sentence[0] == "i" else sentence[0][:1].upper() + sentence[0][1:]
    return detokenize(sentence + ([end] if end else []))


def _find_verb(words: list[str]) -> tuple[int, str, str]:
    """Index, tense ("past"/"present") and lemma of the finite verb after the subject."""
    start = 1
    has_and = False  # whether "and" is among words[:k]: kept as k grows, not sliced (quadratic)
    for k in range(start, len(words) - 1):
        word, before = words[k].lower(), words[k - 1]
        has_and = has_and or before.lower() == "and"
        if not (k == 1 and before.lower() in SUBJECT_TO_OBJECT or _ends_in_noun([before])):
            continue
        following = words[k + 1].lower()
        if (
            word in AUXILIARIES
            and word in BE_FORMS
            and (following in _PARTICIPLE_TO_BASE or following.endswith("ed"))
        ):
            raise _Unhandled(
                t("already in the passive voice ('{words}')", words=f"{words[k]} {words[k + 1]}")
            )
        if word in AUXILIARIES:
            raise _Unhandled(
                t(
                    "'{word}' is an auxiliary, modal or negation: only a simple past or present "
                    "verb is handled",
                    word=words[k],
                )
            )
        if word in _PAST_TO_BASE:
            return k, "past", _PAST_TO_BASE[word]
        plural = _is_plural_phrase(words[0], before, k, has_and)
        for pos, lemma, form in analyses(word, ("v",)):
            if pos != "v":
                continue
            if form == "ed":
                return k, "past", lemma
            if form == "s" and not plural or form == "base" and plural:
                return k, "present", lemma
        if k == 1 and before.lower() in SUBJECT_TO_OBJECT:
            break
    raise _Unhandled(
        t(
            "no finite verb found after a subject (without a tagger the verb must be a simple "
            "past or present form such as 'chased', 'wrote' or 'chases')"
        )
    )


def _ends_in_noun(subject: list[str]) -> bool:
    last = subject[-1]
    if last.lower() in _DETERMINERS or last.lower() in lexicon().stopwords:
        return False
    return last[:1].isupper() or any(pos == "n" for pos, _, _ in analyses(last.lower(), ("n",)))


def _is_plural(phrase: list[str]) -> bool:
    lower = [w.lower() for w in phrase]
    return _is_plural_phrase(lower[0], lower[-1], len(lower), "and" in lower)


def _is_plural_phrase(first: str, last: str, size: int, has_and: bool) -> bool:
    """Whether a noun phrase is plural, from its first and last word, length and any "and"."""
    first, last = first.lower(), last.lower()
    if size == 1 and first in SUBJECT_TO_OBJECT:
        return first in ("i", "you", "we", "they")
    if size == 1 and first in OBJECT_TO_SUBJECT:
        return first in ("me", "you", "us", "them")
    if has_and or first in _PLURAL_DETERMINERS:
        return True
    readings = [(pos, form) for pos, _, form in analyses(last, ("n",)) if pos == "n"]
    return bool(readings) and readings[0][1] == "s"


def _object_size(rest: list[str]) -> int:
    """How many words after the verb belong to the object noun phrase."""
    lower = [w.lower() for w in rest]
    if lower[0] in OBJECT_TO_SUBJECT and not (
        lower[0] == "her" and len(rest) > 1 and _nominal(rest[1])
    ):
        return 1
    for k in range(1, len(rest)):
        word = lower[k]
        if word in PREPOSITIONS or word in TAIL_WORDS or word in CLAUSE_WORDS:
            return k
        if word in ("last", "next", "this", "every") and lower[k - 1] not in _DETERMINERS:
            return k  # "wrote letters last week"
        if word.endswith("ly") and any(pos == "r" for pos, _, _ in analyses(word)):
            return k
    return len(rest)


def _nominal(word: str) -> bool:
    lower = word.lower()
    return lower not in PREPOSITIONS and lower not in TAIL_WORDS and not lower.endswith("ly")


def _agent(subject: list[str]) -> list[str]:
    if len(subject) == 1 and subject[0].lower() in SUBJECT_TO_OBJECT:
        return [SUBJECT_TO_OBJECT[subject[0].lower()]]
    first = subject[0]
    keep = (
        first[1:].islower()
        and first.lower() in lexicon().titled
        and first.lower() not in lexicon().stopwords
    )
    return [first if keep or first.isupper() else first.lower(), *subject[1:]]


def _be(subject: list[str], tense: str) -> str:
    head = subject[0].lower() if len(subject) == 1 else ""
    if head == "i":
        return "am" if tense == "present" else "was"
    plural = _is_plural(subject)
    if tense == "present":
        return "are" if plural else "is"
    return "were" if plural else "was"
