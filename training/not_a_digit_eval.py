"""How well digitpad tells what is not a digit from digits, family by family (issue 31).

python -m training.not_a_digit_eval [--model NAME] [--count 300]

Non-digits come from training/non_digits.py, in its tune and report parts (the judge trains on its train part);
digits from MNIST's test set (tune) and training/handwriting_eval.py's families, tune and report. Every image is
scored five ways, from one pass of the model and one of the judge:
- `max_probability`: the softmax's largest share (low: not a digit);
- `energy`: logsumexp of the logits (Liu et al., 2020; low: not a digit);
- `mahalanobis`: minus the model's distance to the nearest digit it knows (engine/reading/familiarity.py; low: not
  a digit);
- `judge`: the digit-or-not judge (engine/reading/digit_or_not.py), at its own threshold;
- `judge + mahalanobis`: either says not a digit;
and, last, what the app says: each image read as `digitpad predict` reads it (engine/reading/number.py), with
the model's verdict (engine/reading/predictor.py), and the share of each family it calls not a digit.
A score's threshold is set so that 1% of the tune digits fall below it (0.5% for Mahalanobis beside the judge);
then the share of each family called not a digit is printed: caught, for the non-digits, turned away wrongly,
for the digits.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Iterator

import numpy as np
import torch

from digitpad.engine.data.loading import DATASETS, dataset_dir, read_split
from digitpad.engine.data.preprocess import preprocess
from digitpad.engine.reading.digit_or_not import bundled_digit_judge
from digitpad.engine.reading.familiarity import calibrate, features_of
from digitpad.engine.reading.number import read_number
from digitpad.engine.reading.predictor import Predictor
from digitpad.engine.store.catalog import resolve_model
from digitpad.engine.store.checkpoints import Checkpoint, load_checkpoint
from training import non_digits
from training.handwriting_eval import FAMILIES as DIGIT_FAMILIES

SEED = 31
Images = Iterator[np.ndarray]


def digits(part: str, count: int) -> dict[str, Images]:
    """The part's digit families as dark-on-white images: MNIST's test digits (tune) and handwriting_eval's."""
    chosen: dict[str, Images] = {}
    if part == "tune":
        images, _ = read_split(dataset_dir("mnist"), "test", DATASETS["mnist"])
        chosen["mnist-test"] = iter(255 - images[:count])
    for name, family in DIGIT_FAMILIES.items():
        if family.part == part:
            chosen[name] = (sample for sample, _label in itertools.islice(family.samples(), count))
    return chosen


class Scorer:
    """The scores of a model for 28x28 inputs: its logits, its distance to the digits it knows, the judge."""

    def __init__(self, checkpoint: Checkpoint) -> None:
        self.checkpoint, self.model = checkpoint, checkpoint.build()
        self.familiarity = calibrate(self.model, checkpoint)

    def scores(self, inputs: np.ndarray) -> dict[str, np.ndarray]:
        features = features_of(self.model, self.checkpoint, inputs)
        with torch.inference_mode():
            logits = self.model(self.checkpoint.model_batch(inputs)).numpy()
        shifted = logits - logits.max(1, keepdims=True)
        probabilities = np.exp(shifted) / np.exp(shifted).sum(1, keepdims=True)
        judge = bundled_digit_judge()
        return {
            "max_probability": probabilities.max(1),
            "energy": logits.max(1) + np.log(np.exp(shifted).sum(1)),
            "mahalanobis": -self.familiarity.distances(features).min(1),
            "judge": judge.threshold - judge.chances(inputs),
        }


def _inputs(images: Images) -> np.ndarray:
    kept = [made for made in (preprocess(image) for image in images) if made is not None]
    return np.stack(kept).astype(np.float32)


def _caught(families: dict[str, dict[str, np.ndarray]], chosen: list[str], share: float) -> dict[str, float]:
    """Per family, the share called not a digit when each chosen score is cut at `share` of the tune digits."""
    tune = [scores for name, scores in families.items() if name.startswith("tune-digits")]
    cuts = {s: float(np.quantile(np.concatenate([d[s] for d in tune]), share)) for s in chosen if s != "judge"}
    return {
        name: round(float(np.any([scores[s] < c for s, c in cuts.items()] + [scores["judge"] < 0] * ("judge" in chosen),
                                 axis=0).mean()), 4)
        for name, scores in families.items()
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a model name or file (default: the default model)")
    parser.add_argument("--count", type=int, default=300, help="images per non-digit family (default: 300)")
    parser.add_argument("--digits", type=int, default=1000, help="images per digit family (default: 1000)")
    args = parser.parse_args()
    path = resolve_model(args.model)
    scorer, reader = Scorer(load_checkpoint(path)), Predictor(path)
    families: dict[str, dict[str, np.ndarray]] = {}
    app: dict[str, float] = {}  # per family, the share the app calls not a digit, reading it as a number
    for part in ("tune", "report"):
        made = {name: list(make(part, args.count, np.random.default_rng(SEED)))
                for name, make in non_digits.FAMILIES.items()}  # fmt: skip
        made |= {f"digits-{name}": list(images) for name, images in digits(part, args.digits).items()}
        for name, images in made.items():
            families[f"{part}-{name}"] = scorer.scores(_inputs(iter(images)))
            readings = [read_number(image, reader) for image in images]
            app[f"{part}-{name}"] = round(float(np.mean([r is not None and r.not_a_digit for r in readings])), 4)
    for chosen, share in ((["max_probability"], 0.01), (["energy"], 0.01), (["mahalanobis"], 0.01),
                          (["judge"], 0.0), (["judge", "mahalanobis"], 0.005)):  # fmt: skip
        print(json.dumps({"scores": chosen, "called_not_a_digit": _caught(families, chosen, share)}), flush=True)
    print(json.dumps({"scores": ["the app: predict, read as a number"], "called_not_a_digit": app}), flush=True)


if __name__ == "__main__":
    main()
