"""A bulk import killed with SIGKILL mid-way, one stopped with Ctrl-C (SIGINT), and one whose disk fills up
(`faceattend import` in a child process, 80 LFW people): the audit log still matches the database — one
sealed-path `person.enrol` entry for every person saved, in the same transaction — `faceattend audit verify`
passes, and the report written so far names every person saved (after a kill, all but at most the one whose
line the kill cut off). RLIMIT_FSIZE makes writes past a size fail like a full disk, as in
tests/test_store_crash.py."""

from __future__ import annotations

import csv
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.enrolment.bulk_journal import read_journal
from app.core.policy import access
from app.core.storage import Store
from tests.conftest import REPO_ROOT, shared_path
from tests.test_store import LIGHT_KDF

PASSPHRASE = "import kill passphrase"
PIN = "583920"
PEOPLE = 80
KILL_AFTER = 8  # people reported saved before the kill


def _lfw_csv(tmp_path: Path) -> Path:
    root = shared_path("data/lfw/lfw-deepfunneled")
    people = sorted(p for p in root.iterdir() if p.is_dir())[:PEOPLE]
    path = tmp_path / "lfw.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "photo", "consent"])
        for i, person in enumerate(people):
            photo = sorted(person.glob("*.jpg"))[0]
            writer.writerow([f"L{i:03d}", person.name.replace("_", " "), str(photo), "yes"])
    return path


def _open(data_dir: Path) -> Store:
    return Store.open(data_dir, passphrase=PASSPHRASE)


def _prepare(data_dir: Path) -> dict[str, str]:
    """A database with an admin; the environment of a child `faceattend import` signed in as that admin."""
    with Store.open(data_dir, passphrase=PASSPHRASE, key_source="passphrase", kdf=LIGHT_KDF) as store:
        access.create_first_admin(store, "admin", PIN)
    return {
        **os.environ,
        "FACEATTEND_HOME": str(data_dir),
        "FACEATTEND_DB_PASSPHRASE": PASSPHRASE,
        "FACEATTEND_USER": "admin",
        "FACEATTEND_PIN": PIN,
        "PYTHONPATH": str(REPO_ROOT),
    }


def _import_setup(data_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    """The LFW CSV to import, the child's environment on a prepared database, and where its report goes."""
    return _lfw_csv(tmp_path), _prepare(data_dir), tmp_path / "report.jsonl"


def _log_matches_database(data_dir: Path) -> set[str]:
    """The uuids of the persons saved, after checking each has exactly one person.enrol entry."""
    with _open(data_dir) as store:
        assert store.check().integrity == ["ok"]
        persons = {p.uuid for p in store.list_persons()}
        entries = store.all_audit_entries(after_id=0, limit=10_000)
    enrolled = [e.details["uuid"] for e in entries if e.action == "person.enrol"]
    assert sorted(enrolled) == sorted(persons)  # one entry per person saved, no more, no less
    assert [e.action for e in entries].count("person.import.start") == 1
    return persons


def _audit_verifies(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    monkeypatch.setenv("FACEATTEND_DB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "audit log OK" in capsys.readouterr().out


def _import_then_signal(source: Path, env: dict[str, str], report: Path, sig: int, tmp_path: Path) -> int:
    """Start `faceattend import`, send `sig` once KILL_AFTER people are reported saved; its exit code."""
    with (tmp_path / "child.err").open("w") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "import", str(source), "--report", str(report)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=REPO_ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 300
            saved = 0
            while saved < KILL_AFTER:
                assert child.poll() is None, (tmp_path / "child.err").read_text()[-2000:]
                assert time.monotonic() < deadline, "the import did not get going in 5 minutes"
                time.sleep(0.05)
                if report.exists():
                    saved = sum(1 for r in read_journal(report) if r.get("status") == "imported")
            child.send_signal(sig)  # mid-way: the child is inside its import loop
            return child.wait(timeout=120)
        finally:
            child.kill()
            child.wait(timeout=30)


@pytest.mark.shared
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_import_killed_mid_way_leaves_log_matching_database(
    data_dir: Path, tmp_path: Path, cheap_argon2: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    source, env, report = _import_setup(data_dir, tmp_path)
    assert _import_then_signal(source, env, report, signal.SIGKILL, tmp_path) == -signal.SIGKILL

    records = read_journal(report)
    assert records[0]["event"] == "start" and records[0]["persons"] == PEOPLE
    assert not any(r["event"] == "end" for r in records)  # it really was killed
    reported = {r["uuid"] for r in records if r.get("status") == "imported"}
    persons = _log_matches_database(data_dir)
    with capsys.disabled():
        print(f"\nkilled after {len(persons)} of {PEOPLE} people saved; {len(reported)} in the report")
    assert KILL_AFTER <= len(persons) < PEOPLE
    assert reported <= persons and len(persons - reported) <= 1
    _audit_verifies(monkeypatch, capsys)


@pytest.mark.shared
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_import_ctrl_c_stops_after_the_current_person(
    data_dir: Path, tmp_path: Path, cheap_argon2: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    source, env, report = _import_setup(data_dir, tmp_path)
    assert _import_then_signal(source, env, report, signal.SIGINT, tmp_path) == 130
    assert "stopping after the current person" in (tmp_path / "child.err").read_text()
    records = read_journal(report)
    persons = _log_matches_database(data_dir)
    assert KILL_AFTER <= len(persons) < PEOPLE
    assert records[-1]["event"] == "end" and records[-1]["cancelled"] is True
    end = records[-1]
    assert end["not_reached"] > 0 and end["imported"] + end["rejected"] + end["not_reached"] == PEOPLE
    assert records[-1]["imported"] == len(persons)
    assert {r["uuid"] for r in records if r.get("status") == "imported"} == persons
    with _open(data_dir) as store:
        closing = store.audit_entries(1)[0]
    assert closing.action == "person.import" and set(closing.details["uuids"]) == persons
    _audit_verifies(monkeypatch, capsys)


@pytest.mark.shared
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_import_on_a_full_disk_stops_and_says_so(
    data_dir: Path, tmp_path: Path, cheap_argon2: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    source, env, report = _import_setup(data_dir, tmp_path)
    limit = (data_dir / "faceattend.db").stat().st_size + 200_000  # the WAL reaches it after some people

    def full_disk_later() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    child = subprocess.run(
        [sys.executable, "-m", "app.cli", "import", str(source), "--report", str(report)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        preexec_fn=full_disk_later,
        timeout=600,
    )
    assert child.returncode == 1, child.stderr[-2000:]
    assert "stopped: " in child.stdout and "disk" in child.stdout.lower(), child.stdout[-2000:]
    records = read_journal(report)
    persons = _log_matches_database(data_dir)
    with capsys.disabled():
        print(f"\ndisk full after {len(persons)} of {PEOPLE} people saved: {records[-1].get('stopped')}")
    assert 0 < len(persons) < PEOPLE
    assert records[-1]["event"] == "end" and records[-1]["not_reached"] > 0
    assert {r["uuid"] for r in records if r.get("status") == "imported"} == persons
    _audit_verifies(monkeypatch, capsys)
