"""把 and 被 by rule, for simple sentences: "猫抓住了老鼠。" -> "猫把老鼠抓住了。" / "老鼠被猫抓住了。"

Chinese has two common ways to put the thing acted on before the verb. The 把 construction keeps
the doer as subject (S 把 O V了); the 被 passive makes the thing acted on the subject (O 被 S V了).
Both want a *disposal*: an action that did something to a definite object, finished (了) or
with a result (打破, 洗干净). So the rules, reading jieba's part-of-speech tags, accept only

    subject  [adverbs or times]  verb(s)  了  object  [。or !]

where the subject and the object are noun phrases (nouns, pronouns, 的), the object is definite
(not "一个苹果"), and the verb is not one that disposes of nothing (是, 有, 喜欢, 知道, ...); a
sentence already in one construction is turned into the other. Anything else comes back
unchanged with the reason, as :func:`datagen_lab.text.voice.sentence_to_passive` does in English.
"""

from __future__ import annotations

import random
from functools import lru_cache

from datagen_lab.i18n import t
from datagen_lab.text.ops import changes
from datagen_lab.text.tokens import Tokens, check_text, sentence_spans, word_set
from datagen_lab.text.voice import Passive
from datagen_lab.text.zh.ops import _check_op
from datagen_lab.text.zh.segment import has_chinese, segment, tokenizer

VOICES = ("bei", "ba")
NO_DISPOSAL = word_set(
    "是 有 在 喜欢 爱 恨 知道 认识 觉得 认为 以为 像 姓 叫 看见 听见 见到 遇到 来 去 到 回 "
    "希望 需要 感到 属于 等于 成为 同意 相信 懂"
)
MODALS = word_set("会 能 要 想 应该 可以 愿意 敢 得 必须 可能")
NEGATIONS = word_set("不 没 没有 别 未 不要 不会 不能")
_NOMINAL = ("n", "r", "uj", "mq", "q", "zg", "f", "s", "ng", "nr", "ns", "nt", "nz", "a", "b")
_ADVERBIAL = ("d", "t")
_ENDS = ("。", "！", "!", ".")


def sentence_to_passive(sentence: str) -> Passive:
    """One sentence to the 被 passive, or the reason why not.

    Returns:
        ``Passive(text, ok, reason)``: ``("老鼠被猫抓住了。", True, "")`` for "猫抓住了老鼠。"
        (or for "猫把老鼠抓住了。"), ``("我喜欢这本书。", False, "'喜欢' ...")``.
    """
    return _voice(check_text(sentence, "sentence"), "bei")


def sentence_to_ba(sentence: str) -> Passive:
    """One sentence to the 把 construction, or the reason why not: "猫抓住了老鼠。" -> "猫把老鼠抓住了。"."""
    return _voice(check_text(sentence, "sentence"), "ba")


def voice_change(tokens: Tokens, alpha: float, rng: random.Random, voice: str = "bei"):
    """Turn n of the convertible sentences (n = ``max(1, int(alpha * sentences))``) to ``voice``.

    Args:
        voice: ``"bei"`` (被 passive) or ``"ba"`` (把 construction).
    """
    _check_op(tokens, alpha, rng)
    from datagen_lab import checks

    checks.check_choice(voice, "voice", VOICES)
    spans = sentence_spans(tokens)
    sentences = [
        str(Tokens(tokens.texts[a:b], ["", *tokens.gaps[a + 1 : b], ""], [])) for a, b in spans
    ]
    results = [_voice(sentence, voice) if sentence.strip() else None for sentence in sentences]
    ready = [k for k, result in enumerate(results) if result is not None and result.ok]
    if not ready:
        reasons = [r.reason for r in results if r is not None] or [t("no sentence")]
        if len(reasons) == 1:
            return tokens, t("unchanged: {why}", why=reasons[0])
        why = t("; ").join(
            t("sentence {k}: {reason}", k=k + 1, reason=reason) for k, reason in enumerate(reasons)
        )
        return tokens, t("unchanged: {why}", why=why)
    chosen = set(rng.sample(ready, min(len(ready), changes(alpha, len(spans)))))
    pieces = [results[k].text if k in chosen else s for k, s in enumerate(sentences)]
    text = "".join(tokens.gaps[a] + piece for (a, _), piece in zip(spans, pieces, strict=True))
    return segment(text + tokens.gaps[-1]), ""


class _Unhandled(Exception):
    """The sentence is outside what the rules handle; the message says why."""


def _voice(sentence: str, voice: str) -> Passive:
    try:
        text = _convert(sentence.strip(), voice)
    except _Unhandled as why:
        return Passive(sentence, False, str(why))
    lead = sentence[: len(sentence) - len(sentence.lstrip())]
    trail = sentence[len(sentence.rstrip()) :]
    return Passive(lead + text + trail, True, "")


