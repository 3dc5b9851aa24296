"""The desktop app (PySide6): it shows what the engine computes and never computes anything the CLI cannot."""
