"""A number's answer: the digits read, large, and a button per digit (its answer and confidence) to look at it.
A part that is not a digit (a letter among digits) shows as a cross: then the drawing is not a number.

Shown only when a drawing holds several digits: one digit keeps the Draw view exactly as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from digitpad.engine.reading.number import NumberReading
from digitpad.gui.support.language import Retranslatable, percent
from digitpad.gui.widgets.prediction_panel import big_label

NOT_A_DIGIT = "✕"  # a part of the drawing that is not a digit, in the number's place


def shown_text(reading: NumberReading) -> str:
    """The number as the panel shows it: its digits, a cross for each part that is not one."""
    return "".join(
        f"{NOT_A_DIGIT if d.prediction.not_a_digit else d.prediction.digit}{' ' if i in reading.spaces else ''}"
        for i, d in enumerate(reading.digits)
    )


class NumberPanel(Retranslatable, QWidget):
    digitChosen = Signal(int)  # the index (left to right) of the digit the user picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading: NumberReading | None = None
        self.number_label = big_label("numberLabel", 40)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("numberSummary")
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setWordWrap(True)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.buttons.idClicked.connect(self.digitChosen)
        self.digit_row = QHBoxLayout()
        self.digit_row.setSpacing(2)
        self.digit_row.addStretch(1)
        self.digit_row.addStretch(1)  # the buttons go between the two: centred under the number
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number_label)
        layout.addWidget(self.summary_label)
        layout.addLayout(self.digit_row)
        self.setVisible(False)

    def retranslate(self) -> None:
        if self.reading is not None:
            self._show_summary(self.reading)
        for index, button in enumerate(self.buttons.buttons()):
            button.setToolTip(self.tr("Digit {position}: look at it below, in Inside and in Why").format(
                position=index + 1))  # fmt: skip

    def show_reading(self, reading: NumberReading | None, focus: int) -> None:
        """The number read (hidden unless it has several digits), digit `focus` picked."""
        self.reading = reading
        several = reading is not None and len(reading.digits) > 1
        self.setVisible(several)
        if reading is None or not several:
            return
        self.number_label.setText(shown_text(reading))
        self._show_summary(reading)
        self._fill_buttons(reading, focus)
        self.retranslate()

    def _show_summary(self, reading: NumberReading) -> None:
        digits = len(reading.digits)
        if reading.not_a_digit:
            parts = [str(place + 1) for place, read in enumerate(reading.digits) if read.prediction.not_a_digit]
            text = self.tr("Not a number: some of it is not a digit (part {parts} of {count})")
            self.summary_label.setText(text.format(parts=", ".join(parts), count=digits))
            return
        if reading.doubtful_split:
            text = self.tr("Unsure where one digit ends and the next begins: {count} digits, {confidence}")
        elif reading.unsure:
            text = self.tr("Unsure of a digit: {count} digits, {confidence}")
        else:
            text = self.tr("{count} digits, {confidence} confident")
        self.summary_label.setText(text.format(count=digits, confidence=percent(reading.confidence, 0)))

    def _fill_buttons(self, reading: NumberReading, focus: int) -> None:
        buttons = self.buttons.buttons()
        for extra in buttons[len(reading.digits) :]:
            self.buttons.removeButton(extra)
            extra.deleteLater()
        for index in range(len(buttons), len(reading.digits)):
            button = QToolButton()
            button.setObjectName(f"digitButton{index}")
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addButton(button, index)
            self.digit_row.insertWidget(self.digit_row.count() - 1, button)
        for index, read in enumerate(reading.digits):
            shown = self.buttons.button(index)
            if read.prediction.not_a_digit:
                shown.setText(NOT_A_DIGIT + "\n" + self.tr("not a digit"))
            else:
                shown.setText(f"{read.prediction.digit}\n{percent(read.prediction.confidence, 0)}")
            shown.setChecked(index == min(focus, len(reading.digits) - 1))
