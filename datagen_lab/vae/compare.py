"""GAN vs VAE on the same digits and the same metrics: blur, a comparison table, quality over time.

The metrics are the package's (:mod:`datagen_lab.dcgan.evaluation`: classifier confidence, Fréchet
distance to held-out digits, class histogram and its entropy) plus one that names the VAE's
typical weakness, :func:`greyness` (blur). :func:`quality_over_time` trains both models and judges
them every 12,800 digits seen, so "which is better" can be read at every budget, not just at one.
Its x axis is training *progress* (digits seen), which does not depend on how busy the machine
was; the lesson converts it to time with each model's throughput measured in the same notebook.

    python -m datagen_lab.vae.compare                # ~15 CPU-minutes; rewrites the saved curves
    python -m datagen_lab.vae.compare --only DCGAN   # after a change to dcgan.DEFAULT
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from datagen_lab.checks import InputError, check_array, check_number, check_positive_int, check_seed
from datagen_lab.config import PROJECT_DIR
from datagen_lab.i18n import t
from datagen_lab.vae.report import ljust, rjust

CURVES_FILE = PROJECT_DIR / "notebooks" / "results" / "07_quality_over_time.json"
INK, WHITE = 25, 230  # 10% and 90% of 255


def greyness(images: np.ndarray) -> float:
    """Blur index: of the pixels with ink (> 10% intensity), the share that are mid-grey (< 90%).

    Real MNIST strokes are mostly near-white with a thin anti-aliased edge (about half of the ink
    pixels); a decoder that outputs the *mean* of p(x|z) smears uncertain strokes into grey.

    Args:
        images: (N, 28, 28) uint8 in [0, 255].

    Returns:
        A share in [0, 1] (0 when there is no ink at all).
    """
    x = check_array(
        images, "images", ndim=3, kinds="biuf", min_size=0, what="uint8 digits (N, 28, 28)"
    )
    if x.dtype != np.uint8:
        raise InputError(
            "images",
            x,
            "uint8 digits (N, 28, 28) in [0, 255]: greyness expects uint8 digits",
            "Convert decoder probabilities with datagen_lab.vae.model.to_uint8.",
        )
    ink = x > INK
    return float((ink & (x < WHITE)).sum() / max(int(ink.sum()), 1))


@dataclass(frozen=True)
class ModelResult:
    """One row of the comparison: what was trained, for how long, and what its samples score."""

    name: str
    report: object  # a datagen_lab.dcgan.evaluation.DigitReport
    greyness: float
    seconds: float | None = None
    steps: int | None = None

    def row(self) -> str:
        """A fixed-width text row (see :func:`comparison_table`)."""
        r = self.report
        time = (
            "-"
            if self.seconds is None
            else t("{seconds:5.0f} s / {steps} steps", seconds=self.seconds, steps=self.steps)
        )
        fd = "-" if r.frechet is None else f"{r.frechet:.1f}"
        return f"{ljust(t(self.name), 22)} {rjust(time, 18)} {r.mean_confidence:10.2f} {r.confident_share:9.0%} {r.entropy_bits:8.2f} {fd:>8s} {self.greyness:9.0%}"


def judge(name: str, images: np.ndarray, reference: np.ndarray, trainer=None) -> ModelResult:
    """Score digits with the package's metrics (Fréchet against ``reference``) and :func:`greyness`."""
    from datagen_lab.dcgan.evaluation import evaluate_digits

    if not isinstance(name, str):
        raise InputError("name", name, "a str (the row's label)")
    greyness(images)  # uint8 digits: checked before the classifier sees them
    if trainer is not None and not (hasattr(trainer, "seconds") and hasattr(trainer, "step")):
        raise InputError("trainer", trainer, "a Trainer (with .seconds and .step), or None")
    report = evaluate_digits(images, reference)
    seconds = None if trainer is None else trainer.seconds
    return ModelResult(
        name, report, greyness(images), seconds, None if trainer is None else trainer.step
    )


def comparison_table(results: list[ModelResult]) -> str:
    """The results as a text table: training time, confidence, confident share, entropy, Fréchet, greyness."""
    if isinstance(results, ModelResult) or not isinstance(results, list | tuple):
        raise InputError("results", results, "a list of ModelResult (from judge)")
    for result in results:
        if not isinstance(result, ModelResult):
            raise InputError("results", result, "a list of ModelResult (from judge)")
    names = ("training", "confidence", "confident", "entropy", "Fréchet", "mid-grey")
    widths = (18, 10, 9, 8, 8, 9)
    header = " ".join(
        [" " * 22, *(rjust(t(name), width) for name, width in zip(names, widths, strict=True))]
    )
    return "\n".join([header, *(result.row() for result in results)])


