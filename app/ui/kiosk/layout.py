"""Where everything on the kiosk screen goes and in which font: geometry and fonts, no widget (what it says:
app/ui/kiosk/texts.py).

`KioskScreen` is built for one window size (fonts scale with the height: sizes are given for 768 px and
never fall under 18 px there). Each layer — header (organisation, clock, date), status row, instruction
band, greeting card, centre message, face-box labels — is described as `TextItem`s plus its background, so
the kiosk paints exactly what the tests measure (no text clipped, nothing overlapping, no tiny font).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

from app.core.attendance.events import TrackView
from app.ui.common.i18n import translate
from app.ui.kiosk.texts import LINK, QUIET, SOFT, WHITE, Band, Card, Status

BASE_HEIGHT = 768.0
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
WRAP = int(Qt.TextFlag.TextWordWrap)


_LINE_HEIGHTS: dict[str, int] = {}


def line_height(font: QFont) -> int:
    """The height one line of text takes when drawn into a rectangle, as Qt's text layout measures it
    (it can exceed QFontMetrics.height() by a pixel or two for large bold fonts). Memoised per font."""
    key = font.key()
    height = _LINE_HEIGHTS.get(key)
    if height is None:
        fm = QFontMetrics(font)
        laid_out = fm.boundingRect(QRect(0, 0, 100_000, 100_000), LEFT, "ÁHgjy…").height()
        height = _LINE_HEIGHTS[key] = max(fm.height(), fm.lineSpacing(), laid_out)
    return height


@dataclass(frozen=True)
class TextItem:
    """One piece of text as painted: where, in which font and colour, with which alignment flags."""

    layer: str
    name: str
    rect: QRectF
    font: QFont
    text: str
    flags: int
    colour: QColor = field(default_factory=lambda: QColor(WHITE))

    def needed(self) -> QRect:
        """The rectangle the text really needs inside `rect` (Qt's own measure, word wrap included)."""
        return QFontMetrics(self.font).boundingRect(self.rect.toAlignedRect(), self.flags, self.text)

    def fits(self) -> bool:
        need, room = self.needed(), self.rect.toAlignedRect()
        return need.width() <= room.width() + 1 and need.height() <= room.height() + 1


class KioskScreen:
    """Rectangles and fonts for one window size; every text item of every layer."""

    def __init__(self, width: int, height: int, base: QFont) -> None:
        self.w, self.h = width, height
        self.u = height / BASE_HEIGHT
        self.base = QFont(base)
        self.m = self.px(24)
        self.org_font = self.font(32, bold=True)
        self.clock_font = self.font(56, bold=True)
        self.date_font = self.font(22)
        self.status_font = self.font(18)
        self.band_font = self.font(34, bold=True)
        self.band_sub_font = self.font(22)
        self.centre_font = self.font(40, bold=True)
        self.centre_sub_font = self.font(22)
        self.greet_font = self.font(26)
        self.name_font = self.font(56, bold=True)
        self.detail_font = self.font(32, bold=True)
        self.badge_font = self.font(22, bold=True)
        self.link_font = self.font(20)
        self.link_font.setUnderline(True)
        self.box_font = self.font(22, bold=True)
        clock_h = line_height(self.clock_font)
        date_h = line_height(self.date_font)
        self.header_h = max(self.px(104), clock_h + date_h + self.px(12))
        self.status_h = max(self.px(40), line_height(self.status_font) + self.px(12))
        self.video = QRectF(0, self.header_h, width, height - self.header_h - self.status_h)
        self._names: dict[tuple[str, float], tuple[QFont, float]] = {}  # fit_name's answers

    def px(self, size_at_768: float) -> int:
        return max(1, round(size_at_768 * self.u))

    def font(self, size_at_768: float, bold: bool = False) -> QFont:
        font = QFont(self.base)
        font.setPixelSize(max(12, self.px(size_at_768)))
        font.setBold(bold)
        return font

    # --- header: logo, organisation, clock and date --------------------------------------------------
    def logo_rect(self) -> QRectF:
        side = self.header_h - 2 * self.px(14)
        return QRectF(self.m, (self.header_h - side) / 2, side, side)

    def header_items(self, organisation: str, now: datetime, date_text: str, logo: bool) -> list[TextItem]:
        clock = f"{now:%H:%M}"
        cm, dm = QFontMetrics(self.clock_font), QFontMetrics(self.date_font)
        right_w = max(cm.horizontalAdvance(clock), dm.horizontalAdvance(date_text)) + 2
        right_w = min(right_w, self.w // 2)
        date_text = dm.elidedText(date_text, Qt.TextElideMode.ElideRight, right_w)
        ch, dh = line_height(self.clock_font), line_height(self.date_font)
        top = (self.header_h - ch - dh) / 2
        x_right = self.w - self.m - right_w
        clock_rect = QRectF(x_right, top, right_w, ch)
        date_rect = QRectF(x_right, top + ch, right_w, dh)
        x = self.m + (self.logo_rect().width() + self.px(16) if logo else 0)
        room = max(0, int(x_right - self.px(24) - x))
        org = QFontMetrics(self.org_font).elidedText(organisation, Qt.TextElideMode.ElideRight, room)
        return [
            TextItem("header", "organisation", QRectF(x, 0, room, self.header_h), self.org_font, org, LEFT),
            TextItem("header", "clock", clock_rect, self.clock_font, clock, RIGHT),
            TextItem("header", "date", date_rect, self.date_font, date_text, RIGHT, QColor(SOFT)),
        ]

    # --- status row ----------------------------------------------------------------------------------
    def status_rect(self) -> QRectF:
        return QRectF(0, self.h - self.status_h, self.w, self.status_h)

    def dot_size(self) -> int:
        return self.px(12)

    def status_items(self, status: Status) -> list[tuple[TextItem, QColor]]:
        """(text item, dot colour) per status word, then the exit hint (dot colour transparent)."""
        fm = QFontMetrics(self.status_font)
        y, h = self.h - self.status_h, self.status_h
        hint_w = fm.horizontalAdvance(translate("Kiosk", status.hint)) + 2
        hint = TextItem(
            "status",
            "hint",
            QRectF(self.w - self.m - hint_w, y, hint_w, h),
            self.status_font,
            translate("Kiosk", status.hint),
            RIGHT,
            QColor(QUIET),
        )
        out: list[tuple[TextItem, QColor]] = []
        x, gap, dot = float(self.m), self.px(28), self.dot_size()
        limit = hint.rect.x() - gap
        for i, (word, colour) in enumerate(status.items):
            room = int(limit - x - dot - self.px(8))
            if room <= fm.horizontalAdvance("…") * 2:
                break
            text = fm.elidedText(word, Qt.TextElideMode.ElideRight, room)
            tw = fm.horizontalAdvance(text) + 2
            rect = QRectF(x + dot + self.px(8), y, tw, h)
            out.append(
                (TextItem("status", f"status{i}", rect, self.status_font, text, LEFT, QColor(QUIET)), colour)
            )
            x = rect.right() + gap
        out.append((hint, QColor(0, 0, 0, 0)))
        return out

    # --- instruction band ----------------------------------------------------------------------------
    def band_rect(self, band: Band) -> QRectF:
        th = line_height(self.band_font)
        sh = line_height(self.band_sub_font) if band.subtitle else 0
        height = th + sh + self.px(20)
        return QRectF(0, self.video.bottom() - height, self.w, height)

    def band_items(self, band: Band) -> list[TextItem]:
        rect = self.band_rect(band)
        th = line_height(self.band_font)
        inner = rect.adjusted(self.m, self.px(10), -self.m, -self.px(10))
        title_font = self.shrink(self.band_font, band.title, inner.width())
        title = TextItem(
            "band", "title", QRectF(inner.x(), inner.y(), inner.width(), th), title_font, band.title, CENTRE
        )
        items = [title]
        if band.subtitle:
            sub_font = self.shrink(self.band_sub_font, band.subtitle, inner.width())
            sub_rect = QRectF(inner.x(), inner.y() + th, inner.width(), inner.height() - th)
            items.append(
                TextItem("band", "subtitle", sub_rect, sub_font, band.subtitle, CENTRE, QColor(SOFT))
            )
        return items

    def shrink(self, font: QFont, text: str, width: float, floor: int = 18) -> QFont:
        """`font`, made smaller (never under `floor` px at 768) until `text` fits on one line of `width`."""
        out = QFont(font)
        low = max(12, self.px(floor))
        while out.pixelSize() > low and QFontMetrics(out).horizontalAdvance(text) > width:
            out.setPixelSize(out.pixelSize() - 1)
        return out

    # --- face guide ----------------------------------------------------------------------------------
    def guide_rect(self, band: Band) -> QRectF:
        area = QRectF(
            self.video.x(), self.video.y(), self.video.width(), self.band_rect(band).y() - self.video.y()
        )
        height = area.height() * 0.78
        width = height * 0.74
        return QRectF(area.center().x() - width / 2, area.center().y() - height / 2, width, height)

    # --- centre message (camera lost, connecting) ----------------------------------------------------
    def centre_items(self, title: str, detail: str) -> list[TextItem]:
        inner = self.video.adjusted(self.m * 2, self.m, -self.m * 2, -self.m)
        title_font = self.shrink(self.centre_font, title, inner.width(), floor=28)
        th = QFontMetrics(title_font).boundingRect(inner.toAlignedRect(), CENTRE | WRAP, title).height()
        detail_h = line_height(self.centre_sub_font) * 3 if detail else 0
        top = inner.center().y() - (th + detail_h + self.px(12)) / 2
        items = [
            TextItem(
                "centre", "title", QRectF(inner.x(), top, inner.width(), th), title_font, title, CENTRE | WRAP
            )
        ]
        if detail:
            rect = QRectF(inner.x(), top + th + self.px(12), inner.width(), detail_h)
            text = self.elide_lines(self.centre_sub_font, detail, rect)
            items.append(
                TextItem("centre", "detail", rect, self.centre_sub_font, text, CENTRE | WRAP, QColor(SOFT))
            )
        return items

    @staticmethod
    def elide_lines(font: QFont, text: str, rect: QRectF) -> str:
        """`text` shortened with "…" until it fits `rect` word-wrapped (a long camera error, say)."""
        fm = QFontMetrics(font)
        room = rect.toAlignedRect()
        out = text
        while out and fm.boundingRect(room, CENTRE | WRAP, out).height() > room.height():
            out = out[: max(0, len(out) - 4)].rstrip() + "…"
            if len(out) <= 1:
                break
        return out

    # --- greeting card -------------------------------------------------------------------------------
    def card_geometry(self, card: Card) -> tuple[QRectF, QFont, float]:
        """(card rect, name font, name height): the name is shrunk, then wrapped onto two lines, to fit."""
        width = min(self.w - 2 * self.m, self.px(1000))
        inner_w = width - self.px(14) - 2 * self.px(28)
        name_font, name_h = self.fit_name(card.name, inner_w)
        height = (
            2 * self.px(22)
            + line_height(self.greet_font)
            + name_h
            + self.px(6)
            + line_height(self.detail_font)
        )
        bottom = self.video.bottom() - self.px(16)
        top = max(self.video.y() + self.px(8), bottom - height)
        return QRectF((self.w - width) / 2, top, width, height), name_font, name_h

    def fit_name(self, name: str, width: float) -> tuple[QFont, float]:
        key = (name, width)
        if key not in self._names:
            self._names[key] = self._fit_name(name, width)
        font, height = self._names[key]
        return QFont(font), height

    def _fit_name(self, name: str, width: float) -> tuple[QFont, float]:
        """The largest name font (56 down to 44 px at 768) that shows the whole name on one line, else the
        largest that shows it on two wrapped lines (a long name stays big rather than shrinking under the
        line below it); the name is never cut."""
        font = QFont(self.name_font)
        low = self.px(44)
        while True:
            fm = QFontMetrics(font)
            if fm.horizontalAdvance(name) <= width:
                return font, line_height(font)
            if font.pixelSize() <= low:
                break
            font.setPixelSize(font.pixelSize() - 2)
        font = QFont(self.name_font)
        while True:  # two lines, word-wrapped
            fm = QFontMetrics(font)
            need = fm.boundingRect(QRect(0, 0, int(width), 10_000), LEFT | WRAP, name)
            fits = need.height() <= 2 * line_height(font) + 1 and need.width() <= width
            if fits or font.pixelSize() <= 12:
                return font, need.height()
            font.setPixelSize(font.pixelSize() - 2)

    def card_items(self, card: Card) -> list[TextItem]:
        rect, name_font, name_h = self.card_geometry(card)
        pad, stripe = self.px(28), self.px(14)
        x = rect.x() + stripe + pad
        inner_w = rect.right() - pad - x
        y = rect.y() + self.px(22)
        gh = line_height(self.greet_font)
        items: list[TextItem] = []
        greet_w = inner_w
        if card.late:
            bm = QFontMetrics(self.badge_font)
            bw = bm.horizontalAdvance(translate("Kiosk", "LATE")) + 2 * self.px(12)
            badge = QRectF(rect.right() - pad - bw, y, bw, max(gh, line_height(self.badge_font)))
            items.append(
                TextItem(
                    "card",
                    "late",
                    badge,
                    self.badge_font,
                    translate("Kiosk", "LATE"),
                    CENTRE,
                    QColor(20, 20, 20),
                )
            )
            greet_w = inner_w - bw - self.px(16)
        items.append(
            TextItem(
                "card",
                "greeting",
                QRectF(x, y, greet_w, gh),
                self.greet_font,
                card.greeting,
                LEFT,
                QColor(SOFT),
            )
        )
        y += gh
        items.append(
            TextItem("card", "name", QRectF(x, y, inner_w, name_h), name_font, card.name, LEFT | WRAP)
        )
        y += name_h + self.px(6)
        dh = line_height(self.detail_font)
        detail_w = inner_w
        if card.not_you:
            lm = QFontMetrics(self.link_font)
            lw = lm.horizontalAdvance(translate("Kiosk", "Not you?")) + 4
            link = QRectF(rect.right() - pad - lw, y, lw, dh)
            items.append(
                TextItem(
                    "card",
                    "not_you",
                    link,
                    self.link_font,
                    translate("Kiosk", "Not you?"),
                    RIGHT,
                    QColor(LINK),
                )
            )
            detail_w = inner_w - lw - self.px(16)
        detail_font = self.shrink(self.detail_font, card.detail, detail_w)
        items.append(TextItem("card", "detail", QRectF(x, y, detail_w, dh), detail_font, card.detail, LEFT))
        return items

    # --- face-box labels -----------------------------------------------------------------------------
    def box_label(self, track: TrackView, box: QRectF) -> TextItem | None:
        """The label above (or, at the top edge, inside) a face box, elided to the box width: a long name
        is shown whole on the greeting card."""
        text = track.label or (translate("Kiosk", "Checking…") if track.state == "pending" else "")
        if not text:
            return None
        fm = QFontMetrics(self.box_font)
        width = max(
            box.width(), float(fm.horizontalAdvance(translate("Kiosk", "Checking…")) + self.px(16) + 4)
        )
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width - self.px(16)))
        h = line_height(self.box_font) + self.px(6)
        y = box.y() - h - self.px(4)
        if y < self.video.y():
            y = box.y() + self.px(4)
        rect = QRectF(box.x(), y, fm.horizontalAdvance(shown) + self.px(16), h)
        return TextItem("box", f"box{track.track_id}", rect, self.box_font, shown, CENTRE)
