"""A camera's calibration record in the database: the rule (camera_calibration.py) over the stored bona fide
scores (app/core/storage/camera_calibration.py). Used by the kiosk (its threshold, its confident live
check-ins), the enrolment (sessions whose active challenge passed) and the Settings page (state, reset)."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.liveness.camera_calibration import (
    SOURCE_CHECKIN,
    SOURCE_ENROL,
    CalibrationRule,
    CalibrationState,
    CameraKey,
    rule_for,
)
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.settings import Settings
from app.core.storage import camera_calibration as stored

if TYPE_CHECKING:
    from app.core.context import AppContext
    from app.core.storage import Store

log = logging.getLogger(__name__)


def camera_key(settings: Settings, source_name: str) -> CameraKey:
    """The device (AttendanceSettings.device_id, else the host name) and the source's name."""
    import socket

    return CameraKey(settings.attendance.device_id or socket.gethostname(), source_name or "camera")


@dataclass(frozen=True)
class CameraStatus:
    key: CameraKey
    state: CalibrationState


class CameraCalibration:
    """One camera's calibration, read from and written to the store. Failures are logged, never raised into
    the kiosk or the enrolment: the shipped threshold is the fallback."""

    def __init__(self, store: Store, key: CameraKey, rule: CalibrationRule, actor: str = "kiosk") -> None:
        self.store = store
        self.key = key
        self.rule = rule
        self.actor = actor

    @classmethod
    def for_source(cls, store: Store, settings: Settings, source_name: str, actor: str) -> CameraCalibration:
        rule = rule_for(settings.liveness.passive_threshold)
        return cls(store, camera_key(settings, source_name), rule, actor)

    def state(self) -> CalibrationState:
        try:
            record = stored.get_camera(self.store, self.key.device_id, self.key.camera, self.rule.window)
        except Exception:
            log.exception("camera calibration not read: the shipped threshold applies")
            return self.rule.state([])
        return self.rule.state(record.scores if record is not None else [])

    def threshold(self) -> float:
        return self.state().threshold

    def _threshold_of(self, scores: Sequence[float]) -> float | None:
        state = self.rule.state(scores)
        return state.threshold if state.calibrated else None

    def add(self, source: str, score: float) -> CalibrationState | None:
        """One bona fide session's passive track score. None when not recorded (no score, or a failure)."""
        if not math.isfinite(score):
            return None
        try:
            with access.sealed(self.store):
                record = stored.add_bona_fide(
                    self.store,
                    self.key.device_id,
                    self.key.camera,
                    source,
                    min(1.0, max(0.0, float(score))),
                    self._threshold_of,
                    self.actor,
                    self.rule.window,
                )
        except Exception:
            log.exception("bona fide session not recorded for %s", self.key)
            return None
        return self.rule.state(record.scores)

    def add_checkin(self, score: float) -> CalibrationState | None:
        return self.add(SOURCE_CHECKIN, score)

    def add_enrolment(self, score: float) -> CalibrationState | None:
        return self.add(SOURCE_ENROL, score)


def camera_statuses(store: Store, settings: Settings) -> list[CameraStatus]:
    """Every camera with a record, with its state (for the Settings page)."""
    rule = rule_for(settings.liveness.passive_threshold)
    return [
        CameraStatus(CameraKey(r.device_id, r.camera), rule.state(r.scores))
        for r in stored.list_cameras(store, rule.window)
    ]


def reset_camera(store: Store, session: Session, key: CameraKey) -> int:
    """An administrator forgets a camera's calibration (Action.CHANGE_SETTINGS); audited. Returns the
    sessions dropped."""
    access.require(session, Action.CHANGE_SETTINGS)
    with access.sealed(store):
        return stored.reset_camera(store, key.device_id, key.camera, session.name)


class CalibrationAdmin:
    """What the Settings page needs (Qt-free): every camera's state and the audited reset, over the
    context's store (the UI never holds the store itself)."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def statuses(self) -> list[CameraStatus]:
        return camera_statuses(self.context._store, self.context.settings)

    def reset(self, session: Session, key: CameraKey) -> int:
        return reset_camera(self.context._store, session, key)


def attach_to_enrolment(gate: object, context: AppContext, source_name: str) -> CameraCalibration | None:
    """An enrolment on this camera: its liveness uses the camera's threshold, and an attempt whose active
    challenge passed feeds the camera's record with its passive score. None for a gate without a passive
    session (the demo camera, a test double)."""
    from app.core.enrolment.liveness import SessionLiveness

    if not isinstance(gate, SessionLiveness) or not hasattr(gate.session, "use_camera_threshold"):
        return None
    actor = getattr(context.session, "name", None) or "enrolment"
    calibration = CameraCalibration.for_source(context._store, context.settings, source_name, str(actor))
    gate.session.use_camera_threshold(calibration.threshold())
    gate.on_bona_fide = calibration.add_enrolment
    return calibration
