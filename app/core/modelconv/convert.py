"""Convert a MiniFASNet state dict (.pth, Silent-Face-Anti-Spoofing) into an ONNX model, without torch.

The network is written here from the tensor names and shapes of the state dict (MiniFASNet V1/V2 and the
SE variants): Conv+BatchNorm+PReLU blocks, inverted-residual "Depth_Wise" blocks (1x1 expand, 3x3 depthwise,
1x1 linear projection, optional squeeze-and-excitation on the last block of each stage), a 1x1 conv to 512,
a global depthwise conv (kernel = input/16), linear + BatchNorm1d to the embedding, linear to 3 logits.
Every BatchNorm is folded into the conv / linear before it; the two head linears become one Gemm.

One topology walker (`antispoof_topology.walk`) drives two back ends: the ONNX emitter (folded weights)
and a float64 numpy evaluator that uses the raw, unfolded tensors. `convert_pth` runs both on fixed inputs
and refuses to return a model whose outputs disagree, so folding and graph building are checked on every
import.

The ONNX model takes ``input`` float32 [N, 3, H, W]: a BGR crop, 0..255, no normalisation (as upstream
feeds it); it returns ``logits`` and ``probs`` [N, 3] (softmax; class 1 = real face). Crop scale, input size
and channel order are stored in the model's metadata_props.

The pieces: `antispoof_model_info` (metadata, file names), `antispoof_topology` (the walker),
`antispoof_onnx` (the graph) and `antispoof_reference` (the numpy check); this module ties them together
and re-exports their public names.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

from app.core.errors import ModelError
from app.core.modelconv.model_info import (
    KNOWN_SOURCES,
    METADATA_KIND,
    NUM_CLASSES,
    REAL_CLASS,
    ConvertedModel,
    MiniFASNetInfo,
    Verification,
    parse_model_file_name,
    read_model_info,
)
from app.core.modelconv.onnx_graph import CONVERTER_VERSION, OPSET, build_onnx
from app.core.modelconv.pth import load_state_dict
from app.core.modelconv.reference import FloatArray, reference_forward, softmax, verification_batch, verify
from app.core.modelconv.topology import BN_EPS, DOWNSAMPLERS, STAGES, Array

__all__ = [
    "BN_EPS",
    "CONVERTER_VERSION",
    "DOWNSAMPLERS",
    "KNOWN_SOURCES",
    "METADATA_KIND",
    "NUM_CLASSES",
    "OPSET",
    "REAL_CLASS",
    "STAGES",
    "Array",
    "ConvertedModel",
    "FloatArray",
    "MiniFASNetInfo",
    "Verification",
    "build_onnx",
    "convert_pth",
    "convert_to_folder",
    "parse_model_file_name",
    "read_model_info",
    "reference_forward",
    "softmax",
    "verification_batch",
    "verify",
]

log = logging.getLogger(__name__)


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


def convert_to_folder(sources: Iterable[Path], out: Path) -> list[Path]:
    """Convert each .pth (see convert_pth) into `out` under the model's file name; the written paths."""
    paths = []
    for source in sources:
        converted = convert_pth(source)
        target = Path(out) / converted.info.file_name
        target.write_bytes(converted.onnx_bytes)
        paths.append(target)
    return paths
