"""Bulk import: the deepface set through a CSV (13 identities, 61 photos), folder layouts with bad input
(unreadable photo, two faces, duplicate IDs), cancel, the CLI, and the Qt import dialog off the UI thread."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest

from app.core.bulk_import import BulkImporter, ImportFormatError, import_path, read_csv, read_folder
from app.core.context import AppContext
from tests.conftest import shared_path

DATASET = "data/faces/deepface"


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
def test_deepface_csv_import_counts(ctx: AppContext, tmp_path: Path) -> None:
    path = deepface_csv(tmp_path)
    entries, rejected = read_csv(path)
    assert len(entries) == 13 and sum(len(e.photos) for e in entries) == 61 and rejected == []
    progress: list[tuple[int, int]] = []
    started = time.perf_counter()
    report = import_path(ctx, path, progress=lambda d, t, m: progress.append((d, t)))
    seconds = time.perf_counter() - started
    lookalikes = [w.subject for w in report.warnings]
    print(f"\ndeepface: {report.summary()} in {seconds:.1f} s; look-alike warnings: {lookalikes}")
    assert len(report.imported) == 13 and report.rejected_persons == []
    assert report.photos_total == 61 and report.photos_used + len(report.rejected_photos) == 61
    assert report.photos_used >= 55
    assert progress[-1] == (61, 61) and all(b == 61 for _, b in progress)
    assert len(ctx.list_persons()) == 13 and len(ctx.matcher) == 13
    assert all(len(ctx.templates_for(p.uuid)) == 1 for p in ctx.list_persons())
    assert any(e.action == "person.import" for e in ctx.audit_entries())
    # Again: every ID is already enrolled → nothing added, each one reported.
    again = import_path(ctx, path)
    assert again.imported == [] and len(again.rejected_persons) == 13
    assert all("duplicate ID" in r.reason for r in again.rejected_persons)
    assert len(ctx.list_persons()) == 13


@pytest.mark.shared
def test_folder_layouts_and_bad_input(ctx: AppContext, tmp_path: Path) -> None:
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
    report = BulkImporter(ctx).run(entries, rejected)
    assert sorted(report.imported) == ["P1", "P3"]
    by_id = {r.subject: r.reason for r in report.rejected_persons}
    assert by_id["P4"] == "no usable photo" and by_id["P5"] == "no usable photo"
    photo_reasons = {r.subject: r.reason for r in report.rejected_photos}
    assert "2 faces" in photo_reasons["P4"] and "unreadable" in photo_reasons["P5"]
    assert {p.external_id for p in ctx.list_persons()} == {"P1", "P3"}  # nothing half-saved
    with pytest.raises(ImportFormatError):
        read_csv(tmp_path / "photos" / "notes.txt")


@pytest.mark.shared
def test_cancel_stops_between_people(ctx: AppContext, tmp_path: Path) -> None:
    path = deepface_csv(tmp_path)
    entries, _ = read_csv(path)
    smallest = sorted(entries, key=lambda e: len(e.photos))[:3]
    done: list[int] = []
    report = BulkImporter(ctx).run(
        smallest, progress=lambda d, t, m: done.append(d), cancelled=lambda: len(done) >= 1
    )
    assert report.cancelled and len(report.imported) == 1  # the person being imported is finished
    assert len(ctx.list_persons()) == 1


@pytest.mark.shared
def test_cli_import_with_progress_bar(memory_keyring, data_dir: Path, tmp_path: Path, capsys) -> None:
    from app.cli import main

    src = shared_path(DATASET) / "tests/unit/dataset"
    root = tmp_path / "cli"
    root.mkdir()
    shutil.copy(src / "img17.jpg", root / "E7_Jack_Dorsey.jpg")
    shutil.copy(src / "couple.jpg", root / "E8_Couple.jpg")
    assert main(["import", str(root)]) == 0
    out, err = capsys.readouterr()
    assert "1 of 2 people imported" in out and "E8" in out and "photos" in err


@pytest.mark.shared
def test_import_dialog_runs_off_the_ui_thread(qtbot, qapp, ctx: AppContext, tmp_path: Path) -> None:
    from app.ui.import_dialog import ImportDialog
    from app.ui.widgets import load_stylesheet

    qapp.setStyleSheet(load_stylesheet())
    src = shared_path(DATASET) / "tests/unit/dataset"
    root = tmp_path / "dialog"
    root.mkdir()
    for i, name in enumerate(("img17.jpg", "couple.jpg", "img9.jpg")):
        shutil.copy(src / name, root / f"D{i}_Person_{i}.jpg")
    (root / "D9_Broken.jpg").write_bytes(b"garbage")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.start() and "Choose" in dialog.status.text()  # no path yet
    dialog.path_edit.setText(str(root))
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        assert dialog.start()
        assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10_000)
    dialog.grab().save(str(tmp_path / "import_dialog.png"))
    assert dialog.report is not None and len(dialog.report.imported) == 2
    text = dialog.report_view.toPlainText()
    assert "D1" in text and "2 faces" in text and "unreadable" in text
