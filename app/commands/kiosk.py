"""`faceattend kiosk [--source demo|INDEX|FILE] [--windowed] [--seconds N]`: the attendance kiosk."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from app.core.settings import Settings

log = logging.getLogger(__name__)

ADMIN_PIN_ENV = "FACEATTEND_ADMIN_PIN"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kiosk = sub.add_parser(
        "kiosk",
        help="fullscreen attendance kiosk (leaving needs an administrator's PIN)",
        description=(
            "Recognises enrolled people, records check-in/out under the attendance rules and greets them. "
            "Esc asks for an administrator PIN to leave."
        ),
    )
    kiosk.add_argument(
        "--source", default="0", help="demo, a camera index (default 0), a video file or folder"
    )
    kiosk.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen")
    kiosk.add_argument("--seconds", type=float, help="close by itself after N seconds (demos, smoke tests)")
    kiosk.add_argument(
        "--mode", choices=("auto", "in", "out"), help="check-in/out mode (default: the settings, 'auto')"
    )
    kiosk.add_argument(
        "--liveness", choices=("off", "lenient", "balanced", "strict"), help="liveness strictness"
    )
    kiosk.add_argument(
        "--add-admin",
        metavar="NAME",
        help=f"create an administrator who may leave the kiosk (PIN asked, or ${ADMIN_PIN_ENV}), then exit",
    )
    kiosk.set_defaults(handler=run_kiosk)


def _add_admin(settings: Settings, name: str) -> int:
    from app.core.context import AppContext

    pin = os.environ.get(ADMIN_PIN_ENV) or getpass.getpass(f"PIN for administrator {name}: ")
    with AppContext(settings, actor="cli") as ctx:
        ctx.store.add_user(name, "admin", pin)
    print(f"administrator {name} created")
    return 0


def run_kiosk(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.mode:
        settings.attendance.mode = args.mode
    if args.liveness:
        settings.attendance.liveness = args.liveness
    if args.add_admin:
        return _add_admin(settings, args.add_admin)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.attendance import KioskBackend
    from app.core.context import AppContext
    from app.core.sources import open_source
    from app.ui.kiosk_view import KioskView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with AppContext(settings, actor="kiosk") as ctx:
        backend = KioskBackend.from_context(ctx)
        if not backend.admins():
            log.warning("no administrator account: the kiosk cannot be left with a PIN (see --add-admin)")
        spec = str(args.source)
        view = KioskView(backend, lambda: open_source(spec), windowed=args.windowed)
        view.start()
        if args.seconds:
            QTimer.singleShot(int(args.seconds * 1000), lambda: _timed_exit(view))
        code = app.exec()
        view.shutdown()
        for event in view.events:
            print(f"{event.at_local:%Y-%m-%d %H:%M:%S} {event.outcome}: {event.greeting}")
        print(
            f"kiosk: {view.frames_shown} frames shown, {view.worker.stats.processed} processed, "
            f"{len(view.events)} decisions"
        )
    return int(code)


def _timed_exit(view: object) -> None:
    from app.ui.kiosk_view import KioskView

    assert isinstance(view, KioskView)
    view._exit_allowed = True  # --seconds was given by whoever started the kiosk
    view.shutdown()
    view.close()
