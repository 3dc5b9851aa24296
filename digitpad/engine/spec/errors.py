"""User-facing errors: each carries one line that says what was wrong and, where it helps, what to do."""


class DigitpadError(Exception):
    """Base class of every error a user may see; its message is one complete line."""


class ConfigError(DigitpadError, ValueError):
    """A hyperparameter or option that cannot be used."""


class DatasetError(DigitpadError):
    """A dataset file or folder that cannot be read."""


class CheckpointError(DigitpadError):
    """A model file that cannot be used."""


class ImageError(DigitpadError):
    """An image file that cannot be read."""


class DeviceError(DigitpadError):
    """A compute device that is not available here."""
