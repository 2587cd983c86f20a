"""Generator metrics: exact math on small inputs, and real digits vs noise vs a collapsed generator."""

from __future__ import annotations

import numpy as np
import pytest

from datagen_lab.data import load_mnist
from datagen_lab.dcgan import evaluation as ev


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


@pytest.mark.parametrize(
    ("counts", "bits"),
    [([5] * 10, np.log2(10)), ([7, 0, 0], 0.0), ([3, 3], 1.0), ([1, 1, 2], 1.5), ([0, 0], 0.0)],
)
def test_entropy_bits(counts, bits):
    assert ev.entropy_bits(np.array(counts)) == pytest.approx(bits)


def test_class_histogram_counts_and_checks():
    np.testing.assert_array_equal(
        ev.class_histogram(np.array([0, 3, 3, 9])), [1, 0, 0, 2, 0, 0, 0, 0, 0, 1]
    )
    with pytest.raises(ValueError, match=r"\[0, 10\)"):
        ev.class_histogram(np.array([10]))
    with pytest.raises(ValueError, match="integer"):
        ev.class_histogram(np.array([0.5]))


def test_frechet_distance_exact_cases():
    x = np.array([[1, 0], [-1, 0], [0, 1], [0, -1]], float) * 3.0  # mean 0, covariance 6 I
    assert ev.frechet_distance(x, x) == pytest.approx(0.0, abs=1e-9)
    # N(0, cI) vs N(0, I) in 2-D: 2 (sqrt(c) - 1)^2; a mean shift d adds |d|^2.
    c = 6.0
    assert ev.frechet_distance(x, (np.zeros(2), np.eye(2))) == pytest.approx(
        2 * (np.sqrt(c) - 1) ** 2
    )
    shifted = (np.array([3.0, 4.0]), np.eye(2) * c)
    assert ev.frechet_distance(x, shifted) == pytest.approx(25.0)


def test_frechet_distance_checks_shapes():
    with pytest.raises(ValueError, match="N >= 2"):
        ev.frechet_distance(np.zeros((1, 3)), np.zeros((5, 3)))
    with pytest.raises(ValueError, match="feature sizes differ"):
        ev.frechet_distance(np.random.rand(5, 3), np.random.rand(5, 4))


def test_real_digits_meet_the_bar_and_noise_does_not(mnist):
    real = ev.evaluate_digits(mnist.test_images[:1000], reference=mnist.train_images[:1000])
    noise = ev.evaluate_digits(ev.noise_digits(1000, seed=0), reference=mnist.train_images[:1000])
    assert real.meets_bar and real.confident_share > 0.85 and real.entropy_bits > 3.25
    assert not noise.meets_bar and noise.confident_share < 0.1
    assert noise.frechet > 20 * real.frechet
    assert real.histogram.sum() == 1000


def test_collapsed_generator_is_caught_by_the_histogram(mnist):
    ones = mnist.test_images[mnist.test_labels == 1][:200]
    report = ev.evaluate_digits(ones)
    assert report.confident_share > 0.8  # every sample looks like a fine digit ...
    assert report.entropy_bits < 0.5 and not report.meets_bar  # ... but it is always the same digit
    assert report.histogram.argmax() == 1
    assert report.frechet is None


def test_judge_agrees_with_the_classifier_api(mnist):
    from datagen_lab.classifier import digit_features, predict_digits

    digits = mnist.test_images[:50]
    labels, confidences, features = ev.judge(digits)
    expected_labels, expected_conf = predict_digits(digits)
    np.testing.assert_array_equal(labels, expected_labels)
    np.testing.assert_allclose(confidences, expected_conf, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(features, digit_features(digits), rtol=1e-4, atol=1e-4)


class _FakeTask:
    def __init__(self, digits):
        self.digits = digits

    def sample(self, n, seed=0):
        return self.digits[:n]


class _FakeTrainer:
    def __init__(self, digits):
        self.task, self.step, self.seconds, self.stop_training = _FakeTask(digits), 0, 0.0, False


def test_quality_monitor_judges_on_schedule_and_stops_at_the_bar(mnist):
    trainer = _FakeTrainer(mnist.test_images)
    monitor = ev.QualityMonitor(every_seconds=10, samples=500, stop_at_bar=True)
    monitor.on_train_begin(trainer)
    for step in range(1, 5):
        trainer.step, trainer.seconds = step, 6.0 * step + monitor.judging_seconds
        monitor.on_step_end(trainer, {})
    assert [r["step"] for r in monitor.records] == [2, 4]  # at 12 s and 24 s of training
    assert trainer.stop_training and monitor.reached["step"] == 2


def test_plot_reports(mnist):
    import matplotlib.pyplot as plt

    reports = {
        "real": ev.evaluate_digits(mnist.test_images[:100]),
        "noise": ev.evaluate_digits(ev.noise_digits(100)),
    }
    fig = ev.plot_reports(reports)
    assert len(fig.axes) == 2 and "real" in fig.axes[0].get_title()
    plt.close(fig)
