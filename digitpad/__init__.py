"""digitpad: handwritten-digit recognition with LeNet-family CNNs, as a desktop app and a command line."""

__version__ = "0.1.0"
