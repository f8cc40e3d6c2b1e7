"""The database passphrase dialog (machines without an OS keyring).

A new database: the passphrase typed twice, with a strength hint; OK only when both match and the
storage's minimum length is met. An existing database: typed once. The message wraps, so the dialog fits
a 1366 × 768 laptop whatever the path in it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.policy.passphrase import strength
from app.ui.common.core_texts import core_text
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate

DIALOG_WIDTH = 520  # px: the message wraps at this width instead of widening the dialog

NEW_INTRO = QT_TRANSLATE_NOOP(
    "PassphraseDialog",
    "This computer has no password keyring, so the new FaceAttend database is protected by a passphrase. "
    "It is needed every time FaceAttend starts and cannot be recovered: write it down and keep it safe.",
)


class PassphraseDialog(QDialog):
    def __init__(self, message: str, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(translate("PassphraseDialog", "FaceAttend — database passphrase"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # the wrapped text's height counts
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        heading = QLabel(
            translate("PassphraseDialog", "Choose a database passphrase")
            if new
            else translate("PassphraseDialog", "Database passphrase")
        )
        heading.setObjectName("h1")
        layout.addWidget(heading)
        self.intro = QLabel(translate("PassphraseDialog", NEW_INTRO) if new else message)
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.intro.setFixedWidth(DIALOG_WIDTH - 48)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("PassphraseDialog", "Passphrase"), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(translate("PassphraseDialog", "Repeat it"), self.second)
        layout.addLayout(form)
        self.hint = QLabel("")
        self.hint.setObjectName("message")
        self.hint.setWordWrap(True)
        self.hint.setFixedWidth(DIALOG_WIDTH - 48)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        text = self.first.text()
        if not self.new:
            self.ok_button.setEnabled(bool(text))
            return
        rating = strength(text)
        if not text:
            message = translate("PassphraseDialog", "Type the passphrase twice.")
        elif not rating.acceptable:
            message = core_text(rating.hint)
        elif self.second.text() and self.second.text() != text:
            message = translate("PassphraseDialog", "Strength: {label}. The two entries differ.").format(
                label=core_text(rating.label)
            )
        else:
            message = (
                translate("PassphraseDialog", "Strength: {label}. {hint}")
                .format(label=core_text(rating.label), hint=core_text(rating.hint))
                .strip()
            )
        self.hint.setText(message)
        self.ok_button.setEnabled(rating.acceptable and self.second.text() == text)


def ask_passphrase(message: str, new: bool, parent: QWidget | None = None) -> str | None:
    """The passphrase typed (twice when `new`), or None when the user cancelled."""
    dialog = PassphraseDialog(message, new, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()
