"""The Settings page shows each camera's liveness calibration state and resets it (admins only, audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core.context import AppContext
from app.core.liveness.camera_record import CameraCalibration
from app.core.policy.access import Audit
from app.ui.main_window import PAGES, MainWindow


def _labels(win: MainWindow) -> list[str]:
    return [w.text() for w in win.camera_calibration.findChildren(QLabel, "cameraCalibrationState")]


def test_settings_shows_each_cameras_state_and_resets_it(qtbot, qapp, ctx: AppContext) -> None:
    ctx.settings.attendance.device_id = "desk-1"
    door = CameraCalibration.for_source(ctx._store, ctx.settings, "camera:0", "kiosk")
    hall = CameraCalibration.for_source(ctx._store, ctx.settings, "network:hall", "kiosk")
    for _ in range(10):
        door.add_checkin(0.5)
    for _ in range(3):
        hall.add_enrolment(0.9)
    admin = ctx.create_first_admin("admin", "583920")
    win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)
    qtbot.addWidget(win)
    win.show_page(PAGES.index("Settings"))
    assert _labels(win) == [
        "calibrated: threshold 0.48 (10 sessions)",
        "learning: 3 of 10 sessions",
    ]
    key = door.key
    _state, button = win.camera_calibration.rows[key]
    assert button.isEnabled()
    button.click()
    assert _labels(win) == ["learning: 3 of 10 sessions"]
    assert door.threshold() == 0.5
    assert "calibration reset (10 sessions forgotten)" in win.camera_calibration.message.text()
    entry = ctx._store.audit_entries(1)[0]
    assert entry.action == Audit.CAMERA_CALIBRATION_RESET and entry.actor == "admin"
    win.close()
