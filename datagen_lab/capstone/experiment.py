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

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    check_array,
    check_callable,
    check_choice,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.data import MNIST, load_mnist


def balanced_subset(labels: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """Indices (n,) int64, sorted, of ``n // 10`` randomly chosen digits of every class."""
    labels = _check_labels(labels, "labels")
    n = check_int(n, "n", low=NUM_CLASSES, what=f"a multiple of {NUM_CLASSES}: a balanced subset")
    if n % NUM_CLASSES:
        raise InputError("n", n, f"a positive multiple of {NUM_CLASSES} (a balanced subset)")
    seed = check_seed(seed)
    rng, chosen = np.random.default_rng(seed), []
    for digit in range(NUM_CLASSES):
        pool = np.flatnonzero(labels == digit)
        if len(pool) < n // NUM_CLASSES:
            raise InputError(
                "n",
                n,
                f"at most {NUM_CLASSES} x the size of the rarest class",
                f"Only {len(pool)} digits of class {digit}; cannot take {n // NUM_CLASSES}.",
            )
        chosen.append(rng.choice(pool, n // NUM_CLASSES, replace=False))
    return np.sort(np.concatenate(chosen)).astype(np.int64)


def subset_digest(indices: np.ndarray) -> str:
    """A short fingerprint of a subset (which digits), stored with every result row."""
    indices = check_array(indices, "indices", ndim=1, kinds="iu", min_size=0, what="positions")
    return hashlib.sha256(np.asarray(indices, np.int64).tobytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Batch:
    """One training batch: ``x`` float32 (B, 28, 28, 1) in [0, 1], ``y`` float32 (B, 10) (soft)
    labels, and ``real`` int64: positions in the labelled subset of the real digits it used."""

    x: np.ndarray
    y: np.ndarray
    real: np.ndarray


def arm_batches(arm: str, images: np.ndarray, labels: np.ndarray, steps: int, batch_size: int = 64,
                seed: int = 0, extra: tuple[np.ndarray, np.ndarray] | None = None,
                mixup_alpha: float = 0.4, extra_share: float = 0.5) -> Iterator[Batch]:  # fmt: skip
    """The batches one arm trains on. Every arm takes its labelled digits from the same seeded
    stream (epoch after epoch of shuffles of the subset), so all arms see the same digits.

    Args:
        arm: one of :data:`ARMS`.
        images, labels: the labelled subset, uint8 (n, 28, 28) and int (n,).
        steps, batch_size, seed: how many batches, how big, which random draws.
        extra: ``(images, labels)`` pool that fills ``extra_share`` of each batch in the ``"gan"``
            (generated digits) and ``"more_real"`` (real digits outside the subset) arms.
    """
    arm = check_choice(arm, "arm", ARMS)
    images, labels = _check_digits(images, labels, "images", "labels")
    steps = check_int(steps, "steps", low=0)
    batch_size = check_positive_int(batch_size, "batch_size")
    seed = check_seed(seed)
    mixup_alpha = check_number(mixup_alpha, "mixup_alpha", low=0, low_open=True)
    extra_share = check_number(extra_share, "extra_share", low=0, high=1, high_open=True)
    pooled = arm in ("gan", "more_real")
    if pooled and extra is None:
        raise InputError("extra", extra, f"(images, labels): the {arm!r} arm needs extra=(images, labels) to fill its batches")  # fmt: skip
    if pooled:
        if not isinstance(extra, tuple | list) or len(extra) != 2:
            raise InputError("extra", extra, "a pair (images, labels)")
        extra = _check_digits(extra[0], extra[1], "extra", "extra")
    n_extra = int(round(batch_size * extra_share)) if pooled else 0
    if batch_size - n_extra < 1:
        raise InputError(
            "batch_size",
            batch_size,
            f"large enough to hold a real digit besides {n_extra} extra ones",
        )
    labels = labels.astype(np.int64)
    # the checks above run now, not at the first next(): a generator function would defer them
    return _arm_batches(arm, images, labels, steps, batch_size, seed, extra, mixup_alpha, n_extra)


def _arm_batches(arm: str, images: np.ndarray, labels: np.ndarray, steps: int, batch_size: int,
                 seed: int, extra, mixup_alpha: float, n_extra: int) -> Iterator[Batch]:  # fmt: skip
    from datagen_lab.synthesis.interpolate_images import mixup_batch, one_hot

    pooled = arm in ("gan", "more_real")
    stream, rng = _index_stream(len(images), seed), np.random.default_rng(seed + 10_000)
    augmenter = _augmenter(seed) if arm == "augment" else None
    for step in range(steps):
        real = np.array([next(stream) for _ in range(batch_size - n_extra)], dtype=np.int64)
        x, y = images[real], one_hot(labels[real], NUM_CLASSES)
        if arm == "augment":
            from datagen_lab.image.augment import augment_batch

            x = augment_batch(x, augmenter)
        elif arm == "mixup":
            x, y, _, _ = mixup_batch(x, labels[real], alpha=mixup_alpha, seed=seed * 100_003 + step)
        elif pooled:
            pick = rng.integers(0, len(extra[0]), n_extra)
            x = np.concatenate([x, np.asarray(extra[0])[pick]])
            y = np.concatenate(
                [y, one_hot(np.asarray(extra[1]).astype(np.int64)[pick], NUM_CLASSES)]
            )
        x = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
        yield Batch(x[..., None], y.astype(np.float32), real)


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
    model.compile(optimizer=keras.optimizers.Adam(2e-3),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True))  # fmt: skip
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
    """Train the conditional GAN (:data:`~datagen_lab.dcgan.conditional.SMALL`) on the labelled subset
    for ``config.gan_steps`` steps and draw arm (d)'s pool (``progress``: show a progress bar).

    Returns:
        ``{"images": uint8 (10 * per_class, 28, 28), "labels": int32 (10 * per_class,), "trainer":
        the Trainer, "seconds": training time}``.
    """
    from datagen_lab.dcgan.conditional import (
        SMALL,
        balanced_labels,
        generate_digits,
        make_conditional_trainer,
    )

    images, labels = _check_digits(images, labels, "images", "labels")
    _check_config(config)
    seed = check_seed(seed)

    trainer = make_conditional_trainer(images, labels, SMALL, seed=seed)
    summary = trainer.fit(steps=config.gan_steps, progress=progress)
    wanted = balanced_labels(config.synthetic_per_class)
    generated = generate_digits(trainer.task.generator, wanted, seed=seed + 1)
    return {"images": generated, "labels": wanted, "trainer": trainer, "seconds": summary.seconds}


Synthesizer = Callable[[np.ndarray, np.ndarray, ExperimentConfig, int], dict]


def run_cell(data: MNIST, n_labels: int, seed: int, config: ExperimentConfig = FULL,
             synthesize: Synthesizer = synthesize_with_cgan, arms: tuple[str, ...] = ARMS,
             progress: bool = False) -> tuple[list[dict], dict]:  # fmt: skip
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
    pools = {"gan": None if fake is None else (fake["images"], fake["labels"]),
             "more_real": (data.train_images[more], data.train_labels[more])}  # fmt: skip
    runs = []
    from tqdm.auto import tqdm

    for arm in tqdm(arms, desc=f"{n_labels} labels, seed {seed}", disable=not progress):
        began = time.perf_counter()
        batches = arm_batches(arm, images, labels, config.cnn_steps, config.batch_size, seed,
                              pools.get(arm), config.mixup_alpha, config.synthetic_share)  # fmt: skip
        model, seen = train_cnn(batches, seed)
        runs.append({"labels": n_labels, "seed": seed, "arm": arm,
                     "test_accuracy": round(accuracy(model, data.test_images, data.test_labels), 4),
                     "train_accuracy": round(accuracy(model, images, labels), 4),
                     "subset": subset_digest(subset), "distinct_real": len(seen),
                     "seconds": round(time.perf_counter() - began, 1)})  # fmt: skip
    if fake is None:
        return runs, {}
    heldout = outside[
        np.random.default_rng(seed + 20_000).choice(len(outside), config.heldout, replace=False)
    ]
    gan = {"labels": n_labels, "seed": seed, "subset": subset_digest(subset), "gan_steps": config.gan_steps,
           "gan_seconds": round(float(fake.get("seconds", 0.0)), 1)}  # fmt: skip
    trainer = fake.get("trainer")
    gan |= generator_check(fake["images"], fake["labels"], data.train_images[subset], data.train_labels[subset],
                           data.train_images[heldout], data.train_labels[heldout],
                           None if trainer is None else trainer.task.scores)  # fmt: skip
    return runs, gan


def run_experiment(config: ExperimentConfig = FULL, path: str | Path | None = RESULTS_PATH,
                   data: MNIST | None = None, resume: bool = True, progress: bool = True) -> ExperimentResults:  # fmt: skip
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
    for n, seed in tqdm(cells, desc="experiment cells", disable=not progress):
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


def _check_labels(labels, name: str) -> np.ndarray:
    """(N,) integer class numbers in [0, 10)."""
    array = check_array(
        labels, name, ndim=1, kinds="iu", what=f"class numbers in [0, {NUM_CLASSES})"
    )
    if array.min() < 0 or array.max() >= NUM_CLASSES:
        raise InputError(name, array, f"class numbers in [0, {NUM_CLASSES})")
    return array


def _check_digits(
    images, labels, images_name: str, labels_name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Digits (N, 28, 28) uint8 (or float in [0, 1]) and their (N,) class numbers."""
    array = check_array(images, images_name, kinds="uf", finite=True, what="digits (N, 28, 28), uint8 or float in [0, 1]")  # fmt: skip
    if array.ndim != 3 or array.shape[1:] != (28, 28) or (
        array.dtype.kind == "f" and (array.min() < 0 or array.max() > 1)
    ) or (array.dtype.kind == "u" and array.dtype != np.uint8):  # fmt: skip
        raise InputError(images_name, array, "digits (N, 28, 28), uint8 or float in [0, 1]")
    labels = _check_labels(labels, labels_name)
    if len(labels) != len(array):
        raise InputError(labels_name, labels, f"one class number per digit ({len(array)})")
    return array, labels


def _previous(path, config: ExperimentConfig) -> ExperimentResults | None:
    if path is None or not Path(path).is_file():
        return None
    try:
        saved = ExperimentResults.load(path)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None
    return saved if saved.config == config else None


def _index_stream(n: int, seed: int) -> Iterator[int]:
    rng = np.random.default_rng(seed)
    while True:
        yield from rng.permutation(n).tolist()


def _augmenter(seed: int):
    import imgaug.augmenters as iaa

    return iaa.Affine(**AUGMENT, seed=seed)
