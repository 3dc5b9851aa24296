"""A small note on disk of the training run in progress, so a run cut short by a crash can be resumed."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from digitpad import paths
from digitpad.engine.spec.config import TrainConfig
from digitpad.engine.spec.errors import ConfigError


@dataclass(frozen=True)
class RunRecord:
    config: TrainConfig
    checkpoint: Path  # where the run keeps its best model
    epochs_done: int


def journal_path() -> Path:
    return paths.user_data_dir() / "run-in-progress.json"


def write(record: RunRecord) -> None:
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    payload = {
        "config": record.config.to_dict(),
        "checkpoint": str(record.checkpoint),
        "epochs_done": record.epochs_done,
    }
    temp.write_text(json.dumps(payload))
    os.replace(temp, path)


def read() -> RunRecord | None:
    """The interrupted run, if there is one worth resuming; a damaged note is dropped."""
    path = journal_path()
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text())
        record = RunRecord(TrainConfig.from_dict(data["config"]).validate(), Path(data["checkpoint"]),
                           int(data["epochs_done"]))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, ConfigError):
        clear()
        return None
    if not record.checkpoint.is_file() or record.epochs_done >= record.config.epochs:
        clear()
        return None
    return record


def clear() -> None:
    journal_path().unlink(missing_ok=True)
