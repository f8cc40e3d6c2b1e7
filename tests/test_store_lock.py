"""The open-database lock: a restore never replaces the file under a process that still has it open (a real
second process here), a killed holder blocks nothing, and a Store cannot be opened during a restore."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.policy import access
from app.core.records import Person
from app.core.storage import DB_FILENAME, DatabaseInUseError, KdfParams, Store, restore_backup
from app.core.storage.instance_lock import DatabaseLock, lock_holders, lock_path_for
from tests.conftest import python_child

LIGHT_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
DB_PW = "database passphrase"
BACKUP_PW = "backup passphrase"

_HOLDER = """
import sys
from pathlib import Path
from app.core.storage import KdfParams, Store
store = Store.open(Path(sys.argv[1]), passphrase=sys.argv[2], key_source="passphrase",
                   kdf=KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1))
print(len(store.list_persons()), flush=True)
sys.stdin.read()  # hold the database open until killed
"""


def _open(data_dir: Path) -> Store:
    return Store.open(data_dir, passphrase=DB_PW, key_source="passphrase", kdf=LIGHT_KDF)


def _restore(data_dir: Path, backup: Path) -> Path | None:
    return restore_backup(
        data_dir, backup, BACKUP_PW, db_passphrase=DB_PW, key_source="passphrase", kdf=LIGHT_KDF
    ).kept


def _files(directory: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(directory.iterdir()) if f.is_file()}


@pytest.fixture
def backed_up(memory_keyring: Any, data_dir: Path, tmp_path: Path) -> Path:
    """A database with one person in its backup and two now."""
    backup = tmp_path / "one.bak"
    with _open(data_dir) as store:
        store.add_person(Person(str(uuid.uuid4()), "E1", "First"))
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
        store.add_person(Person(str(uuid.uuid4()), "E2", "Second"))
    return backup


@pytest.fixture
def holder(data_dir: Path, backed_up: Path) -> Iterator[subprocess.Popen[str]]:
    """Another FaceAttend process with the database open (as the app or the kiosk would have)."""
    proc = python_child(_HOLDER, str(data_dir), DB_PW)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "2", "the holder process did not open the database"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_restore_refuses_while_another_process_has_the_database_open(
    data_dir: Path, backed_up: Path, holder: subprocess.Popen[str]
) -> None:
    before = _files(data_dir)
    with pytest.raises(DatabaseInUseError, match="still running with this database") as refused:
        _restore(data_dir, backed_up)
    assert f"pid {holder.pid}" in str(refused.value) and "close the app or kiosk first" in str(refused.value)
    assert refused.value.pid == holder.pid
    assert _files(data_dir) == before  # nothing staged, nothing renamed, nothing replaced
    with _open(data_dir) as store:  # other Stores may still share the database with the running app
        assert len(store.list_persons()) == 2

    lock_file = lock_path_for(data_dir / DB_FILENAME)
    linux = sys.platform.startswith("linux")  # lock_holders reads /proc/locks
    assert lock_holders(lock_file) == ([holder.pid] if linux else [])
    holder.kill()  # SIGKILL: killed, not closed — its lock file stays behind
    holder.wait(timeout=30)
    assert holder.returncode == (-signal.SIGKILL if os.name == "posix" else holder.returncode)
    assert lock_file.exists() and lock_holders(lock_file) == []
    kept = _restore(data_dir, backed_up)  # the stale lock file blocks nothing: the kernel dropped the lock
    assert kept is not None and kept.exists()
    with _open(data_dir) as store:
        assert [p.external_id for p in store.list_persons()] == ["E1"]
        assert store.audit_entries(1)[-1].action == "db.restore" and store.verify_audit().ok


def test_cli_restore_says_the_app_is_still_running(
    data_dir: Path,
    backed_up: Path,
    holder: subprocess.Popen[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cheap_argon2: None,
) -> None:
    with _open(data_dir) as store:
        access.create_first_admin(store, "admin", "583920")
        store.backup(backed_up, BACKUP_PW, kdf=LIGHT_KDF)  # the restore signs in against the backup's users
    for name, value in (
        ("FACEATTEND_DB_PASSPHRASE", DB_PW),
        ("FACEATTEND_USER", "admin"),
        ("FACEATTEND_PIN", "583920"),
        ("BACKUP_PW", BACKUP_PW),
    ):
        monkeypatch.setenv(name, value)
    argv = ["db", "restore", str(backed_up), "--passphrase-env", "BACKUP_PW"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "FaceAttend is still running with this database" in err and f"pid {holder.pid}" in err
    holder.kill()
    holder.wait(timeout=30)
    assert main(argv) == 0 and "restored from" in capsys.readouterr().out


def test_store_cannot_open_while_a_restore_holds_the_lock(memory_keyring: Any, data_dir: Path) -> None:
    _open(data_dir).close()
    restoring = DatabaseLock.acquire(data_dir / DB_FILENAME, exclusive=True)
    try:
        with pytest.raises(DatabaseInUseError, match="being restored"):
            _open(data_dir)
    finally:
        restoring.release()
    _open(data_dir).close()


def test_every_open_store_holds_the_lock_until_closed(memory_keyring: Any, data_dir: Path) -> None:
    db = data_dir / DB_FILENAME
    first, second = _open(data_dir), _open(data_dir)  # shared: both open at once
    with pytest.raises(DatabaseInUseError, match="this process"):
        DatabaseLock.acquire(db, exclusive=True)
    first.close()
    with pytest.raises(DatabaseInUseError):
        DatabaseLock.acquire(db, exclusive=True)
    second.close()
    second.close()  # closing twice is harmless
    DatabaseLock.acquire(db, exclusive=True).release()


def test_a_stale_or_garbled_lock_file_blocks_nothing(memory_keyring: Any, data_dir: Path) -> None:
    _open(data_dir).close()
    lock_file = lock_path_for(data_dir / DB_FILENAME)
    for content in (b"999999\n", b"not a pid", b""):
        lock_file.write_bytes(content)
        with _open(data_dir) as store:
            assert store.schema_version() > 0
        DatabaseLock.acquire(data_dir / DB_FILENAME, exclusive=True).release()


def test_without_a_lock_table_the_recorded_pid_is_a_hint(
    memory_keyring: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows/macOS have no /proc/locks: the message falls back to the pid the lock file records."""
    monkeypatch.setattr("app.core.storage.instance_lock.lock_holders", lambda path: [])
    with _open(data_dir), pytest.raises(DatabaseInUseError, match=rf"\(pid {os.getpid()}\?\)"):
        DatabaseLock.acquire(data_dir / DB_FILENAME, exclusive=True)
