"""Bad inputs to the image side of lessons 1 and 5: each gets a clear error naming the argument.

One family per test, parametrised over the bad values the issue lists (wrong ndim, dtype,
NaN/inf, empty arrays, None, wrong types, negative or zero sizes, out-of-range probabilities,
boxes outside the image, mismatched lengths, missing or wrong files). Where an input is
legitimately fine (a float grey colour, a box partly outside after augmentation) the test
checks the result is correct instead.
"""

from __future__ import annotations

import imgaug.augmenters as iaa
import numpy as np
import pytest
from bad_input_helpers import NON_FINITE, WRONG_TYPES, assert_clear_error, assert_finite

from datagen_lab import plotting
from datagen_lab.image import augment as ai
from datagen_lab.image import catalog as cat
from datagen_lab.image import exercises as ex
from datagen_lab.image import feed, harm, plots
from datagen_lab.image import inputs as checks
from datagen_lab.image import labels as labels_mod
from datagen_lab.synthesis import captions, colour, fonts, fusion
from datagen_lab.synthesis import exercises as sx
from datagen_lab.synthesis import panel as sp
from datagen_lab.synthesis import plots as splots
from datagen_lab.synthesis import scene_text as dataset

DIGITS = np.random.default_rng(0).integers(0, 256, (10, 28, 28), dtype=np.uint8)
LABELS = np.arange(10)
PHOTO = np.random.default_rng(1).integers(0, 256, (40, 60, 3), dtype=np.uint8)
FLIP = iaa.Fliplr(1.0)
NAN_IMAGE = np.full((8, 8), np.nan, np.float32)
BAD_IMAGES = [
    ("none", None),
    ("str", "image.png"),
    ("1d", np.zeros(8, np.uint8)),
    ("4d", np.zeros((1, 2, 8, 8), np.uint8)),
    ("empty", np.zeros((0, 8), np.uint8)),
    ("nan", NAN_IMAGE),
    ("inf", np.full((8, 8), np.inf)),
    ("int64", np.zeros((8, 8), np.int64)),
    ("bool", np.zeros((8, 8), bool)),
    ("float-255", np.full((8, 8), 255.0)),
    ("rgba", np.zeros((8, 8, 4), np.uint8)),
    ("ragged", [np.zeros((8, 8)), np.zeros((9, 9))]),
]
SIZE_VALUES = [("zero", 0), ("negative", -3), ("float", 2.5), *WRONG_TYPES]


