"""Shared fixtures: the ../shared test data, an in-memory keyring, a fresh data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FACEATTEND_SHARED", REPO_ROOT.parent / "shared"))


def shared_path(relative: str) -> Path:
    """A path inside ../shared, or skip the test with the reason when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared not found: {path} is absent (test data lives outside the repo)")
    return path


def python_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Another Python process running `script` (python -c) on this repository, stdin and stdout piped as text,
    with no keyring (it opens a database by passphrase)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env=env,
    )


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (tests only; never on disk)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without a usable keyring (keyring's fail backend: every call raises)."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "faceattend-home"
    home.mkdir()
    monkeypatch.setenv("FACEATTEND_HOME", str(home))
    return home


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh cloud database: a SQLite file, then a throwaway PostgreSQL database (skipped when none)."""
    from cloud import testing

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cloud.db'}"
        return
    admin_url, reason = testing.pg_admin_url()
    if admin_url is None:
        pytest.skip(reason)
    url, name = testing.fresh_pg_database(admin_url)
    yield url
    testing.drop_pg_database(admin_url, name)


@pytest.fixture
def local_cloud(tmp_path: Path) -> Iterator[Any]:
    """The cloud service on a SQLite file, served by uvicorn on loopback (tests.sync_support.Cloud)."""
    from tests.sync_support import Cloud

    cloud = Cloud(f"sqlite:///{tmp_path / 'c.db'}")
    yield cloud
    cloud.close()


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """PINs hashed at argon2's lowest cost: the tests check the rules, not argon2's cost (shared machine)."""
    from argon2 import PasswordHasher

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr("app.core.storage.services._hasher", fast)
    monkeypatch.setattr("app.core.storage.privacy._hasher", fast)


@pytest.fixture
def store(memory_keyring: MemoryKeyring, data_dir: Path) -> Iterator[Any]:
    """An opened encrypted Store in a fresh data dir."""
    from app.core.storage import Store

    with Store.open(data_dir) as s:
        yield s


@pytest.fixture
def ctx(memory_keyring: MemoryKeyring, data_dir: Path, cheap_argon2: None) -> Iterator[Any]:
    """An opened AppContext with default settings in a fresh data dir (PINs hashed cheaply)."""
    from app.core.context import AppContext
    from app.core.settings import Settings

    context = AppContext(Settings(data_dir=data_dir))
    context.open()
    yield context
    context.close()


def fresh_process_outcome(probe: str, path: Path) -> tuple[str, int]:
    """Run `probe` (a `python -c` script that prints "<outcome> <peak RSS growth in MB>") on `path` in a new
    interpreter, so the peak RSS is that one call's: (outcome, MB grown)."""
    run = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
        timeout=300,
    )
    outcome, grown_mb = run.stdout.split()
    return outcome, int(grown_mb)


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """Write the test about to run to $FACEATTEND_TEST_TRACE (set by .ci/run), so a run killed by a signal
    (a segfault in a native library) still names the test it died in, at the end of the CI log."""
    trace = os.environ.get("FACEATTEND_TEST_TRACE")
    if trace:
        Path(trace).write_text(nodeid + "\n", encoding="utf-8")
