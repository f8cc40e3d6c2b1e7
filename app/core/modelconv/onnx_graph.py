"""The ONNX graph of a MiniFASNet state dict: BatchNorm folded in, the head as one Gemm."""

from __future__ import annotations

import logging

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from app.core.errors import ModelError
from app.core.modelconv.model_info import METADATA_KIND, NUM_CLASSES, REAL_CLASS, MiniFASNetInfo
from app.core.modelconv.pth import strip_data_parallel
from app.core.modelconv.topology import BN_EPS, Array, Backend, StateDict, fold, walk

log = logging.getLogger(__name__)

CONVERTER_VERSION = "1"
OPSET = 17


class _OnnxBackend(Backend[str]):
    def __init__(self, sd: StateDict) -> None:
        self.sd = sd
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._count = 0

    def _name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def _const(self, name: str, value: Array) -> str:
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), name))
        return name

    def conv_block(self, prefix: str, x: str, groups: int, stride: int, pad: int, prelu: bool) -> str:
        weight = self.sd.get(f"{prefix}.conv.weight", 4)
        folded_w, folded_b = fold(weight, self.sd.bn(f"{prefix}.bn", weight.shape[0]))
        w = self._const(f"{prefix}.w", folded_w)
        b = self._const(f"{prefix}.b", folded_b)
        out = self._name(prefix)
        kh, kw = weight.shape[2:]
        self.nodes.append(
            helper.make_node(
                "Conv",
                [x, w, b],
                [out],
                name=f"{prefix}.conv",
                group=groups,
                kernel_shape=[kh, kw],
                strides=[stride, stride],
                pads=[pad, pad, pad, pad],
            )
        )
        if not prelu:
            return out
        slope = self.sd.get(f"{prefix}.prelu.weight", 1)
        if slope.shape != (weight.shape[0],):
            raise ModelError(f"not a MiniFASNet state dict: {prefix}.prelu does not match its conv")
        s = self._const(f"{prefix}.prelu", slope.reshape(-1, 1, 1))
        act = self._name(f"{prefix}.prelu")
        self.nodes.append(helper.make_node("PRelu", [out, s], [act], name=f"{prefix}.prelu"))
        return act

    def se(self, prefix: str, x: str) -> str:
        pooled = self._name(f"{prefix}.pool")
        self.nodes.append(helper.make_node("GlobalAveragePool", [x], [pooled], name=f"{prefix}.pool"))
        current = pooled
        for fc, bn, act in (("fc1", "bn1", "Relu"), ("fc2", "bn2", "Sigmoid")):
            weight = self.sd.get(f"{prefix}.{fc}.weight", 4)
            folded_w, folded_b = fold(weight, self.sd.bn(f"{prefix}.{bn}", weight.shape[0]))
            w = self._const(f"{prefix}.{fc}.w", folded_w)
            b = self._const(f"{prefix}.{fc}.b", folded_b)
            conv = self._name(f"{prefix}.{fc}")
            self.nodes.append(helper.make_node("Conv", [current, w, b], [conv], name=f"{prefix}.{fc}"))
            current = self._name(f"{prefix}.{act.lower()}")
            self.nodes.append(helper.make_node(act, [conv], [current], name=f"{prefix}.{act.lower()}"))
        out = self._name(f"{prefix}.scale")
        self.nodes.append(helper.make_node("Mul", [x, current], [out], name=f"{prefix}.scale"))
        return out

    def add(self, a: str, b: str) -> str:
        out = self._name("residual")
        self.nodes.append(helper.make_node("Add", [a, b], [out], name=out))
        return out

    def head(self, x: str, use_linear: bool) -> str:
        flat = self._name("flatten")
        self.nodes.append(helper.make_node("Flatten", [x], [flat], name="flatten", axis=1))
        weight, bias = _head_matrix(self.sd, use_linear)
        w = self._const("head.w", weight)
        b = self._const("head.b", bias)
        self.nodes.append(helper.make_node("Gemm", [flat, w, b], ["logits"], name="head", transB=1))
        self.nodes.append(helper.make_node("Softmax", ["logits"], ["probs"], name="softmax", axis=1))
        return "probs"


