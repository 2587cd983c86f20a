"""Image augmentation helpers: input checks, named pipelines, generated code, determinism."""

from __future__ import annotations

import imgaug.augmenters as iaa
import numpy as np
import pytest

from datagen_lab.image import augment as ai
from datagen_lab.image.catalog import CATALOG, FAMILIES, call_code, names, spec


@pytest.fixture
def digits():
    return np.random.default_rng(0).integers(0, 256, (6, 28, 28), dtype=np.uint8)


@pytest.fixture
def photos():
    return np.random.default_rng(1).integers(0, 256, (4, 30, 40, 3), dtype=np.uint8)


# ---- catalogue -------------------------------------------------------------------------------


def test_catalogue_covers_the_three_families_the_lesson_teaches():
    assert set(FAMILIES) == {spec.family for spec in CATALOG.values()}
    assert {
        "fliplr",
        "rotate",
        "scale",
        "translate",
        "shear",
        "crop",
        "perspective",
        "elastic",
    } <= set(names("geometric"))
    assert {"multiply", "contrast", "gamma", "hue_saturation", "grayscale"} == set(names("colour"))
    assert {"gaussian_noise", "salt_pepper", "blur", "coarse_dropout", "jpeg"} == set(
        names("noise")
    )
    for entry in CATALOG.values():
        assert entry.low <= entry.default <= entry.high and entry.step > 0, entry.name


def test_unknown_family_and_name_are_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="geometric"):
        names("weather")
    with pytest.raises(ValueError, match=r"rotate, .*unknown augmenter 'rotat'"):
        ai.make_augmenter("rotat")


@pytest.mark.parametrize("strength", [-1, 181, float("nan"), float("inf"), "25", True, None])
def test_strength_outside_its_range_is_refused(strength):
    if strength is None:  # None means "the default", which is valid
        assert isinstance(ai.make_augmenter("rotate", strength), iaa.Affine)
        return
    with pytest.raises(ValueError, match=r"rotate.*\[0, 180\]|must be a number"):
        ai.make_augmenter("rotate", strength)


@pytest.mark.parametrize("name", list(CATALOG))
@pytest.mark.parametrize("where", ["low", "default", "high"])
def test_every_augmenter_works_across_its_range_and_keeps_shapes(name, where, digits, photos):
    entry = spec(name)
    strength = getattr(entry, where)
    augmenter = ai.make_augmenter(name, strength, seed=0)
    for batch in [photos] if entry.colour_only else [photos, digits, digits[..., None]]:
        out = ai.augment_batch(batch, augmenter)
        assert out.shape == batch.shape and out.dtype == np.uint8


@pytest.mark.parametrize("name", [n for n in CATALOG if n not in ("jpeg", "hue_saturation")])
def test_strength_zero_is_the_identity(name, photos):
    out = ai.augment_batch(photos, ai.make_augmenter(name, 0, seed=0))
    np.testing.assert_array_equal(out, photos)


def test_strength_changes_pixels_more_as_it_grows(photos):
    def change(strength):
        out = ai.augment_batch(photos, ai.make_augmenter("gaussian_noise", strength, seed=0))
        return np.abs(out.astype(int) - photos).mean()

    assert change(0) == 0 < change(10) < change(60)


# ---- input checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.zeros((4, 4, 4, 4, 3), np.uint8), r"shape \(4, 4, 4, 4, 3\)"),
        (np.zeros((5,), np.uint8), r"shape \(5,\)"),
        (np.zeros((0, 28, 28), np.uint8), "not empty"),
        (np.zeros((2, 8, 8, 4), np.uint8), "RGBA"),
        (np.zeros((2, 8, 8, 2), np.uint8), r"shape \(2, 8, 8, 2\)"),
        (np.full((2, 8, 8), np.nan, np.float32), "NaN"),
        (np.full((2, 8, 8), 2.0), r"\[0, 1\].*got values in \[2, 2\]"),
        (np.full((2, 8, 8), -0.5), "-0.5"),
        (np.zeros((2, 8, 8), np.int64), "dtype int64"),
        (np.zeros((2, 8, 8), bool), "dtype bool"),
        ([np.zeros((8, 8), np.uint8), np.zeros((9, 9), np.uint8)], "same shape"),
    ],
)
def test_bad_batches_raise_value_errors_that_say_what_was_received(bad, message):
    with pytest.raises(ValueError, match=message):
        ai.augment_batch(bad, iaa.Fliplr(1.0))


