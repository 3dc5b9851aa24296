"""Look inside a model: every layer's output for one image, the layer table, and one output's arithmetic.

The layers are the model's leaf modules in the order its forward pass calls them (a module called twice, like
LeNet-5 (1998)'s squashing function, is two layers), read with forward hooks from the real model, so the
table's shapes, parameters and multiply-adds are the model's own, never written by hand. The Inside view and
`digitpad inspect` both show what this module returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor, nn

from digitpad.engine.models.first_layer import first_convolution
from digitpad.engine.models.layers import C3_TABLE, EuclideanRBF, PartialConv, TrainableSubsampling
from digitpad.engine.store.checkpoints import Checkpoint

SPATIAL = (nn.Conv2d, PartialConv, nn.MaxPool2d, nn.AvgPool2d, TrainableSubsampling)
SHORT_NAMES: dict[type, str] = {
    nn.Conv2d: "conv", nn.Linear: "fc", nn.MaxPool2d: "pool", nn.AvgPool2d: "pool", nn.BatchNorm2d: "bn",
    nn.BatchNorm1d: "bn", nn.ReLU: "relu", nn.LeakyReLU: "leaky_relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid",
    nn.Flatten: "flatten", nn.Dropout: "dropout",
}  # fmt: skip


@dataclass(frozen=True)
class Layer:
    index: int
    name: str  # the module's name in the model; "#2" and on for a module called again
    kind: str  # the module's class, e.g. Conv2d
    input_shape: tuple[int, ...]  # one image's: (C, H, W) or (N,)
    output_shape: tuple[int, ...]
    params: int  # counted at a module's first call only, so the column adds up to the model's total
    macs: int  # multiply-adds for one image
    geometry: tuple[int, int, int] | None  # (kernel, stride, padding) of a layer that slides a window
    trained: bool = True  # False for a first convolution the run kept fixed (first_conv edges)

    @property
    def spatial(self) -> bool:
        return len(self.output_shape) == 3

    def describe(self) -> str:
        """What the layer's output is, in words: "conv1: 6 feature maps, 28x28"."""
        if self.spatial:
            channels, height, width = self.output_shape
            return f"{self.name} ({self.kind}): {channels} feature map{'s' if channels != 1 else ''}, {height}x{width}"
        return f"{self.name} ({self.kind}): {self.output_shape[0]} values"


@dataclass
class Inspection:
    """One image through the model: what every layer read and gave."""

    layers: list[Layer]
    inputs: list[np.ndarray]  # float32, one image's, per layer
    outputs: list[np.ndarray]
    probabilities: np.ndarray  # (10,)
    model_input: np.ndarray  # the (28, 28) image, ink = 1

    def statistics(self, index: int) -> dict[str, float]:
        values = self.outputs[index]
        return {"min": float(values.min()), "max": float(values.max()), "mean": float(values.mean())}


@dataclass(frozen=True)
class Arithmetic:
    """How one output of a convolution came about, with the real numbers."""

    layer: int
    channel: int
    y: int
    x: int
    inputs: tuple[int, ...]  # the input channels this output reads (C3: only those its table lists)
    patch: np.ndarray  # (len(inputs), k, k) of the layer's input (zeros where padding lies)
    kernel: np.ndarray  # (len(inputs), k, k)
    bias: float
    total: float  # sum of patch * kernel, plus the bias: the layer's output there
    output: float  # what the model computed there (equal to `total` up to float rounding)
    then: list[tuple[str, float]] = field(default_factory=list)  # the next layers at that place: (what, value)
    receptive_field: tuple[int, int, int, int] = (0, 0, 0, 0)  # (top, left, bottom, right) in the 28x28 input
    previous_field: tuple[int, int, int, int] = (0, 0, 0, 0)  # the same in the layer's input


