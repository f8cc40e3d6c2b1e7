"""The "Work schedule" tab of the Reports page: the default shift, named shifts assigned to departments or
groups, holidays and the report time zone. HR and admins (MANAGE_SCHEDULES) edit and save it; other roles
see it read-only. Only AppContext is called (work_schedule / save_work_schedule); validation messages come
from app/core/schedule/work_schedule.py and are shown inline."""

from __future__ import annotations

import logging
from datetime import date, time

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Session
from app.core.schedule.work_schedule import (
    NIGHT_HINT,
    WEEKDAY_NAMES,
    NamedShift,
    WorkSchedule,
    check_shift,
    format_time,
    format_weekdays,
    timezone_names,
)
from app.core.settings import Shift
from app.ui.access.dialogs import say
from app.ui.common.core_texts import core_text, date_pattern, describe_error, short_date, weekdays_text
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

SHIFT_COLUMNS = (
    QT_TRANSLATE_NOOP("ScheduleView", "Shift"),
    QT_TRANSLATE_NOOP("ScheduleView", "Hours"),
    QT_TRANSLATE_NOOP("ScheduleView", "Grace"),
    QT_TRANSLATE_NOOP("ScheduleView", "Weekdays"),
    QT_TRANSLATE_NOOP("ScheduleView", "Departments / groups"),
)
DEVICE_ZONE = QT_TRANSLATE_NOOP("ScheduleView", "(the zone the devices report)")
RESTART_NOTE = QT_TRANSLATE_NOOP(
    "ScheduleView",
    "Reports use a saved schedule at once; a kiosk that is already running uses it from its next start.",
)


