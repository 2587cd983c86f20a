"""Throughput of the lesson's batch helper against raw imgaug (and albumentations, if installed).

    .venv/bin/python bench/augment_throughput.py [--repeats 5]

Same run, same machine, same data for every row: 256 photos (224 x 224 crops of the four sample
photos) and 10,000 MNIST digits, through the lesson's first pipeline (flip, rotate, brightness,
Gaussian noise). Rows alternate within each repeat, so load from other processes hits them alike;
the median (and best) over repeats is reported. Goal: the helper's overhead over raw imgaug under 5%.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from datagen_lab.augment_image import augment_batch, make_pipeline
from datagen_lab.data import PHOTOS, load_mnist, load_photo

STEPS = {"fliplr": 0.5, "rotate": 25, "multiply": 0.3, "gaussian_noise": 12}
GOAL = 0.05


def photo_batch(n: int = 256, size: int = 224, seed: int = 0) -> np.ndarray:
    """``n`` random ``size`` x ``size`` crops of the sample photos, shorter side resized to 256."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    crops = []
    for index in range(n):
        photo = load_photo(PHOTOS[index % len(PHOTOS)])
        h, w = photo.shape[:2]
        factor = 256 / min(h, w)
        photo = np.asarray(Image.fromarray(photo).resize((round(w * factor), round(h * factor))))
        y = rng.integers(0, photo.shape[0] - size + 1)
        x = rng.integers(0, photo.shape[1] - size + 1)
        crops.append(photo[y : y + size, x : x + size])
    return np.stack(crops)


def digit_batch() -> np.ndarray:
    """All 10,000 digits available offline (training and held-out splits together)."""
    mnist = load_mnist()
    return np.concatenate([mnist.train_images, mnist.test_images])[:10_000]


def albumentations_transform():
    """The closest albumentations pipeline, or None when albumentations is not installed."""
    try:
        import albumentations as A
    except ImportError:
        return None
    major = int(A.__version__.split(".")[0])
    noise = (
        A.GaussNoise(std_range=(0, 12 / 255), p=1)
        if major >= 2
        else A.GaussNoise(var_limit=(0, 144), p=1)
    )
    return A.Compose(
        [
            A.HorizontalFlip(p=0.5),
            A.Affine(rotate=(-25, 25), p=1),
            A.MultiplicativeNoise(multiplier=(0.7, 1.3), per_channel=False, elementwise=False, p=1),
            noise,
        ]
    )


def measure(batch: np.ndarray, repeats: int) -> dict[str, list[float]]:
    """Seconds per pass over ``batch`` for each method, ``repeats`` times, interleaved."""
    helper_pipeline, raw_pipeline = make_pipeline(STEPS, seed=0), make_pipeline(STEPS, seed=0)
    as_float = batch.astype(np.float32) / 255
    float_pipeline = make_pipeline(STEPS, seed=0)
    albu = albumentations_transform()
    methods = {
        "augment_batch (helper)": lambda: augment_batch(batch, helper_pipeline),
        "raw imgaug, same pipeline": lambda: raw_pipeline(images=batch),
        "augment_batch, float32 input": lambda: augment_batch(as_float, float_pipeline),
    }
    if albu is not None:
        methods["albumentations, per image"] = lambda: [
            albu(image=image)["image"] for image in batch
        ]
    # same seed, same work: the helper must return exactly raw imgaug's pixels
    check = augment_batch(batch[:32], make_pipeline(STEPS, seed=1))
    assert np.array_equal(check, make_pipeline(STEPS, seed=1)(images=batch[:32])), (
        "helper != imgaug"
    )
    times: dict[str, list[float]] = {name: [] for name in methods}
    for run in methods.values():  # warm-up: imports, caches, first-call costs
        run()
    for _ in range(repeats):
        for name, run in methods.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return times


def report(title: str, n: int, times: dict[str, list[float]]) -> float:
    """Print images/s per method; return the helper's overhead over raw imgaug (median ratio - 1)."""
    print(f"\n{title}: {n} images, {len(next(iter(times.values())))} repeats (median / best)")
    for name, seconds in times.items():
        median, best = n / statistics.median(seconds), n / min(seconds)
        print(f"  {name:<30}{median:>10,.0f} / {best:,.0f} images/s")
    if not any(name.startswith("albumentations") for name in times):
        print(
            f"  {'albumentations':<30}{'skipped: not installed (pip install albumentations)':>10}"
        )
    helper = statistics.median(times["augment_batch (helper)"])
    raw = statistics.median(times["raw imgaug, same pipeline"])
    ratio = helper / raw
    best = min(times["augment_batch (helper)"]) / min(times["raw imgaug, same pipeline"])
    print(
        f"  helper / raw imgaug time ratio: {ratio:.3f} median, {best:.3f} best "
        f"(overhead {ratio - 1:+.1%}, goal < {GOAL:.0%})"
    )
    return ratio - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed passes per method (default 5)"
    )
    args = parser.parse_args(argv)
    photos, digits = photo_batch(), digit_batch()
    overheads = [
        report("photos 224x224x3", len(photos), measure(photos, args.repeats)),
        report("MNIST digits 28x28", len(digits), measure(digits, args.repeats)),
    ]
    worst = max(overheads)
    verdict = "met" if worst < GOAL else "NOT met"
    print(f"\nworst helper overhead {worst:+.1%}: goal (< {GOAL:.0%}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
