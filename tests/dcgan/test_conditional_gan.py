"""The class-conditional DCGAN: packing, shapes, checkpoints and, after a short run, conditioning."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab import set_seed
from datagen_lab.dcgan import conditional as cg


def tiny_config():
    return cg.SMALL.replace(generator_widths=(8, 8, 4), discriminator_widths=(4, 8), batch_size=8)


def test_pack_labelled_keeps_pixels_and_labels():
    images = np.zeros((3, 28, 28), np.uint8)
    images[1] = 255
    rows = cg.pack_labelled(images, np.array([0, 7, 9]))
    assert rows.shape == (3, 785) and rows.dtype == np.float32
    np.testing.assert_array_equal(rows[:, -1], [0, 7, 9])
    assert rows[0, :-1].max() == -1.0 and rows[1, :-1].min() == 1.0  # scaled to [-1, 1]


@pytest.mark.parametrize(
    "labels",
    [np.array([0, 1]), np.array([0, 1, 10]), np.array([0.0, 1.0, 2.0]), np.array([-1, 0, 1])],
)
def test_bad_labels_are_refused(labels):
    with pytest.raises(ValueError):
        cg.pack_labelled(np.zeros((3, 28, 28), np.uint8), labels)


def test_balanced_labels():
    labels = cg.balanced_labels(3)
    np.testing.assert_array_equal(np.bincount(labels), [3] * 10)
    with pytest.raises(ValueError):
        cg.balanced_labels(0)


def test_networks_take_labels_and_give_the_right_shapes():
    set_seed(0)
    config = tiny_config()
    generator = cg.make_conditional_generator(config, seed=0)
    discriminator = cg.make_conditional_discriminator(config, seed=0)
    digits = cg.generate_digits(generator, np.array([0, 1, 2, 3]), seed=1)
    assert digits.shape == (4, 28, 28) and digits.dtype == np.uint8
    assert cg.discriminator_scores(discriminator, digits, np.array([0, 1, 2, 3])).shape == (4,)
    # the label changes the output: same noise, two labels, two images
    noise = np.repeat(np.random.default_rng(0).standard_normal((1, config.noise_dim)), 2, 0).astype(
        np.float32
    )
    pair = cg.generate_digits(generator, np.array([1, 8]), noise=noise)
    assert not np.array_equal(pair[0], pair[1])
    # and the discriminator's score depends on the label it is told
    scores = cg.discriminator_scores(discriminator, np.repeat(digits[:1], 2, 0), np.array([0, 5]))
    assert scores[0] != scores[1]


def test_trainer_resumes_a_conditional_run_exactly(tmp_path, mnist):
    set_seed(0)
    images, labels = mnist.train_images[:64], mnist.train_labels[:64]
    first = cg.make_conditional_trainer(
        images, labels, tiny_config(), seed=3, checkpoint_dir=tmp_path
    )
    first.fit(steps=2, progress=False)
    again = cg.make_conditional_trainer(
        images, labels, tiny_config(), seed=3, checkpoint_dir=tmp_path
    )
    assert again.step == 2
    for a, b in zip(first.task.generator.weights, again.task.generator.weights, strict=True):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    preview = again.task.preview()
    assert preview.shape == (100, 28, 28)


def test_a_short_run_draws_the_class_it_is_asked_for(mnist):
    """After ~300 steps on 2,000 real digits the classifier reads most samples as the asked class."""
    set_seed(0)
    trainer = cg.make_conditional_trainer(
        mnist.train_images[:2000], mnist.train_labels[:2000], cg.SMALL, seed=0
    )
    trainer.fit(steps=300, progress=False)
    accuracy, confusion = cg.conditioning_accuracy(trainer.task.generator, per_class=30, seed=5)
    assert confusion.sum() == 300 and np.all(confusion.sum(axis=1) == 30)
    assert accuracy > 0.35, f"conditioning accuracy {accuracy:.2f} (chance 0.10)"


def test_explorer_widget_responds_to_its_controls(mnist):
    from datagen_lab.capstone.panel import generator_explorer

    set_seed(0)
    generator = cg.make_conditional_generator(tiny_config(), seed=0)
    box = generator_explorer(generator, mnist.train_images[:50], heldout_median=6.0, digit=3, n=4)
    assert "datagen-demo" in box._dom_classes
    first_image, first_text = box.image.value, box.readout.value
    assert "generated <b>3</b>s" in first_text and "median 6.00" in first_text
    box.digit.value = 7
    assert box.image.value != first_image and "<b>7</b>" in box.readout.value
    before = box.readout.value
    box.button.click()
    assert "noise seed 1" in box.readout.value and box.readout.value != before
