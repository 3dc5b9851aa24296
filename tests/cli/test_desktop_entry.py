"""Desktop integration on Linux: a menu entry, hicolor icons and AppStream metainfo that validate."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from digitpad import paths
from digitpad.cli import main
from digitpad.desktop_entry import APP_ID, ICON_SIZES


def test_install_desktop_writes_a_menu_entry_icons_and_metainfo_and_uninstall_removes_them(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry = (tmp_path / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Icon={APP_ID}" in entry and "Exec=" in entry and "\nExec=digitpad\n" not in entry  # a real path
    for size in ICON_SIZES:
        icon = QImage(str(tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (icon.width(), icon.height()) == (size, size) and icon.pixelColor(size // 2, size // 2).alpha() > 0
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not list(tmp_path.rglob(f"{APP_ID}*"))


@pytest.mark.parametrize(("tool", "name"), [("desktop-file-validate", ".desktop"), ("appstreamcli", ".metainfo.xml")])
def test_the_desktop_files_validate(tool, name):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils, appstream); .ci/run installs it")
    path = paths.assets_dir() / "desktop" / f"{APP_ID}{name}"
    command = [tool, str(path)] if tool == "desktop-file-validate" else [tool, "validate", "--no-net", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout + result.stderr
