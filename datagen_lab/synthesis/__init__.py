"""Lesson 5, fusion and interpolation (notebooks/05_fusion_and_interpolation.ipynb).

Modules: fusion, fonts, colour, scene_text, captions (text on images), interpolate, interpolate_images,
smote, panel, plots, exercises.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.synthesis import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

import importlib
from typing import Any

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "captioned": "captions",
    "mnist_caption_pairs": "captions",
    "MissingGlyphError": "fusion",
    "contrast_ratio": "fusion",
    "missing_glyphs": "fusion",
    "relative_luminance": "fusion",
    "render_text": "fusion",
    "resolve_font": "fusion",
    "background": "panel",
    "gap_filling_panel": "panel",
    "text_overlay_panel": "panel",
    "crop_words": "scene_text",
    "load_dataset": "scene_text",
    "read_manifest": "scene_text",
    "synthesize_scene_text": "scene_text",
    "write_dataset": "scene_text",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name.startswith("_"):
        raise AttributeError(name)
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"{__name__}.{name}":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        raise
    globals()[name] = module
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
