"""Train the digit-string reader (engine/reading/digit_string.py) and write it into digitpad/assets/reading.

python -m training.digit_string_reader [--numbers 40000] [--epochs 16]   (about 25 minutes on two cores)

Numbers of 1-8 digits are made of the digits the classifiers train on: MNIST's *training* digits, and now and then
the bundled optical-digits scans (8x8, enlarged: a blocky style MNIST lacks); the tune and report parts of
training/number_eval.py use other writers. They are mostly touching, shown on the canvas, in photos and as tight
crops, their strokes made thinner or thicker now and then. Each is grouped by the same code number reading uses
(engine/data/segmentation.py); a group's label is the digits whose middles lie in it. The network learns to spell
each group's digits under CTC (connectionist temporal classification: it is never told where a digit starts, only
which digits the group holds).
"""

from __future__ import annotations

import argparse
import json
import os
import random
from multiprocessing import Pool

import numpy as np
import torch
from PIL import Image, ImageFilter
from safetensors.numpy import save
from torch import nn
from torch.nn import functional

from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import ink_map
from digitpad.engine.data.scans import SCANS_FILE, enlarge, read_scans
from digitpad.engine.data.segmentation import Blob, Layout, layout
from digitpad.engine.reading.digit_string import BLANK, CHANNELS, COLUMN, SEQUENCE_LAYERS, STRING_FILE, string_input
from digitpad.engine.system.atomic import atomic_write
from digitpad.paths import assets_dir, reading_helpers_dir
from training.number_eval import Placed, compose, render

SEED = 2027
SCANNED = 0.3  # the share of numbers made of the bundled scans rather than MNIST's digits
SPACING_CHANCES = {"touching": 0.65, "natural": 0.25, "separated": 0.10}
MEDIUM_CHANCES = {"canvas": 0.5, "photo": 0.3, "tight": 0.2}
LENGTHS = (1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8)
KEEP_SINGLE = 0.3  # the share of one-digit groups kept: a number's separate digits would crowd out the touching
BATCH = 64

Sample = tuple[np.ndarray, tuple[int, ...]]  # a group as the reader sees it (float16), its digits


def _samples(task: tuple[int, int]) -> list[Sample]:
    """The groups of `count` numbers made from seed `seed`, each with its digits."""
    seed, count = task
    sources = [read_split(dataset_dir("mnist"), "train", DATASETS["mnist"]), _scans()]
    rng = np.random.default_rng(seed)
    samples: list[Sample] = []
    for _ in range(count):
        images, labels = sources[int(rng.random() < SCANNED)]
        chosen = rng.choice(len(labels), int(rng.choice(LENGTHS)), replace=False)
        spacing = str(rng.choice(list(SPACING_CHANCES), p=list(SPACING_CHANCES.values())))
        medium = str(rng.choice(list(MEDIUM_CHANCES), p=list(MEDIUM_CHANCES.values())))
        line, placed = compose([images[i] for i in chosen], spacing, rng)
        if medium != "photo":  # a photo changes its strokes' width itself
            line = _restroked(line, rng)
        ink = ink_map(render(line, medium, rng))
        found = layout(ink) if ink is not None else None
        if found is None:
            continue
        digits = [int(labels[i]) for i in chosen]
        for group, held in _group_digits(found, placed, line.shape[1]):
            if held and (len(held) > 1 or rng.random() < KEEP_SINGLE):
                samples.append((string_input(found.ink, group).astype(np.float16), tuple(digits[i] for i in held)))
    return samples


def _scans() -> tuple[np.ndarray, np.ndarray]:
    """The bundled optical-digits scans, enlarged to 40 px, ink bright, and their labels."""
    scans, labels = read_scans(str(assets_dir() / "datasets" / "optdigits" / SCANS_FILE))
    return np.stack([255 - enlarge(scan, 40) for scan in scans]), labels


