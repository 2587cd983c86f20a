"""Helpers shared by the tests of the training loop and of the models trained with it."""

from __future__ import annotations

import numpy as np

from datagen_lab.tf_runtime import import_tensorflow


class StopAt:
    """A callback that presses the stop button (raises KeyboardInterrupt) at a given step."""

    def __init__(self, step: int):
        self.step = step

    def on_step_end(self, trainer, logs):
        if trainer.step == self.step:
            raise KeyboardInterrupt


class ToyTask:
    """Fit a 2-weight linear model to each image's mean pixel, with per-step noise in the input.

    Small, but it has what the DCGAN has: variables, an optimiser with state, per-step random
    inputs from ``batch_inputs`` and per-replica losses averaged over the global batch. A step
    takes a millisecond, so the fault tests can train and kill it in a subprocess.
    """

    name = "toy"
    metric_groups = {"loss": ("loss",)}

    def __init__(self, width: int = 2):
        self.width = width

    def build(self):
        import keras

        tf = import_tensorflow()
        self.weights = tf.Variable(tf.zeros([self.width]), name="w")
        self.optimizer = keras.optimizers.Adam(0.05)
        self.optimizer.build([self.weights])

    def variables(self):
        return {"model": [self.weights], "optimizer": self.optimizer.variables}

    def signature(self):
        return {"width": self.width}

    def batch_inputs(self, images, seed):
        tf = import_tensorflow()
        return {"noise": tf.random.stateless_normal([tf.shape(images)[0]], seed=seed)}

    def train_step(self, batch, global_batch_size):
        tf = import_tensorflow()
        x = tf.reshape(batch["images"], [tf.shape(batch["images"])[0], -1])
        target = tf.reduce_mean(x, axis=1)
        with tf.GradientTape() as tape:
            prediction = self.weights[0] + self.weights[-1] * batch["noise"]
            loss = tf.nn.compute_average_loss(
                (prediction - target) ** 2, global_batch_size=global_batch_size
            )
        grads = tape.gradient(loss, [self.weights])
        self.optimizer.apply_gradients(zip(grads, [self.weights], strict=True))
        return {"loss": loss}

    def preview(self):
        return None


def toy_images(n: int = 40) -> np.ndarray:
    """The toy task's data: float32 (n, 4, 4) in [0, 1], the same every time."""
    return np.random.default_rng(0).random((n, 4, 4)).astype(np.float32)
