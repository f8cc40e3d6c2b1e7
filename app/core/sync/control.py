"""SyncControl: the cloud sync of the open database as the UI and the commands see it — status, listeners,
"sync now", and the audited configuration changes (SYNC_KEY_CHANGE). The SyncService it wraps writes its
own audit entries inside its transactions; this control advances the seal after them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.core.app_core import AppCore
from app.core.errors import StorageError
from app.core.policy import access
from app.core.policy.access import Action, Session
from app.core.sync.client import SyncStatus
from app.core.sync.service import SyncConfig, SyncService

log = logging.getLogger(__name__)


class SyncControl:
    def __init__(self, core: AppCore, background: bool) -> None:
        self._core = core
        self._background = background  # the loop runs in a thread (GUI, kiosk); the CLI runs single passes
        self._service: SyncService | None = None
        self._listeners: list[Callable[[SyncStatus], None]] = []

    # --- lifetime (the composition root) ----------------------------------------------------------
    def open(self) -> None:
        self._service = SyncService(self._core.store, on_status=self._status_changed)
        self._core.wake_sync = self.sync_now
        if self._background:
            self._service.start()

    def close(self) -> None:
        """Before the store closes: a pass in progress still writes to it."""
        if self._service is not None:
            self._service.stop()
            self._service = None
        self._core.wake_sync = lambda: None

    @property
    def service(self) -> SyncService | None:
        """The SyncService (None while closed). status() and wake() are safe from any thread."""
        return self._service

    def _require(self) -> SyncService:
        if self._service is None:
            raise StorageError("The database is not open.")
        return self._service

    # --- listeners ---------------------------------------------------------------------------------
    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        """`listener(status)` after each sync pass — called on the SYNC thread (the UI re-emits a signal)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _status_changed(self, status: SyncStatus) -> None:
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("sync listener failed")

    # --- reading -----------------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        return self._service.status() if self._service is not None else SyncStatus()

    def config(self) -> SyncConfig | None:
        return self._service.config() if self._service is not None else None

    @property
    def configured(self) -> bool:
        return self._service is not None and self._service.configured

    def queue_errors(self) -> list[Any]:
        """(kind, key, error) of the outbox items being retried."""
        return list(self._require().replica.queue_errors())

    # --- running -----------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Run a pass as soon as possible ("Sync now"; the loop is started if it was stopped)."""
        if self._service is None:
            return
        if self._background and not self._service.running:
            self._service.start()
        self._service.wake()

    def run_once(self) -> SyncStatus:
        """One pass now, on this thread (the command line)."""
        return self._require().run_once()

    # --- configuration (SYNC_KEY_CHANGE) -----------------------------------------------------------
    def configure(
        self,
        session: Session,
        url: str,
        api_key: str,
        e2e: bool = False,
        *,
        org_key: bytes | None = None,
        interval_s: float | None = None,
        pull_attendance: bool = False,
    ) -> int:
        """Turn cloud sync on: URL + device API key (keyring), optional end-to-end mode. SyncService writes
        the audit entries (sync.key_change, sync.configure). Returns the items queued."""
        self._core.authorise(session, Action.SYNC_KEY_CHANGE)
        service = self._require()
        extra: dict[str, Any] = {"org_key": org_key, "pull_attendance": pull_attendance}
        if interval_s is not None:
            extra["interval_s"] = interval_s
        with access.sealed(self._core.store):
            queued = service.configure(url.strip(), api_key.strip(), e2e=e2e, actor=session.name, **extra)
        self.sync_now()
        return queued

    def disable(self, session: Session) -> None:
        """Sync off: the keys leave the keyring; audited as sync.disable."""
        self._core.authorise(session, Action.SYNC_KEY_CHANGE)
        service = self._require()
        with access.sealed(self._core.store):
            service.disable(actor=session.name)
        self._status_changed(service.status())
