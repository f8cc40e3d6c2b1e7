"""A fresh installation set up from the command line alone (`users add NAME --role admin` creates the
database; its passphrase asked twice when there is no OS keyring), and `faceattend kiosk` with no back
door: `--add-admin` follows the first-admin rule, the PIN policy and the seal, and a weaker `--liveness`
needs an administrator's sign-in and is audited with its value."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.cli import main
from app.core.policy import access
from app.core.policy.access import Audit, Role
from app.core.storage import Store, audit_seal

REPO = Path(__file__).resolve().parents[1]
ADMIN_PIN, HR_PIN = "583920", "714093"
PASSPHRASE = "correct horse battery"

pytestmark = pytest.mark.usefixtures("cheap_argon2")


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACEATTEND_")}
    env.update(
        FACEATTEND_HOME=str(home),
        PYTHONPATH=str(REPO),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    env.update(extra)
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_fresh_install_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = env_for(home, FACEATTEND_DB_PASSPHRASE=PASSPHRASE)
    before = cli(env, "users", "list")
    assert before.returncode == 2 and "users add NAME --role admin" in before.stderr
    assert not (home / "faceattend.db").exists()
    unasked = cli(env, "users", "add", "alice", "--role", "admin")  # a script: no terminal, no PIN given
    assert unasked.returncode == 2 and "Give it with $FACEATTEND_NEW_PIN" in unasked.stderr
    assert not (home / "faceattend.db").exists()  # nothing half-made
    no_passphrase = env_for(home, FACEATTEND_NEW_PIN=ADMIN_PIN)  # no keyring, no passphrase, no terminal
    unasked = cli(no_passphrase, "users", "add", "alice", "--role", "admin")
    assert unasked.returncode == 2 and "Give it with $FACEATTEND_DB_PASSPHRASE" in unasked.stderr
    assert not (home / "faceattend.db").exists()
    refused = cli({**env, "FACEATTEND_NEW_PIN": "123456"}, "users", "add", "alice", "--role", "admin")
    assert refused.returncode == 2 and "PIN" in refused.stderr  # the PIN policy holds on the first run too
    done = cli({**env, "FACEATTEND_NEW_PIN": ADMIN_PIN}, "users", "add", "alice", "--role", "admin")
    assert done.returncode == 0, done.stderr
    assert "first admin alice created" in done.stdout and (home / "faceattend.db").is_file()
    signed = {**env, "FACEATTEND_USER": "alice", "FACEATTEND_PIN": ADMIN_PIN}
    today = date.today().isoformat()
    steps = [
        ("users", "add", "hr", "--role", "hr"),
        ("users", "list"),
        ("schedule", "show"),
        ("person", "retention"),
        ("db", "check"),
        ("audit", "verify"),
        ("report", "--from", today, "--to", today, "-o", str(tmp_path / "r.csv")),
    ]
    for step in steps:
        got = cli({**signed, "FACEATTEND_NEW_PIN": HR_PIN}, *step)
        assert got.returncode == 0, (step, got.stdout, got.stderr)
    assert "hr\thr" in cli(signed, "users", "list").stdout
    wrong = cli({**env, "FACEATTEND_DB_PASSPHRASE": "not the passphrase"}, "users", "list")
    assert wrong.returncode == 2


@pytest.fixture
def no_keyring(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    for var in ("FACEATTEND_DB_PASSPHRASE", "FACEATTEND_USER", "FACEATTEND_PIN"):
        monkeypatch.delenv(var, raising=False)
    try:
        yield data_dir
    finally:
        keyring.set_keyring(previous)


def answers(monkeypatch: pytest.MonkeyPatch, *replies: str) -> list[str]:
    asked: list[str] = []
    queue = list(replies)

    def prompt(message: str, instead: str = "") -> str:
        asked.append(message)
        return queue.pop(0)

    monkeypatch.setattr("app.commands.auth.prompt", prompt)
    return asked


def test_first_run_passphrase_is_asked_twice(no_keyring: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The admin's PIN (checked against the policy first), then the new database's passphrase, each twice."""
    asked = answers(monkeypatch, ADMIN_PIN, ADMIN_PIN, PASSPHRASE, PASSPHRASE + "x")
    assert main(["users", "add", "alice", "--role", "admin"]) == 2
    assert len(asked) == 4 and "passphrase" in asked[2] and "Repeat" in asked[3]
    assert not (no_keyring / "faceattend.db").exists()  # a typo creates nothing
    asked = answers(monkeypatch, ADMIN_PIN, ADMIN_PIN, PASSPHRASE, PASSPHRASE)
    assert main(["users", "add", "alice", "--role", "admin"]) == 0
    assert len(asked) == 4
    with Store.open(no_keyring, passphrase=PASSPHRASE) as store:
        assert [u.name for u in store.list_users()] == ["alice"]


