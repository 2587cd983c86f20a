"""A small MNIST classifier, trained once on the available real digits and cached to disk.

The lessons use it as a judge: is an augmented digit still the same digit, is a generated digit
recognisable, how far are generated digits from real ones in its feature space.

How digits must look to be judged (their shape, dtype and pixel range), :func:`to_model_input`
and the checks behind it live in :mod:`datagen_lab.digit_input` and are re-exported here.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_positive_int, check_seed
from datagen_lab.config import INFERENCE_BATCH, cache_dir
from datagen_lab.data import MNIST, load_mnist
from datagen_lab.digit_input import (  # noqa: F401  (re-exported: callers import them from here)
    DIGITS_EXPECTED,
    RANGE_TOL,
    SYMMETRIC_SHARE,
    VALUE_RANGES,
    _check_digits,
    _check_value_range,
    _to_unit_range,
    to_model_input,
)
from datagen_lab.tf_runtime import import_tensorflow

ARCHITECTURE_VERSION = 1
EPOCHS = 4
BATCH_SIZE = 128


def load_classifier(data: MNIST | None = None, seed: int = 0, epochs: int = EPOCHS):
    """The cached MNIST classifier, training it first if no cache matches.

    Args:
        data: digits to train on (an ``MNIST``); default ``load_mnist()`` (its training split only).
        seed: training seed, >= 0 (part of the cache key).
        epochs: passes over the training split, >= 1 (part of the cache key).

    Returns:
        A ``keras.Model`` mapping float32 (N, 28, 28, 1) in [0, 1] to (N, 10) logits; the layer
        named ``"features"`` gives the 128-d penultimate features.
    """
    if data is not None and not isinstance(data, MNIST):
        raise InputError("data", data, "an MNIST from datagen_lab.data.load_mnist() or None")
    seed = check_seed(seed, "seed")
    epochs = check_positive_int(epochs, "epochs", "passes over the training digits")
    data = data if data is not None else load_mnist()
    path = _cache_path(data, seed, epochs)
    if path not in _MODELS:
        _MODELS[path] = _load_or_train(path, data, seed, epochs)
    return _MODELS[path]


def predict_digits(
    images: np.ndarray, model=None, value_range: tuple[float, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Classify digits.

    Args:
        images: (N, 28, 28) or (N, 28, 28, 1); uint8 in [0, 255], or float in [0, 1] or [-1, 1].
        model: a classifier from :func:`load_classifier` (default: the cached one).
        value_range: the pixels' range, ``(0, 1)`` or ``(-1, 1)`` for floats; None infers it
            (see :func:`to_model_input`).

    Returns:
        ``(labels, confidences)``: int64 (N,) predicted digits and float32 (N,) softmax probability
        of the predicted digit.
    """
    _check_digits(images, value_range)  # before the classifier is loaded: fail fast
    model = _check_model(model)
    return labels_and_confidences(
        run_in_batches(model or load_classifier(), images, value_range=value_range)
    )


def labels_and_confidences(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Classifier logits (N, 10) -> int64 (N,) top classes and float32 (N,) their softmax probability.

    ``logits`` must be a finite, non-empty (N, classes) array.
    """
    logits = check_array(logits, "logits", ndim=2, what="(N, classes) classifier outputs")
    logits = logits.astype(np.float64)
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return probabilities.argmax(axis=1).astype(np.int64), probabilities.max(axis=1).astype(
        np.float32
    )


def digit_features(
    images: np.ndarray, model=None, value_range: tuple[float, float] | None = None
) -> np.ndarray:
    """Penultimate-layer features (N, 128) float32 of the classifier, for Fréchet distances.

    ``images`` and ``value_range`` as for :func:`predict_digits`.
    """
    _check_digits(images, value_range)
    model = _check_model(model)
    import_tensorflow()
    import keras

    model = model or load_classifier()
    extractor = keras.Model(model.inputs, model.get_layer("features").output)
    return run_in_batches(extractor, images, value_range=value_range).astype(np.float32)


def run_in_batches(
    model,
    images: np.ndarray,
    batch_size: int = INFERENCE_BATCH,
    value_range: tuple[float, float] | None = None,
):
    """A Keras model in inference mode on digits, ``batch_size`` digits at a time.

    Digits are converted to float chunk by chunk, so memory stays bounded however many are judged
    (lesson 1 judges ~50,000 augmented digits at once; their float copy alone is 150 MB), and
    unlike ``Model.predict`` nothing is traced or wrapped in a dataset per call.

    Args:
        model: maps float32 (B, 28, 28, 1) in [0, 1] to one output or a list of outputs.
        images: digits as accepted by :func:`to_model_input`.
        batch_size: digits per forward pass, >= 1.
        value_range: the pixels' range, as for :func:`to_model_input`; decided once for the
            whole batch, so every chunk is scaled alike.

    Returns:
        The outputs as NumPy arrays concatenated along the first axis (a list for a list of outputs).
    """
    if model is None or not callable(model):
        raise InputError("model", model, "a Keras model (callable), e.g. load_classifier()")
    batch_size = check_positive_int(batch_size, "batch_size", "digits per forward pass")
    batch, symmetric = _check_digits(images, value_range)
    import_tensorflow()
    parts = [
        model(_to_unit_range(batch[i : i + batch_size], symmetric), training=False)
        for i in range(0, len(batch), batch_size)
    ]
    if isinstance(parts[0], (list, tuple)):
        return [
            np.concatenate([np.asarray(part[k]) for part in parts]) for k in range(len(parts[0]))
        ]
    return np.concatenate([np.asarray(part) for part in parts])


def _check_model(model: Any) -> Any:
    """``model`` if it is None (the cached classifier) or callable, else InputError."""
    if model is not None and not callable(model):
        raise InputError("model", model, "a classifier from load_classifier() or None")
    return model


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


def build_cnn(
    input_shape: tuple[int, int, int] = (28, 28, 1),
    classes: int = 10,
    widths: tuple[int, int] = (32, 64),
    features: int = 128,
    dropout: float = 0.25,
    name: str = "mnist_classifier",
):
    """The course's one small CNN (uncompiled Keras model): every small CNN the course trains.

    Two blocks of a 3x3 convolution (ReLU) and 2x2 max-pooling, a dense ``features`` layer
    (ReLU) and a dense ``logits`` layer. The judge (:func:`load_classifier`) uses the defaults;
    lesson 1's training demo (:func:`datagen_lab.image.feed.small_cnn`) a smaller one:
    ``widths=(16, 32), features=64, dropout=0``. Callers check their arguments and seed Keras.

    Args:
        input_shape: (H, W, C) of the images, H and W >= 10.
        classes: number of outputs (logits).
        widths: filters of the two convolutions; features: units of the dense layer.
        dropout: rate of the dropout before the dense layer, in [0, 1); 0 leaves the layer out.
        name: the model's name.
    """
    import_tensorflow()
    import keras

    layers = [
        keras.Input(input_shape),
        keras.layers.Conv2D(widths[0], 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(widths[1], 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
    ]
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    layers += [
        keras.layers.Dense(features, activation="relu", name="features"),
        keras.layers.Dense(classes, name="logits"),
    ]
    return keras.Sequential(layers, name=name)


def _train(data: MNIST, seed: int, epochs: int):
    import keras

    keras.utils.set_random_seed(seed)
    model = build_cnn()
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
