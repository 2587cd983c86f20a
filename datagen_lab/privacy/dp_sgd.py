"""DP-SGD (Abadi et al., 2016): clip each example's gradient, add Gaussian noise, then step.

A normal step averages the batch's gradient, so one unusual example can move the weights a lot.
DP-SGD bounds every example's influence and hides it under noise:

1. per-example gradients ``g_i`` (vectorised with ``tf.vectorized_map``, not a Python loop);
2. clip each to norm at most C: ``g_i * min(1, C / ||g_i||)``;
3. sum them, add noise ``N(0, (sigma C)^2)`` to every coordinate, divide by the *expected* batch
   size ``q N`` (batches are Poisson samples: each example joins a step with probability q);
4. an ordinary optimiser step with that gradient.

The model is the course's CNN (:func:`datagen_lab.classifier.build_cnn`) at its smallest
(:data:`SMALL_CNN`). Everything TensorFlow loads inside functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from datagen_lab.checks import InputError, check_array, check_number, check_seed
from datagen_lab.privacy.accounting import check_noise_multiplier
from datagen_lab.tf_runtime import import_tensorflow

# The course's CNN at its smallest: 14,410 weights, so DP noise (one draw per weight) stays
# small beside the clipped gradients, and a DP-SGD step stays cheap on one CPU.
SMALL_CNN = {"widths": (8, 16), "features": 32, "dropout": 0.0}


def check_clip_norm(clip_norm, name: str = "clip_norm") -> float:
    """``clip_norm`` as a finite float > 0, else InputError."""
    return check_number(clip_norm, name, low=0.0, low_open=True, what="the gradient clip norm C")


def build_model(seed: int = 0):
    """The course's small CNN (uncompiled, (N, 28, 28, 1) in [0, 1] -> (N, 10) logits), seeded."""
    seed = check_seed(seed)
    import_tensorflow()
    import keras

    from datagen_lab.classifier import build_cnn

    keras.utils.set_random_seed(seed)
    return build_cnn(**SMALL_CNN, name="small_cnn")


def per_example_gradients(model, images, labels) -> list:
    """One gradient per example, vectorised: a list of (B, *variable.shape) float32 tensors.

    Args:
        model: a Keras model mapping (B, 28, 28, 1) to (B, 10) logits.
        images: (B, 28, 28, 1) float32; labels: (B,) int32 in [0, 10).
    """
    tf = import_tensorflow()
    variables = model.trainable_variables

    def one(example):
        image, label = example
        with tf.GradientTape() as tape:
            logits = model(image[None], training=True)
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits(label[None], logits)[0]
        return tape.gradient(loss, variables)

    return tf.vectorized_map(one, (images, labels))


def clip_gradients(gradients: list, clip_norm: float) -> tuple[list, Any]:
    """Scale each example's gradient (across all variables) to norm at most ``clip_norm``.

    Returns:
        ``(clipped, norms)``: the clipped list (same shapes) and the (B,) norms before clipping.
    """
    tf = import_tensorflow()
    flat = [tf.reshape(g, (tf.shape(g)[0], -1)) for g in gradients]
    norms = tf.sqrt(tf.add_n([tf.reduce_sum(tf.square(f), axis=1) for f in flat]))
    factors = tf.minimum(1.0, clip_norm / tf.maximum(norms, 1e-12))
    shape = lambda g: tf.concat([tf.shape(g)[:1], tf.ones([tf.rank(g) - 1], tf.int32)], 0)  # noqa: E731
    return [g * tf.reshape(factors, shape(g)) for g in gradients], norms


def noisy_sum(clipped: list, weights, clip_norm: float, noise_multiplier: float, seed) -> list:
    """``sum_i w_i g_i + N(0, (noise_multiplier * clip_norm)^2)`` per variable (stateless noise).

    ``weights`` are 1 for sampled examples and 0 for padding; ``seed`` is an int32 pair.
    """
    tf = import_tensorflow()
    out = []
    for index, g in enumerate(clipped):
        total = tf.tensordot(weights, g, axes=1)
        noise = tf.random.stateless_normal(
            tf.shape(total), seed=seed + tf.constant([0, 1], tf.int32) * 7919 * index
        )
        out.append(total + noise * (noise_multiplier * clip_norm))
    return out


