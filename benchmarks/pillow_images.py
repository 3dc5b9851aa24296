"""Every file of Pillow's own test images (its sdist's Tests/images: every format, fuzzers' crash, OOM and timeout
cases) through the real `digitpad predict --json`, in one batch: each file must get its row.

    python benchmarks/pillow_images.py [--sdist PATH]   # without --sdist, pip downloads Pillow's sdist

Prints one JSON object: files, rows, read (a digit answered), refused (one-line errors), seconds, exit code.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path


def sdist(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    "pillow", "-d", str(folder)], check=True)  # fmt: skip
    return next(folder.glob("pillow-*.tar.gz"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", type=Path, help="a Pillow sdist (.tar.gz) already on disk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        archive = args.sdist or sdist(Path(work))
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if "/Tests/images/" in m.name and m.isfile()]
            tar.extractall(work, members=members, filter="data")
        files = sorted(str(Path(work) / m.name) for m in members)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "digitpad", "predict", *files, "--model", "lenet5", "--json"],
                                capture_output=True, text=True, timeout=1800)  # fmt: skip
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        print(json.dumps({
            "benchmark": "pillow_images", "archive": Path(archive).name, "files": len(files), "rows": len(rows),
            "read": sum("digit" in row for row in rows), "refused": sum("error" in row for row in rows),
            "stderr_lines": len(result.stderr.splitlines()), "seconds": round(time.perf_counter() - started, 1),
            "exit_code": result.returncode,
        }))  # fmt: skip


if __name__ == "__main__":
    main()
