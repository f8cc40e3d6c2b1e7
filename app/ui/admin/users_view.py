"""The Users page (admins): accounts with role, state and last sign-in; add, change role, reset PIN,
deactivate / reactivate. Every rule (PIN policy, last active admin, oneself) is core/policy/access.py's."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Session, UserInfo
from app.ui.access.dialogs import say
from app.ui.admin.dialogs import AddUserDialog, AdminDialog, ResetPinDialog, RoleDialog, role_name
from app.ui.common.core_texts import describe_error, local_text
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

STATE_TEXT = {
    "active": QT_TRANSLATE_NOOP("UsersView", "Active"),
    "locked": QT_TRANSLATE_NOOP("UsersView", "Locked (wrong PINs)"),
    "deactivated": QT_TRANSLATE_NOOP("UsersView", "Deactivated"),
}
STATE_COLOUR = {"active": "#14733a", "locked": "#b07900", "deactivated": "#b3261e"}


# --- Users page --------------------------------------------------------------------------------------
class UsersView(QWidget):
    """The local accounts. Admins only (MANAGE_USERS): the page is hidden for other roles, and every call
    is checked again in app/core/policy/access.py."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("UsersView", "Name"),
        QT_TRANSLATE_NOOP("UsersView", "Role"),
        QT_TRANSLATE_NOOP("UsersView", "State"),
        QT_TRANSLATE_NOOP("UsersView", "Last sign-in"),
    )
    session_changed = Signal(object)  # Session: the signed-in admin changed their own role

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        self.users: list[UserInfo] = []
        self.dialog: AdminDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        hint = QLabel(
            translate(
                "UsersView",
                "Who may sign in on this workstation, and with which role. A deactivated account cannot sign "
                "in until it is reactivated. Every change is written to the audit log.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        bar = QHBoxLayout()
        self.add_button = QPushButton(translate("UsersView", "Add user…"))
        self.add_button.setObjectName("primary")
        self.role_button = QPushButton(translate("UsersView", "Change role…"))
        self.pin_button = QPushButton(translate("UsersView", "Reset PIN…"))
        self.active_button = QPushButton(translate("UsersView", "Deactivate"))
        self.active_button.setObjectName("danger")
        for button in (self.add_button, self.role_button, self.pin_button, self.active_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("UsersView", c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.open_add)
        self.role_button.clicked.connect(self.open_role)
        self.pin_button.clicked.connect(self.open_reset_pin)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_session(self, session: Session) -> None:
        self.session = session
        if self.isVisible() or not session.can(Action.MANAGE_USERS):
            self.refresh()  # a role without the page keeps nothing of the last admin's table

    def refresh(self) -> None:
        selected = self.selected()
        if self.session is None:
            return
        if not self.session.can(Action.MANAGE_USERS):
            self.users = []
            self.table.setRowCount(0)
            self._update_buttons()
            return
        try:
            self.users = self.ctx.list_users(self.session)
        except FaceAttendError as exc:
            self.users = []
            say(self.message, describe_error(exc), "fail")
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            you = translate("UsersView", " (you)") if user.name == self.session.name else ""
            state = translate("UsersView", STATE_TEXT[user.state])
            if user.state == "locked" and user.locked_until is not None:
                state = translate("UsersView", "Locked until {0:%H:%M}").format(
                    user.locked_until.astimezone()
                )
            last = user.last_login_at
            cells = (
                user.name + you,
                role_name(user.role),
                state,
                local_text(last.astimezone()) if last else translate("UsersView", "never"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setForeground(QBrush(QColor(STATE_COLOUR[user.state])))
                self.table.setItem(row, col, item)
        if selected is not None:
            self.select(selected.name)
        self._update_buttons()

    def select(self, name: str) -> bool:
        for row, user in enumerate(self.users):
            if user.name == name:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.role_button, self.pin_button, self.active_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.pin_button.setEnabled(user.active)
            self.active_button.setText(
                translate("UsersView", "Deactivate") if user.active else translate("UsersView", "Reactivate")
            )
            self.active_button.setObjectName("danger" if user.active else "")
            self.active_button.style().unpolish(self.active_button)
            self.active_button.style().polish(self.active_button)

    # --- actions (dialogs are non-blocking: tests and the lock screen drive or close them) ---
    def _show(self, dialog: AdminDialog) -> AdminDialog:
        self.dialog = dialog
        dialog.completed.connect(self._done)
        dialog.open()
        return dialog

    def _done(self, text: str) -> None:
        say(self.message, text, "pass")
        self.refresh()

    def open_add(self) -> AdminDialog | None:
        if self.session is None:
            return None
        return self._show(AddUserDialog(self.ctx, self.session, self))

    def open_reset_pin(self) -> AdminDialog | None:
        user = self.selected()
        if self.session is None or user is None:
            return None
        return self._show(ResetPinDialog(self.ctx, self.session, user.name, self))

    def open_role(self) -> AdminDialog | None:
        user = self.selected()
        if self.session is None or user is None:
            return None
        dialog = RoleDialog(self.ctx, self.session, user, self)
        if user.name == self.session.name:
            dialog.completed.connect(lambda _text: self._own_role_changed(dialog.role))
        return self._show(dialog)

    def _own_role_changed(self, role: str) -> None:
        if self.session is None:
            return
        session = replace(self.session, user=replace(self.session.user, role=role))
        self.session_changed.emit(session)

    def confirm(self, text: str) -> bool:
        """Asked before deactivating (tests replace it)."""
        answer = QMessageBox.question(
            self,
            translate("UsersView", "FaceAttend — Deactivate"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def toggle_active(self) -> bool:
        user = self.selected()
        if self.session is None or user is None:
            return False
        if user.active and not self.confirm(
            translate(
                "UsersView", "Deactivate {name}? They cannot sign in until an admin reactivates the account."
            ).format(name=user.name)
        ):
            return False
        try:
            self.ctx.set_user_active(self.session, user.name, not user.active)
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return False
        self._done(f"{user.name} {'deactivated' if user.active else 'reactivated'}.")
        return True
