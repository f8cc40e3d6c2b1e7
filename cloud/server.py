"""How uvicorn serves the app: the options the CLI, the tests and the benches share."""

from __future__ import annotations

from typing import Any

from cloud.config import CloudSettings


def uvicorn_options(settings: CloudSettings) -> dict[str, Any]:
    """Proxy headers are believed only from the proxies named in `forwarded_allow_ips` (uvicorn's own
    default trusts X-Forwarded-For from any loopback client, which lets a local caller pick its address)."""
    trusted = settings.forwarded_allow_ips.strip()
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}
