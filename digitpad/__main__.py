"""`python -m digitpad` runs the same entry point as the `digitpad` command."""

from digitpad.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
