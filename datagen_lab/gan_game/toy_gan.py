"""A GAN small enough to train step by step in NumPy: two MLPs with hand-written gradients.

One :meth:`ToyGAN.step` is one round of Algorithm 1 of Goodfellow et al. (2014):

1. the discriminator D takes ``d_steps`` Adam steps up V(D, G): binary cross-entropy with
   label 1 on data and label 0 on fakes G(z);
2. the generator G takes one Adam step on its loss, ``log(1 - D(G(z)))`` ("saturating", the
   minimax loss) or ``-log D(G(z))`` ("non_saturating"); its gradient reaches G *through* D.

Mode collapse and two remedies, tried on the ring of eight Gaussians:

- ``COLLAPSE``: the generator learns ten times faster than the discriminator. The theory assumes
  D is (near) optimal whenever G moves; a stale D instead has one favourite region, and the
  generator's best response to a fixed D is to send *every* sample there. D then catches up,
  the favourite region moves, and the whole generator hops from mode to mode.
- ``REMEDY`` (``d_steps=5``): keep D closer to D* by giving it k = 5 steps per generator step,
  the k of the paper's Algorithm 1. Same learning rates, same seed: the modes stay covered.
- ``remedy="pack"`` (PacGAN, Lin et al., 2018): D judges ``pack`` samples at once, all real or
  all fake, so a batch without variety is easy to spot. Offered to experiment with.

This module holds the :class:`ToyGAN`, :func:`make_gan` and the gradients of both players; the
settings (:class:`ToyGANConfig` and the presets) are in :mod:`datagen_lab.gan_game.toy_config`
and importable from here as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
    check_positive_int,
    check_seed,
)
from datagen_lab.gan_game import toy_data as toy_gan_data
from datagen_lab.gan_game.densities import _check_rng
from datagen_lab.gan_game.losses import GENERATOR_LOSSES, _sigmoid, sigmoid
from datagen_lab.gan_game.toy_config import (  # noqa: F401 (re-exported)
    BALANCED,
    COLLAPSE,
    MAX_LEARNING_RATE,
    PRESETS,
    REMEDIES,
    REMEDY,
    ToyGANConfig,
    _configure,
)
from datagen_lab.gan_game.toy_nn import MLP, Adam, _bce, bce_with_logits, single_threaded_blas


@dataclass
class ToyGAN:
    """A generator, a discriminator, their optimizers and the training history.

    Build one with :func:`make_gan`. ``history`` maps "d_loss", "g_loss", "d_real" (mean D on
    data) and "d_fake" (mean D(G(z))) to one float per step.
    """

    config: ToyGANConfig
    data: toy_gan_data.ToyData
    generator: MLP
    discriminator: MLP
    opt_g: Adam
    opt_d: Adam
    rng: np.random.Generator
    history: dict[str, list[float]] = field(default_factory=dict)

    @property
    def steps(self) -> int:
        """Training steps taken so far."""
        return len(self.history["d_loss"])

    def step(self, n: int = 1) -> ToyGAN:
        """Train ``n`` rounds (``d_steps`` D steps, then one G step each); return self.

        ``history`` records D's numbers from the last of its steps in each round. ``n`` >= 0
        (0 trains nothing).
        """
        n = check_int(n, "n", low=0, what="training rounds")
        with single_threaded_blas():
            for _ in range(int(n)):
                for _ in range(self.config.d_steps):
                    d_loss, d_real, d_fake = self._train_discriminator()
                self.history["d_loss"].append(d_loss)
                self.history["d_real"].append(d_real)
                self.history["d_fake"].append(d_fake)
                self._train_generator()
        return self

    def sample(self, n: int, rng: np.random.Generator | None = None) -> np.ndarray:
        """``n`` >= 1 generator samples (n, dim); pass ``rng`` for a fixed noise (e.g. a progress plot)."""
        n = check_positive_int(n, "n", "samples to draw")
        rng = self.rng if rng is None else _check_rng(rng)
        return self.generator(rng.standard_normal((int(n), self.config.latent_dim)))

    def coverage(self, n: int = 2000, seed: int = 0) -> toy_gan_data.Coverage:
        """Mode coverage of ``n`` >= 1 fresh generator samples (noise drawn with ``seed``)."""
        seed = check_seed(seed, "seed")
        return toy_gan_data.mode_coverage(self.sample(n, np.random.default_rng(seed)), self.data)

    def discriminate(self, x: np.ndarray) -> np.ndarray:
        """D's probability that each sample is real, (N,).

        With packing, each sample is packed with ``pack - 1`` copies of itself: the decision
        surface of a packed discriminator, shown for single points.

        Args:
            x: finite points (N, dim); (N,) also works for 1-D data.
        """
        x = self._points(x)
        logits = self.discriminator(np.tile(x, (1, self.config.samples_per_input)))
        return sigmoid(logits[:, 0])

    def generator_loss_gradient(self, x: np.ndarray) -> np.ndarray:
        """d(generator loss)/dx at points ``x`` (N, dim): the direction D pushes fakes is minus this."""
        x = self._points(x)
        k = self.config.samples_per_input
        logits, cache = self.discriminator.forward(np.tile(x, (1, k)))
        _, grad_logits = generator_loss_from_logits(logits, self.config.loss)
        _, grad_x = self.discriminator.backward(cache, grad_logits * len(x))
        return grad_x.reshape(len(x), k, -1).sum(axis=1)

    def _points(self, x: Any, name: str = "x") -> np.ndarray:
        """Points in data space as float (N, dim), N >= 1, finite; else InputError."""
        dim = self.data.dim
        expected = f"finite points of shape (N, {dim})" + (" or (N,)" if dim == 1 else "")
        try:
            x = check_array(x, name, ndim=(1, 2) if dim == 1 else 2)
        except InputError as error:
            raise InputError(name, x, expected, got_text=error.got) from None
        x = x.astype(float).reshape(len(x), -1)
        if x.shape[1] != dim:
            raise InputError(name, x, expected)
        return x

    def _pack(self, x: np.ndarray) -> np.ndarray:
        return x.reshape(len(x) // self.config.samples_per_input, -1)

    def _batch_size(self) -> int:
        return self.config.batch_size * self.config.samples_per_input

    # The training loop below uses the unchecked internals: its arrays are its own, and the
    # checks of the public functions would cost about a fifth of every step.
    def _train_discriminator(self) -> tuple[float, float, float]:
        real = self.data.sample(self._batch_size(), self.rng)
        noise = self.rng.standard_normal((self._batch_size(), self.config.latent_dim))
        fake = self.generator._forward(noise)[0]
        loss, grads, d_real, d_fake = _discriminator_gradients(self, real, fake)
        self.opt_d._step(grads)
        return loss, d_real, d_fake

    def _train_generator(self) -> None:
        loss, grads = _generator_gradients(
            self, self.rng.standard_normal((self._batch_size(), self.config.latent_dim))
        )
        self.opt_g._step(grads)
        self.history["g_loss"].append(loss)


def make_gan(config: ToyGANConfig | None = None, **overrides) -> ToyGAN:
    """A freshly initialised :class:`ToyGAN`; keyword arguments override fields of ``config``."""
    config = _configure(config, overrides)
    data = toy_gan_data.dataset(config.data)
    rng = np.random.default_rng(config.seed)
    hidden = [config.hidden] * config.depth
    generator = MLP.create([config.latent_dim, *hidden, data.dim], rng, "leaky_relu")
    discriminator = MLP.create([data.dim * config.samples_per_input, *hidden, 1], rng, "leaky_relu")
    history = {key: [] for key in ("d_loss", "g_loss", "d_real", "d_fake")}
    return ToyGAN(
        config,
        data,
        generator,
        discriminator,
        Adam(generator.params, lr=config.lr_g),
        Adam(discriminator.params, lr=config.lr_d),
        rng,
        history,
    )


def generator_loss_from_logits(logits: np.ndarray, kind: str) -> tuple[float, np.ndarray]:
    """Mean generator loss over D's logits on fakes, and its gradient with respect to the logits.

    "non_saturating": mean of ``-log D`` (BCE with label 1); "saturating": mean of ``log(1 - D)``
    (minus the BCE with label 0).
    """
    check_choice(kind, "kind", GENERATOR_LOSSES)
    bce_with_logits(logits, 1.0)  # checks the logits
    return _generator_loss(np.asarray(logits, dtype=float), kind)


def _generator_loss(logits: np.ndarray, kind: str) -> tuple[float, np.ndarray]:
    if kind == "non_saturating":
        return _bce(logits, 1.0)
    loss, grad = _bce(logits, 0.0)
    return -loss, -grad


def discriminator_gradients(
    gan: ToyGAN, real: np.ndarray, fake: np.ndarray
) -> tuple[float, list[np.ndarray], float, float]:
    """The discriminator's loss on a batch and its gradient for every D weight.

    Args:
        real, fake: (batch_size * samples_per_input, dim) samples; packed when packing.

    Returns:
        (BCE on data with label 1 + BCE on fakes with label 0, gradients in the order of
        ``discriminator.params``, mean D on data, mean D on fakes). Minimising this loss is
        maximising V(D, G) estimated on the batch.
    """
    _check_gan(gan)
    return _discriminator_gradients(gan, _batch(gan, real, "real"), _batch(gan, fake, "fake"))


def _discriminator_gradients(
    gan: ToyGAN, real: np.ndarray, fake: np.ndarray
) -> tuple[float, list[np.ndarray], float, float]:
    logits_real, cache_real = gan.discriminator._forward(gan._pack(real))
    logits_fake, cache_fake = gan.discriminator._forward(gan._pack(fake))
    loss_real, grad_real = _bce(logits_real, 1.0)
    loss_fake, grad_fake = _bce(logits_fake, 0.0)
    grads_real, _ = gan.discriminator._backward(cache_real, grad_real)
    grads_fake, _ = gan.discriminator._backward(cache_fake, grad_fake)
    grads = [a + b for a, b in zip(grads_real, grads_fake, strict=True)]
    return (
        loss_real + loss_fake,
        grads,
        float(_sigmoid(logits_real).mean()),
        float(_sigmoid(logits_fake).mean()),
    )


def generator_gradients(gan: ToyGAN, z: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """The generator's loss on noise ``z`` (N, latent_dim) and its gradient for every G weight.

    Backpropagation runs through D to the fake samples, then through G; D's own weights get
    gradients too, which are discarded: only G moves in this half of the game.
    """
    _check_gan(gan)
    return _generator_gradients(gan, _batch(gan, z, "z", gan.config.latent_dim))


def _generator_gradients(gan: ToyGAN, z: np.ndarray) -> tuple[float, list[np.ndarray]]:
    fake, cache_g = gan.generator._forward(z)
    logits, cache_d = gan.discriminator._forward(gan._pack(fake))
    loss, grad_logits = _generator_loss(logits, gan.config.loss)
    _, grad_packed = gan.discriminator._backward(cache_d, grad_logits)
    grads, _ = gan.generator._backward(cache_g, grad_packed.reshape(fake.shape))
    return loss, grads


def _check_gan(gan: Any) -> ToyGAN:
    if not isinstance(gan, ToyGAN):
        raise InputError("gan", gan, "a ToyGAN from make_gan()")
    return gan


def _batch(gan: ToyGAN, x: Any, name: str, width: int | None = None) -> np.ndarray:
    """A finite float batch (N, width) whose N splits into packs of ``samples_per_input``."""
    width = gan.data.dim if width is None else width
    k = gan.config.samples_per_input
    expected = f"a finite float array (N, {width}) with N a multiple of {k} (samples per D input)"
    try:
        x = check_array(x, name, ndim=2)
    except InputError as error:
        raise InputError(name, x, expected, got_text=error.got) from None
    if x.shape[1] != width or len(x) % k:
        raise InputError(name, x, expected)
    return x.astype(float)
