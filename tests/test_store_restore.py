"""`db restore` without a usable current database, across installations, after erasures, under the live key
policy, and against crafted backup headers (generated here from a real backup)."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import uuid
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.people import privacy
from app.core.policy import access
from app.core.records import Person, Template
from app.core.storage import (
    DB_FILENAME,
    BackupError,
    KdfParams,
    RestoreCancelledError,
    Store,
    restore_backup,
)
from app.core.storage.backup import MAGIC
from app.core.storage.installation import INSTALLATION_KEY, read_sidecar, sidecar_path
from app.core.storage.keys import header_path, read_header
from tests.test_store import LIGHT_KDF, snapshot

BACKUP_PW = "backup passphrase"
PIN = "583920"


def _person(n: int) -> Person:
    return Person(str(uuid.uuid4()), f"E{n:03d}", f"Restored person {n}")


def _fill(store: Store, n: int = 3) -> list[Person]:
    people = [_person(i) for i in range(n)]
    vec = np.ones(128, np.float32) / np.sqrt(128)
    store.add_enrolments([(p, [Template(p.uuid, "dlib", "1", vec)]) for p in people])
    return people


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> None:
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    monkeypatch.setenv("BACKUP_PW", BACKUP_PW)


def _installation(data_dir: Path, backup: Path) -> list[Person]:
    """A database with an admin and three people, backed up, then one more person added."""
    with Store.open(data_dir) as store:
        access.create_first_admin(store, "admin", PIN)
        people = _fill(store)
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
        store.add_person(Person(str(uuid.uuid4()), "LATE", "added after the backup"))
    return people


def _restore_cli(backup: Path, *extra: str) -> int:
    return main(["db", "restore", str(backup), "--passphrase-env", "BACKUP_PW", *extra])


# --- 1. no usable current database ----------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["truncated", "empty", "deleted", "key lost"])
def test_restore_rescues_a_database_that_cannot_be_opened(
    memory_keyring,
    data_dir: Path,
    tmp_path: Path,
    cli_env: None,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    backup = tmp_path / "site.bak"
    people = _installation(data_dir, backup)
    db = data_dir / DB_FILENAME
    if damage == "truncated":
        with db.open("r+b") as handle:
            handle.truncate(db.stat().st_size // 2)
    elif damage == "empty":
        db.write_bytes(b"")
    elif damage == "deleted":
        db.unlink()
    else:
        memory_keyring.store.clear()
    damaged_sha = _sha(db) if db.exists() else None
    assert main(["db", "check"]) == 2  # the database cannot be opened …
    err = capsys.readouterr().err
    if damage in ("truncated", "empty"):
        assert "damaged" in err and "faceattend db restore BACKUP" in err  # … and says how to rescue it

    assert _restore_cli(backup) == 0, capsys.readouterr().err  # … which now works
    out = capsys.readouterr().out
    assert "signed in as admin against the backup's users" in out
    kept = sorted(data_dir.glob(f"{DB_FILENAME}.before-restore-*"))
    kept = [k for k in kept if not k.name.endswith((".json", "-wal", "-shm"))]
    if damaged_sha is None:
        assert kept == [] and "kept as" not in out
    else:
        assert len(kept) == 1 and _sha(kept[0]) == damaged_sha  # kept aside byte for byte, never deleted
        assert header_path(kept[0]).exists()
    with Store.open(data_dir, create=False) as store:
        assert sorted(p.external_id for p in store.list_persons()) == sorted(p.external_id for p in people)
        assert store.check().ok
        last = store.audit_entries()[-1]
        assert last.action == "db.restore" and last.actor == "admin"
        assert last.details["previous_readable"] is False


def test_restore_signs_in_against_the_backup_not_the_live_database(
    memory_keyring, data_dir: Path, tmp_path: Path, cli_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "site.bak"
    with Store.open(data_dir) as store:
        access.create_first_admin(store, "admin", PIN)
        _fill(store)
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
        admin = access.login(store, "admin", PIN)
        access.add_user(store, admin, "newadmin", access.Role.ADMIN, "716254")  # not in the backup
    before = snapshot(data_dir)
    monkeypatch.setenv("FACEATTEND_PIN", "000000")
    assert _restore_cli(backup) == 2  # wrong PIN for the backup's admin
    monkeypatch.setenv("FACEATTEND_USER", "newadmin")
    monkeypatch.setenv("FACEATTEND_PIN", "716254")
    assert _restore_cli(backup) == 2  # a live-only account is no account of the backup
    assert snapshot(data_dir) == before  # nothing changed, not even a failure counter
    with pytest.raises(BackupError, match="wrong passphrase or damaged backup"):
        restore_backup(data_dir, backup, "not the passphrase")
    assert snapshot(data_dir) == before


# --- 2. another installation, erasures ------------------------------------------------------------------
def test_a_backup_of_another_installation_needs_confirmation(
    memory_keyring,
    data_dir: Path,
    tmp_path: Path,
    cli_env: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ours = tmp_path / "ours.bak"
    _installation(data_dir, ours)
    other_dir, theirs = tmp_path / "other-site", tmp_path / "theirs.bak"
    other_people = _installation(other_dir, theirs)
    live_id = read_sidecar(data_dir / DB_FILENAME).installation_id
    other_id = read_sidecar(other_dir / DB_FILENAME).installation_id
    assert live_id and other_id and live_id != other_id
    with Store.open(data_dir) as store:
        assert store.get_setting(INSTALLATION_KEY) == live_id

    before = snapshot(data_dir)
    assert _restore_cli(theirs) == 2  # no terminal, no --yes: refused
    err = capsys.readouterr().err
    assert f"comes from installation {other_id}, not this one ({live_id})" in err and "--yes" in err
    with pytest.raises(RestoreCancelledError, match="not this one"):
        restore_backup(data_dir, theirs, BACKUP_PW)  # a library caller without confirm: refused too
    sidecar_path(data_dir / DB_FILENAME).unlink()  # the live database alone still says who we are
    with pytest.raises(RestoreCancelledError, match=live_id):
        restore_backup(data_dir, theirs, BACKUP_PW)
    installation_file = sidecar_path(data_dir / DB_FILENAME)
    assert not installation_file.exists()
    restore_backup(data_dir, ours, BACKUP_PW)  # our own backup: no warning, and the sidecar is back
    assert read_sidecar(data_dir / DB_FILENAME).installation_id == live_id
    before = snapshot(data_dir)
    (data_dir / DB_FILENAME).unlink()  # and the sidecar alone says it when the database is gone
    with pytest.raises(RestoreCancelledError, match=live_id):
        restore_backup(data_dir, theirs, BACKUP_PW)
    assert {k: v for k, v in snapshot(data_dir).items() if k != DB_FILENAME} == {
        k: v for k, v in before.items() if k != DB_FILENAME
    }

    assert _restore_cli(theirs, "--yes") == 0
    with Store.open(data_dir) as store:
        names = {p.external_id for p in store.list_persons()}
        assert names == {p.external_id for p in other_people}
        assert store.get_setting(INSTALLATION_KEY) == live_id  # still this installation


@pytest.mark.parametrize("live_database", ["readable", "deleted"])
def test_a_restore_never_brings_an_erased_person_back(
    memory_keyring,
    data_dir: Path,
    tmp_path: Path,
    cli_env: None,
    capsys: pytest.CaptureFixture[str],
    live_database: str,
) -> None:
    backup = tmp_path / "before-erasure.bak"
    people = _installation(data_dir, backup)
    erased, deleted, kept_person = people
    with Store.open(data_dir) as store:
        admin = access.login(store, "admin", PIN)
        privacy.erase_person(store, erased.uuid, admin)  # GDPR erasure (pseudonymise)
        store.delete_person(deleted.uuid, "admin")  # deleted outright
    log_text = sidecar_path(data_dir / DB_FILENAME).read_text()
    assert erased.uuid in log_text and deleted.uuid in log_text
    assert erased.name not in log_text and erased.external_id not in log_text  # uuids and times only
    if live_database == "deleted":
        (data_dir / DB_FILENAME).unlink()

    assert _restore_cli(backup) == 2
    assert "predates 2 erasure(s) made here" in capsys.readouterr().err
    assert _restore_cli(backup, "--yes") == 0
    assert "erased again (erased here after the backup was made): 2 person(s)" in capsys.readouterr().out
    with Store.open(data_dir) as store:
        assert store.get_person(deleted.uuid) is None
        again = store.get_person(erased.uuid)
        assert again is not None and again.name == "[erased]" and store.templates_for(erased.uuid) == []
        assert store.get_person(kept_person.uuid) is not None
        actions = [e.action for e in store.audit_entries()]
        assert actions[-3:] == ["person.erase", "person.erase", "db.restore"]
    # a backup made after the erasures restores with no warning at all
    later = tmp_path / "after-erasure.bak"
    with Store.open(data_dir) as store:
        store.backup(later, BACKUP_PW, kdf=LIGHT_KDF)
    result = restore_backup(data_dir, later, BACKUP_PW)
    assert result.warnings == [] and result.reapplied == []


# --- 3. the live key policy; crafted headers ------------------------------------------------------------
def test_restore_keeps_the_live_kdf_policy(
    no_keyring: None, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live_kdf = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
    backup_kdf = KdfParams(time_cost=2, memory_cost_kib=9216, parallelism=2)
    monkeypatch.setenv("FACEATTEND_DB_PASSPHRASE", "live database passphrase")
    backup = tmp_path / "b.bak"
    with Store.open(data_dir, kdf=live_kdf) as store:
        _fill(store)
        store.backup(backup, BACKUP_PW, kdf=backup_kdf)
    restore_backup(data_dir, backup, BACKUP_PW)
    header = read_header(header_path(data_dir / DB_FILENAME))
    assert header is not None and header.key_source == "passphrase"
    assert header.kdf == live_kdf  # not the backup's costs
    with Store.open(data_dir) as store:
        assert len(store.list_persons()) == 3


def _with_header(real: bytes, header: object | bytes, *, length: int | None = None) -> bytes:
    """A real backup's encrypted database behind a crafted header."""
    (old_length,) = struct.unpack(">I", real[len(MAGIC) : len(MAGIC) + 4])
    payload = real[len(MAGIC) + 4 + old_length :]
    blob = header if isinstance(header, bytes) else json.dumps(header).encode()
    return MAGIC + struct.pack(">I", len(blob) if length is None else length) + blob + payload


