"""How much did an augmentation change a text? Word-level diffs and the share of words changed."""

from __future__ import annotations

from difflib import SequenceMatcher

from datagen_lab.text_tokens import PUNCT, check_text, split


def word_diff(original: str, variant: str) -> list[tuple[str, list[str], list[str]]]:
    """Align two texts token by token (difflib on tokens, punctuation included).

    Returns:
        ``[(tag, old_tokens, new_tokens)]`` with tag ``"equal"``, ``"replace"``, ``"delete"`` or
        ``"insert"``; e.g. ``("replace", ["movies"], ["films"])``.
    """
    a, b = split(check_text(original)).texts, split(check_text(variant)).texts
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def change_share(original: str, variant: str) -> float:
    r"""Share of the original's words that changed: $\min(1, \text{edits} / \text{words})$.

    Edits are counted on words only (punctuation ignored): a replaced block of k words against
    m new ones counts ``max(k, m)``, so a synonym is 1 edit, a swap 2, an insertion 1.

    Returns:
        A float in [0, 1]; 0.0 when the texts have the same words in the same order.
    """
    a = [t for t, k in _words(original)]
    b = [t for t, k in _words(variant)]
    if not a:
        return 0.0 if a == b else 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    edits = sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    return min(1.0, edits / len(a))


def _words(text: str) -> list[tuple[str, str]]:
    tokens = split(check_text(text))
    return [(t, k) for t, k in zip(tokens.texts, tokens.kinds, strict=True) if k != PUNCT]
