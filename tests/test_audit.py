"""The tamper-evident audit log: an entry edited or deleted behind the app's back (straight SQL with the
database key), the newest entries deleted, the head rewritten too, a rolled-back file; `audit verify`
reports each (exit code 1, names the entry); `audit export` writes CSV."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import keyring
import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.cli import main
from app.core.policy import access
from app.core.policy.access import Audit
from app.core.storage import DB_FILENAME, SERVICE, Store, audit_seal

PIN = "583920"


pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


def tamper(data_dir: Path, db_id: str, *statements: str) -> None:
    """What an attacker with the database key does: open the file with sqlcipher3 and run SQL."""
    key = keyring.get_password(SERVICE, db_id)
    assert key
    conn = sqlcipher.connect(str(data_dir / DB_FILENAME), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    for sql in statements:
        conn.execute(sql)
    conn.close()


@pytest.fixture
def logged(memory_keyring, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with an admin and 6 audited settings changes; returns its db id. CLI signs in as alice."""
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "alice", PIN)  # entry #1
        for i in range(6):  # entries #2 … #7
            access.record(store, admin, Audit.SETTINGS_CHANGE, {"key": f"k{i}", "value": i})
        db_id = store.header.db_id
    monkeypatch.setenv("FACEATTEND_USER", "alice")
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    return db_id


def verify_cli(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["audit", "verify"])
    return code, capsys.readouterr().out


def test_intact_log_verifies(logged: str, capsys) -> None:
    code, out = verify_cli(capsys)
    assert code == 0 and "audit log OK: 7 entries" in out and "seal ok" in out


def test_edited_row_is_reported(logged: str, data_dir: Path, capsys) -> None:
    tamper(data_dir, logged, 'UPDATE audit_log SET details_json = \'{"key":"k2","value":99}\' WHERE id = 4')
    code, out = verify_cli(capsys)
    assert code == 1
    assert "first bad entry #4" in out and "altered" in out


def test_edited_actor_is_reported(logged: str, data_dir: Path, capsys) -> None:
    tamper(data_dir, logged, "UPDATE audit_log SET actor = 'bob' WHERE id = 2")
    code, out = verify_cli(capsys)
    assert code == 1 and "first bad entry #2" in out


def test_deleted_middle_row_is_reported(logged: str, data_dir: Path, capsys) -> None:
    tamper(data_dir, logged, "DELETE FROM audit_log WHERE id = 3")
    code, out = verify_cli(capsys)
    assert code == 1 and "first bad entry #4" in out and "link broken" in out


def test_deleted_newest_rows_are_reported(logged: str, data_dir: Path, capsys) -> None:
    tamper(data_dir, logged, "DELETE FROM audit_log WHERE id >= 6")  # what is left is a valid chain
    with Store.open(data_dir) as store:
        assert store.verify_audit().ok  # the chain alone cannot tell
    code, out = verify_cli(capsys)
    assert code == 1
    assert "first bad entry #6" in out and "newest entries were deleted" in out


def test_truncation_with_head_rewritten_is_caught_by_the_keyring_seal(
    logged: str, data_dir: Path, capsys
) -> None:
    tamper(
        data_dir,
        logged,
        "DELETE FROM audit_log WHERE id = 7",
        "UPDATE audit_head SET entries = 6, last_id = 6, "
        "last_hash = (SELECT hash FROM audit_log WHERE id = 6)",
    )
    code, out = verify_cli(capsys)
    assert code == 1 and "first bad entry #7" in out and "sealed at" in out and "seal broken" in out


def test_rewritten_chain_is_caught_by_the_keyring_seal(logged: str, data_dir: Path, capsys) -> None:
    """An attacker who knows the database key recomputes every SHA-256 after editing entry #5."""
    with Store.open(data_dir) as store:
        rows = store._conn.execute(
            "SELECT id, at_utc, actor, action, details_json FROM audit_log ORDER BY id"
        ).fetchall()
    from app.core.storage.audit import GENESIS_HASH, entry_hash

    prev, updates = GENESIS_HASH, []
    for entry_id, at, actor, action, details in rows:
        if entry_id == 5:
            details = '{"key":"k3","value":1000}'
        digest = entry_hash(prev, at, actor, action, details)
        updates.append(
            f"UPDATE audit_log SET details_json = '{details}', prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE id = {entry_id}"
        )
        prev = digest
    tamper(data_dir, logged, *updates, f"UPDATE audit_head SET last_hash = '{prev}'")
    with Store.open(data_dir) as store:
        assert store.verify_audit().ok
        verdict = audit_seal.verify(store)
        assert not verdict.ok and verdict.seal == "broken" and verdict.first_bad_id == 7
        assert not audit_seal.seal(store)  # tampering is never sealed over
    assert verify_cli(capsys)[0] == 1


def test_rolled_back_database_file_is_reported(logged: str, data_dir: Path, capsys) -> None:
    old = data_dir.parent / "old-copy"
    shutil.copytree(data_dir, old)
    with Store.open(data_dir) as store:
        access.record(store, "alice", Audit.SETTINGS_CHANGE, {"key": "late"})  # #8, sealed
    shutil.rmtree(data_dir)
    shutil.copytree(old, data_dir)  # the whole file replaced by the older copy
    code, out = verify_cli(capsys)
    assert code == 1 and "first bad entry #8" in out and "rolled back" in out
    # an admin who restored on purpose accepts the current log (and that is audited)
    capsys.readouterr()
    assert main(["audit", "reseal"]) == 0
    assert verify_cli(capsys)[0] == 0


def test_verify_needs_an_admin(logged: str, data_dir: Path, monkeypatch, capsys) -> None:
    with Store.open(data_dir) as store:
        access.add_user(store, access.login(store, "alice", PIN), "hanna", "hr", "804512")
    monkeypatch.setenv("FACEATTEND_USER", "hanna")
    monkeypatch.setenv("FACEATTEND_PIN", "804512")
    assert main(["audit", "verify"]) == 2
    assert "not allowed" in capsys.readouterr().err


def test_export_csv(logged: str, data_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "audit.csv"
    assert main(["audit", "export", str(target)]) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [int(r["id"]) for r in rows] == list(range(1, 8))
    assert rows[0]["action"] == "user.add" and rows[1]["actor"] == "alice"
    assert rows[1]["prev_hash"] == rows[0]["hash"]
    assert (target.stat().st_mode & 0o777) == 0o600
    with Store.open(data_dir) as store:
        last = store.audit_entries(1)[0]
        assert last.action == Audit.AUDIT_EXPORT and last.details["entries"] == 7
    assert main(["audit", "list", "--limit", "3"]) == 0


def test_store_internal_appends_keep_the_head(logged: str, data_dir: Path) -> None:
    """Entries the store writes itself (lockouts, corrections, purges) move the head in the same
    transaction, so truncating them is caught even before the next seal."""
    with Store.open(data_dir) as store:
        for _ in range(5):
            store.check_pin("alice", "000000")  # #8: user.locked
        head = store.audit_head()
        assert (head.entries, head.last_id) == (8, 8)
        db_id = store.header.db_id
    tamper(data_dir, db_id, "DELETE FROM audit_log WHERE id = 8")
    with Store.open(data_dir) as store:
        verdict = audit_seal.verify(store)
        assert not verdict.ok and verdict.first_bad_id == 8
