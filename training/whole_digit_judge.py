"""Train the whole-digit judge (engine/reading/whole_digit.py) and write it into digitpad/assets/reading.

python -m training.whole_digit_judge [--numbers 7000] [--epochs 10]   (about 15 minutes on two cores)

Numbers of 1-6 digits are made of MNIST's *training* digits (the tune and report parts of training/number_eval.py
use other writers), mostly touching or close, drawn as on the canvas. Every way number reading cuts them
(`engine/reading/number.py: candidates`, the whole image among them) is labelled by where each digit's ink truly
lies: a piece holding 85% of one digit's ink and little of any other's is a whole digit, anything else (half a
digit, two digits, a digit and a neighbour's stroke) is not. The default model reads each piece; the judge learns
from what it sees and what the classifier answered.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
from multiprocessing import Pool

import numpy as np
import torch
from safetensors.numpy import save
from torch import nn
from torch.nn import functional

from digitpad.engine.data.cutting import Piece
from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import digit_input, ink_map
from digitpad.engine.data.segmentation import LABEL_LEVEL, Layout, layout
from digitpad.engine.reading.number import candidates
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.reading.whole_digit import CHANNELS, JUDGE_FILE, NUMBERS, VIEW, features
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.system.atomic import atomic_write
from digitpad.paths import reading_helpers_dir
from training.number_eval import HEIGHT, Placed, compose

SEED = 2026
WHOLE = 0.85  # a piece with this share of one digit's ink, and of its own ink from that digit, is that digit
SPACING_CHANCES = {"touching": 0.55, "natural": 0.35, "separated": 0.10}
LENGTHS = (1, 2, 2, 3, 3, 4, 4, 5, 6)  # one digit alone now and then: the whole image must win then, and only then


def _rows(task: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views, numbers and labels (1: a whole digit) of every piece of `count` numbers made from seed `seed`."""
    seed, count = task
    torch.set_num_threads(1)
    images, labels = read_split(dataset_dir("mnist"), "train", DATASETS["mnist"])
    predictor = Predictor(resolve_model(None))
    rng = np.random.default_rng(seed)
    views, numbers, wholes = [], [], []
    for _ in range(count):
        chosen = rng.choice(len(labels), int(rng.choice(LENGTHS)), replace=False)
        spacing = str(rng.choice(list(SPACING_CHANCES), p=list(SPACING_CHANCES.values())))
        line, placed = compose([images[i] for i in chosen], spacing, rng)
        margin = HEIGHT // 2
        ink = ink_map(255 - np.pad(line, margin))
        found = layout(ink) if ink is not None else None
        whole = digit_input(ink) if ink is not None else None
        if found is None or whole is None:
            continue
        found_pieces = list(candidates(found, whole).values())
        probabilities = predictor.probabilities(np.stack([piece.model_input for piece in found_pieces]))
        judged = features(found.ink, probabilities, found_pieces, found.line_height)
        owners = _owners(placed, margin, found)
        views.append(judged.views.astype(np.float16))
        numbers.append(judged.numbers)
        wholes += [_is_whole(piece, owners) for piece in found_pieces]
    return np.concatenate(views), np.concatenate(numbers), np.array(wholes, dtype=np.float32)


def _owners(placed: list[Placed], margin: int, found: Layout) -> np.ndarray:
    """Each digit's ink (digits, H, W) on the layout's reduced map, only where the map has strokes."""
    height, width = found.ink.shape
    scale = found.scale
    owners = np.zeros((len(placed), height, width), dtype=np.float32)
    strokes = found.ink > LABEL_LEVEL
    for index, digit in enumerate(placed):
        full = np.zeros((height * scale, width * scale), dtype=np.float32)
        top, left = digit.top + margin, digit.left + margin
        part = digit.ink[: max(0, full.shape[0] - top), : max(0, full.shape[1] - left)]
        full[top : top + part.shape[0], left : left + part.shape[1]] = part / 255.0
        owners[index] = full.reshape(height, scale, width, scale).mean(axis=(1, 3)) * strokes
    return owners


