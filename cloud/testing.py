"""Helpers for the cloud tests and benches: a real PostgreSQL to point at; uvicorn on loopback in a thread.

PostgreSQL comes from FACEATTEND_TEST_PG_URL (a URL whose user may CREATE DATABASE) or else from a throwaway
cluster that `tools/pg_test_server.sh` starts once per process (Debian binaries) and stops at exit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cloud.config import CloudSettings
from cloud.server import uvicorn_options

PG_URL_ENV = "FACEATTEND_TEST_PG_URL"
PG_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "pg_test_server.sh"


@dataclass
class _PgState:
    url: str | None = None
    reason: str = ""
    tried: bool = False


_pg = _PgState()
_pg_lock = threading.Lock()


def pg_admin_url() -> tuple[str | None, str]:
    """(URL, "") of a PostgreSQL server to create test databases on, or (None, why not)."""
    with _pg_lock:
        if _pg.tried:
            return _pg.url, _pg.reason
        _pg.tried = True
        if os.environ.get(PG_URL_ENV):
            _pg.url = os.environ[PG_URL_ENV]
            return _pg.url, ""
        if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) or shutil.which("bash") is None:
            _pg.reason = (
                f"no PostgreSQL: set {PG_URL_ENV} or install Debian's postgresql (tools/ci_postgres.sh)"
            )
            return None, _pg.reason
        done = subprocess.run(
            ["bash", str(PG_SCRIPT), "start"], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            _pg.reason = f"tools/pg_test_server.sh failed: {done.stderr.strip()[-500:]}"
            return None, _pg.reason
        values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
        _pg.url = values["FACEATTEND_TEST_PG_URL"]
        atexit.register(
            subprocess.run, ["bash", str(PG_SCRIPT), "stop", values["FACEATTEND_TEST_PG_DIR"]], check=False
        )
        return _pg.url, ""


def fresh_pg_database(admin_url: str) -> tuple[str, str]:
    """Create an empty database; returns (its URL, its name)."""
    name = "fa_" + uuid.uuid4().hex[:16]
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def drop_pg_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerThread:
    """uvicorn serving an ASGI app on 127.0.0.1 in a daemon thread (tests, benches)."""

    def __init__(self, app: object, port: int | None = None, settings: CloudSettings | None = None) -> None:
        self.port = port or free_port()
        options = uvicorn_options(settings or CloudSettings())
        config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            **options,
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)


def start_service(db_url: str, port: int, key_file: Path, timeout_s: float = 30.0) -> subprocess.Popen[bytes]:
    """`python -m cloud` on 127.0.0.1:port (a subprocess: its own GIL), once /healthz answers.

    Raises RuntimeError when it does not answer within timeout_s (the process is killed)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cloud",
            "--db-url",
            db_url,
            "--port",
            str(port),
            "--admin-key-file",
            str(key_file),
            "--log-level",
            "warning",
        ],
        cwd=Path(__file__).resolve().parents[1],
    )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return proc
        except requests.RequestException:  # not up yet, or too busy to answer
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("faceattend-cloud did not start")


def admin_client(url: str, admin_key: str) -> Callable[..., Any]:
    """admin(method, path, **requests kwargs) → the JSON of an admin request (raises on HTTP errors)."""

    def admin(method: str, path: str, **kw: Any) -> Any:
        r = requests.request(method, url + path, headers={"X-Admin-Key": admin_key}, timeout=10, **kw)
        r.raise_for_status()
        return r.json()

    return admin
