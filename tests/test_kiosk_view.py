"""The kiosk window (pytest-qt, offscreen): admin-PIN exit, greeting overlay, camera loss and reconnect."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.core.attendance import KioskBackend, KioskEvent, Outcome
from app.core.camera.sources import Frame, FrameSource
from app.core.context import AppContext
from app.core.errors import SourceError
from app.core.records import Direction, Person
from app.core.settings import Settings
from app.core.vision.images import load_rgb
from app.ui.kiosk.view import KioskView

ASTRONAUT = Path(__file__).resolve().parents[1] / "resources" / "demo" / "astronaut.png"


class StillSource(FrameSource):
    """A still picture at 30 fps; `fail_after` frames, then the 'camera' is unplugged."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.rgb = load_rgb(ASTRONAUT)
        self.name = "still"
        self.count = 0
        self.fail_after = fail_after

    def read(self) -> Frame:
        if self.fail_after is not None and self.count >= self.fail_after:
            raise SourceError("Camera 0 stopped sending frames (unplugged?).")
        self.count += 1
        return Frame(self.rgb, self.count * 33, self.count)


@pytest.fixture
def context(memory_keyring: object, data_dir: Path) -> AppContext:
    settings = Settings(data_dir=data_dir)
    settings.kiosk.sound = True  # exercised: must not fail without an audio device
    settings.kiosk.reconnect_initial_s = 0.05
    settings.kiosk.reconnect_max_s = 0.2
    ctx = AppContext(settings)
    ctx.open()
    yield ctx
    ctx.close()


def make_view(qtbot, context: AppContext, factory) -> KioskView:  # type: ignore[no-untyped-def]
    backend = KioskBackend.from_context(context, load_models=False)
    view = KioskView(backend, factory, windowed=True)
    qtbot.addWidget(view)
    asked: list[int] = []
    view.ask_exit = lambda: asked.append(1)  # type: ignore[method-assign]  # no modal dialog in tests
    view.asked = asked  # type: ignore[attr-defined]
    return view


def test_exit_needs_the_admin_pin_and_screenshot(qtbot, context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context._store.add_user("boss", "admin", "2468")
    context._store.add_user("clerk", "hr", "1357")
    view = make_view(qtbot, context, StillSource)
    view.start()
    qtbot.waitUntil(lambda: view.frames_shown >= 10, timeout=15_000)
    assert "Camera: ok" in view.status_text and "Database: ok" in view.status_text
    assert "Sync: off" in view.status_text

    view.close()  # Alt+F4 / window manager: refused, the PIN is asked instead
    qtbot.wait(50)
    assert view.isVisible() and view.asked
    assert view.request_exit("0000").message == "Wrong PIN."
    assert not view.request_exit("1357").ok  # an HR user's PIN does not open the kiosk
    assert view.isVisible() and view.worker.running

    ana = Person("p1", "E1", "Ana Lima")
    at = datetime(2026, 3, 2, 8, 2, tzinfo=UTC)
    view._show(KioskEvent(Outcome.CHECKED_IN, 1, at, at, ana, Direction.IN, match_score=0.95))
    assert view.greeting_text == "Good morning, Ana — checked in 08:02"
    qtbot.wait(100)
    shot = tmp_path / "kiosk.png"
    assert view.grab().save(str(shot)) and shot.stat().st_size > 10_000

    check = view.request_exit("2468")
    assert check.ok
    assert not view.isVisible() and not view.worker.running
    entries = [(e.actor, e.action) for e in context._store.audit_entries()]
    assert ("boss", "kiosk.exit") in entries  # access.login + EXIT_KIOSK, the admin as the actor
    assert (context.actor, "kiosk.start") in entries


def test_no_admin_gives_a_clear_message(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, context, StillSource)
    check = view.request_exit("1234")
    assert not check.ok and "No administrator account" in check.message


def test_admin_lockout_is_reported(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    context._store.add_user("boss", "admin", "2468")
    view = make_view(qtbot, context, StillSource)
    for _ in range(5):
        view.request_exit("0000")
    check = view.request_exit("2468")  # right PIN, but the account is locked now
    assert not check.ok and "locked" in check.message


def test_camera_lost_then_reconnected(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    calls = {"n": 0}
    states: list[str] = []

    def factory() -> FrameSource:
        calls["n"] += 1
        if calls["n"] == 2:  # the first reconnect attempt fails too
            raise SourceError("Camera 0 not found or busy.")
        return StillSource(fail_after=15)

    view = make_view(qtbot, context, factory)
    view.worker.camera_status.connect(lambda state, _msg: states.append(state))
    view.start()
    qtbot.waitUntil(lambda: calls["n"] >= 3 and view.frames_shown >= 20, timeout=15_000)
    view.shutdown()
    assert "lost" in states and states.count("ok") >= 2
    assert view.worker.stats.reconnects >= 1


def test_sound_objects_are_destroyed_with_the_window(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """The sound cues belong to the kiosk window: deleted with it on the UI thread. (They had no parent:
    Python's collector destroyed them later, on whichever thread ran it, camera and recognition included.)"""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    backend = KioskBackend.from_context(context, load_models=False)
    view = KioskView(backend, StillSource, windowed=True)
    effects = list(view.sounds._effects.values())
    if not effects:
        pytest.skip("QtMultimedia could not create a sound effect on this machine")
    assert all(shiboken6.isValid(effect) for effect in effects)
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(view)
    assert view.sounds._effects and not any(shiboken6.isValid(effect) for effect in effects)
