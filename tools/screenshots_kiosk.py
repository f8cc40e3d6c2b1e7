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
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
SIZES = ((1366, 768), (1024, 768), (1920, 1080))


def memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.data: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.data.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.data[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.data.pop((service, username), None)

    keyring.set_keyring(Memory())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--people", type=int, default=40, help="people on the Today board (default 40)")
    ap.add_argument("--only", choices=("kiosk", "today"), help="one of the two screens only")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from app.core.context import AppContext
    from app.core.settings import Settings
    from app.ui.widgets import load_stylesheet

    memory_keyring()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyleSheet(load_stylesheet())
    home = Path(tempfile.mkdtemp(prefix="screens-kiosk-"))
    settings = Settings(data_dir=home)
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
    from app.core.images import load_rgb
    from app.core.records import AttendanceEvent, Direction, Person
    from app.core.sources import Frame
    from app.ui.kiosk_view import KioskView
    from app.ui.kiosk_worker import to_qimage

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


def today_screens(app: object, ctx: object, out: Path, people: int) -> None:
    try:
        from tools_today_day import make_day  # type: ignore[import-not-found]
    except ImportError:
        make_day = None
    _ = (app, ctx, out, people, make_day, uuid)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
