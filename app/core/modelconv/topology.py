"""The MiniFASNet topology, walked once for every backend (ONNX emitter, numpy reference).

The walker reads tensor names and shapes from the state dict and checks that channels chain.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

from app.core.errors import ModelError

BN_EPS = 1e-5  # torch BatchNorm default; upstream does not change it
STAGES = ("conv_3", "conv_4", "conv_5")  # residual stages, each preceded by a stride-2 Depth_Wise block
DOWNSAMPLERS = ("conv_23", "conv_34", "conv_45")

Array = npt.NDArray[Any]
T = TypeVar("T")


class Backend(Generic[T]):
    """What the topology walker needs; T is the backend's value (an ONNX tensor name or an array)."""

    def conv_block(self, prefix: str, x: T, groups: int, stride: int, pad: int, prelu: bool) -> T:
        raise NotImplementedError

    def se(self, prefix: str, x: T) -> T:
        raise NotImplementedError

    def add(self, a: T, b: T) -> T:
        raise NotImplementedError

    def head(self, x: T, use_linear: bool) -> T:
        raise NotImplementedError


class StateDict:
    """Typed access to the tensors with clear errors; remembers which keys the walker used."""

    def __init__(self, tensors: dict[str, Array]) -> None:
        self.tensors = tensors
        self.used: set[str] = set()

    def get(self, key: str, ndim: int | None = None) -> Array:
        value = self.tensors.get(key)
        if value is None:
            raise ModelError(f"not a MiniFASNet state dict: tensor '{key}' is missing")
        if ndim is not None and value.ndim != ndim:
            raise ModelError(f"not a MiniFASNet state dict: '{key}' has shape {value.shape}")
        if not np.issubdtype(value.dtype, np.floating):
            raise ModelError(f"not a MiniFASNet state dict: '{key}' is {value.dtype}, not floating point")
        self.used.add(key)
        return value.astype(np.float64)

    def has(self, key: str) -> bool:
        return key in self.tensors

    def block_count(self, stage: str) -> int:
        count = 0
        while self.has(f"{stage}.model.{count}.conv.conv.weight"):
            count += 1
        return count

    def bn(self, prefix: str, channels: int) -> tuple[Array, Array, Array, Array]:
        parts = tuple(self.get(f"{prefix}.{n}", 1) for n in ("weight", "bias", "running_mean", "running_var"))
        for part in parts:
            if part.shape != (channels,):
                raise ModelError(f"not a MiniFASNet state dict: BatchNorm {prefix} does not match its layer")
        self.used.add(f"{prefix}.num_batches_tracked")
        return parts[0], parts[1], parts[2], parts[3]


def walk(sd: StateDict, backend: Backend[T], x: T) -> T:
    """The MiniFASNet forward pass, expressed once for every backend. Checks channel chaining."""
    channels = 3

    def block(prefix: str, value: T, stride: int, pad: int, prelu: bool, depthwise: bool) -> T:
        nonlocal channels
        weight = sd.get(f"{prefix}.conv.weight", 4)
        per_group = weight.shape[1]
        groups = channels if depthwise else 1
        if channels % groups or channels // groups != per_group:
            raise ModelError(
                f"not a MiniFASNet state dict: {prefix} expects {per_group * groups} input channels, "
                f"the previous layer gives {channels}"
            )
        if depthwise and weight.shape[0] != channels:
            raise ModelError(f"not a MiniFASNet state dict: {prefix} is not a depthwise conv")
        out = backend.conv_block(prefix, value, groups, stride, pad, prelu)
        channels = weight.shape[0]
        return out

    def depth_wise(prefix: str, value: T, stride: int, residual: bool) -> T:
        nonlocal channels
        c_in = channels
        y = block(f"{prefix}.conv", value, 1, 0, True, False)
        y = block(f"{prefix}.conv_dw", y, stride, 1, True, True)
        y = block(f"{prefix}.project", y, 1, 0, False, False)
        if residual:
            if channels != c_in:
                raise ModelError(f"not a MiniFASNet state dict: residual block {prefix} changes channels")
            if sd.has(f"{prefix}.se_module.fc1.weight"):
                y = backend.se(f"{prefix}.se_module", y)
            y = backend.add(value, y)
        return y

    x = block("conv1", x, 2, 1, True, False)
    x = block("conv2_dw", x, 1, 1, True, True)
    for down, stage in zip(DOWNSAMPLERS, STAGES, strict=True):
        x = depth_wise(down, x, 2, False)
        blocks = sd.block_count(stage)
        if blocks == 0:
            raise ModelError(f"not a MiniFASNet state dict: stage {stage} has no blocks")
        for i in range(blocks):
            x = depth_wise(f"{stage}.model.{i}", x, 1, True)
    x = block("conv_6_sep", x, 1, 0, True, False)
    x = block("conv_6_dw", x, 1, 0, False, True)
    linear = sd.get("linear.weight", 2)
    if linear.shape[1] != channels:
        raise ModelError("not a MiniFASNet state dict: linear layer does not match conv_6")
    return backend.head(x, use_linear=linear.shape[0] != 512)


def fold(weight: Array, bn: tuple[Array, Array, Array, Array]) -> tuple[Array, Array]:
    gamma, beta, mean, var = bn
    scale = gamma / np.sqrt(var + BN_EPS)
    folded = weight * scale.reshape((-1,) + (1,) * (weight.ndim - 1))
    return folded, beta - mean * scale
