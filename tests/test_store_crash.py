"""Crash safety: a writer SIGKILLed mid-stream, and a writer whose disk fills up (RLIMIT_FSIZE).

The child process records attendance events one per transaction and prints each uuid (flushed) only
after add_event() returned; the parent then checks every printed uuid is in the reopened database.
RLIMIT_FSIZE makes writes past a size fail like a full disk, without root, mounts or a tmpfs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from app.core.records import Person
from app.core.storage import Store
from tests.conftest import REPO_ROOT
from tests.test_store import LIGHT_KDF

PASSPHRASE = "crash test passphrase"

CHILD = r"""
import os, resource, signal, sys, uuid
from datetime import UTC, datetime
from pathlib import Path
from app.core.records import AttendanceEvent, Direction
from app.core.storage import Store, StorageError

data_dir, person_uuid, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
store = Store.open(data_dir)
if mode == "fsize":
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    limit = int(sys.argv[4])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
print("READY", flush=True)

def record(i):
    ev = AttendanceEvent(str(uuid.uuid4()), person_uuid, datetime.now(UTC), "Europe/Berlin",
                         Direction.IN if i % 2 == 0 else Direction.OUT, 0.3, 0.95, "kiosk-1")
    store.add_event(ev)
    return ev.uuid

for i in range(100000):
    try:
        committed = record(i)
    except StorageError as exc:
        print(f"ERROR {type(exc).__name__}: {exc}", flush=True)
        break
    print(committed, flush=True)
if mode == "fsize":
    # space is freed: the same store keeps working, nothing was lost
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print("AFTER " + record(-1), flush=True)
    store.close()
    print("CLOSED", flush=True)
"""


def _prepare(data_dir: Path) -> str:
    with Store.open(data_dir, passphrase=PASSPHRASE, key_source="passphrase", kdf=LIGHT_KDF) as store:
        p = Person(str(uuid.uuid4()), "E1", "Crash Tester")
        store.add_person(p)
    return p.uuid


def _child(data_dir: Path, person_uuid: str, mode: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "FACEATTEND_DB_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), person_uuid, mode, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env=env,
    )


def _assert_all_present(data_dir: Path, committed: list[str]) -> None:
    with Store.open(data_dir, passphrase=PASSPHRASE) as store:
        report = store.check()
        assert report.integrity == ["ok"] and report.cipher == []
        stored = {e.uuid for e in store.list_events(include_voided=True)}
    missing = [u for u in committed if u not in stored]
    assert not missing, f"{len(missing)} committed events lost"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_stream_loses_no_committed_event(data_dir: Path) -> None:
    person_uuid = _prepare(data_dir)
    child = _child(data_dir, person_uuid, "kill")
    assert child.stdout is not None
    committed: list[str] = []
    try:
        assert child.stdout.readline().strip() == "READY", child.stderr.read() if child.stderr else ""
        while len(committed) < 60:
            line = child.stdout.readline()
            assert line, f"child ended early: {child.stderr.read() if child.stderr else ''}"
            if line.endswith("\n"):
                committed.append(line.strip())
        child.send_signal(signal.SIGKILL)  # mid-stream: the child is inside its write loop
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert Path(f"{data_dir / 'faceattend.db'}-wal").exists()  # the crash left a WAL to replay
    _assert_all_present(data_dir, committed)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_full_disk_during_writes_loses_nothing_committed(data_dir: Path) -> None:
    person_uuid = _prepare(data_dir)
    db = data_dir / "faceattend.db"
    limit = db.stat().st_size + 200_000  # the WAL hits this after a few dozen commits
    child = _child(data_dir, person_uuid, "fsize", str(limit))
    out, err = child.communicate(timeout=120)
    lines = out.splitlines()
    assert lines[0] == "READY", err
    errors = [line for line in lines if line.startswith("ERROR")]
    assert errors, f"no write failed: {out[-500:]} {err[-2000:]}"
    assert "DiskFullError" in errors[0] and "everything saved before is intact" in errors[0]
    committed = [line for line in lines[1:] if not line.startswith(("ERROR", "AFTER", "CLOSED"))]
    assert len(committed) >= 5
    assert lines[-1] == "CLOSED", err
    after = [line.split()[1] for line in lines if line.startswith("AFTER")]
    assert child.returncode == 0, err
    _assert_all_present(data_dir, committed + after)
