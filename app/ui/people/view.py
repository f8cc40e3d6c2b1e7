"""People: search, edit, re-enrol, deactivate/activate, GDPR erasure (with a confirmation that says what is
kept and why), GDPR data export, bulk import. Buttons follow the signed-in role."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext, PersonSummary
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Session
from app.core.records import Person
from app.ui.common.core_texts import describe_error, local_text
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("PeopleView", "Name"),
    QT_TRANSLATE_NOOP("PeopleView", "ID"),
    QT_TRANSLATE_NOOP("PeopleView", "Department"),
    QT_TRANSLATE_NOOP("PeopleView", "Status"),
    QT_TRANSLATE_NOOP("PeopleView", "Quality"),
    QT_TRANSLATE_NOOP("PeopleView", "Frames"),
    QT_TRANSLATE_NOOP("PeopleView", "Enrolled"),
)
ERASED_NAME = "[erased]"  # the name a pseudonymised (erased) person's row keeps

ERASE_TEXT = QT_TRANSLATE_NOOP(
    "PeopleView",
    "Erase {name} (ID {ident})?\n\n"
    "Deleted now, here and (through sync) on the cloud and every kiosk: the face template{s}, any face "
    "image, the name, employee ID, department, groups and consent.\n\n"
    "{kept}\n\n"
    "The audit log keeps the fact that an erasure happened (by uuid, without the name). "
    "This cannot be undone.",
)
KEPT_PSEUDONYMISED = QT_TRANSLATE_NOOP(
    "PeopleView",
    "Kept: their attendance records, under an anonymous “[erased]” entry, because working-time records "
    "must be kept for the legal period (GDPR art. 17(3)(b)); they are removed with the normal attendance "
    "retention. Export the report for the current pay period first.",
)
KEPT_DELETED = QT_TRANSLATE_NOOP(
    "PeopleView", "Their attendance records are deleted too (the erasure setting is “delete”)."
)
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def quality_colour(quality: float) -> QColor:
    if quality >= 0.6:
        return QColor("#1e9e4a")
    if quality >= 0.4:
        return QColor("#b07900")
    return QColor("#d93025")


class EditPersonDialog(QDialog):
    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("EditPersonDialog", "Edit {name}").format(name=person.name))
        self.person = person
        layout = QFormLayout(self)
        self.name = QLineEdit(person.name)
        self.external_id = QLineEdit(person.external_id)
        self.department = QLineEdit(person.department)
        self.groups = QLineEdit(", ".join(person.groups))
        layout.addRow(translate("EditPersonDialog", "Name"), self.name)
        layout.addRow(translate("EditPersonDialog", "ID"), self.external_id)
        layout.addRow(translate("EditPersonDialog", "Department"), self.department)
        layout.addRow(translate("EditPersonDialog", "Groups"), self.groups)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def edited(self) -> Person:
        p = self.person
        groups = [g.strip() for g in self.groups.text().split(",") if g.strip()]
        return Person(
            p.uuid, self.external_id.text(), self.name.text(), self.department.text().strip(),
            groups, p.consent_at, p.consent_by, p.active,
        )  # fmt: skip


class PeopleView(QWidget):
    reenrol_requested = Signal(object)  # Person
    import_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None  # set by the main window; None: nothing may be changed
        self.summaries: dict[str, PersonSummary] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(14)
        top = QHBoxLayout()
        title = QLabel(translate("PeopleView", "People"))
        title.setObjectName("h1")
        top.addWidget(title)
        top.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        top.addWidget(self.count_label)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("PeopleView", "Search name, ID or department…"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.import_button = QPushButton(translate("PeopleView", "Import photos…"))
        self.import_button.clicked.connect(self.import_requested.emit)
        bar.addWidget(self.import_button)
        layout.addLayout(bar)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([translate("PeopleView", c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.model.horizontalHeaderItem(4).setToolTip(
            translate("PeopleView", "Template quality: mean quality of the frames averaged")
        )
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table, 1)
        self.health_label = QLabel("")
        self.health_label.setObjectName("hint")
        self.health_label.setWordWrap(True)
        layout.addWidget(self.health_label)

        actions = QHBoxLayout()
        self.edit_button = QPushButton(translate("PeopleView", "Edit"))
        self.reenrol_button = QPushButton(translate("PeopleView", "Re-enrol"))
        self.active_button = QPushButton(translate("PeopleView", "Deactivate"))
        self.export_button = QPushButton(translate("PeopleView", "Export data (GDPR)…"))
        self.export_button.setToolTip(
            translate("PeopleView", "Everything held about this person, as a JSON file (GDPR art. 15)")
        )
        self.delete_button = QPushButton(translate("PeopleView", "Delete…"))
        self.delete_button.setObjectName("danger")
        self.edit_button.clicked.connect(self.edit_selected)
        self.reenrol_button.clicked.connect(self._reenrol)
        self.active_button.clicked.connect(self.toggle_active)
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for b in self._buttons():
            actions.addWidget(b)
        actions.addStretch(1)
        self.message = QLabel("")
        self.message.setObjectName("message")
        actions.addWidget(self.message)
        layout.addLayout(actions)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.edit_button,
            self.reenrol_button,
            self.active_button,
            self.export_button,
            self.delete_button,
        )

    # --- role ---
    def can(self, action: Action) -> bool:
        return self.session is not None and self.session.can(action)

    def set_session(self, session: Session | None) -> None:
        """Show only what the role may do: edit/activate (EDIT_PERSON), re-enrol/import (ENROL),
        export (EXPORT_PERSON_DATA), delete (ERASE_PERSON)."""
        self.session = session
        self.import_button.setVisible(self.can(Action.ENROL))
        self._update_buttons()

    def _require(self, action: Action) -> bool:
        if self.session is None:
            self._say(translate("PeopleView", "Sign in first."), "fail")
            return False
        try:
            self.session.require(action)
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return False
        return True

    # --- data ---
    def refresh(self) -> None:
        selected = self.selected_uuid()
        try:
            summaries = self.ctx.summaries()
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return
        self.summaries = {s.person.uuid: s for s in summaries}
        self.model.setRowCount(0)
        n_erased = sum(1 for s in summaries if s.person.name == ERASED_NAME)
        for s in summaries:
            p = s.person
            if p.name == ERASED_NAME:  # erased: no identity left; the row only holds anonymous records
                continue
            cells = [
                p.name, p.external_id, p.department,
                translate("PeopleView", "Active") if p.active else translate("PeopleView", "Inactive"),
                f"{s.quality:.0%}" if s.templates else translate("PeopleView", "no template"),
                str(s.frames_used), local_text(s.enrolled.astimezone()) if s.enrolled else "",
            ]  # fmt: skip
            row = [QStandardItem(c) for c in cells]
            keys: list[object] = [
                *cells[:4],
                s.quality if s.templates else -1.0,
                s.frames_used,
                s.enrolled_at,
            ]
            for item, key in zip(row, keys, strict=True):  # numbers and times sort as such, not as text
                item.setData(key, SORT_ROLE)
            row[0].setData(p.uuid, UUID_ROLE)
            row[3].setForeground(QBrush(QColor("#1e9e4a") if p.active else QColor("#7a7f87")))
            row[4].setForeground(QBrush(quality_colour(s.quality) if s.templates else QColor("#d93025")))
            self.model.appendRow(row)
        active = sum(1 for s in summaries if s.person.active)
        shown = len(summaries) - n_erased
        text = (
            translate("PeopleView", "1 person, {active} active")
            if shown == 1
            else translate("PeopleView", "{shown} people, {active} active")
        ).format(shown=shown, active=active)
        if n_erased:
            text += translate(
                "PeopleView", " · {n_erased} erased (anonymous attendance records kept)"
            ).format(n_erased=n_erased)
        self.count_label.setText(text)
        if selected:
            self.select(selected)
        self._update_buttons()

    def select(self, person_uuid: str) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(UUID_ROLE) == person_uuid:
                self.table.selectRow(r)
                return

    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return str(rows[0].data(UUID_ROLE)) if rows else None

    def selected(self) -> PersonSummary | None:
        uuid = self.selected_uuid()
        return self.summaries.get(uuid) if uuid else None

    def _update_buttons(self) -> None:
        s = self.selected()
        live = s is not None
        for button, action in (
            (self.edit_button, Action.EDIT_PERSON),
            (self.reenrol_button, Action.ENROL),
            (self.active_button, Action.EDIT_PERSON),
            (self.export_button, Action.EXPORT_PERSON_DATA),
            (self.delete_button, Action.ERASE_PERSON),
        ):
            button.setVisible(self.can(action))
            button.setEnabled(live)
        self.active_button.setText(
            translate("PeopleView", "Activate")
            if s is not None and not s.person.active
            else translate("PeopleView", "Deactivate")
        )
        self._show_health(s)

    def _show_health(self, s: PersonSummary | None) -> None:
        """Recent scores and margins, open doubts, the last refresh (app/core/attendance/health.py)."""
        if s is None:
            self.health_label.setText("")
            return
        try:
            from app.core.attendance.health import recognition_health

            self.health_label.setText(recognition_health(self.ctx, s.person.uuid).text())
        except Exception:  # health is informative only
            log.exception("recognition health not available")
            self.health_label.setText("")

    def _say(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # --- actions ---
    def edit_selected(self) -> None:
        s = self.selected()
        if s is None or s.person.name == ERASED_NAME or not self._require(Action.EDIT_PERSON):
            return
        dialog = EditPersonDialog(s.person, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_edit(dialog.edited())

    def save_edit(self, person: Person) -> bool:
        if not self._require(Action.EDIT_PERSON):
            return False
        try:
            self.ctx.update_person(person, session=self.session)
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return False
        self._say(translate("PeopleView", "Saved {name}.").format(name=person.name), "pass")
        self.refresh()
        return True

    def _reenrol(self) -> None:
        s = self.selected()
        if s is not None and self._require(Action.ENROL):
            self.reenrol_requested.emit(s.person)

    def toggle_active(self) -> None:
        s = self.selected()
        if s is None or not self._require(Action.EDIT_PERSON):
            return
        try:
            self.ctx.set_active(s.person.uuid, not s.person.active, session=self.session)
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return
        self._say(
            (
                translate("PeopleView", "{name} is now inactive.")
                if s.person.active
                else translate("PeopleView", "{name} is now active.")
            ).format(name=s.person.name),
            "pass",
        )
        self.refresh()

    def confirm_delete(self, person: Person) -> bool:
        """Say what erasure removes, what it keeps and why. Tests replace this method."""
        summary = self.summaries.get(person.uuid)
        templates = summary.templates if summary else 1
        kept = KEPT_DELETED if self.ctx.settings.privacy.erasure_events == "delete" else KEPT_PSEUDONYMISED
        kept = translate("PeopleView", kept)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("PeopleView", "Erase person (GDPR)"))
        box.setText(
            translate("PeopleView", ERASE_TEXT).format(
                name=person.name, ident=person.external_id, s="" if templates == 1 else "s", kept=kept
            )
        )
        erase = box.addButton(translate("PeopleView", "Erase"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box
        box.exec()
        return box.clickedButton() is erase

    def delete_selected(self) -> None:
        s = self.selected()
        if s is None or s.person.name == ERASED_NAME or not self._require(Action.ERASE_PERSON):
            return
        if not self.confirm_delete(s.person):
            return
        assert self.session is not None
        try:
            counts = self.ctx.erase_person(s.person.uuid, self.session)
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return
        kept = (
            translate("PeopleView", ", {events} attendance records kept anonymously").format(
                events=counts.events
            )
            if counts.mode == "pseudonymise"
            else ""
        )
        self._say(
            translate("PeopleView", "{name} was erased ({templates} template(s) deleted{kept}).").format(
                name=s.person.name, templates=counts.templates, kept=kept
            ),
            "pass",
        )
        self.refresh()

    def ask_export_path(self, person: Person) -> Path | None:
        """Tests replace this method."""
        safe = "".join(c if c.isalnum() else "-" for c in person.external_id)[:40] or "person"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("PeopleView", "Export personal data (GDPR)"),
            str(Path.home() / f"faceattend-{safe}.json"),
            translate("PeopleView", "JSON (*.json)"),
        )
        return Path(path) if path else None

    def export_selected(self) -> Path | None:
        s = self.selected()
        if s is None or not self._require(Action.EXPORT_PERSON_DATA):
            return None
        path = self.ask_export_path(s.person)
        if path is None:
            return None
        assert self.session is not None
        try:
            data = self.ctx.export_person(s.person.uuid, path, self.session)
        except (FaceAttendError, OSError) as exc:
            text = describe_error(exc) if isinstance(exc, FaceAttendError) else str(exc)
            self._say(translate("PeopleView", "Export failed: {text}").format(text=text), "fail")
            return None
        self._say(
            translate("PeopleView", "Saved {name}: {0} events, {1} template fingerprint(s).").format(
                len(data["attendance_events"]), len(data["templates"]), name=path.name
            ),
            "pass",
        )
        return path
