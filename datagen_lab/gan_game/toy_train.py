"""Running the toy GAN: training with snapshots and a progress bar, and a gradient check.

Kept apart from :mod:`datagen_lab.gan_game.toy_gan` (the model and one training step) so that module
stays short enough to read in one sitting.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import InputError, check_array, check_int, check_positive_int, check_seed
from datagen_lab.gan_game.toy_gan import (
    ToyGAN,
    ToyGANConfig,
    _check_gan,
    _configure,
    discriminator_gradients,
    generator_gradients,
    generator_loss_from_logits,
    make_gan,
)
from datagen_lab.gan_game.toy_nn import numeric_gradient, relative_error


def gradient_check(gan: ToyGAN, seed: int = 0, limit: int = 20) -> dict[str, float]:
    """Compare the hand-written gradients of both players with finite differences.

    Returns:
        {"discriminator": error, "generator": error}: the largest :func:`relative_error` over up
        to ``limit`` entries of every weight array; around 1e-8 when backprop is right.
    """
    _check_gan(gan)
    seed = check_seed(seed, "seed")
    limit = check_positive_int(limit, "limit", "entries per weight array")
    rng = np.random.default_rng(seed)
    n = gan.config.samples_per_input * 4
    real, fake = gan.data.sample(n, rng), gan.sample(n, rng)
    z = rng.standard_normal((n, gan.config.latent_dim))

    def d_loss() -> float:
        return discriminator_gradients(gan, real, fake)[0]

    def g_loss() -> float:
        logits = gan.discriminator(gan._pack(gan.generator(z)))
        return generator_loss_from_logits(logits, gan.config.loss)[0]

    errors = {}
    for name, loss, net, grads in (
        ("discriminator", d_loss, gan.discriminator, discriminator_gradients(gan, real, fake)[1]),
        ("generator", g_loss, gan.generator, generator_gradients(gan, z)[1]),
    ):
        worst = 0.0
        for array, grad in zip(net.params, grads, strict=True):
            index, numeric = numeric_gradient(loss, array, limit=limit)
            worst = max(worst, relative_error(grad.reshape(-1)[index], numeric))
        errors[name] = worst
    return errors


def train(
    config: ToyGANConfig | None = None,
    steps: int = 1000,
    snapshots: int = 0,
    noise: np.ndarray | None = None,
    progress: bool = True,
    **overrides,
) -> tuple[ToyGAN, list[tuple[int, np.ndarray]]]:
    """Build a GAN with :func:`make_gan` and train it ``steps`` steps, with a tqdm progress bar.

    Args:
        config, overrides: as for :func:`make_gan`.
        steps: training steps, >= 0.
        snapshots: how many pictures of the generator to keep along the way (at evenly spaced
            steps, the first before training; one: only that first); 0 keeps none; at most
            ``steps + 1``.
        noise: the fixed z (N, latent_dim) the snapshots show, finite; default 500 draws from
            seed 0.
        progress: show a progress bar.

    Returns:
        (the trained GAN, list of (step, G(noise)) pairs).
    """
    from tqdm.auto import tqdm

    steps = check_int(steps, "steps", low=0, what="training steps")
    snapshots = check_int(
        snapshots, "snapshots", low=0, high=steps + 1, what="pictures, at most one per step"
    )
    latent_dim = _configure(config, overrides).latent_dim
    if noise is not None:
        expected = f"a finite float array (N, {latent_dim}): one latent vector per row"
        try:
            noise = check_array(noise, "noise", ndim=2)
        except InputError as error:
            raise InputError("noise", noise, expected, got_text=error.got) from None
        if noise.shape[1] != latent_dim:
            raise InputError("noise", noise, expected)
    gan = make_gan(config, **overrides)
    if noise is None:
        noise = np.random.default_rng(0).standard_normal((500, gan.config.latent_dim))
    marks = np.linspace(0, steps, snapshots).round().astype(int).tolist()
    pictures = []
    label = f"{gan.config.data}, {gan.config.loss}, k={gan.config.d_steps}"
    with tqdm(total=int(steps), disable=not progress, desc=label) as bar:
        while True:
            if marks and gan.steps >= marks[0]:
                pictures.append((gan.steps, gan.generator(noise)))
                marks.pop(0)
            if gan.steps >= steps:
                break
            n = min(50, steps - gan.steps, (marks[0] - gan.steps) if marks else steps)
            gan.step(n)
            bar.update(n)
    return gan, pictures
