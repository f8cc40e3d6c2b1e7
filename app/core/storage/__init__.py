"""Encrypted storage (SQLCipher). The only package in the app that speaks SQL.

with Store.open(data_dir) as store: ...
"""

from app.core.storage.audit import AuditCheck
from app.core.storage.errors import (
    BackupError,
    CorruptDatabaseError,
    DatabaseIOError,
    DiskFullError,
    DuplicateError,
    ForeignDatabaseError,
    KeyUnavailableError,
    ModelMismatchError,
    NotFoundError,
    StorageError,
    WrongKeyError,
)
from app.core.storage.instance_lock import DatabaseInUseError
from app.core.storage.keys import PASSPHRASE_ENV, SERVICE, KdfParams
from app.core.storage.restore import RestoreCancelledError, RestoreResult, restore_backup
from app.core.storage.store import DB_FILENAME, CheckReport, Store

__all__ = [
    "DB_FILENAME",
    "PASSPHRASE_ENV",
    "SERVICE",
    "AuditCheck",
    "BackupError",
    "CheckReport",
    "CorruptDatabaseError",
    "DatabaseIOError",
    "DatabaseInUseError",
    "DiskFullError",
    "DuplicateError",
    "ForeignDatabaseError",
    "KdfParams",
    "KeyUnavailableError",
    "ModelMismatchError",
    "NotFoundError",
    "RestoreCancelledError",
    "RestoreResult",
    "StorageError",
    "Store",
    "WrongKeyError",
    "restore_backup",
]
