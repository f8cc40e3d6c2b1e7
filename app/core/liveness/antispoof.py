"""Passive anti-spoofing: the MiniFASNet ensemble (bundled in models/; newer ones: models import-antispoof).

Each model sees its own crop, as upstream (Silent-Face-Anti-Spoofing, CropImage): the face box enlarged
about its centre by the model's scale (2.7x, 4.0x), shrunk if the frame is too small for it, shifted
(not clipped) to lie inside the frame, then resized to the model's input (80x80, aspect not preserved;
crops over 4x the input are first area-averaged to 2x, see ANTIALIAS_FACTOR) and fed as BGR 0..255
floats. The score is the mean of the models' softmax "real" probabilities. A frame from a noisy sensor (a
dark room) can be scored on a denoised input (`denoise`, see DENOISE_* and LivenessSettings).
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from app.core.errors import FaceAttendError, ModelError
from app.core.modelconv.convert import METADATA_KIND, REAL_CLASS, MiniFASNetInfo
from app.core.models import ModelRegistry, sha256_of
from app.core.vision.face import FaceObservation

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]
BgrImage = npt.NDArray[np.uint8]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels
MODEL_NAME_PREFIX = "antispoof_"
# Mean real-class probability at or above which a face counts as live. 0.5 is the natural midpoint of the
# ensemble's probability; measured on ../shared/data/spoof it separates the labelled photos (see tests).
DEFAULT_THRESHOLD = 0.5
# Crops more than this many times the model input are area-averaged to 2x the input before the upstream
# bilinear resize (real3.mov with sensor noise sigma 8: live probability 0.09 -> 0.81; crops up to 320 px,
# e.g. every LFW photo, are resized exactly as upstream).
ANTIALIAS_FACTOR = 4
# Non-local means (Buades et al. 2005) on the model's 80x80 input when the caller asks for it (a frame whose
# sensor noise the model would read as a recapture): patch 5, search window 15, ~7 ms per model input.
DENOISE_TEMPLATE_PX = 5
DENOISE_SEARCH_PX = 15


@dataclass(frozen=True)
class CropWindow:
    """Pixel window [x0, x1] x [y0, y1] (inclusive) of the frame that a model sees."""

    x0: int
    y0: int
    x1: int
    y1: int


def crop_window(box: Box, scale: float, frame_width: int, frame_height: int) -> CropWindow:
    """Upstream CropImage geometry: enlarge the box by `scale` about its centre, keep it inside the frame."""
    x0, y0, x1, y1 = box
    box_w, box_h = x1 - x0, y1 - y0
    if not (box_w > 1 and box_h > 1 and frame_width > 1 and frame_height > 1):
        raise FaceAttendError(f"The face box {box} is too small to check for spoofing.")
    scale = min((frame_height - 1) / box_h, (frame_width - 1) / box_w, scale)
    new_w, new_h = box_w * scale, box_h * scale
    cx, cy = x0 + box_w / 2, y0 + box_h / 2
    left, top, right, bottom = cx - new_w / 2, cy - new_h / 2, cx + new_w / 2, cy + new_h / 2
    if left < 0:
        right -= left
        left = 0
    if top < 0:
        bottom -= top
        top = 0
    if right > frame_width - 1:
        left -= right - frame_width + 1
        right = frame_width - 1
    if bottom > frame_height - 1:
        top -= bottom - frame_height + 1
        bottom = frame_height - 1
    return CropWindow(int(left), int(top), int(right), int(bottom))


def crop_for_model(
    rgb_frame: RgbImage, box: Box, scale: float, width: int, height: int, denoise: float = 0.0
) -> BgrImage:
    """The BGR uint8 patch a MiniFASNet model expects for the face in `box`; with `denoise` > 0, the patch
    is cleaned by non-local means of that strength (filter h, grey levels) after the resize."""
    frame_h, frame_w = rgb_frame.shape[:2]
    win = crop_window(box, scale, frame_w, frame_h)
    patch = np.ascontiguousarray(rgb_frame[win.y0 : win.y1 + 1, win.x0 : win.x1 + 1, ::-1])
    if patch.shape[1] > ANTIALIAS_FACTOR * width or patch.shape[0] > ANTIALIAS_FACTOR * height:
        # Bilinear resizing by more than ~4x samples 4 pixels per output pixel: a noisy sensor's noise
        # survives undiminished and reads as a recapture. Area-average down to 2x the input first.
        patch = np.asarray(cv2.resize(patch, (2 * width, 2 * height), interpolation=cv2.INTER_AREA), np.uint8)
    resized = np.asarray(cv2.resize(patch, (width, height)), dtype=np.uint8)
    if denoise > 0:
        resized = np.asarray(
            cv2.fastNlMeansDenoisingColored(
                resized, None, denoise, denoise, DENOISE_TEMPLATE_PX, DENOISE_SEARCH_PX
            ),
            dtype=np.uint8,
        )
    return resized


@dataclass(frozen=True)
class AntiSpoofScore:
    real: float  # ensemble probability that the face is real (mean over models)
    per_model: dict[str, float]  # model label -> that model's real-class probability

    def is_live(self, threshold: float = DEFAULT_THRESHOLD) -> bool:
        return self.real >= threshold


@dataclass
class _Member:
    label: str
    info: MiniFASNetInfo
    session: ort.InferenceSession
    input_name: str


class PassiveAntiSpoof:
    """The ensemble of MiniFASNet ONNX models (converted by app.core.modelconv.convert). CPU only.

    Thread-safety: onnxruntime sessions may be run concurrently; the object holds no per-call state.
    """

    def __init__(self, model_paths: list[Path], threads: int = 1) -> None:
        if not model_paths:
            raise ModelError("No anti-spoof model given.")
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        self._members: list[_Member] = []
        self.paths = [Path(p) for p in model_paths]
        for path in model_paths:
            try:
                session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own exception types
                raise ModelError(f"Cannot load the anti-spoof model {path}: {exc}") from exc
            info = _info_from_metadata(session, path)
            if info.crop_scale is None:
                raise ModelError(f"{path.name}: whole-frame anti-spoof models are not supported.")
            self._members.append(_Member(Path(path).stem, info, session, session.get_inputs()[0].name))
            log.debug("anti-spoof model %s: %s, scale %s", path.name, info.architecture, info.crop_scale)

    @classmethod
    def from_registries(cls, registries: list[ModelRegistry], threads: int = 1) -> PassiveAntiSpoof | None:
        """The ensemble of every anti-spoof model listed (and sha256-verified) in the registries, or None."""
        paths = installed_model_paths(registries)
        return cls(paths, threads) if paths else None

    @property
    def fingerprint(self) -> str:
        """sha256 over the member files (a cache key for scores)."""
        digest = hashlib.sha256()
        for path in self.paths:
            digest.update(sha256_of(path).encode())
        return digest.hexdigest()

    @property
    def labels(self) -> list[str]:
        return [m.label for m in self._members]

    @property
    def infos(self) -> list[MiniFASNetInfo]:
        return [m.info for m in self._members]

    def score(self, rgb_frame: RgbImage, face: FaceObservation, denoise: float = 0.0) -> float:
        """Probability that the face is real (mean of the models' real-class softmax); `denoise`: see
        crop_for_model."""
        return self.score_detailed(rgb_frame, face, denoise).real

    def score_detailed(
        self, rgb_frame: RgbImage, face: FaceObservation, denoise: float = 0.0
    ) -> AntiSpoofScore:
        return self.score_box(rgb_frame, face.box, denoise)

    def score_box(self, rgb_frame: RgbImage, box: Box, denoise: float = 0.0) -> AntiSpoofScore:
        """As score_detailed, for a face box (x0, y0, x1, y1) from any detector."""
        if rgb_frame.ndim != 3 or rgb_frame.shape[2] != 3 or rgb_frame.dtype != np.uint8:
            raise ValueError(f"expected an HxWx3 uint8 RGB image, got {rgb_frame.shape} {rgb_frame.dtype}")
        if not all(math.isfinite(v) for v in box):
            raise FaceAttendError(f"The face box {box} is not finite.")
        per_model: dict[str, float] = {}
        for member in self._members:
            info = member.info
            assert info.crop_scale is not None
            patch = crop_for_model(
                rgb_frame, box, info.crop_scale, info.input_width, info.input_height, denoise
            )
            batch = patch.astype(np.float32).transpose(2, 0, 1)[None]
            (probs,) = member.session.run(["probs"], {member.input_name: batch})
            per_model[member.label] = float(probs[0, REAL_CLASS])
        real = float(np.mean(list(per_model.values())))
        return AntiSpoofScore(real=real, per_model=per_model)


def _info_from_metadata(session: ort.InferenceSession, path: Path) -> MiniFASNetInfo:
    props = session.get_modelmeta().custom_metadata_map
    if props.get("kind") != METADATA_KIND:
        raise ModelError(
            f"{path.name} is not a FaceAttend anti-spoof model (import it with models import-antispoof)."
        )
    scale = props.get("crop_scale", "org")
    try:
        return MiniFASNetInfo(
            architecture=props["architecture"],
            crop_scale=None if scale == "org" else float(scale),
            input_height=int(props["input_height"]),
            input_width=int(props["input_width"]),
        )
    except (KeyError, ValueError) as exc:
        raise ModelError(f"{path.name}: anti-spoof metadata is malformed ({exc}).") from exc


def installed_model_paths(registries: list[ModelRegistry]) -> list[Path]:
    """Verified paths of the anti-spoof models listed in the registries (later registries override)."""
    chosen: dict[str, Path] = {}
    for registry in registries:
        for name in sorted(registry.entries):
            if name.startswith(MODEL_NAME_PREFIX) and registry.has(name):
                chosen[name] = registry.path(name)  # raises ModelError if the file was altered
    return [chosen[name] for name in sorted(chosen)]


@dataclass(frozen=True)
class PassiveLoad:
    """The passive ensemble the app runs, and where its models came from (for Settings and the logs)."""

    scorer: PassiveAntiSpoof | None
    models: list[str]  # logical model names in the ensemble
    imported: list[str]  # of those, the ones taken from the user models dir (override the bundled ones)
    problem: str = ""  # why a model dir was not used, if any

    @property
    def short_names(self) -> list[str]:
        """The ensemble's models as `models list` names them (minifasnet_v2 …)."""
        return [n.removeprefix(MODEL_NAME_PREFIX) for n in self.models]

    @property
    def origin(self) -> str:
        """Where the models came from: "bundled", "imported" or "bundled + imported"."""
        if not self.imported:
            return "bundled"
        return "imported" if len(self.imported) == len(self.models) else "bundled + imported"

    def describe(self) -> str:
        """One line for `models list` and the logs (the Settings page composes it in the user's language
        from these fields: app/ui/common/core_texts.antispoof_text)."""
        if self.scorer is None:
            why = f": {self.problem}" if self.problem else ""
            return f"active challenge only (passive anti-spoof model not available{why})"
        return f"passive model on ({self.origin}: {', '.join(self.short_names)}) + active challenge"


def load_passive_ensemble(
    data_dir: Path | None = None, shipped: ModelRegistry | Path | None = None
) -> PassiveLoad:
    """The one loader of the passive ensemble: the models bundled in models/, each overridden by an
    imported model of the same name in <data dir>/models (`faceattend models import-antispoof`).

    `shipped`: the app's models registry (or its folder; None: the models/ shipped with the app).
    A broken user dir is logged and skipped (the bundled models still run); a bundled model that is
    missing or altered leaves passive off with the reason, never a crash (the active checks still run).
    """
    from app.core.models import user_models_dir

    problems: list[str] = []
    registries: list[ModelRegistry] = []
    try:
        registries.append(shipped if isinstance(shipped, ModelRegistry) else ModelRegistry(shipped))
    except ModelError as exc:
        problems.append(str(exc))
    user_dir = user_models_dir(data_dir)
    user: ModelRegistry | None = None
    if (user_dir / "manifest.json").is_file():
        try:
            user = ModelRegistry(user_dir)
            installed_model_paths([user])  # verify the imported files before letting them override
            registries.append(user)
        except ModelError as exc:
            log.warning("imported anti-spoof models in %s not used: %s", user_dir, exc)
            problems.append(str(exc))
            user = None
    try:
        paths = installed_model_paths(registries)
        scorer = PassiveAntiSpoof(paths) if paths else None
    except ModelError as exc:
        log.warning("passive anti-spoof models not usable: %s", exc)
        return PassiveLoad(None, [], [], str(exc))
    if scorer is None:
        return PassiveLoad(None, [], [], "; ".join(problems) or "no model installed")
    names = sorted({n for r in registries for n in r.entries if n.startswith(MODEL_NAME_PREFIX) and r.has(n)})
    imported = sorted(n for n in names if user is not None and user.has(n))
    log.info("passive anti-spoof: %s (imported: %s)", ", ".join(names), ", ".join(imported) or "none")
    return PassiveLoad(scorer, names, imported, "; ".join(problems))
