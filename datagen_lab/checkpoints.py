"""The checkpoint folder of a :class:`datagen_lab.training.Trainer`: marking, claiming, reading and repairing it.

A folder is the trainer's own once it holds :data:`MARKER`; ``restart=True`` deletes only the files
the trainer writes there (never anything else). Every file appears complete or not at all
(temporary file, fsync, rename). :func:`repair_checkpoint_index` rewrites a lost TensorFlow index.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from datagen_lab.checks import (
    InputError,
    check_path,
)
from datagen_lab.tf_runtime import import_tensorflow

# The small file that marks a folder as a trainer's own (restart=True may then clear it).
MARKER = ".datagen_lab_trainer"

# Names of everything the trainer (and TensorFlow's CheckpointManager on its behalf) writes in a
# checkpoint folder, temporary files of interrupted writes included. restart=True deletes only these.
_TRAINER_NAMES = re.compile(
    r"run\.json|history\.json|checkpoint|\.datagen_lab_trainer|ckpt-\d+\.index"
    r"|ckpt-\d+\.data-\d+-of-\d+|checkpoint\.tmp[0-9a-f]+|ckpt-\d+_temp|history\.json\.tmp"
    r"|\.(?:run\.json|history\.json|checkpoint|\.datagen_lab_trainer)\.[A-Za-z0-9_]+\.tmp"
)

_CHECKPOINT_FILE = re.compile(r"ckpt-(\d+)\.(?:index|data-(\d+)-of-(\d+))")

# mkstemp creates files readable by their owner only; the trainer's files get the usual
# permissions instead (0o666 less the process's umask, read once here), as a plain open() gives.
_UMASK = os.umask(0o022)

os.umask(_UMASK)


class CheckpointError(ValueError):
    """A checkpoint folder that cannot be resumed: corrupted, or written by a different run."""


def repair_checkpoint_index(checkpoint_dir: str | Path) -> str:
    """Point a checkpoint folder's index at its newest complete checkpoint; return that checkpoint.

    TensorFlow finds checkpoints through a small index file named ``checkpoint``. If it is lost or
    damaged while the ``ckpt-<step>`` files are still there, the trainer refuses to open the folder
    (rather than start over at step 0 and overwrite them); this rewrites the index so that the next
    trainer on the folder resumes from the newest checkpoint whose files are all present. An index
    that already names an existing checkpoint is left as it is.

    Args:
        checkpoint_dir: the folder given to the trainer as ``checkpoint_dir``.

    Returns:
        The path prefix of the checkpoint the index names, e.g. ``".../ckpt-700"``.

    Raises:
        InputError: ``checkpoint_dir`` is not an existing folder.
        CheckpointError: the folder holds no complete checkpoint.
    """
    folder = check_path(checkpoint_dir, "checkpoint_dir", kind="dir")
    with contextlib.suppress(CheckpointError):
        state = _read_index(folder)
        if state is not None:
            return str(folder / Path(state).name)
    numbers = _checkpoint_numbers(folder)
    if not numbers:
        raise CheckpointError(
            f"{folder} holds no complete checkpoint (ckpt-<step>.index and all its data files); "
            "there is nothing to resume from."
        )
    kept = [f"ckpt-{number}" for number in numbers[-2:]]  # the trainer keeps two
    text = f'model_checkpoint_path: "{kept[-1]}"\n' + "".join(
        f'all_model_checkpoint_paths: "{name}"\n' for name in kept
    )
    _write_atomic(folder / "checkpoint", text)
    return str(folder / kept[-1])


def _check_folder(value: Any) -> Path:
    """``checkpoint_dir`` as a Path (``~`` expanded) that may be used; nothing is created or deleted."""
    expected = "the path of a folder of its own for the checkpoints (a str or Path), or None"
    if not isinstance(value, str | os.PathLike) or not str(os.fspath(value)).strip():
        raise InputError("checkpoint_dir", value, expected)
    raw = os.fspath(value)
    if isinstance(raw, bytes):
        raise InputError("checkpoint_dir", value, expected)
    given = Path(raw).expanduser()  # kept as given, so messages show the learner's own path
    folder = given.resolve()
    if folder.exists() and not folder.is_dir():
        raise InputError("checkpoint_dir", value, expected, got_text=f"{raw!r}, which is a file")
    protected = [Path.cwd().resolve()]
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known
        protected.append(Path.home().resolve())
    if any(place == folder or folder in place.parents for place in protected):
        raise InputError(
            "checkpoint_dir", value,
            "a folder of its own for the checkpoints, not the working directory, the home folder "
            "or one of their parents",
            "Use a subfolder, e.g. checkpoint_dir='checkpoints/dcgan'.",
            got_text=f"{raw!r} (= {folder})",
        )  # fmt: skip
    return given


def _claim_folder(folder: Path, restart: bool) -> None:
    """Make ``folder`` the trainer's own (create or adopt it, mark it); on restart clear its files.

    A folder with the mark may hold other files too (they are never touched). A folder without
    it is adopted only if it is empty or holds nothing but trainer files (a folder written before
    the mark existed); anything else is refused before a single file is deleted.
    """
    if folder.is_dir():
        entries = list(folder.iterdir())
        ours = [entry for entry in entries if _is_trainer_file(entry)]
        others = sorted(entry.name for entry in entries if entry not in ours)
        if others and not (folder / MARKER).is_file():
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")  # fmt: skip
            raise InputError(
                "checkpoint_dir", str(folder),
                "a folder for the trainer alone: new, empty, or one a trainer wrote",
                f"This folder holds files the trainer did not write ({shown}), so it is left as it "
                "is. Use a new folder, e.g. a subfolder 'checkpoints'.",
                got_text=repr(str(folder)),
            )  # fmt: skip
        if restart:
            for entry in ours:
                if entry.name == MARKER:
                    continue
                if entry.is_dir():  # only TensorFlow's ckpt-<step>_temp folders match
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MARKER).is_file():
        _write_atomic(folder / MARKER, json.dumps({"written_by": "datagen_lab.training.Trainer"}))


def _remove_leftovers(folder: Path) -> None:
    """Delete the temporary files and folders of writes that a killed process never finished."""
    for entry in folder.iterdir():
        if not _is_trainer_file(entry) or not (
            entry.name.endswith(("_temp", ".tmp")) or entry.name.startswith("checkpoint.tmp")
        ):
            continue
        with contextlib.suppress(OSError):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _is_trainer_file(path: Path) -> bool:
    if _TRAINER_NAMES.fullmatch(path.name) is None:
        return False
    return path.is_file() or (path.is_dir() and path.name.endswith("_temp"))


def _read_index(folder: Path) -> str | None:
    """The checkpoint TensorFlow's index names, or None without an index; CheckpointError if bad."""
    index = folder / "checkpoint"
    if not index.exists():
        return None
    tf = import_tensorflow()
    try:
        state = tf.train.get_checkpoint_state(str(folder))
        latest = state.model_checkpoint_path if state is not None else ""
    except Exception:  # TensorFlow's parser raises several types for a damaged file
        latest = ""
    found = _checkpoint_numbers(folder)
    if not latest:
        raise CheckpointError(_missing_index_message(folder, found, "is damaged (unreadable)"))
    prefix = folder / Path(latest).name
    if not Path(f"{prefix}.index").is_file():
        raise CheckpointError(
            _missing_index_message(folder, found, f"names {prefix.name}, whose files are missing")
        )
    return str(prefix)


