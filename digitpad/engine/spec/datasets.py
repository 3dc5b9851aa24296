"""The datasets digitpad knows by name (no torch: the CLI's help and the training form's choices need them)."""

from __future__ import annotations

from dataclasses import dataclass

from digitpad.engine.spec.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    title: str  # marked for the window's translation (translatable.py)
    class_names: tuple[str, ...]
    torchvision_class: str | None  # None: bundled, never downloaded
    transposed: bool = False  # EMNIST stores images transposed
    file_hint: str = ""  # a part of the file names to pick when a download holds several datasets


DIGITS = tuple(str(d) for d in range(10))
DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec("mnist", QT_TRANSLATE_NOOP("datasets", "MNIST (bundled)"), DIGITS, None),
        DatasetSpec(
            "fashion-mnist",
            "Fashion-MNIST",
            ("T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"),
            "FashionMNIST",
        ),
        DatasetSpec("kmnist", "Kuzushiji-MNIST", tuple("おきすつなはまやれを"), "KMNIST"),
        DatasetSpec(
            "emnist-digits",
            QT_TRANSLATE_NOOP("datasets", "EMNIST digits"),
            DIGITS,
            "EMNIST",
            transposed=True,
            file_hint="digits",
        ),
        # the user's own digits (engine/my_handwriting.py); training on it mixes in MNIST, so nothing is forgotten
        DatasetSpec("mine", QT_TRANSLATE_NOOP("datasets", "My handwriting"), DIGITS, None),
    )
}


def answers_digits(name: str) -> bool:
    """Whether a model trained on dataset `name` answers digits (only such a model can say "not a digit")."""
    spec = DATASETS.get(name)
    return spec is None or spec.class_names == DIGITS
