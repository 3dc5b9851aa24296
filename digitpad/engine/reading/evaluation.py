"""A model's figures on a labelled split: loss, accuracy, per-class accuracy and the confusion matrix.

The trainer's epochs, `digitpad eval`, the training report and the Dataset view all score a model here, so
their numbers agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from digitpad.engine.data.loading import InMemoryDataset

EVAL_BATCH = 1000


@dataclass(frozen=True)
class Evaluation:
    loss: float
    accuracy: float
    per_class_accuracy: tuple[float, ...]
    confusion_matrix: tuple[tuple[int, ...], ...]  # 10x10, rows = true label, columns = prediction
    predictions: tuple[int, ...]  # the model's answer for each image, in the split's order


def evaluate(model: nn.Module, data: InMemoryDataset, batch_size: int = EVAL_BATCH) -> Evaluation:
    """Score `model` on a whole split (left in the mode it was in)."""
    was_training = model.training
    model.eval()
    loss_sum = torch.zeros((), device=data.images.device)
    answers = []
    with torch.inference_mode():
        for start in range(0, len(data), batch_size):
            images, labels = data.images[start : start + batch_size], data.labels[start : start + batch_size]
            logits = model(images)
            loss_sum += F.cross_entropy(logits, labels, reduction="sum")
            answers.append(logits.argmax(1))
    model.train(was_training)
    predictions = torch.cat(answers) if answers else torch.zeros(0, dtype=torch.int64, device=data.images.device)
    matrix = torch.bincount(data.labels * 10 + predictions, minlength=100).view(10, 10).cpu()
    per_class = matrix.diag().float() / matrix.sum(1).clamp(min=1).float()
    return Evaluation(
        loss=float(loss_sum) / max(len(data), 1),
        accuracy=float(matrix.diag().sum()) / max(len(data), 1),
        per_class_accuracy=tuple(per_class.tolist()),
        confusion_matrix=tuple(tuple(row) for row in matrix.tolist()),
        predictions=tuple(predictions.cpu().tolist()),
    )


def wrong_count(evaluation: Evaluation) -> int:
    """How many images the model got wrong."""
    return len(evaluation.predictions) - sum(evaluation.confusion_matrix[i][i] for i in range(10))
