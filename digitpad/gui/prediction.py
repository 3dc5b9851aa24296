"""What the model thinks: the big digit, its confidence, ten probability bars and the 28x28 input it saw."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from digitpad.engine.predictor import Prediction

PREVIEW_SCALE = 4  # the 28x28 input shown at 112x112, pixels kept sharp


class PredictionPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digit_label = QLabel("")
        self.digit_label.setObjectName("predictionLabel")
        font = QFont(self.font())
        font.setPointSize(64)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumHeight(110)
        self.confidence_label = QLabel("Draw a digit to see what the model thinks.")
        self.confidence_label.setObjectName("confidenceLabel")
        self.confidence_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence_label.setWordWrap(True)

        bars = QGridLayout()
        bars.setVerticalSpacing(2)
        self.bars: list[QProgressBar] = []
        for digit in range(10):
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setFormat("")
            bar.setMaximumHeight(16)
            bar.setObjectName(f"probabilityBar{digit}")
            bars.addWidget(QLabel(str(digit)), digit, 0)
            bars.addWidget(bar, digit, 1)
            self.bars.append(bar)

        self.preview = QLabel()
        self.preview.setObjectName("modelInputPreview")
        self.preview.setFixedSize(28 * PREVIEW_SCALE, 28 * PREVIEW_SCALE)
        self.preview.setToolTip("The 28x28 image the network actually sees")
        self.preview.setStyleSheet("background: black;")
        preview_caption = QLabel("What the network sees (28x28)")
        preview_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.digit_label)
        layout.addWidget(self.confidence_label)
        layout.addLayout(bars)
        layout.addSpacing(8)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(preview_caption)
        layout.addStretch(1)

    def show_prediction(self, prediction: Prediction | None) -> None:
        if prediction is None:
            self.digit_label.setText("")
            self.confidence_label.setText("No digit yet: draw one, open an image, or pick a dataset sample.")
            for bar in self.bars:
                bar.setValue(0)
                bar.setFormat("")
            self.preview.clear()
            return
        self.digit_label.setText(str(prediction.digit))
        if prediction.unsure:
            runner_up = int(np.argsort(prediction.probabilities)[-2])
            self.confidence_label.setText(
                f"Unsure: {prediction.confidence:.0%} a {prediction.digit}, maybe a {runner_up}"
            )
        else:
            self.confidence_label.setText(f"{prediction.confidence:.1%} confident")
        for bar, probability in zip(self.bars, prediction.probabilities, strict=True):
            bar.setValue(round(probability * 1000))
            bar.setFormat(f"{probability:.1%}")
        pixels = np.ascontiguousarray((prediction.model_input * 255).astype(np.uint8))
        image = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)
        )  # fmt: skip
