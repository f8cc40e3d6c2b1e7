"""The Audit page (admins): the audit log, filtered and read a page at a time, with "Verify chain" run off
the UI thread and the first bad entry highlighted."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, AuditFilter, Session
from app.core.records import AuditEntry
from app.ui.access.dialogs import say
from app.ui.common.background import run_in_background
from app.ui.common.core_texts import date_pattern, describe_error
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SHOW_PAGES_MAX = 25  # "Verify" loads at most this many more pages to show the first bad entry


# --- Audit page --------------------------------------------------------------------------------------
def _details_text(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=str)


class AuditModel(QAbstractTableModel):
    """Audit entries newest first, fetched PAGE_SIZE at a time as the view scrolls (canFetchMore /
    fetchMore with keyset paging: the query never reads the rows already shown)."""

    COLUMNS = (
        "#",
        QT_TRANSLATE_NOOP("AuditModel", "Time (UTC)"),
        QT_TRANSLATE_NOOP("AuditModel", "Actor"),
        QT_TRANSLATE_NOOP("AuditModel", "Action"),
        QT_TRANSLATE_NOOP("AuditModel", "Details"),
    )

    def __init__(
        self, fetch: Callable[[int | None, int], list[AuditEntry]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.entries: list[AuditEntry] = []
        self.exhausted = False
        self.bad_id: int | None = None
        self.error = ""

    def reset(self, fetch: Callable[[int | None, int], list[AuditEntry]] | None = None) -> None:
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self.entries = []
        self.exhausted = False
        self.error = ""
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("AuditModel", self.COLUMNS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                str(entry.id),
                f"{entry.at_utc:%Y-%m-%d %H:%M:%S}",
                entry.actor,
                entry.action,
                _details_text(entry.details),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and self.bad_id is not None and entry.id == self.bad_id:
            return QBrush(QColor("#fdecea"))
        if role == Qt.ItemDataRole.ForegroundRole and self.bad_id is not None and entry.id == self.bad_id:
            return QBrush(QColor("#b3261e"))
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self.exhausted:
            return
        before = self.entries[-1].id if self.entries else None
        try:
            page = self._fetch(before, PAGE_SIZE)
        except FaceAttendError as exc:
            self.exhausted = True
            self.error = describe_error(exc)
            return
        if len(page) < PAGE_SIZE:
            self.exhausted = True
        if not page:
            return
        start = len(self.entries)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self.entries.extend(page)
        self.endInsertRows()

    def row_of(self, entry_id: int) -> int | None:
        for row, entry in enumerate(self.entries):
            if entry.id == entry_id:
                return row
        return None

    def mark_bad(self, entry_id: int | None) -> None:
        self.bad_id = entry_id
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, len(self.COLUMNS) - 1))


class AuditView(QWidget):
    """The audit log, read-only: text / actor / date filters (UTC days), newest first, and "Verify chain"
    (the same check as `faceattend audit verify`, in a worker thread)."""

    verified = Signal(object)  # AuditVerdict | Exception, once shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        self.verdict: Any = None
        self.verifying = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        bar = QHBoxLayout()
        bar.setSpacing(10)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate("AuditView", "Search…"))
        self.text_edit.setToolTip(translate("AuditView", "Text in the actor, the action or the details"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(220)
        bar.addWidget(self.text_edit, 2)
        self.actor_box = QComboBox()
        self.actor_box.setMinimumWidth(170)
        self.actor_box.addItem(translate("AuditView", "All actors"), "")
        bar.addWidget(self.actor_box, 1)
        today = QDate.currentDate()
        self.from_check = QCheckBox(translate("AuditView", "From"))
        self.from_date = self._date_edit(today.addDays(-30))
        self.to_check = QCheckBox(translate("AuditView", "To"))
        self.to_date = self._date_edit(today)
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            bar.addWidget(w)
        layout.addLayout(bar)

        verify_row = QHBoxLayout()
        verify_row.setSpacing(14)
        self.verify_button = QPushButton(translate("AuditView", "Verify chain"))
        self.verify_button.setObjectName("primary")
        self.verify_button.setToolTip(
            translate("AuditView", "Check the hash chain, its head and the keyring seal of the whole log")
        )
        verify_row.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)
        self.verify_message = QLabel(
            translate(
                "AuditView",
                "The log is append-only and hash-chained; “Verify chain” finds any entry edited or removed.",
            )
        )
        self.verify_message.setObjectName("message")
        self.verify_message.setWordWrap(True)
        self.verify_message.setMinimumHeight(44)
        verify_row.addWidget(self.verify_message, 1)
        layout.addLayout(verify_row)

        self.model = AuditModel(self._fetch, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        for col, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
            )
        ):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(2, 140)
        header.resizeSection(3, 170)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.reload)
        self.text_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.actor_box.currentIndexChanged.connect(lambda _i: self.reload())
        for check in (self.from_check, self.to_check):
            check.toggled.connect(lambda _on: self.reload())
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.verify_button.clicked.connect(self.verify)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.model.modelReset.connect(self._update_count)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_pattern())
        edit.setMinimumWidth(130)
        return edit

    def set_session(self, session: Session) -> None:
        self.session = session
        if self.isVisible() or not session.can(Action.VIEW_AUDIT):
            self.refresh()

    # --- reading ---
    def audit_filter(self) -> AuditFilter:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        start = datetime.combine(day(self.from_date), time.min, UTC) if self.from_check.isChecked() else None
        end = (
            datetime.combine(day(self.to_date) + timedelta(days=1), time.min, UTC)
            if self.to_check.isChecked()
            else None
        )
        return AuditFilter(self.text_edit.text().strip(), str(self.actor_box.currentData() or ""), start, end)

    def _fetch(self, before_id: int | None, limit: int) -> list[AuditEntry]:
        if self.session is None or not self.session.can(Action.VIEW_AUDIT):
            return []
        return self.ctx.audit_page(self.session, self.audit_filter(), before_id, limit)

    def refresh(self) -> None:
        """Reload the actors and the first page (the page was shown or the session changed)."""
        if self.session is None:
            return
        if not self.session.can(Action.VIEW_AUDIT):
            self.model.reset()  # nothing of the log stays in a page the role may not open
            self.model.exhausted = True
            self.model.mark_bad(None)
            self.verify_message.clear()
            return
        try:
            actors = self.ctx.audit_actors(self.session)
        except FaceAttendError as exc:
            say(self.verify_message, describe_error(exc), "fail")
            actors = []
        current = str(self.actor_box.currentData() or "")
        self.actor_box.blockSignals(True)
        self.actor_box.clear()
        self.actor_box.addItem(translate("AuditView", "All actors"), "")
        for actor in actors:
            self.actor_box.addItem(actor, actor)
        self.actor_box.setCurrentIndex(max(self.actor_box.findData(current), 0))
        self.actor_box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self._debounce.stop()
        self.model.reset()
        self.model.fetchMore()
        if self.model.error:
            say(self.verify_message, self.model.error, "fail")

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        more = translate("AuditView", " — scroll for older entries") if not self.model.exhausted else ""
        self.count_label.setText(
            (
                translate("AuditView", "1 entry shown{more}.")
                if shown == 1
                else translate("AuditView", "{shown} entries shown, newest first{more}.")
            ).format(shown=shown, more=more)
        )

    # --- verifying (off the UI thread) ---
    def verify(self) -> bool:
        if self.session is None or self.verifying:
            return False
        self.verifying = True
        self.verify_button.setEnabled(False)
        say(self.verify_message, translate("AuditView", "Verifying the whole audit log…"), "info")
        session, ctx = self.session, self.ctx
        # a failure is shown on the page (and logged); a page closed meanwhile gets nothing
        run_in_background(lambda: ctx.verify_audit(session), self._verified, self._verified, parent=self)
        return True

    def _verified(self, result: Any) -> None:
        self.verifying = False
        self.verify_button.setEnabled(True)
        self.verdict = result
        if isinstance(result, Exception):
            say(
                self.verify_message,
                translate("AuditView", "Verification failed: {0}").format(describe_error(result)),
                "fail",
            )
            self.model.mark_bad(None)
        elif result.ok:
            say(
                self.verify_message,
                translate(
                    "AuditView",
                    "Audit log OK: {checked} entries, chain and head intact (keyring seal: {seal}).",
                ).format(checked=result.checked, seal=result.seal),
                "pass",
            )
            self.model.mark_bad(None)
        else:
            bad = result.first_bad_id
            prefix = translate("AuditView", "entry #{bad}: ").format(bad=bad)
            problems = "; ".join(p.removeprefix(prefix) for p in result.problems[:3])
            first = (
                translate("AuditView", "first bad entry #{bad} (highlighted below)").format(bad=bad)
                if bad
                else translate("AuditView", "the log")
            )
            self.reload()  # show the rows as they are now, not as they were read before the check
            say(
                self.verify_message,
                translate("AuditView", "Audit log TAMPERED — {first}: {problems}").format(
                    first=first, problems=problems
                ),
                "fail",
            )
            self.model.mark_bad(bad)
            self.show_entry(bad)
        self.verified.emit(result)

    def show_entry(self, entry_id: int | None) -> bool:
        """Scroll to an entry and make it the current row, loading older pages up to SHOW_PAGES_MAX more
        to reach it (the filter may hide it; then False)."""
        if entry_id is None:
            return False
        row = self.model.row_of(entry_id)
        for _ in range(SHOW_PAGES_MAX):
            if row is not None or not self.model.canFetchMore() or not self.model.entries:
                break
            if self.model.entries[-1].id < entry_id:
                break
            self.model.fetchMore()
            row = self.model.row_of(entry_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.clearSelection()  # the red highlight stays visible (a selection would paint over it)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True
