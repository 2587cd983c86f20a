"""A generic training loop a learner can watch, stop and resume: used by the DCGAN and VAE lessons.

The model-specific part is a small *task* object (see :class:`TrainingTask`); the :class:`Trainer`
brings everything else:

* a compiled ``tf.function`` step run through a ``tf.distribute`` strategy (one device by default;
  ``MirroredStrategy`` or ``TPUStrategy`` scale it out: each replica gets its slice of the global
  batch, losses are averaged over the *global* batch, gradients are summed across replicas);
* a data order that is a pure function of ``(seed, step)``: any step's batch can be rebuilt, so a
  resumed run continues exactly where it stopped and one seed makes a run reproducible;
* ``fit(steps=..., minutes=...)``: both are *totals for the run*, so re-running the same cell after
  an interruption finishes the remaining part; a ``tqdm`` progress bar; callbacks (live dashboard);
* checkpoints every ``checkpoint_every`` steps, at the end, and when the kernel is interrupted,
  holding the step counter, the clock, every model and optimiser variable (random-generator states
  included); a checkpoint written by a different run is refused, never overwritten.

No lost work: the checkpoint folder is the trainer's own, every file it writes appears complete
or not at all, Ctrl+C is held back while a step is recorded or a checkpoint written, and a folder
that cannot be resumed is an error that says how to recover, never a silent fresh start (see
:mod:`datagen_lab.checkpoints` and :mod:`datagen_lab.resume`).

This module holds the :class:`Trainer`; the task protocol :class:`TrainingTask`, :class:`FitSummary`
and the small helpers (argument checks, callback caller, run fingerprint, Ctrl+C guard) live in
:mod:`datagen_lab.training_parts` and are importable from here as before.
"""

from __future__ import annotations

import contextlib
import json
import math
import time
from pathlib import Path

import numpy as np

from datagen_lab.checkpoints import (  # noqa: F401 (MARKER, repair_checkpoint_index re-exported)
    MARKER,
    CheckpointError,
    _check_folder,
    _fsync_checkpoint,
    _write_atomic,
    repair_checkpoint_index,
)
from datagen_lab.checks import (
    InputError,
    check_int,
    check_number,
)
from datagen_lab.i18n import t
from datagen_lab.resume import open_checkpoint
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training_parts import (  # noqa: F401 (TrainingTask re-exported)
    FitSummary,
    TrainingTask,
    _check_callbacks,
    _check_flag,
    _DeferInterrupt,
    _fingerprint,
    _Hooks,
    check_trainer_arguments,
)


