"""Encrypted backup and restore, library and `faceattend db …` CLI."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.policy import access
from app.core.records import Person, Template
from app.core.storage import DB_FILENAME, SERVICE, BackupError, Store, restore_backup
from app.core.storage.keys import header_path, read_header
from tests.test_store import LIGHT_KDF, snapshot


def _fill(store: Store, n: int = 3) -> list[Person]:
    people = [Person(str(uuid.uuid4()), f"E{i}", f"Backed-up person {i}") for i in range(n)]
    vec = np.ones(128, np.float32) / np.sqrt(128)
    store.add_enrolments([(p, [Template(p.uuid, "dlib", "1", vec)]) for p in people])
    return people


def test_backup_is_encrypted_and_restores_with_a_new_key(
    memory_keyring, data_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "faceattend.backup"
    with Store.open(data_dir) as store:
        people = _fill(store)
        store.backup(backup, "backup passphrase", kdf=LIGHT_KDF)
        store.add_person(Person(str(uuid.uuid4()), "LATE", "after backup"))
    raw = backup.read_bytes()
    assert (
        raw.startswith(b"FACEATTEND-BACKUP\n")
        and b"SQLite format 3" not in raw
        and b"Backed-up person" not in raw
    )
    old_id = read_header(header_path(data_dir / DB_FILENAME)).db_id  # type: ignore[union-attr]

    kept = restore_backup(data_dir, backup, "backup passphrase").kept
    assert kept is not None and kept.exists()
    new_id = read_header(header_path(data_dir / DB_FILENAME)).db_id  # type: ignore[union-attr]
    assert (
        new_id != old_id
        and (SERVICE, new_id) in memory_keyring.store
        and (SERVICE, old_id) in memory_keyring.store
    )
    with Store.open(data_dir) as store:
        assert sorted(p.external_id for p in store.list_persons()) == sorted(p.external_id for p in people)
        assert store.load_templates("dlib", "1")[1].shape == (3, 128)
        assert store.check().ok
        assert store.audit_entries()[-1].action == "db.restore"


def test_restore_refuses_wrong_passphrase_and_leaves_db_alone(
    memory_keyring, data_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.bak"
    with Store.open(data_dir) as store:
        _fill(store)
        store.backup(backup, "backup passphrase", kdf=LIGHT_KDF)
    before = snapshot(data_dir)
    with pytest.raises(BackupError, match="wrong passphrase or damaged backup"):
        restore_backup(data_dir, backup, "not the passphrase")
    not_backup = tmp_path / "not.bak"
    not_backup.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    with pytest.raises(BackupError, match="not a FaceAttend backup"):
        restore_backup(data_dir, not_backup, "backup passphrase")
    assert snapshot(data_dir) == before
    with pytest.raises(BackupError, match="at least 8"), Store.open(data_dir) as store:
        store.backup(tmp_path / "c.bak", "short")


def test_cli_db_check_backup_restore_purge(
    memory_keyring,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch,
    cheap_argon2: None,
) -> None:
    with Store.open(data_dir) as store:
        _fill(store)
        access.create_first_admin(store, "admin", "583920")
    monkeypatch.setenv("FACEATTEND_USER", "admin")  # backup/restore/purge sign in (BACKUP_RESTORE, ...)
    monkeypatch.setenv("FACEATTEND_PIN", "583920")
    assert main(["db", "check"]) == 0
    assert "cipher_integrity_check: ok" in capsys.readouterr().out
    monkeypatch.setenv("BACKUP_PW", "cli backup passphrase")
    target = tmp_path / "cli.bak"
    assert main(["db", "backup", str(target), "--passphrase-env", "BACKUP_PW"]) == 0
    assert target.exists()
    assert main(["db", "purge", "--days", "30"]) == 0
    assert "purged 0 attendance events" in capsys.readouterr().out
    monkeypatch.setenv("BACKUP_PW", "wrong passphrase")
    assert main(["db", "restore", str(target), "--passphrase-env", "BACKUP_PW"]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.setenv("BACKUP_PW", "cli backup passphrase")
    assert main(["db", "restore", str(target), "--passphrase-env", "BACKUP_PW"]) == 0
    assert "previous database is kept" in capsys.readouterr().out
    memory_keyring.store.clear()
    assert main(["db", "check"]) == 2
    assert "not in this user's OS keyring" in capsys.readouterr().err


def test_restore_works_when_the_current_key_is_lost(memory_keyring, data_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.bak"
    with Store.open(data_dir) as store:
        people = _fill(store)
        store.backup(backup, "backup passphrase", kdf=LIGHT_KDF)
    memory_keyring.store.clear()  # e.g. a new user profile: the old database cannot be decrypted any more
    kept = restore_backup(data_dir, backup, "backup passphrase").kept
    assert kept is not None and kept.exists()
    with Store.open(data_dir) as store:
        assert len(store.list_persons()) == len(people) and store.check().ok
