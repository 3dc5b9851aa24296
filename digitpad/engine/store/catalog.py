"""The trained models a user can pick: bundled checkpoints and the user's own, found by name or path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digitpad import paths
from digitpad.engine.models.zoo import count_params
from digitpad.engine.spec.architectures import ARCHITECTURES, DEFAULT_MODEL
from digitpad.engine.spec.errors import CheckpointError
from digitpad.engine.store.checkpoints import IMPORTABLE_SUFFIXES, SUFFIX, read_metadata


@dataclass(frozen=True)
class ModelEntry:
    name: str
    arch: str
    dataset: str
    test_accuracy: float | None
    params: int
    path: Path
    source: str  # bundled | user
    mnist_accuracy: float | None = None  # on MNIST's test set, for a model trained on another dataset
    familiarity_limit: float | None = None  # how far from its digits a drawing may lie (None: measured at load)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "arch": self.arch, "dataset": self.dataset, "test_accuracy": self.test_accuracy,
            "params": self.params, "path": str(self.path), "source": self.source,
            "familiarity_limit": self.familiarity_limit,
        }  # fmt: skip

    @property
    def label(self) -> str:
        """Its name and MNIST test accuracy (what the selector compares models by)."""
        figure = self.mnist_accuracy if self.mnist_accuracy is not None else self.test_accuracy
        accuracy = f"{figure:.2%}" if figure is not None else "untested"
        return f"{self.name} ({accuracy}{', yours' if self.source == 'user' else ''})"


def list_models() -> list[ModelEntry]:
    """Bundled checkpoints first, then the user's; unreadable files are skipped (and never crash a listing)."""
    entries = []
    for source, folder in (("bundled", paths.bundled_models_dir()), ("user", paths.user_models_dir())):
        for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else ():
            try:
                entries.append(describe(path, source))
            except CheckpointError:
                continue
    return entries


def describe(path: Path, source: str) -> ModelEntry:
    meta = read_metadata(path)
    arch = meta.get("arch")
    if arch not in ARCHITECTURES:
        raise CheckpointError(f"{path.name}: unknown architecture {arch!r}")
    metrics = meta.get("metrics") or {}
    dataset = (meta.get("dataset") or {}).get("name", "mnist")
    limit = meta.get("familiarity_limit")
    limit = float(limit) if isinstance(limit, int | float) else None
    return ModelEntry(path.stem, arch, str(dataset), metrics.get("test_accuracy"), count_params(arch), path, source,
                      metrics.get("mnist_test_accuracy"), limit)  # fmt: skip


def resolve_model(name_or_path: str | None) -> Path:
    """A model file from a path, or from a name among the bundled then the user's checkpoints."""
    name_or_path = name_or_path or DEFAULT_MODEL
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix.lower() in (SUFFIX, *IMPORTABLE_SUFFIXES) or candidate.exists():
        if not candidate.exists():
            raise CheckpointError(f"{candidate}: no such model file")
        return candidate
    for folder in (paths.bundled_models_dir(), paths.user_models_dir()):
        path = folder / f"{name_or_path}{SUFFIX}"
        if path.is_file():
            return path
    known = ", ".join(entry.name for entry in list_models()) or "none yet"
    raise CheckpointError(f"no model named {name_or_path!r}; known models: {known} (or give a file path)")
