"""What the window is built on: its language, its settings file, background jobs, and garbage collection."""
