"""The kiosk screen in every state at 1366x768, 1024x768 and 1920x1080 (pytest-qt, offscreen): no text is
clipped (Qt's font metrics against the rectangle it is painted in), nothing overlaps, nothing leaves the
window, no font is under 18 px at 1366x768; long names are elided on the face box and whole on the card;
each state says what to do; "Not you?" emits its signal; a state the kiosk does not know shows its label."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QRectF, Qt

from app.core.attendance import KioskBackend, KioskEvent, Outcome
from app.core.attendance.events import FrameDecisions, TrackView
from app.core.camera.sources import Frame
from app.core.context import AppContext
from app.core.records import AttendanceEvent, Direction, Person
from app.core.settings import Settings
from app.core.vision.images import load_rgb
from app.ui.kiosk.layout import TextItem
from app.ui.kiosk.view import KioskView
from app.ui.kiosk.worker import to_qimage

ASTRONAUT = Path(__file__).resolve().parents[1] / "resources" / "demo" / "astronaut.png"
SIZES = [(1366, 768), (1024, 768), (1920, 1080)]
AT = datetime(2026, 3, 2, 8, 14, tzinfo=UTC)
LONG = "Jamie Rivera-Montgomery (spouse of the site manager)"
BOX = (205.0, 70.0, 300.0, 190.0)  # the portrait's face, roughly (the layout, not the detector, is tested)
ANA = Person("p1", "E1", "Ana Lima")
JAMIE = Person("p2", "E2", LONG)
EARLIER = AttendanceEvent("e0", "p1", AT - timedelta(minutes=3), "UTC", Direction.IN, 1, 1, "d")


def track(state: str, label: str) -> FrameDecisions:
    return FrameDecisions([], [TrackView(1, BOX, label, state)])


# name, decisions, greeting event, waited for liveness, expected state name, a text the screen must show
STATES = [
    ("idle", FrameDecisions([], []), None, False, "idle", "Look at the camera"),
    ("in_late", track("known", LONG),
     KioskEvent(Outcome.CHECKED_IN, 1, AT, AT, JAMIE, Direction.IN, late=True), False, "recognised", LONG),
    ("out", track("known", "Ana Lima"), KioskEvent(Outcome.CHECKED_OUT, 1, AT, AT, ANA, Direction.OUT), False,
     "recognised", "Checked out at 08:14"),
    ("already", track("known", "Ana Lima"), KioskEvent(Outcome.ALREADY, 1, AT, AT, ANA, None, event=EARLIER),
     False, "recognised", "Already checked in at 08:11"),
    ("unknown", track("unknown", "Unknown"), KioskEvent(Outcome.UNKNOWN, 1, AT, AT), False, "unknown",
     "Please try again, or see the front desk"),
    ("unknown_band", track("unknown", "Unknown"), None, False, "unknown", "Not recognised"),
    ("ambiguous", track("ambiguous", "Ana Lima or Jamie Rivera?"), None, False, "ambiguous",
     "Please look at the camera"),
    ("liveness", track("pending", LONG), None, True, "liveness", "Please blink"),
    ("checking", track("pending", ""), None, False, "checking", "Hold still…"),
    ("low_light", track("low_light", LONG), None, True, "low_light",
     "The camera image is too dark to check that you are really here"),
    ("spoof", track("spoof", "Ana Lima (spoof)"), None, False, "spoof", "Please see the front desk"),
    ("new_state", track("occluded", "Please take off the mask"), None, False, "Please take off the mask",
     "Please take off the mask"),
]  # fmt: skip


@pytest.fixture
def view(qtbot, memory_keyring: object, data_dir: Path) -> Iterator[KioskView]:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=data_dir)
    settings.kiosk.sound = False
    settings.reports.organisation_name = "Northwind Logistics — Warehouse 3, Rotterdam Europoort distribution"
    with AppContext(settings, background_sync=False) as ctx:
        backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: AT)
        kiosk = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
        kiosk.show()
        kiosk._on_camera("ok", "still")
        kiosk._on_frame(to_qimage(Frame(load_rgb(ASTRONAUT), 0, 0)), 0)
        yield kiosk
        kiosk._exit_allowed = True
        kiosk.shutdown()
        kiosk.close()
        kiosk.deleteLater()


def enter(view: KioskView, decisions: FrameDecisions, event: KioskEvent | None, waited: bool) -> None:
    view._clear_greeting()
    view._on_camera("ok", "still")
    view._on_decisions(decisions, 0)
    if waited:
        view._waiting = dict.fromkeys(view._waiting, 0.0)  # recognised long ago, still waiting for liveness
    if event is not None:
        view._show(event)


def check_items(items: list[TextItem], size: tuple[int, int], where: str) -> None:
    w, h = size
    window = QRectF(0, 0, w, h)
    for item in items:
        label = f"{where}: {item.layer}/{item.name} {item.text!r}"
        assert item.text, label
        assert item.fits(), f"{label} needs {item.needed()} but has {item.rect}"
        assert window.contains(item.rect), f"{label} leaves the {w}x{h} window: {item.rect}"
        if size == (1366, 768):
            assert item.font.pixelSize() >= 18, f"{label} is {item.font.pixelSize()} px"
    painted = [i for i in items if i.layer != "box"]  # a face-box label floats over the picture
    for a_i, a in enumerate(painted):
        for b in painted[a_i + 1 :]:
            overlap = QRectF(a.needed()).intersected(QRectF(b.needed()))
            assert overlap.isEmpty(), f"{where}: {a.name!r} overlaps {b.name!r}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_text_is_clipped_overlapping_or_too_small(qtbot, view: KioskView, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    view.resize(*size)
    qtbot.waitUntil(lambda: (view.width(), view.height()) == size, timeout=5000)
    for name, decisions, event, waited, state, must_show in STATES:
        enter(view, decisions, event, waited)
        items = view.text_items()
        assert view.state_name == state, name
        assert any(i.text == must_show for i in items), (
            f"{name}: {must_show!r} not in {[i.text for i in items]}"
        )
        check_items(items, size, f"{size} {name}")
        view.grab()  # paints this state (a paint error would raise here)
    view._clear_greeting()
    view._on_camera(
        "lost", "Camera lost: Camera 0 stopped sending frames (unplugged?). " * 6 + "Reconnecting…"
    )
    items = view.text_items()
    assert view.state_name == "camera_lost"
    assert "Camera lost — reconnecting" in [i.text for i in items]
    check_items(items, size, f"{size} camera lost")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_long_names_are_elided_on_the_box_and_whole_on_the_card(qtbot, view: KioskView, size) -> None:  # type: ignore[no-untyped-def]
    view.resize(*size)
    qtbot.waitUntil(lambda: (view.width(), view.height()) == size, timeout=5000)
    enter(view, track("known", LONG), KioskEvent(Outcome.CHECKED_IN, 1, AT, AT, JAMIE, Direction.IN), False)
    items = {i.name: i for i in view.text_items()}
    assert items["box1"].text.endswith("…") and items["box1"].text != LONG
    assert items["name"].text == LONG and items["name"].fits()
    assert items["name"].font.pixelSize() > items["detail"].font.pixelSize()  # wrapped, not shrunk
    assert items["organisation"].text.endswith("…")  # the long organisation name is elided, not clipped
    enter(view, track("pending", ""), None, False)
    assert [i.text for i in view.text_items() if i.layer == "box"] == ["Checking…"]  # short texts stay whole


def test_not_you_link_emits_the_event(qtbot, view: KioskView) -> None:  # type: ignore[no-untyped-def]
    view.resize(1366, 768)
    event = KioskEvent(Outcome.CHECKED_IN, 1, AT, AT, ANA, Direction.IN)
    enter(view, track("known", "Ana Lima"), event, False)
    link = view.not_you_rect()
    assert link is not None
    with qtbot.waitSignal(view.not_you, timeout=2000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=link.center().toPoint())
    assert blocker.args == [event]
    enter(view, track("unknown", "Unknown"), KioskEvent(Outcome.UNKNOWN, 1, AT, AT), False)
    assert view.not_you_rect() is None  # nobody to be "not"


def test_a_new_greeting_never_shows_the_previous_card(qtbot, view: KioskView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The card is drawn once into a cached pixmap; the cache must follow the card's content. (A freed
    card's id() is reused by the next card now and then: seen once in a screenshot; made certain here.)"""
    import app.ui.kiosk.paint as kiosk_paint

    monkeypatch.setattr(kiosk_paint, "id", lambda _obj: 1, raising=False)
    view.resize(1366, 768)
    qtbot.waitUntil(lambda: view.width() == 1366, timeout=5000)
    jamie = KioskEvent(Outcome.CHECKED_IN, 1, AT, AT, JAMIE, Direction.IN, late=True)
    ana = KioskEvent(Outcome.CHECKED_OUT, 2, AT, AT, ANA, Direction.OUT)
    for event, label in ((jamie, LONG), (ana, "Ana Lima"), (jamie, LONG)):
        enter(view, track("known", label), event, False)  # the greeting timer cleared the last card first
        shown = view.grab().toImage()
        view.painter.layers["card"] = kiosk_paint.Layer()  # an empty cache: drawn from scratch
        assert view.grab().toImage() == shown, event.person


def test_logo_goes_left_of_the_organisation_and_a_bad_logo_is_ignored(
    qtbot, memory_keyring: object, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    picture = QImage(120, 60, QImage.Format.Format_RGB32)
    picture.fill(QColor(30, 120, 200))
    assert picture.save(str(logo))
    (tmp_path / "broken.png").write_bytes(b"not an image")
    settings = Settings(data_dir=data_dir)
    settings.kiosk.sound = False
    with AppContext(settings, background_sync=False) as ctx:
        for path, has_logo in ((str(logo), True), (str(tmp_path / "broken.png"), False)):
            settings.kiosk.logo_path = path
            backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: AT)
            kiosk = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
            kiosk.resize(1366, 768)
            kiosk.show()
            kiosk._on_camera("ok", "still")
            kiosk._show_message("Wrong PIN. " * 20)  # the admin-exit message, long: wrapped and elided
            items = kiosk.text_items()
            org = next(i for i in items if i.name == "organisation")
            logo_right = kiosk.screen_layout().logo_rect().right()
            assert (org.rect.x() > logo_right) is has_logo
            check_items(items, (1366, 768), f"logo {has_logo}")
            kiosk.grab()
            kiosk._exit_allowed = True
            kiosk.shutdown()
            kiosk.close()
