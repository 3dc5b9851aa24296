"""Give every bundled model its familiarity with digits (engine/reading/familiarity.py), saved in its file.

python -m training.familiarity   (about half a minute on two cores)

A run measures its model's familiarity whenever it keeps a best model; the bundled models were trained before
that, and a model without one measures it each time it is loaded. This measures it once and writes it into each
bundled file (atomically; weights, metadata and creation date unchanged).
"""

from __future__ import annotations

import json

from digitpad.engine.reading.familiarity import calibrate, reads_digits
from digitpad.engine.store.checkpoints import SUFFIX, load_checkpoint, save_checkpoint
from digitpad.paths import bundled_models_dir


def main() -> None:
    for path in sorted(bundled_models_dir().glob(f"*{SUFFIX}")):
        checkpoint = load_checkpoint(path)
        if not reads_digits(checkpoint):
            continue
        familiarity = calibrate(checkpoint.build(), checkpoint)
        checkpoint.familiarity = familiarity.as_tensors()
        save_checkpoint(checkpoint, path)
        print(json.dumps({"model": path.stem, "features": familiarity.means.shape[1], "limit": familiarity.limit}))


if __name__ == "__main__":
    main()
