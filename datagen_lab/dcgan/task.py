"""The DCGAN's part of training: one adversarial step, plugged into the generic :class:`Trainer`.

The losses are TensorFlow's DCGAN tutorial's (binary cross-entropy on logits), written per example
so that a distributed run can average them over the global batch:

* discriminator: :math:`\\ell_D = -\\log \\sigma(D(x)) - \\log(1 - \\sigma(D(G(z))))`
* generator (non-saturating): :math:`\\ell_G = -\\log \\sigma(D(G(z)))`

Besides the losses the step reports mean D(x) and D(G(z)) (as probabilities), which tell a
learner more about the balance of the game than the losses do.

:class:`AdversarialTask` holds this step (and the optimisers around it) once, for the DCGAN's
:class:`GANTask` and the class-conditional DCGAN's task in :mod:`datagen_lab.dcgan.conditional`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from datagen_lab.checks import InputError, check_int, check_positive_int
from datagen_lab.dcgan.model import (
    DEFAULT,
    DCGANConfig,
    _check_config,
    _check_model_seed,
    generate,
    make_discriminator,
    make_generator,
    prepare_images,
    sample_noise,
)
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training import Trainer

PREVIEW_SEED = 2024  # the fixed noise behind every progress grid, so grids are comparable


class AdversarialTask:
    """What the DCGAN and the conditional DCGAN (:mod:`datagen_lab.dcgan.conditional`) share.

    Two Adam optimisers, the checkpointed variables, the per-step noise and the adversarial update.
    A subclass sets ``name``, creates ``generator`` and ``discriminator`` in ``build`` (then calls
    :meth:`build_optimizers`) and unpacks its batch in ``train_step`` for :meth:`adversarial_step`.
    """

    metric_groups = {
        "losses": ("d_loss", "g_loss"),
        "discriminator's verdict (probability 'real')": ("d_real", "d_fake"),
    }
    config: DCGANConfig

    def build_optimizers(self) -> None:
        """One Adam per network, built so that checkpoints can restore their state."""
        import keras

        settings = {"learning_rate": self.config.learning_rate, "beta_1": self.config.beta_1}
        self.g_optimizer = keras.optimizers.Adam(**settings)
        self.d_optimizer = keras.optimizers.Adam(**settings)
        self.g_optimizer.build(self.generator.trainable_variables)
        self.d_optimizer.build(self.discriminator.trainable_variables)

    def variables(self) -> dict[str, list]:
        """Weights, batch-norm statistics, dropout RNG and Adam state of both players."""
        return {
            "generator": self.generator.variables,
            "discriminator": self.discriminator.variables,
            "generator_optimizer": self.g_optimizer.variables,
            "discriminator_optimizer": self.d_optimizer.variables,
        }

    def batch_inputs(self, images, seed) -> dict:
        """Noise z for one global batch: a pure function of the step's seed (so resumes repeat it)."""
        tf = import_tensorflow()
        shape = tf.stack([tf.shape(images)[0], self.config.noise_dim])
        return {"noise": tf.random.stateless_normal(shape, seed=seed)}

    def adversarial_step(self, real, noise, global_batch_size: int, labels=None) -> dict:
        """One update of D and G with the module's per-example losses; returns the step's metrics.

        Args:
            real: this replica's real images, float32 (B, 28, 28, 1) in [-1, 1].
            noise: float32 (B, noise_dim), one z per real image.
            global_batch_size: the batch summed over replicas (losses are averaged over it).
            labels: int32 (B,) classes fed to both networks beside their images (conditional
                GAN), or None (DCGAN).

        Returns:
            Scalars ``d_loss``, ``g_loss`` and mean probabilities ``d_real``, ``d_fake``.
        """
        tf = import_tensorflow()
        inputs = (lambda x: x) if labels is None else (lambda x: [x, labels])
        g, d = self.generator, self.discriminator
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = g(inputs(noise), training=True)
            real_logits = tf.cast(d(inputs(real), training=True)[:, 0], tf.float32)
            fake_logits = tf.cast(d(inputs(fake), training=True)[:, 0], tf.float32)
            d_per_example = tf.nn.softplus(-real_logits) + tf.nn.softplus(fake_logits)
            g_per_example = tf.nn.softplus(-fake_logits)
            d_loss = tf.nn.compute_average_loss(d_per_example, global_batch_size=global_batch_size)
            g_loss = tf.nn.compute_average_loss(g_per_example, global_batch_size=global_batch_size)
        g_grads = g_tape.gradient(g_loss, g.trainable_variables)
        d_grads = d_tape.gradient(d_loss, d.trainable_variables)
        self.g_optimizer.apply_gradients(zip(g_grads, g.trainable_variables, strict=True))
        self.d_optimizer.apply_gradients(zip(d_grads, d.trainable_variables, strict=True))
        mean = lambda values: tf.reduce_sum(values) / global_batch_size  # noqa: E731
        return {
            "d_loss": d_loss,
            "g_loss": g_loss,
            "d_real": mean(tf.sigmoid(real_logits)),
            "d_fake": mean(tf.sigmoid(fake_logits)),
        }


