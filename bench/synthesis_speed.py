"""Speed of the dataset-synthesis helpers (lesson 05), as ratios against baselines run here.

    .venv/bin/python bench/synthesis_speed.py

1. ``fit_text``'s binary search over font sizes against the obvious loop that tries every size
   from the largest down until the text fits (same answer, checked).
2. ``recover_mixup_sources``'s closed-form search over all candidates at once against a Python loop
   over the candidates (same answer, checked).
3. The widgets' response time: one text preview and one gap-filling preview, in milliseconds
   (the goal: well under a second, so a slider feels live).
4. Scene-text synthesis throughput, in images per second.

Each timing is the best of a few repeats; ratios > 1 mean the library is faster than the baseline.
"""

from __future__ import annotations

import tempfile
import time

import numpy as np


def best_of(fn, repeats: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def fit_every_size(text, box, min_size, max_size):
    from datagen_lab.synthesis.fonts import _fits

    for size in range(max_size, min_size - 1, -1):
        lines = _fits(text, None, size, box, "center", True, False)
        if lines is not None:
            return size, lines
    raise ValueError("does not fit")


def recover_by_loop(mixed, pool):
    from datagen_lab.synthesis.interpolate_images import as_float_images, nearest_sources

    x = as_float_images(mixed).ravel()
    p = as_float_images(pool).reshape(len(pool), -1)
    a = int(nearest_sources(mixed, pool, k=1)[0][0])
    best = (np.inf, -1, 0.0)
    for b in range(len(p)):
        if b == a:
            continue
        d = p[a] - p[b]
        lam = float(np.clip((x - p[b]) @ d / max(d @ d, 1e-12), 0, 1))
        residual = float(np.sqrt(np.mean((x - p[b] - lam * d) ** 2)))
        best = min(best, (residual, b, lam))
    return a, best[1], best[2], best[0]


def main() -> None:
    from datagen_lab.data import load_mnist
    from datagen_lab.synthesis.fusion import fit_text
    from datagen_lab.synthesis.interpolate_images import mixup, recover_mixup_sources
    from datagen_lab.synthesis.panel import gap_preview, text_preview
    from datagen_lab.synthesis.scene_text import synthesize_scene_text

    text, box = "A caption long enough to wrap over a few lines of a photo", (480, 300)
    fast, found = best_of(lambda: fit_text(text, None, box, 8, 200))
    slow, expected = best_of(lambda: fit_every_size(text, box, 8, 200))
    assert found == expected, (found, expected)
    print(
        f"fit_text binary search: {fast * 1e3:7.1f} ms, every size: {slow * 1e3:7.1f} ms, ratio {slow / fast:5.1f}x"
    )

    pool = load_mnist().train_images[:2000]
    mixed, _ = mixup(pool[11], pool[42], np.eye(10)[0], np.eye(10)[0], 0.65)
    fast, found = best_of(lambda: recover_mixup_sources(mixed, pool))
    slow, expected = best_of(lambda: recover_by_loop(mixed, pool), repeats=1)
    assert found[:2] == expected[:2], (found, expected)
    print(
        f"mixup source search (2000 candidates): vectorised {fast * 1e3:7.1f} ms, loop {slow * 1e3:7.1f} ms, ratio {slow / fast:5.1f}x"
    )

    text_preview("warm up")
    gap_preview()
    seconds, _ = best_of(lambda: text_preview("Data, made new", size=60, background_name="chelsea"))
    print(f"text widget response: {seconds * 1e3:6.0f} ms")
    seconds, _ = best_of(lambda: gap_preview("cubic spline", 12, seed=3))
    print(f"gap widget response:  {seconds * 1e3:6.0f} ms")

    with tempfile.TemporaryDirectory() as folder:
        seconds, _ = best_of(lambda: synthesize_scene_text(folder, 40), repeats=1)
    print(
        f"scene-text synthesis: {40 / seconds:6.1f} images/s (128x192 px, 1-3 words, PNG + manifest)"
    )


if __name__ == "__main__":
    main()
