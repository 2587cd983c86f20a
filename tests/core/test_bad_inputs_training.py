"""Bad inputs thrown at every public function and class of the training and DCGAN modules.

Each case must end in a *clear error* (the package's InputError or CheckpointError, raised inside
datagen_lab, naming the argument) or in a *correct result*; never a TensorFlow/NumPy traceback,
a silent NaN or a run that never stops. Models are tiny so the suite runs in seconds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bad_input_helpers import NON_FINITE, WRONG_TYPES, assert_clear_error, assert_finite
from training_helpers import ToyTask, toy_images

from datagen_lab import prefetch, tf_runtime, training
from datagen_lab.dcgan import conditional as cg
from datagen_lab.dcgan import model as dcgan
from datagen_lab.dcgan import task as gan_training
from datagen_lab.training import Trainer

TINY = dcgan.DCGANConfig(
    name="tiny",
    noise_dim=8,
    generator_widths=(8, 4, 4),
    discriminator_widths=(4, 8),
    kernel_size=3,
    batch_size=8,
    learning_rate=2e-4,
    beta_1=0.5,
)
DIGITS = np.random.default_rng(0).integers(0, 256, (16, 28, 28), dtype=np.uint8)
LABELS = np.arange(16) % 10
NAN_DIGITS = np.full((4, 28, 28), np.nan)
BAD_FAMILIES = [*NON_FINITE, *WRONG_TYPES, ("zero", 0), ("negative", -3), ("float-size", 2.5)]


@pytest.fixture(scope="module")
def generator():
    return dcgan.make_generator(TINY, seed=0)


@pytest.fixture(scope="module")
def conditional():
    config = cg.SMALL.replace(generator_widths=(8, 4, 4), discriminator_widths=(4, 8))
    return cg.make_conditional_generator(config), cg.make_conditional_discriminator(config)


@pytest.fixture(scope="module")
def trainer():
    return Trainer(ToyTask(), toy_images(), batch_size=8)


def toy(**kwargs):
    kwargs.setdefault("batch_size", 8)
    return Trainer(kwargs.pop("task", ToyTask()), kwargs.pop("images", toy_images()), **kwargs)


# -- Trainer ----------------------------------------------------------------------------------

TRAINER_CASES = [
    ("task-none", "task", {"task": None}),
    ("task-str", "task", {"task": "toy"}),
    ("images-none", "images", {"images": None}),
    ("images-1d", "images", {"images": np.zeros(40, np.float32)}),
    ("images-empty", "images", {"images": np.zeros((0, 4, 4), np.float32)}),
    ("images-nan", "images", {"images": np.full((40, 4, 4), np.nan, np.float32)}),
    ("images-inf", "images", {"images": np.full((40, 4, 4), np.inf, np.float32)}),
    ("images-str", "images", {"images": np.array([["a"] * 4] * 4)[None].repeat(40, 0)}),
    ("images-ragged", "images", {"images": [[1.0, 2.0], [3.0]]}),
    ("batch-zero", "batch_size", {"batch_size": 0}),
    ("batch-negative", "batch_size", {"batch_size": -8}),
    ("batch-too-big", "batch_size", {"batch_size": 41}),
    ("batch-float", "batch_size", {"batch_size": 8.0}),
    ("batch-nan", "batch_size", {"batch_size": float("nan")}),
    ("batch-none", "batch_size", {"batch_size": None}),
    ("seed-negative", "seed", {"seed": -1}),
    ("seed-float", "seed", {"seed": 1.5}),
    ("seed-huge", "seed", {"seed": 2**40}),
    ("every-zero", "checkpoint_every", {"checkpoint_every": 0}),
    ("every-nan", "checkpoint_every", {"checkpoint_every": float("nan")}),
    ("every-str", "checkpoint_every", {"checkpoint_every": "10"}),
    ("dir-empty", "checkpoint_dir", {"checkpoint_dir": ""}),
    ("dir-dot", "checkpoint_dir", {"checkpoint_dir": "."}),
    ("dir-int", "checkpoint_dir", {"checkpoint_dir": 3}),
    ("dir-home", "checkpoint_dir", {"checkpoint_dir": "~"}),
    ("strategy-str", "strategy", {"strategy": "mirrored"}),
    ("jit-str", "jit_compile", {"jit_compile": "yes"}),
    ("restart-str", "restart", {"restart": "no"}),
    ("restart-int", "restart", {"restart": 1}),
]


@pytest.mark.parametrize(
    ("argument", "kwargs"), [c[1:] for c in TRAINER_CASES], ids=[c[0] for c in TRAINER_CASES]
)
def test_trainer_refuses(argument, kwargs):
    assert_clear_error(lambda: toy(**kwargs), argument)


def test_trainer_refuses_a_file_as_checkpoint_dir(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("keep me")
    assert_clear_error(lambda: toy(checkpoint_dir=path, restart=True), "checkpoint_dir")
    assert path.read_text() == "keep me"


def test_trainer_accepts_uint8_and_list_images_as_float32():
    trainer = toy(images=(toy_images() * 255).astype(np.uint8).tolist())
    assert trainer.images.dtype == np.float32 and trainer.images.shape == (40, 4, 4)


FIT_CASES = [
    *[
        (f"steps-{name}", "steps", {"steps": value})
        for name, value in BAD_FAMILIES
        if name not in ("zero", "none")
    ],
    *[
        (f"minutes-{name}", "minutes", {"minutes": value})
        for name, value in [*NON_FINITE, ("negative", -1.0), ("str", "3"), ("bool", True)]
    ],
    ("callbacks-single", "callbacks", {"steps": 1, "callbacks": object()}),
    ("callbacks-str", "callbacks", {"steps": 1, "callbacks": "dashboard"}),
    ("callbacks-function", "callbacks", {"steps": 1, "callbacks": [print]}),
    ("progress-str", "progress", {"steps": 1, "progress": "no"}),
]


@pytest.mark.parametrize(
    ("argument", "kwargs"), [c[1:] for c in FIT_CASES], ids=[c[0] for c in FIT_CASES]
)
def test_fit_refuses(trainer, argument, kwargs):
    before = trainer.step
    assert_clear_error(lambda: trainer.fit(**kwargs), argument)
    assert trainer.step == before  # refused before a single step


def test_fit_with_zero_steps_or_minutes_does_nothing(trainer):
    assert trainer.fit(steps=0, progress=False).stopped_by == "already done"
    assert trainer.fit(minutes=0, progress=False).stopped_by == "already done"


def test_fit_accepts_a_single_callback_wrapped_in_a_list_and_none(trainer):
    class Count:
        steps = 0

        def on_step_end(self, trainer, logs):
            Count.steps += 1

    trainer.fit(steps=trainer.step + 2, callbacks=[Count()], progress=False)
    trainer.fit(steps=trainer.step + 1, callbacks=None, progress=False)
    assert Count.steps == 2 and all(np.isfinite(row["loss"]) for row in trainer.history)


@pytest.mark.parametrize("name", [None, 3, ["loss"]])
def test_metric_refuses_a_name_that_is_not_text(trainer, name):
    assert_clear_error(lambda: trainer.metric(name), "name")


def test_metric_of_an_unlogged_name_is_empty(trainer):
    steps, values = trainer.metric("accuracy")
    assert steps.size == 0 and values.size == 0


@pytest.mark.parametrize("folder", [None, "", 3, "/no/such/folder"])
def test_repair_checkpoint_index_refuses(folder):
    assert_clear_error(lambda: training.repair_checkpoint_index(folder), "checkpoint_dir")


def test_repair_of_a_folder_without_checkpoints_is_a_checkpoint_error(tmp_path):
    with pytest.raises(training.CheckpointError, match="no complete checkpoint"):
        training.repair_checkpoint_index(tmp_path)


# -- DCGANConfig ------------------------------------------------------------------------------

CONFIG_CASES = [
    *[
        (f"learning_rate-{n}", "learning_rate", v)
        for n, v in [
            *NON_FINITE,
            ("zero", 0.0),
            ("negative", -1e-3),
            ("str", "1e-4"),
            ("none", None),
        ]
    ],
    *[(f"beta_1-{n}", "beta_1", v) for n, v in [*NON_FINITE, ("one", 1.0), ("negative", -0.1)]],
    *[(f"ema-{n}", "ema", v) for n, v in [*NON_FINITE, ("one", 1.0), ("negative", -0.5)]],
    *[(f"dropout-{n}", "dropout", v) for n, v in [*NON_FINITE, ("one", 1.0), ("big", 1.5)]],
    *[(f"leaky_slope-{n}", "leaky_slope", v) for n, v in [*NON_FINITE, ("negative", -0.2)]],
    *[
        (f"{field}-{n}", field, v)
        for field in ("noise_dim", "batch_size", "kernel_size")
        for n, v in BAD_FAMILIES
    ],
    ("generator_widths-two", "generator_widths", (8, 8)),
    ("generator_widths-zero", "generator_widths", (8, 0, 4)),
    ("generator_widths-float", "generator_widths", (8.5, 8, 4)),
    ("generator_widths-str", "generator_widths", "884"),
    ("generator_widths-none", "generator_widths", None),
    ("discriminator_widths-negative", "discriminator_widths", (4, -8)),
    ("discriminator_widths-nan", "discriminator_widths", (4, float("nan"))),
    ("discriminator_batchnorm-str", "discriminator_batchnorm", "yes"),
    ("jit_compile-int", "jit_compile", 1),
    ("name-none", "name", None),
    ("label-int", "label", 3),
]


@pytest.mark.parametrize(
    ("field", "value"), [c[1:] for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES]
)
def test_config_refuses(field, value):
    assert_clear_error(lambda: dcgan.DCGANConfig(**{field: value}), field)
    assert_clear_error(lambda: TINY.replace(**{field: value}), field)


def test_config_replace_refuses_an_unknown_field():
    assert_clear_error(lambda: TINY.replace(learning_rte=1e-3), "learning_rte")


def test_config_takes_numpy_values_and_lists_as_plain_python():
    config = TINY.replace(
        noise_dim=np.int64(8), learning_rate=np.float32(1e-3), generator_widths=[8, 4, 4]
    )
    assert type(config.noise_dim) is int and type(config.learning_rate) is float
    assert config.generator_widths == (8, 4, 4) and hash(config)
    assert config.architecture()["generator_widths"] == [8, 4, 4]


# -- dcgan functions --------------------------------------------------------------------------

IMAGE_CASES = [
    ("none", None),
    ("str", "digits"),
    ("scalar", 3),
    ("1d", np.zeros(784, np.uint8)),
    ("wrong-size", np.zeros((4, 32, 32), np.uint8)),
    ("rgb", np.zeros((4, 28, 28, 3), np.uint8)),
    ("empty", np.zeros((0, 28, 28), np.uint8)),
    ("nan", NAN_DIGITS),
    ("inf", np.full((4, 28, 28), np.inf)),
    ("float-0-255", np.full((4, 28, 28), 255.0)),
    ("int-0-255", np.full((4, 28, 28), 200, np.int64)),
    ("negative", np.full((4, 28, 28), -0.5)),
    ("bool", np.zeros((4, 28, 28), bool)),
    ("complex", np.zeros((4, 28, 28), complex)),
    ("ragged", [np.zeros((28, 28)), np.zeros((27, 28))]),
]


@pytest.mark.parametrize("images", [c[1] for c in IMAGE_CASES], ids=[c[0] for c in IMAGE_CASES])
def test_image_taking_functions_refuse(images, conditional):
    assert_clear_error(lambda: dcgan.prepare_images(images), "images")
    assert_clear_error(lambda: gan_training.make_dcgan_trainer(images, TINY), "images")
    labels = np.zeros(4, np.int64)
    assert_clear_error(lambda: cg.pack_labelled(images, labels), "images")
    assert_clear_error(lambda: cg.discriminator_scores(conditional[1], images, labels), "images")


def test_prepare_images_takes_integer_zero_one_and_lists():
    out = dcgan.prepare_images(np.ones((2, 28, 28), np.int64).tolist())
    assert out.shape == (2, 28, 28, 1) and out.dtype == np.float32 and np.all(out == 1.0)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"n": -1}, "n"),
        ({"n": 2.5}, "n"),
        ({"n": None}, "n"),
        ({"noise_dim": 0}, "noise_dim"),
        ({"noise_dim": float("nan")}, "noise_dim"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": 2**40}, "seed"),
    ],
)
def test_sample_noise_refuses(kwargs, argument):
    assert_clear_error(lambda: dcgan.sample_noise(**({"n": 2, "noise_dim": 4} | kwargs)), argument)


def test_sample_noise_of_zero_vectors_is_empty():
    assert dcgan.sample_noise(0, 4).shape == (0, 4)


@pytest.mark.parametrize(
    ("noise", "argument"),
    [
        (np.full((2, 8), np.nan, np.float32), "noise"),
        (np.full((2, 8), np.inf), "noise"),
        (np.zeros((2, 9), np.float32), "noise"),
        (np.zeros(8, np.float32), "noise"),
        (None, "noise"),
        ("z", "noise"),
        (np.zeros((2, 8), bool), "noise"),
    ],
    ids=["nan", "inf", "wrong-width", "1d", "none", "str", "bool"],
)
def test_generate_refuses_bad_noise(generator, noise, argument):
    assert_clear_error(lambda: dcgan.generate(generator, noise), argument)


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, float("nan"), None])
def test_generate_refuses_bad_batch_size(generator, batch_size):
    assert_clear_error(
        lambda: dcgan.generate(generator, np.zeros((2, 8)), batch_size), "batch_size"
    )


@pytest.mark.parametrize("model", [None, "generator", np.zeros((2, 8))])
def test_generate_refuses_what_is_not_a_generator(model):
    assert_clear_error(lambda: dcgan.generate(model, np.zeros((2, 8))), "generator")


def test_generate_takes_integer_noise_and_no_noise(generator):
    digits = dcgan.generate(generator, np.zeros((3, 8), np.int64))
    assert digits.shape == (3, 28, 28) and digits.dtype == np.uint8
    assert dcgan.generate(generator, np.zeros((0, 8))).shape == (0, 28, 28)


@pytest.mark.parametrize(
    "images",
    [NAN_DIGITS[..., None] - 1, np.full((2, 28, 28), 200.0), np.zeros(5), None, "x"],
    ids=["nan", "0-255", "1d", "none", "str"],
)
def test_to_uint8_refuses(images):
    assert_clear_error(lambda: dcgan.to_uint8(images), "images")


def test_to_uint8_clips_rounding_noise():
    out = dcgan.to_uint8(np.array([[[-1.0005, 1.0004] * 14] * 28], np.float32))
    assert out.dtype == np.uint8 and out.min() == 0 and out.max() == 255


@pytest.mark.parametrize("config", [None, "default", {"noise_dim": 8}], ids=["none", "str", "dict"])
def test_model_makers_refuse_a_config_that_is_not_one(config):
    for make in (
        dcgan.make_generator,
        dcgan.make_discriminator,
        cg.make_conditional_generator,
        cg.make_conditional_discriminator,
    ):
        assert_clear_error(lambda make=make: make(config), "config")
    assert_clear_error(lambda: gan_training.GANTask(config), "config")
    assert_clear_error(lambda: cg.ConditionalGANTask(config), "config")
    assert_clear_error(lambda: gan_training.make_dcgan_trainer(DIGITS, config), "config")


@pytest.mark.parametrize("seed", [-1, 1.5, "0", None, True, 2**40])
def test_model_makers_refuse_bad_seeds(seed):
    for make in (
        dcgan.make_generator,
        dcgan.make_discriminator,
        cg.make_conditional_generator,
        cg.make_conditional_discriminator,
    ):
        assert_clear_error(lambda make=make: make(TINY, seed=seed), "seed")
    assert_clear_error(lambda: gan_training.GANTask(TINY, seed=seed), "seed")
    assert_clear_error(lambda: gan_training.make_dcgan_trainer(DIGITS, TINY, seed=seed), "seed")
    assert_clear_error(lambda: cg.make_conditional_trainer(DIGITS, LABELS, TINY, seed=seed), "seed")


@pytest.mark.parametrize("count", [0, -1, 2.5, None, float("inf")])
def test_gan_task_refuses_bad_preview_count(count):
    assert_clear_error(lambda: gan_training.GANTask(TINY, preview_count=count), "preview_count")


def test_make_dcgan_trainer_refuses_a_batch_larger_than_the_data():
    assert_clear_error(lambda: gan_training.make_dcgan_trainer(DIGITS[:4], TINY), "batch_size")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"checkpoint_every": 0}, "checkpoint_every"),
        ({"checkpoint_dir": ""}, "checkpoint_dir"),
        ({"restart": "yes"}, "restart"),
        ({"strategy": "tpu"}, "strategy"),
    ],
)
def test_trainer_makers_pass_on_the_trainers_checks(kwargs, argument):
    assert_clear_error(lambda: gan_training.make_dcgan_trainer(DIGITS, TINY, **kwargs), argument)
    assert_clear_error(
        lambda: cg.make_conditional_trainer(DIGITS, LABELS, TINY, **kwargs), argument
    )


def test_task_sample_refuses_bad_counts():
    task = gan_training.GANTask(TINY)
    task.build()
    for n in (-1, 2.5, None, float("nan")):
        assert_clear_error(lambda n=n: task.sample(n), "n")
    digits = task.sample(3)
    assert digits.shape == (3, 28, 28) and task.sample(0).shape == (0, 28, 28)


@pytest.mark.parametrize("model", [None, "model", 3])
def test_count_parameters_refuses_what_is_not_a_model(model):
    assert_clear_error(lambda: dcgan.count_parameters(model), "model")


# -- conditional GAN --------------------------------------------------------------------------

LABEL_CASES = [
    ("none", None),
    ("str", "0123"),
    ("float", np.array([0.0, 1.0, 2.0, 3.0])),
    ("nan", np.array([0.0, np.nan, 2.0, 3.0])),
    ("bool", np.array([True, False, True, False])),
    ("2d", np.zeros((4, 1), np.int64)),
    ("too-big", np.array([0, 1, 10, 3])),
    ("negative", np.array([0, -1, 2, 3])),
    ("too-few", np.array([0, 1, 2])),
    ("too-many", np.array([0, 1, 2, 3, 4])),
]


@pytest.mark.parametrize("labels", [c[1] for c in LABEL_CASES], ids=[c[0] for c in LABEL_CASES])
def test_label_taking_functions_refuse(labels, conditional):
    images = DIGITS[:4]
    assert_clear_error(lambda: cg.check_labels(labels, 4), "labels")
    assert_clear_error(lambda: cg.pack_labelled(images, labels), "labels")
    assert_clear_error(lambda: cg.discriminator_scores(conditional[1], images, labels), "labels")
    assert_clear_error(lambda: cg.make_conditional_trainer(images, labels, TINY), "labels")


@pytest.mark.parametrize(
    "labels", [c[1] for c in LABEL_CASES[:-2]], ids=[c[0] for c in LABEL_CASES[:-2]]
)
def test_generate_digits_refuses_bad_labels(labels, conditional):
    assert_clear_error(lambda: cg.generate_digits(conditional[0], labels), "labels")


def test_labels_as_a_list_and_empty_labels_are_fine(conditional):
    assert cg.check_labels([1, 2, 3]).dtype == np.int32
    assert cg.generate_digits(conditional[0], np.array([], np.int64)).shape == (0, 28, 28)
    scores = cg.discriminator_scores(conditional[1], DIGITS[:3], [1, 2, 3])
    assert scores.shape == (3,)
    assert_finite(scores, "scores")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"noise": np.full((2, 100), np.nan)}, "noise"),
        ({"noise": np.zeros((3, 100))}, "noise"),
        ({"noise": "z"}, "noise"),
        ({"seed": -1}, "seed"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": float("nan")}, "batch_size"),
    ],
)
def test_generate_digits_refuses(conditional, kwargs, argument):
    assert_clear_error(lambda: cg.generate_digits(conditional[0], [1, 2], **kwargs), argument)


@pytest.mark.parametrize("model", [None, "generator", 3])
def test_conditional_functions_refuse_what_is_not_a_network(model):
    assert_clear_error(lambda: cg.generate_digits(model, [1, 2]), "generator")
    assert_clear_error(lambda: cg.conditioning_accuracy(model), "generator")
    assert_clear_error(lambda: cg.discriminator_scores(model, DIGITS[:2], [1, 2]), "discriminator")


def test_an_unconditional_generator_is_not_taken_for_a_conditional_one(generator):
    assert_clear_error(lambda: cg.generate_digits(generator, [1, 2]), "generator")


@pytest.mark.parametrize("per_class", [0, -1, 2.5, None, "3", float("inf"), True])
def test_balanced_labels_refuses(per_class, conditional):
    assert_clear_error(lambda: cg.balanced_labels(per_class), "per_class")
    assert_clear_error(lambda: cg.conditioning_accuracy(conditional[0], per_class), "per_class")


def test_conditional_task_sample_refuses_bad_counts(conditional):
    task = cg.ConditionalGANTask(TINY)
    task.generator = conditional[0]
    for n in (-1, 2.5, None):
        assert_clear_error(lambda n=n: task.sample(n), "n")
    assert task.sample(3).shape == (3, 28, 28)


# -- modules without arguments ------------------------------------------------------------------


def test_tf_runtime_and_prefetch_take_no_arguments():
    # Nothing to validate: both are called without arguments; an argument is Python's TypeError.
    with pytest.raises(TypeError):
        tf_runtime.import_tensorflow("tensorflow")
    with pytest.raises(TypeError):
        prefetch.prefetch(Path("."))
    assert tf_runtime.import_tensorflow() is tf_runtime.import_tensorflow()
