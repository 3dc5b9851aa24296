"""The window in Chinese and back: every view switches live, nothing is lost, the choice is kept, and the
translation sources stay complete (a new text in the code without a translation fails here)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from digitpad.engine.spec.architectures import ARCHITECTURES
from digitpad.gui.support import language
from digitpad.gui.widgets.column_scroller import ColumnScroller
from tests.gui_helpers import PLAIN_DIGITS, draw_digit

ROOT = Path(__file__).resolve().parent.parent.parent


SOURCES = ROOT / "digitpad" / "translations"


CJK = re.compile(r"[\u4e00-\u9fff]")


# what stays as it is in any language: names of models, layers, optimizers, devices, file formats, keys, and
# the CLI's own words quoted in the help
# fmt: off
TECHNICAL = {
    "digitpad", "MNIST", "EMNIST", "Fashion", "Kuzushiji", "LeNet", "CNN", "MLP", "Caffe", "ONNX", "SGD", "Adam",
    "AdamW", "Nesterov", "CPU", "CUDA", "NVIDIA", "GPU", "MPS", "Apple", "Ctrl", "Shift", "English", "ReLU", "tanh",
    "RBF", "sigmoid", "LeakyReLU", "Xavier", "LeCun", "Bottou", "Bengio", "Haffner", "img", "ai", "adam", "adamw",
    "auto", "cuda", "mps", "cpu", "onecycle", "none", "threads", "mnist", "unit", "UCI", "sgd", "beta1", "beta2",
    "learned", "edges",
}


def visible_texts(root: QWidget) -> list[str]:
    """What a person can read in a view: labels, buttons, titles, choices, headers, the progress bar, tooltips."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(row) for row in range(widget.count())]
        if isinstance(widget, QTableWidget):
            headers = (widget.horizontalHeaderItem(column) for column in range(widget.columnCount()))
            texts += [header.text() for header in headers if header is not None]
        if isinstance(widget, QProgressBar):
            texts.append(widget.text())  # what the bar shows: nothing at all if it was never started
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(index) for index in range(widget.count())]
        texts.append(widget.toolTip())
    for chart in root.findChildren(QWidget, "lossChart") + root.findChildren(QWidget, "accuracyChart"):
        plot = chart.getPlotItem()
        texts += [plot.titleLabel.text, plot.getAxis("left").labelText, plot.getAxis("bottom").labelText]
        texts += [label.text for _sample, label in chart.legend.items]
    return [text for text in texts if text]


def window_texts(window) -> dict[str, list[str]]:
    """Every view's texts, each read while it is on screen, and the window's own: menus, title, status bar."""
    seen = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        seen[window.tabs.tabText(index)] = visible_texts(window.tabs.currentWidget())
    menus = []
    pending = list(window.menuBar().actions())
    while pending:  # each menu's title, then its actions, a submenu's after them
        action = pending.pop(0)
        menus.append(action.text())
        if action.menu() is not None:
            pending += action.menu().actions()
    seen["window"] = [
        *menus,
        *(tab for tab in (window.tabs.tabText(i) for i in range(window.tabs.count()))),
        window.model_status.text(),
        window.dataset_status.text(),
        window.device_status.text(),
    ]
    return seen


def english_words(text: str, allowed: set[str]) -> list[str]:
    plain = re.sub(r"<[^>]+>|&\w+;", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z0-9]+", plain)  # conv1, Conv2d and d2l are names: they hold a digit
    return [word for word in words if word not in allowed and not any(c.isdigit() for c in word)]


def allowed_words(window) -> set[str]:
    """Technical words, the models' names and the layers' names and kinds (the Inside view lists them)."""
    names = {entry.name for entry in window.store.entries} | set(ARCHITECTURES)
    inspector = window.inside_view.inspector
    layers = {part for layer in (inspector.layers if inspector else []) for part in (layer.name, layer.kind)}
    pieces = {piece for name in names | layers for piece in re.split(r"[-_ ]", name)}
    return TECHNICAL | names | layers | pieces


DRAW_TAB = {"zh_CN": "绘制", "en": "Draw"}


def switch(window, qtbot, code: str) -> None:
    """Choose a language in View > Language; Qt tells the widgets in a posted event: wait until they heard."""
    window.menus.language_actions[code].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == DRAW_TAB[code], timeout=5000)
    QApplication.processEvents()  # the event reaches every widget in the same pass


