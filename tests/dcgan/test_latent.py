"""Latent paths, the latent-space widgets, and writing generated digits to disk."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from datagen_lab.data import load_mnist
from datagen_lab.dcgan import latent, panel


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


@pytest.fixture(scope="module")
def generator():
    from datagen_lab.dcgan import model as dcgan

    tiny = dcgan.DCGANConfig(
        noise_dim=16, generator_widths=(16, 8, 4), discriminator_widths=(4, 8), kernel_size=3
    )
    return dcgan.make_generator(tiny, seed=0)


def test_lerp_is_a_straight_line():
    z0, z1 = np.array([0.0, 2.0]), np.array([4.0, 6.0])
    path = latent.lerp(z0, z1, 5)
    assert path.shape == (5, 2) and path.dtype == np.float32
    np.testing.assert_allclose(path[[0, 2, 4]], [[0, 2], [2, 4], [4, 6]])


def test_slerp_keeps_the_norm_and_sweeps_the_angle_evenly():
    z0, z1 = np.array([3.0, 0.0]), np.array([0.0, 3.0])  # 90 degrees apart, same norm
    path = latent.slerp(z0, z1, 7)
    np.testing.assert_allclose(path[[0, -1]], [z0, z1], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(path, axis=1), 3.0, rtol=1e-6)
    angles = np.arctan2(path[:, 1], path[:, 0])
    np.testing.assert_allclose(np.diff(angles), np.pi / 2 / 6, rtol=1e-5)
    # The straight line sags inside the sphere: its midpoint has norm 3 / sqrt(2).
    assert np.linalg.norm(latent.lerp(z0, z1, 3)[1]) == pytest.approx(3 / np.sqrt(2), rel=1e-6)


def test_slerp_of_gaussian_samples_stays_near_the_shell():
    rng = np.random.default_rng(0)
    z0, z1 = rng.standard_normal(100), rng.standard_normal(100)
    mid_slerp = np.linalg.norm(latent.slerp(z0, z1, 3)[1])
    mid_lerp = np.linalg.norm(latent.lerp(z0, z1, 3)[1])
    assert abs(mid_slerp - 10) < 1.5 and mid_lerp < 8.5


def test_slerp_falls_back_to_lerp_for_parallel_vectors():
    z = np.array([1.0, 2.0])
    np.testing.assert_allclose(latent.slerp(z, 2 * z, 4), latent.lerp(z, 2 * z, 4))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.zeros(3), np.zeros(4), 5, "linear"), "same length"),
        ((np.zeros(3), np.zeros(3), 1, "linear"), "at least 2"),
        ((np.zeros(3), np.zeros(3), 5, "cubic"), "one of"),
    ],
)
def test_bad_paths_are_explained(args, message):
    with pytest.raises(ValueError, match=message):
        latent.interpolate(*args)


def test_seed_slider_draws_new_digits(generator):
    box = panel.seed_slider(generator, count=8)
    assert "datagen-demo" in box._dom_classes
    before, caption = box.image.value, box.caption.value
    box.slider.value = 7
    assert box.image.value != before and box.image.value[:4] == b"\x89PNG"
    assert "classifier says" in caption


def test_interpolation_widget_responds_to_every_control(generator):
    box = panel.interpolation_widget(generator, steps=6)
    seen = {box.image.value}
    box.method.value = "linear"
    seen.add(box.image.value)
    box.end.value = 9
    seen.add(box.image.value)
    assert len(seen) == 3 and "|z| along the path" in box.caption.value


def test_the_widgets_speak_chinese(generator, monkeypatch):
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    box = panel.interpolation_widget(generator, steps=4)
    assert (box.start.description, box.method.description) == ("随机种子A", "路径")
    assert box.method._options_labels == ("线性", "球面") and box.method.value == "spherical"
    assert "分类器认为" in box.caption.value and "路径上的|z|" in box.caption.value
    assert panel.seed_slider(generator, count=2).slider.description == "随机种子"


def test_interpolation_strip_ends_at_the_two_samples(generator):
    from datagen_lab.dcgan.model import generate, sample_noise

    z = sample_noise(2, 16, seed=4)
    strip = latent.interpolation_strip(generator, z[0], z[1], steps=5)
    assert strip.shape == (5, 28, 28)
    np.testing.assert_array_equal(strip[[0, -1]], generate(generator, z))


def _real_sampler(mnist):
    """A stand-in generator that returns real digits, so the classifier's labels are known."""
    return lambda count, seed: mnist.test_images[(seed * count) % 1500 :][:count]


def test_write_digits_png_manifest_round_trip(mnist, tmp_path):
    written = latent.write_digits(_real_sampler(mnist), 30, tmp_path, min_confidence=0.9, batch=40)
    assert len(written.labels) == 30 and written.confidences.min() >= 0.9
    with open(tmp_path / "manifest.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30 and set(rows[0]) == {"file", "label", "confidence", "seed", "index"}
    back = latent.read_digits(tmp_path)
    np.testing.assert_array_equal(back.images, written.images)
    np.testing.assert_array_equal(back.labels, written.labels)
    # Labels of real digits: the classifier agrees with the truth on (nearly) all confident ones.
    truth = np.array(
        [mnist.test_labels[int(r["seed"]) * 40 % 1500 + int(r["index"])] for r in rows]
    )
    assert (truth == back.labels).mean() > 0.95
    assert len(latent.read_digits(tmp_path, min_confidence=0.999).labels) < 30


def test_write_digits_npz_and_refuses_to_overwrite(mnist, tmp_path):
    latent.write_digits(_real_sampler(mnist), 10, tmp_path, fmt="npz", batch=20)
    assert (tmp_path / "digits.npz").is_file()
    with pytest.raises(FileExistsError, match="overwrite=True"):
        latent.write_digits(_real_sampler(mnist), 10, tmp_path, fmt="npz")
    again = latent.write_digits(
        _real_sampler(mnist), 5, tmp_path, fmt="npz", overwrite=True, batch=20
    )
    assert len(latent.read_digits(tmp_path).labels) == len(again.labels) == 5


def test_write_digits_says_when_the_filter_is_too_strict(tmp_path):
    from datagen_lab.dcgan.evaluation import noise_digits

    with pytest.raises(RuntimeError, match="lower min_confidence"):
        latent.write_digits(
            lambda n, seed: noise_digits(n, seed),
            10,
            tmp_path,
            min_confidence=0.99,
            batch=50,
            max_batches=2,
        )
    with pytest.raises(ValueError, match="fmt"):
        latent.write_digits(lambda n, seed: noise_digits(n, seed), 10, tmp_path, fmt="jpg")


def test_read_digits_without_a_set(tmp_path):
    with pytest.raises(FileNotFoundError, match="write_digits"):
        latent.read_digits(tmp_path)
