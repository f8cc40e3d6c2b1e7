"""Cloud sync in the main window: the top-bar indicator (state, queue, last success, "Sync now") and the
Settings page's admin-only "Cloud sync" group (URL + device API key + end-to-end, or disable).

The SyncService lives in the AppContext (ctx.sync); its status callback runs on the sync thread, so
SyncBridge re-emits it as a Qt signal (queued to the UI thread). Nothing here touches storage.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.context import AppContext
from app.core.errors import FaceAttendError
from app.core.policy.access import Action, Session
from app.core.sync.client import SyncStatus
from app.ui.access.dialogs import say
from app.ui.common.core_texts import describe_error, short_date
from app.ui.common.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.common.plain_text import plain_tooltip

log = logging.getLogger(__name__)

REFRESH_MS = 15_000
STATE_WORDS = {
    "off": QT_TRANSLATE_NOOP("SyncPanel", "off"),
    "idle": QT_TRANSLATE_NOOP("SyncPanel", "up to date"),
    "offline": QT_TRANSLATE_NOOP("SyncPanel", "offline"),
    "auth_failed": QT_TRANSLATE_NOOP("SyncPanel", "key refused"),
    "error": QT_TRANSLATE_NOOP("SyncPanel", "error"),
}


def describe_status(status: SyncStatus) -> str:
    """One line for the top bar: "Sync: up to date · 0 queued · last 14:02"."""
    if status.state == "off":
        return translate("SyncPanel", "Sync: off")
    parts = [
        translate("SyncPanel", "Sync: {0}").format(
            translate("SyncPanel", STATE_WORDS.get(status.state, status.state))
        ),
        translate("SyncPanel", "{queue_length} queued").format(queue_length=status.queue_length),
    ]
    if status.last_success_at is not None:
        last = _local(status.last_success_at)
        today = datetime.now(last.tzinfo).date() == last.date()
        parts.append(
            translate("SyncPanel", "last {last:%H:%M}").format(last=last)
            if today
            else translate("SyncPanel", "last {day} {time}").format(
                day=short_date(last.date()), time=f"{last:%H:%M}"
            )
        )
    else:
        parts.append(translate("SyncPanel", "never synced"))
    return " · ".join(parts)


def _local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo is not None else moment


class SyncBridge(QObject):
    """Marshals the context's sync-thread callback to the UI thread."""

    status_changed = Signal(object)  # SyncStatus

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.add_sync_listener(self._from_sync_thread)

    def _from_sync_thread(self, status: SyncStatus) -> None:
        try:
            self.status_changed.emit(status)
        except RuntimeError:  # the window is gone while a pass ended
            self.ctx.remove_sync_listener(self._from_sync_thread)

    def detach(self) -> None:
        self.ctx.remove_sync_listener(self._from_sync_thread)


