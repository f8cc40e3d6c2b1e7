"""`faceattend` command line: with no arguments it starts the desktop app."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from app import __version__
from app.core.errors import FaceAttendError

log = logging.getLogger("faceattend")

# Each module in app/commands registers its own sub-commands.
COMMAND_MODULES = (
    "app.commands.quality",
    "app.commands.models",
    "app.commands.recognition",
    "app.commands.report",
    "app.commands.db",
    "app.commands.kiosk",
    "app.commands.enrol",
    "app.commands.users",
    "app.commands.audit",
    "app.commands.person",
    "app.commands.diag",
    "app.commands.sync",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faceattend", description="Face-recognition enrolment and attendance.")
    parser.add_argument("--version", action="version", version=f"FaceAttend {__version__}")
    parser.add_argument("--data-dir", help="where the database and settings live (default: per-user data dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.data_dir:
        import os

        os.environ["FACEATTEND_HOME"] = args.data_dir
    if args.command is None:
        from app.ui.app import run_gui

        return run_gui()
    try:
        code: int = args.handler(args)
        return code
    except FaceAttendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
