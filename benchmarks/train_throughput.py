"""Training images/s: `digitpad train` against the tutorials' pipeline, same net, batch, optimizer and machine.

The tutorials' pipeline: a Dataset whose __getitem__ turns one uint8 image into a float tensor and normalises
it (torchvision's ToTensor + Normalize, written in plain torch because torchvision's wheels do not load beside
the CPU-only torch), a shuffling DataLoader with batch 64, the network in the tutorial's layer order,
log_softmax + nll_loss, SGD lr 0.01 momentum 0.5, and loss.item() every batch. digitpad's figure is what
`digitpad train --max-steps N --json` reports.

With --time-to-99 it also times, in the same run, what a user waits for: the tutorials' whole pipeline and
recipe (cnn-small: 10 epochs of SGD lr 0.01 momentum 0.5, batch 64, a test pass after each epoch) against
digitpad's default recipe (benchmarks/time_to_99.py, one run), to 99% test accuracy and to the best accuracy
the tutorial's recipe reaches. Both clocks run from the first training step, each epoch's test pass included,
data loading excluded.

    .venv/bin/python benchmarks/train_throughput.py [--arch cnn-small] [--steps 400] [--repeats 3] [--time-to-99]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import time_to_99
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.models.zoo import build_model
from digitpad.engine.spec.recipes import tutorial_recipe


class TutorialMNIST(Dataset):
    def __init__(self, split: str = "train") -> None:
        self.images, self.labels = read_split(dataset_dir("mnist"), split, DATASETS["mnist"])

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        image = torch.from_numpy(self.images[index]).float().div(255).unsqueeze(0)  # ToTensor
        return (image - 0.1307) / 0.3081, int(self.labels[index])  # Normalize


def in_tutorial_layer_order(model: nn.Module) -> nn.Module:
    """The tutorials' ReLU -> max-pool, which digitpad's models compute as max-pool -> ReLU (models.pooled_relu)."""
    for sequence in [m for m in model.modules() if isinstance(m, nn.Sequential)]:
        for index in range(len(sequence) - 1):
            if isinstance(sequence[index], nn.MaxPool2d) and isinstance(sequence[index + 1], nn.ReLU):
                sequence[index], sequence[index + 1] = sequence[index + 1], sequence[index]
    return model


def tutorial_images_per_second(arch: str, steps: int, batch_size: int) -> float:
    torch.manual_seed(0)
    model = in_tutorial_layer_order(build_model(arch))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
    loader = DataLoader(TutorialMNIST(), batch_size=batch_size, shuffle=True)
    model.train()
    start, seen = None, 0
    for step, (images, labels) in enumerate(loader):
        if step == 10:  # after a warm-up
            start, seen = time.perf_counter(), 0
        optimizer.zero_grad()
        loss = F.nll_loss(F.log_softmax(model(images), dim=1), labels)
        loss.backward()
        optimizer.step()
        loss.item()
        seen += len(labels)
        if step == steps + 10:
            break
    return seen / (time.perf_counter() - start)


def tutorial_history(arch: str) -> list[tuple[int, float, float]]:
    """(epoch, seconds, test accuracy) of the tutorials' pipeline trained by the tutorial's own recipe, to the
    recipe's last epoch or the first that reaches 99%."""
    recipe = tutorial_recipe(arch)
    torch.manual_seed(0)
    model = in_tutorial_layer_order(build_model(arch))
    optimizer = torch.optim.SGD(model.parameters(), lr=recipe.lr, momentum=recipe.momentum)
    loader = DataLoader(TutorialMNIST(), batch_size=recipe.batch_size, shuffle=True)
    test = DataLoader(TutorialMNIST("test"), batch_size=1000)
    seconds, history = 0.0, []
    for epoch in range(1, recipe.epochs + 1):
        start = time.perf_counter()
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            loss = F.nll_loss(F.log_softmax(model(images), dim=1), labels)
            loss.backward()
            optimizer.step()
            loss.item()
        model.eval()
        with torch.no_grad():
            correct = sum(int((model(images).argmax(1) == labels).sum()) for images, labels in test)
        seconds += time.perf_counter() - start
        history.append((epoch, round(seconds, 2), correct / len(test.dataset)))
        if history[-1][2] >= time_to_99.TARGET:
            break
    return history


def seconds_to(accuracy: float, history: list[tuple[int, float, float]]) -> float | None:
    """When a run's test accuracy first reached `accuracy` (None if never)."""
    return next((seconds for _, seconds, reached in history if reached >= accuracy), None)


def time_to_accuracy(arch: str) -> dict[str, object]:
    """Both recipes' times to 99%, and to the best accuracy the tutorial's recipe reaches (it may stop short)."""
    theirs, ours = tutorial_history(arch), time_to_99.one_run("auto")["history"]
    best = max(accuracy for _, _, accuracy in theirs)
    figures: dict[str, object] = {"tutorial_history": theirs, "digitpad_default_history": ours}
    for name, target in (("to_99", time_to_99.TARGET), ("to_tutorials_best", best)):
        their_seconds, our_seconds = seconds_to(target, theirs), seconds_to(target, ours)
        ratio = round(their_seconds / our_seconds, 2) if their_seconds and our_seconds else None
        figures[name] = {"accuracy": target, "tutorial_seconds": their_seconds, "digitpad_seconds": our_seconds,
                         "ratio": ratio}  # fmt: skip
    return figures


def digitpad_images_per_second(arch: str, steps: int, batch_size: int) -> float:
    command = [sys.executable, "-m", "digitpad", "train", "--arch", arch, "--batch-size", str(batch_size),
               "--optimizer", "sgd", "--lr", "0.01", "--momentum", "0.5", "--no-nesterov", "--schedule", "none",
               "--augment", "none", "--weight-decay", "0", "--max-steps", str(steps), "--json",
               "--out", str(Path(tempfile.mkdtemp()) / "bench.safetensors")]  # fmt: skip
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    return json.loads(lines[-1])["images_per_second"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="cnn-small")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--busy", action="store_true", help="keep one core busy with another process meanwhile")
    parser.add_argument("--time-to-99", action="store_true", help="also time both recipes to 99%% test accuracy")
    args = parser.parse_args()
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    ours, theirs = [], []
    for _ in range(args.repeats):  # interleaved, so a noisy moment hits both
        theirs.append(tutorial_images_per_second(args.arch, args.steps, args.batch_size))
        ours.append(digitpad_images_per_second(args.arch, args.steps, args.batch_size))
    times = time_to_accuracy(args.arch) if args.time_to_99 else None
    if hog is not None:
        hog.kill()
    print(json.dumps({
        "busy_core": args.busy,
        "benchmark": "train_throughput", "arch": args.arch, "batch_size": args.batch_size, "optimizer": "sgd",
        "threads": torch.get_num_threads(), "digitpad_images_per_second": round(statistics.median(ours)),
        "tutorial_images_per_second": round(statistics.median(theirs)),
        "ratio": round(statistics.median(ours) / statistics.median(theirs), 2),
    } | ({"time_to_accuracy": times} if times else {})))  # fmt: skip


if __name__ == "__main__":
    main()
