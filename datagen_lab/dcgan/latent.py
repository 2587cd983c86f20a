r"""Walking the generator's latent space.

* :func:`lerp` and :func:`slerp`: paths between two latent vectors. For Gaussian noise in
  :math:`d` dimensions almost every sample has norm close to :math:`\sqrt{d}`; the straight line
  between two samples cuts through the inside of that shell (its midpoint has norm about
  :math:`\sqrt{d/2}`), where the generator saw no training noise. The spherical path
  :math:`\frac{\sin((1-t)\Omega)}{\sin\Omega} z_0 + \frac{\sin(t\Omega)}{\sin\Omega} z_1` stays on it.
* the same ideas as ipywidgets controls, :func:`~datagen_lab.dcgan.panel.seed_slider` and
  :func:`~datagen_lab.dcgan.panel.interpolation_widget`, live in :mod:`datagen_lab.dcgan.panel`.
* :func:`write_digits` and :func:`read_digits` (a labelled dataset of generated digits) live in
  :mod:`datagen_lab.dcgan.dataset` and are re-exported here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from datagen_lab.checks import (
    InputError,
    check_array,
    check_choice,
    check_int,
)
from datagen_lab.dcgan.dataset import (  # noqa: F401 (re-exported)
    DigitSet,
    read_digits,
    write_digits,
)

METHODS = ("linear", "spherical")


def lerp(z0: np.ndarray, z1: np.ndarray, steps: int) -> np.ndarray:
    """Straight-line path: (steps, D) float32 from ``z0`` (D,) to ``z1`` (D,), ends included."""
    z0, z1 = _pair(z0, z1, steps)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    return ((1 - t) * z0 + t * z1).astype(np.float32)


def slerp(z0: np.ndarray, z1: np.ndarray, steps: int) -> np.ndarray:
    """Spherical path (Shoemake's slerp): (steps, D) float32, ends included.

    The angle Ω between the vectors is swept at constant speed and the norm moves smoothly from
    ``|z0|`` to ``|z1|``; for (anti)parallel vectors it falls back to :func:`lerp`.
    """
    z0, z1 = _pair(z0, z1, steps)
    n0, n1 = np.linalg.norm(z0), np.linalg.norm(z1)
    if n0 == 0 or n1 == 0:
        return lerp(z0, z1, steps)
    omega = np.arccos(np.clip(np.dot(z0 / n0, z1 / n1), -1.0, 1.0))
    if np.sin(omega) < 1e-6:
        return lerp(z0, z1, steps)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    path = (np.sin((1 - t) * omega) * z0 + np.sin(t * omega) * z1) / np.sin(omega)
    return path.astype(np.float32)


def interpolate(
    z0: np.ndarray, z1: np.ndarray, steps: int, method: str = "spherical"
) -> np.ndarray:
    """:func:`lerp` (``method="linear"``) or :func:`slerp` (``"spherical"``)."""
    check_choice(method, "method", METHODS)
    return (lerp if method == "linear" else slerp)(z0, z1, steps)


def interpolation_strip(
    generator, z0, z1, steps: int = 10, method: str = "spherical"
) -> np.ndarray:
    """Digits along a latent path: uint8 (steps, 28, 28).

    ``generator``: a Keras generator whose input size is the length of ``z0`` and ``z1``.
    """
    from datagen_lab.dcgan.model import generate

    path = interpolate(z0, z1, steps, method)
    _check_latent_size(generator, path.shape[1])
    return generate(generator, path)


def _pair(z0, z1, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Two finite latent vectors of one length, as float64, and a valid ``steps``."""
    z0 = check_array(z0, "z0", ndim=1, what="a latent vector").astype(np.float64)
    z1 = check_array(z1, "z1", ndim=1, what="a latent vector").astype(np.float64)
    if z1.shape != z0.shape:
        raise InputError("z1", z1, f"a 1-D vector of the same length as z0 ({len(z0)})")
    _check_steps(steps)
    return z0, z1


def _check_steps(steps: Any) -> int:
    return check_int(steps, "steps", low=2, what="points on the path, at least 2 (both ends)")


def _check_latent_size(generator: Any, size: int | None = None) -> int:
    """The generator's noise size (``input_shape[-1]``); it must equal ``size`` when given."""
    shape = getattr(generator, "input_shape", None)
    if not callable(generator) or not isinstance(shape, tuple | list) or not shape:
        raise InputError("generator", generator, "a Keras generator (with an input_shape)")
    if size is not None and shape[-1] != size:
        raise InputError(
            "z0",
            f"{size} numbers",
            f"a latent vector of the generator's size, {shape[-1]}",
            got_text=f"a vector of length {size}",
        )
    return shape[-1]
