"""Domain errors and database surprises → JSON error responses (always 4xx for a caller's mistake)."""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, IntegrityError

from cloud.errors import CloudError, ConflictError, RateLimitedError

log = logging.getLogger(__name__)


async def _cloud_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CloudError)
    body: dict[str, object] = {"detail": exc.detail}
    headers: dict[str, str] = {}
    if isinstance(exc, ConflictError) and exc.current is not None:
        body["current"] = exc.current.model_dump(mode="json")
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after_s)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=exc.status, headers=headers)


async def _integrity(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("integrity error mapped to 409: %s", exc)
    return JSONResponse({"detail": "The request conflicts with stored data; retry."}, status_code=409)


async def _data(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("data error mapped to 422: %s", exc)
    return JSONResponse({"detail": "A value is out of range for storage."}, status_code=422)


async def _validation(_request: Request, exc: Exception) -> Response:
    """422 without echoing the input (it may not even be encodable: lone surrogates, binary)."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    body = json.dumps({"detail": errors}, ensure_ascii=True, default=str)
    return Response(body, status_code=422, media_type="application/json")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(CloudError, _cloud_error)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(DataError, _data)
