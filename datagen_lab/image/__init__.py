"""Lesson 1, image augmentation (notebooks/01_image_augmentation.ipynb).

Modules: augment (pipelines), catalog (the augmenter menu), family (draws per family), inputs (image input checks), feed
(batches for a model), harm (label-breaking augmentations), labels, panel, plots, exercises.

Submodules, and the names the lesson's notebook imports from here (``_EXPORTS``), load on
first use (``from datagen_lab.image import model``), so importing the package stays as light as
``import datagen_lab``.
"""

from __future__ import annotations

from datagen_lab.lazy import lazy_attributes

# What the lesson's notebook imports, by submodule: loaded on first use, like the submodules.
_EXPORTS = {
    "augment_batch": "augment",
    "augment_draws": "augment",
    "make_pipeline": "augment",
    "pipeline_code": "augment",
    "CATALOG": "catalog",
    "catalog_table": "catalog",
    "HALF_TURN_CHOICES": "exercises",
    "check_aligned": "exercises",
    "check_digit_safe": "exercises",
    "check_flipped_box": "exercises",
    "check_half_turn": "exercises",
    "check_rotated_point": "exercises",
    "augmented_dataset": "feed",
    "to_model_input": "feed",
    "train_digits": "feed",
    "label_flip_examples": "harm",
    "measure_label_survival": "harm",
    "augment_labelled": "labels",
    "box_corners": "labels",
    "enclosing_box": "labels",
    "mask_iou": "labels",
    "quokka_example": "labels",
    "rotate_points": "labels",
    "square_example": "labels",
    "AugmentationPanel": "panel",
    "plot_label_survival": "plots",
    "plot_training_comparison": "plots",
    "family_draws": "family",
    "show_family": "family",
    "show_label_flips": "plots",
    "show_labelled": "plots",
    "show_mosaic": "plots",
    "show_pipeline_draws": "plots",
    "zoom_crop": "mosaic",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_attributes(__name__, globals(), _EXPORTS)
