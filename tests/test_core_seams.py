"""The application core's seams: one enrolment save path (sealed, uuid-only audit entry, configured outlier
limits, permission checked), one audit path that always advances the keyring seal, the matcher fed only
templates of the current model, and one effective-settings loader for the GUI, the kiosk and the CLI."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.core.context import AppContext
from app.core.enrolment import save as enrol_save
from app.core.enrolment.session import EnrolForm, TemplateDraft, build_draft
from app.core.errors import PermissionDenied
from app.core.policy import access
from app.core.policy.access import Role, Session
from app.core.records import AttendanceEvent, Direction, Person, Template
from app.core.settings import Settings
from app.core.settings_loader import effective_settings
from app.core.storage import Store, audit_seal

ADMIN_PIN, ENROLLER_PIN, HR_PIN = "583920", "740193", "714093"

pytestmark = pytest.mark.usefixtures("cheap_argon2")  # the rules, not argon2's cost


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=128).astype(np.float32)
    return v / np.linalg.norm(v)


def draft(seed: int = 1) -> TemplateDraft:
    return TemplateDraft(unit(seed), 0.8, 5, 0, [0.1] * 5, True, 0.9)


def sealed_to_head(store: Store) -> bool:
    seal = audit_seal.read_seal(store)
    head = store.audit_stats()
    return seal is not None and (seal.entries, seal.last_id) == (head.entries, head.last_id)


@pytest.fixture
def admin(ctx: AppContext) -> Session:
    return ctx.create_first_admin("admin", ADMIN_PIN)


def users(ctx: AppContext, admin: Session) -> dict[Role, Session]:
    ctx.add_user(admin, "erin", Role.ENROLLER, ENROLLER_PIN)
    ctx.add_user(admin, "hr", Role.HR, HR_PIN)
    return {
        Role.ADMIN: admin,
        Role.ENROLLER: access.login(ctx._store, "erin", ENROLLER_PIN),
        Role.HR: access.login(ctx._store, "hr", HR_PIN),
    }


# --- the enrolment save path -------------------------------------------------------------------------
def test_save_enrolment_is_one_sealed_uuid_only_entry(ctx: AppContext, admin: Session) -> None:
    form = EnrolForm("Ana Lima", "E-4711", "Lab", consent=True)
    person = ctx.save_enrolment(form, draft(), 2.5, session=admin, source=enrol_save.SOURCE_IMPORT)
    entry = ctx.audit_entries(1)[0]
    assert (entry.actor, entry.action) == ("admin", "person.enrol")
    assert entry.details["uuid"] == person.uuid and entry.details["source"] == "import"
    assert "E-4711" not in str(entry.details) and "Ana" not in str(entry.details)
    assert "external_id" not in entry.details
    assert sealed_to_head(ctx._store)
    assert ctx._store.get_person(person.uuid) is not None and len(ctx._matcher) == 1
    ctx.update_enrolment(person, draft(2), session=admin)
    entry = ctx.audit_entries(1)[0]
    assert entry.action == "person.reenrol" and "E-4711" not in str(entry.details)
    assert sealed_to_head(ctx._store)


def test_save_enrolment_checks_the_role_in_the_core(ctx: AppContext, admin: Session) -> None:
    roles = users(ctx, admin)
    ctx.sign_in(None)
    with pytest.raises(PermissionDenied):  # nobody signed in
        ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft())
    with pytest.raises(PermissionDenied):
        ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft(), session=roles[Role.HR])
    assert ctx.list_persons() == []
    person = ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft(), session=roles[Role.ENROLLER])
    assert person.consent_by == "erin" and ctx.audit_entries(1)[0].actor == "erin"
    with pytest.raises(PermissionDenied):  # an enroller may not erase
        ctx.delete_person(person.uuid, session=roles[Role.ENROLLER])
    with pytest.raises(PermissionDenied):  # nobody signed in
        ctx.update_person(Person(person.uuid, "E1", "Someone Else"))
    with pytest.raises(PermissionDenied):
        ctx.set_active(person.uuid, False)
    kept = ctx.get_person(person.uuid)
    assert kept is not None and kept.name == "Ana" and kept.active


def test_person_and_audit_entry_are_one_transaction(ctx: AppContext, admin: Session) -> None:
    """A failing audit append leaves no person behind (all or nothing)."""
    before = ctx._store.audit_stats().entries

    class BoomError(Exception):
        pass

    def failing_append(*_a: object, **_k: object) -> None:
        raise BoomError

    from app.core.storage import store as store_module

    original = store_module.audit.append
    store_module.audit.append = failing_append  # type: ignore[assignment]
    try:
        with pytest.raises(BoomError):
            ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft(), session=admin)
    finally:
        store_module.audit.append = original
    assert ctx.list_persons() == [] and ctx._store.audit_stats().entries == before and len(ctx._matcher) == 0


def test_build_draft_uses_the_configured_outlier_limits(ctx: AppContext) -> None:
    centre = unit(7)
    rng = np.random.default_rng(3)
    near = [centre + 0.002 * rng.normal(size=128) for _ in range(4)]
    odd = centre + 0.02 * rng.normal(size=128)  # ~0.2 off: inside the default 0.35, outside 0.05
    vectors = np.stack([*near, odd]).astype(np.float32)
    assert ctx.build_draft(vectors, [0.9] * 5).used == [True] * 5
    ctx.enrolment.outlier_abs_distance, ctx.enrolment.outlier_rel = 0.05, 1.0
    got = ctx.build_draft(vectors, [0.9, 0.9, 0.9, 0.9, 0.1])
    assert got.used == [True, True, True, True, False] and got.frames_rejected == 1
    assert got.quality == pytest.approx(0.9) and got.liveness_checked is False
    assert build_draft(vectors, [0.5] * 5, ctx.enrolment, liveness_checked=True).frames_used == 4


# --- one audit path: every entry advances the seal ---------------------------------------------------
def test_every_audited_context_mutation_advances_the_seal(ctx: AppContext, admin: Session) -> None:
    person = ctx.save_enrolment(EnrolForm("Ana", "STAFF-77", consent=True), draft(), session=admin)
    steps = {
        "edit": lambda: ctx.update_person(Person(person.uuid, "STAFF-78", "Ana L"), session=admin),
        "deactivate": lambda: ctx.set_active(person.uuid, False, session=admin),
        "activate": lambda: ctx.set_active(person.uuid, True, session=admin),
        "audit": lambda: ctx.audit("report.export", {"file": "x.csv"}),
        "settings": lambda: ctx.save_settings(admin, {"reports.organisation_name": "ACME"}),
        "reenrol": lambda: ctx.update_enrolment(person, draft(3), session=admin),
        "delete": lambda: ctx.delete_person(person.uuid, session=admin),
    }
    for name, step in steps.items():
        before = ctx._store.audit_stats().entries
        step()
        assert ctx._store.audit_stats().entries == before + 1, name
        assert sealed_to_head(ctx._store), name
    entries = {e.action: e for e in ctx.audit_entries(20)}
    assert entries["person.edit"].details == {"uuid": person.uuid}  # not the external ID
    assert entries["person.delete"].details == {"uuid": person.uuid}
    assert not any("STAFF-7" in str(e.details) for e in ctx.audit_entries(50))


# --- the matcher holds templates of the current model only -------------------------------------------
def test_reactivating_never_loads_another_models_template(ctx: AppContext, admin: Session) -> None:
    person = ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft(1), session=admin)
    other = Person(str(uuid.uuid4()), "E2", "Bo")
    old_model = Template(other.uuid, "old-embedder", "0", unit(9), 0.8, 5)
    ctx._store.add_enrolment(other, [old_model])
    ctx.set_active(other.uuid, False, session=admin)
    ctx.set_active(other.uuid, True, session=admin)
    assert other.uuid not in ctx._matcher.keys and len(ctx._matcher) == 1
    # a person with both: the current model's template goes in, whichever was written last
    current = Template(other.uuid, ctx.model_id, ctx.model_version, unit(5), 0.8, 5)
    ctx._store.replace_templates(other.uuid, [current, Template(other.uuid, "old", "0", unit(6))], actor="t")
    ctx.set_active(other.uuid, False, session=admin)
    ctx.set_active(other.uuid, True, session=admin)
    hit = ctx._matcher.search(unit(5), k=1)[0]
    assert hit.key == other.uuid and hit.similarity > 0.99
    assert person.uuid in ctx._matcher.keys


# --- the effective settings ------------------------------------------------------------------------
def test_retention_and_report_use_the_saved_settings(
    ctx: AppContext,
    admin: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`person retention` keeps what the Settings page says to keep; `report` names the saved organisation."""
    ctx.save_settings(
        admin, {"privacy.attendance_retention_days": 3650, "reports.organisation_name": "Saved Org Ltd"}
    )
    person = ctx.save_enrolment(EnrolForm("Ana", "E1", consent=True), draft(), session=admin)
    at = datetime.now(UTC) - timedelta(days=1000)  # older than the default 730 days, within 3650
    ctx._store.add_event(
        AttendanceEvent(str(uuid.uuid4()), person.uuid, at, "UTC", Direction.IN, 0.3, 0.9, "kiosk-1")
    )
    store = ctx._store
    assert effective_settings(store).privacy.attendance_retention_days == 3650
    assert Settings().privacy.attendance_retention_days < 1000  # the defaults would delete it
    ctx.close()
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", ADMIN_PIN)
    assert main(["person", "retention"]) == 0
    assert "0 attendance events" in capsys.readouterr().out
    out = tmp_path / "r.xlsx"
    day = at.date().isoformat()
    assert main(["report", "--from", day, "--to", day, "-o", str(out)]) == 0
    from openpyxl import load_workbook

    assert load_workbook(out).properties.title.startswith("Saved Org Ltd")
    with Store.open(ctx.data_dir) as reopened:
        assert len(reopened.list_events()) == 1
    ctx.open()


