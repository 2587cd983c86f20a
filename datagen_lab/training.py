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
"""

from __future__ import annotations

import json
import math
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from datagen_lab.tf_runtime import import_tensorflow


class TrainingTask(Protocol):
    """What a model brings to :class:`Trainer` (DCGAN: :class:`datagen_lab.gan_training.GANTask`).

    ``build`` is called inside the strategy's scope; ``train_step`` runs once per replica inside a
    compiled function and returns scalar metrics already divided by the **global** batch size
    (``tf.nn.compute_average_loss``), which the trainer sums over replicas.
    """

    name: str
    metric_groups: dict[str, tuple[str, ...]]  # dashboard panels: title -> metric names

    def build(self) -> None: ...

    def variables(self) -> dict[str, list]: ...  # what a checkpoint holds, by group name

    def signature(self) -> dict: ...  # JSON-able description a checkpoint must match

    def batch_inputs(self, images, seed) -> dict: ...  # extra per-step inputs (noise), global batch

    def train_step(self, batch: dict, global_batch_size: int) -> dict: ...

    def preview(self) -> np.ndarray | None: ...  # images for the dashboard, or None

    # Optional: ``after_step()``, called once per step in cross-replica context inside the
    # compiled step (after the replicas' updates), e.g. to update an average of the weights.


class CheckpointError(ValueError):
    """A checkpoint folder that cannot be resumed: corrupted, or written by a different run."""


@dataclass(frozen=True)
class FitSummary:
    """What one call to :meth:`Trainer.fit` did."""

    start_step: int
    end_step: int
    seconds: float
    images_per_second: float
    stopped_by: str  # "steps", "time", "callback", "already done"

    def __repr__(self) -> str:
        done = self.end_step - self.start_step
        return (
            f"Trained steps {self.start_step}->{self.end_step} ({done} steps) in {self.seconds:.1f} s, "
            f"{self.images_per_second:.0f} images/s; stopped by {self.stopped_by}."
        )


class Trainer:
    """Train a :class:`TrainingTask` on an in-memory image array.

    Args:
        task: the model-specific part.
        images: float32 (N, ...) training images, already scaled for the task.
        batch_size: global batch (split across replicas; must divide evenly).
        seed: drives the data order and every per-step random draw.
        checkpoint_dir: folder for checkpoints and ``history.json``; None keeps nothing on disk.
        checkpoint_every: save every this many steps (also at the end and on interrupt).
        strategy: a ``tf.distribute.Strategy``; None uses the current (default: one device).
        jit_compile: compile the step with XLA (single replica only).
        restart: delete an existing checkpoint in ``checkpoint_dir`` and start over.
    """

    def __init__(
        self, task: TrainingTask, images: np.ndarray, batch_size: int, seed: int = 0,
        checkpoint_dir: str | Path | None = None, checkpoint_every: int = 500, strategy=None,
        jit_compile: bool = False, restart: bool = False,
    ):  # fmt: skip
        tf = import_tensorflow()
        self.images = np.asarray(images, dtype=np.float32)
        if self.images.ndim < 2 or len(self.images) == 0:
            raise ValueError(
                f"images must be a non-empty batch (N, ...); got shape {self.images.shape}."
            )
        self.strategy = strategy or tf.distribute.get_strategy()
        replicas = self.strategy.num_replicas_in_sync
        if not 0 < batch_size <= len(self.images):
            raise ValueError(
                f"batch_size={batch_size} but there are only {len(self.images)} training images: "
                f"use a batch size between 1 and {len(self.images)}, or more data."
            )
        if batch_size % replicas:
            raise ValueError(
                f"batch_size={batch_size} must be a multiple of the {replicas} replicas."
            )
        self.task, self.batch_size, self.seed = task, int(batch_size), int(seed)
        self.checkpoint_every = max(1, int(checkpoint_every))
        self.history: list[dict[str, float]] = []
        self.stop_training = False  # a callback may set this to end fit() after the current step
        with self.strategy.scope():
            task.build()
            self._step = tf.Variable(0, dtype=tf.int64, trainable=False, name="step")
            self._clock = tf.Variable(0.0, dtype=tf.float64, trainable=False, name="seconds")
        groups = {name: list(variables) for name, variables in task.variables().items()}
        self._checkpoint = tf.train.Checkpoint(step=self._step, seconds=self._clock, **groups)
        self._manager = None
        self._run_info = {"task": task.name, **task.signature(), "batch_size": self.batch_size,
                          "seed": self.seed, "images": _fingerprint(self.images)}  # fmt: skip
        if checkpoint_dir is not None:
            self._open_checkpoint(Path(checkpoint_dir), restart)
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
        stop button) saves a checkpoint first and then re-raises ``KeyboardInterrupt``.

        Returns:
            A :class:`FitSummary`.
        """
        if steps is None and minutes is None:
            raise ValueError("Say how long to train: fit(steps=2000), fit(minutes=3), or both.")
        if (steps is not None and steps < 0) or (minutes is not None and minutes < 0):
            raise ValueError(f"steps and minutes must be non-negative; got {steps}, {minutes}.")
        start, budget = self.step, math.inf if minutes is None else 60.0 * minutes
        target = math.inf if steps is None else int(steps)
        if start >= target or self.seconds >= budget:
            return FitSummary(start, start, 0.0, 0.0, "already done")
        from tqdm.auto import tqdm

        bar = tqdm(total=None if steps is None else target, initial=start, unit="step",
                   disable=not progress, desc=self.task.name)  # fmt: skip
        iterator, hooks = iter(self._dataset(start)), _Hooks(callbacks)
        began = last = time.perf_counter()
        stopped_by, base_clock = "steps", self.seconds
        self.stop_training = False
        hooks("on_train_begin", self)
        try:
            while self.step < target:
                logs = self._run_one(next(iterator))
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
            print(f"Interrupted at step {self.step}: " + (f"checkpoint saved in {where}; re-run to resume." if where else "no checkpoint_dir, progress is only in memory."))  # fmt: skip
            raise
        bar.close()
        self.save()
        hooks("on_train_end", self)
        seconds = time.perf_counter() - began
        rate = (self.step - start) * self.batch_size / max(seconds, 1e-9)
        return FitSummary(start, self.step, seconds, rate, stopped_by)

    def save(self) -> str | None:
        """Write a checkpoint now (and ``history.json``); return its path, or None without a folder."""
        if self._manager is None:
            return None
        folder = Path(self._manager.directory)
        (folder / "run.json").write_text(json.dumps(self._run_info, indent=1))
        path = self._manager.save(checkpoint_number=self.step)
        temporary = folder / "history.json.tmp"
        temporary.write_text(json.dumps(self.history))
        temporary.replace(folder / "history.json")
        return path

    def metric(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of one logged metric over the whole run (resumed sessions included)."""
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
        bar.set_postfix({k: f"{v:.3f}" for k, v in logs.items()} | {"img/s": f"{done * self.batch_size / max(seconds, 1e-9):.0f}"}, refresh=False)  # fmt: skip
        bar.update(self.step - bar.n)

    def _open_checkpoint(self, folder: Path, restart: bool) -> None:
        tf = import_tensorflow()
        info_path = folder / "run.json"
        if restart and folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self._manager = tf.train.CheckpointManager(self._checkpoint, str(folder), max_to_keep=2)
        latest = self._manager.latest_checkpoint
        if latest is None:
            return
        advice = (f"Keep it and train this model elsewhere with checkpoint_dir=<another folder>, "
                  f"or start over with restart=True (deletes {folder}).")  # fmt: skip
        if info_path.is_file():
            try:
                saved = json.loads(info_path.read_text())
            except ValueError as error:
                raise CheckpointError(f"{info_path} is corrupted ({error}). {advice}") from None
            now, before = _flatten(json.loads(json.dumps(self._run_info))), _flatten(saved)
            changed = [key for key in now if before.get(key) != now[key]]
            if changed:
                lines = "; ".join(f"{k}: saved {before.get(k)!r}, now {now[k]!r}" for k in changed)
                raise CheckpointError(
                    f"The checkpoint in {folder} belongs to a different run ({lines}). {advice}"
                )
        try:
            self._checkpoint.restore(latest).assert_existing_objects_matched()
        except Exception as error:  # TensorFlow raises many types for bad files
            raise CheckpointError(
                f"Could not resume from {latest}: {type(error).__name__}: {str(error)[:300]}. "
                f"The files are corrupted or from a different model. {advice}"
            ) from None
        history = folder / "history.json"
        if history.is_file():
            self.history = [
                row for row in json.loads(history.read_text()) if row["step"] <= self.step
            ]


class _Hooks:
    """Call an optional method on every callback that has it."""

    def __init__(self, callbacks: Any):
        self.callbacks = list(callbacks or ())

    def __call__(self, method: str, *args) -> None:
        for callback in self.callbacks:
            hook = getattr(callback, method, None)
            if hook is not None:
                hook(*args)


def _flatten(info: dict, prefix: str = "") -> dict:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``, so a mismatch names the exact setting."""
    flat = {}
    for key, value in info.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _fingerprint(images: np.ndarray) -> str:
    import hashlib

    sample = images[:: max(1, len(images) // 256)]
    return f"{images.shape}:{hashlib.sha256(sample.tobytes()).hexdigest()[:12]}"
