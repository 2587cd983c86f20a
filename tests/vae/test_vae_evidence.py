"""The numbers the VAE lesson's claims rest on (datagen_lab.vae.evidence), and its folded solutions.

No training: small hand-made histories, codes and curves whose answers are known.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from datagen_lab.checks import InputError
from datagen_lab.vae import evidence
from datagen_lab.vae import exercises as ex

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "07_vae_vs_gan.ipynb"


def test_kl_convergence_matches_the_closed_form_within_its_standard_errors():
    mean, logvar = np.array([1.0, -0.5, 0.0]), np.log([1.0, 2.0, 0.25])
    runs = evidence.kl_convergence(mean, logvar, sample_counts=(100, 10_000), seed=0)
    assert runs["exact"] == pytest.approx(0.5 * np.sum(np.exp(logvar) + mean**2 - 1 - logvar))
    assert (np.abs(runs["estimate"] - runs["exact"]) < 4 * runs["error"]).all()
    assert runs["error"][1] < runs["error"][0] / 5  # 100x the samples: about 1/10 the error
    with pytest.raises(InputError, match="sample_counts"):
        evidence.kl_convergence(mean, logvar, sample_counts=(1, 10))
    with pytest.raises(InputError, match="logvar"):
        evidence.kl_convergence(mean, logvar[:2])


def history(values):
    steps = np.arange(1, len(values) + 1)
    return SimpleNamespace(metric=lambda name: (steps, np.asarray(values, np.float64)))


def test_term_over_run_reads_start_tenth_half_and_end():
    found = evidence.term_over_run(history(np.arange(100.0, 0.0, -1.0)), "loss", window=0.01)
    assert found == {"start": 100.0, "10%": 91.0, "50%": 51.0, "end": 1.0}
    smoothed = evidence.term_over_run(history(np.arange(100.0)), "kl", window=0.1)
    assert smoothed["end"] == pytest.approx(np.mean(np.arange(90.0, 100.0)))
    assert evidence.term_over_run(history([3.0]), "kl") == dict.fromkeys(
        ("start", "10%", "50%", "end"), 3.0
    )
    with pytest.raises(InputError, match="trainer"):
        evidence.term_over_run(history([]), "kl")
    with pytest.raises(InputError, match="window"):
        evidence.term_over_run(history([1.0, 2.0]), "kl", window=0)
    with pytest.raises(InputError, match="trainer"):
        evidence.term_over_run(object(), "kl")


def test_codes_in_separate_clusters_agree_with_their_neighbours_and_have_a_layout():
    rng = np.random.default_rng(0)
    centres = {0: (0, -5), 1: (0, 5), 6: (-5, 0), 7: (5, 0)}
    labels = np.repeat(list(centres), 25)
    codes = np.array([centres[c] for c in labels]) + 0.1 * rng.normal(size=(100, 2))
    near = evidence.neighbour_agreement(codes, labels, k=5)
    assert near == {"same label": 1.0, "chance": pytest.approx(0.25)}
    assert evidence.class_layout(codes, labels) == {"top": 1, "bottom": 0, "left": 6, "right": 7}
    mixed = evidence.neighbour_agreement(rng.normal(size=(400, 2)), rng.integers(0, 4, 400))
    assert mixed["same label"] < 0.4  # random codes: about chance
    with pytest.raises(InputError, match="labels"):
        evidence.neighbour_agreement(codes, labels[:-1])
    with pytest.raises(InputError, match="codes"):
        evidence.class_layout(np.zeros((4, 3)), np.arange(4))


def curves():
    return {
        "models": {
            "VAE": {
                "steps": [1, 2, 3],
                "batch_size": 64,
                "frechet": [90.0, 50.0, 30.0],
                "confident": [0.1, 0.2, 0.3],
            },
            "GAN": {
                "steps": [4, 8],
                "batch_size": 16,
                "frechet": [40.0, 20.0],
                "confident": [0.3, 0.4],
            },
        }
    }


def test_curves_are_compared_at_equal_digits_seen():
    assert evidence.digits_seen(curves(), "GAN").tolist() == [64, 128]
    assert evidence.ahead_at_every_point(curves(), "frechet", "GAN", "VAE")
    assert not evidence.ahead_at_every_point(curves(), "frechet", "VAE", "GAN")
    assert evidence.ahead_at_every_point(curves(), "confident", "GAN", "VAE")
    assert evidence.digits_to_reach(curves(), "VAE", "frechet", 40.0) == 192
    assert evidence.digits_to_reach(curves(), "VAE", "frechet", 10.0) is None
    with pytest.raises(InputError, match="name"):
        evidence.digits_seen(curves(), "VQ-VAE")
    with pytest.raises(InputError, match="metric"):
        evidence.digits_to_reach(curves(), "VAE", "sharpness", 1.0)


def solutions() -> list[str]:
    """The Python code of every folded solution in lesson 7, in order."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    blocks = []
    for cell in cells:
        text = "".join(cell["source"])
        for folded in re.findall(r"<summary>Solution</summary>(.*?)</details>", text, re.DOTALL):
            blocks += re.findall(r"```python\n(.*?)```", folded, re.DOTALL)
    return blocks


def test_the_folded_solutions_pass_their_checkers():
    from datagen_lab import vae as lesson
    from datagen_lab.vae.sweep import load_sweep

    scope = {"np": np, "ex": ex, "lesson": lesson, "sweep": load_sweep()}
    for block in solutions():
        exec(block, scope)  # noqa: S102 (the lesson's own solution code)
    assert len(solutions()) == 6
    assert ex.check_kl(scope["kl"])
    assert ex.check_reparameterize(scope["reparameterize"])
    assert ex.check_bernoulli_nats(scope["bernoulli_nats"])
    assert ex.check_cubic_gradient(scope["gradient"])
    spreads = {name: values.std() for name, values in scope["estimates"].items()}
    ratio = spreads["score function"] / spreads["reparameterisation"]
    assert 2.3 < ratio < 2.7  # the solution says "about 2.5 times less"
    assert ex.check_best_beta(scope["best_beta"], scope["sweep"])
    assert ex.check_sampled_pixels(scope["answer"])
