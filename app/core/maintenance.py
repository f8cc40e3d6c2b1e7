"""Database maintenance: check, backup and purge on the open database (DatabaseService, held by the
context), and `restore_database`, which works with NO usable database (damaged, deleted, undecryptable):
it signs in against the BACKUP's users, so it cannot go through an open context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.app_core import AppCore
from app.core.enrolment.session import EnrolmentSettings
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.policy.service import AccessService
from app.core.settings import Settings
from app.core.storage import CheckReport, RestoreResult, Store, restore_backup
from app.core.storage.keys import Prompt


class DatabaseService:
    def __init__(self, core: AppCore) -> None:
        self._core = core

    @property
    def path(self) -> Path:
        return self._core.store.path

    def check(self, session: Session) -> CheckReport:
        """cipher_integrity_check + integrity_check + the audit chain (BACKUP_RESTORE; writes nothing)."""
        self._core.authorise(session, Action.BACKUP_RESTORE)
        return self._core.store.check()

    def backup(self, session: Session, destination: Path, passphrase: str) -> None:
        """An encrypted, verified backup (BACKUP_RESTORE), audited as db.backup; the seal advanced."""
        self._core.authorise(session, Action.BACKUP_RESTORE)
        with access.sealed(self._core.store):
            self._core.store.backup(destination, passphrase, actor=session.name)

    def purge(self, session: Session, days: int) -> dict[str, int]:
        """Delete attendance and unknown-face events older than `days` (RUN_RETENTION), one transaction,
        audited as retention.purge; the seal advanced."""
        self._core.authorise(session, Action.RUN_RETENTION)
        with access.sealed(self._core.store):
            return self._core.store.purge_events_older_than(days, actor=session.name)


def restore_database(
    data_dir: Path,
    source: Path,
    passphrase: str,
    *,
    prompt: Prompt | None,
    sign_in: Callable[[AccessService], Session],
    confirm: Callable[[list[str]], bool],
) -> RestoreResult:
    """Replace the database of `data_dir` by the backup `source` (see storage/restore.py). `sign_in` gets
    the BACKUP's access service and returns the session of a user allowed to BACKUP_RESTORE there."""

    def authorize(backup: Store) -> str:
        core = AppCore(Settings(data_dir=data_dir), EnrolmentSettings(), store_or_none=backup)
        session = sign_in(AccessService(core))
        session.require(Action.BACKUP_RESTORE)
        return session.name

    return restore_backup(data_dir, source, passphrase, prompt=prompt, authorize=authorize, confirm=confirm)
