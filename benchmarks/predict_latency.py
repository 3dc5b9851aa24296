"""Prediction latency (preprocess + forward, one canvas drawing as the Draw view hands it to the models) per
bundled model, and for "compare" (all).

.venv/bin/python benchmarks/predict_latency.py
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np

from digitpad.engine.data.preprocess import CANVAS_SIZE, reduce_canvas
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import list_models
from digitpad.engine.system.device import set_cpu_threads
from digitpad.engine.training.speed import prediction_latency


def canvas_drawing() -> np.ndarray:
    """A 7 on the canvas, reduced as Drawing.snapshot reduces it."""
    image = np.full((CANVAS_SIZE, CANVAS_SIZE), 255, dtype=np.uint8)
    image[70:90, 100:220] = 0  # a 7: the bar
    for row in range(90, 270):
        column = 200 - (row - 90) // 3
        image[row, column - 10 : column + 10] = 0
    return reduce_canvas(image)


def main() -> None:
    set_cpu_threads(None)
    drawing = canvas_drawing()
    predictors = {entry.name: Predictor(entry.path) for entry in list_models() if entry.source == "bundled"}
    for name, predictor in predictors.items():
        print(json.dumps({"benchmark": "predict_latency", "model": name, **{
            k: round(v, 2) for k, v in prediction_latency(predictor, drawing).items()}}))  # fmt: skip
    times = []
    for _ in range(50):
        start = time.perf_counter()
        for predictor in predictors.values():
            predictor.predict(drawing)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({"benchmark": "compare_all_models", "models": len(predictors),
                      "p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[47], 2)}))  # fmt: skip


if __name__ == "__main__":
    main()
