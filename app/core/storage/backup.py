"""Encrypted backups: one file, `faceattend db backup FILE` / `faceattend db restore FILE`.

Format: MAGIC, a 4-byte big-endian length, a JSON header (argon2id salt and costs — not secret), then a
complete SQLCipher database keyed with argon2id(passphrase, salt). A backup does not depend on the
keyring of the machine that made it: only the passphrase opens it.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import struct
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from app.core.storage import keys
from app.core.storage.connection import configure, map_error, raw_connect, verify_identity
from app.core.storage.errors import BackupError, StorageError, WrongKeyError
from app.core.storage.instance_lock import DatabaseLock
from app.core.storage.migrations import APPLICATION_ID, migrate

if TYPE_CHECKING:
    from app.core.storage.store import Store

log = logging.getLogger(__name__)

MAGIC = b"FACEATTEND-BACKUP\n"
FORMAT = "faceattend-backup"
VERSION = 1
_CHUNK = 1 << 20


def _export(conn: Any, target: Path, key: bytes) -> None:
    """Copy every table of `conn`'s main database into a new file keyed with `key` (sqlcipher_export)."""
    target.unlink(missing_ok=True)
    conn.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), f"x'{key.hex()}'"))
    try:
        conn.execute("BEGIN")  # one snapshot for all tables
        try:
            conn.execute("SELECT sqlcipher_export('export')").fetchall()
            conn.execute(f"PRAGMA export.application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE export")


def _verify_copy(path: Path, key: bytes, *, what: str) -> None:
    conn = raw_connect(path, key)
    try:
        verify_identity(conn, path)
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise BackupError(f"The {what} failed its integrity check: {'; '.join(rows[:5])}.")
    finally:
        conn.close()


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def write_backup(
    store: Store, destination: Path, passphrase: str, kdf: keys.KdfParams, actor: str = "system"
) -> None:
    if len(passphrase) < keys.MIN_PASSPHRASE_LEN:
        raise BackupError(f"A backup passphrase must have at least {keys.MIN_PASSPHRASE_LEN} characters.")
    destination = Path(destination)
    if destination.resolve() == store.path.resolve():
        raise BackupError("The backup file cannot be the database itself.")
    salt = secrets.token_bytes(16)
    key = keys.derive_key(passphrase, salt, kdf)
    stage = destination.with_name(f".{destination.name}.{os.getpid()}.stage")
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    try:
        with store._lock:
            if store._conn is None:
                raise StorageError("The database is closed.")
            try:
                _export(store._conn, stage, key)
                version = int(store._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
            except Exception as exc:
                raise map_error(exc, destination) from exc
        _verify_copy(stage, key, what="backup copy")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "schema_version": version,
            "kdf": {"name": "argon2id", "salt": salt.hex(), **kdf.__dict__},
        }
        blob = json.dumps(header).encode("utf-8")
        with partial.open("wb") as out, stage.open("rb") as src:
            out.write(MAGIC + struct.pack(">I", len(blob)) + blob)
            shutil.copyfileobj(src, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, destination)
        keys.fsync_dir(destination.parent)
    except OSError as exc:
        raise BackupError(f"Could not write the backup {destination}: {exc}.") from exc
    finally:
        stage.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    log.info("backup written to %s", destination)
    store.append_audit(actor, "db.backup", {"file": str(destination)})


