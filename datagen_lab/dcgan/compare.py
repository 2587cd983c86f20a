"""Two DCGAN configurations side by side after the same seconds of training.

Images per second or steps per second do not say which configuration draws better digits
sooner. :func:`train_for_equal_time` trains each configuration from scratch on the same digits
with the same seed for the same CPU seconds of training, then draws digits for one shared set of
noise vectors and lets the judge (:func:`datagen_lab.dcgan.evaluation.evaluate_digits`) score a
larger sample; :func:`plot_equal_time` shows the grids side by side. Lesson 4 compares the
tutorial's configuration (``REFERENCE``) with the course's ``DEFAULT`` this way.

The budget is CPU time (``time.process_time``: this process, all its threads), not wall-clock
time, so that both configurations get the same work even when other programs share the machine
(a wall-clock budget gives whichever runs while the machine is busy less training). On an otherwise
idle machine with one core the two are about the same. The first step of each run (tracing the
step, and compiling it with XLA where the configuration asks for it) is not counted: the budget is
for training, not for start-up.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from datagen_lab.checks import InputError, check_number, check_positive_int
from datagen_lab.dcgan.evaluation import BAR_SAMPLES, DigitReport, evaluate_digits
from datagen_lab.dcgan.model import (
    DCGANConfig,
    _check_config,
    _check_model_seed,
    generate,
    sample_noise,
)
from datagen_lab.i18n import padded, t
from datagen_lab.tf_runtime import release_memory


@dataclass(frozen=True)
class TimedRun:
    """One configuration after a fixed training time.

    Attributes:
        config: what was trained.
        steps: training steps done (including the uncounted first one).
        cpu_seconds: CPU seconds of training counted against the budget (after the first step).
        seconds: wall-clock seconds of the same training.
        images_seen: steps x batch size.
        grid: uint8 (n, 28, 28) digits for the shared noise.
        report: the judge's scores for ``judge_samples`` digits drawn with ``seed``.
    """

    config: DCGANConfig
    steps: int
    cpu_seconds: float
    seconds: float
    images_seen: int
    grid: np.ndarray
    report: DigitReport

    def summary(self) -> str:
        """One line: the configuration, how much it trained, and the judge's verdict."""
        return t(
            "{name} {steps:5d} steps ({images:,} images) in {seconds:.0f} CPU seconds: {summary}",
            name=padded(t(self.config.name), 9),
            steps=self.steps,
            images=self.images_seen,
            seconds=self.cpu_seconds,
            summary=self.report.summary(),
        )


def train_for_equal_time(
    images: np.ndarray,
    configs: Sequence[DCGANConfig],
    seconds: float,
    seed: int = 0,
    grid: int = 32,
    judge_samples: int = BAR_SAMPLES,
    reference: np.ndarray | None = None,
) -> dict[str, TimedRun]:
    """Train each configuration from scratch for ``seconds`` of CPU time; judge the results.

    Args:
        images: real digits (N, 28, 28[, 1]), uint8 in [0, 255] or float in [0, 1].
        configs: one or more :class:`DCGANConfig` with distinct names and the same noise size.
        seconds: CPU seconds of training per configuration after its first step, > 0.
        seed: one seed for every run: weights, data order, noise, and the noise of the grid and
            of the judged sample (the same vectors for every configuration).
        grid: how many digits to draw for the side-by-side picture, >= 1.
        judge_samples: digits the judge scores per configuration, >= 1 (the bar uses 2,000).
        reference: held-out real digits for the Fréchet distance (None skips it).

    Returns:
        ``{config.name: TimedRun}`` in the order of ``configs``. Nothing is written to disk.
    """
    from datagen_lab.dcgan.task import make_dcgan_trainer

    configs = _check_configs(configs)
    seconds = check_number(seconds, "seconds", low=0.0, low_open=True, what="CPU seconds")
    seed = _check_model_seed(seed)
    grid = check_positive_int(grid, "grid", "digits in the picture")
    judge_samples = check_positive_int(judge_samples, "judge_samples", "digits judged")
    noise = sample_noise(grid, configs[0].noise_dim, seed=seed)
    runs = {}
    for config in configs:
        trainer = make_dcgan_trainer(images, config, seed=seed)
        trainer.fit(steps=1, progress=False)  # tracing / XLA compiling: not counted
        budget = _CPUBudget(seconds)
        start = trainer.seconds
        trainer.fit(steps=_NO_STEP_LIMIT, callbacks=[budget], progress=False)
        sampler = trainer.task.sampler
        runs[config.name] = TimedRun(
            config=config,
            steps=trainer.step,
            cpu_seconds=budget.used,
            seconds=trainer.seconds - start,
            images_seen=trainer.step * config.batch_size,
            grid=generate(sampler, noise),
            report=evaluate_digits(trainer.task.sample(judge_samples, seed=seed), reference),
        )
        # Only the digits and scores are kept: free this trainer's networks, optimiser state and
        # compiled step before the next configuration, so the peaks do not add up (Binder: 2 GB).
        del trainer, sampler
        release_memory()
    return runs


