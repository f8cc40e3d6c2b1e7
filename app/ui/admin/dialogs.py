"""The admin dialogs of the Users page: add a user, reset a PIN, change a role (rules and audit entries are
app/core/policy/access.py's, reached through AppContext; these dialogs only show what it says)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from app.core.context import AppContext, describe_error
from app.core.errors import FaceAttendError
from app.core.policy.access import MIN_PASSWORD_CHARS, MIN_PIN_DIGITS, Role, Session, UserInfo
from app.ui.access.dialogs import _AccessDialog

log = logging.getLogger(__name__)

ROLE_TEXT = {
    Role.ADMIN.value: "Admin — everything, including users and the audit log",
    Role.ENROLLER.value: "Enroller — enrol and edit people",
    Role.HR.value: "HR — people, reports, corrections",
    Role.KIOSK.value: "Kiosk — runs the check-in screen only",
}


def _error_text(exc: Exception) -> str:
    return describe_error(exc) if isinstance(exc, FaceAttendError) else str(exc)


# --- dialogs -----------------------------------------------------------------------------------------
class AdminDialog(_AccessDialog):
    """Base of the Users page dialogs: they act with the signed-in session (closed when the screen locks)."""

    completed = Signal(str)  # what was done, for the page's message

    def __init__(
        self, ctx: AppContext, session: Session, title: str, intro: str, parent: QWidget | None
    ) -> None:
        super().__init__(f"FaceAttend — {title}", intro, parent)
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
            box.addItem(ROLE_TEXT[role.value], role.value)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def _pins_match(self, pin: str, again: QLineEdit) -> bool:
        if pin != again.text():
            self._say("The two PINs differ; type the same PIN twice.", "fail")
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
            "Add user",
            "The new user signs in with this name and PIN. The role decides what they can see and do.",
            parent,
        )
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. bob")
        self.role_box = self._role_box()
        self.pin_edit = self._pin_edit(f"{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters")
        self.pin2_edit = self._pin_edit("the same again")
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Role", self.role_box)
        self.form.addRow("PIN or password", self.pin_edit)
        self.form.addRow("Repeat", self.pin2_edit)

    def submit(self) -> bool:
        name, pin, role = (
            self.name_edit.text().strip(),
            self.pin_edit.text(),
            str(self.role_box.currentData()),
        )
        if not name:
            self._say("Enter a name for the new user.", "fail")
            return False
        if not self._pins_match(pin, self.pin2_edit):
            return False
        return self._run(
            lambda: self.ctx.add_user(self.actor, name, role, pin), f"User {name} ({role}) added."
        )


class ResetPinDialog(AdminDialog):
    def __init__(self, ctx: AppContext, session: Session, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            session,
            "Reset PIN",
            f"Set a new PIN for {name}. It also clears a lockout after wrong PINs. Tell them the new PIN "
            "in person.",
            parent,
        )
        self.name = name
        self.pin_edit = self._pin_edit(f"{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters")
        self.pin2_edit = self._pin_edit("the same again")
        self.form.addRow("New PIN", self.pin_edit)
        self.form.addRow("Repeat", self.pin2_edit)

    def submit(self) -> bool:
        pin = self.pin_edit.text()
        if not self._pins_match(pin, self.pin2_edit):
            return False
        return self._run(
            lambda: self.ctx.reset_user_pin(self.actor, self.name, pin), f"PIN of {self.name} changed."
        )


class RoleDialog(AdminDialog):
    def __init__(
        self, ctx: AppContext, session: Session, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, session, "Change role", f"{user.name} is {user.role} now. Choose the new role.", parent
        )
        self.user = user
        self.role_box = self._role_box(user.role)
        self.form.addRow("Role", self.role_box)

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
            f"{self.user.name} is now {role}.",
        )
