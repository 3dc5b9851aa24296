"""Where bundled assets and the user's own data live, from source, from a wheel and inside a PyInstaller bundle."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "digitpad"


def assets_dir() -> Path:
    """The read-only assets folder: bundled MNIST, pretrained checkpoints, icons.

    Package data of `digitpad` (`digitpad/assets`), so a source checkout, an installed wheel and a PyInstaller
    bundle (which collects it as `digitpad/assets`) find it the same way.
    """
    override = os.environ.get("DIGITPAD_ASSETS")
    if override:
        return Path(override)
    return Path(str(resources.files("digitpad") / "assets"))


def bundled_models_dir() -> Path:
    return assets_dir() / "models"


def reading_helpers_dir() -> Path:
    """Small learned parts of reading that are not digit models (the whole-digit judge): never listed as models."""
    return assets_dir() / "reading"


def bundled_mnist_dir() -> Path:
    return assets_dir() / "datasets" / "mnist"


def user_data_dir() -> Path:
    """The user's writable folder; DIGITPAD_HOME moves it (tests use a temp dir)."""
    override = os.environ.get("DIGITPAD_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Files that can be made again (synthetic training digits): inside the user data dir, so tests stay private."""
    return user_data_dir() / "cache"


def user_models_dir() -> Path:
    return user_data_dir() / "models"


def user_datasets_dir() -> Path:
    return user_data_dir() / "datasets"
