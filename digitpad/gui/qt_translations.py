"""Qt's own translations (standard buttons, file dialogs, context menus) for the user's language.

digitpad's own strings are not translated yet (issue 20); Qt's are, by Qt, in the `qtbase_*.qm` files that
PySide6 ships and the packaged bundle keeps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def install_qt_translations(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Install Qt's translation for `locale` (default: the system's); None when Qt has none for it (English)."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(locale or QLocale.system(), "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    return translator