def test_single_image_checks_use_image_shapes():
    with pytest.raises(ValueError, match=r"\(H, W\)"):
        ai.augment_image(np.zeros((2, 8, 8, 3), np.uint8), iaa.Fliplr(1.0))
    with pytest.raises(ValueError, match="positive integer"):
        ai.augment_draws(np.zeros((8, 8), np.uint8), iaa.Fliplr(1.0), n=0)


def test_colour_only_augmenters_refuse_grayscale_with_a_fix(digits):
    with pytest.raises(ValueError, match="AddToHueAndSaturation needs RGB.*np.repeat"):
        ai.augment_batch(digits, ai.make_pipeline({"fliplr": 0.5, "hue_saturation": 20}))
    with pytest.raises(ValueError, match="Grayscale needs RGB"):
        ai.augment_batch(digits[..., None], iaa.Sometimes(0.5, iaa.Grayscale(1.0)))


@pytest.mark.parametrize("shape", [(28, 28), (28, 28, 1), (20, 30, 3)])
def test_single_images_of_each_accepted_shape(shape):
    image = np.arange(np.prod(shape)).reshape(shape).astype(np.uint8)
    out = ai.augment_image(image, iaa.Fliplr(1.0))
    assert out.shape == shape and out.dtype == np.uint8
    np.testing.assert_array_equal(out, image[:, ::-1])


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_float_images_come_back_in_their_dtype_and_range(dtype):
    image = (np.linspace(0, 1, 28 * 28).reshape(28, 28)).astype(dtype)
    out = ai.augment_image(image, iaa.Fliplr(1.0))
    assert out.dtype == dtype and out.min() >= 0 and out.max() <= 1
    np.testing.assert_allclose(out, image[:, ::-1], atol=1 / 255)
    noisy = ai.augment_draws(image, ai.make_augmenter("gaussian_noise", 40, seed=0), n=3)
    assert (
        noisy.dtype == dtype and noisy.shape == (3, 28, 28) and 0 <= noisy.min() <= noisy.max() <= 1
    )


def test_check_helpers_convert_floats_to_uint8():
    assert ai.check_image(np.ones((4, 4))).tolist() == [[255] * 4] * 4
    assert ai.check_batch([np.zeros((4, 4)), np.ones((4, 4))]).dtype == np.uint8


def test_helper_returns_the_same_pixels_as_raw_imgaug(photos):
    ours = ai.augment_batch(photos, ai.make_pipeline({"rotate": 30, "gaussian_noise": 20}, seed=5))
    raw = ai.make_pipeline({"rotate": 30, "gaussian_noise": 20}, seed=5)(images=photos)
    np.testing.assert_array_equal(ours, raw)


# ---- pipelines, seeds and generated code ---------------------------------------------------


def test_steps_accept_dicts_names_and_pairs():
    assert ai.normalize_steps({"rotate": 10}) == [("rotate", 10.0)]
    assert ai.normalize_steps(["fliplr", ("blur", 2)]) == [("fliplr", 0.5), ("blur", 2.0)]
    with pytest.raises(ValueError, match="string"):
        ai.normalize_steps("rotate")
    with pytest.raises(ValueError, match="(?i)unknown augmenter"):
        ai.normalize_steps({"zoom": 1})
    for bad in ([("rotate",)], [42], None):
        with pytest.raises(ValueError, match="step"):
            ai.normalize_steps(bad)


