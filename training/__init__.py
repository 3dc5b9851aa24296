"""Recipes that rebuild the checkpoints shipped in assets/models."""
