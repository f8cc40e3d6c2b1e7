"""Per-camera calibration of the passive (bona fide) threshold: a pure rule, no storage, no Qt.

Cameras differ (white balance, noise, compression), so one camera's live faces may score lower on the
passive model than another's. Each camera keeps a record of its own bona fide track scores (one per
session: an enrolment whose active challenge passed, or a confident live check-in with an active cue);
once `sessions_needed` sessions are in, the camera's threshold follows the low quantile of its scores so
that at most `target_bpcer` of its live sessions would be refused:

    threshold = clamp(quantile(scores, target_bpcer) - margin, floor, ceiling)

- `ceiling` is the shipped threshold (LivenessSettings.passive_threshold, 0.5). Calibration only ever
  RELAXES toward the floor, never tightens: the record is censored from below (a check-in enters it only
  after it passed the current threshold), so a tightened threshold would chase its own survivors upward and
  start refusing the live faces it never saw; APCER is held by the floor and by the active cues instead.
- `floor` is set on attack data and never moves: 0.45, above every attack score measured on the shipped
  ensemble: the shared print/replay photos score at most 0.283, fake2.webm's replay ~0.01 per frame, and
  fake2's 5-frame tracks under 14 simulated webcams (tools/bench_camera_calibration.py, 1274 tracks) at most
  0.424 (cool white balance; 4 tracks >= 0.35, 1 >= 0.40, none >= 0.43). A floor of 0.35 would have let
  those 4 tracks past the passive check. An attacker who feeds many borderline "live" sessions (a mask
  passing the challenge) can pull the threshold down to the floor and no further, so APCER on the measured
  attacks cannot drift.
- Only the newest `window` sessions count, so a camera replaced or re-aimed relearns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

SOURCE_ENROL: Final = "enrol"
SOURCE_CHECKIN: Final = "checkin"
SOURCES: Final = (SOURCE_ENROL, SOURCE_CHECKIN)

ATTACK_FLOOR: Final = 0.45  # above every measured attack score (photos <= 0.283, fake2 tracks <= 0.424)


@dataclass(frozen=True)
class CameraKey:
    """One camera of one device: the kiosk's device id and the source's name (e.g. "camera:0")."""

    device_id: str
    camera: str

    def __str__(self) -> str:
        return f"{self.device_id} / {self.camera}"


@dataclass(frozen=True)
class CalibrationState:
    sessions: int
    needed: int
    threshold: float  # the threshold in force for this camera
    learned: float | None  # the quantile-based value before clamping (None while learning)

    @property
    def calibrated(self) -> bool:
        return self.sessions >= self.needed

    @property
    def label(self) -> str:
        if not self.calibrated:
            return f"learning: {self.sessions} of {self.needed} sessions"
        return f"calibrated: threshold {self.threshold:.2f} ({self.sessions} sessions)"


@dataclass(frozen=True)
class CalibrationRule:
    ceiling: float = 0.5  # the shipped threshold (LivenessSettings.passive_threshold)
    floor: float = ATTACK_FLOOR
    target_bpcer: float = 0.02
    margin: float = 0.02  # below the quantile: a small-sample allowance
    sessions_needed: int = 10
    window: int = 200  # newest sessions kept per camera

    def __post_init__(self) -> None:
        if not 0.0 <= self.floor <= self.ceiling <= 1.0:
            raise ValueError(f"calibration needs 0 <= floor ({self.floor}) <= ceiling ({self.ceiling}) <= 1")

    def state(self, scores: Sequence[float]) -> CalibrationState:
        """The camera's state from its bona fide session scores (oldest first; non-finite ones ignored)."""
        kept = [float(s) for s in scores if math.isfinite(s)][-self.window :]
        if len(kept) < self.sessions_needed:
            return CalibrationState(len(kept), self.sessions_needed, self.ceiling, None)
        # The lower (conservative) order statistic: with 10-49 sessions the 2 % quantile is the minimum.
        learned = float(np.quantile(np.asarray(kept), self.target_bpcer, method="lower")) - self.margin
        threshold = min(self.ceiling, max(self.floor, learned))
        return CalibrationState(len(kept), self.sessions_needed, round(threshold, 4), learned)

    def threshold(self, scores: Sequence[float]) -> float:
        return self.state(scores).threshold


def rule_for(passive_threshold: float, sessions_needed: int = 10) -> CalibrationRule:
    """The rule under the configured (shipped) threshold; a threshold set below the attack floor is kept
    as it is (the floor never raises what an administrator lowered on purpose)."""
    ceiling = min(1.0, max(0.0, passive_threshold))
    return CalibrationRule(ceiling=ceiling, floor=min(ATTACK_FLOOR, ceiling), sessions_needed=sessions_needed)
