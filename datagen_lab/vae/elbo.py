r"""The VAE's objective, term by term, and the reparameterisation trick (TensorFlow ops).

For a digit :math:`x`, an encoder :math:`q(z|x) = \mathcal N(\mu, \operatorname{diag}\sigma^2)`,
the prior :math:`p(z) = \mathcal N(0, I)` and a decoder of independent Bernoulli pixels,

.. math:: -\mathrm{ELBO}(x) = \underbrace{\mathbb E_{q(z|x)}[-\log p(x|z)]}_{\text{reconstruction}}
          + \beta\, \underbrace{\mathrm{KL}(q(z|x)\,\|\,p(z))}_{\text{KL}} \;\ge\; -\log p(x)
          \quad (\beta = 1).

Every function here accepts NumPy arrays or tensors and returns tensors (``np.asarray`` them);
:class:`datagen_lab.vae.model.VAETask` trains with exactly these functions. Everything is in nats.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_callable,
    check_int,
    check_number,
    check_positive_int,
    check_seed,
)
from datagen_lab.tf_runtime import import_tensorflow

LOG_2PI = math.log(2.0 * math.pi)


def reparameterize(mean, logvar, eps):
    r""":math:`z = \mu + \sigma \odot \varepsilon` with :math:`\sigma = \exp(\tfrac12 \log\sigma^2)`.

    The randomness lives in ``eps`` ~ N(0, I), drawn outside the model, so ``z`` is a
    differentiable function of ``mean`` and ``logvar``: gradients flow through the sample.

    Args:
        mean, logvar: (B, D). eps: (B, D), or (S, B, D) for S samples per row.

    Returns:
        float32 tensor with the shape of ``eps``.
    """
    tf = import_tensorflow()
    if tf.executing_eagerly():
        m, _ = _gaussian(mean, logvar)
        e = _values(eps, "eps", ndim=None)
        if e.shape != m.shape and e.shape[1:] != m.shape:
            raise InputError(
                "eps", e, f"noise of shape {m.shape} or (S, {', '.join(map(str, m.shape))})"
            )
    mean, logvar, eps = (tf.cast(v, tf.float32) for v in (mean, logvar, eps))
    return mean + tf.exp(0.5 * logvar) * eps


def kl_closed_form(mean, logvar):
    r"""KL divergence from a diagonal Gaussian to the standard normal prior, exactly.

    .. math:: \mathrm{KL} = \tfrac12 \sum_d \left(\sigma_d^2 + \mu_d^2 - 1 - \log\sigma_d^2\right)

    Args:
        mean, logvar: float (B, D) parameters of q(z|x).

    Returns:
        float32 (B,) nats, one per row; 0 exactly when mean = 0 and logvar = 0.
    """
    tf = import_tensorflow()
    if tf.executing_eagerly():
        _gaussian(mean, logvar)
    mean, logvar = tf.cast(mean, tf.float32), tf.cast(logvar, tf.float32)
    return 0.5 * tf.reduce_sum(tf.exp(logvar) + tf.square(mean) - 1.0 - logvar, axis=-1)


def log_normal(z, mean, logvar):
    """Log density of a diagonal Gaussian at ``z``, summed over the last axis (shapes broadcast)."""
    tf = import_tensorflow()
    if tf.executing_eagerly():
        shapes = [
            _values(v, name, ndim=None).shape
            for v, name in ((z, "z"), (mean, "mean"), (logvar, "logvar"))
        ]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise InputError(
                "mean",
                mean,
                f"shapes that broadcast with z {shapes[0]}",
                got_text=f"shapes {shapes}",
            ) from None
    z, mean, logvar = (tf.cast(v, tf.float32) for v in (z, mean, logvar))
    return -0.5 * tf.reduce_sum(LOG_2PI + logvar + tf.square(z - mean) * tf.exp(-logvar), axis=-1)


def kl_monte_carlo(mean, logvar, samples: int = 1000, seed: int = 0):
    r"""The same KL estimated by sampling: the mean of :math:`\log q(z|x) - \log p(z)` over z ~ q.

    Args:
        mean, logvar: float (B, D).
        samples: draws of z per row.
        seed: seeds the draws (stateless: same seed, same estimate).

    Returns:
        ``(estimate, standard_error)``, float32 (B,) each. The estimate is unbiased: the closed form
        lies within a few standard errors of it, and the error shrinks like 1/sqrt(samples).
    """
    tf = import_tensorflow()
    samples = check_int(samples, "samples", low=2, what="at least 2 to estimate a standard error")
    seed = check_seed(seed)
    if tf.executing_eagerly():
        _gaussian(mean, logvar)
    mean, logvar = tf.cast(mean, tf.float32), tf.cast(logvar, tf.float32)
    eps = tf.random.stateless_normal(tf.concat([[samples], tf.shape(mean)], 0), seed=[seed, 1])
    z = reparameterize(mean, logvar, eps)
    terms = log_normal(z, mean, logvar) - log_normal(z, 0.0, 0.0)  # (S, B)
    return tf.reduce_mean(terms, axis=0), tf.math.reduce_std(terms, axis=0) / math.sqrt(samples)


def reconstruction_nats(images, logits):
    r""":math:`-\log p(x|z)` for Bernoulli pixels: the cross-entropy summed over all pixels.

    Args:
        images: float (B, 28, 28, 1) in [0, 1]; grey levels act as soft targets.
        logits: decoder output, same shape; pixel probabilities are ``sigmoid(logits)``.

    Returns:
        float32 (B,) nats per digit (784 ln 2 = 543 nats for a decoder that says 1/2 everywhere).
    """
    tf = import_tensorflow()
    if tf.executing_eagerly():
        x = _values(images, "images", ndim=None, low=0, high=1, what="pixel targets in [0, 1]")
        logit_values = _values(logits, "logits", ndim=None, what="decoder logits")
        if x.ndim < 2 or x.shape != logit_values.shape:
            raise InputError(
                "logits", logit_values, f"decoder logits of the images' shape {x.shape} (a batch)"
            )
    images = tf.cast(images, tf.float32)
    terms = tf.nn.sigmoid_cross_entropy_with_logits(labels=images, logits=logits)
    return tf.reduce_sum(tf.reshape(terms, [tf.shape(terms)[0], -1]), axis=1)


def negative_elbo(images, logits, mean, logvar, beta: float = 1.0) -> dict:
    """The loss per digit: ``{"loss", "reconstruction", "kl"}``, float32 (B,) tensors in nats.

    ``loss = reconstruction + beta * kl``, with the reconstruction term estimated from the one
    z per digit that produced ``logits`` (a one-sample Monte Carlo estimate of the expectation).
    """
    if not _is_tensor(beta):
        check_number(beta, "beta", low=0, what="the KL weight")
    reconstruction, kl = reconstruction_nats(images, logits), kl_closed_form(mean, logvar)
    if import_tensorflow().executing_eagerly() and reconstruction.shape[0] != kl.shape[0]:
        raise InputError("mean", mean, f"one row per image ({reconstruction.shape[0]})")
    return {"loss": reconstruction + beta * kl, "reconstruction": reconstruction, "kl": kl}


def prepare_digits(images: np.ndarray) -> np.ndarray:
    """Validate digits like :func:`datagen_lab.dcgan.model.prepare_images`; return float32 (N, 28, 28, 1) in [0, 1]."""
    from datagen_lab.dcgan.model import prepare_images

    return (prepare_images(images) + 1.0) * 0.5


def entropy_floor(images: np.ndarray) -> float:
    """Lowest reachable reconstruction term, in nats per digit, for these grey-level digits.

    The cross-entropy of a target p with itself is p's entropy, 0 only for pure black or white
    pixels: the anti-aliased edges of MNIST strokes keep the reconstruction term above this floor.

    Args:
        images: (N, 28, 28[, 1]) uint8 in [0, 255] or float in [0, 1].
    """
    p = np.clip(prepare_digits(images).astype(np.float64), 1e-12, 1 - 1e-12)
    entropy = -(p * np.log(p) + (1 - p) * np.log1p(-p))
    return float(entropy.reshape(len(p), -1).sum(axis=1).mean())


def gradient_through_sample(
    mean: float = 1.0, std: float = 0.5, samples: int = 10_000, seed: int = 0
) -> dict:
    r"""Gradients of :math:`\mathbb E_{z\sim\mathcal N(\mu,\sigma^2)}[z^2] = \mu^2 + \sigma^2` with respect to μ and σ.

    Returns:
        ``{method: (d/dmu, d/dsigma)}`` for ``"exact"`` (2μ, 2σ), ``"reparameterised"`` (z = μ + σ ε,
        averaged over ``samples`` draws: close to exact) and ``"sampled outside the graph"`` (z drawn
        by NumPy from N(μ, σ²): the tape sees a constant, so both gradients are ``None``).
    """
    mean = check_number(mean, "mean")
    std = check_number(std, "std", low=0, what="a standard deviation")
    samples = check_positive_int(samples, "samples")
    seed = check_seed(seed)
    tf = import_tensorflow()
    mu, sigma = tf.Variable(float(mean)), tf.Variable(float(std))
    eps = tf.random.stateless_normal([samples], seed=[seed, 2])
    with tf.GradientTape() as tape:
        objective = tf.reduce_mean(tf.square(mu + sigma * eps))
    through = [float(g) for g in tape.gradient(objective, [mu, sigma])]
    drawn = np.random.default_rng(seed).normal(mean, std, samples).astype(np.float32)
    with tf.GradientTape() as tape:
        objective = tf.reduce_mean(tf.square(tf.constant(drawn)))
    outside = tape.gradient(objective, [mu, sigma])
    return {
        "exact": (2.0 * mean, 2.0 * std),
        "reparameterised": tuple(through),
        "sampled outside the graph": tuple(outside),
    }


def gradient_estimators(
    f: Callable | None = None,
    mean: float = 1.0,
    std: float = 0.5,
    samples: int = 10_000,
    seed: int = 0,
) -> dict:
    r"""Two unbiased estimators of :math:`\partial_\mu \mathbb E_{z\sim\mathcal N(\mu,\sigma^2)}[f(z)]`, compared.

    * reparameterisation (pathwise): :math:`f'(\mu + \sigma\varepsilon)`, needs f differentiable;
    * score function (REINFORCE): :math:`f(z)\,(z-\mu)/\sigma^2`, needs only values of f.

    Args:
        f: an element-wise TensorFlow-differentiable function; default :math:`z^2` (exact gradient 2μ).

    Returns:
        ``{name: per-sample estimates}``, float64 (samples,) each: their means agree (both are
        unbiased), their spreads do not, and the spread is what makes training noisy.
    """
    if f is not None:
        check_callable(f, "f", "an element-wise TensorFlow function, e.g. tf.square")
    mean = check_number(mean, "mean")
    std = check_number(std, "std", low=0, low_open=True, what="a standard deviation")
    samples = check_positive_int(samples, "samples")
    seed = check_seed(seed)
    tf = import_tensorflow()
    f = f or tf.square
    eps = tf.random.stateless_normal([samples], seed=[seed, 3])
    z = mean + std * eps
    with tf.GradientTape() as tape:
        tape.watch(z)
        values = f(z)
    pathwise = tape.gradient(values, z).numpy().astype(np.float64)
    score = values.numpy().astype(np.float64) * (z.numpy() - mean) / std**2
    return {"reparameterisation": pathwise, "score function": score}


def _is_tensor(value) -> bool:
    return type(value).__module__.startswith(("tensorflow", "keras"))


def _values(value, name: str, ndim=None, low=None, high=None, what: str = "") -> np.ndarray:
    """An eager tensor or array as a finite NumPy array (checked only outside tf.function)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = np.asarray(value, np.float32)
    return check_array(value, name, ndim=ndim, kinds="iuf", low=low, high=high, what=what)


def _gaussian(mean, logvar) -> tuple[np.ndarray, np.ndarray]:
    """Finite ``mean`` and ``logvar`` of one shape (B, D) (or (D,)): a diagonal Gaussian's parameters."""
    m = _values(mean, "mean", ndim=(1, 2), what="(B, D) means")
    v = _values(logvar, "logvar", ndim=(1, 2), what="(B, D) log-variances")
    if v.shape != m.shape:
        raise InputError("logvar", v, f"log-variances of the shape of mean, {m.shape}")
    return m, v
