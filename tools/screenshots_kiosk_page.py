"""Screenshots of the main window's Kiosk page and of the "Network camera…" dialog, for a person to look at.

    xvfb-run -a -s "-screen 0 1920x1080x24" sh -c 'openbox & python tools/screenshots_kiosk_page.py OUT_DIR'

(or QT_QPA_PLATFORM=offscreen without a display). A throw-away encrypted database (in-memory keyring) holds
an administrator, a few people and a morning of check-ins and check-outs; the window is shown at 1366x768
and 1920x1080 (as an admin, who may change the kiosk's settings, and as a kiosk operator, who may not).
Writes PNG files into OUT_DIR and prints their names.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
SIZES = ((1366, 768), (1920, 1080))
PEOPLE = ("Eileen Collins", "Mae Jemison", "Chris Hadfield", "Valentina Tereshkova", "Jean-François Clervoy")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QCoreApplication

    from app.core.context import AppContext
    from app.core.policy.access import Role
    from app.core.records import AttendanceEvent, Direction, Person
    from app.ui.kiosk.network_camera_dialog import NetworkCameraDialog
    from app.ui.main_window import MainWindow
    from tools.qt_tool import start_gui

    _app, settings = start_gui("kiosk-page-shots-", stylesheet=True)
    written: list[Path] = []

    def settle(ms: int = 300) -> None:
        end = datetime.now() + timedelta(milliseconds=ms)
        while datetime.now() < end:
            QCoreApplication.processEvents()

    with AppContext(settings) as ctx:
        admin = ctx.create_first_admin("admin", "583920")
        ctx.add_user(admin, "frontdesk", "kiosk", "472915")
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        for i, name in enumerate(PEOPLE):
            person = ctx._store.add_person(
                Person(uuid=str(uuid.uuid4()), external_id=f"E{i + 1:03d}", name=name)
            )
            at = now - timedelta(hours=3) + timedelta(minutes=7 * i)
            ctx._store.add_event(
                AttendanceEvent(
                    str(uuid.uuid4()), person.uuid, at, "", Direction.IN, 0.93, 0.99, "desk-1", late=i == 3
                )
            )
            if i % 2 == 0:
                ctx._store.add_event(
                    AttendanceEvent(
                        str(uuid.uuid4()),
                        person.uuid,
                        at + timedelta(hours=2),
                        "",
                        Direction.OUT,
                        0.9,
                        0.98,
                        "desk-1",
                    )
                )
        for role_name, session in (("admin", admin), ("kiosk", ctx.login("frontdesk", "472915"))):
            assert role_name == "admin" or session.role == Role.KIOSK.value
            win = MainWindow(
                ctx, probe_cameras=False, source_spec="demo", session=session, run_retention=False
            )
            win.kiosk_panel.camera.set_spec("rtsp://cam@192.168.1.20:554/stream1")
            for width, height in SIZES:
                win.resize(width, height)
                win.show()
                win.select_page("Kiosk")
                settle()
                path = args.out / f"kiosk_page_{role_name}_{width}x{height}.png"
                win.grab().save(str(path))
                written.append(path)
            if role_name == "admin":
                dialog = NetworkCameraDialog(win, current="rtsp://cam@192.168.1.20:554/stream1")
                dialog.show()
                settle()
                path = args.out / "network_camera_dialog.png"
                dialog.grab().save(str(path))
                written.append(path)
                dialog.close()
            win.close()
            settle(100)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
