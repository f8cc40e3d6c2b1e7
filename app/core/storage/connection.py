"""One SQLCipher connection: keyed, verified before anything is written, configured, errors mapped."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlite

from app.core.storage.error_map import map_error, map_first_read, raise_mapped
from app.core.storage.errors import ForeignDatabaseError, StorageError
from app.core.storage.migrations import APPLICATION_ID

log = logging.getLogger(__name__)

# SQLCipher logs decryption failures on stderr by itself; we report them as StorageError instead.
_quiet = sqlite.connect(":memory:")
_quiet.execute("PRAGMA cipher_log_level = NONE")
_quiet.close()


def key_pragma_value(key: bytes) -> str:
    """SQLCipher raw-key syntax: the 256-bit key is used as is (no PBKDF2 on top)."""
    return f"\"x'{key.hex()}'\""


def raw_connect(path: Path, key: bytes) -> Any:
    """Open and key a connection. Nothing is read or written yet."""
    conn = sqlite.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    conn.execute(f"PRAGMA key = {key_pragma_value(key)}")
    return conn


def verify_identity(conn: Any, path: Path) -> None:
    """Read page 1 and the application id; a wrong key, a damaged or foreign file fails here, before any
    write, with its real cause (storage/error_map.py): wrong key, damaged, disk full, I/O error."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite.Error as exc:
        raise map_first_read(exc, path) from exc
    if app_id != APPLICATION_ID:
        raise ForeignDatabaseError(path, "no FaceAttend marker")


def configure(conn: Any) -> None:
    """Connection settings, applied after the identity check.

    - foreign_keys: ON (off by default in SQLite).
    - journal_mode WAL: readers (reports) do not block the kiosk writer; a crash leaves a WAL that the
      next open replays.
    - synchronous FULL: in WAL mode NORMAL may lose the last commits on power loss (still consistent);
      attendance records are legal records and arrive at most a few per second, so the extra fsync per
      commit is cheap. Bulk imports batch many rows in one transaction.
    - secure_delete: purged biometric rows are overwritten, not merely unlinked.
    - temp_store MEMORY: no sort/temp data ever reaches a temporary file.
    """
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode WAL refused (%s)", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")


__all__ = ["Connection", "configure", "key_pragma_value", "map_error", "raw_connect", "verify_identity"]


class Connection:
    """Owns the sqlite connection; all access goes through tx() (write) or read() under one lock."""

    def __init__(self, conn: Any, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()

    @contextmanager
    def tx(self) -> Iterator[Any]:
        """A write transaction (BEGIN IMMEDIATE … COMMIT); rolled back on any error."""
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A consistent read snapshot (deferred transaction)."""
        with self._transaction("BEGIN") as conn:
            yield conn

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Any]:
        with self._lock:
            if self._conn is None:
                raise StorageError("The database is closed.")
            conn = self._conn
            try:
                conn.execute(begin)
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback_quietly()
                raise_mapped(exc, self.path)

    def _rollback_quietly(self) -> None:
        try:
            if self._conn is not None and self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite.Error as exc:  # SQLite may already have rolled back (disk full, I/O error)
            log.debug("rollback: %s", exc)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite.Error as exc:
                    log.warning("closing %s: %s", self.path, exc)
                self._conn = None

    @property
    def closed(self) -> bool:
        return self._conn is None