def _checkpoint_numbers(folder: Path) -> list[int]:
    """Steps of the complete checkpoints in ``folder`` (index and every data shard present), sorted."""
    index, shards = set(), {}
    for entry in folder.iterdir():
        match = _CHECKPOINT_FILE.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        number = int(match.group(1))
        if match.group(2) is None:
            index.add(number)
        else:
            shards.setdefault(number, set()).add((int(match.group(2)), int(match.group(3))))
    complete = [
        number for number in index
        if (parts := shards.get(number)) and len(parts) == next(iter(parts))[1]
    ]  # fmt: skip
    return sorted(complete)


def _missing_index_message(folder: Path, found: list[int], what: str) -> str:
    newest = f"ckpt-{found[-1]}" if found else None
    files = ", ".join(f"ckpt-{n}" for n in found[-3:]) if found else "no complete checkpoint"
    resume = (
        f"To resume from the newest, {newest} (step {found[-1]}), run "
        f"datagen_lab.training.repair_checkpoint_index({str(folder)!r}) and re-run this cell. "
        if newest
        else ""
    )
    return (
        f"TensorFlow's checkpoint index {folder / 'checkpoint'} {what}, but the folder holds "
        f"{files}. Nothing was changed: starting again at step 0 would overwrite them. {resume}"
        f"Or move the folder aside (rename it) and start over in a new one."
    )


def _read_history(path: Path, step: int) -> list[dict[str, float]]:
    """The saved rows up to ``step`` (a save cut short may have written later ones)."""
    if not path.is_file():
        return []
    try:
        rows = json.loads(path.read_text())
        if not isinstance(rows, list) or not all(
            isinstance(row, dict) and isinstance(row.get("step"), int) for row in rows
        ):
            raise ValueError("it is not a list of rows with a 'step'")
    except (ValueError, UnicodeDecodeError) as error:
        raise CheckpointError(
            f"{path} is damaged ({str(error)[:200]}). The checkpoint at step {step} is not affected: "
            f"move {path.name} aside (rename it) and re-run to resume with the metrics from step "
            f"{step} on, or keep the folder as it is and train elsewhere with "
            f"checkpoint_dir=<another folder>."
        ) from None
    return [row for row in rows if row["step"] <= step]


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either its old content or all of the new, never part."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with contextlib.suppress(OSError):
            os.chmod(temporary, 0o666 & ~_UMASK)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _fsync_checkpoint(folder: Path, prefix: Path) -> None:
    """Flush a just-written checkpoint's files and TensorFlow's index to disk."""
    for path in [*folder.glob(f"{prefix.name}.*"), folder / "checkpoint"]:
        _fsync_path(path)
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; Windows cannot open folders)."""
    if os.name == "posix":
        _fsync_path(folder)


def _fsync_path(path: Path) -> None:
    """Flush one file or folder to disk; a path that cannot be opened is skipped."""
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
