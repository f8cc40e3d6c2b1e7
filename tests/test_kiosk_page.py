"""The main window's Kiosk page (pytest-qt, offscreen): what the kiosk will use, who may change it (audited),
the last events by name, the camera picker with "Network camera…" (password to the keyring, never into the
address), and Launch."""

# ruff: noqa: F811  (pytest fixtures imported from tests/ui_access_support.py)
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import keyring
import pytest
from keyring.backends import fail

from app.core.camera import credentials as creds
from app.core.context import AppContext
from app.core.errors import PermissionDenied
from app.core.policy.access import Role, Session
from app.core.records import Direction
from app.ui.common.widgets import NETWORK_CHOICE, CameraPicker
from app.ui.kiosk.network_camera_dialog import NetworkCameraDialog
from app.ui.main_window import MainWindow
from tests.conftest import MemoryKeyring
from tests.netcam_support import MjpegServer
from tests.ui_access_support import add_event, add_person, make_window, sessions  # noqa: F401 (fixtures)

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def _clean_session_passwords(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(creds.CAMERA_PASSWORD_ENV, raising=False)
    monkeypatch.setattr(creds, "_session_passwords", {})
    yield


def audit_actions(ctx: AppContext) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    return [(e.action, e.details) for e in ctx.audit_entries(200)]


def test_page_shows_the_settings_in_force_and_the_last_events(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    now = datetime.now(UTC)
    ana = add_person(ctx, "Ana Lima", "E1", seed=1)
    bo = add_person(ctx, "Bo Chen", "E2", seed=2)
    add_event(ctx, ana, now - timedelta(days=10), Direction.IN)  # older than the page looks back
    add_event(ctx, ana, now - timedelta(hours=3), Direction.IN)
    add_event(ctx, bo, now - timedelta(hours=2), Direction.IN)
    add_event(ctx, ana, now - timedelta(minutes=5), Direction.OUT)
    ctx.settings.attendance.mode = "in"
    win = make_window(sessions[Role.ADMIN])
    page = win.kiosk_panel
    assert win.select_page("Kiosk")
    qtbot.waitUntil(lambda: page.events_table.rowCount() == 3, timeout=5_000)
    rows = [
        [page.events_table.item(r, c).text() for c in range(page.events_table.columnCount())]
        for r in range(3)
    ]
    assert [r[1:3] for r in rows] == [
        ["Ana Lima", "Check-out"],
        ["Bo Chen", "Check-in"],
        ["Ana Lima", "Check-in"],
    ]
    assert page.mode_box.currentData() == "in" and "check-in" in page.mode_hint.text()
    assert page.liveness_box.currentData() == ctx.settings.attendance.liveness
    assert page.mode_box.isEnabled() and page.permission_note.isHidden()

    # An event written meanwhile (e.g. by the kiosk) shows at the next refresh.
    add_event(ctx, bo, now, Direction.OUT)
    page.refresh_events()
    assert (
        page.events_table.item(0, 1).text() == "Bo Chen"
        and page.events_table.item(0, 2).text() == "Check-out"
    )


def test_changes_need_an_administrator_and_are_audited(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    win = make_window(sessions[Role.ADMIN])
    page = win.kiosk_panel
    page.mode_box.setCurrentIndex(page.mode_box.findData("out"))
    page.liveness_box.setCurrentIndex(page.liveness_box.findData("strict"))
    page.greeting_spin.setValue(6.5)
    changed = page.apply_settings()
    assert set(changed) == {"attendance.mode", "attendance.liveness", "kiosk.greeting_seconds"}
    assert ctx.settings.attendance.mode == "out" and ctx.settings.attendance.liveness == "strict"
    assert ctx.settings.kiosk.greeting_seconds == 6.5
    entries = [d for a, d in audit_actions(ctx) if a == "settings.change" and d.get("scope") == "kiosk"]
    assert entries and entries[0]["attendance.liveness"] == ["balanced", "strict"]
    assert page.apply_settings() == {}  # nothing changed: no new entry

    win.close()
    kiosk_user = make_window(sessions[Role.KIOSK])
    page = kiosk_user.kiosk_panel
    assert kiosk_user.select_page("Kiosk") and kiosk_user.page_visible("Kiosk")
    assert not page.liveness_box.isEnabled() and page.permission_note.isVisible()
    assert page.launch_button.isEnabled()
    page.liveness_box.setCurrentIndex(page.liveness_box.findData("off"))  # forced past the disabled box
    with pytest.raises(PermissionDenied):
        page.apply_settings()
    page._launch_clicked()
    assert ctx.settings.attendance.liveness == "strict" and "not allowed" in page.status.text()
    assert page.liveness_box.currentData() == "strict"  # the page shows what is in force again


def test_kiosk_page_camera_follows_the_top_bar_and_launches(
    qtbot, ctx: AppContext, sessions: dict[Role, Session], make_window: Callable[..., MainWindow]
) -> None:
    win = make_window(sessions[Role.ADMIN])
    page = win.kiosk_panel
    assert page.camera.spec == "demo" and "photo" in page.camera_note.text()
    page.camera.set_spec("rtsp://cam@192.168.1.20:554/stream1")
    assert win.camera_picker.spec == "rtsp://cam@192.168.1.20:554/stream1"
    assert win.camera_picker.combo.currentText() == "Network: 192.168.1.20/stream1"
    assert "reconnects" in page.camera_note.text()
    win.camera_picker.set_spec("demo")
    assert page.camera.spec == "demo"

    assert win.select_page("Kiosk")
    with qtbot.waitSignal(page.launch_requested, timeout=2_000):
        page.launch_button.click()
    kiosk = win.kiosk_window
    try:
        assert kiosk is not None and win.kiosk_status.text() == "Kiosk running."
        qtbot.waitUntil(lambda: kiosk.frames_shown > 3, timeout=20_000)  # type: ignore[attr-defined]
    finally:
        if kiosk is not None:
            kiosk.shutdown()  # type: ignore[attr-defined]
            kiosk.deleteLater()
            win.kiosk_window = None


def test_network_camera_dialog_keeps_the_password_in_the_keyring(
    qtbot, memory_keyring: MemoryKeyring
) -> None:
    server = MjpegServer(None, user="cam", password="s3cret:/@").start()
    try:
        dialog = NetworkCameraDialog()
        qtbot.addWidget(dialog)
        assert dialog.remember.isEnabled() and dialog.remember.isChecked()
        dialog.url_edit.setText("ftp://nowhere")
        assert not dialog.submit() and "must start with" in dialog.message.text()
        dialog.url_edit.setText(server.url)
        dialog.user_edit.setText("cam")
        assert not dialog.submit() and "password of cam" in dialog.message.text()
        dialog.password_edit.setText("s3cret:/@")
        dialog.test_connection()
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15_000)
        assert dialog.message.text().startswith("Connected: 640×480"), dialog.message.text()
        assert dialog.submit()
    finally:
        server.stop()
    expected = server.url.replace("http://", "http://cam@")
    assert dialog.spec == expected and "s3cret" not in dialog.spec
    port = server.port
    assert memory_keyring.store == {("FaceAttend", f"camera:http://cam@127.0.0.1:{port}"): "s3cret:/@"}

    again = NetworkCameraDialog(current=dialog.spec)  # reopened: address and user, never the password
    qtbot.addWidget(again)
    assert again.url_edit.text() == server.url and again.user_edit.text() == "cam"
    assert again.password_edit.text() == ""


def test_network_camera_dialog_without_a_keyring(qtbot) -> None:  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = NetworkCameraDialog()
        qtbot.addWidget(dialog)
        assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
        dialog.url_edit.setText("rtsp://10.1.1.7/live")
        dialog.user_edit.setText("door")
        dialog.password_edit.setText("pw-123")
        assert dialog.submit() and dialog.spec == "rtsp://door@10.1.1.7/live"
        assert creds.find_password(creds.parse_camera_url(dialog.spec)) == "pw-123"  # this session only
    finally:
        keyring.set_keyring(previous)


def test_camera_picker_offers_network_cameras(qtbot, memory_keyring: MemoryKeyring) -> None:
    picker = CameraPicker(probe=False)
    qtbot.addWidget(picker)
    texts = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert texts == ["Demo camera (built in)", "Network camera…", "Video file…"]
    chosen: list[str] = []
    picker.changed.connect(chosen.append)

    def fill_and_accept() -> None:
        dialog = picker.network_dialog
        dialog.url_edit.setText("http://10.0.0.3:8080/video.mjpg")
        dialog.submit()

    picker.choose_network_camera = lambda: _with_dialog(picker, fill_and_accept)  # type: ignore[method-assign]
    picker.combo.setCurrentIndex(picker.combo.findData(NETWORK_CHOICE))
    picker._activated(picker.combo.currentIndex())
    assert chosen == ["http://10.0.0.3:8080/video.mjpg"]
    assert picker.combo.currentText() == "Network: 10.0.0.3:8080/video.mjpg"

    picker.choose_network_camera = lambda: ""  # type: ignore[method-assign]  # cancelled
    picker.combo.setCurrentIndex(picker.combo.findData(NETWORK_CHOICE))
    picker._activated(picker.combo.currentIndex())
    assert picker.spec == "http://10.0.0.3:8080/video.mjpg" and chosen == ["http://10.0.0.3:8080/video.mjpg"]


def _with_dialog(picker: CameraPicker, act: Callable[[], None]) -> str:
    """choose_network_camera() without a modal loop: the real dialog, filled in by `act`."""
    picker.network_dialog = NetworkCameraDialog(picker, current=picker.spec)
    act()
    return picker.network_dialog.spec
