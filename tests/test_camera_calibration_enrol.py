"""An enrolment through the Qt enrol view with real2.webm as the camera: the liveness uses this camera's
calibrated threshold, and the attempt whose active challenge passed feeds the camera's record once."""

from __future__ import annotations

import pytest

from app.core.context import AppContext
from app.core.storage import camera_calibration as stored
from app.ui.enrol.view import EnrolView
from tests.conftest import shared_path
from tests.test_enrol_video import REAL2_CHALLENGE_SEED

pytestmark = [pytest.mark.shared, pytest.mark.slow]
CAMERA = "video:real2.webm"


def test_an_enrolment_with_a_passed_challenge_feeds_the_cameras_record(qtbot, qapp, ctx: AppContext) -> None:
    video = shared_path("data/video/real2.webm")
    ctx.settings.attendance.device_id = "desk-1"
    for _ in range(10):  # this camera calibrated below the shipped threshold
        stored.add_bona_fide(ctx._store, "desk-1", CAMERA, "checkin", 0.47, lambda s: 0.45, "test")
    ctx.create_first_admin("admin", "Tr0ub4dor&3")
    view = EnrolView(ctx, str(video))
    gates = []

    def liveness():  # type: ignore[no-untyped-def]
        gates.append(ctx.new_liveness(challenge_seed=REAL2_CHALLENGE_SEED))
        return gates[-1]

    view.liveness_factory = liveness
    view.worker_options = {"lossless": True}
    qtbot.addWidget(view)
    view.show()
    view.name_edit.setText("Ana Example")
    view.id_edit.setText("E001")
    view.consent.setChecked(True)
    assert view.start_capture()
    qtbot.waitUntil(lambda: view.camera_name == CAMERA, timeout=20_000)
    with qtbot.waitSignal(view.enrolled, timeout=60_000):
        pass
    (gate,) = gates
    assert gate.session.passive_threshold == pytest.approx(0.45)  # the camera's, not the shipped 0.5
    assert gate.session.passive_track.threshold == pytest.approx(0.45)
    record = stored.get_camera(ctx._store, "desk-1", CAMERA)
    assert record is not None and len(record.scores) == 11  # one session, not one per frame
    passive = gate.session.passive_mean
    assert passive is not None and record.scores[-1] == pytest.approx(passive, abs=1e-6) and passive > 0.9
    view.deactivate()
