"""A tiny multilayer perceptron with hand-written backpropagation, and Adam (NumPy only).

Enough machinery to train the lesson's toy GANs without a deep-learning framework, and small
enough to read in one sitting: each layer computes ``h = act(h_prev @ W + b)``; ``backward``
applies the chain rule layer by layer and returns the gradient for every weight and for the
input (the generator needs the latter: its loss reaches it through the discriminator).
The tests compare every gradient with finite differences.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from datagen_lab.gan_math import sigmoid

ACTIVATIONS = ("relu", "leaky_relu", "tanh", "linear")
LEAK = 0.2


@dataclass
class MLP:
    """Fully connected network ``sizes[0] -> sizes[1] -> ... -> sizes[-1]``.

    Attributes:
        weights: list of (fan_in, fan_out) float64 arrays; biases: list of (fan_out,) arrays.
        activation: for hidden layers, one of ``ACTIVATIONS``; the output layer is linear.
    """

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    activation: str = "leaky_relu"

    @classmethod
    def create(
        cls, sizes: list[int], rng: np.random.Generator, activation: str = "leaky_relu"
    ) -> MLP:
        """He/Glorot-style random initialisation: weights ~ N(0, 2 / (fan_in + fan_out))."""
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}; got {activation!r}.")
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(
                f"sizes needs at least an input and an output size, all >= 1; got {sizes}."
            )
        weights = [
            rng.normal(0, np.sqrt(2.0 / (a + b)), (a, b))
            for a, b in zip(sizes[:-1], sizes[1:], strict=True)
        ]
        return cls(weights, [np.zeros(b) for b in sizes[1:]], activation)

    @property
    def params(self) -> list[np.ndarray]:
        """Every trainable array, in a fixed order (W0, b0, W1, b1, ...), shared, not copied."""
        return [array for pair in zip(self.weights, self.biases, strict=True) for array in pair]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Run the network on a batch.

        Args:
            x: (N, sizes[0]) float.

        Returns:
            (output (N, sizes[-1]), cache): the cache holds every layer's input and
            pre-activation, for :meth:`backward`.
        """
        x = np.asarray(x, dtype=float)
        if x.ndim != 2 or x.shape[1] != self.weights[0].shape[0]:
            raise ValueError(f"expected input (N, {self.weights[0].shape[0]}), got {x.shape}.")
        cache, h = [], x
        for index, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = h @ w + b
            cache.append((h, z))
            h = z if index == len(self.weights) - 1 else _act(z, self.activation)
        return h, cache

    def backward(self, cache: list, grad_out: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """Chain rule through the network.

        Args:
            cache: from :meth:`forward`; grad_out: dLoss/d(output), (N, sizes[-1]).

        Returns:
            (gradients in the order of :attr:`params`, dLoss/d(input) (N, sizes[0])).
        """
        grads: list[np.ndarray] = []
        grad = grad_out
        for index in reversed(range(len(self.weights))):
            h, z = cache[index]
            if index < len(self.weights) - 1:
                grad = grad * _act_slope(z, self.activation)
            grads[:0] = [h.T @ grad, grad.sum(axis=0)]
            grad = grad @ self.weights[index].T
        return grads, grad

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)[0]


@dataclass
class Adam:
    """Adam (Kingma & Ba, 2015) updating a list of arrays in place.

    GANs usually train with beta1 = 0.5 (Radford et al., 2016): less momentum copes better
    with an opponent that keeps moving.
    """

    params: list[np.ndarray]
    lr: float = 1e-3
    beta1: float = 0.5
    beta2: float = 0.999
    eps: float = 1e-8
    t: int = 0
    m: list[np.ndarray] = field(default_factory=list)
    v: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.lr > 0:
            raise ValueError(f"learning rate must be positive, got {self.lr}.")
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]

    def step(self, grads: list[np.ndarray]) -> None:
        """One descent step on every parameter (gradients in the order of ``params``)."""
        self.t += 1
        correction = np.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= self.lr * correction * m / (np.sqrt(v) + self.eps)


def bce_with_logits(logits: np.ndarray, target: float) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of ``sigmoid(logits)`` against a constant label, and its gradient.

    Args:
        logits: (N, 1) discriminator outputs before the sigmoid.
        target: 1.0 ("real") or 0.0 ("fake").

    Returns:
        (loss, dLoss/dlogits (N, 1)); computed from logits so it never takes log(0).
    """
    a = np.asarray(logits, dtype=float)
    loss = np.maximum(a, 0) - a * target + np.log1p(np.exp(-np.abs(a)))
    return float(loss.mean()), (sigmoid(a) - target) / a.size


def _act(z: np.ndarray, name: str) -> np.ndarray:
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky_relu":
        return np.where(z > 0, z, LEAK * z)
    if name == "tanh":
        return np.tanh(z)
    return z


def _act_slope(z: np.ndarray, name: str) -> np.ndarray:
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, LEAK)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    return np.ones_like(z)


def numeric_gradient(
    loss: Callable[[], float], array: np.ndarray, h: float = 1e-6, limit: int = 40
) -> tuple[np.ndarray, np.ndarray]:
    """Central finite differences ``(loss(a + h) - loss(a - h)) / 2h``, one entry at a time.

    The check every hand-written gradient must pass: nudge one number, see how the loss moves.

    Args:
        loss: recomputes the loss from the current contents of ``array``.
        array: float64 array, nudged in place and restored.
        limit: at most this many entries, evenly spread over the array.

    Returns:
        (flat indices checked, numerical derivatives at those indices).
    """
    flat = array.reshape(-1)
    if not np.shares_memory(flat, array):
        raise ValueError("numeric_gradient needs a contiguous array it can change in place.")
    index = np.linspace(0, flat.size - 1, min(limit, flat.size)).astype(int)
    slopes = []
    for i in index:
        saved = flat[i]
        flat[i] = saved + h
        up = loss()
        flat[i] = saved - h
        down = loss()
        flat[i] = saved
        slopes.append((up - down) / (2 * h))
    return index, np.array(slopes)


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a - n| / max(|a| + |n|, 1e-8): below about 1e-6 means the backprop is right."""
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    return float(
        np.max(np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8))
    )


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run NumPy's matrix products on one thread inside the ``with`` block.

    The toy networks multiply matrices of a few hundred rows: OpenBLAS's worker threads cost
    more than they save there, and on a shared or quota-limited CPU (Binder, a busy laptop) the
    waiting threads made a training step 30x slower in our measurements. Works with the
    OpenBLAS that NumPy wheels ship; elsewhere (Accelerate, MKL, no /proc) it does nothing.
    """
    functions = _openblas_thread_functions()
    if functions is None:
        yield
        return
    get_threads, set_threads = functions
    before = get_threads()
    set_threads(1)
    try:
        yield
    finally:
        set_threads(before)


@lru_cache(maxsize=1)
def _openblas_thread_functions():
    try:
        with open("/proc/self/maps") as maps:
            paths = {
                line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line
            }
    except OSError:
        return None
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            getter = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
            setter = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
            if getter is not None and setter is not None:
                return getter, setter
    return None
