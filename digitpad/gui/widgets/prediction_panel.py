"""What the model thinks: the big digit (or "Not a digit"), its confidence, ten probability bars and the 28x28
input it saw."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from digitpad.engine.reading.prediction import Prediction
from digitpad.gui.support.language import Retranslatable, percent

PREVIEW_SCALE = 4  # the 28x28 input shown at 112x112, pixels kept sharp
ROW_HEIGHT, ROW_GAP = 15, 2  # pixels, per digit in the probability chart


def big_label(name: str, points: int) -> QLabel:
    """A centred label in large bold type: an answer, the first thing the eye should find."""
    label = QLabel()
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class ProbabilityChart(Retranslatable, QWidget):
    """Ten horizontal bars, one per digit, with its probability written on it; painted in one pass.

    Ten QProgressBars did the same at 5.1 ms of the GUI thread per answer (each setValue repaints at once, and
    a styled bar takes 0.2-0.5 ms to paint); live prediction answers up to 60 times a second.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilityChart")
        self.probabilities: tuple[float, ...] = ()
        self.meaningful = True  # False: the ink is not a digit, and the bars are the model's forced choice
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Probability of each digit"))
        self.set_probabilities(self.probabilities, self.meaningful)

    def set_probabilities(self, probabilities: tuple[float, ...], meaningful: bool = True) -> None:
        """The ten bars; not `meaningful` (the ink is not a digit): drawn grey, and said so."""
        self.probabilities, self.meaningful = probabilities, meaningful
        text = ", ".join(f"{digit}: {percent(p)}" for digit, p in enumerate(probabilities)) or self.tr("no digit")
        if not meaningful:
            text = self.tr("Not meaningful, the drawing is not a digit: {scores}").format(scores=text)
        self.setAccessibleDescription(text)
        forced = self.tr("The model shares 100% among ten digits whatever it is shown: here they mean nothing.")
        self.setToolTip("" if meaningful else forced)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, 10 * (ROW_HEIGHT + ROW_GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 10 * (ROW_HEIGHT + ROW_GAP))

    def bar_rects(self) -> list[QRect]:
        """Each digit's bar, 0 to 9 from the top; its label takes the space to the left."""
        label_width = self.fontMetrics().horizontalAdvance("0") + 10
        width = self.width() - label_width - 1
        return [QRect(label_width, digit * (ROW_HEIGHT + ROW_GAP), width, ROW_HEIGHT - 1) for digit in range(10)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        for digit, bar in enumerate(self.bar_rects()):
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = QRect(0, bar.top(), bar.left(), ROW_HEIGHT)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Base))
            if digit < len(self.probabilities):
                probability = self.probabilities[digit]
                filled = QRect(bar.left(), bar.top(), round(bar.width() * probability), bar.height())
                fill = QPalette.ColorRole.Highlight if self.meaningful else QPalette.ColorRole.Mid
                painter.fillRect(filled, palette.color(fill))
                on_bar = probability > 0.5 and self.meaningful  # the text sits mostly on the filled part
                role = QPalette.ColorRole.HighlightedText if on_bar else QPalette.ColorRole.Text
                painter.setPen(palette.color(role))
                painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, percent(probability))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(bar)


class PredictionPanel(Retranslatable, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prediction: Prediction | None = None
        self.answered = False  # an answer (or "no digit") has been shown: the first hint is gone
        self.digit_label = big_label("predictionLabel", 56)
        self.digit_label.setMinimumHeight(90)
        self.digit_font = QFont(self.digit_label.font())
        self.words_font = QFont(self.digit_font)  # "Not a digit" in the digit's place, smaller so it fits
        self.words_font.setPointSize(24)
        self.confidence_label = QLabel()
        self.confidence_label.setObjectName("confidenceLabel")
        self.confidence_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence_label.setWordWrap(True)

        self.chart = ProbabilityChart()

        self.preview = QLabel()
        self.preview.setObjectName("modelInputPreview")
        self.preview.setFixedSize(28 * PREVIEW_SCALE, 28 * PREVIEW_SCALE)
        self.preview.setStyleSheet("background: black;")
        self.preview_caption = preview_caption = QLabel()
        preview_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)

        answer = QVBoxLayout()
        answer.addWidget(self.digit_label)
        answer.addWidget(self.confidence_label)
        seen = QVBoxLayout()
        seen.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        seen.addWidget(preview_caption)
        top = QHBoxLayout()  # the answer beside what the network saw: the column keeps room for Teach and Compare
        top.addLayout(answer, 1)
        top.addLayout(seen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.chart)
        self.retranslate()

    def retranslate(self) -> None:
        self.preview.setToolTip(self.tr("The 28x28 image the network actually sees"))
        self.preview_caption.setText(self.tr("What the network\nsees (28x28)"))
        if self.prediction is not None:
            self._show_answer(self.prediction)
        elif self.answered:
            self.confidence_label.setText(self.tr("No digit yet: draw one, open an image, or pick a dataset sample."))
        else:
            self.confidence_label.setText(self.tr("Draw a digit to see what the model thinks."))

    def show_prediction(self, prediction: Prediction | None) -> None:
        self.prediction, self.answered = prediction, True
        if prediction is None:
            self.digit_label.setText("")
            self.retranslate()
            self.chart.set_probabilities(())
            self.preview.clear()
            return
        self._show_answer(prediction)
        self.chart.set_probabilities(prediction.probabilities, not prediction.not_a_digit)
        pixels = np.ascontiguousarray((prediction.model_input * 255).astype(np.uint8))
        image = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)
        )  # fmt: skip

    def _show_answer(self, prediction: Prediction) -> None:
        not_a_digit = prediction.not_a_digit
        self.digit_label.setFont(self.words_font if not_a_digit else self.digit_font)
        self.digit_label.setText(self.tr("Not a digit") if not_a_digit else str(prediction.digit))
        if not_a_digit:
            self.confidence_label.setText(
                self.tr("This looks like none of 0-9. The model alone would have said {digit} ({confidence}): "
                        "see Why.").format(digit=prediction.digit, confidence=percent(prediction.confidence, 0))
            )  # fmt: skip
        elif prediction.unsure:
            runner_up = int(np.argsort(prediction.probabilities)[-2])
            self.confidence_label.setText(
                self.tr("Unsure: {confidence} a {digit}, maybe a {runner_up}").format(
                    confidence=percent(prediction.confidence, 0), digit=prediction.digit, runner_up=runner_up)
            )  # fmt: skip
        else:
            self.confidence_label.setText(
                self.tr("{confidence} confident").format(confidence=percent(prediction.confidence))
            )