class CPUBudget:
    """Training callback: end ``fit`` once this process has used ``minutes`` of CPU time in it.

    ``fit(minutes=...)`` counts wall-clock time, which is fair to two models only if nothing else
    runs on the machine; on a shared or busy one the model trained second may get a fraction of
    the computer the first one got. CPU time counts only the work done for this process, so the
    budget buys the same amount of computation whatever else is running (on two free cores,
    one CPU-minute passes in about 30 seconds). Counted per ``fit`` call, not across resumes.
    """

    def __init__(self, minutes: float):
        minutes = check_number(minutes, "minutes", low=0, low_open=True, what="must be positive")
        self.limit, self.used = 60.0 * minutes, 0.0
        self._start = None

    def on_train_begin(self, trainer) -> None:
        import time

        self._start, self.used = time.process_time(), 0.0

    def on_step_end(self, trainer, logs) -> None:
        import time

        self.used = time.process_time() - self._start
        if self.used >= self.limit:
            trainer.stop_training = True

    def __repr__(self) -> str:
        return f"CPUBudget({self.limit / 60:g} CPU-minutes, used {self.used / 60:.2f})"


# -- quality as a function of training progress ----------------------------------------------------

CURVE_STEPS = {"VAE": 2000, "DCGAN": 6400}  # 128,000 and 102,400 digits: minutes on two free cores
CURVE_EVERY = 12_800  # digits seen between judgements (200 VAE steps, 800 DCGAN steps)


