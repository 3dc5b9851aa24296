"""Widgets the views are made of: the canvas, the answer and its bars, charts, maps, the epoch slider."""
