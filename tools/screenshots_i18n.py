"""Screenshots of every main page and of the kiosk (idle, greeting) in English, German and Japanese, for a
person to look at (clipped or overlapping text).

    xvfb-run -a -s "-screen 0 1920x1080x24" sh -c 'openbox & python tools/screenshots_i18n.py OUT_DIR'

(or QT_QPA_PLATFORM=offscreen without a display). A throw-away database holds a generated day of events
(tools/screenshots_kiosk.py), so People, Reports and Today have rows. Writes OUT_DIR/<lang>_<WxH>_<page>.png
and prints their names. --languages and --sizes narrow it down.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

from screenshots_kiosk import generate_day  # noqa: E402

SIZES = ((1366, 768), (1920, 1080))


def settle(app: object, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--languages", default="en,de,ja")
    ap.add_argument("--sizes", default="1366x768,1920x1080")
    ap.add_argument("--people", type=int, default=30)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]

    from app.core.context import AppContext
    from app.ui.common.i18n import install_language
    from app.ui.main_window import PAGES, MainWindow
    from tools.qt_tool import start_gui

    app, settings = start_gui("screens-i18n-", stylesheet=True)
    settings.kiosk.sound = False
    settings.kiosk.speak_greeting = False
    settings.reports.organisation_name = "Northwind Logistics — Warehouse 3"
    with AppContext(settings, background_sync=False) as ctx:
        day = datetime(2026, 3, 3).date()
        ctx.settings.reports.timezone = "Europe/Berlin"
        generate_day(ctx, args.people, day)
        admin = ctx.create_first_admin("admin", "583920")
        now = datetime(2026, 3, 3, 13, 30, tzinfo=ZoneInfo("Europe/Berlin"))
        for language in args.languages.split(","):
            install_language(app, language)
            for w, h in sizes:
                win = MainWindow(
                    ctx, probe_cameras=False, source_spec="demo", session=admin, run_retention=False
                )
                win.resize(w, h)
                win.show()
                for page in PAGES:
                    win.select_page(page)
                    if page == "Today":
                        win.today_view.service.clock = lambda: now
                        win.today_view.poll(force=True)
                    if page == "Reports" and win.reports_view is not None:  # the generated day's report
                        from PySide6.QtCore import QDate

                        win.reports_view.from_edit.setDate(QDate(2026, 3, 1))
                        win.reports_view.to_edit.setDate(QDate(2026, 3, 3))
                        win.reports_view.run_report()
                        settle(app, 2.0)
                        win.reports_view.tabs.setCurrentIndex(1)  # the timesheet: dates by the locale
                    settle(app, 1.5 if page in ("Enrol", "Today") else 0.3)
                    path = args.out / f"{language}_{w}x{h}_{page.lower()}.png"
                    win.grab().save(str(path))
                    print(path)
                    if page == "Reports" and win.reports_view is not None:  # the summary tab too
                        win.reports_view.tabs.setCurrentIndex(0)
                        settle(app, 0.3)
                        path = args.out / f"{language}_{w}x{h}_reports_summary.png"
                        win.grab().save(str(path))
                        print(path)
                    if page == "Settings":  # a long page: its lower half too (sync, camera calibration)
                        from PySide6.QtWidgets import QScrollArea

                        for area in win.settings_page.findChildren(QScrollArea):
                            area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
                        settle(app, 0.3)
                        path = args.out / f"{language}_{w}x{h}_settings_lower.png"
                        win.grab().save(str(path))
                        print(path)
                win.enrol_view.cancel_capture()
                win.enrol_view.deactivate()
                win.close()
                settle(app, 0.2)
                kiosk(app, ctx, args.out, language, w, h)
            dialogs(app, ctx, admin, args.out, language)
    return 0


def dialogs(app: object, ctx: object, admin: object, out: Path, language: str) -> None:
    """The sign-in, first-run, add-user and passphrase dialogs at their own size."""
    from app.ui.access.dialogs import FirstRunWizard, SignInDialog
    from app.ui.access.passphrase_dialog import PassphraseDialog
    from app.ui.admin.dialogs import AddUserDialog

    shown = {
        "signin": SignInDialog(ctx),  # type: ignore[arg-type]
        "locked": SignInDialog(ctx, locked_user="admin"),  # type: ignore[arg-type]
        "firstrun": FirstRunWizard(ctx),  # type: ignore[arg-type]
        "adduser": AddUserDialog(ctx, admin),  # type: ignore[arg-type]
        "passphrase": PassphraseDialog("", new=True),
    }
    for name, dialog in shown.items():
        dialog.show()
        settle(app, 0.2)
        path = out / f"{language}_dialog_{name}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()


def kiosk(app: object, ctx: object, out: Path, language: str, w: int, h: int) -> None:
    from app.core.attendance import KioskBackend, KioskEvent, Outcome
    from app.core.attendance.events import FrameDecisions, TrackView
    from app.core.camera.sources import Frame
    from app.core.errors import SourceError
    from app.core.records import AttendanceEvent, Direction, Person
    from app.core.vision.images import load_rgb
    from app.ui.common.core_texts import describe_error
    from app.ui.common.i18n import translate
    from app.ui.kiosk.view import KioskView
    from app.ui.kiosk.worker import to_qimage

    rgb = load_rgb(ROOT / "resources" / "demo" / "astronaut.png")
    box = (205.0, 70.0, 300.0, 190.0)
    at = datetime(2026, 3, 2, 8, 14, tzinfo=UTC)
    backend = KioskBackend.from_context(ctx, load_models=False, clock=lambda: at)  # type: ignore[arg-type]
    ana = Person("p1", "E1", "Ana Lima")
    earlier = AttendanceEvent("e0", "p1", at - timedelta(minutes=3), "UTC", Direction.IN, 1, 1, "d")
    states = [
        ("idle", FrameDecisions([], []), None),
        ("greeting", FrameDecisions([], [TrackView(1, box, "Ana Lima", "known")]),
         KioskEvent(Outcome.CHECKED_IN, 1, at, at, ana, Direction.IN, late=True)),
        ("already", FrameDecisions([], [TrackView(1, box, "Ana Lima", "known")]),
         KioskEvent(Outcome.ALREADY, 1, at, at, ana, None, event=earlier)),
        ("unknown", FrameDecisions([], [TrackView(1, box, "", "unknown")]),
         KioskEvent(Outcome.UNKNOWN, 1, at, at)),
        ("blink", FrameDecisions([], [TrackView(1, box, "Ana Lima", "pending")]), None),
        ("ambiguous", FrameDecisions([], [TrackView(1, box, "", "ambiguous")]), None),
        ("low_light", FrameDecisions([], [TrackView(1, box, "Ana Lima", "low_light")]), None),
        ("too_far", FrameDecisions([], [TrackView(1, box, "", "too_far")]), None),
    ]  # fmt: skip
    view = KioskView(backend, lambda: None, windowed=True)  # type: ignore[arg-type, return-value]
    view.resize(w, h)
    view.show()
    view._on_camera("ok", "demo")
    view._on_frame(to_qimage(Frame(rgb, 0, 0)), 0)
    for name, decisions, event in states:
        view._clear_greeting()
        view._waiting = {1: 0.0} if name == "blink" else {}
        view._on_decisions(decisions, 0)
        if event is not None:
            view._show(event)
        settle(app, 0.1)
        path = out / f"{language}_{w}x{h}_kiosk_{name}.png"
        view.grab().save(str(path))
        print(path)
    view._clear_greeting()
    lost = translate("KioskView", "Camera lost: {exc} Reconnecting…")  # as the kiosk worker says it
    unplugged = SourceError.said("Camera {index} stopped sending frames (unplugged?).", index=0)
    view._on_camera("lost", lost.format(exc=describe_error(unplugged)))
    settle(app, 0.1)
    path = out / f"{language}_{w}x{h}_kiosk_camera_lost.png"
    view.grab().save(str(path))
    print(path)
    view._exit_allowed = True
    view.shutdown()
    view.close()


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
