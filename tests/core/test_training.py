"""The generic Trainer, driven by a tiny task so every test runs in a second or two."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import numpy as np
import pytest
from bad_input_helpers import assert_clear_error
from training_helpers import StopAt, ToyTask, toy_images

from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training import (
    MARKER,
    CheckpointError,
    Trainer,
    _fingerprint,
    repair_checkpoint_index,
)

tf = import_tensorflow()


@pytest.fixture
def images():
    return toy_images()


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


def test_mismatched_checkpoint_error_speaks_chinese(images, tmp_path, monkeypatch, capsys):
    # Lesson 4 shows this error on purpose: the Chinese edition reads it in Chinese.
    make(images, tmp_path).fit(steps=3, progress=False)
    monkeypatch.setenv("DATAGEN_LAB_LANG", "zh")
    with pytest.raises(
        CheckpointError,
        match=r"属于另一次运行（width：保存时为2，现在为3）。.*restart=True从头开始",
    ):
        make(images, tmp_path, width=3)
    first = make(images, tmp_path / "other", checkpoint_every=1000)
    with pytest.raises(KeyboardInterrupt):
        first.fit(steps=5, callbacks=[StopAt(2)], progress=False)
    assert "在第2步被中断：检查点已保存在" in capsys.readouterr().out
    assert repr(first.fit(steps=2, progress=False)).endswith("此前已经完成。")


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

    from datagen_lab.dcgan.panel import LiveDashboard
    from datagen_lab.dcgan.plots import plot_training, smooth

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


# -- no lost work ----------------------------------------------------------------------------------


def test_restart_deletes_only_the_trainers_files(images, tmp_path):
    folder = tmp_path / "run"
    make(images, folder).fit(steps=3, progress=False)
    (folder / "my_notes.ipynb").write_text("{}")  # the learner's own file, put in later
    fresh = make(images, folder, restart=True)
    assert fresh.step == 0 and fresh.history == []
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, "my_notes.ipynb"]


def test_restart_refuses_a_folder_the_trainer_did_not_create(images, tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "lesson.ipynb").write_text("{}")
    (project / "run.json").write_text("{}")
    before = sorted(p.name for p in project.iterdir())
    error = assert_clear_error(lambda: make(images, project, restart=True), "checkpoint_dir")
    assert "lesson.ipynb" in str(error) and "new folder" in str(error)
    assert sorted(p.name for p in project.iterdir()) == before  # nothing deleted or written


@pytest.mark.parametrize("place", ["", " ", ".", "cwd", "parent", "home", "root"])
def test_working_directory_home_and_their_parents_are_refused(images, place, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lesson.ipynb").write_text("{}")
    value = {"cwd": tmp_path, "parent": tmp_path.parent, "home": Path.home(), "root": Path("/")}
    assert_clear_error(
        lambda: make(images, value.get(place, place), restart=True), "checkpoint_dir"
    )
    assert (tmp_path / "lesson.ipynb").exists() and not (tmp_path / MARKER).exists()


def test_a_folder_written_before_the_marker_existed_is_adopted(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    (tmp_path / MARKER).unlink()  # as an older version left it: trainer files only
    assert make(images, tmp_path).step == 3
    assert (tmp_path / MARKER).is_file()
    (tmp_path / MARKER).unlink()
    assert make(images, tmp_path, restart=True).step == 0


def test_missing_index_is_an_error_that_says_how_to_resume(images, tmp_path):
    make(images, tmp_path, checkpoint_every=2).fit(steps=5, progress=False)
    (tmp_path / "checkpoint").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    with pytest.raises(CheckpointError, match=r"missing.*ckpt-5.*repair_checkpoint_index"):
        make(images, tmp_path)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert repair_checkpoint_index(tmp_path).endswith("ckpt-5")
    resumed = make(images, tmp_path)
    assert resumed.step == 5 and [row["step"] for row in resumed.history] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "content", [b"", b"\x00\xff garbage {", b'model_checkpoint_path: "ckpt-99"\n']
)
def test_unreadable_index_is_an_error_not_a_fresh_start(images, tmp_path, content):
    make(images, tmp_path).fit(steps=3, progress=False)
    (tmp_path / "checkpoint").write_bytes(content)
    with pytest.raises(CheckpointError, match=r"index .*ckpt-3.*repair_checkpoint_index"):
        make(images, tmp_path)
    repair_checkpoint_index(tmp_path)
    assert make(images, tmp_path).step == 3


def test_a_first_save_cut_short_before_its_index_starts_over(images, tmp_path):
    make(images, tmp_path, checkpoint_every=1).fit(steps=1, progress=False)
    for name in ("checkpoint", "run.json"):  # as a kill between the data files and the index
        (tmp_path / name).unlink()
    (tmp_path / "ckpt-1_temp").mkdir()  # TensorFlow's temporary folder of a save cut short
    trainer = make(images, tmp_path)
    assert trainer.step == 0 and trainer.history == []
    assert not (tmp_path / "ckpt-1_temp").exists()
    trainer.fit(steps=2, progress=False)
    assert make(images, tmp_path).step == 2


def test_lost_index_and_run_description_with_several_checkpoints_is_an_error(images, tmp_path):
    make(images, tmp_path, checkpoint_every=2).fit(steps=5, progress=False)
    for name in ("checkpoint", "run.json"):  # both lost: more than a first save cut short
        (tmp_path / name).unlink()
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    with pytest.raises(CheckpointError, match=r"missing.*ckpt-5"):
        make(images, tmp_path)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_damaged_run_description_advice_keeps_the_checkpoint(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    (tmp_path / "run.json").write_text('{"task": "to')
    with pytest.raises(CheckpointError, match="damaged") as caught:
        make(images, tmp_path)
    assert "restart=True" not in str(caught.value) and "move run.json aside" in str(caught.value)
    (tmp_path / "run.json").rename(tmp_path / "run.json.bad")  # the advice, followed
    resumed = make(images, tmp_path)
    assert resumed.step == 3
    resumed.save()  # a new run description is written
    assert json.loads((tmp_path / "run.json").read_text())["width"] == 2


def test_damaged_history_is_an_error_with_advice(images, tmp_path):
    make(images, tmp_path).fit(steps=3, progress=False)
    (tmp_path / "history.json").write_text('[{"step": 1, "loss"')
    with pytest.raises(CheckpointError, match=r"history.json is damaged.*step 3 is not affected"):
        make(images, tmp_path)


def test_a_save_cut_short_leaves_history_and_checkpoint_consistent(images, tmp_path, monkeypatch):
    trainer = make(images, tmp_path, checkpoint_every=2)
    trainer.fit(steps=4, progress=False)

    def killed(*args, **kwargs):  # the process dies between history.json and the checkpoint
        raise SystemExit

    monkeypatch.setattr(trainer._manager, "save", killed)
    with pytest.raises(SystemExit):
        trainer.fit(steps=6, progress=False)
    assert [row["step"] for row in json.loads((tmp_path / "history.json").read_text())][-1] == 6
    resumed = make(images, tmp_path)
    assert resumed.step == 4 and [row["step"] for row in resumed.history] == [1, 2, 3, 4]
    resumed.fit(steps=6, progress=False)
    assert [row["step"] for row in resumed.history] == [1, 2, 3, 4, 5, 6]


def test_writes_leave_no_temporary_files(images, tmp_path):
    make(images, tmp_path, checkpoint_every=1).fit(steps=4, progress=False)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in names if "tmp" in name or "temp" in name], names
    (tmp_path / "plain.txt").write_text("")  # written files get the usual permissions
    usual = (tmp_path / "plain.txt").stat().st_mode
    assert {name: (tmp_path / name).stat().st_mode for name in ("run.json", "history.json")} == {
        "run.json": usual,
        "history.json": usual,
    }


@pytest.fixture
def python_ctrl_c():
    """Python's own Ctrl+C handler, as in a notebook or a script run from a terminal.

    A test runner started in the background by a non-interactive shell inherits SIGINT ignored;
    there is then no Ctrl+C to defer, and the trainer rightly leaves an ignored SIGINT alone.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_during_a_step_keeps_that_steps_metrics(images, tmp_path, capsys, python_ctrl_c):
    trainer = make(images, tmp_path, checkpoint_every=1000)
    compiled = trainer._compiled_step

    def step_then_ctrl_c(batch):  # Ctrl+C arrives right after the step updated the weights
        logs = compiled(batch)
        if int(trainer._step.numpy()) == 4:
            os.kill(os.getpid(), signal.SIGINT)
        return logs

    trainer._compiled_step = step_then_ctrl_c
    with pytest.raises(KeyboardInterrupt):
        trainer.fit(steps=10, progress=False)
    assert "Interrupted at step 4" in capsys.readouterr().out
    assert [row["step"] for row in trainer.history] == [1, 2, 3, 4]
    resumed = make(images, tmp_path)
    assert resumed.step == 4 and resumed.history == trainer.history


