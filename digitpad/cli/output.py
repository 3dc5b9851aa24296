"""How the command line speaks: one JSON object per line on stdout, tables for a person, one line on stderr."""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def emit(record: dict[str, Any]) -> None:
    """One JSON object per line; a NaN or infinite figure is written as null (NaN is not JSON)."""
    print(json.dumps(finite(record), allow_nan=False), flush=True)


def finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def fail(message: str, code: int = EXIT_ERROR) -> int:
    """Say what was wrong in one line on stderr; the exit status to return."""
    print(f"digitpad: error: {message}", file=sys.stderr)
    return code


def console(stderr: bool = False) -> Console:
    from rich.console import Console  # here: `digitpad` with no command opens the window without it

    return Console(stderr=stderr, highlight=False)
