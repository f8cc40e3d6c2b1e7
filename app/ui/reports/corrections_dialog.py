"""HR corrections of the attendance log (issue 7): add a missed event, edit an event's time or direction, void
a wrong one — always with a reason. The original event is never changed in place: the store keeps it
(voided) next to its "manual" replacement, and the audit log records who, what and why. Only AppContext is
called (it applies the correction through app/core/reports/store_source.py)."""

from __future__ import annotations

import logging
import os
import uuid as uuid_mod
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
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
from app.core.policy.access import Action, Session
from app.core.records import AttendanceEvent, Correction, CorrectionAction, Direction
from app.core.reports import CorrectionError
from app.core.schedule.shifts import is_night, shift_for, working_day
from app.core.settings import Shift
from app.ui.access.dialogs import say
from app.ui.common.core_texts import date_pattern, describe_error, local_text, short_date
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

EVENT_COLUMNS = (
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Local time"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Working day"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Direction"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Source"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Device"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Status"),
    QT_TRANSLATE_NOOP("CorrectionsDialog", "Last correction"),
)
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_WORDS = {  # an event's direction and source (app/core/records.AttendanceEvent)
    "in": QT_TRANSLATE_NOOP("CorrectionsDialog", "in"),
    "out": QT_TRANSLATE_NOOP("CorrectionsDialog", "out"),
    "kiosk": QT_TRANSLATE_NOOP("CorrectionsDialog", "kiosk"),
    "manual": QT_TRANSLATE_NOOP("CorrectionsDialog", "manual"),
    "import": QT_TRANSLATE_NOOP("CorrectionsDialog", "import"),
    "sync": QT_TRANSLATE_NOOP("CorrectionsDialog", "sync"),
}
REASON_REQUIRED = QT_TRANSLATE_NOOP(
    "CorrectionsDialog",
    "A reason is required: say why the attendance log is corrected (e.g. “forgot to check out, confirmed by "
    "the team lead”). It is kept with the correction and in the audit log.",
)