def judge(images: np.ndarray) -> np.ndarray:
    """A fast stand-in classifier: the label is the image's mean brightness bucket."""
    return (np.asarray(images).reshape(len(images), -1).mean(axis=1) // 26).astype(int) % 10


# ---------------------------------------------------------------- images into imgaug helpers


@pytest.mark.parametrize(("case", "bad"), BAD_IMAGES, ids=[c for c, _ in BAD_IMAGES])
def test_bad_single_images_are_refused(case, bad):
    assert_clear_error(lambda: ai.augment_image(bad, FLIP), "image")
    assert_clear_error(lambda: ai.check_image(bad), "image")
    assert_clear_error(lambda: ai.augment_draws(bad, FLIP, 2), "image")
    assert_clear_error(lambda: plots.show_pipeline_draws(bad, FLIP, 2), "image")
    assert_clear_error(lambda: plots.show_family(bad, "noise"), "image")


@pytest.mark.parametrize(("case", "bad"), BAD_IMAGES, ids=[c for c, _ in BAD_IMAGES])
def test_bad_batches_are_refused(case, bad):
    batch = bad if case in ("none", "str", "ragged") else np.asarray(bad)[None]
    if case == "1d":
        batch = np.zeros((3, 8), np.uint8)
    assert_clear_error(lambda: ai.augment_batch(batch, FLIP), "images")
    assert_clear_error(lambda: ai.check_batch(batch), "images")
    assert_clear_error(lambda: feed.to_model_input(batch), "images")


@pytest.mark.parametrize(
    "bad", [None, "fliplr", 0.5, lambda images: images], ids=["none", "str", "float", "function"]
)
def test_a_non_augmenter_is_refused_before_imgaug(bad):
    assert_clear_error(lambda: ai.augment_batch(DIGITS, bad), "augmenter")
    assert_clear_error(lambda: ai.augment_draws(DIGITS[0], bad), "augmenter")
    assert_clear_error(lambda: checks.refuse_colour_only(bad, (1, 8, 8)), "augmenter")
    assert_clear_error(
        lambda: harm.label_flip_examples(DIGITS, LABELS, bad, predict=judge), "augmenter"
    )
    assert_clear_error(
        lambda: labels_mod.augment_labelled(labels_mod.square_example(), bad), "augmenter"
    )
    assert_clear_error(lambda: list(feed.augmented_batches(DIGITS, LABELS, bad)), "augmenter")
    assert_clear_error(lambda: feed.augmented_dataset(DIGITS, LABELS, bad), "augmenter")


@pytest.mark.parametrize(("case", "n"), SIZE_VALUES, ids=[c for c, _ in SIZE_VALUES])
def test_bad_draw_counts_are_refused(case, n):
    assert_clear_error(lambda: ai.augment_draws(DIGITS[0], FLIP, n), "n")
    assert_clear_error(lambda: plots.show_family(DIGITS[0], "noise", n_draws=n), "n_draws")


def test_to_uint8_refuses_what_would_wrap_around():
    assert_clear_error(lambda: checks.to_uint8(np.full((2, 2), np.nan)), "array")
    assert_clear_error(lambda: checks.to_uint8(np.full((2, 2), 2.0)), "array")
    assert_clear_error(lambda: checks.to_uint8(np.full((2, 2), 300)), "array")
    assert_clear_error(
        lambda: checks.restore_like(np.zeros((2, 2)), np.zeros((2, 2), np.uint8)), "out"
    )
    # valid: floats in [0, 1] scale to 0-255 exactly as before
    np.testing.assert_array_equal(checks.to_uint8(np.array([0.0, 0.5, 1.0])), [0, 128, 255])


# ---------------------------------------------------------------- catalogue and pipelines


@pytest.mark.parametrize(
    "bad", [None, 3, "zoom", ["rotate"]], ids=["none", "int", "unknown", "list"]
)
def test_unknown_augmenter_names_are_refused(bad):
    assert_clear_error(lambda: ai.make_augmenter(bad), "name")
    assert_clear_error(lambda: cat.spec(bad), "name")


@pytest.mark.parametrize("bad", [*[v for _, v in NON_FINITE], -1, 181, "25", True, [25]])
def test_strengths_outside_their_range_are_refused(bad):
    assert_clear_error(lambda: ai.make_augmenter("rotate", bad), "strength")
    assert_clear_error(lambda: cat.check_strength("rotate", bad), "strength")
    assert_clear_error(lambda: ai.make_pipeline({"rotate": bad}), "steps")
    assert_clear_error(lambda: ai.pipeline_code([("rotate", bad)]), "steps")


@pytest.mark.parametrize(
    "bad",
    [None, "rotate", 5, [("rotate", 1, 2)], [3], {"zoom": 1}],
    ids=["none", "str", "int", "triple", "int-step", "unknown"],
)
def test_bad_steps_are_refused(bad):
    assert_clear_error(lambda: ai.normalize_steps(bad), "steps")
    assert_clear_error(lambda: ai.make_pipeline(bad), "steps")


@pytest.mark.parametrize(
    ("argument", "bad"),
    [
        ("seed", -1), ("seed", 1.5), ("seed", "0"), ("seed", True),
        ("sometimes", 1.5), ("sometimes", -0.1), ("sometimes", float("nan")), ("sometimes", "half"),
        ("some_of", 5), ("some_of", (2, 1)), ("some_of", -1), ("some_of", "one"), ("some_of", 1.5),
        ("random_order", "yes"), ("random_order", None),
    ],
)  # fmt: skip
def test_bad_pipeline_options_are_refused(argument, bad):
    assert_clear_error(lambda: ai.make_pipeline(["rotate", "blur"], **{argument: bad}), argument)
    assert_clear_error(lambda: ai.pipeline_code(["rotate", "blur"], **{argument: bad}), argument)


def test_seed_of_a_single_augmenter_and_unknown_family():
    assert_clear_error(lambda: ai.make_augmenter("rotate", seed=-5), "seed")
    assert_clear_error(lambda: cat.names("weather"), "family")
    assert_clear_error(lambda: cat.names(3), "family")
    assert_clear_error(lambda: cat.call_code("iaa.Fliplr(1)"), "call")


def test_colour_augmenters_on_grey_images_name_the_augmenter():
    error = assert_clear_error(
        lambda: ai.augment_batch(DIGITS, ai.make_pipeline({"grayscale": 1.0})), "augmenter"
    )
    assert "np.repeat" in str(error)


# ---------------------------------------------------------------- Keras feeding


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"labels": LABELS[:3]}, "labels"),
        ({"labels": np.full(10, np.nan)}, "labels"),
        ({"labels": -LABELS - 1}, "labels"),
        ({"labels": np.full(10, 1.5)}, "labels"),
        ({"labels": None}, "labels"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 2.0}, "batch_size"),
        ({"seed": -1}, "seed"),
        ({"epochs": 0}, "epochs"),
        ({"shuffle": "no"}, "shuffle"),
    ],
)
def test_bad_feeding_arguments_are_refused(kwargs, argument):
    arguments = {"images": DIGITS, "labels": LABELS, "augmenter": FLIP, **kwargs}
    assert_clear_error(lambda: next(feed.augmented_batches(**arguments)), argument)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"input_shape": (28, 28)}, "input_shape"),
        ({"input_shape": (4, 4, 1)}, "input_shape"),
        ({"input_shape": (28, 28, 0)}, "input_shape"),
        ({"classes": 1}, "classes"),
        ({"seed": -2}, "seed"),
    ],
)
def test_bad_model_shapes_are_refused_before_tensorflow(kwargs, argument):
    assert_clear_error(lambda: feed.small_cnn(**kwargs), argument)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"validation": DIGITS}, "validation"),
        ({"validation": (DIGITS, LABELS[:2])}, "validation"),
        ({"epochs": 0}, "epochs"),
        ({"augmenter": "rotate"}, "augmenter"),
    ],
)
def test_bad_training_arguments_are_refused_before_tensorflow(kwargs, argument):
    arguments = {"images": DIGITS, "labels": LABELS, "validation": (DIGITS, LABELS), **kwargs}
    assert_clear_error(lambda: feed.train_digits(**arguments), argument)


