"""The liveness decision: live / spoof / undecided from all the evidence, with scores and reasons.

Evidence and what it catches:
- passive model (optional, MiniFASNet ensemble): screens and prints by their texture, including a phone
  replaying a video of the live person (the active checks alone do not catch that one, see the README
  figures);
- 3-D planarity: any flat picture moved or tilted (landmarks fit one homography);
- context motion: a hand-held picture or screen (the surroundings move with the face);
- static scene: a picture held still (no blink, no non-rigid motion for `static_window_s`);
- blink / challenge: a responsive face.

Spoof as soon as one spoof cue is established. Live only after `min_observation_s` with no spoof cue and,
depending on `strictness` (see LivenessSettings): passive >= threshold alone ("lenient", needs a
scorer), or 3-D evidence + a blink (or a passed challenge) + context checked + passive (if any) >=
threshold ("balanced"; "strict" raises the passive threshold). Once decided, the verdict sticks until
`reset()`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from app.core.liveness.challenge import ActiveChallenge, ChallengeState, ChallengeStatus
from app.core.liveness.motion import ContextMotionCheck, StaticSceneCheck
from app.core.liveness.passive_track import GATE_NOISE, PassiveTrack, passive_gate
from app.core.liveness.planarity import Planarity, PlanarityCheck
from app.core.liveness.signals import blink_counter
from app.core.settings import LivenessSettings, QualitySettings
from app.core.vision.face import FaceObservation

log = logging.getLogger(__name__)

RgbImage = npt.NDArray[np.uint8]

STRICTNESS_LEVELS = ("lenient", "balanced", "strict")
COLLECTING = "Passive model: collecting samples."
# Pending because the passive model keeps getting frames too noisy to judge (a dark room): more light helps,
# waiting does not. The kiosk says the same (app/ui/kiosk/texts.LOW_LIGHT).
MORE_LIGHT = "More light, please: the camera image is too dark to check that you are really here."
TURN_A_LITTLE = "Turn your head a little (3-D check)."
BLINK_NOT_SEEN = "Blink (no blink seen yet)."
MOVE_A_LITTLE = "Move a little (background check)."
# What a pending decision asks of the person (the enrolment shows it; the UI translates these).
GUIDANCE = (MORE_LIGHT, TURN_A_LITTLE, BLINK_NOT_SEEN, MOVE_A_LITTLE)
# Why a decision is "spoof" or timed out (values: numbers; for CHALLENGE_FAILED a challenge.FAILURES text).
PASSIVE_LOW = "Passive model: live probability {score} < {threshold}."
FLAT = "Flat picture: the face moved like a plane (residual {residual} <= {limit})."
SURROUNDINGS = (
    "The surroundings move with the face (ratio {ratio} >= {limit}): a hand-held picture or screen, or a "
    "moving camera (the camera must be fixed)."
)
NO_LIFE_SIGN = "No blink and no facial motion for {seconds} s."
CHALLENGE_FAILED = "Challenge failed: {reason}"
TIMED_OUT = "Timed out after {seconds} s."
REASONS = (PASSIVE_LOW, FLAT, SURROUNDINGS, NO_LIFE_SIGN, CHALLENGE_FAILED, TIMED_OUT)


class PassiveScorer(Protocol):
    """What the decision needs from a passive anti-spoof model (liveness.antispoof.PassiveAntiSpoof)."""

    def score(self, rgb_frame: RgbImage, face: FaceObservation, denoise: float = 0.0) -> float:
        """Probability 0..1 that the face is live; `denoise` > 0: judged on a denoised input (a noisy
        camera), of that strength."""
        ...


class Verdict(Enum):
    LIVE = "live"
    SPOOF = "spoof"
    UNDECIDED = "undecided"


@dataclass
class LivenessDecision:
    verdict: Verdict
    score: float  # 0..1 liveness confidence for display (not a calibrated probability)
    reasons: list[str] = field(default_factory=list)  # why (spoof cues, or what is still missing)
    passive_score: float | None = None  # mean live probability from the passive model, if any
    elapsed_s: float = 0.0  # since the first frame with a face
    evidence: dict[str, float] = field(default_factory=dict)
    challenge: ChallengeStatus | None = None

    @property
    def decided(self) -> bool:
        return self.verdict != Verdict.UNDECIDED


class LivenessSession:
    """Feed the frames of one person's attempt; read the decision after each frame."""

    def __init__(
        self,
        settings: LivenessSettings | None = None,
        passive: PassiveScorer | None = None,
        challenge: ActiveChallenge | None = None,
        quality: QualitySettings | None = None,
    ) -> None:
        self.settings = s = settings or LivenessSettings()
        self.quality = quality or QualitySettings()
        if s.strictness not in STRICTNESS_LEVELS:
            raise ValueError(f"strictness must be one of {STRICTNESS_LEVELS}, not {s.strictness!r}")
        self.passive = passive
        self.challenge = challenge
        self.planarity = PlanarityCheck(
            s.planarity_min_rotation_deg,
            s.planarity_threshold,
            s.planarity_min_pairs,
            planar_max=s.planarity_planar_max,
            confident_rotation_deg=s.planarity_confident_rotation_deg,
            max_flat_ratio=s.planarity_max_flat_ratio,
        )
        self.context = ContextMotionCheck(
            s.context_step_frames,
            s.context_min_face_motion_px,
            s.context_ratio_threshold,
            s.context_min_pairs,
            smooth_sigma=s.context_smooth_sigma,
        )
        self.static = StaticSceneCheck(s.static_window_s, s.micro_motion_threshold)
        self.blink = blink_counter(s)
        self.camera_threshold: float | None = None
        self.passive_track = PassiveTrack(
            self.passive_threshold,
            max(1, s.passive_samples),
            max(s.passive_samples, s.passive_window),
            borderline=s.passive_borderline,
        )
        self._t0: float | None = None
        self._frames = 0
        self.too_noisy = 0  # frames the passive model could not judge: the image was too noisy (too dark)
        self._final: LivenessDecision | None = None

    def reset(self) -> None:
        self.planarity.reset()
        self.context.reset()
        self.static.reset()
        self.blink.reset()
        self.passive_track.reset()
        self._t0 = None
        self._frames = 0
        self.too_noisy = 0
        self._final = None

    @property
    def passive_threshold(self) -> float:
        s = self.settings
        if s.strictness == "strict":
            return s.passive_strict_threshold
        return s.passive_threshold if self.camera_threshold is None else self.camera_threshold

    def use_camera_threshold(self, threshold: float | None) -> None:
        """This camera's calibrated passive threshold (app/core/liveness/camera_calibration.py); not in
        "strict", which keeps its own."""
        self.camera_threshold = threshold
        self.passive_track.threshold = self.passive_threshold

    @property
    def waiting_for_light(self) -> bool:
        """No passive verdict yet, and `passive_samples` frames or more were too noisy to judge."""
        return (
            self.passive is not None
            and not self.passive_track.ready
            and self.too_noisy >= max(1, self.settings.passive_samples)
        )

    @property
    def passive_mean(self) -> float | None:
        """The track's robust passive score (trimmed mean of the quality-gated frames), if any."""
        return self.passive_track.value if self.passive_track.scores else None

    def update(
        self,
        rgb: RgbImage,
        timestamp_ms: int,
        face: FaceObservation | None,
        embedding: npt.NDArray[np.floating] | None = None,
        faces_in_view: int = 1,
    ) -> LivenessDecision:
        if self._final is not None:
            return self._final
        challenge_status = None
        if self.challenge is not None:
            challenge_status = self.challenge.update(face, timestamp_ms, embedding, faces_in_view)
        if face is None:
            elapsed = 0.0 if self._t0 is None else timestamp_ms / 1000.0 - self._t0
            return LivenessDecision(
                Verdict.UNDECIDED,
                0.0,
                ["No face in view."],
                self.passive_mean,
                elapsed,
                challenge=challenge_status,
            )
        t = timestamp_ms / 1000.0
        if self._t0 is None:
            self._t0 = t
        elapsed = t - self._t0
        s = self.settings
        gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
        blinked = self.blink.update(t, face)
        self.planarity.update(t, face, gray)
        self.context.update(gray, face)
        self.static.update(t, face, blinked)
        if self.passive is not None and self._frames % max(1, s.passive_every_n_frames) == 0:
            gate = passive_gate(face, gray, self.quality, s)
            if gate.ok:
                self.passive_track.add(float(self.passive.score(rgb, face, gate.denoise)))
            else:
                self.passive_track.gated_out += 1
                if gate.reason == GATE_NOISE:
                    self.too_noisy += 1
        self._frames += 1
        decision = self._decide(t, elapsed, challenge_status)
        if decision.decided:
            self._final = decision
            log.info(
                "liveness %s after %.2f s: %s", decision.verdict.value, elapsed, "; ".join(decision.reasons)
            )
        return decision

    def _decide(self, t: float, elapsed: float, challenge: ChallengeStatus | None) -> LivenessDecision:
        s = self.settings
        planar = self.planarity.verdict
        passive = self.passive_mean
        passive_ready = passive is not None and self.passive_track.decided
        evidence = {
            "planarity_residual": self.planarity.score,
            "planarity_pairs": float(len(self.planarity.residuals)),
            "context_ratio": self.context.score,
            "context_pairs": float(len(self.context.pairs)),
            "blinks": float(self.blink.count),
            "blinks_by_blendshape": float(self.blink.by_signal["blendshape"]),
            "blinks_by_eye_shape": float(self.blink.by_signal["eye_shape"]),
            "seconds_without_life_sign": self.static.seconds_without_evidence(t),
        }
        if passive is not None:
            evidence["passive"] = passive
        score = self._score(passive)

        spoof: list[str] = []
        if passive_ready and passive is not None and passive < self.passive_threshold:
            spoof.append(
                PASSIVE_LOW.format(score=f"{passive:.2f}", threshold=f"{self.passive_threshold:.2f}")
            )
        if planar == Planarity.PLANAR:
            spoof.append(
                FLAT.format(residual=f"{self.planarity.score:.3f}", limit=f"{s.planarity_planar_max:.3f}")
            )
        if self.context.coupled:
            spoof.append(
                SURROUNDINGS.format(
                    ratio=f"{self.context.score:.2f}", limit=f"{s.context_ratio_threshold:.2f}"
                )
            )
        if self.static.is_static(t):
            spoof.append(NO_LIFE_SIGN.format(seconds=f"{s.static_window_s:.0f}"))
        if challenge is not None and challenge.state == ChallengeState.FAILED:
            spoof.append(CHALLENGE_FAILED.format(reason=challenge.reason))
        if spoof:
            return LivenessDecision(
                Verdict.SPOOF, min(score, 0.2), spoof, passive, elapsed, evidence, challenge
            )

        missing: list[str] = []
        if elapsed < s.min_observation_s:
            missing.append("Observing.")
        if self.passive is not None and not passive_ready:
            missing.append(MORE_LIGHT if self.waiting_for_light else COLLECTING)
        if s.strictness == "lenient" and self.passive is not None:
            pass  # the passive model alone decides (no active spoof cue so far)
        else:
            if planar != Planarity.THREE_D:
                missing.append(TURN_A_LITTLE)
            if challenge is not None:
                if challenge.state != ChallengeState.PASSED:
                    missing.append(challenge.prompt)
            elif self.blink.count == 0:
                missing.append(BLINK_NOT_SEEN)
            if not self.context.decided:
                missing.append(MOVE_A_LITTLE)
        if not missing:
            reasons = ["No spoof cue"]
            if passive is not None:
                reasons.append(f"passive live probability {passive:.2f}")
            if planar == Planarity.THREE_D:
                reasons.append(f"3-D motion (residual {self.planarity.score:.3f})")
            if self.blink.count:
                reasons.append(f"{self.blink.count} blink(s)")
            if challenge is not None:
                reasons.append("challenge passed")
            return LivenessDecision(
                Verdict.LIVE, max(score, 0.8), reasons, passive, elapsed, evidence, challenge
            )
        if elapsed >= s.max_observation_s:
            missing.insert(0, TIMED_OUT.format(seconds=f"{s.max_observation_s:.0f}"))
        return LivenessDecision(Verdict.UNDECIDED, score, missing, passive, elapsed, evidence, challenge)

    def _score(self, passive: float | None) -> float:
        """A display score: the mean of the available evidence, each mapped to 0..1 (1 = live-like)."""
        s = self.settings
        parts: list[float] = []
        if passive is not None:
            parts.append(passive)
        if self.planarity.residuals:
            parts.append(min(1.0, self.planarity.score / (2 * s.planarity_threshold)))
        if self.context.pairs and math.isfinite(self.context.score):
            parts.append(max(0.0, 1.0 - self.context.score / (2 * s.context_ratio_threshold)))
        parts.append(1.0 if self.blink.count else 0.5)
        return float(np.mean(parts))
