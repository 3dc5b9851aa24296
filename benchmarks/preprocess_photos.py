"""Preprocessing time of photos and scans (a digit small on a page with uneven light), tight crops and canvas
drawings: milliseconds per image, median of rounds, one thread, as the window's and the CLI's readers pay it.

.venv/bin/python benchmarks/preprocess_photos.py [--count 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # training/ (the evaluation's families)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the canvas family draws through the real canvas

from digitpad.engine.data.preprocess import preprocess
from training.handwriting_eval import canvas_plain, optdigits_paper, optdigits_tight


def milliseconds_per_image(images: list, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for image in images:
            preprocess(image)
        times.append((time.perf_counter() - started) * 1000 / len(images))
    return round(statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    families = {
        "photo_or_scan_on_a_page": [image for image, _ in optdigits_paper(count=args.count)],
        "tight_crop": [image for image, _ in optdigits_tight(count=args.count)],
        "canvas_drawing": [image for image, _ in canvas_plain(per_digit=max(1, args.count // 10))],
    }
    sizes = {name: "x".join(map(str, images[0].shape)) for name, images in families.items()}
    result = {name: milliseconds_per_image(images, args.rounds) for name, images in families.items()}
    print(json.dumps({"benchmark": "preprocess_ms_per_image", **result, "sizes": sizes, "count": args.count}))


if __name__ == "__main__":
    main()
