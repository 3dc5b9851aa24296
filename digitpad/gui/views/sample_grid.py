"""The Dataset view's grid: the tutorials' 3x4 samples with their labels (and the model's answers), and paging.

The browser chooses which samples may be shown (its filters); the grid shows them a page at a time.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from digitpad.gui.support.language import Retranslatable, number

ROWS, COLUMNS = 3, 4
PAGE_SIZE = ROWS * COLUMNS
CELL_PIXELS = 84  # each 28x28 sample shown 3x
RIGHT, WRONG = "#2e7d32", "#c62828"


class SampleCell(QFrame):
    clicked = Signal(int)  # index into the split
    deleteRequested = Signal(int)
    relabelRequested = Signal(int, int)  # index, new label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.index = -1
        self.editable = False  # My handwriting's samples can be deleted and relabelled (right-click)
        self.image_label = QLabel()
        self.image_label.setFixedSize(CELL_PIXELS, CELL_PIXELS)
        self.title = QLabel()
        self.title.setObjectName("sampleTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)  # narrow windows: the verdict wraps instead of widening the grid
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)

    def show_sample(self, index: int, image: np.ndarray, title: str, prediction: int | None, label: int) -> None:
        self.index = index
        self.setToolTip(self.tr("Click to send this sample to the Draw view"))
        pixels = np.ascontiguousarray(image)
        qimage = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
        self.image_label.setPixmap(QPixmap.fromImage(qimage).scaled(CELL_PIXELS, CELL_PIXELS))
        if prediction is None:
            self.title.setText(title)
            self.title.setStyleSheet("")
        else:
            verdict = self.tr("right") if prediction == label else self.tr("wrong")
            self.title.setText(self.tr("{title} · model: {answer} ({verdict})").format(
                title=title, answer=prediction, verdict=verdict))  # fmt: skip
            self.title.setStyleSheet(f"color: {RIGHT if prediction == label else WRONG}; font-weight: bold;")
        self.setVisible(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.index >= 0:
            self.clicked.emit(self.index)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.editable or self.index < 0:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Delete this sample"), lambda: self.deleteRequested.emit(self.index))
        relabel = menu.addMenu(self.tr("Relabel as"))
        for digit in range(10):
            relabel.addAction(str(digit), lambda d=digit: self.relabelRequested.emit(self.index, d))  # type: ignore[misc]
        menu.exec(event.globalPos())


class SampleGrid(Retranslatable, QWidget):
    """PAGE_SIZE cells and the paging row; `show` gives it the samples, and it shows them a page at a time."""

    clicked = Signal(int)  # index into the split
    deleteRequested = Signal(int)
    relabelRequested = Signal(int, int)  # index, new label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = 0
        self._samples: tuple = (None, np.zeros(0, dtype=np.int64), None, (), False)  # see show()
        self._rng = np.random.default_rng()
        self.grid = QWidget()
        self.grid.setObjectName("datasetGrid")
        grid_layout = QGridLayout(self.grid)
        self.cells = [SampleCell() for _ in range(PAGE_SIZE)]
        for position, cell in enumerate(self.cells):
            grid_layout.addWidget(cell, position // COLUMNS, position % COLUMNS)
            cell.clicked.connect(self.clicked)
            cell.deleteRequested.connect(self.deleteRequested)
            cell.relabelRequested.connect(self.relabelRequested)
        self.previous_button = _button("previousPage")
        self.next_button = _button("nextPage")
        self.random_button = _button("randomPage")
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.page + 1))
        self.random_button.clicked.connect(lambda: self.go_to_page(int(self._rng.integers(self.page_count))))
        self.paging = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.random_button):
            self.paging.addWidget(widget)
        self.paging.addStretch(1)
        self.paging.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 0, Qt.AlignmentFlag.AlignHCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.random_button.setText(self.tr("Random page"))
        self.go_to_page(self.page)

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self._samples[1]) // PAGE_SIZE))

    def say(self, text: str) -> None:
        """A word in place of the page count (loading, failed)."""
        self.page_label.setText(text)

    def show_samples(self, data: object, indices: np.ndarray, answers: np.ndarray | None, names: tuple[str, ...],
                     waiting: bool = False, page: int = 0) -> None:  # fmt: skip
        """Show `data`'s samples at `indices` from `page` on: `answers` are the model's (None: not shown); `waiting`
        says the filter waits for them; `names` are the dataset's class names."""
        self._samples = (data, indices, answers, names, waiting)
        self.go_to_page(page)

    def go_to_page(self, page: int) -> None:
        data, indices, answers, names, waiting = self._samples
        pages = self.page_count
        self.page = int(np.clip(page, 0, pages - 1))
        shown = indices[self.page * PAGE_SIZE : (self.page + 1) * PAGE_SIZE]
        for cell in self.cells:
            cell.editable = data is not None and data.paths is not None
        for cell, index in zip(self.cells, shown, strict=False):
            label = int(data.labels[index])
            answer = int(answers[index]) if answers is not None else None
            title = self.tr("label: {label}").format(label=names[label])
            cell.show_sample(int(index), data.images[index], title, answer, label)
        for cell in self.cells[len(shown) :]:
            cell.index = -1
            cell.setVisible(False)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)
        if data is not None:
            self.page_label.setText(self._page_text(len(shown), len(indices), pages, waiting))

    def _page_text(self, shown: int, count: int, pages: int, waiting: bool) -> str:
        if waiting:
            return self.tr("Computing the model's answers…")
        if not shown:
            return self.tr("No samples match these filters")
        first = self.page * PAGE_SIZE + 1
        return self.tr("Page {page} of {pages} · images {first}-{last} of {count}").format(
            page=number(self.page + 1), pages=number(pages), first=number(first), last=number(first + shown - 1),
            count=number(count))  # fmt: skip


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button
