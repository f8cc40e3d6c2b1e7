"""`faceattend sync configure --url URL --api-key-env VAR [--e2e] | status | run`.

configure (admins: it changes the sync key) stores the API key in the OS keyring, never in the database or a
file; status reads the local state only; run does one pass (push the outbox, pull changes) and prints it.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import os
from typing import Any

from app.commands.auth import add_user_option, authenticate, open_context
from app.core.errors import FaceAttendError
from app.core.policy.access import Action
from app.core.sync.client import SyncStatus
from app.core.sync.control import SyncControl


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("sync", help="cloud sync: configure, status, run one pass")
    sub = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    configure = sub.add_parser("configure", help="turn sync on: server URL + device API key (admins)")
    configure.add_argument(
        "--url", required=True, help="the cloud service, https://… (http only to 127.0.0.1)"
    )
    configure.add_argument(
        "--api-key-env", required=True, metavar="VAR", help="environment variable holding the device API key"
    )
    configure.add_argument(
        "--e2e", action="store_true", help="end-to-end mode: templates sealed on the device"
    )
    configure.add_argument(
        "--org-key-env",
        metavar="VAR",
        help="with --e2e: variable holding the organisation key (base64 of 32 bytes); default: the one in "
        "the keyring, else a new one",
    )
    configure.add_argument("--interval", type=float, default=60.0, help="seconds between passes (default 60)")
    configure.add_argument(
        "--pull-attendance", action="store_true", help="keep a copy of every site's attendance (reporting)"
    )
    add_user_option(configure)
    configure.set_defaults(handler=_configure)

    status = sub.add_parser("status", help="configuration, queue length, last success, last error")
    status.set_defaults(handler=_status)

    run = sub.add_parser("run", help="one sync pass now")
    run.set_defaults(handler=_run)


def _env(var: str, what: str) -> str:
    value = os.environ.get(var, "")
    if not value.strip():
        raise FaceAttendError(f"The environment variable {var} ({what}) is not set or empty.")
    return value.strip()


def _configure(args: argparse.Namespace) -> int:
    api_key = _env(args.api_key_env, "the device API key")
    org_key = None
    if args.org_key_env:
        try:
            org_key = base64.b64decode(_env(args.org_key_env, "the organisation key"), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise FaceAttendError("The organisation key must be base64 of 32 bytes.") from exc
    with open_context() as ctx:
        session = authenticate(args, Action.SYNC_KEY_CHANGE, ctx.access)
        queued = ctx.cloud_sync.configure(  # audited as sync.key_change / sync.configure
            session,
            args.url,
            api_key,
            e2e=args.e2e,
            org_key=org_key,
            interval_s=args.interval,
            pull_attendance=args.pull_attendance,
        )
    print(f"sync configured: {args.url}{' (end-to-end)' if args.e2e else ''}; API key kept in the OS keyring")
    print(f"{queued} existing records queued for upload; run `faceattend sync run` or start the app")
    return 0


def _print(status: SyncStatus, sync: SyncControl) -> None:
    config = sync.config()
    print(f"server: {config.url if config else '(not configured: sync is off)'}")
    if config:
        print(f"end-to-end: {'yes' if config.e2e else 'no'}; interval: {config.interval_s:g} s")
    print(f"state: {status.state}")
    print(f"queue: {status.queue_length} items")
    last = status.last_success_at.isoformat(timespec="seconds") if status.last_success_at else "never"
    print(f"last success: {last}")
    if status.last_error:
        print(f"last error: {status.last_error}")
    for item, reason in status.rejected:
        print(f"rejected: {item}: {reason}")
    for kind, key, error in sync.queue_errors():
        print(f"retrying: {kind} {key}: {error}")


def _status(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        _print(ctx.cloud_sync.status(), ctx.cloud_sync)
    return 0


def _run(args: argparse.Namespace) -> int:
    with open_context() as ctx:
        if not ctx.cloud_sync.configured:
            print("sync is off: configure it with `faceattend sync configure --url URL --api-key-env VAR`")
            return 1
        status = ctx.cloud_sync.run_once()
        print(
            f"pushed {status.pushed}, pulled {status.pulled}, duplicates {status.duplicates}, "
            f"conflicts {status.conflicts}"
        )
        _print(status, ctx.cloud_sync)
    return 0 if status.state == "idle" else 1
