"""Tests of the command line (digitpad/cli) and the desktop entry it installs."""
