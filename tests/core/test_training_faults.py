"""Kill training with SIGKILL at random moments, mostly mid-save, and check that nothing is lost.

Each round starts a fresh Python process that resumes the run in one checkpoint folder and trains
the tiny toy task with a checkpoint after every step (so most of its time is spent saving), and
kills it after a random (seeded) delay. After every kill the folder must still be readable:
``run.json`` and ``history.json`` parse, the index names a checkpoint whose files are there, and
the history holds every step up to that checkpoint exactly once. The next process must resume at
exactly that checkpoint. At the end, the resumed run's losses must equal those of one uninterrupted
run: no step lost or repeated, the same data and noise for every step.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
KILLS = 4  # each costs a TensorFlow start-up (a few seconds)

WORKER = r"""
import json, sys
from training_helpers import ToyTask, toy_images
from datagen_lab.training import Trainer

folder, final = sys.argv[1], sys.argv[2] == "final"
images = toy_images()
trainer = Trainer(ToyTask(), images, batch_size=8, seed=1, checkpoint_dir=folder, checkpoint_every=1)
print("RESUMED " + json.dumps({"step": trainer.step, "history": [r["step"] for r in trainer.history]}), flush=True)
class Announce:  # tells the parent that steps (and saves) are under way, once
    def on_step_end(self, trainer, logs):
        if not getattr(self, "said", False):
            self.said = True
            print("STEPPING", flush=True)

if not final:
    trainer.fit(steps=10**9, callbacks=[Announce()], progress=False)  # until killed
else:
    target = trainer.step + 5
    trainer.fit(steps=target, progress=False)
    straight = Trainer(ToyTask(), images, batch_size=8, seed=1)
    straight.fit(steps=target, progress=False)
    print("FINAL " + json.dumps({
        "resumed": trainer.history, "straight": straight.history,
        "weights": [trainer.task.weights.numpy().tolist(), straight.task.weights.numpy().tolist()],
    }), flush=True)
"""


def start(folder: Path, final: bool = False) -> subprocess.Popen:
    env = dict(
        os.environ,
        TF_CPP_MIN_LOG_LEVEL="2",
        CUDA_VISIBLE_DEVICES="",
        PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]),
    )
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(folder), "final" if final else "kill"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=TESTS.parent,
    )


def read_line(process: subprocess.Popen, prefix: str) -> dict:
    for line in process.stdout:
        if line.startswith(prefix):
            return json.loads(line[len(prefix) :].strip() or "{}")
    process.wait(timeout=60)
    raise AssertionError(
        f"the worker ended without {prefix.strip()}:\n{process.stderr.read()[-3000:]}"
    )


def on_disk(folder: Path) -> tuple[int, list[int]]:
    """(checkpoint step the index names, history steps) after a kill; asserts the files are whole."""
    if (folder / "run.json").exists():  # written after the first complete checkpoint
        assert json.loads((folder / "run.json").read_text())["task"] == "toy"
    history = [row["step"] for row in json.loads((folder / "history.json").read_text())]
    assert history == list(range(1, len(history) + 1))
    if not (folder / "checkpoint").exists():  # killed before the first save was complete
        assert not (folder / "run.json").exists()
        return 0, history
    index = (folder / "checkpoint").read_text()
    match = re.search(r'model_checkpoint_path: "ckpt-(\d+)"', index)
    assert match, f"unreadable index: {index!r}"
    step = int(match.group(1))
    assert (folder / f"ckpt-{step}.index").is_file()
    assert list(folder.glob(f"ckpt-{step}.data-*"))
    # history.json is written before the checkpoint: it covers it, each step once, in order.
    assert len(history) >= step
    return step, history


def test_sigkill_during_saves_loses_nothing_before_the_last_checkpoint(tmp_path):
    rng = random.Random(20240611)
    folder = tmp_path / "run"
    expected_step, reached = 0, []
    for _ in range(KILLS):
        process = start(folder)
        try:
            resumed = read_line(process, "RESUMED ")
            assert resumed["step"] == expected_step
            assert resumed["history"] == list(range(1, expected_step + 1))
            read_line(process, "STEPPING")
            time.sleep(rng.uniform(0.0, 0.8))  # steps take milliseconds, nearly all of it saving
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
            process.stdout.close()
            process.stderr.close()
        expected_step, history = on_disk(folder)
        reached.append(expected_step)
    assert reached[-1] > 0, f"the workers never got to train: {reached}"
    assert reached == sorted(reached), f"a resume went backwards: {reached}"

    process = start(folder, final=True)
    try:
        assert read_line(process, "RESUMED ")["step"] == expected_step
        final = read_line(process, "FINAL ")
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()
    resumed, straight = final["resumed"], final["straight"]
    assert [row["step"] for row in resumed] == [row["step"] for row in straight]
    assert [row["step"] for row in resumed] == list(range(1, expected_step + 6))
    for ours, theirs in zip(resumed, straight, strict=True):
        assert ours["loss"] == pytest.approx(theirs["loss"], rel=1e-5, abs=1e-7), ours["step"]
    assert final["weights"][0] == pytest.approx(final["weights"][1], rel=1e-5, abs=1e-7)
