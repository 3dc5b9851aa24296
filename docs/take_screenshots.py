"""Regenerate the screenshots in docs/: run under Xvfb, e.g.

DIGITPAD_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/take_screenshots.py 1280 800
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digitpad.gui.app import create_application
from tests.gui_helpers import SEVEN, draw_stroke


def main() -> None:
    width, height = int(sys.argv[1]), int(sys.argv[2])
    prefix = Path(__file__).parent / f"screenshot-{width}x{height}"
    app = create_application()
    from digitpad.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()

    def draw() -> None:
        draw_stroke(window.draw_view.canvas, SEVEN)
        window.draw_view.compare_button.setChecked(True)
        QTimer.singleShot(500, dataset)

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
        QTimer.singleShot(500, wait_for_training if window.training_panel.running else finish)

    def finish() -> None:
        window.grab().save(f"{prefix}-train.png")
        window.close()
        app.quit()

    QTimer.singleShot(1500, draw)
    app.exec()


if __name__ == "__main__":
    main()