def test_any_changed_pixel_changes_the_fingerprint(images):
    changed = images.copy()
    changed[17, 2, 3] = np.nextafter(changed[17, 2, 3], 2.0)
    assert _fingerprint(images) != _fingerprint(changed)
    assert _fingerprint(images) == _fingerprint(images.copy())
    assert _fingerprint(images) != _fingerprint(images.reshape(40, 16))


def test_checkpoint_from_changed_data_is_refused(images, tmp_path):
    make(images, tmp_path).fit(steps=2, progress=False)
    changed = images.copy()
    changed[39, 3, 3] += 0.25
    with pytest.raises(CheckpointError, match="different run \\(images: saved"):
        make(changed, tmp_path)


def test_checkpoint_with_an_old_fingerprint_says_why_it_is_refused(images, tmp_path):
    make(images, tmp_path).fit(steps=2, progress=False)
    info = json.loads((tmp_path / "run.json").read_text())
    info["images"] = "(40, 4, 4):0123456789ab"  # what versions before the full hash wrote
    (tmp_path / "run.json").write_text(json.dumps(info))
    with pytest.raises(CheckpointError, match="older version of datagen_lab"):
        make(images, tmp_path)


@pytest.mark.parametrize("minutes", [float("nan"), float("inf"), -1.0, "3", True])
def test_fit_refuses_bad_minutes_before_training(images, minutes):
    trainer = make(images)
    assert_clear_error(lambda: trainer.fit(minutes=minutes, progress=False), "minutes")
    assert trainer.step == 0
