"""The conditional DCGAN's networks and their settings (the networks are described in
:mod:`datagen_lab.dcgan.conditional`).

Holds the configurations :data:`CONDITIONAL` and :data:`SMALL`, the label embedding's size, the
generator (:func:`make_conditional_generator`), the projection discriminator
(:func:`make_conditional_discriminator`) and their seeded initialisers. Moved out of
:mod:`datagen_lab.dcgan.conditional`, which re-exports them all.
"""

from __future__ import annotations

from datagen_lab.checks import InputError, check_int
from datagen_lab.dcgan.model import (
    DEFAULT,
    IMAGE_SHAPE,
    DCGANConfig,
    _check_config,
    _check_model_seed,
)
from datagen_lab.tf_runtime import import_tensorflow

NUM_CLASSES = 10
EMBEDDING_DIM = 16
# The DCGAN default's batch 16 with XLA. Measured on 2 cores, 180 s of training, 8,000 digits
# (bench/dcgan_time_to_quality.py): 98% confident digits and within-class variety 95% of real
# digits'; batch 64 without XLA (the setting before) reached 96% with twice the Fréchet distance
# and 84% of the variety. The projection discriminator has no batch normalisation.
CONDITIONAL = DEFAULT.replace(
    name="conditional",
    label="the CPU DCGAN (widths 128/64/32 and 64/128, 4x4 kernels, batch 16, XLA) plus label embeddings",
)
SMALL = DEFAULT.replace(
    name="conditional-small",
    generator_widths=(64, 32, 16),
    discriminator_widths=(32, 64),
    label="a half-width conditional DCGAN for quick runs (tests and fast mode)",
)


def make_conditional_generator(
    config: DCGANConfig = CONDITIONAL, seed: int = 0, num_classes: int = NUM_CLASSES
):
    """Generator ``[noise (B, noise_dim) float32, labels (B,) int32] -> (B, 28, 28, 1)`` in [-1, 1].

    ``num_classes`` (>= 2): how many conditions it knows, labels in [0, num_classes) (10 digits, or
    K clusters for a self-conditioned GAN).
    """
    config, seed = _check_config(config), _check_model_seed(seed)
    num_classes = check_num_classes(num_classes)
    import_tensorflow()
    import keras
    from keras import layers

    w0, w1, w2 = config.generator_widths
    k, slope = config.kernel_size, config.leaky_slope
    init = _initializers(seed)
    noise = keras.Input((config.noise_dim,), name="noise")
    label = keras.Input((), dtype="int32", name="label")
    embedded = layers.Embedding(num_classes, EMBEDDING_DIM, embeddings_initializer=next(init))(
        label
    )
    x = layers.Concatenate()([noise, embedded])
    x = layers.Dense(7 * 7 * w0, use_bias=False, kernel_initializer=next(init))(x)
    x = layers.LeakyReLU(slope)(layers.BatchNormalization(synchronized=True)(x))
    x = layers.Reshape((7, 7, w0))(x)
    for width, stride in ((w1, 1), (w2, 2)):
        x = layers.Conv2DTranspose(
            width, k, strides=stride, padding="same", use_bias=False, kernel_initializer=next(init)
        )(x)
        x = layers.LeakyReLU(slope)(layers.BatchNormalization(synchronized=True)(x))
    out = layers.Conv2DTranspose(
        1,
        k,
        strides=2,
        padding="same",
        use_bias=False,
        activation="tanh",
        kernel_initializer=next(init),
    )(x)
    return keras.Model([noise, label], out, name="conditional_generator")


def make_conditional_discriminator(
    config: DCGANConfig = CONDITIONAL, seed: int = 0, num_classes: int = NUM_CLASSES
):
    """Discriminator ``[images (B, 28, 28, 1) in [-1, 1], labels (B,) int32] -> logits (B, 1)``.

    A *projection* discriminator (Miyato & Koyama, 2018): the DCGAN's convolutions turn the image
    into features h; the logit is ``w . h + embed_D(y) . h``, an unconditional "looks like a
    digit" score plus a "looks like *this* digit" score. ``num_classes`` as for the generator.
    """
    config, seed = _check_config(config), _check_model_seed(seed)
    num_classes = check_num_classes(num_classes)
    import_tensorflow()
    import keras
    from keras import layers

    init = _initializers(seed + 7919)
    image = keras.Input(IMAGE_SHAPE, name="image")
    label = keras.Input((), dtype="int32", name="label")
    x = image
    for index, width in enumerate(config.discriminator_widths):
        x = layers.Conv2D(
            width, config.kernel_size, strides=2, padding="same", kernel_initializer=next(init)
        )(x)
        x = layers.LeakyReLU(config.leaky_slope)(x)
        if config.dropout > 0:
            x = layers.Dropout(config.dropout, seed=seed * 31 + index)(x)
    features = layers.Flatten()(x)
    unconditional = layers.Dense(1, kernel_initializer=next(init))(features)
    embedded = layers.Embedding(num_classes, features.shape[-1], embeddings_initializer=next(init))(
        label
    )
    matches = layers.Dot(axes=1)([embedded, features])
    return keras.Model(
        [image, label], layers.Add()([unconditional, matches]), name="conditional_discriminator"
    )


def check_num_classes(num_classes) -> int:
    """How many conditions a network knows: an int >= 2 (one condition is no condition)."""
    return check_int(num_classes, "num_classes", low=2, what="classes or clusters (>= 2)")


def class_count(model, name: str = "generator") -> int:
    """How many conditions a conditional generator or discriminator knows (its label embedding's rows)."""
    for layer in getattr(model, "layers", ()):
        if type(layer).__name__ == "Embedding":
            return int(layer.input_dim)
    raise InputError(name, model, f"a conditional {name} (with a label embedding)")


def _initializers(seed: int):
    """Glorot-uniform initialisers with distinct, reproducible seeds (as the DCGAN's)."""
    import keras

    index = 0
    while True:
        yield keras.initializers.GlorotUniform(seed=seed * 1000 + index)
        index += 1
