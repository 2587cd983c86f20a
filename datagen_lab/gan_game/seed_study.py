"""Is mode collapse the luck of one seed? Lesson 3's section 8 re-run over seeds and variants.

The lesson trains one seed for 3,000 steps. Its prose also reports what happens with other
seeds, longer runs, PacGAN and the variants of exercise 8; this module measures those, so the
numbers in the prose name a command that reproduces them:

    python -m datagen_lab.gan_game.seed_study seeds --seeds 0 1 2 3 --steps 6000
    python -m datagen_lab.gan_game.seed_study exercise --steps 3000

(``--only remedy`` runs only the configurations whose name starts so.)

Every run shows its generator the lesson's fixed noise (500 draws from seed 1) and counts the
ring's covered modes with :func:`~datagen_lab.gan_game.toy_data.mode_coverage` every ``every``
steps. A few minutes on a laptop CPU (the k = 5 runs cost most).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from datagen_lab.checks import InputError, check_int, check_seed
from datagen_lab.gan_game.toy_config import COLLAPSE, REMEDY, ToyGANConfig
from datagen_lab.gan_game.toy_data import mode_coverage
from datagen_lab.gan_game.toy_gan import make_gan

LESSON_NOISE_SEED = 1  # the lesson's NOISE: np.random.default_rng(1).standard_normal((500, 2))
SEED_CONFIGS = {
    "collapse (k = 1)": COLLAPSE,
    "remedy (k = 5)": REMEDY,
    "pack (k = 1, PacGAN)": replace(COLLAPSE, remedy="pack"),
}
EXERCISE_CONFIGS = {
    "k = 1 (COLLAPSE)": COLLAPSE,
    "k = 2": replace(COLLAPSE, d_steps=2),
    "k = 3": replace(COLLAPSE, d_steps=3),
    "k = 5 (REMEDY)": REMEDY,
    "pack, k = 1": replace(COLLAPSE, remedy="pack"),
    "lr_g = lr_d, k = 1": replace(COLLAPSE, lr_g=COLLAPSE.lr_d),
    "saturating, k = 1": replace(COLLAPSE, loss="saturating"),
}


@dataclass(frozen=True)
class Run:
    """One training run: covered modes at each check, the final share of samples within 3 std
    of a mode, and seconds per training step."""

    name: str
    seed: int
    checks: tuple[int, ...]
    covered: tuple[int, ...]
    high_quality: float
    seconds_per_step: float


def coverage_run(
    config: ToyGANConfig, steps: int, every: int, name: str = "", seed: int | None = None
) -> Run:
    """Train ``config`` (with ``seed`` if given) ``steps`` steps; count covered modes every ``every``.

    Args:
        config: a ring :class:`ToyGANConfig`; steps >= 1; every in [1, steps].

    Returns:
        A :class:`Run` whose checks are ``every, 2 every, ...`` up to ``steps``.
    """
    if not isinstance(config, ToyGANConfig) or config.data != "ring":
        raise InputError("config", config, "a ToyGANConfig on the ring, e.g. toy_gan.COLLAPSE")
    steps = check_int(steps, "steps", low=1, what="training steps")
    every = check_int(every, "every", low=1, high=steps, what="steps between coverage checks")
    if seed is not None:
        config = replace(config, seed=check_seed(seed, "seed"))
    noise = np.random.default_rng(LESSON_NOISE_SEED).standard_normal((500, config.latent_dim))
    gan = make_gan(config)
    checks, covered, seconds, high_quality = [], [], 0.0, 0.0
    while gan.steps < steps:
        n = min(every, steps - gan.steps)
        start = time.perf_counter()
        gan.step(n)
        seconds += time.perf_counter() - start
        checks.append(gan.steps)
        coverage = mode_coverage(gan.generator(noise), gan.data)
        covered.append(coverage.covered)
        high_quality = coverage.high_quality
    return Run(name, config.seed, tuple(checks), tuple(covered), high_quality, seconds / steps)


def study(
    configs: Mapping[str, ToyGANConfig], seeds: Sequence[int], steps: int, every: int
) -> list[Run]:
    """:func:`coverage_run` for every config (by name, in order) and every seed."""
    if not isinstance(configs, Mapping) or not configs:
        raise InputError("configs", configs, "a non-empty dict of name -> ToyGANConfig")
    seeds = [check_seed(seed, "seeds") for seed in seeds]
    if not seeds:
        raise InputError("seeds", seeds, "at least one seed")
    return [
        coverage_run(config, steps, every, name, seed)
        for name, config in configs.items()
        for seed in seeds
    ]


def report(runs: Sequence[Run]) -> str:
    """A table: one row per run, covered modes at each check, and the cost of a step."""
    if not runs:
        raise InputError("runs", runs, "at least one Run from study()")
    width = max(len(run.name) for run in runs)
    return "\n".join([_header(runs[0].checks, width)] + [_row(run, width) for run in runs])


def _header(checks: Sequence[int], width: int) -> str:
    steps = ", ".join(f"{c:,}" for c in checks)
    return (
        f"{'run':{width}} seed  covered modes at steps {steps}   within 3 std at the end   ms/step"
    )


def _row(run: Run, width: int) -> str:
    covered = " ".join(f"{c}" for c in run.covered)
    return (
        f"{run.name:{width}} {run.seed:>4}  {covered:40}  {run.high_quality:>22.0%}"
        f"   {1000 * run.seconds_per_step:7.2f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: ``seeds`` or ``exercise``; prints one row per run as it finishes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("seeds", "exercise"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--only", nargs="+", help="run only the configs whose name starts so")
    args = parser.parse_args(argv)
    configs = SEED_CONFIGS if args.what == "seeds" else EXERCISE_CONFIGS
    seeds = args.seeds if args.what == "seeds" else [COLLAPSE.seed]
    if args.only:
        configs = {n: c for n, c in configs.items() if n.startswith(tuple(args.only))}
    width = max(len(name) for name in configs)
    print(_header(range(args.every, args.steps + 1, args.every), width), flush=True)
    runs = []
    for name, config in configs.items():
        for seed in seeds:
            runs.append(coverage_run(config, args.steps, args.every, name, seed))
            print(_row(runs[-1], width), flush=True)
    remedy = [run.seconds_per_step for run in runs if run.name.startswith("remedy")]
    collapse = [run.seconds_per_step for run in runs if run.name.startswith("collapse")]
    if remedy and collapse:
        ratio = np.mean(remedy) / np.mean(collapse)
        print(f"a k = 5 step costs {ratio:.1f} times a k = 1 step (this machine, this run)")


if __name__ == "__main__":
    main()