def _read_header(handle: BinaryIO, source: Path) -> dict[str, Any]:
    not_backup = BackupError(f"{source} is not a FaceAttend backup.")
    if handle.read(len(MAGIC)) != MAGIC:
        raise not_backup
    try:
        (length,) = struct.unpack(">I", handle.read(4))
        header: dict[str, Any] = json.loads(handle.read(length))
        if header["format"] != FORMAT or header["kdf"]["name"] != "argon2id":
            raise not_backup
        if header["version"] != VERSION:
            raise BackupError(
                f"{source} was written by a newer FaceAttend (backup format {header['version']})."
            )
        return header
    except (struct.error, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{source} is a damaged FaceAttend backup (unreadable header).") from exc


def restore_backup(
    data_dir: Path,
    source: Path,
    backup_passphrase: str,
    *,
    db_passphrase: str | None = None,
    prompt: keys.Prompt | None = None,
    key_source: str = "auto",
    kdf: keys.KdfParams | None = None,
    actor: str = "system",
) -> Path | None:
    """Replace the database in `data_dir` by the backup `source`. Close every Store on it first: while any
    process (this one included) still has it open, DatabaseInUseError ("FaceAttend is still running with
    this database …") is raised before anything is read or written. `actor` (who restored) is written to the
    restored database's audit log.

    The backup is decrypted, checked and re-keyed into a new file (new key: keyring or passphrase);
    only then is the current database renamed to `faceattend.db.before-restore-<time>` (kept, not
    deleted) and the new one moved into place. Returns the kept previous database, if any.
    """
    from app.core.storage.store import DB_FILENAME, Store

    source = Path(source)
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    db_lock = DatabaseLock.acquire(data_dir / DB_FILENAME, exclusive=True)  # held until the swap is done
    try:
        kept = _restore_locked(data_dir, source, backup_passphrase, db_passphrase, prompt, key_source, kdf)
    finally:
        db_lock.release()
    with Store.open(data_dir, passphrase=db_passphrase, prompt=prompt) as store:
        store.append_audit(actor, "db.restore", {"from": str(source), "kept": str(kept) if kept else None})
    return kept


def _restore_locked(
    data_dir: Path,
    source: Path,
    backup_passphrase: str,
    db_passphrase: str | None,
    prompt: keys.Prompt | None,
    key_source: str,
    kdf: keys.KdfParams | None,
) -> Path | None:
    """restore_backup() under the exclusive open-database lock; returns the kept previous database."""
    from app.core.storage.store import DB_FILENAME

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    plain = data_dir / f".restore-{stamp}-{os.getpid()}.src"
    staged = data_dir / f"{DB_FILENAME}.restoring"
    for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with source.open("rb") as handle:
            header = _read_header(handle, source)
            kdf_raw = header["kdf"]
            params = keys.KdfParams(kdf_raw["time_cost"], kdf_raw["memory_cost_kib"], kdf_raw["parallelism"])
            backup_key = keys.derive_key(backup_passphrase, bytes.fromhex(kdf_raw["salt"]), params)
            with plain.open("wb") as out:
                shutil.copyfileobj(handle, out, _CHUNK)
        try:
            _verify_copy(plain, backup_key, what="backup")
        except WrongKeyError as exc:
            raise BackupError(
                f"Cannot open the backup {source}: wrong passphrase or damaged backup. Nothing was changed."
            ) from exc
        new_header, new_key = keys.new_header(
            keys.KeyRequest(db_passphrase, prompt, key_source, kdf or params)
        )
        conn = raw_connect(plain, backup_key)
        try:
            _export(conn, staged, new_key)
        except Exception as exc:
            raise map_error(exc, staged) from exc
        finally:
            conn.close()
        conn = raw_connect(staged, new_key)
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
        _fsync_file(staged)

        target = data_dir / DB_FILENAME
        target_header = keys.header_path(target)
        kept: Path | None = None
        if target.exists():
            kept = data_dir / f"{DB_FILENAME}.before-restore-{stamp}"
            for suffix in ("-wal", "-shm"):
                if Path(f"{target}{suffix}").exists():
                    os.replace(f"{target}{suffix}", f"{kept}{suffix}")
            os.replace(target, kept)
            if target_header.exists():
                os.replace(target_header, keys.header_path(kept))
        keys.write_header(target_header, new_header)
        os.replace(staged, target)
        keys.fsync_dir(data_dir)
    except OSError as exc:
        raise BackupError(f"Restore failed ({exc}); the current database was not replaced.") from exc
    finally:
        plain.unlink(missing_ok=True)
        for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            leftover.unlink(missing_ok=True)
    log.info("restored %s from %s (previous database kept as %s)", target, source, kept)
    return kept
