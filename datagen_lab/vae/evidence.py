"""The numbers the VAE lesson's conclusions rest on, for :func:`datagen_lab.claims.claim` to check.

Each function reads a result the lesson already has (one Gaussian, a trainer's history, codes of
held-out digits, the saved quality curves) and returns plain numbers, so a notebook cell can
state a conclusion in one line and the evidence is printed beside it:

* :func:`kl_convergence`: Monte Carlo estimates of a KL divergence against its closed form;
* :func:`term_over_run`: a logged loss term near the start, a tenth in, halfway and at the end;
* :func:`neighbour_agreement` and :func:`class_layout`: do same-class codes sit together, and
  which class sits where in a 2-d latent space;
* :func:`digits_seen`, :func:`ahead_at_every_point`, :func:`digits_to_reach`: the saved curves
  read at equal training progress.
"""

from __future__ import annotations

import numpy as np

from datagen_lab.checks import InputError, check_array, check_choice, check_int, check_seed

SAMPLE_COUNTS = (10, 30, 100, 300, 1000, 3000, 10000)


def kl_convergence(mean, logvar, sample_counts=SAMPLE_COUNTS, seed: int = 0) -> dict:
    """KL(q || N(0, I)) of one diagonal Gaussian: the closed form and Monte Carlo estimates.

    Args:
        mean, logvar: (D,) parameters of q.
        sample_counts: numbers of draws to try, each >= 2.
        seed: seeds the draws (the same seed gives the same estimates).

    Returns:
        ``{"exact": float, "samples": (K,) int, "estimate": (K,), "error": (K,)}``; ``error`` is
        one standard error of each estimate.
    """
    from datagen_lab.vae.elbo import kl_closed_form, kl_monte_carlo

    mean = check_array(mean, "mean", ndim=1, kinds="iuf", what="(D,) means of one Gaussian")
    logvar = check_array(logvar, "logvar", ndim=1, kinds="iuf", what="(D,) log-variances")
    if logvar.shape != mean.shape:
        raise InputError("logvar", logvar, f"log-variances of the shape of mean, {mean.shape}")
    if isinstance(sample_counts, str | bytes) or not np.iterable(sample_counts):
        raise InputError("sample_counts", sample_counts, "a sequence of sample counts, each >= 2")
    counts = [
        check_int(n, "sample_counts", low=2, what="sample counts >= 2") for n in sample_counts
    ]
    if not counts:
        raise InputError("sample_counts", sample_counts, "at least one sample count")
    seed = check_seed(seed)
    mean, logvar = mean[None].astype(np.float32), logvar[None].astype(np.float32)
    runs = [kl_monte_carlo(mean, logvar, samples=n, seed=seed) for n in counts]
    return {
        "exact": float(kl_closed_form(mean, logvar)[0]),
        "samples": np.array(counts),
        "estimate": np.array([float(estimate[0]) for estimate, _ in runs]),
        "error": np.array([float(error[0]) for _, error in runs]),
    }


def term_over_run(trainer, name: str, window: float = 0.05) -> dict[str, float]:
    """A logged term (e.g. ``"kl"``) at four points of a run: the start, 10%, 50% and the end.

    Each point after the first is the mean over ``window`` of the run's logged steps around it,
    so one noisy step does not decide it.

    Returns:
        ``{"start", "10%", "50%", "end"}`` in the term's units.
    """
    if not hasattr(trainer, "metric"):
        raise InputError("trainer", trainer, "a Trainer (from make_vae_trainer) that has trained")
    if not isinstance(name, str):
        raise InputError("name", name, "the name of a logged term, e.g. 'kl'")
    if isinstance(window, bool) or not isinstance(window, int | float) or not 0 < window <= 0.5:
        raise InputError("window", window, "a share of the run in (0, 0.5]")
    _, values = trainer.metric(name)
    values = np.asarray(values, np.float64)
    if not len(values):
        raise InputError("trainer", trainer, f"a trainer that has logged {name!r}")
    width = max(1, round(window * len(values)))

    def around(share: float) -> float:
        end = min(len(values), max(width, round(share * len(values))))
        return float(values[end - width : end].mean())

    return {"start": float(values[0]), "10%": around(0.1), "50%": around(0.5), "end": around(1.0)}


