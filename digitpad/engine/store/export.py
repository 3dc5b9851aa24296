"""Export a model to ONNX, for other tools: it takes 28x28 images as digitpad's preprocessing makes them.

The exported graph includes the checkpoint's input scaling and the softmax: its input `image` is float32
(N, 1, 28, 28) with ink 1 and paper 0, its output `probabilities` is (N, 10). Needs the `onnx` extra.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from pathlib import Path

import torch
from torch import Tensor, nn

from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.store.checkpoints import load_checkpoint

OPSET = 18


class _Probabilities(nn.Module):
    """The model with its normalisation in front and a softmax behind: pixels in, probabilities out."""

    def __init__(self, model: nn.Module, mean: float, std: float) -> None:
        super().__init__()
        self.model, self.mean, self.std = model, mean, std

    def forward(self, image: Tensor) -> Tensor:
        return torch.softmax(self.model((image - self.mean) / self.std), dim=1)


def export_onnx(model_path: str | Path, out: str | Path) -> Path:
    """Write the model at `model_path` as an ONNX file at `out`; DigitpadError when the extra is missing."""
    try:
        import onnx  # noqa: F401  (the exporter needs it; importing it here gives our one line instead)
        import onnxscript  # noqa: F401
    except ImportError:
        raise DigitpadError("exporting to ONNX needs the onnx packages: pip install 'digitpad[export]'") from None
    checkpoint = load_checkpoint(model_path)
    wrapper = _Probabilities(checkpoint.build(), checkpoint.mean, checkpoint.std).eval()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    example = torch.zeros(2, 1, 28, 28)
    batch = torch.export.Dim("batch", min=1)
    exporter_log = logging.getLogger("torch.onnx")
    level = exporter_log.level
    exporter_log.setLevel(logging.ERROR)  # "torchvision is not installed": nothing of ours needs it
    # the exporter prints its progress and warns about its internals: the user gets our one line instead
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        program = torch.onnx.export(
            wrapper, (example,), input_names=["image"], output_names=["probabilities"], opset_version=OPSET,
            dynamic_shapes={"image": {0: batch}}, dynamo=True, verbose=False,
        )  # fmt: skip
    exporter_log.setLevel(level)
    if program is None:  # the dynamo exporter always returns its program; the legacy one, never used here, not
        raise DigitpadError(f"{out.name}: the ONNX exporter gave no model")
    partial = out.with_name(f".{out.name}.tmp")  # written whole, then moved: a reader never sees half a file
    program.save(str(partial))
    os.replace(partial, out)
    return out
