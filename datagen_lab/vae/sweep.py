r"""A beta-VAE sweep: the same VAE trained with several weights :math:`\beta` on the KL term, saved small.

Training seven VAEs takes longer than a lesson should, so the lesson reads a saved sweep
(``notebooks/results/07_beta_sweep.npz``, about 0.3 MB) and its beta slider flips through it.
Re-make it (about 20 minutes on two CPU cores) with::

    python -m datagen_lab.vae.sweep            # --steps 1200 --betas 0.1,0.25,0.5,1,2,4,8

Per beta it keeps held-out reconstruction and KL terms, the number of *active* latent dimensions,
the classifier's view of prior samples, reconstructions of eight fixed held-out digits, prior
samples, and a 2-D projection (PCA) of the posterior means of 1,000 held-out digits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.config import PROJECT_DIR
from datagen_lab.i18n import t
from datagen_lab.vae.report import rjust

SWEEP_FILE = PROJECT_DIR / "notebooks" / "results" / "07_beta_sweep.npz"
BETAS = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
SWEEP_STEPS = 1200
ACTIVE_NATS = 0.1  # a latent dimension is "active" if it carries more KL than this, on average
SHOWN, SAMPLES, PROJECTED = 8, 36, 1000


def active_dimensions(kl_per_dim: np.ndarray, threshold: float = ACTIVE_NATS) -> int:
    """How many latent dimensions the encoder actually uses.

    A collapsed dimension has q(z_d|x) = p(z_d) for every digit x: it costs no KL and carries no
    information. The average KL of a dimension (:func:`kl_per_dimension`) bounds the information
    it carries about x from above, so a dimension under ``threshold`` nats is counted as collapsed.
    (Burda et al., 2016, use the variance of the posterior means instead; on short runs that
    criterion still counts dimensions whose collapse is nearly complete.)

    Args:
        kl_per_dim: (D,) average KL per dimension, in nats.

    Returns:
        The number of dimensions above ``threshold``.
    """
    kl_per_dim = check_array(
        kl_per_dim, "kl_per_dim", ndim=1, kinds="iuf", low=0, what="a 1-D array (D,) of nats"
    )
    kl_per_dim = kl_per_dim.astype(np.float64)
    threshold = check_number(threshold, "threshold", low=0, what="nats")
    return int((kl_per_dim > threshold).sum())


def kl_per_dimension(mean: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Average KL (nats) each latent dimension contributes, over digits: float64 (D,)."""
    mean = check_array(mean, "mean", ndim=2, kinds="iuf", what="(N, D) posterior means").astype(
        np.float64
    )
    logvar = check_array(logvar, "logvar", ndim=2, kinds="iuf", what="(N, D) log-variances").astype(
        np.float64
    )
    if logvar.shape != mean.shape:
        raise InputError("logvar", logvar, f"log-variances of the shape of mean, {mean.shape}")
    return (0.5 * (np.exp(logvar) + mean**2 - 1.0 - logvar)).mean(axis=0)


def project_2d(codes: np.ndarray) -> np.ndarray:
    """Codes (N, D) -> (N, 2): unchanged for D = 2, else onto their top two principal components."""
    codes = check_array(codes, "codes", ndim=2, kinds="iuf", what="codes (N, D) with D >= 2")
    codes = codes.astype(np.float64)
    if codes.shape[1] < 2:
        raise InputError(
            "codes",
            codes,
            "an array of shape (N, D) with D >= 2: codes must have shape (N, D) with D >= 2",
        )
    if codes.shape[1] == 2:
        return codes.astype(np.float32)
    centred = codes - codes.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ axes[:2].T
    signs = np.sign(projected[np.abs(projected).argmax(axis=0), [0, 1]])  # a fixed orientation
    return (projected * signs).astype(np.float32)


