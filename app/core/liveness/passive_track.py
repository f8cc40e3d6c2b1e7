"""The passive verdict of one track (one person's visit): a robust statistic of its frames' scores.

Only frames that pass a quality gate count (face large enough, sharp, not too noisy, roughly frontal:
the passive model sees texture, and a small, blurred, noisy or turned face gives it little to judge). The
verdict is taken on the trimmed mean of the gated scores once `min_frames` of them are in (the lowest and
highest `trim` share dropped), so one bad frame neither admits nor refuses anyone.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from app.core.liveness.noise import face_noise_sigma
from app.core.settings import LivenessSettings, QualitySettings
from app.core.vision.face import FaceObservation
from app.core.vision.quality import check_face_size, sharpness_value

GrayImage = npt.NDArray[np.uint8]


def passive_pose_ok(face: FaceObservation, settings: LivenessSettings) -> bool:
    """Not an extreme pose (AWS Rekognition's limits: yaw < 45 deg, pitch < 30-45 deg); the kiosk's
    recognition pose limits (25/20 deg) would throw away a tilted phone replay's most telling frames."""
    p = settings
    return abs(face.pose.yaw) <= p.passive_max_yaw_deg and abs(face.pose.pitch) <= p.passive_max_pitch_deg


GATE_SIZE, GATE_POSE, GATE_BLUR, GATE_NOISE = "size", "pose", "blur", "noise"


@dataclass(frozen=True)
class PassiveGate:
    """Whether the passive model should judge a frame, and how."""

    reason: str = ""  # why not ("" when it should): GATE_SIZE, GATE_POSE, GATE_BLUR or GATE_NOISE
    denoise: float = 0.0  # > 0: judge it on a denoised input of this strength (a noisy camera)

    @property
    def ok(self) -> bool:
        return not self.reason


def noise_gate(noise_sigma: float, settings: LivenessSettings) -> PassiveGate:
    """A frame with this much sensor noise on the face: scored as it is, scored denoised (the model reads
    heavy noise as a recapture), or not scored at all (too noisy even for that: GATE_NOISE)."""
    if noise_sigma <= settings.passive_max_noise_sigma:
        return PassiveGate()
    if noise_sigma <= settings.passive_denoise_max_sigma:
        return PassiveGate(denoise=settings.passive_denoise_strength)
    return PassiveGate(GATE_NOISE)


def passive_gate(
    face: FaceObservation, gray: GrayImage | None, quality: QualitySettings, settings: LivenessSettings
) -> PassiveGate:
    """Whether the passive model should judge this frame: not when the face is too small (GATE_SIZE),
    turned too far (GATE_POSE), blurred (GATE_BLUR) or the image far too noisy (GATE_NOISE; a dark room's
    sensor noise, which the model reads as a recapture); a moderately noisy frame is judged denoised.
    Sharpness and noise need the image."""
    if not check_face_size(face, quality.min_inter_eye_px).passed:
        return PassiveGate(GATE_SIZE)
    if not passive_pose_ok(face, settings):
        return PassiveGate(GATE_POSE)
    if gray is None:
        return PassiveGate()
    if sharpness_value(gray, face, quality.sharpness_face_px) < quality.min_sharpness:
        return PassiveGate(GATE_BLUR)
    return noise_gate(face_noise_sigma(gray, face), settings)


def passive_quality_ok(
    face: FaceObservation, gray: GrayImage | None, quality: QualitySettings, settings: LivenessSettings
) -> bool:
    """Size, pose and (with the image) sharpness and sensor noise: the checks that matter to a texture
    model. A frame too noisy to judge even denoised is not scored, so a very noisy camera leaves the passive
    layer undecided instead of refusing a live person (score the others with passive_gate's `denoise`)."""
    return passive_gate(face, gray, quality, settings).ok


def trimmed_mean(values: list[float], trim: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    cut = int(len(ordered) * trim)
    kept = ordered[cut : len(ordered) - cut] or ordered
    return float(np.mean(kept))


@dataclass
class PassiveTrack:
    threshold: float
    min_frames: int = 5
    max_frames: int = 15
    trim: float = 0.2
    scores: deque[float] = field(default_factory=deque)
    gated_out: int = 0  # frames scored but failing the quality gate
    # A score this close to the threshold (either side) is not a verdict yet: keep collecting, up to
    # `max_frames`, and decide on them all (LivenessSettings.passive_borderline).
    borderline: float = 0.0

    def __post_init__(self) -> None:
        self.scores = deque(self.scores, maxlen=max(self.min_frames, self.max_frames))

    def reset(self) -> None:
        self.scores.clear()
        self.gated_out = 0

    def add(self, score: float, quality_ok: bool = True) -> None:
        if not math.isfinite(score):
            return
        if quality_ok:
            self.scores.append(float(score))
        else:
            self.gated_out += 1

    @property
    def ready(self) -> bool:
        return len(self.scores) >= self.min_frames

    @property
    def value(self) -> float:
        """The track's passive score (nan before any gated frame)."""
        return trimmed_mean(list(self.scores), self.trim)

    @property
    def decided(self) -> bool:
        """`min_frames` gated scores are in, and their robust score is clear of the threshold by
        `borderline`, or `max_frames` are in."""
        if not self.ready:
            return False
        return len(self.scores) >= self.max_frames or abs(self.value - self.threshold) >= self.borderline

    @property
    def live(self) -> bool | None:
        """None until decided; then whether the robust score passes."""
        if not self.decided:
            return None
        return self.value >= self.threshold

    def frame_scores(self) -> list[float]:
        return [round(s, 4) for s in self.scores]