class Inspector:
    """A checkpoint's model with hooks on every leaf module: run an image, read every layer."""

    def __init__(self, checkpoint: Checkpoint) -> None:
        self.checkpoint = checkpoint
        self.model = checkpoint.build().eval()
        # the layer a first_conv edges run never trained (found once, not per drawing)
        self._fixed = first_convolution(self.model) if checkpoint.config.first_conv == "edges" else None
        self._names = {module: name for name, module in self.model.named_modules() if not list(module.children())}
        self._calls: list[tuple[nn.Module, Tensor, Tensor]] = []
        for module in self._names:
            module.register_forward_hook(self._record)
        self.layers = self.run(np.zeros((28, 28), np.float32)).layers

    def _record(self, module: nn.Module, args: tuple, output: Tensor) -> None:
        self._calls.append((module, args[0].detach(), output.detach()))

    def run(self, model_input: np.ndarray) -> Inspection:
        """Every layer's output for a preprocessed (28, 28) image in [0, 1], ink = 1."""
        self._calls.clear()
        self._by_layer: dict[int, nn.Module] = {}
        with torch.inference_mode():
            logits = self.model(self.checkpoint.model_batch(np.asarray(model_input, np.float32)))
        layers, inputs, outputs = [], [], []
        seen: dict[nn.Module, int] = {}  # module -> the calls so far (a module called twice is two layers)
        kinds: dict[str, int] = {}  # short kind name -> how many modules of it so far (conv1, conv2, ...)
        for index, (module, given, made) in enumerate(self._calls):
            calls = seen.get(module, 0) + 1
            seen[module] = calls
            short = SHORT_NAMES.get(type(module), type(module).__name__.lower())
            if calls == 1:
                kinds[short] = kinds.get(short, 0) + 1
            name = self._display_name(module, short, kinds[short]) + (f"#{calls}" if calls > 1 else "")
            params = sum(p.numel() for p in module.parameters()) if calls == 1 else 0
            shape_in, shape_out = tuple(given.shape[1:]), tuple(made.shape[1:])
            layers.append(Layer(index, name, type(module).__name__, shape_in, shape_out, params,
                                multiply_adds(module, shape_in, shape_out), geometry(module),
                                trained=module is not self._fixed))  # fmt: skip
            self._by_layer[index] = module
            inputs.append(given[0].float().numpy())
            outputs.append(made[0].float().numpy())
        probabilities = torch.softmax(logits, 1)[0].numpy()
        return Inspection(layers, inputs, outputs, probabilities, np.asarray(model_input, np.float32))

    # --- filters ---------------------------------------------------------------------------------------------
    def kernels(self, layer: Layer) -> np.ndarray | None:
        """A convolution's kernels (out, in, k, k); a partial convolution's unconnected ones are zero."""
        module = self._module(layer)
        if isinstance(module, nn.Conv2d):
            return module.weight.detach().numpy()
        if isinstance(module, PartialConv):
            return self._full_partial_weight(module).numpy()
        return None

    def connection_table(self, layer: Layer) -> np.ndarray | None:
        """(out, in) booleans: which input maps each output map reads (LeNet-5 (1998)'s C3), else None."""
        if not isinstance(self._module(layer), PartialConv):
            return None
        table = np.zeros((len(C3_TABLE), max(max(row) for row in C3_TABLE) + 1), bool)
        for out, inputs in enumerate(C3_TABLE):
            table[out, list(inputs)] = True
        return table

    def subsampling(self, layer: Layer) -> tuple[np.ndarray, np.ndarray] | None:
        """The trainable coefficient and bias of each map of a subsampling layer (LeNet-5 (1998)'s S2, S4)."""
        module = self._module(layer)
        if not isinstance(module, TrainableSubsampling):
            return None
        return module.coefficient.detach().numpy(), module.bias.detach().numpy()

    def rbf_distances(self, inspection: Inspection) -> np.ndarray | None:
        """LeNet-5 (1998)'s output: each digit's squared distance of F6 to its code (smaller = more likely)."""
        for layer in inspection.layers:
            module = self._module(layer)
            if isinstance(module, EuclideanRBF):
                features = inspection.inputs[layer.index]
                return ((features[None, :] - module.centres.numpy()) ** 2).sum(1)
        return None

    def _display_name(self, module: nn.Module, short: str, number: int) -> str:
        """The attribute's name where the model gives one (LeNet-5 (1998)'s c1, s2 ...), else conv1, fc2 ..."""
        last = self._names[module].split(".")[-1]
        if not last.isdigit():
            return last
        return short if short == "flatten" else f"{short}{number}"

    def _module(self, layer: Layer) -> nn.Module:
        return self._by_layer[layer.index]

    @staticmethod
    def _full_partial_weight(module: PartialConv) -> Tensor:
        full = module.weight.new_zeros(module.out_channels * module.in_channels, module.kernel, module.kernel)
        full = full.index_copy(0, module.flat_index, module.weight.detach())
        return full.view(module.out_channels, module.in_channels, module.kernel, module.kernel)

    # --- one output, explained ---------------------------------------------------------------------------------
    def arithmetic(self, inspection: Inspection, index: int, channel: int, y: int, x: int) -> Arithmetic | None:
        """The computation behind output (channel, y, x) of convolution layer `index`, or None for other layers."""
        layer = inspection.layers[index]
        module = self._module(layer)
        weights = self.kernels(layer)
        if weights is None or layer.geometry is None:
            return None
        kernel_size, stride, padding = layer.geometry
        given = np.pad(inspection.inputs[index], ((0, 0), (padding, padding), (padding, padding)))
        top, left = y * stride, x * stride
        used = tuple(int(i) for i in np.flatnonzero(np.abs(weights[channel]).sum((1, 2)) > 0)) \
            if isinstance(module, PartialConv) else tuple(range(weights.shape[1]))  # fmt: skip
        patch = given[list(used), top : top + kernel_size, left : left + kernel_size]
        kernel = weights[channel][list(used)]
        bias_tensor = module.bias if isinstance(module.bias, torch.Tensor) else None
        bias = float(bias_tensor.detach()[channel]) if bias_tensor is not None else 0.0
        total = float((patch.astype(np.float64) * kernel).sum() + bias)
        return Arithmetic(
            layer=index, channel=channel, y=y, x=x, inputs=used, patch=patch, kernel=kernel, bias=bias, total=total,
            output=float(inspection.outputs[index][channel, y, x]),
            then=self._what_follows(inspection, index, channel, y, x),
            receptive_field=receptive_field(inspection.layers, index, y, x),
            previous_field=(top - padding, left - padding, top - padding + kernel_size - 1,
                            left - padding + kernel_size - 1),
        )  # fmt: skip

    def _what_follows(
        self, inspection: Inspection, index: int, channel: int, y: int, x: int
    ) -> list[tuple[str, float]]:
        """The value at the same place through the element-wise and pooling layers after a convolution."""
        steps = []
        for layer in inspection.layers[index + 1 :]:
            if not layer.spatial or layer.kind in ("Conv2d", "PartialConv"):
                break
            if layer.geometry is not None:  # a pooling window: this output is part of the one at (y, x) / stride
                _kernel, stride, _padding = layer.geometry
                y, x = y // stride, x // stride
                if y >= layer.output_shape[1] or x >= layer.output_shape[2]:
                    break
            steps.append(
                (f"{layer.name} ({layer.kind}) at ({y}, {x})", float(inspection.outputs[layer.index][channel, y, x]))
            )
        return steps


