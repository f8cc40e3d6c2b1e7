"""The HTTP client of the cloud API: TLS verified, API key in a header, retries with backoff."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from app.core.sync.client.errors import CursorAheadError, SyncAuthError, SyncError, TransientSyncError
from wire import schemas

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request
    base_s: float = 0.5
    cap_s: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with full jitter: uniform(0, min(cap, base * 2**attempt))."""
        return rng.uniform(0.0, min(self.cap_s, self.base_s * 2.0**attempt))


class CloudClient:
    """requests against the cloud API: TLS verified, API key in a header, retries on transient failures.

    `verify` is True (system CAs) or a CA bundle path; it cannot be turned off. Plain http is accepted only
    for a loopback host (a one-machine trial or tests)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        verify: bool | str = True,
        timeout: tuple[float, float] = (3.05, 15.0),
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme == "http" and parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SyncError("The cloud address must use https (plain http only for this machine).")
        if parts.scheme not in {"http", "https"}:
            raise SyncError("The cloud address must start with https://.")
        if verify is False:
            raise SyncError("TLS certificate verification cannot be turned off.")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._session = session or requests.Session()
        self._session.verify = verify
        self._session.headers.update({"X-API-Key": api_key, "User-Agent": "FaceAttend-desktop"})

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> requests.Response:
        """The response of the first non-transient answer; raises TransientSyncError when tries run out."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        last = ""
        for attempt in range(self.retry.attempts):
            try:
                resp = self._session.request(
                    method,
                    self.base_url + path,
                    json=json,
                    params=params,
                    headers=headers,
                    timeout=self.timeout,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"{type(exc).__name__}: {exc}"
                wait = self.retry.delay(attempt, self._rng)
            else:
                if resp.status_code in (401, 403):
                    raise SyncAuthError("The cloud refused this device's API key (revoked or wrong).")
                if resp.status_code not in TRANSIENT_STATUS:
                    return resp
                last = f"HTTP {resp.status_code}"
                wait = max(self.retry.delay(attempt, self._rng), retry_after(resp))
            if attempt + 1 < self.retry.attempts:
                log.info("%s %s failed (%s); retry %d in %.2f s", method, path, last, attempt + 1, wait)
                self._sleep(min(wait, self.retry.cap_s))
        raise TransientSyncError(f"The cloud service is unavailable ({last}).")

    def changes(self, since: int, limit: int = 500) -> schemas.ChangesPage:
        resp = self.request("GET", "/v1/changes", params={"since": since, "limit": limit})
        if resp.status_code == 409:
            raise CursorAheadError(resp.json().get("detail", ""))
        raise_for(resp)
        return schemas.ChangesPage.model_validate(resp.json())

    def search(self, req: schemas.SearchRequest) -> schemas.SearchResponse:
        resp = self.request("POST", "/v1/search", json=req.model_dump(mode="json"))
        raise_for(resp)
        return schemas.SearchResponse.model_validate(resp.json())


def retry_after(resp: requests.Response) -> float:
    try:
        return float(resp.headers.get("Retry-After", "0"))
    except ValueError:
        return 0.0


def raise_for(resp: requests.Response) -> None:
    if resp.status_code >= 400:
        raise SyncError(f"The cloud refused the request: HTTP {resp.status_code} {resp.text[:200]}")
