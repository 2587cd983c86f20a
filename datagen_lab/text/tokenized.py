"""A tokenized text: :class:`Tokens` (tokens, the whitespace between them, their kinds) and
:class:`Deletions`, which deletes many of its tokens in linear time; with the token kinds.

:func:`datagen_lab.text.tokens.split` makes a :class:`Tokens`; that module re-exports everything
here, so ``from datagen_lab.text.tokens import Tokens`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass

from datagen_lab import checks
from datagen_lab.checks import InputError

WORD, CJK, NUM, OTHER, PUNCT = "word", "cjk", "num", "other", "punct"
WORD_KINDS = frozenset({WORD, CJK, NUM, OTHER})


@dataclass
class Tokens:
    """A tokenized text: ``texts[i]`` is token i, ``gaps[i]`` the whitespace before it.

    ``gaps`` has one more entry than ``texts``: the last is the trailing whitespace, so
    ``str(tokens)`` rebuilds the text exactly. ``kinds[i]`` is one of ``"word"`` (Latin-script
    word, the only kind WordNet covers), ``"other"`` (a word in another script), ``"cjk"``,
    ``"num"`` or ``"punct"``.
    """

    texts: list[str]
    gaps: list[str]
    kinds: list[str]

    def __post_init__(self) -> None:
        # O(1) checks only: Tokens are made per sentence in the sentence operations.
        for name in ("texts", "gaps", "kinds"):
            if not isinstance(getattr(self, name), list):
                raise InputError(name, getattr(self, name), "a list of str")
        if len(self.gaps) != len(self.texts) + 1:
            raise InputError(
                "gaps",
                self.gaps,
                f"one more entry than texts ({len(self.texts) + 1})",
                got_text=f"{len(self.gaps)} entries",
            )
        if self.kinds and len(self.kinds) != len(self.texts):
            raise InputError(
                "kinds",
                self.kinds,
                f"one entry per text ({len(self.texts)}), or empty",
                got_text=f"{len(self.kinds)} entries",
            )

    def __str__(self) -> str:
        return "".join(g + t for g, t in zip(self.gaps, self.texts, strict=False)) + self.gaps[-1]

    def __len__(self) -> int:
        return len(self.texts)

    def copy(self) -> Tokens:
        return Tokens(self.texts.copy(), self.gaps.copy(), self.kinds.copy())

    def word_indices(self) -> list[int]:
        """Positions of word-like tokens (words in any script, CJK characters, numbers)."""
        return [i for i, kind in enumerate(self.kinds) if kind in WORD_KINDS]

    def delete(self, index: int) -> None:
        """Remove token ``index`` and one gap beside it, so "I like it ." never happens."""
        checks.check_int(index, "index", low=0, high=len(self.texts) - 1)
        drop = index + 1 if index == 0 or self.gaps[index + 1] else index
        del self.texts[index], self.kinds[index], self.gaps[drop]

    def deleter(self) -> Deletions:
        """Delete many tokens in linear time: see :class:`Deletions`."""
        return Deletions(self)

    def insert(self, index: int, text: str, kind: str = WORD) -> None:
        """Insert ``text`` before token ``index`` (``len(self)`` appends), separated by spaces."""
        n = len(self.texts)
        checks.check_int(index, "index", low=0, high=n)
        checks.check_text(text, "text")
        checks.check_choice(kind, "kind", (WORD, CJK, NUM, OTHER, PUNCT))
        if index == 0:
            self.gaps.insert(1, " ")
        elif index == n:
            self.gaps.insert(n, " ")
        else:
            self.gaps[index] = self.gaps[index] or " "
            self.gaps.insert(index + 1, " " if self.kinds[index] in WORD_KINDS else "")
        self.texts.insert(index, text)
        self.kinds.insert(index, kind)


class Deletions:
    """Deletes tokens of a :class:`Tokens` last to first, each in O(1); :meth:`apply` rebuilds once.

    The result equals calling :meth:`Tokens.delete` on the same indices in decreasing order, but
    each ``Tokens.delete`` moves every later token, so deleting a share of a long text one by one
    takes time quadratic in its length. Indices are the tokens' positions before any deletion.
    """

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.gaps = list(tokens.gaps)  # gaps[len(texts)] is the trailing whitespace
        self._skip: dict[int, int] = {}  # deleted index -> a later index (path-compressed)
        self._lowest = len(tokens.texts)

    def next_alive(self, index: int) -> int:
        """The first token at or after ``index`` not deleted yet (``len(texts)`` if none)."""
        path = []
        while index in self._skip:
            path.append(index)
            index = self._skip[index]
        for step in path:
            self._skip[step] = index
        return index

    def gap(self, index: int) -> str:
        """The whitespace before token ``index`` as it is now (deletions move gaps)."""
        return self.gaps[index]

    def delete(self, index: int) -> None:
        """Delete token ``index``; indices must come in decreasing order (as Tokens.delete needs)."""
        checks.check_int(index, "index", low=0, high=self._lowest - 1, what="decreasing order")
        following = self.next_alive(index + 1)
        # Tokens.delete keeps the deleted token's gap for the next token when that one had a gap
        # (or at the start of the text), else the next token keeps its own empty gap.
        if index == 0 or self.gaps[following]:
            self.gaps[following] = self.gaps[index]
        self._skip[index] = index + 1
        self._lowest = index

    def apply(self) -> Tokens:
        """Remove the deleted tokens from the lists, in place, and return the tokens."""
        tokens, gone = self.tokens, self._skip
        if gone:
            keep = [i for i in range(len(tokens.texts)) if i not in gone]
            tokens.texts[:] = [tokens.texts[i] for i in keep]
            if tokens.kinds:
                tokens.kinds[:] = [tokens.kinds[i] for i in keep]
            tokens.gaps[:] = [self.gaps[i] for i in keep] + [self.gaps[-1]]
        self._skip = {}
        self._lowest = len(tokens.texts)
        self.gaps = list(tokens.gaps)
        return tokens
