"""Live training charts (pyqtgraph): data arrives at training speed, the screen repaints at most 10 times a second."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

REPAINT_MS = 100
SMOOTHING = 0.9  # exponential moving average weight of the smoothed loss curve


class LiveChart(pg.PlotWidget):
    """A plot of named series fed by append(); repaints from a timer; shows the nearest values on hover."""

    def __init__(
        self, object_name: str, title: str, y_label: str, legend_corner=(-10, 10), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        self.setTitle(title, color=text)
        self.setLabel("bottom", "epoch", color=text)
        self.setLabel("left", y_label, color=text)
        for axis in ("bottom", "left"):
            self.getAxis(axis).setTextPen(text)
            self.getAxis(axis).setPen(text)
            self.getAxis(axis).enableAutoSIPrefix(False)  # "epoch (x0.001)" helps nobody
        self.showGrid(x=True, y=True, alpha=0.2)
        self.legend = self.addLegend(offset=legend_corner, labelTextColor=text)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self._series: dict[str, tuple[pg.PlotDataItem, list[float], list[float]]] = {}
        self._dirty = False
        self._hover = pg.TextItem(anchor=(0, 1), color=text, fill=pg.mkBrush(palette.color(QPalette.ColorRole.Base)))
        self._hover.setZValue(10)
        self._hover.hide()
        self.addItem(self._hover, ignoreBounds=True)
        self.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self._timer = QTimer(self)
        self._timer.setInterval(REPAINT_MS)
        self._timer.timeout.connect(self._repaint)
        self._timer.start()

    def add_series(self, name: str, colour: str, width: float = 2.0, symbol: str | None = None) -> None:
        item = self.plot([], [], name=name, pen=pg.mkPen(colour, width=width), symbol=symbol,
                         symbolBrush=colour, symbolPen=colour, symbolSize=8)  # fmt: skip
        self._series[name] = (item, [], [])

    def append(self, name: str, x: float, y: float) -> None:
        _item, xs, ys = self._series[name]
        xs.append(x)
        ys.append(y)
        self._dirty = True

    def clear_data(self) -> None:
        for _item, xs, ys in self._series.values():
            xs.clear()
            ys.clear()
        self._hover.hide()
        self._dirty = True
        self._repaint()

    def point_count(self, name: str) -> int:
        """How many points the screen shows for a series (after the next repaint)."""
        return len(self._series[name][0].xData if self._series[name][0].xData is not None else [])

    def _repaint(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        for item, xs, ys in self._series.values():
            item.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))

    def _on_scene_mouse_moved(self, position: QPointF) -> None:
        view = self.getPlotItem().vb
        if not self.sceneBoundingRect().contains(position):
            self._hover.hide()
            return
        point = view.mapSceneToView(position)
        lines = []
        for name, (_item, xs, ys) in self._series.items():
            if xs:
                nearest = int(np.abs(np.asarray(xs) - point.x()).argmin())
                lines.append(f"{name}: {ys[nearest]:.4g} (epoch {xs[nearest]:.2f})")
        if lines:
            self._hover.setText("\n".join(lines))
            self._hover.setPos(point)
            self._hover.show()


class LossChart(LiveChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("lossChart", "Training loss", "cross-entropy", parent=parent)
        self.add_series("loss", "#90caf9", width=1.0)
        self.add_series("smoothed", "#1565c0", width=2.5)
        self.add_series("test loss", "#e65100", symbol="o")
        self._average, self._count = 0.0, 0

    def add_step(self, epoch_position: float, loss: float) -> None:
        """Add a raw loss point and its bias-corrected moving average (no lag at the start of a run)."""
        self._count += 1
        self._average = SMOOTHING * self._average + (1 - SMOOTHING) * loss
        self.append("loss", epoch_position, loss)
        self.append("smoothed", epoch_position, self._average / (1 - SMOOTHING**self._count))

    def clear_data(self) -> None:
        self._average, self._count = 0.0, 0
        super().clear_data()


class AccuracyChart(LiveChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("accuracyChart", "Accuracy", "accuracy (%)", legend_corner=(-10, -40), parent=parent)
        self.add_series("train (running)", "#43a047")
        self.add_series("test", "#e65100", symbol="o")