def _kdf(**costs: object) -> dict[str, object]:
    base: dict[str, object] = {"name": "argon2id", "salt": "ab" * 16, "time_cost": 1}
    base.update({"memory_cost_kib": 8192, "parallelism": 1})
    base.update(costs)
    return base


CRAFTED: dict[str, tuple[object, str]] = {
    "4 TiB of memory": (_kdf(memory_cost_kib=2**32 - 1), "memory_cost_kib = '4294967295'"),
    "2^31 passes": (_kdf(time_cost=2**31), "time_cost = '2147483648'"),
    "no parallelism": (_kdf(parallelism=0), "parallelism = '0'"),
    "negative memory": (_kdf(memory_cost_kib=-1), "memory_cost_kib = '-1'"),
    "costs as text": (_kdf(time_cost="3"), "time_cost = '3'"),
    "salt not hex": (_kdf(salt="zz" * 16), "salt is missing or malformed"),
    "salt a number": (_kdf(salt=5), "salt is missing or malformed"),
    "kdf a string": ("argon2id", "not a FaceAttend backup"),
}


def _filled_backup(data_dir: Path, backup: Path) -> Path:
    """A database with three people, backed up to `backup`."""
    with Store.open(data_dir) as store:
        _fill(store)
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
    return backup


def _refused_changing_nothing(data_dir: Path, backup: Path, message: str) -> None:
    """Restoring `backup` fails with a BackupError saying `message`, and no file in data_dir changed."""
    before = snapshot(data_dir)
    with pytest.raises(BackupError, match=re.escape(message)):
        restore_backup(data_dir, backup, BACKUP_PW)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_backup_headers_are_refused_quickly(
    memory_keyring, data_dir: Path, tmp_path: Path, case: str
) -> None:
    real = _filled_backup(data_dir, tmp_path / "real.bak")
    kdf, message = CRAFTED[case]
    crafted = tmp_path / "crafted.bak"
    header = {"format": "faceattend-backup", "version": 1, "created_at": "x", "schema_version": 6, "kdf": kdf}
    crafted.write_bytes(_with_header(real.read_bytes(), header))
    _refused_changing_nothing(data_dir, crafted, message)


