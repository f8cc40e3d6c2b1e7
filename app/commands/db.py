"""`faceattend db check | backup FILE | restore FILE | purge --days N`.

check, backup and restore need a user allowed to BACKUP_RESTORE, purge one allowed to RUN_RETENTION
(admins): `--user NAME` (or FACEATTEND_USER) + the PIN from FACEATTEND_PIN or a prompt; restore signs in
against the BACKUP's users, so that a damaged, deleted or undecryptable database can be restored. backup,
restore and purge are audited with the actor; check reads every page of the encrypted database (so it is for
admins too) but writes nothing, not even an audit entry, so that it can be run on a damaged file.

restore replaces the file, so it refuses (DatabaseInUseError, exit code 2) while any other process — the app,
a kiosk — still has the database open (storage/instance_lock.py). purge deletes rows in one transaction and
never replaces the file, so it runs beside the app like any other writer.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.commands.auth import add_user_option, authenticate, open_context
from app.commands.auth import prompt as _prompt
from app.core.maintenance import restore_database
from app.core.policy.access import Action, Session
from app.core.policy.service import AccessService
from app.core.settings import default_data_dir
from app.core.storage.errors import KeyUnavailableError


def _backup_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if not value:
            raise KeyUnavailableError(f"The environment variable {args.passphrase_env} is not set or empty.")
        return value
    value = _prompt("Backup passphrase: ", "--passphrase-env VAR")
    if new and _prompt("Repeat the backup passphrase: ", "--passphrase-env VAR") != value:
        raise KeyUnavailableError("The two passphrases differ; no backup was written.")
    return value


def _check(args: argparse.Namespace) -> int:
    with open_context(store_only=True) as ctx:
        # it reads the whole database: admins only; read-only, so the sign-in time is not stored either
        session = authenticate(args, Action.BACKUP_RESTORE, ctx.access, record=False)
        report = ctx.database.check(session)
        path = ctx.database.path
    print(f"database: {path}")
    print(f"schema version: {report.schema_version}")
    print(f"integrity_check: {'; '.join(report.integrity[:20])}")
    print(f"cipher_integrity_check: {'ok' if not report.cipher else '; '.join(report.cipher[:20])}")
    chain = report.audit
    state = "ok" if chain.ok else f"BROKEN at entry {chain.first_bad_id}: {chain.reason}"
    print(f"audit chain: {state} ({chain.checked} entries verified)")
    print("OK" if report.ok else "PROBLEMS FOUND: restore a backup with `faceattend db restore FILE`")
    return 0 if report.ok else 1


def _backup(args: argparse.Namespace) -> int:
    with open_context(store_only=True) as ctx:
        session = authenticate(args, Action.BACKUP_RESTORE, ctx.access)
        passphrase = _backup_passphrase(args, new=True)
        ctx.database.backup(session, Path(args.file), passphrase)  # audited as db.backup
    print(f"backup written: {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    # the current database may be damaged, deleted or undecryptable: it is not opened here. The sign-in is
    # against the BACKUP's users (storage/restore.py hands the decrypted copy to `sign_in`).
    passphrase = _backup_passphrase(args, new=False)

    def sign_in(backup_access: AccessService) -> Session:
        return authenticate(args, Action.BACKUP_RESTORE, backup_access)

    def confirm(warnings: list[str]) -> bool:
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.yes:
            return True
        if not sys.stdin.isatty():
            print("nothing was changed: re-run with --yes to restore anyway", file=sys.stderr)
            return False
        return input("Restore anyway? [y/N] ").strip().lower() in ("y", "yes")

    result = restore_database(
        default_data_dir(), Path(args.file), passphrase, prompt=_prompt, sign_in=sign_in, confirm=confirm
    )  # audited as db.restore in the restored database
    print(f"restored from {args.file} (signed in as {result.actor} against the backup's users)")
    if result.reapplied:
        print(f"erased again (erased here after the backup was made): {len(result.reapplied)} person(s)")
    if result.kept is not None:
        print(f"the previous database is kept as {result.kept} (delete it once you are satisfied)")
    return 0


def _purge(args: argparse.Namespace) -> int:
    with open_context(store_only=True) as ctx:
        session = authenticate(args, Action.RUN_RETENTION, ctx.access)
        counts = ctx.database.purge(session, args.days)  # audited as retention.purge
    events, faces = counts["attendance_events"], counts["unknown_faces"]
    print(f"purged {events} attendance events and {faces} unknown faces")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = subparsers.add_parser(
        "db", help="database maintenance: check, backup, restore, purge (each needs an admin sign-in)"
    )
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    check_help = "integrity_check + cipher_integrity_check + audit chain (admins; read-only)"
    check = sub.add_parser("check", help=check_help, description=check_help)
    add_user_option(check)
    check.set_defaults(handler=_check)

    env_help = "read the backup passphrase from this environment variable (default: ask)"
    backup = sub.add_parser("backup", help="write an encrypted backup to FILE")
    backup.add_argument("file", metavar="FILE")
    backup.add_argument("--passphrase-env", metavar="VAR", help=env_help)
    add_user_option(backup)
    backup.set_defaults(handler=_backup)

    restore_help = (
        "replace the database by a backup (the current one, even damaged or missing, is kept aside); sign "
        "in as an admin of the BACKUP; refused while the app or a kiosk still has the database open"
    )
    restore = sub.add_parser("restore", help=restore_help, description=restore_help)
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--passphrase-env", metavar="VAR", help=env_help)
    restore.add_argument(
        "--yes",
        action="store_true",
        help="restore even if the backup comes from another installation or predates erasures "
        "(the erasures are applied again either way)",
    )
    add_user_option(restore)
    restore.set_defaults(handler=_restore)

    purge = sub.add_parser("purge", help="delete attendance and unknown-face events older than N days")
    purge.add_argument("--days", type=int, required=True)
    add_user_option(purge)
    purge.set_defaults(handler=_purge)
