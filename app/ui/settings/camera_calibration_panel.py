"""The Settings page's "Camera calibration" group: each camera's passive liveness calibration state
("learning: 3 of 10 sessions", "calibrated: threshold 0.42") and an admin-only Reset (audited).

The rule and the record live in app/core/liveness/camera_record.py; nothing here touches storage.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.context import AppContext
from app.core.liveness.camera_calibration import CalibrationState, CameraKey
from app.core.liveness.camera_record import CalibrationAdmin, CameraStatus
from app.core.policy.access import Action, Session
from app.ui.access.dialogs import say
from app.ui.common.core_texts import describe_error
from app.ui.common.i18n import translate

log = logging.getLogger(__name__)


def state_text(state: CalibrationState) -> str:
    """The state of one camera in the user's language (CalibrationState.label is the log's English)."""
    if not state.calibrated:
        return translate("CameraCalibrationGroup", "learning: {sessions} of {needed} sessions").format(
            sessions=state.sessions, needed=state.needed
        )
    return translate(
        "CameraCalibrationGroup", "calibrated: threshold {threshold} ({sessions} sessions)"
    ).format(threshold=QLocale().toString(state.threshold, "f", 2), sessions=state.sessions)


class CameraCalibrationGroup(QGroupBox):
    """One row per camera with a record: its name, its state, Reset."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("CameraCalibrationGroup", "Camera calibration (liveness)"), parent)
        self.admin = CalibrationAdmin(ctx)
        self.session: Session | None = None
        self.rows: dict[CameraKey, tuple[QLabel, QPushButton]] = {}
        layout = QVBoxLayout(self)
        hint = QLabel(
            translate(
                "CameraCalibrationGroup",
                "Each camera learns its own live-face scores from enrolments and confident check-ins; "
                "the liveness threshold then follows that camera, never below the level set on attack data.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list_box = QVBoxLayout()
        layout.addLayout(self.list_box)
        self.message = QLabel("")
        self.message.setObjectName("message")
        layout.addWidget(self.message)
        self.refresh()

    def set_session(self, session: Session) -> None:
        self.session = session
        for _, button in self.rows.values():
            button.setEnabled(session.can(Action.CHANGE_SETTINGS))

    def statuses(self) -> list[CameraStatus]:
        try:
            return self.admin.statuses()
        except Exception as exc:
            log.exception("camera calibration not read")
            say(
                self.message,
                translate("CameraCalibrationGroup", "Camera calibration could not be read: {0}").format(
                    describe_error(exc)
                ),
                "fail",
            )
            return []

    def refresh(self) -> None:
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone at once (deleteLater alone leaves it until the event loop)
                widget.deleteLater()
        self.rows.clear()
        statuses = self.statuses()
        if not statuses:
            empty = QLabel(
                translate(
                    "CameraCalibrationGroup",
                    "No camera has recorded a session yet: every camera uses the shipped threshold.",
                )
            )
            empty.setWordWrap(True)
            self.list_box.addWidget(empty)
        for status in statuses:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(QLabel(str(status.key)), 1)
            state = QLabel(state_text(status.state))
            state.setObjectName("cameraCalibrationState")
            line.addWidget(state, 1)
            button = QPushButton(translate("CameraCalibrationGroup", "Reset"))
            button.setEnabled(self.session is not None and self.session.can(Action.CHANGE_SETTINGS))
            button.clicked.connect(lambda _=False, key=status.key: self.reset(key))
            line.addWidget(button)
            self.rows[status.key] = (state, button)
            self.list_box.addWidget(row)

    def reset(self, key: CameraKey) -> None:
        if self.session is None:
            say(
                self.message,
                translate("CameraCalibrationGroup", "Sign in as an administrator to reset a camera."),
                "fail",
            )
            return
        try:
            dropped = self.admin.reset(self.session, key)
        except Exception as exc:
            say(self.message, describe_error(exc), "fail")
            return
        self.refresh()
        say(
            self.message,
            translate(
                "CameraCalibrationGroup", "{key}: calibration reset ({dropped} sessions forgotten)."
            ).format(key=key, dropped=dropped),
            "pass",
        )
