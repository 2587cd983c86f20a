"""Lesson 2, text augmentation (notebooks/02_text_augmentation.ipynb).

Modules: augment (the public operations), tokens, lexicon, inflect (+ irregular_verbs.txt), ops,
ranks, voice, noise, diff, reviews, classifier (naive Bayes judge), panel, plots, exercises; and
zh, the same operations on Chinese (jieba words, HIT Cilin synonyms, pinyin typos, 把/被).

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.text import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "NaiveBayes": "classifier",
    "augmentation_gain": "classifier",
    "gain_table": "classifier",
    "label_preservation": "classifier",
    "preservation_table": "classifier",
    "check_deletion_threshold": "exercises",
    "check_eda_count": "exercises",
    "check_order_blind": "exercises",
    "check_passive": "exercises",
    "check_swap_function": "exercises",
    "VariantTable": "panel",
    "augmentation_widget": "panel",
    "operations_table": "panel",
    "plot_gain": "plots",
    "plot_keyboard": "plots",
    "plot_preservation": "plots",
    "split_reviews": "reviews",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)