# ---------------------------------------------------------------- label survival


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"labels": LABELS[:2]}, "labels"),
        ({"labels": np.full(10, 12)}, "labels"),
        ({"labels": LABELS.astype(float)}, "labels"),
        ({"labels": None}, "labels"),
        ({"names": "rotate"}, "names"),
        ({"names": []}, "names"),
        ({"names": ["zoom"]}, "names"),
        ({"strengths": {"blur": [1]}}, "strengths"),
        ({"strengths": {"rotate": [500]}}, "strengths"),
        ({"strengths": {"rotate": [float("nan")]}}, "strengths"),
        ({"strengths": {"rotate": []}}, "strengths"),
        ({"levels": 1}, "levels"),
        ({"seed": -1}, "seed"),
        ({"predict": "judge"}, "predict"),
        ({"predict": lambda x: np.zeros(3)}, "predict"),
        ({"predict": lambda x: np.full(len(x), np.nan)}, "predict"),
        ({"progress": "yes"}, "progress"),
    ],
)
def test_bad_survival_arguments_are_refused(kwargs, argument):
    arguments = {
        "images": DIGITS,
        "labels": LABELS,
        "names": ["rotate"],
        "levels": 2,
        "predict": judge,
        **kwargs,
    }
    assert_clear_error(lambda: harm.measure_label_survival(**arguments), argument)


@pytest.fixture(scope="module")
def survival():
    return harm.measure_label_survival(
        DIGITS, LABELS, names=["rotate", "blur"], levels=2, predict=judge
    )


@pytest.mark.parametrize(
    ("method", "args", "argument"),
    [
        ("per_digit", ("zoom",), "name"),
        ("became", ("rotate", 10), "digit"),
        ("became", ("rotate", 2, 7), "level"),
        ("drop", ("rotate", 5), "level"),
        ("drop", (None,), "name"),
        ("label_breaking", (float("nan"),), "tolerance"),
        ("label_breaking", (0.05, "last"), "level"),
        ("summary", (-1, (2, 11)), "digits"),
        ("summary", (-1, "29"), "digits"),
    ],
)
def test_bad_survival_lookups_are_refused(survival, method, args, argument):
    assert_clear_error(lambda: getattr(survival, method)(*args), argument)


def test_bad_flip_and_plot_arguments_are_refused(survival):
    assert_clear_error(
        lambda: harm.label_flip_examples(DIGITS, LABELS, FLIP, judge, limit=-1), "limit"
    )
    assert_clear_error(lambda: harm.default_strengths(["rotate"], 1), "levels")
    assert_clear_error(lambda: harm.default_strengths("rotate"), "names")
    assert_clear_error(lambda: plots.plot_label_survival({"rotate": 1}), "result")
    assert_clear_error(lambda: plots.plot_label_survival(survival, level=9), "level")
    assert_clear_error(lambda: plots.plot_label_survival(survival, scale=0), "scale")
    assert_clear_error(lambda: plots.show_label_flips(DIGITS[:0], DIGITS[:0], [], []), "originals")
    assert_clear_error(
        lambda: plots.show_label_flips(DIGITS[:2], DIGITS[:1], [1, 2], [3, 4]), "augmented"
    )
    assert_clear_error(
        lambda: plots.show_label_flips(DIGITS[:2], DIGITS[:2], [1], [3, 4]), "labels"
    )
    assert_clear_error(
        lambda: plots.show_label_flips(DIGITS[:2], DIGITS[:2], [1, 2], [np.nan, 4]), "predicted"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {},
        None,
        {"run": ({"accuracy": [0.5]}, 0.4)},
        {"run": ({"accuracy": [0.5], "val_accuracy": [np.nan]}, 0.4)},
        {"run": ({"accuracy": [0.5], "val_accuracy": [0.5]}, 1.5)},
        {"run": [0.5]},
    ],
    ids=["empty", "none", "no-val", "nan", "accuracy-1.5", "not-a-pair"],
)
def test_bad_training_results_are_refused(bad):
    assert_clear_error(lambda: plots.plot_training_comparison(bad), "results")


def test_exercise_checkers_refuse_bad_data_but_give_feedback_for_bad_answers():
    assert_clear_error(
        lambda: ex.check_digit_safe(FLIP, DIGITS, LABELS[:2], predict=judge), "labels"
    )
    assert_clear_error(
        lambda: ex.check_digit_safe(FLIP, DIGITS, LABELS, predict="judge"), "predict"
    )
    assert not ex.check_digit_safe("not a pipeline", DIGITS, LABELS, predict=judge).ok
    assert not ex.check_aligned(None, None).ok
    assert not ex.check_aligned(np.zeros((64, 64, 3)), np.zeros((5, 5))).ok
    for answer in (None, "left", (np.nan, 0, 1, 2), (1, 2)):
        assert not ex.check_flipped_box(answer).ok
        assert not ex.check_rotated_point(answer).ok
    assert not ex.check_half_turn("rotate 180").ok