class ShiftEditor(QWidget):
    """Start, end, grace and weekday checkboxes of one shift, with the night-shift hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_edit = QTimeEdit()
        self.end_edit = QTimeEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
            edit.setMinimumWidth(110)
            edit.timeChanged.connect(lambda _t: self._update_hint())
        self.grace_spin = QSpinBox()
        self.grace_spin.setRange(0, 720)
        self.grace_spin.setSuffix(translate("ShiftEditor", " min"))
        self.grace_spin.setMaximumWidth(140)
        self.day_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setSpacing(14)
        for name in WEEKDAY_NAMES:
            box = QCheckBox(core_text(name).capitalize())
            self.day_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.hint = QLabel("")
        self.hint.setObjectName("hint")  # one line: a wrapped label reserves height in the form
        self.margin = 240

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form  # ShiftDialog adds its name and groups rows here (aligned labels)
        hours = QHBoxLayout()
        hours.addWidget(self.start_edit)
        hours.addWidget(QLabel(translate("ShiftEditor", "to")))
        hours.addWidget(self.end_edit)
        hours.addStretch(1)
        form.addRow(translate("ShiftEditor", "Hours"), hours)
        form.addRow("", self.hint)
        form.addRow(translate("ShiftEditor", "Grace"), self.grace_spin)
        form.addRow(translate("ShiftEditor", "Weekdays"), days)
        self.set_shift(Shift())

    def set_shift(self, shift: Shift) -> None:
        self.start_edit.setTime(QTime(shift.start.hour, shift.start.minute))
        self.end_edit.setTime(QTime(shift.end.hour, shift.end.minute))
        self.grace_spin.setValue(shift.grace_minutes)
        for i, box in enumerate(self.day_boxes):
            box.setChecked(i in shift.weekdays)
        self.margin = shift.early_margin_minutes
        self._update_hint()

    def shift(self, name: str) -> Shift:
        start, end = self.start_edit.time(), self.end_edit.time()
        return Shift(
            name=name,
            start=time(start.hour(), start.minute()),
            end=time(end.hour(), end.minute()),
            grace_minutes=int(self.grace_spin.value()),
            weekdays=tuple(i for i, box in enumerate(self.day_boxes) if box.isChecked()),
            early_margin_minutes=self.margin,
        )

    def set_editable(self, editable: bool) -> None:
        for w in (self.start_edit, self.end_edit, self.grace_spin, *self.day_boxes):
            w.setEnabled(editable)

    def _update_hint(self) -> None:
        night = self.end_edit.time() <= self.start_edit.time()
        if night:
            self.hint.setText(
                translate("ShiftEditor", "Night shift: ends the next day, counted on the day it starts.")
            )
        else:
            self.hint.setText(
                translate("ShiftEditor", "Day shift ({NIGHT_HINT}).").format(NIGHT_HINT=core_text(NIGHT_HINT))
            )


class ShiftDialog(QDialog):
    """Add or edit a named shift and the departments / groups that work it."""

    def __init__(
        self, named: NamedShift | None, known_groups: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("ShiftDialog", "Edit shift") if named else translate("ShiftDialog", "Add shift")
        )
        self.setModal(True)
        self.setMinimumWidth(640)
        self.result_shift: NamedShift | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.editor = ShiftEditor()
        self.editor.set_shift(named.shift if named else Shift(name=""))
        self.name_edit = QLineEdit(named.name if named else "")
        self.name_edit.setPlaceholderText(translate("ShiftDialog", "e.g. Night"))
        self.editor.form.insertRow(0, translate("ShiftDialog", "Name"), self.name_edit)
        self.groups_edit = QLineEdit(", ".join(named.groups) if named else "")
        self.groups_edit.setPlaceholderText(
            translate("ShiftDialog", "departments or groups, separated by commas")
        )
        if known_groups:
            completer = QCompleter(known_groups, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.groups_edit.setCompleter(completer)
        self.editor.form.addRow(translate("ShiftDialog", "Worked by"), self.groups_edit)
        known = QLabel(
            translate("ShiftDialog", "Known: {0}").format(", ".join(known_groups))
            if known_groups
            else translate("ShiftDialog", "No departments or groups yet.")
        )
        known.setObjectName("hint")
        known.setWordWrap(True)
        self.editor.form.addRow("", known)
        layout.addWidget(self.editor)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(translate("ShiftDialog", "Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok_button = QPushButton(translate("ShiftDialog", "OK"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.try_accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

    def groups(self) -> list[str]:
        return [g.strip() for g in self.groups_edit.text().split(",") if g.strip()]

    def try_accept(self) -> bool:
        try:
            shift = check_shift(self.editor.shift(self.name_edit.text()))
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return False
        if not self.groups():
            say(
                self.message,
                translate("ShiftDialog", "Say which departments or groups work “{name}”.").format(
                    name=shift.name
                ),
                "fail",
            )
            return False
        self.result_shift = NamedShift(shift, self.groups())
        self.accept()
        return True


class ScheduleView(QWidget):
    """Edits a copy of ctx.work_schedule(); Save puts it in force (ctx.save_work_schedule), Cancel reverts."""

    saved = Signal(object)  # the changes (dict)

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.shifts: list[NamedShift] = []
        self.default_name = translate("ScheduleView", "Day")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(8)

        intro = QLabel(
            translate(
                "ScheduleView",
                "Shifts decide who is late and who is absent, in the reports and at the kiosk. People work "
                "the "
                "shift of their department (or else of their first group that has one), otherwise the "
                "default.",
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        default_box = QGroupBox(translate("ScheduleView", "Default shift"))
        default_layout = QVBoxLayout(default_box)
        self.default_editor = ShiftEditor()
        default_layout.addWidget(self.default_editor)

        shifts_box = QGroupBox(translate("ScheduleView", "Shifts by department or group"))
        shifts_layout = QHBoxLayout(shifts_box)
        self.table = QTableWidget(0, len(SHIFT_COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("ScheduleView", c) for c in SHIFT_COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(100)
        self.table.doubleClicked.connect(lambda _i: self.edit_shift())
        shifts_layout.addWidget(self.table)
        row = QVBoxLayout()
        self.add_shift_button = QPushButton(translate("ScheduleView", "Add shift…"))
        self.edit_shift_button = QPushButton(translate("ScheduleView", "Edit…"))
        self.remove_shift_button = QPushButton(translate("ScheduleView", "Remove"))
        self.remove_shift_button.setObjectName("danger")
        self.add_shift_button.clicked.connect(lambda: self.edit_shift(new=True))
        self.edit_shift_button.clicked.connect(lambda: self.edit_shift())
        self.remove_shift_button.clicked.connect(self.remove_shift)
        for b in (self.add_shift_button, self.edit_shift_button, self.remove_shift_button):
            row.addWidget(b)
        row.addStretch(1)
        shifts_layout.addLayout(row)

        holidays_box = QGroupBox(translate("ScheduleView", "Holidays (no absences are counted)"))
        holidays_layout = QVBoxLayout(holidays_box)
        self.holiday_list = QListWidget()
        self.holiday_list.setMinimumHeight(80)
        self.holiday_list.setMaximumHeight(100)
        holidays_layout.addWidget(self.holiday_list)
        hrow = QHBoxLayout()
        self.holiday_edit = QDateEdit(QDate.currentDate())
        self.holiday_edit.setCalendarPopup(True)
        self.holiday_edit.setDisplayFormat(date_pattern())
        self.holiday_edit.setMinimumWidth(140)
        self.holiday_edit.setObjectName("holidayDate")
        self.add_holiday_button = QPushButton(translate("ScheduleView", "Add date"))
        self.remove_holiday_button = QPushButton(translate("ScheduleView", "Remove"))
        self.add_holiday_button.clicked.connect(self.add_holiday)
        self.remove_holiday_button.clicked.connect(self.remove_holiday)
        for w in (self.holiday_edit, self.add_holiday_button, self.remove_holiday_button):
            hrow.addWidget(w)
        hrow.addStretch(1)
        holidays_layout.addLayout(hrow)

        zone_layout = QHBoxLayout()
        zone_layout.addWidget(QLabel(translate("ScheduleView", "Time zone of the shifts and reports")))
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_box.addItem(translate("ScheduleView", DEVICE_ZONE), "")
        for name in timezone_names():
            self.zone_box.addItem(name, name)
        self.zone_box.setMinimumWidth(320)
        self.zone_box.setMaximumWidth(420)
        completer = self.zone_box.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zone_layout.addWidget(self.zone_box)
        zone_layout.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(default_box, 0, 0)
        grid.addWidget(holidays_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout.addLayout(zone_layout)
        layout.addLayout(grid)
        layout.addWidget(shifts_box, 1)

        actions = QHBoxLayout()
        self.save_button = QPushButton(translate("ScheduleView", "Save schedule"))
        self.save_button.setObjectName("primary")
        self.cancel_button = QPushButton(translate("ScheduleView", "Cancel changes"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.revert)
        actions.addWidget(self.save_button)
        actions.addWidget(self.cancel_button)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        actions.addWidget(self.message, 1)
        outer.addLayout(actions)  # outside the scroll area: Save is always in sight
        self.note = QLabel(translate("ScheduleView", RESTART_NOTE))
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)

        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.holiday_list.itemSelectionChanged.connect(self._update_buttons)
        self.revert()
        self.set_session(session)

    # --- loading and reading the form ------------------------------------------------------------
    def revert(self) -> None:
        """Show the schedule in force (Cancel)."""
        self.load(self.ctx.work_schedule())
        say(self.message, "", "info")

    def load(self, schedule: WorkSchedule) -> None:
        self.default_name = schedule.default_shift.name
        self.default_editor.set_shift(schedule.default_shift)
        self.shifts = [NamedShift(n.shift, list(n.groups)) for n in schedule.shifts]
        self._fill_table()
        self.holiday_list.clear()
        for day in sorted(schedule.holidays):
            self._add_holiday_item(day)
        self.set_timezone(schedule.timezone)
        self._update_buttons()

    def set_timezone(self, name: str) -> None:
        index = self.zone_box.findData(name)
        if index >= 0:
            self.zone_box.setCurrentIndex(index)
        else:
            self.zone_box.setEditText(name)

    def timezone(self) -> str:
        text = self.zone_box.currentText().strip()
        return "" if text in ("", DEVICE_ZONE, translate("ScheduleView", DEVICE_ZONE)) else text

    def holidays(self) -> list[date]:
        out = []
        for i in range(self.holiday_list.count()):
            value = self.holiday_list.item(i).data(Qt.ItemDataRole.UserRole)
            assert isinstance(value, date)
            out.append(value)
        return out

    def schedule(self) -> WorkSchedule:
        """The schedule as edited (not yet validated)."""
        return WorkSchedule(
            self.default_editor.shift(self.default_name),
            [NamedShift(n.shift, list(n.groups)) for n in self.shifts],
            self.holidays(),
            self.timezone(),
        )

    # --- named shifts ----------------------------------------------------------------------------
    def _fill_table(self) -> None:
        self.table.setRowCount(0)
        for named in self.shifts:
            s = named.shift
            night = translate("ScheduleView", " (night)") if s.end <= s.start else ""
            cells = [
                s.name,
                f"{format_time(s.start)}–{format_time(s.end)}{night}",
                translate("ScheduleView", "{grace_minutes} min").format(grace_minutes=s.grace_minutes),
                weekdays_text(format_weekdays(s.weekdays)),
                ", ".join(named.groups),
            ]
            r = self.table.rowCount()
            self.table.insertRow(r)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._update_buttons()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def known_groups(self) -> list[str]:
        names: set[str] = set()
        for p in self.ctx.list_persons():
            names.update(n for n in (p.department, *p.groups) if n)
        return sorted(names, key=str.casefold)

    def shift_dialog(self, new: bool = False) -> ShiftDialog | None:
        row = None if new else self.selected_row()
        if not new and row is None:
            return None
        named = None if row is None else self.shifts[row]
        return ShiftDialog(named, self.known_groups(), self)

    def edit_shift(self, new: bool = False) -> None:
        dialog = self.shift_dialog(new)
        if dialog is None:
            say(self.message, translate("ScheduleView", "Select the shift to edit."), "fail")
            return
        row = None if new else self.selected_row()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.put_shift(dialog.result_shift, row)

    def put_shift(self, named: NamedShift | None, row: int | None) -> None:
        """Add (row None) or replace a named shift in the edited schedule (saved with Save)."""
        if named is None:
            return
        if row is None:
            self.shifts.append(named)
        else:
            self.shifts[row] = named
        self._fill_table()
        say(self.message, translate("ScheduleView", "Not saved yet: press “Save schedule”."), "info")

    def remove_shift(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        del self.shifts[row]
        self._fill_table()
        say(self.message, translate("ScheduleView", "Not saved yet: press “Save schedule”."), "info")

    # --- holidays --------------------------------------------------------------------------------
    def _add_holiday_item(self, day: date) -> None:
        item = QListWidgetItem(f"{short_date(day)}  ({QLocale().dayName(day.isoweekday())})")
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.holiday_list.addItem(item)

    def add_holiday(self, day: date | None = None) -> None:
        if day is None or not isinstance(day, date):
            value = self.holiday_edit.date().toPython()
            assert isinstance(value, date)
            day = value
        days = set(self.holidays())
        if day in days:
            say(
                self.message,
                translate("ScheduleView", "{0} is already a holiday.").format(short_date(day)),
                "info",
            )
            return
        self.holiday_list.clear()
        for d in sorted(days | {day}):
            self._add_holiday_item(d)
        say(self.message, translate("ScheduleView", "Not saved yet: press “Save schedule”."), "info")

    def remove_holiday(self) -> None:
        for item in self.holiday_list.selectedItems():
            self.holiday_list.takeItem(self.holiday_list.row(item))
        self._update_buttons()

    # --- saving ----------------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.session = session
        self._update_buttons()

    @property
    def editable(self) -> bool:
        return self.session.can(Action.MANAGE_SCHEDULES)

    def _update_buttons(self) -> None:
        editable = self.editable
        self.default_editor.set_editable(editable)
        for w in (
            self.add_shift_button,
            self.holiday_edit,
            self.add_holiday_button,
            self.zone_box,
            self.save_button,
            self.cancel_button,
        ):
            w.setEnabled(editable)
        self.edit_shift_button.setEnabled(editable and self.selected_row() is not None)
        self.remove_shift_button.setEnabled(editable and self.selected_row() is not None)
        self.remove_holiday_button.setEnabled(editable and bool(self.holiday_list.selectedItems()))
        if not editable:
            self.note.setText(
                translate(
                    "ScheduleView", "Only HR and administrators can change the work schedule. {RESTART_NOTE}"
                ).format(RESTART_NOTE=translate("ScheduleView", RESTART_NOTE))
            )
        else:
            self.note.setText(translate("ScheduleView", RESTART_NOTE))

    def save(self) -> bool:
        try:
            changes = self.ctx.save_work_schedule(self.session, self.schedule())
        except FaceAttendError as exc:
            say(self.message, translate("ScheduleView", "Not saved: {0}").format(describe_error(exc)), "fail")
            return False
        self.load(self.ctx.work_schedule())
        if changes:
            say(
                self.message,
                translate("ScheduleView", "Saved ({0} changed; recorded in the audit log).").format(
                    ", ".join(changes)
                ),
                "pass",
            )
            self.saved.emit(changes)
        else:
            say(self.message, translate("ScheduleView", "Nothing changed."), "info")
        return True


__all__ = ["ScheduleView", "ShiftDialog", "ShiftEditor"]
