"""The engine never imports Qt: the CLI and other tools must work without a GUI stack."""

import subprocess
import sys


def test_engine_and_cli_import_without_qt():
    code = (
        "import sys, digitpad.cli, digitpad.engine.trainer, digitpad.engine.predictor, digitpad.engine.catalog,"
        " digitpad.engine.benchmark, digitpad.engine.datasets;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
