"""A batch split across CPU threads must train exactly as the whole batch would, and only where that holds."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from digitpad.engine.models.zoo import build_model
from digitpad.engine.system.cpu_workers import CpuWorkers, splittable
from digitpad.engine.training.loop import trainable_model

CPU = torch.device("cpu")


def gradients(model) -> list[torch.Tensor]:
    return [p.grad.clone() for p in model.parameters()]


def test_split_batch_gives_the_whole_batch_gradient_and_the_same_one_every_time():
    torch.manual_seed(0)
    model = trainable_model("lenet5", CPU)
    images, labels = torch.randn(67, 1, 28, 28), torch.randint(0, 10, (67,))  # 67: parts of unequal size
    loss = F.cross_entropy(model(images), labels)
    loss.backward()
    whole = gradients(model)
    with CpuWorkers(model, CPU) as workers:
        workers.use(3, split=True)
        runs = []
        for _ in range(2):
            model.zero_grad(set_to_none=True)
            split_loss, logits = workers.loss_and_gradients(images, labels)
            runs.append(gradients(model))
    assert torch.allclose(split_loss, loss, atol=1e-6) and logits.shape == (67, 10)
    for whole_grad, first, second in zip(whole, *runs, strict=True):
        assert torch.allclose(first, whole_grad, atol=1e-6, rtol=1e-4)
        assert torch.equal(first, second)


def test_models_whose_samples_share_state_are_never_split():
    assert splittable(build_model("cnn-small")) and splittable(build_model("lenet5-1998"))
    assert not splittable(build_model("cnn-bn"))  # batch norm: statistics of the batch it sees
    assert not splittable(build_model("lenet-wide"))  # batch norm and dropout