@dataclass(frozen=True, eq=False)
class BetaSweep:
    """A saved sweep: one row per beta in every array (see the module docstring)."""

    betas: np.ndarray  # (K,) float
    steps: int
    latent_dim: int
    reconstruction: np.ndarray  # (K,) nats per held-out digit
    kl: np.ndarray  # (K,) nats per held-out digit; reconstruction + kl = the true negative ELBO
    active: np.ndarray  # (K,) int
    kl_per_dim: np.ndarray  # (K, D)
    confidence: np.ndarray  # (K,) classifier's mean top probability on prior samples
    entropy: np.ndarray  # (K,) bits, class histogram of prior samples
    frechet: np.ndarray  # (K,) Fréchet distance of prior samples to held-out digits
    greyness: np.ndarray  # (K,) mid-grey share of prior samples
    seconds: np.ndarray  # (K,) training seconds
    originals: np.ndarray  # (8, 28, 28) uint8 held-out digits
    reconstructions: np.ndarray  # (K, 8, 28, 28) uint8
    samples: np.ndarray  # (K, 36, 28, 28) uint8 prior samples
    projection: np.ndarray  # (K, 1000, 2) float16 PCA of posterior means
    labels: np.ndarray  # (1000,) uint8 labels of the projected digits

    def index(self, beta: float) -> int:
        """Row of ``beta`` (must be one of the swept values)."""
        beta = check_number(beta, "beta", what=f"one of the swept values {self.betas.tolist()}")
        found = np.flatnonzero(np.isclose(self.betas, beta))
        if not len(found):
            raise InputError(
                "beta",
                beta,
                f"one of the swept values {self.betas.tolist()}",
                f"beta={beta:g} is not in this sweep.",
            )
        return int(found[0])

    def table(self) -> str:
        """One text row per beta: held-out terms, active dimensions and sample quality."""
        # the headers pass through t(): a Chinese notebook prints Chinese ones
        names = ("beta", "recon", "KL", "-ELBO", "active", "confidence", "entropy", "Fréchet")
        names, widths = (*names, "mid-grey"), (5, 7, 6, 7, 7, 10, 8, 8, 9)
        lines = [" ".join(rjust(t(name), width) for name, width in zip(names, widths, strict=True))]
        for k, beta in enumerate(self.betas):
            lines.append(
                f"{beta:5.2g} {self.reconstruction[k]:7.1f} {self.kl[k]:6.1f} {self.reconstruction[k] + self.kl[k]:7.1f} "
                f"{self.active[k]:4d}/{self.latent_dim:<2d} {self.confidence[k]:10.2f} {self.entropy[k]:8.2f} "
                f"{self.frechet[k]:8.1f} {self.greyness[k]:9.0%}"
            )
        return "\n".join(lines)


