"""What a converted MiniFASNet anti-spoof model is: its metadata, upstream file names and provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.errors import ModelError

if TYPE_CHECKING:
    import onnx

NUM_CLASSES = 3
REAL_CLASS = 1
METADATA_KIND = "faceattend.antispoof.minifasnet"

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
