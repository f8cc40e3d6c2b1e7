"""Torch's side of tests/test_antispoof_convert.py, run in a child process so that the test process (which
goes on to run Qt, MediaPipe and ONNX Runtime for the rest of the suite) never loads torch's native runtime:

    python -m tests.torch_reference reference PTH BATCH.npy OUT.npz ZIPPED.pth
        the state dict's tensors ("tensor:<key>"), MiniFASNet's logits and probabilities for the batch
        ("logits", "probs"), and a zip-format torch.save copy of the state dict at ZIPPED.pth
    python -m tests.torch_reference linear OUT.pth
        a plain torch.save of nn.Linear(4, 2)'s state dict
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np


def _torch_reference(state_dict: dict[str, Any]) -> Any:
    """MiniFASNet written for this test from the published architecture (test-only; needs torch)."""
    import torch
    from torch import nn

    def shape(key: str) -> tuple[int, ...]:
        return tuple(state_dict[key].shape)

    class ConvBlock(nn.Module):
        def __init__(self, prefix: str, stride: int, pad: int, depthwise: bool, act: bool) -> None:
            super().__init__()
            out_c, in_per_group, k, _ = shape(f"{prefix}.conv.weight")
            groups = out_c if depthwise else 1
            self.conv = nn.Conv2d(in_per_group * groups, out_c, k, stride, pad, groups=groups, bias=False)
            self.bn = nn.BatchNorm2d(out_c)
            self.prelu = nn.PReLU(out_c) if act else None

        def forward(self, x: Any) -> Any:
            x = self.bn(self.conv(x))
            return self.prelu(x) if self.prelu is not None else x

    class SqueezeExcite(nn.Module):
        def __init__(self, prefix: str) -> None:
            super().__init__()
            hidden, channels = shape(f"{prefix}.fc1.weight")[:2]
            self.fc1 = nn.Conv2d(channels, hidden, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(hidden)
            self.fc2 = nn.Conv2d(hidden, channels, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(channels)

        def forward(self, x: Any) -> Any:
            g = torch.relu(self.bn1(self.fc1(x.mean(dim=(2, 3), keepdim=True))))
            return x * torch.sigmoid(self.bn2(self.fc2(g)))

    class InvertedResidual(nn.Module):
        def __init__(self, prefix: str, stride: int, residual: bool) -> None:
            super().__init__()
            self.conv = ConvBlock(f"{prefix}.conv", 1, 0, False, True)
            self.conv_dw = ConvBlock(f"{prefix}.conv_dw", stride, 1, True, True)
            self.project = ConvBlock(f"{prefix}.project", 1, 0, False, False)
            self.residual = residual
            has_se = f"{prefix}.se_module.fc1.weight" in state_dict
            self.se_module = SqueezeExcite(f"{prefix}.se_module") if has_se else None

        def forward(self, x: Any) -> Any:
            y = self.project(self.conv_dw(self.conv(x)))
            if not self.residual:
                return y
            if self.se_module is not None:
                y = self.se_module(y)
            return x + y

    class Stage(nn.Module):
        def __init__(self, prefix: str) -> None:
            super().__init__()
            count = len({k.split(".")[2] for k in state_dict if k.startswith(f"{prefix}.model.")})
            self.model = nn.Sequential(
                *(InvertedResidual(f"{prefix}.model.{i}", 1, True) for i in range(count))
            )

        def forward(self, x: Any) -> Any:
            return self.model(x)

    class MiniFASNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = ConvBlock("conv1", 2, 1, False, True)
            self.conv2_dw = ConvBlock("conv2_dw", 1, 1, True, True)
            self.conv_23 = InvertedResidual("conv_23", 2, False)
            self.conv_3 = Stage("conv_3")
            self.conv_34 = InvertedResidual("conv_34", 2, False)
            self.conv_4 = Stage("conv_4")
            self.conv_45 = InvertedResidual("conv_45", 2, False)
            self.conv_5 = Stage("conv_5")
            self.conv_6_sep = ConvBlock("conv_6_sep", 1, 0, False, True)
            self.conv_6_dw = ConvBlock("conv_6_dw", 1, 0, True, False)
            embedding, flat = shape("linear.weight")
            self.linear = nn.Linear(flat, embedding, bias=False)
            self.bn = nn.BatchNorm1d(embedding)
            self.drop = nn.Dropout(0.5)
            self.prob = nn.Linear(embedding, shape("prob.weight")[0], bias=False)

        def forward(self, x: Any) -> Any:
            for stage in (self.conv1, self.conv2_dw, self.conv_23, self.conv_3, self.conv_34, self.conv_4):
                x = stage(x)
            for stage in (self.conv_45, self.conv_5, self.conv_6_sep, self.conv_6_dw):
                x = stage(x)
            return self.prob(self.drop(self.bn(self.linear(x.flatten(1)))))

    net = MiniFASNet()
    net.load_state_dict(state_dict, strict=True)  # every key and shape must match
    return net.eval()


def reference(pth: str, batch_path: str, out: str, zipped: str) -> None:
    import torch

    torch.set_num_threads(1)
    loaded = torch.load(pth, map_location="cpu", weights_only=True)
    net = _torch_reference({k.removeprefix("module."): v for k, v in loaded.items()})
    batch = np.load(batch_path)
    with torch.no_grad():
        logits = net(torch.from_numpy(batch)).numpy()
    probs = torch.softmax(torch.from_numpy(logits), dim=1).numpy()
    tensors = {f"tensor:{key}": value.numpy() for key, value in loaded.items()}
    np.savez(out, logits=logits, probs=probs, **tensors)
    torch.save(loaded, zipped)


def linear(out: str) -> None:
    import torch

    torch.save(torch.nn.Linear(4, 2).state_dict(), out)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"reference": reference, "linear": linear}[command](*args)
