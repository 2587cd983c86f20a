"""The capstone experiment's settings: its arms (:data:`ARMS`, :data:`ARM_NAMES`), the
augmentation of arm (b) (:data:`AUGMENT`), where the committed results live
(:data:`RESULTS_PATH`), and what one run is (:class:`ExperimentConfig`, :data:`FULL`,
:data:`TINY`). Moved out of :mod:`datagen_lab.capstone.results`, which re-exports them all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from datagen_lab.checks import (
    InputError,
    check_choice,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.config import PROJECT_DIR

ARMS = ("real", "augment", "mixup", "gan", "more_real")
ARM_NAMES = {
    "real": "(a) real only",
    "augment": "(b) + imgaug augmentation",
    "mixup": "(c) + mixup",
    "gan": "(d) + conditional-GAN digits",
    "more_real": "(e) reference: + real digits",
}
# Label-preserving for digits: small rotations, zooms, shifts and shears in one affine warp (one
# resampling, 4x faster than four augmenters in a row); never flips (a flipped 6 is nearly a 9).
AUGMENT = {
    "rotate": (-12, 12),
    "scale": (0.9, 1.1),
    "translate_percent": (-0.08, 0.08),
    "shear": (-10, 10),
}
RESULTS_PATH = PROJECT_DIR / "notebooks" / "results" / "06_synthetic_data_results.json"
NUM_CLASSES = 10
GAN_CONFIGS = ("conditional", "conditional-small")  # names of datagen_lab.dcgan.conditional configs


def _int_tuple(values, name: str) -> tuple[int, ...]:
    """A non-empty tuple/list of ints (not a bare int, not a str)."""
    if isinstance(values, str | bytes) or not isinstance(values, tuple | list) or not values:
        raise InputError(name, values, "a non-empty tuple of integers, e.g. (0, 1, 2)")
    return tuple(check_int(v, name, what="every entry") for v in values)


@dataclass(frozen=True)
class ExperimentConfig:
    """Everything that defines a run of the experiment (saved with the results).

    Attributes:
        label_sizes: labelled digits per cell (multiples of 10, balanced over the classes).
        seeds: one cell per seed and size; the seed picks the subset, the CNN's initial weights,
            the batch order, the augmentations, the mixup pairs and the GAN.
        cnn_steps, batch_size: every arm trains this many steps on batches of this size.
        mixup_alpha: lam ~ Beta(alpha, alpha) for arm (c).
        synthetic_share: share of each batch that is generated (d) or extra real (e).
        synthetic_per_class: digits per class in the pools of (d) and (e).
        gan: the conditional GAN's configuration: ``"conditional"`` (the measured better setting,
            batch 16 with XLA: :data:`~datagen_lab.dcgan.conditional.CONDITIONAL`) or
            ``"conditional-small"`` (half as wide, for quick runs).
        gan_steps: conditional-GAN training steps (batch 16, or the subset size if smaller);
            1,600 steps of 16 digits show the generator as many digits as the 400 steps of 64
            of the setting measured before (bench/dcgan_time_to_quality.py).
        heldout: non-member real digits for the memorization yardstick.
    """

    label_sizes: tuple[int, ...] = (100, 300, 1000)
    seeds: tuple[int, ...] = (0, 1, 2)
    cnn_steps: int = 300
    batch_size: int = 64
    mixup_alpha: float = 0.4
    synthetic_share: float = 0.5
    synthetic_per_class: int = 200
    gan: str = "conditional"
    gan_steps: int = 1600
    heldout: int = 1000

    def __post_init__(self) -> None:
        sizes = _int_tuple(self.label_sizes, "label_sizes")
        if any(n < 10 or n % NUM_CLASSES for n in sizes):
            raise InputError(
                "label_sizes", self.label_sizes, "multiples of 10 (balanced classes), each >= 10"
            )
        check_choice(self.gan, "gan", GAN_CONFIGS)
        for seed in _int_tuple(self.seeds, "seeds"):
            check_seed(seed, "seeds")
        for name in ("cnn_steps", "batch_size", "gan_steps", "synthetic_per_class", "heldout"):
            check_positive_int(getattr(self, name), name)
        check_number(self.mixup_alpha, "mixup_alpha", low=0, low_open=True)
        check_number(
            self.synthetic_share, "synthetic_share", low=0, high=1, low_open=True, high_open=True
        )

    def replace(self, **changes) -> ExperimentConfig:
        """A copy with some settings changed, checked like a new config, e.g.
        ``FULL.replace(gan_steps=1600)``."""
        names = [f.name for f in dataclasses.fields(self)]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise InputError("changes", unknown, f"ExperimentConfig fields ({', '.join(names)})")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        return {
            k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()
        }

    @classmethod
    def from_dict(cls, values: dict) -> ExperimentConfig:
        if not isinstance(values, dict) or set(values) - {f.name for f in dataclasses.fields(cls)}:
            raise InputError(
                "values",
                values,
                f"a dict of ExperimentConfig fields ({', '.join(f.name for f in dataclasses.fields(cls))})",
            )
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


FULL = ExperimentConfig()
TINY = ExperimentConfig(
    label_sizes=(100,),
    seeds=(0,),
    cnn_steps=20,
    synthetic_per_class=20,
    gan="conditional-small",
    gan_steps=10,
    heldout=200,
)
