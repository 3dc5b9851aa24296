"""Live training charts (pyqtgraph): data arrives at training speed, the screen repaints a few times a second.

What a repaint costs is the axes: pyqtgraph replays each axis's text on every paint (4 ms an axis here) and
regenerates it whenever the view range moves, which autoranging does at every new point. So the x range is the
run's epochs from the start, the y range only grows (by steps, not by point), the axes, title and legend are
cached as pixmaps, and the two charts repaint in turn (benchmarks/gui_stalls.py, the Train view).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGraphicsItem, QWidget

from digitpad.gui.support.language import Retranslatable

REPAINT_MS = 250  # each chart; the two are staggered, so the Train view repaints a chart every 125 ms
SMOOTHING = 0.9  # exponential moving average weight of the smoothed loss curve


class LiveChart(Retranslatable, pg.PlotWidget):
    """A plot of series fed by append(key, ...); repaints from a timer; shows the nearest values on hover.

    Subclasses name the title, the y axis and each series in `texts()`, in the chosen language.
    """

    _instances = 0

    def __init__(
        self,
        object_name: str,
        legend_corner=(-10, 10),
        parent: QWidget | None = None,
        y_start: tuple[float, float] = (0.0, 1.0),
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        self._text_colour = text = palette.color(QPalette.ColorRole.Text)
        for axis in ("bottom", "left"):
            self.getAxis(axis).setTextPen(text)
            self.getAxis(axis).setPen(text)
            self.getAxis(axis).enableAutoSIPrefix(False)  # "epoch (x0.001)" helps nobody
        self.showGrid(x=True, y=True, alpha=0.2)
        self.legend = self.addLegend(offset=legend_corner, labelTextColor=text)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.disableAutoRange()
        self.setXRange(0, 1, padding=0.02)
        self.setYRange(*y_start, padding=0)
        self._x_span = 1.0
        self._low, self._high = math.inf, -math.inf
        self._y_start = y_start  # the y range a run starts with: what its values usually stay within
        self._y_range = y_start
        plot = self.getPlotItem()
        for item in (*(plot.getAxis(name) for name in ("bottom", "left")), plot.titleLabel, self.legend):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
        LiveChart._instances += 1
        # in turn, not together; tied to the chart, so a chart closed first cancels it
        QTimer.singleShot(REPAINT_MS * (LiveChart._instances % 2) // 2, self, self._timer.start)

    def texts(self) -> tuple[str, str, dict[str, str]]:
        """The title, the y axis's label and each series' name by its key."""
        raise NotImplementedError

    def retranslate(self) -> None:
        title, y_label, names = self.texts()
        self.setTitle(title, color=self._text_colour)
        self.setLabel("bottom", self.tr("epoch"), color=self._text_colour)
        self.setLabel("left", y_label, color=self._text_colour)
        for sample, label in self.legend.items:
            key = next(key for key, (item, _xs, _ys) in self._series.items() if item is sample.item)
            label.setText(names[key])

    def add_series(self, key: str, colour: str, width: float = 2.0, symbol: str | None = None) -> None:
        item = self.plot([], [], name=key, pen=pg.mkPen(colour, width=width), symbol=symbol,
                         symbolBrush=colour, symbolPen=colour, symbolSize=8)  # fmt: skip
        self._series[key] = (item, [], [])

    def append(self, name: str, x: float, y: float) -> None:
        _item, xs, ys = self._series[name]
        xs.append(x)
        ys.append(y)
        if math.isfinite(y):  # the data's extent, kept as points arrive rather than searched at every repaint
            self._low, self._high = min(self._low, y), max(self._high, y)
        self._dirty = True

    def clear_data(self, epochs: int = 1) -> None:
        """Empty every series for a run of `epochs` epochs (the x axis spans them from the start)."""
        for _item, xs, ys in self._series.values():
            xs.clear()
            ys.clear()
        self._hover.hide()
        self._x_span = float(max(epochs, 1))
        self._low, self._high = math.inf, -math.inf
        self.setXRange(0, self._x_span, padding=0.02)
        self._y_range = self._y_start
        self.setYRange(*self._y_start, padding=0)
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
        self._fit_y()

    def _fit_y(self) -> None:
        """Grow the y range to hold every point, in steps of a tenth of its span, so that it rarely moves."""
        low, high = self._low, self._high
        if low > high:  # no finite point yet
            return
        if self._y_range[0] <= low and high <= self._y_range[1]:
            return
        margin = max(high - low, abs(high), 1e-6) * 0.1
        current = self._y_range
        self._y_range = (min(current[0], low - margin), max(current[1], high + margin))
        self.setYRange(*self._y_range, padding=0)

    def _on_scene_mouse_moved(self, position: QPointF) -> None:
        view = self.getPlotItem().vb
        if not self.sceneBoundingRect().contains(position):
            self._hover.hide()
            return
        point = view.mapSceneToView(position)
        lines, names = [], self.texts()[2]
        for key, (_item, xs, ys) in self._series.items():
            if xs:
                nearest = int(np.abs(np.asarray(xs) - point.x()).argmin())
                lines.append(self.tr("{series}: {value} (epoch {epoch})").format(
                    series=names[key], value=f"{ys[nearest]:.4g}", epoch=f"{xs[nearest]:.2f}"))  # fmt: skip
        if lines:
            self._hover.setText("\n".join(lines))
            self._hover.setPos(point)
            self._hover.show()


class LossChart(LiveChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        # ln(10) = 2.30: the cross-entropy of a guess among ten digits, where every run starts
        super().__init__("lossChart", parent=parent, y_start=(0.0, 2.5))
        self.add_series("loss", "#90caf9", width=1.0)
        self.add_series("smoothed", "#1565c0", width=2.5)
        self.add_series("test loss", "#e65100", symbol="o")
        self._average, self._count = 0.0, 0
        self.retranslate()

    def texts(self) -> tuple[str, str, dict[str, str]]:
        return self.tr("Training loss"), self.tr("cross-entropy"), {
            "loss": self.tr("loss"), "smoothed": self.tr("smoothed"), "test loss": self.tr("test loss")}  # fmt: skip

    def add_step(self, epoch_position: float, loss: float) -> None:
        """Add a raw loss point and its bias-corrected moving average (no lag at the start of a run)."""
        self._count += 1
        self._average = SMOOTHING * self._average + (1 - SMOOTHING) * loss
        self.append("loss", epoch_position, loss)
        self.append("smoothed", epoch_position, self._average / (1 - SMOOTHING**self._count))

    def clear_data(self, epochs: int = 1) -> None:
        self._average, self._count = 0.0, 0
        super().clear_data(epochs)


class AccuracyChart(LiveChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("accuracyChart", legend_corner=(-10, -40), parent=parent, y_start=(0.0, 100.0))
        self.add_series("train", "#43a047")
        self.add_series("test", "#e65100", symbol="o")
        self.retranslate()

    def texts(self) -> tuple[str, str, dict[str, str]]:
        return self.tr("Accuracy"), self.tr("accuracy (%)"), {"train": self.tr("train (running)"),
                                                              "test": self.tr("test")}  # fmt: skip
