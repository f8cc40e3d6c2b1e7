"""Convert a MiniFASNet state dict (.pth, Silent-Face-Anti-Spoofing) into an ONNX model, without torch.

The network is written here from the tensor names and shapes of the state dict (MiniFASNet V1/V2 and the
SE variants): Conv+BatchNorm+PReLU blocks, inverted-residual "Depth_Wise" blocks (1x1 expand, 3x3 depthwise,
1x1 linear projection, optional squeeze-and-excitation on the last block of each stage), a 1x1 conv to 512,
a global depthwise conv (kernel = input/16), linear + BatchNorm1d to the embedding, linear to 3 logits.
Every BatchNorm is folded into the conv / linear before it; the two head linears become one Gemm.

One topology walker (`_walk`) drives two back ends: the ONNX emitter (folded weights) and a float64 numpy
evaluator that uses the raw, unfolded tensors. `convert_pth` runs both on fixed inputs and refuses to return
a model whose outputs disagree, so folding and graph building are checked on every import.

The ONNX model takes ``input`` float32 [N, 3, H, W]: a BGR crop, 0..255, no normalisation (as upstream
feeds it); it returns ``logits`` and ``probs`` [N, 3] (softmax; class 1 = real face). Crop scale, input size
and channel order are stored in the model's metadata_props.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
import onnx
from onnx import TensorProto, helper, numpy_helper

from app.core.antispoof_pth import load_state_dict, strip_data_parallel
from app.core.errors import ModelError

log = logging.getLogger(__name__)

CONVERTER_VERSION = "1"
BN_EPS = 1e-5  # torch BatchNorm default; upstream does not change it
OPSET = 17
NUM_CLASSES = 3
REAL_CLASS = 1
METADATA_KIND = "faceattend.antispoof.minifasnet"
STAGES = ("conv_3", "conv_4", "conv_5")  # residual stages, each preceded by a stride-2 Depth_Wise block
DOWNSAMPLERS = ("conv_23", "conv_34", "conv_45")

_UPSTREAM = "minivision-ai/Silent-Face-Anti-Spoofing@b6d5f04"
# Upstream files as distributed (MANIFEST of ../shared/models/minifasnet): provenance for the manifest entry.
KNOWN_SOURCES = {
    "a5eb02e1843f19b5386b953cc4c9f011c3f985d0ee2bb9819eea9a142099bec0": (
        f"{_UPSTREAM} resources/anti_spoof_models/2.7_80x80_MiniFASNetV2.pth"
    ),
    "84ee1d37d96894d5e82de5a57df044ef80a58be2b218b5ed7cdfd875ec2f5990": (
        f"{_UPSTREAM} resources/anti_spoof_models/4_0_0_80x80_MiniFASNetV1SE.pth"
    ),
}

Array = npt.NDArray[Any]
FloatArray = npt.NDArray[np.float32]
T = TypeVar("T")


@dataclass(frozen=True)
class MiniFASNetInfo:
    architecture: str  # "MiniFASNetV1", "MiniFASNetV2", "MiniFASNetV1SE", "MiniFASNetV2SE"
    crop_scale: float | None  # None: the whole frame is resized ("org" models)
    input_height: int
    input_width: int

    @property
    def model_name(self) -> str:
        """Logical model name for the manifest, e.g. "antispoof_minifasnet_v2"."""
        suffix = self.architecture.removeprefix("MiniFASNet").lower()
        return f"antispoof_minifasnet_{suffix}"

    @property
    def file_name(self) -> str:
        scale = "org" if self.crop_scale is None else f"{self.crop_scale:g}"
        return f"{self.model_name}_{scale}_{self.input_height}x{self.input_width}.onnx"


@dataclass
class Verification:
    max_abs_diff_probs: float  # ONNX Runtime vs the unfolded numpy reference
    max_abs_diff_logits: float
    softmax_sum_error: float
    output_shape: tuple[int, ...]


@dataclass
class ConvertedModel:
    info: MiniFASNetInfo
    onnx_bytes: bytes
    source_sha256: str
    source_file: str
    verification: Verification
    notes: list[str] = field(default_factory=list)

    @property
    def source_description(self) -> str:
        known = KNOWN_SOURCES.get(self.source_sha256)
        if known:
            return f"{known} (sha256 {self.source_sha256[:16]}…), converted by FaceAttend"
        return (
            f"user-supplied {self.source_file} (sha256 {self.source_sha256[:16]}…), converted by FaceAttend"
        )


_NAME_RE = re.compile(r"^(?P<patch>.+)_(?P<h>\d+)x(?P<w>\d+)_(?P<arch>MiniFASNet\w*)\.pth$", re.IGNORECASE)


def parse_model_file_name(name: str) -> tuple[float | None, int, int, str] | None:
    """(crop scale, height, width, architecture) from an upstream file name like 2.7_80x80_MiniFASNetV2.pth.

    As upstream: the first "_" field is the scale ("4_0_0" = scale 4, shift 0, 0); "org" means no crop.
    """
    match = _NAME_RE.match(name)
    if not match:
        return None
    first = match["patch"].split("_")[0]
    scale: float | None
    if first.lower().startswith("org"):
        scale = None
    else:
        try:
            scale = float(first)
        except ValueError:
            return None
    return scale, int(match["h"]), int(match["w"]), match["arch"]


# --------------------------------------------------------------------------------------------- topology


class _Backend(Generic[T]):
    """What the topology walker needs; T is the backend's value (an ONNX tensor name or an array)."""

    def conv_block(self, prefix: str, x: T, groups: int, stride: int, pad: int, prelu: bool) -> T:
        raise NotImplementedError

    def se(self, prefix: str, x: T) -> T:
        raise NotImplementedError

    def add(self, a: T, b: T) -> T:
        raise NotImplementedError

    def head(self, x: T, use_linear: bool) -> T:
        raise NotImplementedError


