"""The admin dialogs of the Users page: add a user, reset a PIN, change a role (rules and audit entries are
app/core/policy/access.py's, reached through AppContext; these dialogs only show what it says)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import MIN_PASSWORD_CHARS, MIN_PIN_DIGITS, Role, Session, UserInfo
from app.ui.access.dialogs import _AccessDialog
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

ROLE_TEXT = {
    Role.ADMIN.value: QT_TRANSLATE_NOOP(
        "AdminDialogs", "Admin — everything, including users and the audit log"
    ),
    Role.ENROLLER.value: QT_TRANSLATE_NOOP("AdminDialogs", "Enroller — enrol and edit people"),
    Role.HR.value: QT_TRANSLATE_NOOP("AdminDialogs", "HR — people, reports, corrections"),
    Role.KIOSK.value: QT_TRANSLATE_NOOP("AdminDialogs", "Kiosk — runs the check-in screen only"),
}


def _error_text(exc: Exception) -> str:
    return describe_error(exc) if isinstance(exc, FaceAttendError) else str(exc)


# --- dialogs -----------------------------------------------------------------------------------------
ROLE_NAMES = {
    Role.ADMIN.value: QT_TRANSLATE_NOOP("AdminDialogs", "admin"),
    Role.ENROLLER.value: QT_TRANSLATE_NOOP("AdminDialogs", "enroller"),
    Role.HR.value: QT_TRANSLATE_NOOP("AdminDialogs", "hr"),
    Role.KIOSK.value: QT_TRANSLATE_NOOP("AdminDialogs", "kiosk"),
}


def role_name(role: str) -> str:
    """A role's short name in the UI's language."""
    return translate("AdminDialogs", ROLE_NAMES.get(role, role))


class AdminDialog(_AccessDialog):
    """Base of the Users page dialogs: they act with the signed-in session (closed when the screen locks)."""

    completed = Signal(str)  # what was done, for the page's message

    def __init__(
        self, ctx: AppContext, session: Session, title: str, intro: str, parent: QWidget | None
    ) -> None:
        super().__init__(translate("AdminDialog", "FaceAttend — {title}").format(title=title), intro, parent)
        self.ctx = ctx
        self.actor = session
        self.ok_button = QPushButton(title)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)

    def _role_box(self, current: str = Role.ENROLLER.value) -> QComboBox:
        box = QComboBox()
        for role in Role:
            box.addItem(translate("AdminDialogs", ROLE_TEXT[role.value]), role.value)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def _pins_match(self, pin: str, again: QLineEdit) -> bool:
        if pin != again.text():
            self._say(translate("AdminDialog", "The two PINs differ; type the same PIN twice."), "fail")
            again.clear()
            return False
        return True

    def _run(self, action: Callable[[], None], done_text: str) -> bool:
        try:
            action()
        except (FaceAttendError, ValueError) as exc:  # WeakPinError is both: its text as it is
            self._say(_error_text(exc), "fail")
            return False
        self.completed.emit(done_text)
        self.accept()
        return True

    def submit(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class AddUserDialog(AdminDialog):
    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            session,
            translate("AddUserDialog", "Add user"),
            translate(
                "AddUserDialog",
                "The new user signs in with this name and PIN. The role decides what they can see and do.",
            ),
            parent,
        )
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(translate("AddUserDialog", "e.g. bob"))
        self.role_box = self._role_box()
        self.pin_edit = self._pin_edit(
            translate("AddUserDialog", "{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters").format(
                MIN_PIN_DIGITS=MIN_PIN_DIGITS, MIN_PASSWORD_CHARS=MIN_PASSWORD_CHARS
            )
        )
        self.pin2_edit = self._pin_edit(translate("AddUserDialog", "the same again"))
        self.form.addRow(translate("AddUserDialog", "Name"), self.name_edit)
        self.form.addRow(translate("AddUserDialog", "Role"), self.role_box)
        self.form.addRow(translate("AddUserDialog", "PIN or password"), self.pin_edit)
        self.form.addRow(translate("AddUserDialog", "Repeat"), self.pin2_edit)

    def submit(self) -> bool:
        name, pin, role = (
            self.name_edit.text().strip(),
            self.pin_edit.text(),
            str(self.role_box.currentData()),
        )
        if not name:
            self._say(translate("AddUserDialog", "Enter a name for the new user."), "fail")
            return False
        if not self._pins_match(pin, self.pin2_edit):
            return False
        return self._run(
            lambda: self.ctx.add_user(self.actor, name, role, pin),
            translate("AddUserDialog", "User {name} ({role}) added.").format(name=name, role=role_name(role)),
        )


class ResetPinDialog(AdminDialog):
    def __init__(self, ctx: AppContext, session: Session, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            session,
            translate("ResetPinDialog", "Reset PIN"),
            translate(
                "ResetPinDialog",
                "Set a new PIN for {name}. It also clears a lockout after wrong PINs. "
                "Tell them the new PIN in person.",
            ).format(name=name),
            parent,
        )
        self.name = name
        self.pin_edit = self._pin_edit(
            translate(
                "ResetPinDialog", "{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters"
            ).format(MIN_PIN_DIGITS=MIN_PIN_DIGITS, MIN_PASSWORD_CHARS=MIN_PASSWORD_CHARS)
        )
        self.pin2_edit = self._pin_edit(translate("ResetPinDialog", "the same again"))
        self.form.addRow(translate("ResetPinDialog", "New PIN"), self.pin_edit)
        self.form.addRow(translate("ResetPinDialog", "Repeat"), self.pin2_edit)

    def submit(self) -> bool:
        pin = self.pin_edit.text()
        if not self._pins_match(pin, self.pin2_edit):
            return False
        return self._run(
            lambda: self.ctx.reset_user_pin(self.actor, self.name, pin),
            translate("ResetPinDialog", "PIN of {name} changed.").format(name=self.name),
        )


class RoleDialog(AdminDialog):
    def __init__(
        self, ctx: AppContext, session: Session, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            session,
            translate("RoleDialog", "Change role"),
            translate("RoleDialog", "{name} is {role} now. Choose the new role.").format(
                name=user.name, role=role_name(user.role)
            ),
            parent,
        )
        self.user = user
        self.role_box = self._role_box(user.role)
        self.form.addRow(translate("RoleDialog", "Role"), self.role_box)

    @property
    def role(self) -> str:
        return str(self.role_box.currentData())

    def submit(self) -> bool:
        role = self.role
        if role == self.user.role:
            self.reject()
            return False
        return self._run(
            lambda: self.ctx.set_user_role(self.actor, self.user.name, role),
            translate("RoleDialog", "{name} is now {role}.").format(
                name=self.user.name, role=role_name(role)
            ),
        )