class Trainer:
    """Train a :class:`TrainingTask` on an in-memory image array.

    Args:
        task: the model-specific part.
        images: (N, ...) training images with N >= 1 and at least 2 dimensions, already scaled
            for the task (any finite values; NaN and inf are refused); stored as float32.
        batch_size: global batch, an int in [1, N] (split across replicas; must divide evenly).
        seed: a non-negative int; drives the data order and every per-step random draw.
        checkpoint_dir: folder for checkpoints and ``history.json``; None keeps nothing on disk.
            It must be the trainer's own: a new or empty folder, or one a trainer wrote. Not the
            working directory, the home folder or one of their parents.
        checkpoint_every: save every this many steps, an int >= 1 (also at the end and on
            interrupt).
        strategy: a ``tf.distribute.Strategy``; None uses the current (default: one device).
        jit_compile: compile the step with XLA (single replica only).
        restart: delete the trainer's files in ``checkpoint_dir`` (only those: see the module
            docstring) and start over.

    Raises:
        InputError: an argument it cannot use (the message names it).
        CheckpointError: ``checkpoint_dir`` holds a checkpoint that cannot be resumed.
    """

    def __init__(
        self,
        task: TrainingTask,
        images: np.ndarray,
        batch_size: int,
        seed: int = 0,
        checkpoint_dir: str | Path | None = None,
        checkpoint_every: int = 500,
        strategy=None,
        jit_compile: bool = False,
        restart: bool = False,
    ):
        array, batch_size, seed, checkpoint_every, jit_compile, restart = check_trainer_arguments(
            task, images, batch_size, seed, checkpoint_every, jit_compile, restart
        )
        folder = None if checkpoint_dir is None else _check_folder(checkpoint_dir)
        tf = import_tensorflow()
        if strategy is not None and not isinstance(strategy, tf.distribute.Strategy):
            raise InputError("strategy", strategy, "a tf.distribute.Strategy or None (one device)")
        self.images = np.asarray(array, dtype=np.float32)
        self.strategy = strategy or tf.distribute.get_strategy()
        replicas = self.strategy.num_replicas_in_sync
        if batch_size % replicas:
            raise InputError("batch_size", batch_size, f"a multiple of the {replicas} replicas")
        self.task, self.batch_size, self.seed = task, int(batch_size), int(seed)
        self.checkpoint_every = checkpoint_every
        self.history: list[dict[str, float]] = []
        self.stop_training = False  # a callback may set this to end fit() after the current step
        with self.strategy.scope():
            task.build()
            self._step = tf.Variable(0, dtype=tf.int64, trainable=False, name="step")
            self._clock = tf.Variable(0.0, dtype=tf.float64, trainable=False, name="seconds")
        groups = {name: list(variables) for name, variables in task.variables().items()}
        self._checkpoint = tf.train.Checkpoint(step=self._step, seconds=self._clock, **groups)
        self._manager = None
        self._run_info = {
            "task": task.name,
            **task.signature(),
            "batch_size": self.batch_size,
            "seed": self.seed,
            "images": _fingerprint(self.images),
        }
        self._run_info_written = False
        if folder is not None:
            self._manager, self.history, self._run_info_written = open_checkpoint(
                folder, restart, self._checkpoint, self._run_info
            )
        use_xla = jit_compile and replicas == 1
        self._compiled_step = tf.function(self._replica_step, jit_compile=use_xla or None)

    @property
    def step(self) -> int:
        """Training steps done so far (restored from the checkpoint when resuming)."""
        return int(self._step.numpy())

    @property
    def seconds(self) -> float:
        """Seconds spent training so far, over all resumed sessions."""
        return float(self._clock.numpy())

    def fit(
        self,
        steps: int | None = None,
        minutes: float | None = None,
        callbacks=(),
        progress: bool = True,
    ):
        """Train until the run has done ``steps`` steps or trained ``minutes`` in total.

        Re-running the same call after an interruption resumes and finishes the rest; Ctrl+C (the
        stop button) saves a checkpoint first and then re-raises ``KeyboardInterrupt``. Ctrl+C
        during a step takes effect once the step is recorded, so no finished step is lost; any
        other error in the loop (a callback's, say) also saves a checkpoint before it propagates.

        Args:
            steps: total steps for the run, an int >= 0, or None (no step limit).
            minutes: total training minutes for the run, a finite number >= 0, or None.
            callbacks: a list of objects with any of ``on_train_begin(trainer)``,
                ``on_step_end(trainer, logs)``, ``on_train_end(trainer)``.
            progress: show a progress bar.

        Returns:
            A :class:`FitSummary`.
        """
        if steps is None and minutes is None:
            raise ValueError("Say how long to train: fit(steps=2000), fit(minutes=3), or both.")
        if steps is not None:
            steps = check_int(steps, "steps", low=0, what="total steps for the run")
        if minutes is not None:
            minutes = check_number(minutes, "minutes", low=0.0, what="total minutes for the run")
        callbacks = _check_callbacks(callbacks)
        progress = _check_flag(progress, "progress")
        start, budget = self.step, math.inf if minutes is None else 60.0 * minutes
        target = math.inf if steps is None else int(steps)
        if start >= target or self.seconds >= budget:
            return FitSummary(start, start, 0.0, 0.0, "already done")
        from tqdm.auto import tqdm

        bar = tqdm(
            total=None if steps is None else target,
            initial=start,
            unit="step",
            disable=not progress,
            desc=t(self.task.name),  # the catalog names the lessons' tasks in Chinese
        )
        iterator, hooks = iter(self._dataset(start)), _Hooks(callbacks)
        began = last = time.perf_counter()
        stopped_by, base_clock = "steps", self.seconds
        self.stop_training = False
        hooks("on_train_begin", self)
        try:
            while self.step < target:
                batch = next(iterator)
                # Ctrl+C waits until the step's metrics are in the history: the step counter moves
                # inside the compiled step, so an interrupt in between would lose that step's row.
                with _DeferInterrupt():
                    logs = self._run_one(batch)
                    now = time.perf_counter()
                    self._clock.assign(base_clock + now - began)
                    self.history.append({"step": self.step, "seconds": self.seconds, **logs})
                if now - last > 0.5 or self.step >= target:
                    self._update_bar(bar, logs, now - began, start, budget, steps is None)
                    last = now
                hooks("on_step_end", self, logs)
                if self.step % self.checkpoint_every == 0:
                    self.save()
                if self.seconds >= budget or self.stop_training:
                    stopped_by = "callback" if self.stop_training else "time"
                    break
        except KeyboardInterrupt:
            bar.close()
            where = self.save()
            if where:
                print(
                    t(
                        "Interrupted at step {step}: checkpoint saved in {where}; re-run to resume.",
                        step=self.step,
                        where=where,
                    )
                )
            else:
                print(
                    t(
                        "Interrupted at step {step}: no checkpoint_dir, progress is only in memory.",
                        step=self.step,
                    )
                )
            raise
        except Exception:
            bar.close()
            # A callback's (or the step's) error must not lose the steps since the last save; a
            # failing save must not hide the original error.
            with contextlib.suppress(Exception):
                self.save()
            raise
        bar.close()
        self.save()
        hooks("on_train_end", self)
        seconds = time.perf_counter() - began
        rate = (self.step - start) * self.batch_size / max(seconds, 1e-9)
        return FitSummary(start, self.step, seconds, rate, stopped_by)

    def save(self) -> str | None:
        """Write a checkpoint now (and ``history.json``); return its path, or None without a folder.

        Each file appears complete or not at all. ``history.json`` goes first: a save cut short
        leaves the previous checkpoint in charge, and the resumed run drops the history's rows past
        it, so the history always covers every step up to the checkpoint, once. The run's
        description ``run.json`` follows the first complete checkpoint.
        """
        if self._manager is None:
            return None
        folder = Path(self._manager.directory)
        with _DeferInterrupt():  # a Ctrl+C mid-save would leave the save to the next run
            _write_atomic(folder / "history.json", json.dumps(self.history))
            path = self._manager.save(checkpoint_number=self.step)
            # TensorFlow writes its index by temporary file and rename but never fsyncs: do it so
            # the checkpoint survives a power cut, not only a killed process.
            _fsync_checkpoint(folder, Path(path))
            # run.json last: a folder with checkpoint files but neither index nor run.json is a
            # first save that never finished, not a lost index (see _open_checkpoint).
            if not self._run_info_written:
                _write_atomic(folder / "run.json", json.dumps(self._run_info, indent=1))
                self._run_info_written = True
        return path

    def metric(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of one logged metric over the whole run (resumed sessions included).

        A name the run never logged gives two empty arrays (the dashboard draws what there is).
        """
        if not isinstance(name, str):
            raise InputError("name", name, "a metric name (str), e.g. 'loss'")
        rows = [row for row in self.history if name in row]
        return np.array([r["step"] for r in rows]), np.array([r[name] for r in rows])

    # -- internals ---------------------------------------------------------------------------

    def _replica_step(self, batch):
        tf = import_tensorflow()
        per_replica = self.strategy.run(self.task.train_step, args=(batch, self.batch_size))
        logs = {
            k: self.strategy.reduce(tf.distribute.ReduceOp.SUM, v, axis=None)
            for k, v in per_replica.items()
        }
        if hasattr(self.task, "after_step"):  # optional, cross-replica (e.g. a weight average)
            self.task.after_step()
        # Inside the compiled step, so the counter never disagrees with the weights.
        self._step.assign_add(1)
        return logs

    def _run_one(self, batch) -> dict[str, float]:
        return {name: float(value) for name, value in self._compiled_step(batch).items()}

    def _dataset(self, start_step: int):
        """Batches for steps start_step, start_step+1, ...; each replica gets its slice."""
        tf = import_tensorflow()
        n, batch, seed, task = len(self.images), self.batch_size, self.seed, self.task
        per_epoch, replicas = n // batch, self.strategy.num_replicas_in_sync
        images = tf.constant(self.images)

        def make(context):
            local = replicas // context.num_input_pipelines
            first = context.input_pipeline_id * local
            per_replica = batch // replicas

            def element(index):
                step, replica = index // local, first + index % local
                order = tf.random.experimental.stateless_shuffle(
                    tf.range(n), seed=[seed, step // per_epoch]
                )
                x = tf.gather(
                    images, order[(step % per_epoch) * batch : (step % per_epoch + 1) * batch]
                )
                full = {"images": x, **task.batch_inputs(x, tf.stack([seed + 1, step]))}
                return {
                    k: v[replica * per_replica : (replica + 1) * per_replica]
                    for k, v in full.items()
                }

            return tf.data.Dataset.range(start_step * local, 2**62).map(element).prefetch(2)

        return self.strategy.distribute_datasets_from_function(make)

    def _update_bar(self, bar, logs, seconds, start, budget, by_time) -> None:
        done = self.step - start
        if by_time and done > 2 and math.isfinite(budget):
            rate = done / max(seconds, 1e-9)
            bar.total = self.step + int(rate * max(budget - self.seconds, 0.0))
        bar.set_postfix(
            {k: f"{v:.3f}" for k, v in logs.items()}
            | {"img/s": f"{done * self.batch_size / max(seconds, 1e-9):.0f}"},
            refresh=False,
        )
        bar.update(self.step - bar.n)