class _StateDict:
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


def _walk(sd: _StateDict, backend: _Backend[T], x: T) -> T:
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


def _fold(weight: Array, bn: tuple[Array, Array, Array, Array]) -> tuple[Array, Array]:
    gamma, beta, mean, var = bn
    scale = gamma / np.sqrt(var + BN_EPS)
    folded = weight * scale.reshape((-1,) + (1,) * (weight.ndim - 1))
    return folded, beta - mean * scale


# --------------------------------------------------------------------------------------------- ONNX


class _OnnxBackend(_Backend[str]):
    def __init__(self, sd: _StateDict) -> None:
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
        folded_w, folded_b = _fold(weight, self.sd.bn(f"{prefix}.bn", weight.shape[0]))
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
            folded_w, folded_b = _fold(weight, self.sd.bn(f"{prefix}.{bn}", weight.shape[0]))
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


def _head_matrix(sd: _StateDict, use_linear: bool) -> tuple[Array, Array]:
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


def _conv2d(x: Array, w: Array, stride: int, pad: int, groups: int) -> Array:
    """Direct float64 convolution (N, C, H, W) for the verification path."""
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    kh, kw = w.shape[2:]
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    if groups == 1:
        return np.einsum("nchwij,ocij->nohw", windows, w, optimize=True)
    if groups == x.shape[1] == w.shape[0] and w.shape[1] == 1:
        return np.einsum("nchwij,cij->nchw", windows, w[:, 0], optimize=True)
    raise ModelError("grouped convolutions other than depthwise are not supported")


class _NumpyBackend(_Backend[Array]):
    """Evaluates the raw (unfolded) state dict in float64: the converter's independent check."""

    def __init__(self, sd: _StateDict) -> None:
        self.sd = sd

    def _bn(self, prefix: str, x: Array) -> Array:
        gamma, beta, mean, var = self.sd.bn(prefix, x.shape[1])
        shape = (1, -1) + (1,) * (x.ndim - 2)
        inv = gamma.reshape(shape) / np.sqrt(var.reshape(shape) + BN_EPS)
        return (x - mean.reshape(shape)) * inv + beta.reshape(shape)

    def conv_block(self, prefix: str, x: Array, groups: int, stride: int, pad: int, prelu: bool) -> Array:
        y = self._bn(f"{prefix}.bn", _conv2d(x, self.sd.get(f"{prefix}.conv.weight", 4), stride, pad, groups))
        if prelu:
            slope = self.sd.get(f"{prefix}.prelu.weight", 1).reshape(1, -1, 1, 1)
            y = np.where(y >= 0, y, y * slope)
        return y

    def se(self, prefix: str, x: Array) -> Array:
        g = x.mean(axis=(2, 3), keepdims=True)
        g = np.maximum(
            self._bn(f"{prefix}.bn1", _conv2d(g, self.sd.get(f"{prefix}.fc1.weight", 4), 1, 0, 1)), 0
        )
        g = self._bn(f"{prefix}.bn2", _conv2d(g, self.sd.get(f"{prefix}.fc2.weight", 4), 1, 0, 1))
        return x * (1.0 / (1.0 + np.exp(-g)))

    def add(self, a: Array, b: Array) -> Array:
        return a + b

    def head(self, x: Array, use_linear: bool) -> Array:
        y = x.reshape(x.shape[0], -1)
        if use_linear:
            y = y @ self.sd.get("linear.weight", 2).T
        y = self._bn("bn", y)
        return y @ self.sd.get("prob.weight", 2).T  # logits


