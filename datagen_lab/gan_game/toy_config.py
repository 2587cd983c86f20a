"""The toy GAN's settings: :class:`ToyGANConfig` and the lesson's presets.

``BALANCED`` trains well; ``COLLAPSE`` (a generator ten times faster than its discriminator)
collapses: the whole generator sits in one spot that hops around the ring; ``REMEDY`` gives the
discriminator five steps per generator step and keeps the modes covered (see
:mod:`datagen_lab.gan_game.toy_gan`, which re-exports everything here).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from datagen_lab.checks import (
    InputError,
    check_choice,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.gan_game import toy_data as toy_gan_data
from datagen_lab.gan_game.losses import GENERATOR_LOSSES

REMEDIES = ("none", "pack")
# Adam moves every weight by about the learning rate per step: beyond 1 the toy networks only
# thrash, so a larger value is a typo (1e-3 written as 1e3), not an experiment.
MAX_LEARNING_RATE = 1.0


@dataclass(frozen=True)
class ToyGANConfig:
    """Everything that defines a toy GAN run; two runs with equal configs are identical.

    Attributes:
        data: "ring" (2-D, eight Gaussians) or "bimodal" (1-D, the minimax lesson's mixture).
        loss: generator loss, "non_saturating" or "saturating".
        remedy: "none" or "pack" (PacGAN); pack: samples per discriminator input when packing.
        latent_dim, hidden, depth: generator noise size; width and number of hidden layers.
        batch_size: discriminator inputs per step (each holds ``pack`` samples when packing).
        d_steps: discriminator steps per generator step (the k of Algorithm 1).
        lr_d, lr_g: Adam learning rates; seed: initial weights, data and noise.
    """

    data: str = "ring"
    loss: str = "non_saturating"
    remedy: str = "none"
    pack: int = 4
    latent_dim: int = 2
    hidden: int = 64
    depth: int = 2
    batch_size: int = 64
    d_steps: int = 1
    lr_d: float = 1e-3
    lr_g: float = 1e-3
    seed: int = 0

    def __post_init__(self) -> None:
        check_choice(self.data, "data", toy_gan_data.DATASETS)
        check_choice(self.loss, "loss", GENERATOR_LOSSES)
        check_choice(self.remedy, "remedy", REMEDIES)
        for name in ("pack", "latent_dim", "hidden", "depth", "batch_size", "d_steps"):
            check_positive_int(getattr(self, name), name)
        for name in ("lr_d", "lr_g"):
            check_number(
                getattr(self, name),
                name,
                low=0.0,
                high=MAX_LEARNING_RATE,
                low_open=True,
                what="an Adam learning rate; the presets use 2e-4 to 2e-3",
            )
        check_seed(self.seed, "seed")

    @property
    def samples_per_input(self) -> int:
        """How many samples the discriminator sees at once: ``pack`` with PacGAN, else 1."""
        return self.pack if self.remedy == "pack" else 1


BALANCED = ToyGANConfig()
COLLAPSE = ToyGANConfig(lr_d=2e-4, lr_g=2e-3, seed=1)
REMEDY = replace(COLLAPSE, d_steps=5)
PRESETS = {
    "balanced": BALANCED,
    "fast generator: mode collapse": COLLAPSE,
    "fast generator + 5 D steps: remedy": REMEDY,
}


def _configure(config: Any, overrides: dict[str, Any]) -> ToyGANConfig:
    """``config`` (None: the default) with ``overrides`` applied; unknown names refused."""
    if config is not None and not isinstance(config, ToyGANConfig):
        raise InputError("config", config, "a ToyGANConfig (e.g. toy_gan.BALANCED) or None")
    names = [f.name for f in fields(ToyGANConfig)]
    for name, value in overrides.items():
        if name not in names:
            raise InputError(name, value, f"not passed: ToyGANConfig has only {', '.join(names)}")
    return replace(config or ToyGANConfig(), **overrides)
