"""The optimizer and the learning-rate schedule a TrainConfig asks for."""

from __future__ import annotations

import warnings

import torch
from torch import nn

from digitpad.engine.spec.config import TrainConfig

Scheduler = torch.optim.lr_scheduler.LRScheduler


def make_optimizer(model: nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    """The optimizer of the model's trainable parameters (a fixed first convolution has none to give)."""
    params = [p for p in model.parameters() if p.requires_grad]
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            params, lr=config.lr, momentum=config.momentum, nesterov=config.nesterov,
            weight_decay=config.weight_decay, foreach=True,
        )  # fmt: skip
    optimizer_class = torch.optim.Adam if config.optimizer == "adam" else torch.optim.AdamW
    return optimizer_class(
        params, lr=config.lr, betas=(config.momentum, config.beta2), weight_decay=config.weight_decay, foreach=True
    )


def make_scheduler(optimizer: torch.optim.Optimizer, config: TrainConfig, total_steps: int) -> Scheduler | None:
    """A per-batch schedule (stepped after every optimizer step), or None."""
    if config.schedule == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=config.lr, total_steps=total_steps, cycle_momentum=config.cycle_momentum
        )
    if config.schedule == "step":
        milestones = [total_steps // 2, total_steps * 3 // 4]
        return torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=milestones, gamma=0.1)
    return None


def fast_forward(scheduler: Scheduler | None, steps: int) -> None:
    """Move a resumed run's schedule to where the interrupted run left it (it is a function of the step)."""
    if scheduler is None or steps == 0:
        return
    with warnings.catch_warnings():  # stepping a schedule before the optimizer is the point here
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(steps):
            scheduler.step()
