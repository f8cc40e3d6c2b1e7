"""Hostile text in HR exports: formulas never reach a spreadsheet as formulas (CSV, XLSX), the PDF shows
them as typed, control characters do not break the XLSX, every export file is 0600, and the enrolment form
refuses formula-like names and departments at entry."""

from __future__ import annotations

import base64
import contextlib
import csv
import os
import re
import stat
import zlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.core.enrolment.session import EnrolForm, EnrolmentError
from app.core.records import AttendanceEvent, Direction, Person
from app.core.reports import (
    InMemoryEventSource,
    Report,
    ReportQuery,
    ReportSettings,
    build_report,
    export_pdf,
    write_csv,
    write_pdf,
    write_xlsx,
)
from tests.hostile_corpus import CONTROL_TEXT, FORMULA_PREFIXES, HARMLESS, formula_cells

DAY = date(2026, 3, 2)  # a Monday


def _report(names: list[str], departments: list[str]) -> Report:
    persons = [
        Person(f"p{i:03d}", f"E{i:03d}", name, department=dept)
        for i, (name, dept) in enumerate(zip(names, departments, strict=True))
    ]
    events = [
        AttendanceEvent(
            f"e{i}", p.uuid, datetime(2026, 3, 2, 8, i % 60, tzinfo=UTC), "UTC", Direction.IN, 0.3, 0.9, "k"
        )
        for i, p in enumerate(persons)
    ]
    settings = ReportSettings(organisation_name='=HYPERLINK("http://evil.example")', timezone="UTC")
    return build_report(InMemoryEventSource(persons, events), settings, ReportQuery(DAY, DAY))


@pytest.fixture(scope="module")
def hostile_report() -> Report:
    formulas = formula_cells()
    names = [*formulas, *HARMLESS]
    departments = [*reversed(formulas), *HARMLESS]  # each formula also as a department, paired differently
    return _report(names, departments)


def _expected_csv(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@pytest.mark.parametrize("table", ["days", "summary"])
def test_csv_cells_never_start_like_a_formula(tmp_path: Path, hostile_report: Report, table: str) -> None:
    path = write_csv(hostile_report, tmp_path / f"{table}.csv", table=table)  # type: ignore[arg-type]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    name_col = rows[0].index("Name")
    dept_col = rows[0].index("Department")
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), f"live formula in the CSV: {cell!r}"
    # Nothing lost: read back, each name and department is the original behind one quote (or unchanged).
    by_id = {p.external_id: p for p in hostile_report.persons}
    persons = [r for r in rows[1:] if r[rows[0].index("Employee ID")] in by_id]
    assert len(persons) == len(by_id)
    for row in persons:
        person = by_id[row[rows[0].index("Employee ID")]]
        assert row[name_col] == _expected_csv(person.name)
        assert row[dept_col] == _expected_csv(person.department)
    assert "O'Brien" in {r[name_col] for r in persons}  # harmless text is untouched


