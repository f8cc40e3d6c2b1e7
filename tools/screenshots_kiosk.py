"""Screenshots of the kiosk in each state and of the Today board, for a person to look at.

    xvfb-run -a -s "-screen 0 1920x1080x24" sh -c 'openbox & python tools/screenshots_kiosk.py OUT_DIR'

(or QT_QPA_PLATFORM=offscreen without a display). The kiosk is fed the public-domain demo portrait with its
real face box (one pipeline run); states are driven through the kiosk's own signal handlers: idle,
recognised (check-in, late, long name), check-out, unknown, ambiguous, liveness prompt, camera lost, at
1366x768, 1024x768 and 1920x1080. The Today board is shown on a throw-away database holding a generated day
of events (--people N). Writes PNG files into OUT_DIR and prints their names.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
SIZES = ((1366, 768), (1024, 768), (1920, 1080))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--people", type=int, default=40, help="people on the Today board (default 40)")
    ap.add_argument("--only", choices=("kiosk", "today"), help="one of the two screens only")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from app.core.context import AppContext
    from tools.qt_tool import start_gui

    app, settings = start_gui("screens-kiosk-", stylesheet=True)
    settings.kiosk.sound = False
    settings.reports.organisation_name = "Northwind Logistics — Warehouse 3"
    with AppContext(settings, background_sync=False) as ctx:
        if args.only in (None, "kiosk"):
            kiosk_screens(app, ctx, args.out)
        if args.only in (None, "today"):
            today_screens(app, ctx, args.out, args.people)
    return 0


def kiosk_screens(app: object, ctx: object, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.core.attendance import KioskBackend, KioskEvent, Outcome
    from app.core.attendance.events import FrameDecisions, TrackView
    from app.core.camera.sources import Frame
    from app.core.records import AttendanceEvent, Direction, Person
    from app.core.vision.images import load_rgb
    from app.ui.kiosk.view import KioskView
    from app.ui.kiosk.worker import to_qimage

    assert isinstance(app, QApplication)
    rgb = load_rgb(ROOT / "resources" / "demo" / "astronaut.png")
    pipeline = ctx.new_pipeline(video=False)  # type: ignore[attr-defined]
    faces = pipeline.process(rgb, 0, match=False).faces
    pipeline.close()
    box = faces[0].face.box if faces else (150.0, 60.0, 330.0, 280.0)
    image = to_qimage(Frame(rgb, 0, 0))
    at = datetime(2026, 3, 2, 8, 14, tzinfo=UTC)
    backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: at)  # type: ignore[arg-type]
    long_name = "Jamie Rivera-Montgomery (spouse of the site manager)"
    ana = Person("p1", "E1", "Ana Lima")
    jamie = Person("p2", "E2", long_name)
    earlier = AttendanceEvent("e0", "p1", at - timedelta(minutes=3), "UTC", Direction.IN, 1, 1, "d")

    def track(state: str, label: str) -> FrameDecisions:
        return FrameDecisions([], [TrackView(1, box, label, state)])

    states = [
        ("1_idle", FrameDecisions([], []), None),
        ("2_recognised_in_late", track("known", long_name),
         KioskEvent(Outcome.CHECKED_IN, 1, at, at, jamie, Direction.IN, late=True)),
        ("3_recognised_out", track("known", "Ana Lima"),
         KioskEvent(Outcome.CHECKED_OUT, 1, at, at, ana, Direction.OUT)),
        ("4_already", track("known", "Ana Lima"),
         KioskEvent(Outcome.ALREADY, 1, at, at, ana, None, event=earlier)),
        ("5_unknown", track("unknown", "Unknown"), KioskEvent(Outcome.UNKNOWN, 1, at, at)),
        ("6_unknown_after_card", track("unknown", "Unknown"), None),
        ("7_ambiguous", track("ambiguous", "Ana Lima or Jamie Rivera?"), None),
        ("8_liveness_prompt", track("pending", long_name), None),
        ("9_checking", track("pending", ""), None),
        ("10_new_state", track("occluded", "Please take off the mask"), None),
        ("11_low_light", track("low_light", "Ana Lima"), None),
        ("12_too_far", track("too_far", ""), None),
    ]  # fmt: skip
    for w, h in SIZES:
        view = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
        view.resize(w, h)
        view.show()
        view._on_camera("ok", "demo")
        view._on_frame(image, 0)
        for name, decisions, event in states:
            view._clear_greeting()
            view._waiting = {}
            view._on_decisions(decisions, 0)
            if name == "8_liveness_prompt":
                view._waiting = {1: 0.0}  # waited long enough to be asked to blink
            if event is not None:
                view._show(event)
            app.processEvents()
            path = out / f"kiosk_{w}x{h}_{name}.png"
            view.grab().save(str(path))
            print(path, view.state_name)
        view._clear_greeting()
        view._on_camera("lost", "Camera lost: Camera 0 stopped sending frames (unplugged?). Reconnecting…")
        app.processEvents()
        path = out / f"kiosk_{w}x{h}_11_camera_lost.png"
        view.grab().save(str(path))
        print(path, view.state_name)
        view._exit_allowed = True
        view.shutdown()
        view.close()


FIRST = ("Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia",
         "Oskar", "Pia", "Quinn", "Rui", "Sven", "Tao")  # fmt: skip
LAST = ("Lima", "Chen", "Okafor", "Novak", "Rivera-Montgomery", "Schmidt", "Tanaka", "Kowalski", "Haddad",
        "Andersson")  # fmt: skip


def generate_day(ctx: object, people: int, day: object) -> None:
    """`people` people in four groups with a shift each, and their events up to 13:30 on `day` (local):
    most on time, some late, some gone home, the night shift checked out in the morning, some not here."""
    import random
    from datetime import date, time

    from app.core.attendance.service import jpeg_thumbnail
    from app.core.records import AttendanceEvent, Direction, Person
    from app.core.settings import Shift
    from app.core.vision.images import load_rgb

    assert isinstance(day, date)
    rng = random.Random(7)
    settings = ctx.settings  # type: ignore[attr-defined]
    zone = ZoneInfo(settings.reports.timezone)
    settings.reports.group_shifts["Warehouse"] = Shift("Early", time(7, 0), time(15, 0))
    settings.reports.group_shifts["Night"] = Shift("Night", time(22, 0), time(6, 0), grace_minutes=10)
    groups = ("Sales", "Warehouse", "Office", "Night")
    store = ctx._store  # type: ignore[attr-defined]

    def local(d: date, hh: int, mm: int) -> datetime:
        return datetime.combine(d, time(hh, mm), tzinfo=zone).astimezone(UTC)

    def add(person: Person, when: datetime, direction: Direction) -> None:
        store.add_event(
            AttendanceEvent(str(uuid.uuid4()), person.uuid, when, zone.key, direction, 0.9, 1.0, "k")
        )

    for i in range(people):
        group = groups[i % 4]
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i + i // len(FIRST)) % len(LAST)]}"  # unique up to 200
        person = store.add_person(Person(str(uuid.uuid4()), f"E{i:03d}", name, group))
        fate = rng.random()
        if group == "Night":
            add(
                person,
                local(day - timedelta(days=1), 21, 50) + timedelta(minutes=rng.randrange(0, 30)),
                Direction.IN,
            )
            add(person, local(day, 6, rng.randrange(0, 20)), Direction.OUT)
            continue
        start = 7 if group == "Warehouse" else 9
        if fate < 0.15:
            continue  # not here yet
        late = fate > 0.8
        arrive = local(
            day, start if not late else start + rng.randrange(0, 2), rng.randrange(0, 55) if late else 0
        )
        arrive -= timedelta(minutes=0 if late else rng.randrange(1, 25))
        add(person, arrive, Direction.IN)
        if 0.15 <= fate < 0.3:
            add(person, local(day, 12, rng.randrange(0, 59)), Direction.OUT)
    rgb = load_rgb(ROOT / "resources" / "demo" / "astronaut.png")
    for minute in (5, 40):
        thumb = jpeg_thumbnail(rgb, (205.0, 70.0, 300.0, 190.0), 112)
        store.add_unknown_face(local(day, 10, minute), "k", thumb)


def today_screens(app: object, ctx: object, out: Path, people: int) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    assert isinstance(app, QApplication)
    day = datetime(2026, 3, 3).date()  # a Tuesday
    ctx.settings.reports.timezone = "Europe/Berlin"  # type: ignore[attr-defined]
    ctx.settings.attendance.save_unknown_thumbnails = True  # type: ignore[attr-defined]
    generate_day(ctx, people, day)
    now = datetime(2026, 3, 3, 13, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    admin = ctx.create_first_admin("admin", "583920")  # type: ignore[attr-defined]
    for w, h in ((1366, 768), (1920, 1080)):
        win = MainWindow(ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False)  # type: ignore[arg-type]
        win.resize(w, h)
        win.show()
        win.select_page("Today")
        view = win.today_view
        view.service.clock = lambda: now
        view.poll(force=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (view.board is None or view.board.at != now):
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        path = out / f"today_{w}x{h}.png"
        win.grab().save(str(path))
        print(path, {k: len(getattr(view.board, k)) for k in ("present", "late", "not_arrived", "left")})
        win.close()


if __name__ == "__main__":
    from tools.qt_tool import exit_after

    exit_after(main)
