"""Compile the translation sources (digitpad/translations/*.ts) into the .qm files the app loads
(digitpad/assets/translations/, not in git), with the lrelease that PySide6-Essentials ships.

Run with the Python that has PySide6: the setup (scripts/setup-venv.sh), the wheel check and the bundle build
(packaging/build.py, on every platform) do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "digitpad" / "translations"
TARGET = ROOT / "digitpad" / "assets" / "translations"


def main() -> None:
    lrelease = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    TARGET.mkdir(parents=True, exist_ok=True)
    for source in sorted(SOURCES.glob("*.ts")):
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(TARGET / f"{source.stem}.qm")], check=True)


if __name__ == "__main__":
    main()
