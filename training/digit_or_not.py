"""Train the digit-or-not judge (engine/reading/digit_or_not.py) and write it into digitpad/assets/reading.

python -m training.digit_or_not [--epochs 12]   (about 10 minutes on two cores)

Digits: MNIST's training writers, the canvas's synthetic styles, the bundled optical-digits scans, digits
typeset in the train fonts, the styles' templates and a few more (`MORE_STYLES`) drawn as the non-digits are
(training/non_digits.py: `drawn`), and drawn, typeset and MNIST digits photographed. Several digits: two or three of
MNIST's training digits side by side, touching or close. Not digits: the train part of training/non_digits.py
(letters and symbols typeset and drawn, doodles, scribbles, photographs of them), about as many as the digits.
Every image goes through the app's preprocessing, as a drawing or a file would. The threshold is then chosen so
that 0.1% of the *tune* digits (training/handwriting_eval.py's tune families and MNIST's test digits) are called
not a digit, which keeps every tune family at 0.5% or less (`--threshold-only` chooses it again for the bundled
judge); `training/not_a_digit_eval.py` reports the rest.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
from multiprocessing import Pool

import numpy as np
import torch
from safetensors.numpy import load_file, save
from torch import nn
from torch.nn import functional

from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.data.scans import enlarge, scanned_digits
from digitpad.engine.data.styles import TEMPLATES, arc, draw_digit, synthetic_digits
from digitpad.engine.reading.digit_or_not import CHANNELS, HIDDEN, JUDGE_FILE, KINDS
from digitpad.engine.system.atomic import atomic_write
from digitpad.paths import reading_helpers_dir
from training import non_digits
from training.handwriting_eval import FAMILIES as DIGIT_FAMILIES
from training.number_eval import compose

SEED = 31
TURNED_AWAY = 0.001  # the share of tune digits the threshold calls not a digit (at most 0.5% of any tune family)
NON_DIGIT_COUNTS = {"glyphs": 14000, "drawn-letters": 12000, "doodles": 12000, "scribbles": 8000, "photos": 8000}
MADE_DIGIT_COUNTS = {"typeset": 5000, "drawn": 10000, "photographed": 6000, "mnist-photographed": 8000}
MNIST_DIGITS = 30000
SEVERAL_DIGITS = 20000
# ways of writing a digit the canvas styles leave out but people use, so the judge must accept them: a zero
# slashed (either way) or dotted, as programmers and Scandinavians write it
MORE_STYLES = {0: [[arc(0.5, 0.5, 0.22, 0.34, -90, 275, 26), [(0.3, 0.82), (0.7, 0.18)]],
                   [arc(0.5, 0.5, 0.22, 0.34, -90, 275, 26), [(0.3, 0.18), (0.7, 0.82)]],
                   [arc(0.5, 0.5, 0.22, 0.34, -90, 275, 26), [(0.5, 0.48), (0.5, 0.52)]]]}  # fmt: skip


def _inputs(images: object) -> np.ndarray:
    """The model inputs of dark-on-white images, uint8 (N, 28, 28), ink bright (images without ink left out)."""
    made = [preprocess(image) for image in images]  # type: ignore[attr-defined]
    return np.stack([np.round(image * 255).astype(np.uint8) for image in made if image is not None])


def _made_digits(kind: str, count: int, rng: np.random.Generator) -> object:
    mnist, _ = read_split(dataset_dir("mnist"), "train", DATASETS["mnist"])
    for index in range(count):
        templates = TEMPLATES[index % 10] + MORE_STYLES.get(index % 10, [])
        if kind == "typeset":
            yield non_digits.typeset(str(index % 10), "train", rng)
        elif kind == "drawn":  # as the non-digits are drawn: by a writer's hand, or ruler-straight
            yield non_digits.drawn(templates[int(rng.integers(len(templates)))], index // 10, rng)
        elif kind == "mnist-photographed":  # a training writer's digit enlarged, on grey paper
            yield non_digits.photographed(enlarge(mnist[int(rng.integers(len(mnist)))]), rng)
        else:  # photographed: a drawn digit or a typeset one, on grey paper
            if index % 2:
                digit = draw_digit(templates[int(rng.integers(len(templates)))], rng)
            else:
                digit = non_digits.typeset(str(index % 10), "train", rng)
            yield non_digits.photographed(digit, rng)


def _make(task: tuple[str, str, int, int]) -> np.ndarray:
    """One chunk of images: (what, kind, count, seed)."""
    what, kind, count, seed = task
    rng = np.random.default_rng(seed)
    if what == "non-digit":
        return _inputs(non_digits.FAMILIES[kind]("train", count, rng))
    if what == "made-digit":
        return _inputs(_made_digits(kind, count, rng))
    images, _ = read_split(dataset_dir("mnist"), "train", DATASETS["mnist"])
    if what == "several":
        return _inputs(_several_digits(images, count, rng))
    return _inputs(255 - images[seed : seed + count])


def _several_digits(images: np.ndarray, count: int, rng: np.random.Generator) -> object:
    """Two or three MNIST training digits side by side, touching or close, as a short number is written; every
    other one photographed."""
    for index in range(count):
        chosen = rng.choice(len(images), int(rng.choice([2, 2, 3])), replace=False)
        line, _ = compose([images[i] for i in chosen], str(rng.choice(["touching", "natural"])), rng)
        yield non_digits.photographed(255 - line, rng) if index % 2 else 255 - line


def training_set(workers: int) -> tuple[np.ndarray, np.ndarray]:
    """Images (uint8 (N, 28, 28)) and their kinds (indices into KINDS)."""
    chunk = 2000
    tasks = [("non-digit", kind, chunk, SEED + start) for kind, total in NON_DIGIT_COUNTS.items()
             for start in range(0, total, chunk)]  # fmt: skip
    tasks += [("made-digit", kind, chunk, SEED + start) for kind, total in MADE_DIGIT_COUNTS.items()
              for start in range(0, total, chunk)]  # fmt: skip
    tasks += [("mnist", "", chunk, start) for start in range(0, MNIST_DIGITS, chunk)]
    tasks += [("several", "", chunk, SEED + start) for start in range(0, SEVERAL_DIGITS, chunk)]
    with Pool(workers) as pool:
        chunks = pool.map(_make, tasks)
    kind_of = {"non-digit": KINDS.index("not a digit"), "several": KINDS.index("several digits")}
    kinds = [
        np.full(len(made), kind_of.get(task[0], KINDS.index("one digit")))
        for task, made in zip(tasks, chunks, strict=True)
    ]
    made_elsewhere = [synthetic_digits(12000, SEED)[0], scanned_digits()[0]]
    kinds += [np.full(len(made), KINDS.index("one digit")) for made in made_elsewhere]
    return np.concatenate([*chunks, *made_elsewhere]), np.concatenate(kinds).astype(np.int64)


class _Judge(nn.Module):
    """DigitOrNotJudge's network, in torch, its parameters named as the judge reads them."""

    def __init__(self) -> None:
        super().__init__()
        for index, (inputs, outputs) in enumerate(itertools.pairwise(CHANNELS)):
            self.add_module(f"conv{index}", nn.Conv2d(inputs, outputs, 3, padding=1))
        self.dense0 = nn.Linear(CHANNELS[-1] * 3 * 3, HIDDEN)
        self.dense1 = nn.Linear(HIDDEN, len(KINDS))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        values = images[:, None]
        for index in range(len(CHANNELS) - 1):
            values = functional.max_pool2d(functional.relu(getattr(self, f"conv{index}")(values)), 2)
        return self.dense1(functional.relu(self.dense0(values.flatten(1))))


