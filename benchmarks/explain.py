"""The Why view's engine: building a model's nearest-examples index once, then per drawing a neighbour query
and each evidence map. Prints one JSON object per model (medians of 30, ms; the build in s).

    .venv/bin/python benchmarks/explain.py [MODEL ...]    (default: lenet5 lenet-wide)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DIGITPAD_HOME", tempfile.mkdtemp(prefix="digitpad-bench-"))

import numpy as np
import torch

from digitpad.engine.data.loading import load_dataset
from digitpad.engine.insight.explanation import Explainer, saliency
from digitpad.engine.models.layers import penultimate
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import load_checkpoint


def measure(name: str, images: np.ndarray) -> dict[str, object]:
    path = resolve_model(name)
    explainer = Explainer(load_checkpoint(path), path)
    started = time.perf_counter()
    index = explainer.ensure_index()
    build_s = time.perf_counter() - started
    queries, maps = [], {"occlusion": [], "gradient": []}
    for image in images:
        with torch.inference_mode():
            features = penultimate(explainer.model, explainer.checkpoint.model_batch(image))[0].numpy()
        started = time.perf_counter()
        index.query(features)
        queries.append((time.perf_counter() - started) * 1000)
        for method, times in maps.items():
            started = time.perf_counter()
            saliency(explainer.model, explainer.checkpoint, image, 7, method)
            times.append((time.perf_counter() - started) * 1000)
    return {
        "model": name, "index_build_s": round(build_s, 1), "index_features": int(index.features.shape[1]),
        "query_ms_median": round(statistics.median(queries), 2), "query_ms_max": round(max(queries), 2),
        **{f"{method}_ms_median": round(statistics.median(times), 2) for method, times in maps.items()},
    }  # fmt: skip


def main() -> None:
    torch.set_num_threads(1)  # as the window's worker does
    images = load_dataset("mnist").test.raw_images[:30].astype(np.float32) / 255
    for name in sys.argv[1:] or ["lenet5", "lenet-wide"]:
        print(json.dumps({"benchmark": "explain", "cpus": os.cpu_count(), **measure(name, images)}))


if __name__ == "__main__":
    main()
