"""Sign-in: the first-run wizard (creates the admin), the sign-in / unlock dialog, and the activity filter
that keeps a session alive while someone uses the app. Only AppContext is called (never the store)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.context import AppContext
from app.core.errors import AccountLocked, AuthenticationFailed, FaceAttendError, WeakPinError
from app.core.policy.access import MIN_PASSWORD_CHARS, MIN_PIN_DIGITS, Session
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)


def say(label: QLabel, text: str, kind: str) -> None:
    """Show `text` in a #message label styled by `kind` (pass / fail / info)."""
    label.setText(text)
    label.setProperty("kind", kind)
    label.style().unpolish(label)
    label.style().polish(label)


class _AccessDialog(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.session: Session | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        heading = QLabel(title.split(" — ")[-1])
        heading.setObjectName("h1")
        layout.addWidget(heading)
        text = QLabel(intro)
        text.setObjectName("hint")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        layout.addLayout(self.form)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        layout.addWidget(self.buttons)

    def _say(self, text: str, kind: str = "fail") -> None:
        say(self.message, text, kind)
        self.adjustSize()  # a wrapped message needs more height

    def _pin_edit(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(placeholder)
        return edit


class FirstRunWizard(_AccessDialog):
    """No admin yet: create one (name + PIN twice). The PIN policy's message is shown as it is."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("FirstRunWizard", "FaceAttend — Create the administrator"),
            translate(
                "FirstRunWizard",
                "This is the first start. Create the administrator account: it can enrol, erase people, "
                "run reports, change settings and add the other users (enroller, HR, kiosk).",
            ),
            parent,
        )
        self.ctx = ctx
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(translate("FirstRunWizard", "e.g. alice"))
        self.pin_edit = self._pin_edit(
            translate(
                "FirstRunWizard", "{MIN_PIN_DIGITS}+ digits or {MIN_PASSWORD_CHARS}+ characters"
            ).format(MIN_PIN_DIGITS=MIN_PIN_DIGITS, MIN_PASSWORD_CHARS=MIN_PASSWORD_CHARS)
        )
        self.pin2_edit = self._pin_edit(translate("FirstRunWizard", "the same again"))
        self.form.addRow(translate("FirstRunWizard", "Admin name"), self.name_edit)
        self.form.addRow(translate("FirstRunWizard", "PIN or password"), self.pin_edit)
        self.form.addRow(translate("FirstRunWizard", "Repeat"), self.pin2_edit)
        self.create_button = QPushButton(translate("FirstRunWizard", "Create administrator"))
        self.create_button.setDefault(True)
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.submit)

    def submit(self) -> bool:
        name, pin = self.name_edit.text().strip(), self.pin_edit.text()
        if not name:
            self._say(translate("FirstRunWizard", "Enter a name for the administrator."), "fail")
            return False
        if pin != self.pin2_edit.text():
            self._say(translate("FirstRunWizard", "The two PINs differ; type the same PIN twice."), "fail")
            self.pin2_edit.clear()
            return False
        try:
            self.session = self.ctx.create_first_admin(name, pin)
        except WeakPinError as exc:
            self._say(str(exc), "fail")
            return False
        except (FaceAttendError, ValueError) as exc:
            self._say(describe_error(exc) if isinstance(exc, FaceAttendError) else str(exc), "fail")
            return False
        log.info("first admin %s created", name)
        self.accept()
        return True


class SignInDialog(_AccessDialog):
    """Name + PIN. Locked accounts show until when; wrong PINs say so. `locked_user` makes it the unlock
    dialog of an idle session (the name is prefilled; another user may still sign in)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, locked_user: str = "") -> None:
        super().__init__(
            translate("SignInDialog", "FaceAttend — Locked")
            if locked_user
            else translate("SignInDialog", "FaceAttend — Sign in"),
            translate(
                "SignInDialog",
                "The screen of {locked_user} is locked (after 15 minutes without activity, or by “Lock”). "
                "Enter the PIN to continue, or sign in as another user.",
            ).format(locked_user=locked_user)
            if locked_user
            else translate(
                "SignInDialog",
                "Sign in with your name and PIN. What you can see and do depends on your role.",
            ),
            parent,
        )
        self.ctx = ctx
        self.name_edit = QLineEdit(locked_user)
        self.name_edit.setPlaceholderText(translate("SignInDialog", "user name"))
        self.pin_edit = self._pin_edit(translate("SignInDialog", "PIN or password"))
        self.form.addRow(translate("SignInDialog", "Name"), self.name_edit)
        self.form.addRow(translate("SignInDialog", "PIN"), self.pin_edit)
        self.sign_in_button = QPushButton(
            translate("SignInDialog", "Unlock") if locked_user else translate("SignInDialog", "Sign in")
        )
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(
            QDialogButtonBox.StandardButton.Close if locked_user else QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        self.sign_in_button.clicked.connect(self.submit)
        (self.pin_edit if locked_user else self.name_edit).setFocus()

    def submit(self) -> bool:
        name, pin = self.name_edit.text().strip(), self.pin_edit.text()
        if not name or not pin:
            self._say(translate("SignInDialog", "Enter your name and PIN."), "fail")
            return False
        try:
            self.session = self.ctx.login(name, pin)
        except AccountLocked as exc:
            self._say(str(exc), "fail")
            self.pin_edit.clear()
            return False
        except AuthenticationFailed as exc:
            self._say(
                translate("SignInDialog", "{exc} Several wrong PINs lock the account for a while.").format(
                    exc=exc
                ),
                "fail",
            )
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            return False
        except FaceAttendError as exc:
            self._say(describe_error(exc), "fail")
            return False
        log.info("signed in: %s (%s)", self.session.name, self.session.role)
        self.accept()
        return True


class ActivityFilter(QObject):
    """Installed on the QApplication: any key press or mouse click/wheel counts as activity."""

    ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, session: Session | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.paused = False  # while locked, input to the unlock dialog must not revive the old session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        session = self.session
        active = session is not None and not self.paused and event.type() in self.ACTIVITY
        if active and session is not None and not session.expired():  # expired: only the PIN revives it
            session.touch()
        return False


def run_sign_in(ctx: AppContext, parent: QWidget | None = None) -> Session | None:
    """First run → the wizard (its admin is signed in); else the sign-in dialog. None: the user gave up."""
    if ctx.needs_first_admin():
        wizard = FirstRunWizard(ctx, parent)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return wizard.session
    dialog = SignInDialog(ctx, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.session
