"""SyncService: cloud sync for one desktop database — configuration, one sync pass, a background loop.

Sync is off until configured. The configuration (server URL, end-to-end flag, interval) is a settings row in
the encrypted database; the device API key and, in end-to-end mode, the organisation key live in the OS
keyring only (service KEYRING_SERVICE, one entry per database id), never in the database or a file.
Configuring turns on the store's transactional outbox (every enrolment, edit, deletion and attendance event is
then queued in the same transaction as the write) and queues what the device already holds.

A pass (`run_once`) pushes the outbox, pulls the change feed (server version wins, deletion wins) and, on a
reporting device, pulls the organisation's attendance. The loop (`start`/`stop`) is a plain daemon thread:
one pass every `interval_s`, exponential backoff with jitter while the service is unreachable or failing.
`status()` is safe to call from any thread (the UI's status strip); `on_status` is called from the loop
thread after each pass (marshal it to the UI thread).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import random
import threading
from collections.abc import Callable
from copy import deepcopy
from dataclasses import asdict, dataclass
from typing import Any

import keyring

from app.core.storage import KeyUnavailableError, Store
from app.core.storage.sync_replica import StoreReplica
from app.core.sync.client import (
    CloudClient,
    RetryPolicy,
    SyncEngine,
    SyncError,
    SyncStatus,
    TemplateSealer,
)
from app.core.sync.outbox import StoreOutboxQueue
from wire import schemas

log = logging.getLogger(__name__)

KEYRING_SERVICE = "FaceAttend-sync"
CONFIG_SETTING = "sync.config"
MAX_BACKOFF_S = 900.0


@dataclass(frozen=True)
class SyncConfig:
    url: str
    e2e: bool = False  # templates sealed with the organisation key; the service stores ciphertext only
    interval_s: float = 60.0
    pull_attendance: bool = False  # a reporting device: keep a copy of every site's attendance


class SyncService:
    def __init__(
        self,
        store: Store,
        *,
        retry: RetryPolicy | None = None,
        timeout: tuple[float, float] = (3.05, 15.0),
        verify: bool | str = True,
        max_backoff_s: float = MAX_BACKOFF_S,
        on_status: Callable[[SyncStatus], None] | None = None,
        rng: random.Random | None = None,
        batch: int = 100,
    ) -> None:
        self.store = store
        self.batch = batch
        self.replica = StoreReplica(store)
        self.retry = retry
        self.timeout = timeout
        self.verify = verify
        self.max_backoff_s = max_backoff_s
        self.on_status = on_status
        self._rng = rng or random.Random()
        self._engine: SyncEngine | None = None
        self._run_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = SyncStatus(last_success_at=self.replica.last_success())

    # --- configuration ---------------------------------------------------------------------------
    def _account(self, what: str) -> str:
        return f"{self.store.header.db_id}:{what}"

    def config(self) -> SyncConfig | None:
        raw = self.store.get_setting(CONFIG_SETTING)
        return None if not raw else SyncConfig(**raw)

    @property
    def configured(self) -> bool:
        return self.config() is not None and self._secret("api-key") is not None

    def configure(
        self,
        url: str,
        api_key: str,
        *,
        e2e: bool = False,
        org_key: bytes | None = None,
        interval_s: float = 60.0,
        pull_attendance: bool = False,
        actor: str = "system",
    ) -> int:
        """Store the configuration (key in the keyring), turn the outbox on; returns how many existing
        records were queued. In end-to-end mode the org key is `org_key`, else the one already in the
        keyring, else a new random one (copy it to the organisation's other devices)."""
        if not api_key.strip():
            raise SyncError("The API key is empty.")
        CloudClient(url, api_key, verify=self.verify)  # refuses plain http to another host, verify off
        config = SyncConfig(url.rstrip("/"), e2e, float(interval_s), pull_attendance)
        previous = self.config()
        resync = previous is None or previous.url != config.url or previous.e2e != e2e
        old_key = self._secret("api-key")
        self._set_secret("api-key", api_key)
        if old_key != api_key:
            self.store.append_audit(
                actor, "sync.key_change", {"url": config.url, "key_sha256": _fingerprint(api_key)}
            )
        if e2e:
            current = self._secret("org-key")
            new = org_key if org_key is not None else (None if current else _random_key())
            if new is not None:
                if len(new) != 32:
                    raise SyncError("The organisation key must be 32 bytes (AES-256).")
                resync = True  # templates skipped for want of this key are pulled again
                encoded = base64.b64encode(new).decode("ascii")
                if encoded != current:
                    self._set_secret("org-key", encoded)
                    self.store.append_audit(
                        actor, "sync.org_key_change", {"key_sha256": _fingerprint(encoded)}
                    )
        self.store.set_setting(CONFIG_SETTING, asdict(config))
        self.store.append_audit(actor, "sync.configure", {"url": config.url, "e2e": e2e})
        with self._run_lock:
            self._engine = None  # rebuilt from the new configuration on the next pass
            if resync:  # another service (or key): its change feed starts from 0
                self.replica.reset_cursors()
                self.replica.unopened = 0
        # what the device already holds is queued once, when the outbox is turned on
        queued = 0 if self.replica.outbox_enabled() else self.replica.enable_outbox(True)
        log.info("sync configured for %s (e2e=%s); %d existing records queued", config.url, e2e, queued)
        self.wake()
        return queued

    def disable(self, actor: str = "system") -> None:
        """Sync off: no more items are queued (those queued stay); the keyring entries are removed."""
        self.stop()
        self.replica.enable_outbox(False)
        self.store.set_setting(CONFIG_SETTING, None)
        for what in ("api-key", "org-key"):
            try:
                keyring.delete_password(KEYRING_SERVICE, self._account(what))
            except Exception as exc:  # absent, or no keyring: nothing to remove
                log.debug("keyring delete %s: %s", what, exc)
        self.store.append_audit(actor, "sync.disable", {})
        with self._run_lock:
            self._engine = None
            self._status = SyncStatus()

    def org_key(self) -> bytes | None:
        value = self._secret("org-key")
        return None if value is None else base64.b64decode(value)

    def _secret(self, what: str) -> str | None:
        try:
            value: str | None = keyring.get_password(KEYRING_SERVICE, self._account(what))
        except Exception as exc:  # no keyring backend on this machine
            log.warning("keyring unavailable: %s", exc)
            return None
        return value

    def _set_secret(self, what: str, value: str) -> None:
        try:
            keyring.set_password(KEYRING_SERVICE, self._account(what), value)
        except Exception as exc:
            raise KeyUnavailableError(
                f"The OS keyring cannot hold the sync {what} ({exc}); sync needs a keyring."
            ) from exc

    def _build_engine(self) -> SyncEngine | None:
        config, api_key = self.config(), self._secret("api-key")
        if config is None or api_key is None:
            return None
        sealer = None
        if config.e2e:
            key = self.org_key()
            if key is None:
                raise SyncError("End-to-end sync needs the organisation key in the keyring.")
            sealer = TemplateSealer(key)
        self.replica.opener = sealer.open if sealer else None
        client = CloudClient(
            config.url,
            api_key,
            verify=self.verify,
            timeout=self.timeout,
            retry=self.retry,
            sleep=self._pause,
        )
        queue = StoreOutboxQueue(self.replica, sealer)
        return SyncEngine(client, queue, self.replica, batch=self.batch, rng=self._rng)

    def _pause(self, seconds: float) -> None:
        """A retry's backoff, cut short by stop()."""
        self._stop.wait(seconds)

    # --- one pass --------------------------------------------------------------------------------
    def run_once(self) -> SyncStatus:
        """Push, pull, (pull attendance); never raises for the network. Returns a copy of the status."""
        with self._run_lock:
            try:
                if self._engine is None:
                    self._engine = self._build_engine()
            except SyncError as exc:
                self._status.state, self._status.last_error = "error", str(exc)
                return self.status()
            engine = self._engine
            if engine is None:
                self._status = SyncStatus(state="off")
                return self.status()
            del engine.status.rejected[:-50]  # the latest refusals only
            status = engine.run_once()
            config = self.config()
            if status.state == "idle" and config is not None and config.pull_attendance:
                try:
                    self._pull_attendance(engine)
                except SyncError as exc:
                    status.state, status.last_error = "offline", str(exc)
            if self.replica.unopened:
                status.state = "error"
                status.last_error = (
                    f"{self.replica.unopened} end-to-end templates could not be opened with this device's "
                    "organisation key: configure the organisation's key (they are pulled again then)."
                )
            elif status.state == "idle" and status.last_success_at is not None:
                self.replica.set_last_success(status.last_success_at)
            self._status = status
        return self.status()

    def _pull_attendance(self, engine: SyncEngine) -> int:
        assert engine.client is not None
        added, after = 0, self.replica.attendance_cursor()
        while True:
            resp = engine.client.request("GET", "/v1/attendance", params={"after": after, "limit": 500})
            if resp.status_code >= 400:
                raise SyncError(f"The cloud refused the attendance pull: HTTP {resp.status_code}")
            page = schemas.AttendancePage.model_validate(resp.json())
            added += self.replica.apply_attendance(page.events, page.next_cursor)
            after = page.next_cursor
            if not page.has_more:
                return added

    def status(self) -> SyncStatus:
        """A copy for the UI: state, last success, last error, queue length, rejected items."""
        status = deepcopy(self._status)
        if status.last_success_at is None:
            status.last_success_at = self.replica.last_success()
        if status.state == "off" and self.configured:
            status.state = "idle"
        try:
            status.queue_length = self.store.sync_queue_length()
        except Exception as exc:  # closed while the UI asks: report, do not raise
            status.last_error = status.last_error or str(exc)
        status.running = self.running
        return status

    # --- the background loop ---------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the loop (no-op when running). It does nothing but wait while sync is not configured."""
        if self.running:
            return
        self._stop.clear()
        self._wake.clear()
        self._thread = threading.Thread(target=self._loop, name="faceattend-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run a pass now ("Sync now"; after an enrolment)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the loop and wait for the pass in progress (its requests time out by `timeout`)."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                status = self.run_once()
            except Exception as exc:  # a storage failure must not kill the loop silently
                log.exception("sync pass failed")
                status = self.status()
                status.state, status.last_error = "error", str(exc)
            if self.on_status is not None:
                try:
                    self.on_status(status)
                except Exception:
                    log.exception("sync status callback failed")
            config = self.config()
            interval = config.interval_s if config else 60.0
            if status.state in ("idle", "off"):
                failures, delay = 0, interval
            else:
                failures += 1
                delay = min(self.max_backoff_s, interval * 2.0 ** min(failures, 16))
                delay = self._rng.uniform(delay / 2, delay)
            self._wake.wait(delay)
            self._wake.clear()


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def _random_key() -> bytes:
    return os.urandom(32)


def describe(status: SyncStatus) -> dict[str, Any]:
    """The status as plain values (CLI, logs)."""
    raw = asdict(status)
    raw["last_success_at"] = status.last_success_at.isoformat() if status.last_success_at else None
    return raw
