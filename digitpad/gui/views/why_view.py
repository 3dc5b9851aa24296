"""The Why view: what in the drawing made the model answer, which training images it finds alike, and how the
answer changed epoch by epoch for a run trained here.

The engine's Explainer does the work on a worker thread (a NewestAnswer job; the nearest-examples index is built
once per model, in the background, and kept in the user cache folder); the heat map is coloured there too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.engine.insight.explanation import Explainer, Explanation, Strangeness, training_images
from digitpad.engine.reading.number import FocusedDigit
from digitpad.engine.spec.errors import DigitpadError
from digitpad.engine.system.device import set_cpu_threads
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import percent
from digitpad.gui.support.tasks import BackgroundTasks
from digitpad.gui.views.model_view import ModelView
from digitpad.gui.widgets import maps
from digitpad.gui.widgets.epoch_replay import EpochReplay
from digitpad.gui.widgets.prediction_panel import ProbabilityChart

HEAT_SCALE = 8  # the 28x28 map drawn at 224x224


def heat_map(model_input: np.ndarray, saliency: np.ndarray) -> np.ndarray:
    """(224, 224, 3): the evidence map on the signed colour scale, over the drawing's ink in grey."""
    scale = maps.signed_scale(saliency)
    index = np.clip(np.round(saliency / scale * 127 + 127), 0, 254).astype(np.intp)
    colour = maps.LUT[index].astype(np.float32)
    ink = np.clip(model_input, 0, 1)[..., None]
    blended = colour * (1 - 0.35 * ink)  # the stroke shows through, darker
    return np.ascontiguousarray(blended.astype(np.uint8).repeat(HEAT_SCALE, 0).repeat(HEAT_SCALE, 1))


