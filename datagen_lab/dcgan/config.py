"""What defines a DCGAN run: :class:`DCGANConfig` (architecture, batch size, optimiser), the lesson's
``DEFAULT`` and the paper-sized ``REFERENCE``, and their checks. Re-exported by
:mod:`datagen_lab.dcgan.model`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_number,
    check_positive_int,
)


def _widths(value, name: str, count: int) -> tuple[int, ...]:
    """``count`` positive channel counts as a tuple of ints (a list is accepted)."""
    expected = f"{count} positive integers (channels)"
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list):
        raise InputError(name, value, expected)
    if len(value) != count:
        raise InputError(name, value, expected, f"{name} needs {count} numbers.")
    return tuple(check_positive_int(width, name) for width in value)


@dataclass(frozen=True)
class DCGANConfig:
    """Everything that defines a DCGAN run: architecture, batch and optimiser.

    Attributes:
        name: a label for plots and checkpoint folders.
        noise_dim: length of the generator's input noise vector z.
        generator_widths: channels (w0, w1, w2) of the 7x7 projection and the two hidden
            transposed convolutions.
        discriminator_widths: channels (d0, d1) of the two strided convolutions.
        kernel_size: side of every convolution kernel.
        dropout: discriminator dropout rate (0 leaves the layers out).
        discriminator_batchnorm: batch normalisation after the discriminator's second convolution,
            as in the DCGAN paper (the TensorFlow tutorial uses dropout instead).
        leaky_slope: LeakyReLU slope for negative inputs (Keras default 0.3; the paper uses 0.2).
        batch_size: images per training step (the global batch when distributed).
        learning_rate, beta_1: Adam settings, the same for both networks.
        jit_compile: compile the training step with XLA (single device only).
        ema: decay of an exponential moving average of the generator's weights, used for
            sampling (0 turns it off); averaging smooths out the oscillations of the GAN game.
        label: a human description for the lesson.
    """

    name: str = "default"
    noise_dim: int = 100
    generator_widths: tuple[int, int, int] = (256, 128, 64)
    discriminator_widths: tuple[int, int] = (64, 128)
    kernel_size: int = 5
    dropout: float = 0.3
    discriminator_batchnorm: bool = False
    leaky_slope: float = 0.3
    batch_size: int = 256
    learning_rate: float = 1e-4
    beta_1: float = 0.9
    jit_compile: bool = False
    ema: float = 0.0
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Each field checked and stored as a plain Python value (NumPy scalars would not go into
        # run.json; a NaN learning rate would train to NaN without a word).
        def put(name: str, value) -> None:
            object.__setattr__(self, name, value)

        for name in ("name", "label"):
            if not isinstance(getattr(self, name), str):
                raise InputError(name, getattr(self, name), "a str")
        for name in ("noise_dim", "kernel_size", "batch_size"):
            put(name, check_positive_int(getattr(self, name), name))
        put("generator_widths", _widths(self.generator_widths, "generator_widths", 3))
        put("discriminator_widths", _widths(self.discriminator_widths, "discriminator_widths", 2))
        put("dropout", check_number(self.dropout, "dropout", low=0.0, high=1.0, high_open=True))
        put(
            "leaky_slope",
            check_number(self.leaky_slope, "leaky_slope", low=0.0, what="LeakyReLU slope"),
        )
        put(
            "learning_rate",
            check_number(self.learning_rate, "learning_rate", low=0.0, low_open=True),
        )
        put("beta_1", check_number(self.beta_1, "beta_1", low=0.0, high=1.0, high_open=True))
        put("ema", check_number(self.ema, "ema", low=0.0, high=1.0, high_open=True, what="0 = off"))
        for name in ("discriminator_batchnorm", "jit_compile"):
            if not isinstance(getattr(self, name), bool | np.bool_):
                raise InputError(name, getattr(self, name), "True or False")
            put(name, bool(getattr(self, name)))

    def architecture(self) -> dict:
        """The fields that decide the shapes of the weights (what a checkpoint must match)."""
        keys = ("noise_dim", "generator_widths", "discriminator_widths", "kernel_size", "dropout")
        keys += ("discriminator_batchnorm", "leaky_slope", "ema")
        return {key: _jsonable(getattr(self, key)) for key in keys}

    def replace(self, **changes) -> DCGANConfig:
        """A copy with some fields changed, e.g. ``DEFAULT.replace(batch_size=32)``."""
        fields = [f.name for f in dataclasses.fields(self)]
        unknown = [name for name in changes if name not in fields]
        if unknown:
            raise InputError(
                unknown[0],
                changes[unknown[0]],
                "a DCGANConfig field: " + ", ".join(fields),
                got_text=f"an unknown field {unknown[0]!r}",
            )
        return dataclasses.replace(self, **changes)


REFERENCE = DCGANConfig(
    name="reference",
    label="TensorFlow tutorial: widths 256/128/64 and 64/128, 5x5 kernels, batch 256, Adam(1e-4)",
)

DEFAULT = DCGANConfig(
    name="default",
    generator_widths=(128, 64, 32),
    discriminator_widths=(64, 128),
    kernel_size=4,
    dropout=0.0,
    discriminator_batchnorm=True,
    leaky_slope=0.2,
    # Batch 16 with XLA: about 37 steps/s on a 2-core CPU against 6 at batch 64 without XLA
    # (bench --ablation); XLA fuses the many small ops that dominate a small batch's step.
    batch_size=16,
    learning_rate=2e-4,
    beta_1=0.5,
    jit_compile=True,
    label="CPU default: generator half as wide, 4x4 kernels, batch-norm in D (no dropout), batch 16, Adam(2e-4, beta_1=0.5), XLA",
)


def _jsonable(value):
    return list(value) if isinstance(value, tuple) else value


def _check_config(config) -> DCGANConfig:
    if not isinstance(config, DCGANConfig):
        raise InputError("config", config, "a DCGANConfig (e.g. dcgan.DEFAULT or dcgan.REFERENCE)")
    return config