@lru_cache(maxsize=4096)
def _tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    from jieba.posseg import POSTokenizer  # its tagger loads in a few seconds, on first use

    return tuple((p.word, p.flag) for p in _pos_tokenizer(POSTokenizer).lcut(sentence))


@lru_cache(maxsize=1)
def _pos_tokenizer(factory):
    return factory(tokenizer())


def _convert(sentence: str, voice: str) -> str:
    if not has_chinese(sentence):
        raise _Unhandled(t("no Chinese: the rules read Chinese sentences only"))
    tagged = [(w, f) for w, f in _tagged(sentence) if w.strip()]
    end = tagged[-1][0] if tagged[-1][0] in _ENDS else ""
    body = tagged[: len(tagged) - bool(end)]
    if tagged[-1][0] in ("？", "?"):
        raise _Unhandled(t("a question: only statements (ending in 。 or ！) are handled"))
    if any(flag in ("x", "w") for _, flag in body):
        raise _Unhandled(t("punctuation inside: only one simple clause is handled"))
    words = [w for w, _ in body]
    for marker, kind in (("被", "bei"), ("把", "ba")):
        if marker in words:
            if kind == voice:
                raise _Unhandled(t("already a {marker} sentence", marker=marker))
            return _swap_construction(body, words.index(marker), kind) + end
    subject, adverbs, verbs, obj = _parse(body)
    if voice == "ba":
        return "".join([*subject, *adverbs, "把", *obj, *verbs, "了"]) + end
    return "".join([*obj, *adverbs, "被", *subject, *verbs, "了"]) + end


def _parse(body: list[tuple[str, str]]):
    """(subject, adverbials, verb group, object) of "S [adv] V了 O", or _Unhandled with why."""
    s = 0
    while s < len(body) and body[s][1].startswith(_NOMINAL) and not body[s][1].startswith("v"):
        s += 1
    if s == 0:
        raise _Unhandled(t("no subject (a noun or pronoun) at the start"))
    k = s
    while k < len(body) and body[k][1].startswith(_ADVERBIAL):
        if body[k][0] in NEGATIONS:
            raise _Unhandled(
                t("negated ('{word}'): 把 and 被 need an action that happened", word=body[k][0])
            )
        k += 1
    j = k
    while j < len(body) and (body[j][1].startswith("v") or j > k and body[j][1] == "a"):
        j += 1
    if j == k:
        raise _Unhandled(t("no verb after the subject"))
    verb = body[k][0]
    if verb in NEGATIONS:
        raise _Unhandled(t("negated ('{word}'): 把 and 被 need an action that happened", word=verb))
    if verb in MODALS:
        raise _Unhandled(
            t("'{verb}' is a modal verb: only a simple finished action is handled", verb=verb)
        )
    if verb in NO_DISPOSAL:
        raise _Unhandled(t("'{verb}' does nothing to its object: no 把 or 被 with it", verb=verb))
    if j >= len(body) or body[j][0] != "了":
        raise _Unhandled(t("no 了 after the verb: 把 and 被 need a finished action (吃了, 打破了)"))
    obj = [w for w, _ in body[j + 1 :]]
    if not obj:
        raise _Unhandled(t("no object after 了"))
    if body[j + 1][1] == "m" or obj[0][:1] in "一两几":
        raise _Unhandled(
            t(
                "the object '{obj}' is indefinite: 把 and 被 want a known thing",
                obj="".join(obj),
            )
        )
    if not all(f.startswith(_NOMINAL) for _, f in body[j + 1 :]):
        raise _Unhandled(t("the object is not a plain noun phrase"))
    return [w for w, _ in body[:s]], [w for w, _ in body[s:k]], [w for w, _ in body[k:j]], obj


def _swap_construction(body: list[tuple[str, str]], at: int, kind: str) -> str:
    """把 -> 被 or 被 -> 把: "S [adv] 把 O V" <-> "O [adv] 被 S V"."""
    before = [w for w, _ in body[:at]]
    k = len(before)
    while k > 0 and body[k - 1][1].startswith(_ADVERBIAL):
        k -= 1
    first, adverbs = before[:k], before[k:]
    rest = body[at + 1 :]
    v = next((i for i, (_, f) in enumerate(rest) if f.startswith("v")), None)
    if not first or not v:
        raise _Unhandled(
            t("no subject around {kind}", kind=kind)
            if not first
            else t("no verb around {kind}", kind=kind)
        )
    second, verbs = [w for w, _ in rest[:v]], [w for w, _ in rest[v:]]
    marker = "被" if kind == "ba" else "把"
    return "".join([*second, *adverbs, marker, *first, *verbs])