# ---------------------------------------------------------------- plots and grids


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"images": []}, "images"),
        ({"images": None}, "images"),
        ({"images": [DIGITS[0], PHOTO]}, "images"),
        ({"images": [NAN_IMAGE]}, "images"),
        ({"ncols": 0}, "ncols"),
        ({"ncols": 2.5}, "ncols"),
        ({"tile_inches": -1}, "tile_inches"),
        ({"tile_inches": float("nan")}, "tile_inches"),
        ({"row_labels": ["a", "b", "c"]}, "row_labels"),
        ({"titles": "one title"}, "titles"),
    ],
)
def test_bad_mosaics_are_refused(kwargs, argument):
    arguments = {"images": list(DIGITS[:4]), "ncols": 4, **kwargs}
    assert_clear_error(lambda: plots.show_mosaic(**arguments), argument)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"images": []}, "images"),
        ({"images": None}, "images"),
        ({"images": [NAN_IMAGE]}, "images"),
        ({"images": [np.full((4, 4), 200.0)]}, "images"),
        ({"images": [np.zeros((4, 4, 2))]}, "images"),
        ({"images": [np.zeros(4)]}, "images"),
        ({"images": [np.zeros((4, 0))]}, "images"),
        ({"ncols": 0}, "ncols"),
        ({"scale": 0}, "scale"),
        ({"titles": 5}, "titles"),
    ],
)
def test_bad_image_lists_for_show_images_are_refused(kwargs, argument):
    arguments = {"images": list(DIGITS[:2]), **kwargs}
    assert_clear_error(lambda: plotting.show_images(**arguments), argument)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"images": np.zeros((0, 4, 4))}, "images"),
        ({"images": np.zeros((4, 4))}, "images"),
        ({"images": np.full((2, 4, 4), np.nan)}, "images"),
        ({"images": None}, "images"),
        ({"ncols": 0}, "ncols"),
        ({"pad": -1}, "pad"),
    ],
)
def test_bad_grids_are_refused(kwargs, argument):
    arguments = {"images": DIGITS[:4], **kwargs}
    assert_clear_error(lambda: plotting.image_grid(**arguments), argument)


def test_valid_floats_still_display_as_before():
    import matplotlib.pyplot as plt

    # a blend a hair above 1 (rounding) and [-1, 1] generator output are shown, not refused
    fig = plotting.show_images(
        [np.full((4, 4), 1.0000001, np.float32), np.linspace(-1, 1, 16).reshape(4, 4)]
    )
    plt.close(fig)
    grid = plotting.image_grid(DIGITS[:3], ncols=2, pad=1)
    assert grid.shape == (57, 57) and grid.dtype == np.uint8


# ---------------------------------------------------------------- labelled examples


def test_bad_labelled_examples_are_refused():
    from dataclasses import replace

    square = labels_mod.square_example()
    bad = [
        (replace(square, boxes=np.array([[np.nan, 0, 4, 4]])), "example.boxes"),
        (replace(square, boxes=np.array([[10, 10, 2, 2]])), "example.boxes"),
        (replace(square, boxes=np.zeros((1, 3))), "example.boxes"),
        (replace(square, keypoints=np.array([[np.inf, 1]])), "example.keypoints"),
        (replace(square, keypoints=np.zeros((1, 3))), "example.keypoints"),
        (replace(square, mask=np.zeros((3, 3), int)), "example.mask"),
        (replace(square, mask=np.zeros((64, 64))), "example.mask"),
        (replace(square, image=np.full((64, 64, 3), np.nan)), "example.image"),
        ((square.image, square.boxes), "example"),
    ]
    for example, argument in bad:
        assert_clear_error(lambda e=example: labels_mod.augment_labelled(e, FLIP), argument)
        assert_clear_error(lambda e=example: labels_mod.draw_labelled(e), argument)
    # a box reaching past the image is legitimate (augmentation moves boxes out): drawn, clipped
    outside = replace(square, boxes=np.array([[-10, -10, 100, 30]], np.float32))
    assert labels_mod.draw_labelled(outside).shape == (64, 64, 3)
    assert labels_mod.augment_labelled(outside, FLIP).boxes.shape == (1, 4)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (
            lambda: labels_mod.draw_labelled(labels_mod.square_example(), mask_alpha=1.5),
            "mask_alpha",
        ),
        (lambda: labels_mod.draw_labelled(labels_mod.square_example(), thickness=0), "thickness"),
        (
            lambda: labels_mod.draw_labelled(labels_mod.square_example(), point_size=-1),
            "point_size",
        ),
        (lambda: labels_mod.square_example(size=0), "size"),
        (lambda: labels_mod.square_example(box=(0, 0, 10)), "box"),
        (lambda: labels_mod.square_example(box=(0.5, 0, 10, 10)), "box"),
        (lambda: labels_mod.square_example(box=(-5, 0, 10, 10)), "box"),
        (lambda: labels_mod.quokka_example(0), "size"),
        (lambda: labels_mod.quokka_example("big"), "size"),
        (lambda: labels_mod.mask_iou(None, np.zeros((2, 2))), "a"),
        (lambda: labels_mod.mask_iou(np.zeros((2, 2)), np.zeros((3, 3))), "b"),
        (lambda: labels_mod.mask_iou(np.zeros((2, 2)), np.full((2, 2), np.nan)), "b"),
        (lambda: labels_mod.rotate_points(np.zeros((3, 3)), 30, (0, 0)), "points"),
        (lambda: labels_mod.rotate_points(np.zeros((3, 2)), np.nan, (0, 0)), "degrees"),
        (lambda: labels_mod.rotate_points(np.zeros((3, 2)), 30, (0,)), "centre"),
        (lambda: labels_mod.enclosing_box(np.zeros((0, 2))), "points"),
        (lambda: labels_mod.enclosing_box(np.full((2, 2), np.nan)), "points"),
        (lambda: labels_mod.box_corners((1, 2, 3)), "box"),
        (lambda: plots.show_labelled([]), "examples"),
        (lambda: plots.show_labelled([labels_mod.square_example()], titles=["a", "b"]), "titles"),
        (lambda: plots.show_labelled(["square"]), "examples"),
    ],
)
def test_bad_label_helper_arguments_are_refused(call, argument):
    assert_clear_error(call, argument)


