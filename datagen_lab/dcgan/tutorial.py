"""The source article's networks, as its code writes them: TensorFlow's DCGAN tutorial.

The two functions below are the generator and discriminator of
https://www.tensorflow.org/tutorials/generative/dcgan (tensorflow/docs,
``site/en/tutorials/generative/dcgan.ipynb``), line for line, with two updates for Keras 3:
``keras.Input(...)`` instead of an ``input_shape=`` argument on the first layer (which Keras 3
warns about), and ``keras`` instead of ``tf.keras``. Lesson 4 prints them and their summaries.

The course builds the same networks with :func:`datagen_lab.dcgan.model.make_generator` and
``make_discriminator`` from :data:`datagen_lab.dcgan.config.REFERENCE` (seeded initialisers,
synchronised batch norm for ``tf.distribute``); ``tests/dcgan/test_compare.py`` checks that both
have the same layers, output shapes and parameter counts. TensorFlow loads when a model is built.
"""

from __future__ import annotations

from datagen_lab.tf_runtime import import_tensorflow


def make_generator_model():
    """The tutorial's generator: noise (None, 100) -> images (None, 28, 28, 1) in [-1, 1]."""
    import_tensorflow()
    import keras
    from keras import layers

    model = keras.Sequential()
    model.add(keras.Input(shape=(100,)))
    model.add(layers.Dense(7 * 7 * 256, use_bias=False))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Reshape((7, 7, 256)))
    assert model.output_shape == (None, 7, 7, 256)  # Note: None is the batch size

    model.add(layers.Conv2DTranspose(128, (5, 5), strides=(1, 1), padding="same", use_bias=False))
    assert model.output_shape == (None, 7, 7, 128)
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Conv2DTranspose(64, (5, 5), strides=(2, 2), padding="same", use_bias=False))
    assert model.output_shape == (None, 14, 14, 64)
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(
        layers.Conv2DTranspose(
            1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"
        )
    )
    assert model.output_shape == (None, 28, 28, 1)

    return model


def make_discriminator_model():
    """The tutorial's discriminator: images (None, 28, 28, 1) -> one logit (None, 1)."""
    import_tensorflow()
    import keras
    from keras import layers

    model = keras.Sequential()
    model.add(keras.Input(shape=(28, 28, 1)))
    model.add(layers.Conv2D(64, (5, 5), strides=(2, 2), padding="same"))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Conv2D(128, (5, 5), strides=(2, 2), padding="same"))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Flatten())
    model.add(layers.Dense(1))

    return model


def layer_table(model) -> list[tuple[str, tuple, int]]:
    """(layer class, output shape, parameter count) per layer: what ``model.summary()`` lists,
    without the layer names (which Keras numbers by how many layers a session has built)."""
    if not hasattr(model, "layers"):
        from datagen_lab.checks import InputError

        raise InputError("model", model, "a Keras model (with layers)")
    return [
        (type(layer).__name__, tuple(layer.output.shape), int(layer.count_params()))
        for layer in model.layers
    ]