def test_first_user_on_an_empty_dir_must_be_an_admin(
    no_keyring: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers(monkeypatch)  # nothing may be asked
    assert main(["users", "add", "bob", "--role", "hr"]) == 2
    assert "--role admin" in capsys.readouterr().out and not (no_keyring / "faceattend.db").exists()


# --- the kiosk's options -----------------------------------------------------------------------------
@pytest.fixture
def home(memory_keyring: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("FACEATTEND_USER", "FACEATTEND_PIN", "FACEATTEND_NEW_PIN", "FACEATTEND_ADMIN_PIN"):
        monkeypatch.delenv(var, raising=False)
    return data_dir


def users_of(data_dir: Path) -> dict[str, str]:
    with Store.open(data_dir) as store:
        return {u.name: u.role for u in store.list_users()}


def test_kiosk_add_admin_follows_the_first_admin_rule(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACEATTEND_ADMIN_PIN", "1234")
    assert main(["kiosk", "--add-admin", "mallory"]) == 2  # the PIN policy
    monkeypatch.setenv("FACEATTEND_ADMIN_PIN", ADMIN_PIN)
    assert main(["kiosk", "--add-admin", "boss"]) == 0  # the first admin: no sign-in
    monkeypatch.setenv("FACEATTEND_ADMIN_PIN", "902613")
    assert main(["kiosk", "--add-admin", "mallory"]) == 2  # a second one: an admin must sign in
    assert "--user" in capsys.readouterr().err
    with Store.open(home) as store:
        access.add_user(store, access.login(store, "boss", ADMIN_PIN), "clerk", Role.HR, HR_PIN)
    monkeypatch.setenv("FACEATTEND_USER", "clerk")
    monkeypatch.setenv("FACEATTEND_PIN", HR_PIN)
    assert main(["kiosk", "--add-admin", "mallory"]) == 2  # HR may not create admins
    assert "mallory" not in users_of(home)
    monkeypatch.setenv("FACEATTEND_USER", "boss")
    monkeypatch.setenv("FACEATTEND_PIN", ADMIN_PIN)
    assert main(["kiosk", "--add-admin", "carol"]) == 0
    assert users_of(home) == {"boss": "admin", "clerk": "hr", "carol": "admin"}
    with Store.open(home) as store:
        added = [(e.actor, e.details.get("name")) for e in store.audit_entries(50) if e.action == "user.add"]
        assert ("first-run", "boss") in added and ("boss", "carol") in added
        assert audit_seal.verify(store).ok and audit_seal.verify(store).seal == "ok"


def test_weaker_liveness_needs_an_admin(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.commands.kiosk import authorise_liveness
    from app.core.settings import Settings

    with Store.open(home) as store:
        boss = access.create_first_admin(store, "boss", ADMIN_PIN)
        access.add_user(store, boss, "clerk", Role.HR, HR_PIN)
    assert main(["kiosk", "--liveness", "off", "--source", "demo"]) == 2  # refused before any window
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("FACEATTEND_USER", "clerk")
    monkeypatch.setenv("FACEATTEND_PIN", HR_PIN)
    assert main(["kiosk", "--liveness", "lenient", "--source", "demo"]) == 2
    assert "not allowed" in capsys.readouterr().err
    settings = Settings()
    settings.attendance.liveness = "strict"  # stricter than the default: nobody needs to sign in
    assert authorise_liveness(type("A", (), {"user": None})(), settings) is None
    monkeypatch.setenv("FACEATTEND_USER", "boss")
    monkeypatch.setenv("FACEATTEND_PIN", ADMIN_PIN)
    settings.attendance.liveness = "off"
    assert authorise_liveness(type("A", (), {"user": None})(), settings) == "boss"


def test_kiosk_start_records_the_liveness_value(home: Path) -> None:
    from app.core.attendance import KioskBackend
    from app.core.context import AppContext
    from app.core.settings import Settings

    settings = Settings(data_dir=home)
    settings.attendance.liveness = "off"
    with AppContext(settings, actor="boss", background_sync=False) as ctx:
        KioskBackend.from_context(ctx, load_models=False).record_start()
        entry = ctx.audit_entries(1)[0]
    assert entry.action == Audit.KIOSK_START and entry.actor == "boss"
    assert entry.details["liveness"] == "off"
