"""Feeding augmented batches to Keras: fresh random draws every epoch.

Two ways, both seeded and repeatable:

* :func:`augmented_batches`, a plain Python generator of ``(x, y)`` batches (Keras ``fit``
  accepts it; so does any other framework);
* :func:`augmented_dataset`, a ``tf.data`` pipeline whose ``map`` runs imgaug on each batch
  through ``tf.numpy_function``, with prefetching so augmentation overlaps training.

TensorFlow is imported only when a function here needs it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_positive_int, check_seed
from datagen_lab.classifier import build_cnn
from datagen_lab.image.augment import augment_batch, check_batch
from datagen_lab.image.inputs import check_augmenter
from datagen_lab.tf_runtime import import_tensorflow


def to_model_input(images: np.ndarray) -> np.ndarray:
    """uint8 (N, H, W[, C]) -> float32 (N, H, W, C) in [0, 1], the layout Keras conv layers want."""
    batch = check_batch(images)
    batch = batch[..., None] if batch.ndim == 3 else batch
    return batch.astype(np.float32) / np.float32(255)


def augmented_batches(
    images: np.ndarray,
    labels: np.ndarray,
    augmenter,
    batch_size: int = 64,
    seed: int = 0,
    epochs: int | None = None,
    shuffle: bool = True,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Endless (or ``epochs``-long) shuffled batches, augmented afresh every time they are drawn.

    Args:
        images: uint8 (N, H, W[, C]) training images; labels: (N,) matching labels.
        augmenter: an imgaug augmenter; a seeded copy is used, the caller's is left untouched.
        batch_size: images per batch (the last batch of an epoch may be smaller).
        seed: seeds the shuffling and the augmenter copy: same seed, same batches.
        epochs: stop after this many passes; None: never stop (Keras then needs steps_per_epoch).
        shuffle: reshuffle the order every epoch.

    Yields:
        ``(x, y)``: float32 (B, H, W, C) in [0, 1] and the (B,) labels.
    """
    batch, labels = _check_pair(images, labels, batch_size)
    augmenter, seed = check_augmenter(augmenter).deepcopy(), check_seed(seed)
    if epochs is not None:
        epochs = check_positive_int(epochs, "epochs")
    shuffle = _check_flag(shuffle, "shuffle")
    augmenter.seed_(seed)
    rng = np.random.default_rng(seed)
    epoch = 0
    while epochs is None or epoch < epochs:
        order = rng.permutation(len(batch)) if shuffle else np.arange(len(batch))
        for start in range(0, len(batch), batch_size):
            index = order[start : start + batch_size]
            yield to_model_input(augment_batch(batch[index], augmenter)), labels[index]
        epoch += 1


def augmented_dataset(
    images: np.ndarray,
    labels: np.ndarray,
    augmenter,
    batch_size: int = 64,
    seed: int = 0,
    shuffle: bool = True,
):
    """A ``tf.data.Dataset`` of augmented ``(x, y)`` batches; each pass over it draws new augmentations.

    The pipeline: ``from_tensor_slices -> shuffle (reshuffled every epoch) -> batch -> map(imgaug via
    tf.numpy_function) -> prefetch``. Augmenting whole batches keeps imgaug's per-call overhead low.
    The map runs batches in order, so passes that are read to the end (as ``model.fit`` does)
    replay exactly for the same seed; stopping a pass early leaves prefetched draws behind.

    Returns:
        A dataset of float32 (B, H, W, C) in [0, 1] and int64 (B,) labels, for ``model.fit``.
    """
    batch, labels = _check_pair(images, labels, batch_size)
    augmenter, seed = check_augmenter(augmenter).deepcopy(), check_seed(seed)
    shuffle = _check_flag(shuffle, "shuffle")
    tf = import_tensorflow()  # after the checks: a wrong argument is refused without loading TF
    augmenter.seed_(seed)
    shape = (None, *batch.shape[1:3], batch.shape[3] if batch.ndim == 4 else 1)

    def augment(x: np.ndarray) -> np.ndarray:
        return augment_batch(x, augmenter)

    def to_float(x, y):
        x = tf.numpy_function(augment, [x], tf.uint8, stateful=True)
        x = tf.ensure_shape(tf.reshape(x, [-1, *shape[1:]]), shape)
        return tf.cast(x, tf.float32) / 255.0, y

    dataset = tf.data.Dataset.from_tensor_slices((batch, labels))
    if shuffle:
        dataset = dataset.shuffle(len(batch), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).map(to_float).prefetch(tf.data.AUTOTUNE)


