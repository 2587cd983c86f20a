"""Data the course runs on: MNIST digits, sample photos and a font, all found offline when possible.

MNIST comes from, in order: an explicit ``source``; ``DATAGEN_LAB_DATA``; Keras's own cache
(``~/.keras/datasets/mnist.npz``); ``shared/data/mnist`` beside the project (offline machines;
not with ``DATAGEN_LAB_NO_SHARED_DATA=1``); and finally Keras's download
(``keras.datasets.mnist.load_data()``), which real users get (not with ``DATAGEN_LAB_NO_DOWNLOAD=1``).
A file that is there but damaged (a download cut short) gives :class:`DataDamagedError`, which
names the file and what to do, instead of a traceback from zipfile or gzip.
"""

from __future__ import annotations

import gzip
import os
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from datagen_lab import checks
from datagen_lab.config import DATA_ENV, NO_DOWNLOAD_ENV, data_roots, downloads_disabled
from datagen_lab.i18n import joined, t

KERAS_MNIST = Path("~/.keras/datasets/mnist.npz").expanduser()
IDX_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
# When only the 10k test split is available (the offline copy), this many of its digits become
# the training set and the rest stay held out, chosen by a fixed permutation.
TEST_ONLY_TRAIN_SIZE = 8000
PHOTOS = ("astronaut", "chelsea", "coffee", "quokka")


class DataNotFoundError(FileNotFoundError):
    """Raised when no source of a dataset works; the message lists every place tried.

    ``fix`` holds the advice alone.
    """

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix

    def __str__(self) -> str:  # FileNotFoundError would print "[Errno ...]" style otherwise
        return str(self.args[0]) if self.args else ""


class DataDamagedError(DataNotFoundError, ValueError):
    """Raised when a data file is there but cannot be read (truncated, not MNIST, wrong format)."""


# A template (``{variable}`` is DATA_ENV), so the Chinese catalog holds it once; see mnist_fix().
MNIST_FIX = (
    "connect to the internet once (Keras caches mnist.npz); or set "
    "{variable} to a folder holding mnist.npz or the IDX files "
    "(train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz, ...)."
)


@dataclass(frozen=True, eq=False)
class MNIST:
    """MNIST digits as uint8 arrays.

    Attributes:
        train_images: (N, 28, 28) uint8 in [0, 255]; train_labels: (N,) uint8 in [0, 9].
        test_images, test_labels: the held-out digits, same layout.
        source: where the digits were read from.
        note: anything a learner should know about this copy (e.g. a split made from the test set).
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        for images, labels, split in (
            (self.train_images, self.train_labels, "train"),
            (self.test_images, self.test_labels, "test"),
        ):
            checks.check_array(images, f"{split}_images", shape=(None, 28, 28), kinds="u")
            checks.check_array(labels, f"{split}_labels", ndim=1, kinds="u", high=9)
            if len(images) != len(labels):
                raise checks.InputError(
                    f"{split}_labels",
                    labels,
                    f"one label per image ({len(images)})",
                    got_text=f"{len(labels)} labels",
                )

    def __repr__(self) -> str:
        return (
            f"MNIST(train={self.train_images.shape[0]}, test={self.test_images.shape[0]}, "
            f"source={self.source!r})"
        )


def load_mnist(source: str | os.PathLike | None = None, download: bool = True) -> MNIST:
    """Load MNIST from the first source that works.

    Args:
        source: a Keras ``mnist.npz`` file, a directory of IDX files (gzipped or not), or a data
            root holding ``mnist/``. None searches ``DATAGEN_LAB_DATA``, the Keras cache and the
            offline copy beside the project, then downloads through Keras.
        download: allow the Keras download as the last resort (``DATAGEN_LAB_NO_DOWNLOAD=1``
            forbids it whatever this says).

    Returns:
        An :class:`MNIST` with uint8 images (N, 28, 28) and uint8 labels (N,).

    Raises:
        DataNotFoundError: no source worked; the message names each place tried and how to fix it.
        DataDamagedError: a file is there but damaged; the message names it and what to do.
    """
    if source is not None and (not isinstance(source, str | os.PathLike) or not str(source)):
        raise checks.InputError(
            "source", source, "None, or the path of mnist.npz or of a folder of IDX files"
        )
    if not isinstance(download, bool):
        raise checks.InputError("download", download, "True or False")
    tried: list[str] = []
    for path in _mnist_candidates(source):
        found = _resolve_mnist_path(path)
        if found is not None:
            stat = found.stat()  # a file replaced since (after a fix) is read again
            return _load_mnist_cached(str(found), stat.st_mtime_ns, stat.st_size)
        tried.append(t("{path} (no mnist.npz or IDX files there)", path=path))
    if source is None and download and not downloads_disabled():
        try:
            return _download_mnist_with_keras()
        except Exception as error:  # network, SSL, missing TensorFlow: report, don't crash deep
            failure = f"{type(error).__name__}: {error}"
            tried.append(t("Keras download to {path} ({error})", path=KERAS_MNIST, error=failure))
    elif source is None:
        why = f"{NO_DOWNLOAD_ENV}=1" if downloads_disabled() else "download=False"
        tried.append(t("Keras download (disabled by {why})", why=why))
    places = "\n  - ".join(tried) if tried else t("(nothing)")
    fix = mnist_fix()
    raise DataNotFoundError(
        t("Could not find MNIST. Looked in:") + "\n  - " + places + "\n" + joined(t("Fix:"), fix),
        fix,
    )


def mnist_fix() -> str:
    """What to do when MNIST is nowhere to be found, in the course's language."""
    return t(MNIST_FIX, variable=DATA_ENV)


