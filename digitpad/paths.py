"""Where bundled assets and the user's own data live, from source, from a wheel and inside a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "digitpad"


def assets_dir() -> Path:
    """The read-only assets folder: bundled MNIST, pretrained checkpoints, icons."""
    override = os.environ.get("DIGITPAD_ASSETS")
    if override:
        return Path(override)
    bundle_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller inside a frozen app
    if bundle_root:
        return Path(bundle_root) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def bundled_models_dir() -> Path:
    return assets_dir() / "models"


def bundled_mnist_dir() -> Path:
    return assets_dir() / "datasets" / "mnist"


def user_data_dir() -> Path:
    """The user's writable folder; DIGITPAD_HOME moves it (tests use a temp dir)."""
    override = os.environ.get("DIGITPAD_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_models_dir() -> Path:
    return user_data_dir() / "models"


def user_datasets_dir() -> Path:
    return user_data_dir() / "datasets"
