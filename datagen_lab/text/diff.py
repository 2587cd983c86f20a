"""How much did an augmentation change a text? Word-level diffs and the share of words changed.

Texts up to :data:`EXACT_LIMIT` tokens are aligned by :class:`difflib.SequenceMatcher`, as they
always were. On longer texts SequenceMatcher takes time quadratic in the length (every repeat of
"the" is tried against every other: minutes for a book), so they are aligned by anchors instead
(a patience diff): tokens that occur exactly once in both texts, kept in order, split the texts
into short stretches, which SequenceMatcher aligns; a long stretch with no anchor counts as
replaced. Still an exact list of edits that turns one text into the other, in O(n log n) time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher

from datagen_lab.text.tokens import PUNCT, check_text, split

# Tokens per text up to which difflib aligns the whole texts (lesson texts are far shorter).
EXACT_LIMIT = 2_000
# Stretches between anchors at most this large (tokens x tokens) go to difflib.
_SMALL_STRETCH = 250_000
_MAX_DEPTH = 32


def word_diff(original: str, variant: str) -> list[tuple[str, list[str], list[str]]]:
    """Align two texts token by token (difflib on tokens, punctuation included).

    Returns:
        ``[(tag, old_tokens, new_tokens)]`` with tag ``"equal"``, ``"replace"``, ``"delete"`` or
        ``"insert"``; e.g. ``("replace", ["movies"], ["films"])``.
    """
    original, variant = check_text(original, "original"), check_text(variant, "variant")
    a, b = split(original).texts, split(variant).texts
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in opcodes(a, b)]


def change_share(original: str, variant: str) -> float:
    r"""Share of the original's words that changed: $\min(1, \text{edits} / \text{words})$.

    Edits are counted on words only (punctuation ignored): a replaced block of k words against
    m new ones counts ``max(k, m)``, so a synonym is 1 edit, a swap 2, an insertion 1.

    Returns:
        A float in [0, 1]; 0.0 when the texts have the same words in the same order.
    """
    a = [t for t, k in _words(check_text(original, "original"))]
    b = [t for t, k in _words(check_text(variant, "variant"))]
    if not a:
        return 0.0 if a == b else 1.0
    edits = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes(a, b) if tag != "equal")
    return min(1.0, edits / len(a))


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, in O(n log n) on long lists.

    Lists up to :data:`EXACT_LIMIT` items go to difflib itself; longer ones are aligned by
    unique anchors (see the module's docstring).
    """
    if len(a) <= EXACT_LIMIT and len(b) <= EXACT_LIMIT:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    blocks: list[tuple[int, int, int]] = []
    _anchored_blocks(a, b, 0, len(a), 0, len(b), blocks, 0)
    merged: list[list[int]] = []
    for i, j, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1][2] += size
        elif size:
            merged.append([i, j, size])
    answer, i, j = [], 0, 0
    for ai, bj, size in [*merged, [len(a), len(b), 0]]:  # as difflib's get_opcodes
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            answer.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            answer.append(("equal", ai, i, bj, j))
    return answer


def _anchored_blocks(
    a: list[str],
    b: list[str],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[tuple[int, int, int]],
    depth: int,
) -> None:
    """Append the matching blocks ``(i, j, size)`` of ``a[alo:ahi]`` and ``b[blo:bhi]``, in order."""
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    tail = 0
    while (
        ahi - tail > alo + head
        and bhi - tail > blo + head
        and a[ahi - tail - 1] == b[bhi - tail - 1]
    ):
        tail += 1
    out.append((alo, blo, head))
    alo, blo, ahi, bhi = alo + head, blo + head, ahi - tail, bhi - tail
    if alo < ahi and blo < bhi:
        if (ahi - alo) * (bhi - blo) <= _SMALL_STRETCH:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks()[:-1])
        elif depth < _MAX_DEPTH:
            anchors = _unique_anchors(a, b, alo, ahi, blo, bhi)
            i, j = alo, blo
            for ai, bj in anchors:
                _anchored_blocks(a, b, i, ai, j, bj, out, depth + 1)
                out.append((ai, bj, 1))
                i, j = ai + 1, bj + 1
            if anchors:
                _anchored_blocks(a, b, i, ahi, j, bhi, out, depth + 1)
        # else: a long stretch without anchors stays unmatched (one replace block)
    out.append((ahi, bhi, tail))


def _unique_anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Tokens found exactly once in each stretch, the longest run of them in the same order."""
    count_a, count_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    # Longest increasing subsequence of the b-positions (patience sorting), O(k log k).
    tops: list[int] = []
    top_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pile = bisect_left(tops, j)
        if pile == len(tops):
            tops.append(j)
            top_index.append(k)
        else:
            tops[pile], top_index[pile] = j, k
        previous[k] = top_index[pile - 1] if pile else -1
    chain, k = [], top_index[-1] if top_index else -1
    while k != -1:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def _words(text: str) -> list[tuple[str, str]]:
    tokens = split(text)
    return [(t, k) for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]
