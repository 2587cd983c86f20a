"""What defines a VAE run: :class:`VAEConfig` (architecture, beta, batch size, learning rate), the
lesson's two configurations ``DEFAULT`` (a 16-d code) and ``PLANE`` (a 2-d code to draw), and the
seed of the fixed prior draws behind every progress grid.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from datagen_lab.checks import (
    InputError,
    check_number,
    check_positive_int,
)

PREVIEW_SEED = 2024  # the fixed prior draws behind every progress grid


@dataclass(frozen=True)
class VAEConfig:
    """Everything that defines a VAE run.

    Attributes:
        name: a label for plots and checkpoint folders.
        latent_dim: size D of the latent code z.
        widths: channels of the encoder's two strided convolutions (mirrored by the decoder).
        kernel_size: side of every convolution kernel.
        beta: weight of the KL term (1 is the true ELBO; other values make a beta-VAE).
        batch_size: digits per training step (the global batch when distributed).
        learning_rate: Adam step size.
        label: a human description for the lesson.
    """

    name: str = "default"
    latent_dim: int = 16
    widths: tuple[int, int] = (32, 64)
    kernel_size: int = 3
    beta: float = 1.0
    batch_size: int = 64
    learning_rate: float = 1e-3
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InputError("name", self.name, "a non-empty str (a label for plots and folders)")
        for field_name in ("latent_dim", "kernel_size", "batch_size"):
            check_positive_int(getattr(self, field_name), field_name, "must be positive")
        if (
            isinstance(self.widths, str)
            or not isinstance(self.widths, tuple | list)
            or len(self.widths) != 2
        ):
            raise InputError(
                "widths", self.widths, "2 widths: a pair of channel counts, e.g. (32, 64)"
            )
        for width in self.widths:
            check_positive_int(width, "widths", "2 widths, each must be positive")
        # beta = 0 is a plain autoencoder's loss: allowed; NaN/inf would poison every step
        check_number(self.beta, "beta", low=0, what="beta >= 0: the KL weight")
        check_number(self.learning_rate, "learning_rate", low=0, low_open=True)
        if not isinstance(self.label, str):
            raise InputError("label", self.label, "a str")

    def architecture(self) -> dict:
        """The fields that decide the weights' shapes (what a checkpoint must match)."""
        return {
            "latent_dim": self.latent_dim,
            "widths": list(self.widths),
            "kernel_size": self.kernel_size,
        }

    def replace(self, **changes) -> VAEConfig:
        """A copy with some fields changed, e.g. ``DEFAULT.replace(beta=4.0)``."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise InputError(
                unknown[0],
                changes[unknown[0]],
                f"a VAEConfig field name ({', '.join(f.name for f in dataclasses.fields(self))})",
                got_text=f"an unknown field {unknown[0]!r}",
            )
        return dataclasses.replace(self, **changes)


DEFAULT = VAEConfig(label="16-d latent, conv 32/64, batch 64, Adam(1e-3), beta 1")

PLANE = VAEConfig(
    name="plane", latent_dim=2, label="2-d latent: the whole code space fits on a page"
)


def _check_config(config) -> None:
    if not isinstance(config, VAEConfig):
        raise InputError("config", config, "a VAEConfig (DEFAULT, PLANE or DEFAULT.replace(...))")
