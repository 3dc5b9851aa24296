"""Checkpoints: safetensors weights + JSON metadata (no code can ride along), atomic saves, safe loads.

Beside the weights a checkpoint may carry its model's familiarity with digits (engine/reading/familiarity.py):
tensors named `FAMILIARITY_PREFIX` + name, which no model's weights are called; a file without them (older, or
imported) is still a whole checkpoint."""

from __future__ import annotations

import datetime as dt
import json
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save as save_safetensors_bytes
from torch import nn

import digitpad
from digitpad.engine.models.zoo import build_model
from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.engine.spec.config import TrainConfig, normalization
from digitpad.engine.spec.errors import CheckpointError
from digitpad.engine.spec.recipes import recipe
from digitpad.engine.system.atomic import atomic_write

FORMAT = "digitpad-checkpoint"
FORMAT_VERSION = 1
SUFFIX = ".safetensors"
IMPORTABLE_SUFFIXES = (".pt", ".pth")
_MAX_FILE_BYTES = 512 * 1024**2  # the largest zoo model is 5 MB; anything near this is not ours
_MAX_HEADER_BYTES = 16 * 1024**2
FAMILIARITY_PREFIX = "digitpad.familiarity."


@dataclass
class Checkpoint:
    """Everything needed to rebuild and describe a trained model, without the script that trained it."""

    arch: str
    state_dict: dict[str, torch.Tensor]
    config: TrainConfig
    mean: float
    std: float
    dataset: str = "mnist"
    metrics: dict[str, Any] = field(default_factory=dict)  # test_accuracy, per_class_accuracy, epochs...
    created: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # the file it was loaded from
    familiarity: dict[str, torch.Tensor] = field(default_factory=dict)  # see engine/reading/familiarity.py

    @property
    def test_accuracy(self) -> float | None:
        return self.metrics.get("test_accuracy")

    @property
    def history(self) -> list[dict[str, Any]]:
        """The per-epoch figures of the run that saved this model, up to the epoch it was saved after."""
        epochs = self.metrics.get("epochs")
        return [entry for entry in epochs if isinstance(entry, dict)] if isinstance(epochs, list) else []

    def model_batch(self, images: np.ndarray | torch.Tensor) -> torch.Tensor:
        """(28, 28) or (N, 28, 28) images, uint8 or floats in [0, 1] with ink = 1, as this model reads them:
        (N, 1, 28, 28), normalised the way it was trained (a float tensor keeps its autograd graph)."""
        batch = images if isinstance(images, torch.Tensor) else torch.as_tensor(np.asarray(images))
        batch = batch.float().div(255.0) if batch.dtype == torch.uint8 else batch.float()
        return ((batch - self.mean) / self.std).view(-1, 1, 28, 28)

    def build(self) -> nn.Module:
        """The model with these weights, in eval mode, on the CPU."""
        model = build_model(self.arch)
        try:
            model.load_state_dict(self.state_dict, strict=True)
        except RuntimeError as error:
            first = str(error).strip().splitlines()
            detail = first[1].strip() if len(first) > 1 else first[0]
            raise CheckpointError(f"the weights do not fit architecture {self.arch!r}: {detail}") from None
        return model.eval()


def make_checkpoint(model: nn.Module, config: TrainConfig, metrics: dict[str, Any]) -> Checkpoint:
    mean, std = normalization(config.normalize)
    state = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    return Checkpoint(config.arch, state, config, mean, std, config.dataset, metrics)


def save_checkpoint(checkpoint: Checkpoint, path: str | Path) -> Path:
    """Write atomically: a temp file in the same folder, flushed to disk, then os.replace over `path`."""
    path = Path(path)
    metadata = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "arch": checkpoint.arch,
        "config": checkpoint.config.to_dict(),
        "dataset": {"name": checkpoint.dataset, "mean": checkpoint.mean, "std": checkpoint.std},
        "metrics": checkpoint.metrics,
        "created": checkpoint.created or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": {"digitpad": digitpad.__version__, "torch": torch.__version__.split("+")[0]},
    }
    if "limit" in checkpoint.familiarity:
        metadata["familiarity_limit"] = float(checkpoint.familiarity["limit"].flatten()[0])
    tensors = {
        **checkpoint.state_dict,
        **{FAMILIARITY_PREFIX + k: v.contiguous() for k, v in checkpoint.familiarity.items()},
    }
    payload = save_safetensors_bytes(tensors, metadata={"digitpad": json.dumps(metadata)})
    return atomic_write(path, payload)


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The digitpad metadata of a checkpoint, reading only its header (fast, for listings)."""
    path = Path(path)
    with _open_checked(path) as stream:
        header_length = struct.unpack("<Q", stream.read(8))[0]
        try:
            header = json.loads(stream.read(header_length))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise CheckpointError(f"{path.name}: not a safetensors file (its header is not JSON)") from None
    return _digitpad_metadata(path, header.get("__metadata__") if isinstance(header, dict) else None)


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Load a digitpad checkpoint, or import a PyTorch state_dict (.pt/.pth) safely; raises CheckpointError."""
    path = Path(path)
    if path.suffix.lower() in IMPORTABLE_SUFFIXES:
        return import_state_dict(path)
    with _open_checked(path) as stream:
        data = stream.read()
    try:
        tensors = load_safetensors_bytes(data)
    except (SafetensorError, ValueError, RuntimeError) as error:
        reason = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        raise CheckpointError(f"{path.name}: not a valid safetensors model file ({reason})") from None
    _refuse_non_finite(path, tensors)
    familiarity = {
        k.removeprefix(FAMILIARITY_PREFIX): tensors.pop(k) for k in list(tensors) if k.startswith(FAMILIARITY_PREFIX)
    }
    meta = read_metadata(path)
    arch = meta.get("arch")
    if arch not in ARCHITECTURES:
        raise CheckpointError(f"{path.name}: made for architecture {arch!r}, which this digitpad does not know")
    dataset = meta.get("dataset") or {}
    try:
        config = TrainConfig.from_dict(meta.get("config") or {"arch": arch})
        mean, std = float(dataset.get("mean", 0.0)), float(dataset.get("std", 1.0))
    except (TypeError, ValueError):
        raise CheckpointError(f"{path.name}: its metadata is damaged") from None
    if not std > 0:
        raise CheckpointError(f"{path.name}: its normalisation (std {std}) is not usable")
    checkpoint = Checkpoint(
        arch, tensors, config, mean, std, str(dataset.get("name", "mnist")), meta.get("metrics") or {},
        str(meta.get("created", "")), meta.get("versions") or {}, familiarity=familiarity,
    )  # fmt: skip
    checkpoint.build()  # fails now, with a clear message, if the weights do not fit the architecture
    checkpoint.path = path
    return checkpoint


