"""Input checks shared by every public helper: one error type, one wording.

A helper checks its arguments at the boundary, before any library sees them, so a learner who
passes the wrong thing reads *which argument*, *what it got* and *what it expects* instead of a
traceback from deep inside NumPy, TensorFlow, imgaug or PIL, and never gets a silent wrong answer
(a NaN that flows through to black digits, a float colour read as black, an empty text returned
unchanged).

Each ``check_*`` function returns the cleaned value (a float, an int, an array, NFC text) so a
helper can write ``alpha = check_probability(alpha, "alpha")`` and go on with a value it trusts.
This module imports only the standard library and NumPy, so every lesson may use it.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import numpy as np

from datagen_lab.catalogs import error_text as t  # t() that never raises: errors use it
from datagen_lab.catalogs import joined

# Texts longer than this are refused by the text helpers: every operation is linear in the text's
# length, but a learner who passes a whole book by mistake should hear so rather than wait.
MAX_TEXT_CHARS = 2_000_000


class InputError(ValueError, TypeError):
    """A helper was given an argument it cannot use.

    It is both a ``ValueError`` and a ``TypeError`` so that ``except ValueError`` (the convention
    before this class existed) and ``except TypeError`` (Python's own habit for wrong types) both
    catch it. ``name``, ``got`` and ``expected`` are kept for tests and tools.
    """

    def __init__(
        self, name: str, got: Any, expected: str, hint: str = "", *, got_text: str | None = None
    ) -> None:

        self.name = name
        self.got = got_text if got_text is not None else describe(got)
        self.expected = expected
        # The frame is the reader's language; ``expected`` and ``hint`` too where the catalog has
        # them (the errors the lessons show on purpose), else they stay English.
        message = t(
            "{name} must be {expected}; got {got}.", name=name, expected=t(expected), got=self.got
        )
        if hint:
            message = joined(message, t(hint))
        super().__init__(message)


def describe(value: Any, limit: int = 60) -> str:
    """A short, readable account of ``value`` for an error message (type, shape, range), in the
    course's language."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray) or (hasattr(value, "shape") and hasattr(value, "dtype")):
        array = np.asarray(value)
        text = t(
            "an array of shape {shape} and dtype {dtype}",
            shape=tuple(array.shape),
            dtype=array.dtype,
        )
        if array.size and array.dtype.kind in "biuf":
            finite = array[np.isfinite(array)] if array.dtype.kind == "f" else array
            if finite.size < array.size:
                text += t(" with {n} NaN/inf values", n=array.size - finite.size)
            if finite.size:
                text += t(
                    ", values in [{low}, {high}]",
                    low=_short(finite.min()),
                    high=_short(finite.max()),
                )
        elif not array.size:
            text += t(" (empty)")
        return text
    if isinstance(value, str):
        shown = value if len(value) <= limit else value[: limit - 3] + "..."
        return t("the str {shown!r}", shown=shown) + (
            t(" ({n:,} characters)", n=len(value)) if len(value) > limit else ""
        )
    if isinstance(value, bool):
        return t("the bool {value}", value=value)
    if isinstance(value, Real):
        return f"{value!r} ({type(value).__name__})"
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{text} ({type(value).__name__})"


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    what: str = "",
) -> float:
    """``value`` as a finite float within [low, high] (open ends where asked), else InputError.

    Booleans, strings, None, NaN and infinities are refused: ``True`` is not a learning rate.
    """
    expected = _interval_words("a finite number", low, high, low_open, high_open, what)
    if isinstance(value, bool) or not isinstance(value, Real | np.number) or np.iscomplexobj(value):
        raise InputError(name, value, expected)
    number = float(value)
    if not math.isfinite(number):
        raise InputError(name, value, expected)
    if low is not None and (number < low or (low_open and number == low)):
        raise InputError(name, value, expected)
    if high is not None and (number > high or (high_open and number == high)):
        raise InputError(name, value, expected)
    return number


def check_int(
    value: Any, name: str, *, low: int | None = None, high: int | None = None, what: str = ""
) -> int:
    """``value`` as an int within [low, high], else InputError. Floats like 3.0 are refused too."""
    expected = _interval_words("an integer", low, high, False, False, what)
    if isinstance(value, bool) or not isinstance(value, Integral | np.integer):
        raise InputError(name, value, expected)
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise InputError(name, value, expected)
    return number


