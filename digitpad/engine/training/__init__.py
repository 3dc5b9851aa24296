"""A training run: its one entry (run.py), its loop, what it keeps, its events, and the speed figures."""
