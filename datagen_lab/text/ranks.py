"""Inserting words at given word ranks of a text in O(n log n): a Fenwick tree keeps count of the
words already placed, so each insertion finds its character offset without rescanning the text.
Used by :func:`datagen_lab.text.ops.random_insertion`.
"""

from __future__ import annotations

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.text.tokens import (
    WORD,
    WORD_KINDS,
    Tokens,
)


def insert_at_word_ranks(tokens: Tokens, draws: list[tuple[int, str]]) -> Tokens:
    """Insert words one after the other, each ``(rank, word)`` before the rank-th word present then.

    ``rank`` equal to the number of words present inserts after the last word. The tokens,
    gaps and kinds come out exactly as :meth:`Tokens.insert` called draw by draw would leave them,
    but in O((tokens + draws) log(tokens)) time: inserting into Python lists one by one takes
    time quadratic in the text's length (minutes for a book-sized text).
    """
    if not draws:
        return tokens
    texts, gaps, kinds = tokens.texts, tokens.gaps, tokens.kinds
    positions = [i for i, kind in enumerate(kinds) if kind in WORD_KINDS]
    start = len(positions)
    if not start:
        raise InputError("tokens", tokens, "at least one word to insert beside", got_text="no word")
    total = start + len(draws)
    # Which word each draw went in front of (or after), found backwards with a Fenwick tree over
    # the final word order: a word inserted later takes a slot, the earlier ones fill the rest.
    tree = _Fenwick(total)
    slot_of, neighbour_of = [0] * len(draws), [0] * len(draws)
    for k in range(len(draws) - 1, -1, -1):
        rank = checks.check_int(draws[k][0], "rank", low=0, high=start + k)
        slot_of[k] = tree.kth(rank + 1)
        at_end = rank == start + k
        neighbour_of[k] = tree.kth(rank) if at_end else tree.kth(rank + 2)
        tree.remove(slot_of[k])
    # Each word: [gap before it, text, kind, tokens after it up to the next word ([gap, text, kind])].
    prefix_end = positions[0] if positions else len(texts)
    prefix = [[gaps[i], texts[i], kinds[i]] for i in range(prefix_end)]
    inserted = set(slot_of)
    items: list[list] = [None] * total  # type: ignore[list-item]
    originals = iter(range(start))
    for slot in range(total):
        if slot in inserted:
            continue
        w = next(originals)
        end = positions[w + 1] if w + 1 < start else len(texts)
        after = [[gaps[i], texts[i], kinds[i]] for i in range(positions[w] + 1, end)]
        items[slot] = [gaps[positions[w]], texts[positions[w]], kinds[positions[w]], after]
    for k, (rank, word) in enumerate(draws):
        new = items[slot_of[k]] = [" ", word, WORD, []]
        neighbour = items[neighbour_of[k]]
        if rank == start + k:  # after the last word: it takes over what followed that word
            if neighbour[3]:
                first = neighbour[3][0]
                new[0], first[0] = first[0] or " ", ""
                new[3], neighbour[3] = neighbour[3], []
        else:  # before a word, which gets a single space; at the very start the gap stays as is
            very_start = rank == 0 and not prefix
            new[0] = neighbour[0] if very_start else neighbour[0] or " "
            neighbour[0] = " "
    rows = prefix + [row for item in items for row in ([item[:3]] + item[3])]
    tokens.texts[:] = [row[1] for row in rows]
    tokens.kinds[:] = [row[2] for row in rows]
    tokens.gaps[:] = [row[0] for row in rows] + [gaps[-1]]
    return tokens


class _Fenwick:
    """Free slots 1..n; ``kth(k)`` finds the k-th free one and ``remove`` takes it, both O(log n)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.tree = [0] * (n + 1)
        for i in range(1, n + 1):  # all slots free: build in O(n)
            self.tree[i] += 1
            parent = i + (i & -i)
            if parent <= n:
                self.tree[parent] += self.tree[i]
        self.top = 1 << n.bit_length()

    def kth(self, k: int) -> int:
        """0-based index of the k-th free slot (k >= 1)."""
        position, step = 0, self.top
        while step:
            nxt = position + step
            if nxt <= self.n and self.tree[nxt] < k:
                position = nxt
                k -= self.tree[nxt]
            step >>= 1
        return position  # 1-based position + 1 - 1

    def remove(self, index: int) -> None:
        i = index + 1
        while i <= self.n:
            self.tree[i] -= 1
            i += i & -i
