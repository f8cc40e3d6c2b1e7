"""How the human-readable reports (XLSX, PDF) speak: labels, dates and numbers in the reader's language.

app/core stays Qt-free: a ReportLocale carries plain callables. The desktop app builds one from its
translation catalogue and QLocale (app/ui/report_locale.py); the CLI and the tests use ENGLISH. CSV never
uses it: CSV is for machines (English headers, ISO dates).

    write_pdf(report, path, locale=ReportLocale(language="de", text=german, date_text=dd_mm_yyyy))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time

from app.core.reports.model import NOTE_TEXTS
from app.core.reports.tables import Value


def _same(text: str) -> str:
    return text


def _two_decimals(value: float) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True)
class ReportLocale:
    """`text` translates an English label or sentence template ({placeholders} kept); `date_text` writes a
    date; `number_text` a float with two decimals; `xlsx_date_format` is the Excel number format of date
    cells (the cells stay real dates). `language` ("en", "de", "ja" …) picks the PDF font (CJK or not)."""

    language: str = "en"
    text: Callable[[str], str] = field(default=_same)
    date_text: Callable[[date], str] = field(default=date.isoformat)
    number_text: Callable[[float], str] = field(default=_two_decimals)
    xlsx_date_format: str = "yyyy-mm-dd"

    def cell(self, value: Value) -> str:
        """One table cell as text (PDF): dates and numbers by the locale, yes/no translated."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.text("yes") if value else self.text("no")
        if isinstance(value, float):
            return self.number_text(value)
        if isinstance(value, date):
            return self.date_text(value)
        if isinstance(value, time):
            return value.isoformat()
        return str(value)

    def period(self, start: date, end: date) -> str:
        """A report's period with this locale's dates (English: Report.period_label, ISO dates)."""
        return f"{self.date_text(start)} – {self.date_text(end)}"

    @property
    def cjk(self) -> bool:
        return self.language.split("_")[0] in ("ja", "zh", "ko")


ENGLISH = ReportLocale()

# The English texts the exports pass through ReportLocale.text besides the column headers (tables.py); the
# desktop's catalogue (app/ui/common/core_texts.py) lists them for translation.
PDF_TEXTS = (
    "Attendance report, {period} ({timezone})",
    "{persons} people, {events} events: {hours} hours worked, {present} days present, {absences} absences, "
    "{late} late arrivals ({late_minutes} min), {missing} missing check-outs, {manual} corrected events.",
    "Summary per person",
    "Daily presence and lateness",
    "Timesheet",
    "Summary",
    "Daily",
    "group {group}",
    "person {person}",
    "generated {at} UTC",
    "Page {page} of {pages}",
    "Total ({persons} people)",
    *NOTE_TEXTS,
)
