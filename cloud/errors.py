"""Domain errors raised by services; the API maps each to one HTTP status (see cloud.api.errors)."""

from __future__ import annotations

from pydantic import BaseModel


class CloudError(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class UnauthorizedError(CloudError):
    status = 401


class RateLimitedError(CloudError):
    status = 429

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class NotFoundError(CloudError):
    status = 404


class ConflictError(CloudError):
    """The edit does not start from the server's version; the server version wins: `current` is it."""

    status = 409

    def __init__(self, detail: str, current: BaseModel | None = None) -> None:
        super().__init__(detail)
        self.current = current


class GoneError(CloudError):
    """The entity was deleted; deletion wins over any later edit."""

    status = 410


class InvalidError(CloudError):
    status = 422


class SearchDisabledError(CloudError):
    """The organisation stores only ciphertext (end-to-end mode): the service cannot compare templates."""

    status = 409
