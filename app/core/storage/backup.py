"""Encrypted backups: one file, `faceattend db backup FILE` (restoring: storage/restore.py).

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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from app.core.storage import keys
from app.core.storage.connection import map_error, raw_connect, verify_identity
from app.core.storage.errors import BackupError, StorageError
from app.core.storage.migrations import APPLICATION_ID

if TYPE_CHECKING:
    from app.core.storage.store import Store

log = logging.getLogger(__name__)

MAGIC = b"FACEATTEND-BACKUP\n"
FORMAT = "faceattend-backup"
VERSION = 1
CHUNK = 1 << 20


def export(conn: Any, target: Path, key: bytes) -> None:
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


def verify_copy(path: Path, key: bytes, *, what: str) -> None:
    conn = raw_connect(path, key)
    try:
        verify_identity(conn, path)
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise BackupError(f"The {what} failed its integrity check: {'; '.join(rows[:5])}.")
    finally:
        conn.close()


def fsync_file(path: Path) -> None:
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
    costs = {"name": "argon2id", "salt": salt.hex(), **kdf.__dict__}
    _check_header({"format": FORMAT, "version": VERSION, "kdf": costs}, destination)  # restorable costs only
    key = keys.derive_key(passphrase, salt, kdf)
    stage = destination.with_name(f".{destination.name}.{os.getpid()}.stage")
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    try:
        with store._lock:
            if store._conn is None:
                raise StorageError("The database is closed.")
            try:
                export(store._conn, stage, key)
                version = int(store._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
            except Exception as exc:
                raise map_error(exc, destination) from exc
        verify_copy(stage, key, what="backup copy")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "schema_version": version,
            "kdf": costs,
        }
        blob = json.dumps(header).encode("utf-8")
        with partial.open("wb") as out, stage.open("rb") as src:
            out.write(MAGIC + struct.pack(">I", len(blob)) + blob)
            shutil.copyfileobj(src, out, CHUNK)
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


@dataclass(frozen=True)
class BackupHeader:
    """A backup's header, checked: every value within the bounds below."""

    created_at: str
    schema_version: int
    salt: bytes
    kdf: keys.KdfParams


# What a backup header may ask for. A crafted header must not make the restore allocate or compute without
# bound: argon2id at 4 TiB or 2^31 passes would crash or hang before the passphrase is even checked.
MAX_HEADER_BYTES = 64 * 1024
MAX_TIME_COST = 16
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_PARALLELISM = 16
SALT_BYTES = (16, 64)


def _bounded_int(raw: dict[str, Any], name: str, low: int, high: int, source: Path) -> int:
    value = raw.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise BackupError(
            f"{source} is refused: its header asks for {name} = {str(value)[:40]!r}, outside what FaceAttend "
            f"accepts ({low}..{high}). Nothing was changed."
        )
    return value


def _check_header(raw: object, source: Path) -> BackupHeader:
    not_backup = BackupError(f"{source} is not a FaceAttend backup.")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise not_backup
    if raw.get("version") != VERSION:
        version = str(raw.get("version"))[:20]
        raise BackupError(f"{source} was written by a newer FaceAttend (backup format {version}).")
    kdf = raw.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "argon2id":
        raise not_backup
    parallelism = _bounded_int(kdf, "parallelism", 1, MAX_PARALLELISM, source)
    params = keys.KdfParams(
        _bounded_int(kdf, "time_cost", 1, MAX_TIME_COST, source),
        _bounded_int(kdf, "memory_cost_kib", 8 * parallelism, MAX_MEMORY_KIB, source),
        parallelism,
    )
    salt_hex = kdf.get("salt")
    try:
        salt = bytes.fromhex(salt_hex) if isinstance(salt_hex, str) else b""
    except ValueError:
        salt = b""
    if not SALT_BYTES[0] <= len(salt) <= SALT_BYTES[1]:
        raise BackupError(f"{source} is a damaged FaceAttend backup (its salt is missing or malformed).")
    schema = raw.get("schema_version", 0)
    created = raw.get("created_at", "")
    return BackupHeader(
        created_at=str(created)[:64],
        schema_version=schema if isinstance(schema, int) and not isinstance(schema, bool) else 0,
        salt=salt,
        kdf=params,
    )


def read_header(handle: BinaryIO, source: Path) -> BackupHeader:
    """Read and check a backup's header; `handle` is left at the start of the encrypted database."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise BackupError(f"{source} is not a FaceAttend backup.")
    size = handle.read(4)
    if len(size) != 4:
        raise BackupError(f"{source} is a damaged FaceAttend backup (unreadable header).")
    (length,) = struct.unpack(">I", size)
    if length > MAX_HEADER_BYTES:
        raise BackupError(
            f"{source} is refused: its header claims {length} bytes (at most {MAX_HEADER_BYTES}). "
            "Nothing was changed."
        )
    blob = handle.read(length)
    try:
        raw = json.loads(blob)
    except (ValueError, RecursionError) as exc:  # RecursionError: a deeply nested crafted header
        raise BackupError(f"{source} is a damaged FaceAttend backup (unreadable header).") from exc
    return _check_header(raw, source)
