"""The VAE's two networks and what goes in and out of them (the model is described in
:mod:`datagen_lab.vae.model`).

Holds the encoder (:func:`make_encoder`), the decoder (:func:`make_decoder`), draws of codes from
the prior (:func:`prior_codes`) and the decoder's pixel probabilities as uint8 digits
(:func:`to_uint8`). Moved out of :mod:`datagen_lab.vae.model`, which re-exports them all.
TensorFlow is imported when first needed, not when this module is imported.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import check_array, check_int, check_positive_int, check_seed
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.vae.config import DEFAULT, VAEConfig, _check_config

# -- networks ------------------------------------------------------------------------------------


def make_encoder(config: VAEConfig = DEFAULT, seed: int = 0):
    """Encoder: digits (B, 28, 28, 1) in [0, 1] -> (B, 2D) = [mean, log-variance] of q(z|x)."""
    _check_config(config)
    seed = check_seed(seed)
    import_tensorflow()
    import keras
    from keras import layers

    k, (w1, w2) = config.kernel_size, config.widths
    init = (keras.initializers.GlorotUniform(seed=seed * 1000 + i) for i in range(3))
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(
                w1, k, strides=2, padding="same", activation="relu", kernel_initializer=next(init)
            ),
            layers.Conv2D(
                w2, k, strides=2, padding="same", activation="relu", kernel_initializer=next(init)
            ),
            layers.Flatten(),
            layers.Dense(2 * config.latent_dim, kernel_initializer=next(init)),
        ],
        name="encoder",
    )


def make_decoder(config: VAEConfig = DEFAULT, seed: int = 0):
    """Decoder: codes (B, D) -> pixel logits (B, 28, 28, 1); ``sigmoid(logits)`` are probabilities."""
    _check_config(config)
    seed = check_seed(seed)
    import_tensorflow()
    import keras
    from keras import layers

    k, (w1, w2) = config.kernel_size, config.widths
    init = (keras.initializers.GlorotUniform(seed=(seed + 7919) * 1000 + i) for i in range(4))
    conv = {"padding": "same", "activation": "relu"}
    return keras.Sequential(
        [
            keras.Input((config.latent_dim,)),
            layers.Dense(7 * 7 * w1, activation="relu", kernel_initializer=next(init)),
            layers.Reshape((7, 7, w1)),
            layers.Conv2DTranspose(w2, k, strides=2, kernel_initializer=next(init), **conv),
            layers.Conv2DTranspose(w1, k, strides=2, kernel_initializer=next(init), **conv),
            layers.Conv2DTranspose(1, k, strides=1, padding="same", kernel_initializer=next(init)),
        ],
        name="decoder",
    )


def prior_codes(n: int, latent_dim: int, seed: int = 0) -> np.ndarray:
    """``n`` draws from the prior N(0, I): float32 (n, latent_dim), from ``np.random.default_rng(seed)``."""
    n = check_int(n, "n", low=0, what="codes to draw")
    latent_dim = check_positive_int(latent_dim, "latent_dim")
    seed = check_seed(seed)
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


def to_uint8(probabilities: np.ndarray) -> np.ndarray:
    """Pixel probabilities in [0, 1] (N, 28, 28[, 1]) -> uint8 (N, 28, 28)."""
    from datagen_lab.dcgan.model import to_uint8 as from_signed

    # the decoder's sigmoid stays in [0, 1]; logits or uint8 digits passed by mistake would be
    # clipped to black and white without a word (the tolerance is dcgan.to_uint8's, halved)
    probabilities = check_array(
        probabilities,
        "probabilities",
        ndim=(3, 4),
        kinds="iuf",
        low=-0.005,
        high=1.005,
        min_size=0,
        what="pixel probabilities (N, 28, 28[, 1]) in [0, 1]",
    )
    return from_signed(np.asarray(probabilities, dtype=np.float32) * 2.0 - 1.0)
