"""The pieces of :class:`datagen_lab.training.Trainer` other than the class itself.

* :class:`TrainingTask`, the protocol a model implements to be trained, and :class:`FitSummary`,
  what one ``fit`` call returns;
* the checks of ``Trainer``'s and ``fit``'s arguments (flags, callbacks) and the callback caller;
* the run description's helpers: the images' fingerprint and the flattening that lets a mismatch
  name the exact setting;
* :class:`_DeferInterrupt`, which holds Ctrl+C back while a step is recorded or a checkpoint
  written.

``datagen_lab.training`` re-exports the public names, so ``from datagen_lab.training import
TrainingTask`` keeps working.
"""

from __future__ import annotations

import hashlib
import re
import signal
import threading
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_positive_int,
    check_seed,
    describe,
)
from datagen_lab.i18n import t

_TASK_METHODS = ("build", "variables", "signature", "batch_inputs", "train_step")
_HOOKS = ("on_train_begin", "on_step_end", "on_train_end")


class TrainingTask(Protocol):
    """What a model brings to :class:`Trainer` (DCGAN: :class:`datagen_lab.dcgan.task.GANTask`).

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


def _check_flag(value: Any, name: str) -> bool:
    """``value`` as a bool; 0/1 and strings like "no" are refused (``restart="no"`` is truthy)."""
    if not isinstance(value, bool | np.bool_):
        raise InputError(name, value, "True or False")
    return bool(value)


@dataclass(frozen=True)
class FitSummary:
    """What one call to :meth:`Trainer.fit` did."""

    start_step: int
    end_step: int
    seconds: float
    images_per_second: float
    stopped_by: str  # "steps", "time", "callback", "already done"

    def __repr__(self) -> str:
        stopped = {
            "steps": t("stopped by steps"),
            "time": t("stopped by time"),
            "callback": t("stopped by callback"),
            "already done": t("stopped by already done"),
        }.get(self.stopped_by, f"stopped by {self.stopped_by}")
        return t(
            "Trained steps {start}->{end} ({done} steps) in {seconds:.1f} s, {rate:.0f} images/s; {stopped}.",
            start=self.start_step,
            end=self.end_step,
            done=self.end_step - self.start_step,
            seconds=self.seconds,
            rate=self.images_per_second,
            stopped=stopped,
        )


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
    """Shape, dtype and a hash of *every* byte: any changed pixel gives another fingerprint.

    (Versions before this one hashed 256 sampled images: ``"(N, ...):<12 hex digits>"``.) Hashing
    all of MNIST as float32 takes about 0.1 s.
    """
    array = np.ascontiguousarray(images)
    digest = hashlib.sha256(f"{array.shape}|{array.dtype.str}|".encode())
    digest.update(array.reshape(-1).view(np.uint8))
    return f"{array.shape}:{array.dtype}:sha256:{digest.hexdigest()[:16]}"


def _is_old_fingerprint(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\([0-9, ]*\):[0-9a-f]{12}", value) is not None


class _DeferInterrupt:
    """Hold Ctrl+C (SIGINT) back until the block is done, then deliver it.

    Only in the main thread (the only one that receives signals), and only when Python's own
    handler is installed (as in a Jupyter cell or a script); otherwise it does nothing.
    """

    def __enter__(self) -> _DeferInterrupt:
        self.received: tuple | None = None
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if callable(previous) or previous == signal.SIG_DFL:
                self.previous = signal.signal(signal.SIGINT, self._hold)
        return self

    def _hold(self, signum, frame) -> None:
        self.received = (signum, frame)

    def __exit__(self, kind, error, trace) -> bool:
        if self.previous is None:
            return False
        signal.signal(signal.SIGINT, self.previous)
        if self.received is not None and kind is None:
            if callable(self.previous):
                self.previous(*self.received)  # Python's handler raises KeyboardInterrupt
            else:
                raise KeyboardInterrupt
        return False


def _check_callbacks(callbacks: Any) -> list:
    """A list of callbacks, each with at least one hook; a single callback is refused clearly."""
    if callbacks is None:
        return []
    expected = "a list of callbacks, each with on_train_begin, on_step_end or on_train_end"
    if isinstance(callbacks, str | bytes | dict) or any(hasattr(callbacks, h) for h in _HOOKS):
        raise InputError(
            "callbacks", callbacks, expected, "Wrap a single callback in a list: callbacks=[...]."
        )
    try:
        listed = list(callbacks)
    except TypeError:
        raise InputError("callbacks", callbacks, expected) from None
    for callback in listed:
        if not any(callable(getattr(callback, hook, None)) for hook in _HOOKS):
            raise InputError(
                "callbacks", callback, expected, got_text=f"a list holding {describe(callback)}"
            )
    return listed


def check_trainer_arguments(
    task: Any,
    images: Any,
    batch_size: Any,
    seed: Any,
    checkpoint_every: Any,
    jit_compile: Any,
    restart: Any,
) -> tuple[np.ndarray, int, int, int, bool, bool]:
    """Check :class:`datagen_lab.training.Trainer`'s arguments before anything is built.

    Returns:
        ``(images, batch_size, seed, checkpoint_every, jit_compile, restart)``, checked (the
        images as an array, not yet float32).

    Raises:
        InputError: naming the first argument it cannot use.
    """
    missing = [m for m in _TASK_METHODS if not callable(getattr(task, m, None))]
    if missing or not isinstance(getattr(task, "name", None), str):
        raise InputError(
            "task",
            task,
            "a training task with a name and the methods "
            + ", ".join(f"{m}()" for m in _TASK_METHODS)
            + " (see datagen_lab.training.TrainingTask)",
        )
    array = check_array(images, "images", what="training images (N, ...)")
    if array.ndim < 2:
        raise InputError(
            "images", array, "a batch of training images (N, ...) with 2 or more dimensions"
        )
    n = len(array)
    # Integers (not floats like 16.0) and the count checked here, so nothing is ever half built.
    check_int(batch_size, "batch_size")
    if not 0 < batch_size <= n:
        raise InputError(
            "batch_size",
            batch_size,
            f"an integer between 1 and {n} (there are only {n} training images)",
            "Use a smaller batch size, or more data.",
        )
    seed = check_seed(seed, "seed")
    if seed > 2**32 - 1:  # seed + 1 must fit TensorFlow's int64 random seeds, with room
        raise InputError("seed", seed, "a non-negative integer below 2**32")
    checkpoint_every = check_positive_int(checkpoint_every, "checkpoint_every")
    jit_compile, restart = (
        _check_flag(jit_compile, "jit_compile"),
        _check_flag(restart, "restart"),
    )
    return array, int(batch_size), seed, checkpoint_every, jit_compile, restart
