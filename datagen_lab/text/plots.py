"""Pictures for the text lesson: label preservation, the gain from EDA, and keyboard neighbours.

Each function builds a matplotlib Figure through pyplot (shown inline in a notebook) and returns it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datagen_lab import checks
from datagen_lab.checks import InputError
from datagen_lab.i18n import t

GAIN_KEYS = ("sizes", "plain", "augmented", "plain_std", "augmented_std")


def plot_preservation(results: Sequence, title: str = "Label preservation"):
    """Two panels: share of predictions kept against alpha, and against the share of words changed."""
    import matplotlib.pyplot as plt

    _check_title(title)
    expected = "a non-empty list of Preservation results (from label_preservation)"
    if isinstance(results, str) or not isinstance(results, Sequence) or not results:
        raise InputError("results", results, expected)
    for k, result in enumerate(results):
        if not all(hasattr(result, a) for a in ("op", "alphas", "changed", "kept")):
            raise InputError(f"results[{k}]", result, "a Preservation (from label_preservation)")
        size = len(checks.check_array(result.alphas, f"results[{k}].alphas", ndim=1))
        for field in ("changed", "kept"):
            checks.check_array(getattr(result, field), f"results[{k}].{field}", shape=(size,))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for result in results:
        left.plot(result.alphas, result.kept, "o-", label=result.op)
        right.plot(result.changed, result.kept, "o-", label=result.op)
    low = min(0.5, min(float(np.min(r.kept)) for r in results) - 0.05)
    left.set(
        xlabel=t(r"strength $\alpha$"),
        ylabel=t("prediction kept"),
        ylim=(low, 1.02),
        title=t(title),
    )
    right.set(
        xlabel=t("share of words changed"),
        ylabel=t("prediction kept"),
        ylim=(low, 1.02),
        title=t("kept vs changed"),
    )
    left.axvline(0.1, color="gray", ls=":", lw=1)
    left.text(0.105, low + 0.02, t("EDA's α = 0.1"), color="gray", fontsize=8)
    right.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def plot_gain(gain: dict, title: str = "Does EDA help a small training set?"):
    """Test accuracy against training-set size, with and without augmentation (mean ± std)."""
    import matplotlib.pyplot as plt

    _check_title(title)
    if not isinstance(gain, dict) or not set(GAIN_KEYS) <= set(gain):
        raise InputError(
            "gain", gain, f"a dict with {', '.join(GAIN_KEYS)} (from augmentation_gain)"
        )
    size = len(checks.check_array(gain["sizes"], "gain['sizes']", ndim=1))
    for key in GAIN_KEYS[1:]:
        checks.check_array(gain[key], f"gain[{key!r}]", shape=(size,))
    fig, ax = plt.subplots(figsize=(6, 3.8))
    labels = {"plain": t("originals only"), "augmented": t("originals + EDA variants")}
    for key, label in labels.items():
        ax.errorbar(
            gain["sizes"], gain[key], yerr=gain[f"{key}_std"], marker="o", capsize=3, label=label
        )
    ax.set(xlabel=t("training sentences"), ylabel=t("test accuracy"), title=t(title))
    ax.axhline(0.5, color="gray", ls=":", lw=1)
    ax.legend()
    fig.tight_layout()
    return fig


def plot_keyboard(keys: str = "g"):
    """A QWERTY keyboard with ``keys`` in orange and their neighbours (typo substitutes) in green."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from datagen_lab.text.noise import _KEYS, KEYBOARD_NEIGHBOURS

    if not isinstance(keys, str) or not keys or not set(keys.lower()) <= set(_KEYS):
        raise InputError("keys", keys, "a str of letters a-z (the keys to mark)")
    keys = keys if keys.islower() else keys.lower()
    near = {n for key in keys for n in KEYBOARD_NEIGHBOURS[key]}
    fig, ax = plt.subplots(figsize=(6.5, 2.2))
    for key, (x, y) in _KEYS.items():
        colour = "#f6ad55" if key in keys else "#9ae6b4" if key in near else "#edf2f7"
        ax.add_patch(
            FancyBboxPatch(
                (x + 0.05, -y + 0.05), 0.9, 0.9, boxstyle="round,pad=0.02", fc=colour, ec="#718096"
            )
        )
        ax.text(x + 0.5, -y + 0.5, key, ha="center", va="center", fontsize=11)
    ax.set(
        xlim=(-0.1, 10.2),
        ylim=(-2.1, 1.1),
        aspect="equal",
        title=t("Keyboard neighbours of {keys}", keys=", ".join(keys)),
    )
    ax.axis("off")
    fig.tight_layout()
    return fig


def _check_title(title: object) -> None:
    if not isinstance(title, str):
        raise InputError("title", title, "a str")
