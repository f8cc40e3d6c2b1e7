"""Painting the kiosk's layers: each one (header, status row, band, card, face guide) is drawn once into a
pixmap and redrawn only when its content or the window size changes, so a frame costs the scaled camera
picture plus a few pixmap copies."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from app.core.attendance.events import TrackView
from app.ui.kiosk.layout import KioskScreen, TextItem
from app.ui.kiosk.texts import AMBER, STATE_COLOURS, Band, Card, Status


class Layer:
    """One cached pixmap: rebuilt only when its key (size + content) changes."""

    def __init__(self) -> None:
        self.key: Hashable = None
        self.pixmap: QPixmap | None = None

    def get(
        self, key: Hashable, rect: QRectF, render: Callable[[QPainter], None], opaque: bool = False
    ) -> QPixmap:
        """`opaque`: the layer covers its rectangle (no alpha channel: a plain copy when drawn)."""
        if self.pixmap is None or key != self.key:
            pixmap = QPixmap(max(1, round(rect.width())), max(1, round(rect.height())))
            pixmap.fill(QColor(0, 0, 0) if opaque else Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                painter.translate(-rect.x(), -rect.y())
                render(painter)
            finally:
                painter.end()
            self.key, self.pixmap = key, pixmap
        return self.pixmap


def draw_items(painter: QPainter, items: list[TextItem]) -> None:
    for item in items:
        painter.setFont(item.font)
        painter.setPen(item.colour)
        painter.drawText(item.rect, item.flags, item.text)


class KioskPainter:
    """The cached layers of one kiosk window."""

    def __init__(self) -> None:
        self.layers = {name: Layer() for name in ("header", "status", "band", "card", "guide")}

    def header(
        self, painter: QPainter, screen: KioskScreen, items: list[TextItem], logo: QPixmap | None
    ) -> None:
        rect = QRectF(0, 0, screen.w, screen.header_h)
        key = (screen.w, screen.h, tuple(i.text for i in items))

        def render(p: QPainter) -> None:
            p.fillRect(rect, QColor(0, 0, 0))
            p.fillRect(QRectF(0, rect.bottom() - 2, rect.width(), 2), QColor(40, 46, 54))
            if logo is not None:
                box = screen.logo_rect()
                scaled = logo.scaled(
                    box.size().toSize(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                p.drawPixmap(QPointF(box.x(), box.y() + (box.height() - scaled.height()) / 2), scaled)
            draw_items(p, items)

        painter.drawPixmap(rect.topLeft(), self.layers["header"].get(key, rect, render, opaque=True))

    def status(self, painter: QPainter, screen: KioskScreen, status: Status) -> None:
        rect = screen.status_rect()
        key = (screen.w, screen.h, tuple((t, c.rgba()) for t, c in status.items))

        def render(p: QPainter) -> None:
            p.fillRect(rect, QColor(0, 0, 0))
            dot = screen.dot_size()
            p.setPen(Qt.PenStyle.NoPen)
            for item, colour in screen.status_items(status):
                if colour.alpha():
                    p.setBrush(colour)
                    p.drawEllipse(
                        QRectF(item.rect.x() - dot - screen.px(8), item.rect.center().y() - dot / 2, dot, dot)
                    )
            draw_items(p, [item for item, _ in screen.status_items(status)])

        painter.drawPixmap(rect.topLeft(), self.layers["status"].get(key, rect, render, opaque=True))

    def band(self, painter: QPainter, screen: KioskScreen, band: Band) -> None:
        rect = screen.band_rect(band)
        key = (screen.w, screen.h, band.title, band.subtitle, band.tone.rgba())

        def render(p: QPainter) -> None:
            p.fillRect(rect, band.tone)
            draw_items(p, screen.band_items(band))

        painter.drawPixmap(rect.topLeft(), self.layers["band"].get(key, rect, render))

    def card(self, painter: QPainter, screen: KioskScreen, card: Card) -> None:
        rect, _, _ = screen.card_geometry(card)
        key = (
            screen.w,
            screen.h,
            card.greeting,
            card.name,
            card.detail,
            card.colour.rgba(),
            card.late,
            card.not_you,
        )

        def render(p: QPainter) -> None:
            radius = screen.px(18)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(16, 22, 30, 240))
            p.drawRoundedRect(rect, radius, radius)
            p.setBrush(card.colour)
            p.drawRoundedRect(
                QRectF(rect.x(), rect.y(), screen.px(14) + radius, rect.height()), radius, radius
            )
            p.setBrush(QColor(16, 22, 30, 255))
            p.drawRect(QRectF(rect.x() + screen.px(14), rect.y(), radius, rect.height()))
            items = screen.card_items(card)
            for item in items:
                if item.name == "late":
                    p.setBrush(AMBER)
                    p.drawRoundedRect(item.rect, screen.px(8), screen.px(8))
            draw_items(p, items)

        painter.drawPixmap(rect.topLeft(), self.layers["card"].get(key, rect, render))

    def guide(self, painter: QPainter, screen: KioskScreen, band: Band) -> None:
        """The dashed oval (an antialiased dashed stroke is slow: drawn once into a pixmap)."""
        oval = screen.guide_rect(band)
        margin = screen.px(4)
        rect = oval.adjusted(-margin, -margin, margin, margin)
        key = (screen.w, screen.h, oval.x(), oval.y(), oval.width(), oval.height())

        def render(p: QPainter) -> None:
            pen = QPen(QColor(255, 255, 255, 150), screen.px(4))
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(oval)

        painter.drawPixmap(rect.topLeft(), self.layers["guide"].get(key, rect, render))

    def tracks(self, painter: QPainter, screen: KioskScreen, rects: list[tuple[TrackView, QRectF]]) -> None:
        for track, rect in rects:
            colour = STATE_COLOURS.get(track.state, QColor(200, 200, 200))
            painter.setPen(QPen(colour, screen.px(4)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 10, 10)
            label = screen.box_label(track, rect)
            if label is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(0, 0, 0, 190))
                painter.drawRoundedRect(label.rect, 8, 8)
                painter.setFont(label.font)
                painter.setPen(colour)
                painter.drawText(label.rect, label.flags, label.text)
