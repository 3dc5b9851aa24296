"""The bar above the Train view that offers to resume a run a crash or a kill cut short (the run journal's)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from digitpad.gui.support.language import Retranslatable
from digitpad.gui.training.controller import TrainingController


class ResumeBar(Retranslatable, QFrame):
    """Shown only while the controller knows of an interrupted run; hidden once it is resumed or discarded."""

    resumeRequested = Signal()

    def __init__(self, controller: TrainingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("resumeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("resumeButton")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardResumeButton")
        self.resume_button.clicked.connect(self._on_resume_clicked)
        self.discard_button.clicked.connect(self._on_discard_clicked)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        self.setVisible(controller.interrupted_run() is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.resume_button.setText(self.tr("Resume"))
        self.discard_button.setText(self.tr("Discard"))
        record = self.controller.interrupted_run()
        if record is not None:
            self.label.setText(
                self.tr("Training {arch} stopped unexpectedly after epoch {done} of {epochs}. Its best model so far "
                        "is saved as {name}. Resume it?").format(
                    arch=record.config.arch, done=record.epochs_done, epochs=record.config.epochs,
                    name=record.checkpoint.stem)
            )  # fmt: skip

    def _on_resume_clicked(self) -> None:
        self.hide()
        self.resumeRequested.emit()

    def _on_discard_clicked(self) -> None:
        self.controller.discard_interrupted()
        self.hide()
