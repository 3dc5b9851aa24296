"""The Draw view's "teach it my handwriting" row: label the drawing, see the counts, fine-tune, see the result."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from digitpad.engine.events import Comparison


class TeachPanel(QGroupBox):
    digitChosen = Signal(int)  # save the drawing as this digit
    undoRequested = Signal()
    fineTuneRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Teach it my handwriting", parent)
        self.digit_buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(QLabel("This is a:"))
        for digit in range(10):
            button = QPushButton(str(digit))
            button.setObjectName(f"teachDigit{digit}")
            button.setShortcut(QKeySequence(f"Ctrl+{digit}"))
            button.setToolTip(f"Save the drawing as a {digit} in My handwriting (Ctrl+{digit})")
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("00") + 16)
            button.clicked.connect(lambda _checked=False, d=digit: self.digitChosen.emit(d))
            self.digit_buttons.append(button)
            row.addWidget(button)
        self.count_label = QLabel()
        self.count_label.setObjectName("personalCount")
        self.count_label.setWordWrap(True)
        self.undo_button = QPushButton("Undo add")
        self.undo_button.setObjectName("teachUndo")
        self.undo_button.setToolTip("Take the last saved sample out of My handwriting")
        self.undo_button.clicked.connect(self.undoRequested)
        self.clear_after_saving = QCheckBox("Clear after saving")
        self.clear_after_saving.setObjectName("clearAfterSaving")
        self.clear_after_saving.setChecked(True)
        self.clear_after_saving.setToolTip("Clear the canvas once a sample is saved, so the next one can be drawn")
        row.addWidget(self.undo_button)
        row.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.count_label, 1)
        tools.addWidget(self.clear_after_saving)
        self.fine_tune_button = QPushButton("Teach the selected model my handwriting")
        self.fine_tune_button.setObjectName("fineTuneButton")
        self.fine_tune_button.setToolTip(
            "Fine-tune the selected model on My handwriting mixed with MNIST (a few epochs, a low learning rate): "
            "the result is a new model of yours, measured before and after on samples it did not train on"
        )
        self.fine_tune_button.clicked.connect(self.fineTuneRequested)
        self.report = QLabel()
        self.report.setObjectName("fineTuneReport")
        self.report.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(tools)
        layout.addWidget(self.fine_tune_button)
        layout.addWidget(self.report)
        self.show_counts([0] * 10, 0)
        self.show_message("")

    def show_counts(self, per_digit: list[int], undoable: int) -> None:
        total = sum(per_digit)
        if total == 0:
            self.count_label.setText("My handwriting: empty. Draw a digit, then press its number.")
        else:
            digits = " ".join(f"{digit}:{count}" for digit, count in enumerate(per_digit))
            self.count_label.setText(f"My handwriting: {total} ({digits})")
        self.count_label.setToolTip("How many samples of each digit My handwriting holds (Dataset view: browse, "
                                    "delete, relabel)")  # fmt: skip
        self.undo_button.setEnabled(undoable > 0)

    def show_comparison(self, model_name: str, comparison: Comparison) -> None:
        mnist = ""
        if comparison.mnist_before is not None and comparison.mnist_after is not None:
            mnist = f"; MNIST test {comparison.mnist_before:.2%} → {comparison.mnist_after:.2%}"
        self.show_message(
            f"<b>{model_name}</b> is selected. On {comparison.test_images} of your digits it did not train on: "
            f"{comparison.parent} {comparison.before:.0%} → <b>{comparison.after:.0%}</b>{mnist}."
        )

    def show_message(self, text: str) -> None:
        self.report.setText(text)
        self.report.setVisible(bool(text))
