"""A tiny multilayer perceptron with hand-written backpropagation, and Adam (NumPy only).

Enough machinery to train the lesson's toy GANs without a deep-learning framework, and small
enough to read in one sitting: each layer computes ``h = act(h_prev @ W + b)``; ``backward``
applies the chain rule layer by layer and returns the gradient for every weight and for the
input (the generator needs the latter: its loss reaches it through the discriminator).
The tests compare every gradient with finite differences.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_callable,
    check_choice,
    check_number,
    check_positive_int,
    check_probability,
)
from datagen_lab.gan_game.densities import _check_rng
from datagen_lab.gan_game.losses import _sigmoid

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
        """He/Glorot-style random initialisation: weights ~ N(0, 2 / (fan_in + fan_out)).

        Args:
            sizes: layer widths, input first, at least two, all ints >= 1.
            rng: a NumPy Generator; activation: one of ``ACTIVATIONS``.
        """
        check_choice(activation, "activation", ACTIVATIONS)
        expected = "a list of at least two layer sizes (input, ..., output), all ints >= 1"
        if isinstance(sizes, str | bytes) or not isinstance(sizes, list | tuple) or len(sizes) < 2:
            raise InputError("sizes", sizes, expected)
        try:
            sizes = [check_positive_int(size, "sizes") for size in sizes]
        except InputError:
            raise InputError("sizes", sizes, expected) from None
        _check_rng(rng)
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
        width = self.weights[0].shape[0]
        x = check_array(x, "x", ndim=2, min_size=0, what=f"expected input (N, {width})")
        if x.shape[1] != width:
            raise InputError("x", x, f"an array of shape (N, {width}): expected input (N, {width})")
        return self._forward(x.astype(float))

    def _forward(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        # Unchecked: the training loop's own arrays, many times a step (checks cost ~20%).
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
        output = cache[-1][1].shape
        grad = check_array(grad_out, "grad_out", shape=output, min_size=0, what="dLoss/d(output)")
        return self._backward(cache, grad)

    def _backward(self, cache: list, grad: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        grads: list[np.ndarray] = []
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
        check_number(self.lr, "lr", low=0.0, low_open=True, what="a learning rate")
        for name in ("beta1", "beta2"):
            check_number(getattr(self, name), name, low=0.0, high=1.0, high_open=True)
        check_number(self.eps, "eps", low=0.0, low_open=True)
        if not isinstance(self.params, list) or not all(
            isinstance(p, np.ndarray) and p.dtype.kind == "f" for p in self.params
        ):
            raise InputError(
                "params", self.params, "a list of float NumPy arrays (updated in place)"
            )
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]

    def step(self, grads: list[np.ndarray]) -> None:
        """One descent step on every parameter (gradients in the order of ``params``).

        Args:
            grads: one finite array per parameter, of its shape.
        """
        expected = f"a list of {len(self.params)} finite arrays, one per parameter and of its shape"
        if not isinstance(grads, list | tuple) or len(grads) != len(self.params):
            raise InputError("grads", grads, expected)
        for p, g in zip(self.params, grads, strict=True):
            g = np.asarray(g)
            if g.shape != p.shape or g.dtype.kind not in "biuf" or not np.isfinite(g).all():
                raise InputError("grads", g, expected)
        self._step(grads)

    def _step(self, grads: list[np.ndarray]) -> None:
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
        logits: (N, 1) discriminator outputs before the sigmoid; finite, non-empty.
        target: 1.0 ("real") or 0.0 ("fake"); any label in [0, 1] (e.g. 0.9, smoothed) works.

    Returns:
        (loss, dLoss/dlogits (N, 1)); computed from logits so it never takes log(0).
    """
    a = check_array(logits, "logits", what="discriminator logits").astype(float)
    target = check_probability(target, "target", "a label: 1 real, 0 fake")
    return _bce(a, target)


def _bce(a: np.ndarray, target: float) -> tuple[float, np.ndarray]:
    """:func:`bce_with_logits` without the checks, for the training loop."""
    loss = np.maximum(a, 0) - a * target + np.log1p(np.exp(-np.abs(a)))
    return float(loss.mean()), (_sigmoid(a) - target) / a.size


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
    check_callable(loss, "loss", "a function of no arguments returning the loss")
    if not isinstance(array, np.ndarray) or array.dtype.kind != "f" or array.size == 0:
        raise InputError("array", array, "a non-empty float NumPy array (nudged in place)")
    h = check_number(h, "h", low=0.0, low_open=True, what="the finite-difference step")
    limit = check_positive_int(limit, "limit", "entries to check")
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
    """max |a - n| / max(|a| + |n|, 1e-8): below about 1e-6 means the backprop is right.

    Args:
        analytic, numeric: finite, non-empty arrays of one shape.
    """
    analytic = check_array(analytic, "analytic", what="backprop's derivatives").astype(float)
    numeric = check_array(numeric, "numeric", what="finite differences").astype(float)
    if numeric.shape != analytic.shape:
        raise InputError("numeric", numeric, f"the shape of analytic, {analytic.shape}")
    return float(
        np.max(np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8))
    )


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run NumPy's matrix products on one thread inside the ``with`` block.

    The toy networks multiply matrices of a few hundred rows: BLAS worker threads cost more than
    they save there, and on a shared or quota-limited CPU (Binder, a busy laptop) the waiting
    threads made a training step 30x slower in our measurements. ``threadpoolctl`` finds the BLAS
    NumPy uses (OpenBLAS, MKL, BLIS, Accelerate) and restores its setting afterwards.
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def _blas_controller():
    # Finding the loaded libraries takes milliseconds; the widget steps many times a second.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
