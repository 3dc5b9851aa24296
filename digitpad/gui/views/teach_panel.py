"""The Draw view's "teach it my handwriting" box: label the drawing as a digit of My handwriting, see the counts,
take the last one back, ask for the selected model to be fine-tuned on them, and see what that changed. When the
drawing holds a number, the digit in focus is the one saved, as the model read it (its 28x28, enlarged)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from digitpad.engine.data import my_handwriting
from digitpad.engine.reading.number import NumberReading
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.training.events import Comparison
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import Retranslatable, percent


class TeachPanel(Retranslatable, QGroupBox):
    statusChanged = Signal(str)
    collectionChanged = Signal()  # a sample was added to My handwriting or taken out
    fineTuneRequested = Signal(object)  # the Path of the model to teach

    def __init__(self, drawing: Drawing, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing, self.store = drawing, store
        self.digit_buttons: list[QPushButton] = []
        self._added: list[Path] = []  # samples this session added, for "Undo add"
        self._counts: tuple[list[int], int] = ([0] * 10, 0)
        self._comparison: tuple[str, Comparison] | None = None
        self._number: tuple[NumberReading, int] | None = None  # the number on the drawing, its digit in focus
        self.this_is = QLabel()
        self.count_label = QLabel()
        self.count_label.setObjectName("personalCount")
        self.count_label.setWordWrap(True)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("teachUndo")
        self.clear_after_saving = QCheckBox()
        self.clear_after_saving.setObjectName("clearAfterSaving")
        self.clear_after_saving.setChecked(True)
        self.fine_tune_button = QPushButton()
        self.fine_tune_button.setObjectName("fineTuneButton")
        self.report = QLabel()
        self.report.setObjectName("fineTuneReport")
        self.report.setWordWrap(True)
        self._lay_out()
        self.undo_button.clicked.connect(self.undo_last_sample)
        self.fine_tune_button.clicked.connect(self.request_fine_tune)
        self.show_message("")
        self.my_handwriting_changed()
        self.retranslate()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.this_is)
        for digit in range(10):
            button = QPushButton(str(digit))
            button.setObjectName(f"teachDigit{digit}")
            button.setShortcut(QKeySequence(f"Ctrl+{digit}"))
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("00") + 16)
            button.clicked.connect(lambda _checked=False, d=digit: self.add_to_my_handwriting(d))
            self.digit_buttons.append(button)
            row.addWidget(button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.count_label, 1)
        tools.addWidget(self.clear_after_saving)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(tools)
        layout.addWidget(self.fine_tune_button)
        layout.addWidget(self.report)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Teach it my handwriting"))
        self.this_is.setText(self.tr("This is a:"))
        for digit, button in enumerate(self.digit_buttons):
            button.setToolTip(self.tr("Save the drawing as a {digit} in My handwriting (Ctrl+{digit})")
                              .format(digit=digit))  # fmt: skip
        self.undo_button.setText(self.tr("Undo add"))
        self.undo_button.setToolTip(self.tr("Take the last saved sample out of My handwriting"))
        self.clear_after_saving.setText(self.tr("Clear after saving"))
        self.clear_after_saving.setToolTip(self.tr("Clear the canvas once a sample is saved, so the next one can be "
                                                   "drawn"))  # fmt: skip
        self.fine_tune_button.setText(self.tr("Teach the selected model my handwriting"))
        self.fine_tune_button.setToolTip(self.tr(
            "Fine-tune the selected model on My handwriting mixed with MNIST (a few epochs, a low learning rate): "
            "the result is a new model of yours, measured before and after on samples it did not train on"
        ))  # fmt: skip
        self.count_label.setToolTip(self.tr("How many samples of each digit My handwriting holds (Dataset view: "
                                            "browse, delete, relabel)"))  # fmt: skip
        self._show_counts(*self._counts)
        if self._comparison is not None:
            self.show_comparison(*self._comparison)

    # --- the samples -------------------------------------------------------------------------------------------
    def set_reading(self, reading: NumberReading | None, focus: int) -> None:
        """The Draw view's latest reading of the drawing: a number's digit in focus is what "This is a:" saves."""
        self._number = (reading, focus) if reading is not None and len(reading.digits) > 1 else None

    def _sample(self) -> np.ndarray:
        """What a digit button saves: the drawing, or the digit in focus when it holds a number."""
        if self._number is None:
            return self.drawing.snapshot()
        reading, focus = self._number
        return my_handwriting.digit_picture(reading.digit_at(focus).prediction.model_input)

    def add_to_my_handwriting(self, digit: int) -> Path | None:
        """Save the drawing (or its digit in focus) as a sample of `digit`; an empty drawing is not saved (and
        says so)."""
        try:
            path = my_handwriting.add(self._sample(), digit)
        except DigitpadError as error:
            self.show_message(str(error))
            self.statusChanged.emit(str(error))
            return None
        self._added.append(path)
        self.statusChanged.emit(
            self.tr(
                "saved as a {digit} in My handwriting (it has %n of them)", "", my_handwriting.counts()[digit]
            ).format(digit=digit)
        )
        if self.clear_after_saving.isChecked():
            self.drawing.clear()
        self.my_handwriting_changed()
        self.collectionChanged.emit()
        return path

    def undo_last_sample(self) -> None:
        while self._added:
            path = self._added.pop()
            if path.exists():  # it may have been deleted in the Dataset view meanwhile
                my_handwriting.remove(path)
                self.statusChanged.emit(
                    self.tr("took the last {digit} out of My handwriting").format(digit=path.parent.name)
                )
                break
        self.my_handwriting_changed()
        self.collectionChanged.emit()

    def my_handwriting_changed(self) -> None:
        """The samples changed (here, in the Dataset view, by an import): count them again."""
        self._show_counts(my_handwriting.counts(), sum(path.exists() for path in self._added))

    def _show_counts(self, per_digit: list[int], undoable: int) -> None:
        self._counts = (per_digit, undoable)
        total = sum(per_digit)
        if total == 0:
            self.count_label.setText(self.tr("My handwriting: empty. Draw a digit, then press its number."))
        else:
            digits = " ".join(f"{digit}:{count}" for digit, count in enumerate(per_digit))
            self.count_label.setText(self.tr("My handwriting: {total} ({digits})").format(total=total, digits=digits))
        self.undo_button.setEnabled(undoable > 0)

    # --- the fine-tune -----------------------------------------------------------------------------------------
    def request_fine_tune(self) -> None:
        """Ask for the selected model to be taught My handwriting, if there are enough samples."""
        entry = self.store.current
        try:
            my_handwriting.check_ready()
        except DigitpadError as error:
            self.show_message(str(error))
            self.statusChanged.emit(str(error))
            return
        if entry is not None:
            self.show_message(
                self.tr("Teaching {name} your handwriting: the Train view shows the run…").format(name=entry.name)
            )
            self.fineTuneRequested.emit(entry.path)

    def show_comparison(self, model_name: str, comparison: Comparison) -> None:
        mnist = ""
        if comparison.mnist_before is not None and comparison.mnist_after is not None:
            mnist = self.tr("; MNIST test {before} → {after}").format(
                before=percent(comparison.mnist_before, 2), after=percent(comparison.mnist_after, 2)
            )
        self.show_message(
            self.tr("<b>{name}</b> is selected. On %n of your digits it did not train on: {parent} {before} → "
                    "<b>{after}</b>{mnist}.", "", comparison.test_images).format(
                name=model_name, parent=comparison.parent, before=percent(comparison.before, 0),
                after=percent(comparison.after, 0), mnist=mnist)
        )  # fmt: skip
        self._comparison = (model_name, comparison)  # shown again in another language

    def show_message(self, text: str) -> None:
        self._comparison = None
        self.report.setText(text)
        self.report.setVisible(bool(text))