class GANTask(AdversarialTask):
    """A DCGAN as a :class:`datagen_lab.training.TrainingTask`.

    Args:
        config: architecture, batch size and Adam settings.
        seed: a non-negative int; seeds the weight initialisers and dropout.
        preview_count: how many fixed-noise digits the dashboard shows (64 = an 8x8 grid), >= 1.
    """

    name = "dcgan"

    def __init__(self, config: DCGANConfig = DEFAULT, seed: int = 0, preview_count: int = 64):
        config, seed = _check_config(config), _check_model_seed(seed)
        preview_count = check_positive_int(preview_count, "preview_count")
        self.config, self.seed = config, int(seed)
        self.preview_noise = sample_noise(preview_count, config.noise_dim, seed=PREVIEW_SEED)
        self.generator = self.discriminator = self.average = None

    def build(self) -> None:
        """Create both networks and both Adam optimisers (built, so checkpoints can restore them)."""
        import_tensorflow()

        self.generator = make_generator(self.config, seed=self.seed)
        self.discriminator = make_discriminator(self.config, seed=self.seed)
        self.build_optimizers()
        if self.config.ema > 0:  # starts equal to the generator (same seed, same weights)
            self.average = make_generator(self.config, seed=self.seed)

    @property
    def sampler(self):
        """The network that draws digits: the weight average when ``config.ema > 0``, else ``generator``."""
        return self.average if self.average is not None else self.generator

    def variables(self) -> dict[str, list]:
        """Every variable a checkpoint needs: weights, batch-norm statistics, dropout RNG, Adam state."""
        average = {"generator_average": self.average.variables} if self.average is not None else {}
        return super().variables() | average

    def signature(self) -> dict:
        """The architecture and optimiser settings; a checkpoint from other settings is refused."""
        config = self.config
        optimizer = {"learning_rate": config.learning_rate, "beta_1": config.beta_1}
        return {
            "architecture": config.architecture(),
            "optimizer": optimizer,
            "model_seed": self.seed,
        }

    def train_step(self, batch: dict, global_batch_size: int) -> dict:
        """One adversarial update of D and G on this replica's share of the batch."""
        return self.adversarial_step(batch["images"], batch["noise"], global_batch_size)

    def after_step(self) -> None:
        """Move the weight average towards the generator (cross-replica; no-op without ``ema``).

        The decay warms up as min(ema, (1 + t) / (10 + t)), so early steps are not averaged with
        the random initial weights for long.
        """
        if self.average is None:
            return
        tf = import_tensorflow()
        t = tf.cast(self.g_optimizer.iterations, tf.float32)
        decay = tf.minimum(self.config.ema, (1.0 + t) / (10.0 + t))
        for average, current in zip(self.average.variables, self.generator.variables, strict=True):
            average.assign(decay * average + (1.0 - decay) * current)

    def preview(self) -> np.ndarray:
        """The sampler's digits for the fixed preview noise: uint8 (64, 28, 28)."""
        return generate(self.sampler, self.preview_noise)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` >= 0 new digits, uint8 (n, 28, 28), from noise drawn with ``seed``."""
        n = check_int(n, "n", low=0, what="how many digits")
        if self.generator is None:
            raise RuntimeError("The task has no networks yet: build() it (a Trainer does) first.")
        return generate(self.sampler, sample_noise(n, self.config.noise_dim, seed=seed))


def make_dcgan_trainer(
    images: np.ndarray,
    config: DCGANConfig = DEFAULT,
    seed: int = 0,
    checkpoint_dir: str | Path | None = None,
    checkpoint_every: int = 500,
    strategy=None,
    restart: bool = False,
) -> Trainer:
    """A :class:`Trainer` for a DCGAN on MNIST-like digits.

    Every argument is checked before anything is built or deleted (see :class:`Trainer` for
    ``checkpoint_dir`` and ``restart``, which deletes only the trainer's own files).

    Args:
        images: real digits (N, 28, 28[, 1]), uint8 in [0, 255] or float in [0, 1].
        config: :data:`datagen_lab.dcgan.model.DEFAULT` (fast on CPUs) or ``REFERENCE`` (the tutorial's).
        seed: one seed for the weights, dropout, data order and noise: same seed, same run.
        checkpoint_dir: where to save and resume (None: nothing on disk).
        checkpoint_every: steps between checkpoints.
        strategy: a ``tf.distribute`` strategy for several GPUs/TPU cores (None: one device).
        restart: delete an existing checkpoint in ``checkpoint_dir`` first.

    Returns:
        The trainer; its ``task`` holds ``generator`` and ``discriminator``.
    """
    data = prepare_images(images)
    config, seed = _check_config(config), _check_model_seed(seed)
    if config.batch_size > len(data):
        raise InputError(
            "config.batch_size",
            config.batch_size,
            f"at most the {len(data)} training digits",
            f"config.batch_size={config.batch_size} is larger than the {len(data)} training digits; "
            f"use config.replace(batch_size={min(len(data), 64)}) or pass more digits.",
        )
    return Trainer(
        GANTask(config, seed=seed),
        data,
        batch_size=config.batch_size,
        seed=seed,
        checkpoint_dir=checkpoint_dir,
        checkpoint_every=checkpoint_every,
        strategy=strategy,
        jit_compile=config.jit_compile,
        restart=restart,
    )
