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

# Each module in app/commands registers its own sub-commands. The table names the top-level command(s) of
# each module so that a command imports only its own module: `faceattend --version` or `faceattend verify`
# must not pay for MediaPipe, the report writers and the sync client all at once (cold start).
# tests/test_cli.py checks that the table matches what the modules register.
COMMANDS: dict[str, str] = {
    "quality": "app.commands.quality",
    "models": "app.commands.models",
    "verify": "app.commands.recognition",
    "identify": "app.commands.recognition",
    "bench": "app.commands.recognition",
    "report": "app.commands.report",
    "db": "app.commands.db",
    "kiosk": "app.commands.kiosk",
    "import": "app.commands.enrol",
    "users": "app.commands.users",
    "audit": "app.commands.audit",
    "person": "app.commands.person",
    "diag": "app.commands.diag",
    "sync": "app.commands.sync",
    "schedule": "app.commands.schedule",
    "review": "app.commands.review",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faceattend", description="Face-recognition enrolment and attendance."
    )
    parser.add_argument("--version", action="version", version=f"FaceAttend {__version__}")
    parser.add_argument(
        "--data-dir", help="where the database and settings live (default: per-user data dir)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def modules_for(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules a command line needs: its command's, none for the GUI, all for help."""
    for token in args:
        if token in COMMANDS:
            return (COMMANDS[token],)
    if any(token in ("-h", "--help") for token in args) or any(not t.startswith("-") for t in args):
        return COMMAND_MODULES  # help, or an unknown command: argparse lists them all
    return ()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(modules_for(args_list))
    args = parser.parse_args(args_list)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.data_dir:
        import os

        os.environ["FACEATTEND_HOME"] = args.data_dir
    try:
        if args.command is None:
            from app.ui.app import run_gui

            return run_gui()
        code: int = args.handler(args)
        return code
    except FaceAttendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
