"""The replay of a run trained here: a slider (and Play) over its snapshots, before training to the last epoch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from digitpad.engine.store import snapshots
from digitpad.engine.store.checkpoints import Checkpoint
from digitpad.gui.support.language import Retranslatable, percent

PLAY_INTERVAL_MS = 700


class EpochReplay(Retranslatable, QWidget):
    """Hidden unless the model has snapshots; `epochChanged` says which weights to look at."""

    epochChanged = Signal()

    def __init__(self, slider_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[snapshots.Snapshot] = []
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(slider_name)
        self.label = QLabel()
        self.play_button = QPushButton()
        self.play_button.setObjectName(slider_name + "Play")
        self._player = QTimer(self)
        self._player.setInterval(PLAY_INTERVAL_MS)
        self._player.timeout.connect(self._next)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.epoch_label = QLabel()
        layout.addWidget(self.epoch_label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.play_button)
        layout.addWidget(self.label)
        self.slider.valueChanged.connect(self._on_moved)
        self.play_button.clicked.connect(self.toggle_play)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.slider.setToolTip(self.tr("Move through the run's epochs: the model before training, then after each "
                                       "epoch"))  # fmt: skip
        self.epoch_label.setText(self.tr("Epoch"))
        self._show_play_button()
        self._show_label()

    def _show_play_button(self) -> None:
        self.play_button.setText(self.tr("Pause") if self._player.isActive() else self.tr("Play"))

    def load(self, model_path: Path | None) -> None:
        """The snapshots kept beside a model file (none for the bundled models); at the last epoch."""
        self._player.stop()
        self._show_play_button()
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
            self._show_play_button()
            return
        if self.at_the_end:
            self.slider.setValue(0)
        self._player.start()
        self._show_play_button()

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
            when = self.tr("before training") if chosen.epoch == 0 else \
                self.tr("after epoch {epoch}").format(epoch=chosen.epoch)  # fmt: skip
            self.label.setText(self.tr("{when}: test accuracy {accuracy}").format(
                when=when, accuracy=percent(chosen.test_accuracy, 2)))  # fmt: skip
