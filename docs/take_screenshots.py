"""Regenerate the screenshots in docs/: run under Xvfb, e.g.

DIGITPAD_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/take_screenshots.py 1280 800
... docs/take_screenshots.py 1280 800 dark     (only the Inside view, in a dark palette like a dark desktop's)
... docs/take_screenshots.py 1280 800 why      (only the Why view, on a slashed zero the default model reads as 8)
... docs/take_screenshots.py 1280 800 zh_CN    (every view in 简体中文; Debian's fonts-noto-cjk gives Xvfb the glyphs)
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
    dark = sys.argv[3:] == ["dark"]
    why_only = sys.argv[3:] == ["why"]
    chinese = sys.argv[3:] == ["zh_CN"]
    prefix = Path(__file__).parent / f"screenshot-{width}x{height}{'-zh_CN' if chinese else ''}"
    app = create_application()
    if chinese:
        from digitpad.gui.support import language

        language.install(app, "zh_CN")
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
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
        view.compare.button.setChecked(True)
        QTimer.singleShot(1000, inside)

    def inside() -> None:
        if not dark:
            window.grab().save(f"{prefix}-draw.png")
        window.tabs.setCurrentWidget(window.inside_view)
        QTimer.singleShot(1500, explain)

    def explain() -> None:
        window.inside_view.explain(0, 3, 14, 12)
        QTimer.singleShot(300, finish if dark else dataset)

    def dataset() -> None:
        window.grab().save(f"{prefix}-inside.png")
        window.tabs.setCurrentWidget(window.dataset_browser)
        window.dataset_browser.show_predictions.setChecked(True)
        wait_for_answers()

    def wait_for_answers() -> None:  # the model's answers for the whole split come from a background job
        browser = window.dataset_browser
        QTimer.singleShot(300, train if browser.confusion.isVisibleTo(browser) else wait_for_answers)

    def train() -> None:
        window.grab().save(f"{prefix}-dataset.png")
        panel = window.train_view
        window.tabs.setCurrentWidget(panel)
        panel.arch.setCurrentIndex(panel.arch.findData("lenet5"))
        panel.start()
        wait_for_training()

    def wait_for_training() -> None:
        QTimer.singleShot(500, wait_for_training if window.train_view.controller.running else teach)

    def teach() -> None:
        window.grab().save(f"{prefix}-train.png")
        window.draw_view.teach.fine_tune_button.click()
        wait_for_fine_tune()

    def wait_for_fine_tune() -> None:
        QTimer.singleShot(500, wait_for_fine_tune if window.train_view.controller.running else taught)

    def taught() -> None:
        draw_digit(window.draw_view.canvas, SLASHED_ZERO, rng)  # a new one, read by the taught model
        QTimer.singleShot(1000, finish)

    def finish() -> None:
        window.grab().save(f"{prefix}-inside-dark.png" if dark else f"{prefix}-teach.png")
        window.close()
        app.quit()

    def why() -> None:  # a real misread: a slashed zero that lenet-wide reads as 8
        view = window.draw_view
        window.tabs.setCurrentWidget(view)  # the settings may reopen the last tab
        predictor = window.store.predictor()
        for _ in range(30):
            draw_digit(view.canvas, SLASHED_ZERO, rng)
            answer = predictor.predict(view.canvas.drawing.snapshot())
            if answer is not None and answer.digit == 8:
                break
        window.tabs.setCurrentWidget(window.why_view)
        wait_for_why()

    def wait_for_why() -> None:
        view = window.why_view
        ready = view.index_ready and view.last is not None and bool(view.last.neighbours)
        QTimer.singleShot(500, (lambda: (window.grab().save(f"{prefix}-why.png"), window.close(), app.quit()))
                          if ready else wait_for_why)  # fmt: skip

    QTimer.singleShot(1500, why if why_only else draw)
    app.exec()


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2b2b", roles.WindowText: "#e6e6e6", roles.Base: "#1e1e1e", roles.AlternateBase: "#323232",
        roles.Text: "#e6e6e6", roles.Button: "#3a3a3a", roles.ButtonText: "#e6e6e6", roles.Highlight: "#3d8ee6",
        roles.HighlightedText: "#ffffff", roles.Mid: "#555555", roles.ToolTipBase: "#3a3a3a",
        roles.ToolTipText: "#e6e6e6",
    }  # fmt: skip
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


if __name__ == "__main__":
    main()
