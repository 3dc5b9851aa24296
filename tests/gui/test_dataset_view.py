"""The Dataset view: the grid pages and filters, the model's answers and mistakes, a sample sent to Draw."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from digitpad.gui.main_window import MainWindow
from digitpad.gui.views.sample_grid import PAGE_SIZE


def prediction_text(window: MainWindow) -> str:
    return window.findChild(QLabel, "predictionLabel").text()


def visible_titles(window) -> list[str]:
    return [cell.title.text() for cell in window.dataset_browser.grid.cells if cell.isVisibleTo(window.dataset_browser)]


def test_dataset_grid_shows_12_labelled_samples_and_pages(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    grid = window.findChild(QWidget, "datasetGrid")
    assert len([c for c in browser.grid.cells if c.parent() is grid]) == PAGE_SIZE
    first_page = visible_titles(window)
    assert len(first_page) == 12 and all(t.startswith("label: ") for t in first_page)
    assert first_page[:4] == ["label: 7", "label: 2", "label: 1", "label: 0"]  # MNIST's first test digits
    browser.grid.next_button.click()
    assert browser.grid.page == 1 and visible_titles(window) != first_page
    browser.grid.previous_button.click()
    assert visible_titles(window) == first_page
    browser.label_filter.setCurrentIndex(browser.label_filter.findData(3))
    assert set(visible_titles(window)) == {"label: 3"}


def select_lenet5(window) -> None:
    window.store.select(next(entry for entry in window.store.entries if entry.name == "lenet5"))


def test_misclassified_filter_shows_only_wrong_answers(window, qtbot):
    browser = window.dataset_browser
    select_lenet5(window)  # it reads the 10,000 test images in a second; the default model takes several
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.misclassified_only.setChecked(True)
    qtbot.waitUntil(lambda: browser.predictions() is not None, timeout=60_000)
    titles = visible_titles(window)
    assert titles and all("(wrong)" in t for t in titles)


def test_clicking_a_sample_sends_it_to_draw(window, qtbot):
    browser = window.dataset_browser
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.grid.cells[0].clicked.emit(browser.grid.cells[0].index)
    assert window.tabs.currentWidget() is window.draw_view and not window.draw_view.canvas.drawing.empty
    qtbot.waitUntil(lambda: prediction_text(window) == "7", timeout=3000)


def test_model_report_and_confusion_cells_browse_the_mistakes(window, qtbot):
    browser = window.dataset_browser
    select_lenet5(window)  # it reads the 10,000 test images in a second; the default model takes several
    qtbot.waitUntil(lambda: browser.data is not None, timeout=10_000)
    browser.show_predictions.setChecked(True)
    qtbot.waitUntil(lambda: browser.confusion.isVisibleTo(browser), timeout=60_000)
    assert "%" in browser.report_label.text() and browser.confusion.item(3, 10).text().endswith("%")
    answers, labels = browser.predictions(), browser.data.labels
    wrong_pairs = [(int(t), int(a)) for t, a in zip(labels, answers, strict=True) if t != a]
    true_label, answer = wrong_pairs[0]
    browser.confusion.cellClicked.emit(true_label, answer)
    titles = visible_titles(window)
    expected = sum(1 for pair in wrong_pairs if pair == (true_label, answer))
    assert len(titles) == min(expected, PAGE_SIZE)
    assert all(t.startswith(f"label: {true_label} · model: {answer} (wrong)") for t in titles)
