"""Tests of digitpad/engine."""
