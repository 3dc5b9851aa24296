"""The replay of a run trained here: a slider (and Play) over its snapshots, before training to the last epoch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from digitpad.engine import snapshots
from digitpad.engine.checkpoints import Checkpoint

PLAY_INTERVAL_MS = 700


class EpochReplay(QWidget):
    """Hidden unless the model has snapshots; `epochChanged` says which weights to look at."""

    epochChanged = Signal()

    def __init__(self, slider_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[snapshots.Snapshot] = []
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(slider_name)
        self.slider.setToolTip("Move through the run's epochs: the model before training, then after each epoch")
        self.label = QLabel()
        self.play_button = QPushButton("Play")
        self.play_button.setObjectName(slider_name + "Play")
        self._player = QTimer(self)
        self._player.setInterval(PLAY_INTERVAL_MS)
        self._player.timeout.connect(self._next)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Epoch"))
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.play_button)
        layout.addWidget(self.label)
        self.slider.valueChanged.connect(self._on_moved)
        self.play_button.clicked.connect(self.toggle_play)
        self.setVisible(False)

    def load(self, model_path: Path | None) -> None:
        """The snapshots kept beside a model file (none for the bundled models); at the last epoch."""
        self._player.stop()
        self.play_button.setText("Play")
        self.snapshots = snapshots.load(snapshots.snapshots_path(model_path)) if model_path else []
        self.setVisible(len(self.snapshots) > 1)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self.snapshots) - 1))
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._show_label()

    @property
    def at_the_end(self) -> bool:
        return self.slider.value() >= len(self.snapshots) - 1

    def weights(self, base: Checkpoint) -> Checkpoint:
        """`base` itself at the last epoch, else `base` with the chosen epoch's weights."""
        if self.at_the_end:
            return base
        chosen = self.snapshots[self.slider.value()]
        return Checkpoint(base.arch, chosen.state_dict, base.config, base.mean, base.std, base.dataset,
                          {"test_accuracy": chosen.test_accuracy}, path=base.path)  # fmt: skip

    def toggle_play(self) -> None:
        if self._player.isActive():
            self._player.stop()
            self.play_button.setText("Play")
            return
        if self.at_the_end:
            self.slider.setValue(0)
        self._player.start()
        self.play_button.setText("Pause")

    def _next(self) -> None:
        if self.at_the_end:
            self.toggle_play()
        else:
            self.slider.setValue(self.slider.value() + 1)

    def _on_moved(self) -> None:
        self._show_label()
        self.epochChanged.emit()

    def _show_label(self) -> None:
        if len(self.snapshots) > 1:
            chosen = self.snapshots[self.slider.value()]
            when = "before training" if chosen.epoch == 0 else f"after epoch {chosen.epoch}"
            self.label.setText(f"{when}: test accuracy {chosen.test_accuracy:.2%}")