def test_xlsx_has_no_formula_cells(tmp_path: Path, hostile_report: Report) -> None:
    import openpyxl

    path = write_xlsx(hostile_report, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    seen: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                if isinstance(cell.value, str):
                    seen.add(cell.value)
    # The values are kept (no visible quote: Excel's quote prefix marks them as text); XML reads a bare
    # carriage return back as a line feed.
    names = {p.name.replace("\r\n", "\n").replace("\r", "\n") for p in hostile_report.persons}
    assert names <= seen
    raw = _zip_text(path)
    assert "<f>" not in raw and "<f " not in raw


def test_xlsx_survives_control_characters(tmp_path: Path) -> None:
    import openpyxl

    report = _report(CONTROL_TEXT, ["Ops\x1b"] * len(CONTROL_TEXT))
    path = write_xlsx(report, tmp_path / "ctl.xlsx")  # openpyxl refused these: IllegalCharacterError
    names = {c.value for c in openpyxl.load_workbook(path)["Summary"]["B"][1:]}
    assert "Bell\ufffdName" in names and "Nul\ufffdByte" in names


def test_pdf_shows_formulas_and_markup_as_typed(
    tmp_path: Path, hostile_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_pdf, "_fonts", lambda: ("Helvetica", "Helvetica-Bold"))  # literal text ops
    path = write_pdf(hostile_report, tmp_path / "r.pdf", include_days=True)
    shown = _pdf_strings(path.read_bytes())
    for name in ["=cmd|' /C calc'!A0", "@SUM(A1:A9)", "<b>bold</b> & co", "+1+1"]:
        assert name in shown, name
    assert '=HYPERLINK("http://evil.example")' in shown  # the organisation title, escaped, not parsed


@pytest.mark.parametrize("writer", ["csv", "xlsx", "pdf"])
def test_report_files_are_private(tmp_path: Path, hostile_report: Report, writer: str) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / f"r.{writer}"
        path.write_text("an older, world-readable export")
        os.chmod(path, 0o644)
        {"csv": write_csv, "xlsx": write_xlsx, "pdf": write_pdf}[writer](hostile_report, path)  # type: ignore[operator]
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes()[:4] != b"an o"  # replaced
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_a_failed_export_keeps_the_old_file(
    tmp_path: Path, hostile_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from app.core import private_files
    from app.core.reports import ReportError

    with pytest.raises(ReportError, match="Cannot write"):
        write_csv(hostile_report, tmp_path / "missing-folder" / "r.csv")
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"previous")

    def disk_full(handle: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(private_files, "_sync", disk_full)
    with pytest.raises(ReportError, match=r"Cannot write the XLSX file .*No space left"):
        write_xlsx(hostile_report, path)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # the partial file is removed


# --- entry checks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [c for c in formula_cells() if c.lstrip()[:1] in "=+@"] + ["@SUM(A1)"])
def test_enrol_form_refuses_formula_names(bad: str) -> None:
    form = EnrolForm(bad, "E1", consent=True)
    with pytest.raises(EnrolmentError, match=r"cannot begin with|control character"):
        form.validate()
    dept = EnrolForm("Ann Smith", "E1", department=bad, consent=True)
    with pytest.raises(EnrolmentError, match="department"):
        dept.validate()


@pytest.mark.parametrize("bad", [*CONTROL_TEXT, "RTL\u202eevil", "Sales\nHR"])
def test_enrol_form_refuses_control_characters(bad: str) -> None:
    with pytest.raises(EnrolmentError, match="control character"):
        EnrolForm("Ann Smith", "E1", department=bad, consent=True).validate()
    name = EnrolForm(bad, "E1", consent=True)
    if bad.split() != [bad]:  # whitespace controls (line break, form feed) in a name fold into one space
        name.validate()
        assert name.name == " ".join(bad.split())
    else:
        with pytest.raises(EnrolmentError, match="control character"):
            name.validate()


@pytest.mark.parametrize(
    "good", [*HARMLESS, "-", "Ann-Marie O'Neil", "Nguyễn Thị Minh Khai", "محمد\u200cرضا"]
)
def test_enrol_form_accepts_real_names(good: str) -> None:
    form = EnrolForm(good, "E1", department=good, consent=True)
    form.validate()
    assert form.department == good.strip()


# --- helpers --------------------------------------------------------------------------------------------


def _zip_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def _pdf_strings(pdf: bytes) -> str:
    """The text of every `(…) Tj` string in the PDF's content streams (ASCII85 + Flate), unescaped."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = match.group(1).strip()
        if data.endswith(b"~>"):  # reportlab: /Filter [/ASCII85Decode /FlateDecode]
            data = base64.a85decode(data[:-2].replace(b"\n", b""))
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        for s in re.finditer(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data, re.S):
            text = re.sub(rb"\\(.)", rb"\1", s.group(1))
            out.append(text.decode("latin-1"))
    return "\n".join(out)


@pytest.mark.usefixtures("cheap_argon2")
def test_audit_export_neutralises_a_formula_user_name(
    memory_keyring, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main
    from app.core.policy import access
    from app.core.policy.access import Audit
    from app.core.storage import Store

    evil = '=HYPERLINK("http://evil.example","audit")'
    with Store.open(data_dir) as store:
        admin = access.create_first_admin(store, evil, "583920")
        access.record(store, admin, Audit.SETTINGS_CHANGE, {"key": "=1+1", "value": "@SUM(A1)"})
    monkeypatch.setenv("FACEATTEND_USER", evil)
    monkeypatch.setenv("FACEATTEND_PIN", "583920")
    old = os.umask(0o022)
    try:
        target = tmp_path / "audit.csv"
        assert main(["audit", "export", str(target)]) == 0
    finally:
        os.umask(old)
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert rows and all(not v.startswith(FORMULA_PREFIXES) for r in rows for v in r.values())
    assert rows[1]["actor"] == "'" + evil
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_editing_a_person_refuses_a_formula_name(ctx) -> None:
    from app.core.enrolment.session import EnrolmentError

    session = ctx.create_first_admin("admin", "482915")
    person = ctx._store.add_person(Person("u1", "E1", "Ann Smith", department="-"))
    person.name = '=HYPERLINK("http://evil.example")'
    with pytest.raises(EnrolmentError, match="name cannot begin with '='"):
        ctx.update_person(person, session=session)
    person.name, person.department = "Ann Smith", "Ops\x1b[31m"
    with pytest.raises(EnrolmentError, match="department contains a control character"):
        ctx.update_person(person, session=session)
    assert ctx._store.get_person("u1").name == "Ann Smith" and ctx._store.get_person("u1").department == "-"
