"""A small MNIST classifier, trained once on the available real digits and cached to disk.

The lessons use it as a judge: is an augmented digit still the same digit, is a generated digit
recognisable, how far are generated digits from real ones in its feature space.
"""

from __future__ import annotations

import hashlib
import os
from numbers import Real
from pathlib import Path
from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_positive_int, check_seed
from datagen_lab.config import INFERENCE_BATCH, cache_dir
from datagen_lab.data import MNIST, load_mnist
from datagen_lab.tf_runtime import import_tensorflow

ARCHITECTURE_VERSION = 1
EPOCHS = 4
BATCH_SIZE = 128

# Pixel ranges digits may come in; ``value_range`` names one, or None lets the helpers infer it.
VALUE_RANGES = ((0, 255), (0, 1), (-1, 1))
# Rounding at the ends of a range (1.00001 after a resize) is not an error.
RANGE_TOL = 1e-4
# Inferring a float batch's range (value_range=None): [0, 1] when every value lies in [0, 1];
# [-1, 1] only when the batch plainly uses the negative half, as generator output does (its
# background sits near -1): at least this share of the pixels at or below -0.5. A [0, 1] batch
# with a few stray negative pixels (or with noise around 0) is refused instead of being read as
# [-1, 1], which once turned 91% confident digits into 35% confident ones.
SYMMETRIC_SHARE = 0.1
DIGITS_EXPECTED = (
    "a non-empty batch of 28x28 digits, shape (N, 28, 28) or (N, 28, 28, 1), of uint8 or finite "
    "floats: uint8 in [0, 255], floats in [0, 1] or [-1, 1]"
)


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


def to_model_input(
    images: np.ndarray, value_range: tuple[float, float] | None = None
) -> np.ndarray:
    """Validate digits and convert them to float32 (N, 28, 28, 1) in [0, 1].

    Args:
        images: (N, 28, 28) or (N, 28, 28, 1); uint8 in [0, 255], or finite floats in [0, 1] or
            [-1, 1].
        value_range: ``(0, 1)`` or ``(-1, 1)`` says which range float digits use (``(0, 255)``
            or None for uint8). None infers it: [0, 1] when every value lies there, [-1, 1] when
            the batch plainly uses the negative half (at least ``SYMMETRIC_SHARE`` of the pixels
            at or below -0.5, like a generator's dark background); anything else is refused,
            never guessed from one stray pixel.

    Raises:
        InputError: wrong shape, dtype, NaN/inf, values outside the range, or a range that
            cannot be told (the message says to pass ``value_range``).
    """
    return _to_unit_range(*_check_digits(images, value_range))


def _check_value_range(value_range: Any) -> tuple[int, int] | None:
    """``value_range`` as one of ``VALUE_RANGES`` (or None), else InputError."""
    if value_range is None:
        return None
    expected = "None (infer it), (0, 1) or (-1, 1) for float digits, or (0, 255) for uint8"
    if isinstance(value_range, str | bytes) or not isinstance(value_range, tuple | list):
        raise InputError("value_range", value_range, expected)
    if len(value_range) != 2 or any(
        isinstance(v, bool) or not isinstance(v, Real | np.number) for v in value_range
    ):
        raise InputError("value_range", value_range, expected)
    for allowed in VALUE_RANGES:
        if tuple(float(v) for v in value_range) == allowed:
            return allowed
    raise InputError("value_range", value_range, expected)


def _check_model(model: Any) -> Any:
    """``model`` if it is None (the cached classifier) or callable, else InputError."""
    if model is not None and not callable(model):
        raise InputError("model", model, "a classifier from load_classifier() or None")
    return model


def _check_digits(
    images: np.ndarray, value_range: Any = None, name: str = "images"
) -> tuple[np.ndarray, bool]:
    """Validate digits: ``(batch (N, 28, 28), True for float digits in [-1, 1])``."""
    value_range = _check_value_range(value_range)
    if images is None or isinstance(images, str | bytes | dict | set):
        raise InputError(name, images, DIGITS_EXPECTED)
    try:
        batch = np.asarray(images)
    except (ValueError, TypeError):  # ragged lists
        raise InputError(name, images, DIGITS_EXPECTED) from None
    if batch.ndim == 4 and batch.shape[-1] == 1:
        batch = batch[..., 0]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28) or batch.shape[0] == 0:
        raise InputError(name, batch, DIGITS_EXPECTED)
    if batch.dtype == np.uint8:
        if value_range not in (None, (0, 255)):
            raise InputError(
                "value_range", value_range, "None or (0, 255) for uint8 digits (they use 0-255)"
            )
        return batch, False
    if not np.issubdtype(batch.dtype, np.floating) or not np.isfinite(batch).all():
        raise InputError(name, batch, DIGITS_EXPECTED)
    if value_range == (0, 255):
        raise InputError(
            "value_range",
            value_range,
            "(0, 1), (-1, 1) or None for float digits",
            "For floats in [0, 255], divide by 255 or convert to uint8 first.",
        )
    low, high = float(batch.min()), float(batch.max())
    if value_range is not None:
        lo, hi = value_range
        if low < lo - RANGE_TOL or high > hi + RANGE_TOL:
            raise InputError(
                name,
                batch,
                f"float digits in [{lo}, {hi}], as value_range={value_range} says",
                f"Clip them first (np.clip(images, {lo}, {hi})), or pass the range they use.",
            )
        return batch, value_range == (-1, 1)
    if low < -1 - RANGE_TOL or high > 1 + RANGE_TOL:
        hint = "Floats in [0, 255]? Divide by 255 or convert to uint8." if high > 1 else ""
        raise InputError(name, batch, DIGITS_EXPECTED, hint)
    if low >= 0:
        return batch, False
    if np.mean(batch <= -0.5) >= SYMMETRIC_SHARE:
        return batch, True  # generator output in [-1, 1]: its background is near -1
    raise InputError(
        name,
        batch,
        "float digits whose range can be told: all in [0, 1], or in [-1, 1] with a background "
        "near -1",
        "A few values below 0 do not make a batch [-1, 1]: pass value_range=(0, 1) after "
        "np.clip(images, 0, 1), or value_range=(-1, 1) if they are generator output.",
    )


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
