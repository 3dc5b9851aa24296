"""The Dataset view: a dataset's split in the 3x4 grid, with label filters, the selected model's answers, its
accuracy and confusion matrix (a cell of it shows those images), and My handwriting's samples to curate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitpad.engine.data import my_handwriting
from digitpad.engine.data.loading import DATASETS, SPLITS, dataset_dir, read_split
from digitpad.engine.reading.evaluation import Evaluation, wrong_count
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import Retranslatable, number, percent, translate
from digitpad.gui.support.tasks import BackgroundTasks
from digitpad.gui.views.sample_grid import SampleGrid
from digitpad.gui.widgets.choices import add_dataset_choices, update_dataset_choices
from digitpad.gui.widgets.confusion import ConfusionMatrix

SplitKey = tuple[str, str]  # (dataset, split)
EvaluationKey = tuple[str, str, str, float]  # (dataset, split, model file, its modification time)


@dataclass
class SplitData:
    images: np.ndarray  # uint8 (N, 28, 28)
    labels: np.ndarray  # uint8 (N,)
    paths: list[Path] | None = None  # My handwriting: each sample's file, so it can be deleted or relabelled


def read_data(dataset: str, split: str) -> SplitData:
    """A split to browse; for My handwriting, "train" is what a fine-tune learns from, "test" the held-back part."""
    if dataset == "mine":
        part = my_handwriting.read_part(split)
        return SplitData(part.images, part.labels, part.paths)
    return SplitData(*read_split(dataset_dir(dataset), split, DATASETS[dataset]))


class DatasetBrowser(Retranslatable, QWidget):
    sampleActivated = Signal(object, int)  # uint8 (28, 28) image, its label
    errorOccurred = Signal(str)
    statusChanged = Signal(str)
    datasetChanged = Signal(str)  # the shown dataset's title
    collectionChanged = Signal()  # a sample of My handwriting was deleted or relabelled here

    def __init__(self, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tasks = BackgroundTasks(self)
        self._splits: dict[SplitKey, SplitData] = {}
        self._evaluations: dict[EvaluationKey, Evaluation] = {}
        self._pending: set[EvaluationKey] = set()
        self.answer_filter: int | None = None  # show only images the model answered this way
        self.grid = SampleGrid()
        self._build_filters()
        self._build_report()
        self._lay_out()
        self.fill_datasets()
        self._fill_splits()
        self._connect()
        self._on_selection_changed()
        self.retranslate()

    def _build_filters(self) -> None:
        self.dataset_combo = QComboBox()
        self.dataset_combo.setObjectName("datasetSelector")
        self.split_combo = QComboBox()
        self.split_combo.setObjectName("splitSelector")
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("labelFilter")
        for digit in range(-1, 10):  # -1: every label
            self.label_filter.addItem("", digit)
        self.show_predictions = QCheckBox()
        self.show_predictions.setObjectName("showPredictions")
        self.misclassified_only = QCheckBox()
        self.misclassified_only.setObjectName("misclassifiedOnly")

    def _build_report(self) -> None:
        self.report_label = QLabel()
        self.report_label.setObjectName("modelReport")
        self.report_label.setWordWrap(True)
        self.confusion = ConfusionMatrix(clickable=True)
        self.confusion.setObjectName("datasetConfusion")
        self.confusion.setMinimumWidth(300)
        self.hint = QLabel()
        self.hint.setEnabled(False)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.dataset_combo, self.split_combo, self.label_filter, self.show_predictions,
                       self.misclassified_only):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        report = QVBoxLayout()
        report.addWidget(self.report_label)
        report.addWidget(self.confusion, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.grid, 3)
        middle.addLayout(report, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(middle, 1)
        layout.addLayout(self.grid.paging)
        layout.addWidget(self.hint)

    def _connect(self) -> None:
        self.dataset_combo.currentIndexChanged.connect(self._fill_splits)
        self.dataset_combo.currentIndexChanged.connect(self._on_selection_changed)
        self.dataset_combo.currentIndexChanged.connect(lambda: self.datasetChanged.emit(self.current_dataset_title()))
        self.split_combo.currentIndexChanged.connect(self._on_selection_changed)
        self.label_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.show_predictions.toggled.connect(self._on_filter_changed)
        self.misclassified_only.toggled.connect(self._on_filter_changed)
        self.confusion.cellClicked.connect(self.show_confusion_cell)
        self.grid.clicked.connect(self._on_cell_clicked)
        self.grid.deleteRequested.connect(self.delete_sample)
        self.grid.relabelRequested.connect(self.relabel_sample)
        self.store.currentChanged.connect(lambda _entry: self._on_filter_changed())

    def retranslate(self) -> None:
        self.label_filter.setItemText(0, self.tr("All labels"))
        for digit in range(10):
            self.label_filter.setItemText(digit + 1, self.tr("Only {digit}s").format(digit=digit))
        self.show_predictions.setText(self.tr("Show the model's answers"))
        self.misclassified_only.setText(self.tr("Misclassified only"))
        self.hint.setText(self.tr("Click a sample to send it to the Draw view."))
        for row in range(self.split_combo.count()):
            self.split_combo.setItemText(row, self._split_title(self.split_combo.itemData(row)))
        update_dataset_choices(self.dataset_combo)  # the titles, and the reasons a dataset is not here yet
        self._update_report()
        self.show_page(self.grid.page)
        if self.data is None:
            self.grid.say(self.tr("Loading…"))
        self.datasetChanged.emit(self.current_dataset_title())

    def _split_title(self, split: str) -> str:
        if self.dataset_combo.currentData() == "mine":
            return {"all": self.tr("all samples"), "train": self.tr("learned from"), "test": self.tr("held back")}[
                split
            ]
        return {"train": self.tr("train split"), "test": self.tr("test split")}.get(split, split)

    # --- data --------------------------------------------------------------------------------------------
    def fill_datasets(self) -> None:
        """Every dataset digitpad knows; the ones not downloaded yet are listed but disabled."""
        self.dataset_combo.blockSignals(True)
        self.dataset_combo.clear()
        add_dataset_choices(self.dataset_combo)
        self.dataset_combo.blockSignals(False)

    def _fill_splits(self) -> None:
        """MNIST-like datasets: their train and test splits (test first shown: what accuracy figures are about).
        My handwriting: all of it, the part a fine-tune learns from, and the part held back to measure it."""
        mine = self.dataset_combo.currentData() == "mine"
        self.split_combo.blockSignals(True)
        self.split_combo.clear()
        for split in ("all", "train", "test") if mine else SPLITS:
            self.split_combo.addItem(self._split_title(split), split)
        self.split_combo.setCurrentIndex(0 if mine else 1)
        self.split_combo.blockSignals(False)

    def current_dataset_title(self) -> str:
        return self.dataset_combo.currentText()

    @property
    def key(self) -> SplitKey:
        return self.dataset_combo.currentData(), self.split_combo.currentData()

    @property
    def data(self) -> SplitData | None:
        return self._splits.get(self.key)

    def _on_selection_changed(self) -> None:
        key = self.key
        if key in self._splits:
            self.show_page(0)
            return
        self.grid.say(self.tr("Loading…"))
        self.statusChanged.emit(self.tr("loading {dataset} ({split})…").format(
            dataset=self.current_dataset_title(), split=self.split_combo.currentText()))  # fmt: skip
        self.tasks.start(lambda: (key, read_data(*key)), self._on_split_loaded, self._on_task_failed)

    def _on_split_loaded(self, result: tuple[SplitKey, SplitData]) -> None:
        key, data = result
        self._splits[key] = data
        self.statusChanged.emit(self.tr("{dataset} {split}: %n image(s)", "", len(data.labels)).format(
            dataset=translate("datasets", DATASETS[key[0]].title), split=self._split_title(key[1])))  # fmt: skip
        if key == self.key:
            self._on_filter_changed()

    def _on_task_failed(self, message: str) -> None:
        self.grid.say(self.tr("Could not load"))
        self.errorOccurred.emit(message)

    # --- My handwriting ------------------------------------------------------------------------------------
    def my_handwriting_changed(self) -> None:
        """Samples were added, deleted, relabelled or imported: forget what was read of them, and show them anew."""
        for split_key in [k for k in self._splits if k[0] == "mine"]:
            del self._splits[split_key]
        for evaluation_key in [k for k in self._evaluations if k[0] == "mine"]:
            del self._evaluations[evaluation_key]
        update_dataset_choices(self.dataset_combo)
        if self.key[0] == "mine":
            self._on_selection_changed()

    def delete_sample(self, index: int) -> None:
        """Take sample `index` of the shown My handwriting split out of the collection."""
        data = self.data
        if data is None or data.paths is None:
            return
        my_handwriting.remove(data.paths[index])
        self.statusChanged.emit(self.tr("deleted a {digit} from My handwriting").format(digit=int(data.labels[index])))
        self.collectionChanged.emit()

    def relabel_sample(self, index: int, label: int) -> None:
        data = self.data
        if data is None or data.paths is None:
            return
        my_handwriting.relabel(data.paths[index], label)
        self.statusChanged.emit(self.tr("relabelled a {digit} of My handwriting as {label}").format(
            digit=int(data.labels[index]), label=label))  # fmt: skip
        self.collectionChanged.emit()

    # --- the model's answers -------------------------------------------------------------------------------
    def _evaluation_key(self) -> EvaluationKey | None:
        entry = self.store.current
        if entry is None or not entry.path.exists():
            return None
        return (*self.key, str(entry.path), entry.path.stat().st_mtime)

    def evaluation(self) -> Evaluation | None:
        """The selected model's evaluation on the whole split (the engine's, as `digitpad eval` prints), or None
        while it is computed in the background."""
        key = self._evaluation_key()
        if key is None or self.data is None:
            return None
        if key in self._evaluations:
            return self._evaluations[key]
        if key not in self._pending and self.store.current is not None:
            self._pending.add(key)
            predictor, data = self.store.predictor(), self.data
            assert predictor is not None
            self.statusChanged.emit(self.tr("predicting %n image(s) with {name}…", "", len(data.labels)).format(
                name=self.store.current.name))  # fmt: skip
            self.tasks.start(lambda: (key, predictor.evaluate(data.images, data.labels)),
                             self._on_evaluation_ready, self._on_task_failed)  # fmt: skip
        return None

    def predictions(self) -> np.ndarray | None:
        """The selected model's answer for every image of the split, or None while it is computed."""
        evaluation = self.evaluation()
        return None if evaluation is None else np.asarray(evaluation.predictions)

    def _on_evaluation_ready(self, result: tuple[EvaluationKey, Evaluation]) -> None:
        key, evaluation = result
        self._pending.discard(key)
        self._evaluations[key] = evaluation
        wrong = wrong_count(evaluation)
        name = self.store.current.name if self.store.current else self.tr("model")
        self.statusChanged.emit(self.tr("{name}: {wrong} wrong").format(name=name, wrong=number(wrong)))
        self._on_filter_changed()

    def _update_report(self) -> None:
        evaluation = self.evaluation() if self.show_predictions.isChecked() else None
        self.confusion.setVisible(evaluation is not None)
        entry = self.store.current
        if evaluation is None or entry is None:
            self.report_label.setText(
                self.tr("Measuring {name} on every image of the split…").format(name=entry.name)
                if self.show_predictions.isChecked() and entry is not None
                else self.tr("Tick “Show the model's answers” to measure the selected model here.")
            )
            return
        self.report_label.setText(
            self.tr("<b>{name}</b> on {split}: <b>{accuracy}</b> ({wrong} wrong of {total}). Click a cell to browse "
                    "those images.").format(name=entry.name, split=self.split_combo.currentText(),
                                            accuracy=percent(evaluation.accuracy, 2),
                                            wrong=number(wrong_count(evaluation)),
                                            total=number(len(evaluation.predictions)))
        )  # fmt: skip
        self.confusion.show_matrix(evaluation.confusion_matrix, evaluation.per_class_accuracy)

    # --- which samples the grid shows ----------------------------------------------------------------------------
    def visible_indices(self) -> np.ndarray:
        """Indices of the samples that pass the label and misclassified filters."""
        data = self.data
        if data is None:
            return np.zeros(0, dtype=np.int64)
        keep = np.ones(len(data.labels), dtype=bool)
        label = self.label_filter.currentData()
        if label >= 0:
            keep &= data.labels == label
        if self.misclassified_only.isChecked() or self.answer_filter is not None:
            answers = self.predictions()
            if answers is None:
                return np.zeros(0, dtype=np.int64)
            if self.misclassified_only.isChecked():
                keep &= answers != data.labels
            if self.answer_filter is not None:
                keep &= answers == self.answer_filter
        return np.flatnonzero(keep)

    def show_confusion_cell(self, true_label: int, answer: int) -> None:
        """Show the images of `true_label` the model read as `answer` (a click on the confusion matrix)."""
        if answer >= 10:
            return
        for widget in (self.label_filter, self.misclassified_only):
            widget.blockSignals(True)
        self.label_filter.setCurrentIndex(self.label_filter.findData(true_label))
        self.misclassified_only.setChecked(False)
        for widget in (self.label_filter, self.misclassified_only):
            widget.blockSignals(False)
        self.answer_filter = answer
        self.show_page(0)

    def _on_filter_changed(self) -> None:
        self.answer_filter = None  # a new filter choice ends a confusion-matrix selection
        self._update_report()
        self.show_page(0)

    def show_page(self, page: int) -> None:
        """The samples the filters let through, from `page` on, with the model's answers when they are asked for."""
        want_answers = (
            self.show_predictions.isChecked() or self.misclassified_only.isChecked() or self.answer_filter is not None
        )
        answers = self.predictions() if want_answers else None
        waiting = answers is None and self.misclassified_only.isChecked()
        names = DATASETS[self.key[0]].class_names
        self.grid.show_samples(self.data, self.visible_indices(), answers, names, waiting, page)

    def _on_cell_clicked(self, index: int) -> None:
        if self.data is not None:
            self.sampleActivated.emit(self.data.images[index], int(self.data.labels[index]))