@pytest.fixture
def chinese(window, qtbot):
    """The window switched to 简体中文 from its menu, and back to English afterwards."""
    switch(window, qtbot, "zh_CN")
    yield window
    language.install(QApplication.instance(), language.SYSTEM)  # the window is gone by now: the app's language


def test_in_chinese_every_view_shows_chinese_and_no_english_but_names(chinese, qtbot):
    window = chinese
    draw_digit(window.draw_view.canvas, PLAIN_DIGITS[3], np.random.default_rng(0))
    qtbot.waitUntil(lambda: window.draw_view.answer_is_current, timeout=10_000)
    window.tabs.setCurrentWidget(window.inside_view)
    qtbot.waitUntil(lambda: window.inside_view.inspection is not None, timeout=20_000)
    qtbot.waitUntil(lambda: window.dataset_browser.data is not None, timeout=20_000)
    seen = window_texts(window)
    allowed = allowed_words(window)
    assert window.windowTitle() == "digitpad"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["绘制", "数据集", "训练", "内部", "为什么"]
    for view, texts in seen.items():
        assert sum(bool(CJK.search(text)) for text in texts) >= 3, view
        leftovers = {text: words for text in texts if (words := english_words(text, allowed))}
        assert not leftovers, f"{view}: English left in {leftovers}"


def test_in_chinese_a_small_window_cuts_nothing_off(chinese, qtbot):
    window = chinese
    window.resize(1024, 700)
    window.train_view.arch.setCurrentIndex(window.train_view.arch.findData("lenet5"))  # a long description
    for view in (window.draw_view, window.train_view):
        window.tabs.setCurrentWidget(view)
        QApplication.processEvents()
        scrollers = view.findChildren(ColumnScroller)
        assert scrollers, view
        for scroller in scrollers:  # each column is as wide as it needs and fits its place: nothing cut at the side
            column = scroller.widget()
            qtbot.waitUntil(lambda column=column: column.width() >= column.minimumSizeHint().width(), timeout=5000)
            assert column.width() <= scroller.viewport().width()
    info = window.train_view.arch_info
    assert info.height() >= info.heightForWidth(info.width())  # the description's last line is not cut
    assert window.train_view.monitor.progress.text() == "就绪"  # shown before any run


def test_switching_language_keeps_the_drawing_and_switching_back_restores_english(window, qtbot):
    draw_digit(window.draw_view.canvas, PLAIN_DIGITS[7], np.random.default_rng(1))
    drawing = window.draw_view.canvas.drawing.to_array()
    qtbot.waitUntil(lambda: window.draw_view.answer_is_current, timeout=10_000)
    english = window_texts(window)
    switch(window, qtbot, "zh_CN")
    assert window.draw_view.panel.confidence_label.text().startswith("置信度") or "不确定" in (
        window.draw_view.panel.confidence_label.text()
    )
    assert np.array_equal(window.draw_view.canvas.drawing.to_array(), drawing)
    switch(window, qtbot, "en")
    assert np.array_equal(window.draw_view.canvas.drawing.to_array(), drawing)
    back = window_texts(window)
    assert back.keys() == english.keys()
    for view in english:
        assert not [text for text in back[view] if CJK.search(text) and text != "简体中文"], view  # its own name
    assert back["window"] == english["window"]


def test_a_running_training_goes_on_through_a_change_of_language(window, qtbot):
    from tests.gui_helpers import start_training

    start_training(window, arch="cnn-small", epochs=1, batch=512)
    qtbot.waitUntil(lambda: window.train_view.monitor.loss_chart.point_count("loss") > 0, timeout=60_000)
    switch(window, qtbot, "zh_CN")
    panel = window.train_view
    assert panel.controller.running and panel.train_button.text() == "开始训练" and panel.stop_button.text() == "停止"
    qtbot.waitUntil(lambda: panel.controller.last_finished is not None, timeout=180_000)
    assert panel.controller.last_finished.reason == "completed"
    assert panel.monitor.progress.format().startswith("已完成 1 轮")  # the end of the run, said in Chinese
    switch(window, qtbot, "en")
    assert panel.monitor.progress.format().startswith("finished 1 epoch:")  # and in English, with its plural right


def test_the_choice_is_remembered_and_applied_at_the_next_start(window, qtbot):
    from digitpad.gui.main_window import MainWindow

    switch(window, qtbot, "zh_CN")
    assert language.saved_language() == "zh_CN"
    language.install(QApplication.instance(), "en")  # as if the app had closed
    language.install(QApplication.instance())  # the next start
    again = MainWindow()
    qtbot.addWidget(again)
    try:
        assert again.menus.language_actions["zh_CN"].isChecked() and again.tabs.tabText(0) == "绘制"
    finally:
        switch(window, qtbot, "en")
        again.close()


