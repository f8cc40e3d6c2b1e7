"""Storage error types: every message is a complete sentence fit to show a user."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import StorageError


class WrongKeyError(StorageError):
    """The file's first page does not decrypt with the key we have (SQLITE_NOTADB on the first read), or
    the file is not a FaceAttend database."""

    def __init__(self, path: Path, detail: str = "", *, reason: str = "") -> None:
        message = f"cannot open {path}: {reason or 'wrong key or passphrase (or not a FaceAttend database)'}"
        if detail:
            message += f" ({detail})"
        super().__init__(message)
        self.path = path


class ForeignDatabaseError(WrongKeyError):
    """The file opens (or is plain SQLite) but is not a FaceAttend database."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(path, detail, reason="not a FaceAttend database")


class KeyUnavailableError(StorageError):
    """The database key cannot be obtained (no keyring entry, no passphrase given)."""


class CorruptDatabaseError(StorageError):
    """The database is damaged (SQLITE_CORRUPT, a truncated or empty file); the file is left as it is."""


class DiskFullError(StorageError):
    """No space left (SQLITE_FULL, or an I/O error on a device with no free space, or the process's file
    size limit); the transaction was rolled back."""


class DatabaseIOError(StorageError):
    """The operating system refused a read or write (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM,
    SQLITE_READONLY) for another reason than a full disk."""


class DuplicateError(StorageError):
    """A unique value (uuid, external id, user name) already exists."""


class NotFoundError(StorageError):
    """The record asked for does not exist."""


class ModelMismatchError(StorageError):
    """The database holds templates made by another face model: re-enrolment is needed."""


class BackupError(StorageError):
    """A backup cannot be written or read (wrong passphrase, damaged or not a FaceAttend backup)."""


__all__ = [
    "BackupError",
    "CorruptDatabaseError",
    "DatabaseIOError",
    "DiskFullError",
    "DuplicateError",
    "ForeignDatabaseError",
    "KeyUnavailableError",
    "ModelMismatchError",
    "NotFoundError",
    "StorageError",
    "WrongKeyError",
]
