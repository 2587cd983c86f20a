r"""A convolutional variational autoencoder (VAE) for 28x28 digits, trained by the course's Trainer.

The model (Kingma & Welling, 2014) has an encoder :math:`q_\phi(z|x) = \mathcal N(\mu_\phi(x),
\operatorname{diag}\sigma^2_\phi(x))`, a prior :math:`p(z) = \mathcal N(0, I)` and a decoder
:math:`p_\theta(x|z)`: independent Bernoulli pixels whose probabilities are ``sigmoid(logits)``.
It is trained by minimising the negative evidence lower bound, per digit, in nats:

.. math:: -\mathrm{ELBO}(x) = \underbrace{\mathbb E_{q(z|x)}[-\log p_\theta(x|z)]}_{\text{reconstruction}}
          + \beta\,\underbrace{\mathrm{KL}(q_\phi(z|x)\,\|\,p(z))}_{\text{KL}}
          \;\ge\; -\log p_\theta(x) \quad(\beta = 1).

The helpers that compute each term (:func:`reconstruction_nats`, :func:`kl_closed_form`,
:func:`kl_monte_carlo`, :func:`reparameterize`, :func:`negative_elbo`) live in
:mod:`datagen_lab.vae.elbo`, are re-exported here, and are the ones the training step uses.
:class:`VAETask` plugs the model into :class:`datagen_lab.training.Trainer`, which brings the progress bar, time budget, checkpoint-and-resume and ``tf.distribute`` shared with the DCGAN.
The encoder and decoder (:func:`make_encoder`, :func:`make_decoder`), :func:`prior_codes` and
:func:`to_uint8` live in :mod:`datagen_lab.vae.networks` and are re-exported here.
TensorFlow is imported when first needed, not when this module is imported.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_int,
    check_positive_int,
    check_seed,
)
from datagen_lab.config import INFERENCE_BATCH
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.vae.config import (  # noqa: F401  (PLANE re-exported: the lesson's other config)
    DEFAULT,
    PLANE,
    PREVIEW_SEED,
    VAEConfig,
    _check_config,
)
from datagen_lab.vae.elbo import (  # noqa: F401  (re-exported: the ELBO's terms belong to the VAE)
    entropy_floor,
    kl_closed_form,
    kl_monte_carlo,
    log_normal,
    negative_elbo,
    prepare_digits,
    reconstruction_nats,
    reparameterize,
)
from datagen_lab.vae.networks import (  # noqa: F401  (re-exported: moved from here)
    make_decoder,
    make_encoder,
    prior_codes,
    to_uint8,
)

# -- the training task -----------------------------------------------------------------------------


class VAETask:
    """A VAE as a :class:`datagen_lab.training.TrainingTask` (the DCGAN's is ``GANTask``).

    Args:
        config: architecture, beta, batch size and learning rate.
        seed: seeds the weight initialisers.
        preview_count: prior draws shown by the dashboard (64 = an 8x8 grid).
    """

    name = "vae"
    metric_groups = {
        "negative ELBO and reconstruction term (nats/digit)": ("loss", "reconstruction"),
        "KL(q(z|x) || p(z)) (nats/digit)": ("kl",),
    }
    metric_guides: dict = {}  # no "balanced game" lines: a VAE just minimises its loss

    def __init__(self, config: VAEConfig = DEFAULT, seed: int = 0, preview_count: int = 64):
        _check_config(config)
        preview_count = check_positive_int(preview_count, "preview_count")
        self.config, self.seed = config, check_seed(seed)
        self.preview_codes = prior_codes(preview_count, config.latent_dim, PREVIEW_SEED)
        self.encoder = self.decoder = None

    def build(self) -> None:
        """Create the encoder, the decoder and a built Adam optimiser."""
        import_tensorflow()
        import keras

        self.encoder = make_encoder(self.config, self.seed)
        self.decoder = make_decoder(self.config, self.seed)
        self.optimizer = keras.optimizers.Adam(self.config.learning_rate)
        self.optimizer.build(self.trainable_variables)

    @property
    def trainable_variables(self) -> list:
        return self.encoder.trainable_variables + self.decoder.trainable_variables

    def variables(self) -> dict[str, list]:
        """What a checkpoint holds: both networks and the optimiser state."""
        return {
            "encoder": self.encoder.variables,
            "decoder": self.decoder.variables,
            "optimizer": self.optimizer.variables,
        }

    def signature(self) -> dict:
        """Architecture, beta and optimiser: a checkpoint from other settings is refused."""
        c = self.config
        return {
            "architecture": c.architecture(),
            "beta": c.beta,
            "learning_rate": c.learning_rate,
            "model_seed": self.seed,
        }

    def batch_inputs(self, images, seed) -> dict:
        """The reparameterisation noise eps for one global batch: a pure function of the step's seed."""
        tf = import_tensorflow()
        shape = tf.stack([tf.shape(images)[0], self.config.latent_dim])
        return {"eps": tf.random.stateless_normal(shape, seed=seed)}

    def losses(self, images, eps) -> dict:
        """Per-digit loss terms (B,) for digits in [0, 1] and noise eps (B, D), in training mode."""
        mean, logvar = self.split(self.encoder(images, training=True))
        logits = self.decoder(reparameterize(mean, logvar, eps), training=True)
        return negative_elbo(images, logits, mean, logvar, self.config.beta)

    def train_step(self, batch: dict, global_batch_size: int) -> dict:
        """One Adam step on the mean negative ELBO of this replica's share of the batch."""
        tf = import_tensorflow()
        with tf.GradientTape() as tape:
            terms = self.losses(batch["images"], batch["eps"])
            loss = tf.nn.compute_average_loss(terms["loss"], global_batch_size=global_batch_size)
        variables = self.trainable_variables
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        mean = lambda values: tf.reduce_sum(values) / global_batch_size  # noqa: E731
        return {
            "loss": loss,
            "reconstruction": mean(terms["reconstruction"]),
            "kl": mean(terms["kl"]),
        }

    def split(self, encoded):
        """Encoder output (B, 2D) -> ``(mean, logvar)``; log-variances are clipped to [-12, 8] for safety."""
        tf = import_tensorflow()
        mean, logvar = tf.split(encoded, 2, axis=-1)
        return mean, tf.clip_by_value(logvar, -12.0, 8.0)

    # -- using a trained model (NumPy in, NumPy out) ---------------------------------------------

    def encode(
        self, images: np.ndarray, batch_size: int = INFERENCE_BATCH
    ) -> tuple[np.ndarray, np.ndarray]:
        """Posterior parameters of digits (N, 28, 28[, 1]): ``(mean, logvar)``, float32 (N, D) each."""
        batch_size = check_positive_int(batch_size, "batch_size")
        self._check_built()
        x = prepare_digits(images)
        parts = [
            self.split(self.encoder(x[i : i + batch_size], training=False))
            for i in range(0, len(x), batch_size)
        ]
        return tuple(np.concatenate([np.asarray(part[k]) for part in parts]) for k in (0, 1))

    def decode(self, codes: np.ndarray, batch_size: int = INFERENCE_BATCH) -> np.ndarray:
        """Pixel probabilities for codes (N, D): float32 (N, 28, 28) in [0, 1] (the decoder's mean)."""
        batch_size = check_positive_int(batch_size, "batch_size")
        latent = self.config.latent_dim
        codes = check_array(
            codes, "codes", kinds="iuf", min_size=0, what=f"latent codes (N, {latent})"
        )
        if codes.ndim != 2 or codes.shape[1] != latent:
            raise InputError(
                "codes",
                codes,
                f"an array of shape (N, {latent}): codes must have shape (N, {latent})",
            )
        codes = codes.astype(np.float32)
        self._check_built()
        tf = import_tensorflow()
        out = [
            tf.sigmoid(self.decoder(codes[i : i + batch_size], training=False)).numpy()
            for i in range(0, len(codes), batch_size)
        ]
        return np.concatenate(out)[..., 0] if out else np.zeros((0, 28, 28), np.float32)

    def reconstruct(self, images: np.ndarray) -> np.ndarray:
        """Decode each digit's posterior mean: uint8 (N, 28, 28)."""
        return to_uint8(self.decode(self.encode(images)[0]))

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` new digits from the prior: z ~ N(0, I) drawn with ``seed``, decoded; uint8 (n, 28, 28)."""
        n = check_int(n, "n", low=0, what="digits to draw")
        return to_uint8(self.decode(prior_codes(n, self.config.latent_dim, seed)))

    def preview(self) -> np.ndarray:
        """The decoder's digits for the fixed preview codes: uint8 (64, 28, 28)."""
        return to_uint8(self.decode(self.preview_codes))

    def _check_built(self) -> None:
        if self.encoder is None or self.decoder is None:
            raise InputError(
                "self",
                self,
                "a built VAETask",
                "Call task.build(), or train it with make_vae_trainer(...).fit().",
                got_text="a VAETask whose encoder and decoder are not built yet",
            )

    def as_generator(self):
        """The decoder as a DCGAN-style generator (codes -> images in [-1, 1]) for :mod:`datagen_lab.dcgan.latent`.

        ``2 * sigmoid(a) - 1 = tanh(a / 2)``, so the widgets and plots written for the GAN's
        generator show the VAE's decoder means unchanged.
        """
        import_tensorflow()
        import keras

        squash = keras.layers.Lambda(lambda a: keras.ops.tanh(a / 2))
        return keras.Sequential([self.decoder, squash], name="vae_generator")

    def evaluate(
        self, images: np.ndarray, seed: int = 0, batch_size: int = 500
    ) -> dict[str, float]:
        """Mean ``loss`` (reconstruction + beta KL), ``reconstruction`` and ``kl``, nats per digit.

        One z per digit, drawn with ``seed``: a seeded Monte Carlo estimate (the same every call).
        """
        seed = check_seed(seed)
        batch_size = check_positive_int(batch_size, "batch_size")
        self._check_built()
        tf = import_tensorflow()
        x, totals = prepare_digits(images), {"loss": 0.0, "reconstruction": 0.0, "kl": 0.0}
        for start in range(0, len(x), batch_size):
            chunk = x[start : start + batch_size]
            mean, logvar = self.split(self.encoder(chunk, training=False))
            eps = tf.random.stateless_normal(tf.shape(mean), seed=[seed, start])
            logits = self.decoder(reparameterize(mean, logvar, eps), training=False)
            for key, value in negative_elbo(chunk, logits, mean, logvar, self.config.beta).items():
                totals[key] += float(tf.reduce_sum(value))
        return {key: value / len(x) for key, value in totals.items()}


def make_vae_trainer(
    images: np.ndarray,
    config: VAEConfig = DEFAULT,
    seed: int = 0,
    checkpoint_dir: str | Path | None = None,
    checkpoint_every: int = 500,
    strategy=None,
    restart: bool = False,
):
    """A :class:`datagen_lab.training.Trainer` for a VAE: the same loop, bar and checkpoints as the DCGAN's.

    Args:
        images: training digits (N, 28, 28[, 1]), uint8 in [0, 255] or float in [0, 1].
        config: :data:`DEFAULT` (16-d latent) or :data:`PLANE` (2-d), or your own.
        seed: one seed for the weights, the data order and the reparameterisation noise.
        checkpoint_dir, checkpoint_every, strategy, restart: as for the Trainer.

    Returns:
        The trainer; ``trainer.task`` is the :class:`VAETask` (encoder, decoder, sample, ...).
    """
    from datagen_lab.training import Trainer

    _check_config(config)
    seed = check_seed(seed)
    checkpoint_every = check_positive_int(checkpoint_every, "checkpoint_every")
    data = prepare_digits(images)
    if config.batch_size > len(data):
        raise ValueError(
            f"config.batch_size={config.batch_size} is larger than the {len(data)} digits; use config.replace(batch_size={min(64, len(data))})."
        )
    return Trainer(
        VAETask(config, seed=seed),
        data,
        batch_size=config.batch_size,
        seed=seed,
        checkpoint_dir=checkpoint_dir,
        checkpoint_every=checkpoint_every,
        strategy=strategy,
        restart=restart,
    )