def load_photo(name: str = "astronaut") -> np.ndarray:
    """A colour photo bundled with an installed package (no network).

    Args:
        name: one of ``PHOTOS``: "astronaut", "chelsea", "coffee" (scikit-image) or "quokka" (imgaug).

    Returns:
        uint8 array (H, W, 3).
    """
    checks.check_choice(name, "name", PHOTOS)
    if name == "quokka":
        import imgaug.data

        return imgaug.data.quokka(size=(256, 256))
    import skimage.data

    return np.ascontiguousarray(getattr(skimage.data, name)()[..., :3])


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    """Path of a TrueType font shipped with matplotlib (the DejaVu family), usable by PIL.

    Raises:
        FileNotFoundError: the font is not in matplotlib's data folder; the message lists those that are.
    """
    import matplotlib

    if not isinstance(name, str) or not name.strip() or Path(name).name != name:
        raise checks.InputError("name", name, "a font file name such as 'DejaVuSans.ttf'")
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    path = folder / name
    if not path.is_file():
        available = sorted(p.name for p in folder.glob("*.ttf"))
        raise FileNotFoundError(
            f"Font {name!r} is not in {folder}. Fonts shipped with matplotlib: {', '.join(available)}"
        )
    return path


def _damaged(path: Path, error: BaseException | str) -> DataDamagedError:
    """The clear error for an MNIST file that is there but cannot be read."""
    why = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    keras = path.expanduser().resolve() == KERAS_MNIST.expanduser().resolve()
    fix = (
        t("delete {path}", path=path)
        + (t(", then run again while online (Keras downloads it again)") if keras else "")
        + t(
            "; or replace it with a complete copy; or set {variable} to a folder holding good files.",
            variable=DATA_ENV,
        )
    )
    damaged = t("MNIST file {path} is damaged or not MNIST ({why}).", path=path, why=why)
    return DataDamagedError(f"{damaged}\n{joined(t('Fix:'), fix)}", fix)


def _mnist_candidates(source: str | os.PathLike | None) -> list[Path]:
    if source is not None:
        return [Path(source).expanduser()]
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]).expanduser())
    candidates.append(KERAS_MNIST)
    candidates += [root / "mnist" for root in data_roots() if root not in candidates]
    return candidates