def _shifted(batch: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """The batch moved by up to 2 pixels each way (preprocessing centres by mass, hand-made inputs wander)."""
    rows, columns = (int(v) for v in torch.randint(-2, 3, (2,), generator=generator))
    return torch.roll(batch, (rows, columns), dims=(1, 2))


def train(images: np.ndarray, targets: np.ndarray, epochs: int) -> nn.Module:
    """The judge, trained on 95% of the images; prints the other 5%'s accuracy after each epoch."""
    generator = torch.Generator().manual_seed(SEED)
    order = torch.randperm(len(targets), generator=generator)
    held, fit = order[: len(order) // 20], order[len(order) // 20 :]
    inputs, wanted = torch.from_numpy(images).float() / 255, torch.from_numpy(targets)
    torch.manual_seed(SEED)
    judge = _Judge()
    optimizer = torch.optim.Adam(judge.parameters(), lr=2e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs)
    loss_of = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        judge.train()
        for batch in fit[torch.randperm(len(fit), generator=generator)].split(128):
            optimizer.zero_grad()
            loss_of(judge(_shifted(inputs[batch], generator)), wanted[batch]).backward()
            optimizer.step()
        schedule.step()
        judge.eval()
        with torch.no_grad():
            said = torch.cat([judge(inputs[part]) for part in held.split(4096)])
        right = (said.argmax(1) == wanted[held]).float().mean().item()
        print(json.dumps({"epoch": epoch + 1, "held_out_accuracy": round(right, 4)}), flush=True)
    return judge.eval()


def tune_digits() -> np.ndarray:
    """The tune digits as the models read them: MNIST's test digits and every tune family of handwriting_eval."""
    images, _ = read_split(dataset_dir("mnist"), "test", DATASETS["mnist"])
    families = [_inputs(sample for sample, _label in family.samples())
                for family in DIGIT_FAMILIES.values() if family.part == "tune"]  # fmt: skip
    return np.concatenate([_inputs(255 - images[:5000]), *families])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=12, help="passes over the images (default: 12)")
    parser.add_argument("--threshold-only", action="store_true", help="keep the bundled judge, choose its threshold")
    args = parser.parse_args()
    path = reading_helpers_dir() / JUDGE_FILE
    judge = _Judge()
    if args.threshold_only:
        weights = load_file(str(path))
        judge.load_state_dict({name: torch.from_numpy(value) for name, value in weights.items() if name != "threshold"})
        judge.eval()
    else:
        images, targets = training_set(max(1, min(2, os.cpu_count() or 1)))
        kinds = {kind: int((targets == k).sum()) for k, kind in enumerate(KINDS)}
        print(json.dumps({"images": len(targets), **kinds}), flush=True)
        judge = train(images, targets, args.epochs)
    with torch.no_grad():
        chances = torch.softmax(judge(torch.from_numpy(tune_digits()).float() / 255), 1)[:, KINDS.index("not a digit")]
    threshold = float(np.quantile(chances.numpy(), 1 - TURNED_AWAY))
    print(json.dumps({"threshold": threshold, "tune_digits": len(chances)}), flush=True)
    weights = {name: value.detach().numpy() for name, value in judge.state_dict().items()}
    weights["threshold"] = np.array([threshold], dtype=np.float32)
    path.parent.mkdir(exist_ok=True)
    atomic_write(path, save(weights, metadata={"epochs": str(args.epochs)}))


if __name__ == "__main__":
    main()