# ---------------------------------------------------------------- panel


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"samples": [DIGITS[0]]}, "samples"),
        ({"samples": {"nan": NAN_IMAGE}}, "samples"),
        ({"samples": {"empty": np.zeros((0, 0), np.uint8)}}, "samples"),
        ({"seed": -1}, "seed"),
        ({"seed": "0"}, "seed"),
        ({"n_draws": 0}, "n_draws"),
        ({"n_draws": 40}, "n_draws"),
        ({"steps": {"rotate": 999}}, "steps"),
        ({"steps": "rotate"}, "steps"),
    ],
)
def test_bad_panel_construction_is_refused(kwargs, argument):
    from datagen_lab.image.panel import AugmentationPanel

    arguments = {"samples": {"digit": DIGITS[0]}, **kwargs}
    assert_clear_error(lambda: AugmentationPanel(**arguments), argument)


# ---------------------------------------------------------------- text on images


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "\n\t", None, 42, b"bytes"],
    ids=["empty", "spaces", "newline-tab", "none", "int", "bytes"],
)
def test_blank_or_non_text_is_refused_not_returned_unchanged(bad):
    assert_clear_error(lambda: fusion.render_text(PHOTO, bad), "text")


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "photo",
        np.zeros((40, 60), np.float32),
        np.full((40, 60, 3), np.nan),
        np.zeros((0, 0), np.uint8),
        np.zeros((40, 60, 2), np.uint8),
        np.zeros(10, np.uint8),
        np.zeros((40, 60), bool),
    ],
    ids=["none", "str", "float", "nan", "empty", "two-channels", "1d", "bool"],
)
def test_bad_images_for_text_are_refused(bad):
    assert_clear_error(lambda: fusion.render_text(bad, "Hello"), "image")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"box": (0, 0, 100, 20)}, "box"),
        ({"box": (-5, 0, 30, 20)}, "box"),
        ({"box": (30, 0, 10, 20)}, "box"),
        ({"box": (0, 0, np.nan, 20)}, "box"),
        ({"box": (0, 0, 30)}, "box"),
        ({"box": "top"}, "box"),
        ({"position": "middle"}, "position"),
        ({"position": None}, "position"),
        ({"align": "justify"}, "align"),
        ({"size": 0}, "size"),
        ({"size": 20.5}, "size"),
        ({"size": "big"}, "size"),
        ({"min_size": 0}, "min_size"),
        ({"max_size": 4}, "max_size"),
        ({"margin": -0.1}, "margin"),
        ({"margin": 0.5}, "margin"),
        ({"margin": float("nan")}, "margin"),
        ({"stroke": -2}, "stroke"),
        ({"stroke": "thick"}, "stroke"),
        ({"stroke": 1.5}, "stroke"),
        ({"wrap": "yes"}, "wrap"),
        ({"colour": "not-a-colour"}, "colour"),
        ({"colour": (0.5, 0.5, 2.0)}, "colour"),
        ({"colour": (255, 0, 0.5)}, "colour"),
        ({"colour": (300, 0, 0)}, "colour"),
        ({"colour": (255, 0)}, "colour"),
        ({"colour": (np.nan, 0, 0)}, "colour"),
        ({"colour": None}, "colour"),
        ({"font": "no-such-font.ttf"}, "font"),
        ({"font": 12}, "font"),
        ({"font": ""}, "font"),
        ({"fallback_font": "no-such-font.ttf"}, "fallback_font"),
        ({"fallback_font": ["DejaVuSans.ttf", 3]}, "fallback_font"),
    ],
)
def test_bad_text_options_are_refused(kwargs, argument):
    assert_clear_error(lambda: fusion.render_text(PHOTO, "Hi", **kwargs), argument)


