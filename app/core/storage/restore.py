"""`faceattend db restore FILE`: replace the database by a backup — also when the current one is damaged,
deleted or undecryptable.

Nothing of the current database is needed: the backup is decrypted with its own passphrase (its header's
argon2id salt and costs, bounded by storage/backup.py), and the person restoring signs in against the
BACKUP's users (the `authorize` callback gets a Store over the decrypted copy). Then, on that copy:

- installation check: the backup's installation id is compared with this installation's (the live
  database's, else the sidecar's: storage/installation.py); another id (or none) is a warning;
- erasures: every erasure in this installation's log (sidecar ∪ the live audit log, when readable) whose
  person is back in the backup is a warning, and is applied again to the copy;
- warnings need `confirm(warnings)` to return True, else nothing is changed (RestoreCancelledError);
- the copy is re-keyed with a NEW key under the LIVE key policy (key source and argon2id costs of the live
  key header; defaults when there is none): the backup's KDF settings never become the database's.

Only then is the current database (whatever its state: it is never read for the swap, and never deleted)
renamed to `faceattend.db.before-restore-<time>` with its -wal/-shm and key header, and the new one moved
into place. All of it under the exclusive open-database lock: refused while the app or a kiosk has it open.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlite

from app.core.storage import audit, installation, keys
from app.core.storage.backup import CHUNK, export, fsync_file, read_header
from app.core.storage.connection import configure, map_error, raw_connect, verify_identity
from app.core.storage.error_map import raise_mapped
from app.core.storage.errors import (
    BackupError,
    CorruptDatabaseError,
    StorageError,
    WrongKeyError,
)
from app.core.storage.instance_lock import DatabaseLock
from app.core.storage.migrations import migrate
from app.core.storage.timeutil import now_utc, to_db

if TYPE_CHECKING:
    from app.core.storage.store import Store

log = logging.getLogger(__name__)

Authorize = Callable[["Store"], str]  # signs in against the backup's users; returns the actor's name
Confirm = Callable[[list[str]], bool]  # shown the warnings; True to go on


class RestoreCancelledError(BackupError):
    """The backup raised warnings and the restore was not confirmed; nothing was changed."""


@dataclass
class RestoreResult:
    kept: Path | None  # the previous database, renamed aside (None when there was none)
    actor: str
    warnings: list[str] = field(default_factory=list)
    reapplied: list[str] = field(default_factory=list)  # person uuids erased again after the restore
    installation_id: str | None = None


@dataclass
class _Live:
    """What this installation knows outside the backup."""

    installation_id: str | None
    erasures: dict[str, installation.Erasure]
    header: keys.KeyHeader | None
    readable: bool  # the live database could be read (False: damaged, missing, key unavailable)


def restore_backup(
    data_dir: Path,
    source: Path,
    backup_passphrase: str,
    *,
    db_passphrase: str | None = None,
    prompt: keys.Prompt | None = None,
    key_source: str | None = None,
    kdf: keys.KdfParams | None = None,
    actor: str = "system",
    authorize: Authorize | None = None,
    confirm: Confirm | None = None,
) -> RestoreResult:
    """Replace the database in `data_dir` by the backup `source` (see the module docstring).

    key_source / kdf: None keeps the live key policy. authorize: None skips the sign-in (library callers
    that checked rights themselves) and audits as `actor`. confirm: None refuses any warning.
    Close every Store on the database first: DatabaseInUseError is raised before anything is read.
    """
    from app.core.storage.store import DB_FILENAME

    source = Path(source)
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    target = data_dir / DB_FILENAME
    db_lock = DatabaseLock.acquire(target, exclusive=True)  # held until the swap is done
    try:
        live = _read_live(target, db_passphrase)
        request = keys.KeyRequest(
            db_passphrase, prompt, key_source or _live_source(live), kdf or _live_kdf(live)
        )
        return _restore_locked(target, source, backup_passphrase, request, live, actor, authorize, confirm)
    finally:
        db_lock.release()


def _live_source(live: _Live) -> str:
    return "passphrase" if live.header is not None and live.header.key_source == "passphrase" else "auto"


def _live_kdf(live: _Live) -> keys.KdfParams:
    if live.header is not None and live.header.kdf is not None:
        return live.header.kdf
    return keys.KdfParams()


def _read_live(target: Path, db_passphrase: str | None) -> _Live:
    """This installation's id and erasure log: the sidecar, plus the live database when it can be read
    without asking anyone (keyring, or a passphrase given or in the environment). Opened read-only and
    `immutable` so that not a byte beside it changes (no -wal/-shm created); an erasure still only in a
    crashed process's WAL is in the sidecar, written in the same transaction."""
    info = installation.read_sidecar(target)
    try:
        header = keys.read_header(keys.header_path(target))
    except StorageError as exc:
        log.warning("live key header unreadable: %s", exc)
        header = None
    readable = False
    if header is not None and target.is_file():
        try:
            key = keys.key_for(header, keys.KeyRequest(db_passphrase, None))
            uri = target.resolve().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite.connect(uri, uri=True, isolation_level=None, timeout=10.0)
            try:
                conn.execute(f"PRAGMA key = {_key_value(key)}")
                verify_identity(conn, target)
                live_id = installation.stored_installation_id(conn)
                logged = installation.logged_erasures(conn)
            finally:
                conn.close()
            if live_id is not None:
                info.installation_id = live_id
            info.merge(installation.InstallationInfo(None, logged))
            readable = True
        except (StorageError, sqlite.Error) as exc:
            log.info("live database not readable (%s): using %s", exc, installation.sidecar_path(target))
    return _Live(info.installation_id, info.erasures, header, readable)