def neighbour_agreement(codes, labels, k: int = 5) -> dict[str, float]:
    """How much codes cluster by class: the share of each code's ``k`` nearest codes with its label.

    Args:
        codes: (N, D) latent codes; labels: (N,) their classes (never shown to the model).
        k: neighbours per code (ties in distance are broken by index: deterministic).

    Returns:
        ``{"same label": share, "chance": share}``; ``chance`` is what codes placed at random would
        get (the sum of the squared class shares).
    """
    codes, labels = _codes_and_labels(codes, labels)
    k = check_int(k, "k", low=1, high=len(codes) - 1, what="neighbours, fewer than the codes")
    distances = ((codes[:, None, :] - codes[None, :, :]) ** 2).sum(axis=-1)
    np.fill_diagonal(distances, np.inf)
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    same = float((labels[nearest] == labels[:, None]).mean())
    shares = np.bincount(labels) / len(labels)
    return {"same label": same, "chance": float((shares**2).sum())}


def class_layout(codes, labels) -> dict[str, int]:
    """Which class's mean code sits highest, lowest, leftmost and rightmost in a 2-d latent space.

    Returns:
        ``{"top": class, "bottom": class, "left": class, "right": class}`` (z2 up, z1 right).
    """
    codes, labels = _codes_and_labels(codes, labels)
    if codes.shape[1] != 2:
        raise InputError("codes", codes, "2-d codes (N, 2), e.g. from the PLANE model")
    classes = np.unique(labels)
    centres = np.array([codes[labels == c].mean(axis=0) for c in classes])
    return {
        "top": int(classes[np.argmax(centres[:, 1])]),
        "bottom": int(classes[np.argmin(centres[:, 1])]),
        "left": int(classes[np.argmin(centres[:, 0])]),
        "right": int(classes[np.argmax(centres[:, 0])]),
    }


def digits_seen(curves: dict, name: str) -> np.ndarray:
    """The x axis of a saved curve: digits seen at each judgement (steps x batch size), int (K,)."""
    model = _curve(curves, name)
    return np.asarray(model["steps"], np.int64) * int(model["batch_size"])


def ahead_at_every_point(curves: dict, metric: str, leader: str, other: str) -> bool:
    """True when ``leader`` beats ``other`` on ``metric`` at every judgement both reached.

    Points are matched by digits seen; lower is better for ``"frechet"`` and ``"greyness"``,
    higher for ``"confidence"``, ``"confident"`` and ``"entropy"``.
    """
    metric = check_choice(metric, "metric", tuple(_LOWER_IS_BETTER))
    a, b = _curve(curves, leader), _curve(curves, other)
    xa, xb = digits_seen(curves, leader), digits_seen(curves, other)
    common = np.intersect1d(xa, xb)
    if not len(common):
        raise InputError("curves", curves, f"curves of {leader} and {other} with shared points")
    va = np.asarray(a[metric], np.float64)[np.isin(xa, common)]
    vb = np.asarray(b[metric], np.float64)[np.isin(xb, common)]
    return bool((va < vb).all() if _LOWER_IS_BETTER[metric] else (va > vb).all())


def digits_to_reach(curves: dict, name: str, metric: str, target: float) -> int | None:
    """Digits ``name`` had seen at its first judgement at least as good as ``target``, or None."""
    metric = check_choice(metric, "metric", tuple(_LOWER_IS_BETTER))
    values = np.asarray(_curve(curves, name)[metric], np.float64)
    good = values <= target if _LOWER_IS_BETTER[metric] else values >= target
    hits = np.flatnonzero(good)
    return int(digits_seen(curves, name)[hits[0]]) if len(hits) else None


_LOWER_IS_BETTER = {
    "frechet": True,
    "greyness": True,
    "confidence": False,
    "confident": False,
    "entropy": False,
}


def _curve(curves, name) -> dict:
    models = curves.get("models") if isinstance(curves, dict) else None
    if not isinstance(models, dict):
        raise InputError("curves", curves, "saved curves (from load_curves), with 'models'")
    if name not in models:
        raise InputError("name", name, f"a model of the saved curves: {sorted(models)}")
    return models[name]


def _codes_and_labels(codes, labels) -> tuple[np.ndarray, np.ndarray]:
    codes = check_array(codes, "codes", ndim=2, kinds="iuf", what="latent codes (N, D)")
    labels = check_array(labels, "labels", ndim=1, kinds="iu", low=0, what="classes (N,)")
    if len(labels) != len(codes):
        raise InputError("labels", labels, f"one class per code ({len(codes)})")
    if len(codes) < 2:
        raise InputError("codes", codes, "at least 2 codes")
    return codes.astype(np.float64), labels.astype(np.int64)
