"""Liveness per track (one visit): the evidence gathered over its frames must satisfy the strictness
setting (off | lenient | balanced | strict) before a match becomes an event."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from app.core.liveness.motion import ContextMotionCheck, StaticSceneCheck
from app.core.liveness.noise import GrayImage, face_noise_sigma
from app.core.liveness.passive_track import PassiveTrack, noise_gate, passive_pose_ok, passive_quality_ok
from app.core.liveness.planarity import Planarity, PlanarityCheck
from app.core.liveness.signals import blink_counter
from app.core.settings import LivenessSettings, QualitySettings
from app.core.vision.face import FaceObservation
from app.core.vision.quality import CHECK_FACE_SIZE, CHECK_SHARPNESS, QualityReport

LIVENESS_MODES = ("off", "lenient", "balanced", "strict")


class LivenessState(enum.StrEnum):
    PENDING = "pending"
    LIVE = "live"
    SPOOF = "spoof"


@dataclass
class TrackLiveness:
    """Liveness evidence gathered over one track: passive scores, blinks, 3-D motion, static scene, and
    the surroundings beside the face (moving with it: a hand-held picture or screen; the camera is fixed).

    The passive verdict is the track's (PassiveTrack): the trimmed mean of `samples` quality-passing
    frames (size, sharpness, pose), so one bad frame neither admits nor refuses."""

    mode: str
    settings: LivenessSettings
    has_passive: bool
    samples: int = 5  # quality-passing passive scores per track (AttendanceSettings.passive_samples)
    passive: list[float] = field(default_factory=list)  # every score taken (gated or not), for the record
    blinks: int = 0
    frames: int = 0
    too_noisy: int = 0  # frames the passive layer could not judge, even denoised: far too noisy (too dark)
    camera_threshold: float | None = None  # this camera's calibrated passive threshold (not in strict mode)

    def __post_init__(self) -> None:
        s = self.settings
        self.blink = blink_counter(s)
        self.planarity = PlanarityCheck(
            s.planarity_min_rotation_deg,
            s.planarity_threshold,
            s.planarity_min_pairs,
            planar_max=s.planarity_planar_max,
            confident_rotation_deg=s.planarity_confident_rotation_deg,
            max_flat_ratio=s.planarity_max_flat_ratio,
        )
        self.static = StaticSceneCheck(s.static_window_s, s.micro_motion_threshold)
        self.context = ContextMotionCheck(  # a hand-held picture or screen: its surroundings move with it
            s.context_step_frames,
            s.context_min_face_motion_px,
            s.context_ratio_threshold,
            s.context_min_pairs,
            smooth_sigma=s.context_smooth_sigma,
        )
        self.passive_track = PassiveTrack(
            self.passive_threshold,
            max(1, self.samples),
            3 * max(1, self.samples),  # a borderline score: more frames before the verdict
            borderline=s.passive_borderline,
        )
        self._last_t = 0.0
        self._quality = QualitySettings()

    def passive_request(
        self,
        face: FaceObservation | None = None,
        quality: QualityReport | None = None,
        gray: GrayImage | None = None,
    ) -> float | None:
        """None: do not score this frame; else the passive model's `denoise` strength for it (0.0 for a
        clean frame). Scores the first `samples` frames of the track back to back (up to 3 x `samples` while
        the score is borderline, LivenessSettings.passive_borderline; a kiosk decides fast;
        ~5 ms per frame for the two 80x80 models), rather than every n-th frame as the enrolment does.
        Given the face (and its quality report), only frames that pass the passive quality gate are worth
        scoring; given the grey frame too, a noisy one is scored denoised and one far too noisy not at all
        (a very noisy camera leaves the passive layer pending)."""
        if not (self.has_passive and self.mode != "off" and not self.passive_track.decided):
            return None
        if face is None:
            return 0.0
        if not self._passive_gate(face, quality):  # the cheap gate first
            return None
        if gray is None:
            return 0.0
        gate = noise_gate(face_noise_sigma(gray, face), self.settings)
        if not gate.ok:
            self.passive_track.gated_out += 1
            self.too_noisy += 1
            return None
        return gate.denoise

    def update(
        self,
        t_s: float,
        face: FaceObservation,
        passive: float | None,
        quality: QualityReport | None = None,
        gray: GrayImage | None = None,
    ) -> None:
        """`quality`: the frame's quality report; only frames passing its size, sharpness and pose checks
        count for the passive verdict (without a report: size and pose from the face). `gray`: the grey
        frame, for the 3-D check's texture tracks (without it, the landmarks alone, which MediaPipe fits to a
        3-D face model even on a tilted photo)."""
        self.frames += 1
        self._last_t = t_s
        if passive is not None:
            self.passive.append(passive)
            self.passive_track.add(passive, self._passive_gate(face, quality))
        if self.mode == "off":
            return
        blinked = self.blink.update(t_s, face)
        self.blinks += int(blinked)
        self.planarity.update(t_s, face, gray)
        if gray is not None:
            self.context.update(gray, face)
        self.static.update(t_s, face, blinked)

    def _passive_gate(self, face: FaceObservation, quality: QualityReport | None) -> bool:
        if quality is None:
            return passive_quality_ok(face, None, self._quality, self.settings)
        names = {CHECK_FACE_SIZE, CHECK_SHARPNESS}
        sized_and_sharp = all(c.passed for c in quality.checks if c.name in names)
        return sized_and_sharp and passive_pose_ok(face, self.settings)

    @property
    def passive_score(self) -> float:
        """The track's robust passive score (nan before a quality-passing frame)."""
        return self.passive_track.value

    @property
    def passive_threshold(self) -> float:
        s = self.settings
        if self.mode == "strict":
            return s.passive_strict_threshold
        return s.passive_threshold if self.camera_threshold is None else self.camera_threshold

    @property
    def active_positive(self) -> bool:
        return self.blinks > 0 or self.planarity.verdict == Planarity.THREE_D

    @property
    def spoof_cue(self) -> str:
        """A reason to refuse ('' when none)."""
        if self.mode == "off":
            return ""
        if self.passive_track.live is False:
            return "passive"
        if self.planarity.verdict == Planarity.PLANAR:
            return "flat"
        if self.context.coupled:
            return "hand-held"
        if self.static.is_static(self._last_t) and not self.active_positive:
            return "static"
        return ""

    @property
    def state(self) -> LivenessState:
        if self.mode == "off":
            return LivenessState.LIVE
        if self.spoof_cue:
            return LivenessState.SPOOF
        passive_ok = not self.has_passive or self.passive_track.live is True
        if not passive_ok:
            return LivenessState.PENDING
        # Balanced and strict also need a blink. The passive model alone scores close-up tilted photos 1.0;
        # 3-D motion is no substitute: a head replica turns in 3-D by design, and so does the face in a
        # replayed video (bench_kiosk_webcams: with "a blink or 3-D motion", 16 of 120 generated attack runs
        # were booked; with a blink, none). (fake3.mp4's bookings, once counted here too, were the attacker's
        # own live face of its first 1.7 s; its replayed face, found since the landmarker searches a faceless
        # frame's central square again, is refused by the context cue: the phone moves with it.)
        need_blink = self.mode in ("balanced", "strict")
        if need_blink and self.blinks == 0:
            return LivenessState.PENDING
        return LivenessState.LIVE

    def eyes_as_usual(self, max_closure: float) -> bool:
        """The last frame's eyes are at most `max_closure` below this person's own open-eye aperture (the
        eye shape; None-safe: False until the track has set its baseline)."""
        closure = self.blink.eye_closure
        return closure is not None and closure <= max_closure

    @property
    def waiting_for_light(self) -> bool:
        """Pending because the passive layer keeps getting frames too noisy to judge (a dark room): more light
        will help, blinking will not."""
        return (
            self.state == LivenessState.PENDING
            and self.has_passive
            and not self.passive_track.ready
            and self.too_noisy >= max(1, self.samples)
        )

    @property
    def score(self) -> float:
        """0..1 for the event record: the passive mean when measured, else 1 live / 0.5 pending / 0 spoof."""
        if self.passive_track.scores:
            return self.passive_score
        return {LivenessState.LIVE: 1.0, LivenessState.PENDING: 0.5, LivenessState.SPOOF: 0.0}[self.state]
