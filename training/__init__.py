"""Recipes that rebuild the checkpoints shipped in digitpad/assets/models."""
