"""Looking inside a model: every layer for one image (inspection) and why it answers so (explanation)."""
