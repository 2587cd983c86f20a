"""A small MNIST classifier, trained once on the available real digits and cached to disk.

The lessons use it as a judge: is an augmented digit still the same digit, is a generated digit
recognisable, how far are generated digits from real ones in its feature space.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from datagen_lab.config import cache_dir
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
    tf = import_tensorflow()
    logits = (model or load_classifier()).predict(to_model_input(images), verbose=0, batch_size=512)
    probabilities = tf.nn.softmax(logits).numpy()
    return probabilities.argmax(axis=1).astype(np.int64), probabilities.max(axis=1).astype(
        np.float32
    )


def digit_features(images: np.ndarray, model=None) -> np.ndarray:
    """Penultimate-layer features (N, 128) float32 of the classifier, for Fréchet distances."""
    import_tensorflow()
    import keras

    model = model or load_classifier()
    extractor = keras.Model(model.inputs, model.get_layer("features").output)
    return extractor.predict(to_model_input(images), verbose=0, batch_size=512).astype(np.float32)


def to_model_input(images: np.ndarray) -> np.ndarray:
    """Validate digits and convert them to float32 (N, 28, 28, 1) in [0, 1]."""
    batch = np.asarray(images)
    if batch.ndim == 4 and batch.shape[-1] == 1:
        batch = batch[..., 0]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28) or batch.shape[0] == 0:
        raise ValueError(
            f"Expected a non-empty batch of 28x28 digits, shape (N, 28, 28) or (N, 28, 28, 1); got {batch.shape}."
        )
    if batch.dtype == np.uint8:
        return (batch.astype(np.float32) / 255.0)[..., None]
    if not np.issubdtype(batch.dtype, np.floating) or not np.isfinite(batch).all():
        raise ValueError(
            f"Digits must be uint8 or finite floats; got dtype {batch.dtype} (or NaN/inf)."
        )
    low, high = float(batch.min()), float(batch.max())
    if low < -1.0001 or high > 1.0001:
        raise ValueError(
            f"Float digits must lie in [0, 1] or [-1, 1]; got values in [{low:.3g}, {high:.3g}]."
        )
    batch = batch.astype(np.float32)
    if low < 0:  # generator output in [-1, 1]
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
