"""DCGAN models for 28x28 digits: the TensorFlow tutorial's reference and a faster CPU default.

Both configurations build the same family of networks (Radford et al., 2015):

* generator: noise (B, noise_dim) -> Dense(7*7*w0, no bias) -> BatchNorm -> LeakyReLU -> reshape
  -> Conv2DTranspose w1 (stride 1) -> Conv2DTranspose w2 (stride 2) -> Conv2DTranspose 1 (stride 2,
  tanh): images (B, 28, 28, 1) in [-1, 1];
* discriminator: Conv2D d0 (stride 2) -> LeakyReLU -> Dropout -> Conv2D d1 (stride 2) -> LeakyReLU
  -> Dropout -> Flatten -> Dense(1): one logit per image (large = "looks real").

:data:`REFERENCE` is the architecture and optimiser of TensorFlow's DCGAN tutorial; :data:`DEFAULT`
is the configuration chosen by measurement for a laptop CPU (see ``bench/dcgan_time_to_quality.py``
and lesson 04). TensorFlow is imported when a model is built, not when this module is imported.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_positive_int,
    check_seed,
)
from datagen_lab.config import INFERENCE_BATCH
from datagen_lab.dcgan.config import (  # noqa: F401  (REFERENCE re-exported, beside DEFAULT)
    DEFAULT,
    REFERENCE,
    DCGANConfig,
    _check_config,
)
from datagen_lab.i18n import padded, t
from datagen_lab.tf_runtime import import_tensorflow

IMAGE_SHAPE = (28, 28, 1)


def make_generator(config: DCGANConfig = DEFAULT, seed: int = 0):
    """The generator: noise (B, noise_dim) float32 -> images (B, 28, 28, 1) float32 in [-1, 1].

    Weights are drawn from initialisers seeded by ``seed``, so the same seed gives the same network.
    """
    config, seed = _check_config(config), _check_model_seed(seed)
    import_tensorflow()
    import keras
    from keras import layers

    w0, w1, w2 = config.generator_widths
    k, init = config.kernel_size, _initializers(seed)
    return keras.Sequential(
        [
            keras.Input((config.noise_dim,)),
            layers.Dense(7 * 7 * w0, use_bias=False, kernel_initializer=next(init)),
            # synchronized: under tf.distribute the batch statistics are those of the global batch,
            # so a multi-replica step computes exactly what one device would.
            layers.BatchNormalization(synchronized=True),
            layers.LeakyReLU(config.leaky_slope),
            layers.Reshape((7, 7, w0)),
            *_up_block(layers, w1, k, 1, next(init), config.leaky_slope),
            *_up_block(layers, w2, k, 2, next(init), config.leaky_slope),
            layers.Conv2DTranspose(
                1,
                k,
                strides=2,
                padding="same",
                use_bias=False,
                activation="tanh",
                kernel_initializer=next(init),
            ),
        ],
        name="generator",
    )


def make_discriminator(config: DCGANConfig = DEFAULT, seed: int = 0):
    """The discriminator: images (B, 28, 28, 1) in [-1, 1] -> logits (B, 1) float32."""
    config, seed = _check_config(config), _check_model_seed(seed)
    import_tensorflow()
    import keras
    from keras import layers

    k, init = config.kernel_size, _initializers(seed + 7919)
    stack: list = [keras.Input(IMAGE_SHAPE)]
    for index, width in enumerate(config.discriminator_widths):
        stack.append(
            layers.Conv2D(width, k, strides=2, padding="same", kernel_initializer=next(init))
        )
        if config.discriminator_batchnorm and index > 0:  # the paper: not on the first layer
            stack.append(layers.BatchNormalization(synchronized=True))
        stack.append(layers.LeakyReLU(config.leaky_slope))
        if config.dropout > 0:
            stack.append(layers.Dropout(config.dropout, seed=seed * 31 + index))
    stack += [layers.Flatten(), layers.Dense(1, kernel_initializer=next(init))]
    return keras.Sequential(stack, name="discriminator")


def prepare_images(images: np.ndarray) -> np.ndarray:
    """Check digits and scale them for the GAN.

    Args:
        images: (N, 28, 28) or (N, 28, 28, 1) with N >= 1; uint8 in [0, 255] or float (or
            another integer type) in [0, 1].

    Returns:
        float32 (N, 28, 28, 1) in [-1, 1].

    Raises:
        InputError (a ValueError): wrong shape, empty, non-numeric, non-finite or out-of-range
        values (the message says which).
    """
    expected = "digits of shape (N, 28, 28) or (N, 28, 28, 1) with N >= 1"
    hint = "Resize or reshape them first (MNIST from datagen_lab.data.load_mnist() already fits)."
    if images is None or isinstance(images, str | bytes | dict | set):
        raise InputError("images", images, expected, hint)
    try:
        array = np.asarray(images)
    except (ValueError, TypeError):  # ragged lists
        raise InputError("images", images, expected, hint) from None
    shape = array.shape
    if array.ndim == 3:
        array = array[..., None]
    if array.ndim != 4 or array.shape[1:] != IMAGE_SHAPE or array.shape[0] == 0:
        raise InputError("images", images, expected, hint, got_text=f"shape {shape}")
    if array.dtype == np.uint8:
        return (array.astype(np.float32) / 127.5 - 1.0).astype(np.float32)
    if array.dtype.kind not in "iuf":  # bool, complex, strings, objects
        raise InputError(
            "images",
            array if array.dtype.kind in "bc" else images,
            "numeric images: uint8 in [0, 255] or float in [0, 1]",
            got_text=f"dtype {array.dtype}",
        )
    array = array.astype(np.float32)
    low, high = float(np.min(array)), float(np.max(array))
    if not (np.isfinite(low) and np.isfinite(high)) or low < -1e-6 or high > 1 + 1e-6:
        raise InputError(
            "images",
            images,
            "float images in [0, 1] (or uint8 in [0, 255])",
            "Pass uint8 [0, 255] digits (images.astype(np.uint8)), or divide floats by 255 first.",
            got_text=f"values in [{low:.3g}, {high:.3g}]"
            if np.isfinite(low) and np.isfinite(high)
            else "NaN or inf values",
        )
    return array * 2.0 - 1.0


def sample_noise(n: int, noise_dim: int, seed: int = 0) -> np.ndarray:
    """Standard-normal latent vectors (n, noise_dim) float32 from ``np.random.default_rng(seed)``.

    ``n`` >= 0 vectors (0 gives an empty array), ``noise_dim`` >= 1, ``seed`` a non-negative int.
    """
    n = check_int(n, "n", low=0, what="how many vectors")
    noise_dim = check_positive_int(noise_dim, "noise_dim")
    seed = _check_model_seed(seed)
    return np.random.default_rng(seed).standard_normal((n, noise_dim)).astype(np.float32)


def generate(generator, noise: np.ndarray, batch_size: int = INFERENCE_BATCH) -> np.ndarray:
    """Run the generator in inference mode on ``noise`` (N, noise_dim), finite floats.

    Returns:
        uint8 digits (N, 28, 28) in [0, 255] (white strokes on black, like MNIST).
    """
    expected = _input_width(generator, "generator", conditional=False)
    noise = np.asarray(
        check_array(
            noise,
            "noise",
            shape=(None, expected),
            kinds="iuf",
            min_size=0,
            what="one latent vector per row",
        ),
        dtype=np.float32,
    )
    batch_size = check_positive_int(batch_size, "batch_size")
    outputs = [
        np.asarray(generator(noise[i : i + batch_size], training=False))
        for i in range(0, len(noise), batch_size)
    ]
    images = np.concatenate(outputs) if outputs else np.zeros((0, *IMAGE_SHAPE), np.float32)
    return to_uint8(images)


def to_uint8(images: np.ndarray) -> np.ndarray:
    """Generator output in [-1, 1] (N, 28, 28[, 1]) -> uint8 (N, 28, 28) in [0, 255].

    Values a little outside [-1, 1] (rounding) are clipped; NaN/inf or values far outside (uint8
    digits passed by mistake) are refused rather than turned into black or white pixels.
    """
    array = np.asarray(
        check_array(
            images,
            "images",
            ndim=(3, 4),
            kinds="iuf",
            low=-1.01,
            high=1.01,
            min_size=0,
            what="generator output (N, 28, 28[, 1])",
        ),
        dtype=np.float32,
    )
    if array.ndim == 4:
        array = array[..., 0]
    return np.clip(np.rint((array + 1.0) * 127.5), 0, 255).astype(np.uint8)


def count_parameters(model) -> int:
    """Number of trainable weights of a Keras model."""
    if not hasattr(model, "trainable_variables"):
        raise InputError("model", model, "a Keras model (with trainable_variables)")
    return int(sum(np.prod(v.shape) for v in model.trainable_variables))


def size_line(config: DCGANConfig, generator, discriminator) -> str:
    """One line for the lesson: the configuration's name, both networks' weights (all of them,
    batch-norm statistics included, as Keras's ``count_params`` counts) and its description."""
    config = _check_config(config)
    return t(
        "{name}: G {g:>9,} weights, D {d:>7,} weights; {label}",
        name=padded(t(config.name), 9),
        g=generator.count_params(),
        d=discriminator.count_params(),
        label=t(config.label),
    )


def _up_block(layers, width: int, kernel: int, stride: int, initializer, slope: float) -> list:
    return [
        layers.Conv2DTranspose(
            width,
            kernel,
            strides=stride,
            padding="same",
            use_bias=False,
            kernel_initializer=initializer,
        ),
        layers.BatchNormalization(synchronized=True),
        layers.LeakyReLU(slope),
    ]


def _initializers(seed: int):
    """An endless supply of Glorot-uniform initialisers with distinct, reproducible seeds."""
    import keras

    index = 0
    while True:
        yield keras.initializers.GlorotUniform(seed=seed * 1000 + index)
        index += 1


# Seeds are non-negative and below 2**32 (NumPy's range), so seed arithmetic in the weight
# initialisers and TensorFlow's int64 random seeds never overflows.
MAX_SEED = 2**32 - 1


def _check_model_seed(seed, name: str = "seed") -> int:
    value = check_seed(seed, name)
    if value > MAX_SEED:
        raise InputError(name, seed, "a non-negative integer below 2**32")
    return value


def _input_width(model, name: str, conditional: bool) -> int:
    """The noise length a (conditional) generator expects; InputError for anything else."""
    shape = getattr(model, "input_shape", None)
    if conditional:
        shape = (
            shape[0]
            if isinstance(shape, list | tuple) and shape and isinstance(shape[0], tuple)
            else None
        )
    if not callable(model) or not isinstance(shape, tuple) or len(shape) != 2:
        kind = "a conditional generator" if conditional else "a generator"
        raise InputError(name, model, f"{kind} (a Keras model taking noise (N, noise_dim))")
    return int(shape[-1])