def test_store_written_entries_are_sealed_too(
    ctx: AppContext, admin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lockout ("user.locked", written by the store during a sign-in) and `sync configure` (written by
    the sync service) advance the seal like every other entry."""
    ctx.add_user(admin, "hr", Role.HR, HR_PIN)
    before = ctx._store.audit_stats().entries
    for _ in range(5):
        with pytest.raises((access.AuthenticationFailed, access.AccountLocked)):
            access.login(ctx._store, "hr", "000000")
    assert ctx._store.audit_stats().entries == before + 1 and ctx.audit_entries(1)[0].action == "user.locked"
    assert sealed_to_head(ctx._store)
    ctx.close()
    monkeypatch.setenv("FACEATTEND_USER", "admin")
    monkeypatch.setenv("FACEATTEND_PIN", ADMIN_PIN)
    monkeypatch.setenv("SYNC_KEY", "device-key-123")
    assert main(["sync", "configure", "--url", "http://127.0.0.1:9", "--api-key-env", "SYNC_KEY"]) == 0
    with Store.open(ctx.data_dir) as store:
        assert store.audit_entries(1)[0].action == "sync.configure" and sealed_to_head(store)
    ctx.open()


def test_services_check_the_permission_in_the_core(ctx: AppContext, admin: Session, tmp_path: Path) -> None:
    """The commands sign in, but the services check the role themselves: a caller that skips the CLI's
    `authenticate` still cannot purge, run retention, export the audit log or reseal it as HR."""
    hr = users(ctx, admin)[Role.HR]
    with pytest.raises(PermissionDenied):
        ctx.database.purge(hr, 1)
    with pytest.raises(PermissionDenied):
        ctx.people.run_retention(hr)
    with pytest.raises(PermissionDenied):
        ctx.access.export_audit_csv(hr, tmp_path / "audit.csv")
    with pytest.raises(PermissionDenied):
        ctx.access.reseal_audit(hr)
    assert not (tmp_path / "audit.csv").exists()
    export = ctx.access.export_audit_csv(admin, tmp_path / "audit.csv")
    assert export.intact and export.entries >= 1 and sealed_to_head(ctx._store)