def test_files_that_are_not_fonts_name_the_font_argument(tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_text("not a font")
    assert_clear_error(lambda: fusion.render_text(PHOTO, "Hi", font=fake), "font")
    assert_clear_error(lambda: fusion.render_text(PHOTO, "Hi", fallback_font=fake), "fallback_font")
    assert_clear_error(lambda: fonts.load_font(fake, 12), "font")
    assert_clear_error(lambda: fonts.load_font(tmp_path / "missing.ttf", 12), "font")
    assert_clear_error(lambda: fonts.missing_glyphs("Hi", fake), "font")
    assert_clear_error(lambda: fonts.select_font("Hi", None, fake), "fallback")


def test_float_colours_are_read_as_matplotlib_does():
    grey = fusion.render_text(
        np.zeros((40, 60, 3), np.uint8), "Hi", colour=(0.5, 0.5, 0.5), stroke=False
    )
    assert grey.fill == (128, 128, 128)  # mid-grey, not black
    assert fusion.parse_colour((1.0, 1.0, 1.0)) == (255, 255, 255)
    assert fusion.parse_colour((255, 255, 255)) == (255, 255, 255)
    ink = grey.image[grey.bbox[1] : grey.bbox[3], grey.bbox[0] : grey.bbox[2]]
    assert ink.max() == 128  # drawn in that grey


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: fonts.load_font(None, 0), "size"),
        (lambda: fonts.load_font(None, 12.5), "size"),
        (lambda: fonts.load_font(["DejaVuSans.ttf"], 12), "font"),
        (lambda: fonts.resolve_font(3.5), "font"),
        (lambda: fonts.missing_glyphs(None), "text"),
        (lambda: fonts.select_font(["Hi"]), "text"),
        (lambda: fonts.wrap_text("Hi there", None, 12, np.nan), "max_width"),
        (lambda: fonts.wrap_text("Hi there", None, -1, 50), "size"),
        (lambda: fonts.fit_text("Hi", None, (50, 20), min_size=0), "min_size"),
        (lambda: fonts.fit_text("Hi", None, (50, 20), min_size=10, max_size=5), "max_size"),
        (lambda: fonts.fit_text("Hi", None, (50,)), "box_size"),
        (lambda: fonts.fit_text("Hi", None, (50, np.inf)), "box_size"),
        (lambda: fonts.fit_text("Hi", None, (50, 20), align="middle"), "align"),
        (lambda: fonts.fit_text("Hi", None, (50, 20), wrap=None), "wrap"),
        (lambda: fonts.wrap_to_fit("Hi", None, 12, "50x20"), "box_size"),
        (lambda: fonts.block_bbox("Hi", None, 12, stroke_width=-1), "stroke_width"),
        (lambda: fonts.block_bbox("Hi", None, 12, origin=(0,)), "origin"),
        (lambda: fonts.block_bbox("Hi", None, 12, origin=(0, np.nan)), "origin"),
        (lambda: fonts.stroke_width_for(np.nan), "size"),
        (lambda: fonts.line_spacing(-4), "size"),
        (lambda: colour.relative_luminance((0, 0)), "rgb"),
        (lambda: colour.relative_luminance((np.nan, 0, 0)), "rgb"),
        (lambda: colour.relative_luminance((300, 0, 0)), "rgb"),
        (lambda: colour.contrast_ratio(None, (0, 0, 0)), "a"),
        (lambda: colour.contrast_ratio((0, 0, 0), (-1, 0, 0)), "b"),
        (lambda: colour.pick_colours(np.zeros((0, 3))), "region"),
        (lambda: colour.pick_colours(np.full((2, 2, 3), np.nan)), "region"),
        (lambda: colour.pick_colours(np.zeros((2, 2, 4))), "region"),
        (lambda: colour.pick_colours(np.zeros((2, 2, 3)), "nope"), "colour"),
        (lambda: colour.parse_colour(None), "colour"),
    ],
)
def test_bad_font_and_colour_helper_arguments_are_refused(call, argument):
    assert_clear_error(call, argument)


# ---------------------------------------------------------------- captions


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: captions.number_to_words(-1), "number"),
        (lambda: captions.number_to_words(1_000_000), "number"),
        (lambda: captions.number_to_words(3.7), "number"),
        (lambda: captions.number_to_words("3"), "number"),
        (lambda: captions.number_to_words(True), "number"),
        (lambda: captions.compose_number(DIGITS, LABELS, -5, np.random.default_rng(0)), "number"),
        (
            lambda: captions.compose_number(DIGITS, LABELS[:2], 5, np.random.default_rng(0)),
            "labels",
        ),
        (
            lambda: captions.compose_number(
                DIGITS.astype(float), LABELS, 5, np.random.default_rng(0)
            ),
            "images",
        ),
        (lambda: captions.compose_number(DIGITS[0], LABELS, 5, np.random.default_rng(0)), "images"),
        (lambda: captions.compose_number(DIGITS, LABELS, 5, 0), "rng"),
        (
            lambda: captions.compose_number(
                DIGITS, LABELS, 5, np.random.default_rng(0), overlap=28
            ),
            "overlap",
        ),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, -1), "n"),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2.5), "n"),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, max_digits=0), "max_digits"),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, max_digits=2.5), "max_digits"),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, seed=-1), "seed"),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, templates="{words}"), "templates"),
        (
            lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, templates=["{colour}"]),
            "templates",
        ),
        (lambda: captions.mnist_caption_pairs(DIGITS, LABELS, 2, templates=[""]), "templates"),
        (lambda: captions.captioned(DIGITS[0] / 255, "three"), "image"),
        (lambda: captions.captioned(np.full((28, 28), np.nan), "three"), "image"),
        (lambda: captions.captioned(DIGITS, "three"), "image"),
        (lambda: captions.captioned(DIGITS[0], ""), "caption"),
        (lambda: captions.captioned(DIGITS[0], "three", scale=0), "scale"),
        (lambda: captions.captioned(DIGITS[0], "three", band=10), "band"),
    ],
)
def test_bad_caption_arguments_are_refused(call, argument):
    assert_clear_error(call, argument)


