"""Resuming a run from its checkpoint folder, and refusing what cannot be resumed.

:func:`open_checkpoint` is the :class:`datagen_lab.training.Trainer`'s first look at its folder:
it claims the folder (see :mod:`datagen_lab.checkpoints`), and then either starts fresh, resumes
the newest checkpoint with the history up to it, or raises :class:`CheckpointError` with advice
that never deletes an intact checkpoint: a lost index while checkpoints exist, a damaged
``run.json``, a checkpoint of a different run (settings, seed or images) or of another model.
"""

from __future__ import annotations

import json
from pathlib import Path

from datagen_lab.checkpoints import (
    CheckpointError,
    _checkpoint_numbers,
    _claim_folder,
    _missing_index_message,
    _read_history,
    _read_index,
    _remove_leftovers,
)
from datagen_lab.i18n import t
from datagen_lab.tf_runtime import import_tensorflow
from datagen_lab.training_parts import _flatten, _is_old_fingerprint


def open_checkpoint(folder: Path, restart: bool, checkpoint, run_info: dict):
    """Claim ``folder`` and restore the newest checkpoint of this run into ``checkpoint``, if any.

    Args:
        folder: the checked checkpoint folder; restart: delete the trainer's files there first.
        checkpoint: the trainer's ``tf.train.Checkpoint`` (with a ``step`` variable).
        run_info: the JSON-able description of this run, compared with the saved ``run.json``.

    Returns:
        ``(manager, history, run_info_written)``: the ``tf.train.CheckpointManager``, the metric
        rows up to the restored step (empty for a fresh start), and whether ``run.json`` exists.

    Raises:
        CheckpointError: the folder holds a checkpoint that cannot be resumed (the message says
            how to recover).
    """
    tf = import_tensorflow()
    _claim_folder(folder, restart)
    info_path = folder / "run.json"
    _remove_leftovers(folder)
    state = _read_index(folder)
    if state is None:
        found = _checkpoint_numbers(folder)
        # With run.json there, a save once completed and wrote the index, so the index is
        # lost: TensorFlow would silently start at step 0 and overwrite the checkpoints.
        # Without it, the first save was cut short before its index: nothing to resume.
        # Two or more complete checkpoints mean a save finished before (run.json follows the
        # first one), so run.json and the index were both lost: refuse as well.
        if found and (info_path.exists() or len(found) >= 2):
            raise CheckpointError(_missing_index_message(folder, found, "is missing"))
    manager = tf.train.CheckpointManager(checkpoint, str(folder), max_to_keep=2)
    latest = manager.latest_checkpoint
    if latest is None:
        return manager, [], False
    advice = t(
        "Keep it and train this model elsewhere with checkpoint_dir=<another folder>, "
        "or start over with restart=True (deletes the trainer's files in {folder}).",
        folder=folder,
    )
    if info_path.is_file():
        try:
            saved = json.loads(info_path.read_text())
            if not isinstance(saved, dict):
                raise ValueError(f"it holds a {type(saved).__name__}, not a run description")
        except (ValueError, UnicodeDecodeError) as error:
            raise CheckpointError(
                f"{info_path} is damaged ({error}). It only describes the run: the checkpoint "
                f"{Path(latest).name} beside it may well be intact, so do not delete the folder. "
                f"If you are sure the folder holds this very run (same images, settings and "
                f"seed), move run.json aside (rename it) and re-run: the trainer then checks the "
                f"model's variables only and writes a new run.json. Otherwise train elsewhere "
                f"with checkpoint_dir=<another folder>."
            ) from None
        now, before = _flatten(json.loads(json.dumps(run_info))), _flatten(saved)
        changed = [key for key in now if before.get(key) != now[key]]
        if changed == ["images"] and _is_old_fingerprint(before.get("images")):
            raise CheckpointError(
                f"The checkpoint in {folder} was saved by an older version of datagen_lab, "
                f"whose data fingerprint looked at only a sample of the images; this version "
                f"fingerprints every pixel, so it cannot tell whether the images are the same. "
                f"If you are sure they are, move {info_path.name} aside (rename it) and re-run to "
                f"resume (the model's variables are still checked). {advice}"
            )
        if changed:
            lines = t("; ").join(
                t(
                    "{key}: saved {saved}, now {now}",
                    key=k,
                    saved=repr(before.get(k)),
                    now=repr(now[k]),
                )
                for k in changed
            )
            raise CheckpointError(
                t(
                    "The checkpoint in {folder} belongs to a different run ({lines}). {advice}",
                    folder=folder,
                    lines=lines,
                    advice=advice,
                )
            )
    try:
        checkpoint.restore(latest).assert_existing_objects_matched()
    except Exception as error:  # TensorFlow raises many types for bad files
        raise CheckpointError(
            f"Could not resume from {latest}: {type(error).__name__}: {str(error)[:300]}. "
            f"The files are corrupted or from a different model. {advice}"
        ) from None
    # run.json is written when missing (it was checked above when present).
    step = int(checkpoint.step.numpy())
    return manager, _read_history(folder / "history.json", step), info_path.is_file()
