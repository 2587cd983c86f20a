"""Image augmentation with imgaug: checked inputs, pipelines built from names, batch helpers.

The lesson ``notebooks/01_image_augmentation.ipynb`` teaches the imgaug API itself
(``iaa.Sequential``, ``iaa.SomeOf``, ``iaa.Sometimes``); these helpers remove the chores around
it: they check images before imgaug sees them, convert float images, build pipelines from the
named augmenters of :mod:`datagen_lab.image.catalog` and print their source code.

Example:
    >>> seq = make_pipeline({"fliplr": 0.5, "rotate": 25}, seed=0)
    >>> augmented = augment_batch(digits, seq)  # uint8 (N, 28, 28) in, same out
    >>> print(pipeline_code({"fliplr": 0.5, "rotate": 25}, seed=0))
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

import imgaug.augmenters as iaa
import numpy as np

from datagen_lab.checks import InputError, check_probability
from datagen_lab.checks import check_seed as _check_seed_value
from datagen_lab.image.catalog import (
    CATALOG,
    call_code,
    call_for,
    check_strength,
    names,
    spec,
)
from datagen_lab.image.inputs import (
    _to_uint8,
    check_augmenter,
    check_batch,
    check_image,
    refuse_colour_only,
    restore_like,
    validate,
)

__all__ = [
    "CATALOG",
    "augment_batch",
    "augment_draws",
    "augment_image",
    "check_batch",
    "check_image",
    "make_augmenter",
    "make_pipeline",
    "names",
    "normalize_steps",
    "pipeline_code",
]

# imgaug's JpegCompression calls a deprecated imageio function on every image; the warning says
# nothing a learner can act on, so it is silenced here (narrowly: that message only).
warnings.filterwarnings("ignore", message="Starting with ImageIO v3", category=DeprecationWarning)
warnings.filterwarnings("ignore", message="`pilmode` is deprecated", category=DeprecationWarning)

Steps = Mapping[str, float] | Iterable[str | tuple[str, float]]


def augment_batch(images: np.ndarray, augmenter: iaa.Augmenter) -> np.ndarray:
    """Augment a whole batch in one imgaug call (each image gets its own random draw).

    Args:
        images: a batch as accepted by :func:`check_batch`.
        augmenter: any imgaug augmenter, e.g. from :func:`make_pipeline`. Its random state
            advances, so calling again gives fresh draws; seed it for repeatable results.

    Returns:
        The augmented batch in the caller's dtype, range and shape: uint8 stays uint8; float in
        [0, 1] comes back as the same float dtype in [0, 1] (quantised to 1/255 steps).
    """
    batch = validate(images, batch=True)
    check_augmenter(augmenter)
    if batch.ndim == 3 or batch.shape[-1] == 1:
        refuse_colour_only(augmenter, batch.shape)
    out = augmenter(images=_to_uint8(batch))
    return restore_like(np.asarray(out), batch)


def augment_image(image: np.ndarray, augmenter: iaa.Augmenter) -> np.ndarray:
    """Augment one image (H, W[, C]); same dtype, range and shape rules as :func:`augment_batch`."""
    return augment_batch(validate(image, batch=False)[None], augmenter)[0]


def augment_draws(image: np.ndarray, augmenter: iaa.Augmenter, n: int = 8) -> np.ndarray:
    """``n`` independent random draws of ``augmenter`` on one image: (n, H, W[, C])."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InputError("n", n, "a positive integer number of draws")
    single = validate(image, batch=False)
    return augment_batch(np.repeat(single[None], int(n), axis=0), augmenter)


def make_augmenter(
    name: str, strength: float | None = None, seed: int | None = None
) -> iaa.Augmenter:
    """One named augmenter of the lesson at a strength.

    Args:
        name: a key of :data:`CATALOG`, e.g. ``"rotate"``; see :func:`names`.
        strength: in that augmenter's range (``CATALOG[name].low`` to ``.high``); None: its default.
        seed: seed the augmenter's random state, for repeatable draws; None: drawn from imgaug's
            global RNG (repeatable after ``datagen_lab.set_seed``).

    Raises:
        InputError (a ValueError): unknown name, strength outside the range, a bad seed.
    """
    strength = spec(name).default if strength is None else strength
    if seed is not None:
        _check_seed(seed)  # before imgaug builds anything
    cls, args, kwargs = call_for(name, strength)
    augmenter = getattr(iaa, cls)(*args, **kwargs)
    return _seeded(augmenter, seed)


def normalize_steps(steps: Steps) -> list[tuple[str, float]]:
    """Turn ``{"rotate": 25}``, ``["rotate"]`` or ``[("rotate", 25)]`` into ``[("rotate", 25.0)]``.

    A bare name takes the augmenter's default strength. Names and strengths are validated.
    """
    expected = "a dict {name: strength} or a list of names or (name, strength) pairs"
    if isinstance(steps, str | bytes) or not isinstance(steps, Mapping | Iterable):
        shown = f"the string {steps!r}" if isinstance(steps, str) else None
        raise InputError("steps", steps, expected, got_text=shown)
    items = steps.items() if isinstance(steps, Mapping) else steps
    normalized = []
    for item in items:
        try:
            name, strength = (item, None) if isinstance(item, str) else tuple(item)
        except (TypeError, ValueError):
            raise InputError(
                "steps", item, expected, got_text=f"the step {item!r}, not a name or a pair"
            ) from None
        spec(name, "steps")
        strength = spec(name).default if strength is None else strength
        strength = check_strength(name, strength, f"steps[{name!r}]")
        call_for(name, strength)  # validates name and strength
        normalized.append((name, float(strength)))
    return normalized


