"""Tests of digitpad/gui."""
