"""Speed of the lesson 3 toy GAN and its trainer widget, against the baselines they replaced.

    .venv/bin/python bench/toy_gan_speed.py [--repeats 5]

Two comparisons, each measured in this run on this machine, rows alternating within each repeat
so that load from other processes hits them alike; medians over repeats are reported, as CPU
time of this process (all its threads: what the run costs a shared machine) and as wall time.

1. Training steps with NumPy's matrix products pinned to one thread (what ``ToyGAN.step`` does)
   against OpenBLAS's default thread pool. Goal: pinned never costs more than timing noise
   (CPU ratio <= 1.15 for every configuration; it saves most where matrices are larger, PacGAN).
2. One trainer frame: moving the artists of a figure built once (``ToyGANView.update``) against
   building the figure from scratch each frame. Goal: reuse at least 1.3x faster. The frame's
   CPU time is also shown as a share of the play button's 400 ms tick: below 1 the trainer keeps
   up with the browser's timer.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from unittest import mock

import numpy as np

from datagen_lab.gan_game import toy_gan
from datagen_lab.gan_game.toy_view import ToyGANView

STEPS = 100


def clocks() -> np.ndarray:
    """(CPU seconds of this process, wall seconds)."""
    return np.array([time.process_time(), time.perf_counter()])


def time_steps(config: toy_gan.ToyGANConfig, pinned: bool) -> np.ndarray:
    """(CPU, wall) seconds per training step over STEPS steps."""
    gan = toy_gan.make_gan(config)
    gan.step(5)
    patch = (
        contextlib.nullcontext()
        if pinned
        else mock.patch.object(toy_gan, "single_threaded_blas", contextlib.nullcontext)
    )
    with patch:
        start = clocks()
        gan.step(STEPS)
    return (clocks() - start) / STEPS


def time_frame(gan: toy_gan.ToyGAN, noise: np.ndarray, view: ToyGANView | None) -> np.ndarray:
    """(CPU, wall) seconds for one frame: update (and build, when ``view`` is None), encode PNG."""
    start = clocks()
    (view or ToyGANView(gan.data, noise)).update(gan).png()
    return clocks() - start


def play_interval_s() -> float:
    """The trainer's play interval in seconds (read from a trainer, not copied)."""
    from datagen_lab.gan_game.panel import gan_trainer

    return gan_trainer().play.interval / 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    configs = {
        "ring, k = 1": toy_gan.BALANCED,
        "ring, k = 5": toy_gan.REMEDY,
        "ring, PacGAN": toy_gan.ToyGANConfig(remedy="pack"),
    }
    rows: dict[str, list[np.ndarray]] = {}
    for _ in range(args.repeats):
        for name, config in configs.items():
            for pinned in (True, False):
                rows.setdefault(f"{name}:{pinned}", []).append(time_steps(config, pinned))
    median = {key: np.median(values, axis=0) for key, values in rows.items()}
    print(f"Training, ms per step, CPU / wall (median of {args.repeats} x {STEPS} steps)")
    ok = True
    for name in configs:
        pinned, default = median[f"{name}:True"], median[f"{name}:False"]
        ok &= pinned[0] / default[0] <= 1.15
        print(
            f"  {name:13} one BLAS thread {pinned[0] * 1e3:6.2f} / {pinned[1] * 1e3:6.2f}   "
            f"default threads {default[0] * 1e3:6.2f} / {default[1] * 1e3:6.2f}   "
            f"CPU ratio {pinned[0] / default[0]:4.2f}"
        )

    gan = toy_gan.make_gan().step(100)
    noise = np.random.default_rng(0).standard_normal((500, 2))
    view = ToyGANView(gan.data, noise)
    frames: dict[str, list[np.ndarray]] = {"reused": [], "rebuilt": []}
    for _ in range(args.repeats):
        frames["reused"].append(time_frame(gan, noise, view))
        frames["rebuilt"].append(time_frame(gan, noise, None))
    reused, rebuilt = (np.median(frames[key], axis=0) for key in ("reused", "rebuilt"))
    speedup = rebuilt[0] / reused[0]
    ok &= speedup >= 1.3
    print(f"Trainer frame, ms, CPU / wall (median of {args.repeats})")
    print(
        f"  reused figure {reused[0] * 1e3:6.1f} / {reused[1] * 1e3:6.1f}   rebuilt figure "
        f"{rebuilt[0] * 1e3:6.1f} / {rebuilt[1] * 1e3:6.1f}   CPU speed-up {speedup:4.1f}x"
    )
    tick = play_interval_s()
    print(f"  reused frame CPU / play tick ({tick * 1e3:.0f} ms): {reused[0] / tick:4.2f}")
    print("goals met" if ok else "GOAL MISSED: see the module docstring")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
