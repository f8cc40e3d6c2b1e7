"""Per-face, per-frame quality gate: named checks with a score, a verdict and a short instruction.

Each check answers one question a front-desk user can act on ("move closer", "hold still", ...).
Thresholds live in `QualitySettings` (app/core/settings.py), where their sources are documented.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from app.core.settings import QualitySettings
from app.core.vision.face import FaceObservation

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]

# Inner face (brows to chin, cheek to cheek) in MediaPipe FaceMesh indices: the face oval.
FACE_OVAL = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
    176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip

CHECK_FACE_SIZE = "face_size"
CHECK_SHARPNESS = "sharpness"
CHECK_EXPOSURE = "exposure"
CHECK_POSE = "pose"
CHECK_EYES_OPEN = "eyes_open"
CHECK_ONE_FACE = "one_face"
CHECK_INSIDE_FRAME = "inside_frame"

# What each failed check tells the person (the UI shows them translated: app/ui/common/core_texts.py).
MOVE_CLOSER = "Move closer to the camera."
HOLD_STILL = "Hold still: the picture is blurred."
FULLY_INSIDE = "Move your face fully into the picture."
TOO_DARK = "Too dark: add light in front of you."
TOO_BRIGHT = "Too bright: move away from the strong light."
BACKLIT = "Strong light behind you: turn away from the window."
LOOK_STRAIGHT = "Look straight at the camera."
OPEN_EYES = "Open your eyes."
ONE_PERSON = "Only one person in front of the camera, please."
INSTRUCTIONS = (
    MOVE_CLOSER,
    HOLD_STILL,
    FULLY_INSIDE,
    TOO_DARK,
    TOO_BRIGHT,
    BACKLIT,
    LOOK_STRAIGHT,
    OPEN_EYES,
    ONE_PERSON,
)


@dataclass(frozen=True)
class QualityCheck:
    """One named check. `score` is 0..1 (1 = ideal); `instruction` is empty when the check passed."""

    name: str
    score: float
    passed: bool
    instruction: str
    value: float = math.nan  # the raw measurement (pixels, variance, luma, degrees...)
    detail: str = ""


@dataclass
class QualityReport:
    checks: list[QualityCheck] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def score(self) -> float:
        """Overall quality 0..1: the geometric mean of the check scores (one bad check pulls it down)."""
        if not self.checks:
            return 0.0
        logs = [math.log(max(c.score, 1e-3)) for c in self.checks]
        return float(math.exp(sum(logs) / len(logs)))

    @property
    def failed(self) -> list[QualityCheck]:
        return [c for c in self.checks if not c.passed]

    @property
    def instruction(self) -> str:
        """The first thing to fix ("" when everything passed), in the order the checks were run."""
        failed = self.failed
        return failed[0].instruction if failed else ""

    def check(self, name: str) -> QualityCheck:
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def _luma(rgb: RgbImage) -> npt.NDArray[np.uint8]:
    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def face_mask(face: FaceObservation, shape: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """255 inside the face oval, 0 elsewhere (frame-sized)."""
    mask = np.zeros(shape, dtype=np.uint8)
    pts = np.round(face.landmarks[list(FACE_OVAL), :2]).astype(np.int32)
    cv2.fillConvexPoly(mask, cv2.convexHull(pts), 255)
    return mask


def check_face_size(face: FaceObservation, min_inter_eye_px: float) -> QualityCheck:
    ied = face.inter_eye_distance
    ok = ied >= min_inter_eye_px
    return QualityCheck(
        CHECK_FACE_SIZE,
        _clip01(ied / (1.5 * min_inter_eye_px)),
        ok,
        "" if ok else MOVE_CLOSER,
        ied,
        f"inter-eye distance {ied:.0f} px (min {min_inter_eye_px:.0f})",
    )


def sharpness_value(gray: npt.NDArray[np.uint8], face: FaceObservation, face_px: int) -> float:
    """1000 x var(Laplacian) / var(intensity) on the inner face, resampled so the face is `face_px` wide."""
    x0, y0, x1, y1 = face.box
    h, w = gray.shape
    # The central part of the landmark box: skin, eyes, nose, mouth; little background or hair.
    cx, cy, bw, bh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0), (y1 - y0)
    ax0, ax1 = int(max(0, cx - 0.4 * bw)), int(min(w, cx + 0.4 * bw))
    ay0, ay1 = int(max(0, cy - 0.4 * bh)), int(min(h, cy + 0.45 * bh))
    if ax1 - ax0 < 4 or ay1 - ay0 < 4:
        return 0.0
    crop = gray[ay0:ay1, ax0:ax1]
    scale = face_px * 0.8 / max(1.0, ax1 - ax0)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = np.asarray(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interp))
    # Divided by the crop's own variance: a dim, low-contrast webcam face is not "blurred".
    lap = float(cv2.Laplacian(resized, cv2.CV_64F).var())
    return 1000.0 * lap / max(float(resized.astype(np.float64).var()), 1.0)


def check_sharpness(gray: npt.NDArray[np.uint8], face: FaceObservation, s: QualitySettings) -> QualityCheck:
    value = sharpness_value(gray, face, s.sharpness_face_px)
    ok = value >= s.min_sharpness
    return QualityCheck(
        CHECK_SHARPNESS,
        _clip01(value / (3.0 * s.min_sharpness)),
        ok,
        "" if ok else HOLD_STILL,
        value,
        f"normalised Laplacian variance {value:.0f} at {s.sharpness_face_px} px (min {s.min_sharpness:.0f})",
    )


def check_exposure(gray: npt.NDArray[np.uint8], face: FaceObservation, s: QualitySettings) -> QualityCheck:
    mask = face_mask(face, gray.shape[:2])
    pixels = gray[mask > 0]
    if pixels.size < 16:
        return QualityCheck(CHECK_EXPOSURE, 0.0, False, FULLY_INSIDE, math.nan)
    mean = float(pixels.mean())
    dark = float(np.mean(pixels <= 25))
    bright = float(np.mean(pixels >= 247))
    # Background: everything outside the face box grown by half its size.
    x0, y0, x1, y1 = face.box
    grow_x, grow_y = 0.5 * (x1 - x0), 0.5 * (y1 - y0)
    bg = np.ones(gray.shape[:2], dtype=bool)
    bg[
        max(0, int(y0 - grow_y)) : max(0, int(y1 + grow_y)),
        max(0, int(x0 - grow_x)) : max(0, int(x1 + grow_x)),
    ] = False
    bg_mean = float(gray[bg].mean()) if bg.any() else mean
    delta = bg_mean - mean
    detail = f"face luma {mean:.0f}, background {bg_mean:.0f}, dark {dark:.0%}, clipped {bright:.0%}"
    if mean < s.min_face_luma or dark > s.max_dark_fraction:
        score = _clip01(min(mean / s.min_face_luma, 1.0) * (1.0 - dark)) * 0.5
        return QualityCheck(CHECK_EXPOSURE, score, False, TOO_DARK, mean, detail)
    if mean > s.max_face_luma or bright > s.max_bright_fraction:
        score = _clip01((255.0 - mean) / (255.0 - s.max_face_luma) * (1.0 - bright)) * 0.5
        return QualityCheck(CHECK_EXPOSURE, score, False, TOO_BRIGHT, mean, detail)
    if delta > s.max_backlight_delta:
        score = _clip01(1.0 - delta / 255.0) * 0.5
        return QualityCheck(CHECK_EXPOSURE, score, False, BACKLIT, mean, detail)
    # 1 at mid-grey, falling towards the limits.
    centre = (s.min_face_luma + s.max_face_luma) / 2
    half = (s.max_face_luma - s.min_face_luma) / 2
    score = _clip01(1.0 - 0.5 * abs(mean - centre) / half) * _clip01(1.0 - max(0.0, delta) / 255.0)
    return QualityCheck(CHECK_EXPOSURE, score, True, "", mean, detail)


def check_pose(face: FaceObservation, max_yaw: float, max_pitch: float, max_roll: float) -> QualityCheck:
    p = face.pose
    worst = max(abs(p.yaw) / max_yaw, abs(p.pitch) / max_pitch, abs(p.roll) / max_roll)
    ok = worst <= 1.0
    return QualityCheck(
        CHECK_POSE,
        _clip01(1.0 - 0.5 * worst),
        ok,
        "" if ok else LOOK_STRAIGHT,
        float(max(abs(p.yaw), abs(p.pitch), abs(p.roll))),
        f"yaw {p.yaw:+.0f}, pitch {p.pitch:+.0f}, roll {p.roll:+.0f} deg "
        f"(max {max_yaw:.0f}/{max_pitch:.0f}/{max_roll:.0f})",
    )


def check_eyes_open(face: FaceObservation, max_blink: float) -> QualityCheck:
    left = face.blendshapes.get("eyeBlinkLeft", 0.0)
    right = face.blendshapes.get("eyeBlinkRight", 0.0)
    closed = max(left, right)
    ok = closed <= max_blink
    return QualityCheck(
        CHECK_EYES_OPEN,
        _clip01(1.0 - closed),
        ok,
        "" if ok else OPEN_EYES,
        closed,
        f"eyeBlink left {left:.2f}, right {right:.2f} (max {max_blink:.2f})",
    )


def check_one_face(n_faces: int) -> QualityCheck:
    ok = n_faces == 1
    return QualityCheck(
        CHECK_ONE_FACE,
        1.0 if ok else 0.0,
        ok,
        "" if ok else ONE_PERSON,
        float(n_faces),
        f"{n_faces} faces in the frame",
    )


def check_inside_frame(face: FaceObservation, min_inside: float) -> QualityCheck:
    w, h = face.frame_size
    xy = face.landmarks[:, :2]
    inside = float(np.mean((xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)))
    ok = inside >= min_inside
    return QualityCheck(
        CHECK_INSIDE_FRAME,
        inside,
        ok,
        "" if ok else FULLY_INSIDE,
        inside,
        f"{inside:.0%} of the landmarks inside the frame",
    )


def assess_face(
    rgb: RgbImage,
    face: FaceObservation,
    settings: QualitySettings,
    n_faces: int = 1,
    enrolment: bool = False,
    gray: npt.NDArray[np.uint8] | None = None,
) -> QualityReport:
    """All checks for one face. `enrolment` adds "exactly one face" and uses the stricter limits."""
    s = settings
    if gray is None:
        gray = _luma(rgb)
    checks: list[QualityCheck] = []
    if enrolment:
        checks.append(check_one_face(n_faces))
    checks.append(check_inside_frame(face, s.min_inside_fraction))
    checks.append(check_face_size(face, s.enrol_min_inter_eye_px if enrolment else s.min_inter_eye_px))
    if enrolment:
        checks.append(check_pose(face, s.enrol_max_yaw_deg, s.enrol_max_pitch_deg, s.enrol_max_roll_deg))
    else:
        checks.append(check_pose(face, s.max_yaw_deg, s.max_pitch_deg, s.max_roll_deg))
    checks.append(check_exposure(gray, face, s))
    checks.append(check_sharpness(gray, face, s))
    checks.append(check_eyes_open(face, s.max_eye_blink))
    report = QualityReport(checks)
    log.debug("quality %.2f: %s", report.score, ", ".join(f"{c.name}={c.passed}" for c in checks))
    return report


def waive(report: QualityReport, name: str, why: str) -> QualityReport:
    """A copy of `report` in which the check `name` counts as passed (its score kept, `why` in its detail):
    for a check a session can judge better than one frame can, e.g. eyes open against the person's own."""
    checks = [
        dataclasses.replace(c, passed=True, instruction="", detail=f"{c.detail}; waived: {why}")
        if c.name == name
        else c
        for c in report.checks
    ]
    return QualityReport(checks)


def assess_frame(
    rgb: RgbImage, faces: Sequence[FaceObservation], settings: QualitySettings, enrolment: bool = False
) -> list[QualityReport]:
    """One report per face, in the order of `faces` (the luma image is computed once)."""
    gray = _luma(rgb)
    return [assess_face(rgb, f, settings, n_faces=len(faces), enrolment=enrolment, gray=gray) for f in faces]