def multiply_adds(module: nn.Module, shape_in: tuple[int, ...], shape_out: tuple[int, ...]) -> int:
    """Multiply-adds one image costs in `module` (comparisons and plain additions are not counted)."""
    outputs = int(np.prod(shape_out))
    if isinstance(module, nn.Conv2d):
        return outputs * (module.in_channels // module.groups) * module.kernel_size[0] * module.kernel_size[1]
    if isinstance(module, PartialConv):  # only the kernels the connection table lists
        return shape_out[1] * shape_out[2] * len(module.flat_index) * module.kernel * module.kernel
    if isinstance(module, nn.Linear):
        return module.in_features * module.out_features
    if isinstance(module, TrainableSubsampling | nn.BatchNorm2d | nn.BatchNorm1d):
        return outputs  # one multiply (and add) per output
    if isinstance(module, EuclideanRBF):
        return module.centres.numel()
    return 0


def geometry(module: nn.Module) -> tuple[int, int, int] | None:
    """(kernel, stride, padding) of a module that slides a square window, else None."""
    if isinstance(module, nn.Conv2d):
        padding = module.padding[0] if isinstance(module.padding, tuple) else 0  # the zoo pads by numbers only
        return module.kernel_size[0], module.stride[0], padding
    if isinstance(module, PartialConv):
        return module.kernel, 1, 0
    if isinstance(module, nn.MaxPool2d | nn.AvgPool2d):
        size = module.kernel_size if isinstance(module.kernel_size, int) else module.kernel_size[0]
        stride = module.stride if isinstance(module.stride, int) else module.stride[0]
        return size, stride, module.padding if isinstance(module.padding, int) else module.padding[0]
    if isinstance(module, TrainableSubsampling):
        return 2, 2, 0
    return None


def receptive_field(layers: list[Layer], index: int, y: int, x: int) -> tuple[int, int, int, int]:
    """The (top, left, bottom, right) pixels of the 28x28 input that output (y, x) of layer `index` depends on."""
    top, left, bottom, right = y, x, y, x
    for layer in reversed(layers[: index + 1]):
        if layer.geometry is None:
            continue
        kernel, stride, padding = layer.geometry
        top, left = top * stride - padding, left * stride - padding
        bottom, right = bottom * stride - padding + kernel - 1, right * stride - padding + kernel - 1
    offset = (layers[0].input_shape[-1] - 28) // 2  # LeNet-5 (1998) pads 28x28 to 32x32 before its first layer
    return tuple(min(max(v - offset, 0), 27) for v in (top, left, bottom, right))  # type: ignore[return-value]
