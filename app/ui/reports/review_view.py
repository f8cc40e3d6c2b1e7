"""The "Review queue" tab of the Reports page: the kiosk's doubtful decisions (small margin, near the
threshold, "Not me", liveness borderline, an unknown face seen again and again) with their scores, for HR
and admins to confirm or void. Everything goes through app/core/attendance/review_queue.py (permissions,
audit); roles without CORRECT_EVENTS see the list read-only."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.attendance.review_queue import ReviewQueue, ReviewRow
from app.core.policy.access import Action, Session
from app.ui.common.core_texts import core_text, describe_error, short_date
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("ReviewView", "When (UTC)"),
    QT_TRANSLATE_NOOP("ReviewView", "Why"),
    QT_TRANSLATE_NOOP("ReviewView", "Person"),
    QT_TRANSLATE_NOOP("ReviewView", "Score"),
    QT_TRANSLATE_NOOP("ReviewView", "Margin"),
    QT_TRANSLATE_NOOP("ReviewView", "Threshold"),
    QT_TRANSLATE_NOOP("ReviewView", "Liveness"),
    QT_TRANSLATE_NOOP("ReviewView", "Status"),
    QT_TRANSLATE_NOOP("ReviewView", "Face"),
)
STATUS_TEXT = {  # a review item's status (app/core/storage/review.py)
    "open": QT_TRANSLATE_NOOP("ReviewView", "open"),
    "confirmed": QT_TRANSLATE_NOOP("ReviewView", "confirmed"),
    "voided": QT_TRANSLATE_NOOP("ReviewView", "voided"),
}
THUMB_PX = 48


class ReviewView(QWidget):
    resolved = Signal(str)  # the review item's uuid, after a confirm or void

    def __init__(self, queue: ReviewQueue, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.session = session
        self.rows: list[ReviewRow] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "ReviewView",
                "Kiosk decisions worth a second look. Confirm keeps the decision; Void cancels its "
                "attendance event (the original is kept and the change is in the audit log). Voiding a "
                '"Not me" says the claim was wrong: its negative example is dropped.',
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("ReviewView", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.show_all = QCheckBox(translate("ReviewView", "Show decided items too"))
        self.show_all.toggled.connect(lambda _on: self.refresh())
        bar.addWidget(self.show_all)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(translate("ReviewView", "Note (optional)"))
        bar.addWidget(self.note_edit, 1)
        self.confirm_button = QPushButton(translate("ReviewView", "Confirm"))
        self.confirm_button.clicked.connect(lambda: self.resolve(False))
        self.void_button = QPushButton(translate("ReviewView", "Void"))
        self.void_button.clicked.connect(lambda: self.resolve(True))
        self.refresh_button = QPushButton(translate("ReviewView", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        for button in (self.confirm_button, self.void_button, self.refresh_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh()

    def set_session(self, session: Session) -> None:
        self.session = session
        self.refresh()

    @property
    def can_decide(self) -> bool:
        return self.session.can(Action.CORRECT_EVENTS)

    def refresh(self) -> None:
        try:
            self.rows = self.queue.rows(self.session, None if self.show_all.isChecked() else "open")
        except Exception as exc:
            self.rows = []
            self.status.setText(describe_error(exc))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            item = row.item
            locale = QLocale()
            status = translate("ReviewView", STATUS_TEXT.get(item.status, item.status))
            values = (
                f"{short_date(item.at_utc.date())} {item.at_utc:%H:%M:%S}",
                core_text(row.reason),
                row.person or translate("ReviewView", "(unknown face)"),
                locale.toString(item.similarity, "f", 3),
                locale.toString(item.margin, "f", 3),
                locale.toString(item.threshold, "f", 3),
                locale.toString(item.liveness_score, "f", 2),
                status
                if not item.resolved_by
                else translate("ReviewView", "{status} by {resolved_by}").format(
                    status=status, resolved_by=item.resolved_by
                ),
            )
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c >= 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, cell)
            self.table.setCellWidget(r, len(COLUMNS) - 1, self._thumbnail(item.thumbnail))
        self._update_buttons()

    @staticmethod
    def _thumbnail(data: bytes | None) -> QLabel:
        label = QLabel("")
        if data:
            image = QImage.fromData(data)
            if not image.isNull():
                label.setPixmap(QPixmap.fromImage(image).scaled(THUMB_PX, THUMB_PX))
        return label

    def selected(self) -> ReviewRow | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def select(self, item_uuid: str) -> None:
        for r, row in enumerate(self.rows):
            if row.item.uuid == item_uuid:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        row = self.selected()
        open_row = row is not None and row.item.status == "open"
        for button in (self.confirm_button, self.void_button):
            button.setVisible(self.can_decide)
            button.setEnabled(open_row)

    def resolve(self, void: bool) -> bool:
        row = self.selected()
        if row is None:
            return False
        note = self.note_edit.text()
        try:
            if void:
                self.queue.void(self.session, row.item.uuid, note)
            else:
                self.queue.confirm(self.session, row.item.uuid, note)
        except Exception as exc:
            self.status.setText(describe_error(exc))
            self.refresh()
            return False
        self.status.setText(
            translate("ReviewView", "Voided: the event no longer counts.")
            if void
            else translate("ReviewView", "Confirmed.")
        )
        self.note_edit.clear()
        self.resolved.emit(row.item.uuid)
        self.refresh()
        return True
