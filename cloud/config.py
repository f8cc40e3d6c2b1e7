"""The service's one typed settings object, built by the CLI (or a test) and passed down."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB_URL = "sqlite:///faceattend-cloud.db"


@dataclass(frozen=True)
class CloudSettings:
    db_url: str = DEFAULT_DB_URL
    admin_key: str = ""  # empty: admin endpoints answer 401 to everyone
    # Auth failures allowed per client address within the window before it gets 429 for the rest of it.
    auth_failures_allowed: int = 20
    auth_failure_window_s: float = 60.0
    page_limit_max: int = 1000
    # Request bodies above this are refused (413) before they are read; the largest real request, a batch of
    # 500 attendance events, is about 200 KB.
    max_body_bytes: int = 1024 * 1024
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (uvicorn's forwarded_allow_ips, comma
    # separated); empty: none, the client address is the TCP peer's.
    forwarded_allow_ips: str = ""
    db_echo: bool = False