def quality_over_time(
    images,
    reference,
    steps: dict | None = None,
    every_digits: int = CURVE_EVERY,
    samples: int = 1000,
    seed: int = 0,
    models=("VAE", "DCGAN"),
) -> dict:
    """Train the VAE and DCGAN defaults, judging ``samples`` of their digits every ``every_digits`` seen.

    Judging by digits seen, not by steps, puts both models' points at the same x positions whatever
    their batch sizes.

    Returns:
        ``{"samples", "seed", "models": {name: {"signature", "batch_size", "images_per_second",
        "steps": [...], "seconds": [...], "confidence": [...], "confident": [...], "entropy": [...],
        "frechet": [...], "greyness": [...]}}}``; ``signature`` is the task's (architecture and
        optimiser: what the curve belongs to); seconds are wall-clock training seconds (judging
        excluded), which depend on what else the machine was doing.
    """
    from datagen_lab.dcgan.task import make_dcgan_trainer
    from datagen_lab.vae.model import make_vae_trainer

    # everything is checked before the first model trains: a typo must not cost minutes of work
    if isinstance(models, str) or not isinstance(models, tuple | list) or not models:
        raise InputError("models", models, "a non-empty tuple of model names from ('VAE', 'DCGAN')")
    for name in models:
        if name not in CURVE_STEPS:
            raise InputError("models", name, "a tuple of model names from ('VAE', 'DCGAN')")
    if steps is not None:
        if not isinstance(steps, dict) or any(name not in steps for name in models):
            raise InputError("steps", steps, f"a dict of training steps for {', '.join(models)}")
        for name in models:
            check_positive_int(steps[name], "steps", f"training steps of {name}")
    every_digits = check_positive_int(every_digits, "every_digits")
    samples = check_positive_int(samples, "samples", "digits judged each time")
    seed = check_seed(seed)
    steps, makers = steps or CURVE_STEPS, {"VAE": make_vae_trainer, "DCGAN": make_dcgan_trainer}
    out = {"samples": samples, "seed": seed, "models": {}}
    for name in models:
        trainer = makers[name](images, seed=seed)
        judge_every = _StepJudge(
            max(1, every_digits // trainer.batch_size), samples, reference, seed
        )
        trainer.fit(steps=steps[name], callbacks=[judge_every])
        columns = _columns(judge_every.records)
        rate = columns["steps"][-1] * trainer.batch_size / max(columns["seconds"][-1], 1e-9)
        out["models"][name] = {
            "signature": json.loads(json.dumps(trainer.task.signature())),
            "batch_size": trainer.batch_size,
            "images_per_second": round(rate, 1),
            **columns,
        }
    return out


def save_curves(curves: dict, path: str | Path = CURVES_FILE) -> Path:
    """Write :func:`quality_over_time`'s result as JSON; returns the path."""
    from datagen_lab.capstone.results import _check_target

    if not isinstance(curves, dict) or not isinstance(curves.get("models"), dict):
        raise InputError("curves", curves, "a dict with 'models', as quality_over_time returns")
    try:
        text = json.dumps(curves, indent=1)
    except (TypeError, ValueError) as error:
        raise InputError("curves", curves, f"JSON-able values ({error})") from None
    path = _check_target(path, "path")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def load_curves(path: str | Path = CURVES_FILE) -> dict:
    """Read curves saved by :func:`save_curves` (the lesson ships one measured run)."""
    path = _existing_file(
        path, "No saved curves at {path}; make them with `python -m datagen_lab.vae.compare`."
    )
    try:
        curves = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(
            "path",
            str(path),
            "a JSON file written by save_curves",
            f"{type(error).__name__}: {error}",
        ) from None
    if not isinstance(curves, dict) or not isinstance(curves.get("models"), dict):
        raise InputError("path", str(path), "a curves file written by save_curves (with 'models')")
    return curves


class MissingFileError(InputError, FileNotFoundError):
    """A file argument names no file: both an InputError and, as before, a FileNotFoundError."""


def _existing_file(path, hint: str) -> Path:
    """``path`` as a Path to an existing file, else :class:`MissingFileError` with ``hint``."""
    if not isinstance(path, str | Path) or str(path) == "":
        raise InputError("path", path, "the path of an existing file (str or Path)")
    path = Path(path).expanduser()
    if not path.is_file():
        raise MissingFileError(
            "path", str(path), "the path of an existing file", hint.format(path=path)
        )
    return path


class _StepJudge:
    """Training callback: judge the task's samples every ``every`` steps (and at the end)."""

    def __init__(self, every: int, samples: int, reference, seed: int):
        self.every, self.samples, self.reference, self.seed = every, samples, reference, seed
        self.records: list[dict] = []
        self.judging = 0.0  # seconds spent judging, taken out of the training time

    def on_step_end(self, trainer, logs) -> None:
        if trainer.step % self.every == 0:
            self.judge(trainer)

    def on_train_end(self, trainer) -> None:
        if not self.records or self.records[-1]["step"] != trainer.step:
            self.judge(trainer)

    def judge(self, trainer) -> None:
        import time

        began, seconds = time.perf_counter(), trainer.seconds - self.judging
        digits = trainer.task.sample(self.samples, seed=self.seed)
        result = judge(trainer.task.name, digits, self.reference)
        self.records.append({"step": trainer.step, "seconds": seconds, "result": result})
        self.judging += time.perf_counter() - began


def _columns(records: list[dict]) -> dict:
    reports = [r["result"].report for r in records]
    return {
        "steps": [r["step"] for r in records],
        "seconds": [round(r["seconds"], 1) for r in records],
        "confidence": [round(x.mean_confidence, 4) for x in reports],
        "confident": [round(x.confident_share, 4) for x in reports],
        "entropy": [round(x.entropy_bits, 4) for x in reports],
        "frechet": [round(x.frechet, 3) for x in reports],
        "greyness": [round(r["result"].greyness, 4) for r in records],
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Measure GAN and VAE sample quality over training."
    )
    parser.add_argument("--vae-steps", type=int, default=CURVE_STEPS["VAE"])
    parser.add_argument("--dcgan-steps", type=int, default=CURVE_STEPS["DCGAN"])
    parser.add_argument(
        "--every", type=int, default=CURVE_EVERY, help="digits seen between judgements"
    )
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--out", default=str(CURVES_FILE))
    parser.add_argument(
        "--only", default="VAE,DCGAN", help="models to (re)measure; others are kept"
    )
    args = parser.parse_args(argv)

    from datagen_lab import set_seed
    from datagen_lab.classifier import load_classifier
    from datagen_lab.data import load_mnist

    set_seed(0)
    mnist = load_mnist()
    load_classifier()  # train/cache the judge first
    steps = {"VAE": args.vae_steps, "DCGAN": args.dcgan_steps}
    models = tuple(args.only.split(","))
    curves = quality_over_time(
        mnist.train_images, mnist.test_images, steps, args.every, args.samples, models=models
    )
    if set(models) != set(CURVE_STEPS) and Path(args.out).is_file():  # keep the other model's curve
        curves["models"] = load_curves(args.out)["models"] | curves["models"]
    print("wrote", save_curves(curves, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
