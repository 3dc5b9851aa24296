"""Regenerate the screenshots in docs/: run under Xvfb, e.g.

DIGITPAD_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/take_screenshots.py 1280 800
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from digitpad.gui.app import create_application
from tests.gui_helpers import PLAIN_DIGITS, SLASHED_ZERO, draw_digit


def main() -> None:
    width, height = int(sys.argv[1]), int(sys.argv[2])
    prefix = Path(__file__).parent / f"screenshot-{width}x{height}"
    app = create_application()
    from digitpad.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()

    rng = np.random.default_rng(0)

    def draw() -> None:  # My handwriting holds a dozen slashed zeros and a few of each other digit
        view = window.draw_view
        for digit, strokes in {0: SLASHED_ZERO, **PLAIN_DIGITS}.items():
            for _ in range(12 if digit == 0 else 3):
                draw_digit(view.canvas, strokes, rng)
                view.teach.digit_buttons[digit].click()
        draw_digit(view.canvas, SLASHED_ZERO, rng)  # which the default model misreads
        view.compare_button.setChecked(True)
        QTimer.singleShot(1000, dataset)

    def dataset() -> None:
        window.grab().save(f"{prefix}-draw.png")
        window.tabs.setCurrentWidget(window.dataset_browser)
        window.dataset_browser.show_predictions.setChecked(True)
        wait_for_answers()

    def wait_for_answers() -> None:  # the model's answers for the whole split come from a background job
        browser = window.dataset_browser
        QTimer.singleShot(300, train if browser.confusion.isVisibleTo(browser) else wait_for_answers)

    def train() -> None:
        window.grab().save(f"{prefix}-dataset.png")
        panel = window.training_panel
        window.tabs.setCurrentWidget(panel)
        panel.arch.setCurrentIndex(panel.arch.findData("lenet5"))
        panel.inputs["epochs"].setValue(2)
        panel.start()
        wait_for_training()

    def wait_for_training() -> None:
        QTimer.singleShot(500, wait_for_training if window.training_panel.running else teach)

    def teach() -> None:
        window.grab().save(f"{prefix}-train.png")
        window.draw_view.teach.fine_tune_button.click()
        wait_for_fine_tune()

    def wait_for_fine_tune() -> None:
        QTimer.singleShot(500, wait_for_fine_tune if window.training_panel.running else taught)

    def taught() -> None:
        draw_digit(window.draw_view.canvas, SLASHED_ZERO, rng)  # a new one, read by the taught model
        QTimer.singleShot(1000, finish)

    def finish() -> None:
        window.grab().save(f"{prefix}-teach.png")
        window.close()
        app.quit()

    QTimer.singleShot(1500, draw)
    app.exec()


if __name__ == "__main__":
    main()