def run_beta_sweep(
    train_images,
    test_images,
    test_labels,
    betas=BETAS,
    steps: int = SWEEP_STEPS,
    config=None,
    seed: int = 0,
    progress: bool = True,
) -> BetaSweep:
    """Train one VAE per beta for the same number of steps (fair under any CPU load) and measure it.

    Args:
        train_images: digits to train on; test_images, test_labels: held-out digits (>= 1,000).
        betas: the KL weights to try.
        steps: training steps per model (the same data order and noise for every beta).
        config: a :class:`datagen_lab.vae.model.VAEConfig` (default ``vae.DEFAULT``); its beta is replaced.
    """
    from datagen_lab.dcgan.evaluation import evaluate_digits
    from datagen_lab.vae.compare import greyness
    from datagen_lab.vae.model import DEFAULT, _check_config, make_vae_trainer, prepare_digits

    # every argument is checked before the first of seven trainings starts
    config, rows = config or DEFAULT, []
    _check_config(config)
    if isinstance(betas, str) or not isinstance(betas, tuple | list | np.ndarray) or not len(betas):
        raise InputError("betas", betas, "a non-empty tuple of KL weights, e.g. (0.5, 1, 2)")
    betas = [check_number(beta, "betas", low=0, what="every KL weight") for beta in betas]
    steps = check_positive_int(steps, "steps")
    seed = check_seed(seed)
    prepare_digits(train_images)
    test = prepare_digits(test_images)
    test_labels = check_array(
        test_labels, "test_labels", ndim=1, kinds="iu", low=0, high=9, what="digit classes"
    )
    if len(test_labels) != len(test):
        raise InputError("test_labels", test_labels, f"one class per held-out digit ({len(test)})")
    held, labels = np.asarray(test_images)[:PROJECTED], np.asarray(test_labels)[:PROJECTED]
    if len(held) < PROJECTED:
        raise InputError(
            "test_images",
            test_images,
            f"at least {PROJECTED} held-out digits",
            got_text=f"{len(held)}",
        )
    for beta in betas:
        began = time.perf_counter()
        trainer = make_vae_trainer(train_images, config.replace(beta=float(beta)), seed=seed)
        trainer.fit(steps=steps, progress=progress)
        task = trainer.task
        terms = task.evaluate(test_images, seed=seed)  # its recon and KL terms, whatever beta
        mean, logvar = task.encode(held)
        samples = task.sample(1000, seed=seed + 1)
        report = evaluate_digits(samples, test_images)
        rows.append(
            {
                "reconstruction": terms["reconstruction"],
                "kl": terms["kl"],
                "active": active_dimensions(kl_per_dimension(mean, logvar)),
                "kl_per_dim": kl_per_dimension(mean, logvar),
                "confidence": report.mean_confidence,
                "entropy": report.entropy_bits,
                "frechet": report.frechet,
                "greyness": greyness(samples),
                "seconds": trainer.seconds,
                "reconstructions": task.reconstruct(held[:SHOWN]),
                "samples": samples[:SAMPLES],
                "projection": project_2d(mean).astype(np.float16),
            }
        )
        print(
            f"beta {beta:g}: {time.perf_counter() - began:.0f} s, {rows[-1]['active']} active dims, {report.summary()}",
            flush=True,
        )
    stack = {key: np.stack([row[key] for row in rows]) for key in rows[0]}
    return BetaSweep(
        betas=np.asarray(betas, dtype=np.float64),
        steps=int(steps),
        latent_dim=config.latent_dim,
        originals=held[:SHOWN].astype(np.uint8),
        labels=labels.astype(np.uint8),
        **stack,
    )


def save_sweep(sweep: BetaSweep, path: str | Path = SWEEP_FILE) -> Path:
    """Write a sweep as a compressed ``.npz``; returns the path."""
    from datagen_lab.capstone.results import _check_target

    if not isinstance(sweep, BetaSweep):
        raise InputError("sweep", sweep, "a BetaSweep (from run_beta_sweep or load_sweep)")
    path = _check_target(path, "path")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path, **{name: np.asarray(getattr(sweep, name)) for name in BetaSweep.__dataclass_fields__}
    )
    return path


def load_sweep(path: str | Path = SWEEP_FILE) -> BetaSweep:
    """Read a sweep written by :func:`save_sweep` (the lesson ships one)."""
    from datagen_lab.vae.compare import _existing_file

    path = _existing_file(
        path, "No beta sweep at {path}; make one with `python -m datagen_lab.vae.sweep`."
    )
    try:
        with np.load(path) as archive:
            fields = {name: archive[name] for name in BetaSweep.__dataclass_fields__}
    except (OSError, ValueError, KeyError, EOFError) as error:
        raise InputError(
            "path",
            str(path),
            "a beta sweep written by save_sweep (.npz with every field)",
            f"It could not be read: {type(error).__name__}: {error}.",
        ) from None
    fields["steps"], fields["latent_dim"] = int(fields["steps"]), int(fields["latent_dim"])
    return BetaSweep(**fields)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Train one VAE per beta and save the sweep for lesson 07."
    )
    parser.add_argument("--steps", type=int, default=SWEEP_STEPS)
    parser.add_argument("--betas", default=",".join(f"{b:g}" for b in BETAS))
    parser.add_argument("--out", default=str(SWEEP_FILE))
    args = parser.parse_args(argv)

    from datagen_lab import set_seed
    from datagen_lab.classifier import load_classifier
    from datagen_lab.data import load_mnist

    set_seed(0)
    mnist = load_mnist()
    load_classifier()
    betas = [float(b) for b in args.betas.split(",")]
    sweep = run_beta_sweep(
        mnist.train_images, mnist.test_images, mnist.test_labels, betas, args.steps, progress=False
    )
    path = save_sweep(sweep, args.out)
    print(sweep.table())
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