def small_cnn(input_shape: tuple[int, int, int] = (28, 28, 1), classes: int = 10, seed: int = 0):
    """A small Keras CNN for the lesson's training demo (compiled, Adam, sparse cross-entropy).

    Args:
        input_shape: (H, W, C), each >= 1 (two 3x3 convolutions and poolings need H, W >= 10).
        classes: outputs, >= 2; seed: Keras's seed.
    """
    if (
        isinstance(input_shape, str)
        or not isinstance(input_shape, tuple | list)
        or len(input_shape) != 3
    ):
        raise InputError("input_shape", input_shape, "three positive integers (H, W, C)")
    for size, low in zip(input_shape, (10, 10, 1), strict=True):
        check_int(size, "input_shape", low=low, what="H and W >= 10, C >= 1")
    classes = check_int(classes, "classes", low=2)
    seed = check_seed(seed)
    import_tensorflow()
    import keras

    keras.utils.set_random_seed(seed)
    # The course's one CNN builder, at lesson 1's smaller size.
    model = build_cnn(
        tuple(input_shape), classes, widths=(16, 32), features=64, dropout=0, name="small_cnn"
    )
    model.compile(
        optimizer=keras.optimizers.Adam(2e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


def train_digits(
    images: np.ndarray,
    labels: np.ndarray,
    validation: tuple[np.ndarray, np.ndarray],
    augmenter=None,
    epochs: int = 10,
    batch_size: int = 64,
    seed: int = 0,
):
    """Train :func:`small_cnn` with or without augmentation; return ``(model, history dict)``.

    Args:
        images, labels: uint8 (N, 28, 28) training digits and their labels.
        validation: ``(images, labels)`` measured after every epoch (never augmented).
        augmenter: None trains on the clean digits; otherwise batches come from
            :func:`augmented_dataset` with fresh draws every epoch.

    Returns:
        The model and ``history.history`` (``loss``, ``accuracy``, ``val_loss``, ``val_accuracy``).
    """
    batch, labels = _check_pair(images, labels, batch_size)
    if augmenter is not None:
        check_augmenter(augmenter)
    epochs, seed = check_positive_int(epochs, "epochs"), check_seed(seed)
    if (
        isinstance(validation, str)
        or not isinstance(validation, tuple | list)
        or len(validation) != 2
    ):
        raise InputError("validation", validation, "an (images, labels) pair")
    val_images, val_labels = validation
    val_labels = _check_labels(val_labels, len(check_batch(val_images)), "validation")
    tf = import_tensorflow()  # after the checks: a wrong argument is refused without loading TF
    model = small_cnn(seed=seed)
    if augmenter is None:
        data = tf.data.Dataset.from_tensor_slices((to_model_input(batch), labels))
        data = data.shuffle(len(batch), seed=seed, reshuffle_each_iteration=True).batch(batch_size)
    else:
        data = augmented_dataset(batch, labels, augmenter, batch_size=batch_size, seed=seed)
    history = model.fit(
        data,
        epochs=epochs,
        validation_data=(to_model_input(val_images), np.asarray(val_labels).astype(np.int64)),
        shuffle=False,  # the dataset reshuffles itself every epoch
        verbose=0,
    )
    return model, history.history


def _check_pair(
    images: np.ndarray, labels: np.ndarray, batch_size: int
) -> tuple[np.ndarray, np.ndarray]:
    batch = check_batch(images)
    labels = _check_labels(labels, len(batch))
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int | np.integer)
        or batch_size < 1
    ):
        raise InputError("batch_size", batch_size, "a positive integer")
    return batch, labels.astype(np.int64) if np.issubdtype(labels.dtype, np.integer) else labels


def _check_labels(labels, n: int, name: str = "labels") -> np.ndarray:
    """One finite, non-negative, whole-number label per image (floats like 3.0 are kept as given)."""
    labels = check_array(labels, name, kinds="iuf", low=0, min_size=0, what="class labels")
    if labels.shape[:1] != (n,):
        raise InputError(
            name, labels, f"one label per image ({n})", got_text=f"labels of shape {labels.shape}"
        )
    if labels.dtype.kind == "f" and (labels != np.round(labels)).any():
        raise InputError(name, labels, "whole-number class labels")
    return labels


def _check_flag(value, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise InputError(name, value, "True or False")
    return bool(value)
