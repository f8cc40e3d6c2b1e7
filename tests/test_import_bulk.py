"""Bulk import: the deepface set through a CSV (13 identities, 61 photos), folder layouts with bad input
(unreadable photo, two faces, duplicate IDs), cancel, the CLI (sign-in, consent), the audit entries and the
report written as it goes, and the Qt import dialog off the UI thread."""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path

import pytest

from app.core.context import AppContext
from app.core.enrolment.bulk_import import BulkImporter, ImportFormatError, import_path, read_csv, read_folder
from app.core.enrolment.bulk_journal import read_journal
from app.core.policy.access import Session
from tests.conftest import shared_path

DATASET = "data/faces/deepface"
PIN = "583920"


@pytest.fixture
def admin(ctx: AppContext) -> Session:
    return ctx.create_first_admin("admin", PIN)


def deepface_csv(tmp_path: Path) -> Path:
    root = shared_path(DATASET)
    rows = list(csv.DictReader((root / "labels.csv").open(encoding="utf-8")))
    path = tmp_path / "deepface.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "department", "photo"])
        for row in rows:
            ident = row["identity"]
            writer.writerow([ident, ident.replace("_", " ").title(), "Press", str(root / row["image"])])
    return path


@pytest.mark.shared
def test_deepface_csv_import_counts(ctx: AppContext, admin: Session, tmp_path: Path) -> None:
    path = deepface_csv(tmp_path)
    entries, rejected = read_csv(path)
    assert len(entries) == 13 and sum(len(e.photos) for e in entries) == 61 and rejected == []
    progress: list[tuple[int, int]] = []
    started = time.perf_counter()
    report = import_path(
        ctx, admin, path, progress=lambda d, t, m: progress.append((d, t)), consent_collected=True
    )
    seconds = time.perf_counter() - started
    lookalikes = [w.subject for w in report.warnings]
    print(f"\ndeepface: {report.summary()} in {seconds:.1f} s; look-alike warnings: {lookalikes}")
    assert len(report.imported) == 13 and report.rejected_persons == []
    assert report.photos_total == 61 and report.photos_used + len(report.rejected_photos) == 61
    assert report.photos_used >= 55
    assert progress[-1] == (61, 61) and all(b == 61 for _, b in progress)
    assert len(ctx.list_persons()) == 13 and len(ctx._matcher) == 13
    assert all(len(ctx.templates_for(p.uuid)) == 1 for p in ctx.list_persons())
    assert any(e.action == "person.import" for e in ctx.audit_entries())
    # Again: every ID is already enrolled → nothing added, each one reported.
    again = import_path(ctx, admin, path, consent_collected=True)
    assert again.imported == [] and len(again.rejected_persons) == 13
    assert all("duplicate ID" in r.reason for r in again.rejected_persons)
    assert len(ctx.list_persons()) == 13
    assert again.photos_unused == 61 and "0 of 61 photos used, 0 rejected, 61 not used" in again.summary()