def reference_forward(tensors: dict[str, Array], batch: Array) -> Array:
    """Logits of the unfolded network in float64 (numpy only; slow but exact enough to check ONNX)."""
    sd = _StateDict(strip_data_parallel(tensors))
    return _walk(sd, _NumpyBackend(sd), np.asarray(batch, dtype=np.float64))


def softmax(logits: Array) -> Array:
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


# --------------------------------------------------------------------------------------------- convert


def _architecture(sd: _StateDict, from_name: str | None) -> str:
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
    sd = _StateDict(strip_data_parallel(tensors))
    scale, height, width, arch_name = info_hint
    backend = _OnnxBackend(sd)
    _walk(sd, backend, "input")
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


def verification_batch(height: int, width: int) -> FloatArray:
    """Fixed inputs: seeded noise, a mid-grey image and a horizontal ramp (0..255, BGR, NCHW)."""
    rng = np.random.default_rng(20240611)
    noise = rng.uniform(0, 255, size=(1, 3, height, width))
    grey = np.full((1, 3, height, width), 128.0)
    ramp = np.broadcast_to(np.linspace(0, 255, width), (1, 3, height, width))
    return np.concatenate([noise, grey, ramp]).astype(np.float32)


def verify(model_bytes: bytes, tensors: dict[str, Array], height: int, width: int) -> Verification:
    """Run the ONNX model in onnxruntime and compare it with the numpy reference; raise on disagreement."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
    batch = verification_batch(height, width)
    logits, probs = session.run(["logits", "probs"], {"input": batch})
    want_logits = reference_forward(tensors, batch)
    want_probs = softmax(want_logits)
    result = Verification(
        max_abs_diff_probs=float(np.abs(probs - want_probs).max()),
        max_abs_diff_logits=float(np.abs(logits - want_logits).max()),
        softmax_sum_error=float(np.abs(probs.sum(axis=1) - 1.0).max()),
        output_shape=tuple(probs.shape),
    )
    logit_tol = 1e-3 * max(1.0, float(np.abs(want_logits).max()))
    if (
        result.output_shape != (len(batch), NUM_CLASSES)
        or not np.all(np.isfinite(probs))
        or result.softmax_sum_error > 1e-5
        or result.max_abs_diff_probs > 1e-4
        or result.max_abs_diff_logits > logit_tol
    ):
        raise ModelError(f"the converted model failed verification: {result}")
    return result


def convert_pth(
    path: Path,
    crop_scale: float | None = None,
    input_size: tuple[int, int] | None = None,
) -> ConvertedModel:
    """Read, convert and verify one MiniFASNet .pth. Scale and size come from the file name unless given."""
    path = Path(path)
    parsed = parse_model_file_name(path.name)
    if parsed is None and (crop_scale is None or input_size is None):
        raise ModelError(
            f"{path.name}: the crop scale and input size are encoded in upstream file names "
            "(e.g. 2.7_80x80_MiniFASNetV2.pth); keep the original name or give them (--scale, --size)."
        )
    name_scale, name_h, name_w, name_arch = parsed if parsed else (None, 0, 0, None)
    scale = crop_scale if crop_scale is not None else name_scale
    height, width = input_size if input_size is not None else (name_h, name_w)
    if scale is None:
        raise ModelError(
            f"{path.name}: whole-frame ('org') models are not supported; a crop scale is needed."
        )
    if not 1.0 <= scale <= 10.0 or not 16 <= height <= 512 or not 16 <= width <= 512:
        raise ModelError(f"{path.name}: implausible crop scale {scale} or input size {height}x{width}.")
    tensors = load_state_dict(path)
    model, info = build_onnx(tensors, (scale, height, width, name_arch))
    model_bytes = model.SerializeToString()
    check = verify(model_bytes, tensors, height, width)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    log.info(
        "converted %s -> %s (max |diff| vs numpy reference: probs %.2e, logits %.2e)",
        path.name,
        info.file_name,
        check.max_abs_diff_probs,
        check.max_abs_diff_logits,
    )
    return ConvertedModel(info, model_bytes, digest, path.name, check)


def read_model_info(model: onnx.ModelProto) -> MiniFASNetInfo:
    """The MiniFASNetInfo stored in a converted model's metadata (raises ModelError for other models)."""
    props = {p.key: p.value for p in model.metadata_props}
    if props.get("kind") != METADATA_KIND:
        raise ModelError("not a FaceAttend MiniFASNet anti-spoof model (metadata missing)")
    scale_text = props.get("crop_scale", "org")
    try:
        return MiniFASNetInfo(
            architecture=props["architecture"],
            crop_scale=None if scale_text == "org" else float(scale_text),
            input_height=int(props["input_height"]),
            input_width=int(props["input_width"]),
        )
    except (KeyError, ValueError) as exc:
        raise ModelError(f"anti-spoof model metadata is malformed: {exc}") from exc
