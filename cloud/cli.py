"""`faceattend-cloud`: migrate the database and serve the API with uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from pathlib import Path

from cloud.config import DEFAULT_DB_URL, CloudSettings

log = logging.getLogger("cloud")
ADMIN_KEY_ENV = "FACEATTEND_CLOUD_ADMIN_KEY"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="faceattend-cloud", description=__doc__)
    p.add_argument(
        "--db-url",
        default=os.environ.get("FACEATTEND_CLOUD_DB_URL", DEFAULT_DB_URL),
        help="SQLAlchemy URL: sqlite:///file.db (trial) or postgresql+psycopg://user:pw@host/db",
    )
    p.add_argument("--host", default="127.0.0.1", help="listen address (default loopback)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--admin-key-file",
        type=Path,
        help=f"file holding the admin key (else ${ADMIN_KEY_ENV}; else one is generated and logged)",
    )
    p.add_argument("--auth-failures", type=int, default=20, help="auth failures per address per window")
    p.add_argument("--auth-window", type=float, default=60.0, help="rate-limit window in seconds")
    p.add_argument(
        "--forwarded-allow-ips",
        default="",
        metavar="IPS",
        help="comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (default: none; "
        "the client address is the TCP peer's)",
    )
    p.add_argument(
        "--max-body-bytes",
        type=int,
        default=CloudSettings.max_body_bytes,
        help="refuse request bodies larger than this (413), before reading them (default 1 MiB)",
    )
    p.add_argument("--migrate-only", action="store_true", help="bring the schema up to date and exit")
    p.add_argument("--tls-cert", type=Path, help="PEM certificate (serve HTTPS)")
    p.add_argument("--tls-key", type=Path, help="PEM private key")
    p.add_argument("--log-level", default="info")
    return p


def _admin_key(args: argparse.Namespace) -> str:
    if args.admin_key_file:
        return str(args.admin_key_file.read_text(encoding="utf-8").strip())
    key = os.environ.get(ADMIN_KEY_ENV, "")
    if not key:
        key = secrets.token_urlsafe(32)
        log.warning("no admin key given: generated one for this run: %s", key)
    return key


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from cloud.db.engine import Database
    from cloud.db.migrations import migrate

    if args.migrate_only:
        db = Database(args.db_url)
        log.info("schema at version %d", migrate(db.engine))
        db.dispose()
        return 0

    import uvicorn

    from cloud.app import create_app
    from cloud.server import uvicorn_options

    settings = CloudSettings(
        db_url=args.db_url,
        admin_key=_admin_key(args),
        auth_failures_allowed=args.auth_failures,
        auth_failure_window_s=args.auth_window,
        max_body_bytes=args.max_body_bytes,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    app = create_app(settings)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
        **uvicorn_options(settings),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
