"""The request guard, in front of every route: the body-size limit and authentication come BEFORE the body
is read, so a caller without a valid key cannot make the service buffer or parse anything.

- A declared `Content-Length` above the limit is answered 413 at once; a chunked body is counted as it
  arrives and cut off with 413 the moment it passes the limit.
- `/v1/admin/…` needs the admin key, every other `/v1/…` route a device key; the caller's identity is left
  in `request.state.device` for the route's dependency (cloud.api.deps), so a key is checked once.
- The client address is the TCP peer as uvicorn reports it: proxy headers count only from the proxies named
  in `--forwarded-allow-ips` (see cloud.server).
"""

from __future__ import annotations

import json
import logging

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cloud.errors import CloudError, RateLimitedError
from cloud.services.auth import Authenticator

log = logging.getLogger(__name__)


class BodyTooLarge(HTTPException):
    """Raised inside the app's body read: an HTTPException, so the route's own error handling answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


def _headers(scope: Scope) -> dict[str, str]:
    found: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").lower()
        if name not in found:  # the first of repeated headers, as Starlette's Headers.get does
            found[name] = raw_value.decode("latin-1")
    return found


def _bearer(headers: dict[str, str]) -> str | None:
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


async def _reply(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _error_headers(exc: CloudError) -> dict[str, str]:
    if isinstance(exc, RateLimitedError):
        return {"Retry-After": str(exc.retry_after_s)}
    if exc.status == 401:
        return {"WWW-Authenticate": "Bearer"}
    return {}


class RequestGuard:
    """ASGI middleware: size limit, then authentication, then the app."""

    def __init__(self, app: ASGIApp, auth: Authenticator, max_body_bytes: int) -> None:
        self.app = app
        self.auth = auth
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _reply(send, 413, f"The request body is larger than {self.max_body_bytes} bytes.")
            return
        path: str = scope.get("path", "")
        if path.startswith("/v1/"):
            client = scope.get("client")
            address = str(client[0]) if client else "unknown"
            try:
                if path.startswith("/v1/admin/") or path == "/v1/admin":
                    self.auth.admin(headers.get("x-admin-key") or _bearer(headers), address)
                    scope.setdefault("state", {})["admin"] = True
                else:
                    device = self.auth.device(headers.get("x-api-key") or _bearer(headers), address)
                    scope.setdefault("state", {})["device"] = device
            except CloudError as exc:
                await _reply(send, exc.status, exc.detail, _error_headers(exc))
                return
        await self._limited(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            log.info("request body over %d bytes refused", self.max_body_bytes)
            if not started:
                await _reply(send, 413, str(exc.detail))
