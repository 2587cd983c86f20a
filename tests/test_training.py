"""The generic Trainer, driven by a tiny task so every test runs in a second or two."""

from __future__ import annotations

import json

import numpy as np
import pytest
from training_helpers import StopAt

from datagen_lab.training import CheckpointError, Trainer

tf = pytest.importorskip("tensorflow")


class ToyTask:
    """Fit a 2-weight linear model to each image's mean pixel, with per-step noise in the input.

    Small, but it has what the DCGAN has: variables, an optimiser with state, per-step random
    inputs from ``batch_inputs`` and per-replica losses averaged over the global batch.
    """

    name = "toy"
    metric_groups = {"loss": ("loss",)}

    def __init__(self, width: int = 2):
        self.width = width

    def build(self):
        import keras

        self.weights = tf.Variable(tf.zeros([self.width]), name="w")
        self.optimizer = keras.optimizers.Adam(0.05)
        self.optimizer.build([self.weights])

    def variables(self):
        return {"model": [self.weights], "optimizer": self.optimizer.variables}

    def signature(self):
        return {"width": self.width}

    def batch_inputs(self, images, seed):
        return {"noise": tf.random.stateless_normal([tf.shape(images)[0]], seed=seed)}

    def train_step(self, batch, global_batch_size):
        x = tf.reshape(batch["images"], [tf.shape(batch["images"])[0], -1])
        target = tf.reduce_mean(x, axis=1)
        with tf.GradientTape() as tape:
            prediction = self.weights[0] + self.weights[-1] * batch["noise"]
            loss = tf.nn.compute_average_loss(
                (prediction - target) ** 2, global_batch_size=global_batch_size
            )
        grads = tape.gradient(loss, [self.weights])
        self.optimizer.apply_gradients(zip(grads, [self.weights], strict=True))
        return {"loss": loss}

    def preview(self):
        return None


@pytest.fixture
def images():
    return np.random.default_rng(0).random((40, 4, 4)).astype(np.float32)


def make(images, folder=None, **kwargs):
    kwargs.setdefault("batch_size", 8)
    return Trainer(ToyTask(kwargs.pop("width", 2)), images, checkpoint_dir=folder, **kwargs)


def test_fit_runs_the_requested_steps_and_logs_every_one(images):
    trainer = make(images)
    summary = trainer.fit(steps=12, progress=False)
    assert (summary.start_step, summary.end_step, trainer.step) == (0, 12, 12)
    steps, losses = trainer.metric("loss")
    assert steps.tolist() == list(range(1, 13))
    assert losses[-1] < losses[0]  # it learns
    assert trainer.fit(steps=12, progress=False).stopped_by == "already done"


def test_same_seed_same_run_and_other_seed_other_run(images):
    runs = [make(images, seed=seed) for seed in (3, 3, 4)]
    for trainer in runs:
        trainer.fit(steps=10, progress=False)
    losses = [trainer.metric("loss")[1] for trainer in runs]
    np.testing.assert_array_equal(losses[0], losses[1])
    assert not np.array_equal(losses[0], losses[2])


def test_interrupt_saves_and_resume_continues_without_lost_steps(images, tmp_path, capsys):
    reference = make(images, seed=1)
    reference.fit(steps=15, progress=False)

    first = make(images, tmp_path, seed=1, checkpoint_every=1000)  # only the interrupt saves
    with pytest.raises(KeyboardInterrupt):
        first.fit(steps=15, callbacks=[StopAt(6)], progress=False)
    assert "Interrupted at step 6" in capsys.readouterr().out

    resumed = make(images, tmp_path, seed=1)
    assert resumed.step == 6 and len(resumed.history) == 6
    summary = resumed.fit(steps=15, progress=False)  # the same call as before: finishes the rest
    assert (summary.start_step, summary.end_step) == (6, 15)
    steps, losses = resumed.metric("loss")
    assert steps.tolist() == list(range(1, 16))
    np.testing.assert_allclose(losses, reference.metric("loss")[1], rtol=1e-6)
    np.testing.assert_allclose(
        resumed.task.weights.numpy(), reference.task.weights.numpy(), rtol=1e-6
    )


def test_time_budget_stops_and_counts_across_resumes(images, tmp_path):
    trainer = make(images, tmp_path)
    summary = trainer.fit(minutes=0.02, progress=False)  # 1.2 s
    assert summary.stopped_by == "time" and trainer.step > 0
    assert 1.2 <= trainer.seconds < 10
    again = make(images, tmp_path)
    assert again.seconds == pytest.approx(trainer.seconds)
    assert again.fit(minutes=0.02, progress=False).stopped_by == "already done"


def test_callback_can_stop_training(images):
    class Enough:
        def on_step_end(self, trainer, logs):
            trainer.stop_training = trainer.step >= 4

    trainer = make(images)
    assert trainer.fit(steps=50, callbacks=[Enough()], progress=False).stopped_by == "callback"
    assert trainer.step == 4


def test_checkpoint_every_n_steps(images, tmp_path):
    trainer = make(images, tmp_path, checkpoint_every=5)
    with pytest.raises(KeyboardInterrupt):
        trainer.fit(steps=10, callbacks=[StopAt(7)], progress=False)
    names = sorted(p.name for p in tmp_path.glob("ckpt-*.index"))
    assert names == ["ckpt-5.index", "ckpt-7.index"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"batch_size": 41}, "only 40 training images"), ({"batch_size": 0}, "between 1 and 40")],
)
def test_bad_batch_size_is_explained(images, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make(images, **kwargs)


def test_fit_needs_a_length(images):
    with pytest.raises(ValueError, match="Say how long"):
        make(images).fit(progress=False)


def test_mismatched_checkpoint_is_refused_and_kept(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(
        CheckpointError, match=r"different run \(width: saved 2, now 3\).*restart=True"
    ):
        make(images, tmp_path, width=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert json.loads((tmp_path / "run.json").read_text())["width"] == 2
    fresh = make(images, tmp_path, width=3, restart=True)  # explicit: start over
    assert fresh.step == 0


def test_checkpoint_without_run_info_from_another_model_is_refused(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    (tmp_path / "run.json").unlink()
    with pytest.raises(CheckpointError, match="corrupted or from a different model"):
        make(images, tmp_path, width=3)


def test_corrupted_checkpoint_is_refused(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    for data in tmp_path.glob("ckpt-3.data-*"):
        data.write_bytes(b"garbage")
    with pytest.raises(CheckpointError, match="Could not resume"):
        make(images, tmp_path)


def test_dashboard_draws_the_task_metrics(images):
    import matplotlib.pyplot as plt

    from datagen_lab.dashboard import LiveDashboard, plot_training, smooth

    trainer = make(images)
    dashboard = LiveDashboard(every_seconds=0.0, force=True)
    trainer.fit(steps=3, callbacks=[dashboard], progress=False)
    assert dashboard.redraws == 1 + 3 + 1  # begin, every step (every_seconds=0), end
    fig = plot_training(trainer)
    assert [ax.get_title() for ax in fig.axes] == ["loss"]
    steps, _ = fig.axes[0].lines[1].get_data()  # faint raw curve, then the smoothed one
    assert list(steps) == [1, 2, 3]
    plt.close(fig)
    np.testing.assert_allclose(smooth(np.array([2.0, 2.0, 2.0])), 2.0)  # bias-corrected EMA