def _resolve_mnist_path(path: Path) -> Path | None:
    """The npz file or IDX directory behind ``path``, or None when it holds no MNIST."""
    if path.is_file() and path.suffix == ".npz":
        return path
    if not path.is_dir():
        return None
    for folder in (path, path / "mnist"):
        if (folder / "mnist.npz").is_file():
            return folder / "mnist.npz"
        if _find_idx(folder, IDX_FILES["test"][0]) or _find_idx(folder, IDX_FILES["train"][0]):
            return folder
    return None


@lru_cache(maxsize=4)
def _load_mnist_cached(path: str, mtime_ns: int = 0, size: int = 0) -> MNIST:
    found = Path(path)
    if found.suffix == ".npz":
        try:
            with np.load(found, allow_pickle=False) as archive:
                arrays = [archive[k] for k in ("x_train", "y_train", "x_test", "y_test")]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError) as error:
            raise _damaged(found, error) from None
        try:
            return MNIST(*(_as_uint8(a) for a in arrays), source=str(found))
        except ValueError as error:  # InputError: the arrays are not MNIST-shaped
            raise _damaged(found, str(error)) from None
    splits = {
        split: (_read_idx(_find_idx(found, images)), _read_idx(_find_idx(found, labels)))
        for split, (images, labels) in IDX_FILES.items()
        if _find_idx(found, images) and _find_idx(found, labels)
    }
    for split, (images, labels) in splits.items():
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1:
            raise _damaged(found, f"{split} images of shape {images.shape}, labels {labels.shape}")
        if len(images) != len(labels):
            raise _damaged(found, f"{len(images)} {split} images but {len(labels)} labels")
    if "train" in splits and "test" in splits:
        return MNIST(*splits["train"], *splits["test"], source=str(found))
    images, labels = splits.get("test") or splits["train"]
    order = np.random.RandomState(0).permutation(len(images))
    train, test = order[:TEST_ONLY_TRAIN_SIZE], order[TEST_ONLY_TRAIN_SIZE:]
    note = (
        f"Only one split was found in {found}: its {len(images)} digits were divided into "
        f"{len(train)} for training and {len(test)} held out (fixed permutation)."
    )
    return MNIST(images[train], labels[train], images[test], labels[test], str(found), note)


def _find_idx(folder: Path, stem: str) -> Path | None:
    for name in (
        stem,
        stem + ".gz",
        stem.replace("-idx", ".idx"),
        stem.replace("-idx", ".idx") + ".gz",
    ):
        if (folder / name).is_file():
            return folder / name
    return None


def _read_idx(path: Path | None) -> np.ndarray:
    """Parse an IDX file (magic, dims, big-endian sizes, uint8 payload) into an array."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            raw = handle.read()
    except (EOFError, zlib.error, OSError) as error:  # gzip cut short, or not gzip at all
        raise _damaged(path, error) from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise _damaged(path, f"not a uint8 IDX file: bad magic number {raw[:4]!r}")
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise _damaged(path, f"truncated: the header of {ndim} sizes is cut short")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    payload = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if payload.size != int(np.prod(shape)):
        raise _damaged(path, f"truncated: header says {shape}, found {payload.size} bytes")
    return payload.reshape(shape).copy()


def _as_uint8(array: np.ndarray) -> np.ndarray:
    """MNIST pixels or labels as uint8; values outside 0-255 (or fractions) are not MNIST."""
    array = np.asarray(array)
    if array.dtype == np.uint8:
        return array
    if array.dtype.kind not in "iuf" or (
        array.size and (array.min() < 0 or array.max() > 255 or (array % 1 != 0).any())
    ):
        raise ValueError(f"values of dtype {array.dtype} that are not whole numbers in 0-255")
    return array.astype(np.uint8)


def _download_mnist_with_keras() -> MNIST:
    import keras

    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    return MNIST(
        x_train.astype(np.uint8),
        y_train.astype(np.uint8),
        x_test.astype(np.uint8),
        y_test.astype(np.uint8),
        source=f"Keras download ({KERAS_MNIST})",
    )