@pytest.mark.parametrize("case", ["huge length", "deeply nested", "not utf-8", "a list"])
def test_malformed_backup_headers_are_refused(
    memory_keyring, data_dir: Path, tmp_path: Path, case: str
) -> None:
    real = _filled_backup(data_dir, tmp_path / "real.bak")
    raw = real.read_bytes()
    crafted = tmp_path / "crafted.bak"
    if case == "huge length":  # a valid header padded to 1 MiB: the length field is bounded
        header = json.loads(raw[len(MAGIC) + 4 :].split(b"}}", 1)[0] + b"}}")
        header["padding"] = "x" * (1 << 20)
        body, expected = _with_header(raw, header), "its header claims"
    elif case == "deeply nested":
        body, expected = _with_header(raw, b"[" * 30_000 + b"]" * 30_000), "unreadable header"
    elif case == "not utf-8":
        body, expected = _with_header(raw, b"\xff\xfe{}"), "unreadable header"
    else:
        body, expected = _with_header(raw, [1, 2, 3]), "not a FaceAttend backup"
    crafted.write_bytes(body)
    _refused_changing_nothing(data_dir, crafted, expected)


def test_a_backup_is_never_written_with_costs_restore_would_refuse(
    memory_keyring, data_dir: Path, tmp_path: Path
) -> None:
    with Store.open(data_dir) as store, pytest.raises(BackupError, match="time_cost"):
        store.backup(tmp_path / "slow.bak", BACKUP_PW, kdf=KdfParams(time_cost=17))
    assert not (tmp_path / "slow.bak").exists()