def _pixmap(rgb_or_gray: np.ndarray) -> QPixmap:
    data = np.ascontiguousarray(rgb_or_gray)
    if data.ndim == 2:
        image = QImage(data.data, data.shape[1], data.shape[0], data.shape[1], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(data.data, data.shape[1], data.shape[0], data.shape[1] * 3, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


class WhyView(ModelView):
    sampleActivated = Signal(object, int)  # a nearest example (uint8 28x28, ink bright) and its label

    def __init__(self, drawing: Drawing, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(drawing, store, "whyCanvas", (180, 240), parent)
        self.setObjectName("saliencyView")
        self._indexing = False
        self._epoch_explainers: dict[int, Explainer] = {}
        self.explainer: Explainer | None = None
        self.last: Explanation | None = None  # the explanation on screen
        self._reading: Reading | None = None  # the job's result on screen: the explanation, what it explains
        self._tasks = BackgroundTasks(self)  # the nearest-examples index, built beside the answers
        self._stop_indexing = threading.Event()
        self._build_controls()
        self._build_neighbours()
        self._lay_out()
        self.target.currentIndexChanged.connect(lambda: self.answers.ask(at_once=True))
        self.method.currentIndexChanged.connect(lambda: self.answers.ask(at_once=True))
        self.replay.epochChanged.connect(lambda: self.answers.ask(at_once=True))
        self.retranslate()
        self.set_model()

    def _build_controls(self) -> None:

        self.target = QComboBox()
        self.target.setObjectName("targetDigit")
        for digit in range(-1, 10):  # -1: the answer, whichever it is
            self.target.addItem("", digit)
        self.method = QComboBox()
        self.method.setObjectName("saliencyMethod")
        self.method.addItem("", "occlusion")
        self.method.addItem("", "gradient")
        self.heat = QLabel()
        self.heat.setObjectName("saliencyMap")
        self.heat.setFixedSize(28 * HEAT_SCALE, 28 * HEAT_SCALE)
        self.answer = QLabel()
        self.answer.setObjectName("whyAnswer")
        self.answer.setWordWrap(True)
        self.method_text = QLabel()
        self.method_text.setWordWrap(True)
        self.verdict = QLabel()  # is it a digit at all, and why
        self.verdict.setObjectName("whyVerdict")
        self.verdict.setWordWrap(True)
        self.probabilities = ProbabilityChart()
        self.replay = EpochReplay("epochSlider")
        self.epoch_slider = self.replay.slider

    def _build_neighbours(self) -> None:
        self.neighbours = QWidget()
        self.neighbours.setObjectName("neighbours")
        self.neighbour_grid = QGridLayout(self.neighbours)
        self.neighbour_cells: list[QToolButton] = []
        for position in range(8):
            cell = QToolButton()
            cell.setObjectName(f"neighbour{position}")
            cell.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            cell.setIconSize(QSize(72, 72))
            cell.setFixedSize(96, 104)
            cell.clicked.connect(lambda _checked=False, p=position: self.send_neighbour(p))
            self.neighbour_grid.addWidget(cell, position // 4, position % 4)
            self.neighbour_cells.append(cell)
        self.neighbours_status = QLabel()
        self.neighbours_status.setWordWrap(True)

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        self.explain_label, self.by_label, self.draw_here = QLabel(), QLabel(), QLabel()
        self.neighbours_text = QLabel(wordWrap=True)
        controls.addWidget(self.explain_label)
        controls.addWidget(self.target)
        controls.addWidget(self.by_label)
        controls.addWidget(self.method)
        controls.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.draw_here)
        left.addWidget(self.canvas)
        left.addWidget(self.probabilities)
        left.addStretch(1)
        middle = QVBoxLayout()
        middle.addLayout(controls)
        middle.addWidget(self.answer)
        middle.addWidget(self.verdict)
        middle.addWidget(self.heat)
        middle.addWidget(self.method_text)
        middle.addWidget(self.replay)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.neighbours_text)
        right.addWidget(self.neighbours)
        right.addWidget(self.neighbours_status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(middle, 1)
        layout.addLayout(right)

    def retranslate(self) -> None:
        super().retranslate()
        self.target.setItemText(0, self.tr("the answer"))
        for digit in range(10):
            self.target.setItemText(digit + 1, self.tr("why {digit}? (or why not)").format(digit=digit))
        self.method.setItemText(0, self.tr("occlusion"))
        self.method.setItemText(1, self.tr("input × gradient"))
        self.explain_label.setText(self.tr("Explain"))
        self.by_label.setText(self.tr("by"))
        self.draw_here.setText(self.tr("Draw here"))
        self.neighbours_text.setText(self.tr(
            "<b>Nearest examples</b>: the MNIST training images whose features in the model's last hidden layer "
            "point the same way as the drawing's: what the model thinks it looks like. A click sends one to the "
            "Draw view."))  # fmt: skip
        if self._indexing:
            self._say_indexing()
        if self._reading is not None and self._reading.explanation is not None:
            self._show(self._reading.explanation, self._reading)
        elif self.drawing.empty:
            self.answer.setText(self._empty_text())

    def _empty_text(self) -> str:
        return self.tr("Draw a digit (or bring one from the Draw view) to see why the model reads it so.")

    def _method_text(self, method: str) -> str:
        if method == "occlusion":
            return self.tr("<b>Occlusion</b>: each part of the drawing is covered with blank paper in turn, and the "
                           "map shows how much the digit's probability fell. Red: covering it hurts the answer, so "
                           "that ink is evidence for it; blue: covering it helps, so it speaks against.")  # fmt: skip
        return self.tr("<b>Input × gradient</b>: how fast the digit's score would change with more ink at each "
                       "pixel, times the ink there. Red ink raises the score, blue ink lowers it; blank paper gets "
                       "nothing.")  # fmt: skip

    # --- model and epochs ----------------------------------------------------------------------------------
    def _load_model(self) -> None:
        """Explain the selected model; a run trained here brings its epochs for the slider."""
        entry = self.store.current
        try:
            predictor = self.store.predictor()
        except DigitpadError:  # a model that cannot be read: the Draw view says why
            predictor = None
        self.stop_background_work()  # the index being built is the previous model's
        self.explainer = Explainer(predictor.checkpoint, entry.path) if predictor and entry else None
        self._epoch_explainers = {}
        self.replay.load(entry.path if entry else None)
        self.answers.ask(at_once=True)

    @property
    def epoch_label(self) -> QLabel:
        return self.replay.label

    def _epoch_explainer(self, explainer: Explainer, position: int) -> Explainer:
        """An earlier epoch's model, built once per epoch (not again at every stroke)."""
        if position not in self._epoch_explainers:
            self._epoch_explainers[position] = Explainer(self.replay.weights(explainer.checkpoint), explainer.path)
        return self._epoch_explainers[position]

    # --- the drawing ---------------------------------------------------------------------------------------
    def _job(self) -> Callable[[], Reading | None] | None:
        """Explain the drawing as it is now, with the model of the epoch the slider is at (the nearest examples:
        the finished model's, once its index is built)."""
        if self.explainer is None:
            return None
        if self.drawing.empty:
            return lambda: None
        focused = self.focused_digit_job()
        target, method = self.target.currentData(), self.method.currentData()
        final = self.replay.at_the_end
        explainer = self.explainer if final else self._epoch_explainer(self.explainer, self.replay.slider.value())
        if final and explainer.index is None:
            self._build_index(explainer)
        with_neighbours = final and explainer.index is not None
        return lambda: _explain(explainer, focused, None if target < 0 else target, method, with_neighbours)

    def _build_index(self, explainer: Explainer) -> None:
        """The nearest-examples index, on its own job: evidence maps go on meanwhile."""
        if self._indexing:
            return
        self._indexing = True
        self._say_indexing()
        stop = self._stop_indexing = threading.Event()

        def build() -> object:
            set_cpu_threads(1)
            return explainer.ensure_index(stop=stop)

        def built(_index: object) -> None:
            self._indexing = False
            self.answers.ask(at_once=True)

        def failed(message: str) -> None:
            self._indexing = False
            self.neighbours_status.setText(message)

        self._tasks.start(build, built, failed)

    def stop_background_work(self) -> None:
        """Stop building an index (the window is closing, or another model was chosen): a build of lenet-wide's
        takes a minute or two on one core, and nothing would wait for it."""
        self._stop_indexing.set()

    def _say_indexing(self) -> None:
        self.neighbours_status.setText(self.tr("Finding the model's view of MNIST's 60,000 training images (once per "
                                               "model, then kept on disk)…"))  # fmt: skip

    @property
    def index_ready(self) -> bool:
        return self.explainer is not None and self.explainer.index is not None

    def _on_failed(self, message: str) -> None:
        self.answer.setText(message)

    def _show_result(self, reading: Reading | None) -> None:
        self._reading = reading
        self.last = reading.explanation if reading is not None else None
        if reading is None or reading.explanation is None:
            self.verdict.clear()
        if reading is None:
            self.answer.setText(self._empty_text())
            self.heat.clear()
            self.probabilities.set_probabilities(())
        elif reading.explanation is None:
            self.answer.setText(self.tr("No digit found in the drawing."))
        else:
            self._show(reading.explanation, reading)

    def _show(self, result: Explanation, reading: Reading) -> None:
        answer = int(result.probabilities.argmax())
        about = self.tr("its answer") if self.target.currentData() < 0 else f"{result.target}"
        self.answer.setText(self.tr("The model reads <b>{answer}</b> ({probability}). Evidence for {about} ({target}: "
                                    "{target_probability}):").format(
            answer=answer, probability=percent(result.probabilities[answer]), about=about, target=result.target,
            target_probability=percent(result.probabilities[result.target])))  # fmt: skip
        self.heat.setPixmap(_pixmap(reading.heat))
        self.method_text.setText(self._method_text(result.method))
        self.verdict.setText(self._verdict_text(result.strangeness))
        self.probabilities.set_probabilities(tuple(float(p) for p in result.probabilities),
                                             not result.strangeness.not_a_digit)  # fmt: skip
        if not result.neighbours:
            if self._indexing:
                self._say_indexing()
            else:
                self.neighbours_status.setText(self.tr("Nearest examples are found for the finished model (the last "
                                                       "epoch)."))  # fmt: skip
            return
        for cell, neighbour, image in zip(self.neighbour_cells, result.neighbours, reading.neighbour_images,
                                          strict=False):  # fmt: skip
            cell.setIcon(_pixmap(np.ascontiguousarray(image)).scaled(72, 72))
            cell.setText(f"{neighbour.label} · {neighbour.distance:.3f}")
            cell.setToolTip(self.tr("training image #{index}, labelled {label}, cosine distance {distance}: click "
                                    "to draw it").format(index=neighbour.index, label=neighbour.label,
                                                         distance=f"{neighbour.distance:.4f}"))  # fmt: skip
        self.neighbours_status.setText(self.tr("label · distance (0: the same direction)"))

    def _verdict_text(self, strange: Strangeness) -> str:
        figures = {"distance": f"{strange.distance:.1f}", "limit": f"{strange.limit:.1f}",
                   "chance": percent(strange.judge_chance, 0)}  # fmt: skip
        if strange.not_a_digit:
            return self.tr(
                "<b>Not a digit.</b> A classifier that knows only ten answers must share 100% among them whatever it "
                "is shown, so its answer means nothing here. The drawing lies {distance} from the nearest digit the "
                "model knows (its digits lie within {limit}), and the digit-or-not judge, a second network trained on "
                "letters, symbols and doodles as well as digits, finds it {chance} likely to be none of 0-9."
            ).format(**figures)  # fmt: skip
        return self.tr(
            "A digit: {distance} from the nearest digit the model knows (its digits lie within {limit}); the "
            "digit-or-not judge finds it {chance} likely to be none of 0-9. A classifier that knows only ten answers "
            "picks one whatever it is shown: these two tell when none of them fits."
        ).format(**figures)  # fmt: skip

    def send_neighbour(self, position: int) -> None:
        reading = self._reading
        if reading is None or reading.explanation is None or position >= len(reading.neighbour_images):
            return
        neighbour = reading.explanation.neighbours[position]
        self.sampleActivated.emit(reading.neighbour_images[position], neighbour.label)


@dataclass(frozen=True)
class Reading:
    """The drawing explained, as the job left it for the view: the explanation (None when the drawing holds no
    digit), its heat map, and the nearest examples' pictures."""

    explanation: Explanation | None
    heat: np.ndarray  # the evidence map over the ink, ready to show (heat_map)
    neighbour_images: list[np.ndarray]


def _explain(explainer: Explainer, read_focus: Callable[[], FocusedDigit | None], target: int | None, method: str,
             neighbours: bool) -> Reading:  # fmt: skip
    """The worker's job: read the digit in focus, explain it, and fetch the nearest examples' pictures."""
    set_cpu_threads(1)
    focused = read_focus()
    if focused is None:
        return Reading(None, np.zeros((0, 0, 3), np.uint8), [])
    model_input = focused.model_input
    explanation = explainer.explain(model_input, target, method, neighbours=neighbours)
    images, _labels = training_images()
    return Reading(explanation, heat_map(model_input, explanation.saliency),
                   [images[n.index] for n in explanation.neighbours])  # fmt: skip
