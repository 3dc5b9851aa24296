"""The machine: compute devices, how a CPU run uses the cores, memory, and atomic file writes."""