def test_the_restore_lock_still_refuses_while_open(memory_keyring, data_dir: Path, tmp_path: Path) -> None:
    from app.core.storage import DatabaseInUseError

    backup = tmp_path / "b.bak"
    with Store.open(data_dir) as store:
        _fill(store)
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
        with pytest.raises(DatabaseInUseError):
            restore_backup(data_dir, backup, BACKUP_PW)


def test_a_backup_that_names_no_installation_needs_confirmation(
    memory_keyring, data_dir: Path, tmp_path: Path
) -> None:
    """Backups written before installation ids existed say nothing: restoring one is confirmed, then the
    database carries this installation's id."""
    backup = tmp_path / "old.bak"
    with Store.open(data_dir) as store:
        people = _fill(store)
        live_id = store.get_setting(INSTALLATION_KEY)
        with store.tx() as conn:  # as an older FaceAttend wrote it
            conn.execute("DELETE FROM settings WHERE key = ?", (INSTALLATION_KEY,))
        store.backup(backup, BACKUP_PW, kdf=LIGHT_KDF)
    with pytest.raises(RestoreCancelledError, match="an installation it does not name"):
        restore_backup(data_dir, backup, BACKUP_PW)
    seen: list[str] = []
    result = restore_backup(data_dir, backup, BACKUP_PW, confirm=lambda w: seen.extend(w) or True)
    assert len(seen) == 1 and result.installation_id == live_id
    with Store.open(data_dir) as store:
        assert store.get_setting(INSTALLATION_KEY) == live_id and len(store.list_persons()) == len(people)
