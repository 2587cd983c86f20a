"""The capstone experiment: does augmented, mixed or generated data help a CNN that has few labels?

Protocol (one *cell* = one number of labels x one seed):

1. draw a **balanced** labelled subset of the training digits (``n // 10`` per class, seeded);
2. train a conditional GAN on exactly that subset (:mod:`datagen_lab.dcgan.conditional`) and draw a
   balanced pool of generated digits, labelled by the class they were asked for (no classifier is
   involved, so no label comes from data outside the subset);
3. train the same small CNN (same initial weights) for the same number of steps and batch size in
   arms that differ only in what each batch holds: (a) ``real`` labelled digits, (b) ``augment``:
   the same digits through imgaug, fresh draws every step, (c) ``mixup``: the same digits mixed in
   pairs with soft labels, (d) ``gan``: half real digits, half generated ones, and a reference
   (e) ``more_real``: as (d) but the other half are *real* digits from outside the subset, the
   ceiling a perfect generator could reach;
4. report accuracy on the 2,000 held-out real digits, which no arm and no GAN ever sees.

:func:`run_experiment` runs every cell and saves the results file after each (an interrupted run
resumes); :func:`load_results` reads it back as
:class:`datagen_lab.capstone.results.ExperimentResults` (table and plot).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from datagen_lab.capstone.arms import (
    Batch,
    _check_digits,
    arm_batches,
    balanced_subset,
    subset_digest,
)
from datagen_lab.capstone.results import (  # noqa: F401  (re-exported: the lesson imports them from here)
    ARM_NAMES,
    ARMS,
    AUGMENT,
    FULL,
    NUM_CLASSES,
    RESULTS_PATH,
    TINY,
    ExperimentConfig,
    ExperimentResults,
)
from datagen_lab.checks import (
    InputError,
    check_callable,
    check_choice,
    check_seed,
)
from datagen_lab.data import MNIST, load_mnist
from datagen_lab.i18n import t


def train_cnn(batches: Iterator[Batch], seed: int = 0):
    """Train lesson 01's small CNN (:func:`~datagen_lab.image.feed.small_cnn`) on ``batches``
    with soft-label cross-entropy.

    Returns:
        ``(model, seen)``: the Keras model and a dict {position in the subset: times used}.
    """
    from datagen_lab.tf_runtime import import_tensorflow

    import_tensorflow()
    import keras

    from datagen_lab.image.feed import small_cnn

    seed = check_seed(seed)
    if isinstance(batches, str | bytes | dict) or not isinstance(batches, Iterable):
        raise InputError("batches", batches, "an iterable of Batch, e.g. arm_batches(...)")
    model = small_cnn(seed=seed)  # same seed, same initial weights in every arm
    model.compile(
        optimizer=keras.optimizers.Adam(2e-3),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
    )
    seen: dict[int, int] = {}
    for batch in batches:
        if not isinstance(batch, Batch):
            raise InputError("batches", batch, "an iterable of Batch, e.g. arm_batches(...)")
        model.train_on_batch(batch.x, batch.y)
        for index in batch.real.tolist():
            seen[index] = seen.get(index, 0) + 1
    return model, seen


def accuracy(model, images: np.ndarray, labels: np.ndarray) -> float:
    """Share of ``images`` (uint8 (N, 28, 28)) the CNN classifies as ``labels``."""
    from datagen_lab.classifier import run_in_batches  # direct calls: no predict() per new model

    check_callable(model, "model", "a trained Keras model (from train_cnn)")
    images, labels = _check_digits(images, labels, "images", "labels")
    logits = run_in_batches(model, images, batch_size=500)
    return float(np.mean(logits.argmax(axis=1) == np.asarray(labels)))


def synthesize_with_cgan(
    images: np.ndarray,
    labels: np.ndarray,
    config: ExperimentConfig,
    seed: int,
    progress: bool = False,
) -> dict:
    """Train the conditional GAN named by ``config.gan`` (:data:`~datagen_lab.dcgan.conditional.CONDITIONAL`
    by default) on the labelled subset for ``config.gan_steps`` steps and draw arm (d)'s pool
    (``progress``: show a progress bar).

    Returns:
        ``{"images": uint8 (10 * per_class, 28, 28), "labels": int32 (10 * per_class,), "trainer":
        the Trainer, "seconds": training time}``.
    """
    from datagen_lab.dcgan.conditional import (
        CONDITIONAL,
        SMALL,
        balanced_labels,
        generate_digits,
        make_conditional_trainer,
    )

    images, labels = _check_digits(images, labels, "images", "labels")
    _check_config(config)
    seed = check_seed(seed)

    gan_config = {"conditional": CONDITIONAL, "conditional-small": SMALL}[config.gan]
    trainer = make_conditional_trainer(images, labels, gan_config, seed=seed)
    summary = trainer.fit(steps=config.gan_steps, progress=progress)
    wanted = balanced_labels(config.synthetic_per_class)
    generated = generate_digits(trainer.task.generator, wanted, seed=seed + 1)
    return {"images": generated, "labels": wanted, "trainer": trainer, "seconds": summary.seconds}


Synthesizer = Callable[[np.ndarray, np.ndarray, ExperimentConfig, int], dict]


def run_cell(
    data: MNIST,
    n_labels: int,
    seed: int,
    config: ExperimentConfig = FULL,
    synthesize: Synthesizer = synthesize_with_cgan,
    arms: tuple[str, ...] = ARMS,
    progress: bool = False,
) -> tuple[list[dict], dict]:
    """One number of labels x one seed: every arm, and the generator's memorization check.

    Args:
        data, n_labels, seed, config: which cell, and its training budget.
        synthesize: ``(images, labels, config, seed) -> {"images", "labels"[, "trainer", "seconds"]}``
            makes arm (d)'s pool from the subset (default: train a conditional GAN on it).
        arms: which arms to train; progress: a progress bar over them.

    Returns:
        ``(runs, gan)``: one row per arm (labels, seed, arm, test_accuracy, train_accuracy on the
        clean labelled subset, subset digest, distinct_real digits used, seconds) and one row about
        the generator (:func:`datagen_lab.capstone.memorization.generator_check`; empty without ``gan``).
    """
    from datagen_lab.capstone.memorization import generator_check

    _check_data(data)
    _check_config(config)
    check_callable(synthesize, "synthesize", "a function (images, labels, config, seed) -> dict")
    if isinstance(arms, str) or not isinstance(arms, tuple | list) or not arms:
        raise InputError("arms", arms, f"a non-empty tuple of arms from {ARMS}")
    arms = tuple(check_choice(arm, "arms", ARMS) for arm in arms)
    subset = balanced_subset(data.train_labels, n_labels, seed)
    images, labels = data.train_images[subset], data.train_labels[subset]
    fake = synthesize(images, labels, config, seed) if "gan" in arms else None
    if fake is not None and (
        not isinstance(fake, dict) or "images" not in fake or "labels" not in fake
    ):
        raise InputError("synthesize", fake, "a function returning {'images': ..., 'labels': ...}")
    outside = np.setdiff1d(np.arange(len(data.train_labels)), subset)
    if config.heldout > len(outside) and "gan" in arms:
        raise InputError(
            "config", config, f"heldout <= the {len(outside)} training digits outside the subset"
        )
    more = outside[
        balanced_subset(data.train_labels[outside], NUM_CLASSES * config.synthetic_per_class, seed)
    ]
    pools = {
        "gan": None if fake is None else (fake["images"], fake["labels"]),
        "more_real": (data.train_images[more], data.train_labels[more]),
    }
    runs = []
    from tqdm.auto import tqdm

    for arm in tqdm(
        arms, desc=t("{n} labels, seed {seed}", n=n_labels, seed=seed), disable=not progress
    ):
        began = time.perf_counter()
        batches = arm_batches(
            arm,
            images,
            labels,
            config.cnn_steps,
            config.batch_size,
            seed,
            pools.get(arm),
            config.mixup_alpha,
            config.synthetic_share,
        )
        model, seen = train_cnn(batches, seed)
        runs.append(
            {
                "labels": n_labels,
                "seed": seed,
                "arm": arm,
                "test_accuracy": round(accuracy(model, data.test_images, data.test_labels), 4),
                "train_accuracy": round(accuracy(model, images, labels), 4),
                "subset": subset_digest(subset),
                "distinct_real": len(seen),
                "seconds": round(time.perf_counter() - began, 1),
            }
        )
    if fake is None:
        return runs, {}
    heldout = outside[
        np.random.default_rng(seed + 20_000).choice(len(outside), config.heldout, replace=False)
    ]
    gan = {
        "labels": n_labels,
        "seed": seed,
        "subset": subset_digest(subset),
        "gan_steps": config.gan_steps,
        "gan_seconds": round(float(fake.get("seconds", 0.0)), 1),
    }
    trainer = fake.get("trainer")
    gan |= generator_check(
        fake["images"],
        fake["labels"],
        data.train_images[subset],
        data.train_labels[subset],
        data.train_images[heldout],
        data.train_labels[heldout],
        None if trainer is None else trainer.task.scores,
    )
    return runs, gan


def run_experiment(
    config: ExperimentConfig = FULL,
    path: str | Path | None = RESULTS_PATH,
    data: MNIST | None = None,
    resume: bool = True,
    progress: bool = True,
) -> ExperimentResults:
    """Run (or finish) the whole experiment, saving after every cell; return the results.

    Args:
        config: :data:`FULL` (about half an hour on two busy CPU cores) or :data:`TINY` (seconds).
        path: the JSON results file (None: keep in memory only).
        data: digits (default :func:`~datagen_lab.data.load_mnist`).
        resume: keep the cells already in ``path`` if it holds results of the same config.
    """
    from tqdm.auto import tqdm

    _check_config(config)
    if path is not None:
        from datagen_lab.capstone.results import _check_target

        path = _check_target(path, "path")
    if data is not None:
        _check_data(data)
    data = data or load_mnist()
    previous = _previous(path, config) if resume else None
    if resume and previous is None and path is not None and Path(path).is_file():
        # saving the first cell would replace a file of other results: never lose a finished run
        raise InputError(
            "path",
            str(path),
            "a new file, or one holding results of this same config (to resume)",
            "It holds other results (another config, or not a results file); pass another path, "
            "or resume=False to overwrite it.",
        )
    described = f"{len(data.train_images)} training and {len(data.test_images)} test digits ({Path(data.source).name})"
    results = previous or ExperimentResults(config, [], [], 0.0, described)
    done = {(row["labels"], row["seed"]) for row in results.runs}
    cells = [(n, s) for n in config.label_sizes for s in config.seeds if (n, s) not in done]
    for n, seed in tqdm(cells, desc=t("experiment cells"), disable=not progress):
        began = time.perf_counter()
        runs, gan = run_cell(data, n, seed, config)
        results.runs.extend(runs)
        results.gans.extend([gan] if gan else [])
        results.seconds += time.perf_counter() - began
        if path is not None:
            results.save(path)
    return results


def load_results(path: str | Path = RESULTS_PATH) -> ExperimentResults:
    """The saved results (default: the committed full run)."""
    return ExperimentResults.load(path)


def _check_config(config) -> None:
    if not isinstance(config, ExperimentConfig):
        raise InputError("config", config, "an ExperimentConfig (FULL, TINY or your own)")


def _check_data(data) -> None:
    parts = ("train_images", "train_labels", "test_images", "test_labels")
    if not all(hasattr(data, part) for part in parts):
        raise InputError("data", data, "digits from datagen_lab.data.load_mnist() (an MNIST)")
    _check_digits(data.train_images, data.train_labels, "data.train_images", "data.train_labels")
    _check_digits(data.test_images, data.test_labels, "data.test_images", "data.test_labels")


def _previous(path, config: ExperimentConfig) -> ExperimentResults | None:
    if path is None or not Path(path).is_file():
        return None
    try:
        saved = ExperimentResults.load(path)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
    return saved if saved.config == config else None
