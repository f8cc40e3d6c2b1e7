"""`faceattend db check | backup FILE | restore FILE | purge --days N`.

check, backup and restore need a user allowed to BACKUP_RESTORE, purge one allowed to RUN_RETENTION
(admins): `--user NAME` (or FACEATTEND_USER) + the PIN from FACEATTEND_PIN or a prompt; restore signs in
against the BACKUP's users, so that a damaged, deleted or undecryptable database can be restored. backup,
restore and purge are audited with the actor; check reads every page of the encrypted database (so it is for
admins too) but writes nothing, not even an audit entry, so that it can be run on a damaged file. Code inside
the app calls `Store.check()` directly: the sign-in guards the command, not the storage method.

restore replaces the file, so it refuses (DatabaseInUseError, exit code 2) while any other process — the app,
a kiosk — still has the database open (storage/instance_lock.py). purge deletes rows in one transaction and
never replaces the file, so it runs beside the app like any other writer.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.commands.auth import add_user_option, authenticate
from app.core.policy import access
from app.core.policy.access import Action
from app.core.settings import default_data_dir
from app.core.storage import KeyUnavailableError, Store, restore_backup


def _prompt(message: str) -> str:
    if not sys.stdin.isatty():
        raise KeyUnavailableError(f"{message.rstrip(': ')} needed, but there is no terminal to ask on.")
    return getpass.getpass(message)


def _backup_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if not value:
            raise KeyUnavailableError(f"The environment variable {args.passphrase_env} is not set or empty.")
        return value
    value = _prompt("Backup passphrase: ")
    if new and _prompt("Repeat the backup passphrase: ") != value:
        raise KeyUnavailableError("The two passphrases differ; no backup was written.")
    return value


def _open() -> Store:
    return Store.open(default_data_dir(), prompt=_prompt, create=False)


def _check(args: argparse.Namespace) -> int:
    with _open() as store:
        # it reads the whole database: admins only; read-only, so the sign-in time is not stored either
        authenticate(args, Action.BACKUP_RESTORE, store, record=False)
        report = store.check()
        print(f"database: {store.path}")
        print(f"schema version: {report.schema_version}")
        print(f"integrity_check: {'; '.join(report.integrity[:20])}")
        print(f"cipher_integrity_check: {'ok' if not report.cipher else '; '.join(report.cipher[:20])}")
        chain = report.audit
        state = "ok" if chain.ok else f"BROKEN at entry {chain.first_bad_id}: {chain.reason}"
        print(f"audit chain: {state} ({chain.checked} entries verified)")
    print("OK" if report.ok else "PROBLEMS FOUND: restore a backup with `faceattend db restore FILE`")
    return 0 if report.ok else 1


def _backup(args: argparse.Namespace) -> int:
    with _open() as store:
        session = authenticate(args, Action.BACKUP_RESTORE, store)
        passphrase = _backup_passphrase(args, new=True)
        store.backup(Path(args.file), passphrase, actor=session.name)  # audited as db.backup
        access.reseal(store)
    print(f"backup written: {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    # the current database may be damaged, deleted or undecryptable: it is not opened here. The sign-in is
    # against the BACKUP's users (storage/restore.py calls `authorize` on the decrypted copy).
    passphrase = _backup_passphrase(args, new=False)

    def authorize(backup: Store) -> str:
        return authenticate(args, Action.BACKUP_RESTORE, backup).name

    def confirm(warnings: list[str]) -> bool:
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.yes:
            return True
        if not sys.stdin.isatty():
            print("nothing was changed: re-run with --yes to restore anyway", file=sys.stderr)
            return False
        return input("Restore anyway? [y/N] ").strip().lower() in ("y", "yes")

    result = restore_backup(
        default_data_dir(), Path(args.file), passphrase, prompt=_prompt, authorize=authorize, confirm=confirm
    )  # audited as db.restore in the restored database
    print(f"restored from {args.file} (signed in as {result.actor} against the backup's users)")
    if result.reapplied:
        print(f"erased again (erased here after the backup was made): {len(result.reapplied)} person(s)")
    if result.kept is not None:
        print(f"the previous database is kept as {result.kept} (delete it once you are satisfied)")
    return 0


def _purge(args: argparse.Namespace) -> int:
    with _open() as store:
        session = authenticate(args, Action.RUN_RETENTION, store)
        counts = store.purge_events_older_than(args.days, actor=session.name)  # audited as retention.purge
        access.reseal(store)
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