def import_state_dict(path: Path, arch: str | None = None) -> Checkpoint:
    """Import a plain PyTorch state_dict as the tutorials save it, with weights_only=True and no fallback.

    The architecture is found by matching the ordered tensor shapes against each registry entry, so the
    tutorials' own layer names (conv1, fc1, ...) need not match ours.
    """
    if not path.is_file():
        raise CheckpointError(f"{path}: no such file")
    try:
        with warnings.catch_warnings():  # torch warns about pickle protocols; the user gets our one line
            warnings.simplefilter("ignore")
            loaded = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # pickle refusing a global, a zip of something else, a truncated file
        reason = str(error).strip().splitlines()[0][:160] if str(error).strip() else error.__class__.__name__
        raise CheckpointError(f"{path.name}: not a loadable PyTorch weights file ({reason})") from None
    if isinstance(loaded, dict) and isinstance(loaded.get("state_dict"), dict):
        loaded = loaded["state_dict"]
    if isinstance(loaded, dict) and isinstance(loaded.get("model_state_dict"), dict):
        loaded = loaded["model_state_dict"]
    if not isinstance(loaded, dict) or not loaded or not all(isinstance(v, torch.Tensor) for v in loaded.values()):
        raise CheckpointError(f"{path.name}: holds no state_dict (a mapping of names to tensors)")
    _refuse_non_finite(path, loaded)
    theirs = [tuple(v.shape) for v in loaded.values()]
    candidates = [arch] if arch else list(ARCHITECTURES)
    for name in candidates:
        ours = build_model(name).state_dict()
        if [tuple(v.shape) for v in ours.values()] == theirs:
            state = {key: value.float() for key, value in zip(ours, loaded.values(), strict=True)}
            config = recipe(name)
            mean, std = normalization(config.normalize)
            return Checkpoint(name, state, config, mean, std, metrics={"imported_from": path.name})
    raise CheckpointError(
        f"{path.name}: its tensors match none of the architectures ({', '.join(candidates)}); "
        "it was made for another model or another input size"
    )


def _refuse_non_finite(path: Path, tensors: dict[str, torch.Tensor]) -> None:
    """A model whose weights hold NaN or infinity answers nonsense with NaN confidence: refuse it by name."""
    for name, tensor in tensors.items():
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise CheckpointError(
                f"{path.name}: its weights hold NaN or infinite values (tensor {name!r}): the model is damaged "
                "or its training diverged"
            )


def _open_checked(path: Path):
    if not path.exists():
        raise CheckpointError(f"{path}: no such file")
    if not path.is_file():
        raise CheckpointError(f"{path}: is not a file")
    size = path.stat().st_size
    if size < 8:
        raise CheckpointError(f"{path.name}: too short to be a model file ({size} bytes)")
    if size > _MAX_FILE_BYTES:
        raise CheckpointError(f"{path.name}: {size / 1e6:.0f} MB is far larger than any digitpad model")
    stream = path.open("rb")
    header_length = struct.unpack("<Q", stream.read(8))[0]
    stream.seek(0)
    if header_length > min(size - 8, _MAX_HEADER_BYTES):
        stream.close()
        raise CheckpointError(f"{path.name}: not a safetensors model file (its header size is impossible)")
    return stream


def _digitpad_metadata(path: Path, metadata: Any) -> dict[str, Any]:
    if not isinstance(metadata, dict) or "digitpad" not in metadata:
        raise CheckpointError(f"{path.name}: a safetensors file, but not a digitpad model (no digitpad metadata)")
    try:
        meta = json.loads(metadata["digitpad"])
    except (TypeError, json.JSONDecodeError):
        raise CheckpointError(f"{path.name}: its digitpad metadata is damaged") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CheckpointError(f"{path.name}: its metadata is not digitpad's checkpoint format")
    version = meta.get("format_version")
    if not isinstance(version, int):
        raise CheckpointError(f"{path.name}: its metadata has no valid format version")
    if version > FORMAT_VERSION:
        raise CheckpointError(f"{path.name}: written by a newer digitpad; update digitpad to open it")
    return meta