# ---------------------------------------------------------------- datasets on disk


def test_missing_or_wrong_files_and_folders_are_refused(tmp_path):
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("not a folder")
    pairs = captions.mnist_caption_pairs(DIGITS, LABELS, 2, max_digits=1)
    assert_clear_error(lambda: dataset.load_dataset(tmp_path / "missing"), "folder")
    assert_clear_error(lambda: dataset.load_dataset(a_file), "folder")
    assert_clear_error(lambda: dataset.load_dataset(tmp_path), "folder")  # no manifest
    assert_clear_error(lambda: dataset.load_dataset(None), "folder")
    assert_clear_error(lambda: dataset.write_dataset(a_file, pairs), "out_dir")
    assert_clear_error(lambda: dataset.write_dataset(a_file / "inside", pairs), "out_dir")
    assert_clear_error(lambda: dataset.write_dataset(None, pairs), "out_dir")
    assert_clear_error(lambda: dataset.write_dataset(tmp_path / "x", 5), "samples")
    assert_clear_error(
        lambda: dataset.write_dataset(tmp_path / "x", [(DIGITS[0] / 255, pairs[0][1])]), "samples"
    )
    assert_clear_error(
        lambda: dataset.write_dataset(tmp_path / "x", [(DIGITS[0], {"caption": "x"})]), "samples"
    )
    assert_clear_error(lambda: dataset.write_dataset(tmp_path / "x", [DIGITS[0]]), "samples")
    assert_clear_error(lambda: dataset.synthesize_scene_text(a_file, 1), "out_dir")
    assert_clear_error(lambda: dataset.read_manifest(tmp_path / "missing.jsonl"), "path")
    assert_clear_error(lambda: dataset.read_manifest(None), "path")
    assert_clear_error(lambda: dataset.write_manifest([p[1] for p in pairs], tmp_path), "path")
    assert_clear_error(
        lambda: dataset.write_manifest([p[1] for p in pairs], tmp_path / "no" / "m.jsonl"), "path"
    )
    assert_clear_error(
        lambda: dataset.write_manifest([{"caption": "x"}], tmp_path / "m.jsonl"), "records"
    )
    # a dataset whose image files went missing is reported, not a PIL FileNotFoundError
    folder = tmp_path / "captions"
    records = dataset.write_dataset(folder, pairs)
    (folder / records[1].file).unlink()
    assert_clear_error(lambda: dataset.load_dataset(folder), "folder")
    # and a good one reads back exactly
    dataset.write_dataset(folder, pairs)
    images, back = dataset.load_dataset(folder)
    assert back == records and all(i.dtype == np.uint8 for i in images)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"index": -1}, "index"),
        ({"index": 1.5}, "index"),
        ({"seed": -1}, "seed"),
        ({"image_size": (0, 100)}, "image_size"),
        ({"image_size": (100,)}, "image_size"),
        ({"image_size": (5000, 5000)}, "image_size"),
        ({"words": "OPEN"}, "words"),
        ({"words": []}, "words"),
        ({"words": ["OPEN", ""]}, "words"),
        ({"max_words": 0}, "max_words"),
        ({"size_range": (30, 10)}, "size_range"),
        ({"size_range": (0, 10)}, "size_range"),
        ({"fonts": ["no-such-font.ttf"]}, "fonts"),
        ({"photos": ["mars"]}, "photos"),
    ],
)
def test_bad_scene_text_options_are_refused(kwargs, argument):
    arguments = {"index": 0, "image_size": (64, 96), **kwargs}
    assert_clear_error(lambda: dataset.scene_text_sample(**arguments), argument)


def test_bad_scene_runs_write_nothing(tmp_path):
    out = tmp_path / "scenes"
    assert_clear_error(lambda: dataset.synthesize_scene_text(out, -1), "n")
    assert_clear_error(lambda: dataset.synthesize_scene_text(out, 2, max_words=0), "max_words")
    assert_clear_error(lambda: dataset.synthesize_scene_text(out, 2, colour="red"), "options")
    assert not out.exists()


def test_bad_word_crops_are_refused():
    image, record = dataset.scene_text_sample(0, image_size=(64, 96))
    assert_clear_error(lambda: dataset.crop_words(image, record, pad=-1), "pad")
    assert_clear_error(lambda: dataset.crop_words(None, record), "image")
    assert_clear_error(lambda: dataset.crop_words(image[:5, :5], record), "record")
    caption = dataset.CaptionRecord("", "one", 1, (0,))
    assert_clear_error(lambda: dataset.crop_words(image, caption), "record")