def check_positive_int(value: Any, name: str, what: str = "") -> int:
    """``value`` as an int >= 1 (a size, a count, a number of steps), else InputError."""
    return check_int(value, name, low=1, what=what)


def check_probability(value: Any, name: str, what: str = "") -> float:
    """``value`` as a float in [0, 1], else InputError."""
    return check_number(value, name, low=0.0, high=1.0, what=what or "a probability")


def check_seed(value: Any, name: str = "seed", allow_none: bool = False) -> int | None:
    """``value`` as a non-negative int seed (or None where allowed), else InputError."""
    if value is None and allow_none:
        return None
    expected = "a non-negative integer" + (" or None" if allow_none else "")
    if isinstance(value, bool) or not isinstance(value, Integral | np.integer) or int(value) < 0:
        raise InputError(name, value, expected)
    return int(value)


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``, else InputError listing them."""
    options = list(choices)
    try:
        if value in options:
            return value
    except (TypeError, ValueError):  # an array compared with strings
        pass
    listed = ", ".join(repr(option) for option in options)
    raise InputError(name, value, f"one of {listed}")


def check_text(
    value: Any, name: str = "text", *, allow_empty: bool = False, max_chars: int = MAX_TEXT_CHARS
) -> str:
    """``value`` as NFC-normalised text, else InputError.

    NFC composes accents (``"e" + U+0301`` becomes ``"é"``) so that word splitting never cuts a
    word at a combining mark. Blank text is refused unless ``allow_empty``; texts over
    ``max_chars`` characters are refused with the limit named.
    """
    if not isinstance(value, str):
        raise InputError(name, value, "a str" + ("" if allow_empty else " with at least one word"))
    if len(value) > max_chars:
        raise InputError(
            name,
            value,
            f"at most {max_chars:,} characters",
            "Split it into paragraphs or sentences and augment those.",
            got_text=f"a text of {len(value):,} characters",
        )
    if not allow_empty and not value.strip():
        raise InputError(name, value, "a str with at least one non-whitespace character")
    return unicodedata.normalize("NFC", value)


def check_array(
    value: Any,
    name: str,
    *,
    ndim: int | Sequence[int] | None = None,
    shape: Sequence[int | None] | None = None,
    kinds: str = "biuf",
    finite: bool = True,
    low: float | None = None,
    high: float | None = None,
    min_size: int = 1,
    what: str = "",
) -> np.ndarray:
    """``value`` as a NumPy array with the given rank, shape, dtype kinds, range and finiteness.

    Args:
        value: anything ``np.asarray`` accepts (lists, arrays, TensorFlow tensors).
        name: the argument's name, for the message.
        ndim: the allowed number of dimensions (one int or several).
        shape: expected sizes per axis, ``None`` for "any size" (implies ``ndim``).
        kinds: allowed dtype kinds (``"b"`` bool, ``"i"``/``"u"`` integers, ``"f"`` floats).
        finite: refuse NaN and infinities.
        low, high: the allowed value range, inclusive.
        min_size: fewest elements (1: refuse empty arrays).
        what: a few words on what the array is ("images", "labels"), for the message.

    Returns:
        The array (not copied when it already is one).
    """
    ranks = (ndim,) if isinstance(ndim, int) else tuple(ndim) if ndim is not None else None
    if shape is not None:
        ranks = (len(shape),)
    expected = _array_words(ranks, shape, kinds, finite, low, high, min_size, what)
    if value is None or isinstance(value, str | bytes | dict | set):
        raise InputError(name, value, expected)
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):  # ragged lists
        raise InputError(name, value, expected) from None
    if array.dtype.kind not in kinds:
        raise InputError(name, array if array.dtype.kind in "biufc" else value, expected)
    if ranks is not None and array.ndim not in ranks:
        raise InputError(name, array, expected)
    if shape is not None and any(
        s is not None and s != a for s, a in zip(shape, array.shape, strict=True)
    ):
        raise InputError(name, array, expected)
    if array.size < min_size:
        raise InputError(name, array, expected)
    if finite and array.size and array.dtype.kind == "f" and not np.isfinite(array).all():
        raise InputError(name, array, expected)
    if array.size and array.dtype.kind in "biuf" and (low is not None or high is not None):
        checked = array[~np.isnan(array)] if array.dtype.kind == "f" and not finite else array
        if checked.size and (
            (low is not None and checked.min() < low) or (high is not None and checked.max() > high)
        ):
            raise InputError(name, array, expected)
    return array


def check_path(value: Any, name: str, *, kind: str = "file") -> Path:
    """``value`` as a Path to an existing file (``kind="file"``) or folder (``"dir"``), else InputError."""
    expected = f"the path of an existing {'folder' if kind == 'dir' else 'file'}"
    if not isinstance(value, str | os.PathLike) or str(value) == "":
        raise InputError(name, value, expected)
    path = Path(value).expanduser()
    exists = path.is_dir() if kind == "dir" else path.is_file()
    if not exists:
        found = "a folder" if path.is_dir() else "a file" if path.exists() else "nothing"
        raise InputError(name, value, expected, got_text=f"{str(path)!r}, where there is {found}")
    return path


def check_callable(value: Any, name: str, what: str = "a function") -> Callable:
    """``value`` if it can be called, else InputError."""
    if not callable(value):
        raise InputError(name, value, what)
    return value


def check_colour(value: Any, name: str = "colour") -> tuple[int, int, int]:
    """An RGB colour as three ints in 0-255.

    Accepts three ints in 0-255, or three floats all in [0, 1] (matplotlib's convention: (0.5,
    0.5, 0.5) is mid-grey, not black). A mix, NaN or values outside both ranges are refused.
    """
    expected = "three ints in 0-255 or three floats in [0, 1] (red, green, blue)"
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise InputError(name, value, expected)
    parts = list(value)
    if len(parts) != 3 or any(
        isinstance(p, bool) or not isinstance(p, Real | np.number) for p in parts
    ):
        raise InputError(name, value, expected)
    if not all(math.isfinite(float(p)) for p in parts):
        raise InputError(name, value, expected)
    if all(isinstance(p, Integral | np.integer) for p in parts):
        if all(0 <= int(p) <= 255 for p in parts):
            return tuple(int(p) for p in parts)  # type: ignore[return-value]
        raise InputError(name, value, expected)
    if all(0.0 <= float(p) <= 1.0 for p in parts):
        return tuple(int(round(float(p) * 255)) for p in parts)  # type: ignore[return-value]
    raise InputError(name, value, expected)


def _short(number: Any) -> str:
    return f"{float(number):.4g}"


def _interval_words(
    base: str, low: float | None, high: float | None, low_open: bool, high_open: bool, what: str
) -> str:
    if low is not None and high is not None:
        words = f"{base} in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    elif low is not None:
        words = f"{base} {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        words = f"{base} {'<' if high_open else '<='} {high:g}"
    else:
        words = base
    return f"{words} ({what})" if what else words


def _array_words(
    ranks: tuple[int, ...] | None,
    shape: Sequence[int | None] | None,
    kinds: str,
    finite: bool,
    low: float | None,
    high: float | None,
    min_size: int,
    what: str,
) -> str:
    kind_names = {"b": "bool", "i": "integer", "u": "integer", "f": "float"}
    dtypes = "/".join(dict.fromkeys(kind_names[k] for k in kinds if k in kind_names))
    words = ["a", "non-empty" if min_size >= 1 else "", dtypes or "numeric", "array"]
    if not words[1] and words[2][:1] in "aeiou":
        words[0] = "an"
    if shape is not None:
        sizes = ", ".join("any" if s is None else str(s) for s in shape)
        words.append(f"of shape ({sizes})")
    elif ranks is not None:
        plural = "" if ranks == (1,) else "s"
        words.append(f"with {' or '.join(str(r) for r in ranks)} dimension{plural}")
    if low is not None or high is not None:
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        words.append(f"with values in [{lo}, {hi}]")
    if finite and "f" in kinds:
        words.append("and no NaN or inf")
    text = " ".join(word for word in words if word)
    return f"{text} ({what})" if what else text