def _restroked(line: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The line's strokes thinner (a fine pen) or thicker (a marker) now and then."""
    change = rng.choice(["same", "thicker", "thinner"], p=[0.5, 0.35, 0.15])
    if change == "same":
        return line
    size = 3 if change == "thinner" else int(rng.choice([3, 5]))
    flt = ImageFilter.MinFilter(size) if change == "thinner" else ImageFilter.MaxFilter(size)
    return np.asarray(Image.fromarray(line).filter(flt))


def _group_digits(found: Layout, placed: list[Placed], line_width: int) -> list[tuple[Blob, list[int]]]:
    """Each group and the indices of the digits whose middles lie in it, the line mapped onto the groups' span."""
    left, right = min(group.left for group in found.groups), max(group.right for group in found.groups)
    middles = [left + (digit.left + digit.ink.shape[1] / 2) * (right - left) / line_width for digit in placed]
    return [
        (group, [index for index, middle in enumerate(middles) if group.left <= middle < group.right])
        for group in found.groups
    ]


class _StringNet(nn.Module):
    """DigitStringReader's network, in torch, its parameters named as the reader reads them (`folded`), each
    convolution but the last followed by a batch norm while it trains."""

    def __init__(self) -> None:
        super().__init__()
        layers: list[tuple[str, nn.Module]] = [
            (f"conv{i}", nn.Conv2d(CHANNELS[i], CHANNELS[i + 1], 3, padding=1)) for i in range(len(CHANNELS) - 1)
        ]
        layers.append(("column", nn.Conv2d(CHANNELS[-1], COLUMN, (7, 3), padding=(0, 1))))
        layers += [(f"sequence{i}", nn.Conv1d(COLUMN, COLUMN, 5, padding=2)) for i in range(SEQUENCE_LAYERS)]
        self.convolutions = nn.ModuleDict(layers)
        self.norms = nn.ModuleDict(
            {
                name: (nn.BatchNorm2d if isinstance(layer, nn.Conv2d) else nn.BatchNorm1d)(layer.out_channels)
                for name, layer in layers
            }
        )
        self.out = nn.Conv1d(COLUMN, BLANK + 1, 1)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """(N, 1, 28, W) -> logits (N, 11, W / 4)."""
        values = images
        for index, (name, layer) in enumerate(self.convolutions.items()):
            values = functional.relu(self.norms[name](layer(values)))
            if index < 2:
                values = functional.max_pool2d(values, 2)
            if name == "column":
                values = values[:, :, 0]
        return self.out(values)

    def folded(self) -> dict[str, np.ndarray]:
        """The weights with each batch norm folded into its convolution, as DigitStringReader reads them."""
        weights = {}
        for name, layer in self.convolutions.items():
            norm = self.norms[name]
            factor = norm.weight / torch.sqrt(norm.running_var + norm.eps)
            shape = (-1,) + (1,) * (layer.weight.dim() - 1)
            weights[f"{name}.weight"] = layer.weight * factor.reshape(shape)
            weights[f"{name}.bias"] = (layer.bias - norm.running_mean) * factor + norm.bias
        weights |= {"out.weight": self.out.weight, "out.bias": self.out.bias}
        return {name: value.detach().numpy().astype(np.float32) for name, value in weights.items()}


def _batches(samples: list[Sample]) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Samples of about one width together, padded to the widest: images, targets, frames and target lengths."""
    ordered = sorted(samples, key=lambda sample: sample[0].shape[1])
    batches = []
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        width = max(image.shape[1] for image, _ in chunk)
        images = np.zeros((len(chunk), 1, chunk[0][0].shape[0], width), dtype=np.float32)
        for row, (image, _) in enumerate(chunk):
            images[row, 0, :, : image.shape[1]] = image
        targets = torch.tensor([digit for _, digits in chunk for digit in digits], dtype=torch.long)
        frames = torch.tensor([image.shape[1] // 4 for image, _ in chunk], dtype=torch.long)
        lengths = torch.tensor([len(digits) for _, digits in chunk], dtype=torch.long)
        batches.append((torch.from_numpy(images), targets, frames, lengths))
    return batches


def _spelled(logits: torch.Tensor, frames: torch.Tensor) -> list[tuple[int, ...]]:
    """CTC's greedy reading of each sample's frames."""
    said = logits.argmax(1).tolist()
    strings = []
    for row, count in zip(said, frames.tolist(), strict=True):
        kept = [s for index, s in enumerate(row[:count]) if s != BLANK and (index == 0 or s != row[index - 1])]
        strings.append(tuple(kept))
    return strings


def train(samples: list[Sample], epochs: int) -> dict[str, np.ndarray]:
    """The reader's weights, trained on 95% of the groups; prints the other 5%'s share read exactly each epoch."""
    random.Random(SEED).shuffle(samples)
    held_count = len(samples) // 20
    held, fit = _batches(samples[:held_count]), _batches(samples[held_count:])
    torch.manual_seed(SEED)
    network = _StringNet()
    optimizer = torch.optim.Adam(network.parameters(), lr=2e-3)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, 2e-3, total_steps=epochs * len(fit))
    loss_of = nn.CTCLoss(blank=BLANK, zero_infinity=True)
    order = random.Random(SEED)
    for epoch in range(epochs):
        network.train()
        order.shuffle(fit)
        for images, targets, frames, lengths in fit:
            optimizer.zero_grad()
            log_chances = functional.log_softmax(network(images), dim=1).permute(2, 0, 1)
            loss = loss_of(log_chances, targets, frames, lengths)
            loss.backward()
            optimizer.step()
            schedule.step()
        network.eval()
        right = total = 0
        with torch.no_grad():
            for images, targets, frames, lengths in held:
                truth = [tuple(part.tolist()) for part in targets.split(lengths.tolist())]
                right += sum(a == b for a, b in zip(_spelled(network(images), frames), truth, strict=True))
                total += len(truth)
        print(json.dumps({"epoch": epoch + 1, "held_out_exact": round(right / total, 4)}), flush=True)
    return network.folded()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--numbers", type=int, default=40000, help="numbers to make (default: 40000)")
    parser.add_argument("--epochs", type=int, default=16, help="passes over the groups (default: 16)")
    args = parser.parse_args()
    workers = max(1, min(2, os.cpu_count() or 1))
    with Pool(workers) as pool:
        parts = pool.map(_samples, [(SEED + index, args.numbers // workers) for index in range(workers)])
    samples = [sample for part in parts for sample in part]
    lengths = np.array([len(digits) for _, digits in samples])
    print(json.dumps({"groups": len(samples), "digits_per_group": round(float(lengths.mean()), 2)}), flush=True)
    weights = train(samples, args.epochs)
    target = reading_helpers_dir() / STRING_FILE
    atomic_write(target, save(weights))
    print(json.dumps({"written": str(target)}), flush=True)


if __name__ == "__main__":
    main()