def _key_value(key: bytes) -> str:
    from app.core.storage.connection import key_pragma_value

    return key_pragma_value(key)


def _open_backup_copy(copy: Path, key: bytes, source: Path) -> Any:
    """The decrypted backup as a connection: identity, integrity, then migrated to this schema."""
    conn = raw_connect(copy, key)
    try:
        try:
            verify_identity(conn, copy)
        except (WrongKeyError, CorruptDatabaseError) as exc:
            raise BackupError(
                f"Cannot open the backup {source}: wrong passphrase or damaged backup. Nothing was changed."
            ) from exc
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise BackupError(f"The backup {source} failed its integrity check: {'; '.join(rows[:5])}.")
        configure(conn)
        migrate(conn)
    except BaseException as exc:
        conn.close()
        raise_mapped(exc, copy)
    return conn


def _warnings(view: Store, live: _Live, source: Path) -> tuple[list[str], list[installation.Erasure]]:
    with view.read() as conn:
        backup_id = installation.stored_installation_id(conn)
        present = {str(r[0]): r[1] is not None for r in conn.execute("SELECT uuid, erased_at FROM persons")}
    warnings: list[str] = []
    if live.installation_id is not None and backup_id != live.installation_id:
        origin = f"installation {backup_id}" if backup_id else "an installation it does not name"
        warnings.append(
            f"{source} comes from {origin}, not this one ({live.installation_id}): restoring replaces this "
            "installation's people, users and settings with that installation's."
        )
    pending = [
        e for e in live.erasures.values() if e.uuid in present and (e.mode == "delete" or not present[e.uuid])
    ]
    if pending:
        latest = max(e.at for e in pending)
        warnings.append(
            f"{source} predates {len(pending)} erasure(s) made here (the latest at {latest}): those people "
            "are in the backup and will be erased again right after the restore."
        )
    return warnings, sorted(pending, key=lambda e: e.at)


def _prepare(view: Store, live: _Live, pending: list[installation.Erasure], actor: str) -> str:
    """On the decrypted copy: re-apply the erasures, carry this installation's id. Returns the id."""
    for erasure in pending:
        view.erase_person(erasure.uuid, actor, delete_events=erasure.mode == "delete")
        log.info("erasure of %s (%s, %s) applied again", erasure.uuid, erasure.mode, erasure.at)
    with view.read() as conn:
        backup_id = installation.stored_installation_id(conn)
    final = live.installation_id or backup_id or str(uuid.uuid4())
    with view.tx() as conn:
        installation.set_installation_id(conn, final, to_db(now_utc()))
    return final


