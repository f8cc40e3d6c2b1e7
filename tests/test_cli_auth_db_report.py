"""`faceattend db check/backup/restore/purge` and `faceattend report` (reading the store) sign in and check
the role (BACKUP_RESTORE, RUN_RETENTION, EXPORT_REPORTS); what they change is audited with the actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.policy import access
from app.core.policy.access import Role
from app.core.storage import Store, audit_seal

ADMIN_PIN, HR_PIN = "583920", "714093"


pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


@pytest.fixture
def users(memory_keyring: object, data_dir: Path) -> Path:
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, "admin", ADMIN_PIN)
        access.add_user(store, admin, "hr", Role.HR, HR_PIN)
    return data_dir


def sign_in(monkeypatch: pytest.MonkeyPatch, name: str | None, pin: str | None) -> None:
    for var, value in (("FACEATTEND_USER", name), ("FACEATTEND_PIN", pin)):
        if value is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, value)


def audit(data_dir: Path) -> list[tuple[str, str]]:
    with Store.open(data_dir) as store:
        return [(e.actor, e.action) for e in store.audit_entries(100)]


def test_db_commands_need_an_admin(
    users: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BACKUP_PW", "cli backup passphrase")
    target = tmp_path / "x.bak"
    backup = ["db", "backup", str(target), "--passphrase-env", "BACKUP_PW"]
    sign_in(monkeypatch, None, None)
    assert main(backup) == 2 and "--user" in capsys.readouterr().err
    assert main(["db", "check"]) == 2 and "--user" in capsys.readouterr().err
    sign_in(monkeypatch, "admin", "000000")
    assert main(backup) == 2 and "Wrong user name or PIN" in capsys.readouterr().err
    assert main(["db", "check"]) == 2 and "Wrong user name or PIN" in capsys.readouterr().err
    sign_in(monkeypatch, "hr", HR_PIN)
    assert main(backup) == 2 and not target.exists()
    assert main(["db", "check"]) == 2 and "integrity_check" not in capsys.readouterr().out
    assert main(["db", "purge", "--days", "30"]) == 2
    assert main(["db", "restore", str(target), "--passphrase-env", "BACKUP_PW"]) == 2
    capsys.readouterr()

    sign_in(monkeypatch, "admin", ADMIN_PIN)
    before = audit(users)
    assert main(["db", "check"]) == 0 and "audit chain: ok" in capsys.readouterr().out
    assert main(["db", "check", "--user", "admin"]) == 0
    assert audit(users) == before  # check is read-only: no audit entry
    assert main(backup) == 0 and target.exists()
    assert main(["db", "purge", "--days", "30"]) == 0
    entries = audit(users)
    assert ("admin", "db.backup") in entries and ("admin", "retention.purge") in entries
    sign_in(monkeypatch, None, ADMIN_PIN)  # the name from --user
    assert main(["db", "restore", str(target), "--passphrase-env", "BACKUP_PW", "--user", "admin"]) == 0
    assert ("admin", "db.restore") in audit(users)
    with Store.open(users) as store:
        assert store.verify_audit().ok


def test_report_from_the_store_needs_export_reports(
    users: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.csv"
    argv = ["report", "--from", "2026-03-02", "--to", "2026-03-06", "-o", str(out), "--timezone", "UTC"]
    with Store.open(users) as store:
        kiosk_admin = access.login(store, "admin", ADMIN_PIN)
        access.add_user(store, kiosk_admin, "gate", Role.KIOSK, "902613")
    sign_in(monkeypatch, "gate", "902613")
    assert main(argv) == 2 and not out.exists()
    sign_in(monkeypatch, "hr", HR_PIN)
    assert main(argv) == 0 and out.read_text(encoding="utf-8").startswith("Date,")
    exports = [a for a in audit(users) if a[1] == "report.export"]
    assert exports == [("hr", "report.export")]
    with Store.open(users) as store:
        assert audit_seal.verify(store).ok


def test_report_from_csv_needs_no_sign_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = tmp_path / "events.csv"
    events.write_text("person_uuid,at_utc,direction\np1,2026-03-02T08:00:00+00:00,in\n", encoding="utf-8")
    sign_in(monkeypatch, None, None)
    out = tmp_path / "r.csv"
    argv = [
        "report",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-02",
        "-o",
        str(out),
        "--events-csv",
        str(events),
    ]
    assert main([*argv, "--timezone", "UTC"]) == 0 and out.exists()
