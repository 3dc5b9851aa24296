"""Marks the engine's texts that the window shows in the user's language (architectures, form labels, datasets).

Qt's `pyside6-lupdate` collects every `QT_TRANSLATE_NOOP(context, text)` call it finds in the source into the
translation files; this stand-in returns the text unchanged, so the engine (and the CLI, which stays in
English) never imports Qt. The window translates the text with `QCoreApplication.translate(context, text)`.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text
