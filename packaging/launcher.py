"""Entry point of the packaged app: the same `digitpad` command, frozen by PyInstaller."""

import multiprocessing
import sys

from digitpad.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
