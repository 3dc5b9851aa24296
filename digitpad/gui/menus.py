"""The window's menus: File, Edit, View > Language, Train and Help, each action with its shortcut and its text in
the chosen language, and the About box."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from digitpad import __version__
from digitpad.gui.file_actions import FileActions
from digitpad.gui.shared.drawing import Drawing
from digitpad.gui.support import language

Shortcut = QKeySequence.StandardKey | str | None


class Menus(QObject):
    """Builds the menu bar of `window`; `retranslate` says every title and action again in the chosen language."""

    def __init__(self, window: QMainWindow, files: FileActions, drawing: Drawing, start_training: Callable[[], None],
                 stop_training: Callable[[], None]) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self._texts: list[tuple[QAction | QMenu, Callable[[], str]]] = []  # what to say again after a change
        self.file_menu = self._menu(lambda: self.tr("&File"))
        self._action(self.file_menu, lambda: self.tr("&Open image…"), files.choose_image,
                     QKeySequence.StandardKey.Open, "openImageAction")  # fmt: skip
        self._action(self.file_menu, lambda: self.tr("&Load model…"), files.choose_model, "Ctrl+L", "loadModelAction")
        self._action(self.file_menu, lambda: self.tr("&Save model as…"), files.save_model_as,
                     QKeySequence.StandardKey.Save, "saveModelAction")  # fmt: skip
        self._action(self.file_menu, lambda: self.tr("&Export model to ONNX…"), files.choose_onnx_file, None,
                     "exportOnnxAction")  # fmt: skip
        self.file_menu.addSeparator()
        self._action(self.file_menu, lambda: self.tr("Export my &handwriting…"), files.choose_handwriting_export,
                     None, "exportHandwritingAction")  # fmt: skip
        self._action(self.file_menu, lambda: self.tr("&Import my handwriting…"), files.choose_handwriting_import,
                     None, "importHandwritingAction")  # fmt: skip
        self.file_menu.addSeparator()
        self._action(self.file_menu, lambda: self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit,
                     "quitAction")  # fmt: skip
        edit = self._menu(lambda: self.tr("&Edit"))
        self._action(edit, lambda: self.tr("&Undo stroke"), drawing.undo, QKeySequence.StandardKey.Undo, "undoAction")
        self._action(edit, lambda: self.tr("&Redo stroke"), drawing.redo, QKeySequence.StandardKey.Redo, "redoAction")
        self._action(edit, lambda: self.tr("&Clear drawing"), drawing.clear, QKeySequence.StandardKey.New,
                     "clearAction")  # fmt: skip
        self._build_language_menu(self._menu(lambda: self.tr("&View")))
        train = self._menu(lambda: self.tr("&Train"))
        self.start_action = self._action(train, lambda: self.tr("&Start training"), start_training, "F5",
                                         "startTrainingAction")  # fmt: skip
        self.stop_action = self._action(train, lambda: self.tr("S&top training"), stop_training, "Shift+F5",
                                        "stopAction")  # fmt: skip
        self.stop_action.setEnabled(False)
        help_menu = self._menu(lambda: self.tr("&Help"))
        self._action(help_menu, lambda: self.tr("&About digitpad"), self.show_about, None, "aboutAction")
        self.retranslate()

    def _menu(self, text: Callable[[], str], parent: QMenu | None = None) -> QMenu:
        menu = parent.addMenu("") if parent is not None else self.window.menuBar().addMenu("")
        self._texts.append((menu, text))
        return menu

    def _action(self, menu: QMenu, text: Callable[[], str], slot: Callable[[], object], shortcut: Shortcut,
                name: str) -> QAction:  # fmt: skip
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self._texts.append((action, text))
        return action

    def _build_language_menu(self, view: QMenu) -> None:
        """System, then each language by its own name (never translated), the chosen one ticked."""
        self.language_menu = self._menu(lambda: self.tr("&Language"), view)
        self.language_menu.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code in (language.SYSTEM, *language.LANGUAGES):
            title = self._system if code == language.SYSTEM else partial(language.LANGUAGES.__getitem__, code)
            action = self._action(self.language_menu, title, partial(self.choose_language, code), None,
                                  f"language_{code}")  # fmt: skip
            action.setCheckable(True)
            action.setChecked(code == language.saved_language())
            action.setActionGroup(group)
            self.language_actions[code] = action

    def _system(self) -> str:
        return self.tr("System")

    def retranslate(self) -> None:
        for item, text in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(text())
            else:
                item.setText(text())

    def choose_language(self, code: str) -> None:
        """View > Language: switch every text now (the drawing, the dataset page and a running training stay)."""
        application = QCoreApplication.instance()
        assert application is not None
        language.install(application, code)
        language.remember(code)
        self.language_actions[code].setChecked(True)

    def set_training(self, running: bool) -> None:
        self.start_action.setEnabled(not running)
        self.stop_action.setEnabled(running)

    def about_text(self) -> str:
        summary = self.tr("Handwritten-digit recognition with LeNet-family convolutional networks: draw, browse "
                          "MNIST, train and compare.")  # fmt: skip
        history = self.tr(
            "<h3>A short history</h3><ul><li><b>1989</b>: LeCun et al. apply backpropagation to handwritten zip "
            "code recognition (Neural Computation 1(4)).</li><li><b>1990</b>: handwritten digit recognition with a "
            "back-propagation network (NIPS 2): 1% error, about 9% rejection on US Postal Service zip-code "
            "digits.</li><li><b>1998</b>: LeCun, Bottou, Bengio and Haffner, “Gradient-based learning applied to "
            "document recognition” (Proc. IEEE 86(11)): LeNet-5, 0.95% test error on MNIST; such networks read "
            "millions of bank checks a day.</li></ul>"
        )
        licences = self.tr(
            "<h3>Licences</h3><p>digitpad: MIT. MNIST (Y. LeCun, C. Cortes, C. J. C. Burges): CC BY-SA 3.0. Qt for "
            "Python (PySide6): LGPLv3. PyTorch: BSD-3-Clause. pyqtgraph: MIT.</p>"
        )
        return f"<h2>digitpad {__version__}</h2><p>{summary}</p>{history}{licences}"

    def show_about(self) -> None:
        QMessageBox.about(self.window, self.tr("About digitpad"), self.about_text())