def zone_of(name: str) -> tzinfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def system_zone_name() -> str:
    """The system's IANA zone name (TZ, or the /etc/localtime link), else "UTC"."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name or "UTC"


class CorrectionsDialog(QDialog):
    """Pick a person and a period; select an event; give a reason; Add / Apply edit / Void."""

    corrected = Signal(object)  # CorrectionEffect

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.events: list[AttendanceEvent] = []
        self.setWindowTitle(translate("CorrectionsDialog", "FaceAttend — Attendance corrections"))
        self.setMinimumSize(900, 620)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        heading = QLabel(translate("CorrectionsDialog", "Attendance corrections"))
        heading.setObjectName("h1")
        layout.addWidget(heading)
        intro = QLabel(
            translate(
                "CorrectionsDialog",
                "Corrections never overwrite the log: an edited or voided event is kept (marked void) next "
                "to "
                "its manual replacement, and every correction is recorded with its reason in the audit log.",
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        filters = QHBoxLayout()
        self.person_box = QComboBox()
        self.person_box.setMinimumWidth(260)
        for p in sorted(ctx.list_persons(), key=lambda p: p.name.casefold()):
            self.person_box.addItem(f"{p.name} ({p.external_id})", p.uuid)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-6))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_pattern())
            edit.dateChanged.connect(lambda _d: self.reload())
        for label, widget in (
            (translate("CorrectionsDialog", "Person"), self.person_box),
            (translate("CorrectionsDialog", "From"), self.from_edit),
            (translate("CorrectionsDialog", "To"), self.to_edit),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.day_hint = QLabel("")
        self.day_hint.setObjectName("hint")
        self.day_hint.setWordWrap(True)
        self.day_hint.hide()
        layout.addWidget(self.day_hint)

        self.model = QStandardItemModel(0, len(EVENT_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([translate("CorrectionsDialog", c) for c in EVENT_COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        box = QGroupBox(translate("CorrectionsDialog", "Correction"))
        form = QFormLayout(box)
        self.time_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.time_edit.setDisplayFormat(date_pattern() + " HH:mm")
        self.time_edit.setCalendarPopup(True)
        self.direction_box = QComboBox()
        self.direction_box.addItem(translate("CorrectionsDialog", "in"), Direction.IN.value)
        self.direction_box.addItem(translate("CorrectionsDialog", "out"), Direction.OUT.value)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            translate("CorrectionsDialog", "Required: why is the log corrected?")
        )
        self.zone_label = QLabel("")
        self.zone_label.setObjectName("hint")
        form.addRow(translate("CorrectionsDialog", "Local time"), self.time_edit)
        form.addRow(translate("CorrectionsDialog", "Direction"), self.direction_box)
        form.addRow(translate("CorrectionsDialog", "Reason"), self.reason_edit)
        form.addRow("", self.zone_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(translate("CorrectionsDialog", "Add event"))
        self.edit_button = QPushButton(translate("CorrectionsDialog", "Apply edit to selected"))
        self.void_button = QPushButton(translate("CorrectionsDialog", "Void selected"))
        self.void_button.setObjectName("danger")
        for b in (self.add_button, self.edit_button, self.void_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton(translate("CorrectionsDialog", "Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        form.addRow(buttons)
        layout.addWidget(box)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)  # room for two lines: the form does not jump when it appears
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add_event)
        self.edit_button.clicked.connect(self.edit_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.person_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        allowed = session.can(Action.CORRECT_EVENTS)
        for b in (self.add_button, self.edit_button, self.void_button):
            b.setEnabled(allowed)
        self.reload()

    # --- data ------------------------------------------------------------------------------------
    def set_period(self, start: date, end: date) -> None:
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def select_person(self, person_uuid: str) -> None:
        index = self.person_box.findData(person_uuid)
        if index >= 0:
            self.person_box.setCurrentIndex(index)

    def person_uuid(self) -> str | None:
        data = self.person_box.currentData()
        return str(data) if data else None

    def zone(self) -> tzinfo:
        return zone_of(self.zone_name())

    def zone_name(self) -> str:
        """The zone events are entered in: the selected event's, the person's last event's, the configured
        device/report zone, else UTC."""
        event = self.selected_event()
        if event is not None:
            return event.tz_name
        if self.events:
            return self.events[-1].tz_name
        s = self.ctx.settings
        return s.attendance.timezone or s.reports.timezone or system_zone_name()

    def reload(self) -> None:
        person = self.person_uuid()
        self.model.setRowCount(0)
        self.events = []
        if person is None:
            self._update()
            return
        start_d, end_d = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        assert isinstance(start_d, date) and isinstance(end_d, date)
        shift = self.shift()
        # Events are listed by the person's WORKING day (schedule/shifts.py), as the reports count them: a
        # night shift's 06:10 check-out belongs to the day the shift started. A local day may start up to
        # 14 h before/after UTC midnight, and a night's working day runs into the next afternoon: widen the
        # query by a day before and two after.
        start = datetime.combine(start_d - timedelta(days=1), time(0), UTC)
        end = datetime.combine(end_d + timedelta(days=3), time(0), UTC)
        try:
            events = self.ctx.list_events(person, start, end, include_voided=True)
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return
        report_zone = self.ctx.settings.reports.timezone
        for e in events:
            local = e.at_utc.astimezone(zone_of(e.tz_name))
            day = working_day(e.at_utc, zone_of(report_zone or e.tz_name), shift)
            if not start_d <= day <= end_d:
                continue
            self.events.append(e)
            fixes = self.ctx.event_corrections(e.uuid)
            last = f"{fixes[-1].actor}: {fixes[-1].reason}" if fixes else ""
            cells = [
                local_text(local),
                f"{QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} {short_date(day)}",
                translate("CorrectionsDialog", EVENT_WORDS.get(e.direction.value, e.direction.value)),
                translate("CorrectionsDialog", EVENT_WORDS.get(e.source, e.source)),
                e.device_id,
                translate("CorrectionsDialog", "void")
                if e.voided
                else translate("CorrectionsDialog", "counts"),
                last,
            ]
            row = [QStandardItem(c) for c in cells]
            row[0].setData(e.uuid, EVENT_ROLE)
            if e.voided:
                for item in row:
                    item.setForeground(QBrush(QColor("#9aa0a6")))
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
            elif e.source == "manual":
                row[3].setForeground(QBrush(QColor("#1d4ea8")))
            self.model.appendRow(row)
        self.table.resizeColumnsToContents()
        self._update()

    def shift(self) -> Shift:
        """The selected person's shift (department / group / default, from the work schedule)."""
        uuid = self.person_uuid()
        person = self.ctx.get_person(uuid) if uuid else None
        shift = shift_for(person, self.ctx.settings.reports)
        if is_night(shift):
            self.day_hint.setText(
                translate(
                    "CorrectionsDialog",
                    "{name} shift {start:%H:%M}–{end:%H:%M}: events are listed by working day, so a "
                    "check-out after midnight is shown with the day the shift started.",
                ).format(name=shift.name, start=shift.start, end=shift.end)
            )
        self.day_hint.setVisible(is_night(shift))
        return shift

    def selected_event(self) -> AttendanceEvent | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        uuid = rows[0].data(EVENT_ROLE)
        return next((e for e in self.events if e.uuid == uuid), None)

    def select_event(self, event_uuid: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.index(r, 0).data(EVENT_ROLE) == event_uuid:
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        event = self.selected_event()
        if event is not None:
            local = event.at_utc.astimezone(zone_of(event.tz_name))
            self.time_edit.setDateTime(
                QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
            )
            self.direction_box.setCurrentIndex(self.direction_box.findData(event.direction.value))
        self._update()

    def _update(self) -> None:
        event = self.selected_event()
        can_change = event is not None and not event.voided and self.session.can(Action.CORRECT_EVENTS)
        self.edit_button.setEnabled(can_change)
        self.void_button.setEnabled(can_change)
        self.add_button.setEnabled(self.person_uuid() is not None and self.session.can(Action.CORRECT_EVENTS))
        self.zone_label.setText(
            translate("CorrectionsDialog", "Times are local to {0}.").format(self.zone_name())
        )

    # --- corrections -----------------------------------------------------------------------------
    def entered_time_utc(self) -> datetime:
        value = self.time_edit.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.replace(second=0, microsecond=0, tzinfo=self.zone()).astimezone(UTC)

    def _reason(self) -> str | None:
        reason = " ".join(self.reason_edit.text().split())
        if not reason:
            say(self.message, translate("CorrectionsDialog", REASON_REQUIRED), "fail")
            self.reason_edit.setFocus()
            return None
        return reason

    def add_event(self) -> bool:
        person, reason = self.person_uuid(), self._reason()
        if person is None or reason is None:
            return False
        return self._apply(
            CorrectionAction.ADD,
            reason,
            person_uuid=person,
            at_utc=self.entered_time_utc(),
            direction=Direction(self.direction_box.currentData()),
            tz_name=self.zone_name(),
        )

    def edit_selected(self) -> bool:
        event, reason = self.selected_event(), self._reason()
        if event is None or reason is None:
            if event is None:
                say(self.message, translate("CorrectionsDialog", "Select the event to edit."), "fail")
            return False
        at_utc = self.entered_time_utc()
        direction = Direction(self.direction_box.currentData())
        if at_utc == event.at_utc.replace(second=0, microsecond=0) and direction == event.direction:
            say(
                self.message,
                translate("CorrectionsDialog", "Change the time or the direction first."),
                "fail",
            )
            return False
        return self._apply(
            CorrectionAction.EDIT, reason, target=event.uuid, at_utc=at_utc, direction=direction
        )

    def void_selected(self) -> bool:
        event, reason = self.selected_event(), self._reason()
        if event is None or reason is None:
            if event is None:
                say(self.message, translate("CorrectionsDialog", "Select the event to void."), "fail")
            return False
        return self._apply(CorrectionAction.VOID, reason, target=event.uuid)

    def _apply(
        self,
        action: CorrectionAction,
        reason: str,
        target: str | None = None,
        person_uuid: str | None = None,
        at_utc: datetime | None = None,
        direction: Direction | None = None,
        tz_name: str | None = None,
    ) -> bool:
        correction = Correction(
            uuid=str(uuid_mod.uuid4()),
            action=action,
            reason=reason,
            actor=self.session.name,
            created_at_utc=datetime.now(UTC),
            target_event_uuid=target,
            person_uuid=person_uuid,
            at_utc=at_utc,
            direction=direction,
            tz_name=tz_name,
        )
        try:
            effect = self.ctx.correct_event(correction, self.session)
        except (FaceAttendError, CorrectionError, ValueError) as exc:
            text = describe_error(exc) if isinstance(exc, FaceAttendError) else str(exc)
            say(
                self.message,
                translate("CorrectionsDialog", "Not corrected: {text}").format(text=text),
                "fail",
            )
            return False
        words = {
            CorrectionAction.ADD: "added",
            CorrectionAction.EDIT: "edited",
            CorrectionAction.VOID: "voided",
        }
        kept = (
            ""
            if action is CorrectionAction.ADD
            else translate("CorrectionsDialog", " (the original is kept, marked void)")
        )
        say(
            self.message,
            translate("CorrectionsDialog", "Event {0}{kept}. Reason recorded: {reason}").format(
                words[action], kept=kept, reason=reason
            ),
            "pass",
        )
        self.reason_edit.clear()
        self.reload()
        added = effect.correction.new_event_uuid
        if added:
            self.select_event(added)
        self.corrected.emit(effect)
        return True