class SyncIndicator(QWidget):
    """Top-bar: a state label (tool tip: last error) and "Sync now"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status: SyncStatus = ctx.sync_status()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.label.setObjectName("syncStatus")
        layout.addWidget(self.label)
        self.sync_now_button = QPushButton(translate("SyncIndicator", "Sync now"))
        self.sync_now_button.setObjectName("syncNow")
        self.sync_now_button.setToolTip(
            translate("SyncIndicator", "Push queued changes and pull the other sites' changes now")
        )
        self.sync_now_button.clicked.connect(self.sync_now)
        self.sync_now_button.setMinimumWidth(
            self.sync_now_button.fontMetrics().horizontalAdvance(translate("SyncIndicator", "Sync now")) + 40
        )
        layout.addWidget(self.sync_now_button)
        self.bridge = SyncBridge(ctx, self)
        self.bridge.status_changed.connect(self.show_status)
        self.timer = QTimer(self)  # the queue grows between passes (enrolments, check-ins)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.show_status(self.status)

    def refresh(self) -> None:
        try:
            self.show_status(self.ctx.sync_status())
        except Exception as exc:  # a closed database while quitting
            log.debug("sync status not refreshed: %s", exc)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.label.setText(describe_status(status))
        self.label.setProperty("state", status.state)
        tip = (
            translate("SyncIndicator", "Last error: {last_error}").format(last_error=status.last_error)
            if status.last_error
            else translate("SyncIndicator", "Cloud sync")
        )
        if status.rejected:
            tip += translate("SyncIndicator", "\n{0} item(s) refused by the service").format(
                len(status.rejected)
            )
        self.label.setToolTip(plain_tooltip(tip))  # the service's error text is not ours to render
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(self.label.text()) + 12)
        self.sync_now_button.setEnabled(status.state != "off")

    def sync_now(self) -> None:
        self.ctx.sync_now()
        self.label.setText(describe_status(self.status) + translate("SyncIndicator", " · syncing…"))

    def stop(self) -> None:
        self.timer.stop()
        self.bridge.detach()


class SyncSettingsGroup(QGroupBox):
    """Settings → "Cloud sync": shown to roles with SYNC_KEY_CHANGE (admins) only."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SyncSettingsGroup", "Cloud sync"), parent)
        self.setObjectName("cloudSync")
        self.ctx = ctx
        self.session: Session | None = None
        form = QFormLayout(self)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://sync.example.org")
        self.url_edit.setMaximumWidth(420)
        form.addRow(translate("SyncSettingsGroup", "Service URL"), self.url_edit)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(
            translate("SyncSettingsGroup", "device API key (kept in the OS keyring)")
        )
        self.key_edit.setMaximumWidth(420)
        form.addRow(translate("SyncSettingsGroup", "Device API key"), self.key_edit)
        self.e2e_box = QCheckBox(
            translate(
                "SyncSettingsGroup", "End-to-end: templates encrypted on this device (no server-side search)"
            )
        )
        form.addRow("", self.e2e_box)
        row = QHBoxLayout()
        self.connect_button = QPushButton(translate("SyncSettingsGroup", "Save and connect"))
        self.connect_button.clicked.connect(self.configure)
        row.addWidget(self.connect_button)
        self.disable_button = QPushButton(translate("SyncSettingsGroup", "Disable sync"))
        self.disable_button.clicked.connect(self.disable)
        row.addWidget(self.disable_button)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        form.addRow(row)
        self.load()

    def set_session(self, session: Session) -> None:
        self.session = session
        self.setVisible(session.can(Action.SYNC_KEY_CHANGE))

    def load(self) -> None:
        config = self.ctx.sync_config()
        self.url_edit.setText(config.url if config else "")
        self.e2e_box.setChecked(bool(config and config.e2e))
        self.key_edit.clear()
        self.disable_button.setEnabled(config is not None)

    def configure(self) -> bool:
        if self.session is None:
            return False
        url, key = self.url_edit.text().strip(), self.key_edit.text().strip()
        if not url or not key:
            say(
                self.message,
                translate("SyncSettingsGroup", "Enter the service URL and the device API key."),
                "fail",
            )
            return False
        try:
            queued = self.ctx.configure_sync(self.session, url, key, e2e=self.e2e_box.isChecked())
        except (FaceAttendError, ValueError) as exc:
            say(self.message, describe_error(exc), "fail")
            return False
        self.load()
        say(
            self.message,
            translate(
                "SyncSettingsGroup", "Sync on; {queued} existing record(s) queued. Recorded in the audit log."
            ).format(queued=queued),
            "pass",
        )
        self.changed.emit()
        return True

    def disable(self) -> bool:
        if self.session is None:
            return False
        try:
            self.ctx.disable_sync(self.session)
        except FaceAttendError as exc:
            say(self.message, describe_error(exc), "fail")
            return False
        self.load()
        say(
            self.message,
            translate("SyncSettingsGroup", "Sync off; the API key was removed from the keyring."),
            "info",
        )
        self.changed.emit()
        return True
