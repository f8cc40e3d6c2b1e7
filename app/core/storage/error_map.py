"""SQLite/SQLCipher errors → StorageError subclasses that name the real cause.

The cause comes from SQLite's own primary result code (`sqlite_errorcode` on sqlcipher3's exceptions; the
message text is only a fallback for builds without it), plus two facts SQLite cannot know: whether the
device holding the database has any space left (an I/O error while opening a database on a full disk is
reported by SQLite as a plain SQLITE_IOERR), and whether the file is shorter than one page (truncated).

    SQLITE_CORRUPT, a truncated or empty file  → CorruptDatabaseError  "damaged: restore a backup …"
    SQLITE_FULL (or IOERR with no space left)  → DiskFullError         "disk full"
    SQLITE_IOERR, CANTOPEN, PERM, READONLY     → DatabaseIOError       "I/O error"
    SQLITE_NOTADB on the first read with a key → WrongKeyError         "wrong key or passphrase"
    SQLITE_CONSTRAINT (unique)                 → DuplicateError
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import NoReturn

import sqlcipher3.dbapi2 as sqlite

from app.core.storage.errors import (
    CorruptDatabaseError,
    DatabaseIOError,
    DiskFullError,
    DuplicateError,
    ForeignDatabaseError,
    StorageError,
    WrongKeyError,
)

log = logging.getLogger(__name__)

# SQLite's primary result codes (https://sqlite.org/rescode.html)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_CONSTRAINT = 19
SQLITE_NOTADB = 26

PAGE_SIZE = 4096  # SQLCipher 4's default, used by every FaceAttend database
LOW_SPACE_BYTES = 1 << 20  # an I/O error with less than this left on the device is a full disk
PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = "restore a backup with `faceattend db restore BACKUP`"

_TEXT_CODES = (  # fallback for sqlcipher3 builds whose exceptions carry no sqlite_errorcode
    ("malformed", SQLITE_CORRUPT),
    ("not a database", SQLITE_NOTADB),
    ("is full", SQLITE_FULL),
    ("i/o error", SQLITE_IOERR),
    ("unable to open", SQLITE_CANTOPEN),
    ("readonly", SQLITE_READONLY),
    ("constraint", SQLITE_CONSTRAINT),
    ("locked", SQLITE_BUSY),
)


def result_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a sqlcipher3 exception (extended codes are masked)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    lowered = str(exc).lower()
    for text, fallback in _TEXT_CODES:
        if text in lowered:
            return fallback
    return None


def free_bytes(path: Path) -> int | None:
    """Space left to this user on the device holding `path` (None when it cannot be asked)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def _file_size_limit_reached(path: Path) -> bool:
    """True when the process's RLIMIT_FSIZE is set and the database or its WAL has reached it."""
    try:
        import resource  # POSIX only
    except ImportError:
        return False
    try:
        soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (OSError, ValueError):
        return False
    if soft == resource.RLIM_INFINITY:
        return False
    for candidate in (path, Path(f"{path}-wal")):
        try:
            if candidate.stat().st_size + PAGE_SIZE + 64 > soft:
                return True
        except OSError:
            continue
    return False


def truncated_detail(path: Path) -> str | None:
    """Why the file cannot be a whole FaceAttend database, or None when its size looks right."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size == 0:
        return "the file is empty"
    if size < PAGE_SIZE or size % 512:
        return f"the file is truncated: {size} bytes is not a whole number of pages"
    return None


def corrupt(path: Path, detail: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"The database {path} is damaged ({detail}). It was left as it is: {RESTORE_HINT} "
        "(run `faceattend db check` to see what is damaged)."
    )


def disk_full(path: Path, detail: str) -> DiskFullError:
    return DiskFullError(
        f"Disk full: could not write to {path} ({detail}). Free some space; the last change was not "
        "saved and everything saved before is intact."
    )


def io_error(path: Path, detail: str) -> DatabaseIOError:
    return DatabaseIOError(
        f"I/O error on {path} ({detail}): the operating system refused to read or write the database or a "
        "file beside it (-wal, -shm). Check the disk, the permissions of the folder and its files; the last "
        "change was not saved and everything saved before is intact."
    )


def map_error(exc: BaseException, path: Path) -> BaseException:
    """A sqlite error → a StorageError with a message for the user; anything else unchanged."""
    if isinstance(exc, StorageError) or not isinstance(exc, sqlite.Error):
        return exc
    text = str(exc)
    code = result_code(exc)
    if code == SQLITE_CONSTRAINT or isinstance(exc, sqlite.IntegrityError):
        if "unique" in text.lower():
            return DuplicateError(f"Already stored: {text.split(':', 1)[-1].strip()} must be unique.")
        return StorageError(f"Rejected by the database: {text}.")
    if code == SQLITE_FULL:
        return disk_full(path, text)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY):
        free = free_bytes(path)
        if free is not None and free < LOW_SPACE_BYTES:
            return disk_full(path, f"{text}; {free} bytes left on the device")
        if code == SQLITE_IOERR and _file_size_limit_reached(path):
            return disk_full(path, f"{text}; the process's file size limit was reached")
        return io_error(path, text)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return corrupt(path, text)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(f"The database {path} is busy ({text}): another process holds a lock; try again.")
    return StorageError(f"Database error on {path}: {text}.")


def raise_mapped(exc: BaseException, path: Path) -> NoReturn:
    """Raise what map_error makes of `exc`, chained to it (`exc` itself when that is unchanged). Called from
    the `except` block that caught `exc`."""
    mapped = map_error(exc, path)
    if mapped is exc:
        raise exc
    raise mapped from exc


def map_first_read(exc: BaseException, path: Path) -> BaseException:
    """The error of the first read after keying a connection (page 1 is decrypted here)."""
    if not isinstance(exc, sqlite.Error):
        return exc
    code = result_code(exc)
    if code == SQLITE_NOTADB:
        detail = truncated_detail(path)
        if detail is not None:
            return corrupt(path, detail)
        try:
            with path.open("rb") as handle:
                plain = handle.read(len(PLAIN_SQLITE_MAGIC)) == PLAIN_SQLITE_MAGIC
        except OSError:
            plain = False
        if plain:
            return ForeignDatabaseError(path, "an unencrypted SQLite file")
        return WrongKeyError(path)
    return map_error(exc, path)