def _head_matrix(sd: StateDict, use_linear: bool) -> tuple[Array, Array]:
    """linear -> BatchNorm1d -> (dropout: identity at inference) -> prob, folded into one affine map."""
    prob = sd.get("prob.weight", 2)
    if prob.shape[0] != NUM_CLASSES:
        raise ModelError(f"not a 3-class MiniFASNet: the output layer has {prob.shape[0]} classes")
    embedding = prob.shape[1]
    gamma, beta, mean, var = sd.bn("bn", embedding)
    scale = gamma / np.sqrt(var + BN_EPS)
    if use_linear:
        linear = sd.get("linear.weight", 2)
        if linear.shape[0] != embedding:
            raise ModelError("not a MiniFASNet state dict: linear and prob layers do not match")
        first = linear * scale[:, None]
    else:
        first = np.diag(scale)
    shift = beta - mean * scale
    return prob @ first, prob @ shift


# --------------------------------------------------------------------------------------------- numpy


def _architecture(sd: StateDict, from_name: str | None) -> str:
    se = any(".se_module." in k for k in sd.tensors)
    width = sd.tensors.get("conv_3.model.1.conv.conv.weight")
    family = {26: "MiniFASNetV1", 13: "MiniFASNetV2"}.get(int(width.shape[0]) if width is not None else -1)
    if family is None:
        family = (from_name or "MiniFASNet").removesuffix("SE").removesuffix("se")
    arch = family + ("SE" if se else "")
    if from_name and from_name.lower() != arch.lower():
        log.warning("file name says %s but the weights are %s; using the weights", from_name, arch)
    return arch


def build_onnx(
    tensors: dict[str, Array], info_hint: tuple[float | None, int, int, str | None]
) -> tuple[onnx.ModelProto, MiniFASNetInfo]:
    """The ONNX graph of a state dict. info_hint: (crop scale, height, width, architecture or None)."""
    sd = StateDict(strip_data_parallel(tensors))
    scale, height, width, arch_name = info_hint
    backend = _OnnxBackend(sd)
    walk(sd, backend, "input")
    unused = sorted(k for k in sd.tensors if k not in sd.used)
    if unused:
        raise ModelError(f"not a MiniFASNet state dict: unexpected tensors {', '.join(unused[:5])}")
    kernel = sd.tensors["conv_6_dw.conv.weight"].shape[2:]
    expected = ((height + 15) // 16, (width + 15) // 16)
    if tuple(kernel) != expected:
        raise ModelError(
            f"the weights expect an input of about {kernel[0] * 16}x{kernel[1] * 16} px, not {height}x{width}"
        )
    info = MiniFASNetInfo(_architecture(sd, arch_name), scale, height, width)
    graph = helper.make_graph(
        backend.nodes,
        info.model_name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, height, width])],
        [
            helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", NUM_CLASSES]),
            helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["N", NUM_CLASSES]),
        ],
        backend.initializers,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="faceattend.antispoof_convert",
        producer_version=CONVERTER_VERSION,
        doc_string=f"{info.architecture} passive anti-spoofing (Silent-Face-Anti-Spoofing, Apache-2.0)",
    )
    model.ir_version = 8
    helper.set_model_props(
        model,
        {
            "kind": METADATA_KIND,
            "architecture": info.architecture,
            "crop_scale": "org" if scale is None else repr(scale),
            "input_height": str(height),
            "input_width": str(width),
            "channel_order": "BGR",
            "value_range": "0-255",
            "real_class": str(REAL_CLASS),
        },
    )
    onnx.checker.check_model(model, full_check=True)
    return model, info
