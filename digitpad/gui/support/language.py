"""The window's language: System, English or 简体中文, remembered, and switched live.

digitpad's own texts are translated by `digitpad_<locale>.qm` (built from `digitpad/translations/*.ts` by
`scripts/build_translations.py`), Qt's (standard buttons, file dialogs) by the `qtbase_<locale>.qm` PySide6
ships. Installing a translator makes Qt send every widget a LanguageChange event: each view is a
`Retranslatable` and sets its texts again, so a drawing, a dataset page or a running training stays as it is.
Numbers and percentages follow the chosen language's locale (`QLocale.setDefault`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from digitpad import paths
from digitpad.gui.support.app_settings import settings

SETTING = "view/language"
SYSTEM = "system"
# language code -> its own name, as a person looks for it in a menu (never translated)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def translations_dir() -> Path:
    return paths.assets_dir() / "translations"


def saved_language() -> str:
    """The language chosen in View > Language: "system" (the default), or a code of LANGUAGES."""
    value = settings().value(SETTING, SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def locale_of(language: str) -> QLocale:
    """The locale a choice means; a system without one (the "C" locale of a bare server) reads English."""
    locale = QLocale.system() if language == SYSTEM else QLocale(language)
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


class Translations:
    """The translators installed in the application: digitpad's own and Qt's, for one language at a time."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = SYSTEM
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> None:
        """Show the window in `language` from now on: every widget retranslates itself."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        locale = locale_of(language)
        QLocale.setDefault(locale)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ours = str(translations_dir())
        # English first, for its plural forms ("1 image", "12 images"): the language's own, installed later, is
        # asked first, so it wins wherever it has a text
        for locale_wanted, name, folder in ((QLocale("en"), "digitpad", ours), (locale, "qtbase", qt_folder),
                                            (locale, "digitpad", ours)):  # fmt: skip
            translator = QTranslator(self.app)
            if translator.load(locale_wanted, name, "_", folder):  # English has no qtbase file: none is found
                self.app.installTranslator(translator)
                self._installed.append(translator)
        self.language = language

    @property
    def installed(self) -> list[QTranslator]:
        return list(self._installed)


def remember(language: str) -> None:
    """Keep the choice for the next start."""
    store = settings()
    store.setValue(SETTING, language)
    store.sync()


_translations: Translations | None = None


def install(app: QCoreApplication, language: str | None = None) -> Translations:
    """Install the translations for `language` (default: the one saved in the settings) once per application."""
    global _translations
    if _translations is None or _translations.app is not app:
        _translations = Translations(app)
    _translations.apply(language or saved_language())
    return _translations


def current() -> Translations | None:
    return _translations


def translate(context: str, text: str) -> str:
    """A text the engine marked with QT_TRANSLATE_NOOP (architectures, form labels, datasets), translated."""
    return QCoreApplication.translate(context, text)


def percent(fraction: float, decimals: int = 1) -> str:
    """A fraction as a percentage the way the chosen language writes it (99.6%, 99,6 %)."""
    locale = QLocale()  # one per call: the probability chart's paintEvent formats ten of these
    return locale.toString(float(fraction) * 100, "f", decimals) + locale.percent()


def number(value: float, decimals: int = 0) -> str:
    """A number with the chosen language's digit grouping (12,345)."""
    return QLocale().toString(float(value), "f", decimals)


class Retranslatable:
    """Mixin for a widget whose texts are set in `retranslate()`: at construction and at every language change.

    List it before the Qt class (`class DrawView(Retranslatable, QWidget)`) and call `self.retranslate()` at the
    end of `__init__`.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
