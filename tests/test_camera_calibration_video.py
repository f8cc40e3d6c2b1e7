"""The kiosk's real path on real2.webm with per-camera calibration: the camera's threshold is the one the
track verdict uses, and the confident live check-in's passive track score feeds the camera's record."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.attendance import KioskBackend, Outcome
from app.core.camera.sources import VideoFileSource
from app.core.policy.access import Audit
from app.core.storage import camera_calibration as stored
from tests.conftest import shared_path
from tests.test_attendance_video import T0, enrolled_kiosk, make_context, models_home, run_processor

pytestmark = [pytest.mark.shared, pytest.mark.slow]
__all__ = ["models_home"]
CAMERA = "video:real2.webm"


def test_a_confident_live_check_in_feeds_the_cameras_record(
    memory_keyring: object, data_dir: Path, models_home: Path
) -> None:
    video = shared_path("data/video/real2.webm")
    ctx, _settings = make_context(data_dir, models_home)
    clock = [T0]
    with ctx:
        _person, backend = enrolled_kiosk(ctx, video, clock)
        for _ in range(10):  # a camera whose live faces scored low: calibrated below the shipped 0.5
            stored.add_bona_fide(ctx._store, "test-kiosk", CAMERA, "enrol", 0.49, lambda s: 0.47, "test")
        with VideoFileSource(video) as source:
            assert source.name == CAMERA  # the name the kiosk worker hands to use_camera
        assert backend.use_camera(CAMERA) == pytest.approx(0.47)
        events, _stats = run_processor(backend, video, clock)
        (event,) = [e for e in events if e.outcome == Outcome.CHECKED_IN]
        assert event.doubts == [] and event.liveness_score > 0.9
        record = stored.get_camera(ctx._store, "test-kiosk", CAMERA)
        assert record is not None and len(record.scores) == 11
        assert record.scores[-1] == pytest.approx(event.liveness_score, abs=1e-6)  # the track's passive score
        assert record.threshold == pytest.approx(0.47)  # the lowest session 0.49 minus the 0.02 margin
        assert backend.service.passive_threshold == pytest.approx(0.47)
        actions = [e.action for e in ctx._store.audit_entries(50)]
        assert Audit.CAMERA_CALIBRATION in actions  # learning → calibrated was audited


def test_the_track_verdict_uses_the_cameras_threshold(memory_keyring: object, data_dir: Path) -> None:
    ctx, _settings = make_context(data_dir)
    with ctx:
        for _ in range(10):
            stored.add_bona_fide(ctx._store, "test-kiosk", CAMERA, "enrol", 0.48, lambda s: 0.46, "test")
        backend = KioskBackend.from_context(ctx, load_models=False)
        assert backend.service._new_state().liveness.passive_threshold == 0.5  # before the camera opens
        backend.use_camera(CAMERA)
        liveness = backend.service._new_state().liveness
        assert liveness.passive_threshold == pytest.approx(0.46)
        assert liveness.passive_track.threshold == pytest.approx(0.46)
        backend.use_camera("camera:1")  # another camera: its own (empty) record, the shipped threshold
        assert backend.service._new_state().liveness.passive_threshold == 0.5


def test_fake2_stays_spoof_at_the_attack_floor() -> None:
    """The most relaxed threshold any camera can reach (the floor): the phone replay is still refused by the
    passive model, its track score far below the floor."""
    from app.core.evaluation.liveness import run_video
    from app.core.liveness.antispoof import load_passive_ensemble
    from app.core.liveness.camera_calibration import ATTACK_FLOOR
    from app.core.settings import LivenessSettings

    video = shared_path("data/video/fake2.webm")
    passive = load_passive_ensemble().scorer
    assert passive is not None  # bundled
    result = run_video(video, LivenessSettings(passive_threshold=ATTACK_FLOOR), passive=passive)
    assert result["decision"] == "spoof", result
    assert result["passive_score"] is not None and result["passive_score"] < ATTACK_FLOOR / 5
