"""XLSX and PDF reports in the UI's language: translated headers, the locale's dates, a Japanese PDF whose
text is really Japanese (a CJK font), while CSV keeps English headers and ISO dates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.core.reports import ReportQuery, build_report, write_csv, write_pdf, write_xlsx
from app.core.reports.locale import ENGLISH, PDF_TEXTS, ReportLocale
from app.core.reports.tables import DAILY_HEADERS, DAY_HEADERS, SUMMARY_HEADERS

sys.path.insert(0, str(Path(__file__).parent))
from test_reports import END, START, generate_log, report_settings

GERMAN = {"Date": "Datum", "Name": "Name", "Hours worked": "Stunden", "Timesheet": "Zeitnachweis"}
JAPANESE = {"Date": "日付", "Name": "氏名", "Hours worked": "労働時間", "Summary per person": "個人別の集計"}


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    month = generate_log(n_people=12, days=10)
    return build_report(month.source, report_settings(), ReportQuery(START, END))


def test_xlsx_in_german_keeps_date_cells_with_a_german_format(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    locale = ReportLocale("de", text=lambda s: GERMAN.get(s, s), xlsx_date_format="dd.mm.yyyy")
    path = write_xlsx(report, tmp_path / "r.xlsx", locale)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Zeitnachweis", "Summary", "Daily"]
    ws = wb["Zeitnachweis"]
    assert ws["A1"].value == "Datum" and ws["H1"].value == "Stunden"
    assert isinstance(ws["A2"].value, date | type(None)) or ws["A2"].is_date
    assert ws["A2"].number_format == "dd.mm.yyyy"
    english = load_workbook(write_xlsx(report, tmp_path / "e.xlsx"))
    assert (
        english["Timesheet"]["A1"].value == "Date"
        and english["Timesheet"]["A2"].number_format == "yyyy-mm-dd"
    )


def test_csv_stays_english_and_iso(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    text = write_csv(report, tmp_path / "r.csv").read_text("utf-8-sig")
    assert text.startswith("Date,") and f"{START.isoformat()}," in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_japanese_pdf_holds_japanese_text(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    locale = ReportLocale("ja", text=lambda s: JAPANESE.get(s, s), date_text=lambda d: f"{d:%Y/%m/%d}")
    path = write_pdf(report, tmp_path / "r.pdf", include_days=True, locale=locale)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "個人別の集計" in text and "労働時間" in text
    assert f"{START:%Y/%m/%d}" in text  # table dates by the locale
    assert f"{START:%Y/%m/%d} – {END:%Y/%m/%d}" in text  # the period too (title, footer)
    assert START.isoformat() not in text
    assert "HeiseiKakuGo" in fonts or "TrueType" in fonts  # an embedded CJK TrueType font, else the CID one


def test_english_pdf_unchanged_by_default(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = write_pdf(report, tmp_path / "r.pdf", locale=ENGLISH)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Summary per person" in text and "Page 1 of" in text
    assert f"{START.isoformat()} – {END.isoformat()}" in text  # ISO dates in English


def test_the_desktop_catalogue_lists_every_report_text() -> None:
    """Each header and PDF sentence of app/core/reports is in app/ui/common/core_texts.py, so lupdate
    offers it to the translators (a new column in tables.py without a catalogue entry fails here)."""
    from app.ui.common.core_texts import CORE_TEXTS

    missing = [t for t in (*DAY_HEADERS, *SUMMARY_HEADERS, *DAILY_HEADERS, *PDF_TEXTS) if t not in CORE_TEXTS]
    assert not missing


def test_notes_and_total_follow_the_locale(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    """The timesheet's notes ("absent, late 19 min") and the total row are words, not data: translated in
    XLSX and PDF, English in CSV."""
    german = {
        "absent": "abwesend",
        "late {minutes} min": "{minutes} Min. verspätet",
        "missing check-out": "Gehen fehlt",
        "Total ({persons} people)": "Summe ({persons} Personen)",
    }
    locale = ReportLocale("de", text=lambda s: german.get(s, s))
    wb = load_workbook(write_xlsx(report, tmp_path / "r.xlsx", locale))
    notes = [row[-1] for row in wb["Timesheet"].iter_rows(min_row=2, values_only=True) if row[-1]]
    assert any("abwesend" in n for n in notes) and any("Min. verspätet" in n for n in notes)
    assert not any("absent" in n or " min" in n for n in notes)
    assert list(wb["Summary"].iter_rows(values_only=True))[-1][1] == "Summe (12 Personen)"
    csv = write_csv(report, tmp_path / "r.csv").read_text("utf-8-sig")
    assert ",absent\n" in csv and "abwesend" not in csv
