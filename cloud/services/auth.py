"""API keys (256-bit random, stored as SHA-256), device authentication and the auth-failure rate limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from cloud.db.engine import Database
from cloud.errors import RateLimitedError, UnauthorizedError
from cloud.repo import orgs as repo

KEY_PREFIX = "fa_"


def new_api_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class DeviceContext:
    """Who is calling: a live device and the organisation it belongs to (its only view of the data)."""

    device_id: int
    device_uuid: str
    org_id: int
    org_uuid: str
    end_to_end: bool
    change_seq: int  # the organisation's cursor when the request was authenticated
    site_uuid: str | None


class FailureLimiter:
    """At most `allowed` auth failures per sliding `window_s`, counted per client address AND per presented
    key; past either, further failures get 429 until the window slides. Only failures are limited: a valid
    key is always let through, so neither others' failures behind the same address (NAT, a spoofer) nor
    guesses at a key can lock a working device out. Keys are 256-bit random, so the limit sheds load and
    noise rather than guarding against guessing."""

    def __init__(self, allowed: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.allowed = allowed
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, bucket: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(bucket, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    @staticmethod
    def buckets(address: str, key: str | None) -> list[str]:
        found = [f"addr:{address}"]
        if key:
            found.append(f"key:{hash_key(key)[:32]}")
        return found

    def check(self, buckets: list[str]) -> None:
        """429 when any bucket is full."""
        with self._lock:
            now = self._clock()
            for bucket in buckets:
                failures = self._recent(bucket, now)
                if len(failures) >= self.allowed:
                    retry = max(1, int(failures[0] + self.window_s - now + 1))
                    what = "this address" if bucket.startswith("addr:") else "this key"
                    message = f"Too many failed authentications from {what}; wait and retry."
                    raise RateLimitedError(message, retry)

    def fail(self, buckets: list[str]) -> None:
        with self._lock:
            now = self._clock()
            for bucket in buckets:
                self._recent(bucket, now).append(now)
            if len(self._failures) > 10_000:  # bound memory: forget buckets with nothing recent
                for old in [b for b, q in self._failures.items() if not q or q[-1] <= now - self.window_s]:
                    del self._failures[old]


class Authenticator:
    def __init__(self, db: Database, admin_key: str, limiter: FailureLimiter) -> None:
        self._db = db
        self._admin_hash = hash_key(admin_key) if admin_key else ""
        self.limiter = limiter

    def device(self, key: str | None, address: str) -> DeviceContext:
        if key:
            with self._db.read() as session:
                found = repo.device_by_key_hash(session, hash_key(key))
                if found is not None and found[0].revoked_at is None:
                    device, org = found
                    site = repo.site_by_id(session, device.site_id) if device.site_id else None
                    return DeviceContext(
                        device_id=device.id,
                        device_uuid=device.uuid,
                        org_id=org.id,
                        org_uuid=org.uuid,
                        end_to_end=org.end_to_end,
                        change_seq=org.change_seq,
                        site_uuid=site.uuid if site else None,
                    )
        self._failed(address, key)
        raise UnauthorizedError(
            "A valid device API key is required (header X-API-Key or Authorization: Bearer)."
        )

    def admin(self, key: str | None, address: str) -> None:
        if key and self._admin_hash and hmac.compare_digest(hash_key(key), self._admin_hash):
            return
        self._failed(address, key)
        raise UnauthorizedError("The admin key is required (header X-Admin-Key or Authorization: Bearer).")

    def _failed(self, address: str, key: str | None) -> None:
        """A failed attempt: 429 if the address or the key is over the limit already, else counted."""
        buckets = self.limiter.buckets(address, key)
        self.limiter.check(buckets)
        self.limiter.fail(buckets)