def make_pipeline(
    steps: Steps,
    seed: int | None = None,
    some_of: int | tuple[int, int] | None = None,
    sometimes: float | None = None,
    random_order: bool = False,
) -> iaa.Augmenter:
    """An imgaug pipeline from named augmenters: ``iaa.Sequential`` (or ``iaa.SomeOf``).

    Args:
        steps: augmenters and strengths, e.g. ``{"fliplr": 0.5, "rotate": 25}`` (see
            :func:`normalize_steps`); applied in this order unless ``random_order``.
        seed: seed every augmenter in the tree (``seq.seed_(seed)``): the same seed and steps give
            the same pixels. None: unseeded, drawn from imgaug's global RNG.
        some_of: apply only a random subset per image: ``n`` or ``(min, max)`` augmenters
            (``iaa.SomeOf``). None: apply all (``iaa.Sequential``).
        sometimes: wrap each augmenter in ``iaa.Sometimes(p, ...)``: applied with probability p.
        random_order: shuffle the order per image.

    Returns:
        The pipeline; :func:`pipeline_code` with the same arguments prints code that builds it.
    """
    steps = normalize_steps(steps)
    _check_options(seed, some_of, sometimes, random_order, len(steps))
    children = [_wrap(make_augmenter(name, strength), sometimes) for name, strength in steps]
    if some_of is None:
        pipeline = iaa.Sequential(children, random_order=bool(random_order))
    else:
        pipeline = iaa.SomeOf(
            _check_some_of(some_of, len(children)), children, random_order=bool(random_order)
        )
    return _seeded(pipeline, seed)


def pipeline_code(
    steps: Steps,
    seed: int | None = None,
    some_of: int | tuple[int, int] | None = None,
    sometimes: float | None = None,
    random_order: bool = False,
) -> str:
    """Python source that builds the same pipeline as :func:`make_pipeline` (same arguments).

    Returns:
        Code to copy into a training script: an import, ``seq = iaa.Sequential([...])`` and, when
        seeded, ``seq.seed_(seed)``. Executing it gives a pipeline that draws identical pixels.
    """
    steps = normalize_steps(steps)
    _check_options(seed, some_of, sometimes, random_order, len(steps))
    lines = []
    for name, strength in steps:
        code = call_code(call_for(name, strength))
        if sometimes is not None:
            code = f"iaa.Sometimes({_check_probability(sometimes)!r}, {code})"
        lines.append(f"    {code},  # {name}: {spec(name).meaning} = {strength:g}")
    body = "\n".join(lines)
    options = ", random_order=True" if random_order else ""
    if some_of is None:
        head = "seq = iaa.Sequential(["
    else:
        head = f"seq = iaa.SomeOf({_check_some_of(some_of, len(lines))!r}, ["
    code = (
        f"import imgaug.augmenters as iaa\n\n{head}\n{body}\n]{options})"
        if lines
        else (f"import imgaug.augmenters as iaa\n\n{head}]{options})")
    )
    if seed is not None:
        code += f"\nseq.seed_({_check_seed(seed)})  # seeds every augmenter inside: same seed, same pixels"
    return code


def _wrap(augmenter: iaa.Augmenter, sometimes: float | None) -> iaa.Augmenter:
    return (
        augmenter if sometimes is None else iaa.Sometimes(_check_probability(sometimes), augmenter)
    )


def _seeded(augmenter: iaa.Augmenter, seed: int | None) -> iaa.Augmenter:
    if seed is not None:
        augmenter.seed_(_check_seed(seed))
    return augmenter


def _check_seed(seed: int) -> int:
    return _check_seed_value(seed, "seed", allow_none=True)


def _check_probability(p: float) -> float:
    return check_probability(p, "sometimes", what="a probability, or None")


def _check_options(seed, some_of, sometimes, random_order, n: int) -> None:
    """Every pipeline option checked before any augmenter is built."""
    _check_seed(seed)
    if some_of is not None:
        _check_some_of(some_of, n)
    if sometimes is not None:
        _check_probability(sometimes)
    if not isinstance(random_order, bool | np.bool_):
        raise InputError("random_order", random_order, "True or False")


def _check_some_of(some_of: int | tuple[int, int], n: int) -> int | tuple[int, int]:
    values = some_of if isinstance(some_of, tuple) else (some_of,)
    ok = len(values) in (1, 2) and all(
        isinstance(v, int | np.integer) and not isinstance(v, bool) and 0 <= v <= max(n, 1)
        for v in values
    )
    if not ok or (len(values) == 2 and values[0] > values[1]):
        raise InputError(
            "some_of", some_of, f"a count or a (min, max) pair between 0 and the {n} steps"
        )
    return tuple(int(v) for v in values) if len(values) == 2 else int(values[0])
