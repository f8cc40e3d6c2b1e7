"""The per-camera calibration record in the encrypted store (schema v8): round trip, the audited threshold
changes, the admin-only audited reset, bad input refused with nothing lost."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.errors import PermissionDenied
from app.core.liveness.camera_calibration import ATTACK_FLOOR, CameraKey
from app.core.liveness.camera_record import CameraCalibration, camera_statuses, reset_camera
from app.core.policy import access
from app.core.policy.access import Audit
from app.core.settings import Settings
from app.core.storage import camera_calibration as stored
from app.core.storage.migrations import MIGRATIONS


def _calibration(store: Any, camera: str = "camera:0") -> CameraCalibration:
    settings = Settings()
    settings.attendance.device_id = "desk-1"
    return CameraCalibration.for_source(store, settings, camera, "kiosk")


def test_schema_v8_holds_the_calibration_tables(store: Any) -> None:
    assert [m.version for m in MIGRATIONS][-1] == 8 and store.schema_version() == 8


def test_sessions_round_trip_and_the_threshold_change_is_audited_once(store: Any) -> None:
    calibration = _calibration(store)
    for i in range(9):
        state = calibration.add_checkin(0.50 + 0.01 * i)
        assert state is not None and state.label == f"learning: {i + 1} of 10 sessions"
    assert calibration.threshold() == 0.5
    assert Audit.CAMERA_CALIBRATION not in [e.action for e in store.audit_entries(50)]
    state = calibration.add_enrolment(0.60)
    assert state is not None and state.calibrated and state.threshold == pytest.approx(0.48)
    record = stored.get_camera(store, "desk-1", "camera:0")
    assert record is not None and record.threshold == pytest.approx(0.48) and len(record.scores) == 10
    assert record.scores[0] == pytest.approx(0.50) and record.scores[-1] == pytest.approx(0.60)
    calibration.add_checkin(0.99)  # the threshold does not move: no new entry
    changes = [e for e in store.audit_entries(50) if e.action == Audit.CAMERA_CALIBRATION]
    assert len(changes) == 1
    assert changes[0].details["threshold"] == pytest.approx(0.48) and changes[0].details["sessions"] == 10
    assert changes[0].details["camera"] == "camera:0" and changes[0].details["device"] == "desk-1"
    assert store.verify_audit().ok
    other = _calibration(store, "network:door")  # each camera has its own record
    assert other.threshold() == 0.5 and other.state().sessions == 0
    (status,) = camera_statuses(store, Settings())
    assert status.key == CameraKey("desk-1", "camera:0") and status.state.sessions == 11


def test_reset_needs_an_admin_and_is_audited(store: Any, cheap_argon2: None) -> None:
    calibration = _calibration(store)
    for _ in range(10):
        calibration.add_checkin(0.49)
    assert calibration.threshold() == pytest.approx(0.47)
    store.add_user("eve", "hr", "739164", actor="test")
    store.add_user("root", "admin", "739165", actor="test")
    hr = access.login(store, "eve", "739164")
    with pytest.raises(PermissionDenied):
        reset_camera(store, hr, calibration.key)
    assert calibration.state().sessions == 10  # nothing lost
    admin = access.login(store, "root", "739165")
    assert reset_camera(store, admin, calibration.key) == 10
    assert calibration.threshold() == 0.5 and calibration.state().label == "learning: 0 of 10 sessions"
    assert camera_statuses(store, Settings()) == []
    entry = store.audit_entries(1)[0]
    assert entry.action == Audit.CAMERA_CALIBRATION_RESET and entry.actor == "root"
    assert entry.details == {"device": "desk-1", "camera": "camera:0", "sessions": 10, "previous": 0.47}
    assert store.verify_audit().ok


def test_bad_scores_are_refused_and_nothing_is_lost(store: Any) -> None:
    calibration = _calibration(store)
    calibration.add_checkin(0.9)
    with pytest.raises(ValueError, match="0 to 1"):
        stored.add_bona_fide(store, "desk-1", "camera:0", "checkin", 1.5, lambda s: None, "kiosk")
    with pytest.raises(ValueError, match="bona fide session"):
        stored.add_bona_fide(store, "desk-1", "camera:0", "guess", 0.9, lambda s: None, "kiosk")
    assert calibration.add_checkin(float("nan")) is None
    assert calibration.state().sessions == 1


def test_a_store_failure_keeps_the_shipped_threshold(store: Any) -> None:
    calibration = _calibration(store)
    store.close()
    assert calibration.threshold() == 0.5 and calibration.add_checkin(0.9) is None


def test_stored_sessions_of_an_attacker_cannot_pull_the_threshold_below_the_floor(store: Any) -> None:
    """Through the real store path: 60 "live" sessions scoring like the print/replay photos (<= 0.283)
    after 10 genuine ones leave the camera at the attack floor, never below."""
    calibration = _calibration(store)
    for _ in range(10):
        calibration.add_checkin(0.97)
    for i in range(60):
        state = calibration.add_enrolment(0.283 - 0.004 * i)
        assert state is not None and state.threshold >= ATTACK_FLOOR
    assert calibration.threshold() == ATTACK_FLOOR
    record = stored.get_camera(store, "desk-1", "camera:0")
    assert record is not None and record.threshold == ATTACK_FLOOR