def _is_whole(piece: Piece, owners: np.ndarray) -> float:
    blob = piece.blob
    inside = owners[:, blob.top : blob.bottom, blob.left : blob.right] * blob.mask
    held = inside.sum(axis=(1, 2))
    digit = int(held.argmax())
    share_of_digit = held[digit] / max(float(owners[digit].sum()), 1e-6)
    share_of_piece = held[digit] / max(float(held.sum()), 1e-6)
    return float(share_of_digit >= WHOLE and share_of_piece >= WHOLE)


class _Judge(nn.Module):
    """WholeDigitJudge's network, in torch, its parameters named as the judge reads them."""

    def __init__(self) -> None:
        super().__init__()
        for index, (inputs, outputs) in enumerate(itertools.pairwise(CHANNELS)):
            self.add_module(f"conv{index}", nn.Conv2d(inputs, outputs, 3, padding=1))
        flat = CHANNELS[-1] * (VIEW // 2 ** (len(CHANNELS) - 1)) ** 2
        self.dense0 = nn.Linear(flat + NUMBERS, 64)
        self.dense1 = nn.Linear(64, 1)

    def forward(self, views: torch.Tensor, numbers: torch.Tensor) -> torch.Tensor:
        values = views
        for index in range(len(CHANNELS) - 1):
            values = functional.max_pool2d(functional.relu(getattr(self, f"conv{index}")(values)), 2)
        values = torch.cat([values.flatten(1), numbers], dim=1)
        return self.dense1(functional.relu(self.dense0(values)))[:, 0]


def train(views: np.ndarray, numbers: np.ndarray, wholes: np.ndarray, epochs: int) -> dict[str, np.ndarray]:
    """The judge's weights, trained on 90% of the pieces; prints the other 10%'s accuracy after each epoch."""
    generator = torch.Generator().manual_seed(SEED)
    order = torch.randperm(len(wholes), generator=generator)
    held, fit = order[: len(order) // 10], order[len(order) // 10 :]
    centre = numbers[fit.numpy()].mean(0)
    scale = numbers[fit.numpy()].std(0) + 1e-3
    view_tensor = torch.from_numpy(views)
    number_tensor = torch.from_numpy((numbers - centre) / scale)
    targets = torch.from_numpy(wholes)
    torch.manual_seed(SEED)
    judge = _Judge()
    optimizer = torch.optim.Adam(judge.parameters(), lr=2e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs)
    loss_of = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        judge.train()
        for batch in fit[torch.randperm(len(fit), generator=generator)].split(256):
            optimizer.zero_grad()
            loss = loss_of(judge(view_tensor[batch].float(), number_tensor[batch]), targets[batch])
            loss.backward()
            optimizer.step()
        schedule.step()
        judge.eval()
        with torch.no_grad():
            said = torch.cat([judge(view_tensor[part].float(), number_tensor[part]) for part in held.split(4096)])
        right = ((said > 0) == (targets[held] > 0.5)).float().mean().item()
        print(json.dumps({"epoch": epoch + 1, "held_out_accuracy": round(right, 4)}), flush=True)
    weights = {name: value.detach().numpy() for name, value in judge.state_dict().items()}
    return {**weights, "centre": centre.astype(np.float32), "scale": scale.astype(np.float32)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--numbers", type=int, default=7000, help="numbers to cut (default: 7000)")
    parser.add_argument("--epochs", type=int, default=10, help="passes over the pieces (default: 10)")
    args = parser.parse_args()
    workers = max(1, min(2, os.cpu_count() or 1))
    tasks = [(SEED + index, args.numbers // workers) for index in range(workers)]
    with Pool(workers) as pool:
        parts = pool.map(_rows, tasks)
    views, numbers, wholes = (np.concatenate([part[index] for part in parts]) for index in range(3))
    print(json.dumps({"pieces": len(wholes), "whole_digits": int(wholes.sum())}), flush=True)
    weights = train(views, numbers, wholes, args.epochs)
    reading_helpers_dir().mkdir(exist_ok=True)
    atomic_write(reading_helpers_dir() / JUDGE_FILE, save(weights, metadata={"numbers": str(args.numbers)}))


if __name__ == "__main__":
    main()
