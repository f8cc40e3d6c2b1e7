"""Engine and sessions. Writes to one organisation's registry are serialised (the organisation row is locked
FOR UPDATE on PostgreSQL; a process lock on SQLite), so change cursors are handed out in commit order and a
reader that saw cursor N can never later miss a change numbered below N."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from cloud.db.tables import Organisation

log = logging.getLogger(__name__)


class Database:
    def __init__(self, url: str, echo: bool = False) -> None:
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._sqlite_write = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self, org_id: int | None = None) -> Iterator[Session]:
        """One transaction; with `org_id`, the organisation's registry is locked until commit."""
        lock = self._sqlite_write if self.is_sqlite else None
        if lock is not None:
            lock.acquire()
        try:
            with self._sessions() as session, session.begin():
                if org_id is not None and not self.is_sqlite:
                    session.execute(
                        select(Organisation.id).where(Organisation.id == org_id).with_for_update()
                    )
                yield session
        finally:
            if lock is not None:
                lock.release()

    def purge_deleted(self) -> None:
        """After an erasure: on SQLite, copy the WAL into the database and truncate it, so the erased name
        and vector survive in no file (secure_delete has zeroed the freed cells). On PostgreSQL the old row
        versions stay in the table's pages until VACUUM reclaims them (autovacuum, or `VACUUM persons,
        templates` after a mass erasure); see cloud/README.md."""
        if not self.is_sqlite:
            return
        with self._sqlite_write, self.engine.connect() as conn:
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            if busy:
                log.warning("WAL checkpoint after an erasure was blocked by a reader; it completes later")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten, not just unlinked
    cursor.close()
