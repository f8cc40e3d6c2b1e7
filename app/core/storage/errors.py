"""Storage error types: every message is a complete sentence fit to show a user."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import StorageError


class WrongKeyError(StorageError):
    """The file cannot be decrypted with the key we have, or is not a FaceAttend database."""

    def __init__(self, path: Path, detail: str = "") -> None:
        message = f"cannot open {path}: wrong key or not a FaceAttend database"
        if detail:
            message += f" ({detail})"
        super().__init__(message)
        self.path = path


class KeyUnavailableError(StorageError):
    """The database key cannot be obtained (no keyring entry, no passphrase given)."""


class CorruptDatabaseError(StorageError):
    """The database decrypts but its pages are damaged; the file is left as it is."""


class DiskFullError(StorageError):
    """A write failed (disk full / file size limit / I/O error); the transaction was rolled back."""


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
    "DiskFullError",
    "DuplicateError",
    "KeyUnavailableError",
    "ModelMismatchError",
    "NotFoundError",
    "StorageError",
    "WrongKeyError",
]