@pytest.mark.shared
def test_folder_layouts_and_bad_input(ctx: AppContext, admin: Session, tmp_path: Path) -> None:
    src = shared_path(DATASET) / "tests/unit/dataset"
    root = tmp_path / "photos"
    (root / "P1_Angelina Jolie").mkdir(parents=True)
    for name in ("img1.jpg", "img2.jpg"):
        shutil.copy(src / name, root / "P1_Angelina Jolie" / name)
    (root / "P2_Empty Folder").mkdir()
    shutil.copy(src / "img17.jpg", root / "P3_Jack_Dorsey.jpg")
    shutil.copy(src / "couple.jpg", root / "P4_Two_People.jpg")
    (root / "P5_Broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    shutil.copy(src / "img9.jpg", root / "P3_Someone_Else.jpg")  # the same ID for another name
    (root / "notes.txt").write_text("not a photo")
    entries, rejected = read_folder(root)
    assert {e.external_id for e in entries} == {"P1", "P3", "P4", "P5"}
    reasons = " | ".join(r.reason for r in rejected)
    assert "no photos" in reasons and "duplicate ID" in reasons and "not an image" in reasons
    report = BulkImporter(ctx, admin, consent_collected=True).run(entries, rejected)
    assert sorted(report.imported) == ["P1", "P3"]
    by_id = {r.subject: r.reason for r in report.rejected_persons}
    assert by_id["P4"] == "no usable photo" and by_id["P5"] == "no usable photo"
    photo_reasons = {r.subject: r.reason for r in report.rejected_photos}
    assert "2 faces" in photo_reasons["P4"] and "unreadable" in photo_reasons["P5"]
    assert {p.external_id for p in ctx.list_persons()} == {"P1", "P3"}  # nothing half-saved
    # People and photos each add up; input problems (no photos, a second name for P3, notes.txt) apart.
    assert report.persons_total == 4 and report.persons_rejected == 2 and report.persons_not_reached == 0
    assert report.photos_total == 5 and report.photos_used + len(report.rejected_photos) == 5
    assert len(report.rejected_inputs) == 3 and report.photos_unused == 0
    assert report.summary().startswith("2 of 4 people imported, 2 rejected; ")
    assert "; 3 input problems" in report.summary()
    with pytest.raises(ImportFormatError):
        read_csv(tmp_path / "photos" / "notes.txt")


@pytest.mark.shared
def test_cancel_stops_between_people(ctx: AppContext, admin: Session, tmp_path: Path) -> None:
    path = deepface_csv(tmp_path)
    entries, _ = read_csv(path)
    smallest = sorted(entries, key=lambda e: len(e.photos))[:3]
    done: list[int] = []
    report = BulkImporter(ctx, admin, consent_collected=True).run(
        smallest, progress=lambda d, t, m: done.append(d), cancelled=lambda: len(done) >= 1
    )
    assert report.cancelled and len(report.imported) == 1  # the person being imported is finished
    assert len(ctx.list_persons()) == 1


def _signed_in_cli(monkeypatch: pytest.MonkeyPatch, data_dir: Path, user: str = "admin") -> None:
    """An admin (and an HR user) in a fresh database; the CLI signs in as `user` from the environment."""
    from app.core.policy import access
    from app.core.storage import Store

    with Store.open(data_dir) as store:
        session = access.create_first_admin(store, "admin", PIN)
        access.add_user(store, session, "hana", "hr", PIN)
    monkeypatch.setenv("FACEATTEND_USER", user)
    monkeypatch.setenv("FACEATTEND_PIN", PIN)


def _persons(data_dir: Path) -> list[str]:
    from app.core.storage import Store

    with Store.open(data_dir) as store:
        return sorted(p.external_id for p in store.list_persons())


@pytest.mark.shared
def test_cli_import_with_progress_bar(
    memory_keyring, data_dir: Path, tmp_path: Path, capsys, cheap_argon2, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main

    _signed_in_cli(monkeypatch, data_dir)
    src = shared_path(DATASET) / "tests/unit/dataset"
    root = tmp_path / "cli"
    root.mkdir()
    shutil.copy(src / "img17.jpg", root / "E7_Jack_Dorsey.jpg")
    shutil.copy(src / "couple.jpg", root / "E8_Couple.jpg")
    report = tmp_path / "report.jsonl"
    assert main(["import", str(root), "--consent-collected", "--report", str(report)]) == 0
    out, err = capsys.readouterr()
    assert "1 of 2 people imported" in out and "E8" in out and "photos" in err
    assert f"report: {report}" in out
    records = read_journal(report)
    assert [r["event"] for r in records] == ["start", "person", "person", "end"]
    assert {r["id"]: r["status"] for r in records if r["event"] == "person"} == {
        "E7": "imported",
        "E8": "rejected",
    }
    assert main(["import", str(root), "--report", str(report)]) == 2  # never overwrites a report
    assert "exists already" in capsys.readouterr().err


@pytest.mark.shared
def test_cli_import_needs_a_sign_in_that_may_enrol(
    memory_keyring, data_dir: Path, tmp_path: Path, capsys, cheap_argon2, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main

    _signed_in_cli(monkeypatch, data_dir)
    root = tmp_path / "nobody"
    root.mkdir()
    shutil.copy(shared_path(DATASET) / "tests/unit/dataset/img17.jpg", root / "E7_Jack_Dorsey.jpg")
    monkeypatch.delenv("FACEATTEND_USER")
    assert main(["import", str(root)]) == 2  # before: imported by anyone at the machine
    assert "Sign in with --user NAME" in capsys.readouterr().err
    monkeypatch.setenv("FACEATTEND_PIN", "000000")
    assert main(["import", str(root), "--consent-collected", "--user", "admin"]) == 2
    assert "Wrong user name or PIN" in capsys.readouterr().err
    monkeypatch.setenv("FACEATTEND_PIN", PIN)
    assert main(["import", str(root), "--consent-collected", "--user", "hana"]) == 2  # HR may not enrol
    assert "hana" in capsys.readouterr().err
    assert _persons(data_dir) == [] and list(tmp_path.glob("*.jsonl")) == []


@pytest.mark.shared
def test_cli_consent_only_from_the_csv_or_the_operators_declaration(
    memory_keyring, data_dir: Path, tmp_path: Path, capsys, cheap_argon2, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main
    from app.core.storage import Store

    _signed_in_cli(monkeypatch, data_dir)
    src = shared_path(DATASET) / "tests/unit/dataset"
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,photo,consent\n"
        f"EMP-107,Jack Dorsey,{src / 'img17.jpg'},yes\n"
        f"EMP-109,Someone Else,{src / 'img9.jpg'},no\n"
        f"EMP-101,Angelina Jolie,{src / 'img1.jpg'},\n",
        encoding="utf-8",
    )
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert _persons(data_dir) == ["EMP-107"]
    assert "EMP-109: no consent: the CSV's consent column says no" in out
    assert "EMP-101: no consent recorded" in out
    assert main(["import", str(path), "--consent-collected"]) == 0  # the operator declares it
    out = capsys.readouterr().out
    assert _persons(data_dir) == ["EMP-101", "EMP-107"]  # a "no" is never overridden
    assert "EMP-109: no consent: the CSV's consent column says no" in out
    with Store.open(data_dir) as store:
        entries = store.all_audit_entries(after_id=0, limit=1000)
        consent_by = {p.external_id: p.consent_by for p in store.list_persons()}
    assert consent_by == {"EMP-101": "admin", "EMP-107": "admin"}
    starts = [e.details for e in entries if e.action == "person.import.start"]
    assert [d["consent_declared_by_operator"] for d in starts] == [False, True]
    assert [e.actor for e in entries if e.action.startswith("person.")] == ["admin"] * 6
    logged = json.dumps([e.details for e in entries])  # the log names people by uuid only
    for identity in ("EMP-1", "Jack", "Dorsey", "Angelina", "Someone"):
        assert identity not in logged


def _smallest(tmp_path: Path, n: int) -> list:
    entries, _ = read_csv(deepface_csv(tmp_path))
    return sorted(entries, key=lambda e: (len(e.photos), e.external_id))[:n]


@pytest.mark.shared
def test_each_person_is_audited_through_the_enrolment_save_path(
    ctx: AppContext, admin: Session, tmp_path: Path
) -> None:
    before = ctx._store.audit_stats().last_id
    report = BulkImporter(ctx, admin, consent_collected=True).run(_smallest(tmp_path, 3))
    assert len(report.imported) == 3
    entries = ctx._store.all_audit_entries(after_id=before, limit=100)
    assert [e.action for e in entries] == ["person.import.start"] + ["person.enrol"] * 3 + ["person.import"]
    persons = {p.uuid for p in ctx.list_persons()}
    enrolled = [e.details for e in entries if e.action == "person.enrol"]
    assert {d["uuid"] for d in enrolled} == persons == set(report.imported_uuids)
    assert all(d["source"] == "import" and d["liveness"] == "photos — not checked" for d in enrolled)
    assert entries[-1].details["uuids"] == report.imported_uuids and entries[-1].details["imported"] == 3
    logged = json.dumps([e.details for e in entries])
    assert not any(ext in logged for ext in report.imported)  # external IDs never reach the log
    assert ctx.verify_audit(admin).ok
    assert len(ctx._matcher) == 3


@pytest.mark.shared
def test_configured_outlier_limits_apply_to_the_import(
    ctx: AppContext, admin: Session, tmp_path: Path
) -> None:
    entries = [e for e in _smallest(tmp_path, 13) if len(e.photos) >= 3][:2]
    ctx.enrolment.outlier_abs_distance = 0.0  # the strictest limits: only the photo nearest the median stays
    ctx.enrolment.outlier_rel = 0.0
    report = BulkImporter(ctx, admin, consent_collected=True).run(entries)
    assert len(report.imported) == 2 and report.photos_used == 2
    outliers = [r for r in report.rejected_photos if "does not match the other photos" in r.reason]
    assert len(outliers) == sum(len(e.photos) for e in entries) - 2 - (
        len(report.rejected_photos) - len(outliers)
    )
    assert all(len(ctx.templates_for(p.uuid)) == 1 for p in ctx.list_persons())


@pytest.mark.shared
def test_ctrl_c_leaves_the_report_and_the_closing_entry(
    ctx: AppContext, admin: Session, tmp_path: Path
) -> None:
    journal = tmp_path / "report.jsonl"
    seen: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if len(seen) == 3:
            raise KeyboardInterrupt

    importer = BulkImporter(ctx, admin, consent_collected=True, report_path=journal)
    with pytest.raises(KeyboardInterrupt):
        importer.run(_smallest(tmp_path, 4), progress=progress)
    records = read_journal(journal)
    assert [r["event"] for r in records] == ["start", "person", "person", "end"]
    assert "interrupted (Ctrl-C)" in records[-1]["stopped"] and records[-1]["not_reached"] == 2
    closing = ctx.audit_entries(1)[0]
    assert closing.action == "person.import" and closing.details["imported"] == 2
    assert len(ctx.list_persons()) == 2


@pytest.mark.shared
def test_full_disk_stops_the_import_and_says_so(
    ctx: AppContext, admin: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage.errors import DiskFullError

    real = ctx._store.add_enrolment
    calls: list[int] = []

    def add_enrolment(*args, **kwargs):  # the second write finds the disk full
        calls.append(1)
        if len(calls) >= 2:
            raise DiskFullError("The disk is full: nothing was written (everything saved before is intact).")
        return real(*args, **kwargs)

    monkeypatch.setattr(ctx._store, "add_enrolment", add_enrolment)
    journal = tmp_path / "report.jsonl"
    report = BulkImporter(ctx, admin, consent_collected=True, report_path=journal).run(_smallest(tmp_path, 4))
    assert len(report.imported) == 1 and report.persons_rejected == 1 and report.persons_not_reached == 2
    assert "disk is full" in report.interrupted and "stopped: The disk is full" in report.summary()
    assert len(calls) == 2  # nobody after the failure was tried
    assert read_journal(journal)[-1]["event"] == "end"
    enrolled = [e for e in ctx.audit_entries(50) if e.action == "person.enrol"]
    assert [e.details["uuid"] for e in enrolled] == [p.uuid for p in ctx.list_persons()]


@pytest.mark.shared
def test_import_dialog_runs_off_the_ui_thread(
    qtbot, qapp, ctx: AppContext, admin: Session, tmp_path: Path
) -> None:
    from app.ui.common.widgets import load_stylesheet
    from app.ui.enrol.import_dialog import ImportDialog

    qapp.setStyleSheet(load_stylesheet())
    src = shared_path(DATASET) / "tests/unit/dataset"
    root = tmp_path / "dialog"
    root.mkdir()
    for i, name in enumerate(("img17.jpg", "couple.jpg", "img9.jpg")):
        shutil.copy(src / name, root / f"D{i}_Person_{i}.jpg")
    (root / "D9_Broken.jpg").write_bytes(b"garbage")
    dialog = ImportDialog(ctx, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.start() and "Choose" in dialog.status.text()  # no path yet
    dialog.path_edit.setText(str(root))
    assert not dialog.consent_box.isChecked()  # consent is never assumed
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        assert dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10_000)
    assert dialog.report is not None and dialog.report.imported == []
    assert "no consent recorded" in dialog.report_view.toPlainText()
    dialog.consent_box.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        assert dialog.start()
        assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10_000)
    dialog.grab().save(str(tmp_path / "import_dialog.png"))
    assert dialog.report is not None and len(dialog.report.imported) == 2
    text = dialog.report_view.toPlainText()
    assert "D1" in text and "2 faces" in text and "unreadable" in text
    assert dialog.report.report_path is not None and dialog.report.report_path.parent == tmp_path
    assert f"Report file: {dialog.report.report_path}" in text
    assert len(list(tmp_path.glob("dialog.import-*.jsonl"))) >= 1


def test_default_report_path_beside_the_input_never_taken(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from app.core.enrolment.bulk_journal import ImportJournal, default_report_path

    source, now = tmp_path / "people.csv", datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    first = default_report_path(source, now)
    assert first == tmp_path / "people.csv.import-20260102-093000.jsonl"
    ImportJournal(first).close()
    assert default_report_path(source, now).name == "people.csv.import-20260102-093000-2.jsonl"
    assert first.stat().st_mode & 0o777 == 0o600  # it names people by ID: the operator's eyes only
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    unwritable = tmp_path / "gone" / "people.csv"  # a folder that cannot be written to
    assert default_report_path(unwritable, now, fallback=elsewhere).parent == elsewhere


def test_the_importer_refuses_a_session_that_may_not_enrol(ctx: AppContext, admin: Session) -> None:
    from app.core.errors import PermissionDenied

    ctx.add_user(admin, "hana", "hr", PIN)
    hr = ctx.login("hana", PIN)
    with pytest.raises(PermissionDenied):
        BulkImporter(ctx, hr)
    ctx.add_user(admin, "eddie", "enroller", PIN)
    BulkImporter(ctx, ctx.login("eddie", PIN)).close()  # an enroller may


@pytest.mark.shared
def test_the_configured_pixel_ceiling_applies_to_the_import(
    ctx: AppContext, admin: Session, tmp_path: Path
) -> None:
    entries = _smallest(tmp_path, 1)
    ctx.settings.images.max_pixels = 10_000  # below any of these photos
    report = BulkImporter(ctx, admin, consent_collected=True).run(entries)
    assert report.imported == [] and report.rejected_photos
    assert all("megapixel limit" in r.reason for r in report.rejected_photos)
