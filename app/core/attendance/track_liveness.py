"""Liveness per track (one visit): the evidence gathered over its frames must satisfy the strictness
setting (off | lenient | balanced | strict) before a match becomes an event."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import numpy as np

from app.core.face import FaceObservation
from app.core.liveness.motion import StaticSceneCheck
from app.core.liveness.planarity import Planarity, PlanarityCheck
from app.core.liveness.signals import BlinkDetector, eye_closure
from app.core.settings import LivenessSettings

LIVENESS_MODES = ("off", "lenient", "balanced", "strict")


class LivenessState(enum.StrEnum):
    PENDING = "pending"
    LIVE = "live"
    SPOOF = "spoof"


@dataclass
class TrackLiveness:
    """Liveness evidence gathered over one track: passive scores, blinks, 3-D motion, static scene."""

    mode: str
    settings: LivenessSettings
    has_passive: bool
    samples: int = 3  # passive scores averaged (AttendanceSettings.passive_samples)
    passive: list[float] = field(default_factory=list)
    blinks: int = 0
    frames: int = 0

    def __post_init__(self) -> None:
        s = self.settings
        self.blink = BlinkDetector(s.blink_peak, s.blink_rise, s.blink_fall, s.blink_max_duration_s)
        self.planarity = PlanarityCheck(
            s.planarity_min_rotation_deg, s.planarity_threshold, s.planarity_min_pairs
        )
        self.static = StaticSceneCheck(s.static_window_s, s.micro_motion_threshold)
        self._last_t = 0.0

    def wants_passive(self) -> bool:
        """Score the first `samples` frames of the track back to back (a kiosk decides fast; ~5 ms per
        frame for the two 80x80 models), rather than every n-th frame as the enrolment does."""
        return self.has_passive and self.mode != "off" and len(self.passive) < self.samples

    def update(self, t_s: float, face: FaceObservation, passive: float | None) -> None:
        self.frames += 1
        self._last_t = t_s
        if passive is not None:
            self.passive.append(passive)
        if self.mode == "off":
            return
        blinked = self.blink.update(t_s, eye_closure(face))
        self.blinks += int(blinked)
        self.planarity.update(t_s, face)
        self.static.update(t_s, face, blinked)

    @property
    def passive_score(self) -> float:
        return float(np.mean(self.passive)) if self.passive else float("nan")

    @property
    def passive_threshold(self) -> float:
        s = self.settings
        return s.passive_strict_threshold if self.mode == "strict" else s.passive_threshold

    @property
    def active_positive(self) -> bool:
        return self.blinks > 0 or self.planarity.verdict == Planarity.THREE_D

    @property
    def spoof_cue(self) -> str:
        """A reason to refuse ('' when none)."""
        if self.mode == "off":
            return ""
        if len(self.passive) >= self.samples and self.passive_score < self.passive_threshold:
            return "passive"
        if self.planarity.verdict == Planarity.PLANAR:
            return "flat"
        if self.static.is_static(self._last_t) and not self.active_positive:
            return "static"
        return ""

    @property
    def state(self) -> LivenessState:
        if self.mode == "off":
            return LivenessState.LIVE
        if self.spoof_cue:
            return LivenessState.SPOOF
        passive_ok = not self.has_passive or (
            len(self.passive) >= self.samples and self.passive_score >= self.passive_threshold
        )
        if not passive_ok:
            return LivenessState.PENDING
        need_active = self.mode == "strict" or (self.mode == "balanced" and not self.has_passive)
        if need_active and not self.active_positive:
            return LivenessState.PENDING
        return LivenessState.LIVE

    @property
    def score(self) -> float:
        """0..1 for the event record: the passive mean when measured, else 1 live / 0.5 pending / 0 spoof."""
        if self.passive:
            return self.passive_score
        return {LivenessState.LIVE: 1.0, LivenessState.PENDING: 0.5, LivenessState.SPOOF: 0.0}[self.state]