class DPSGDStep:
    """A compiled DP-SGD step (and the normal step on the same model, for comparison).

    Args:
        model: the Keras model to train.
        clip_norm: C, > 0. noise_multiplier: sigma, >= 0 (0: clipping without noise, not private).
        expected_batch: q N, the expected number of examples per step, > 0.
        learning_rate, momentum: of the SGD optimiser.
    """

    def __init__(
        self,
        model,
        clip_norm: float = 1.0,
        noise_multiplier: float = 1.0,
        expected_batch: float = 64.0,
        learning_rate: float = 0.5,
        momentum: float = 0.5,
    ):
        self.clip_norm = check_clip_norm(clip_norm)
        self.noise_multiplier = (
            0.0 if noise_multiplier == 0 else check_noise_multiplier(noise_multiplier)
        )
        self.expected_batch = check_number(expected_batch, "expected_batch", low=0, low_open=True)
        tf = import_tensorflow()
        import keras

        self.model = model
        self.optimizer = keras.optimizers.SGD(
            check_number(learning_rate, "learning_rate", low=0, low_open=True),
            momentum=check_number(momentum, "momentum", low=0, high=1, high_open=True),
        )
        signature = [
            tf.TensorSpec([None, 28, 28, 1], tf.float32),
            tf.TensorSpec([None], tf.int32),
        ]
        self._dp = tf.function(
            self._dp_step,
            input_signature=[
                *signature,
                tf.TensorSpec([None], tf.float32),
                tf.TensorSpec([2], tf.int32),
            ],
        )
        self._normal = tf.function(self._normal_step, input_signature=signature)

    def __call__(self, images, labels, weights, seed: tuple[int, int]) -> dict[str, float]:
        """One DP-SGD step; returns ``{"loss", "mean_norm", "clipped"}`` (share of clipped examples)."""
        tf = import_tensorflow()
        out = self._dp(
            images, labels, tf.constant(weights, tf.float32), tf.constant(seed, tf.int32)
        )
        return {name: float(value) for name, value in out.items()}

    def normal(self, images, labels) -> float:
        """One ordinary SGD step on the mean loss (no clipping, no noise); returns the loss."""
        return float(self._normal(images, labels))

    def _dp_step(self, images, labels, weights, seed):
        tf = import_tensorflow()
        variables = self.model.trainable_variables
        grads = per_example_gradients(self.model, images, labels)
        clipped, norms = clip_gradients(grads, self.clip_norm)
        summed = noisy_sum(clipped, weights, self.clip_norm, self.noise_multiplier, seed)
        self.optimizer.apply_gradients(
            [(s / self.expected_batch, v) for s, v in zip(summed, variables, strict=True)]
        )
        real = tf.maximum(tf.reduce_sum(weights), 1.0)
        logits = self.model(images, training=False)
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)
        return {
            "loss": tf.reduce_sum(losses * weights) / real,
            "mean_norm": tf.reduce_sum(norms * weights) / real,
            "clipped": tf.reduce_sum(tf.cast(norms > self.clip_norm, tf.float32) * weights) / real,
        }

    def _normal_step(self, images, labels):
        tf = import_tensorflow()
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            logits = self.model(images, training=True)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        return loss


def gradient_norms(model, images, labels, clip_norm: float) -> dict[str, np.ndarray]:
    """Per-example gradient norms before and after clipping: ``{"before": (B,), "after": (B,)}``."""
    clip_norm = check_clip_norm(clip_norm)
    images, labels = check_batch(images, labels)
    tf = import_tensorflow()
    grads = per_example_gradients(model, tf.constant(images), tf.constant(labels))
    clipped, before = clip_gradients(grads, clip_norm)
    _, after = clip_gradients(clipped, np.inf)
    return {"before": before.numpy().astype(np.float64), "after": after.numpy().astype(np.float64)}


def noise_draw(model, clip_norm: float, noise_multiplier: float, seed: int = 0) -> np.ndarray:
    """The noise one DP-SGD step adds to the summed gradient, for every weight of ``model``.

    It runs :func:`noisy_sum` on gradients that all carry weight 0, so what comes out is the noise
    alone: (number of weights,) float64, which should have standard deviation sigma * C.
    """
    clip_norm = check_clip_norm(clip_norm)
    noise_multiplier = check_noise_multiplier(noise_multiplier)
    seed = check_seed(seed)
    tf = import_tensorflow()
    zeros = [tf.zeros((1, *v.shape)) for v in model.trainable_variables]
    noise = noisy_sum(zeros, tf.zeros(1), clip_norm, noise_multiplier, tf.constant([seed, 0]))
    return np.concatenate([n.numpy().ravel() for n in noise]).astype(np.float64)


def check_batch(images, labels) -> tuple[np.ndarray, np.ndarray]:
    """(B, 28, 28, 1) float32 images in [0, 1] and (B,) int32 labels in [0, 10), else InputError."""
    images = check_array(images, "images", shape=(None, 28, 28, 1), kinds="f", low=0, high=1)
    labels = check_array(labels, "labels", ndim=1, kinds="iu", low=0, high=9, what="digit labels")
    if len(labels) != len(images):
        raise InputError("labels", labels, f"one label per image ({len(images)})")
    return images.astype(np.float32), labels.astype(np.int32)