def plot_equal_time(runs: Mapping[str, TimedRun], ncols: int = 8):
    """The runs' grids side by side, each titled with its steps and the judge's scores.

    Args:
        runs: what :func:`train_for_equal_time` returns (a non-empty mapping of TimedRun).
        ncols: digits per row of each grid, >= 1.

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    from datagen_lab.plotting import image_grid

    if not isinstance(runs, Mapping) or not runs:
        raise InputError("runs", runs, "a non-empty dict of TimedRun (from train_for_equal_time)")
    for run in runs.values():
        if not isinstance(run, TimedRun):
            raise InputError("runs", runs, "a dict whose values are TimedRun")
    ncols = check_positive_int(ncols, "ncols", "digits per row")
    fig, axes = plt.subplots(1, len(runs), figsize=(4.6 * len(runs), 3.4), squeeze=False)
    for ax, (name, run) in zip(axes[0], runs.items(), strict=True):
        ax.imshow(image_grid(run.grid, ncols=ncols), cmap="gray", vmin=0, vmax=255)
        report = run.report
        ax.set_title(
            t(
                "{name}: {steps} steps in {seconds:.0f} CPU s\nconfident {share:.0%}, {bits:.2f} bits",
                name=t(name),
                steps=run.steps,
                seconds=run.cpu_seconds,
                share=report.confident_share,
                bits=report.entropy_bits,
            )
            + ("" if report.frechet is None else f", Fréchet {report.frechet:.1f}"),
            fontsize=10,
        )
        ax.axis("off")
    fig.suptitle(t("the same noise, after the same CPU seconds of training"))
    fig.tight_layout()
    return fig


_NO_STEP_LIMIT = 10**9  # the CPU budget ends the run


class _CPUBudget:
    """Training callback: stop once this process has used ``seconds`` of CPU time since the start."""

    def __init__(self, seconds: float):
        self.seconds, self.used, self._start = float(seconds), 0.0, None

    def on_train_begin(self, trainer) -> None:
        self._start = time.process_time()

    def on_step_end(self, trainer, logs) -> None:
        self.used = time.process_time() - self._start
        if self.used >= self.seconds:
            trainer.stop_training = True


def _check_configs(configs) -> list[DCGANConfig]:
    expected = "a list of DCGANConfig with distinct names and one noise size"
    if isinstance(configs, str | bytes | DCGANConfig) or not isinstance(configs, Sequence):
        raise InputError("configs", configs, expected)
    configs = [_check_config(config) for config in configs]
    names = [config.name for config in configs]
    if not configs or len(set(names)) != len(names):
        raise InputError("configs", configs, expected, got_text=f"names {names}")
    if len({config.noise_dim for config in configs}) != 1:
        raise InputError("configs", configs, expected, "The grids share one set of noise vectors.")
    return configs
