"""Choosing the compute device (cuda, then mps, then cpu) and how many CPU threads torch may use."""

from __future__ import annotations

import os

import torch
from torch import nn

from digitpad.engine.spec.errors import DeviceError
from digitpad.engine.spec.translatable import QT_TRANSLATE_NOOP


def cpu_count() -> int:
    """Cores this process may run on (respects affinity masks and containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def device_availability() -> dict[str, str | None]:
    """Each device name -> None when usable here, else the reason it is not (shown as a tooltip, translated)."""
    cuda = (
        None
        if torch.cuda.is_available()
        else QT_TRANSLATE_NOOP("device", "no CUDA GPU found (or this torch build has no CUDA)")
    )
    mps_backend = getattr(torch.backends, "mps", None)
    mps_ok = bool(mps_backend and mps_backend.is_available())
    mps = (
        None
        if mps_ok
        else QT_TRANSLATE_NOOP("device", "Apple-silicon GPU (MPS) is only available on macOS with Apple silicon")
    )
    return {"auto": None, "cpu": None, "cuda": cuda, "mps": mps}


def resolve_device(name: str) -> torch.device:
    """auto -> cuda, then mps, then cpu; an explicit device that is not here raises DeviceError."""
    available = device_availability()
    if name == "auto":
        for candidate in ("cuda", "mps"):
            if available[candidate] is None:
                return torch.device(candidate)
        return torch.device("cpu")
    if name not in available:
        raise DeviceError(f"unknown device {name!r}: use one of {', '.join(available)}")
    if available[name] is not None:
        raise DeviceError(f"device {name!r} is not available: {available[name]}; use --device cpu or auto")
    return torch.device(name)


def set_cpu_threads(threads: int | None) -> int:
    """Give torch `threads` CPU threads (None: every core) and return the number set."""
    wanted = threads or cpu_count()
    if torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
    return wanted


def channels_last(model: nn.Module) -> nn.Module:
    """`model` with its weights channels-last (NHWC), the layout oneDNN's CPU convolutions run fastest on."""
    return model.to(memory_format=torch.channels_last)  # type: ignore[call-overload]  # torch's stubs lack it


def describe(device: torch.device) -> str:
    """A short human name for the status bar and logs."""
    if device.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(device)})"
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return f"CPU ({cpu_count()} cores)"
