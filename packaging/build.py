"""Build the packaged app on Linux, Windows or macOS: its own venv, the icons, PyInstaller, trimming, self-test.

    python packaging/build.py            # -> dist/digitpad/ (Linux, Windows) or dist/digitpad.app (macOS)

Linux gets the CPU-only torch (scripts/install-torch.sh); Windows and macOS PyPI's default wheel. The bundle's
self-test runs at the end (offscreen), so a build that cannot start fails here, not on a student's computer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-build"
ICONS = ROOT / "build" / "icons"
WINDOWS, MACOS = sys.platform == "win32", sys.platform == "darwin"
TORCH_VERSION = "2.13.0"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def run(*command: str | Path, **options) -> None:
    print("+", " ".join(map(str, command)), file=sys.stderr, flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **options)


def install_torch() -> None:
    """scripts/install-torch.sh on Linux (the CPU-only build); PyPI's default wheel on Windows and macOS."""
    if WINDOWS or MACOS:
        run(venv_python(), "-m", "pip", "install", "--quiet", os.environ.get("TORCH_SPEC", f"torch=={TORCH_VERSION}"))
    else:
        run("bash", "scripts/install-torch.sh", venv_python())


def make_icons() -> None:
    """digitpad.ico (Windows) and digitpad.icns (macOS) from the SVG, rendered by Qt, written by Pillow."""
    ICONS.mkdir(parents=True, exist_ok=True)
    script = (
        "import sys; from PIL import Image; from digitpad.desktop_entry import render_icon; "
        "render_icon(1024).save(sys.argv[1] + '/digitpad.png'); image = Image.open(sys.argv[1] + '/digitpad.png'); "
        "image.save(sys.argv[1] + '/digitpad.ico', sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]); "
        "image.save(sys.argv[1] + '/digitpad.icns')"
    )
    run(venv_python(), "-c", script, ICONS)


def trim_linux(bundle: Path) -> None:
    """What the app never uses: torch's headers, tests and symbol tables; Qt's QML, Quick, PDF, Wayland, and the
    translations of Qt's tools (Qt's own, qtbase_*.qm, stay: the standard buttons and dialogs speak the user's
    language)."""
    internal = bundle / "_internal"
    unused = (
        "torch/include", "torch/share", "torch/test", "torch/testing/_internal/data", "PySide6/Qt/qml", "PySide6/qml",
        "PySide6/translations", "PySide6/Qt/plugins/platforminputcontexts",
        "PySide6/Qt/plugins/qmltooling",
    )  # fmt: skip
    for folder in unused:
        shutil.rmtree(internal / folder, ignore_errors=True)  # fmt: skip
    for path in (internal / "PySide6" / "Qt" / "translations").glob("*.qm"):
        if not path.name.startswith(("qtbase_", "qt_")):  # assistant, designer, linguist ...
            path.unlink()
    for path in (internal / "torch" / "bin").glob("*"):
        if path.is_file() and path.name != "torch_shm_manager":  # import torch checks for it
            path.unlink()
    doomed = ("libQt6Quick", "libQt6Qml", "libQt6Pdf", "libQt6Wayland", "libQt6VirtualKeyboard", "libQt6Designer",
              "libQt6ShaderTools", "libqwayland")  # fmt: skip
    for path in internal.rglob("*"):
        if path.is_file() and path.name.startswith(doomed):
            path.unlink()
    for path in (internal / "torch" / "lib").glob("*test*.so"):
        path.unlink()
    for path in internal.glob("PySide6/Qt/plugins/wayland-*"):
        shutil.rmtree(path, ignore_errors=True)
    if shutil.which("strip"):  # symbol tables are not needed at run time: about 90 MB of libtorch_cpu alone
        libraries = [str(p) for p in (internal / "torch" / "lib").glob("*.so*")]
        subprocess.run(["strip", "--strip-unneeded", *libraries], check=False)


def size_mb(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) // 2**20


def main() -> None:
    if not venv_python().exists():
        venv.create(VENV, with_pip=True)
    run(venv_python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    install_torch()
    run(venv_python(), "-m", "pip", "install", "--quiet", ".[packaging]")
    run(venv_python(), "scripts/build_translations.py")  # the bundle carries digitpad's own .qm files
    make_icons()
    shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
    shutil.rmtree(ROOT / "dist", ignore_errors=True)
    run(venv_python(), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--workpath", "build/pyinstaller",
        "--distpath", "dist", "packaging/digitpad.spec")  # fmt: skip
    bundle = ROOT / "dist" / "digitpad"
    before = size_mb(bundle)
    if not (WINDOWS or MACOS):
        trim_linux(bundle)
    print(f"bundle: {before} MB before trimming, {size_mb(bundle)} MB after: {bundle}", file=sys.stderr)
    executable = bundle / ("digitpad.exe" if WINDOWS else "digitpad")
    run(executable, "--self-test", env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


if __name__ == "__main__":
    main()