# ---------------------------------------------------------------- lesson 5 panel and plots


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: sp.background("mars"), "name"),
        (lambda: sp.background(["grey"]), "name"),
        (lambda: sp.background("grey", 0), "width"),
        (lambda: sp.background("grey", 100.5), "width"),
        (lambda: sp.text_preview(None), "text"),
        (lambda: sp.text_preview("Hi", stroke="thick"), "stroke"),
        (lambda: sp.text_preview("Hi", size=0), "size"),
        (lambda: sp.text_preview("Hi", background_name="mars"), "background_name"),
        (lambda: sp.gap_preview("spline"), "method"),
        (lambda: sp.gap_preview(gap_size=0), "gap_size"),
        (lambda: sp.gap_preview(n_gaps=-1), "n_gaps"),
        (lambda: sp.gap_preview(gap_size=100, n_gaps=4), "n_gaps"),
        (lambda: sp.gap_preview(seed=-1), "seed"),
        (lambda: sp.gap_preview(n=5), "n"),
        (lambda: splots.new_figure(0, 3, pyplot=False), "width"),
        (lambda: splots.new_figure(3, np.nan, pyplot=False), "height"),
        (lambda: splots.new_figure(3, 3, nrows=0, pyplot=False), "nrows"),
        (lambda: splots.figure_png("figure"), "fig"),
        (
            lambda: splots.plot_gap_filling(
                [0, 1, 2], [1, 2], [True, False, True], {}, pyplot=False
            ),
            "y",
        ),
        (
            lambda: splots.plot_gap_filling([0, 1], [1, 2], [1, 0], {"a": [1, 2]}, pyplot=False),
            "known",
        ),
        (
            lambda: splots.plot_gap_filling(
                [0, 1], [1, 2], [True, False], {"a": [1]}, pyplot=False
            ),
            "fills",
        ),
        (
            lambda: splots.plot_gap_filling(
                [0, 1], [1, np.nan], [True, False], {"a": [1, 2]}, pyplot=False
            ),
            "y",
        ),
        (lambda: splots.plot_error_curves([1], {"linear": [0.1]}, "h", pyplot=False), "sizes"),
        (lambda: splots.plot_error_curves([1, 2], {"linear": [0.1]}, "h", pyplot=False), "table"),
        (lambda: splots.plot_smote(np.zeros((3, 3)), [0, 1, 1], None, pyplot=False), "X"),
        (lambda: splots.plot_smote(np.zeros((3, 2)), [0, 1], None, pyplot=False), "y"),
        (lambda: splots.plot_smote(np.zeros((3, 2)), [0, 1, 1], None, pyplot=False), "result"),
        (lambda: splots.plot_class_counts({}, {1: 2}, pyplot=False), "before"),
        (lambda: splots.plot_class_counts({1: 2}, {1: -2}, pyplot=False), "after"),
        (lambda: splots.plot_boxes([], []), "images"),
        (lambda: splots.plot_boxes([PHOTO], []), "boxes"),
        (lambda: splots.plot_boxes([PHOTO], [[(0, 0, 5)]]), "boxes"),
        (lambda: splots.plot_boxes([PHOTO], [[(0, 0, 5, 5)]], labels=[["a", "b"]]), "labels"),
        (lambda: splots.plot_boxes([PHOTO], [[(0, 0, 5, 5)]], ncols=0), "ncols"),
        (lambda: splots.plot_scene_records([PHOTO], [None]), "records"),
        (lambda: splots.plot_interpolants([0, 1], [0], [0, 1], [0, 1], {"a": [0, 1]}), "y_known"),
        (lambda: splots.plot_interpolants([0, 1], [0, 1], [0, 1], [0, 1], {"a": [0]}), "curves"),
    ],
)
def test_bad_lesson5_panel_and_plot_arguments_are_refused(call, argument):
    assert_clear_error(call, argument)


def test_text_preview_reports_bad_text_options_in_its_readout():
    # the widget shows errors in red instead of raising: that is its correct result
    image, readout = sp.text_preview("Hi", position="middle", background_name="grey", width=64)
    assert "position" in readout and image.shape == (48, 64, 3)
    image, readout = sp.text_preview("   ", background_name="grey", width=64)
    assert readout == "Type some text."


def test_lesson5_exercise_checkers_answer_bad_answers_with_feedback():
    for answer in (None, "three", np.full(10, np.nan), np.zeros(3)):
        assert not sx.check_mixup_label(answer).ok
    for answer in (None, "sixteen", float("nan"), float("inf")):
        assert not sx.check_error_factor(answer).ok
    for fn in (None, "contrast", lambda a, b: None, lambda a, b: float("nan")):
        assert not sx.check_contrast(fn).ok
    for fn in (None, lambda a, b, u: None, lambda a, b, u: a * np.nan):
        assert not sx.check_smote_point(fn).ok


def test_good_results_stay_finite():
    assert_finite(colour.contrast_ratio((0, 0, 0), (255, 255, 255)))
    assert_finite(ai.augment_batch(DIGITS / 255, FLIP))
    assert_finite(labels_mod.rotate_points(np.zeros((2, 2)), 30, (4, 4)))
