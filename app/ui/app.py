"""Starts the desktop app: `faceattend` with no arguments, or `python -m app.ui.app [--source SPEC]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.context import AppContext
from app.core.errors import FaceAttendError, StorageError
from app.core.settings import Settings
from app.ui.access.dialogs import run_sign_in
from app.ui.access.passphrase_dialog import ask_passphrase
from app.ui.common.i18n import install_language, remember_choice, saved_choice, translate
from app.ui.common.plain_text import install_plain_text
from app.ui.common.widgets import load_stylesheet
from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def display_problem() -> str | None:
    """Why a window cannot open here (Qt would abort the process), or None."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "No display: FaceAttend's window needs a desktop session (DISPLAY or WAYLAND_DISPLAY is not set). "
        "On a server use the command line (faceattend --help), or run the app under xvfb-run."
    )


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    problem = display_problem()
    if problem:
        raise FaceAttendError(problem)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("FaceAttend")
    app.setStyle("Fusion")
    app.setFont(QFont(app.font().family(), 12))
    app.setStyleSheet(load_stylesheet())
    install_plain_text(app)
    install_language(app, saved_choice())
    return app


def apply_language(app: QApplication, ctx: AppContext) -> None:
    """The language saved on the Settings page (in the database) replaces the one used before it opened."""
    code = str(ctx.setting_value("display.language"))
    remember_choice(code)
    install_language(app, code)


def open_context_interactively(ctx: AppContext) -> bool:
    """Open the database; without a keyring ask for the passphrase. False when the user gives up."""
    for _attempt in range(3):
        try:
            ctx.open()
            return True
        except StorageError as exc:
            message = str(exc)
            if "passphrase" not in message.lower():
                QMessageBox.critical(None, translate("App", "FaceAttend — database"), message)
                return False
            text = ask_passphrase(message, new=not ctx.database_exists())  # a new one: typed twice
            if text is None:
                return False
            ctx.passphrase = text
    QMessageBox.critical(
        None,
        translate("App", "FaceAttend — database"),
        translate("App", "The database could not be opened."),
    )
    return False


def run_gui(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="faceattend-gui")
    parser.add_argument("--source", help="camera spec: demo, a webcam index or a video file")
    args, _rest = parser.parse_known_args(list(argv) if argv is not None else [])
    app = make_application(argv)
    ctx = AppContext(Settings())
    if not open_context_interactively(ctx):
        return 2
    apply_language(app, ctx)
    session = run_sign_in(ctx)  # the first-run wizard creates the admin; else name + PIN
    if session is None:
        ctx.close()
        return 3
    window = MainWindow(ctx, source_spec=args.source, session=session)  # runs the daily retention too
    screen = app.primaryScreen()
    if screen is not None:  # a front-desk PC: use the whole screen (also without a window manager)
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()
    try:
        return int(app.exec())
    finally:
        ctx.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(run_gui(sys.argv[1:]))