def _restore_locked(
    target: Path,
    source: Path,
    backup_passphrase: str,
    request: keys.KeyRequest,
    live: _Live,
    actor: str,
    authorize: Authorize | None,
    confirm: Confirm | None,
) -> RestoreResult:
    from app.core.storage.store import Store

    data_dir = target.parent
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = data_dir / f".restore-{stamp}-{os.getpid()}.src"
    staged = target.with_name(f"{target.name}.restoring")
    scratch = [Path(f"{base}{suffix}") for base in (copy, staged) for suffix in ("", "-wal", "-shm")]
    for leftover in scratch[3:]:
        leftover.unlink(missing_ok=True)
    view: Store | None = None
    try:
        with source.open("rb") as handle:
            header = read_header(handle, source)
            backup_key = keys.derive_key(backup_passphrase, header.salt, header.kdf)
            with copy.open("wb") as out:
                shutil.copyfileobj(handle, out, CHUNK)
        conn = _open_backup_copy(copy, backup_key, source)
        view = Store(conn, copy, keys.KeyHeader(db_id="backup", key_source="backup"))
        view.erasure_log = None  # the live sidecar already holds every erasure re-applied here
        if authorize is not None:
            actor = authorize(view)  # AuthenticationFailed / PermissionDenied: nothing changed
        warnings, pending = _warnings(view, live, source)
        if warnings and (confirm is None or not confirm(warnings)):
            raise RestoreCancelledError(
                "Restore cancelled; nothing was changed. " + " ".join(warnings) + " (Confirm to go on.)"
            )
        final_id = _prepare(view, live, pending, actor)
        kept = target.with_name(f"{target.name}.before-restore-{stamp}") if target.exists() else None
        with view.tx() as tx_conn:
            details = {
                "from": str(source),
                "kept": str(kept) if kept else None,
                "previous_readable": live.readable,
                "warnings": len(warnings),
                "erasures_reapplied": len(pending),
            }
            audit.append(tx_conn, now_utc(), actor, "db.restore", details)
        new_header, new_key = keys.new_header(request)
        try:
            export(conn, staged, new_key)
        except Exception as exc:
            raise map_error(exc, staged) from exc
        view.close()
        view = None
        _check_staged(staged, new_key)
        fsync_file(staged)
        kept = _swap(target, staged, new_header, stamp)
        _update_sidecar(target, final_id)
    except OSError as exc:
        raise BackupError(f"Restore failed ({exc}); the current database was not replaced.") from exc
    finally:
        if view is not None:
            view.close()
        for leftover in scratch:
            leftover.unlink(missing_ok=True)
    log.info("restored %s from %s (previous database kept as %s)", target, source, kept)
    return RestoreResult(kept, actor, warnings, [e.uuid for e in pending], final_id)


def _check_staged(staged: Path, key: bytes) -> None:
    conn = raw_connect(staged, key)
    try:
        verify_identity(conn, staged)
        configure(conn)
        migrate(conn)
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise BackupError(f"The restored copy failed its integrity check: {'; '.join(rows[:5])}.")
    except Exception as exc:
        raise map_error(exc, staged) from exc
    finally:
        conn.close()


def _swap(target: Path, staged: Path, new_header: keys.KeyHeader, stamp: str) -> Path | None:
    """Rename the current database (any state) and its files aside, then move the new one in. Should a
    rename fail half-way, what was moved aside is moved back before the error goes on."""
    target_header = keys.header_path(target)
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    pairs = [(Path(f"{target}{suffix}"), Path(f"{kept}{suffix}")) for suffix in ("-wal", "-shm", "")]
    pairs.append((target_header, keys.header_path(kept)))
    moved: list[tuple[Path, Path]] = []
    try:
        for current, aside in pairs:
            if current.exists() or current.is_symlink():
                os.replace(current, aside)
                moved.append((current, aside))
        keys.write_header(target_header, new_header)
        os.replace(staged, target)
    except OSError:
        for current, aside in reversed(moved):
            try:
                os.replace(aside, current)
            except OSError as exc:  # leave it where it is: still kept, never deleted
                log.error("could not move %s back to %s: %s", aside, current, exc)
        raise
    keys.fsync_dir(target.parent)
    return kept if any(current == target for current, _ in moved) else None


def _update_sidecar(target: Path, installation_id: str) -> None:
    try:
        info = installation.read_sidecar(target)
        if info.installation_id != installation_id:
            info.installation_id = installation_id
            installation.write_sidecar(target, info)
    except OSError as exc:
        log.warning("installation file not updated: %s", exc)