def test_same_seed_same_pixels_different_seed_different_pixels(photos):
    steps = {"fliplr": 0.5, "rotate": 25, "multiply": 0.3, "coarse_dropout": 0.1}
    first = ai.augment_batch(photos, ai.make_pipeline(steps, seed=7))
    again = ai.augment_batch(photos, ai.make_pipeline(steps, seed=7))
    other = ai.augment_batch(photos, ai.make_pipeline(steps, seed=8))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_a_pipeline_draws_fresh_augmentations_on_each_call(photos):
    pipeline = ai.make_pipeline({"rotate": 25}, seed=0)
    assert not np.array_equal(
        ai.augment_batch(photos, pipeline), ai.augment_batch(photos, pipeline)
    )


def test_draws_of_one_image_differ_from_each_other():
    image = np.random.default_rng(3).integers(0, 256, (16, 16, 3), dtype=np.uint8)
    draws = ai.augment_draws(image, ai.make_augmenter("rotate", 90, seed=0), n=4)
    assert draws.shape == (4, 16, 16, 3)
    assert len({d.tobytes() for d in draws}) == 4


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"some_of": (1, 2)},
        {"some_of": 1, "random_order": True},
        {"sometimes": 0.5},
        {"random_order": True},
    ],
)
def test_generated_code_builds_a_pipeline_with_identical_pixels(options, photos):
    steps = {"fliplr": 0.5, "rotate": 25, "scale": 0.2, "gamma": 0.4, "salt_pepper": 0.05}
    code = ai.pipeline_code(steps, seed=11, **options)
    namespace = {}
    exec(code, namespace)
    from_code = namespace["seq"](images=photos)
    from_helper = ai.augment_batch(photos, ai.make_pipeline(steps, seed=11, **options))
    np.testing.assert_array_equal(from_code, from_helper)
    assert "seq.seed_(11)" in code and "iaa.Affine(rotate=(-25, 25))" in code


def test_code_and_pipeline_kinds_match_the_options():
    assert isinstance(ai.make_pipeline(["rotate"]), iaa.Sequential)
    some = ai.make_pipeline(["rotate", "blur"], some_of=(1, 2))
    assert isinstance(some, iaa.SomeOf) and "iaa.SomeOf((1, 2), [" in ai.pipeline_code(
        ["rotate", "blur"], some_of=(1, 2)
    )
    wrapped = ai.make_pipeline(["rotate"], sometimes=0.3)
    assert isinstance(wrapped[0], iaa.Sometimes)
    assert "iaa.Sometimes(0.3, iaa.Affine(rotate=(-25, 25)))" in ai.pipeline_code(
        ["rotate"], sometimes=0.3
    )
    assert "seed_" not in ai.pipeline_code(["rotate"])
    assert ai.pipeline_code([]).endswith("iaa.Sequential([])")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"sometimes": 1.5}, "probability"),
        ({"some_of": (2, 1)}, "some_of"),
        ({"some_of": 5}, "some_of"),
    ],
)
def test_bad_pipeline_options_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ai.make_pipeline(["rotate", "blur"], **kwargs)


def test_strength_zero_code_is_plain_and_valid():
    assert call_code(spec("rotate").call(0)) == "iaa.Affine(rotate=0)"
    assert call_code(spec("scale").call(0.2)) == "iaa.Affine(scale=(0.8, 1.2))"
    assert call_code(spec("salt_pepper").call(0.05)) == "iaa.SaltAndPepper((0, 0.05))"


def test_unseeded_pipelines_follow_the_course_seed(photos):
    from datagen_lab import set_seed

    set_seed(3)
    first = ai.augment_batch(photos, ai.make_pipeline({"rotate": 40}))
    set_seed(3)
    again = ai.augment_batch(photos, ai.make_pipeline({"rotate": 40}))
    np.testing.assert_array_equal(first, again)
