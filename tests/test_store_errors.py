"""Every storage failure is named by its real cause, mapped from SQLite's own result code: damaged
(truncated, empty), disk full, I/O error, wrong key. Each case is produced for real on a database made here:
a truncated copy, SQLite's page limit (SQLITE_FULL), a full tmpfs (root only), a directory where the WAL
file must go (the OS refuses to open it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.records import Person, Template
from app.core.storage import (
    DB_FILENAME,
    SERVICE,
    CorruptDatabaseError,
    DatabaseIOError,
    DiskFullError,
    Store,
    WrongKeyError,
)
from app.core.storage.keys import header_path, read_header
from tests.test_store import snapshot

RESTORE_HINT = "damaged .*restore a backup with `faceattend db restore BACKUP`"


def _real_database(data_dir: Path, people: int = 200) -> Path:
    rng = np.random.default_rng(7)
    with Store.open(data_dir) as store:
        batch = []
        for i in range(people):
            p = Person(str(uuid.uuid4()), f"E{i:04d}", f"Person {i}", department="Stores")
            vector = rng.normal(size=128).astype(np.float32)
            batch.append((p, [Template(p.uuid, "dlib", "1", vector / np.linalg.norm(vector))]))
        store.add_enrolments(batch)
        return store.path


@pytest.mark.parametrize("keep", ["half", "one page", "100 bytes", "nothing"])
def test_a_truncated_database_is_damaged_not_a_wrong_key(memory_keyring, data_dir: Path, keep: str) -> None:
    db = _real_database(data_dir)
    size = db.stat().st_size
    cut = {"half": size // 2, "one page": 4096, "100 bytes": 100, "nothing": 0}[keep]
    with db.open("r+b") as handle:
        handle.truncate(cut)
    before = snapshot(data_dir)
    with pytest.raises(CorruptDatabaseError, match=RESTORE_HINT) as caught:
        Store.open(data_dir, create=False)
    assert "wrong key" not in str(caught.value)
    assert snapshot(data_dir) == before  # left as it is


def test_the_cli_names_a_truncated_database_damaged(
    memory_keyring, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _real_database(data_dir, people=50)
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", "583920")
    assert main(["db", "check"]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "faceattend db restore BACKUP" in err and "wrong key" not in err


def test_a_wrong_key_is_named_a_wrong_key(memory_keyring, data_dir: Path) -> None:
    db = _real_database(data_dir, people=5)
    header = read_header(header_path(db))
    assert header is not None
    memory_keyring.store[(SERVICE, header.db_id)] = os.urandom(32).hex()
    with pytest.raises(WrongKeyError, match="wrong key or passphrase"):
        Store.open(data_dir, create=False)


def test_sqlite_full_is_disk_full_and_nothing_else(memory_keyring, data_dir: Path) -> None:
    """SQLite's own page limit produces a real SQLITE_FULL (the code a full device gives on write)."""
    _real_database(data_dir, people=5)
    with Store.open(data_dir) as store:
        assert store._conn is not None
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        before = len(store.list_persons())
        with pytest.raises(DiskFullError) as caught:
            store.add_person(Person(str(uuid.uuid4()), "BIG", "x" * 200_000))
        message = str(caught.value)
        assert message.startswith("Disk full") and "I/O error" not in message and "file size" not in message
        assert len(store.list_persons()) == before  # rolled back, the rest intact


def test_an_unopenable_wal_file_is_an_io_error(memory_keyring, data_dir: Path) -> None:
    db = _real_database(data_dir, people=5)
    Path(f"{db}-wal").mkdir()  # the OS cannot open the WAL file SQLite needs (SQLITE_CANTOPEN)
    with pytest.raises(DatabaseIOError, match="I/O error") as caught:
        Store.open(data_dir, create=False)
    assert "wrong key" not in str(caught.value) and "disk full" not in str(caught.value).lower()


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs (needs root and a kernel that lets this process mount; skipped otherwise)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux; the SQLITE_FULL mapping is tested without it")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_at_open_is_disk_full(memory_keyring, data_dir: Path, small_tmpfs: Path) -> None:
    _real_database(data_dir, people=20)
    home = small_tmpfs / "home"
    shutil.copytree(data_dir, home)
    with (small_tmpfs / "filler").open("wb") as filler:
        try:
            while True:
                filler.write(bytes(65536))
                filler.flush()
        except OSError:
            pass  # ENOSPC: the device is full
    with pytest.raises(DiskFullError, match="Disk full") as caught:
        Store.open(home, create=False)
    assert "wrong key" not in str(caught.value)
    (small_tmpfs / "filler").unlink()
    with Store.open(home, create=False) as store:  # space freed: nothing was lost
        assert len(store.list_persons()) == 20
    assert (home / DB_FILENAME).exists()