def test_qt_s_own_buttons_and_dialogs_speak_chinese(chinese, qtbot):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    box = QMessageBox(QMessageBox.Icon.Question, "digitpad", "?", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, chinese)  # fmt: skip
    texts = {button.text() for button in box.buttons()}
    assert all(CJK.search(text) for text in texts), texts
    switch(chinese, qtbot, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_counts_are_said_with_their_plural_and_numbers_in_the_locale_s_way(window, qtbot):
    browser = window.dataset_browser
    assert browser.tr("{dataset} {split}: %n image(s)", "", 1) == "{dataset} {split}: 1 image"
    assert browser.tr("{dataset} {split}: %n image(s)", "", 12) == "{dataset} {split}: 12 images"
    assert language.number(12345) == "12,345" and language.percent(0.996) == "99.6%"
    switch(window, qtbot, "zh_CN")
    try:
        assert browser.tr("{dataset} {split}: %n image(s)", "", 12) == "{dataset} {split}：12 张图像"
    finally:
        switch(window, qtbot, "en")


# --- the translation sources -------------------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\{\w+\}|%n")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}  # fmt: skip


@pytest.mark.parametrize("name", ["digitpad_zh_CN.ts", "digitpad_en.ts"])
def test_every_text_of_the_code_has_a_finished_translation(name, tmp_path):
    """lupdate, run over the code into a copy, finds nothing new, nothing gone and nothing unfinished."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash for scripts/update-translations.sh")
    copy = tmp_path / name
    shutil.copy(SOURCES / name, copy)
    subprocess.run(["bash", str(ROOT / "scripts" / "update-translations.sh"), str(copy)], check=True, cwd=ROOT)
    shipped, current = messages(SOURCES / name), messages(copy)
    assert current.keys() == shipped.keys(), "run scripts/update-translations.sh and translate the new texts"
    for (context, source), message in current.items():
        translation = message.find("translation")
        assert translation.get("type") is None, f"unfinished: {context}: {source!r}"
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            assert form.strip(), f"empty: {context}: {source!r}"
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(source)), (
                f"placeholders differ: {context}: {source!r} -> {form!r}"
            )


TEXT_SETTERS = {"setText", "setToolTip", "setTitle", "setWindowTitle", "addTab", "setTabText", "addItem",
                "setItemText", "showMessage", "addAction", "addMenu", "setFormat", "setPlaceholderText",
                "setHorizontalHeaderLabels", "setHtml", "show_message", "show_error", "show_status",
                "_append_log", "setAccessibleName", "drawText"}  # fmt: skip


TEXT_WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QAction", "QToolButton", "QRadioButton"}


SIGNALS_TO_PEOPLE = {"statusChanged", "errorOccurred", "failed"}


NAMES_IN_CODE = {"digitpad", "mine"}  # the app's name, and the part of a fine-tuned model's name (lenet5-mine-1)


def _literal_words(node: ast.AST) -> list[str]:
    """English words written straight into the code at `node` (a string or an f-string's text)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        words = re.findall(r"[A-Za-z]{2,}", re.sub(r"<[^>]*>", " ", node.value))  # HTML's tags are not read
        return [word for word in words if word not in NAMES_IN_CODE]
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values for w in _literal_words(part)]
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) + _literal_words(node.right)
    if isinstance(node, ast.List | ast.Tuple):
        return [w for item in node.elts for w in _literal_words(item)]
    return []


def test_no_text_reaches_the_screen_without_going_through_translation():
    """Texts given to a widget, a dialog, the status bar or a message signal are tr() calls, never literals."""
    found = []
    for path in sorted((ROOT / "digitpad" / "gui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            emits = name == "emit" and isinstance(function, ast.Attribute) and getattr(
                function.value, "attr", "") in SIGNALS_TO_PEOPLE  # fmt: skip
            if name in TEXT_SETTERS or name in TEXT_WIDGETS or emits:
                for argument in node.args[:1] if name == "addItem" else node.args:  # an item's data: not read
                    if _literal_words(argument):
                        found.append(f"{path.name}:{node.lineno}: {ast.unparse(argument)[:70]}")
    assert not found, "\n".join(found)
