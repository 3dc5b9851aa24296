"""The app's settings file, shared by the window (geometry, tab, model, brush) and the language choice."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from digitpad import paths


def settings() -> QSettings:
    """The app's settings, as an INI file in the user data dir (a damaged file is read as far as it can be)."""
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
