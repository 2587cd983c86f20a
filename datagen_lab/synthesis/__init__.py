"""Lesson 5, fusion and interpolation (notebooks/05_fusion_and_interpolation.ipynb).

Modules: fusion, fonts, colour, legibility (text on images), scene_text, manifest, captions (datasets made
that way), gap_filling, interpolate, interpolate_images, smote, panel, plots, exercises.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.synthesis import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "captioned": "captions",
    "mnist_caption_pairs": "captions",
    "contrast_ratio": "colour",
    "contrast_table": "colour",
    "relative_luminance": "colour",
    "MissingGlyphError": "fonts",
    "missing_glyphs": "fonts",
    "resolve_font": "fonts",
    "render_text": "fusion",
    "load_dataset": "manifest",
    "read_manifest": "manifest",
    "write_dataset": "manifest",
    "background": "panel",
    "gap_filling_panel": "panel",
    "text_overlay_panel": "panel",
    "crop_words": "scene_text",
    "synthesize_scene_text": "scene_text",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)
