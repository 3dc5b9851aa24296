"""Install digitpad into the Linux desktop's menu: its .desktop entry, hicolor icons and AppStream metainfo.

`digitpad install-desktop` writes them into the user's data folder ($XDG_DATA_HOME, ~/.local/share), with the
entry's Exec pointing at the digitpad that runs the command (an installed script or a packaged bundle).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from digitpad import paths

APP_ID = "io.github.digitpad.Digitpad"  # the desktop file's name; the app sets it as its desktop file name
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def installed_files(base: Path | None = None) -> list[Path]:
    """Where install() puts its files, so uninstall() removes exactly those."""
    base = base or data_home()
    icons = base / "icons" / "hicolor"
    return [
        base / "applications" / f"{APP_ID}.desktop",
        base / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def launcher() -> str:
    """The command line that starts this digitpad: the bundle's executable, or the installed script."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    script = shutil.which("digitpad") or str(Path(sys.executable).with_name("digitpad"))
    return shlex.quote(str(Path(script).resolve()))


def install(base: Path | None = None) -> list[Path]:
    desktop, metainfo, svg, *pngs = installed_files(base)
    source = paths.assets_dir() / "desktop"
    entry = (source / f"{APP_ID}.desktop").read_text()
    _write(desktop, entry.replace("\nExec=digitpad\n", f"\nExec={launcher()}\n"))
    _write(metainfo, (source / f"{APP_ID}.metainfo.xml").read_text())
    _write(svg, (paths.assets_dir() / "icons" / "digitpad.svg").read_text())
    for size, png in zip(ICON_SIZES, pngs, strict=True):
        png.parent.mkdir(parents=True, exist_ok=True)
        render_icon(size).save(str(png))
    return [desktop, metainfo, svg, *pngs]


def uninstall(base: Path | None = None) -> list[Path]:
    removed = [path for path in installed_files(base) if path.exists()]
    for path in removed:
        path.unlink()
    return removed


def render_icon(size: int):
    """The SVG icon as a QImage of size x size (Qt's own SVG renderer; no window needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # painting needs one; kept alive by Qt
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(paths.assets_dir() / "icons" / "digitpad.svg")).render(painter)
    painter.end()
    return image


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
