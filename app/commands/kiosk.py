"""`faceattend kiosk [--source demo|INDEX|FILE] [--windowed] [--seconds N]`: the attendance kiosk."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING

from app.commands.auth import NEW_PIN_ENV, add_user_option, authenticate, new_pin, open_context
from app.commands.source_arg import SOURCE_HELP, source_spec
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Role
from app.core.settings import Settings
from app.core.settings_loader import LIVENESS_LEVELS, weakens_liveness

if TYPE_CHECKING:
    from app.core.context import AppContext

log = logging.getLogger(__name__)

ADMIN_PIN_ENV = "FACEATTEND_ADMIN_PIN"  # older name of FACEATTEND_NEW_PIN for --add-admin
RETENTION_CHECK_MS = 3_600_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kiosk = sub.add_parser(
        "kiosk",
        help="fullscreen attendance kiosk (leaving needs an administrator's PIN)",
        description=(
            "Recognises enrolled people, records check-in/out under the attendance rules and greets them. "
            "Esc asks for an administrator PIN to leave."
        ),
    )
    kiosk.add_argument("--source", default="0", type=source_spec, help=SOURCE_HELP)
    kiosk.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen")
    kiosk.add_argument("--seconds", type=float, help="close by itself after N seconds (demos, smoke tests)")
    kiosk.add_argument(
        "--mode", choices=("auto", "in", "out"), help="check-in/out mode (default: the settings, 'auto')"
    )
    kiosk.add_argument(
        "--liveness",
        choices=LIVENESS_LEVELS,
        help="liveness strictness; weaker than the default needs an administrator's sign-in (--user)",
    )
    kiosk.add_argument(
        "--add-admin",
        metavar="NAME",
        help="create an administrator who may leave the kiosk, then exit: the first admin on a new "
        f"installation, any later one with an administrator's sign-in (--user); new PIN from "
        f"${NEW_PIN_ENV} (or ${ADMIN_PIN_ENV}) or asked twice",
    )
    add_user_option(kiosk)
    kiosk.set_defaults(handler=run_kiosk)


def _add_admin(args: argparse.Namespace, name: str) -> int:
    """Exactly `faceattend users add NAME --role admin`: the first-admin rule, the PIN policy, the seal."""
    from app.commands.users import add_user

    def pin_source(label: str) -> str:
        legacy = os.environ.get(ADMIN_PIN_ENV)  # the variable this option documented before
        return legacy if legacy is not None else new_pin(label)

    return add_user(args, name, Role.ADMIN.value, pin_source)


def authorise_liveness(args: argparse.Namespace, settings: Settings) -> str | None:
    """A liveness level weaker than the configured one needs an administrator (CHANGE_SETTINGS) signed in
    on the command line. Returns who authorised it (None: nothing weakened)."""
    requested = settings.attendance.liveness
    if not weakens_liveness(requested, Settings().attendance.liveness):
        return None
    with open_context() as ctx:
        session = authenticate(args, Action.CHANGE_SETTINGS, ctx.access)
    log.warning("kiosk liveness set to %r by %s", requested, session.name)
    return session.name


def run_kiosk(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.mode:
        settings.attendance.mode = args.mode
    if args.liveness:
        settings.attendance.liveness = args.liveness
    if args.add_admin:
        return _add_admin(args, args.add_admin)
    authorised_by = authorise_liveness(args, settings)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.attendance.kiosk import KioskBackend
    from app.core.camera.sources import open_source
    from app.ui.app import display_problem
    from app.ui.common.i18n import install_language
    from app.ui.common.plain_text import install_plain_text
    from app.ui.kiosk.view import KioskView

    problem = display_problem()
    if problem:
        raise FaceAttendError(problem)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_plain_text(app)  # type: ignore[arg-type]
    ctx = open_kiosk_context(settings, actor=authorised_by or "kiosk")
    if ctx is None:
        return 2
    with ctx:
        install_language(app, str(ctx.setting_value("display.language")))
        backend = KioskBackend.from_context(ctx)
        if not backend.admins():
            log.warning("no administrator account: the kiosk cannot be left with a PIN (see --add-admin)")
        spec = str(args.source)
        ceiling = ctx.settings.images.max_pixels  # a video file's frames: the Settings page's pixel ceiling
        view = KioskView(backend, lambda: open_source(spec, max_pixels=ceiling), windowed=args.windowed)
        view.start()
        retention = QTimer(view)  # a kiosk runs for days: the daily retention, as the main window does
        retention.setInterval(RETENTION_CHECK_MS)
        retention.timeout.connect(lambda: start_retention(ctx))
        retention.start()
        start_retention(ctx)
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


def open_kiosk_context(settings: Settings, actor: str = "kiosk") -> AppContext | None:
    """The context the desktop app opens: the encrypted store (a passphrase asked for when there is no
    keyring), the values saved on the Settings page applied (organisation, retention, frames…), the cloud
    sync loop started; actor "kiosk" (or the administrator who weakened liveness) until an administrator
    signs in to leave. None when not opened."""
    from app.core.context import AppContext
    from app.ui.app import open_context_interactively

    ctx = AppContext(settings, actor=actor)
    if not open_context_interactively(ctx):
        return None
    return ctx


def start_retention(ctx: AppContext) -> threading.Thread:
    """The daily retention run (at most once per UTC day) off the UI thread; failures are logged."""

    def job() -> None:
        try:
            result = ctx.run_retention_if_due()
            if result is not None:
                log.info("kiosk retention run: %s", result)
        except Exception:
            log.exception("retention run failed")

    thread = threading.Thread(target=job, name="kiosk-retention", daemon=True)
    thread.start()
    return thread


def _timed_exit(view: object) -> None:
    from app.ui.kiosk.view import KioskView

    assert isinstance(view, KioskView)
    view._exit_allowed = True  # --seconds was given by whoever started the kiosk
    view.shutdown()
    view.close()
