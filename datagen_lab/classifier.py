"""A small MNIST classifier, trained once on the available real digits and cached to disk.

The lessons use it as a judge: is an augmented digit still the same digit, is a generated digit
recognisable, how far are generated digits from real ones in its feature space.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from datagen_lab.config import INFERENCE_BATCH, cache_dir
from datagen_lab.data import MNIST, load_mnist
from datagen_lab.tf_runtime import import_tensorflow

ARCHITECTURE_VERSION = 1
EPOCHS = 4
BATCH_SIZE = 128


def load_classifier(data: MNIST | None = None, seed: int = 0, epochs: int = EPOCHS):
    """The cached MNIST classifier, training it first if no cache matches.

    Args:
        data: digits to train on; default ``load_mnist()`` (its training split only).
        seed: training seed (part of the cache key).
        epochs: passes over the training split (part of the cache key).

    Returns:
        A ``keras.Model`` mapping float32 (N, 28, 28, 1) in [0, 1] to (N, 10) logits; the layer
        named ``"features"`` gives the 128-d penultimate features.
    """
    data = data if data is not None else load_mnist()
    path = _cache_path(data, seed, epochs)
    if path not in _MODELS:
        _MODELS[path] = _load_or_train(path, data, seed, epochs)
    return _MODELS[path]


def predict_digits(images: np.ndarray, model=None) -> tuple[np.ndarray, np.ndarray]:
    """Classify digits.

    Args:
        images: (N, 28, 28) or (N, 28, 28, 1); uint8 in [0, 255], or float in [0, 1] or [-1, 1].
        model: a classifier from :func:`load_classifier` (default: the cached one).

    Returns:
        ``(labels, confidences)``: int64 (N,) predicted digits and float32 (N,) softmax probability
        of the predicted digit.
    """
    return labels_and_confidences(run_in_batches(model or load_classifier(), images))


def labels_and_confidences(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Classifier logits (N, 10) -> int64 (N,) top classes and float32 (N,) their softmax probability."""
    logits = np.asarray(logits, dtype=np.float64)
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return probabilities.argmax(axis=1).astype(np.int64), probabilities.max(axis=1).astype(
        np.float32
    )


def digit_features(images: np.ndarray, model=None) -> np.ndarray:
    """Penultimate-layer features (N, 128) float32 of the classifier, for Fréchet distances."""
    import_tensorflow()
    import keras

    model = model or load_classifier()
    extractor = keras.Model(model.inputs, model.get_layer("features").output)
    return run_in_batches(extractor, images).astype(np.float32)


def run_in_batches(model, images: np.ndarray, batch_size: int = INFERENCE_BATCH):
    """A Keras model in inference mode on digits, ``batch_size`` digits at a time.

    Digits are converted to float chunk by chunk, so memory stays bounded however many are judged
    (lesson 1 judges ~50,000 augmented digits at once; their float copy alone is 150 MB), and
    unlike ``Model.predict`` nothing is traced or wrapped in a dataset per call.

    Args:
        model: maps float32 (B, 28, 28, 1) in [0, 1] to one output or a list of outputs.
        images: digits as accepted by :func:`to_model_input`.
        batch_size: digits per forward pass.

    Returns:
        The outputs as NumPy arrays concatenated along the first axis (a list for a list of outputs).
    """
    import_tensorflow()
    batch, symmetric = _check_digits(images)
    parts = [
        model(_to_unit_range(batch[i : i + batch_size], symmetric), training=False)
        for i in range(0, len(batch), batch_size)
    ]
    if isinstance(parts[0], (list, tuple)):
        return [
            np.concatenate([np.asarray(part[k]) for part in parts]) for k in range(len(parts[0]))
        ]
    return np.concatenate([np.asarray(part) for part in parts])


def to_model_input(images: np.ndarray) -> np.ndarray:
    """Validate digits and convert them to float32 (N, 28, 28, 1) in [0, 1]."""
    return _to_unit_range(*_check_digits(images))


def _check_digits(images: np.ndarray) -> tuple[np.ndarray, bool]:
    """Validate digits: ``(batch (N, 28, 28), True for float digits in [-1, 1])``."""
    batch = np.asarray(images)
    if batch.ndim == 4 and batch.shape[-1] == 1:
        batch = batch[..., 0]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28) or batch.shape[0] == 0:
        raise ValueError(
            f"Expected a non-empty batch of 28x28 digits, shape (N, 28, 28) or (N, 28, 28, 1); got {batch.shape}."
        )
    if batch.dtype == np.uint8:
        return batch, False
    if not np.issubdtype(batch.dtype, np.floating) or not np.isfinite(batch).all():
        raise ValueError(
            f"Digits must be uint8 or finite floats; got dtype {batch.dtype} (or NaN/inf)."
        )
    low, high = float(batch.min()), float(batch.max())
    if low < -1.0001 or high > 1.0001:
        raise ValueError(
            f"Float digits must lie in [0, 1] or [-1, 1]; got values in [{low:.3g}, {high:.3g}]."
        )
    return batch, low < 0  # below 0: generator output in [-1, 1]


def _to_unit_range(batch: np.ndarray, from_symmetric: bool) -> np.ndarray:
    """Checked digits (N, 28, 28) -> float32 (N, 28, 28, 1) in [0, 1]."""
    if batch.dtype == np.uint8:
        return (batch.astype(np.float32) / 255.0)[..., None]
    batch = batch.astype(np.float32)
    if from_symmetric:
        batch = (batch + 1.0) / 2.0
    return batch[..., None]


def _cache_path(data: MNIST, seed: int, epochs: int) -> Path:
    digest = hashlib.sha256(data.train_images[:: max(1, len(data.train_images) // 512)].tobytes())
    digest.update(f"{len(data.train_images)}-{seed}-{epochs}-v{ARCHITECTURE_VERSION}".encode())
    return cache_dir() / f"mnist_classifier_{digest.hexdigest()[:16]}.keras"


_MODELS: dict[Path, object] = {}  # one model per cache file per process


def _load_or_train(path: Path, data: MNIST, seed: int, epochs: int):
    import_tensorflow()
    import keras

    if path.is_file():
        try:
            return keras.models.load_model(path)
        except Exception:  # a corrupt or partial cache: retrain rather than fail the lesson
            path.unlink(missing_ok=True)
    model = _train(data, seed, epochs)
    temporary = f"{path}.{os.getpid()}.tmp.keras"
    model.save(temporary)
    os.replace(temporary, path)  # atomic: concurrent processes never read a half-written file
    return model


def _build(keras):
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.25),
            keras.layers.Dense(128, activation="relu", name="features"),
            keras.layers.Dense(10, name="logits"),
        ],
        name="mnist_classifier",
    )


def _train(data: MNIST, seed: int, epochs: int):
    import keras

    keras.utils.set_random_seed(seed)
    model = _build(keras)
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    x = to_model_input(data.train_images)
    model.fit(
        x, data.train_labels.astype(np.int64), epochs=epochs, batch_size=BATCH_SIZE, verbose=0
    )
    return model
