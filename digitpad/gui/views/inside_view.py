"""The Inside view: every layer of the selected model, live on the current drawing, down to one multiply-add.

The engine's Inspector computes (a NewestAnswer job on a worker thread, only while the view is on screen);
`maps.py` colours the layers there too; this view shows them: the layer table, each layer's feature maps on a
shared signed scale, each convolution's kernels, and, for a clicked output, its arithmetic with the real
numbers and its receptive field outlined on the input and on the layer before.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from digitpad.engine.insight.inspection import Arithmetic, Inspection, Inspector, Layer
from digitpad.engine.reading.number import FocusedDigit
from digitpad.engine.store.checkpoints import Checkpoint
from digitpad.engine.system.device import set_cpu_threads
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.shared.model_store import ModelStore
from digitpad.gui.support.language import number
from digitpad.gui.views.model_view import ModelView
from digitpad.gui.widgets import maps
from digitpad.gui.widgets.epoch_replay import EpochReplay
from digitpad.gui.widgets.maps_image import MapsImage
from digitpad.gui.widgets.prediction_panel import ProbabilityChart

LAYER_COLUMNS = 5  # layer, type, output, parameters, multiply-adds


Rendered = tuple[Inspector, Inspection, list, FocusedDigit | None]  # what the worker hands the view


def render_inspection(inspector: Inspector, read_focus: Callable[[], FocusedDigit | None]) -> Rendered:
    """The worker's job: read the digit in focus (None: blank paper), run it through the model, colour every
    layer (no Qt objects)."""
    set_cpu_threads(1)
    focused = read_focus()
    inspection = inspector.run(focused.model_input if focused is not None else np.zeros((28, 28), np.float32))
    pictures = []
    for values in inspection.outputs:
        layer_maps = maps.as_maps(values)
        grid = maps.grid_for(layer_maps)
        scale = maps.signed_scale(layer_maps)
        pictures.append((maps.render(layer_maps, grid, scale), grid, scale))
    return inspector, inspection, pictures, focused


def _matrix(values: np.ndarray) -> str:
    rows = "".join("<tr>" + "".join(f"<td align='right'>{v:.2f}</td>" for v in row) + "</tr>" for row in values)
    return f"<table cellspacing='0' cellpadding='2' border='1'>{rows}</table>"


class InsideView(ModelView):
    def __init__(self, drawing: Drawing, store: ModelStore, parent: QWidget | None = None) -> None:
        super().__init__(drawing, store, "insideCanvas", (150, 220), parent)
        self.setObjectName("insideView")
        self.inspector: Inspector | None = None
        self.base: Checkpoint | None = None
        self.inspection: Inspection | None = None
        self.sections: list[tuple[QLabel, MapsImage]] = []
        self.kernel_images: dict[int, MapsImage] = {}
        self.rbf_label: QLabel | None = None
        # the header's model, name, answer and the digit it is of the drawing's number (place, count)
        self._answer: tuple[str, str, int | None, FocusedDigit | None] | None = None
        top = self._build_top()
        left = self._build_left()
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(self._build_maps())
        body.setStretchFactor(1, 1)
        body.setSizes([420, 860])
        self.replay = EpochReplay("insideEpochSlider")
        self.replay.epochChanged.connect(self._show_weights)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.replay)
        layout.addWidget(body, 1)
        self.retranslate()
        self.set_model()

    def _build_top(self) -> QHBoxLayout:
        """The header (the model and its answer) and the colour scale's legend."""
        self.header = QLabel()
        self.header.setObjectName("insideHeader")
        self.header.setWordWrap(True)
        legend = maps.legend()
        self.legend = MapsImage("insideLegend")
        self.legend.show_rgb(legend, maps.Grid(1, legend.shape[0], legend.shape[1], 1, 1))  # already screen-sized
        self.legend_text = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        self.negative_label, self.positive_label = QLabel(), QLabel()
        top.addWidget(self.negative_label)
        top.addWidget(self.legend)
        top.addWidget(self.positive_label)
        top.addWidget(self.legend_text)
        return top

    def _build_left(self) -> QSplitter:
        """The canvas beside the 28x28 the network reads, the layer table, and a clicked output's arithmetic."""
        self.input_image = MapsImage("insideInput")
        self.layer_table = QTableWidget(0, LAYER_COLUMNS)
        self.layer_table.setObjectName("layerTable")
        self.layer_table.verticalHeader().hide()
        self.layer_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.layer_table.horizontalHeader().setStretchLastSection(True)
        self.arithmetic = QTextBrowser()
        self.arithmetic.setObjectName("convolutionArithmetic")
        left = QSplitter(Qt.Orientation.Vertical)
        input_box = QWidget()
        input_layout = QHBoxLayout(input_box)
        drawn, seen = QVBoxLayout(), QVBoxLayout()
        self.draw_here, self.reads_label = QLabel(), QLabel()
        drawn.addWidget(self.draw_here)
        drawn.addWidget(self.canvas)
        seen.addWidget(self.reads_label)
        seen.addWidget(self.input_image)
        seen.addStretch(1)
        input_layout.addLayout(drawn)
        input_layout.addLayout(seen)
        left.addWidget(input_box)
        left.addWidget(self.layer_table)
        left.addWidget(self.arithmetic)
        left.setSizes([220, 260, 320])
        return left

    def _build_maps(self) -> QScrollArea:
        """Every layer's maps, one section each, in a scrolling column (the sections: _build_sections)."""
        self.feature_maps = QWidget()
        self.feature_maps.setObjectName("featureMaps")
        self.maps_layout = QVBoxLayout(self.feature_maps)
        self.probabilities = ProbabilityChart()
        scroller = QScrollArea()
        scroller.setWidget(self.feature_maps)
        scroller.setWidgetResizable(True)
        return scroller

    def retranslate(self) -> None:
        super().retranslate()
        self.negative_label.setText(self.tr("negative"))
        self.positive_label.setText(self.tr("positive"))
        self.input_image.setToolTip(self.tr("The 28x28 image the network reads; a clicked output's receptive field "
                                            "is outlined"))  # fmt: skip
        self.layer_table.setHorizontalHeaderLabels(
            [self.tr("Layer"), self.tr("Type"), self.tr("Output"), self.tr("Parameters"), self.tr("Multiply-adds")]
        )
        self.arithmetic.setHtml(self.tr("<p>Click a pixel of a convolution's feature map to see how it was "
                                        "computed.</p>"))  # fmt: skip
        self.draw_here.setText(self.tr("Draw here"))
        self.reads_label.setText(self.tr("What the network reads (28x28)"))
        self._show_header()
        if self.inspector is not None:  # the sections' texts, again, and the maps under them
            self.inspection = None
            self._build_sections()
            self.answers.ask(at_once=True)

    # --- what it shows -------------------------------------------------------------------------------------
    def _load_model(self) -> None:
        """Inspect the selected model: rebuild the table and the sections for its layers."""
        try:
            predictor = self.store.predictor()
        except Exception:  # a model that cannot be read: the Draw view says why
            predictor = None
        self.base = predictor.checkpoint if predictor is not None else None
        self.replay.load(self.store.current.path if self.store.current else None)
        self._show_weights()

    def _show_weights(self) -> None:
        """The model's own weights, or those of the epoch the replay slider picks: filters and maps follow."""
        self.inspector = Inspector(self.replay.weights(self.base)) if self.base is not None else None
        self.inspection = None
        self._build_sections()
        self.answers.ask(at_once=True)

    def _job(self) -> Callable[[], Rendered] | None:
        """Inspect the drawing as it is now (blank paper while there is none)."""
        inspector = self.inspector
        if inspector is None:
            return None
        focused = self.focused_digit_job()
        return lambda: render_inspection(inspector, focused)

    def _show_header(self) -> None:
        """What the maps below show: blank paper, or the drawing read as some digit (kept for a new language)."""
        if self._answer is None:
            return
        arch, name, answer, focused = self._answer
        if answer is None:
            text = self.tr(
                "<b>{arch}</b>: draw a digit here or in the Draw view; until then the maps show what "
                "blank paper makes of each layer"
            ).format(arch=arch)
        elif focused is not None and focused.count > 1:
            text = self.tr(
                "<b>{arch}</b> ({name}) reads digit {place} of the {count} in the drawing as "
                "<b>{answer}</b>: every layer, in the order it computes"
            ).format(arch=arch, name=name, place=focused.place, count=focused.count, answer=answer)
        else:
            text = self.tr(
                "<b>{arch}</b> ({name}) reads the drawing as <b>{answer}</b>: every layer, in the order it computes"
            ).format(arch=arch, name=name, answer=answer)
        self.header.setText(text)  # fmt: skip

    def _on_failed(self, message: str) -> None:
        self.header.setText(message)

    def _show_result(self, result: Rendered) -> None:
        inspector, inspection, pictures, focused = result
        if inspector is self.inspector and len(pictures) == len(self.sections):  # not a model shown before
            self.inspection = inspection
            for (title, image), layer, (rgb, grid, scale) in zip(
                self.sections, inspection.layers, pictures, strict=True
            ):
                image.show_rgb(rgb, grid)
                title.setText(self.tr("<b>{layer}</b> · colour scale ±{scale}").format(
                    layer=html.escape(self.describe(layer)), scale=f"{scale:.3g}"))  # fmt: skip
            gray = np.round(np.clip(inspection.model_input, 0, 1) * 255).astype(np.uint8)
            self.input_image.show_rgb(np.repeat(gray[:, :, None], 3, 2).repeat(6, 0).repeat(6, 1),
                                      maps.Grid(1, 28, 28, 6, 1))  # fmt: skip
            self.probabilities.set_probabilities(tuple(float(p) for p in inspection.probabilities))
            distances = inspector.rbf_distances(inspection)
            if distances is not None and self.rbf_label is not None:
                closest = int(distances.argmin())
                listed = ", ".join(f"{digit}: {d:.1f}" for digit, d in enumerate(distances))
                self.rbf_label.setText(self.tr("RBF output: F6's squared distance to each digit's code (the "
                                               "smallest, <b>{closest}</b>, wins): {listed}").format(
                    closest=closest, listed=listed))  # fmt: skip
            answer = None if self.drawing.empty else int(inspection.probabilities.argmax())
            name = self.store.current.name if self.store.current else ""
            self._answer = (inspector.checkpoint.arch, name, answer, focused)
            self._show_header()

    def _build_sections(self) -> None:
        while (item := self.maps_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self.sections, self.kernel_images = [], {}
        self.layer_table.setRowCount(0)
        if self.inspector is None:
            return
        layers = self.inspector.layers
        self._fill_table(layers)
        for layer in layers:
            title = QLabel(html.escape(self.describe(layer)))
            title.setObjectName(f"layerTitle{layer.index}")
            image = MapsImage(f"layerMaps{layer.index}")
            image.clicked.connect(lambda c, y, x, i=layer.index: self.explain(i, c, y, x))
            self.maps_layout.addWidget(title)
            self.maps_layout.addWidget(image)
            self.sections.append((title, image))
            self._add_parameters_of(self.inspector, layer)
        self.rbf_label = None
        if any(layer.kind == "EuclideanRBF" for layer in layers):
            self.rbf_label = QLabel()
            self.rbf_label.setObjectName("rbfDistances")
            self.rbf_label.setWordWrap(True)
            self.maps_layout.addWidget(self.rbf_label)
        self.maps_layout.addWidget(QLabel(self.tr("<b>Output</b>: the probability of each digit")))
        self.probabilities = ProbabilityChart()
        self.maps_layout.addWidget(self.probabilities)
        self.maps_layout.addStretch(1)

    def _fill_table(self, layers: list[Layer]) -> None:
        self.layer_table.setRowCount(len(layers) + 2)
        first = layers[0]
        rows = [(self.tr("input"), "", "x".join(map(str, first.input_shape)), "", "")]
        rows += [(layer.name, layer.kind, "x".join(map(str, layer.output_shape)), number(layer.params),
                  number(layer.macs)) for layer in layers]  # fmt: skip
        rows.append((self.tr("total"), "", "", number(sum(x.params for x in layers)),
                     number(sum(x.macs for x in layers))))  # fmt: skip
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.layer_table.setItem(row, column, item)
        self.layer_table.resizeColumnsToContents()

    def _add_parameters_of(self, inspector: Inspector, layer: Layer) -> None:
        """A layer's parameters (learned, or fixed before training) as the paper or tutorial would show them."""
        kernels = inspector.kernels(layer)
        if kernels is not None:
            out_channels, in_channels, size, _ = kernels.shape
            shown = kernels.reshape(out_channels * in_channels, size, size)
            grid = maps.Grid(len(shown), size, size, max(3, 24 // size), in_channels if in_channels > 1 else 16)
            scale = maps.signed_scale(shown)
            image = MapsImage(f"layerKernels{layer.index}")
            image.show_rgb(maps.render(shown, grid, scale), grid)
            per = self.tr("one row per output map, one column per input map ({inputs})").format(inputs=in_channels) \
                if in_channels > 1 else self.tr("one per output map")  # fmt: skip
            kind = self.tr("{name}: its %n learned {size}x{size} kernel(s), {per}; scale ±{scale}", "",
                           out_channels * in_channels) if layer.trained else \
                self.tr("{name}: its %n fixed {size}x{size} edge filter(s), never trained, {per}; scale ±{scale}", "",
                        out_channels * in_channels)  # fmt: skip
            label = kind.format(name=layer.name, size=size, per=per, scale=f"{scale:.3g}")
            self.maps_layout.addWidget(QLabel(html.escape(label)))
            self.maps_layout.addWidget(image)
            self.kernel_images[layer.index] = image
        table = inspector.connection_table(layer)
        if table is not None:
            rows = "".join("<tr>" + "".join(f"<td>{'X' if cell else '·'}</td>" for cell in row) + "</tr>"
                           for row in table.T)  # fmt: skip
            note = QLabel(self.tr("{name}'s connection table (rows: the 6 input maps, columns: the 16 output maps; "
                                  "X: connected), as in the paper's Table I").format(name=layer.name)
                          + f"<table>{rows}</table>")  # fmt: skip
            note.setObjectName("connectionTable")
            self.maps_layout.addWidget(note)
        subsampling = inspector.subsampling(layer)
        if subsampling is not None:
            coefficients, biases = subsampling
            pairs = ", ".join(f"{c:.3f}/{b:+.3f}" for c, b in zip(coefficients, biases, strict=True))
            self.maps_layout.addWidget(QLabel(self.tr("{name}'s trainable coefficient/bias per map: {pairs}").format(
                name=layer.name, pairs=pairs)))  # fmt: skip

    def describe(self, layer: Layer) -> str:
        """What the layer's output is, in words: "conv1 (Conv2d): 6 feature maps, 28x28"."""
        if layer.spatial:
            channels, height, width = layer.output_shape
            return self.tr("{name} ({kind}): %n feature map(s), {height}x{width}", "", channels).format(
                name=layer.name, kind=layer.kind, height=height, width=width)  # fmt: skip
        return self.tr("{name} ({kind}): %n value(s)", "", layer.output_shape[0]).format(
            name=layer.name, kind=layer.kind)  # fmt: skip

    # --- one output, explained -------------------------------------------------------------------------------
    def explain(self, index: int, channel: int, y: int, x: int) -> Arithmetic | None:
        """Show how output (channel, y, x) of layer `index` came about, and outline what it reads."""
        if self.inspection is None or self.inspector is None:
            return None
        for _title, image in self.sections:
            image.outline([])
        self.input_image.outline([])
        layer = self.inspection.layers[index]
        flat = y * maps.STRIP_COLUMNS + x
        value = float(self.inspection.outputs[index][channel, y, x] if layer.spatial
                      else self.inspection.outputs[index].reshape(-1)[flat])  # fmt: skip
        result = self.inspector.arithmetic(self.inspection, index, channel, y, x) if layer.spatial else None
        if layer.spatial:
            self.sections[index][1].outline([(channel, y, x, y, x)])
        if result is None:
            where = self.tr("map {channel}, row {y}, column {x}").format(channel=channel, y=y, x=x) \
                if layer.spatial else self.tr("value {index}").format(index=flat)  # fmt: skip
            self.arithmetic.setHtml(
                f"<p><b>{html.escape(layer.name)}</b> ({layer.kind}), {where}: {value:.4g}</p>"
                + self.tr("<p>A convolution's map shows the multiply-adds behind a value.</p>")
            )
            return None
        top, left, bottom, right = result.receptive_field
        self.input_image.outline([(0, top, left, bottom, right)])
        if index > 0 and self.inspection.layers[index - 1].spatial:
            p_top, p_left, p_bottom, p_right = result.previous_field
            self.sections[index - 1][1].outline([(c, p_top, p_left, p_bottom, p_right) for c in result.inputs])
        self.arithmetic.setHtml(self.arithmetic_html(layer, result))
        return result

    def arithmetic_html(self, layer: Layer, result: Arithmetic, shown_inputs: int = 3) -> str:
        """The computation as a learner reads it: patch, kernel, their products summed, the bias, what follows."""
        size, inputs = result.kernel.shape[-1], len(result.inputs)
        parts = [
            self.tr("<h3>{name}, map {channel}, row {y}, column {x}</h3>").format(
                name=html.escape(layer.name), channel=result.channel, y=result.y, x=result.x),
            self.tr("<p>It reads %n input map(s) through a {size}x{size} window (outlined on the input and on the "
                    "layer before): {macs} multiply-adds.</p>", "", inputs).format(
                size=size, macs=inputs * size * size),
        ]  # fmt: skip
        header = self.tr("<tr><td>patch</td><td>kernel</td></tr>")
        for position, channel in enumerate(result.inputs[:shown_inputs]):
            products = float((result.patch[position].astype(np.float64) * result.kernel[position]).sum())
            parts.append(self.tr("<p>input map {channel}: patch × kernel, summed = <b>{sum}</b></p>")
                         .format(channel=channel, sum=f"{products:.4f}"))  # fmt: skip
            parts.append(f"<table>{header}<tr><td>{_matrix(result.patch[position])}</td>"
                         f"<td>{_matrix(result.kernel[position])}</td></tr></table>")  # fmt: skip
        if inputs > shown_inputs:
            parts.append(self.tr("<p>… and %n more input map(s).</p>", "", inputs - shown_inputs))
        parts.append(self.tr("<p>Σ of all products {products} + bias {bias} = <b>{total}</b> (the model computed "
                             "{output})</p>").format(products=f"{result.total - result.bias:.4f}",
                                                     bias=f"{result.bias:.4f}", total=f"{result.total:.4f}",
                                                     output=f"{result.output:.4f}"))  # fmt: skip
        for what, value in result.then:
            parts.append(self.tr("<p>then {what}: <b>{value}</b></p>").format(
                what=html.escape(what), value=f"{value:.4f}"))  # fmt: skip
        return "".join(parts)
