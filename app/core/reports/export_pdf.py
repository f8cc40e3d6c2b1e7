"""PDF export (reportlab): organisation, period, "Page X of Y", tables that break across pages with the header
repeated. Contents: totals, the per-person summary, the daily series and (optionally) the full timesheet.

Names and other text are drawn as plain strings (table cells are never parsed as markup; titles are escaped),
so `=HYPERLINK(…)` or `<b>` in a name shows as typed. The file is created 0600 (app/core/private_files.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.private_files import private_binary
from app.core.reports.locale import ENGLISH, ReportLocale
from app.core.reports.model import Report, ReportError
from app.core.reports.tables import (
    DAILY_HEADERS,
    DAY_HEADERS,
    SUMMARY_HEADERS,
    Value,
    daily_values,
    day_values,
    summary_values,
    totals_values,
)

log = logging.getLogger(__name__)

_FONT_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
]
# Japanese (and Chinese/Korean) text needs a CJK font. reportlab embeds TrueType outlines only (not the CFF
# outlines of Noto CJK / Source Han), and it has no per-glyph fallback, so the font must hold Latin and
# Japanese: IPAex Gothic (Debian fonts-ipaexfont-gothic), Yu Gothic / Meiryo / MS Gothic (Windows), Arial
# Unicode (macOS); (path, index in a .ttc). Droid Sans Fallback is not one: it has no Latin letters.
# None installed: reportlab's built-in Adobe-Japan1 CID font HeiseiKakuGo-W5, which is NOT embedded (the
# reader substitutes a Japanese font: Acrobat, macOS Preview and poppler with a CJK font installed do).
_CJK_CANDIDATES = [
    ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),  # Debian's alternative (IPAex or Takao)
    ("C:/Windows/Fonts/YuGothR.ttc", 0),
    ("C:/Windows/Fonts/meiryo.ttc", 0),
    ("C:/Windows/Fonts/msgothic.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
]
_CID_FALLBACK = "HeiseiKakuGo-W5"
# The timesheet in the PDF: fewer columns than CSV/XLSX so it fits a landscape page.
_PDF_DAY_COLUMNS = [0, 1, 2, 3, 5, 6, 7, 10, 15]


def _fonts() -> tuple[str, str]:
    """A Unicode TrueType font when one is installed (names with any accents), else Helvetica."""
    for regular, bold in _FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            try:
                if "FA-Regular" not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont("FA-Regular", regular))
                    pdfmetrics.registerFont(TTFont("FA-Bold", bold))
                return "FA-Regular", "FA-Bold"
            except Exception:  # a broken font file: fall back
                log.warning("cannot load font %s; using Helvetica", regular)
    return "Helvetica", "Helvetica-Bold"


def _cjk_fonts() -> tuple[str, str]:
    """A font with Japanese glyphs (regular = bold: the CJK candidates have one weight)."""
    for path, index in _CJK_CANDIDATES:
        if not Path(path).exists():
            continue
        try:
            if "FA-CJK" not in pdfmetrics.getRegisteredFontNames():
                font = TTFont("FA-CJK", path, subfontIndex=index)
                if not all(ord(c) in font.face.charToGlyph for c in "Aa1日本語"):
                    log.warning("%s lacks Latin or Japanese glyphs; not used for the PDF", path)
                    continue
                pdfmetrics.registerFont(font)
            return "FA-CJK", "FA-CJK"
        except Exception:  # a CFF-outline or broken font: try the next
            log.warning("cannot embed the CJK font %s", path)
    if _CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_CID_FALLBACK))
    log.warning("no embeddable CJK font found: using the non-embedded CID font %s", _CID_FALLBACK)
    return _CID_FALLBACK, _CID_FALLBACK


def _needs_cjk(report: Report, locale: ReportLocale) -> bool:
    if locale.cjk:
        return True
    names = [report.organisation, *(s.person.name for s in report.summaries)]
    return any(ord(c) >= 0x2E80 for name in names for c in name)


class _NumberedCanvas(canvas.Canvas):
    """Defers each page so the footer can say "Page X of Y"."""

    footer_font = "Helvetica"
    footer_left = ""
    page_text = "Page {page} of {pages}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(self.footer_font, 8)
            self.setFillColor(colors.grey)
            self.drawString(15 * mm, 8 * mm, self.footer_left)
            self.drawRightString(
                width - 15 * mm, 8 * mm, self.page_text.format(page=self._pageNumber, pages=total)
            )
            super().showPage()
        super().save()


def _table(
    headers: list[str],
    rows: list[list[Value]],
    font: str,
    bold: str,
    width: float,
    total_row: bool = False,
    locale: ReportLocale = ENGLISH,
) -> Table:
    """A table no wider than `width`: headers wrap, columns shrink proportionally when they must."""
    size = 7.5
    head_style = ParagraphStyle(
        "th",
        fontName=bold,
        fontSize=size,
        leading=size + 1.5,
        textColor=colors.white,
        wordWrap="CJK" if locale.cjk else None,
    )
    headers = [locale.text(h) for h in headers]
    body = [[locale.cell(v) for v in row] for row in rows]
    pad = 6.0
    widths = []
    for i, h in enumerate(headers):
        longest_word = max(pdfmetrics.stringWidth(w, bold, size) for w in h.split())
        cells = max((pdfmetrics.stringWidth(r[i], font, size) for r in body[:2000]), default=0.0)
        if body:  # the last row may be a bold totals row
            cells = max(cells, pdfmetrics.stringWidth(body[-1][i], bold if total_row else font, size))
        widths.append(max(longest_word, min(cells, 60 * mm)) + pad)
    if sum(widths) > width:
        widths = [w * width / sum(widths) for w in widths]
    data: list[list[Any]] = [[Paragraph(_esc(h), head_style) for h in headers], *body]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#305496")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EEF2F8")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B4C0D8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), pad / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad / 2),
    ]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), bold, size))
    t.setStyle(TableStyle(style))
    return t


def write_pdf(
    report: Report, path: Path, *, include_days: bool = False, locale: ReportLocale = ENGLISH
) -> Path:
    """Summary per person (+ totals) and the daily series; `include_days` adds the full timesheet.
    `locale`: the language of labels, dates and numbers (default English, ISO dates)."""
    path = Path(path)
    tr = locale.text
    font, bold = _cjk_fonts() if _needs_cjk(report, locale) else _fonts()
    styles = getSampleStyleSheet()
    h1 = ParagraphStyle("h1", parent=styles["Heading1"], fontName=bold, fontSize=16, spaceAfter=2)
    h2 = ParagraphStyle(
        "h2", parent=styles["Heading2"], fontName=bold, fontSize=11, spaceBefore=8, spaceAfter=4
    )
    body = ParagraphStyle("body", parent=styles["Normal"], fontName=font, fontSize=9)
    avail = landscape(A4)[0] - 30 * mm  # the frame width (15 mm margins)
    q = report.query
    filters = ", ".join(
        f
        for f in (
            tr("group {group}").format(group=q.group) if q.group else "",
            tr("person {person}").format(person=q.person_uuid) if q.person_uuid else "",
        )
        if f
    )
    t = report.totals
    story: list[Flowable] = [
        Paragraph(_esc(report.organisation), h1),
        Paragraph(
            _esc(
                tr("Attendance report, {period} ({timezone})").format(
                    period=locale.period(q.start, q.end), timezone=report.timezone
                )
                + (f"; {filters}" if filters else "")
            ),
            body,
        ),
        Paragraph(
            _esc(
                tr(
                    "{persons} people, {events} events: {hours} hours worked, {present} days present, "
                    "{absences} absences, {late} late arrivals ({late_minutes} min), {missing} missing "
                    "check-outs, {manual} corrected events."
                ).format(
                    persons=t.persons,
                    events=t.events,
                    hours=locale.number_text(t.worked_hours),
                    present=t.days_present,
                    absences=t.absences,
                    late=t.late_days,
                    late_minutes=t.late_minutes,
                    missing=t.missing_checkouts,
                    manual=t.manual_events,
                )
            ),
            body,
        ),
        Paragraph(_esc(tr("Summary per person")), h2),
        _table(
            SUMMARY_HEADERS,
            [*summary_values(report), totals_values(report, tr)],
            font,
            bold,
            avail,
            total_row=True,
            locale=locale,
        ),
        Paragraph(_esc(tr("Daily presence and lateness")), h2),
        _table(DAILY_HEADERS, list(daily_values(report)), font, bold, avail, locale=locale),
    ]
    if include_days:
        story += [PageBreak(), Paragraph(_esc(tr("Timesheet")), h2)]
        headers = [h for i, h in enumerate(DAY_HEADERS) if i in _PDF_DAY_COLUMNS]
        rows = [[v for i, v in enumerate(row) if i in _PDF_DAY_COLUMNS] for row in day_values(report, tr)]
        story.append(_table(headers, rows, font, bold, avail, locale=locale))
    story.append(Spacer(1, 4 * mm))

    generated = tr("generated {at} UTC").format(at=f"{report.generated_at:%Y-%m-%d %H:%M}")
    footer = f"{report.organisation} · {locale.period(q.start, q.end)} · {generated}"

    class _Canvas(_NumberedCanvas):
        footer_font = font
        footer_left = footer
        page_text = tr("Page {page} of {pages}")

    try:
        with private_binary(path) as handle:
            doc = SimpleDocTemplate(
                handle,
                pagesize=landscape(A4),
                leftMargin=15 * mm,
                rightMargin=15 * mm,
                topMargin=12 * mm,
                bottomMargin=15 * mm,
                title=f"{report.organisation}: attendance {report.period_label}",
                author="FaceAttend",
            )
            doc.build(story, canvasmaker=_Canvas)
    except OSError as exc:
        raise ReportError(f"Cannot write the PDF file {path}: {exc.strerror or exc}.") from exc
    log.info("wrote %s", path)
    return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
